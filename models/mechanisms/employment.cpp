#include "models/mechanisms/employment.hpp"

#include <limits>

namespace drempel {

Employment::Employment(const ModelParameters& p)
    : p_(p.jobs), contract_cdf_(cumulative(p.jobs.contract_share)) {}

std::uint32_t Employment::job_months(const RandomWords& w, int contract, int readiness) const {
  const double factor = p_.end_factor_by_readiness[static_cast<std::size_t>(readiness)];
  const auto c = static_cast<std::size_t>(contract);
  const std::array<double, 3> chance = {std::min(1.0, p_.end_first_half_year[c] * factor),
                                        std::min(1.0, p_.end_second_half_year[c] * factor),
                                        std::min(1.0, p_.end_after_first_year[c] * factor)};
  // A constant monthly chance within each period: the month of ending within it, if any, is
  // geometric, and a job that outlasts a period starts the next one afresh (no memory).
  constexpr std::array<std::uint64_t, 3> begins = {0, 6, 12};
  constexpr std::uint64_t kNever = std::numeric_limits<std::uint64_t>::max();
  for (std::size_t k = 0; k < 3; ++k) {
    const std::uint64_t length = k < 2 ? 6 : kNever;
    if (!(chance[k] > 0.0)) {
      if (k == 2) return 0;
      continue;
    }
    const std::uint64_t month = 1 + geometric(w[k + 1], chance[k]);
    if (month <= length) {
      const std::uint64_t total = begins[k] + month;
      return total <= static_cast<std::uint64_t>(p_.follow_months)
                 ? static_cast<std::uint32_t>(total)
                 : 0;
    }
  }
  return 0;
}

void Employment::start_job(const ClientMonth& x, const RandomStreams& streams,
                           std::uint16_t& end_month, std::uint8_t& end_stage) const {
  const RandomWords w = streams.words(x.i, x.month, kStreamWork, 1);
  const int contract = static_cast<int>(categorical(w[0], contract_cdf_));
  const std::uint32_t months = job_months(w, contract, x.readiness);
  end_month = months == 0 ? std::uint16_t{0xffff} : static_cast<std::uint16_t>(x.month + months);
  const bool benefit = months >= static_cast<std::uint32_t>(p_.benefit_after_months);
  const bool reapply =
      !benefit && bernoulli(streams.words(x.i, x.month, kStreamWork, 2)[0], p_.reapply_share);
  end_stage = reapply ? std::uint8_t{kIntake} : std::uint8_t{kExited};
}

}  // namespace drempel

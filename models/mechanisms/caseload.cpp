#include "models/mechanisms/caseload.hpp"

#include <limits>

namespace drempel {

Caseload::Caseload(const ModelParameters& p)
    : months_total_(static_cast<std::size_t>(p.months)),
      cells_(p.regions.size() * static_cast<std::size_t>(p.months)),
      leefloon_(p.leefloon_eur_per_month),
      cohort_in_work_(std::make_unique<std::atomic<std::int64_t>[]>(cells_)) {}

void Caseload::start_replicate() {
  for (std::size_t c = 0; c < cells_; ++c) cohort_in_work_[c].store(0, std::memory_order_relaxed);
}

// Share of the clients who arrived 12 months before month m in region g who are in work at the
// end of month m (NaN before month 12 or without arrivals).
double Caseload::in_work_share(const RegionMonth& r) const {
  const int cohort = r.m - 12;
  if (cohort < 0) return std::numeric_limits<double>::quiet_NaN();
  const auto gi = static_cast<std::int32_t>(r.g);
  const double arrived = static_cast<double>(r.arrivals.at(cohort, gi, kOriginOrdinary)) +
                         static_cast<double>(r.arrivals.at(cohort, gi, kOriginReform));
  if (arrived <= 0) return std::numeric_limits<double>::quiet_NaN();
  const std::int64_t employed =
      cohort_in_work_[r.g * months_total_ + static_cast<std::size_t>(cohort)].load(
          std::memory_order_relaxed);
  return static_cast<double>(employed) / arrived;
}

void Caseload::finish(const RegionMonth& r, const double* s, double* out) const {
  const std::size_t regions = r.p.regions.size();
  const auto gi = static_cast<std::int32_t>(r.g);
  out[0] = s[kSumActive];
  out[1] = s[kSumCrisis];
  out[2] = r.arrivals.reform_losses[static_cast<std::size_t>(r.m) * regions + r.g];
  out[3] = static_cast<double>(r.arrivals.at(r.m, gi, kOriginReform));
  out[4] = static_cast<double>(r.arrivals.at(r.m, gi, kOriginOrdinary));
  out[5] = s[kSumLeefloon];
  out[6] = s[kSumLeefloon] * r.p.regions[r.g].leefloon_federal_share;
  out[7] = moral_tension(s);
  out[8] = in_work_share(r);
}

}  // namespace drempel

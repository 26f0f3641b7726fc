#include "models/mechanisms/programmes.hpp"

#include <limits>

namespace drempel {

Programmes::Programmes(const ModelParameters& p)
    : hours_{0.0, p.programmes[0].caseworker_hours, p.programmes[1].caseworker_hours,
             p.programmes[2].caseworker_hours, 0.0},
      months_{0, static_cast<std::uint8_t>(std::min(255, p.programmes[0].months)),
              static_cast<std::uint8_t>(std::min(255, p.programmes[1].months)),
              static_cast<std::uint8_t>(std::min(255, p.programmes[2].months)), 0},
      direct_hire_(bernoulli_threshold(p.art60_direct_hire_share)),
      follow_months_(static_cast<std::uint8_t>(std::min(255, p.after_art60_follow_months))),
      months_total_(static_cast<std::size_t>(p.months)),
      cells_(p.regions.size() * static_cast<std::size_t>(p.months)),
      art60_cost_(p.art60_net_cost_eur_per_month),
      wijk_hours_(p.wijk_werken_hours_per_month),
      ended_(std::make_unique<std::atomic<std::int64_t>[]>(cells_)),
      work6_(std::make_unique<std::atomic<std::int64_t>[]>(cells_)),
      work12_(std::make_unique<std::atomic<std::int64_t>[]>(cells_)) {
  for (const auto& g : p.regions) places_.push_back(programme_places(p, g));
}

void Programmes::start_replicate() {
  for (std::size_t c = 0; c < cells_; ++c) {
    ended_[c].store(0, std::memory_order_relaxed);
    work6_[c].store(0, std::memory_order_relaxed);
    work12_[c].store(0, std::memory_order_relaxed);
  }
}

double Programmes::cohort_share(const std::unique_ptr<std::atomic<std::int64_t>[]>& hits,
                                std::size_t g, std::int32_t m, int lag) const {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (m < lag) return nan;
  const std::size_t cell = g * months_total_ + static_cast<std::size_t>(m - lag);
  const auto n = ended_[cell].load(std::memory_order_relaxed);
  return n > 0 ? static_cast<double>(hits[cell].load(std::memory_order_relaxed)) /
                     static_cast<double>(n)
               : nan;
}

void Programmes::finish(const RegionMonth& r, const double* s, double* out) const {
  out[0] = s[kSumArt60];
  out[1] = s[kSumWijkWerken];
  out[2] = s[kSumTraining];
  out[3] = s[kSumWaiting];
  out[4] = s[kSumAfterArt60];
  out[5] = cohort_share(work6_, r.g, r.m, 6);
  out[6] = cohort_share(work12_, r.g, r.m, 12);
  out[7] = s[kSumArt60] * art60_cost_;
  out[8] = s[kSumWijkWerken] * wijk_hours_;
  r.held[kResourceArt60] = s[kSumArt60];
  r.held[kResourceWijkWerken] = s[kSumWijkWerken];
  r.held[kResourceTraining] = s[kSumTraining];
}

std::array<double, kPlacedProgrammes> programme_places(const ModelParameters& p,
                                                       const RegionParameters& region) {
  const double art60_budget_places =
      std::floor(region.art60_budget_eur_per_month / p.art60_net_cost_eur_per_month);
  return {std::min(region.programme_places[0], art60_budget_places), region.programme_places[1],
          region.programme_places[2]};
}

}  // namespace drempel

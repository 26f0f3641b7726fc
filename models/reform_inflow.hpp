#pragma once
// New clients per month: people losing their unemployment benefit under the 2026 reform who
// apply at the OCMW, and ordinary leefloon applications.
//
// Reform waves are Flemish totals. A region's losers in each month of a wave are its share of
// the wave, spread evenly over the wave's months and rounded with the remainder carried forward
// (so totals are preserved). Each loser applies with probability ocmw_take_up_share
// (binomial), k months after the loss month with probability application_lag_share[k]
// (multinomial). Ordinary applications are Poisson with the region's monthly rate. All draws are
// made at set-up from dedicated random streams, so the schedule of a replicate is fixed before
// the first month runs and the agent table can be sized exactly.
#include <cstdint>
#include <vector>

#include "engine/random.hpp"
#include "models/parameters.hpp"

namespace drempel {

/// Arrivals of one replicate: counts[(month * regions + region) * kOriginCount + origin], for
/// simulation months 0..months-1 (month 0 is start_month).
struct ArrivalSchedule {
  std::int32_t months = 0;
  std::int32_t regions = 0;
  std::vector<std::uint32_t> counts;

  std::uint32_t at(std::int32_t month, std::int32_t region, int origin) const {
    return counts[(static_cast<std::size_t>(month) * regions + region) * kOriginCount + origin];
  }
  std::uint64_t total() const;
};

/// Benefit losers per simulation month and region (before take-up), deterministic:
/// result[month * regions + region]. Losses before start_month or after the horizon are dropped.
std::vector<std::int64_t> reform_benefit_losses(const ModelParameters& p);

/// Draws the arrival schedule of one replicate.
ArrivalSchedule draw_arrivals(const ModelParameters& p, const RandomStreams& streams);

}  // namespace drempel

#pragma once
// New clients per month of one replicate: leefloon awards to people who lost their unemployment
// benefit under the 2026 reform (models/inflow.hpp, the same computation `drempel inflow`
// reports), and ordinary leefloon applications (Poisson with the region's monthly rate). All
// draws are made at set-up from dedicated random streams, so the schedule of a replicate is fixed
// before the first month runs and the agent table can be sized exactly. Awards before the start
// month belong to the initial caseload and are dropped.
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
  /// Residents losing the benefit (transition waves and new claims running out), before any
  /// destination: [month * regions + region].
  std::vector<double> reform_losses;

  std::uint32_t at(std::int32_t month, std::int32_t region, int origin) const {
    return counts[(static_cast<std::size_t>(month) * regions + region) * kOriginCount + origin];
  }
  std::uint64_t total() const;
};

/// Draws the arrival schedule of one replicate; its reform arrivals equal the `awards` of
/// compute_inflow with the replicate's parameter draws and streams.
ArrivalSchedule draw_arrivals(const ModelParameters& p, const RandomStreams& streams);

}  // namespace drempel

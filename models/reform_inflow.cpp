#include "models/reform_inflow.hpp"

#include <limits>
#include <stdexcept>

#include "models/inflow.hpp"

namespace drempel {

std::uint64_t ArrivalSchedule::total() const {
  std::uint64_t sum = 0;
  for (auto c : counts) sum += c;
  return sum;
}

ArrivalSchedule draw_arrivals(const ModelParameters& p, const RandomStreams& streams) {
  ArrivalSchedule s;
  s.months = p.months;
  s.regions = static_cast<std::int32_t>(p.regions.size());
  s.counts.assign(static_cast<std::size_t>(s.months) * s.regions * kOriginCount, 0);
  auto add = [&](std::int32_t month, std::int32_t region, int origin, std::uint64_t n) {
    std::uint32_t& cell =
        s.counts[(static_cast<std::size_t>(month) * s.regions + region) * kOriginCount + origin];
    // Validation bounds the expected population far below this; a draw this far out is a bug.
    if (n > std::numeric_limits<std::uint32_t>::max() - cell)
      throw std::overflow_error("draw_arrivals: more than 2^32-1 arrivals in one month and region");
    cell += static_cast<std::uint32_t>(n);
  };

  const InflowSeries inflow =
      compute_inflow(p, draw_inflow_parameters(p.inflow, streams), &streams);
  s.reform_losses.resize(inflow.losses_waves.size());
  for (std::int32_t m = 0; m < s.months; ++m)
    for (std::int32_t g = 0; g < s.regions; ++g) {
      const std::size_t cell = inflow.at(m, g);
      add(m, g, kOriginReform, static_cast<std::uint64_t>(inflow.awards[cell]));
      s.reform_losses[cell] = inflow.losses_waves[cell] + inflow.losses_new_claims[cell];
    }

  for (std::int32_t m = 0; m < s.months; ++m) {
    for (std::int32_t g = 0; g < s.regions; ++g) {
      WordSequence words(streams, static_cast<std::uint32_t>(g), static_cast<std::uint32_t>(m),
                         kStreamOrdinaryArrivals);
      add(m, g, kOriginOrdinary, poisson(p.regions[g].ordinary_applications_per_month, words));
    }
  }
  return s;
}

}  // namespace drempel

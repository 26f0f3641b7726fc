#include "models/mechanisms/groups.hpp"

#include <cmath>

namespace drempel {

Groups::Groups(const ModelParameters& p)
    : regions_(p.regions.size()),
      end_counts_(regions_ * kSums, 0),
      arrivals_(std::make_unique<std::atomic<std::int64_t>[]>(regions_ * kSums)) {
  start_replicate();
}

void Groups::start_replicate() {
  std::fill(end_counts_.begin(), end_counts_.end(), 0);
  for (std::size_t k = 0; k < regions_ * kSums; ++k)
    arrivals_[k].store(0, std::memory_order_relaxed);
}

// Tables [month][region][group][stage]: the month's slice of each, filled from the region sums
// (clients on a pathway, and the month's changes to the end states) and the arrival counters.
void Groups::record_tables(const TableMonth& t) {
  const std::size_t month = static_cast<std::size_t>(t.month);
  const std::size_t by_background = kByDutch;
  const std::size_t by_dutch = std::size_t{kDutchLevels} * kStageCount;
  for (std::size_t g = 0; g < t.regions; ++g) {
    const double* s = t.region_sums(g);
    std::int64_t* carried = &end_counts_[g * kSums];
    for (std::size_t k = 0; k < static_cast<std::size_t>(kSums); ++k) {
      auto count = static_cast<std::int64_t>(std::llround(s[k]));
      if (static_cast<int>(k % kStageCount) >= kActiveStageCount) count = carried[k] += count;
      const std::int64_t arrived = arrivals_[g * kSums + k].exchange(0, std::memory_order_relaxed);
      const bool dutch = k >= kByDutch;
      const std::size_t width = dutch ? by_dutch : by_background;
      const std::size_t at = (month * t.regions + g) * width + (dutch ? k - kByDutch : k);
      t.tables[dutch ? 1 : 0][at] = count;
      t.tables[dutch ? 3 : 2][at] = arrived;
    }
  }
}

}  // namespace drempel

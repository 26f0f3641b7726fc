// The active list of PathwaysModel: its storage and its compaction after each month.
#include <algorithm>

#include "engine/parallel.hpp"
#include "models/pathways_model.hpp"

namespace drempel {

void ActiveList::resize(std::size_t n) {
  id.resize(n);
  region.resize(n);
  priority.resize(n);
  wants.resize(n);
  granted_units.resize(n);
}

std::size_t ActiveList::bytes_per_slot() {
  // id, region, priority, places wanted and granted.
  return sizeof(std::uint32_t) + sizeof(std::uint16_t) + sizeof(std::uint8_t) +
         2 * sizeof(PlaceMask);
}

// Drops clients who reached an end state from the active list, keeping id order. Employed
// clients whose job may still end (relapse) stay on it until it has or cannot any more.
void PathwaysModel::compact_active() {
  // In parallel: each block keeps its clients in a spare list at its own place, then the kept
  // runs are moved to their offsets (a prefix sum over blocks), in block order.
  const std::size_t blocks = block_count(active_.size, block_size_);
  std::uint32_t* const spare = compact_spare_.data();
  for_each_block(active_.size, block_size_, [&](std::size_t b, std::size_t begin, std::size_t end) {
    std::size_t kept = begin;
    for (std::size_t k = begin; k < end; ++k) {
      const std::uint32_t id = active_.id[k];
      spare[kept] = id;
      const std::uint8_t stage = c_.stage[id];
      kept +=
          (stage < kActiveStageCount) | ((stage == kEmployed) & (c_.relapse_month[id] != 0xffff));
    }
    compact_kept_[b + 1] = kept - begin;
  });
  compact_kept_[0] = 0;
  for (std::size_t b = 0; b < blocks; ++b) compact_kept_[b + 1] += compact_kept_[b];
  for_each_block(active_.size, block_size_, [&](std::size_t b, std::size_t begin, std::size_t) {
    std::copy(spare + begin, spare + begin + (compact_kept_[b + 1] - compact_kept_[b]),
              active_.id.begin() + static_cast<std::ptrdiff_t>(compact_kept_[b]));
  });
  active_.size = compact_kept_[blocks];
}

}  // namespace drempel

// The places phase of PathwaysModel: every place type (UnitResource) is owned by one mechanism,
// which says who comes first for it and how many are free each month (models/client.hpp).
#include <algorithm>
#include <bit>
#include <cmath>

#include "engine/parallel.hpp"
#include "models/pathways_model.hpp"

namespace drempel {

// The compact list of unit requests, built in block order so that it does not depend on the
// thread count; then one allocation over (region, place) pairs.
void PathwaysModel::allocate_unit_places(std::uint32_t stream_month) {
  const std::size_t n = active_.size;
  const std::size_t blocks = block_count(n, block_size_);
  const PlaceMask* const wants = active_.wants.data();
  for_each_block(n, block_size_, [&](std::size_t b, std::size_t begin, std::size_t end) {
    std::size_t count = 0;
    for (std::size_t k = begin; k < end; ++k)
      count += static_cast<std::size_t>(kBitCount[wants[k] & 0xff] + kBitCount[wants[k] >> 8]);
    unit_block_offset_[b + 1] = count;
  });
  unit_block_offset_[0] = 0;
  for (std::size_t b = 0; b < blocks; ++b) unit_block_offset_[b + 1] += unit_block_offset_[b];
  const std::size_t m = unit_block_offset_[blocks];
  if (m > units_.slot.size()) {
    // A month with more requests than ever before: grow (rare; amortised by doubling).
    const std::size_t size = std::max(m, 2 * units_.slot.size());
    units_.resize(size);
    unit_places_ = CapacityAllocator(unit_places_config(p_.regions.size(), block_size_), size);
  }
  const std::uint32_t* const ids = active_.id.data();
  const std::uint16_t* const region = active_.region.data();
  const std::uint16_t* const waited = c_.months_in_stage.data();  // not changed since demand
  const std::uint8_t* const care_class = active_.priority.data();
  for_each_block(n, block_size_, [&](std::size_t b, std::size_t begin, std::size_t end) {
    std::size_t out = unit_block_offset_[b];
    for (std::size_t k = begin; k < end; ++k) {
      for (PlaceMask bits = wants[k]; bits != 0; bits &= static_cast<PlaceMask>(bits - 1)) {
        const int r = std::countr_zero(bits);
        const std::uint32_t i = ids[k];
        PlaceRequest request;
        for_each_mechanism(mechanisms_, [&](const auto& mechanism, auto) {
          if constexpr (requires { mechanism.kPlaces; }) {
            for (const std::uint8_t place : mechanism.kPlaces)
              if (place == r) request = mechanism.place_request(c_, i, r, care_class[k], waited[i]);
          }
        });
        units_.key_region[out] = static_cast<std::uint16_t>(region[k] * kUnitResourceCount + r);
        units_.priority[out] = request.priority;
        units_.wait[out] = request.wait;
        units_.key[out] = i * kPlaceKeyStride + static_cast<std::uint32_t>(r);
        units_.slot[out] = static_cast<std::uint32_t>(k);
        ++out;
      }
    }
  });
  free_places(stream_month);
  unit_places_.allocate(
      AllocationRequests{std::span<const std::uint16_t>(units_.key_region.data(), m),
                         std::span<const std::uint8_t>(units_.priority.data(), m),
                         std::span<const std::uint16_t>(units_.wait.data(), m),
                         std::span<const float>(units_.amount.data(), m),
                         std::span<const std::uint32_t>(units_.key.data(), m)},
      unit_capacity_, hash_mix(p_.seed, replicate_, stream_month, kStreamUnitLottery),
      std::span<float>(units_.granted.data(), m));
  // Grants back to the clients, per block of the active list: a block's requests (made in that
  // block's pass above) point into the block only.
  for_each_block(n, block_size_, [&](std::size_t b, std::size_t begin, std::size_t end) {
    std::fill(active_.granted_units.begin() + static_cast<std::ptrdiff_t>(begin),
              active_.granted_units.begin() + static_cast<std::ptrdiff_t>(end), 0);
    for (std::size_t q = unit_block_offset_[b]; q < unit_block_offset_[b + 1]; ++q)
      if (units_.granted[q] > 0.0f)
        active_.granted_units[units_.slot[q]] |=
            static_cast<PlaceMask>(1u << (units_.key[q] % kPlaceKeyStride));
  });
}

// Free places per region and place type, from the owning mechanism, floored at a whole >= 0.
void PathwaysModel::free_places(std::uint32_t stream_month) {
  for (std::size_t g = 0; g < p_.regions.size(); ++g) {
    double* cap = &unit_capacity_[g * kUnitResourceCount];
    const double* held = &occupancy_[g * kUnitResourceCount];
    for_each_mechanism(mechanisms_, [&](const auto& mechanism, auto) {
      if constexpr (requires { mechanism.kPlaces; }) {
        for (const std::uint8_t place : mechanism.kPlaces)
          cap[place] = mechanism.free_places(place, g, held, streams_, stream_month);
      }
    });
    for (int r = 0; r < kUnitResourceCount; ++r) cap[r] = std::max(0.0, std::floor(cap[r]));
  }
}

}  // namespace drempel

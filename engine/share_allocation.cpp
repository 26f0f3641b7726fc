#include "engine/share_allocation.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "engine/parallel.hpp"

namespace drempel {

ShareAllocator::ShareAllocator(std::size_t regions, std::uint8_t priority_classes,
                               std::uint16_t max_wait_months, std::size_t max_blocks)
    : regions_(regions),
      max_wait_(max_wait_months),
      buckets_(static_cast<std::size_t>(priority_classes) * (std::size_t{max_wait_months} + 1)),
      max_blocks_(max_blocks) {
  if (regions == 0 || priority_classes == 0 || max_blocks == 0)
    throw std::invalid_argument(
        "ShareAllocator: regions, priority_classes and max_blocks must be positive");
  block_amount_.assign(max_blocks * regions * buckets_, 0.0);
  block_count_.assign(max_blocks * regions * buckets_, 0);
  // Stamp 0 is never a pass, so every slot starts stale.
  stamp_.assign(max_blocks * regions, 0);
  region_amount_.assign(regions * buckets_, 0.0);
  region_count_.assign(regions * buckets_, 0);
  shares_.assign(regions * buckets_, 1.0f);
  summary_.assign(regions, RegionAllocation{});
}

std::size_t ShareAllocator::bytes_for(std::size_t regions, std::uint8_t priority_classes,
                                      std::uint16_t max_wait_months, std::size_t max_blocks) {
  const std::size_t buckets =
      static_cast<std::size_t>(priority_classes) * (std::size_t{max_wait_months} + 1);
  return max_blocks * regions *
             (buckets * (sizeof(double) + sizeof(std::uint32_t)) + sizeof(std::uint32_t)) +
         regions * (buckets * (sizeof(double) + sizeof(std::uint64_t) + sizeof(float)) +
                    sizeof(RegionAllocation));
}

std::size_t ShareAllocator::allocation_bytes() const {
  const auto bytes = [](const auto& v) { return v.size() * sizeof(v[0]); };
  return bytes(block_amount_) + bytes(block_count_) + bytes(stamp_) + bytes(region_amount_) +
         bytes(region_count_) + bytes(shares_) + bytes(summary_);
}

void ShareAllocator::Block::clear(std::size_t g) {
  std::fill(base_amount_ + g * buckets_, base_amount_ + (g + 1) * buckets_, 0.0);
  std::fill(base_count_ + g * buckets_, base_count_ + (g + 1) * buckets_, 0u);
  stamp_[g] = pass_;
}

void ShareAllocator::begin_pass(std::size_t blocks) {
  if (blocks > max_blocks_)
    throw std::length_error("ShareAllocator: a pass of " + std::to_string(blocks) +
                            " blocks, room for " + std::to_string(max_blocks_));
  blocks_ = blocks;
  if (++pass_ == 0) {  // after 2^32 passes: make every slot stale again
    std::fill(stamp_.begin(), stamp_.end(), 0u);
    pass_ = 1;
  }
}

ShareAllocator::Block ShareAllocator::block(std::size_t b) {
  Block out;
  out.base_amount_ = &block_amount_[b * regions_ * buckets_];
  out.base_count_ = &block_count_[b * regions_ * buckets_];
  out.stamp_ = &stamp_[b * regions_];
  out.pass_ = pass_;
  out.buckets_ = buckets_;
  return out;
}

void ShareAllocator::allocate(std::span<const double> capacity) {
  if (capacity.size() != regions_)
    throw std::invalid_argument("ShareAllocator::allocate: one capacity per region expected");
  for_each_index(regions_, [&](std::size_t g) {
    double* amount = &region_amount_[g * buckets_];
    std::uint64_t* count = &region_count_[g * buckets_];
    std::fill(amount, amount + buckets_, 0.0);
    std::fill(count, count + buckets_, 0);
    // Block order, as CapacityAllocator sums its blocks.
    for (std::size_t b = 0; b < blocks_; ++b) {
      if (stamp_[b * regions_ + g] != pass_) continue;
      const double* a = &block_amount_[(b * regions_ + g) * buckets_];
      const std::uint32_t* c = &block_count_[(b * regions_ + g) * buckets_];
      for (std::size_t k = 0; k < buckets_; ++k) {
        amount[k] += a[k];
        count[k] += c[k];
      }
    }
    const BucketCut cut = cut_buckets(std::span<const double>(amount, buckets_),
                                      std::span<const std::uint64_t>(count, buckets_), capacity[g],
                                      Divisibility::kDivisible);
    float* share = &shares_[g * buckets_];
    for (std::size_t k = 0; k < buckets_; ++k)
      share[k] = k < cut.marginal    ? 1.0f
                 : k == cut.marginal ? static_cast<float>(cut.fraction)
                                     : 0.0f;
    summary_[g] = cut.totals;
  });
}

}  // namespace drempel

#pragma once
// Divisible capacity (hours) shared by the priority rule of engine/allocation.hpp without storing
// the requests.
//
// Under that rule every request of one (region, bucket) receives the same share of what it asked:
// all of it before the region's marginal bucket, the pro-rata fraction in it, nothing after. So a
// pass over the agents can add each request to its block's histogram (Block), allocate() finds
// each region's marginal bucket, and a later pass reads an agent's share from its region and
// bucket. There are no request or grant columns and no passes of the allocator's own over the
// agents. The shares equal CapacityAllocator's with grant_as_share when the sums are grouped in
// the same blocks (tests/engine/test_share_allocation.cpp). Blocks are reduced in block order,
// so results do not depend on the thread count. No memory is allocated after construction.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/allocation.hpp"

namespace drempel {

class ShareAllocator {
 public:
  /// Room for passes of up to `max_blocks` blocks. Throws std::invalid_argument for zero
  /// regions, classes or blocks.
  ShareAllocator(std::size_t regions, std::uint8_t priority_classes, std::uint16_t max_wait_months,
                 std::size_t max_blocks);

  /// Bytes of the buffers the constructor allocates with these arguments (for memory estimates
  /// before anything is allocated); allocation_bytes() is what an instance holds.
  static std::size_t bytes_for(std::size_t regions, std::uint8_t priority_classes,
                               std::uint16_t max_wait_months, std::size_t max_blocks);
  std::size_t allocation_bytes() const;

  /// Buckets per region: priority classes x (max_wait_months + 1).
  std::size_t buckets() const { return buckets_; }
  /// A request's bucket (priority_bucket of engine/allocation.hpp).
  std::size_t bucket(std::uint8_t priority_class, std::uint16_t months_waiting) const {
    return priority_bucket(priority_class, months_waiting, max_wait_);
  }

  /// One block's histogram in the current pass. Agents come in runs of one region: region(g)
  /// makes g current (clearing its slots the first time in this pass), add() adds a request.
  class Block {
   public:
    void region(std::size_t g) {
      if (stamp_[g] != pass_) clear(g);
      amount_ = base_amount_ + g * buckets_;
      count_ = base_count_ + g * buckets_;
    }
    /// Adds a request of `amount` (> 0; nothing is added for 0) to the current region.
    void add(std::size_t bucket, float amount) {
      if (!(amount > 0.0f)) return;
      amount_[bucket] += static_cast<double>(amount);
      count_[bucket] += 1;
    }

   private:
    friend class ShareAllocator;
    void clear(std::size_t g);
    double* base_amount_ = nullptr;
    std::uint32_t* base_count_ = nullptr;
    std::uint32_t* stamp_ = nullptr;
    std::uint32_t pass_ = 0;
    std::size_t buckets_ = 0;
    double* amount_ = nullptr;
    std::uint32_t* count_ = nullptr;
  };

  /// Starts a pass of `blocks` blocks; the previous pass's histograms are forgotten. Throws
  /// std::length_error when blocks exceeds max_blocks.
  void begin_pass(std::size_t blocks);
  /// Block b's histogram (b < the pass's blocks); each block is written by one thread at a time.
  /// Call region() before the first add().
  Block block(std::size_t b);
  /// Shares out `capacity` (one entry per region, >= 0) by the rule; sets share() and summary().
  /// Throws std::invalid_argument when capacity has the wrong size.
  void allocate(std::span<const double> capacity);
  /// The share of its amount that a request of region g in `bucket` receives, in [0, 1].
  float share(std::size_t g, std::size_t bucket) const { return shares_[g * buckets_ + bucket]; }
  /// Totals of the last allocate(), one per region.
  std::span<const RegionAllocation> summary() const { return summary_; }

 private:
  std::size_t regions_;
  std::uint16_t max_wait_;
  std::size_t buckets_;
  std::size_t max_blocks_;
  std::size_t blocks_ = 0;
  std::uint32_t pass_ = 0;
  std::vector<double> block_amount_;         // [block][region][bucket]
  std::vector<std::uint32_t> block_count_;   // same layout
  std::vector<std::uint32_t> stamp_;         // [block][region]: pass that last cleared the slots
  std::vector<double> region_amount_;        // [region][bucket], summed over blocks
  std::vector<std::uint64_t> region_count_;  // same layout
  std::vector<float> shares_;                // [region][bucket]
  std::vector<RegionAllocation> summary_;
};

}  // namespace drempel

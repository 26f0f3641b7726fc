#pragma once
// Sharing scarce per-region capacity among requests by a deterministic priority rule.
//
// Requests are columns indexed like the agents that make them (amount 0 = no request). Within a
// region, requests are served by priority class (0 first), then by months waiting (longest
// first), bucketed as (class, min(wait, max_wait_months)). Buckets are served whole until one no
// longer fits: the marginal bucket. In it, a divisible resource (hours) is rationed in proportion
// to the amounts asked; a unit resource (a dwelling, a programme slot) goes to the requests with
// the smallest hash of (tie_seed, key), a seeded lottery that does not depend on agent order.
//
// Cost is linear in the number of requests: one histogram pass over fixed blocks (in parallel),
// a per-region walk over the buckets (in parallel over regions), a selection (std::nth_element)
// inside marginal unit buckets only, and one grant pass. Per-block partial sums are reduced in
// block order, so results are bit-identical for any thread count. No memory is allocated after
// construction.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace drempel {

enum class Divisibility : std::uint8_t {
  kDivisible,  ///< amounts are quantities (hours); the marginal bucket is rationed pro rata
  kUnit,       ///< every request asks for one unit; the marginal bucket is decided by lottery
};

/// Shape of an allocation problem; fixed for the allocator's lifetime.
struct AllocationConfig {
  std::size_t regions = 1;
  std::uint8_t priority_classes = 1;
  std::uint16_t max_wait_months = 24;  ///< waits beyond this count as this (same bucket)
  Divisibility divisibility = Divisibility::kDivisible;
  std::size_t block_size = 8192;  ///< requests per parallel block (does not affect results)
  /// When true, granted[i] is the share of request i that was served, in [0, 1] (1 for a request
  /// of 0: nothing asked, nothing missing) instead of the amount; saves callers a division.
  bool grant_as_share = false;
};

/// The requests, as columns of equal length. Spans must outlive the allocate() call.
struct AllocationRequests {
  std::span<const std::uint16_t> region;          ///< region index < regions
  std::span<const std::uint8_t> priority_class;   ///< < priority_classes; 0 is served first
  std::span<const std::uint16_t> months_waiting;  ///< longer waits are served first
  std::span<const float> amount;                  ///< >= 0; kUnit: 0 (no request) or 1
  /// Stable identity for the lottery (e.g. agent id); empty means the request index.
  std::span<const std::uint32_t> key;
};

/// Per-region totals of one allocation.
struct RegionAllocation {
  double capacity = 0.0;
  double requested = 0.0;
  double granted = 0.0;
  std::uint64_t requests = 0;  ///< requests with amount > 0
};

/// A request's bucket, in serving order: priority class 0 first, then the longest wait; waits
/// beyond `max_wait_months` count as `max_wait_months`. The rule shared by CapacityAllocator and
/// ShareAllocator.
inline std::size_t priority_bucket(std::uint8_t priority_class, std::uint16_t months_waiting,
                                   std::uint16_t max_wait_months) {
  const std::uint16_t w = months_waiting < max_wait_months ? months_waiting : max_wait_months;
  return static_cast<std::size_t>(priority_class) * (std::size_t{max_wait_months} + 1) +
         (max_wait_months - w);
}

/// Where a region's capacity runs out: the result of walking its buckets in serving order.
struct BucketCut {
  std::size_t marginal = 0;         ///< first bucket not served whole (= buckets: all served)
  double fraction = 1.0;            ///< kDivisible: share of the marginal bucket's amount served
  std::uint64_t lottery_units = 0;  ///< kUnit: units drawn for by lottery in the marginal bucket
  RegionAllocation totals;
};

/// Serves whole buckets (amount[k], with count[k] requests, k in serving order) until one no
/// longer fits within `capacity` (>= 0; kUnit: whole units); the rule shared by CapacityAllocator
/// and ShareAllocator (engine/share_allocation.hpp).
BucketCut cut_buckets(std::span<const double> amount, std::span<const std::uint64_t> count,
                      double capacity, Divisibility divisibility);

class CapacityAllocator {
 public:
  /// Prepares buffers for up to `max_requests` requests. Throws std::invalid_argument for a
  /// config with zero regions, zero classes or a zero block size.
  CapacityAllocator(const AllocationConfig& config, std::size_t max_requests);
  /// Bytes of the buffers the constructor allocates with these arguments (for memory estimates
  /// before anything is allocated); allocation_bytes() is what an instance holds.
  static std::size_t bytes_for(const AllocationConfig& config, std::size_t max_requests);
  std::size_t allocation_bytes() const;

  /// Fills granted[i] for every request i. `capacity` has one entry per region (>= 0; for kUnit,
  /// whole units, fractional parts unused). Throws std::invalid_argument when column sizes differ,
  /// exceed max_requests (key may be empty), or capacity has the wrong size; region/class values
  /// out of range are the caller's contract (checked in debug builds).
  void allocate(const AllocationRequests& requests, std::span<const double> capacity,
                std::uint64_t tie_seed, std::span<float> granted);

  /// Totals of the last allocate() call, one per region.
  std::span<const RegionAllocation> summary() const { return summary_; }

 private:
  std::size_t bucket_of(std::uint8_t priority_class, std::uint16_t wait) const {
    return priority_bucket(priority_class, wait, config_.max_wait_months);
  }

  AllocationConfig config_;
  std::size_t buckets_;  // priority_classes * (max_wait_months + 1)
  std::size_t max_requests_;
  std::size_t max_blocks_;
  // [block][region][bucket] partial sums and counts.
  std::vector<double> block_amount_;
  std::vector<std::uint32_t> block_count_;
  // Per region: marginal bucket (buckets_ = none, every request served), pro-rata fraction,
  // units to give by lottery in the marginal bucket.
  std::vector<double> region_amount_;        // [region][bucket], summed over blocks
  std::vector<std::uint64_t> region_count_;  // same layout
  std::vector<std::size_t> marginal_;
  std::vector<double> fraction_;
  std::vector<std::uint64_t> lottery_units_;
  // Lottery buffers: per region offsets, per (block, region) write cursors, (hash, index) pairs.
  std::vector<std::size_t> lottery_offset_;
  std::vector<std::size_t> lottery_cursor_;
  std::vector<std::pair<std::uint64_t, std::uint32_t>> lottery_;
  std::vector<RegionAllocation> summary_;
};

}  // namespace drempel

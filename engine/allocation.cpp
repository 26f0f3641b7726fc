#include "engine/allocation.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <stdexcept>

#include "engine/parallel.hpp"
#include "engine/random.hpp"

namespace drempel {

BucketCut cut_buckets(std::span<const double> amount, std::span<const std::uint64_t> count,
                      double capacity, Divisibility divisibility) {
  const bool unit = divisibility == Divisibility::kUnit;
  const std::size_t buckets = amount.size();
  BucketCut cut;
  RegionAllocation& s = cut.totals;
  s.capacity = unit ? std::floor(std::max(0.0, capacity)) : std::max(0.0, capacity);
  double remaining = s.capacity;
  cut.marginal = buckets;
  bool found = false;
  for (std::size_t k = 0; k < buckets; ++k) {
    s.requested += amount[k];
    s.requests += count[k];
    if (found || count[k] == 0) continue;
    if (amount[k] <= remaining) {
      remaining -= amount[k];
      s.granted += amount[k];
      continue;
    }
    found = true;
    cut.marginal = k;
    if (unit) {
      cut.lottery_units = static_cast<std::uint64_t>(remaining);
      s.granted += static_cast<double>(cut.lottery_units);
    } else {
      cut.fraction = remaining / amount[k];
      s.granted += remaining;
    }
    remaining = 0.0;
  }
  return cut;
}

CapacityAllocator::CapacityAllocator(const AllocationConfig& config, std::size_t max_requests)
    : config_(config), max_requests_(max_requests) {
  if (config.regions == 0 || config.priority_classes == 0 || config.block_size == 0)
    throw std::invalid_argument(
        "CapacityAllocator: regions, priority_classes and block_size must be positive");
  buckets_ = config.priority_classes * (std::size_t{config.max_wait_months} + 1);
  max_blocks_ = std::max<std::size_t>(1, block_count(max_requests, config.block_size));
  block_amount_.assign(max_blocks_ * config.regions * buckets_, 0.0);
  block_count_.assign(max_blocks_ * config.regions * buckets_, 0);
  region_amount_.assign(config.regions * buckets_, 0.0);
  region_count_.assign(config.regions * buckets_, 0);
  marginal_.assign(config.regions, buckets_);
  fraction_.assign(config.regions, 1.0);
  lottery_units_.assign(config.regions, 0);
  summary_.assign(config.regions, RegionAllocation{});
  if (config.divisibility == Divisibility::kUnit) {
    lottery_offset_.assign(config.regions + 1, 0);
    lottery_cursor_.assign(max_blocks_ * config.regions, 0);
    lottery_.resize(max_requests);
  }
}

std::size_t CapacityAllocator::bytes_for(const AllocationConfig& config, std::size_t max_requests) {
  const std::size_t buckets = config.priority_classes * (std::size_t{config.max_wait_months} + 1);
  const std::size_t blocks = std::max<std::size_t>(1, block_count(max_requests, config.block_size));
  std::size_t bytes = blocks * config.regions * buckets * (sizeof(double) + sizeof(std::uint32_t)) +
                      config.regions * buckets * (sizeof(double) + sizeof(std::uint64_t)) +
                      config.regions * (sizeof(std::size_t) + sizeof(double) +
                                        sizeof(std::uint64_t) + sizeof(RegionAllocation));
  if (config.divisibility == Divisibility::kUnit)
    bytes += (config.regions + 1) * sizeof(std::size_t) +
             blocks * config.regions * sizeof(std::size_t) +
             max_requests * sizeof(std::pair<std::uint64_t, std::uint32_t>);
  return bytes;
}

std::size_t CapacityAllocator::allocation_bytes() const {
  const auto bytes = [](const auto& v) { return v.size() * sizeof(v[0]); };
  return bytes(block_amount_) + bytes(block_count_) + bytes(region_amount_) + bytes(region_count_) +
         bytes(marginal_) + bytes(fraction_) + bytes(lottery_units_) + bytes(summary_) +
         bytes(lottery_offset_) + bytes(lottery_cursor_) + bytes(lottery_);
}

void CapacityAllocator::allocate(const AllocationRequests& requests,
                                 std::span<const double> capacity, std::uint64_t tie_seed,
                                 std::span<float> granted) {
  const std::size_t n = requests.amount.size();
  if (requests.region.size() != n || requests.priority_class.size() != n ||
      requests.months_waiting.size() != n || (!requests.key.empty() && requests.key.size() != n) ||
      granted.size() != n)
    throw std::invalid_argument("CapacityAllocator::allocate: request columns differ in length");
  if (n > max_requests_)
    throw std::invalid_argument("CapacityAllocator::allocate: more requests than max_requests");
  if (capacity.size() != config_.regions)
    throw std::invalid_argument("CapacityAllocator::allocate: one capacity per region expected");

  const std::size_t regions = config_.regions;
  const std::size_t stride = regions * buckets_;
  const std::size_t blocks = block_count(n, config_.block_size);
  const bool unit = config_.divisibility == Divisibility::kUnit;
  const bool as_share = config_.grant_as_share;

  // 1. Histogram of requested amounts per (block, region, bucket).
  for_each_block(n, config_.block_size, [&](std::size_t b, std::size_t begin, std::size_t end) {
    double* amount = &block_amount_[b * stride];
    std::uint32_t* count = &block_count_[b * stride];
    std::fill(amount, amount + stride, 0.0);
    std::fill(count, count + stride, 0u);
    for (std::size_t i = begin; i < end; ++i) {
      const float a = requests.amount[i];
      if (!(a > 0.0f)) continue;
      assert(requests.region[i] < regions && requests.priority_class[i] < config_.priority_classes);
      const std::size_t k = requests.region[i] * buckets_ +
                            bucket_of(requests.priority_class[i], requests.months_waiting[i]);
      amount[k] += unit ? 1.0 : static_cast<double>(a);
      count[k] += 1;
    }
  });

  // 2. Per region: totals in block order, then find the marginal bucket.
  for_each_index(regions, [&](std::size_t g) {
    double* amount = &region_amount_[g * buckets_];
    std::uint64_t* count = &region_count_[g * buckets_];
    for (std::size_t k = 0; k < buckets_; ++k) {
      double bucket_amount = 0.0;
      std::uint64_t bucket_count = 0;
      for (std::size_t b = 0; b < blocks; ++b) {
        bucket_amount += block_amount_[b * stride + g * buckets_ + k];
        bucket_count += block_count_[b * stride + g * buckets_ + k];
      }
      amount[k] = bucket_amount;
      count[k] = bucket_count;
    }
    const BucketCut cut = cut_buckets(std::span<const double>(amount, buckets_),
                                      std::span<const std::uint64_t>(count, buckets_), capacity[g],
                                      config_.divisibility);
    marginal_[g] = cut.marginal;
    fraction_[g] = cut.fraction;
    lottery_units_[g] = cut.lottery_units;
    summary_[g] = cut.totals;
  });

  // 3. Unit resources: gather each region's marginal bucket and draw its lottery winners.
  if (unit) {
    std::size_t offset = 0;
    for (std::size_t g = 0; g < regions; ++g) {
      lottery_offset_[g] = offset;
      if (marginal_[g] == buckets_) continue;
      for (std::size_t b = 0; b < blocks; ++b) {
        lottery_cursor_[b * regions + g] = offset;
        offset += block_count_[b * stride + g * buckets_ + marginal_[g]];
      }
    }
    lottery_offset_[regions] = offset;
    for_each_block(n, config_.block_size, [&](std::size_t b, std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i < end; ++i) {
        if (!(requests.amount[i] > 0.0f)) continue;
        const std::size_t g = requests.region[i];
        if (bucket_of(requests.priority_class[i], requests.months_waiting[i]) != marginal_[g])
          continue;
        const std::uint64_t key = requests.key.empty() ? i : requests.key[i];
        lottery_[lottery_cursor_[b * regions + g]++] = {hash_mix(tie_seed, key),
                                                        static_cast<std::uint32_t>(i)};
      }
    });
  }

  // 4. Grants: whole buckets before the marginal one, pro rata or lottery inside it.
  for_each_block(n, config_.block_size, [&](std::size_t, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      const float a = requests.amount[i];
      if (!(a > 0.0f)) {
        granted[i] = as_share ? 1.0f : 0.0f;
        continue;
      }
      const std::size_t g = requests.region[i];
      const std::size_t k = bucket_of(requests.priority_class[i], requests.months_waiting[i]);
      const std::size_t m = marginal_[g];
      if (k < m) {
        granted[i] = unit || as_share ? 1.0f : a;
      } else if (k > m || unit) {
        granted[i] = 0.0f;  // unit winners of the marginal bucket are set below
      } else {
        granted[i] = as_share ? static_cast<float>(fraction_[g])
                              : static_cast<float>(static_cast<double>(a) * fraction_[g]);
      }
    }
  });
  if (unit) {
    for_each_index(regions, [&](std::size_t g) {
      const auto first = lottery_.begin() + static_cast<std::ptrdiff_t>(lottery_offset_[g]);
      const auto last = lottery_.begin() + static_cast<std::ptrdiff_t>(lottery_offset_[g + 1]);
      const auto winners = static_cast<std::ptrdiff_t>(
          std::min<std::uint64_t>(lottery_units_[g], static_cast<std::uint64_t>(last - first)));
      if (winners == 0) return;
      // (hash, index) pairs are unique, so the selected set does not depend on input order.
      std::nth_element(first, first + winners - 1, last);
      for (auto it = first; it != first + winners; ++it) granted[it->second] = 1.0f;
    });
  }
}

}  // namespace drempel

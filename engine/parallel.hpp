#pragma once
// Deterministic parallel loops over fixed-size blocks of agents or over regions.
//
// Work is cut into blocks of a fixed size that does not depend on the thread count; each block
// writes only its own outputs (per-agent columns, or its own slot of a per-block accumulator),
// and accumulators are reduced afterwards in block order. TBB decides who runs which block, which
// therefore cannot change any result.
#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cstddef>
#include <memory>
#include <utility>

namespace drempel {

/// Number of blocks of `block_size` needed for `n` items.
inline std::size_t block_count(std::size_t n, std::size_t block_size) {
  return (n + block_size - 1) / block_size;
}

/// Calls fn(block, begin, end) for every block of [0, n), in parallel.
template <class Fn>
void for_each_block(std::size_t n, std::size_t block_size, Fn&& fn) {
  const std::size_t blocks = block_count(n, block_size);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, blocks, 1),
                    [&](const tbb::blocked_range<std::size_t>& range) {
                      for (std::size_t b = range.begin(); b != range.end(); ++b) {
                        const std::size_t begin = b * block_size;
                        fn(b, begin, std::min(n, begin + block_size));
                      }
                    });
}

/// Calls fn(i) for every i in [0, n), in parallel (one task per index; for regions).
template <class Fn>
void for_each_index(std::size_t n, Fn&& fn) {
  tbb::parallel_for(std::size_t{0}, n, [&](std::size_t i) { fn(i); });
}

/// Runs work on exactly `threads` threads (0: TBB's default, all cores). A task_arena fixes the
/// concurrency, and a global_control lifts TBB's cap at the core count, so asking for more
/// threads than cores really runs that many (the determinism tests rely on it).
class ThreadLimit {
 public:
  explicit ThreadLimit(int threads) : arena_(threads > 0 ? threads : tbb::task_arena::automatic) {
    if (threads > 0)
      control_ = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism,
                                                       static_cast<std::size_t>(threads));
  }
  /// Runs fn() inside the limited arena and returns its result.
  template <class Fn>
  decltype(auto) execute(Fn&& fn) {
    return arena_.execute(std::forward<Fn>(fn));
  }
  int concurrency() { return arena_.max_concurrency(); }

 private:
  std::unique_ptr<tbb::global_control> control_;
  tbb::task_arena arena_;
};

}  // namespace drempel

#pragma once
// One pass of a model described as a list of mechanisms (engine/mechanism.hpp) over a block of
// agents: each mechanism's per-block view, its hooks called in list order, and its sums
// accumulated per region.
//
// A hook is named by a tag type with `static void call(Pass&, Context&, double* sums)` and a
// `static constexpr bool has<Pass>` saying whether a mechanism's pass implements it; a mechanism
// without the hook costs nothing (the call is not generated).
#include <array>
#include <cstddef>
#include <tuple>
#include <utility>

#include "engine/mechanism.hpp"
#include "engine/random.hpp"

namespace drempel {

/// The sums of one block of one pass, for one region at a time. Agents come in id order, so
/// runs of one region are long: the current region's sums live in a local array (which no store
/// to an agent column can alias, so the compiler keeps them out of memory traffic) and are added
/// to the block's slots [region][N] when the region changes and at the end.
template <std::size_t N>
class RegionSums {
 public:
  /// `block_slots` points at [regions][N] doubles owned by this block.
  explicit RegionSums(double* block_slots) : out_(block_slots) {}
  RegionSums(const RegionSums&) = delete;
  RegionSums& operator=(const RegionSums&) = delete;
  ~RegionSums() { flush(); }

  /// Makes `g` the current region.
  void region(std::size_t g) {
    if (g != region_) [[unlikely]] {
      flush();
      region_ = g;
    }
  }
  /// The current region's sums (N doubles).
  double* data() { return s_.data(); }

 private:
  void flush() {
    double* const out = out_ + region_ * N;
    for (std::size_t q = 0; q < N; ++q) out[q] += s_[q];
    s_.fill(0.0);
  }
  std::array<double, N> s_{};
  std::size_t region_ = 0;
  double* out_;
};

/// Every mechanism's view for one block: mechanism.pass(columns, streams), in list order.
template <class Tuple, class Columns>
auto mechanism_passes(const Tuple& mechanisms, Columns& columns, const RandomStreams& streams) {
  return std::apply([&](const auto&... m) { return std::tuple{m.pass(columns, streams)...}; },
                    mechanisms);
}

/// Calls Hook::call(pass, context, sums + the mechanism's first sum) for every pass that has the
/// hook, in the order of `List` (a MechanismList). `sums` may be null for hooks that add none.
template <class List, class Hook, class Passes, class Context>
inline void call_hooks(Passes& passes, Context& context, double* sums) {
  for_each_mechanism(passes, [&](auto& pass, auto index) {
    if constexpr (Hook::template has<std::remove_cvref_t<decltype(pass)>>)
      Hook::call(pass, context,
                 sums ? sums + List::template kSumOffset<decltype(index)::value> : nullptr);
  });
}

}  // namespace drempel

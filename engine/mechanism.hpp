#pragma once
// A model as an ordered list of mechanisms that the engine folds over, at compile time.
//
// A mechanism is a class that declares, next to its code, what the engine needs to know about it:
//   - `kName`: a snake_case name;
//   - `kStreams`: std::array<StreamInfo, N> of the random streams it draws from (ids unique across
//     the model: one stream per purpose, as in OpenM++, so that adding draws to one mechanism
//     leaves every other mechanism's numbers unchanged);
//   - `kSums`: the number of per-region sums it accumulates per month (its own slots, reduced in
//     block order, so sums do not depend on the thread count);
//   - `kMetrics`: std::array<MetricInfo, N> of the monthly per-region metrics it reports;
//   - optionally `kTables`: std::array<TableInfo, N> of count tables (outputs over other
//     dimensions than (month, region), such as cohorts or groups), with `kTableDimensions`, the
//     std::array<DimensionInfo, N> of the dimensions they use beyond the fixed ones, and a method
//     `record_tables(const TableMonth&)` that the model calls once at the end of every month;
//   - optionally, when it keeps state from one month to the next beyond its client columns,
//     `start_replicate()` and `template <class A> void state(A&)` listing that state for
//     checkpoints (engine/state_archive.hpp); the model refuses to compile the first without the
//     second.
// The engine derives from the list the offsets of each mechanism's sums and metrics, the metric
// table in list order, and checks the stream ids at compile time. The per-client hooks of a pass
// are called in list order (a fold expression), so the list is also the order of the ODD.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

#include "engine/results.hpp"

namespace drempel {

/// A per-region monthly metric: its variable name, CF units, description and how regions combine.
struct MetricInfo {
  const char* name;
  const char* units;
  const char* long_name;
  RegionTotal region_total;  ///< whether regions add up to a total (counts) or not (ratios)
};

/// A dimension of a mechanism's count tables (Results' TableDimension): string labels, integer
/// coordinates with units, or the run's months.
struct DimensionInfo {
  const char* name;
  const char* long_name;
  std::span<const char* const> labels = {};
  std::span<const std::int32_t> values = {};
  const char* units = "";
  bool months = false;
};

/// A count table: name, units, description and its dimensions after `replicate` (at most six).
struct TableInfo {
  const char* name;
  const char* units;
  const char* long_name;
  std::array<const char*, 6> dims;  ///< unused entries nullptr
};

/// What a mechanism's record_tables hook sees at the end of a month: the month and replicate, its
/// own per-region sums of the month, and its tables' values of this replicate.
struct TableMonth {
  std::int32_t month;  ///< simulation month, 0-based
  std::size_t regions;
  const double* sums;  ///< region g's sums at sums + g * sum_stride
  std::size_t sum_stride;
  std::span<std::int64_t>* tables;  ///< this mechanism's tables, in kTables order

  const double* region_sums(std::size_t g) const { return sums + g * sum_stride; }
};

/// A random stream a mechanism draws from.
struct StreamInfo {
  std::uint16_t id;
  const char* purpose;
};

/// The ordered list of mechanisms Ms... and what is derived from it.
template <class... Ms>
struct MechanismList {
  static constexpr std::size_t kCount = sizeof...(Ms);
  /// One instance of each mechanism, in list order.
  using Tuple = std::tuple<Ms...>;
  static constexpr std::array<std::size_t, kCount> kSumCounts = {std::size_t{Ms::kSums}...};
  static constexpr std::array<std::size_t, kCount> kMetricCounts = {Ms::kMetrics.size()...};

  /// Offset of mechanism I's first slot in an array laid out as the concatenation of `counts`.
  static constexpr std::size_t offset(const std::array<std::size_t, kCount>& counts,
                                      std::size_t i) {
    std::size_t o = 0;
    for (std::size_t j = 0; j < i; ++j) o += counts[j];
    return o;
  }
  static constexpr std::size_t kSumTotal = offset(kSumCounts, kCount);
  static constexpr std::size_t kMetricTotal = offset(kMetricCounts, kCount);
  template <std::size_t I>
  static constexpr std::size_t kSumOffset = offset(kSumCounts, I);
  template <std::size_t I>
  static constexpr std::size_t kMetricOffset = offset(kMetricCounts, I);

  /// Position of mechanism M in the list (kCount when absent).
  template <class M>
  static constexpr std::size_t index_of() {
    constexpr bool same[] = {std::is_same_v<M, Ms>...};
    for (std::size_t i = 0; i < kCount; ++i)
      if (same[i]) return i;
    return kCount;
  }
  /// Offset of mechanism M's sums.
  template <class M>
  static constexpr std::size_t kSumsOf = kSumOffset<index_of<M>()>;

  /// Every mechanism's metrics, in list order.
  static constexpr std::array<MetricInfo, kMetricTotal> metric_table() {
    std::array<MetricInfo, kMetricTotal> out{};
    std::size_t k = 0;
    (
        [&] {
          for (const auto& m : Ms::kMetrics) out[k++] = m;
        }(),
        ...);
    return out;
  }

  /// Number of count tables of each mechanism (0 without kTables).
  template <class M>
  static constexpr std::size_t table_count() {
    if constexpr (requires { M::kTables; })
      return M::kTables.size();
    else
      return 0;
  }
  static constexpr std::array<std::size_t, kCount> kTableCounts = {table_count<Ms>()...};
  static constexpr std::size_t kTableTotal = offset(kTableCounts, kCount);
  template <std::size_t I>
  static constexpr std::size_t kTableOffset = offset(kTableCounts, I);

  /// Adds every mechanism's tables and their dimensions (each once, in list order) to `results`,
  /// before Results::allocate.
  static void add_tables(Results& results) {
    const auto add_dimension = [&](const DimensionInfo& d) {
      for (const auto& known : results.table_dimensions)
        if (known.name == d.name) return;
      TableDimension t{
          .name = d.name, .long_name = d.long_name, .months = d.months, .units = d.units};
      for (const char* label : d.labels) t.labels.emplace_back(label);
      t.values.assign(d.values.begin(), d.values.end());
      results.table_dimensions.push_back(std::move(t));
    };
    (
        [&] {
          if constexpr (requires { Ms::kTableDimensions; })
            for (const auto& d : Ms::kTableDimensions) add_dimension(d);
          if constexpr (requires { Ms::kTables; })
            for (const auto& t : Ms::kTables) {
              CountTable table{t.name, t.units, t.long_name, {}, {}};
              for (const char* d : t.dims)
                if (d != nullptr) table.dims.emplace_back(d);
              results.tables.push_back(std::move(table));
            }
        }(),
        ...);
  }

  /// True when no two mechanisms (nor one mechanism twice) declare the same stream id.
  static constexpr bool streams_unique() {
    constexpr std::size_t n = (Ms::kStreams.size() + ... + 0);
    std::array<std::uint16_t, n> ids{};
    std::size_t k = 0;
    (
        [&] {
          for (const auto& s : Ms::kStreams) ids[k++] = s.id;
        }(),
        ...);
    for (std::size_t a = 0; a < n; ++a)
      for (std::size_t b = a + 1; b < n; ++b)
        if (ids[a] == ids[b]) return false;
    return true;
  }
};

/// Calls fn(mechanism, index constant) for every element of a tuple of mechanisms, in order.
template <class Tuple, class Fn>
inline void for_each_mechanism(Tuple& mechanisms, Fn&& fn) {
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (fn(std::get<I>(mechanisms), std::integral_constant<std::size_t, I>{}), ...);
  }
  (std::make_index_sequence<std::tuple_size_v<std::remove_cvref_t<Tuple>>>{});
}

}  // namespace drempel

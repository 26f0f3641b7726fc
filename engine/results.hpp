#pragma once
// In-memory results of a run: stocks, flows and metrics per replicate, month and region.
//
// The layout is the one of DESIGN.md "Results"; results_hdf5.hpp writes and reads it. Arrays are
// flat, row-major, in the order of their dimension lists below. Stage names double as the names of
// the from_stage/to_stage dimensions of transition_count.
#include <cstdint>
#include <string>
#include <vector>

namespace drempel {

/// How a metric's regions combine into a figure for all regions: counts, hours and money add up
/// (kSum); ratios, shares and means do not (kNone: no total is shown, only each region).
enum class RegionTotal { kSum, kNone };

/// One metric variable over (replicate, month, region).
struct MetricSeries {
  std::string name;       ///< variable name, snake_case with unit ("caseworker_hours_supplied")
  std::string units;      ///< CF-style units string ("h month-1", "1", "EUR month-1")
  std::string long_name;  ///< human-readable description
  std::vector<double> values;                    ///< [replicate][month][region]
  RegionTotal region_total = RegionTotal::kSum;  ///< file attribute `region_total` "sum"/"none"
};

/// A dimension of count tables beyond the fixed ones (replicate, month, region, stage,
/// from_stage, to_stage): string labels, or integer coordinates with units, or the run's months
/// under another name (`months`: a CF time coordinate like `month`, e.g. an award cohort).
struct TableDimension {
  std::string name{};
  std::string long_name{};
  std::vector<std::string> labels{};   ///< labels, or
  std::vector<std::int32_t> values{};  ///< integer coordinates (in `units`), or
  bool months = false;                 ///< one entry per month of the run
  std::string units{};

  bool operator==(const TableDimension&) const = default;
};

/// Counts over (replicate, dims...): a mechanism's output that is not a per-region monthly metric,
/// such as cohort follow-ups or stocks by group. `values` is [replicate][dims...], row-major.
struct CountTable {
  std::string name;               ///< variable name, snake_case
  std::string units;              ///< CF-style units ("1")
  std::string long_name;          ///< what is counted, and what a -1 means if the table uses it
  std::vector<std::string> dims;  ///< dimensions after `replicate`, outermost first
  std::vector<std::int64_t> values;
};

/// Everything a run produces, plus the attributes the results file carries.
struct Results {
  std::vector<std::string> region_names;
  std::vector<std::string> stage_names;
  std::vector<std::string> month_labels;  ///< "YYYY-MM" for months 1..M
  int replicates = 0;

  std::vector<std::int64_t> stage_count;  ///< [replicate][month][region][stage], end of month
  std::vector<std::int64_t> initial_stage_count;  ///< [replicate][region][stage], before month 1
  /// [replicate][month][region][from_stage][to_stage]; the diagonal counts clients who stayed.
  /// Clients arriving in a month can move in that month, so row sums = stage_count(m-1) +
  /// arrival_count(m) and column sums = stage_count(m).
  std::vector<std::int64_t> transition_count;
  std::vector<std::int64_t> arrival_count;  ///< [replicate][month][region][stage], new clients
  std::vector<MetricSeries> metrics;
  std::vector<TableDimension> table_dimensions;  ///< the dimensions `tables` use beyond the fixed
  std::vector<CountTable> tables;

  // Global attributes.
  std::string engine_version;
  std::string scenario_json;  ///< the resolved scenario, as JSON text
  /// The tables the run read, by content: a JSON object {path: file content}, so that a run can
  /// be reproduced from its results file alone ("" when it read none).
  std::string input_files_json;
  std::uint64_t seed = 0;
  std::string start_month;  ///< "YYYY-MM"
  std::string created_utc;  ///< ISO 8601, set by the writer when empty

  int months() const { return static_cast<int>(month_labels.size()); }
  int regions() const { return static_cast<int>(region_names.size()); }
  int stages() const { return static_cast<int>(stage_names.size()); }

  /// Sizes every array for the dimensions already set, filled with zeros. Throws
  /// std::invalid_argument when a table names a dimension that is neither fixed nor declared.
  void allocate();
  /// The length of dimension `name` (fixed or in table_dimensions); throws std::invalid_argument
  /// when there is none of that name.
  std::size_t dimension_size(const std::string& name) const;
  /// Values of one replicate of `table` (the product of its dimensions' sizes).
  std::size_t table_cells(const CountTable& table) const;

  std::size_t stage_index(int r, int m, int region, int stage) const {
    return ((static_cast<std::size_t>(r) * months() + m) * regions() + region) * stages() + stage;
  }
  std::size_t initial_index(int r, int region, int stage) const {
    return (static_cast<std::size_t>(r) * regions() + region) * stages() + stage;
  }
  std::size_t transition_index(int r, int m, int region, int from, int to) const {
    return stage_index(r, m, region, from) * stages() + to;
  }
  std::size_t metric_index(int r, int m, int region) const {
    return (static_cast<std::size_t>(r) * months() + m) * regions() + region;
  }
  /// The table called `name`, or nullptr.
  /// Bytes allocate() gives the values (the shape must be set).
  std::size_t allocation_bytes() const;
  const CountTable* table(const std::string& name) const;
  CountTable* table(const std::string& name);
  /// The metric called `name`, or nullptr.
  const MetricSeries* metric(const std::string& name) const;
  MetricSeries* metric(const std::string& name);

  /// Saves or restores (A: engine/state_archive.hpp) the values of replicate r, which every
  /// array holds contiguously (replicate is the outermost dimension): for checkpoints.
  template <class A>
  void replicate_state(A& a, int r) {
    const auto part = [&](auto& values) {
      const std::size_t n = values.size() / static_cast<std::size_t>(replicates);
      a.slice(values, static_cast<std::size_t>(r) * n, n);
    };
    part(stage_count);
    part(initial_stage_count);
    part(transition_count);
    part(arrival_count);
    for (MetricSeries& m : metrics) part(m.values);
    for (CountTable& t : tables) part(t.values);
  }
};

}  // namespace drempel

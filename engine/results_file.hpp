#pragma once
// What a results file holds and how it is laid out (docs/results-format.md): the run results of
// one scenario, or of every point of a sweep, as a Dataset, which dataset_hdf5 writes and reads.
// This is the one path from Results to HDF5 (results_hdf5.hpp is its file-level interface).
//
// A plain run has the dimensions replicate, month, region, stage, from_stage, to_stage. A sweep
// adds `sweep_point` (the point names) as the outermost dimension of every data variable, and one
// coordinate variable per swept parameter (`sweep.` + its JSON pointer with '/' as '.'), so that
// xarray selects a point by name and shows each point's parameter values.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/dataset_hdf5.hpp"
#include "engine/results.hpp"

namespace drempel {

/// The value of one swept parameter at every point of a sweep: numbers when every value is a
/// number, otherwise the values as JSON text.
struct SweepCoordinate {
  std::string
      pointer;  ///< the JSON pointer as the sweep wrote it ("/regions/eeklo/caseworker_fte")
  std::vector<double> numbers;
  std::vector<std::string> texts;

  /// The coordinate variable's name: "sweep." + the pointer without its first '/', '/' as '.'.
  std::string variable_name() const;
};

/// Everything one results file holds.
struct ResultsFile {
  std::vector<Results> points;               ///< one Results per sweep point; one for a plain run
  std::vector<std::string> point_names;      ///< sweep point names; empty for a plain run
  std::vector<SweepCoordinate> coordinates;  ///< one per swept parameter (sweeps only)
  /// The scenario as given (the sweep block included); each point's Results holds its own.
  std::string scenario_json;

  bool is_sweep() const { return !point_names.empty(); }
  /// The index of the point named `name`, or of the point at position `name` ("0", "1", ...);
  /// throws std::invalid_argument listing the names when there is none.
  std::size_t point_index(const std::string& name) const;
};

/// The file format version this code writes and reads (global attribute drempel_format_version).
inline constexpr std::int32_t kResultsFormatVersion = 3;

/// The Dataset of a results file. Throws std::runtime_error when the points disagree (months,
/// regions, stages, replicates, metrics) or a result array has the wrong size or a metric a
/// reserved name.
Dataset results_dataset(const ResultsFile& file);

/// The results held by a Dataset read from a results file. Throws std::runtime_error naming what
/// is missing or inconsistent (including a file of another kind or format version).
ResultsFile results_from_dataset(const Dataset& dataset);

/// Global attributes every Drempel file carries: drempel_file_kind, drempel_format_version,
/// engine_version, scenario_json, start_month ("YYYY-MM"), seed (uint64, and `seed_text` as
/// decimal text for readers without 64-bit integers), replicates (int32).
void set_file_attributes(Dataset& dataset, const std::string& kind, std::int32_t version,
                         const std::string& scenario_json, const std::string& start_month,
                         std::uint64_t seed, std::int32_t replicates,
                         const std::string& engine_version);

}  // namespace drempel

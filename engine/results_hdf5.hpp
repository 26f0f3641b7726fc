#pragma once
// Writing and reading results files (HDF5, netCDF-4 compatible; docs/results-format.md). The
// layout is results_file.hpp's; the HDF5 conventions (dimension scales, compression, write to
// FILE.partial then rename) are dataset_hdf5.hpp's.
#include <string>

#include "engine/results.hpp"
#include "engine/results_file.hpp"

namespace drempel {

/// Writes `file` to `path`: first to `path + ".partial"`, renamed to `path` only when complete,
/// so a crashed run never leaves a file that looks finished and an existing file is replaced only
/// on success. Results that are inconsistent (a dimension below 1, an array of the wrong size, a
/// duplicate, reserved or malformed metric name, sweep points that disagree) are rejected before
/// anything is written. Throws std::runtime_error naming the path on any of these and on any HDF5
/// or file-system failure.
void write_results_hdf5(const ResultsFile& file, const std::string& path);
/// The same for the results of one run (no sweep).
void write_results_hdf5(const Results& results, const std::string& path);

/// Reads a results file (a run or a sweep). Throws std::runtime_error naming the path and the
/// object on failure, including files of another kind (an inflow file) or format version.
ResultsFile read_results_file(const std::string& path);

/// Reads the results of one run; a sweep file is refused (use read_results_file).
Results read_results_hdf5(const std::string& path);

}  // namespace drempel

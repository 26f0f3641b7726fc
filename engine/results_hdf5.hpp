#pragma once
// Writing and reading results files (HDF5, netCDF-4 compatible). Layout: DESIGN.md "Results".
#include <string>

#include "engine/results.hpp"

namespace drempel {

/// Writes `results` to `path`: first to `path + ".partial"`, renamed to `path` only when complete,
/// so a crashed run never leaves a file that looks finished. Dimensions are HDF5 dimension scales
/// (replicate, month, region, stage, from_stage, to_stage) with creation order tracked, so h5py,
/// xarray (engine="h5netcdf") and ncdump read named dimensions. Data variables are chunked and
/// compressed (shuffle + deflate); the seed is stored as an unsigned 64-bit attribute. Results
/// that are inconsistent (a dimension below 1, an array of the wrong size, a duplicate, reserved
/// or malformed metric name) are rejected before anything is written. Throws std::runtime_error
/// naming the path on any of these and on any HDF5 or file-system failure, after removing the
/// partial file; an existing file at `path` is replaced only on success.
void write_results_hdf5(const Results& results, const std::string& path);

/// Reads a results file written by write_results_hdf5 back into memory (all variables and
/// attributes). Throws std::runtime_error naming the path and the object on failure.
Results read_results_hdf5(const std::string& path);

}  // namespace drempel

#pragma once
// A generic dataset of named dimensions and variables, written to and read from netCDF-4
// compatible HDF5 files that follow the conventions of the run results file
// (docs/results-format.md): every dimension is an HDF5 dimension scale with a coordinate variable
// of the same name, data variables are chunked and compressed, link and attribute creation order
// are tracked, objects stay within the HDF5 1.8 format, and a file is written to
// `path + ".partial"` and renamed when complete. Such files open with h5py, with
// `xarray.open_dataset(path, engine="h5netcdf")` (named dimensions) and with ncdump.
//
// Arrays are flat and row-major: the last dimension of `dims` varies fastest.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace drempel {

/// (The structs below default every member to empty, so an aggregate or designated initializer
/// names only what it sets.)
///
/// A dimension and its coordinate variable (same name): either string labels (stored as
/// variable-length UTF-8 strings, e.g. region names) or int32 indices (e.g. replicate 0..R-1,
/// month as days since the start, engine/cf_time.hpp). Exactly one of `labels` and `indices` is
/// non-empty; coordinate values are unique.
struct DatasetDimension {
  std::string name{};
  std::string long_name{};  ///< optional: no `long_name` attribute when empty
  std::vector<std::string> labels{};
  std::vector<std::int32_t> indices{};
  std::string units{};  ///< optional (e.g. "days since 2026-01-01" for a CF time coordinate)
  /// Further text attributes (e.g. "calendar"); names as for DatasetVariable::attributes.
  std::map<std::string, std::string> attributes{};

  std::size_t size() const { return labels.empty() ? indices.size() : labels.size(); }
};

/// A variable-length UTF-8 string variable on one dimension that is not its coordinate, such as
/// `month_label(month)`. xarray lists it under data variables (`ds.set_coords(name)` makes it a
/// coordinate). `values` has one entry per element of the dimension.
struct DatasetLabels {
  std::string name{};
  std::string long_name{};  ///< optional: no `long_name` attribute when empty
  std::string dim{};
  std::vector<std::string> values{};
  std::map<std::string, std::string> attributes{};  ///< further text attributes
};

/// A data variable: float64 (`real`) or int64 (`integer`), exactly one of them non-empty, with
/// product(sizes of `dims`) values, row-major. Stored chunked, shuffled and deflated.
struct DatasetVariable {
  std::string name{};
  std::string units{};  ///< optional: no `units` attribute when empty (CF-style, e.g. "h month-1")
  std::string long_name{};  ///< required (non-empty)
  /// Names of dimensions, outermost first; at least one, none twice.
  std::vector<std::string> dims{};
  std::vector<double> real{};
  std::vector<std::int64_t> integer{};
  /// Further text attributes, such as CF's "coordinates" (names of label or 1-D variables that
  /// xarray then shows as coordinates). Names are valid netCDF names, not "units", "long_name",
  /// not HDF5's dimension-scale attributes (CLASS, NAME, REFERENCE_LIST, DIMENSION_LIST) and not
  /// starting with '_'.
  std::map<std::string, std::string> attributes{};

  bool is_integer() const { return !integer.empty(); }
};

/// Everything a dataset file holds. Dimensions, label variables and variables keep their order in
/// the file (creation order) and in what read_dataset_hdf5 returns. All dimension, label and
/// variable names share one namespace (the file's root group).
struct Dataset {
  std::vector<DatasetDimension> dimensions;
  std::vector<DatasetLabels> labels;
  std::vector<DatasetVariable> variables;
  /// Global attributes: text (netCDF NC_CHAR), signed 32-bit (NC_INT, which every reader takes
  /// without a loss-of-precision warning, R's ncdf4 included) and unsigned 64-bit (NC_UINT64, for
  /// a seed). Names are unique across the maps and may not start with '_' (reserved for netCDF).
  /// The writer sets the text attribute `created_utc` ("YYYY-MM-DDTHH:MM:SSZ", now) when it is
  /// missing or empty.
  std::map<std::string, std::string> text_attributes;
  std::map<std::string, std::int32_t> int32_attributes;
  std::map<std::string, std::uint64_t> uint64_attributes;

  /// nullptr when there is none of that name.
  const DatasetDimension* dimension(const std::string& name) const;
  const DatasetLabels* label(const std::string& name) const;
  const DatasetVariable* variable(const std::string& name) const;
};

/// A dimension with int32 coordinates first, first + 1, ..., first + count - 1.
DatasetDimension index_dimension(std::string name, std::string long_name, std::int32_t first,
                                 std::size_t count);

/// Writes `dataset` to `path`: first to `path + ".partial"`, renamed to `path` only when complete,
/// so an existing file at `path` is replaced only on success. Validates everything before creating
/// any file: names (non-empty, unique across dimensions, labels and variables, valid netCDF names
/// in UTF-8), dimensions (size at least 1, exactly one kind of coordinate, unique values), labels
/// (known dimension, one value per element), variables (known and distinct dimensions, exactly one
/// of real/integer with the right number of values, a long_name), attributes (unique names, text
/// without NUL, valid UTF-8). Throws std::runtime_error naming `path` and the offending name on
/// any of these (nothing is created), and OutputError (engine/output_files.hpp) when writing
/// fails (disk full, I/O error), after removing the partial file.
void write_dataset_hdf5(const Dataset& dataset, const std::string& path);

/// True after a write failed inside HDF5. HDF5 1.10 then keeps the file it could not close and
/// crashes in its exit handler (H5F__close_cb), so the command must end with std::_Exit.
bool hdf5_write_failed();

/// Reads everything write_dataset_hdf5 writes: dimensions with their coordinate values, label
/// variables, variables with their attributes, global attributes (those starting with '_' are
/// netCDF's and skipped). Defined in dataset_hdf5_read.cpp. Throws std::runtime_error naming `path`
/// and the object on failure, including objects this format cannot hold (e.g. a variable of another
/// type).
Dataset read_dataset_hdf5(const std::string& path);

}  // namespace drempel

#include "engine/results_hdf5.hpp"

#include <hdf5_hl.h>  // H5DS dimension scales

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <filesystem>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "engine/hdf5_support.hpp"

namespace drempel {
namespace {

using hdf5::attach_scales;
using hdf5::check;
using hdf5::checked;
using hdf5::dataset_shape;
using hdf5::fail;
using hdf5::Handle;
using hdf5::Layout;
using hdf5::now_utc_iso8601;
using hdf5::QuietHdf5Errors;
using hdf5::quoted;
using hdf5::read_optional_text_attribute;
using hdf5::read_strings;
using hdf5::read_text_attribute;
using hdf5::shape_text;
using hdf5::string_type;
using hdf5::write_dataset;
using hdf5::write_string_dataset;
using hdf5::write_text_attribute;

constexpr int kFormatVersion = 1;

constexpr const char* kReplicate = "replicate";
constexpr const char* kMonth = "month";
constexpr const char* kRegion = "region";
constexpr const char* kStage = "stage";
constexpr const char* kFromStage = "from_stage";
constexpr const char* kToStage = "to_stage";
constexpr const char* kMonthLabel = "month_label";
constexpr const char* kStageCount = "stage_count";
constexpr const char* kInitialStageCount = "initial_stage_count";
constexpr const char* kTransitionCount = "transition_count";
constexpr const char* kArrivalCount = "arrival_count";

// Chunks stay below HDF5's default 1 MiB chunk cache per dataset, so reading a replicate's months
// in order inflates each chunk once; ~256 KiB is large enough for deflate to work well.
constexpr hsize_t kChunkTargetBytes = 256 * 1024;
constexpr hsize_t kChunkMaxBytes = 1024 * 1024;

// --- HDF5 plumbing -----------------------------------------------------------------------------

// --- writing -----------------------------------------------------------------------------------

template <typename T>
void write_scalar_attribute(hid_t object, const char* name, hid_t file_type, hid_t memory_type,
                            T value, const std::string& owner) {
  const std::string what = "attribute " + quoted(name) + " of " + owner;
  Handle space = checked(H5Screate(H5S_SCALAR), H5Sclose, what + ": cannot create dataspace");
  Handle attribute =
      checked(H5Acreate2(object, name, file_type, space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
              "cannot create " + what);
  check(H5Awrite(attribute.get(), memory_type, &value), "cannot write " + what);
}

// One replicate per chunk, then as many months as fit in about kChunkTargetBytes, with whole
// regions and stages; only when a single month exceeds kChunkMaxBytes are regions split too.
std::vector<hsize_t> chunk_shape(const std::vector<hsize_t>& dims, std::size_t element_size) {
  std::vector<hsize_t> chunk = dims;
  chunk[0] = 1;
  const auto bytes_from = [&](std::size_t first) {
    hsize_t bytes = element_size;
    for (std::size_t i = first; i < chunk.size(); ++i) bytes *= chunk[i];
    return bytes;
  };
  for (std::size_t k = 1; k < chunk.size() && bytes_from(0) > kChunkMaxBytes; ++k)
    chunk[k] = std::clamp<hsize_t>(kChunkTargetBytes / bytes_from(k + 1), 1, dims[k]);
  return chunk;
}

Handle write_index_dataset(hid_t file, const std::string& name, int count, int first) {
  std::vector<std::int32_t> values(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) values[static_cast<std::size_t>(i)] = first + i;
  return write_dataset(file, name,
                       Layout{H5T_STD_I32LE, H5T_NATIVE_INT32, sizeof(std::int32_t), nullptr},
                       {values.size()}, values.data());
}

void make_scale(hid_t dataset, const char* name) {
  check(H5DSset_scale(dataset, name), "cannot make dataset " + quoted(name) + " a dimension scale");
}

void write_variable(hid_t file, const std::string& name, const Layout& layout,
                    const std::vector<hid_t>& scales, const std::vector<hsize_t>& dims,
                    const void* data, const std::string& long_name, const std::string* units) {
  Handle dataset = write_dataset(file, name, layout, dims, data);
  attach_scales(dataset.get(), name, scales);
  const std::string owner = "dataset " + quoted(name);
  if (units != nullptr) write_text_attribute(dataset.get(), "units", *units, owner);
  write_text_attribute(dataset.get(), "long_name", long_name, owner);
}

void expect_size(const char* name, std::size_t found, std::size_t expected) {
  if (found != expected)
    throw std::runtime_error(std::string(name) + " has " + std::to_string(found) +
                             " values, expected " + std::to_string(expected));
}

// Everything is checked before the partial file exists, so bad input never costs a write.
void validate(const Results& results) {
  const auto at_least_one = [](const char* what, int n) {
    if (n < 1)
      throw std::runtime_error(std::string(what) + " must be at least 1, found " +
                               std::to_string(n));
  };
  at_least_one("replicates", results.replicates);
  at_least_one("months (month_labels)", results.months());
  at_least_one("regions (region_names)", results.regions());
  at_least_one("stages (stage_names)", results.stages());
  const std::size_t r = static_cast<std::size_t>(results.replicates);
  const std::size_t m = static_cast<std::size_t>(results.months());
  const std::size_t g = static_cast<std::size_t>(results.regions());
  const std::size_t s = static_cast<std::size_t>(results.stages());
  // Names are stored as C strings; a NUL would silently cut them short.
  const auto no_nul = [](const char* what, const std::vector<std::string>& names) {
    for (const auto& name : names)
      if (name.find('\0') != std::string::npos)
        throw std::runtime_error(std::string(what) + " " + quoted(name) + " contains a NUL");
  };
  no_nul("region name", results.region_names);
  no_nul("stage name", results.stage_names);
  no_nul("month label", results.month_labels);
  expect_size(kStageCount, results.stage_count.size(), r * m * g * s);
  expect_size(kInitialStageCount, results.initial_stage_count.size(), r * g * s);
  expect_size(kTransitionCount, results.transition_count.size(), r * m * g * s * s);
  expect_size(kArrivalCount, results.arrival_count.size(), r * m * g * s);
  std::set<std::string> taken = {kReplicate,         kMonth,           kRegion,      kStage,
                                 kFromStage,         kToStage,         kMonthLabel,  kStageCount,
                                 kInitialStageCount, kTransitionCount, kArrivalCount};
  for (const auto& metric : results.metrics) {
    if (metric.name.empty()) throw std::runtime_error("a metric has an empty name");
    if (metric.name == "." || metric.name.find_first_of(std::string("/\0", 2)) != std::string::npos)
      throw std::runtime_error("metric name " + quoted(metric.name) +
                               " is not a valid HDF5 link name ('/' or NUL, or '.')");
    if (!taken.insert(metric.name).second)
      throw std::runtime_error("metric name " + quoted(metric.name) +
                               " repeats another metric or a fixed variable");
    expect_size(("metric " + metric.name).c_str(), metric.values.size(), r * m * g);
  }
}

void write_contents(hid_t file, const Results& results) {
  const std::string root = "the file";
  write_scalar_attribute(file, "drempel_format_version", H5T_STD_I32LE, H5T_NATIVE_INT32,
                         std::int32_t{kFormatVersion}, root);
  write_text_attribute(file, "engine_version", results.engine_version, root);
  write_text_attribute(file, "scenario_json", results.scenario_json, root);
  // Unsigned 64-bit so that every seed round-trips; netCDF-4 calls it NC_UINT64.
  write_scalar_attribute(file, "seed", H5T_STD_U64LE, H5T_NATIVE_UINT64,
                         std::uint64_t{results.seed}, root);
  write_scalar_attribute(file, "replicates", H5T_STD_I32LE, H5T_NATIVE_INT32,
                         std::int32_t{results.replicates}, root);
  write_text_attribute(file, "start_month", results.start_month, root);
  write_text_attribute(file, "created_utc",
                       results.created_utc.empty() ? now_utc_iso8601() : results.created_utc, root);

  // Dimension scales come first: netCDF-C numbers dimensions in link creation order.
  //
  // region/stage/from_stage/to_stage hold the names themselves, as variable-length UTF-8 strings,
  // rather than int32 indices plus name variables. Checked with netCDF-C 4.9.0 (ncdump shows
  // `string region(region)` with the names) and xarray 2023.01 + h5netcdf 1.1 (an index of str),
  // so `ds.sel(region="Gent")` works without a lookup table.
  Handle replicate = write_index_dataset(file, kReplicate, results.replicates, 0);
  make_scale(replicate.get(), kReplicate);
  write_text_attribute(replicate.get(), "long_name", "replicate run, 0-based",
                       "dataset 'replicate'");
  Handle month = write_index_dataset(file, kMonth, results.months(), 1);
  make_scale(month.get(), kMonth);
  write_text_attribute(month.get(), "long_name", "simulated month, 1 = start_month",
                       "dataset 'month'");
  Handle region = write_string_dataset(file, kRegion, results.region_names);
  make_scale(region.get(), kRegion);
  std::vector<Handle> stage_scales;
  for (const char* name : {kStage, kFromStage, kToStage}) {
    stage_scales.push_back(write_string_dataset(file, name, results.stage_names));
    make_scale(stage_scales.back().get(), name);
  }
  const hid_t stage = stage_scales[0].get();
  const hid_t from_stage = stage_scales[1].get();
  const hid_t to_stage = stage_scales[2].get();

  {
    Handle label = write_string_dataset(file, kMonthLabel, results.month_labels);
    attach_scales(label.get(), kMonthLabel, {month.get()});
    write_text_attribute(label.get(), "long_name", "calendar month, YYYY-MM",
                         "dataset 'month_label'");
  }

  const hsize_t r = static_cast<hsize_t>(results.replicates);
  const hsize_t m = static_cast<hsize_t>(results.months());
  const hsize_t g = static_cast<hsize_t>(results.regions());
  const hsize_t s = static_cast<hsize_t>(results.stages());
  const Layout counts{H5T_STD_I64LE, H5T_NATIVE_INT64, sizeof(std::int64_t), chunk_shape};
  write_variable(file, kStageCount, counts, {replicate.get(), month.get(), region.get(), stage},
                 {r, m, g, s}, results.stage_count.data(),
                 "clients in each stage at the end of the month", nullptr);
  write_variable(file, kInitialStageCount, counts, {replicate.get(), region.get(), stage},
                 {r, g, s}, results.initial_stage_count.data(),
                 "clients in each stage before month 1", nullptr);
  write_variable(file, kTransitionCount, counts,
                 {replicate.get(), month.get(), region.get(), from_stage, to_stage},
                 {r, m, g, s, s}, results.transition_count.data(),
                 "clients moving from one stage to another during the month (diagonal: stayed)",
                 nullptr);
  write_variable(file, kArrivalCount, counts, {replicate.get(), month.get(), region.get(), stage},
                 {r, m, g, s}, results.arrival_count.data(),
                 "new clients arriving in each stage during the month", nullptr);

  const Layout reals{H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, sizeof(double), chunk_shape};
  for (const auto& metric : results.metrics)
    write_variable(file, metric.name, reals, {replicate.get(), month.get(), region.get()},
                   {r, m, g}, metric.values.data(), metric.long_name, &metric.units);
}

void write_file(const Results& results, const std::string& path) {
  Handle fcpl =
      checked(H5Pcreate(H5P_FILE_CREATE), H5Pclose, "cannot create file creation properties");
  // netCDF-C defines dimensions and variables in link creation order and lists attributes in
  // attribute creation order; HDF5 keeps both only when tracked and indexed.
  check(H5Pset_link_creation_order(fcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
        "cannot track link creation order");
  check(H5Pset_attr_creation_order(fcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
        "cannot track attribute creation order");
  Handle fapl =
      checked(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, "cannot create file access properties");
  // Objects limited to the HDF5 1.8 format, which every netCDF-4 release can read; 1.10-only
  // structures (new chunk indexes, superblock v3) would lock out readers built on HDF5 1.8.
  check(H5Pset_libver_bounds(fapl.get(), H5F_LIBVER_EARLIEST, H5F_LIBVER_V18),
        "cannot set HDF5 format version bounds");
  Handle file = checked(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, fcpl.get(), fapl.get()), H5Fclose,
                        "cannot create " + quoted(path));
  write_contents(file.get(), results);
  if (!file.close()) fail("cannot close " + quoted(path));
}

// --- reading -----------------------------------------------------------------------------------

Handle open_dataset(hid_t file, const std::string& name) {
  return checked(H5Dopen2(file, name.c_str(), H5P_DEFAULT), H5Dclose,
                 "cannot open dataset " + quoted(name));
}

H5T_class_t type_class(hid_t type_owner, bool attribute, const std::string& what) {
  Handle type = checked(attribute ? H5Aget_type(type_owner) : H5Dget_type(type_owner), H5Tclose,
                        what + ": cannot get type");
  const H5T_class_t found = H5Tget_class(type.get());
  if (found == H5T_NO_CLASS) fail(what + ": cannot get type class");
  return found;
}

std::vector<std::string> read_string_dataset(hid_t file, const std::string& name,
                                             std::size_t expected) {
  const std::string what = "dataset " + quoted(name);
  Handle dataset = open_dataset(file, name);
  const std::vector<hsize_t> shape = dataset_shape(dataset.get(), what);
  if (shape.size() != 1 || (expected != 0 && shape[0] != expected))
    throw std::runtime_error(what + " has shape " + shape_text(shape) + ", expected (" +
                             (expected != 0 ? std::to_string(expected) : "n") + ")");
  return read_strings(dataset.get(), false, what);
}

Handle open_attribute(hid_t object, const std::string& name, const std::string& owner) {
  return checked(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose,
                 "cannot open attribute " + quoted(name) + " of " + owner);
}

template <typename T>
T read_integer_attribute(hid_t object, const std::string& name, hid_t memory_type,
                         const std::string& owner) {
  const std::string what = "attribute " + quoted(name) + " of " + owner;
  Handle attribute = open_attribute(object, name, owner);
  if (type_class(attribute.get(), true, what) != H5T_INTEGER)
    throw std::runtime_error(what + " is not an integer");
  Handle space = checked(H5Aget_space(attribute.get()), H5Sclose, what + ": cannot get dataspace");
  if (H5Sget_simple_extent_npoints(space.get()) != 1)
    throw std::runtime_error(what + " is not a single value");
  T value{};
  check(H5Aread(attribute.get(), memory_type, &value), "cannot read " + what);
  return value;
}

hsize_t dimension_length(hid_t file, const std::string& name) {
  Handle dataset = open_dataset(file, name);
  const std::vector<hsize_t> shape = dataset_shape(dataset.get(), "dataset " + quoted(name));
  if (shape.size() != 1)
    throw std::runtime_error("dimension " + quoted(name) + " has shape " + shape_text(shape));
  return shape[0];
}

template <typename T>
void read_numeric_dataset(hid_t file, const std::string& name, H5T_class_t expected_class,
                          hid_t memory_type, const std::vector<hsize_t>& expected_shape,
                          std::vector<T>& out) {
  const std::string what = "dataset " + quoted(name);
  Handle dataset = open_dataset(file, name);
  if (type_class(dataset.get(), false, what) != expected_class)
    throw std::runtime_error(what + " has the wrong type class");
  const std::vector<hsize_t> shape = dataset_shape(dataset.get(), what);
  if (shape != expected_shape)
    throw std::runtime_error(what + " has shape " + shape_text(shape) + ", expected " +
                             shape_text(expected_shape));
  std::size_t n = 1;
  for (hsize_t d : shape) n *= d;
  out.assign(n, T{});
  check(H5Dread(dataset.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()),
        "cannot read " + what);
}

// A metric is any 3-D float64 variable whose dimensions are the replicate, month and region
// scales; nothing else in the file has that shape, so no list of metric names is needed.
bool is_metric(hid_t dataset, const std::string& name, const std::vector<hid_t>& scales) {
  const std::string what = "dataset " + quoted(name);
  const htri_t scale = H5DSis_scale(dataset);
  if (scale < 0) fail(what + ": cannot tell whether it is a dimension scale");
  if (scale > 0 || dataset_shape(dataset, what).size() != scales.size()) return false;
  Handle type = checked(H5Dget_type(dataset), H5Tclose, what + ": cannot get type");
  if (H5Tget_class(type.get()) != H5T_FLOAT || H5Tget_size(type.get()) != sizeof(double))
    return false;
  for (std::size_t i = 0; i < scales.size(); ++i) {
    const htri_t attached = H5DSis_attached(dataset, scales[i], static_cast<unsigned>(i));
    if (attached < 0) fail(what + ": cannot inspect dimension " + std::to_string(i));
    if (attached == 0) return false;
  }
  return true;
}

std::vector<std::string> root_names(hid_t file) {
  H5G_info_t info{};
  check(H5Gget_info(file, &info), "cannot list the root group");
  // Creation order gives metrics back in the order they were written; files without the index
  // (not written here) fall back to name order.
  H5_index_t index = H5_INDEX_CRT_ORDER;
  if (H5Lget_name_by_idx(file, ".", index, H5_ITER_INC, 0, nullptr, 0, H5P_DEFAULT) < 0) {
    H5Eclear2(H5E_DEFAULT);
    index = H5_INDEX_NAME;
  }
  std::vector<std::string> names;
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    const ssize_t length =
        H5Lget_name_by_idx(file, ".", index, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
    if (length < 0) fail("cannot get the name of link " + std::to_string(i) + " of the root group");
    std::string name(static_cast<std::size_t>(length) + 1, '\0');
    if (H5Lget_name_by_idx(file, ".", index, H5_ITER_INC, i, name.data(), name.size(),
                           H5P_DEFAULT) < 0)
      fail("cannot get the name of link " + std::to_string(i) + " of the root group");
    name.resize(static_cast<std::size_t>(length));
    names.push_back(std::move(name));
  }
  return names;
}

Results read_file(const std::string& path) {
  Handle file =
      checked(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose, "cannot open file");
  const hid_t f = file.get();
  const std::string root = "the file";
  Results results;

  const auto version =
      read_integer_attribute<std::int32_t>(f, "drempel_format_version", H5T_NATIVE_INT32, root);
  if (version != kFormatVersion)
    throw std::runtime_error("drempel_format_version is " + std::to_string(version) +
                             ", this reader knows " + std::to_string(kFormatVersion));
  results.engine_version = read_text_attribute(f, "engine_version", root);
  results.scenario_json = read_text_attribute(f, "scenario_json", root);
  results.seed = read_integer_attribute<std::uint64_t>(f, "seed", H5T_NATIVE_UINT64, root);
  const auto replicates_attribute =
      read_integer_attribute<std::int32_t>(f, "replicates", H5T_NATIVE_INT32, root);
  results.start_month = read_text_attribute(f, "start_month", root);
  results.created_utc = read_text_attribute(f, "created_utc", root);

  const hsize_t r = dimension_length(f, kReplicate);
  const hsize_t m = dimension_length(f, kMonth);
  if (static_cast<hsize_t>(replicates_attribute) != r)
    throw std::runtime_error("attribute 'replicates' is " + std::to_string(replicates_attribute) +
                             " but dimension 'replicate' has length " + std::to_string(r));
  results.replicates = static_cast<int>(r);
  results.month_labels = read_string_dataset(f, kMonthLabel, m);
  results.region_names = read_string_dataset(f, kRegion, 0);
  results.stage_names = read_string_dataset(f, kStage, 0);
  const hsize_t g = results.region_names.size();
  const hsize_t s = results.stage_names.size();
  for (const char* name : {kFromStage, kToStage})
    if (dimension_length(f, name) != s)
      throw std::runtime_error("dimension " + quoted(name) + " differs in length from 'stage'");

  read_numeric_dataset(f, kStageCount, H5T_INTEGER, H5T_NATIVE_INT64, {r, m, g, s},
                       results.stage_count);
  read_numeric_dataset(f, kInitialStageCount, H5T_INTEGER, H5T_NATIVE_INT64, {r, g, s},
                       results.initial_stage_count);
  read_numeric_dataset(f, kTransitionCount, H5T_INTEGER, H5T_NATIVE_INT64, {r, m, g, s, s},
                       results.transition_count);
  read_numeric_dataset(f, kArrivalCount, H5T_INTEGER, H5T_NATIVE_INT64, {r, m, g, s},
                       results.arrival_count);

  Handle replicate = open_dataset(f, kReplicate);
  Handle month = open_dataset(f, kMonth);
  Handle region = open_dataset(f, kRegion);
  const std::vector<hid_t> metric_scales = {replicate.get(), month.get(), region.get()};
  for (const auto& name : root_names(f)) {
    Handle object = checked(H5Oopen(f, name.c_str(), H5P_DEFAULT), H5Oclose,
                            "cannot open object " + quoted(name));
    const H5I_type_t kind = H5Iget_type(object.get());
    if (kind != H5I_DATASET) continue;
    if (!is_metric(object.get(), name, metric_scales)) continue;
    MetricSeries metric;
    metric.name = name;
    const std::string owner = "dataset " + quoted(name);
    metric.units = read_optional_text_attribute(object.get(), "units", owner);
    metric.long_name = read_optional_text_attribute(object.get(), "long_name", owner);
    read_numeric_dataset(f, name, H5T_FLOAT, H5T_NATIVE_DOUBLE, {r, m, g}, metric.values);
    results.metrics.push_back(std::move(metric));
  }
  return results;
}

}  // namespace

void write_results_hdf5(const Results& results, const std::string& path) {
  const std::string context = "cannot write results file " + quoted(path) + ": ";
  const std::string partial = path + ".partial";
  try {
    validate(results);
  } catch (const std::exception& error) {
    throw std::runtime_error(context + error.what());
  }
  QuietHdf5Errors quiet;
  try {
    write_file(results, partial);
  } catch (const std::exception& error) {
    std::error_code ignored;
    std::filesystem::remove(partial, ignored);
    throw std::runtime_error(context + error.what());
  }
  // rename() replaces an existing file atomically, so readers see the old file or the new one.
  std::error_code error;
  std::filesystem::rename(partial, path, error);
  if (error) {
    std::error_code ignored;
    std::filesystem::remove(partial, ignored);
    throw std::runtime_error(context + "cannot rename " + quoted(partial) +
                             " to it: " + error.message());
  }
}

Results read_results_hdf5(const std::string& path) {
  QuietHdf5Errors quiet;
  try {
    return read_file(path);
  } catch (const std::exception& error) {
    throw std::runtime_error("cannot read results file " + quoted(path) + ": " + error.what());
  }
}

}  // namespace drempel

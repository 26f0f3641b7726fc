#include "engine/dataset_hdf5.hpp"

#include <hdf5_hl.h>  // H5DS dimension scales

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <filesystem>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "engine/hdf5_support.hpp"
#include "engine/output_files.hpp"

// Validating and writing dataset files; reading is in dataset_hdf5_read.cpp, the HDF5 plumbing in
// hdf5_support.cpp. docs/results-format.md says why each convention is there.

namespace drempel {
namespace {

using hdf5::attach_scales;
using hdf5::check;
using hdf5::checked;
using hdf5::fail;
using hdf5::Handle;
using hdf5::Layout;
using hdf5::now_utc_iso8601;
using hdf5::QuietHdf5Errors;
using hdf5::quoted;
using hdf5::write_dataset;
using hdf5::write_scalar_attribute;
using hdf5::write_string_dataset;
using hdf5::write_text_attribute;
using hdf5::write_text_attributes;

constexpr const char* kCreatedUtc = "created_utc";
constexpr const char* kUnits = "units";
constexpr const char* kLongName = "long_name";

// Chunks stay below HDF5's default 1 MiB chunk cache per dataset; ~256 KiB is large enough for
// deflate to work well.
constexpr hsize_t kChunkTargetBytes = 256 * 1024;
constexpr hsize_t kChunkMaxBytes = 1024 * 1024;

// --- HDF5 plumbing -----------------------------------------------------------------------------

// --- validation --------------------------------------------------------------------------------

// Strict UTF-8 (no overlong forms, no surrogates, at most U+10FFFF): h5netcdf decodes every
// string it reads and netCDF-C rejects names that are not UTF-8.
bool valid_utf8(const std::string& text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    const unsigned char lead = bytes[i];
    std::size_t length = 0;
    unsigned low = 0x80;
    unsigned high = 0xBF;  // allowed range of the second byte
    if (lead < 0x80) {
      ++i;
      continue;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) low = 0xA0;
      if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) low = 0x90;
      if (lead == 0xF4) high = 0x8F;
    } else {
      return false;
    }
    if (i + length > n) return false;
    if (bytes[i + 1] < low || bytes[i + 1] > high) return false;
    for (std::size_t k = 2; k < length; ++k)
      if (bytes[i + k] < 0x80 || bytes[i + k] > 0xBF) return false;
    i += length;
  }
  return true;
}

// Text is stored as C strings, so a NUL would silently cut it short.
void check_text(const std::string& what, const std::string& text) {
  if (text.find('\0') != std::string::npos) throw std::runtime_error(what + " contains a NUL");
  if (!valid_utf8(text)) throw std::runtime_error(what + " is not valid UTF-8");
}

// netCDF-C's rule for names (NC_check_name): UTF-8; the first character a letter, digit, '_' or
// non-ASCII; no '/', no ASCII control character, no trailing space. HDF5 needs only "no '/', not
// '.'", which this implies.
void check_name(const std::string& kind, const std::string& name) {
  const std::string what = kind + " " + quoted(name);
  if (!valid_utf8(name)) throw std::runtime_error(what + " is not valid UTF-8");
  const auto first = static_cast<unsigned char>(name.front());
  const bool letter_or_digit = (first >= 'A' && first <= 'Z') || (first >= 'a' && first <= 'z') ||
                               (first >= '0' && first <= '9');
  if (first < 0x80 && !letter_or_digit && first != '_')
    throw std::runtime_error(what + " must start with a letter, digit, '_' or a non-ASCII letter");
  for (const char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '/' || byte < 0x20 || byte == 0x7F)
      throw std::runtime_error(what + " contains '/' or a control character");
  }
  if (name.back() == ' ') throw std::runtime_error(what + " ends in white space");
}

class NameRegistry {
 public:
  // Dimensions (coordinate variables), label variables and variables are all links in the root
  // group, so their names must differ across kinds too.
  void claim(const std::string& kind, std::size_t index, const std::string& name) {
    if (name.empty())
      throw std::runtime_error(kind + " number " + std::to_string(index + 1) +
                               " has an empty name");
    check_name(kind, name);
    const auto [it, inserted] = taken_.emplace(name, kind);
    if (!inserted)
      throw std::runtime_error(kind + " " + quoted(name) + " has the same name as " +
                               (it->second == kind ? "another " : "a ") + it->second);
  }

 private:
  std::map<std::string, std::string> taken_;
};

// Text attributes of a dimension, label or variable besides units and long_name.
void check_object_attributes(const std::string& owner,
                             const std::map<std::string, std::string>& attributes) {
  for (const auto& [name, value] : attributes) {
    const std::string what = "attribute " + quoted(name) + " of " + owner;
    if (name.empty()) throw std::runtime_error("an attribute of " + owner + " has an empty name");
    check_name("attribute of " + owner, name);
    if (name == kUnits || name == kLongName || hdf5::is_machinery_attribute(name))
      throw std::runtime_error(what + " is reserved (units and long_name have their own fields)");
    check_text(what, value);
  }
}

void check_attribute_name(const std::string& name) {
  if (name.empty()) throw std::runtime_error("a global attribute has an empty name");
  check_name("global attribute", name);
  if (name.front() == '_')
    throw std::runtime_error("global attribute " + quoted(name) +
                             " starts with '_', which netCDF reserves for itself");
}

template <typename T>
void check_unique(const std::string& dimension, const std::vector<T>& values) {
  std::set<T> seen;
  for (const auto& value : values) {
    if (!seen.insert(value).second) {
      std::string text;
      if constexpr (std::is_same_v<T, std::string>)
        text = quoted(value);
      else
        text = std::to_string(value);
      throw std::runtime_error("dimension " + quoted(dimension) + " has the coordinate value " +
                               text + " twice");
    }
  }
}

// Everything is checked before the partial file exists, so bad input never creates a file.
void validate(const Dataset& dataset) {
  NameRegistry names;
  std::map<std::string, std::size_t> sizes;
  for (std::size_t i = 0; i < dataset.dimensions.size(); ++i) {
    const DatasetDimension& dim = dataset.dimensions[i];
    names.claim("dimension", i, dim.name);
    const std::string what = "dimension " + quoted(dim.name);
    if (dim.labels.empty() && dim.indices.empty())
      throw std::runtime_error(what + " has size 0 (neither labels nor indices)");
    if (!dim.labels.empty() && !dim.indices.empty())
      throw std::runtime_error(what + " has both labels and indices");
    check_text("long_name of " + what, dim.long_name);
    check_text("units of " + what, dim.units);
    check_object_attributes(what, dim.attributes);
    for (const auto& label : dim.labels) check_text("a label of " + what, label);
    check_unique(dim.name, dim.labels);
    check_unique(dim.name, dim.indices);
    sizes[dim.name] = dim.size();
  }
  for (std::size_t i = 0; i < dataset.labels.size(); ++i) {
    const DatasetLabels& label = dataset.labels[i];
    names.claim("label variable", i, label.name);
    const std::string what = "label variable " + quoted(label.name);
    const auto size = sizes.find(label.dim);
    if (size == sizes.end())
      throw std::runtime_error(what + " is on unknown dimension " + quoted(label.dim));
    if (label.values.size() != size->second)
      throw std::runtime_error(what + " has " + std::to_string(label.values.size()) +
                               " values, dimension " + quoted(label.dim) + " has " +
                               std::to_string(size->second));
    check_text("long_name of " + what, label.long_name);
    check_object_attributes(what, label.attributes);
    for (const auto& value : label.values) check_text("a value of " + what, value);
  }
  for (std::size_t i = 0; i < dataset.variables.size(); ++i) {
    const DatasetVariable& variable = dataset.variables[i];
    names.claim("variable", i, variable.name);
    const std::string what = "variable " + quoted(variable.name);
    if (variable.dims.empty()) throw std::runtime_error(what + " has no dimensions");
    std::size_t expected = 1;
    std::set<std::string> used;
    for (const auto& dim : variable.dims) {
      const auto size = sizes.find(dim);
      if (size == sizes.end())
        throw std::runtime_error(what + " uses unknown dimension " + quoted(dim));
      // xarray cannot index a variable that repeats a dimension; use two dimensions with the same
      // coordinate values instead (like from_stage and to_stage in the results file).
      if (!used.insert(dim).second)
        throw std::runtime_error(what + " uses dimension " + quoted(dim) + " twice");
      if (expected > std::numeric_limits<std::size_t>::max() / size->second)
        throw std::runtime_error(what + " has too many elements");
      expected *= size->second;
    }
    if (variable.long_name.empty()) throw std::runtime_error(what + " has no long_name");
    check_text("long_name of " + what, variable.long_name);
    check_text("units of " + what, variable.units);
    check_object_attributes(what, variable.attributes);
    if (!variable.real.empty() && !variable.integer.empty())
      throw std::runtime_error(what + " has both real and integer values");
    const std::size_t found =
        variable.real.empty() ? variable.integer.size() : variable.real.size();
    if (found != expected)
      throw std::runtime_error(what + " has " + std::to_string(found) + " values, expected " +
                               std::to_string(expected) + " (the product of its dimension sizes)");
  }
  for (const auto& [name, value] : dataset.text_attributes) {
    check_attribute_name(name);
    check_text("global attribute " + quoted(name), value);
    if (dataset.uint64_attributes.count(name) != 0 || dataset.int32_attributes.count(name) != 0)
      throw std::runtime_error("global attribute " + quoted(name) + " is both text and a number");
  }
  for (const auto& entry : dataset.int32_attributes) {
    check_attribute_name(entry.first);
    if (dataset.uint64_attributes.count(entry.first) != 0)
      throw std::runtime_error("global attribute " + quoted(entry.first) +
                               " is both int32 and uint64");
  }
  for (const auto& entry : dataset.uint64_attributes) check_attribute_name(entry.first);
  if (dataset.uint64_attributes.count(kCreatedUtc) != 0 ||
      dataset.int32_attributes.count(kCreatedUtc) != 0)
    throw std::runtime_error(std::string("global attribute ") + quoted(kCreatedUtc) +
                             " must be text (the writer sets it when missing)");
}

// --- writing -----------------------------------------------------------------------------------

// A whole variable is one chunk when it fits in kChunkMaxBytes. Larger ones are cut along their
// outermost dimensions first, to about kChunkTargetBytes, keeping the inner dimensions whole as
// long as they fit: reading a slab of the first index (a sweep point, a replicate, a month)
// inflates few chunks, and small variables stay one chunk.
std::vector<hsize_t> chunk_shape(const std::vector<hsize_t>& dims, std::size_t element_size) {
  std::vector<hsize_t> chunk = dims;
  const auto bytes_from = [&](std::size_t first) {
    hsize_t bytes = element_size;
    for (std::size_t i = first; i < chunk.size(); ++i) bytes *= chunk[i];
    return bytes;
  };
  for (std::size_t k = 0; k < chunk.size() && bytes_from(0) > kChunkMaxBytes; ++k)
    chunk[k] = std::clamp<hsize_t>(kChunkTargetBytes / bytes_from(k + 1), 1, dims[k]);
  return chunk;
}

void write_contents(hid_t file, const Dataset& dataset) {
  const std::string root = "the file";
  std::map<std::string, std::string> text = dataset.text_attributes;
  if (text[kCreatedUtc].empty()) text[kCreatedUtc] = now_utc_iso8601();
  for (const auto& [name, value] : text) write_text_attribute(file, name.c_str(), value, root);
  // Unsigned 64-bit, so every value (a seed) round-trips; netCDF-4 calls it NC_UINT64.
  for (const auto& [name, value] : dataset.int32_attributes)
    write_scalar_attribute(file, name.c_str(), H5T_STD_I32LE, H5T_NATIVE_INT32, &value, root);
  for (const auto& [name, value] : dataset.uint64_attributes)
    write_scalar_attribute(file, name.c_str(), H5T_STD_U64LE, H5T_NATIVE_UINT64, &value, root);

  // Dimension scales come first: netCDF-C numbers dimensions in link creation order.
  std::map<std::string, Handle> scales;
  for (const DatasetDimension& dim : dataset.dimensions) {
    const std::string what = "dataset " + quoted(dim.name);
    Handle scale =
        dim.labels.empty()
            ? write_dataset(file, dim.name,
                            Layout{H5T_STD_I32LE, H5T_NATIVE_INT32, sizeof(std::int32_t), nullptr},
                            {dim.indices.size()}, dim.indices.data())
            : write_string_dataset(file, dim.name, dim.labels);
    check(H5DSset_scale(scale.get(), dim.name.c_str()),
          "cannot make " + what + " a dimension scale");
    if (!dim.long_name.empty()) write_text_attribute(scale.get(), kLongName, dim.long_name, what);
    if (!dim.units.empty()) write_text_attribute(scale.get(), kUnits, dim.units, what);
    write_text_attributes(scale.get(), dim.attributes, what);
    scales.emplace(dim.name, std::move(scale));
  }

  for (const DatasetLabels& label : dataset.labels) {
    const std::string what = "dataset " + quoted(label.name);
    Handle labels = write_string_dataset(file, label.name, label.values);
    attach_scales(labels.get(), label.name, {scales.at(label.dim).get()});
    if (!label.long_name.empty())
      write_text_attribute(labels.get(), kLongName, label.long_name, what);
    write_text_attributes(labels.get(), label.attributes, what);
  }

  const Layout reals{H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, sizeof(double), chunk_shape};
  const Layout integers{H5T_STD_I64LE, H5T_NATIVE_INT64, sizeof(std::int64_t), chunk_shape};
  for (const DatasetVariable& variable : dataset.variables) {
    const std::string what = "dataset " + quoted(variable.name);
    std::vector<hsize_t> shape;
    std::vector<hid_t> variable_scales;
    for (const auto& dim : variable.dims) {
      shape.push_back(dataset.dimension(dim)->size());
      variable_scales.push_back(scales.at(dim).get());
    }
    Handle data = variable.is_integer()
                      ? write_dataset(file, variable.name, integers, shape, variable.integer.data())
                      : write_dataset(file, variable.name, reals, shape, variable.real.data());
    attach_scales(data.get(), variable.name, variable_scales);
    if (!variable.units.empty()) write_text_attribute(data.get(), kUnits, variable.units, what);
    write_text_attribute(data.get(), kLongName, variable.long_name, what);
    write_text_attributes(data.get(), variable.attributes, what);
  }
}

void write_file(const Dataset& dataset, const std::string& path) {
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
  // Objects limited to the HDF5 1.8 format, which every netCDF-4 release can read.
  check(H5Pset_libver_bounds(fapl.get(), H5F_LIBVER_EARLIEST, H5F_LIBVER_V18),
        "cannot set HDF5 format version bounds");
  Handle file = checked(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, fcpl.get(), fapl.get()), H5Fclose,
                        "cannot create " + quoted(path));
  write_contents(file.get(), dataset);
  if (!file.close()) fail("cannot close " + quoted(path));
}

template <typename T>
const T* find_named(const std::vector<T>& items, const std::string& name) {
  const auto it =
      std::find_if(items.begin(), items.end(), [&](const T& item) { return item.name == name; });
  return it == items.end() ? nullptr : &*it;
}

}  // namespace

const DatasetDimension* Dataset::dimension(const std::string& name) const {
  return find_named(dimensions, name);
}

const DatasetLabels* Dataset::label(const std::string& name) const {
  return find_named(labels, name);
}

const DatasetVariable* Dataset::variable(const std::string& name) const {
  return find_named(variables, name);
}

DatasetDimension index_dimension(std::string name, std::string long_name, std::int32_t first,
                                 std::size_t count) {
  DatasetDimension d;
  d.name = std::move(name);
  d.long_name = std::move(long_name);
  for (std::size_t i = 0; i < count; ++i) d.indices.push_back(first + static_cast<std::int32_t>(i));
  return d;
}

bool hdf5_write_failed() {
  return hdf5::failed_write();
}

void write_dataset_hdf5(const Dataset& dataset, const std::string& path) {
  const std::string context = "cannot write dataset file " + quoted(path) + ": ";
  try {
    validate(dataset);
  } catch (const std::exception& error) {
    throw std::runtime_error(context + error.what());
  }
  QuietHdf5Errors quiet;
  // rename() replaces an existing file atomically, so readers see the old file or the new one.
  PartialFile file(path);
  try {
    write_file(dataset, file.partial());
  } catch (const std::exception& error) {
    // Everything was checked before: what fails here is the disk (full, I/O error).
    hdf5::note_failed_write();
    throw OutputError(context + error.what());
  }
  file.commit();
}

}  // namespace drempel

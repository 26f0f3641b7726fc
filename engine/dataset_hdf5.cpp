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

// The HDF5 plumbing below (Handle, QuietHdf5Errors, fail/check, the string and attribute helpers,
// the readers) is adapted from engine/results_hdf5.cpp, which writes the run results file with
// the same conventions; docs/results-format.md says why each convention is there.

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

constexpr const char* kCreatedUtc = "created_utc";
constexpr const char* kUnits = "units";
constexpr const char* kLongName = "long_name";

// Chunks stay below HDF5's default 1 MiB chunk cache per dataset; ~256 KiB is large enough for
// deflate to work well (as in results_hdf5.cpp).
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
    if (dataset.uint64_attributes.count(name) != 0)
      throw std::runtime_error("global attribute " + quoted(name) + " is both text and uint64");
  }
  for (const auto& entry : dataset.uint64_attributes) check_attribute_name(entry.first);
  if (dataset.uint64_attributes.count(kCreatedUtc) != 0)
    throw std::runtime_error(std::string("global attribute ") + quoted(kCreatedUtc) +
                             " must be text (the writer sets it when missing)");
}

// --- writing -----------------------------------------------------------------------------------

void write_uint64_attribute(hid_t object, const char* name, std::uint64_t value,
                            const std::string& owner) {
  const std::string what = "attribute " + quoted(name) + " of " + owner;
  Handle space = checked(H5Screate(H5S_SCALAR), H5Sclose, what + ": cannot create dataspace");
  Handle attribute =
      checked(H5Acreate2(object, name, H5T_STD_U64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT),
              H5Aclose, "cannot create " + what);
  check(H5Awrite(attribute.get(), H5T_NATIVE_UINT64, &value), "cannot write " + what);
}

// A whole variable is one chunk when it fits in kChunkMaxBytes. Larger ones are cut along their
// outermost dimensions first, to about kChunkTargetBytes, keeping the inner dimensions whole as
// long as they fit: reading a slab of the first index (a replicate, a month) inflates few chunks.
// (The results file always cuts to one replicate per chunk; a generic variable need not start
// with a replicate dimension, and small variables are better as one chunk.)
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
  for (const auto& [name, value] : dataset.uint64_attributes)
    write_uint64_attribute(file, name.c_str(), value, root);

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
    scales.emplace(dim.name, std::move(scale));
  }

  for (const DatasetLabels& label : dataset.labels) {
    const std::string what = "dataset " + quoted(label.name);
    Handle labels = write_string_dataset(file, label.name, label.values);
    attach_scales(labels.get(), label.name, {scales.at(label.dim).get()});
    if (!label.long_name.empty())
      write_text_attribute(labels.get(), kLongName, label.long_name, what);
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

// --- reading -----------------------------------------------------------------------------------

std::uint64_t read_uint64_attribute(hid_t attribute, const std::string& what) {
  Handle space = checked(H5Aget_space(attribute), H5Sclose, what + ": cannot get dataspace");
  if (H5Sget_simple_extent_npoints(space.get()) != 1)
    throw std::runtime_error(what + " is not a single value");
  std::uint64_t value = 0;
  check(H5Aread(attribute, H5T_NATIVE_UINT64, &value), "cannot read " + what);
  return value;
}

struct TypeInfo {
  H5T_class_t type_class;
  std::size_t size;
  H5T_sign_t sign;
};

TypeInfo type_info(hid_t owner, bool attribute, const std::string& what) {
  Handle type = checked(attribute ? H5Aget_type(owner) : H5Dget_type(owner), H5Tclose,
                        what + ": cannot get type");
  const H5T_class_t type_class = H5Tget_class(type.get());
  if (type_class == H5T_NO_CLASS) fail(what + ": cannot get type class");
  const std::size_t size = H5Tget_size(type.get());
  const H5T_sign_t sign = type_class == H5T_INTEGER ? H5Tget_sign(type.get()) : H5T_SGN_ERROR;
  return {type_class, size, sign};
}

template <typename T>
void read_values(hid_t dataset, hid_t memory_type, std::size_t n, std::vector<T>& out,
                 const std::string& what) {
  out.assign(n, T{});
  check(H5Dread(dataset, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()),
        "cannot read " + what);
}

// Root-group link names in creation order (the order they were written); files without the index
// (not written here) fall back to name order.
std::vector<std::string> root_names(hid_t file) {
  H5G_info_t info{};
  check(H5Gget_info(file, &info), "cannot list the root group");
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

// Global attribute names; collected first and read afterwards, so that no exception passes
// through HDF5's C frames.
std::vector<std::string> attribute_names(hid_t object) {
  std::vector<std::string> names;
  const auto collect = [](hid_t, const char* name, const H5A_info_t*, void* data) noexcept {
    try {
      static_cast<std::vector<std::string>*>(data)->emplace_back(name);
      return herr_t{0};
    } catch (...) {
      return herr_t{-1};
    }
  };
  hsize_t position = 0;
  check(H5Aiterate2(object, H5_INDEX_NAME, H5_ITER_INC, &position, collect, &names),
        "cannot list the global attributes");
  return names;
}

void read_global_attributes(hid_t file, Dataset& dataset) {
  const std::string root = "the file";
  for (const std::string& name : attribute_names(file)) {
    if (name.front() == '_') continue;  // netCDF's own (_NCProperties, ...)
    const std::string what = "global attribute " + quoted(name);
    Handle attribute =
        checked(H5Aopen(file, name.c_str(), H5P_DEFAULT), H5Aclose, "cannot open " + what);
    const TypeInfo type = type_info(attribute.get(), true, what);
    if (type.type_class == H5T_STRING) {
      dataset.text_attributes[name] = read_text_attribute(file, name, root);
    } else if (type.type_class == H5T_INTEGER && type.sign == H5T_SGN_NONE &&
               type.size <= sizeof(std::uint64_t)) {
      dataset.uint64_attributes[name] = read_uint64_attribute(attribute.get(), what);
    } else {
      throw std::runtime_error(what + " is neither text nor an unsigned integer");
    }
  }
}

struct Scale {
  std::string name;
  Handle dataset;
  hsize_t size;
};

DatasetDimension read_dimension(hid_t dataset, const std::string& name) {
  const std::string what = "dimension " + quoted(name);
  const std::vector<hsize_t> shape = dataset_shape(dataset, what);
  if (shape.size() != 1)
    throw std::runtime_error(what + " has shape " + shape_text(shape) + ", expected (n)");
  DatasetDimension dim;
  dim.name = name;
  dim.long_name = read_optional_text_attribute(dataset, kLongName, what);
  const TypeInfo type = type_info(dataset, false, what);
  if (type.type_class == H5T_STRING) {
    dim.labels = read_strings(dataset, false, what);
  } else if (type.type_class == H5T_INTEGER && type.size <= sizeof(std::int32_t)) {
    read_values(dataset, H5T_NATIVE_INT32, static_cast<std::size_t>(shape[0]), dim.indices, what);
  } else {
    throw std::runtime_error(what + " has coordinates that are neither text nor int32");
  }
  return dim;
}

// The dimension attached to each axis of a (non-scale) dataset, by name.
std::vector<std::string> dimensions_of(hid_t dataset, const std::string& what,
                                       const std::vector<hsize_t>& shape,
                                       const std::vector<Scale>& scales) {
  std::vector<std::string> dims;
  for (std::size_t axis = 0; axis < shape.size(); ++axis) {
    const std::string where = what + ", axis " + std::to_string(axis);
    const int attached = H5DSget_num_scales(dataset, static_cast<unsigned>(axis));
    if (attached < 0) fail(where + ": cannot count dimension scales");
    if (attached != 1)
      throw std::runtime_error(where + " has " + std::to_string(attached) +
                               " dimension scales, expected 1");
    const Scale* found = nullptr;
    for (const Scale& scale : scales) {
      const htri_t is = H5DSis_attached(dataset, scale.dataset.get(), static_cast<unsigned>(axis));
      if (is < 0) fail(where + ": cannot inspect dimension scale " + quoted(scale.name));
      if (is > 0) {
        found = &scale;
        break;
      }
    }
    if (found == nullptr)
      throw std::runtime_error(where + " has a dimension scale that is not in the root group");
    if (found->size != shape[axis])
      throw std::runtime_error(where + " has length " + std::to_string(shape[axis]) +
                               ", dimension " + quoted(found->name) + " has " +
                               std::to_string(found->size));
    dims.push_back(found->name);
  }
  return dims;
}

Dataset read_file(const std::string& path) {
  Handle file =
      checked(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose, "cannot open file");
  const hid_t f = file.get();
  Dataset dataset;
  read_global_attributes(f, dataset);

  // Dimensions first, so that every variable finds its scales whatever the link order.
  std::vector<std::pair<std::string, Handle>> others;
  std::vector<Scale> scales;
  for (const std::string& name : root_names(f)) {
    const std::string what = "dataset " + quoted(name);
    Handle object = checked(H5Oopen(f, name.c_str(), H5P_DEFAULT), H5Oclose,
                            "cannot open object " + quoted(name));
    if (H5Iget_type(object.get()) != H5I_DATASET)
      throw std::runtime_error("object " + quoted(name) + " is not a dataset");
    const htri_t is_scale = H5DSis_scale(object.get());
    if (is_scale < 0) fail(what + ": cannot tell whether it is a dimension scale");
    if (is_scale > 0) {
      dataset.dimensions.push_back(read_dimension(object.get(), name));
      scales.push_back(Scale{name, std::move(object), dataset.dimensions.back().size()});
    } else {
      others.emplace_back(name, std::move(object));
    }
  }

  for (const auto& [name, object] : others) {
    const hid_t id = object.get();
    const std::string what = "dataset " + quoted(name);
    const std::vector<hsize_t> shape = dataset_shape(id, what);
    if (shape.empty()) throw std::runtime_error(what + " has no dimensions");
    std::vector<std::string> dims = dimensions_of(id, what, shape, scales);
    const TypeInfo type = type_info(id, false, what);
    if (type.type_class == H5T_STRING) {
      if (dims.size() != 1)
        throw std::runtime_error(what + " holds text on " + std::to_string(dims.size()) +
                                 " dimensions; label variables have one");
      DatasetLabels label;
      label.name = name;
      label.long_name = read_optional_text_attribute(id, kLongName, what);
      label.dim = dims[0];
      label.values = read_strings(id, false, what);
      dataset.labels.push_back(std::move(label));
      continue;
    }
    DatasetVariable variable;
    variable.name = name;
    variable.units = read_optional_text_attribute(id, kUnits, what);
    variable.long_name = read_optional_text_attribute(id, kLongName, what);
    std::size_t n = 1;
    for (hsize_t d : shape) n *= static_cast<std::size_t>(d);
    if (type.type_class == H5T_FLOAT)
      read_values(id, H5T_NATIVE_DOUBLE, n, variable.real, what);
    else if (type.type_class == H5T_INTEGER)
      read_values(id, H5T_NATIVE_INT64, n, variable.integer, what);
    else
      throw std::runtime_error(what + " is neither float64 nor int64");
    variable.dims = std::move(dims);
    dataset.variables.push_back(std::move(variable));
  }
  return dataset;
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

void write_dataset_hdf5(const Dataset& dataset, const std::string& path) {
  const std::string context = "cannot write dataset file " + quoted(path) + ": ";
  const std::string partial = path + ".partial";
  try {
    validate(dataset);
  } catch (const std::exception& error) {
    throw std::runtime_error(context + error.what());
  }
  QuietHdf5Errors quiet;
  try {
    write_file(dataset, partial);
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

Dataset read_dataset_hdf5(const std::string& path) {
  QuietHdf5Errors quiet;
  try {
    return read_file(path);
  } catch (const std::exception& error) {
    throw std::runtime_error("cannot read dataset file " + quoted(path) + ": " + error.what());
  }
}

}  // namespace drempel

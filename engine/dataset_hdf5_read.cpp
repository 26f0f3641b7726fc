// Reading dataset files (engine/dataset_hdf5.hpp); the writer is dataset_hdf5.cpp.
#include <hdf5_hl.h>  // H5DS dimension scales

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "engine/dataset_hdf5.hpp"
#include "engine/hdf5_support.hpp"

namespace drempel {
namespace {

using hdf5::attribute_names;
using hdf5::check;
using hdf5::checked;
using hdf5::dataset_shape;
using hdf5::fail;
using hdf5::Handle;
using hdf5::QuietHdf5Errors;
using hdf5::quoted;
using hdf5::read_optional_text_attribute;
using hdf5::read_other_text_attributes;
using hdf5::read_strings;
using hdf5::read_text_attribute;
using hdf5::shape_text;

constexpr const char* kUnits = "units";
constexpr const char* kLongName = "long_name";

template <typename T>
T read_scalar_attribute(hid_t attribute, hid_t memory_type, const std::string& what) {
  Handle space = checked(H5Aget_space(attribute), H5Sclose, what + ": cannot get dataspace");
  if (H5Sget_simple_extent_npoints(space.get()) != 1)
    throw std::runtime_error(what + " is not a single value");
  T value{};
  check(H5Aread(attribute, memory_type, &value), "cannot read " + what);
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

void read_global_attributes(hid_t file, Dataset& dataset) {
  const std::string root = "the file";
  for (const std::string& name : attribute_names(file, root)) {
    if (name.front() == '_') continue;  // netCDF's own (_NCProperties, ...)
    const std::string what = "global attribute " + quoted(name);
    Handle attribute =
        checked(H5Aopen(file, name.c_str(), H5P_DEFAULT), H5Aclose, "cannot open " + what);
    const TypeInfo type = type_info(attribute.get(), true, what);
    if (type.type_class == H5T_STRING) {
      dataset.text_attributes[name] = read_text_attribute(file, name, root);
    } else if (type.type_class == H5T_INTEGER && type.sign == H5T_SGN_NONE &&
               type.size <= sizeof(std::uint64_t)) {
      dataset.uint64_attributes[name] =
          read_scalar_attribute<std::uint64_t>(attribute.get(), H5T_NATIVE_UINT64, what);
    } else if (type.type_class == H5T_INTEGER && type.sign == H5T_SGN_2 &&
               type.size <= sizeof(std::int32_t)) {
      dataset.int32_attributes[name] =
          read_scalar_attribute<std::int32_t>(attribute.get(), H5T_NATIVE_INT32, what);
    } else {
      throw std::runtime_error(what + " is neither text, int32 nor an unsigned integer");
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
  dim.units = read_optional_text_attribute(dataset, kUnits, what);
  dim.attributes = read_other_text_attributes(dataset, {kLongName, kUnits}, what);
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
      label.attributes = read_other_text_attributes(id, {kLongName}, what);
      dataset.labels.push_back(std::move(label));
      continue;
    }
    DatasetVariable variable;
    variable.name = name;
    variable.units = read_optional_text_attribute(id, kUnits, what);
    variable.long_name = read_optional_text_attribute(id, kLongName, what);
    variable.attributes = read_other_text_attributes(id, {kLongName, kUnits}, what);
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

}  // namespace

Dataset read_dataset_hdf5(const std::string& path) {
  QuietHdf5Errors quiet;
  try {
    return read_file(path);
  } catch (const std::exception& error) {
    throw std::runtime_error("cannot read dataset file " + quoted(path) + ": " + error.what());
  }
}

}  // namespace drempel

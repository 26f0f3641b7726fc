#include "engine/hdf5_support.hpp"

#include <hdf5_hl.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <stdexcept>

namespace drempel::hdf5 {
namespace {

herr_t keep_innermost_error(unsigned /*n*/, const H5E_error2_t* error, void* client_data) {
  // Walking downwards, the last entry is the deepest one and says most (file names, errno).
  if (error->desc != nullptr && error->desc[0] != '\0')
    *static_cast<std::string*>(client_data) = error->desc;
  return 0;
}

// Fixed-length strings end at their padding; the reader accepts every padding HDF5 knows, so
// files edited with other tools read too.
std::string trim_fixed(const char* data, std::size_t size, H5T_str_t pad) {
  std::string text(data, size);
  if (pad == H5T_STR_SPACEPAD) {
    text.erase(text.find_last_not_of(' ') + 1);
  } else {
    const auto nul = text.find('\0');
    if (nul != std::string::npos) text.erase(nul);
  }
  return text;
}

}  // namespace

namespace {
std::atomic<bool> g_failed_write{false};
}  // namespace

void note_failed_write() {
  g_failed_write.store(true);
}
bool failed_write() {
  return g_failed_write.load();
}

[[noreturn]] void fail(const std::string& what) {
  std::string detail;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, keep_innermost_error, &detail);
  H5Eclear2(H5E_DEFAULT);
  throw std::runtime_error(detail.empty() ? what : what + " (HDF5: " + detail + ")");
}

Handle checked(hid_t id, Handle::Closer closer, const std::string& what) {
  if (id < 0) fail(what);
  return Handle(id, closer);
}

void check(herr_t status, const std::string& what) {
  if (status < 0) fail(what);
}

std::string quoted(const std::string& name) {
  return "'" + name + "'";
}

std::string shape_text(const std::vector<hsize_t>& dims) {
  std::string text = "(";
  for (std::size_t i = 0; i < dims.size(); ++i) text += (i ? ", " : "") + std::to_string(dims[i]);
  return text + ")";
}

Handle string_type(std::size_t size, const std::string& what) {
  Handle type = checked(H5Tcopy(H5T_C_S1), H5Tclose, what + ": cannot create string type");
  check(H5Tset_size(type.get(), size), what + ": cannot size string type");
  check(H5Tset_cset(type.get(), H5T_CSET_UTF8), what + ": cannot set UTF-8 on string type");
  if (size != H5T_VARIABLE)
    check(H5Tset_strpad(type.get(), H5T_STR_NULLPAD), what + ": cannot set string padding");
  return type;
}

void write_text_attribute(hid_t object, const char* name, const std::string& value,
                          const std::string& owner) {
  const std::string what = "attribute " + quoted(name) + " of " + owner;
  // netCDF text attributes (NC_CHAR) are fixed-length strings in a scalar dataspace, which ncdump
  // prints plainly (variable-length ones would become NC_STRING, which CF tools handle less well)
  // and h5netcdf decodes to str; plain h5py shows them as bytes, as for any netCDF file. HDF5 has
  // no zero-length string type, so an empty value is one NUL, which NULLPAD readers strip.
  std::string padded = value;
  padded.resize(std::max<std::size_t>(value.size(), 1), '\0');
  Handle type = string_type(padded.size(), what);
  Handle space = checked(H5Screate(H5S_SCALAR), H5Sclose, what + ": cannot create dataspace");
  Handle attribute =
      checked(H5Acreate2(object, name, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
              "cannot create " + what);
  check(H5Awrite(attribute.get(), type.get(), padded.data()), "cannot write " + what);
}

Handle write_dataset(hid_t file, const std::string& name, const Layout& layout,
                     const std::vector<hsize_t>& dims, const void* data) {
  const std::string what = "dataset " + quoted(name);
  Handle space = checked(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr),
                         H5Sclose, what + ": cannot create dataspace");
  Handle dcpl =
      checked(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, what + ": cannot create property list");
  // So that netCDF-C lists each variable's attributes in the order they were written.
  check(H5Pset_attr_creation_order(dcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
        what + ": cannot track attribute creation order");
  if (layout.chunks != nullptr) {
    const std::vector<hsize_t> chunk = layout.chunks(dims, layout.element_size);
    check(H5Pset_chunk(dcpl.get(), static_cast<int>(chunk.size()), chunk.data()),
          what + ": cannot set chunk shape " + shape_text(chunk));
    check(H5Pset_shuffle(dcpl.get()), what + ": cannot enable the shuffle filter");
    check(H5Pset_deflate(dcpl.get(), kDeflateLevel), what + ": cannot enable deflate");
  }
  Handle dataset = checked(H5Dcreate2(file, name.c_str(), layout.file_type, space.get(),
                                      H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
                           H5Dclose, "cannot create " + what);
  check(H5Dwrite(dataset.get(), layout.memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data),
        "cannot write " + what);
  return dataset;
}

Handle write_string_dataset(hid_t file, const std::string& name,
                            const std::vector<std::string>& values) {
  std::vector<const char*> pointers;
  for (const auto& value : values) pointers.push_back(value.c_str());
  Handle type = string_type(H5T_VARIABLE, "dataset " + quoted(name));
  return write_dataset(file, name, Layout{type.get(), type.get(), sizeof(char*), nullptr},
                       {values.size()}, pointers.data());
}

void attach_scales(hid_t dataset, const std::string& name, const std::vector<hid_t>& scales) {
  for (std::size_t i = 0; i < scales.size(); ++i)
    check(H5DSattach_scale(dataset, scales[i], static_cast<unsigned>(i)),
          "cannot attach dimension " + std::to_string(i) + " of dataset " + quoted(name));
}

void write_scalar_attribute(hid_t object, const char* name, hid_t file_type, hid_t memory_type,
                            const void* value, const std::string& owner) {
  const std::string what = "attribute " + quoted(name) + " of " + owner;
  Handle space = checked(H5Screate(H5S_SCALAR), H5Sclose, what + ": cannot create dataspace");
  Handle attribute =
      checked(H5Acreate2(object, name, file_type, space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
              "cannot create " + what);
  check(H5Awrite(attribute.get(), memory_type, value), "cannot write " + what);
}

void write_text_attributes(hid_t object, const std::map<std::string, std::string>& attributes,
                           const std::string& owner) {
  for (const auto& [name, value] : attributes)
    write_text_attribute(object, name.c_str(), value, owner);
}

std::vector<std::string> attribute_names(hid_t object, const std::string& owner) {
  // Collected first and read afterwards, so that no exception passes through HDF5's C frames.
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
        "cannot list the attributes of " + owner);
  return names;
}

bool is_machinery_attribute(const std::string& name) {
  return name.empty() || name.front() == '_' || name == "CLASS" || name == "NAME" ||
         name == "REFERENCE_LIST" || name == "DIMENSION_LIST";
}

std::map<std::string, std::string> read_other_text_attributes(
    hid_t object, const std::vector<std::string>& except, const std::string& owner) {
  std::map<std::string, std::string> out;
  for (const std::string& name : attribute_names(object, owner)) {
    if (is_machinery_attribute(name)) continue;
    if (std::find(except.begin(), except.end(), name) != except.end()) continue;
    const std::string what = "attribute " + quoted(name) + " of " + owner;
    Handle attribute =
        checked(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose, "cannot open " + what);
    Handle type = checked(H5Aget_type(attribute.get()), H5Tclose, what + ": cannot get type");
    if (H5Tget_class(type.get()) != H5T_STRING) throw std::runtime_error(what + " is not text");
    out[name] = read_text_attribute(object, name, owner);
  }
  return out;
}

std::string now_utc_iso8601() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

std::vector<hsize_t> dataset_shape(hid_t dataset, const std::string& what) {
  Handle space = checked(H5Dget_space(dataset), H5Sclose, what + ": cannot get dataspace");
  const int rank = H5Sget_simple_extent_ndims(space.get());
  if (rank < 0) fail(what + ": cannot get rank");
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  if (H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr) < 0)
    fail(what + ": cannot get shape");
  return dims;
}

std::vector<std::string> read_strings(hid_t owner, bool attribute, const std::string& what) {
  Handle type = checked(attribute ? H5Aget_type(owner) : H5Dget_type(owner), H5Tclose,
                        what + ": cannot get type");
  if (H5Tget_class(type.get()) != H5T_STRING) throw std::runtime_error(what + " is not text");
  Handle space = checked(attribute ? H5Aget_space(owner) : H5Dget_space(owner), H5Sclose,
                         what + ": cannot get dataspace");
  const hssize_t points = H5Sget_simple_extent_npoints(space.get());
  if (points < 0) fail(what + ": cannot count elements");
  const std::size_t n = static_cast<std::size_t>(points);
  const auto read = [&](void* buffer) {
    return attribute ? H5Aread(owner, type.get(), buffer)
                     : H5Dread(owner, type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer);
  };
  std::vector<std::string> values;
  const htri_t variable = H5Tis_variable_str(type.get());
  if (variable < 0) fail(what + ": cannot inspect string type");
  if (variable > 0) {
    // HDF5 allocates the strings it reads; they go back to it even if copying them throws.
    struct Strings {
      std::vector<char*> pointers;
      ~Strings() {
        for (char* pointer : pointers) H5free_memory(pointer);
      }
    } strings{std::vector<char*>(n, nullptr)};
    check(read(strings.pointers.data()), "cannot read " + what);
    for (const char* pointer : strings.pointers) values.emplace_back(pointer ? pointer : "");
  } else {
    const std::size_t size = H5Tget_size(type.get());
    if (size == 0) fail(what + ": cannot get string size");
    std::vector<char> buffer(n * size);
    check(read(buffer.data()), "cannot read " + what);
    const H5T_str_t pad = H5Tget_strpad(type.get());
    for (std::size_t i = 0; i < n; ++i) values.push_back(trim_fixed(&buffer[i * size], size, pad));
  }
  return values;
}

std::string read_text_attribute(hid_t object, const std::string& name, const std::string& owner) {
  const std::string what = "attribute " + quoted(name) + " of " + owner;
  Handle attribute =
      checked(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose, "cannot open " + what);
  std::string text;
  for (const auto& part : read_strings(attribute.get(), true, what)) text += part;
  return text;
}

// units and long_name are optional on metrics, so that a variable someone added by hand with
// another tool does not make the whole file unreadable.
std::string read_optional_text_attribute(hid_t object, const std::string& name,
                                         const std::string& owner) {
  const htri_t exists = H5Aexists(object, name.c_str());
  if (exists < 0) fail("cannot look for attribute " + quoted(name) + " of " + owner);
  return exists > 0 ? read_text_attribute(object, name, owner) : std::string();
}

}  // namespace drempel::hdf5

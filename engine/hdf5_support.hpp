#pragma once
// HDF5 plumbing shared by the results writers (results_hdf5.cpp, dataset_hdf5.cpp): owned
// identifiers, errors turned into exceptions with HDF5's innermost message, string types.
// Internal to the engine; not part of its public interface.
#include <hdf5.h>

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace drempel::hdf5 {

// Owns one HDF5 identifier. Declaring the file handle before everything opened from it makes the
// file close last, also when an exception unwinds the stack.
class Handle {
 public:
  using Closer = herr_t (*)(hid_t);

  Handle() = default;
  Handle(hid_t id, Closer closer) : id_(id), closer_(closer) {}
  Handle(Handle&& other) noexcept
      : id_(std::exchange(other.id_, H5I_INVALID_HID)), closer_(other.closer_) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = std::exchange(other.id_, H5I_INVALID_HID);
      closer_ = other.closer_;
    }
    return *this;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() { reset(); }

  hid_t get() const { return id_; }

  // Closing the file is where buffered data reach the disk, so its failure has to be seen.
  bool close() {
    const herr_t status = id_ >= 0 ? closer_(id_) : 0;
    id_ = H5I_INVALID_HID;
    return status >= 0;
  }

 private:
  void reset() {
    if (id_ >= 0) closer_(id_);
    id_ = H5I_INVALID_HID;
  }

  hid_t id_ = H5I_INVALID_HID;
  Closer closer_ = nullptr;
};

// HDF5 prints its error stack to stderr by default; we turn failures into exceptions instead and
// give the printing back afterwards, since the setting is process-wide.
class QuietHdf5Errors {
 public:
  QuietHdf5Errors() {
    H5Eget_auto2(H5E_DEFAULT, &func_, &client_data_);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  }
  QuietHdf5Errors(const QuietHdf5Errors&) = delete;
  QuietHdf5Errors& operator=(const QuietHdf5Errors&) = delete;
  ~QuietHdf5Errors() { H5Eset_auto2(H5E_DEFAULT, func_, client_data_); }

 private:
  H5E_auto2_t func_ = nullptr;
  void* client_data_ = nullptr;
};

/// Records that a write failed inside HDF5 (see hdf5_write_failed in dataset_hdf5.hpp).
void note_failed_write();
bool failed_write();

/// Throws std::runtime_error with `what` and HDF5's innermost error message; clears the stack.
[[noreturn]] void fail(const std::string& what);
/// `id` as an owned handle, or fail(what) when it is negative.
Handle checked(hid_t id, Handle::Closer closer, const std::string& what);
/// fail(what) when `status` is negative.
void check(herr_t status, const std::string& what);
/// 'name', for messages.
std::string quoted(const std::string& name);
/// "(2, 3)", for messages.
std::string shape_text(const std::vector<hsize_t>& dims);
/// A UTF-8 string type of `size` bytes (NUL-padded) or H5T_VARIABLE.
Handle string_type(std::size_t size, const std::string& what);

/// Deflate level of compressed variables (with the shuffle filter).
inline constexpr unsigned kDeflateLevel = 4;

/// A chunk shape for a variable of `dims` with elements of `element_size` bytes.
using ChunkShape = std::vector<hsize_t> (*)(const std::vector<hsize_t>& dims,
                                            std::size_t element_size);

/// How a dataset is stored: its file and memory types, the element size, and the chunk shape
/// (nullptr: contiguous and uncompressed, as coordinate variables are; else chunked, shuffled and
/// deflated).
struct Layout {
  hid_t file_type;
  hid_t memory_type;
  std::size_t element_size;
  ChunkShape chunks;
};

/// A netCDF text attribute (NC_CHAR: a fixed-length UTF-8 string in a scalar dataspace).
void write_text_attribute(hid_t object, const char* name, const std::string& value,
                          const std::string& owner);
/// Creates and writes dataset `name` of shape `dims` with attribute creation order tracked.
Handle write_dataset(hid_t file, const std::string& name, const Layout& layout,
                     const std::vector<hsize_t>& dims, const void* data);
/// A 1-D dataset of variable-length UTF-8 strings, contiguous.
Handle write_string_dataset(hid_t file, const std::string& name,
                            const std::vector<std::string>& values);
/// Attaches `scales` to the dimensions of `dataset`, in order.
void attach_scales(hid_t dataset, const std::string& name, const std::vector<hid_t>& scales);
/// A scalar numeric attribute (e.g. H5T_STD_I32LE / H5T_NATIVE_INT32 for NC_INT).
void write_scalar_attribute(hid_t object, const char* name, hid_t file_type, hid_t memory_type,
                            const void* value, const std::string& owner);
/// Writes every (name, text) pair as a text attribute.
void write_text_attributes(hid_t object, const std::map<std::string, std::string>& attributes,
                           const std::string& owner);
/// The names of the attributes of `object`, in name order.
std::vector<std::string> attribute_names(hid_t object, const std::string& owner);
/// True for attributes that belong to HDF5's dimension scales or to netCDF (CLASS, NAME,
/// REFERENCE_LIST, DIMENSION_LIST, anything starting with '_'), not to the data's description.
bool is_machinery_attribute(const std::string& name);
/// Every text attribute of `object` but `except` and the machinery ones; throws for another
/// attribute that is not text.
std::map<std::string, std::string> read_other_text_attributes(
    hid_t object, const std::vector<std::string>& except, const std::string& owner);
/// The current time, "YYYY-MM-DDTHH:MM:SSZ".
std::string now_utc_iso8601();

/// The shape of a dataset.
std::vector<hsize_t> dataset_shape(hid_t dataset, const std::string& what);
/// Every string of a string dataset or attribute (fixed or variable length, any padding).
std::vector<std::string> read_strings(hid_t owner, bool attribute, const std::string& what);
/// A text attribute, its parts joined.
std::string read_text_attribute(hid_t object, const std::string& name, const std::string& owner);
/// A text attribute, or "" when it is missing.
std::string read_optional_text_attribute(hid_t object, const std::string& name,
                                         const std::string& owner);

}  // namespace drempel::hdf5

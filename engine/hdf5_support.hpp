#pragma once
// HDF5 plumbing shared by the results writers (results_hdf5.cpp, dataset_hdf5.cpp): owned
// identifiers, errors turned into exceptions with HDF5's innermost message, string types.
// Internal to the engine; not part of its public interface.
#include <hdf5.h>

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

}  // namespace drempel::hdf5

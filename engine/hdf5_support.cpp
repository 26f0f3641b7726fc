#include "engine/hdf5_support.hpp"

#include <stdexcept>

namespace drempel::hdf5 {
namespace {

herr_t keep_innermost_error(unsigned /*n*/, const H5E_error2_t* error, void* client_data) {
  // Walking downwards, the last entry is the deepest one and says most (file names, errno).
  if (error->desc != nullptr && error->desc[0] != '\0')
    *static_cast<std::string*>(client_data) = error->desc;
  return 0;
}

}  // namespace

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

}  // namespace drempel::hdf5

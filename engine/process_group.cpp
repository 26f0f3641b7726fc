#include "engine/process_group.hpp"

#include <cstdlib>
#include <string>

namespace drempel {
namespace {

std::unique_ptr<ProcessGroup>& current() {
  static std::unique_ptr<ProcessGroup> group = std::make_unique<ProcessGroup>();
  return group;
}

}  // namespace

void ProcessGroup::abort_all(int status) {
  std::_Exit(status);
}

ProcessGroup& process_group() {
  return *current();
}

void set_process_group(std::unique_ptr<ProcessGroup> group) {
  current() = std::move(group);
}

int launcher_size() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE"})
    if (const char* value = std::getenv(name)) {
      const int n = std::atoi(value);
      if (n > 0) return n;
    }
  return 1;
}

#ifndef DREMPEL_WITH_MPI
std::unique_ptr<ProcessGroup> start_mpi(int*, char***) {
  return nullptr;
}
#endif

}  // namespace drempel

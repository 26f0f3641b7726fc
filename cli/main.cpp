#include <cstdlib>

#include "cli/cli_main.hpp"
#include "engine/process_group.hpp"

int main(int argc, char** argv) {
  // Under mpirun (and built with MPI): the MPI world; otherwise this process alone, as always.
  if (drempel::launcher_size() > 1 || std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr)
    if (auto world = drempel::start_mpi(&argc, &argv)) drempel::set_process_group(std::move(world));
  const int status = drempel::cli_main(argc, argv);
  drempel::set_process_group(nullptr);  // (finalises MPI)
  return status;
}

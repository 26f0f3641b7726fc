#pragma once
// The processes that share one run: the ranks of an MPI job (engine/mpi_process_group.cpp, built
// with the CMake option DREMPEL_WITH_MPI and started by mpirun), or this process alone.
//
// Work is split by whole tasks, so nothing a task computes depends on how many processes there
// are; what crosses processes is bytes (a task's results), gathered on rank 0 in a fixed order.
#include <memory>
#include <string>
#include <vector>

namespace drempel {

/// This process alone; the base of the MPI group.
class ProcessGroup {
 public:
  virtual ~ProcessGroup() = default;
  /// This process's number, 0 .. size() - 1; rank 0 writes the outputs.
  virtual int rank() const { return 0; }
  virtual int size() const { return 1; }
  /// Collective: on rank 0, every rank's `bytes` in rank order (its own first); on the other
  /// ranks, nothing (their bytes are sent to rank 0).
  virtual std::vector<std::string> gather(std::string bytes) { return {std::move(bytes)}; }
  /// Collective: the largest `value` of any rank, on every rank.
  virtual int max_over_ranks(int value) { return value; }
  /// Ends every process of the group at once (after an internal failure on one rank, which would
  /// leave the others waiting in a collective call). Does not return.
  [[noreturn]] virtual void abort_all(int status);
};

/// The group of this process: set once at start-up (set_process_group), this process alone
/// otherwise.
ProcessGroup& process_group();
void set_process_group(std::unique_ptr<ProcessGroup> group);

/// The number of processes the MPI launcher started this one among (from its environment:
/// OMPI_COMM_WORLD_SIZE, PMI_SIZE or PMIX_SIZE), or 1 when none did: how a build without MPI
/// knows it was started by mpirun (and refuses, rather than run the whole job on every rank).
int launcher_size();

/// With DREMPEL_WITH_MPI: initialises MPI (thread level "funneled": only the main thread calls
/// MPI) and returns the world group, which finalises MPI when destroyed. Without it: nullptr.
std::unique_ptr<ProcessGroup> start_mpi(int* argc, char*** argv);

}  // namespace drempel

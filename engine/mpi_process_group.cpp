// The MPI world as a ProcessGroup (built with DREMPEL_WITH_MPI; the C API of Open MPI).
// The C API only: mpi.h would otherwise pull in the deprecated C++ bindings, which need their own
// library.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>

#include <algorithm>
#include <climits>
#include <cstdint>

#include "engine/process_group.hpp"

namespace drempel {
namespace {

// MPI counts are ints: large results go in chunks.
constexpr std::size_t kChunk = std::size_t{1} << 30;

class MpiWorld final : public ProcessGroup {
 public:
  MpiWorld() {
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
  }
  ~MpiWorld() override { MPI_Finalize(); }
  int rank() const override { return rank_; }
  int size() const override { return size_; }

  std::vector<std::string> gather(std::string bytes) override {
    std::uint64_t n = bytes.size();
    std::vector<std::uint64_t> sizes(rank_ == 0 ? static_cast<std::size_t>(size_) : 0);
    MPI_Gather(&n, 1, MPI_UINT64_T, sizes.data(), 1, MPI_UINT64_T, 0, MPI_COMM_WORLD);
    if (rank_ != 0) {
      for (std::size_t at = 0; at < bytes.size(); at += kChunk)
        MPI_Send(bytes.data() + at, static_cast<int>(std::min(kChunk, bytes.size() - at)), MPI_BYTE,
                 0, 0, MPI_COMM_WORLD);
      return {};
    }
    std::vector<std::string> all;
    all.push_back(std::move(bytes));
    for (int r = 1; r < size_; ++r) {
      std::string& in = all.emplace_back(sizes[static_cast<std::size_t>(r)], '\0');
      for (std::size_t at = 0; at < in.size(); at += kChunk)
        MPI_Recv(in.data() + at, static_cast<int>(std::min(kChunk, in.size() - at)), MPI_BYTE, r, 0,
                 MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    }
    return all;
  }

  int max_over_ranks(int value) override {
    int out = value;
    MPI_Allreduce(&value, &out, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    return out;
  }

  [[noreturn]] void abort_all(int status) override {
    MPI_Abort(MPI_COMM_WORLD, status);
    std::_Exit(status);
  }

 private:
  int rank_ = 0, size_ = 1;
};

}  // namespace

std::unique_ptr<ProcessGroup> start_mpi(int* argc, char*** argv) {
  int provided = 0;
  MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided);
  return std::make_unique<MpiWorld>();
}

}  // namespace drempel

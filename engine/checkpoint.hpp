#pragma once
// Checkpoints: where every replicate of a run stands, so that a killed run can be continued
// (docs/checkpoint-format.md).
//
// A run is a set of tasks, one per (sweep point, replicate). A checkpoint holds, for each, whether
// it has not started, is running (with the months it has done and its state after them: its part
// of the results and its model's state) or is done (its part of the results). Which model and
// which run it belongs to is the caller's: a JSON header it writes and checks. The file is written
// to FILE.partial and renamed (engine/output_files.hpp), and ends with a checksum of everything
// before it, so a reader sees the previous checkpoint or the new one, whole.
#include <chrono>
#include <cstdint>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace drempel {

/// The format version written in every checkpoint; others are refused.
inline constexpr std::uint32_t kCheckpointFormatVersion = 1;

/// Where one (point, replicate) task stands.
struct CheckpointTask {
  enum class Status : std::uint8_t { kNotStarted = 0, kRunning = 1, kDone = 2 };
  Status status = Status::kNotStarted;
  std::int32_t months_done = 0;  ///< kRunning: the months done (the next one runs first)
  std::string state;             ///< the caller's bytes (engine/state_archive.hpp)
};

struct Checkpoint {
  nlohmann::json header = nlohmann::json::object();  ///< what the run is: the caller's
  std::vector<std::vector<CheckpointTask>> tasks;    ///< [point][replicate]
};

/// Writes `checkpoint` to `path` through PATH.partial and a rename. Throws OutputError naming the
/// file when a write fails (nothing is left behind; an earlier checkpoint stays as it was).
void write_checkpoint(const Checkpoint& checkpoint, const std::string& path);

/// Reads a checkpoint. Throws InputError naming the file and what is wrong with it: not a regular
/// file, not a Drempel checkpoint, another format version, truncated or damaged (checksum).
Checkpoint read_checkpoint(const std::string& path);

/// A checkpoint of a run spread over several processes (engine/process_group.hpp) is one file per
/// process, its part: process 0 writes `path` itself, process k >= 1 writes PATH.rank-K. Each part
/// holds the tasks its process ran; the others as not started.
std::string checkpoint_part_path(const std::string& path, int part);

/// The parts k >= 1 that exist next to `path` (files PATH.rank-K): (k, file), by k.
std::vector<std::pair<int, std::string>> checkpoint_other_parts(const std::string& path);

/// Where process `process` of `processes` starts when it continues the checkpoint `path` and its
/// other parts (read one after the other, so that at most one part and the result are held):
/// each task it owns (task_owner, engine/replicates.hpp) as the most advanced part has it, since
/// a task's state after m months is the same whichever process computed it; each task it does
/// not own as its own old part (PATH for process 0, PATH.rank-PROCESS for the others) had it, so
/// that rewriting that part loses no task's progress. The header is `path`'s. Throws InputError
/// naming the file: as read_checkpoint, and for a part whose header differs from `path`'s (but
/// for the keys in `may_differ`) or whose task list has another shape.
Checkpoint read_checkpoint_parts(const std::string& path, int process, int processes,
                                 const std::vector<std::string>& may_differ);

/// The checkpoint of a running run: its tasks report to it from any thread whenever they have
/// done a multiple of `every_months` months, and it rewrites the file with every task's newest
/// state, at the first report and then at most once per `min_interval`. (Each write holds every
/// task, so writing at every report would cost the square of the replicates.)
class CheckpointWriter {
 public:
  /// The default least time between two writes of the file.
  static constexpr std::chrono::milliseconds kMinInterval{10000};
  /// `start` holds the tasks as the run begins (all not started, or as a resumed checkpoint
  /// left them); nothing is written until the first save.
  CheckpointWriter(std::string path, Checkpoint start, std::int32_t every_months,
                   std::chrono::milliseconds min_interval = kMinInterval);

  /// True when a task that has done `months_done` months should save its state.
  bool due(std::int32_t months_done) const { return months_done % every_ == 0; }
  /// Records a task's state after `months_done` months, and rewrites the file if it is the first
  /// save or `min_interval` has passed since the last write. Returns the task's previous state,
  /// whose memory the next save can reuse. Throws OutputError when the write fails.
  std::string save(std::size_t point, std::int32_t replicate, std::int32_t months_done,
                   std::string state);
  /// Records a task that has done all its `months` months, with its results (written with the
  /// next save).
  void done(std::size_t point, std::int32_t replicate, std::int32_t months, std::string state);
  /// The tasks that are done, for a test or a summary.
  std::size_t tasks_done() const;
  const std::string& path() const { return path_; }
  /// The tasks as saved so far. A task may read its own entry while others save theirs (no
  /// entry changes but by its own task's save or done): how a resumed run reads its start.
  const Checkpoint& checkpoint() const { return checkpoint_; }

 private:
  std::string path_;
  std::int32_t every_;
  std::chrono::milliseconds min_interval_;
  mutable std::mutex mutex_;
  Checkpoint checkpoint_;
  std::optional<std::chrono::steady_clock::time_point> last_write_;
};

}  // namespace drempel

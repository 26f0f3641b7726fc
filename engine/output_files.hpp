#pragma once
// Writing output files so that no run loses work or overwrites what the user needs (README,
// "Limits"): every file is written as PATH.partial and renamed when complete, so a reader sees
// the old file or the new one; a failed write (disk full) or an interrupted run (SIGINT,
// SIGTERM: cli/signals.cpp) leaves no .partial behind; an output may not be an input of the
// run, a directory or a special file (a device node would be replaced by a regular file).
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "engine/input_error.hpp"

namespace drempel {

/// A write that failed after the checks (disk full, I/O error): the message names the file and
/// the system's reason. The `drempel` command exits with status 2.
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The problems with writing the (flag, path) pairs of `outputs` (empty paths skipped): each as
/// output_path_problem (engine/output_path.hpp), an existing file that is not a regular file,
/// a file that is one of `inputs` (compared as files, so other spellings and hard links count),
/// and two flags naming one file.
std::vector<ScenarioIssue> output_problems(
    const std::vector<std::pair<std::string, std::string>>& outputs,
    const std::vector<std::string>& inputs);

/// One output file being written: `partial()` is the name to write to; `commit()` renames it to
/// the final path; a PartialFile destroyed before its commit removes the partial file. While it
/// exists the partial name is registered, so that a signal handler can remove it.
class PartialFile {
 public:
  explicit PartialFile(std::string path);
  PartialFile(const PartialFile&) = delete;
  PartialFile& operator=(const PartialFile&) = delete;
  ~PartialFile();
  const std::string& partial() const { return partial_; }
  /// Renames the partial file to the final path; throws OutputError when that fails.
  void commit();

 private:
  std::string path_, partial_;
  int slot_ = -1;  // in the registry of partial files
  bool committed_ = false;
};

/// Writes `text` to `path` through a PartialFile; throws OutputError (nothing left behind).
void write_text_file(const std::string& path, const std::string& text);

/// Removes every registered partial file. Async-signal-safe (unlink only): for signal handlers.
void remove_partial_files_now() noexcept;

}  // namespace drempel

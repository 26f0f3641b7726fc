#pragma once
// Shared test helpers for running the built `drempel` command (DREMPEL_BINARY).
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace drempel::test {

/// What a command printed and how it ended.
struct CliOutcome {
  int status;  ///< exit status, or -1 when the command did not exit normally
  std::string out;
  std::string err;
};

/// A directory of this test process (ctest runs test cases in parallel processes):
/// /tmp/drempel_PREFIX_PID, created if missing.
inline std::filesystem::path work_dir(const std::string& prefix) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("drempel_" + prefix + "_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return dir;
}

/// Writes `text` to NAME in work_dir(prefix) and returns its path.
inline std::string write_file(const std::string& prefix, const std::string& name,
                              const std::string& text) {
  const auto path = (work_dir(prefix) / name).string();
  std::ofstream(path) << text;
  return path;
}

/// The whole content of a file ("" when it cannot be read).
inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Runs `drempel ARGS` through the shell, capturing stdout and stderr in `dir`.
inline CliOutcome run_cli(const std::string& args, const std::filesystem::path& dir) {
  const auto out = dir / "stdout.txt", err = dir / "stderr.txt";
  const std::string cmd =
      std::string(DREMPEL_BINARY) + " " + args + " >" + out.string() + " 2>" + err.string();
  const int raw = std::system(cmd.c_str());
  return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, slurp(out), slurp(err)};
}

/// Runs `prefix` (shell commands, e.g. "ulimit -f 64; ") then `drempel ARGS` in one shell.
inline CliOutcome run_cli_prefixed(const std::string& prefix, const std::string& args,
                                   const std::filesystem::path& dir) {
  const auto out = dir / "stdout.txt", err = dir / "stderr.txt";
  const std::string cmd = prefix + std::string(DREMPEL_BINARY) + " " + args + " >" + out.string() +
                          " 2>" + err.string();
  const int raw = std::system(cmd.c_str());
  return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, slurp(out), slurp(err)};
}

/// Runs `script` with bash (for PIPESTATUS and the like); returns its exit status.
inline int run_shell(const std::string& script) {
  const auto path = work_dir("shell") / "script.sh";
  std::ofstream(path) << script << "\n";
  const int raw = std::system(("bash " + path.string()).c_str());
  return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
}

}  // namespace drempel::test

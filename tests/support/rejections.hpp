#pragma once
// Helpers for the catalogues of bad inputs (tests/cli/test_scenario_errors.cpp,
// test_usage_errors.cpp): each case runs the real `drempel` command and checks that it exits with
// status exactly 2 (bad input or usage; not 1, not a signal), that one line of stderr names the
// file (or "--set" / the flag), the JSON pointer of the offending field and a fragment of what
// was expected, and, for `run --out`, that nothing at all was written to the output directory.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/scenarios.hpp"

namespace drempel::test::rejections {

namespace fs = std::filesystem;

inline std::string fixture(const std::string& name) {
  return drempel::test::source_path("tests/fixtures/bad_scenarios/" + name);
}

inline std::string baseline_path() {
  return drempel::test::source_path("scenarios/baseline.json");
}

inline std::string slurp_binary(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Single-quotes one argument for /bin/sh.
inline std::string shell_quote(const std::string& arg) {
  std::string out = "'";
  for (const char c : arg) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

// A fresh, empty temporary directory for one case, removed again afterwards. Named after the
// process and the case so that tests run in parallel by ctest never share files.
class TempDir {
 public:
  explicit TempDir(const std::string& name)
      : path_(fs::temp_directory_path() / ("drempel_bad_scenarios_" + std::to_string(::getpid())) /
              name) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
    fs::remove(path_.parent_path(), ignored);  // only succeeds when empty
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

struct Outcome {
  bool exited = false;  ///< false when the command died from a signal
  int status = -1;      ///< exit status when exited
  int raw = 0;          ///< std::system's return value
  std::string out;
  std::string err;
};

// Runs `drempel ARGS...`, capturing stdout and stderr into `capture_dir`.
inline Outcome drempel_command(const std::vector<std::string>& args, const fs::path& capture_dir) {
  const fs::path out = capture_dir / "stdout.txt";
  const fs::path err = capture_dir / "stderr.txt";
  std::string cmd = shell_quote(DREMPEL_BINARY);
  for (const auto& arg : args) cmd += " " + shell_quote(arg);
  cmd += " >" + shell_quote(out.string()) + " 2>" + shell_quote(err.string()) + " </dev/null";
  Outcome o;
  o.raw = std::system(cmd.c_str());
  o.exited = o.raw != -1 && WIFEXITED(o.raw);
  o.status = o.exited ? WEXITSTATUS(o.raw) : -1;
  o.out = slurp_binary(out);
  o.err = slurp_binary(err);
  return o;
}

// True when one line of `text` contains every fragment.
inline bool has_line_with(const std::string& text, const std::vector<std::string>& fragments) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    bool all = true;
    for (const auto& f : fragments) all = all && line.find(f) != std::string::npos;
    if (all) return true;
  }
  return false;
}

inline std::string join(const std::vector<std::string>& fragments) {
  std::string out;
  for (const auto& f : fragments) out += (out.empty() ? "[" : " | ") + f;
  return out + "]";
}

using Line = std::vector<std::string>;

struct Expectation {
  std::vector<Line> lines;  ///< each: fragments that must appear together on one stderr line
  int problems = 0;         ///< "invalid input (N problem[s])" when > 0
};

inline void check_rejected(const Outcome& o, const Expectation& e) {
  INFO("exit status " << o.status << (o.exited ? "" : " (did not exit normally)") << "\nstderr:\n"
                      << o.err << "\nstdout:\n"
                      << o.out);
  CHECK(o.exited);
  CHECK(o.status == 2);
  CHECK(o.err.find("drempel: internal failure") == std::string::npos);
  CHECK(o.out.find("(valid)") == std::string::npos);
  for (const auto& line : e.lines) {
    INFO("expected one stderr line with " << join(line));
    CHECK(has_line_with(o.err, line));
  }
  if (e.problems > 0) {
    const std::string header = "invalid input (" + std::to_string(e.problems) +
                               (e.problems == 1 ? " problem)" : " problems)");
    INFO("expected the header " << header);
    CHECK(o.err.find(header) != std::string::npos);
  }
}

// `drempel validate ARGS...`; must be rejected as described.
inline void expect_validate_rejects(const std::string& case_name,
                                    const std::vector<std::string>& args, const Expectation& e) {
  TempDir dir("validate_" + case_name);
  std::vector<std::string> full{"validate"};
  full.insert(full.end(), args.begin(), args.end());
  check_rejected(drempel_command(full, dir.path()), e);
}

// `drempel run ARGS... --out EMPTY_DIR/out.h5 --quiet`; must be rejected as described, and leave
// the output directory empty (no results file, no .partial).
inline void expect_run_rejects(const std::string& case_name, const std::vector<std::string>& args,
                               const Expectation& e) {
  TempDir capture("run_" + case_name);
  TempDir out_dir("run_" + case_name + "_out");
  const fs::path out = out_dir.path() / "out.h5";
  std::vector<std::string> full{"run"};
  full.insert(full.end(), args.begin(), args.end());
  full.insert(full.end(), {"--out", out.string(), "--quiet"});
  check_rejected(drempel_command(full, capture.path()), e);
  CHECK_FALSE(fs::exists(out));
  CHECK_FALSE(fs::exists(out.string() + ".partial"));
  std::vector<std::string> left;
  for (const auto& entry : fs::directory_iterator(out_dir.path()))
    left.push_back(entry.path().filename().string());
  INFO("files left in the output directory: " << join(left));
  CHECK(left.empty());
}

}  // namespace drempel::test::rejections

// drempel report: the HTML report, drawn by analysis/python/drempel_report.py with Debian's
// matplotlib. The command checks its arguments, finds the module and the interpreter, and runs it.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "analysis/compare.hpp"
#include "analysis/report_statistics.hpp"
#include "cli/commands.hpp"
#include "engine/dataset_hdf5.hpp"
#include "engine/results_hdf5.hpp"

namespace drempel {
namespace {

namespace fs = std::filesystem;

// The report module: $DREMPEL_PYTHON_DIR, else next to an installed drempel
// (PREFIX/bin/drempel -> PREFIX/share/drempel/python), else the source tree it was built from.
fs::path report_script() {
  const char* name = "drempel_report.py";
  if (const char* dir = std::getenv("DREMPEL_PYTHON_DIR")) return fs::path(dir) / name;
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path installed = self.parent_path().parent_path() / "share/drempel/python" / name;
    if (fs::exists(installed, ec)) return installed;
  }
  return fs::path(DREMPEL_SOURCE_DIR) / "analysis/python" / name;
}

// Runs `argv` and returns its exit status (127 when it cannot be started).
int run_program(const std::vector<std::string>& argv) {
  std::vector<char*> pointers;
  for (const auto& a : argv) pointers.push_back(const_cast<char*>(a.c_str()));
  pointers.push_back(nullptr);
  const pid_t child = ::fork();
  if (child < 0) throw std::runtime_error("cannot start " + argv[0]);
  if (child == 0) {
    ::execv(pointers[0], pointers.data());
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(child, &status, 0) < 0)
    if (errno != EINTR) throw std::runtime_error("cannot wait for " + argv[0]);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

// A results file of drempel run, or nothing for an inflow file (the module reads it alone).
std::optional<ResultsFile> read_run(const std::string& path) {
  Dataset dataset;
  try {
    dataset = read_dataset_hdf5(path);
  } catch (const std::exception& error) {
    throw CommandError{error.what()};
  }
  const auto kind = dataset.text_attributes.find("drempel_file_kind");
  if (kind != dataset.text_attributes.end() && kind->second == "inflow") return std::nullopt;
  try {
    return results_from_dataset(dataset);
  } catch (const std::exception& error) {
    throw CommandError{path + ": " + error.what()};
  }
}

// The statistics the module draws, in a temporary file removed when this object goes.
class StatisticsFile {
 public:
  explicit StatisticsFile(const nlohmann::json& statistics) {
    std::string pattern = (fs::temp_directory_path() / "drempel_report_XXXXXX").string();
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) throw std::runtime_error("cannot create a temporary file for the report");
    ::close(fd);
    path_ = pattern;
    std::ofstream(path_) << statistics.dump();
  }
  StatisticsFile(const StatisticsFile&) = delete;
  StatisticsFile& operator=(const StatisticsFile&) = delete;
  ~StatisticsFile() {
    std::error_code ignored;
    fs::remove(path_, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

int report_command(const ReportArgs& args) {
  check_outputs({{"-o", args.out}}, args.files);
  for (const auto& file : args.files)
    if (!fs::is_regular_file(file))
      throw CommandError{file + ": expected a results file of drempel run or drempel inflow, " +
                         "found " +
                         (fs::exists(file) ? "something that is not a file" : "nothing")};
  const char* python_env = std::getenv("DREMPEL_PYTHON");
  const std::string python = python_env != nullptr ? python_env : "/usr/bin/python3";
  const fs::path script = report_script();
  if (::access(python.c_str(), X_OK) != 0)
    throw CommandError{
        "the report needs Debian's Python with matplotlib, numpy, h5py and xarray "
        "(scripts/install-deps.sh); " +
        python + " cannot be run"};
  if (!fs::exists(script))
    throw std::runtime_error("the report module is missing: " + script.string());
  const std::optional<ResultsFile> base = read_run(args.files.front());
  nlohmann::json statistics = nlohmann::json::object();  // none for an inflow report
  if (base) {
    std::optional<ResultsFile> variant;
    if (args.files.size() > 1) {
      variant = read_run(args.files[1]);
      if (!variant)
        throw CommandError{args.files[1] + ": a variant must be a results file of drempel run"};
    } else if (!args.variant_point.empty()) {
      variant = base;
    }
    const Results& b = chosen_point(*base, args.files.front(), args.base_point, "--base-point");
    const Results* v = nullptr;
    if (variant)
      v = &chosen_point(*variant, args.files.back(), args.variant_point, "--variant-point");
    try {
      statistics = report_statistics(b, v);
    } catch (const NotComparable& error) {
      throw CommandError{"cannot compare " + args.files.back() + " with " + args.files.front() +
                         ": " + error.what()};
    }
  } else if (args.files.size() > 1) {
    throw CommandError{"an inflow report takes one file (drempel inflow's)"};
  }
  const StatisticsFile statistics_file(statistics);
  std::vector<std::string> argv = {python, "-B", script.string()};
  argv.insert(argv.end(), args.files.begin(), args.files.end());
  argv.insert(argv.end(), {"-o", args.out, "--statistics", statistics_file.path()});
  if (!args.base_point.empty()) argv.insert(argv.end(), {"--base-point", args.base_point});
  if (!args.variant_point.empty()) argv.insert(argv.end(), {"--variant-point", args.variant_point});
  const int status = run_program(argv);
  if (status == 127) throw CommandError{"cannot run " + python};
  return status == 0 ? 0 : status == 2 ? 2 : 1;
}

}  // namespace drempel

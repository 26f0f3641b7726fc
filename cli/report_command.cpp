// drempel report: the HTML report, drawn by analysis/python/drempel_report.py with Debian's
// matplotlib. The command checks its arguments, finds the module and the interpreter, and runs it.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/commands.hpp"

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

}  // namespace

int report_command(const ReportArgs& args) {
  check_outputs({{"-o", args.out}});
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
  std::vector<std::string> argv = {python, "-B", script.string()};
  argv.insert(argv.end(), args.files.begin(), args.files.end());
  argv.insert(argv.end(), {"-o", args.out});
  if (!args.base_point.empty()) argv.insert(argv.end(), {"--base-point", args.base_point});
  if (!args.variant_point.empty()) argv.insert(argv.end(), {"--variant-point", args.variant_point});
  const int status = run_program(argv);
  if (status == 127) throw CommandError{"cannot run " + python};
  return status == 0 ? 0 : status == 2 ? 2 : 1;
}

}  // namespace drempel

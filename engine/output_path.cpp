#include "engine/output_path.hpp"

#include <unistd.h>

#include <filesystem>
#include <system_error>

namespace drempel {

std::optional<ScenarioIssue> output_path_problem(const std::string& flag, const std::string& path) {
  namespace fs = std::filesystem;
  const auto problem = [&](const std::string& expected, const std::string& found) {
    return ScenarioIssue{flag, path, expected, found};
  };
  if (path.empty()) return problem("a file name", "an empty name");
  std::error_code ec;
  const fs::path target = fs::absolute(path, ec);
  if (ec) return problem("a file name", "a path that cannot be resolved");
  const fs::path directory = target.parent_path();
  const fs::file_status dir = fs::status(directory, ec);
  if (!fs::exists(dir))
    return problem("a file in an existing directory",
                   "no directory " + directory.string() + " (create it first)");
  if (!fs::is_directory(dir))
    return problem("a file in an existing directory", directory.string() + " is not a directory");
  if (::access(directory.c_str(), W_OK | X_OK) != 0)
    return problem("a file in a directory you can write to",
                   "directory " + directory.string() + " is not writable");
  const fs::file_status file = fs::status(target, ec);
  if (fs::is_directory(file))
    return problem("a file name", "an existing directory (give a file name inside it)");
  if (fs::exists(file) && ::access(target.c_str(), W_OK) != 0)
    return problem("a file you can replace", "an existing file that is not writable");
  return std::nullopt;
}

}  // namespace drempel

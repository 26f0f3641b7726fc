#include "engine/input_file.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

namespace drempel {

namespace fs = std::filesystem;

std::optional<std::string> input_file_problem(const std::string& path, std::uintmax_t max_bytes) {
  if (path.empty()) return "an empty file name";
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (!fs::exists(status)) return "no such file";
  if (fs::is_directory(status)) return "a directory";
  if (!fs::is_regular_file(status))
    return "a special file (a FIFO, device or socket; give a regular file)";
  const std::uintmax_t size = fs::file_size(path, ec);
  if (ec) return "a file whose size cannot be read";
  if (size > max_bytes)
    return "a file of " + std::to_string(size) + " bytes (at most " + std::to_string(max_bytes) +
           ")";
  return std::nullopt;
}

std::optional<std::string> read_input_file(const std::string& path, const std::string& expected,
                                           std::vector<ScenarioIssue>& issues) {
  if (const auto problem = input_file_problem(path)) {
    issues.push_back({path, "", expected, *problem});
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    issues.push_back({path, "", expected, "a file that cannot be opened"});
    return std::nullopt;
  }
  std::string text;
  // Reads in chunks up to the limit (a file may grow after it was checked).
  std::string chunk(std::size_t{1} << 16, '\0');
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxInputBytes) {
      issues.push_back(
          {path, "", expected, "a file larger than " + std::to_string(kMaxInputBytes) + " bytes"});
      return std::nullopt;
    }
  }
  if (in.bad()) {
    issues.push_back({path, "", expected, "a read error"});
    return std::nullopt;
  }
  return text;
}

}  // namespace drempel

#pragma once
// Reading an input file whole, with the limits every input of Drempel has (README, "Limits"):
// a regular file (not a directory, FIFO, device or socket, which could hang a run or grow its
// memory without end, as /dev/zero would) of at most kMaxInputBytes.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/input_error.hpp"

namespace drempel {

/// The largest input file read (scenario, CSV table, panel, configuration): 1 GiB.
inline constexpr std::uintmax_t kMaxInputBytes = std::uintmax_t{1} << 30;

/// The whole content of `path`, or nothing with an issue (file `path`, `expected` naming what a
/// valid file is, e.g. "a readable scenario file") added to `issues`.
std::optional<std::string> read_input_file(const std::string& path, const std::string& expected,
                                           std::vector<ScenarioIssue>& issues);

/// The problem with `path` as an input, or nothing: missing, a directory, not a regular file,
/// larger than `max_bytes`. Opens nothing.
std::optional<std::string> input_file_problem(const std::string& path,
                                              std::uintmax_t max_bytes = kMaxInputBytes);

}  // namespace drempel

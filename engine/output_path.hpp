#pragma once
// Checks that a file can be written where the user asked, before any work is done: commands
// call this for every output flag, so that a typo in a directory name costs nothing.
#include <optional>
#include <string>

#include "engine/input_error.hpp"

namespace drempel {

/// The problem with writing the file `path` given with `flag` (e.g. "--out"), or nothing: its
/// directory does not exist or is not a directory, the directory is not writable, or `path` is
/// an existing directory or an existing file that cannot be replaced. Creates nothing.
std::optional<ScenarioIssue> output_path_problem(const std::string& flag, const std::string& path);

}  // namespace drempel

#pragma once
// Errors in user input (scenario files, CSV files, command-line flags).
//
// Every problem is reported as a ScenarioIssue naming the file, the JSON pointer (or column),
// what was expected and what was found. An InputError carries all issues found at once; the
// `drempel` command prints them and exits with status 2.
#include <stdexcept>
#include <string>
#include <vector>

namespace drempel {

/// One problem in an input: where it is and what was wrong.
struct ScenarioIssue {
  std::string file;      ///< file path, or "--set" / "command line" for flags
  std::string pointer;   ///< JSON pointer ("/regions/0/caseworker_fte"), or "" for the whole file
  std::string expected;  ///< what a valid value looks like ("a number in [0, 1]")
  std::string found;     ///< what was there ("-3", "a string", "nothing")
};

/// Formats one issue as "FILE: POINTER: expected EXPECTED, found FOUND".
std::string format_issue(const ScenarioIssue& issue);

/// Thrown for bad input; what() lists every issue, one per line.
class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<ScenarioIssue> issues);
  const std::vector<ScenarioIssue>& issues() const noexcept { return issues_; }

 private:
  std::vector<ScenarioIssue> issues_;
};

}  // namespace drempel

#pragma once
// Errors in user input (scenario files, CSV files, command-line flags).
//
// Every problem is reported as a ScenarioIssue naming the file, the JSON pointer (or column),
// what was expected and what was found. An InputError carries all issues found at once; the
// `drempel` command prints them and exits with status 2.
#include <cstdint>
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

/// Shortest text that reads back as the same double, so bounds appear as the caller wrote them.
std::string format_number(double value);
/// What a valid number looks like: "NOUN in [min, max]", "NOUN >= min", "NOUN <= max" or "NOUN"
/// (infinite or extreme bounds are left out).
std::string range_text(const std::string& noun, double min, double max);
/// The same for whole numbers ("an integer in [0, 10]", "a whole number >= 1").
std::string integer_range_text(const std::string& noun, std::int64_t min, std::int64_t max);

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

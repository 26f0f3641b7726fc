#include "engine/input_error.hpp"

namespace drempel {

std::string format_issue(const ScenarioIssue& issue) {
  std::string out = issue.file.empty() ? std::string("input") : issue.file;
  out += ": ";
  out += issue.pointer.empty() ? std::string("(document)") : issue.pointer;
  out += ": expected ";
  out += issue.expected;
  out += ", found ";
  out += issue.found;
  return out;
}

namespace {
std::string join_issues(const std::vector<ScenarioIssue>& issues) {
  std::string out;
  for (const auto& issue : issues) {
    if (!out.empty()) out += '\n';
    out += format_issue(issue);
  }
  return out;
}
}  // namespace

InputError::InputError(std::vector<ScenarioIssue> issues)
    : std::runtime_error(join_issues(issues)), issues_(std::move(issues)) {}

}  // namespace drempel

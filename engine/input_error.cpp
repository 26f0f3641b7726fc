#include "engine/input_error.hpp"

#include <charconv>
#include <cmath>
#include <limits>

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

std::string format_number(double value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::string range_text(const std::string& noun, double min, double max) {
  const bool has_min = std::isfinite(min) && min > std::numeric_limits<double>::lowest();
  const bool has_max = std::isfinite(max) && max < std::numeric_limits<double>::max();
  if (has_min && has_max)
    return noun + " in [" + format_number(min) + ", " + format_number(max) + "]";
  if (has_min) return noun + " >= " + format_number(min);
  if (has_max) return noun + " <= " + format_number(max);
  return noun;
}

std::string integer_range_text(const std::string& noun, std::int64_t min, std::int64_t max) {
  const bool has_min = min > std::numeric_limits<std::int64_t>::min();
  const bool has_max = max < std::numeric_limits<std::int64_t>::max();
  if (has_min && has_max)
    return noun + " in [" + std::to_string(min) + ", " + std::to_string(max) + "]";
  if (has_min) return noun + " >= " + std::to_string(min);
  if (has_max) return noun + " <= " + std::to_string(max);
  return noun;
}

InputError::InputError(std::vector<ScenarioIssue> issues)
    : std::runtime_error(join_issues(issues)), issues_(std::move(issues)) {}

}  // namespace drempel

#pragma once
// Scenario loading and validated access.
//
// A scenario is a JSON object. `"extends": "base.json"` (a path relative to the file) merges a base
// scenario underneath it by the rule of engine/scenario_merge.hpp: objects merge key by key, named
// lists (regions, places) are patched by name, everything else is replaced whole. `--set
// /json/pointer=value` overrides one existing value after merging; an element of a named list can
// be addressed by name (`/regions/eeklo/caseworker_fte`) or index; the value is parsed as JSON,
// and taken as a string when it is not valid JSON (so `--set /start_month=2026-03` works). Every
// value remembers the file it came from, so errors name the right file.
//
// ScenarioReader gives typed, range-checked access by JSON pointer. It never throws while reading:
// it records every problem, returns a harmless value, and `finish()` then adds one issue for every
// key nobody read ("unknown key") and throws an InputError listing all of them at once. There are
// no hidden defaults: a missing key is an error.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "engine/input_error.hpp"
#include "engine/scenario_merge.hpp"

namespace drempel {

/// A resolved scenario: bases merged, overrides applied, "extends" removed.
struct ScenarioDocument {
  nlohmann::json root;              ///< the resolved JSON object
  std::string path;                 ///< the top-level file as given
  OriginMap origin;                 ///< JSON pointer (index form) -> file that set it, or "--set"
  std::vector<std::string> layers;  ///< the extends chain, deepest base first, `path` last
  /// --set pointers in index form -> as the user typed them (`/regions/eeklo/caseworker_fte`).
  std::map<std::string, std::string> set_pointers;

  /// The file that set `pointer` (or its nearest ancestor that has a recorded origin).
  std::string file_of(const std::string& pointer) const;
  /// `pointer` in the form the user typed it, when a --set gave it (otherwise unchanged).
  std::string as_written(const std::string& pointer) const;
  /// Of several pointers, the one whose value was set last: by --set, then by the file nearest
  /// the top of the extends chain; the first of equals. What a cross-field error blames.
  std::string latest_of(const std::vector<std::string>& pointers) const;
};

/// The longest string value a scenario may hold where a string is read (names, paths, months).
inline constexpr std::size_t kMaxStringBytes = 4096;
/// Whether `text` is a valid scenario string: non-empty, at most kMaxStringBytes, and without
/// control characters (a NUL would cut a name in HDF5, a newline would break a CSV row).
bool printable_text(const std::string& text);

/// The longest `extends` chain accepted (files, the top one included).
inline constexpr std::size_t kMaxExtendsDepth = 32;

/// Reads `path`, resolves `extends` chains and applies `set_overrides` ("/ptr=value" strings).
/// Throws InputError for a missing/unreadable/empty file or one that is not a regular file or is
/// too large (engine/input_file.hpp), malformed JSON (with line and column), JSON beyond the
/// limits of engine/json_input.hpp (nesting, numbers, repeated keys), a top level that is not an
/// object, a missing base, a cycle in `extends` or a chain longer than kMaxExtendsDepth, and a
/// malformed or non-existent `--set` pointer. Collects as many of these as it can before
/// throwing.
ScenarioDocument load_scenario(const std::string& path,
                               const std::vector<std::string>& set_overrides = {});

/// Typed, validated access to a ScenarioDocument; collects issues instead of throwing.
/// Every accessor marks its pointer (and the pointer's ancestors) as read, whether or not the
/// value was valid. Issues name the file the value came from (ScenarioDocument::file_of). The
/// document must outlive the reader.
class ScenarioReader {
 public:
  explicit ScenarioReader(const ScenarioDocument& doc);

  /// A required number in [min, max].
  double number(const std::string& pointer, double min, double max);
  /// A required integer in [min, max]; integral floats such as 3.0 are accepted, 2.5 is not.
  std::int64_t integer(const std::string& pointer, std::int64_t min, std::int64_t max);
  /// A required non-empty string.
  std::string string(const std::string& pointer);
  /// A required calendar month "YYYY-MM"; returns months since year 0 (year*12 + month-1), or 0.
  std::int32_t month(const std::string& pointer);
  /// A required boolean.
  bool boolean(const std::string& pointer);
  /// A required array of numbers in [min, max]; `size` 0 means any non-empty size.
  std::vector<double> numbers(const std::string& pointer, std::size_t size, double min, double max);
  /// A required array of `size` shares in [0, 1] that sum to 1 (within 1e-6); `size` 0 means any
  /// non-empty size. Returns equal shares when invalid.
  std::vector<double> shares(const std::string& pointer, std::size_t size);
  /// The size of a required array (0 and an issue when it is not a non-empty array).
  std::size_t array_size(const std::string& pointer);
  /// True when the pointer exists (does not mark it read).
  bool has(const std::string& pointer) const;
  /// Marks a key as known without reading it (free-text keys such as "description").
  void allow(const std::string& pointer);
  /// Records a problem found by the caller at one pointer.
  void add_issue(const std::string& pointer, const std::string& expected, const std::string& found);
  /// Records a problem of several values together (a cross-field check): it is reported at the
  /// value set last (ScenarioDocument::latest_of), which is the likeliest cause, and names the
  /// others. So `--set /transitions/activation_to_employed_per_month=0.85` that makes a stage's
  /// monthly risks exceed 1 is reported against that --set, not against a base file's key.
  void add_cross_issue(const std::vector<std::string>& pointers, const std::string& expected,
                       const std::string& found);

  /// Adds "unknown key" issues for every key never read or allowed, then throws InputError if
  /// any issue was recorded. Only the topmost unread key of a subtree is reported. A key read as
  /// a whole is accepted with whatever it contains; objects and arrays read element by element are
  /// searched for unread keys and elements. Call once, after all reading.
  void finish();
  const std::vector<ScenarioIssue>& issues() const noexcept { return issues_; }

 private:
  const nlohmann::json* lookup(const std::string& pointer, const char* expected);
  void mark(const std::string& pointer);
  void collect_unknown(const nlohmann::json& node, const std::string& pointer);

  const ScenarioDocument& doc_;
  std::set<std::string> read_;  // pointers read, and all their ancestors
  std::vector<ScenarioIssue> issues_;
};

/// Describes a JSON value for an error message: `-3`, `a string "abc"`, `an array of 2`,
/// `nothing` (for nullptr).
std::string describe_json(const nlohmann::json* value);

/// Parses "YYYY-MM" (month 01..12, year 1900..2200) into months since year 0; returns false when
/// malformed or out of range.
bool parse_month(const std::string& text, std::int32_t& months);
/// Formats months since year 0 as "YYYY-MM".
std::string format_month(std::int32_t months);

}  // namespace drempel

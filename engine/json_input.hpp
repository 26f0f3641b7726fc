#pragma once
// Parsing JSON input (scenario files, --set values, configurations) with the limits that keep a
// hostile file from crashing Drempel: nesting at most kMaxJsonDepth deep (deeper documents
// overflow the stack of any recursive walk: merge, dump, validation), numbers within a double,
// and no key twice in one object (nlohmann keeps the last silently; a scenario that sets a key
// twice is almost always a mistake in a merge).
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "engine/input_error.hpp"

namespace drempel {

/// The deepest nesting of arrays and objects accepted in a JSON input.
inline constexpr int kMaxJsonDepth = 64;

/// The parsed `text`, or nothing with issues added (file `file`, pointer `pointer` or the
/// position in the text): malformed JSON with its line and column (what was `expected`, e.g. "a
/// JSON object"), nesting deeper than kMaxJsonDepth, a number beyond a double, a key repeated in
/// an object (each repeat reported, up to 20). With `malformed` given, malformed JSON sets it
/// instead of adding an issue (a --set value that is not JSON is text).
std::optional<nlohmann::json> parse_json_input(const std::string& text, const std::string& file,
                                               const std::string& pointer,
                                               const std::string& expected,
                                               std::vector<ScenarioIssue>& issues,
                                               bool* malformed = nullptr);

/// Whether `text` holds a JSON value nested deeper than kMaxJsonDepth (strings are skipped), and
/// if so the byte offset of the first bracket too deep.
std::optional<std::size_t> too_deep(const std::string& text);

/// "line L, column C" of the byte `offset` of `text`.
std::string text_position(const std::string& text, std::size_t offset);

}  // namespace drempel

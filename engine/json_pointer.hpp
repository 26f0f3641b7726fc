#pragma once
// JSON pointers (RFC 6901) over scenario documents, with one extension: an element of a *named
// list* — an array whose elements are all objects with a string "name" — can be addressed by its
// name as well as by its index, so `/regions/eeklo/caseworker_fte` and `/regions/0/caseworker_fte`
// are the same value when region 0 is called "eeklo". A token that is a valid index is always an
// index; a name is used only when it picks exactly one element.
//
// Our own parsing rather than nlohmann::json_pointer, so that a pointer that does not resolve
// tells how far it got (for "did you mean" hints) and so that names work.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace drempel {

/// Escapes one reference token ("~" -> "~0", "/" -> "~1").
std::string escape_pointer_token(const std::string& token);
/// `parent` + "/" + the escaped `key`.
std::string child_pointer(const std::string& parent, const std::string& key);
/// Splits a pointer into unescaped tokens; false when malformed ("x", "/a~2"). "" gives no tokens.
bool split_pointer(const std::string& pointer, std::vector<std::string>& tokens);
/// Joins unescaped tokens into a pointer.
std::string join_pointer(const std::vector<std::string>& tokens);

/// True for a non-empty array whose elements are all objects with a string "name".
bool is_named_list(const nlohmann::json& value);
/// Indices of the elements of a named list called `name` (none, one, or several when the list
/// repeats a name). Empty for anything that is not a named list.
std::vector<std::size_t> elements_named(const nlohmann::json& list, const std::string& name);

/// The value at `tokens` below `root`, or nullptr. `depth` is set to how many tokens resolved.
/// When `canonical` is given it receives the pointer with every name token replaced by its index
/// (the form that the scenario reader and error messages use).
const nlohmann::json* walk_pointer(const nlohmann::json& root,
                                   const std::vector<std::string>& tokens, std::size_t& depth,
                                   std::string* canonical = nullptr);
nlohmann::json* walk_pointer(nlohmann::json& root, const std::vector<std::string>& tokens,
                             std::string* canonical = nullptr);

/// The candidate closest to `word` by edit distance (a swapped pair counts as one typo), if it is
/// close enough to be a plausible misspelling of it.
std::optional<std::string> closest_word(const std::string& word,
                                        const std::vector<std::string>& candidates);

}  // namespace drempel

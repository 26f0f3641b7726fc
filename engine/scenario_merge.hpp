#pragma once
// How one scenario file is laid over the scenario it extends (the rule of scenarios/README.md,
// "Inheritance"), and which file set each value. Used by load_scenario; public so that its tests
// can build layers without files.
//
// - Objects merge key by key.
// - A named list (an array whose elements are all objects with a string "name", such as
//   `regions` or a region's transit `places`) is patched by an object keyed by element names:
//   `{"eeklo": {...}}` merges into the element called "eeklo" (by these same rules);
//   `{"gent": {"extends": "eeklo", ...}}` appends a copy of "eeklo" called "gent" with the changes
//   merged in; `{"eeklo": null}` removes it. New elements are appended in the order of their
//   names (JSON objects have no order). A key that names no element and has no "extends" is an
//   error, so a misspelt name never creates a half-empty element.
// - Anything else (numbers, strings, arrays, an object over a non-object) replaces whole.
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/input_error.hpp"

namespace drempel {

/// Which file set each value: JSON pointer (index form) -> file name, or "--set". A pointer
/// without an entry inherits from its nearest ancestor that has one.
class OriginMap {
 public:
  /// The file that set `pointer`, or `fallback` when no ancestor has an entry.
  std::string lookup(const std::string& pointer, const std::string& fallback) const;
  /// Records that `file` set the value at `pointer`, and everything below it.
  void set(const std::string& pointer, const std::string& file);
  /// Gives `pointer` an entry of its own (its current effective origin), so that it keeps that
  /// origin when an ancestor's changes.
  void pin(const std::string& pointer, const std::string& fallback);
  /// The origin of every pointer that has no entry on its path (the root's entry).
  void set_default(const std::string& file) { entries_[""] = file; }
  /// Copies the entries of the subtree `from` to the subtree `to` (which is cleared first); the
  /// copy's root gets the effective origin of `from` so that it does not inherit from its parent.
  void copy_subtree(const std::string& from, const std::string& to, const std::string& fallback);
  /// Renumbers the entries below `list` after element `removed` was erased from that array.
  void erase_element(const std::string& list, std::size_t removed);
  const std::map<std::string, std::string>& entries() const { return entries_; }

 private:
  void erase_subtree(const std::string& pointer);
  std::map<std::string, std::string> entries_;
};

/// A scenario being assembled from its `extends` chain.
struct ScenarioLayer {
  nlohmann::json root = nlohmann::json::object();
  OriginMap origin;
  std::vector<std::string> files;  ///< files laid so far, the deepest base first
};

/// Lays the contents of `file` (`top`, "extends" already removed) over `layer` by the rule above.
/// Problems with a named-list patch (an unknown name, a removed name that is not there, a name
/// used twice in the base, a bad "extends" or "name") go to `issues`, naming `file` and the
/// pointer as written in it (`/regions/eekloo`); the rest of the file is still merged.
void overlay_scenario(ScenarioLayer& layer, const nlohmann::json& top, const std::string& file,
                      std::vector<ScenarioIssue>& issues);

}  // namespace drempel

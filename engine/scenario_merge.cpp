#include "engine/scenario_merge.hpp"

#include <algorithm>
#include <functional>

#include "engine/json_pointer.hpp"
#include "engine/scenario.hpp"

namespace drempel {

using nlohmann::json;

std::string OriginMap::lookup(const std::string& pointer, const std::string& fallback) const {
  std::string prefix = pointer;
  while (true) {
    const auto it = entries_.find(prefix);
    if (it != entries_.end()) return it->second;
    if (prefix.empty()) return fallback;
    prefix.erase(prefix.rfind('/'));
  }
}

void OriginMap::erase_subtree(const std::string& pointer) {
  entries_.erase(pointer);
  const std::string below = pointer + "/";
  auto it = entries_.lower_bound(below);
  while (it != entries_.end() && it->first.compare(0, below.size(), below) == 0)
    it = entries_.erase(it);
}

void OriginMap::set(const std::string& pointer, const std::string& file) {
  erase_subtree(pointer);
  entries_[pointer] = file;
}

void OriginMap::pin(const std::string& pointer, const std::string& fallback) {
  if (entries_.count(pointer) == 0) entries_[pointer] = lookup(pointer, fallback);
}

void OriginMap::copy_subtree(const std::string& from, const std::string& to,
                             const std::string& fallback) {
  const std::string root = lookup(from, fallback);
  erase_subtree(to);
  std::vector<std::pair<std::string, std::string>> copies;
  const std::string below = from + "/";
  for (auto it = entries_.lower_bound(below);
       it != entries_.end() && it->first.compare(0, below.size(), below) == 0; ++it)
    copies.emplace_back(to + it->first.substr(from.size()), it->second);
  entries_[to] = root;
  for (auto& [pointer, file] : copies) entries_[pointer] = std::move(file);
}

void OriginMap::erase_element(const std::string& list, std::size_t removed) {
  const std::string below = list + "/";
  std::vector<std::pair<std::string, std::string>> kept;
  auto it = entries_.lower_bound(below);
  while (it != entries_.end() && it->first.compare(0, below.size(), below) == 0) {
    const std::string rest = it->first.substr(below.size());
    const std::size_t slash = rest.find('/');
    const std::size_t index = std::stoul(rest.substr(0, slash));
    if (index != removed) {
      const std::string tail = slash == std::string::npos ? "" : rest.substr(slash);
      kept.emplace_back(below + std::to_string(index > removed ? index - 1 : index) + tail,
                        it->second);
    }
    it = entries_.erase(it);
  }
  for (auto& [pointer, file] : kept) entries_[pointer] = std::move(file);
}

namespace {

std::string quote(const std::string& text) {
  return json(text).dump(-1, ' ', false, json::error_handler_t::replace);
}

std::vector<std::string> element_names(const json& list) {
  std::vector<std::string> names;
  for (const auto& element : list) names.push_back(element.at("name").get<std::string>());
  return names;
}

// "one of "a", "b", "c"" — at most eight names, so a long list does not flood the message.
std::string names_text(const std::vector<std::string>& names) {
  std::string text;
  for (std::size_t i = 0; i < names.size() && i < 8; ++i) text += (i ? ", " : "") + quote(names[i]);
  if (names.size() > 8) text += ", ...";
  return "one of " + text;
}

class Merge {
 public:
  Merge(OriginMap& origin, const std::string& file, std::vector<ScenarioIssue>& issues)
      : origin_(origin), file_(file), issues_(issues) {}

  // `at` is where the value sits in the merged document (index form, as the reader and the
  // origin map see it); `written` is the same place as written in the file (names), for messages.
  void object(json& base, const json& over, const std::string& at, const std::string& written) {
    for (const auto& [key, value] : over.items()) {
      const std::string here = child_pointer(at, key);
      const std::string here_written = child_pointer(written, key);
      const auto it = base.find(key);
      if (it != base.end() && it->is_object() && value.is_object()) {
        object(*it, value, here, here_written);
      } else if (it != base.end() && is_named_list(*it) && value.is_object()) {
        named_list(*it, value, here, here_written);
      } else {
        base[key] = value;
        origin_.set(here, file_);
      }
    }
  }

 private:
  void issue(const std::string& pointer, const std::string& expected, const std::string& found) {
    issues_.push_back({file_, pointer, expected, found});
  }

  void named_list(json& list, const json& patch, const std::string& at,
                  const std::string& written) {
    const std::vector<std::string> base_names = element_names(list);
    std::vector<std::size_t> removed;
    for (const auto& [name, change] : patch.items()) {
      const std::string where = child_pointer(written, name);
      const std::vector<std::size_t> found = elements_named(list, name);
      if (found.size() > 1) {
        issue(where, "a name that only one element of the list has",
              quote(name) + " names elements " + std::to_string(found[0]) + " and " +
                  std::to_string(found[1]));
      } else if (change.is_null()) {
        if (found.empty())
          issue(where, "the name of an element to remove (" + names_text(base_names) + ")",
                "no element named " + quote(name));
        else
          removed.push_back(found[0]);
      } else if (!change.is_object()) {
        issue(where,
              "an object with changes to the element named " + quote(name) +
                  ", an object with \"extends\" to add one, or null to remove it",
              describe_json(&change));
      } else if (change_is_valid(change, name, where, !found.empty())) {
        json rest = change;
        rest.erase("name");
        rest.erase("extends");
        if (!found.empty()) {
          object(list[found[0]], rest, at + "/" + std::to_string(found[0]), where);
        } else {
          append(list, change, rest, name, at, where, base_names);
        }
      }
    }
    std::sort(removed.rbegin(), removed.rend());
    for (const std::size_t i : removed) {
      list.erase(list.begin() + static_cast<std::ptrdiff_t>(i));
      origin_.erase_element(at, i);
    }
  }

  bool change_is_valid(const json& change, const std::string& name, const std::string& where,
                       bool exists) {
    bool ok = true;
    const auto own = change.find("name");
    if (own != change.end() && *own != json(name)) {
      issue(where + "/name", "the element's own name " + quote(name) + " (or no \"name\")",
            describe_json(&*own));
      ok = false;
    }
    const auto base = change.find("extends");
    if (exists && base != change.end()) {
      issue(where + "/extends",
            "no \"extends\": the list already has an element named " + quote(name) +
                " (change it in place)",
            describe_json(&*base));
      ok = false;
    }
    return ok;
  }

  void append(json& list, const json& change, const json& rest, const std::string& name,
              const std::string& at, const std::string& where,
              const std::vector<std::string>& base_names) {
    const auto base = change.find("extends");
    if (base == change.end()) {
      std::string expected = "the name of an element of the list (" + names_text(base_names) + ")";
      if (const auto guess = closest_word(name, base_names))
        expected += "; did you mean " + quote(*guess) + "?";
      issue(where, expected + ", or an object with \"extends\" naming an element to copy",
            "no element named " + quote(name));
      return;
    }
    const std::vector<std::size_t> templates = base->is_string()
                                                   ? elements_named(list, base->get<std::string>())
                                                   : std::vector<std::size_t>{};
    if (templates.size() != 1) {
      issue(where + "/extends",
            "the name of one element of the list to copy (" + names_text(base_names) + ")",
            describe_json(&*base));
      return;
    }
    const std::size_t n = list.size();
    json copy = list[templates[0]];
    copy["name"] = name;
    list.push_back(std::move(copy));
    const std::string element = at + "/" + std::to_string(n);
    origin_.copy_subtree(at + "/" + std::to_string(templates[0]), element, file_);
    origin_.set(element + "/name", file_);
    object(list[n], rest, element, where);
  }

  OriginMap& origin_;
  const std::string& file_;
  std::vector<ScenarioIssue>& issues_;
};

}  // namespace

void overlay_scenario(ScenarioLayer& layer, const json& top, const std::string& file,
                      std::vector<ScenarioIssue>& issues) {
  // Before the top file claims the root, pin every key inherited so far to the file it came from.
  for (const auto& [key, value] : layer.root.items())
    layer.origin.pin(child_pointer("", key), file);
  layer.origin.set_default(file);
  layer.files.push_back(file);
  Merge(layer.origin, file, issues).object(layer.root, top, "", "");
}

}  // namespace drempel

#include "engine/scenario.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>
#include <system_error>
#include <utility>

namespace drempel {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Strings from --set come straight from argv and may be any bytes; dumping with `replace` keeps
// an error message from throwing on invalid UTF-8.
std::string dump_json(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string quote(const std::string& text) {
  return dump_json(json(text));
}

std::string escape_token(const std::string& token) {
  std::string out;
  for (const char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string child_pointer(const std::string& parent, const std::string& key) {
  return parent + "/" + escape_token(key);
}

// Our own pointer parsing (rather than nlohmann::json_pointer) so that a pointer that does not
// resolve tells us how far it got, which the "did you mean" suggestions need.
bool split_pointer(const std::string& pointer, std::vector<std::string>& tokens) {
  tokens.clear();
  if (pointer.empty()) return true;
  if (pointer[0] != '/') return false;
  std::string token;
  for (std::size_t i = 1; i <= pointer.size(); ++i) {
    if (i == pointer.size() || pointer[i] == '/') {
      tokens.push_back(token);
      token.clear();
    } else if (pointer[i] == '~') {
      if (i + 1 >= pointer.size() || (pointer[i + 1] != '0' && pointer[i + 1] != '1')) return false;
      token += pointer[i + 1] == '0' ? '~' : '/';
      ++i;
    } else {
      token += pointer[i];
    }
  }
  return true;
}

bool array_index(const std::string& token, std::size_t size, std::size_t& index) {
  if (token.empty() || token.size() > 18) return false;
  if (token.size() > 1 && token[0] == '0') return false;
  std::size_t value = 0;
  for (const char c : token) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<std::size_t>(c - '0');
  }
  if (value >= size) return false;
  index = value;
  return true;
}

// Walks `tokens` from `root`; `depth` is how many tokens resolved. Returns nullptr when not all
// did.
const json* walk(const json& root, const std::vector<std::string>& tokens, std::size_t& depth) {
  const json* node = &root;
  for (depth = 0; depth < tokens.size(); ++depth) {
    const std::string& token = tokens[depth];
    if (node->is_object()) {
      const auto it = node->find(token);
      if (it == node->end()) return nullptr;
      node = &*it;
    } else if (node->is_array()) {
      std::size_t index = 0;
      if (!array_index(token, node->size(), index)) return nullptr;
      node = &(*node)[index];
    } else {
      return nullptr;
    }
  }
  return node;
}

json* walk_mutable(json& root, const std::vector<std::string>& tokens) {
  std::size_t depth = 0;
  return const_cast<json*>(walk(root, tokens, depth));
}

// Optimal string alignment distance: a swapped pair of letters counts as one typo, not two.
std::size_t edit_distance(const std::string& a, const std::string& b) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1, 0));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[n][m];
}

// The candidate closest to `word`, if it is close enough to be a plausible typo of it.
std::optional<std::string> closest(const std::string& word,
                                   const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  std::size_t best_distance = std::numeric_limits<std::size_t>::max();
  for (const auto& candidate : candidates) {
    if (candidate == word) continue;
    const std::size_t distance = edit_distance(word, candidate);
    const std::size_t longer = std::max(word.size(), candidate.size());
    const std::size_t allowed = std::max<std::size_t>(1, longer / 4);
    if (distance <= allowed && distance < longer && distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

std::string origin_lookup(const std::map<std::string, std::string>& origin,
                          const std::string& pointer, const std::string& fallback) {
  std::string prefix = pointer;
  while (true) {
    const auto it = origin.find(prefix);
    if (it != origin.end()) return it->second;
    if (prefix.empty()) return fallback;
    prefix.erase(prefix.rfind('/'));
  }
}

void erase_origin_subtree(std::map<std::string, std::string>& origin, const std::string& pointer) {
  origin.erase(pointer);
  const std::string below = pointer + "/";
  auto it = origin.lower_bound(below);
  while (it != origin.end() && it->first.compare(0, below.size(), below) == 0)
    it = origin.erase(it);
}

struct Layer {
  json root = json::object();
  std::map<std::string, std::string> origin;
};

// Objects merge key by key; anything else in `over` replaces what `base` had at that place.
void merge_into(json& base, const json& over, const std::string& pointer,
                std::map<std::string, std::string>& origin, const std::string& file) {
  for (const auto& [key, value] : over.items()) {
    const std::string here = child_pointer(pointer, key);
    const auto it = base.find(key);
    if (it != base.end() && it->is_object() && value.is_object()) {
      merge_into(*it, value, here, origin, file);
    } else {
      base[key] = value;
      erase_origin_subtree(origin, here);
      origin[here] = file;
    }
  }
}

void overlay(Layer& layer, const json& top, const std::string& file) {
  // Before the top file claims the root, pin every key inherited so far to the file it came from.
  for (const auto& [key, value] : layer.root.items()) {
    const std::string here = child_pointer("", key);
    if (layer.origin.count(here) == 0) layer.origin[here] = origin_lookup(layer.origin, here, file);
  }
  layer.origin[""] = file;
  merge_into(layer.root, top, "", layer.origin, file);
}

std::string parse_error_message(const json::parse_error& error, const std::string& text) {
  // nlohmann reports a 1-based byte count; turn it into the line and column an editor shows.
  const std::size_t index = std::min<std::size_t>(error.byte > 0 ? error.byte - 1 : 0, text.size());
  std::size_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < index; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  const std::size_t column = index - line_start + 1;
  std::string detail = error.what();
  const std::size_t at = detail.find("parse error");
  if (at != std::string::npos) {
    const std::size_t colon = detail.find(": ", at);
    if (colon != std::string::npos) detail = detail.substr(colon + 2);
  }
  return "malformed JSON at line " + std::to_string(line) + ", column " + std::to_string(column) +
         ": " + detail;
}

std::optional<json> read_json_object(const std::string& file, std::vector<ScenarioIssue>& issues) {
  const char* expected_file = "a readable scenario file";
  std::error_code ec;
  const fs::file_status status = fs::status(file, ec);
  if (!fs::exists(status)) {
    issues.push_back({file, "", expected_file, "no such file"});
    return std::nullopt;
  }
  if (fs::is_directory(status)) {
    issues.push_back({file, "", expected_file, "a directory"});
    return std::nullopt;
  }
  std::ifstream in(file, std::ios::binary);
  std::ostringstream buffer;
  if (in) buffer << in.rdbuf();
  if (!in || in.bad()) {
    issues.push_back({file, "", expected_file, "a file that cannot be read"});
    return std::nullopt;
  }
  const std::string text = buffer.str();
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    issues.push_back({file, "", "a JSON object", "an empty file"});
    return std::nullopt;
  }
  json root;
  try {
    root = json::parse(text);
  } catch (const json::parse_error& error) {
    issues.push_back({file, "", "a JSON object", parse_error_message(error, text)});
    return std::nullopt;
  }
  if (!root.is_object()) {
    issues.push_back({file, "", "a JSON object", describe_json(&root)});
    return std::nullopt;
  }
  return root;
}

struct ChainEntry {
  fs::path identity;  // canonical, so "a.json" and "./x/../a.json" are recognised as one file
  std::string name;   // as shown in messages
};

fs::path identity_of(const std::string& file) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(file, ec);
  return ec ? fs::path(file).lexically_normal() : canonical;
}

std::optional<Layer> resolve(const std::string& file, std::vector<ChainEntry>& chain,
                             std::vector<ScenarioIssue>& issues) {
  std::optional<json> top = read_json_object(file, issues);
  if (!top) return std::nullopt;
  Layer layer;
  const auto extends = top->find("extends");
  if (extends != top->end()) {
    const json base_ref = *extends;
    top->erase(extends);
    if (!base_ref.is_string() || base_ref.get_ref<const std::string&>().empty()) {
      issues.push_back({file, "/extends", "the path of a base scenario file (a non-empty string)",
                        describe_json(&base_ref)});
    } else {
      const std::string base =
          (fs::path(file).parent_path() / base_ref.get<std::string>()).lexically_normal().string();
      const fs::path identity = identity_of(base);
      const auto seen = std::find_if(chain.begin(), chain.end(),
                                     [&](const ChainEntry& e) { return e.identity == identity; });
      std::error_code ec;
      if (!fs::exists(base, ec)) {
        issues.push_back(
            {file, "/extends", "an existing base scenario file", "no file at " + quote(base)});
      } else if (seen != chain.end()) {
        std::string cycle;
        for (auto it = seen; it != chain.end(); ++it) cycle += it->name + " -> ";
        issues.push_back(
            {file, "/extends", "an extends chain without a cycle", "a cycle: " + cycle + base});
      } else {
        chain.push_back({identity, base});
        std::optional<Layer> resolved = resolve(base, chain, issues);
        chain.pop_back();
        if (resolved) layer = std::move(*resolved);
      }
    }
  }
  overlay(layer, *top, file);
  return layer;
}

// Suggests a key that exists next to where `tokens` stopped resolving.
std::string existing_key_hint(const json& root, const std::vector<std::string>& tokens,
                              std::size_t depth) {
  std::vector<std::string> parent_tokens(tokens.begin(),
                                         tokens.begin() + static_cast<std::ptrdiff_t>(depth));
  std::string parent;
  for (const auto& t : parent_tokens) parent = child_pointer(parent, t);
  std::size_t ignored = 0;
  const json* node = walk(root, parent_tokens, ignored);
  if (node == nullptr) return "an existing key";
  if (node->is_object() && !node->empty()) {
    std::vector<std::string> keys;
    for (const auto& item : node->items()) keys.push_back(item.key());
    const std::string suggestion = closest(tokens[depth], keys).value_or(keys.front());
    return "an existing key such as " + quote(child_pointer(parent, suggestion));
  }
  if (node->is_array() && !node->empty())
    return "an existing key such as " + quote(parent + "/" + std::to_string(node->size() - 1));
  return "an existing key";
}

void apply_override(ScenarioDocument& doc, const std::string& text, bool check_existence,
                    std::vector<ScenarioIssue>& issues) {
  const std::string set = "--set";
  const std::size_t equals = text.find('=');
  if (equals == std::string::npos) {
    issues.push_back({set, text, "/json/pointer=value", "no '=' in " + quote(text)});
    return;
  }
  const std::string pointer = text.substr(0, equals);
  const std::string value_text = text.substr(equals + 1);
  std::vector<std::string> tokens;
  if (!split_pointer(pointer, tokens) || tokens.empty()) {
    issues.push_back({set, pointer, "a JSON pointer such as /start_month", quote(pointer)});
    return;
  }
  json value;
  try {
    value = json::parse(value_text);
  } catch (const json::parse_error&) {
    value = value_text;
    try {
      (void)value.dump();
    } catch (const json::type_error&) {
      issues.push_back({set, pointer, "a JSON value or UTF-8 text", "invalid UTF-8"});
      return;
    }
  }
  if (!check_existence) return;
  std::size_t depth = 0;
  if (walk(doc.root, tokens, depth) == nullptr) {
    issues.push_back({set, pointer, existing_key_hint(doc.root, tokens, depth), "no such key"});
    return;
  }
  *walk_mutable(doc.root, tokens) = std::move(value);
  erase_origin_subtree(doc.origin, pointer);
  doc.origin[pointer] = set;
}

}  // namespace

std::string ScenarioDocument::file_of(const std::string& pointer) const {
  return origin_lookup(origin, pointer, path);
}

ScenarioDocument load_scenario(const std::string& path,
                               const std::vector<std::string>& set_overrides) {
  std::vector<ScenarioIssue> issues;
  std::vector<ChainEntry> chain{{identity_of(path), path}};
  std::optional<Layer> layer = resolve(path, chain, issues);
  ScenarioDocument doc;
  doc.path = path;
  // Existence checks on a partly loaded document would blame --set for the file's own problem.
  const bool loaded = layer.has_value() && issues.empty();
  if (layer) {
    doc.root = std::move(layer->root);
    doc.origin = std::move(layer->origin);
  }
  for (const auto& text : set_overrides) apply_override(doc, text, loaded, issues);
  if (!issues.empty()) throw InputError(std::move(issues));
  return doc;
}

ScenarioReader::ScenarioReader(const ScenarioDocument& doc) : doc_(doc) {}

void ScenarioReader::mark(const std::string& pointer) {
  std::string prefix = pointer;
  while (true) {
    if (!read_.insert(prefix).second) return;  // its ancestors are already in
    if (prefix.empty()) return;
    prefix.erase(prefix.rfind('/'));
  }
}

const nlohmann::json* ScenarioReader::lookup(const std::string& pointer, const char* expected) {
  std::vector<std::string> tokens;
  if (!split_pointer(pointer, tokens)) {
    add_issue(pointer, "a valid JSON pointer (a bug in the model)", quote(pointer));
    return nullptr;
  }
  mark(pointer);
  std::size_t depth = 0;
  const nlohmann::json* node = walk(doc_.root, tokens, depth);
  if (node == nullptr) add_issue(pointer, expected, "nothing (missing key)");
  return node;
}

void ScenarioReader::add_issue(const std::string& pointer, const std::string& expected,
                               const std::string& found) {
  issues_.push_back({doc_.file_of(pointer), pointer, expected, found});
}

double ScenarioReader::number(const std::string& pointer, double min, double max) {
  const std::string expected = range_text("a number", min, max);
  const double harmless = std::clamp(0.0, min, max);
  const nlohmann::json* node = lookup(pointer, expected.c_str());
  if (node == nullptr) return harmless;
  if (!node->is_number()) {
    add_issue(pointer, expected, describe_json(node));
    return harmless;
  }
  const double value = node->get<double>();
  if (!(value >= min && value <= max)) {
    add_issue(pointer, expected, describe_json(node));
    return harmless;
  }
  return value;
}

std::int64_t ScenarioReader::integer(const std::string& pointer, std::int64_t min,
                                     std::int64_t max) {
  const std::string expected = integer_range_text("an integer", min, max);
  const std::int64_t harmless = std::clamp<std::int64_t>(0, min, max);
  const nlohmann::json* node = lookup(pointer, expected.c_str());
  if (node == nullptr) return harmless;
  std::int64_t value = 0;
  bool ok = false;
  if (node->is_number_unsigned()) {
    const auto u = node->get<std::uint64_t>();
    ok = u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    value = ok ? static_cast<std::int64_t>(u) : 0;
  } else if (node->is_number_integer()) {
    value = node->get<std::int64_t>();
    ok = true;
  } else if (node->is_number_float()) {
    // 3.0 is accepted (e.g. from `--set /x=1e3`); 2.5 is not an integer.
    const double d = node->get<double>();
    ok = std::trunc(d) == d && d >= -9.2233720368547758e18 && d < 9.2233720368547758e18;
    value = ok ? static_cast<std::int64_t>(d) : 0;
  }
  if (!ok || value < min || value > max) {
    add_issue(pointer, expected, describe_json(node));
    return harmless;
  }
  return value;
}

std::string ScenarioReader::string(const std::string& pointer) {
  const char* expected = "a non-empty string";
  const nlohmann::json* node = lookup(pointer, expected);
  if (node == nullptr) return {};
  if (!node->is_string() || node->get_ref<const std::string&>().empty()) {
    add_issue(pointer, expected, describe_json(node));
    return {};
  }
  return node->get<std::string>();
}

std::int32_t ScenarioReader::month(const std::string& pointer) {
  const char* expected = "a month \"YYYY-MM\" (year 1900 to 2200)";
  const nlohmann::json* node = lookup(pointer, expected);
  if (node == nullptr) return 0;
  std::int32_t months = 0;
  if (!node->is_string() || !parse_month(node->get_ref<const std::string&>(), months)) {
    add_issue(pointer, expected, describe_json(node));
    return 0;
  }
  return months;
}

bool ScenarioReader::boolean(const std::string& pointer) {
  const char* expected = "true or false";
  const nlohmann::json* node = lookup(pointer, expected);
  if (node == nullptr) return false;
  if (!node->is_boolean()) {
    add_issue(pointer, expected, describe_json(node));
    return false;
  }
  return node->get<bool>();
}

std::vector<double> ScenarioReader::numbers(const std::string& pointer, std::size_t size,
                                            double min, double max) {
  const std::string element = range_text("numbers", min, max);
  const std::string expected = size == 0 ? "a non-empty array of " + element
                                         : "an array of " + std::to_string(size) + " " + element;
  const double harmless = std::clamp(0.0, min, max);
  const nlohmann::json* node = lookup(pointer, expected.c_str());
  if (node == nullptr) return std::vector<double>(size, harmless);
  if (!node->is_array() || node->empty() || (size != 0 && node->size() != size)) {
    add_issue(pointer, expected, describe_json(node));
    return std::vector<double>(size, harmless);
  }
  const std::string expected_element = range_text("a number", min, max);
  std::vector<double> values;
  values.reserve(node->size());
  for (std::size_t i = 0; i < node->size(); ++i) {
    const nlohmann::json& item = (*node)[i];
    const bool ok = item.is_number() && item.get<double>() >= min && item.get<double>() <= max;
    if (!ok) add_issue(pointer + "/" + std::to_string(i), expected_element, describe_json(&item));
    values.push_back(ok ? item.get<double>() : harmless);
  }
  return values;
}

std::vector<double> ScenarioReader::shares(const std::string& pointer, std::size_t size) {
  const std::string expected =
      (size == 0 ? std::string("a non-empty array of") : "an array of " + std::to_string(size)) +
      " shares in [0, 1] summing to 1";
  const nlohmann::json* node = lookup(pointer, expected.c_str());
  const auto uniform = [](std::size_t n) {
    return std::vector<double>(n, n == 0 ? 0.0 : 1.0 / static_cast<double>(n));
  };
  if (node == nullptr) return uniform(size);
  if (!node->is_array() || node->empty() || (size != 0 && node->size() != size)) {
    add_issue(pointer, expected, describe_json(node));
    return uniform(size);
  }
  std::vector<double> values;
  double sum = 0.0;
  bool all_ok = true;
  for (std::size_t i = 0; i < node->size(); ++i) {
    const nlohmann::json& item = (*node)[i];
    const bool ok = item.is_number() && item.get<double>() >= 0.0 && item.get<double>() <= 1.0;
    if (!ok) {
      add_issue(pointer + "/" + std::to_string(i), "a share in [0, 1]", describe_json(&item));
      all_ok = false;
    }
    values.push_back(ok ? item.get<double>() : 0.0);
    sum += values.back();
  }
  if (!all_ok) return uniform(node->size());
  if (std::abs(sum - 1.0) > 1e-6) {
    char text[64];
    std::snprintf(text, sizeof text, "%.10g", sum);
    add_issue(pointer, "shares summing to 1 (within 1e-6)", std::string("a sum of ") + text);
    return uniform(node->size());
  }
  return values;
}

std::size_t ScenarioReader::array_size(const std::string& pointer) {
  const char* expected = "a non-empty array";
  const nlohmann::json* node = lookup(pointer, expected);
  if (node == nullptr) return 0;
  if (!node->is_array() || node->empty()) {
    add_issue(pointer, expected, describe_json(node));
    return 0;
  }
  return node->size();
}

bool ScenarioReader::has(const std::string& pointer) const {
  std::vector<std::string> tokens;
  if (!split_pointer(pointer, tokens)) return false;
  std::size_t depth = 0;
  return walk(doc_.root, tokens, depth) != nullptr;
}

void ScenarioReader::allow(const std::string& pointer) {
  mark(pointer);
}

void ScenarioReader::collect_unknown(const nlohmann::json& node, const std::string& pointer) {
  // A key read as a whole (no read descendants) is accepted with whatever it contains; only
  // containers read piece by piece are searched for keys nobody asked for.
  const auto has_read_descendant = [this](const std::string& p) {
    const std::string below = p + "/";
    const auto it = read_.lower_bound(below);
    return it != read_.end() && it->compare(0, below.size(), below) == 0;
  };
  if (node.is_object()) {
    for (const auto& [key, value] : node.items()) {
      const std::string here = child_pointer(pointer, key);
      if (read_.count(here) != 0) {
        if (has_read_descendant(here)) collect_unknown(value, here);
        continue;
      }
      // Known siblings that are absent from the file are the likeliest intended spelling.
      std::vector<std::string> absent;
      std::vector<std::string> present;
      const std::string prefix = pointer + "/";
      for (auto it = read_.lower_bound(prefix);
           it != read_.end() && it->compare(0, prefix.size(), prefix) == 0; ++it) {
        if (it->find('/', prefix.size()) != std::string::npos) continue;
        std::vector<std::string> tokens;
        if (!split_pointer(*it, tokens) || tokens.empty()) continue;
        (node.contains(tokens.back()) ? present : absent).push_back(tokens.back());
      }
      std::optional<std::string> suggestion = closest(key, absent);
      if (!suggestion) suggestion = closest(key, present);
      std::string expected = "a known key";
      if (suggestion) expected += " (did you mean " + quote(*suggestion) + "?)";
      add_issue(here, expected, "unknown key " + quote(key));
    }
  } else if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i) {
      const std::string here = pointer + "/" + std::to_string(i);
      if (read_.count(here) == 0) {
        add_issue(here, "only elements the model reads (is the array too long?)",
                  "an unread element " + describe_json(&node[i]));
      } else if (has_read_descendant(here)) {
        collect_unknown(node[i], here);
      }
    }
  }
}

void ScenarioReader::finish() {
  collect_unknown(doc_.root, "");
  if (!issues_.empty()) throw InputError(issues_);
}

std::string describe_json(const nlohmann::json* value) {
  if (value == nullptr) return "nothing";
  switch (value->type()) {
    case nlohmann::json::value_t::null:
      return "null";
    case nlohmann::json::value_t::boolean:
      return value->get<bool>() ? "true" : "false";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
      return dump_json(*value);
    case nlohmann::json::value_t::string: {
      const auto& text = value->get_ref<const std::string&>();
      if (text.empty()) return "an empty string";
      constexpr std::size_t kLimit = 60;
      if (text.size() <= kLimit) return "a string " + quote(text);
      return "a string " + quote(text.substr(0, kLimit)) + "...";
    }
    case nlohmann::json::value_t::array:
      return value->empty() ? "an empty array" : "an array of " + std::to_string(value->size());
    case nlohmann::json::value_t::object:
      if (value->empty()) return "an empty object";
      return "an object with " + std::to_string(value->size()) +
             (value->size() == 1 ? " key" : " keys");
    default:
      return "an unsupported value";
  }
}

bool parse_month(const std::string& text, std::int32_t& months) {
  if (text.size() != 7 || text[4] != '-') return false;
  int year = 0;
  int month = 0;
  for (std::size_t i = 0; i < 7; ++i) {
    if (i == 4) continue;
    if (text[i] < '0' || text[i] > '9') return false;
    int& field = i < 4 ? year : month;
    field = field * 10 + (text[i] - '0');
  }
  if (year < 1900 || year > 2200 || month < 1 || month > 12) return false;
  months = year * 12 + month - 1;
  return true;
}

std::string format_month(std::int32_t months) {
  // Floor division so that negative counts still give a month in 01..12.
  std::int32_t year = months / 12;
  std::int32_t month = months % 12;
  if (month < 0) {
    month += 12;
    year -= 1;
  }
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d", static_cast<int>(year),
                static_cast<int>(month + 1));
  return text;
}

}  // namespace drempel

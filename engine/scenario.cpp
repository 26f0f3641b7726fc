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

#include "engine/input_file.hpp"
#include "engine/json_input.hpp"
#include "engine/json_pointer.hpp"
#include "engine/scenario_merge.hpp"

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

std::optional<json> read_json_object(const std::string& file, std::vector<ScenarioIssue>& issues) {
  const std::optional<std::string> text = read_input_file(file, "a readable scenario file", issues);
  if (!text) return std::nullopt;
  if (text->find_first_not_of(" \t\r\n") == std::string::npos) {
    issues.push_back({file, "", "a JSON object", "an empty file"});
    return std::nullopt;
  }
  std::optional<json> root = parse_json_input(*text, file, "", "a JSON object", issues);
  if (root && !root->is_object()) {
    issues.push_back({file, "", "a JSON object", describe_json(&*root)});
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

std::optional<ScenarioLayer> resolve(const std::string& file, std::vector<ChainEntry>& chain,
                                     std::vector<ScenarioIssue>& issues) {
  std::optional<json> top = read_json_object(file, issues);
  if (!top) return std::nullopt;
  ScenarioLayer layer;
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
      } else if (chain.size() >= kMaxExtendsDepth) {
        issues.push_back(
            {file, "/extends",
             "an extends chain of at most " + std::to_string(kMaxExtendsDepth) + " files",
             "a longer chain (" + chain.front().name + " -> ... -> " + base + ")"});
      } else if (seen != chain.end()) {
        std::string cycle;
        for (auto it = seen; it != chain.end(); ++it) cycle += it->name + " -> ";
        issues.push_back(
            {file, "/extends", "an extends chain without a cycle", "a cycle: " + cycle + base});
      } else {
        chain.push_back({identity, base});
        std::optional<ScenarioLayer> resolved = resolve(base, chain, issues);
        chain.pop_back();
        if (resolved) layer = std::move(*resolved);
      }
    }
  }
  overlay_scenario(layer, *top, file, issues);
  return layer;
}

// Suggests a key that exists next to where `tokens` stopped resolving.
std::string existing_key_hint(const json& root, const std::vector<std::string>& tokens,
                              std::size_t depth) {
  const std::vector<std::string> parent_tokens(tokens.begin(),
                                               tokens.begin() + static_cast<std::ptrdiff_t>(depth));
  const std::string parent = join_pointer(parent_tokens);
  std::size_t ignored = 0;
  const json* node = walk_pointer(root, parent_tokens, ignored);
  if (node == nullptr) return "an existing key";
  const std::string& token = tokens[depth];
  const bool numeric = !token.empty() && token.find_first_not_of("0123456789") == std::string::npos;
  std::vector<std::string> keys;
  if (node->is_object()) {
    for (const auto& item : node->items()) keys.push_back(item.key());
  } else if (is_named_list(*node) && !numeric) {
    for (const auto& element : *node) keys.push_back(element.at("name").get<std::string>());
  } else if (node->is_array() && !node->empty()) {
    return "an existing key such as " + quote(parent + "/" + std::to_string(node->size() - 1));
  }
  if (keys.empty()) return "an existing key";
  const std::string suggestion = closest_word(token, keys).value_or(keys.front());
  return "an existing key such as " + quote(child_pointer(parent, suggestion));
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
  bool plain_text = false;
  const std::size_t before = issues.size();
  std::optional<json> parsed = parse_json_input(value_text, set, pointer, "", issues, &plain_text);
  if (issues.size() > before) return;
  json value = plain_text ? json(value_text) : std::move(*parsed);
  if (plain_text) {
    try {
      (void)value.dump();
    } catch (const json::type_error&) {
      issues.push_back({set, pointer, "a JSON value or UTF-8 text", "invalid UTF-8"});
      return;
    }
  }
  if (!check_existence) return;
  std::size_t depth = 0;
  std::string canonical;
  if (walk_pointer(doc.root, tokens, depth, &canonical) == nullptr) {
    issues.push_back({set, pointer, existing_key_hint(doc.root, tokens, depth), "no such key"});
    return;
  }
  *walk_pointer(doc.root, tokens) = std::move(value);
  doc.origin.set(canonical, set);
  doc.set_pointers[canonical] = pointer;
}

}  // namespace

std::string ScenarioDocument::file_of(const std::string& pointer) const {
  return origin.lookup(pointer, path);
}

std::string ScenarioDocument::as_written(const std::string& pointer) const {
  // The --set whose pointer is `pointer` or one of its ancestors, in the form the user typed.
  std::string prefix = pointer;
  while (true) {
    const auto it = set_pointers.find(prefix);
    if (it != set_pointers.end()) return it->second + pointer.substr(prefix.size());
    if (prefix.empty()) return pointer;
    prefix.erase(prefix.rfind('/'));
  }
}

std::string ScenarioDocument::latest_of(const std::vector<std::string>& pointers) const {
  const auto rank = [&](const std::string& pointer) {
    const std::string file = file_of(pointer);
    const auto it = std::find(layers.begin(), layers.end(), file);
    return it == layers.end() ? layers.size() : static_cast<std::size_t>(it - layers.begin());
  };
  std::string best;
  std::size_t best_rank = 0;
  for (const auto& pointer : pointers) {
    const std::size_t r = rank(pointer);
    if (best.empty() || r > best_rank) best = pointer, best_rank = r;
  }
  return best;
}

ScenarioDocument load_scenario(const std::string& path,
                               const std::vector<std::string>& set_overrides) {
  std::vector<ScenarioIssue> issues;
  std::vector<ChainEntry> chain{{identity_of(path), path}};
  std::optional<ScenarioLayer> layer = resolve(path, chain, issues);
  ScenarioDocument doc;
  doc.path = path;
  // Existence checks on a partly loaded document would blame --set for the file's own problem.
  const bool loaded = layer.has_value() && issues.empty();
  if (layer) {
    doc.root = std::move(layer->root);
    doc.origin = std::move(layer->origin);
    doc.layers = std::move(layer->files);
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
  const nlohmann::json* node = walk_pointer(doc_.root, tokens, depth);
  if (node == nullptr) add_issue(pointer, expected, "nothing (missing key)");
  return node;
}

void ScenarioReader::add_issue(const std::string& pointer, const std::string& expected,
                               const std::string& found) {
  const std::string file = doc_.file_of(pointer);
  issues_.push_back({file, file == "--set" ? doc_.as_written(pointer) : pointer, expected, found});
}

void ScenarioReader::add_cross_issue(const std::vector<std::string>& pointers,
                                     const std::string& expected, const std::string& found) {
  if (pointers.empty()) return;
  const std::string blamed = doc_.latest_of(pointers);
  std::string others;
  for (const auto& pointer : pointers) {
    if (pointer == blamed) continue;
    const std::string file = doc_.file_of(pointer);
    others += (others.empty() ? "" : ", ") + (file == "--set" ? doc_.as_written(pointer) : pointer);
  }
  add_issue(blamed, others.empty() ? expected : expected + " (together with " + others + ")",
            found);
}

namespace {

// What a reader returns for a missing or bad number, so that reading goes on to find every
// problem: 0 brought into [min, max]. A caller may pass an empty range (max < min) when the
// bounds themselves came from bad input; std::clamp would be undefined there.
double harmless_number(double min, double max) {
  return max < min ? min : std::clamp(0.0, min, max);
}

}  // namespace

double ScenarioReader::number(const std::string& pointer, double min, double max) {
  const std::string expected = range_text("a number", min, max);
  const double harmless = harmless_number(min, max);
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

bool printable_text(const std::string& text) {
  return !text.empty() && text.size() <= kMaxStringBytes &&
         std::none_of(text.begin(), text.end(),
                      [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

std::string ScenarioReader::string(const std::string& pointer) {
  const std::string expected = "a non-empty string of at most " + std::to_string(kMaxStringBytes) +
                               " bytes without control characters (NUL, newline, tab, ...)";
  const nlohmann::json* node = lookup(pointer, expected.c_str());
  if (node == nullptr) return {};
  if (!node->is_string() || !printable_text(node->get_ref<const std::string&>())) {
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
  const double harmless = harmless_number(min, max);
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
  return walk_pointer(doc_.root, tokens, depth) != nullptr;
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
      std::optional<std::string> suggestion = closest_word(key, absent);
      if (!suggestion) suggestion = closest_word(key, present);
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

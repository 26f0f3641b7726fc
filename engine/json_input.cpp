#include "engine/json_input.hpp"

#include <algorithm>
#include <set>

#include "engine/json_pointer.hpp"

namespace drempel {
namespace {

using nlohmann::json;

// The container being parsed and the child it is at, to name a repeated key by its pointer.
struct Frame {
  bool object = false;
  std::string key;       // object: the current key
  std::size_t next = 0;  // array: index of the next element
  std::string token;     // array: the current element's index
  std::set<std::string> keys;
};

std::string pointer_of(const std::string& base, const std::vector<Frame>& stack, std::size_t n) {
  std::vector<std::string> tokens;
  for (std::size_t i = 0; i < n; ++i)
    tokens.push_back(stack[i].object ? stack[i].key : stack[i].token);
  std::string out = base;
  for (const auto& t : tokens) out = child_pointer(out, t);
  return out;
}

std::string parse_detail(const std::string& what) {
  const std::size_t at = what.find("parse error");
  if (at == std::string::npos) return what;
  const std::size_t colon = what.find(": ", at);
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

}  // namespace

std::string text_position(const std::string& text, std::size_t offset) {
  const std::size_t index = std::min(offset, text.size());
  std::size_t line = 1, line_start = 0;
  for (std::size_t i = 0; i < index; ++i)
    if (text[i] == '\n') line += 1, line_start = i + 1;
  return "line " + std::to_string(line) + ", column " + std::to_string(index - line_start + 1);
}

std::optional<std::size_t> too_deep(const std::string& text) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) return i;
    } else if (c == ']' || c == '}') {
      depth = std::max(0, depth - 1);
    }
  }
  return std::nullopt;
}

std::optional<json> parse_json_input(const std::string& text, const std::string& file,
                                     const std::string& pointer, const std::string& expected,
                                     std::vector<ScenarioIssue>& issues, bool* malformed) {
  if (const auto deep = too_deep(text)) {
    issues.push_back({file, pointer,
                      "JSON nested at most " + std::to_string(kMaxJsonDepth) + " levels deep",
                      "deeper nesting at " + text_position(text, *deep)});
    return std::nullopt;
  }
  std::vector<Frame> stack;
  std::vector<ScenarioIssue> repeated;
  // An element of an array starts: it is the array's next index.
  const auto element = [&] {
    if (!stack.empty() && !stack.back().object)
      stack.back().token = std::to_string(stack.back().next++);
  };
  const json::parser_callback_t check = [&](int, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
      case json::parse_event_t::array_start:
        element();
        stack.push_back({event == json::parse_event_t::object_start, "", 0, "", {}});
        break;
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        if (!stack.empty()) stack.pop_back();
        break;
      case json::parse_event_t::key: {
        Frame& f = stack.back();
        f.key = parsed.get<std::string>();
        if (!f.keys.insert(f.key).second && repeated.size() < 20)
          repeated.push_back({file, pointer_of(pointer, stack, stack.size()),
                              "each key once in its object", "the key repeated"});
        break;
      }
      case json::parse_event_t::value:
        element();
        break;
    }
    return true;
  };
  json root;
  try {
    root = json::parse(text, check);
  } catch (const json::parse_error& e) {
    if (malformed != nullptr) {
      *malformed = true;
      return std::nullopt;
    }
    const std::size_t byte = e.byte > 0 ? e.byte - 1 : 0;
    issues.push_back(
        {file, pointer, expected,
         "malformed JSON at " + text_position(text, byte) + ": " + parse_detail(e.what())});
    return std::nullopt;
  } catch (const json::out_of_range& e) {
    // nlohmann gives no position for a number that overflows a double; name the number.
    std::string detail = e.what();
    const auto quote = detail.find('\'');
    issues.push_back({file, pointer, "numbers within the range of a double (about ±1.8e308)",
                      quote == std::string::npos ? detail : "the number " + detail.substr(quote)});
    return std::nullopt;
  }
  if (!repeated.empty()) {
    issues.insert(issues.end(), repeated.begin(), repeated.end());
    return std::nullopt;
  }
  return root;
}

}  // namespace drempel

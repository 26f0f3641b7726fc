#include "engine/json_pointer.hpp"

#include <algorithm>
#include <limits>
#include <utility>

namespace drempel {

using nlohmann::json;

std::string escape_pointer_token(const std::string& token) {
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
  return parent + "/" + escape_pointer_token(key);
}

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

std::string join_pointer(const std::vector<std::string>& tokens) {
  std::string out;
  for (const auto& token : tokens) out = child_pointer(out, token);
  return out;
}

bool is_named_list(const json& value) {
  if (!value.is_array() || value.empty()) return false;
  return std::all_of(value.begin(), value.end(), [](const json& element) {
    if (!element.is_object()) return false;
    const auto name = element.find("name");
    return name != element.end() && name->is_string();
  });
}

std::vector<std::size_t> elements_named(const json& list, const std::string& name) {
  std::vector<std::size_t> found;
  if (!is_named_list(list)) return found;
  for (std::size_t i = 0; i < list.size(); ++i)
    if (list[i].at("name").get_ref<const std::string&>() == name) found.push_back(i);
  return found;
}

namespace {

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

}  // namespace

const json* walk_pointer(const json& root, const std::vector<std::string>& tokens,
                         std::size_t& depth, std::string* canonical) {
  const json* node = &root;
  if (canonical != nullptr) canonical->clear();
  for (depth = 0; depth < tokens.size(); ++depth) {
    const std::string& token = tokens[depth];
    std::string resolved = token;
    if (node->is_object()) {
      const auto it = node->find(token);
      if (it == node->end()) return nullptr;
      node = &*it;
    } else if (node->is_array()) {
      std::size_t index = 0;
      if (!array_index(token, node->size(), index)) {
        const std::vector<std::size_t> named = elements_named(*node, token);
        if (named.size() != 1) return nullptr;
        index = named[0];
      }
      resolved = std::to_string(index);
      node = &(*node)[index];
    } else {
      return nullptr;
    }
    if (canonical != nullptr) *canonical = child_pointer(*canonical, resolved);
  }
  return node;
}

json* walk_pointer(json& root, const std::vector<std::string>& tokens, std::string* canonical) {
  std::size_t depth = 0;
  return const_cast<json*>(walk_pointer(std::as_const(root), tokens, depth, canonical));
}

namespace {

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

}  // namespace

std::optional<std::string> closest_word(const std::string& word,
                                        const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  std::size_t best_distance = std::numeric_limits<std::size_t>::max();
  // A word that long is no typo of a key; and the distance is at least the difference in length,
  // so most candidates need no quadratic comparison.
  if (word.size() > 256) return best;
  for (const auto& candidate : candidates) {
    if (candidate == word) continue;
    const std::size_t longer = std::max(word.size(), candidate.size());
    const std::size_t allowed = std::max<std::size_t>(1, longer / 4);
    if (longer - std::min(word.size(), candidate.size()) > allowed) continue;
    const std::size_t distance = edit_distance(word, candidate);
    if (distance <= allowed && distance < longer && distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

}  // namespace drempel

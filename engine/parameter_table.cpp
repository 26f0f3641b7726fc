#include "engine/parameter_table.hpp"

#include <cmath>
#include <cstdio>

namespace drempel {
namespace {

// A bound as written in the docs: 100000 as 100,000, 1e7 as 10⁷, fractions as they are.
std::string bound(double v) {
  if (std::isinf(v)) return "∞";
  if (v >= 1e6 && std::fabs(std::log10(v) - std::round(std::log10(v))) < 1e-12) {
    static const char* const kSuperscript[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
    std::string e;
    for (char c : std::to_string(static_cast<int>(std::round(std::log10(v)))))
      e += kSuperscript[c - '0'];
    return "10" + e;
  }
  char text[64];
  std::snprintf(text, sizeof text, "%.10g", v);
  std::string s = text;
  if (v >= 10000 && v == std::floor(v)) {
    std::string grouped;
    const std::size_t n = s.size();
    for (std::size_t i = 0; i < n; ++i) {
      grouped += s[i];
      if ((n - i - 1) % 3 == 0 && i + 1 < n) grouped += ',';
    }
    return grouped;
  }
  return s;
}

}  // namespace

std::string parameter_row_markdown(const std::string& key, const std::string& type, double min,
                                   double max, const char* unit, const char* doc,
                                   const std::string& baseline, const char* source) {
  return "| `" + key + "` | " + type + " | " + unit + ", " + bound(min) + " – " + bound(max) +
         " | " + doc + " | " + baseline + " | " + source + " |\n";
}

std::string named_parameter_row_markdown(const std::string& key,
                                         const std::vector<std::string>& names, double min,
                                         double max, const char* unit, const char* doc,
                                         const nlohmann::json& baseline, const std::string& pointer,
                                         const char* source) {
  std::string list, values;
  const bool present = baseline.contains(nlohmann::json::json_pointer(pointer));
  for (const std::string& name : names) {
    list += (list.empty() ? "" : ", ") + name;
    if (!present) continue;
    const nlohmann::json::json_pointer ptr(pointer + "/" + name);
    values +=
        (values.empty() ? "" : " / ") + (baseline.contains(ptr) ? baseline.at(ptr).dump() : "?");
  }
  return parameter_row_markdown(key + "/{" + list + "}", "number", min, max, unit, doc, values,
                                source);
}

}  // namespace drempel

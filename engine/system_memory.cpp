#include "engine/system_memory.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace drempel {

std::optional<std::uint64_t> available_memory() {
  std::ifstream in("/proc/meminfo");
  std::string line;
  while (std::getline(in, line)) {
    unsigned long long kib = 0;
    if (std::sscanf(line.c_str(), "MemAvailable: %llu kB", &kib) == 1)
      return static_cast<std::uint64_t>(kib) * 1024;
  }
  return std::nullopt;
}

std::optional<std::uint64_t> parse_byte_size(const std::string& text) {
  std::istringstream in(text);
  double value = 0;
  if (!(in >> value) || !(value > 0)) return std::nullopt;
  std::string unit;
  in >> unit;
  if (!in.eof() && in.peek() != EOF) return std::nullopt;
  double factor = 1;
  if (unit == "K" || unit == "k")
    factor = 1024.0;
  else if (unit == "M")
    factor = 1024.0 * 1024;
  else if (unit == "G")
    factor = 1024.0 * 1024 * 1024;
  else if (unit == "T")
    factor = 1024.0 * 1024 * 1024 * 1024;
  else if (!unit.empty())
    return std::nullopt;
  const double bytes = value * factor;
  if (!std::isfinite(bytes) || bytes < 1 || bytes > 1.8e19) return std::nullopt;
  return static_cast<std::uint64_t>(bytes);
}

std::string format_bytes(std::uint64_t bytes) {
  const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB"};
  double v = static_cast<double>(bytes);
  int u = 0;
  while (v >= 1024 && u < 5) v /= 1024, ++u;
  char text[64];
  std::snprintf(text, sizeof text, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
  return text;
}

}  // namespace drempel

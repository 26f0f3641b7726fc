// The outputs of a comparison (analysis/compare.hpp): console table, CSV and JSON.
#include <cmath>
#include <cstdio>
#include <ostream>

#include "analysis/compare.hpp"
#include "engine/csv_table.hpp"

namespace drempel {
namespace {

// About four significant digits at most, never in exponent form: counts stay whole numbers.
std::string number(double x) {
  if (std::isnan(x)) return "-";
  char text[64];
  const double a = std::fabs(x);
  const char* format = a >= 1000 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
  std::snprintf(text, sizeof text, format, x);
  return text;
}

std::string percent(double x) {
  if (std::isnan(x)) return "-";
  char text[32];
  std::snprintf(text, sizeof text, "%+.1f%%", 100 * x);
  return text;
}

std::string csv_number(double x) {
  if (std::isnan(x)) return "";
  char text[64];
  std::snprintf(text, sizeof text, "%.17g", x);
  return text;
}

}  // namespace

void print_comparison(std::FILE* out, const Comparison& c, const std::string& base_name,
                      const std::string& variant_name) {
  std::fprintf(out, "variant %s against base %s: %d replicate(s), %s\n", variant_name.c_str(),
               base_name.c_str(), c.replicates,
               c.paired ? "paired (same seed)" : "UNPAIRED (different seeds)");
  std::fprintf(out, "difference = variant - base; interval: %s\n", c.interval_text().c_str());
  std::fprintf(out,
               "verdict: higher or lower when the interval excludes 0, \"no clear difference\" "
               "when it includes 0\n");
  for (const auto& w : c.warnings) std::fprintf(out, "warning: %s\n", w.c_str());
  std::string group;
  for (const ComparisonRow& r : c.rows) {
    const std::string here = "end of " + r.horizon + ", " + r.region;
    if (here != group) {
      group = here;
      std::fprintf(out, "\n%-34s %10s %10s %11s  %-22s %8s  %s\n", here.c_str(), "base", "variant",
                   "difference", "[95% CI]", "change", "verdict");
    }
    const std::string interval = "[" + number(r.low) + ", " + number(r.high) + "]";
    std::fprintf(out, "%-34s %10s %10s %11s  %-22s %8s  %s\n", r.quantity.c_str(),
                 number(r.base_mean).c_str(), number(r.variant_mean).c_str(),
                 number(r.difference).c_str(), interval.c_str(), percent(r.relative).c_str(),
                 verdict_text(r.verdict));
  }
}

void write_comparison_csv(std::ostream& out, const Comparison& c) {
  out << "quantity,region,month,units,base_mean,variant_mean,difference,ci_low,ci_high,"
         "relative_change,verdict,paired,replicates,confidence,meaning\n";
  for (const ComparisonRow& r : c.rows)
    out << csv_field(r.quantity) << ',' << csv_field(r.region) << ',' << r.horizon << ','
        << csv_field(r.units) << ',' << csv_number(r.base_mean) << ',' << csv_number(r.variant_mean)
        << ',' << csv_number(r.difference) << ',' << csv_number(r.low) << ',' << csv_number(r.high)
        << ',' << csv_number(r.relative) << ',' << csv_field(verdict_text(r.verdict)) << ','
        << (c.paired ? "true" : "false") << ',' << c.replicates << ',' << csv_number(c.confidence)
        << ',' << csv_field(r.meaning) << '\n';
}

nlohmann::json comparison_json(const Comparison& c, const std::string& base_name,
                               const std::string& variant_name) {
  const auto maybe = [](double x) { return std::isnan(x) ? nlohmann::json() : nlohmann::json(x); };
  nlohmann::json rows = nlohmann::json::array();
  for (const ComparisonRow& r : c.rows)
    rows.push_back({{"quantity", r.quantity},
                    {"meaning", r.meaning},
                    {"units", r.units},
                    {"month", r.horizon},
                    {"region", r.region},
                    {"base_mean", r.base_mean},
                    {"variant_mean", r.variant_mean},
                    {"difference", r.difference},
                    {"ci_low", maybe(r.low)},
                    {"ci_high", maybe(r.high)},
                    {"relative_change", maybe(r.relative)},
                    {"verdict", verdict_text(r.verdict)}});
  return {{"base", base_name},          {"variant", variant_name},
          {"paired", c.paired},         {"replicates", c.replicates},
          {"confidence", c.confidence}, {"interval", c.interval_text()},
          {"warnings", c.warnings},     {"rows", rows}};
}

}  // namespace drempel

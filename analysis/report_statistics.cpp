#include "analysis/report_statistics.hpp"

#include "analysis/compare.hpp"
#include "analysis/replicate_stats.hpp"

namespace drempel {
namespace {

constexpr const char* kExtraMetrics[] = {"caseworker_hours_demanded", "caseworker_fte_employed",
                                         "social_housing_waiting_list", "programme_waiting"};

nlohmann::json summary(const Results& res) {
  nlohmann::json rows = nlohmann::json::array();
  const int last = res.months() - 1;
  // The rows of comparing the run with itself give the quantities' meaning, units and regions.
  CompareOptions options;
  options.quantities = report_quantities(res);
  for (const ComparisonRow& r : compare_results(res, res, options).rows) {
    std::vector<int> regions;
    for (int g = 0; g < res.regions(); ++g)
      if (r.region == res.region_names[static_cast<std::size_t>(g)] || r.region == "all regions")
        regions.push_back(g);
    const std::vector<double> values = quantity_values(res, r.quantity, last, regions);
    const MeanInterval mi = mean_interval(values);
    rows.push_back({{"quantity", r.quantity},
                    {"meaning", r.meaning},
                    {"units", r.units},
                    {"region", r.region},
                    {"month", res.month_labels.back()},
                    {"mean", mi.mean},
                    {"ci_low", mi.low},
                    {"ci_high", mi.high},
                    {"p05", quantile(values, 0.05)},
                    {"p95", quantile(values, 0.95)}});
  }
  return rows;
}

}  // namespace

std::vector<std::string> report_quantities(const Results& results) {
  std::vector<std::string> names = default_quantities(results);
  for (const char* name : kExtraMetrics)
    if (results.metric(name) != nullptr) names.emplace_back(name);
  return names;
}

nlohmann::json report_statistics(const Results& base, const Results* variant) {
  nlohmann::json out;
  out["summary"]["base"] = summary(base);
  out["comparison"] = nullptr;
  if (variant != nullptr) {
    out["summary"]["variant"] = summary(*variant);
    CompareOptions options;
    options.quantities = report_quantities(base);
    options.horizons = base.month_labels;
    out["comparison"] =
        comparison_json(compare_results(base, *variant, options), "base", "variant");
  }
  return out;
}

}  // namespace drempel

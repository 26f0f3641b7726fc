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
  for (const QuantityCell& cell : quantity_cells(res, report_quantities(res), "")) {
    const std::vector<double> values = quantity_values(res, cell.quantity, last, cell.regions);
    const MeanInterval mi = mean_interval(values);
    rows.push_back({{"quantity", cell.quantity},
                    {"meaning", cell.meaning},
                    {"units", cell.units},
                    {"region", cell.region},
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

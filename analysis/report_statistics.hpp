#pragma once
// The statistics of `drempel report`, computed here so that the report's intervals are the ones
// `drempel run` and `drempel compare` print (one implementation of the t intervals): for each
// run, the headline quantities at the last month with the 95% confidence interval of the mean
// and the 5%-95% spread of single replicates; for a comparison, the paired differences of the
// report's quantities in every month. The Python module (analysis/python/drempel_report.py) draws
// them; it computes only quantiles itself.
#include <nlohmann/json.hpp>

#include "engine/results.hpp"

namespace drempel {

/// The quantities the report draws over time (stages, end-state entries, headline metrics).
std::vector<std::string> report_quantities(const Results& results);

/// {"summary": {"base": [...], "variant": [...]}, "comparison": {...} or null}. Each summary row
/// has quantity, meaning, units, region, month, mean, ci_low, ci_high, p05, p95; the comparison
/// is comparison_json over every month. Throws NotComparable when `variant` cannot be compared.
nlohmann::json report_statistics(const Results& base, const Results* variant);

}  // namespace drempel

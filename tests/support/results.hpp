#pragma once
// Shared test helpers: summaries of a Results object for region 0, used by the lever tests.
#include <cmath>
#include <vector>

#include "engine/results.hpp"

namespace drempel::test {

/// Clients in `stage` at the end of the last month, per replicate (region 0).
inline std::vector<double> final_stock(const Results& res, int stage) {
  std::vector<double> out;
  for (int r = 0; r < res.replicates; ++r)
    out.push_back(
        static_cast<double>(res.stage_count[res.stage_index(r, res.months() - 1, 0, stage)]));
  return out;
}

/// Sum of a metric over replicates, months and regions.
inline double metric_total(const Results& res, const char* name) {
  double sum = 0;
  for (double v : res.metric(name)->values) sum += v;
  return sum;
}

/// Mean of a metric over replicates, months and regions, NaN entries skipped.
inline double metric_mean(const Results& res, const char* name) {
  double sum = 0;
  int n = 0;
  for (double v : res.metric(name)->values)
    if (!std::isnan(v)) sum += v, ++n;
  return n > 0 ? sum / n : std::nan("");
}

/// Client-months spent in `stage` (region 0, all replicates and months).
inline double stage_months(const Results& res, int stage) {
  double sum = 0;
  for (int r = 0; r < res.replicates; ++r)
    for (int m = 0; m < res.months(); ++m)
      sum += static_cast<double>(res.stage_count[res.stage_index(r, m, 0, stage)]);
  return sum;
}

/// Moves from `from` into `to` (region 0, all replicates and months).
inline double moves(const Results& res, int from, int to) {
  double sum = 0;
  for (int r = 0; r < res.replicates; ++r)
    for (int m = 0; m < res.months(); ++m)
      sum += static_cast<double>(res.transition_count[res.transition_index(r, m, 0, from, to)]);
  return sum;
}

/// Moves into `stage` from any other stage.
inline double entries_into(const Results& res, int stage) {
  double sum = 0;
  for (int from = 0; from < res.stages(); ++from)
    if (from != stage) sum += moves(res, from, stage);
  return sum;
}

/// Monthly rate of moving from `from` into `to`: moves per client-month in `from`. Its inverse
/// is the expected time to that move, whoever else is in the stage.
inline double move_rate(const Results& res, int from, int to) {
  return moves(res, from, to) / stage_months(res, from);
}

}  // namespace drempel::test

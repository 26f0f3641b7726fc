#include "analysis/compare.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <ostream>

#include "analysis/replicate_stats.hpp"
#include "models/definitions.hpp"

namespace drempel {
namespace {

const char* const kEntered = "entered_";

constexpr const char* kHeadlineMetrics[] = {
    "clients_active",           "caseload_per_caseworker_fte",    "caseworker_hours_supplied",
    "caseworker_service_share", "in_work_year_after_award_share", "leefloon_spending_eur"};

int index_of(const std::vector<std::string>& names, const std::string& name) {
  const auto it = std::find(names.begin(), names.end(), name);
  return it == names.end() ? -1 : static_cast<int>(it - names.begin());
}

std::string list_text(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

void check_comparable(const Results& a, const Results& b) {
  const auto refuse = [](const std::string& what, const std::string& x, const std::string& y) {
    throw NotComparable("the files differ in " + what + " (" + x + " and " + y +
                        "): compare runs of the same months, regions and replicate count");
  };
  if (a.month_labels != b.month_labels)
    refuse("months", a.month_labels.front() + ".." + a.month_labels.back(),
           b.month_labels.front() + ".." + b.month_labels.back());
  if (a.region_names != b.region_names)
    refuse("regions", list_text(a.region_names), list_text(b.region_names));
  if (a.stage_names != b.stage_names)
    refuse("stages", list_text(a.stage_names), list_text(b.stage_names));
  if (a.replicates != b.replicates)
    refuse("replicate count", std::to_string(a.replicates), std::to_string(b.replicates));
}

// One quantity of one file, read replicate by replicate.
struct Quantity {
  enum Kind { kStock, kEntries, kMetric } kind = kStock;
  int stage = -1;
  const MetricSeries* metric = nullptr;
  std::string name, meaning, units;
};

Quantity resolve(const std::string& name, const Results& res) {
  Quantity q;
  q.name = name;
  if (const int s = index_of(res.stage_names, name); s >= 0) {
    q.kind = Quantity::kStock;
    q.stage = s;
    q.meaning = "clients in stage " + name + " at the end of the month";
    q.units = "1";
    return q;
  }
  if (name.rfind(kEntered, 0) == 0) {
    const int s = index_of(res.stage_names, name.substr(std::string(kEntered).size()));
    if (s >= 0) {
      q.kind = Quantity::kEntries;
      q.stage = s;
      q.meaning = "clients who entered " + res.stage_names[static_cast<std::size_t>(s)] +
                  " from the first month to the end of the month";
      q.units = "1";
      return q;
    }
  }
  q.kind = Quantity::kMetric;
  q.metric = res.metric(name);
  if (q.metric == nullptr)
    throw NotComparable("no quantity \"" + name + "\": expected a stage (" +
                        list_text(res.stage_names) + "), entered_STAGE, a metric of the file " +
                        "(see docs/results-format.md) or all");
  q.meaning = q.metric->long_name + " (in the month)";
  q.units = q.metric->units;
  return q;
}

// The quantity in replicate r at month h, summed over `regions` (region indices).
double value(const Results& res, const Quantity& q, int r, int h, const std::vector<int>& regions) {
  double sum = 0;
  const int S = res.stages();
  for (const int g : regions) {
    if (q.kind == Quantity::kStock) {
      sum += static_cast<double>(res.stage_count[res.stage_index(r, h, g, q.stage)]);
    } else if (q.kind == Quantity::kEntries) {
      for (int m = 0; m <= h; ++m) {
        sum += static_cast<double>(res.arrival_count[res.stage_index(r, m, g, q.stage)]);
        for (int from = 0; from < S; ++from)
          if (from != q.stage)
            sum += static_cast<double>(
                res.transition_count[res.transition_index(r, m, g, from, q.stage)]);
      }
    } else {
      sum += q.metric->values[res.metric_index(r, h, g)];
    }
  }
  return sum;
}

std::vector<double> values(const Results& res, const Quantity& q, int h,
                           const std::vector<int>& regions) {
  std::vector<double> out;
  for (int r = 0; r < res.replicates; ++r) out.push_back(value(res, q, r, h, regions));
  return out;
}

Verdict verdict_of(const MeanInterval& d, const std::vector<double>& diffs, int replicates) {
  if (std::all_of(diffs.begin(), diffs.end(), [](double x) { return x == 0; }))
    return Verdict::kIdentical;
  if (replicates < 2 || d.df == 0) return Verdict::kNoInterval;
  if (d.low > 0) return Verdict::kHigher;
  if (d.high < 0) return Verdict::kLower;
  return Verdict::kNoClearDifference;
}

ComparisonRow compare_one(const Results& base, const Results& variant, const QuantityCell& cell,
                          int h, bool paired, double confidence) {
  const std::vector<double> a = quantity_values(base, cell.quantity, h, cell.regions);
  const std::vector<double> b = quantity_values(variant, cell.quantity, h, cell.regions);
  std::vector<double> diffs;
  for (std::size_t r = 0; r < a.size(); ++r) diffs.push_back(b[r] - a[r]);
  const MeanInterval d =
      paired ? paired_difference(a, b, confidence) : unpaired_difference(a, b, confidence);
  ComparisonRow row;
  row.quantity = cell.quantity;
  row.meaning = cell.meaning;
  row.units = cell.units;
  row.horizon = base.month_labels[static_cast<std::size_t>(h)];
  row.region = cell.region;
  row.base_mean = mean_interval(a).mean;
  row.variant_mean = mean_interval(b).mean;
  row.difference = d.mean;
  row.low = d.low;
  row.high = d.high;
  row.relative = row.base_mean != 0 ? row.difference / row.base_mean
                                    : std::numeric_limits<double>::quiet_NaN();
  row.verdict = verdict_of(d, diffs, base.replicates);
  if (row.verdict == Verdict::kNoInterval)
    row.low = row.high = std::numeric_limits<double>::quiet_NaN();
  return row;
}

std::vector<int> horizons_of(const Results& res, const std::vector<std::string>& labels) {
  if (labels.empty()) return {res.months() - 1};
  std::vector<int> out;
  for (const auto& label : labels) {
    const int m = index_of(res.month_labels, label);
    if (m < 0)
      throw NotComparable("no month " + label + " in the files (they run from " +
                          res.month_labels.front() + " to " + res.month_labels.back() + ")");
    out.push_back(m);
  }
  return out;
}

}  // namespace

std::string Comparison::interval_text() const {
  const std::string level = std::to_string(static_cast<int>(std::lround(confidence * 100))) + "%";
  if (replicates < 2) return "no interval: one replicate gives no estimate of the noise";
  if (paired)
    return level + " confidence interval of the mean difference: t interval over the " +
           std::to_string(replicates) +
           " replicate-by-replicate differences (same seed: common random numbers)";
  return level +
         " confidence interval of the difference of the means: Welch's t interval "
         "over two independent sets of " +
         std::to_string(replicates) + " replicates (different seeds: unpaired)";
}

std::vector<double> quantity_values(const Results& results, const std::string& quantity, int month,
                                    const std::vector<int>& regions) {
  if (month < 0 || month >= results.months())
    throw NotComparable("month position " + std::to_string(month) + " is outside the run");
  std::vector<int> all = regions;
  if (all.empty())
    for (int g = 0; g < results.regions(); ++g) all.push_back(g);
  return values(results, resolve(quantity, results), month, all);
}

std::vector<QuantityCell> quantity_cells(const Results& results,
                                         std::vector<std::string> quantities,
                                         const std::string& region) {
  if (quantities.empty()) quantities = default_quantities(results);
  if (quantities == std::vector<std::string>{"all"}) {
    quantities.clear();
    for (const auto& stage : results.stage_names) quantities.push_back(stage);
    for (const auto& stage : results.stage_names) quantities.push_back(kEntered + stage);
    for (const auto& m : results.metrics) quantities.push_back(m.name);
  }
  std::vector<int> all_regions;
  for (int g = 0; g < results.regions(); ++g) all_regions.push_back(g);
  const auto name_of = [&](int g) { return results.region_names[static_cast<std::size_t>(g)]; };
  int chosen = -1;
  if (!region.empty()) {
    chosen = index_of(results.region_names, region);
    if (chosen < 0)
      throw NotComparable("no region \"" + region + "\" (the regions are " +
                          list_text(results.region_names) + ")");
  }
  std::vector<QuantityCell> cells;
  for (const auto& name : quantities) {
    const Quantity q = resolve(name, results);
    const auto cell = [&](std::vector<int> regions, std::string label) {
      cells.push_back({name, q.meaning, q.units, std::move(label), std::move(regions)});
    };
    if (chosen >= 0)
      cell({chosen}, name_of(chosen));
    else if (results.regions() == 1)
      cell(all_regions, name_of(0));
    else if (q.kind != Quantity::kMetric || q.metric->region_total == RegionTotal::kSum)
      cell(all_regions, "all regions");
    else  // a ratio or mean has no total over regions: one cell per region
      for (const int g : all_regions) cell({g}, name_of(g));
  }
  return cells;
}

std::vector<std::string> default_quantities(const Results& results) {
  std::vector<std::string> out;
  for (const auto& stage : results.stage_names)
    out.push_back(is_end_stage_name(stage) ? kEntered + stage : stage);
  for (const char* name : kHeadlineMetrics)
    if (results.metric(name) != nullptr) out.emplace_back(name);
  return out;
}

Comparison compare_results(const Results& base, const Results& variant,
                           const CompareOptions& options) {
  check_comparable(base, variant);
  Comparison c;
  c.paired = base.seed == variant.seed;
  c.replicates = base.replicates;
  c.confidence = options.confidence;
  if (!c.paired)
    c.warnings.push_back("the seeds differ (" + std::to_string(base.seed) + " and " +
                         std::to_string(variant.seed) +
                         "): the runs do not share their random numbers, so the comparison is "
                         "unpaired and its intervals are wider; run both with the same --seed");
  if (base.replicates < 2)
    c.warnings.push_back("one replicate: no interval; run more replicates (--replicates)");
  const std::vector<QuantityCell> cells = quantity_cells(base, options.quantities, options.region);
  for (const int h : horizons_of(base, options.horizons))
    for (const QuantityCell& cell : cells)
      c.rows.push_back(compare_one(base, variant, cell, h, c.paired, options.confidence));
  return c;
}

const char* verdict_text(Verdict v) {
  switch (v) {
    case Verdict::kHigher:
      return "higher";
    case Verdict::kLower:
      return "lower";
    case Verdict::kIdentical:
      return "identical";
    case Verdict::kNoInterval:
      return "no interval";
    default:
      return "no clear difference";
  }
}

}  // namespace drempel

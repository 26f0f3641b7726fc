#pragma once
// Comparing two runs (`drempel compare`): for each quantity and horizon, the base and variant
// means over replicates, the difference variant - base with its 95% confidence interval, the
// relative change and whether the difference is distinguishable from zero.
//
// When both runs have the same seed, replicate r of each drew the same random numbers (common
// random numbers), so the difference is taken replicate by replicate and the interval is the t
// interval of the mean of those paired differences: much narrower than comparing two sets of
// independent runs. With different seeds the comparison is unpaired (Welch's interval) and says
// so. Each row's interval is a confidence interval of the mean difference, not the spread of
// single replicates; with many rows some will exclude zero by chance (about 1 in 20 when the
// runs do not differ at all).
#include <cstdint>
#include <cstdio>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/results.hpp"

namespace drempel {

/// Two results that cannot be compared (different months, regions, stages, replicate counts),
/// or a request that does not fit them (an unknown quantity, month or region).
class NotComparable : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

struct CompareOptions {
  /// Quantities to compare: a stage name (clients in it at the end of the horizon month),
  /// "entered_STAGE" (clients who entered it from the first month to the horizon), a metric name
  /// (its value in the horizon month), or "all". Empty: the default set (default_quantities).
  std::vector<std::string> quantities;
  std::vector<std::string> horizons;  ///< month labels "YYYY-MM"; empty: the last month
  std::string region;                 ///< one region; empty: all regions
  double confidence = 0.95;
};

enum class Verdict { kHigher, kLower, kNoClearDifference, kIdentical, kNoInterval };

struct ComparisonRow {
  std::string quantity;  ///< as requested ("employed", "entered_employed", a metric name)
  std::string meaning;   ///< what the number is, in words
  std::string units;     ///< CF units ("1", "EUR month-1")
  std::string horizon;   ///< month label
  std::string region;    ///< region name, or "all regions"
  double base_mean = 0;
  double variant_mean = 0;
  double difference = 0;  ///< variant - base (mean of the paired differences when paired)
  double low = 0;         ///< confidence interval of the mean difference
  double high = 0;
  double relative = 0;  ///< difference / base_mean; NaN when base_mean is 0
  Verdict verdict = Verdict::kNoClearDifference;
};

struct Comparison {
  bool paired = true;  ///< same seed: replicate-by-replicate differences
  int replicates = 0;
  double confidence = 0.95;
  std::vector<std::string> warnings;
  std::vector<ComparisonRow> rows;

  /// What the printed interval is, in one sentence.
  std::string interval_text() const;
};

/// The value of `quantity` (a stage, "entered_STAGE" or a metric name, as in CompareOptions) in
/// each replicate at month position `month` (0-based), summed over `regions` (indices; empty:
/// all). Throws NotComparable for an unknown quantity or a month outside the run.
std::vector<double> quantity_values(const Results& results, const std::string& quantity, int month,
                                    const std::vector<int>& regions = {});

/// One figure read per replicate: a quantity summed over a set of regions.
struct QuantityCell {
  std::string quantity;      ///< as in CompareOptions::quantities
  std::string meaning;       ///< what the number is, in words
  std::string units;         ///< CF units
  std::string region;        ///< region name, or "all regions"
  std::vector<int> regions;  ///< the region indices summed
};

/// The cells of `quantities` (as in CompareOptions; empty: default_quantities; {"all"}: every
/// stage, entered_STAGE and metric) for `region` (empty: all regions — one cell summing them,
/// or one cell per region for a metric without a total; one region alone is named). Throws
/// NotComparable for an unknown quantity or region.
std::vector<QuantityCell> quantity_cells(const Results& results,
                                         std::vector<std::string> quantities,
                                         const std::string& region);

/// The quantities compared when none are named: the active stages' stocks, the end states as
/// entries over the horizon, and the headline metrics.
std::vector<std::string> default_quantities(const Results& results);

/// Compares `variant` with `base`. Throws NotComparable when they differ in months, regions,
/// stages or replicate count, or when an option names a quantity, month or region they lack.
/// Adds a warning (and compares unpaired) when the seeds differ.
Comparison compare_results(const Results& base, const Results& variant,
                           const CompareOptions& options);

/// Words for a verdict ("higher", "lower", "no clear difference", ...).
const char* verdict_text(Verdict v);

/// The comparison as a console table, headed by what is compared and which interval is printed.
void print_comparison(std::FILE* out, const Comparison& c, const std::string& base_name,
                      const std::string& variant_name);
/// The comparison as CSV (one row per quantity, horizon and region, a header line first).
void write_comparison_csv(std::ostream& out, const Comparison& c);
/// The comparison as JSON (metadata, interval description, rows).
nlohmann::json comparison_json(const Comparison& c, const std::string& base_name,
                               const std::string& variant_name);

}  // namespace drempel

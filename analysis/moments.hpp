#pragma once
// Moments: the numbers a calibration matches, computed by the same code from simulated results
// and from a panel (docs/calibration.md, "Moments").
//
// Two kinds, named as a researcher writes them in a targets file or a calibration:
// - a metric of the results file (docs/results-format.md), e.g. `caseload_per_caseworker_fte`:
//   its mean over the window's months, the regions and the replicates, months where it is NaN
//   left out. The five calibration figures of models/ODD.md section 9 are such means. A panel
//   cannot give these: they describe the OCMW, not persons.
// - `cohort/OUTCOME/H`, e.g. `cohort/employed/12` or `cohort/employed+art60/12`: of the clients
//   first awarded the leefloon in a month of the window, the share counted in OUTCOME (one of the
//   cohort outcomes of models/mechanisms/cohorts.hpp, or several disjoint ones joined by '+')
//   H months after the award (H one of the cohort horizons), pooled over cohorts, regions and
//   replicates. From results it is read off the `cohort_count` table; from a panel each person's
//   first row is her award, her row H months later (if she was observed then) gives her outcomes
//   through Cohorts::outcomes, the function the simulation counts with.
// - `cohort_median/OUTCOME`, OUTCOME `on_leefloon` or `admin_startup` (the states every member is
//   in at her award): the months after the award at which the share of the cohort in OUTCOME
//   first falls to one half, interpolated linearly between the cohort horizons (share 1 at 0
//   months). "Median months in the administrative start-up" and "median months on the leefloon".
//   NaN when the share stays above one half up to the last horizon.
// Either cohort moment may be restricted to a group by a suffix `@background=LEVEL` (a level of
// the `background` dimension): from results it is read off `cohort_count_by_background` (all
// regions together), from a panel it takes the persons of that background.
#include <Eigen/Dense>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/panel.hpp"
#include "engine/input_error.hpp"
#include "engine/results.hpp"
#include "models/mechanisms/cohorts.hpp"

namespace drempel {

struct Moment {
  enum class Kind { kMetricMean, kCohortShare, kCohortMedian };
  std::string name;
  Kind kind = Kind::kMetricMean;
  std::string metric;          ///< kMetricMean
  std::uint32_t outcomes = 0;  ///< kCohortShare: bits of CohortOutcome
  int horizon = 0;             ///< kCohortShare: months after the award
  int background = -1;         ///< cohort moments: a Background, or -1 for everybody
  /// kCohortMedian: the horizons it interpolates between (bit k: kCohortHorizons[k]); a panel
  /// observed quarterly sets it to the horizons it observes (restrict_to_panel).
  std::uint32_t grid = (1u << kCohortHorizons.size()) - 1;
  /// Cohort moments: the outcomes need the panel's `programme` column (everything but the stages'
  /// own: employed, reapplying, participation, dropped_out, exited, awarded).
  bool needs_programme = false;
};

/// Calendar months (months since year 0, as parse_month gives them), inclusive.
struct MomentWindow {
  std::int32_t from = 0, to = 0;
};

/// Parses a moment name. Returns nothing and sets `expected` (what a valid name looks like, for
/// an error message) when the name is not a metric and not a valid cohort moment.
std::optional<Moment> parse_moment(const std::string& name, std::string& expected);

/// The moment from simulated results, pooled over the replicates (NaN when nothing is counted:
/// no month of the window has a value, or no cohort of the window reaches the horizon in the
/// run). Throws std::invalid_argument when the results lack the metric or the cohort table.
double moment_value(const Results& results, const Moment& moment, const MomentWindow& window);
/// The same for each replicate alone.
std::vector<double> moment_by_replicate(const Results& results, const Moment& moment,
                                        const MomentWindow& window);

/// Whether a moment follows award cohorts (and so can come from a panel).
inline bool is_cohort(const Moment& m) {
  return m.kind != Moment::Kind::kMetricMean;
}

/// The months at which the share `shares[k]` (at kCohortHorizons[k]; NaN where unknown) first
/// falls to one half, interpolated linearly from share 1 at month 0 over the horizons of `grid`
/// (the others are skipped); NaN if it does not, or if a share of the grid before the crossing is
/// unknown.
double median_months(const std::vector<double>& shares,
                     std::uint32_t grid = (1u << kCohortHorizons.size()) - 1);

/// Restricts a median moment's grid to the horizons at which the panel observes members of its
/// cohorts (a quarterly panel has no row a month after the award), so that the simulation
/// interpolates between the same horizons as the data. Other moments are left as they are.
void restrict_to_panel(Moment& moment, const Panel& panel, const MomentWindow& window);

/// The moment from a panel (a cohort moment; weighted by the persons' weights, or by
/// `person_weights` when given, one per person, as the bootstrap draws them). NaN when no person
/// awarded in the window is observed at the horizon. Throws std::invalid_argument for a metric
/// moment or one that needs the programme column the panel lacks (check_panel_moments says so
/// first, as an InputError).
double panel_moment(const Panel& panel, const Moment& moment, const MomentWindow& window,
                    const std::vector<double>* person_weights = nullptr);

/// Issues for moments a panel cannot give, reported at `pointer_prefix` + index, and, for cohort
/// moments, for persons whose first row is not an award (at intake), at the panel's line.
std::vector<ScenarioIssue> check_panel_moments(const Panel& panel,
                                               const std::vector<Moment>& moments,
                                               const std::string& file,
                                               const std::string& pointer_prefix);

/// The covariance of the panel's moments by the bootstrap over persons: `draws` resamples of the
/// persons with replacement (each keeping her weight), from a Philox stream of `seed`. Resamples
/// in which a moment is undefined are left out; NaN everywhere when more than half are.
Eigen::MatrixXd panel_moment_covariance(const Panel& panel, const std::vector<Moment>& moments,
                                        const MomentWindow& window, int draws, std::uint64_t seed);

}  // namespace drempel

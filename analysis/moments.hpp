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
#include <Eigen/Dense>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/panel.hpp"
#include "engine/input_error.hpp"
#include "engine/results.hpp"

namespace drempel {

struct Moment {
  enum class Kind { kMetricMean, kCohortShare };
  std::string name;
  Kind kind = Kind::kMetricMean;
  std::string metric;          ///< kMetricMean
  std::uint32_t outcomes = 0;  ///< kCohortShare: bits of CohortOutcome
  int horizon = 0;             ///< kCohortShare: months after the award
  /// kCohortShare: the outcomes need the panel's `programme` column (everything but the stages'
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

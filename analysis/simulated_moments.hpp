#pragma once
// `drempel calibrate` with the method "moments": the method of simulated moments (McFadden 1989;
// Pakes and Pollard 1989; Gourieroux and Monfort 1996) for scenario parameters, against aggregate
// targets (analysis/targets.hpp) or a panel (analysis/panel.hpp), docs/calibration.md.
//
// The parameters are scenario values by JSON pointer, each within bounds. At a point x the
// scenario runs S replicates with its own seed, so every point sees the same random numbers
// (common random numbers: differences between points are the parameters', and the objective is a
// deterministic function of x). With g(x) the simulated moments minus the data's, the estimate
// minimises g' W g: first with W the inverse of the data variances (or the identity), then, for
// "optimal" weighting, with W = Omega^-1 at the first step's estimate, where
// Omega = Sigma_data + Sigma_sim / S adds the simulation noise of S replicates to the data's
// covariance (it is the textbook (1 + 1/S) Sigma when a replicate is the size of the data).
// Standard errors are the sandwich (G'WG)^-1 G'W Omega W G (G'WG)^-1 with G the moments' Jacobian
// by central differences; with optimal weights the J statistic g' Omega^-1 g tests the
// over-identifying restrictions (chi-squared with k - p degrees of freedom); the singular values
// of Omega^-1/2 G show which parameters the moments cannot pin down.
//
// A point where the scenario is invalid (a cross-field rule such as risks summing above 1) is
// infeasible: the optimiser sees a large objective there and moves on.
#include <Eigen/Dense>
#include <cstdint>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analysis/abc_smc.hpp"
#include "analysis/moments.hpp"
#include "engine/dataset_hdf5.hpp"

namespace drempel {

struct CalibrationParameter {
  std::string pointer;
  double low = 0, high = 0, start = 0;
};

struct MomentsCalibration {
  std::string config_path;
  std::string scenario_path;  ///< resolved against the configuration's directory
  std::int32_t replicates = 0;
  MomentWindow window;
  std::vector<CalibrationParameter> parameters;
  // The data.
  std::string data_path;  ///< the targets file or the panel
  bool from_panel = false;
  std::size_t panel_persons = 0;
  std::vector<Moment> moments;
  std::vector<std::string> sources;
  Eigen::VectorXd data;
  Eigen::MatrixXd data_covariance;
  // The method.
  std::string weighting = "optimal";  ///< "optimal" (two steps), "diagonal" or "identity"
  std::string optimizer = "bobyqa";   ///< or "nelder_mead"
  int max_evaluations = 150;          ///< per optimisation (each step, each start)
  int restarts = 0;                   ///< further starts of the first step, drawn in the box
  int bootstrap = 500;                ///< panel: draws for the moments' covariance
  double step = 0.02;                 ///< Jacobian: central-difference step, share of the range
  std::uint64_t seed = 1;             ///< restarts and bootstrap
  // Method "abc" instead (analysis/abc_calibration.hpp).
  bool abc = false;
  AbcSettings abc_settings;
};

/// Reads and checks a configuration (method "moments" or "abc"), and the data it names. Throws
/// InputError naming the file, the key and what was expected, before any optimisation: unknown
/// keys, bounds, a start outside them, fewer moments than parameters, moments a panel cannot give,
/// a start point that is not a valid scenario, a moment the start point's simulation leaves
/// undefined (NaN: the window or horizon does not fit the run).
MomentsCalibration read_moments_calibration(const std::string& config_path);

/// The simulated moments at a point: their mean over the replicates (pooled) and one replicate's
/// covariance. `feasible` is false, with the reason, when the point is not a valid scenario or a
/// moment is NaN there.
struct SimulatedMoments {
  bool feasible = false;
  std::string reason;
  Eigen::VectorXd mean;        ///< NaN when not feasible
  Eigen::MatrixXd covariance;  ///< one replicate's, over the replicates with every moment defined
  int used = 0;                ///< those replicates
  /// Sigma_sim / S: the covariance of the mean, 0 with fewer than two replicates used.
  Eigen::MatrixXd mean_covariance() const;
};
/// `extra_sets` are further --set values after the point's (ABC gives each proposal a seed).
SimulatedMoments simulate_moments(const MomentsCalibration& c, const std::vector<double>& x,
                                  int threads, const std::vector<std::string>& extra_sets = {});

struct TraceEntry {
  int step = 1;  ///< 1, 2 (optimal weights), 3 (Jacobian)
  std::vector<double> x;
  double objective = 0;
  bool feasible = true;
};

struct MomentsFit {
  Eigen::VectorXd first_step;  ///< the first step's estimate
  Eigen::VectorXd estimate;
  Eigen::VectorXd standard_error;
  Eigen::MatrixXd covariance;
  Eigen::VectorXd simulated;  ///< simulated moments at the estimate
  Eigen::MatrixXd omega;      ///< Sigma_data + Sigma_sim / S at the estimate
  Eigen::MatrixXd jacobian;   ///< k x p
  Eigen::MatrixXd weight;     ///< W of the last step
  double objective = 0;
  double j_statistic = 0;  ///< NaN unless optimal weights and k > p
  int j_degrees = 0;
  double j_p_value = std::numeric_limits<double>::quiet_NaN();
  Eigen::VectorXd singular_values;  ///< of Omega^-1/2 G, largest first
  std::vector<std::string> warnings;
  std::vector<TraceEntry> trace;
  double seconds = 0;
};

/// Estimates. `progress(done, budget)` is called after each simulation.
MomentsFit fit_moments(const MomentsCalibration& c, int threads,
                       const std::function<void(int, int)>& progress);

/// A readable summary: estimates with standard errors and 95% intervals, the moments (data,
/// simulated, standardised difference), the J test and the warnings.
std::string format_moments_fit(const MomentsCalibration& c, const MomentsFit& fit);

/// The estimation as a dataset: estimates, covariance, moments, Jacobian, trace.
Dataset moments_dataset(const MomentsCalibration& c, const MomentsFit& fit);

/// A scenario that `extends` the base (by a path relative to `out_path`'s directory) and sets
/// `values` (one per parameter; `how` says what they are, for the description): an element of a
/// named list (a region) is patched by name, an element of another array sets the whole array,
/// since `extends` replaces such arrays.
nlohmann::json calibrated_scenario(const MomentsCalibration& c, const Eigen::VectorXd& values,
                                   const std::string& out_path, const std::string& how);

}  // namespace drempel

#pragma once
// Approximate Bayesian computation by sequential Monte Carlo (ABC-SMC): a posterior for
// parameters whose likelihood is out of reach but whose data can be simulated (Toni et al. 2009;
// Beaumont et al. 2009, with Prangle's 2017 adaptive distance), docs/calibration.md "Method abc".
//
// Generation 0 draws `particles` parameter vectors from the prior (uniform on a box) and
// simulates each. Generation t then draws proposals: a particle of generation t - 1 picked by
// weight and moved by a normal kernel with twice the particles' weighted covariance, redrawn
// inside the box; each is simulated and accepted when its distance to the data is below the
// tolerance, until `particles` are accepted. The distance is the Euclidean distance of moments
// scaled by their median absolute deviation over generation t - 1's simulations (so no moment
// dominates by its units); the tolerance is the `quantile` of generation t - 1's distances
// under that scaling. Accepted particles get importance weights prior / sum_k W_k K(theta | k).
//
// Proposals are simulated in parallel in batches of fixed size, each from random numbers of its
// own (generation, index), and accepted in index order: the result does not depend on the number
// of threads.
#include <Eigen/Dense>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace drempel {

struct AbcSettings {
  int particles = 200;
  int generations = 6;    ///< after generation 0
  double quantile = 0.5;  ///< of the last distances: the next tolerance
  int max_simulations = 50000;
  double min_acceptance = 0.01;  ///< stop when a generation accepts fewer
  int batch = 0;                 ///< proposals simulated together; 0: particles
  std::uint64_t seed = 1;
};

/// The simulated moments at `theta`, from random numbers addressed by `key` (the same key, the
/// same moments), or nothing when theta is not a valid model (outside cross-field rules). Called
/// from several threads at once.
using AbcSimulator = std::function<std::optional<Eigen::VectorXd>(const std::vector<double>& theta,
                                                                  std::uint64_t key)>;

struct AbcGeneration {
  double epsilon = 0;         ///< tolerance (infinity for generation 0)
  Eigen::MatrixXd particles;  ///< particles x parameters
  Eigen::VectorXd weights;    ///< normalised importance weights
  Eigen::VectorXd distances;  ///< of the accepted particles, under this generation's scaling
  Eigen::VectorXd scale;      ///< the moments' scales (median absolute deviations) used
  int simulations = 0;        ///< proposals simulated in this generation
  double acceptance = 0;      ///< accepted / proposals judged up to the last one accepted
  double ess = 0;             ///< effective sample size 1 / sum w^2
};

struct AbcResult {
  std::vector<AbcGeneration> generations;
  std::vector<std::string> warnings;
  /// Weighted mean, standard deviation and 5% / 95% quantiles (the 90% interval) of each
  /// parameter in the last generation.
  Eigen::VectorXd mean, sd, low, high;
};

/// Runs ABC-SMC. `box` is the uniform prior per parameter (low < high). `progress(simulations,
/// budget)` is called after each batch. Throws std::invalid_argument for bad settings and
/// std::runtime_error when generation 0 cannot find `particles` valid points in the budget.
AbcResult abc_smc(const std::vector<std::pair<double, double>>& box, const Eigen::VectorXd& data,
                  const AbcSimulator& simulate, const AbcSettings& settings,
                  const std::function<void(int, int)>& progress);

/// Weighted quantile q of `values` (weights sum to 1): the smallest value whose cumulative weight
/// reaches q.
double weighted_quantile(const Eigen::VectorXd& values, const Eigen::VectorXd& weights, double q);

}  // namespace drempel

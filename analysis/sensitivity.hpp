#pragma once
// Global sensitivity analysis of a model output to its parameters (issue 12, "Sensitivity"):
// Morris screening (elementary effects) and Sobol first-order and total indices from Saltelli's
// design. The model is a function from a batch of parameter points to one output per point, so
// that a caller can run the points in parallel (a scenario run each, with common random numbers);
// the designs and bootstrap resamples come from Philox streams addressed by (row, factor), so the
// indices do not depend on the order or the threads in which the points are evaluated.
//
// Estimators: Saltelli et al. (2010), "Variance based sensitivity analysis of model output",
// Comput. Phys. Commun. 181: S_i = mean(f(B) (f(A_B^i) - f(A))) / V (their eq. b of table 2) and
// Jansen's S_Ti = mean((f(A) - f(A_B^i))^2) / (2 V) (eq. f), V the variance of f over A and B.
// Morris (1991) with Campolongo et al.'s (2007) mu*: the mean absolute elementary effect.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace drempel {

/// A parameter varied uniformly between `low` and `high`.
struct SensitivityFactor {
  std::string name;
  double low = 0;
  double high = 1;
};

/// Outputs of the model at a batch of points (each point: one value per factor, in order).
using BatchModel = std::function<std::vector<double>(const std::vector<std::vector<double>>&)>;

/// Sobol indices with percentile bootstrap intervals (95%), one entry per factor.
struct SobolIndices {
  std::vector<double> first, first_low, first_high;
  std::vector<double> total, total_low, total_high;
  double variance = 0;          ///< of the output over the design
  std::size_t evaluations = 0;  ///< (factors + 2) × n
};

/// Sobol first-order and total indices from n rows of Saltelli's design (matrices A and B, and
/// A with column i from B for each factor i). Throws std::invalid_argument when there are no
/// factors, n < 2, a factor's high is not above its low, or the model returns another number
/// of outputs than points; std::domain_error when the output does not vary.
SobolIndices sobol_indices(const std::vector<SensitivityFactor>& factors, std::size_t n,
                           const BatchModel& model, std::uint64_t seed,
                           std::size_t bootstrap = 500);

/// Morris elementary effects, one entry per factor, in the units of the output per unit of the
/// factor's range (an effect is (f(x + Δ e_i) - f(x)) / Δ with Δ a fraction of the range).
struct MorrisEffects {
  std::vector<double> mu_star;  ///< mean absolute effect: the screening measure
  std::vector<double> mu;       ///< mean effect (effects of opposite sign cancel)
  std::vector<double> sigma;    ///< standard deviation: non-linearity or interactions
  std::size_t evaluations = 0;  ///< trajectories × (factors + 1)
};

/// Morris screening over `trajectories` random one-at-a-time trajectories on a grid of `levels`
/// levels (even; step Δ = levels / (2 (levels - 1)) of the range). Throws std::invalid_argument
/// as sobol_indices, or when trajectories < 2 or levels is odd or below 2.
MorrisEffects morris_effects(const std::vector<SensitivityFactor>& factors,
                             std::size_t trajectories, std::size_t levels, const BatchModel& model,
                             std::uint64_t seed);

}  // namespace drempel

#pragma once
// Continuous-time multi-state Markov models fitted to panel data by maximum likelihood, the model
// of R's msm package (Jackson 2011, J. Stat. Softw. 38(8)) for states observed at arbitrary times.
//
// Between two observations of a person at months t0 < t1, the chance of going from state r to
// state s is P(t1 - t0)[r, s] with P(t) = exp(t Q): Q holds the transition intensities (per month)
// of the allowed transitions, its diagonal makes rows sum to zero. Covariates act on the
// intensities proportionally, q_rs(z) = q_rs exp(beta_rs . z), with z the person's values at the
// start of the interval (msm's convention), uncentred, so q_rs is the intensity at z = 0.
// Categorical covariates enter as one indicator per level after the first level seen.
//
// The log-likelihood is computed over groups of intervals that share length and covariates, its
// gradient exactly (the derivative of the matrix exponential by Van Loan's block-triangular
// exponential), and maximised by NLopt's L-BFGS on log intensities and covariate effects.
// Standard errors come from the Hessian (central differences of the exact gradient): the inverse
// observed information, as msm reports it. With survey weights the likelihood is a
// pseudo-likelihood and the covariance is the sandwich H^-1 J H^-1 over persons (J the sum of the
// outer products of the persons' scores), which stays valid when the weights are not frequency
// weights.
#include <Eigen/Dense>
#include <string>
#include <utility>
#include <vector>

#include "analysis/panel.hpp"

namespace drempel {

/// What to fit: the states (stages of the panel, in order) and the allowed transitions.
struct MultistateSpec {
  std::string config_path;                     ///< for messages
  std::string pointer = "/method/multistate";  ///< where the spec sits in the config
  std::vector<std::uint8_t> states;            ///< Stage values
  std::vector<std::pair<std::size_t, std::size_t>> transitions;  ///< (from, to) indices of states
  std::vector<std::string> covariates;                           ///< panel covariate columns
};

/// The panel reduced to what the likelihood needs.
struct MultistateProblem {
  std::size_t state_count = 0;
  std::vector<std::pair<std::size_t, std::size_t>> transitions;
  std::vector<std::string> state_names;
  std::vector<std::string> terms;  ///< covariate terms: "dutch_level", "household=single", ...
  /// Intervals of the same length and covariates, with their weighted counts from r to s.
  struct Group {
    double months = 0;
    Eigen::VectorXd z;
    Eigen::MatrixXd count;
  };
  std::vector<Group> groups;
  /// Every interval, for the persons' scores (the sandwich covariance).
  struct Interval {
    std::size_t group = 0, from = 0, to = 0, person = 0;
    double weight = 1;
  };
  std::vector<Interval> intervals;
  std::size_t person_count = 0;
  bool weighted = false;
  std::size_t parameter_count() const { return transitions.size() * (1 + terms.size()); }
  /// "intake>admin_startup" for an intensity, "household=single: intake>admin_startup" for an
  /// effect; intensities first (transitions in order), then per term all transitions.
  std::vector<std::string> parameter_names() const;
};

/// Builds the problem. Throws InputError naming the panel's file and line for an observation in a
/// stage that is not a state, and for a change of state the allowed transitions cannot make
/// (naming the person and both lines), and naming the configuration for a covariate the panel
/// lacks or that never varies.
MultistateProblem build_multistate_problem(const Panel& panel, const MultistateSpec& spec);

/// The log-likelihood at `theta` (log intensities, then effects); fills `gradient` when given.
double multistate_log_likelihood(const MultistateProblem& problem, const Eigen::VectorXd& theta,
                                 Eigen::VectorXd* gradient);

/// Each person's score (gradient of her weighted log-likelihood contribution) at `theta`: one row
/// per person of the panel, one column per parameter.
Eigen::MatrixXd multistate_person_scores(const MultistateProblem& problem,
                                         const Eigen::VectorXd& theta);

/// Starting values: each intensity from the moves seen out of its state per month spent in it
/// (msm's crude estimate), effects 0.
Eigen::VectorXd multistate_start(const MultistateProblem& problem);

struct MultistateFit {
  std::vector<std::string> names;
  Eigen::VectorXd estimate;        ///< log intensities (per month), then effects (log ratios)
  Eigen::VectorXd standard_error;  ///< NaN for a parameter not identified (warnings say which)
  Eigen::MatrixXd covariance;
  Eigen::MatrixXd q;  ///< the intensity matrix at z = 0, per month
  double log_likelihood = 0;
  int evaluations = 0;
  bool converged = false;
  bool sandwich = false;  ///< weighted: covariance is the sandwich
  /// Eigenvalues of the observed information, smallest first: near zero (relative to the largest)
  /// means the data do not pin down some combination of parameters.
  Eigen::VectorXd information_eigenvalues;
  std::vector<std::string> warnings;  ///< identification and convergence problems, readable
  /// Log-likelihood after each improvement, for the trace.
  std::vector<double> trace;
};

/// Maximises the likelihood. Never throws for data problems (build_multistate_problem does);
/// reports non-convergence and weak identification in `warnings`.
MultistateFit fit_multistate(const MultistateProblem& problem, int max_evaluations = 5000);

/// A readable summary: intensities with 95% intervals, effects as hazard ratios, mean stays,
/// log-likelihood and warnings.
std::string format_multistate_fit(const MultistateProblem& problem, const MultistateFit& fit);

}  // namespace drempel

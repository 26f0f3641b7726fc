#pragma once
// Absorbing discrete-time Markov chains, solved exactly with the fundamental matrix.
//
// With transient-to-transient block Q and transient-to-absorbing block R, N = (I - Q)^-1 gives
// expected visits; B = N R the absorption probabilities; N^2 R and (I + Q) N^3 R the first and
// second moments of the absorption time on each absorbing state, so that the mean and variance of
// the time to a given end state, conditional on reaching it, are available in closed form.
// Used as an independent witness for simulated pathways (tests/models/test_analytic_chain.cpp).
#include <Eigen/Dense>

namespace drempel {

struct AbsorbingChainSolution {
  Eigen::VectorXd absorption_probability;  ///< P(absorbed in j), per absorbing state j
  Eigen::VectorXd conditional_mean_time;   ///< E[T | absorbed in j] (steps; NaN if P = 0)
  Eigen::VectorXd conditional_var_time;    ///< Var[T | absorbed in j]
  double mean_time = 0;                    ///< E[T], absorption anywhere
};

/// Solves the chain from initial distribution `start` over transient states. Q is t x t, R is
/// t x a, rows of [Q R] sum to 1. Throws std::invalid_argument on inconsistent sizes or when
/// I - Q is singular (some transient state never absorbs).
AbsorbingChainSolution solve_absorbing_chain(const Eigen::MatrixXd& Q, const Eigen::MatrixXd& R,
                                             const Eigen::VectorXd& start);

}  // namespace drempel

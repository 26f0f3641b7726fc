#include "analysis/absorbing_chain.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace drempel {

AbsorbingChainSolution solve_absorbing_chain(const Eigen::MatrixXd& Q, const Eigen::MatrixXd& R,
                                             const Eigen::VectorXd& start) {
  const Eigen::Index t = Q.rows();
  if (Q.cols() != t || R.rows() != t || start.size() != t)
    throw std::invalid_argument("solve_absorbing_chain: inconsistent sizes");
  const Eigen::MatrixXd I = Eigen::MatrixXd::Identity(t, t);
  // Row vectors from the left avoid forming N: s N solves (I - Q)^T x = s^T.
  const Eigen::FullPivLU<Eigen::MatrixXd> lu((I - Q).transpose());
  if (!lu.isInvertible())
    throw std::invalid_argument("solve_absorbing_chain: I - Q is singular (no absorption)");
  const Eigen::RowVectorXd sN = lu.solve(start).transpose();
  const Eigen::RowVectorXd sN2 = lu.solve(sN.transpose()).transpose();
  const Eigen::RowVectorXd sN3 = lu.solve(sN2.transpose()).transpose();
  const Eigen::RowVectorXd first = sN2 * R;               // E[T 1{A=j}]
  const Eigen::RowVectorXd second = (sN3 + sN3 * Q) * R;  // E[T^2 1{A=j}] = s (I+Q) N^3 R,
                                                          // and N commutes with Q
  AbsorbingChainSolution out;
  out.absorption_probability = (sN * R).transpose();
  out.conditional_mean_time.resize(R.cols());
  out.conditional_var_time.resize(R.cols());
  for (Eigen::Index j = 0; j < R.cols(); ++j) {
    const double p = out.absorption_probability(j);
    if (p <= 0) {
      out.conditional_mean_time(j) = out.conditional_var_time(j) =
          std::numeric_limits<double>::quiet_NaN();
      continue;
    }
    const double mean = first(j) / p;
    out.conditional_mean_time(j) = mean;
    out.conditional_var_time(j) = second(j) / p - mean * mean;
  }
  out.mean_time = sN.sum();
  return out;
}

}  // namespace drempel

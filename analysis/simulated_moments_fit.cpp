// The method of simulated moments' optimisation and inference (analysis/simulated_moments.hpp).
#include <boost/math/distributions/chi_squared.hpp>
#include <chrono>
#include <cmath>
#include <exception>
#include <limits>
#include <nlopt.hpp>

#include "analysis/analysis_streams.hpp"
#include "analysis/simulated_moments.hpp"
#include "engine/random.hpp"

namespace drempel {
namespace {

using Matrix = Eigen::MatrixXd;
using Vector = Eigen::VectorXd;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// What the optimiser sees at an infeasible point: worse than any feasible objective it will meet.
constexpr double kInfeasible = 1e12;

struct Search {
  const MomentsCalibration* c;
  int threads;
  const std::function<void(int, int)>* progress;
  MomentsFit* fit;
  Matrix weight;
  int step = 1;
  int budget = 0;
  // NLopt's C++ wrapper turns an exception in the objective into its own; keep the original.
  std::exception_ptr error;
};

std::vector<double> to_x(const MomentsCalibration& c, const std::vector<double>& u) {
  std::vector<double> x(u.size());
  for (std::size_t i = 0; i < u.size(); ++i)
    x[i] = c.parameters[i].low + u[i] * (c.parameters[i].high - c.parameters[i].low);
  return x;
}

SimulatedMoments simulate(Search& s, const std::vector<double>& x, int step, double* objective) {
  const SimulatedMoments m = simulate_moments(*s.c, x, s.threads);
  double q = kInfeasible;
  if (m.feasible) {
    const Vector g = m.mean - s.c->data;
    q = g.dot(s.weight * g);
  }
  if (objective) *objective = q;
  s.fit->trace.push_back({step, x, q, m.feasible});
  if (*s.progress) (*s.progress)(static_cast<int>(s.fit->trace.size()), s.budget);
  return m;
}

double objective(const std::vector<double>& u, std::vector<double>&, void* data) {
  auto* s = static_cast<Search*>(data);
  try {
    double q = 0;
    simulate(*s, to_x(*s->c, u), s->step, &q);
    return q;
  } catch (...) {
    s->error = std::current_exception();
    throw nlopt::forced_stop();
  }
}

// One local optimisation from `u` (unit coordinates); returns the best point and its objective.
std::pair<std::vector<double>, double> optimise(Search& s, std::vector<double> u) {
  const auto p = static_cast<unsigned>(u.size());
  nlopt::opt opt(s.c->optimizer == "bobyqa" ? nlopt::LN_BOBYQA : nlopt::LN_NELDERMEAD, p);
  opt.set_lower_bounds(std::vector<double>(p, 0.0));
  opt.set_upper_bounds(std::vector<double>(p, 1.0));
  opt.set_min_objective(objective, &s);
  opt.set_maxeval(s.c->max_evaluations);
  // A thousandth of each range is finer than the replicates' noise moves an estimate.
  opt.set_xtol_abs(1e-3);
  opt.set_ftol_rel(1e-8);
  opt.set_initial_step(std::vector<double>(p, 0.1));
  double best = 0;
  try {
    opt.optimize(u, best);
  } catch (const nlopt::roundoff_limited&) {
    // The best point so far is in u.
  } catch (const nlopt::forced_stop&) {
  } catch (const std::runtime_error& e) {
    s.fit->warnings.push_back(std::string("the optimiser stopped: ") + e.what());
  }
  if (s.error) std::rethrow_exception(s.error);
  return {u, best};
}

std::vector<double> start_u(const MomentsCalibration& c, int restart) {
  std::vector<double> u;
  const RandomStreams streams = analysis_streams(c.seed);
  for (std::size_t i = 0; i < c.parameters.size(); ++i) {
    const auto& p = c.parameters[i];
    if (restart == 0) {
      u.push_back((p.start - p.low) / (p.high - p.low));
    } else {
      const RandomWords w = streams.words(static_cast<std::uint32_t>(i),
                                          static_cast<std::uint32_t>(restart), kStreamRestarts);
      u.push_back(to_unit(w[0]));
    }
  }
  return u;
}

Matrix first_weight(const MomentsCalibration& c) {
  const auto k = c.data.size();
  if (c.weighting == "identity") return Matrix::Identity(k, k);
  return c.data_covariance.diagonal().cwiseInverse().asDiagonal();
}

// Central differences, one-sided at a bound.
Matrix jacobian(Search& s, const std::vector<double>& x, const Vector& at) {
  const MomentsCalibration& c = *s.c;
  const auto k = c.data.size();
  Matrix G(k, static_cast<Eigen::Index>(x.size()));
  for (std::size_t j = 0; j < x.size(); ++j) {
    const auto& p = c.parameters[j];
    const double h = c.step * (p.high - p.low);
    std::vector<double> up = x, down = x;
    up[j] = std::min(x[j] + h, p.high);
    down[j] = std::max(x[j] - h, p.low);
    const SimulatedMoments mu = simulate(s, up, 3, nullptr);
    const SimulatedMoments md = simulate(s, down, 3, nullptr);
    const Vector hi = mu.feasible ? mu.mean : at, lo = md.feasible ? md.mean : at;
    const double dx = (mu.feasible ? up[j] : x[j]) - (md.feasible ? down[j] : x[j]);
    G.col(static_cast<Eigen::Index>(j)) = dx > 0 ? Vector((hi - lo) / dx) : Vector::Zero(k);
    if (!mu.feasible || !md.feasible)
      s.fit->warnings.push_back(p.pointer +
                                ": the Jacobian's step left the valid scenarios on one side");
  }
  return G;
}

void inference(Search& s, const std::vector<double>& x, const SimulatedMoments& at) {
  const MomentsCalibration& c = *s.c;
  MomentsFit& fit = *s.fit;
  const auto p = static_cast<Eigen::Index>(x.size());
  fit.omega = c.data_covariance + at.mean_covariance();
  fit.jacobian = jacobian(s, x, at.mean);
  const Matrix& W = fit.weight;
  const Matrix& G = fit.jacobian;
  const Matrix bread = (G.transpose() * W * G).ldlt().solve(Matrix::Identity(p, p));
  fit.covariance = bread * G.transpose() * W * fit.omega * W * G * bread;
  fit.standard_error = fit.covariance.diagonal().cwiseSqrt();
  const Eigen::LLT<Matrix> llt(fit.omega);
  const Matrix scaled = llt.matrixL().solve(G);  // Omega^-1/2 G
  const Eigen::JacobiSVD<Matrix> svd(scaled, Eigen::ComputeFullV);
  fit.singular_values = svd.singularValues();
  const Vector g = at.mean - c.data;
  fit.j_statistic = kNaN;
  fit.j_degrees = static_cast<int>(g.size() - p);
  if (c.weighting == "optimal" && s.step == 2 && fit.j_degrees > 0) {
    fit.j_statistic = g.dot(llt.solve(g));
    const boost::math::chi_squared chi2(fit.j_degrees);
    fit.j_p_value = boost::math::cdf(boost::math::complement(chi2, fit.j_statistic));
  }
  const double largest = fit.singular_values(0);
  for (Eigen::Index j = 0; j < p; ++j) {
    const double sv = fit.singular_values(j);
    if (sv > 1e-3 * largest && sv > 1e-8) continue;
    std::string involved;
    for (Eigen::Index i = 0; i < p; ++i)
      if (std::abs(svd.matrixV()(i, j)) > 0.3)
        involved +=
            (involved.empty() ? "" : ", ") + c.parameters[static_cast<std::size_t>(i)].pointer;
    fit.warnings.push_back("not identified by these moments: " + involved +
                           (sv <= 1e-8 ? " (the moments do not respond to them)"
                                       : " (the moments respond to them almost alike)"));
  }
  for (Eigen::Index i = 0; i < p; ++i) {
    const auto& q = c.parameters[static_cast<std::size_t>(i)];
    if (fit.standard_error(i) > (q.high - q.low) / 2)
      fit.warnings.push_back(q.pointer +
                             ": the standard error is more than half the range: "
                             "weakly identified");
    const double u = (x[static_cast<std::size_t>(i)] - q.low) / (q.high - q.low);
    if (u < 1e-3 || u > 1 - 1e-3)
      fit.warnings.push_back(q.pointer +
                             ": the estimate is at a bound; widen the range or doubt "
                             "the model (the standard error assumes an interior optimum)");
  }
}

}  // namespace

MomentsFit fit_moments(const MomentsCalibration& c, int threads,
                       const std::function<void(int, int)>& progress) {
  const auto t0 = std::chrono::steady_clock::now();
  MomentsFit fit;
  if (c.replicates < 3 * static_cast<int>(c.moments.size()))
    fit.warnings.push_back(
        "with " + std::to_string(c.replicates) +
        " replicates per point the simulation's "
        "covariance of " +
        std::to_string(c.moments.size()) +
        " moments is poorly estimated, and so are the optimal weights and the standard errors: "
        "use at least " +
        std::to_string(3 * c.moments.size()));
  Search s{&c, threads, &progress, &fit, first_weight(c), 1, 0, nullptr};
  const int optimisations = (1 + c.restarts) + (c.weighting == "optimal" ? 1 : 0);
  s.budget = optimisations * c.max_evaluations + 2 * static_cast<int>(c.parameters.size()) + 1;
  std::pair<std::vector<double>, double> best{{}, std::numeric_limits<double>::infinity()};
  for (int restart = 0; restart <= c.restarts; ++restart) {
    auto r = optimise(s, start_u(c, restart));
    if (r.second < best.second) best = r;
  }
  fit.first_step = Eigen::Map<const Vector>(to_x(c, best.first).data(),
                                            static_cast<Eigen::Index>(best.first.size()));
  if (c.weighting == "optimal") {
    const SimulatedMoments at = simulate(s, to_x(c, best.first), 2, nullptr);
    if (at.feasible) {
      s.weight = (c.data_covariance + at.mean_covariance())
                     .ldlt()
                     .solve(Matrix::Identity(c.data.size(), c.data.size()));
      s.step = 2;
      best = optimise(s, best.first);
    } else {
      fit.warnings.push_back("no second step: the first step's estimate is not a valid scenario (" +
                             at.reason +
                             "); the estimate is the first step's, and there is no J test");
    }
  }
  fit.weight = s.weight;
  const std::vector<double> x = to_x(c, best.first);
  fit.estimate = Eigen::Map<const Vector>(x.data(), static_cast<Eigen::Index>(x.size()));
  double q = 0;
  const SimulatedMoments at = simulate(s, x, s.step, &q);
  fit.objective = q;
  fit.simulated = at.mean;
  // NaN until inference fills them (it does not when the estimate is not a valid scenario).
  const auto k = c.data.size(), p = fit.estimate.size();
  fit.standard_error = Vector::Constant(p, kNaN);
  fit.covariance = Matrix::Constant(p, p, kNaN);
  fit.omega = Matrix::Constant(k, k, kNaN);
  fit.jacobian = Matrix::Constant(k, p, kNaN);
  fit.j_statistic = kNaN;
  if (at.feasible)
    inference(s, x, at);
  else
    fit.warnings.push_back("the estimate is not a valid scenario: " + at.reason);
  fit.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return fit;
}

}  // namespace drempel

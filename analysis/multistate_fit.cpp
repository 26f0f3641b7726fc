// Maximising the multi-state likelihood (analysis/multistate.hpp): L-BFGS from the crude start,
// then Newton steps on the exact gradient's central-difference Hessian, which also gives the
// standard errors.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <nlopt.hpp>
#include <sstream>

#include "analysis/multistate.hpp"

namespace drempel {
namespace {

using Matrix = Eigen::MatrixXd;
using Vector = Eigen::VectorXd;

// Bounds keep the matrix exponential finite while the optimiser explores: intensities between
// e^-25 and e^5 per month, effects within e^+-20.
constexpr double kLogIntensityLow = -25, kLogIntensityHigh = 5, kEffectBound = 20;

bool at_bound(const MultistateProblem& p, const Vector& theta, Eigen::Index i) {
  if (static_cast<std::size_t>(i) < p.transitions.size())
    return theta(i) <= kLogIntensityLow + 1e-6 || theta(i) >= kLogIntensityHigh - 1e-6;
  return std::abs(theta(i)) >= kEffectBound - 1e-6;
}

Matrix hessian(const MultistateProblem& p, const Vector& theta) {
  const Eigen::Index n = theta.size();
  Matrix H(n, n);
  Vector up, down;
  for (Eigen::Index j = 0; j < n; ++j) {
    const double h = 1e-5 * (1 + std::abs(theta(j)));
    Vector x = theta;
    x(j) = theta(j) + h;
    multistate_log_likelihood(p, x, &up);
    x(j) = theta(j) - h;
    multistate_log_likelihood(p, x, &down);
    H.col(j) = (up - down) / (2 * h);
  }
  return (H + H.transpose()) / 2;
}

struct Objective {
  const MultistateProblem* problem;
  MultistateFit* fit;
};

double objective(const std::vector<double>& x, std::vector<double>& grad, void* data) {
  auto* o = static_cast<Objective*>(data);
  const Vector theta = Eigen::Map<const Vector>(x.data(), static_cast<Eigen::Index>(x.size()));
  Vector g;
  const double ll = multistate_log_likelihood(*o->problem, theta, grad.empty() ? nullptr : &g);
  if (!grad.empty()) Eigen::Map<Vector>(grad.data(), g.size()) = g;
  ++o->fit->evaluations;
  if (o->fit->trace.empty() || ll > o->fit->trace.back()) o->fit->trace.push_back(ll);
  return ll;
}

Vector run_lbfgs(const MultistateProblem& p, Vector theta, int max_evaluations,
                 MultistateFit& fit) {
  const auto n = static_cast<unsigned>(theta.size());
  nlopt::opt opt(nlopt::LD_LBFGS, n);
  std::vector<double> low(n, -kEffectBound), high(n, kEffectBound);
  for (std::size_t t = 0; t < p.transitions.size(); ++t) {
    low[t] = kLogIntensityLow;
    high[t] = kLogIntensityHigh;
  }
  opt.set_lower_bounds(low);
  opt.set_upper_bounds(high);
  Objective data{&p, &fit};
  opt.set_max_objective(objective, &data);
  opt.set_ftol_rel(1e-14);
  opt.set_xtol_rel(1e-12);
  opt.set_maxeval(max_evaluations);
  std::vector<double> x(theta.data(), theta.data() + theta.size());
  double best = 0;
  try {
    opt.optimize(x, best);
  } catch (const nlopt::roundoff_limited&) {
    // The best point so far is in x; the Newton steps below finish the job.
  } catch (const std::runtime_error&) {
    fit.warnings.push_back("L-BFGS stopped with an error; Newton steps continued from its best");
  }
  return Eigen::Map<const Vector>(x.data(), static_cast<Eigen::Index>(n));
}

// Newton steps with step halving on the parameters not held at a bound.
Vector newton_polish(const MultistateProblem& p, Vector theta, MultistateFit& fit) {
  for (int iteration = 0; iteration < 30; ++iteration) {
    Vector g;
    const double ll = multistate_log_likelihood(p, theta, &g);
    std::vector<Eigen::Index> free;
    for (Eigen::Index i = 0; i < theta.size(); ++i)
      if (!at_bound(p, theta, i)) free.push_back(i);
    const Matrix H = hessian(p, theta);
    const auto m = static_cast<Eigen::Index>(free.size());
    Matrix info(m, m);
    Vector gf(m);
    for (Eigen::Index a = 0; a < m; ++a) {
      gf(a) = g(free[static_cast<std::size_t>(a)]);
      for (Eigen::Index b = 0; b < m; ++b)
        info(a, b) = -H(free[static_cast<std::size_t>(a)], free[static_cast<std::size_t>(b)]);
    }
    if (gf.cwiseAbs().maxCoeff() < 1e-9 * std::max(1.0, std::abs(ll))) return theta;
    const Eigen::LDLT<Matrix> ldlt(info);
    if (ldlt.info() != Eigen::Success || !ldlt.isPositive()) return theta;
    const Vector step = ldlt.solve(gf);
    bool improved = false;
    for (double scale = 1; scale > 1e-6 && !improved; scale /= 2) {
      Vector x = theta;
      for (Eigen::Index a = 0; a < m; ++a) {
        const Eigen::Index i = free[static_cast<std::size_t>(a)];
        const bool intensity = static_cast<std::size_t>(i) < p.transitions.size();
        x(i) = std::clamp(x(i) + scale * step(a), intensity ? kLogIntensityLow : -kEffectBound,
                          intensity ? kLogIntensityHigh : kEffectBound);
      }
      const double next = multistate_log_likelihood(p, x, nullptr);
      ++fit.evaluations;
      if (next >= ll) {
        theta = x;
        improved = true;
        if (next > fit.trace.back()) fit.trace.push_back(next);
      }
    }
    if (!improved) return theta;
  }
  return theta;
}

// Parameters the information cannot pin down (a null direction, or an estimate held at a bound)
// get NaN standard errors and a warning; the others their covariance from the information over
// them alone.
void covariance_and_identification(const MultistateProblem& p, MultistateFit& fit) {
  const Matrix info = -hessian(p, fit.estimate);
  const Eigen::SelfAdjointEigenSolver<Matrix> eig(info);
  fit.information_eigenvalues = eig.eigenvalues();
  const Eigen::Index n = info.rows();
  const double largest = std::max(eig.eigenvalues()(n - 1), 1e-300);
  std::vector<bool> identified(static_cast<std::size_t>(n), true);
  for (Eigen::Index i = 0; i < n; ++i)
    if (at_bound(p, fit.estimate, i)) identified[static_cast<std::size_t>(i)] = false;
  for (Eigen::Index k = 0; k < n; ++k) {
    if (eig.eigenvalues()(k) > 1e-8 * largest) continue;
    std::string involved;
    for (Eigen::Index i = 0; i < n; ++i)
      if (std::abs(eig.eigenvectors()(i, k)) > 0.3) {
        involved += (involved.empty() ? "" : ", ") + fit.names[static_cast<std::size_t>(i)];
        identified[static_cast<std::size_t>(i)] = false;
      }
    fit.warnings.push_back("not identified by these data: " + involved +
                           " (the information is singular along their combination)");
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  fit.covariance = Matrix::Constant(n, n, nan);
  fit.standard_error = Vector::Constant(n, nan);
  std::vector<Eigen::Index> kept;
  for (Eigen::Index i = 0; i < n; ++i)
    if (identified[static_cast<std::size_t>(i)]) kept.push_back(i);
  const auto m = static_cast<Eigen::Index>(kept.size());
  Matrix sub(m, m);
  for (Eigen::Index a = 0; a < m; ++a)
    for (Eigen::Index b = 0; b < m; ++b)
      sub(a, b) = info(kept[static_cast<std::size_t>(a)], kept[static_cast<std::size_t>(b)]);
  const Eigen::LDLT<Matrix> ldlt(sub);
  if (m == 0 || ldlt.info() != Eigen::Success || !ldlt.isPositive()) return;
  const Matrix inverse = ldlt.solve(Matrix::Identity(m, m));
  Matrix cov = inverse;
  if (p.weighted) {
    const Matrix scores = multistate_person_scores(p, fit.estimate);
    Matrix s(scores.rows(), m);
    for (Eigen::Index a = 0; a < m; ++a) s.col(a) = scores.col(kept[static_cast<std::size_t>(a)]);
    cov = inverse * (s.transpose() * s) * inverse;
    fit.sandwich = true;
  }
  for (Eigen::Index a = 0; a < m; ++a)
    for (Eigen::Index b = 0; b < m; ++b)
      fit.covariance(kept[static_cast<std::size_t>(a)], kept[static_cast<std::size_t>(b)]) =
          cov(a, b);
  fit.standard_error = fit.covariance.diagonal().cwiseSqrt();
}

}  // namespace

MultistateFit fit_multistate(const MultistateProblem& p, int max_evaluations) {
  MultistateFit fit;
  fit.names = p.parameter_names();
  Vector theta = multistate_start(p);
  fit.trace.push_back(multistate_log_likelihood(p, theta, nullptr));
  theta = run_lbfgs(p, theta, max_evaluations, fit);
  theta = newton_polish(p, theta, fit);
  fit.estimate = theta;
  Vector g;
  fit.log_likelihood = multistate_log_likelihood(p, theta, &g);
  fit.converged = true;
  for (Eigen::Index i = 0; i < theta.size(); ++i) {
    if (at_bound(p, theta, i)) {
      fit.warnings.push_back(fit.names[static_cast<std::size_t>(i)] +
                             ": estimate at its bound (no such move in the data?)");
      continue;
    }
    if (std::abs(g(i)) > 1e-4 * std::max(1.0, std::abs(fit.log_likelihood))) fit.converged = false;
  }
  if (!fit.converged)
    fit.warnings.push_back("not converged: the gradient is not zero at the last point");
  Vector q;
  fit.q = Matrix::Zero(static_cast<Eigen::Index>(p.state_count),
                       static_cast<Eigen::Index>(p.state_count));
  for (std::size_t t = 0; t < p.transitions.size(); ++t) {
    const auto [a, b] = p.transitions[t];
    const double rate = std::exp(theta(static_cast<Eigen::Index>(t)));
    fit.q(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(b)) += rate;
    fit.q(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(a)) -= rate;
  }
  covariance_and_identification(p, fit);
  return fit;
}

std::string format_multistate_fit(const MultistateProblem& p, const MultistateFit& fit) {
  std::ostringstream out;
  char line[256];
  std::snprintf(
      line, sizeof line,
      "Multi-state Markov model: %zu states, %zu transitions, %zu covariate terms; "
      "%zu persons, %zu intervals\nlog-likelihood %.3f (-2 log L %.3f), %d evaluations, "
      "%s; standard errors %s\n\n",
      p.state_count, p.transitions.size(), p.terms.size(), p.person_count, p.intervals.size(),
      fit.log_likelihood, -2 * fit.log_likelihood, fit.evaluations,
      fit.converged ? "converged" : "NOT converged",
      fit.sandwich ? "robust (sandwich over persons, weighted)" : "from the observed information");
  out << line;
  const std::size_t T = p.transitions.size();
  std::size_t width = 10;
  for (const auto& name : fit.names) width = std::max(width, name.size());
  const auto row = [&](std::size_t i, const char* what) {
    const double e = fit.estimate(static_cast<Eigen::Index>(i));
    const double se = fit.standard_error(static_cast<Eigen::Index>(i));
    std::snprintf(line, sizeof line, "%-*s  %10.4g  %10.4g  %10.4g  %8.4f\n",
                  static_cast<int>(width), fit.names[i].c_str(), std::exp(e),
                  std::exp(e - 1.959964 * se), std::exp(e + 1.959964 * se), se);
    out << line;
    (void)what;
  };
  std::snprintf(line, sizeof line, "%-*s  %10s  %10s  %10s  %8s\n", static_cast<int>(width),
                "intensity (per month, at z = 0)", "estimate", "95% low", "95% high", "se(log)");
  out << line;
  for (std::size_t t = 0; t < T; ++t) row(t, "intensity");
  if (!p.terms.empty()) {
    std::snprintf(line, sizeof line, "\n%-*s  %10s  %10s  %10s  %8s\n", static_cast<int>(width),
                  "covariate effect (hazard ratio)", "ratio", "95% low", "95% high", "se(log)");
    out << line;
    for (std::size_t i = T; i < fit.names.size(); ++i) row(i, "effect");
  }
  out << "\nmean stay per state at z = 0 (months):";
  for (std::size_t s = 0; s < p.state_count; ++s) {
    const double q = -fit.q(static_cast<Eigen::Index>(s), static_cast<Eigen::Index>(s));
    if (q > 0) {
      std::snprintf(line, sizeof line, " %s %.2f;", p.state_names[s].c_str(), 1 / q);
      out << line;
    } else {
      out << " " << p.state_names[s] << " absorbing;";
    }
  }
  out << "\n";
  for (const auto& w : fit.warnings) out << "warning: " << w << "\n";
  return out.str();
}

}  // namespace drempel

#include "analysis/multistate.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <nlopt.hpp>
#include <unsupported/Eigen/MatrixFunctions>

#include "engine/input_error.hpp"
#include "models/definitions.hpp"

namespace drempel {
namespace {

using Matrix = Eigen::MatrixXd;
using Vector = Eigen::VectorXd;

// Which states each state can reach by a chain of allowed transitions.
std::vector<std::vector<bool>> reachable(
    std::size_t n, const std::vector<std::pair<std::size_t, std::size_t>>& t) {
  std::vector<std::vector<bool>> r(n, std::vector<bool>(n, false));
  for (const auto& [a, b] : t) r[a][b] = true;
  for (std::size_t k = 0; k < n; ++k)
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j) r[i][j] = r[i][j] || (r[i][k] && r[k][j]);
  return r;
}

// A covariate of the spec as terms: numeric as itself, categorical as indicators of the levels
// seen at interval starts after the first one.
struct TermSource {
  std::size_t column = 0;
  double level = -1;  // categorical: the level this indicator is 1 for; -1 numeric
};

std::vector<TermSource> covariate_terms(const Panel& panel, const MultistateSpec& spec,
                                        std::vector<std::string>& names,
                                        std::vector<ScenarioIssue>& issues) {
  std::vector<TermSource> out;
  for (std::size_t i = 0; i < spec.covariates.size(); ++i) {
    const std::string& name = spec.covariates[i];
    const std::string where = spec.pointer + "/covariates/" + std::to_string(i);
    const int c = panel.covariate_index(name);
    if (c < 0) {
      std::string have;
      for (const auto& pc : panel.covariates) have += (have.empty() ? "" : ", ") + pc.name;
      issues.push_back({spec.config_path, where,
                        "a covariate column of the panel " + panel.path +
                            (have.empty() ? " (it has none)" : " (" + have + ")"),
                        "\"" + name + "\""});
      continue;
    }
    std::vector<double> seen;
    for (const auto& p : panel.persons)
      for (std::size_t j = 0; j + 1 < p.observations.size(); ++j)
        seen.push_back(p.observations[j].covariates[static_cast<std::size_t>(c)]);
    std::sort(seen.begin(), seen.end());
    seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
    if (seen.size() < 2) {
      issues.push_back({spec.config_path, where,
                        "a covariate that takes two values or more at the start of intervals",
                        "\"" + name + "\", always the same"});
      continue;
    }
    const auto& levels = panel.covariates[static_cast<std::size_t>(c)].levels;
    if (levels.empty()) {
      out.push_back({static_cast<std::size_t>(c), -1});
      names.push_back(name);
      continue;
    }
    for (std::size_t k = 1; k < seen.size(); ++k) {
      out.push_back({static_cast<std::size_t>(c), seen[k]});
      names.push_back(name + "=" + levels[static_cast<std::size_t>(seen[k])]);
    }
  }
  return out;
}

Vector term_values(const std::vector<TermSource>& terms, const PanelObservation& o) {
  Vector z(static_cast<Eigen::Index>(terms.size()));
  for (std::size_t k = 0; k < terms.size(); ++k) {
    const double v = o.covariates[terms[k].column];
    z(static_cast<Eigen::Index>(k)) = terms[k].level < 0 ? v : (v == terms[k].level ? 1.0 : 0.0);
  }
  return z;
}

std::string transition_name(const MultistateProblem& p, std::size_t t) {
  return p.state_names[p.transitions[t].first] + ">" + p.state_names[p.transitions[t].second];
}

// Where the effect of term k on transition t sits in theta: after the T log intensities, term by
// term (MultistateProblem::parameter_names).
Eigen::Index effect_index(std::size_t T, Eigen::Index k, std::size_t t) {
  return static_cast<Eigen::Index>(T + static_cast<std::size_t>(k) * T + t);
}

// Adds one observed move's score, d log P(r, s) / d theta, times `c`, to `out`: dP_t / P for
// each log intensity, and that times z_k for each effect.
template <class Out>
void add_score(Out&& out, const std::vector<Matrix>& dP, Eigen::Index r, Eigen::Index s, double P,
               const Vector& z, double c) {
  const std::size_t T = dP.size();
  for (std::size_t t = 0; t < T; ++t) {
    const double dt = c * dP[t](r, s) / P;
    out(static_cast<Eigen::Index>(t)) += dt;
    for (Eigen::Index k = 0; k < z.size(); ++k) out(effect_index(T, k, t)) += dt * z(k);
  }
}

// The intensity matrix of a group and the intensities of its transitions.
Matrix intensity_matrix(const MultistateProblem& p, const Vector& theta, const Vector& z,
                        Vector& q) {
  const std::size_t T = p.transitions.size();
  const auto n = static_cast<Eigen::Index>(p.state_count);
  Matrix Q = Matrix::Zero(n, n);
  q.resize(static_cast<Eigen::Index>(T));
  for (std::size_t t = 0; t < T; ++t) {
    double eta = theta(static_cast<Eigen::Index>(t));
    for (Eigen::Index k = 0; k < z.size(); ++k) eta += theta(effect_index(T, k, t)) * z(k);
    q(static_cast<Eigen::Index>(t)) = std::exp(eta);
    const auto [a, b] = p.transitions[t];
    Q(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(b)) +=
        q(static_cast<Eigen::Index>(t));
    Q(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(a)) -=
        q(static_cast<Eigen::Index>(t));
  }
  return Q;
}

// P = exp(months Q) and, per transition t, dP/d(theta_t) (Van Loan: the upper right block of
// exp([[A, E], [0, A]]) is the derivative of exp at A in the direction E).
struct GroupDerivatives {
  Matrix P;
  std::vector<Matrix> dP;
};

GroupDerivatives group_derivatives(const MultistateProblem& p, const Vector& theta,
                                   const MultistateProblem::Group& g, bool with_derivatives) {
  Vector q;
  const Matrix A = g.months * intensity_matrix(p, theta, g.z, q);
  const auto n = A.rows();
  GroupDerivatives out;
  out.P = A.exp();
  if (!with_derivatives) return out;
  Matrix M = Matrix::Zero(2 * n, 2 * n);
  M.topLeftCorner(n, n) = A;
  M.bottomRightCorner(n, n) = A;
  for (std::size_t t = 0; t < p.transitions.size(); ++t) {
    const auto a = static_cast<Eigen::Index>(p.transitions[t].first);
    const auto b = static_cast<Eigen::Index>(p.transitions[t].second);
    const double e = g.months * q(static_cast<Eigen::Index>(t));
    M.topRightCorner(n, n).setZero();
    M(a, n + b) = e;
    M(a, n + a) = -e;
    out.dP.push_back(M.exp().topRightCorner(n, n));
  }
  return out;
}

constexpr double kTinyChance = 1e-300;

}  // namespace

std::vector<std::string> MultistateProblem::parameter_names() const {
  std::vector<std::string> names;
  for (std::size_t t = 0; t < transitions.size(); ++t) names.push_back(transition_name(*this, t));
  for (const auto& term : terms)
    for (std::size_t t = 0; t < transitions.size(); ++t)
      names.push_back(term + ": " + transition_name(*this, t));
  return names;
}

MultistateProblem build_multistate_problem(const Panel& panel, const MultistateSpec& spec) {
  MultistateProblem p;
  p.state_count = spec.states.size();
  p.transitions = spec.transitions;
  for (const auto s : spec.states) p.state_names.push_back(kStageNames[s]);
  std::vector<ScenarioIssue> issues;
  const std::vector<TermSource> terms = covariate_terms(panel, spec, p.terms, issues);
  std::vector<int> index_of(kStageCount, -1);
  for (std::size_t i = 0; i < spec.states.size(); ++i)
    index_of[spec.states[i]] = static_cast<int>(i);
  const auto reach = reachable(p.state_count, p.transitions);
  std::string state_list;
  for (const auto& s : p.state_names) state_list += (state_list.empty() ? "" : ", ") + s;
  std::map<std::pair<double, std::vector<double>>, std::size_t> group_of;
  const auto n = static_cast<Eigen::Index>(p.state_count);
  for (std::size_t person = 0; person < panel.persons.size(); ++person) {
    const PanelPerson& pp = panel.persons[person];
    for (const auto& o : pp.observations)
      if (index_of[o.stage] < 0 && issues.size() < 50)
        issues.push_back({panel.path, "line " + std::to_string(o.line) + ", column \"stage\"",
                          "one of the states of " + spec.config_path + " (" + state_list + ")",
                          "\"" + std::string(kStageNames[o.stage]) + "\""});
    for (std::size_t j = 0; j + 1 < pp.observations.size(); ++j) {
      const auto& o0 = pp.observations[j];
      const auto& o1 = pp.observations[j + 1];
      if (index_of[o0.stage] < 0 || index_of[o1.stage] < 0) continue;
      const auto r = static_cast<std::size_t>(index_of[o0.stage]);
      const auto s = static_cast<std::size_t>(index_of[o1.stage]);
      if (r != s && !reach[r][s]) {
        if (issues.size() < 50)
          issues.push_back({panel.path, "line " + std::to_string(o1.line) + ", column \"stage\"",
                            "a stage the allowed transitions of " + spec.config_path +
                                " lead to from \"" + p.state_names[r] + "\" (person \"" + pp.id +
                                "\", line " + std::to_string(o0.line) + ")",
                            "\"" + p.state_names[s] + "\""});
        continue;
      }
      const Vector z = term_values(terms, o0);
      const double months = o1.month - o0.month;
      const auto key = std::make_pair(months, std::vector<double>(z.data(), z.data() + z.size()));
      auto [it, fresh] = group_of.emplace(key, p.groups.size());
      if (fresh) p.groups.push_back({months, z, Matrix::Zero(n, n)});
      p.groups[it->second].count(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(s)) +=
          pp.weight;
      p.intervals.push_back({it->second, r, s, person, pp.weight});
    }
  }
  if (!issues.empty()) throw InputError(std::move(issues));
  p.person_count = panel.persons.size();
  p.weighted = panel.weighted;
  return p;
}

double multistate_log_likelihood(const MultistateProblem& p, const Vector& theta,
                                 Vector* gradient) {
  if (gradient) gradient->setZero(theta.size());
  double ll = 0;
  for (const auto& g : p.groups) {
    const GroupDerivatives d = group_derivatives(p, theta, g, gradient != nullptr);
    for (Eigen::Index r = 0; r < g.count.rows(); ++r)
      for (Eigen::Index s = 0; s < g.count.cols(); ++s) {
        const double c = g.count(r, s);
        if (c == 0) continue;
        const double P = std::max(d.P(r, s), kTinyChance);
        ll += c * std::log(P);
        if (gradient) add_score(*gradient, d.dP, r, s, P, g.z, c);
      }
  }
  return ll;
}

Vector multistate_start(const MultistateProblem& p) {
  const auto n = static_cast<Eigen::Index>(p.state_count);
  Vector time_in = Vector::Zero(n);
  Matrix moves = Matrix::Zero(n, n);
  for (const auto& g : p.groups) {
    time_in += g.months * g.count.rowwise().sum();
    moves += g.count;
  }
  Vector theta = Vector::Zero(static_cast<Eigen::Index>(p.parameter_count()));
  for (std::size_t t = 0; t < p.transitions.size(); ++t) {
    const auto a = static_cast<Eigen::Index>(p.transitions[t].first);
    const auto b = static_cast<Eigen::Index>(p.transitions[t].second);
    // Half a move where none was seen keeps the start finite; the optimiser moves it.
    const double rate = std::max(moves(a, b), 0.5) / std::max(time_in(a), 1.0);
    theta(static_cast<Eigen::Index>(t)) = std::log(rate);
  }
  return theta;
}

Matrix multistate_person_scores(const MultistateProblem& p, const Vector& theta) {
  Matrix scores = Matrix::Zero(static_cast<Eigen::Index>(p.person_count), theta.size());
  std::vector<GroupDerivatives> d;
  for (const auto& g : p.groups) d.push_back(group_derivatives(p, theta, g, true));
  for (const auto& i : p.intervals) {
    const GroupDerivatives& gd = d[i.group];
    const auto r = static_cast<Eigen::Index>(i.from), s = static_cast<Eigen::Index>(i.to);
    const double P = std::max(gd.P(r, s), kTinyChance);
    add_score(scores.row(static_cast<Eigen::Index>(i.person)), gd.dP, r, s, P, p.groups[i.group].z,
              i.weight);
  }
  return scores;
}

}  // namespace drempel

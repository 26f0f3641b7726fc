#include "analysis/multistate_study.hpp"

#include <algorithm>
#include <filesystem>

#include "analysis/study_support.hpp"
#include "engine/input_error.hpp"
#include "engine/scenario.hpp"
#include "engine/version.hpp"
#include "models/definitions.hpp"

namespace drempel {
namespace {

std::string stage_list() {
  std::string s;
  for (const char* name : kStageNames) s += (s.empty() ? "" : ", ") + std::string(name);
  return s;
}

void read_states(ScenarioReader& r, MultistateStudy& s, const std::string& m) {
  const std::size_t n = r.array_size(m + "/states");
  for (std::size_t i = 0; i < n && i < kStageCount + 1; ++i) {
    const std::string q = m + "/states/" + std::to_string(i);
    const std::string name = r.string(q);
    const auto it = std::find(kStageNames.begin(), kStageNames.end(), name);
    if (it == kStageNames.end()) {
      r.add_issue(q, "a stage (" + stage_list() + ")", "\"" + name + "\"");
      continue;
    }
    const auto stage = static_cast<std::uint8_t>(it - kStageNames.begin());
    if (std::find(s.spec.states.begin(), s.spec.states.end(), stage) != s.spec.states.end())
      r.add_issue(q, "each state once", "\"" + name + "\" again");
    s.spec.states.push_back(stage);
  }
}

// Index of a state by name, or the state count with an issue.
std::size_t state_index(ScenarioReader& r, const MultistateStudy& s, const std::string& q) {
  const std::string name = r.string(q);
  for (std::size_t i = 0; i < s.spec.states.size(); ++i)
    if (name == kStageNames[s.spec.states[i]]) return i;
  r.add_issue(q, "one of the states listed in \"states\"", "\"" + name + "\"");
  return s.spec.states.size();
}

void read_transitions(ScenarioReader& r, MultistateStudy& s, const std::string& m) {
  const std::size_t n = r.array_size(m + "/transitions");
  for (std::size_t i = 0; i < n && i < 100; ++i) {
    const std::string q = m + "/transitions/" + std::to_string(i);
    if (r.array_size(q) != 2) {
      r.add_issue(q, "a pair [\"from\", \"to\"] of states", "another size");
      continue;
    }
    const std::size_t a = state_index(r, s, q + "/0"), b = state_index(r, s, q + "/1");
    if (a == s.spec.states.size() || b == s.spec.states.size()) continue;
    const std::pair<std::size_t, std::size_t> t{a, b};
    if (a == b)
      r.add_issue(q, "a move between two different states", "from a state to itself");
    else if (std::find(s.spec.transitions.begin(), s.spec.transitions.end(), t) !=
             s.spec.transitions.end())
      r.add_issue(q, "each transition once", "this one again");
    else
      s.spec.transitions.push_back(t);
  }
}

}  // namespace

MultistateStudy read_multistate_study(const std::string& config_path) {
  const ScenarioDocument doc = load_scenario(config_path);
  ScenarioReader r(doc);
  MultistateStudy s;
  s.config_path = config_path;
  s.spec.config_path = config_path;
  r.allow("/description");
  s.panel_path = resolve_against(config_path, r.string("/panel"));
  const std::string m = "/method/multistate";
  read_states(r, s, m);
  read_transitions(r, s, m);
  if (r.has(m + "/covariates")) {
    const std::size_t n = r.array_size(m + "/covariates");
    const auto& known = panel_covariate_columns();
    for (std::size_t i = 0; i < n && i < 64; ++i) {
      const std::string q = m + "/covariates/" + std::to_string(i);
      const std::string name = r.string(q);
      if (std::find(known.begin(), known.end(), name) == known.end()) {
        std::string list;
        for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
        r.add_issue(q, "a covariate column of docs/panel-format.md (" + list + ")",
                    "\"" + name + "\"");
      }
      s.spec.covariates.push_back(name);
    }
  }
  if (r.has(m + "/max_evaluations"))
    s.max_evaluations = static_cast<int>(r.integer(m + "/max_evaluations", 10, 1000000));
  r.finish();
  return s;
}

Dataset multistate_dataset(const MultistateStudy& study, const MultistateProblem& problem,
                           const MultistateFit& fit) {
  Dataset d;
  const std::size_t n = fit.names.size();
  d.dimensions.push_back({.name = "parameter", .long_name = "parameter", .labels = fit.names});
  d.dimensions.push_back(
      {.name = "parameter_other", .long_name = "parameter (second index)", .labels = fit.names});
  d.dimensions.push_back(
      {.name = "from_state", .long_name = "state moved from", .labels = problem.state_names});
  d.dimensions.push_back(
      {.name = "to_state", .long_name = "state moved to", .labels = problem.state_names});
  d.dimensions.push_back(
      index_dimension("step", "improvement of the log-likelihood", 0, fit.trace.size()));
  d.dimensions.push_back(index_dimension("eigenvalue", "eigenvalue, smallest first", 0, n));
  add_real(d, "estimate", "log intensity per month (at z = 0), or log hazard ratio", {"parameter"},
           values_of(fit.estimate));
  add_real(d, "standard_error", "standard error of the estimate (NaN: not identified)",
           {"parameter"}, values_of(fit.standard_error));
  add_real(d, "covariance", "covariance of the estimates", {"parameter", "parameter_other"},
           row_major(fit.covariance));
  add_real(d, "intensity", "transition intensity matrix at z = 0", {"from_state", "to_state"},
           row_major(fit.q));
  d.variables.back().units = "month-1";
  add_real(d, "log_likelihood_trace", "log-likelihood after each improvement", {"step"}, fit.trace);
  add_real(d, "information_eigenvalue", "eigenvalues of the observed information", {"eigenvalue"},
           values_of(fit.information_eigenvalues));
  d.text_attributes["drempel_calibration"] = "multistate";
  d.text_attributes["drempel_version"] = kEngineVersion;
  d.text_attributes["config"] = study.config_path;
  d.text_attributes["panel"] = study.panel_path;
  d.text_attributes["standard_errors"] = fit.sandwich ? "sandwich" : "observed information";
  d.text_attributes["converged"] = fit.converged ? "yes" : "no";
  d.text_attributes["warnings"] = joined_lines(fit.warnings);
  d.text_attributes["log_likelihood"] = format_number(fit.log_likelihood);
  d.int32_attributes["persons"] = static_cast<std::int32_t>(problem.person_count);
  d.int32_attributes["intervals"] = static_cast<std::int32_t>(problem.intervals.size());
  d.int32_attributes["evaluations"] = fit.evaluations;
  return d;
}

}  // namespace drempel

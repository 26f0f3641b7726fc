// Reading a method-of-simulated-moments calibration and simulating its moments
// (analysis/simulated_moments.hpp).
#include "analysis/simulated_moments.hpp"

#include <cmath>
#include <cstdio>

#include "analysis/study_support.hpp"
#include "analysis/targets.hpp"
#include "engine/input_error.hpp"
#include "engine/scenario.hpp"
#include "models/parameters.hpp"
#include "models/run.hpp"

namespace drempel {
namespace {

std::vector<std::string> pointers_of(const MomentsCalibration& c) {
  std::vector<std::string> out;
  for (const auto& p : c.parameters) out.push_back(p.pointer);
  return out;
}

std::vector<std::string> sets_at(const MomentsCalibration& c, const std::vector<double>& x) {
  return point_sets(pointers_of(c), x, c.replicates);
}

void read_parameters(ScenarioReader& r, MomentsCalibration& c) {
  const std::size_t n = r.array_size("/parameters");
  for (std::size_t i = 0; i < n && i < 32; ++i) {
    const std::string q = "/parameters/" + std::to_string(i);
    CalibrationParameter p;
    p.pointer = r.string(q + "/pointer");
    p.low = r.number(q + "/low", -1e15, 1e15);
    p.high = r.number(q + "/high", -1e15, 1e15);
    if (!(p.high > p.low)) r.add_issue(q + "/high", "more than low", format_number(p.high));
    p.start = r.has(q + "/start") ? r.number(q + "/start", p.low, p.high) : (p.low + p.high) / 2;
    for (const auto& seen : c.parameters)
      if (seen.pointer == p.pointer)
        r.add_issue(q + "/pointer", "each parameter once", "\"" + p.pointer + "\" again");
    c.parameters.push_back(p);
  }
}

void read_method(ScenarioReader& r, MomentsCalibration& c) {
  const std::string m = "/method/moments";
  r.allow(m);  // an empty object takes every default
  if (r.has(m + "/weighting")) {
    c.weighting = r.string(m + "/weighting");
    if (c.weighting != "optimal" && c.weighting != "diagonal" && c.weighting != "identity")
      r.add_issue(m + "/weighting", "\"optimal\", \"diagonal\" or \"identity\"",
                  "\"" + c.weighting + "\"");
  }
  if (r.has(m + "/optimizer")) {
    c.optimizer = r.string(m + "/optimizer");
    if (c.optimizer != "bobyqa" && c.optimizer != "nelder_mead")
      r.add_issue(m + "/optimizer", "\"bobyqa\" or \"nelder_mead\"", "\"" + c.optimizer + "\"");
  }
  if (r.has(m + "/max_evaluations"))
    c.max_evaluations = static_cast<int>(r.integer(m + "/max_evaluations", 10, 100000));
  if (r.has(m + "/restarts")) c.restarts = static_cast<int>(r.integer(m + "/restarts", 0, 100));
  if (r.has(m + "/bootstrap"))
    c.bootstrap = static_cast<int>(r.integer(m + "/bootstrap", 50, 100000));
  if (r.has(m + "/step")) c.step = r.number(m + "/step", 1e-4, 0.25);
  if (r.has(m + "/seed"))
    c.seed = static_cast<std::uint64_t>(r.integer(m + "/seed", 0, std::int64_t{1} << 53));
}

void read_abc(ScenarioReader& r, MomentsCalibration& c) {
  const std::string m = "/method/abc";
  c.abc = true;
  r.allow(m);
  AbcSettings& a = c.abc_settings;
  if (r.has(m + "/particles"))
    a.particles = static_cast<int>(r.integer(m + "/particles", 10, 100000));
  if (r.has(m + "/generations"))
    a.generations = static_cast<int>(r.integer(m + "/generations", 0, 100));
  if (r.has(m + "/quantile")) {
    a.quantile = r.number(m + "/quantile", 0, 1);
    if (!(a.quantile > 0 && a.quantile < 1))
      r.add_issue(m + "/quantile", "a quantile strictly between 0 and 1",
                  format_number(a.quantile));
  }
  if (r.has(m + "/max_simulations"))
    a.max_simulations = static_cast<int>(r.integer(m + "/max_simulations", 10, 100000000));
  if (r.has(m + "/min_acceptance")) a.min_acceptance = r.number(m + "/min_acceptance", 0, 1);
  if (r.has(m + "/batch")) a.batch = static_cast<int>(r.integer(m + "/batch", 1, 100000));
  if (r.has(m + "/seed"))
    a.seed = static_cast<std::uint64_t>(r.integer(m + "/seed", 0, std::int64_t{1} << 53));
  if (r.has(m + "/bootstrap"))
    c.bootstrap = static_cast<int>(r.integer(m + "/bootstrap", 50, 100000));
  c.seed = a.seed;
}

// The data: a targets file, or a panel with the moments to take from it.
void read_data(ScenarioReader& r, MomentsCalibration& c) {
  if (r.has("/targets")) {
    c.data_path = resolve_against(c.config_path, r.string("/targets"));
    return;
  }
  c.from_panel = true;
  c.data_path = resolve_against(c.config_path, r.string("/panel"));
  const std::size_t k = r.array_size("/moments");
  for (std::size_t i = 0; i < k && i < 200; ++i) {
    const std::string q = "/moments/" + std::to_string(i);
    const std::string name = r.string(q);
    std::string expected;
    const auto mo = parse_moment(name, expected);
    if (!mo) r.add_issue(q, expected, "\"" + name + "\"");
    c.moments.push_back(mo.value_or(Moment{}));
    c.sources.push_back("");
  }
}

void load_data(MomentsCalibration& c) {
  if (!c.from_panel) {
    const Targets t = read_targets(c.data_path);
    c.moments = t.moments;
    c.sources = t.sources;
    c.data = t.value;
    c.data_covariance = t.covariance;
    return;
  }
  const Panel panel = read_panel_csv(c.data_path);
  std::vector<ScenarioIssue> issues =
      check_panel_moments(panel, c.moments, c.config_path, "/moments/");
  if (!issues.empty()) throw InputError(std::move(issues));
  c.panel_persons = panel.persons.size();
  for (Moment& m : c.moments) restrict_to_panel(m, panel, c.window);
  const auto k = static_cast<Eigen::Index>(c.moments.size());
  c.data.resize(k);
  for (Eigen::Index i = 0; i < k; ++i) {
    c.data(i) = panel_moment(panel, c.moments[static_cast<std::size_t>(i)], c.window);
    if (std::isnan(c.data(i)))
      issues.push_back({c.config_path, "/moments/" + std::to_string(i),
                        "a moment the panel " + c.data_path +
                            " gives in the window (a person "
                            "awarded in it and observed at the horizon)",
                        "none"});
  }
  if (!issues.empty()) throw InputError(std::move(issues));
  c.data_covariance = panel_moment_covariance(panel, c.moments, c.window, c.bootstrap, c.seed);
}

void check_start(const MomentsCalibration& c) {
  std::vector<double> start;
  for (const auto& p : c.parameters) start.push_back(p.start);
  // An invalid start is the user's to fix: let the scenario's InputError through, naming the --set.
  read_model_parameters(load_scenario(c.scenario_path, sets_at(c, start)));
  const SimulatedMoments s = simulate_moments(c, start, 0);
  if (!s.feasible)
    throw InputError({{c.config_path, c.from_panel ? "/moments" : "/targets",
                       "moments the simulation gives at the start point (the window's cohorts "
                       "must reach each horizon within the run)",
                       s.reason}});
  const std::string where = c.from_panel ? "/moments/" : "/targets";
  for (Eigen::Index i = 0; i < c.data.size(); ++i)
    if (!(c.data_covariance(i, i) > 0))
      throw InputError({{c.config_path, c.from_panel ? where + std::to_string(i) : where,
                         "a moment with some uncertainty in the data",
                         "a variance of 0 or none (the share is 0 or 1 in the window, or most "
                         "bootstrap resamples of the panel lack the moment)"}});
  if (c.data_covariance.llt().info() != Eigen::Success)
    throw InputError({{c.config_path, c.from_panel ? "/moments" : "/targets",
                       "moments whose covariance is positive definite",
                       "a singular covariance (some moments carry the same information)"}});
}

}  // namespace

MomentsCalibration read_moments_calibration(const std::string& config_path) {
  const ScenarioDocument doc = load_scenario(config_path);
  ScenarioReader r(doc);
  MomentsCalibration c;
  c.config_path = config_path;
  r.allow("/description");
  c.scenario_path = resolve_against(config_path, r.string("/scenario"));
  c.replicates = static_cast<std::int32_t>(r.integer("/replicates", 2, 100000));
  c.window.from = r.month("/window/from");
  c.window.to = r.month("/window/to");
  if (c.window.to < c.window.from)
    r.add_issue("/window/to", "a month not before /window/from", format_month(c.window.to));
  read_data(r, c);
  read_parameters(r, c);
  if (r.has("/method/abc"))
    read_abc(r, c);
  else
    read_method(r, c);
  r.finish();
  load_data(c);
  if (c.moments.size() < c.parameters.size())
    throw InputError({{config_path, "/parameters",
                       "no more parameters than moments (" + std::to_string(c.moments.size()) + ")",
                       std::to_string(c.parameters.size()) + " parameters"}});
  check_start(c);
  return c;
}

Eigen::MatrixXd SimulatedMoments::mean_covariance() const {
  if (used < 2) return Eigen::MatrixXd::Zero(mean.size(), mean.size());
  return covariance / used;
}

SimulatedMoments simulate_moments(const MomentsCalibration& c, const std::vector<double>& x,
                                  int threads, const std::vector<std::string>& extra_sets) {
  const auto k = static_cast<Eigen::Index>(c.moments.size());
  SimulatedMoments s;
  s.mean = Eigen::VectorXd::Constant(k, std::numeric_limits<double>::quiet_NaN());
  s.covariance = Eigen::MatrixXd::Constant(k, k, std::numeric_limits<double>::quiet_NaN());
  ModelParameters params;
  try {
    std::vector<std::string> sets = sets_at(c, x);
    sets.insert(sets.end(), extra_sets.begin(), extra_sets.end());
    params = read_model_parameters(load_scenario(c.scenario_path, sets));
  } catch (const InputError& e) {
    s.reason = e.issues().empty() ? "invalid scenario" : format_issue(e.issues().front());
    return s;
  }
  RunOptions options;
  options.threads = threads;
  const Results res = run_pathways(params, "{}", options);
  Eigen::MatrixXd by_replicate(res.replicates, k);
  Eigen::VectorXd mean(k);
  for (Eigen::Index i = 0; i < k; ++i) {
    const Moment& m = c.moments[static_cast<std::size_t>(i)];
    mean(i) = moment_value(res, m, c.window);
    const auto v = moment_by_replicate(res, m, c.window);
    for (int r = 0; r < res.replicates; ++r) by_replicate(r, i) = v[static_cast<std::size_t>(r)];
    if (std::isnan(mean(i))) {
      s.reason = m.name + " is undefined (NaN) in the simulation";
      return s;
    }
  }
  // A replicate where a moment is NaN (no cohort member observed) is left out of the covariance.
  std::vector<Eigen::Index> rows;
  for (Eigen::Index r = 0; r < by_replicate.rows(); ++r)
    if (!by_replicate.row(r).hasNaN()) rows.push_back(r);
  Eigen::MatrixXd kept(static_cast<Eigen::Index>(rows.size()), k);
  for (std::size_t j = 0; j < rows.size(); ++j)
    kept.row(static_cast<Eigen::Index>(j)) = by_replicate.row(rows[j]);
  s.mean = mean;
  s.used = static_cast<int>(rows.size());
  s.covariance = sample_covariance(kept);
  s.feasible = true;
  return s;
}

}  // namespace drempel

#include "analysis/sensitivity_study.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <sstream>

#include "analysis/study_support.hpp"
#include "engine/input_error.hpp"
#include "engine/scenario.hpp"
#include "models/parameters.hpp"
#include "models/pathways_model.hpp"
#include "models/run.hpp"

namespace drempel {
namespace {

std::vector<std::string> sets_at(const SensitivityStudy& s, const std::vector<double>& point) {
  return point_sets(s.pointers, point, s.replicates);
}

void read_method(ScenarioReader& r, SensitivityStudy& s) {
  if (r.has("/method/sobol")) {
    s.sobol = true;
    s.rows = static_cast<std::size_t>(r.integer("/method/sobol/rows", 2, 1000000));
    s.bootstrap = static_cast<std::size_t>(r.integer("/method/sobol/bootstrap", 0, 100000));
  } else if (r.has("/method/morris")) {
    s.sobol = false;
    s.trajectories = static_cast<std::size_t>(r.integer("/method/morris/trajectories", 2, 100000));
    s.levels = static_cast<std::size_t>(r.integer("/method/morris/levels", 2, 100));
    if (s.levels % 2 != 0)
      r.add_issue("/method/morris/levels", "an even number of levels", std::to_string(s.levels));
  } else {
    r.add_issue("/method", "an object with \"sobol\" or \"morris\"", "neither");
  }
}

// The study's metric and window against the scenario, and the corners of the box as scenarios
// (a corner that is not a valid scenario throws the scenario's InputError, naming the --set).
std::vector<ScenarioIssue> check_against_scenario(const SensitivityStudy& s) {
  std::vector<ScenarioIssue> issues;
  std::vector<double> low;
  for (const auto& f : s.factors) low.push_back(f.low);
  std::vector<std::vector<double>> corners = {low};
  for (std::size_t i = 0; i < low.size(); ++i) {
    corners.push_back(low);
    corners.back()[i] = s.factors[i].high;
  }
  ModelParameters base;
  for (const auto& corner : corners)
    base = read_model_parameters(load_scenario(s.scenario_path, sets_at(s, corner)));
  bool known = false;
  for (const auto& m : kMetricInfo) known = known || s.metric == m.name;
  if (!known)
    issues.push_back({s.config_path, "/output/metric", "a metric of docs/results-format.md",
                      "\"" + s.metric + "\""});
  const std::int32_t from = s.from_month, to = s.to_month;
  if (from < base.start_month || to >= base.start_month + base.months || to < from)
    issues.push_back({s.config_path, "/output/to",
                      "a window within the scenario's months (" + format_month(base.start_month) +
                          " to " + format_month(base.start_month + base.months - 1) + ")",
                      format_month(from) + " to " + format_month(to)});
  return issues;
}

}  // namespace

SensitivityStudy read_sensitivity_study(const std::string& config_path) {
  const ScenarioDocument doc = load_scenario(config_path);
  ScenarioReader r(doc);
  SensitivityStudy s;
  s.config_path = config_path;
  r.allow("/description");  // free text
  const std::string scenario = r.string("/scenario");
  s.scenario_path = resolve_against(config_path, scenario);
  s.replicates = static_cast<std::int32_t>(r.integer("/replicates", 1, 100000));
  s.design_seed = static_cast<std::uint64_t>(r.integer("/seed", 0, std::int64_t{1} << 53));
  s.metric = r.string("/output/metric");
  s.from_month = r.month("/output/from");
  s.to_month = r.month("/output/to");
  const std::size_t n = r.array_size("/parameters");
  for (std::size_t i = 0; i < n && i < 64; ++i) {
    const std::string q = "/parameters/" + std::to_string(i);
    SensitivityFactor f;
    s.pointers.push_back(r.string(q + "/pointer"));
    f.name = s.pointers.back();
    f.low = r.number(q + "/low", -1e15, 1e15);
    f.high = r.number(q + "/high", -1e15, 1e15);
    if (!(f.high > f.low)) r.add_issue(q + "/high", "more than low", format_number(f.high));
    s.factors.push_back(f);
  }
  read_method(r, s);
  r.finish();  // throws on any problem so far, unknown keys included
  std::vector<ScenarioIssue> issues = check_against_scenario(s);
  if (!issues.empty()) throw InputError(std::move(issues));
  return s;
}

std::vector<double> study_outputs(const SensitivityStudy& s, const std::vector<double>& point,
                                  int threads) {
  const ModelParameters params =
      read_model_parameters(load_scenario(s.scenario_path, sets_at(s, point)));
  RunOptions options;
  options.threads = threads;
  const Results res = run_pathways(params, "{}", options);
  const MetricSeries& m = *res.metric(s.metric);
  const std::int32_t from = s.from_month, to = s.to_month;
  std::vector<double> out;
  for (int r = 0; r < res.replicates; ++r) {
    double sum = 0;
    int months = 0;
    for (std::int32_t month = from; month <= to; ++month) {
      double value = 0;
      for (int g = 0; g < res.regions(); ++g)
        value += m.values[res.metric_index(r, month - params.start_month, g)];
      if (m.region_total == RegionTotal::kNone) value /= res.regions();
      if (std::isnan(value)) continue;
      sum += value;
      ++months;
    }
    out.push_back(months > 0 ? sum / months : std::numeric_limits<double>::quiet_NaN());
  }
  return out;
}

double study_output(const SensitivityStudy& s, const std::vector<double>& point, int threads) {
  double total = 0;
  int replicates = 0;
  for (const double v : study_outputs(s, point, threads))
    if (!std::isnan(v)) total += v, ++replicates;
  return replicates > 0 ? total / replicates : std::numeric_limits<double>::quiet_NaN();
}

StudyResult run_sensitivity_study(const SensitivityStudy& s, int threads,
                                  const std::function<void(std::size_t, std::size_t)>& progress) {
  StudyResult result;
  const BatchModel model = [&](const std::vector<std::vector<double>>& points) {
    std::vector<double> out;
    for (const auto& point : points) {
      const std::vector<double> by_replicate = study_outputs(s, point, threads);
      double sum = 0, sum2 = 0, n = 0;
      for (const double v : by_replicate)
        if (!std::isnan(v)) sum += v, sum2 += v * v, n += 1;
      out.push_back(n > 0 ? sum / n : std::numeric_limits<double>::quiet_NaN());
      // The variance of the point's replicate mean: the replicates' noise in its output.
      if (n > 1) result.noise_variance += (sum2 - sum * sum / n) / (n - 1) / n;
      result.points.push_back(point);
      result.outputs.push_back(out.back());
      result.replicate_outputs.push_back(by_replicate);
      if (progress) progress(out.size(), points.size());
    }
    return out;
  };
  if (s.sobol)
    result.sobol = sobol_indices(s.factors, s.rows, model, s.design_seed, s.bootstrap);
  else
    result.morris = morris_effects(s.factors, s.trajectories, s.levels, model, s.design_seed);
  result.noise_variance /= static_cast<double>(std::max<std::size_t>(result.points.size(), 1));
  double mean = 0, ss = 0;
  for (const double v : result.outputs) mean += v / static_cast<double>(result.outputs.size());
  for (const double v : result.outputs) ss += (v - mean) * (v - mean);
  result.output_variance =
      ss / static_cast<double>(std::max<std::size_t>(result.outputs.size(), 2) - 1);
  return result;
}

std::string format_study(const SensitivityStudy& s, const StudyResult& result) {
  std::ostringstream out;
  char line[256];
  out << s.metric << ", mean over " << format_month(s.from_month) << " to "
      << format_month(s.to_month) << " and " << s.replicates << " replicate(s) per point\n";
  const double noise_share = result.output_variance > 0
                                 ? result.noise_variance / result.output_variance
                                 : std::numeric_limits<double>::quiet_NaN();
  std::snprintf(line, sizeof line,
                "replicate noise: %.1f%% of the output's variance over the design (shared by all "
                "points under common random numbers%s)\n",
                100 * noise_share,
                noise_share > 0.5 ? "; so large a share: use more replicates" : "");
  out << line;
  if (s.sobol) {
    out << "Sobol indices, " << result.sobol.evaluations << " points; [95% bootstrap interval]\n";
    std::snprintf(line, sizeof line, "%-48s %8s %-20s %8s %-20s\n", "parameter", "first", "",
                  "total", "");
    out << line;
    for (std::size_t i = 0; i < s.factors.size(); ++i) {
      const SobolIndices& x = result.sobol;
      std::snprintf(line, sizeof line, "%-48s %8.3f [%6.3f, %6.3f]  %8.3f [%6.3f, %6.3f]\n",
                    s.pointers[i].c_str(), x.first[i], x.first_low[i], x.first_high[i], x.total[i],
                    x.total_low[i], x.total_high[i]);
      out << line;
    }
  } else {
    out << "Morris elementary effects, " << result.morris.evaluations
        << " points; per whole range of the parameter\n";
    std::snprintf(line, sizeof line, "%-48s %12s %12s %12s\n", "parameter", "mu*", "mu", "sigma");
    out << line;
    for (std::size_t i = 0; i < s.factors.size(); ++i) {
      std::snprintf(line, sizeof line, "%-48s %12.4g %12.4g %12.4g\n", s.pointers[i].c_str(),
                    result.morris.mu_star[i], result.morris.mu[i], result.morris.sigma[i]);
      out << line;
    }
  }
  return out.str();
}

Dataset study_dataset(const SensitivityStudy& s, const StudyResult& r) {
  Dataset d;
  const std::size_t n = r.points.size();
  d.dimensions.push_back(
      {.name = "parameter", .long_name = "scenario value by JSON pointer", .labels = s.pointers});
  d.dimensions.push_back(index_dimension("point", "design point, in the order run", 0, n));
  d.dimensions.push_back(
      index_dimension("replicate", "replicate", 0, static_cast<std::size_t>(s.replicates)));
  std::vector<double> points, by_replicate;
  for (const auto& p : r.points) points.insert(points.end(), p.begin(), p.end());
  for (const auto& v : r.replicate_outputs)
    by_replicate.insert(by_replicate.end(), v.begin(), v.end());
  add_real(d, "design", "parameter values of each point", {"point", "parameter"}, points);
  add_real(d, "output", "the output at each point (mean over the replicates)", {"point"},
           r.outputs);
  add_real(d, "replicate_output", "the output of each replicate", {"point", "replicate"},
           by_replicate);
  if (s.sobol) {
    add_real(d, "first_order", "Sobol first-order index", {"parameter"}, r.sobol.first);
    add_real(d, "first_order_low", "95% bootstrap interval, low", {"parameter"}, r.sobol.first_low);
    add_real(d, "first_order_high", "95% bootstrap interval, high", {"parameter"},
             r.sobol.first_high);
    add_real(d, "total", "Sobol total index", {"parameter"}, r.sobol.total);
    add_real(d, "total_low", "95% bootstrap interval, low", {"parameter"}, r.sobol.total_low);
    add_real(d, "total_high", "95% bootstrap interval, high", {"parameter"}, r.sobol.total_high);
  } else {
    add_real(d, "mu_star", "Morris mean absolute elementary effect, per whole range", {"parameter"},
             r.morris.mu_star);
    add_real(d, "mu", "Morris mean elementary effect", {"parameter"}, r.morris.mu);
    add_real(d, "sigma", "Morris standard deviation of the effects", {"parameter"}, r.morris.sigma);
  }
  d.text_attributes["drempel_sensitivity"] = s.sobol ? "sobol" : "morris";
  d.text_attributes["config"] = s.config_path;
  d.text_attributes["scenario"] = s.scenario_path;
  d.text_attributes["metric"] = s.metric;
  d.text_attributes["window"] = format_month(s.from_month) + " to " + format_month(s.to_month);
  d.text_attributes["noise_variance"] = format_number(r.noise_variance);
  d.text_attributes["output_variance"] = format_number(r.output_variance);
  d.int32_attributes["replicates"] = s.replicates;
  return d;
}

}  // namespace drempel

// What a method-of-simulated-moments calibration writes: the summary, the HDF5 dataset and the
// calibrated scenario (analysis/simulated_moments.hpp).
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <sstream>

#include "analysis/simulated_moments.hpp"
#include "analysis/study_support.hpp"
#include "engine/scenario.hpp"
#include "engine/version.hpp"

namespace drempel {
namespace {

std::vector<std::string> pointer_tokens(const std::string& pointer) {
  std::vector<std::string> tokens;
  std::size_t start = 1;
  while (start <= pointer.size()) {
    const auto slash = std::min(pointer.find('/', start), pointer.size());
    std::string t = pointer.substr(start, slash - start);
    for (std::size_t at; (at = t.find("~1")) != std::string::npos;) t.replace(at, 2, "/");
    for (std::size_t at; (at = t.find("~0")) != std::string::npos;) t.replace(at, 2, "~");
    tokens.push_back(t);
    start = slash + 1;
  }
  return tokens;
}

bool named_list(const nlohmann::json& a) {
  if (!a.is_array() || a.empty()) return false;
  for (const auto& e : a)
    if (!e.is_object() || !e.contains("name") || !e["name"].is_string()) return false;
  return true;
}

// Writes `value` at tokens[i..] into `out` as an `extends` patch of `base` (the merge rule of
// engine/scenario_merge.hpp): objects key by key, named lists by an object keyed by name, other
// arrays whole.
void patch(nlohmann::json& out, const nlohmann::json& base, const std::vector<std::string>& tokens,
           std::size_t i, double value) {
  if (i == tokens.size()) {
    out = value;
    return;
  }
  const std::string& t = tokens[i];
  if (base.is_object()) {
    patch(out[t], base.at(t), tokens, i + 1, value);
    return;
  }
  if (named_list(base)) {  // patched by an object keyed by the elements' names
    const nlohmann::json* element = nullptr;
    for (const auto& e : base)
      if (e["name"] == t) element = &e;
    if (!element) element = &base.at(std::stoul(t));
    patch(out[(*element)["name"].get<std::string>()], *element, tokens, i + 1, value);
    return;
  }
  if (!out.is_array()) out = base;
  const auto index = std::stoul(t);
  patch(out[index], base.at(index), tokens, i + 1, value);
}

}  // namespace

nlohmann::json calibrated_scenario(const MomentsCalibration& c, const Eigen::VectorXd& values,
                                   const std::string& out_path, const std::string& how) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::absolute(out_path).parent_path();
  nlohmann::json out = nlohmann::json::object();
  out["extends"] =
      fs::absolute(c.scenario_path).lexically_normal().lexically_relative(dir).string();
  out["description"] = "Calibrated by drempel calibrate " + c.config_path + " (" + how +
                       "); the uncertainty is in the calibration's HDF5 file.";
  const nlohmann::json base = load_scenario(c.scenario_path).root;
  for (std::size_t i = 0; i < c.parameters.size(); ++i)
    patch(out, base, pointer_tokens(c.parameters[i].pointer), 0,
          values(static_cast<Eigen::Index>(i)));
  return out;
}

std::string format_moments_fit(const MomentsCalibration& c, const MomentsFit& fit) {
  std::ostringstream out;
  char line[512];
  std::snprintf(line, sizeof line,
                "Method of simulated moments: %zu parameters, %zu moments from %s; %d replicates "
                "per point (common random numbers), %s weighting, %zu simulations\n\n",
                c.parameters.size(), c.moments.size(), c.data_path.c_str(), c.replicates,
                c.weighting.c_str(), fit.trace.size());
  out << line;
  std::size_t width = 9;
  for (const auto& p : c.parameters) width = std::max(width, p.pointer.size());
  for (const auto& m : c.moments) width = std::max(width, m.name.size());
  const int w = static_cast<int>(width);
  std::snprintf(line, sizeof line, "%-*s  %11s  %11s  %11s  %11s  %11s\n", w, "parameter",
                "estimate", "std. error", "95% low", "95% high", "first step");
  out << line;
  for (std::size_t i = 0; i < c.parameters.size(); ++i) {
    const auto e = static_cast<Eigen::Index>(i);
    const double est = fit.estimate(e);
    const double se = fit.standard_error.size() ? fit.standard_error(e) : std::nan("");
    std::snprintf(line, sizeof line, "%-*s  %11.5g  %11.4g  %11.5g  %11.5g  %11.5g\n", w,
                  c.parameters[i].pointer.c_str(), est, se, est - 1.959964 * se,
                  est + 1.959964 * se, fit.first_step(e));
    out << line;
  }
  std::snprintf(line, sizeof line, "\n%-*s  %11s  %11s  %11s  %11s\n", w, "moment", "data",
                "simulated", "std. error", "t");
  out << line;
  for (std::size_t i = 0; i < c.moments.size(); ++i) {
    const auto e = static_cast<Eigen::Index>(i);
    const double se = fit.omega.size() ? std::sqrt(fit.omega(e, e)) : std::nan("");
    std::snprintf(line, sizeof line, "%-*s  %11.5g  %11.5g  %11.4g  %11.2f\n", w,
                  c.moments[i].name.c_str(), c.data(e), fit.simulated(e), se,
                  (fit.simulated(e) - c.data(e)) / se);
    out << line;
  }
  out << "(std. error: of data minus simulation, sqrt of Omega's diagonal; t: their difference "
         "over it)\n\n";
  if (!std::isnan(fit.j_statistic)) {
    std::snprintf(line, sizeof line,
                  "J test of the over-identifying restrictions: J = %.3f, chi-squared with %d "
                  "degrees of freedom, p = %.3f%s\n",
                  fit.j_statistic, fit.j_degrees, fit.j_p_value,
                  fit.j_p_value < 0.05 ? ": the model does not fit all moments at once" : "");
    out << line;
  } else {
    out << "J test: not available (it needs optimal weighting and more moments than "
           "parameters)\n";
  }
  if (fit.singular_values.size()) {
    out << "identification: singular values of Omega^-1/2 G:";
    for (Eigen::Index i = 0; i < fit.singular_values.size(); ++i) {
      std::snprintf(line, sizeof line, " %.3g", fit.singular_values(i));
      out << line;
    }
    out << "\n";
  }
  for (const auto& warning : fit.warnings) out << "warning: " << warning << "\n";
  return out.str();
}

Dataset moments_dataset(const MomentsCalibration& c, const MomentsFit& fit) {
  Dataset d;
  std::vector<std::string> pointers, names;
  for (const auto& p : c.parameters) pointers.push_back(p.pointer);
  for (const auto& m : c.moments) names.push_back(m.name);
  d.dimensions.push_back(
      {.name = "parameter", .long_name = "scenario value by JSON pointer", .labels = pointers});
  d.dimensions.push_back(
      {.name = "parameter_other", .long_name = "parameter (second index)", .labels = pointers});
  d.dimensions.push_back(
      {.name = "moment", .long_name = "moment (analysis/moments.hpp)", .labels = names});
  d.dimensions.push_back(
      {.name = "moment_other", .long_name = "moment (second index)", .labels = names});
  d.dimensions.push_back(
      index_dimension("simulation", "simulation, in the order run", 0, fit.trace.size()));
  add_real(d, "estimate", "estimate", {"parameter"}, values_of(fit.estimate));
  add_real(d, "standard_error", "standard error (sandwich)", {"parameter"},
           values_of(fit.standard_error));
  add_real(d, "first_step_estimate", "estimate of the first step", {"parameter"},
           values_of(fit.first_step));
  add_real(d, "covariance", "covariance of the estimates", {"parameter", "parameter_other"},
           row_major(fit.covariance));
  add_real(d, "data_moment", "moment in the data", {"moment"}, values_of(c.data));
  add_real(d, "simulated_moment", "moment simulated at the estimate", {"moment"},
           values_of(fit.simulated));
  add_real(d, "data_covariance", "covariance of the data moments", {"moment", "moment_other"},
           row_major(c.data_covariance));
  add_real(d, "omega", "covariance of data minus simulated moments at the estimate",
           {"moment", "moment_other"}, row_major(fit.omega));
  add_real(d, "jacobian", "derivative of the simulated moments by the parameters",
           {"moment", "parameter"}, row_major(fit.jacobian));
  std::vector<double> objective, xs;
  std::vector<std::int64_t> steps, feasible;
  for (const auto& t : fit.trace) {
    objective.push_back(t.objective);
    steps.push_back(t.step);
    feasible.push_back(t.feasible ? 1 : 0);
    xs.insert(xs.end(), t.x.begin(), t.x.end());
  }
  add_real(d, "trace_objective", "objective g'Wg of the step (1e12: infeasible)", {"simulation"},
           objective);
  add_real(d, "trace_point", "parameter values simulated", {"simulation", "parameter"}, xs);
  d.variables.push_back({.name = "trace_step",
                         .long_name = "1 first step, 2 optimal weights, 3 Jacobian",
                         .dims = {"simulation"},
                         .integer = steps});
  d.variables.push_back({.name = "trace_feasible",
                         .long_name = "1: a valid scenario with every moment defined",
                         .dims = {"simulation"},
                         .integer = feasible});
  d.text_attributes["drempel_calibration"] = "moments";
  d.text_attributes["drempel_version"] = kEngineVersion;
  d.text_attributes["config"] = c.config_path;
  d.text_attributes["scenario"] = c.scenario_path;
  d.text_attributes["data"] = c.data_path;
  d.text_attributes["weighting"] = c.weighting;
  d.text_attributes["j_statistic"] = format_number(fit.j_statistic);
  d.text_attributes["j_p_value"] = format_number(fit.j_p_value);
  d.text_attributes["warnings"] = joined_lines(fit.warnings);
  d.int32_attributes["replicates"] = c.replicates;
  d.text_attributes["seconds"] = format_number(fit.seconds);
  d.int32_attributes["j_degrees_of_freedom"] = fit.j_degrees;
  return d;
}

}  // namespace drempel

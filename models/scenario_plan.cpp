// plan_scenario (models/run.hpp): a scenario, or each point of its sweep, read into parameters.
#include <algorithm>

#include "engine/json_pointer.hpp"
#include "engine/sweep.hpp"
#include "models/run.hpp"

namespace drempel {
namespace {

bool same_issue(const ScenarioIssue& a, const ScenarioIssue& b) {
  return a.file == b.file && a.pointer == b.pointer && a.expected == b.expected &&
         a.found == b.found;
}

// What a results file holds once for every point; a point that changes it cannot share the file.
std::string shared_difference(const ModelParameters& a, const ModelParameters& b) {
  std::vector<std::string> names_a, names_b;
  for (const auto& g : a.regions) names_a.push_back(g.name);
  for (const auto& g : b.regions) names_b.push_back(g.name);
  if (a.start_month != b.start_month) return "start_month";
  if (a.months != b.months) return "months";
  if (a.replicates != b.replicates) return "replicates";
  if (a.seed != b.seed) return "seed";
  if (names_a != names_b) return "the regions";
  return "";
}

SweepCoordinate coordinate(const std::string& pointer, const std::vector<nlohmann::json>& roots) {
  SweepCoordinate c;
  c.pointer = pointer;
  std::vector<std::string> tokens;
  split_pointer(pointer, tokens);
  std::vector<const nlohmann::json*> values;
  for (const auto& root : roots) {
    std::size_t depth = 0;
    values.push_back(walk_pointer(root, tokens, depth));
  }
  const bool numbers = std::all_of(values.begin(), values.end(),
                                   [](const nlohmann::json* v) { return v && v->is_number(); });
  for (const nlohmann::json* v : values) {
    if (numbers)
      c.numbers.push_back(v->get<double>());
    else
      c.texts.push_back(v ? v->dump() : "null");
  }
  return c;
}

}  // namespace

ScenarioPlan plan_scenario(const ScenarioDocument& doc) {
  ScenarioPlan plan;
  plan.scenario_json = doc.root.dump();
  const SweepPlan sweep = read_sweep(doc);
  if (sweep.empty()) {
    plan.points.push_back(read_model_parameters(doc));
    plan.point_json.push_back(plan.scenario_json);
    return plan;
  }
  std::vector<ScenarioIssue> issues;
  std::vector<nlohmann::json> roots;
  for (const SweepPoint& point : sweep.points) {
    const ScenarioDocument point_doc = sweep_point_document(doc, point);
    try {
      plan.points.push_back(read_model_parameters(point_doc));
    } catch (const InputError& error) {
      // A problem of the base shows in every point: report it once.
      for (const ScenarioIssue& issue : error.issues())
        if (std::none_of(issues.begin(), issues.end(),
                         [&](const ScenarioIssue& i) { return same_issue(i, issue); }))
          issues.push_back(issue);
      plan.points.emplace_back();
    }
    plan.point_names.push_back(point.name);
    plan.point_json.push_back(point_doc.root.dump());
    roots.push_back(point_doc.root);
  }
  if (issues.empty())
    for (std::size_t i = 1; i < plan.points.size(); ++i) {
      const std::string changed = shared_difference(plan.points[0], plan.points[i]);
      if (!changed.empty())
        issues.push_back({doc.file_of("/sweep"), "/sweep",
                          "points that share start_month, months, replicates, seed and regions "
                          "(a results file holds one of each)",
                          "point \"" + plan.point_names[i] + "\" changes " + changed});
    }
  if (!issues.empty()) throw InputError(std::move(issues));
  for (const std::string& pointer : sweep.pointers)
    plan.coordinates.push_back(coordinate(pointer, roots));
  return plan;
}

}  // namespace drempel

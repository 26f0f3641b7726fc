#include "models/run.hpp"

#include <algorithm>

#include "engine/parallel.hpp"
#include "engine/progress.hpp"
#include "engine/version.hpp"
#include "models/pathways_model.hpp"
#include "models/reform_inflow.hpp"

namespace drempel {
namespace {

std::vector<ArrivalSchedule> draw_all_arrivals(const ModelParameters& p) {
  std::vector<ArrivalSchedule> out;
  for (std::int32_t r = 0; r < p.replicates; ++r)
    out.push_back(draw_arrivals(p, RandomStreams(p.seed, static_cast<std::uint32_t>(r))));
  return out;
}

std::size_t capacity_for(const ModelParameters& p, const std::vector<ArrivalSchedule>& arrivals) {
  std::uint64_t initial = 0;
  for (const auto& g : p.regions) initial += static_cast<std::uint64_t>(g.initial_clients);
  std::uint64_t most = 0;
  for (const auto& a : arrivals) most = std::max(most, a.total());
  return static_cast<std::size_t>(initial + most);
}

}  // namespace

Results make_results(const ModelParameters& p, const std::string& scenario_json) {
  Results res;
  for (const auto& g : p.regions) res.region_names.push_back(g.name);
  for (const char* s : kStageNames) res.stage_names.emplace_back(s);
  for (std::int32_t m = 0; m < p.months; ++m)
    res.month_labels.push_back(format_month(p.start_month + m));
  res.replicates = p.replicates;
  for (const auto& info : kMetricInfo)
    res.metrics.push_back({info.name, info.units, info.long_name, {}, info.region_total});
  res.allocate();
  res.engine_version = kEngineVersion;
  res.scenario_json = scenario_json;
  res.seed = p.seed;
  res.start_month = format_month(p.start_month);
  return res;
}

std::size_t plan_capacity(const ModelParameters& params) {
  return capacity_for(params, draw_all_arrivals(params));
}

namespace {

// Every replicate of one parameter set, reporting each month to `progress` under `label`.
Results run_one(const ModelParameters& params, const std::string& scenario_json,
                const RunOptions& options, ProgressReporter& progress, const std::string& label) {
  const auto arrivals = draw_all_arrivals(params);
  PathwaysModel model(params, capacity_for(params, arrivals), options.block_size);
  Results results = make_results(params, scenario_json);
  for (std::int32_t r = 0; r < params.replicates; ++r) {
    model.start_replicate(static_cast<std::uint32_t>(r), arrivals[static_cast<std::size_t>(r)],
                          results);
    for (std::int32_t m = 0; m < params.months; ++m) {
      model.step(m, results);
      progress.step_done(static_cast<std::int64_t>(model.active_agents()), [&] {
        return label + results.month_labels[static_cast<std::size_t>(m)] + " replicate " +
               std::to_string(r + 1) + "/" + std::to_string(params.replicates);
      });
    }
  }
  return results;
}

}  // namespace

Results run_pathways(const ModelParameters& params, const std::string& scenario_json,
                     const RunOptions& options) {
  ThreadLimit limit(options.threads);
  return limit.execute([&] {
    ProgressReporter progress(static_cast<std::int64_t>(params.months) * params.replicates,
                              options.progress);
    Results results = run_one(params, scenario_json, options, progress, "");
    progress.finish();
    return results;
  });
}

ResultsFile run_plan(const ScenarioPlan& plan, const RunOptions& options) {
  ThreadLimit limit(options.threads);
  return limit.execute([&] {
    std::int64_t steps = 0;
    for (const auto& p : plan.points) steps += static_cast<std::int64_t>(p.months) * p.replicates;
    ProgressReporter progress(steps, options.progress);
    ResultsFile file;
    file.point_names = plan.point_names;
    file.coordinates = plan.coordinates;
    file.scenario_json = plan.scenario_json;
    for (std::size_t i = 0; i < plan.points.size(); ++i) {
      const std::string label = plan.is_sweep() ? "point " + std::to_string(i + 1) + "/" +
                                                      std::to_string(plan.points.size()) + " " +
                                                      plan.point_names[i] + "  "
                                                : "";
      file.points.push_back(run_one(plan.points[i], plan.point_json[i], options, progress, label));
    }
    progress.finish();
    return file;
  });
}

Results run_scenario_file(const std::string& path, const std::vector<std::string>& overrides,
                          const RunOptions& options) {
  const ScenarioDocument doc = load_scenario(path, overrides);
  const ModelParameters params = read_model_parameters(doc);
  return run_pathways(params, doc.root.dump(), options);
}

}  // namespace drempel

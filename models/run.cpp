#include "models/run.hpp"

#include <algorithm>
#include <bit>
#include <memory>
#include <thread>

#include "engine/input_file.hpp"
#include "engine/parallel.hpp"
#include "engine/progress.hpp"
#include "engine/replicates.hpp"
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

namespace {

// The results' shape without their values.
Results results_shape(const ModelParameters& p) {
  Results res;
  for (const auto& g : p.regions) res.region_names.push_back(g.name);
  for (const char* s : kStageNames) res.stage_names.emplace_back(s);
  for (std::int32_t m = 0; m < p.months; ++m)
    res.month_labels.push_back(format_month(p.start_month + m));
  res.replicates = p.replicates;
  for (const auto& info : kMetricInfo)
    res.metrics.push_back({info.name, info.units, info.long_name, {}, info.region_total});
  PathwaysMechanisms::add_tables(res);
  return res;
}

}  // namespace

Results make_results(const ModelParameters& p, const std::string& scenario_json) {
  Results res = results_shape(p);
  res.allocate();
  nlohmann::json inputs = nlohmann::json::object();
  for (const std::string& path : {p.inflow.recipients_csv, p.inflow.new_claims_csv}) {
    std::vector<ScenarioIssue> ignored;  // (read before, when the parameters were)
    if (const auto text = read_input_file(path, "", ignored)) inputs[path] = *text;
  }
  if (!inputs.empty())
    res.input_files_json = inputs.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  res.engine_version = kEngineVersion;
  res.scenario_json = scenario_json;
  res.seed = p.seed;
  res.start_month = format_month(p.start_month);
  return res;
}

std::size_t plan_capacity(const ModelParameters& params) {
  return capacity_for(params, draw_all_arrivals(params));
}

// What a model's peak resident memory holds beyond the buffers PathwaysModel::bytes_for lists
// (the place-request list and its allocator grown in busy months, the allocator's heap): set so
// that the estimate covers the peak measured for one region of a million clients, the worst case
// in benchmarks/README.md ("Memory estimate").
constexpr std::uint64_t kUnlistedBytesPerClient = 190;

MemoryEstimate estimate_memory(const ScenarioPlan& plan, int threads, bool checkpoints) {
  MemoryEstimate e;
  std::uint64_t replicates = 0;
  for (const ModelParameters& p : plan.points) {
    const std::size_t capacity = plan_capacity(p);
    e.agents = std::max<std::uint64_t>(e.agents, capacity);
    e.agent_bytes = std::max<std::uint64_t>(
        e.agent_bytes, PathwaysModel::bytes_for(p, capacity, block_size_for(capacity)) +
                           capacity * kUnlistedBytesPerClient);
    e.results_bytes += results_shape(p).allocation_bytes();
    replicates += static_cast<std::uint64_t>(p.replicates);
  }
  const std::uint64_t workers =
      threads > 0 ? static_cast<std::uint64_t>(threads)
                  : static_cast<std::uint64_t>(std::max(1u, std::thread::hardware_concurrency()));
  e.models = std::max<std::uint64_t>(1, std::min(workers, replicates));
  // Each running model's saved state and the buffer of its next one (its clients' columns and
  // its replicate's results), and the finished replicates' results.
  if (checkpoints)
    e.checkpoint_bytes =
        2 * e.models *
            (e.agents * ClientColumns::bytes_per_agent() + e.results_bytes / replicates) +
        e.results_bytes;
  e.total = e.models * e.agent_bytes + 2 * e.results_bytes + e.checkpoint_bytes;
  return e;
}

namespace {

// One parameter set of a run: its arrival schedules, capacity and results.
struct PointRun {
  const ModelParameters* params;
  std::vector<ArrivalSchedule> arrivals;
  std::size_t capacity = 0;
  Results results;
  std::string label;
};

}  // namespace

std::size_t block_size_for(std::size_t capacity) {
  return std::clamp<std::size_t>(std::bit_floor(capacity / 64), 1024, 8192);
}

namespace {

PointRun prepare(const ModelParameters& params, const std::string& scenario_json,
                 std::string label) {
  PointRun run{&params, draw_all_arrivals(params), 0, make_results(params, scenario_json),
               std::move(label)};
  run.capacity = capacity_for(params, run.arrivals);
  return run;
}

// Where replicate r of point p starts: from month 0, or as a checkpoint left it (its results
// restored, and its model's state when it was running). Returns the first month to run.
std::int32_t begin_replicate(PathwaysModel& model, PointRun& run, const RunOptions& options,
                             std::size_t p, std::int32_t r) {
  const auto replicate = static_cast<std::uint32_t>(r);
  const ArrivalSchedule& arrivals = run.arrivals[static_cast<std::size_t>(r)];
  const CheckpointTask* saved =
      options.resume != nullptr ? &options.resume->tasks[p][static_cast<std::size_t>(r)] : nullptr;
  if (saved == nullptr || saved->status == CheckpointTask::Status::kNotStarted) {
    model.start_replicate(replicate, arrivals, run.results);
    return 0;
  }
  StateReader in(saved->state);
  run.results.replicate_state(in, r);
  if (saved->status == CheckpointTask::Status::kDone) {
    if (!in.at_end()) throw StateError("a finished replicate's state has bytes left");
    return run.params->months;
  }
  model.resume_replicate(replicate, arrivals, in);
  return saved->months_done;
}

// Every replicate of every point, in parallel over (point, replicate) and, within a month, over
// blocks of clients (engine/replicates.hpp).
void run_points(std::vector<PointRun>& runs, const RunOptions& options,
                ProgressReporter& progress) {
  std::vector<std::int32_t> replicates;
  for (const auto& run : runs) replicates.push_back(run.params->replicates);
  CheckpointWriter* const checkpoint = options.checkpoint;
  for_each_replicate<PathwaysModel>(
      replicates,
      [&](std::size_t p) {
        return std::make_unique<PathwaysModel>(
            *runs[p].params, runs[p].capacity,
            options.block_size != 0 ? options.block_size : block_size_for(runs[p].capacity));
      },
      [&](PathwaysModel& model, std::size_t p, std::int32_t r) {
        PointRun& run = runs[p];
        const std::int32_t first = begin_replicate(model, run, options, p, r);
        std::string buffer;  // the previous checkpoint's memory, reused
        for (std::int32_t m = first; m < run.params->months; ++m) {
          model.step(m, run.results);
          if (checkpoint != nullptr && checkpoint->due(m + 1) && m + 1 < run.params->months) {
            StateWriter out(std::move(buffer));
            run.results.replicate_state(out, r);
            model.save_state(out);
            buffer = checkpoint->save(p, r, m + 1, out.take());
          }
          progress.step_done(static_cast<std::int64_t>(model.active_agents()), [&] {
            return run.label + run.results.month_labels[static_cast<std::size_t>(m)] +
                   " replicate " + std::to_string(r + 1) + "/" +
                   std::to_string(run.params->replicates);
          });
        }
        if (checkpoint != nullptr && first < run.params->months) {
          StateWriter out;
          run.results.replicate_state(out, r);
          checkpoint->done(p, r, run.params->months, out.take());
        }
      },
      options.process, options.processes);
}

// The months this process will step: those of its tasks, less those a resumed checkpoint has
// already done (for the progress line).
std::int64_t steps_to_do(const std::vector<const ModelParameters*>& points,
                         const RunOptions& options) {
  std::int64_t steps = 0;
  std::size_t task = 0;
  for (std::size_t p = 0; p < points.size(); ++p)
    for (std::int32_t r = 0; r < points[p]->replicates; ++r)
      if (task_owner(task++, options.processes) == options.process)
        steps += points[p]->months -
                 (options.resume != nullptr
                      ? options.resume->tasks[p][static_cast<std::size_t>(r)].months_done
                      : 0);
  return steps;
}

}  // namespace

Results run_pathways(const ModelParameters& params, const std::string& scenario_json,
                     const RunOptions& options) {
  ThreadLimit limit(options.threads);
  return limit.execute([&] {
    ProgressReporter progress(steps_to_do({&params}, options), options.progress);
    std::vector<PointRun> runs;
    runs.push_back(prepare(params, scenario_json, ""));
    run_points(runs, options, progress);
    progress.finish();
    return std::move(runs.front().results);
  });
}

ResultsFile run_plan(const ScenarioPlan& plan, const RunOptions& options) {
  ThreadLimit limit(options.threads);
  return limit.execute([&] {
    std::vector<const ModelParameters*> points;
    for (const ModelParameters& p : plan.points) points.push_back(&p);
    ProgressReporter progress(steps_to_do(points, options), options.progress);
    std::vector<PointRun> runs;
    for (std::size_t i = 0; i < plan.points.size(); ++i)
      runs.push_back(prepare(plan.points[i], plan.point_json[i],
                             plan.is_sweep() ? "point " + std::to_string(i + 1) + "/" +
                                                   std::to_string(plan.points.size()) + " " +
                                                   plan.point_names[i] + "  "
                                             : ""));
    run_points(runs, options, progress);
    progress.finish();
    ResultsFile file;
    file.point_names = plan.point_names;
    file.coordinates = plan.coordinates;
    file.scenario_json = plan.scenario_json;
    for (auto& run : runs) file.points.push_back(std::move(run.results));
    return file;
  });
}

void gather_results(ResultsFile& file, ProcessGroup& group) {
  if (group.size() == 1) return;
  // Every task's replicate, in task order, from the rank that ran it.
  const auto tasks_of = [&](int rank, auto&& fn) {
    std::size_t task = 0;
    for (Results& point : file.points)
      for (int r = 0; r < point.replicates; ++r)
        if (task_owner(task++, group.size()) == rank) fn(point, r);
  };
  StateWriter mine;
  if (group.rank() != 0)
    tasks_of(group.rank(), [&](Results& point, int r) { point.replicate_state(mine, r); });
  const std::vector<std::string> all = group.gather(mine.take());
  for (int rank = 1; rank < static_cast<int>(all.size()); ++rank) {
    StateReader in(all[static_cast<std::size_t>(rank)]);
    tasks_of(rank, [&](Results& point, int r) { point.replicate_state(in, r); });
    if (!in.at_end()) throw StateError("rank " + std::to_string(rank) + " sent more results");
  }
}

Checkpoint empty_checkpoint(const ScenarioPlan& plan, nlohmann::json header) {
  Checkpoint c;
  c.header = header.is_object() ? std::move(header) : nlohmann::json::object();
  for (const ModelParameters& p : plan.points)
    c.tasks.emplace_back(static_cast<std::size_t>(p.replicates));
  return c;
}

void check_checkpoint(const ScenarioPlan& plan, const Checkpoint& checkpoint,
                      const std::string& path) {
  const auto bad = [&](const std::string& expected, const std::string& found) {
    throw InputError({{path, "", expected, found}});
  };
  if (checkpoint.tasks.size() != plan.points.size())
    bad(std::to_string(plan.points.size()) + " sweep point(s), as the scenario has",
        std::to_string(checkpoint.tasks.size()));
  for (std::size_t p = 0; p < plan.points.size(); ++p) {
    const ModelParameters& params = plan.points[p];
    const auto& tasks = checkpoint.tasks[p];
    if (tasks.size() != static_cast<std::size_t>(params.replicates))
      bad(std::to_string(params.replicates) + " replicates, as the scenario has",
          std::to_string(tasks.size()));
    for (const CheckpointTask& t : tasks) {
      using S = CheckpointTask::Status;
      const bool fits = t.status == S::kNotStarted ? t.months_done == 0
                        : t.status == S::kDone     ? t.months_done == params.months
                                               : t.months_done > 0 && t.months_done < params.months;
      if (!fits)
        bad("replicates within the scenario's " + std::to_string(params.months) + " months",
            "a replicate at month " + std::to_string(t.months_done));
    }
  }
}

Results run_scenario_file(const std::string& path, const std::vector<std::string>& overrides,
                          const RunOptions& options) {
  const ScenarioDocument doc = load_scenario(path, overrides);
  const ModelParameters params = read_model_parameters(doc);
  return run_pathways(params, doc.root.dump(), options);
}

}  // namespace drempel

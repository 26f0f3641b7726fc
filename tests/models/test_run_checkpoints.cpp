// Checkpoints of a run (models/run.hpp, RunOptions::checkpoint and ::resume): saving changes no
// result, and a run continued from a checkpoint taken after any month, with any mix of replicates
// done, running and not started, gives the results of the uninterrupted run bit for bit.
#include <catch2/catch.hpp>
#include <filesystem>
#include <memory>

#include "engine/checkpoint.hpp"
#include "engine/replicates.hpp"
#include "engine/state_archive.hpp"
#include "models/pathways_model.hpp"
#include "models/run.hpp"
#include "tests/support/cli.hpp"
#include "tests/support/results_equal.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;

namespace {

std::string checkpoint_file(const std::string& name) {
  const std::string path = (test::work_dir("run_checkpoints") / name).string();
  std::filesystem::remove(path);
  return path;
}

// Runs `plan` with checkpoints every `every` months into `path`; returns the results.
ResultsFile run_saving(const ScenarioPlan& plan, const std::string& path, int every, int threads) {
  // (Every save written, so that the file holds each replicate's last one.)
  CheckpointWriter writer(path, empty_checkpoint(plan, {}), every, std::chrono::milliseconds(0));
  RunOptions options;
  options.threads = threads;
  options.checkpoint = &writer;
  return run_plan(plan, options);
}

ResultsFile resume(const ScenarioPlan& plan, Checkpoint c, const std::string& path, int threads) {
  check_checkpoint(plan, c, path);
  CheckpointWriter writer(path, std::move(c), 1000);
  RunOptions options;
  options.threads = threads;
  options.checkpoint = &writer;
  options.resume = &writer.checkpoint();
  return run_plan(plan, options);
}

}  // namespace

TEST_CASE("a run resumed from the checkpoint of any month equals the uninterrupted run",
          "[run][checkpoint]") {
  const ScenarioPlan plan = plan_scenario(test::baseline({"/months=12", "/replicates=3"}));
  const ResultsFile full = run_plan(plan);
  for (const int every : {1, 5, 11}) {
    INFO("checkpoint every " << every << " months");
    const std::string path = checkpoint_file("every" + std::to_string(every));
    test::check_same_data(full, run_saving(plan, path, every, 2));  // saving changes nothing
    // After the run the file holds each replicate done or at its last checkpoint (a finished
    // replicate is written with the next save only); the last save's replicate is running.
    const Checkpoint c = read_checkpoint(path);
    int running = 0;
    for (const CheckpointTask& t : c.tasks.at(0)) {
      if (t.status == CheckpointTask::Status::kRunning) {
        ++running;
        CHECK(t.months_done == 11 / every * every);
      } else {
        CHECK(t.status == CheckpointTask::Status::kDone);
        CHECK(t.months_done == 12);
      }
    }
    CHECK(running >= 1);
    for (const int threads : {1, 2}) {
      INFO(threads << " thread(s)");
      test::check_same_data(full, resume(plan, c, checkpoint_file("resumed"), threads));
    }
  }
}

TEST_CASE("a resumed run takes finished replicates from the checkpoint and starts the others",
          "[run][checkpoint]") {
  const ScenarioPlan plan = plan_scenario(test::baseline({"/months=9", "/replicates=3"}));
  const ResultsFile full = run_plan(plan);
  const std::string path = checkpoint_file("mixed");
  run_saving(plan, path, 4, 2);
  Checkpoint c = read_checkpoint(path);
  // Replicate 0 done (its results from the full run), 1 at month 8, 2 not started.
  StateWriter done;
  ResultsFile copy = full;
  copy.points[0].replicate_state(done, 0);
  c.tasks[0][0] = {CheckpointTask::Status::kDone, 9, done.take()};
  c.tasks[0][2] = {};
  test::check_same_data(full, resume(plan, c, checkpoint_file("mixed-resumed"), 2));
  // A finished replicate's results come from the checkpoint: altered there, altered in the run.
  ++copy.points[0].stage_count[0];
  StateWriter altered;
  copy.points[0].replicate_state(altered, 0);
  c.tasks[0][0].state = altered.take();
  const ResultsFile resumed = resume(plan, c, checkpoint_file("mixed-altered"), 2);
  CHECK(resumed.points[0].stage_count[0] == full.points[0].stage_count[0] + 1);
}

TEST_CASE("every point of a sweep resumes from its checkpoint", "[run][checkpoint]") {
  ScenarioDocument doc = test::baseline({"/months=8", "/replicates=2"});
  doc.root["sweep"] = nlohmann::json::parse(
      R"({"variants": [{"name": "a", "set": {}},
                        {"name": "b", "set": {"/regions/eeklo/caseworker_fte": 7.0,
                                              "/regions/eeklo/caseworker_budget_fte": 8.0}}]})");
  const ScenarioPlan plan = plan_scenario(doc);
  REQUIRE(plan.points.size() == 2);
  const ResultsFile full = run_plan(plan);
  const std::string path = checkpoint_file("sweep");
  run_saving(plan, path, 3, 2);
  test::check_same_data(full, resume(plan, read_checkpoint(path), checkpoint_file("sweep-r"), 1));
}

namespace {

// The results of a run whose tasks process k of `processes` ran with `options_for(k)`: each task's
// replicate from the process that owns it, as gather_results collects them over MPI.
template <class OptionsFor>
ResultsFile run_by_processes(const ScenarioPlan& plan, int processes, OptionsFor&& options_for) {
  ResultsFile all;
  for (int k = 0; k < processes; ++k) {
    const ResultsFile mine = run_plan(plan, options_for(k));
    if (k == 0) all = mine;
    std::size_t task = 0;
    for (std::size_t p = 0; p < plan.points.size(); ++p)
      for (std::int32_t r = 0; r < plan.points[p].replicates; ++r)
        if (task_owner(task++, processes) == k) {
          ResultsFile copy = mine;  // (replicate_state reads into its argument when restoring)
          StateWriter out;
          copy.points[p].replicate_state(out, r);
          const std::string bytes = out.take();  // (a StateReader reads bytes it does not own)
          StateReader in(bytes);
          all.points[p].replicate_state(in, r);
        }
  }
  return all;
}

}  // namespace

TEST_CASE("a run spread over processes resumes from its parts on any number of processes",
          "[run][checkpoint]") {
  const ScenarioPlan plan = plan_scenario(test::baseline({"/months=9", "/replicates=5"}));
  const ResultsFile full = run_plan(plan);
  // Two processes, each saving its part every 2 months (every save written).
  const std::string path = checkpoint_file("parts");
  for (const auto& part : checkpoint_other_parts(path)) std::filesystem::remove(part.second);
  std::vector<std::unique_ptr<CheckpointWriter>> writers;
  const ResultsFile saved = run_by_processes(plan, 2, [&](int k) {
    writers.push_back(std::make_unique<CheckpointWriter>(checkpoint_part_path(path, k),
                                                         empty_checkpoint(plan, {{"rank", k}}), 2,
                                                         std::chrono::milliseconds(0)));
    RunOptions options;
    options.checkpoint = writers.back().get();
    options.process = k;
    options.processes = 2;
    return options;
  });
  test::check_same_data(full, saved);
  REQUIRE(checkpoint_other_parts(path).size() == 1);
  for (const int processes : {1, 2, 3}) {
    INFO("resumed on " << processes << " process(es)");
    std::vector<std::unique_ptr<CheckpointWriter>> resumed;
    test::check_same_data(full, run_by_processes(plan, processes, [&](int k) {
                            Checkpoint start = read_checkpoint_parts(path, k, processes, {"rank"});
                            check_checkpoint(plan, start, path);
                            // Every task saved at least once: each continues from one of the parts,
                            // not from month 0.
                            for (std::int32_t r = 0; r < 5; ++r)
                              if (task_owner(static_cast<std::size_t>(r), processes) == k)
                                CHECK(start.tasks[0][static_cast<std::size_t>(r)].status !=
                                      CheckpointTask::Status::kNotStarted);
                            // (Not rewritten: every 1000 months; the parts stay as the two
                            // processes left them.)
                            resumed.push_back(std::make_unique<CheckpointWriter>(
                                checkpoint_file("parts-resumed"), std::move(start), 1000));
                            RunOptions options;
                            options.checkpoint = resumed.back().get();
                            options.resume = &resumed.back()->checkpoint();
                            options.process = k;
                            options.processes = processes;
                            return options;
                          }));
  }
}

TEST_CASE("a checkpoint of another plan is refused", "[run][checkpoint]") {
  const ScenarioPlan plan = plan_scenario(test::baseline({"/months=6", "/replicates=2"}));
  const std::string path = checkpoint_file("other");
  run_saving(plan, path, 2, 1);
  const Checkpoint c = read_checkpoint(path);
  SECTION("other replicates or months: check_checkpoint names the file") {
    const ScenarioPlan more = plan_scenario(test::baseline({"/months=6", "/replicates=3"}));
    CHECK_THROWS_AS(check_checkpoint(more, c, path), InputError);
    const ScenarioPlan shorter = plan_scenario(test::baseline({"/months=4", "/replicates=2"}));
    CHECK_THROWS_AS(check_checkpoint(shorter, c, path), InputError);
  }
  SECTION("a model state of another scenario: StateError, nothing half-read") {
    const ModelParameters two_regions = read_model_parameters(
        load_scenario(test::source_path("tests/fixtures/bad_scenarios/two_regions.json")));
    PathwaysModel model(two_regions, plan_capacity(two_regions), 1024);
    const ArrivalSchedule arrivals = draw_arrivals(two_regions, RandomStreams(two_regions.seed, 0));
    const std::string& state = c.tasks[0][0].state;
    Results scratch = make_results(plan.points[0], "");
    StateReader in(state);
    scratch.replicate_state(in, 0);  // the results part fits its own plan
    CHECK_THROWS_AS(model.resume_replicate(0, arrivals, in), StateError);
  }
}

TEST_CASE("a model saved after month k and restored into a fresh model continues exactly",
          "[run][checkpoint]") {
  // The larger baseline over 36 months, so that art. 60 contracts end and their follow-up
  // counters, staff turnover and waiting lists all carry state across the checkpoint.
  const ModelParameters p = test::baseline_parameters(test::larger_baseline({"/replicates=1"}));
  const std::size_t capacity = plan_capacity(p);
  const ArrivalSchedule arrivals = draw_arrivals(p, RandomStreams(p.seed, 0));
  Results full = make_results(p, "");
  {
    PathwaysModel model(p, capacity, block_size_for(capacity));
    model.start_replicate(0, arrivals, full);
    for (std::int32_t m = 0; m < p.months; ++m) model.step(m, full);
  }
  for (const std::int32_t k : {1, 6, 13, 20, 27, 35}) {
    INFO("saved after month " << k);
    Results res = make_results(p, "");
    StateWriter out;
    {
      PathwaysModel first(p, capacity, block_size_for(capacity));
      first.start_replicate(0, arrivals, res);
      for (std::int32_t m = 0; m < k; ++m) first.step(m, res);
      first.save_state(out);
    }
    PathwaysModel second(p, capacity, block_size_for(capacity));
    StateReader in(out.bytes());
    second.resume_replicate(0, arrivals, in);
    for (std::int32_t m = k; m < p.months; ++m) second.step(m, res);
    test::check_same_data(full, res);
  }
}

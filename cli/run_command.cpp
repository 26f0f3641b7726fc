// drempel run and drempel resume: a scenario's run, with checkpoints that let a killed run go on
// (docs/checkpoints.md).

#include <cstdio>
#include <exception>
#include <filesystem>
#include <functional>
#include <optional>

#include "analysis/run_summary.hpp"
#include "cli/commands.hpp"
#include "engine/checkpoint.hpp"
#include "engine/input_file.hpp"
#include "engine/output_files.hpp"
#include "engine/process_group.hpp"
#include "engine/progress.hpp"
#include "engine/results_hdf5.hpp"
#include "engine/scenario.hpp"
#include "engine/version.hpp"
#include "models/model_description.hpp"
#include "models/run.hpp"

namespace drempel {
namespace {

namespace fs = std::filesystem;

// The CSV tables the points read, by content: a resumed run must read the same ones.
nlohmann::json input_tables(const ScenarioPlan& plan) {
  nlohmann::json tables = nlohmann::json::object();
  for (const ModelParameters& p : plan.points)
    for (const std::string& path : {p.inflow.recipients_csv, p.inflow.new_claims_csv}) {
      std::vector<ScenarioIssue> issues;
      if (const auto text = read_input_file(path, "a readable CSV table", issues))
        tables[path] = std::hash<std::string>{}(*text);
      else if (!path.empty())
        throw InputError(std::move(issues));
    }
  return tables;
}

// What the model is: a checkpoint of another model (a mechanism, column or parameter added)
// cannot be continued by this one.
std::size_t model_fingerprint() {
  return std::hash<std::string>{}(describe_model());
}

nlohmann::json checkpoint_header(const RunArgs& args, const std::string& out,
                                 const ScenarioDocument& doc, const ScenarioPlan& plan) {
  return {{"command", "run"},
          {"engine_version", kEngineVersion},
          {"model", model_fingerprint()},
          {"directory", fs::current_path().string()},
          {"scenario", args.scenario.scenario},
          {"set", args.scenario.sets},
          {"out", out},
          {"checkpoint_every", args.checkpoint_every},
          {"resolved_scenario", doc.root.dump()},
          {"input_tables", input_tables(plan)}};
}

// Removes the checkpoint `path` and its other parts (once the results are written).
void remove_checkpoint(const std::string& path) {
  std::error_code ignored;
  fs::remove(path, ignored);
  for (const auto& part : checkpoint_other_parts(path)) fs::remove(part.second, ignored);
}

// The results of the plan, written to `out`; the checkpoint removed once they are; the summary.
// Under MPI each rank runs its tasks and rank 0 gathers and writes.
int run_to_file(const ScenarioPlan& plan, RunOptions options, const std::string& out, bool quiet) {
  ProcessGroup& group = process_group();
  options.process = group.rank();
  options.processes = group.size();
  options.progress = !quiet && group.rank() == 0 && ProgressReporter::stderr_is_terminal();
  ResultsFile results;
  try {
    results = run_plan(plan, options);
    gather_results(results, group);
  } catch (const std::exception& e) {
    if (group.size() == 1) throw;
    // The other ranks would wait for this one's results for ever.
    std::fprintf(stderr, "drempel: rank %d: internal failure: %s\n", group.rank(), e.what());
    group.abort_all(1);
  }
  if (group.rank() != 0) return 0;
  write_results_hdf5(results, out);
  set_outputs_written();
  if (options.checkpoint != nullptr) remove_checkpoint(options.checkpoint->path());
  if (!quiet) print_run_summary(stdout, results, out);
  return 0;
}

// A run may not replace the checkpoint (or a part of one, docs/mpi.md) of an earlier run.
void refuse_earlier_checkpoint(const std::string& checkpoint) {
  if (fs::exists(checkpoint))
    throw CommandError{checkpoint +
                       " exists: the checkpoint of an earlier run, which this run would replace; "
                       "continue that run with `drempel resume " +
                       checkpoint + "`, or remove the file"};
  if (const auto parts = checkpoint_other_parts(checkpoint); !parts.empty())
    throw CommandError{parts.front().second +
                       " exists: a part of the checkpoint of an earlier run spread over MPI "
                       "processes, which this run would replace; remove it (the run's checkpoint " +
                       checkpoint + " is gone)"};
}

std::string checkpoint_path(const std::string& given, const std::string& out) {
  return given.empty() ? out + ".checkpoint" : given;
}

// Every rank of an MPI run checks the same inputs before any work; they agree on the outcome, so
// that no rank waits for one that gave up. A failing rank rethrows its error (rank 0's alone when
// it failed too, so that the message is printed once); the others end quietly with status 2.
void agree_before_work(std::exception_ptr failure) {
  ProcessGroup& group = process_group();
  if (group.size() == 1) {
    if (failure) std::rethrow_exception(failure);
    return;
  }
  if (group.max_over_ranks(failure ? 1 : 0) == 0) return;
  const bool root_failed = group.max_over_ranks(group.rank() == 0 && failure ? 1 : 0) != 0;
  if (failure && (group.rank() == 0 || !root_failed)) std::rethrow_exception(failure);
  if (group.rank() == 0) throw CommandError{"another MPI rank refused the run (see its message)"};
  throw QuietExit{2};
}

}  // namespace

int run_command(const RunArgs& args) {
  const std::string out =
      args.out.empty() ? default_output(args.scenario.scenario, ".h5") : args.out;
  const bool checkpoints = args.checkpoint_every > 0;
  const std::string checkpoint = checkpoints ? checkpoint_path(args.checkpoint, out) : "";
  std::optional<ScenarioDocument> loaded;
  std::optional<ScenarioPlan> planned;
  std::exception_ptr failure;
  try {
    loaded = load_scenario(args.scenario.scenario, args.scenario.sets);
    planned = plan_scenario(*loaded);
    if (!checkpoints && !args.checkpoint.empty())
      throw CommandError{
          "--checkpoint names the checkpoint file of --checkpoint-every MONTHS, "
          "which is not given"};
    check_outputs({{"--out", out}, {"--checkpoint", checkpoint}},
                  scenario_inputs(*loaded, planned->points));
    if (checkpoints) refuse_earlier_checkpoint(checkpoint);
    check_memory(*planned, args.threads, args.max_memory, checkpoints);
  } catch (...) {
    failure = std::current_exception();
  }
  agree_before_work(failure);
  const ScenarioDocument& doc = *loaded;
  const ScenarioPlan& plan = *planned;
  RunOptions options;
  options.threads = args.threads;
  std::optional<CheckpointWriter> writer;
  if (checkpoints) {
    // Each process writes its part; `checkpoint` is process 0's, and names them all.
    const ProcessGroup& group = process_group();
    nlohmann::json header = checkpoint_header(args, out, doc, plan);
    header["rank"] = group.rank();
    header["processes"] = group.size();
    writer.emplace(checkpoint_part_path(checkpoint, group.rank()),
                   empty_checkpoint(plan, std::move(header)), args.checkpoint_every);
    options.checkpoint = &*writer;
    if (group.rank() == 0)
      set_interrupt_note("the last checkpoint is kept: continue with `drempel resume " +
                         checkpoint + "`");
  }
  return run_to_file(plan, options, out, args.quiet);
}

namespace {

// Header keys in which the parts of a checkpoint, and a resumed run's checkpoint, may differ.
const std::vector<std::string> kPartKeys = {"rank", "processes", "checkpoint_every"};

// A checkpoint accepted for continuing: its plan, where this process starts, and the output.
struct Resumption {
  ScenarioPlan plan;
  Checkpoint start;
  std::string out;
};

// Reads this process's start from the checkpoint `path` (and its other parts) and checks that it
// can be continued: same model, directory, scenario and tables, outputs and memory fit.
Resumption prepare_resume(const ResumeArgs& args, const std::string& path,
                          const std::string& out_given) {
  const ProcessGroup& group = process_group();
  std::error_code stale;  // partial parts of the killed run, if it died while writing
  for (int k = 0; k < group.size(); ++k)
    fs::remove(checkpoint_part_path(path, k) + ".partial", stale);
  for (const auto& part : checkpoint_other_parts(path)) fs::remove(part.second + ".partial", stale);
  Resumption ready{{}, read_checkpoint_parts(path, group.rank(), group.size(), kPartKeys), {}};
  const nlohmann::json& h = ready.start.header;
  const auto bad = [&](const std::string& expected, const std::string& found) {
    throw InputError({{args.checkpoint, "", expected, found}});
  };
  if (h.value("command", "") != "run") bad("a checkpoint of drempel run", "another kind");
  if (h.value("engine_version", "") != kEngineVersion ||
      h.value("model", std::size_t{0}) != model_fingerprint())
    bad("a checkpoint of this model (drempel " + std::string(kEngineVersion) + ")",
        "one of drempel " + h.value("engine_version", std::string("?")) +
            (h.value("engine_version", "") == kEngineVersion ? " with another model" : "") +
            ": resume it with the build that wrote it");
  std::error_code ec;
  fs::current_path(h.value("directory", ""), ec);
  if (ec)
    bad("the run's working directory " + h.value("directory", std::string("?")),
        "a directory that cannot be entered (" + ec.message() + ")");
  const ScenarioDocument doc =
      load_scenario(h.value("scenario", ""), h.value("set", std::vector<std::string>{}));
  ready.plan = plan_scenario(doc);
  if (doc.root.dump() != h.value("resolved_scenario", ""))
    throw InputError({{doc.path, "", "the scenario as it was when the checkpoint was written",
                       "a changed scenario (or a base file it extends); rerun it with drempel "
                       "run"}});
  if (input_tables(ready.plan) != h.value("input_tables", nlohmann::json::object()))
    throw InputError({{doc.path, "", "the CSV tables as they were when the checkpoint was written",
                       "changed tables; rerun the scenario with drempel run"}});
  check_checkpoint(ready.plan, ready.start, args.checkpoint);
  ready.out = out_given.empty() ? h.value("out", "") : out_given;
  std::vector<std::string> inputs = scenario_inputs(doc, ready.plan.points);
  inputs.push_back(path);  // (and every part: --out may replace none)
  for (const auto& part : checkpoint_other_parts(path)) inputs.push_back(part.second);
  check_outputs({{"--out", ready.out}}, inputs);
  check_memory(ready.plan, args.threads, args.max_memory, true);
  return ready;
}

}  // namespace

int resume_command(const ResumeArgs& args) {
  // Paths given here are the user's; the run's own are relative to the directory it ran in.
  const std::string path = fs::absolute(args.checkpoint).string();
  const std::string out_given = args.out.empty() ? "" : fs::absolute(args.out).string();
  std::optional<Resumption> ready;
  std::exception_ptr failure;
  try {
    ready.emplace(prepare_resume(args, path, out_given));
  } catch (...) {
    failure = std::current_exception();
  }
  agree_before_work(failure);
  const ProcessGroup& group = process_group();
  Checkpoint& c = ready->start;
  const std::int32_t every =
      args.checkpoint_every > 0 ? args.checkpoint_every : c.header.value("checkpoint_every", 1);
  c.header["checkpoint_every"] = every;
  c.header["rank"] = group.rank();
  c.header["processes"] = group.size();
  CheckpointWriter writer(checkpoint_part_path(path, group.rank()), std::move(c), every);
  RunOptions options;
  options.threads = args.threads;
  options.checkpoint = &writer;
  options.resume = &writer.checkpoint();
  if (group.rank() == 0)
    set_interrupt_note("the last checkpoint is kept: continue with `drempel resume " +
                       args.checkpoint + "`");
  return run_to_file(ready->plan, options, ready->out, args.quiet);
}

}  // namespace drempel

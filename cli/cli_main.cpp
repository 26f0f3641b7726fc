#include "cli/cli_main.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <limits>
#include <new>
#include <string>
#include <thread>
#include <vector>

#include "cli/commands.hpp"
#include "engine/dataset_hdf5.hpp"
#include "engine/input_error.hpp"
#include "engine/output_files.hpp"
#include "engine/process_group.hpp"
#include "engine/version.hpp"
#include "models/model_description.hpp"

namespace drempel {
namespace {

constexpr const char* kExitStatus =
    "Exit status: 0 done, 2 bad input or usage (a message on stderr names the file, the key and "
    "what was expected), 1 internal failure.";

// A whole number in [min, max], with the project's wording for a bad value.
CLI::Validator whole_number(long long min, long long max) {
  return CLI::Validator(
      [min, max](std::string& text) -> std::string {
        long long value = 0;
        const char* end = text.data() + text.size();
        const auto [ptr, ec] = std::from_chars(text.data(), end, value);
        if (ec == std::errc() && ptr == end && value >= min && value <= max) return "";
        const std::string range =
            max == std::numeric_limits<long long>::max()
                ? ">= " + std::to_string(min)
                : "in [" + std::to_string(min) + ", " + std::to_string(max) + "]";
        return "expected a whole number " + range + ", found \"" + text + "\"";
      },
      "", "whole number");
}

// At most kThreadsPerCore threads per core: more only costs memory (TBB's stacks; ten million
// threads crash it), and results are identical for any number.
constexpr long long kThreadsPerCore = 4;
CLI::Validator thread_count() {
  const long long cores = std::max(1u, std::thread::hardware_concurrency());
  return whole_number(1, kThreadsPerCore * cores);
}

// An output file's name: given empty (--out ''), it is an error, not the default.
CLI::Validator file_name() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        return text.empty() ? "expected a file name, found an empty name" : "";
      },
      "", "file name");
}

// CLI11's messages in the project's words where they are unclear.
std::string usage_message(const CLI::ParseError& e) {
  const std::string what = e.what();
  if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
    const std::size_t colon = what.find(": ");
    return "unknown option or extra argument: " +
           (colon == std::string::npos ? what : what.substr(colon + 2));
  }
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) != nullptr) {
    const std::size_t colon = what.find(':');
    return (colon == std::string::npos ? what : what.substr(0, colon)) +
           ": expected a value after it";
  }
  return what;
}

// Options of every command that reads a scenario. --replicates and --seed become --set values,
// applied after the --set values given on the command line.
struct ScenarioOptions {
  ScenarioArgs args;
  long long replicates = 0;
  long long seed = -1;

  void add_to(CLI::App& command) {
    command.add_option("SCENARIO.json", args.scenario, "scenario file (scenarios/README.md)")
        ->required();
    command
        .add_option("--set", args.sets,
                    "override one value: /json/pointer=value (JSON, or text); regions and "
                    "places by name or index, e.g. --set /regions/eeklo/caseworker_fte=7; "
                    "repeatable")
        ->take_all()
        ->allow_extra_args(false);
  }
  void add_replicates_and_seed(CLI::App& command) {
    command
        .add_option("--replicates", replicates, "replicates to run (same as --set /replicates=N)")
        ->check(whole_number(1, 100000));
    command
        .add_option("--seed", seed,
                    "random seed (same as --set /seed=S); runs with the same seed share their "
                    "random numbers replicate by replicate")
        ->check(whole_number(0, std::numeric_limits<long long>::max()));
  }
  ScenarioArgs resolved() const {
    ScenarioArgs out = args;
    if (replicates > 0) out.sets.push_back("/replicates=" + std::to_string(replicates));
    if (seed >= 0) out.sets.push_back("/seed=" + std::to_string(seed));
    return out;
  }
};

struct Parsed {
  ScenarioOptions run_scenario, validate_scenario, inflow_scenario, panel_scenario;
  PanelArgs panel;
  RunArgs run;
  ResumeArgs resume;
  InflowArgs inflow;
  CompareArgs compare;
  ReportArgs report;
  SensitivityArgs sensitivity;
  CalibrateArgs calibrate;
};

void add_run(CLI::App& app, Parsed& p) {
  auto* c = app.add_subcommand("run", "simulate a scenario (or a sweep) and write FILE.h5");
  const std::string about =
      "Simulate every replicate of a scenario (and every point of its sweep) and write the "
      "results to an HDF5 file (docs/results-format.md); print a summary.";
  p.run_scenario.add_to(*c);
  p.run_scenario.add_replicates_and_seed(*c);
  c->add_option("--out", p.run.out,
                "results file (default: the scenario's name with .h5, in the working directory); "
                "written as FILE.partial and renamed when complete")
      ->check(file_name());
  c->add_option("--threads", p.run.threads,
                "worker threads (default: all cores); results are identical for any number")
      ->check(thread_count());
  c->add_option("--max-memory", p.run.max_memory,
                "refuse a run estimated to need more (e.g. 8G; default: the memory available "
                "now); the estimate is checked before anything is allocated");
  c->add_option("--checkpoint-every", p.run.checkpoint_every,
                "save every replicate's state every MONTHS months, so that `drempel resume` can "
                "continue the run if it is killed (docs/checkpoints.md)")
      ->check(whole_number(1, 100000));
  c->add_option("--checkpoint", p.run.checkpoint,
                "the checkpoint file (default: the results file's name with .checkpoint); "
                "removed when the results are written")
      ->check(file_name());
  c->add_flag("--quiet", p.run.quiet, "no progress line and no summary");
  c->footer(about + "\n\n" + kExitStatus);
}

void add_resume(CLI::App& app, Parsed& p) {
  auto* c = app.add_subcommand("resume", "continue a run from its checkpoint");
  const std::string about =
      "Continue a run of `drempel run --checkpoint-every MONTHS` that was killed, from its last "
      "checkpoint: the results are identical to those of an uninterrupted run. The scenario, its "
      "base files and its CSV tables must be as they were (the checkpoint records them); the "
      "checkpoint goes on being updated, and is removed when the results are written.";
  c->add_option("CHECKPOINT", p.resume.checkpoint, "the checkpoint file")->required();
  c->add_option("--out", p.resume.out, "results file (default: the run's --out)")
      ->check(file_name());
  c->add_option("--threads", p.resume.threads,
                "worker threads (default: all cores); results are identical for any number")
      ->check(thread_count());
  c->add_option("--max-memory", p.resume.max_memory,
                "refuse a run estimated to need more (as for drempel run)");
  c->add_option("--checkpoint-every", p.resume.checkpoint_every,
                "months between checkpoints from now on (default: as the run had it)")
      ->check(whole_number(1, 100000));
  c->add_flag("--quiet", p.resume.quiet, "no progress line and no summary");
  c->footer(about + "\n\n" + kExitStatus);
}

void add_validate(CLI::App& app, Parsed& p) {
  auto* c = app.add_subcommand("validate", "check a scenario and show what it would run");
  const std::string about =
      "Check a scenario completely (every point of its sweep and the inflow tables it names "
      "included) and print what it would run, or every problem; runs nothing.";
  p.validate_scenario.add_to(*c);
  c->footer(about + "\n\n" + kExitStatus);
}

void add_inflow(CLI::App& app, Parsed& p) {
  auto* c = app.add_subcommand("inflow", "the 2026 reform's OCMW inflow, staffing and cost");
  const std::string about =
      "Compute the 2026 reform's inflow for planners: benefit losses, OCMW applications, "
      "awards, leefloon stock, caseworker FTE and net cost per month, with bands over "
      "replicates (docs/inflow-format.md).";
  p.inflow_scenario.add_to(*c);
  p.inflow_scenario.add_replicates_and_seed(*c);
  c->add_option("--out", p.inflow.out,
                "results file (default: the scenario's name with -inflow.h5)")
      ->check(file_name());
  c->add_option("--csv", p.inflow.csv, "also write the summary as a CSV table")->check(file_name());
  c->add_flag("--quiet", p.inflow.quiet, "no table");
  c->footer(about + "\n\n" + kExitStatus);
}

void add_compare(CLI::App& app, Parsed& p) {
  auto* c = app.add_subcommand("compare", "paired differences of two runs, with intervals");
  const std::string about =
      "Compare a variant run with a base run (or two points of one sweep): for each quantity "
      "and month, the base and variant means, the difference variant - base with its 95% "
      "confidence interval (paired replicate by replicate when the seeds are equal), the "
      "relative change and whether the difference is distinguishable from zero.";
  c->add_option("FILES", p.compare.files,
                "two results files of drempel run, or one sweep file with --base-point and "
                "--variant-point")
      ->required()
      ->type_name("BASE.h5 [VARIANT.h5]");
  c->add_option("--metric", p.compare.metrics,
                "quantities: a stage (clients in it at the end of the month), entered_STAGE "
                "(entries from the first month on), a metric name, or all; comma-separated or "
                "repeated (default: stages, end states as entries, headline metrics)")
      ->delimiter(',');
  c->add_option("--at", p.compare.at, "months YYYY-MM, comma-separated (default: the last)")
      ->delimiter(',');
  c->add_option("--months", p.compare.months,
                "months as numbers from the start (1 = the first month), comma-separated")
      ->delimiter(',');
  c->add_option("--region", p.compare.region, "one region (default: all regions)");
  c->add_option("--base-point", p.compare.base_point, "sweep point of the base (name or index)");
  c->add_option("--variant-point", p.compare.variant_point,
                "sweep point of the variant (name or index)");
  c->add_option("--csv", p.compare.csv, "also write the comparison as CSV")->check(file_name());
  c->add_option("--json", p.compare.json, "also write the comparison as JSON")->check(file_name());
  c->add_flag("--quiet", p.compare.quiet, "no table (warnings still go to stderr)");
  c->footer(about + "\n\n" + kExitStatus);
}

void add_report(CLI::App& app, Parsed& p) {
  auto* c = app.add_subcommand("report", "an HTML report with plots of a run or an inflow");
  const std::string about =
      "Draw a self-contained HTML report (plots with bands, tables) of a run, of a run against "
      "a variant (paired differences over time), or of an inflow file (yearly cost bands). Needs "
      "Debian's /usr/bin/python3 with matplotlib, numpy, h5py and xarray.";
  c->add_option("FILES", p.report.files,
                "a results file of drempel run or drempel inflow, and optionally a variant run")
      ->required()
      ->type_name("RESULTS.h5 [VARIANT.h5]");
  c->add_option("-o,--out", p.report.out, "the HTML file to write")->required()->check(file_name());
  c->add_option("--base-point", p.report.base_point, "sweep point of the first file");
  c->add_option("--variant-point", p.report.variant_point, "sweep point of the variant");
  c->footer(about + "\n\n" + kExitStatus);
}

// --max-memory of the commands that simulate (docs: README, "Limits").
void add_max_memory(CLI::App& c, std::string& max_memory, const std::string& what) {
  c.add_option("--max-memory", max_memory,
               "refuse " + what +
                   " whose simulations are estimated to need more (e.g. 8G; default: the memory "
                   "available now); checked before anything is allocated");
}

void add_sensitivity(CLI::App& app, Parsed& p) {
  auto* c = app.add_subcommand("sensitivity",
                               "which scenario parameters move an output: Sobol indices or Morris");
  c->add_option("CONFIG", p.sensitivity.config,
                "the study: scenario, parameters with bounds, output, method (docs/sensitivity.md)")
      ->required();
  c->add_option("--out", p.sensitivity.out,
                "design, outputs and indices as HDF5 (default: the configuration's name with "
                "-sensitivity.h5, in the working directory)")
      ->check(file_name());
  c->add_option("--threads", p.sensitivity.threads,
                "worker threads (default: all cores); results are identical for any number")
      ->check(thread_count());
  add_max_memory(*c, p.sensitivity.max_memory, "a study");
  c->add_flag("--quiet", p.sensitivity.quiet, "no progress line");
  c->footer(
      "Run the scenario at every point of a Sobol (Saltelli) or Morris design over the "
      "parameters' boxes, with the scenario's seed at every point (common random numbers), and "
      "print each parameter's indices: Sobol first-order and total with 95% bootstrap intervals, "
      "or Morris mu*, mu and sigma (docs/sensitivity.md).\n\n" +
      std::string(kExitStatus));
}

void add_calibrate(CLI::App& app, Parsed& p) {
  auto* c = app.add_subcommand("calibrate", "estimate parameters from data, with standard errors");
  c->add_option("CONFIG", p.calibrate.config,
                "the estimation: data, model and method (docs/calibration.md)")
      ->required();
  c->add_option("--out", p.calibrate.out,
                "estimates, covariance and trace as HDF5 (default: the configuration's name with "
                "-calibration.h5, in the working directory)")
      ->check(file_name());
  c->add_option("--scenario", p.calibrate.scenario,
                "methods \"moments\" and \"abc\": the calibrated scenario (estimates or posterior "
                "means), which extends the base (default: the configuration's name with "
                "-calibrated.json, in the working directory)")
      ->check(file_name());
  c->add_option("--threads", p.calibrate.threads,
                "worker threads (default: all cores); results are identical for any number")
      ->check(thread_count());
  add_max_memory(*c, p.calibrate.max_memory, "a calibration");
  c->add_flag("--quiet", p.calibrate.quiet, "no progress line");
  c->footer(
      "Method \"multistate\": fit a continuous-time multi-state Markov model (transition "
      "intensities per month, covariate effects as hazard ratios) to a panel CSV "
      "(docs/panel-format.md) by maximum likelihood, as R's msm does, and print the estimates "
      "with 95% intervals, mean stays and identification warnings.\n\nMethod \"moments\": "
      "estimate scenario values (JSON pointers with bounds) by the method of simulated moments "
      "against aggregate targets or a panel, with common random numbers, two-step optimal "
      "weighting, sandwich standard errors, the J test and an identification check; write the "
      "calibrated scenario, which extends the base.\n\nMethod \"abc\": a posterior for the same "
      "parameters by ABC-SMC, every generation's particles in the HDF5 file "
      "(docs/calibration.md).\n\n" +
      std::string(kExitStatus));
}

void add_panel(CLI::App& app, Parsed& p) {
  auto* c = app.add_subcommand("panel", "draw a survey panel of award cohorts from the model");
  p.panel_scenario.add_to(*c);
  p.panel_scenario.add_replicates_and_seed(*c);
  c->add_option("--out", p.panel.out,
                "panel CSV (default: the scenario's name with -panel.csv, in the working "
                "directory)")
      ->check(file_name());
  c->add_option("--from", p.panel.from,
                "first award month sampled, YYYY-MM (default: the run's first)");
  c->add_option("--to", p.panel.to, "last award month sampled, YYYY-MM (default: the run's last)");
  c->add_option("--share", p.panel.share, "chance that an awarded client is sampled (default 1)")
      ->check(CLI::Range(0.0, 1.0));
  c->add_option("--follow", p.panel.follow, "months followed after the award (default 24)")
      ->check(whole_number(0, 600));
  c->add_option("--gaps", p.panel.gaps,
                "MIN,MAX months between a person's rows, drawn uniformly (default 1,1: monthly)")
      ->delimiter(',')
      ->expected(2);
  c->add_option("--panel-seed", p.panel.panel_seed,
                "seed of the sampling and the gaps (default 1); the model's own draws use the "
                "scenario's seed")
      ->check(whole_number(0, std::numeric_limits<long long>::max()));
  add_max_memory(*c, p.panel.max_memory, "a panel");
  c->add_flag("--quiet", p.panel.quiet, "no summary line");
  c->footer(
      "Run the scenario and write, for the clients first awarded the leefloon in the chosen "
      "months (each sampled with --share), a row at the award and then every few months until "
      "--follow months after it: person, month, stage, background, household, region, programme, "
      "dutch_level (docs/panel-format.md). Data with known parameters for drempel calibrate "
      "(docs/calibration.md).\n\n" +
      std::string(kExitStatus));
}

void add_model(CLI::App& app) {
  auto* c = app.add_subcommand(
      "model", "list the model's mechanisms with their streams, columns, places and metrics");
  c->footer(
      "Print the mechanisms of the pathways model in the order every month runs them, each with "
      "its random streams, client columns (bytes, hot or cold), places and metrics, as the code "
      "declares them (docs/adding-a-mechanism.md).\n\n" +
      std::string(kExitStatus));
}

// The first kShownIssues problems, each line cut at kLineLimit bytes (a 2-million-character key
// is named, not printed), then how many more there are; written with fwrite, since a value may
// hold a NUL.
void print_input_error(const InputError& e) {
  constexpr std::size_t kShownIssues = 50, kLineLimit = 1000;
  const auto& issues = e.issues();
  std::string out = "drempel: invalid input (" + std::to_string(issues.size()) + " problem" +
                    (issues.size() == 1 ? "" : "s") + "):\n";
  for (std::size_t i = 0; i < issues.size() && i < kShownIssues; ++i) {
    std::string line = format_issue(issues[i]);
    if (line.size() > kLineLimit)
      line = line.substr(0, kLineLimit) + "... (" + std::to_string(line.size()) + " characters)";
    out += line + "\n";
  }
  if (issues.size() > kShownIssues)
    out += "... and " + std::to_string(issues.size() - kShownIssues) +
           " more problems (the first " + std::to_string(kShownIssues) + " are shown)\n";
  std::fwrite(out.data(), 1, out.size(), stderr);
}

bool is_command(CLI::App& app, const std::string& name) {
  for (const CLI::App* c : app.get_subcommands({}))
    if (c->get_name() == name) return true;
  return false;
}

// Started by mpirun: only a build with MPI may take part, and only `drempel run` spreads its work
// over the processes (every other command would do all of it on every rank).
void check_processes(const CLI::App& app) {
  ProcessGroup& group = process_group();
  if (launcher_size() > group.size())
    throw CommandError{"started by mpirun with " + std::to_string(launcher_size()) +
                       " processes, but this drempel is built without MPI: configure with "
                       "-DDREMPEL_WITH_MPI=ON (docs/mpi.md), or run it without mpirun"};
  if (group.size() > 1 && !app.got_subcommand("run") && !app.got_subcommand("resume")) {
    if (group.rank() != 0) throw QuietExit{2};
    throw CommandError{
        "only drempel run and drempel resume spread their work over MPI processes; run this "
        "command without mpirun"};
  }
}

int dispatch(const CLI::App& app, Parsed& p) {
  if (app.got_subcommand("model")) {
    std::cout << describe_model();
    return 0;
  }
  if (app.got_subcommand("run")) {
    p.run.scenario = p.run_scenario.resolved();
    return run_command(p.run);
  }
  if (app.got_subcommand("resume")) return resume_command(p.resume);
  if (app.got_subcommand("validate")) return validate_command(p.validate_scenario.resolved());
  if (app.got_subcommand("inflow")) {
    p.inflow.scenario = p.inflow_scenario.resolved();
    return inflow_command(p.inflow);
  }
  const auto at_most_two = [](const std::vector<std::string>& files) {
    if (files.size() > 2)
      throw CommandError{"expected one or two files, found " + std::to_string(files.size())};
  };
  if (app.got_subcommand("sensitivity")) return sensitivity_command(p.sensitivity);
  if (app.got_subcommand("calibrate")) return calibrate_command(p.calibrate);
  if (app.got_subcommand("panel")) {
    p.panel.scenario = p.panel_scenario.resolved();
    return panel_command(p.panel);
  }
  if (app.got_subcommand("compare")) {
    at_most_two(p.compare.files);
    return compare_command(p.compare);
  }
  at_most_two(p.report.files);
  return report_command(p.report);
}

// What on_interrupt adds to its line; set before the work starts.
std::array<char, 8192> g_interrupt_note{};
std::atomic<bool> g_has_interrupt_note{false};
std::atomic<bool> g_outputs_written{false};

// SIGINT and SIGTERM: one line (and the note, if any), the partial output files removed, exit
// 128 + the signal (130, 143). Only async-signal-safe calls: write, unlink, _exit.
extern "C" void on_interrupt(int signal) {
  const bool written = g_outputs_written.load();
  const char* text =
      signal == SIGINT ? (written ? "\ndrempel: interrupted (SIGINT) after its outputs were written"
                                  : "\ndrempel: interrupted (SIGINT); no output written")
                       : (written ? "\ndrempel: terminated (SIGTERM) after its outputs were written"
                                  : "\ndrempel: terminated (SIGTERM); no output written");
  remove_partial_files_now();
  ssize_t ignored = ::write(STDERR_FILENO, text, std::strlen(text));
  if (!written && g_has_interrupt_note.load()) {
    ignored = ::write(STDERR_FILENO, "; ", 2);
    ignored = ::write(STDERR_FILENO, g_interrupt_note.data(), std::strlen(g_interrupt_note.data()));
  }
  ignored = ::write(STDERR_FILENO, "\n", 1);
  (void)ignored;
  ::_exit(128 + signal);
}

void install_signal_handlers() {
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  // A closed pipe (drempel validate ... | head) makes writes fail with EPIPE instead of killing
  // the process before its files are complete; finish() then ends quietly.
  std::signal(SIGPIPE, SIG_IGN);
  // Past a file-size limit (ulimit -f) a write fails with EFBIG, as on a full disk, instead of
  // killing the process with its .partial file in place.
  std::signal(SIGXFSZ, SIG_IGN);
}

// The exit status once the standard output is flushed: a summary that could not be written (a
// full disk, /dev/full) is an error, a reader that went away (EPIPE) is not. After a failed HDF5
// write the process ends with _Exit, past HDF5's exit handler (hdf5_write_failed).
int finish(int status) {
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
    const int error = errno;
    if (error != EPIPE) {
      std::fprintf(stderr, "drempel: cannot write the standard output: %s\n", std::strerror(error));
      if (status == 0) status = 2;
    }
  }
  if (hdf5_write_failed()) {
    std::fflush(stderr);
    std::_Exit(status);
  }
  return status;
}

int run_command_line(int argc, const char* const* argv);

}  // namespace

void set_interrupt_note(const std::string& note) {
  g_has_interrupt_note.store(false);
  const std::size_t n = std::min(note.size(), g_interrupt_note.size() - 1);
  std::copy_n(note.data(), n, g_interrupt_note.data());
  g_interrupt_note[n] = '\0';
  g_has_interrupt_note.store(true);
}

void set_outputs_written() {
  g_outputs_written.store(true);
}

int cli_main(int argc, const char* const* argv) {
  install_signal_handlers();
  return finish(run_command_line(argc, argv));
}

namespace {

int run_command_line(int argc, const char* const* argv) {
  CLI::App app{"Drempel: agent-based simulation of activation pathways of OCMW clients.",
               "drempel"};
  app.set_version_flag("--version", std::string("drempel ") + kEngineVersion);
  app.require_subcommand(1);
  // A flag given twice takes its last value, as with most Unix tools (a script's default
  // followed by the user's choice).
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  app.footer("Run 'drempel COMMAND --help' for a command's options.\n" + std::string(kExitStatus));
  Parsed p;
  add_run(app, p);
  add_resume(app, p);
  add_validate(app, p);
  add_inflow(app, p);
  add_compare(app, p);
  add_report(app, p);
  add_model(app);
  add_sensitivity(app, p);
  add_calibrate(app, p);
  add_panel(app, p);
  if (argc >= 2 && argv[1][0] != '-' && !is_command(app, argv[1])) {
    std::fprintf(stderr,
                 "drempel: unknown command \"%s\" (commands: run, resume, validate, inflow, "
                 "compare, report, model, sensitivity, calibrate, panel)\nRun 'drempel --help'.\n",
                 argv[1]);
    return 2;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return 0;
  } catch (const CLI::ParseError& e) {
    // --help of a subcommand, --version and real usage errors all arrive here.
    if (e.get_exit_code() == 0) return app.exit(e);
    std::fprintf(stderr, "drempel: %s\nRun 'drempel --help' or 'drempel COMMAND --help'.\n",
                 usage_message(e).c_str());
    return 2;
  }
  try {
    check_processes(app);
    return dispatch(app, p);
  } catch (const QuietExit& e) {
    return e.status;
  } catch (const CommandError& e) {
    std::fprintf(stderr, "drempel: %s\n", e.message.c_str());
    return 2;
  } catch (const InputError& e) {
    print_input_error(e);
    return 2;
  } catch (const OutputError& e) {
    std::fprintf(stderr, "drempel: %s\n", e.what());
    return 2;
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr,
                 "drempel: out of memory (the run needs more than the machine has; see "
                 "--max-memory and README, \"Limits\")\n");
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "drempel: internal failure: %s\n", e.what());
    return 1;
  }
}

}  // namespace

}  // namespace drempel

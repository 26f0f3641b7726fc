#pragma once
// The `drempel` subcommands, as functions of their parsed arguments (cli_main.cpp parses them
// with CLI11). Each returns the exit status; bad input throws InputError or CommandError (exit
// status 2, message on stderr), anything else is an internal failure (exit status 1).
#include <string>
#include <vector>

#include "engine/results_file.hpp"

namespace drempel {

/// Bad usage found by a command (a file that is not a results file, a sweep point that is not
/// there): the message is printed after "drempel: " and the command exits with status 2.
struct CommandError {
  std::string message;
};

/// Ends a command with `status` and no message: an MPI rank whose error another rank reports.
struct QuietExit {
  int status;
};

/// Arguments every command that reads a scenario takes.
struct ScenarioArgs {
  std::string scenario;
  std::vector<std::string> sets;  ///< --set values, then --replicates and --seed as sets
};

struct RunArgs {
  ScenarioArgs scenario;
  std::string out;  ///< empty: the scenario's file name with .h5, in the working directory
  int threads = 0;
  std::string max_memory;    ///< --max-memory; empty: the memory available now
  int checkpoint_every = 0;  ///< months between checkpoints; 0: none
  std::string checkpoint;    ///< empty: OUT.checkpoint
  bool quiet = false;
};

struct ResumeArgs {
  std::string checkpoint;
  std::string out;  ///< empty: the run's --out
  int threads = 0;
  std::string max_memory;
  int checkpoint_every = 0;  ///< 0: as the run had it
  bool quiet = false;
};

struct InflowArgs {
  ScenarioArgs scenario;
  std::string out;  ///< empty: the scenario's file name with -inflow.h5
  std::string csv;
  bool quiet = false;
};

struct CompareArgs {
  std::vector<std::string> files;  ///< BASE.h5 [VARIANT.h5]
  std::vector<std::string> metrics;
  std::vector<std::string> at;  ///< horizons as YYYY-MM
  std::vector<int> months;      ///< horizons as month numbers (1 = the first month)
  std::string region;
  std::string base_point, variant_point;
  std::string csv, json;
  bool quiet = false;
};

struct ReportArgs {
  std::vector<std::string> files;  ///< RESULTS.h5 [VARIANT.h5]
  std::string out;
  std::string base_point, variant_point;
};

struct PanelArgs {
  ScenarioArgs scenario;
  std::string out;        ///< empty: the scenario's file name with -panel.csv
  std::string from, to;   ///< award months (YYYY-MM); empty: the run's first and last
  double share = 1;       ///< sampling chance of an awarded client
  int follow = 24;        ///< months followed after the award
  std::vector<int> gaps;  ///< {min, max} months between rows; empty: {1, 1}
  long long panel_seed = 1;
  std::string max_memory;
  bool quiet = false;
};

struct CalibrateArgs {
  std::string config;  ///< CONFIG.json (docs/calibration.md)
  std::string out;     ///< empty: the configuration's name with -calibration.h5
  std::string
      scenario;  ///< method "moments": empty: the configuration's name with -calibrated.json
  int threads = 0;
  std::string max_memory;
  bool quiet = false;
};

struct SensitivityArgs {
  std::string config;  ///< CONFIG.json (docs/sensitivity.md)
  std::string out;     ///< empty: the configuration's name with -sensitivity.h5
  int threads = 0;
  std::string max_memory;
  bool quiet = false;
};

/// The run of `file` (read from `path`) that `choice` names with `flag` (--base-point ...): a
/// plain run needs no choice; a sweep needs one, by name or position. Throws CommandError.
const Results& chosen_point(const ResultsFile& file, const std::string& path,
                            const std::string& choice, const char* flag);

int run_command(const RunArgs& args);
int resume_command(const ResumeArgs& args);
int validate_command(const ScenarioArgs& args);
int inflow_command(const InflowArgs& args);
int compare_command(const CompareArgs& args);
int report_command(const ReportArgs& args);
int sensitivity_command(const SensitivityArgs& args);
int calibrate_command(const CalibrateArgs& args);
int panel_command(const PanelArgs& args);

/// Throws InputError when the estimated memory of `plan` (models/run.hpp), with its checkpoints
/// when `checkpoints`, exceeds `max_memory` (a size as --max-memory takes it) or, without it,
/// the memory available now.
struct ScenarioPlan;
void check_memory(const ScenarioPlan& plan, int threads, const std::string& max_memory,
                  bool checkpoints = false);

/// The same for the simulations of calibrate, sensitivity and panel: `at_once` simulations of
/// `scenario` with `sets` (the replicates they run) at once, each on `threads` threads, each
/// holding its models and its results (no file of them). Estimated at the scenario as given:
/// a parameter that changes the population during a study is not foreseen. Throws InputError.
void check_simulations_memory(const std::string& scenario, const std::vector<std::string>& sets,
                              int at_once, int threads, const std::string& max_memory);

/// A line the SIGINT/SIGTERM handler prints after its own (cli_main.cpp): what the user can do
/// with what the run leaves, such as its checkpoint.
void set_interrupt_note(const std::string& note);

/// From now on the SIGINT/SIGTERM handler says that the outputs were written (and no note): for
/// a command that still has work after writing them, such as removing its checkpoint.
void set_outputs_written();

/// The default output file of a command: `input`'s file name without its extension, with
/// `suffix`, in the working directory ("scenarios/baseline.json", ".h5" -> "baseline.h5").
std::string default_output(const std::string& input, const char* suffix);

/// Throws InputError when any (flag, path) pair names a file that cannot be written, a special
/// file, one of `inputs` (engine/output_files.hpp, output_problems), or two flags name the same
/// file; empty paths are skipped.
void check_outputs(const std::vector<std::pair<std::string, std::string>>& outputs,
                   const std::vector<std::string>& inputs = {});

struct ScenarioDocument;
struct ModelParameters;
/// The files a scenario run reads: its extends chain and the CSV tables of every point.
std::vector<std::string> scenario_inputs(const ScenarioDocument& doc,
                                         const std::vector<ModelParameters>& points);

}  // namespace drempel

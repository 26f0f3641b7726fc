#pragma once
// Running a whole scenario: every replicate of the activation-pathways model, in memory.
//
// This is the library entry point that the `drempel run` command, tests, benchmarks and (later)
// calibration and comparison share: scenario in, Results out, no I/O.
#include <cstdint>
#include <string>

#include "engine/checkpoint.hpp"
#include "engine/process_group.hpp"
#include "engine/results.hpp"
#include "engine/results_file.hpp"
#include "engine/scenario.hpp"
#include "models/parameters.hpp"

namespace drempel {

struct RunOptions {
  int threads = 0;  ///< worker threads (0 = TBB's default: all cores)
  /// Agents per parallel block; 0: automatic, block_size_for(capacity). It sets the order of
  /// floating-point partial sums, so results are bit-identical for any thread count at a given
  /// block size (and the automatic size depends on the scenario only).
  std::size_t block_size = 0;
  bool progress = false;  ///< progress line on stderr
  /// When set, every replicate saves its state there every CheckpointWriter::due months, and its
  /// results when it ends (engine/checkpoint.hpp); the results do not change.
  CheckpointWriter* checkpoint = nullptr;
  /// A checkpoint to continue from (check_checkpoint has accepted it for this plan): done
  /// replicates are taken from it, running ones continue from their last month.
  const Checkpoint* resume = nullptr;
  /// Runs only the tasks (point, replicate) of process `process` of `processes`
  /// (engine/replicates.hpp, task_owner); the others' results stay zero until gather_results.
  int process = 0;
  int processes = 1;
};

/// Empty results shaped for `params` (regions, stages, months, replicates, every metric of the
/// model), with the attributes set; run_pathways fills them, and so can a caller stepping a
/// PathwaysModel by hand.
Results make_results(const ModelParameters& params, const std::string& scenario_json);

/// Largest number of agents any replicate will hold (initial clients plus drawn arrivals).
std::size_t plan_capacity(const ModelParameters& params);

/// The automatic block size for a population of up to `capacity` agents: 8,192, or down to 1,024
/// for small populations, so that a single small region still spreads over several blocks (and
/// threads) each month: capacity / 64 rounded down to a power of two, within [1024, 8192].
std::size_t block_size_for(std::size_t capacity);

/// Runs every replicate. `scenario_json` is stored in the results' attributes. Throws
/// std::length_error if the population would exceed 2^32-1 agents.
Results run_pathways(const ModelParameters& params, const std::string& scenario_json,
                     const RunOptions& options = {});

/// A scenario ready to run: its parameters, or those of every point of its sweep.
struct ScenarioPlan {
  std::vector<ModelParameters> points;       ///< one per sweep point; one without a sweep
  std::vector<std::string> point_names;      ///< empty without a sweep
  std::vector<std::string> point_json;       ///< each point's resolved scenario (JSON)
  std::vector<SweepCoordinate> coordinates;  ///< each swept pointer's value at every point
  std::string scenario_json;                 ///< the scenario as given (its sweep included)

  bool is_sweep() const { return !point_names.empty(); }
};

/// Reads every parameter of `doc`, and of each point of its "sweep" block (engine/sweep.hpp).
/// Throws InputError listing every problem of every point (each naming the point when a swept
/// value caused it), and when points differ in what a results file shares: start month, months,
/// replicates, seed or region names.
ScenarioPlan plan_scenario(const ScenarioDocument& doc);

/// What a run will hold in memory at most, estimated before anything is allocated.
struct MemoryEstimate {
  std::uint64_t agents = 0;  ///< the largest population of a replicate of any point
  /// One model's buffers (PathwaysModel::bytes_for): client columns, active list, and the
  /// per-agent and per-block working buffers of the largest point.
  std::uint64_t agent_bytes = 0;
  /// Models held at once: one per thread, at most one per replicate (engine/replicates.hpp).
  std::uint64_t models = 1;
  std::uint64_t results_bytes = 0;  ///< every point's results
  /// With checkpoints: each running model's saved state and the buffer of its next one (client
  /// columns and its replicate's results), and a copy of the results.
  std::uint64_t checkpoint_bytes = 0;
  /// models × agent_bytes + 2 × results_bytes (the file is written from a copy of the results)
  /// + checkpoint_bytes.
  std::uint64_t total = 0;
};

/// The memory `plan` will need with `threads` worker threads (0: all cores), and checkpoints when
/// `checkpoints`; draws the arrival counts, allocates no agent or result.
MemoryEstimate estimate_memory(const ScenarioPlan& plan, int threads, bool checkpoints = false);

/// Runs every point of the plan, one after the other, each as run_pathways does; the progress
/// line counts points too. Every point uses the same seed: replicate r of each point draws the
/// same random numbers (common random numbers).
ResultsFile run_plan(const ScenarioPlan& plan, const RunOptions& options = {});

/// Collective over `group`: after every process ran its share of the tasks of a run
/// (RunOptions::process), rank 0's `file` receives every other rank's replicates, bit for bit;
/// the other ranks' files are left as they are. Nothing to do for a group of one.
void gather_results(ResultsFile& file, ProcessGroup& group);

/// A checkpoint of `plan` in which no replicate has started, with `header` (an object; null
/// gives an empty one).
Checkpoint empty_checkpoint(const ScenarioPlan& plan, nlohmann::json header);

/// Throws InputError (naming `path`) when `checkpoint` is not one of `plan`: another number of
/// points, replicates or months.
void check_checkpoint(const ScenarioPlan& plan, const Checkpoint& checkpoint,
                      const std::string& path);

/// Loads, validates and runs a scenario file (load_scenario + read_model_parameters +
/// run_pathways). Throws InputError for bad input.
Results run_scenario_file(const std::string& path, const std::vector<std::string>& overrides,
                          const RunOptions& options = {});

}  // namespace drempel

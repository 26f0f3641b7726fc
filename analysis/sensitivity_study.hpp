#pragma once
// `drempel sensitivity CONFIG.json`: which scenario parameters move a model output, and how much
// (analysis/sensitivity.hpp does the statistics). The configuration names a scenario, the
// parameters to vary (JSON pointers with bounds), the output (a metric averaged over a window of
// months, the replicates and the regions) and the method (Sobol indices or Morris screening).
// Every point is the scenario with the parameters --set, run with the scenario's seed: common
// random numbers, so differences between points are the parameters', not the dice's.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "analysis/sensitivity.hpp"
#include "engine/dataset_hdf5.hpp"

namespace drempel {

struct SensitivityStudy {
  std::string config_path;
  std::string scenario_path;                  ///< resolved against the configuration's directory
  std::int32_t replicates = 0;                ///< per point
  std::string metric;                         ///< a metric of docs/results-format.md
  std::int32_t from_month = 0, to_month = 0;  ///< months since year 0 (parse_month), inclusive
  std::vector<std::string> pointers;          ///< one per factor
  std::vector<SensitivityFactor> factors;
  bool sobol = true;                         ///< else Morris
  std::size_t rows = 0, bootstrap = 0;       ///< Sobol
  std::size_t trajectories = 0, levels = 0;  ///< Morris
  std::uint64_t design_seed = 0;
};

/// Reads and checks a configuration (docs/sensitivity.md), including that every point of the
/// design's range is a valid scenario at the corners of the box (each factor at its low and high
/// with the others at their low). Throws InputError naming the file, the key and what was
/// expected, before any run.
SensitivityStudy read_sensitivity_study(const std::string& config_path);

/// The output at one point: the metric's mean over the window's months (NaN months left out) and
/// the regions (summed for counts, averaged for ratios), then over the replicates.
double study_output(const SensitivityStudy& study, const std::vector<double>& point, int threads);
/// The same for each replicate (NaN for a replicate whose months are all NaN).
std::vector<double> study_outputs(const SensitivityStudy& study, const std::vector<double>& point,
                                  int threads);

/// Runs the study's design. `progress` is called after each point with (done, total).
/// The replicates' noise is kept apart from the design's variance: `noise_variance` is the mean
/// over the points of the variance of a point's replicate mean (from its replicates' spread), to
/// set against `output_variance`, the variance of the outputs over the design. The indices and
/// their bootstrap intervals describe the design. Under common random numbers the noise is mostly
/// shared by all points; format_study flags a share above one half.
struct StudyResult {
  SobolIndices sobol;
  MorrisEffects morris;
  std::vector<std::vector<double>> points;             ///< every point run, in order
  std::vector<double> outputs;                         ///< its output
  std::vector<std::vector<double>> replicate_outputs;  ///< its output per replicate
  double noise_variance = 0;
  double output_variance = 0;
};
StudyResult run_sensitivity_study(const SensitivityStudy& study, int threads,
                                  const std::function<void(std::size_t, std::size_t)>& progress);

/// A fixed-width table of the result, one row per factor, after a line on the replicate noise.
std::string format_study(const SensitivityStudy& study, const StudyResult& result);

/// The study as a dataset: design points, outputs (mean and per replicate), the indices or
/// effects, the noise and output variances (docs/sensitivity.md, "Output").
Dataset study_dataset(const SensitivityStudy& study, const StudyResult& result);

}  // namespace drempel

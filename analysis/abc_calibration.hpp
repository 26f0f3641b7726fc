#pragma once
// `drempel calibrate` with the method "abc": a posterior for scenario parameters by ABC-SMC
// (analysis/abc_smc.hpp) against the moments of a panel or of targets (docs/calibration.md,
// "Method abc"). The configuration is that of the method "moments" with "method": {"abc": ...}.
//
// Each proposal runs the scenario's S replicates with a seed of its own (ABC needs the model's
// randomness, not common random numbers) and adds the data's sampling error, a draw from
// N(0, Sigma_data): what a dataset of the data's size would show at that point. The posterior is
// then that of the data's moments under a normal sampling error, widened a little by the
// simulation's own noise (Sigma_sim / S) and by the final tolerance.
#include <functional>
#include <string>

#include "analysis/abc_smc.hpp"
#include "analysis/simulated_moments.hpp"
#include "engine/dataset_hdf5.hpp"

namespace drempel {

/// Runs ABC-SMC for a configuration read by read_moments_calibration with `abc` set.
AbcResult fit_abc(const MomentsCalibration& c, int threads,
                  const std::function<void(int, int)>& progress);

/// The posterior (mean, sd, 90% interval per parameter) and the generations (tolerance,
/// simulations, acceptance, effective sample size).
std::string format_abc(const MomentsCalibration& c, const AbcResult& r);

/// Every generation's particles and weights, and the posterior summaries, as a dataset.
Dataset abc_dataset(const MomentsCalibration& c, const AbcResult& r);

}  // namespace drempel

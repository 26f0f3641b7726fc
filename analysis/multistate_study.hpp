#pragma once
// `drempel calibrate` with the method "multistate": a configuration naming a panel CSV
// (docs/panel-format.md) and the states, allowed transitions and covariates of a multi-state
// Markov model (analysis/multistate.hpp, docs/calibration.md, "Method multistate"); the fit as a
// dataset for HDF5.
#include <string>

#include "analysis/multistate.hpp"
#include "engine/dataset_hdf5.hpp"

namespace drempel {

struct MultistateStudy {
  std::string config_path;
  std::string panel_path;  ///< resolved against the configuration's directory
  MultistateSpec spec;
  int max_evaluations = 5000;
};

/// Reads and checks a configuration. Throws InputError naming the file, the key and what was
/// expected: unknown keys, a state that is not a stage, a state twice, a transition between
/// states not listed, from a state to itself or listed twice.
MultistateStudy read_multistate_study(const std::string& config_path);

/// The fit as a dataset: estimates, standard errors, covariance, the intensity matrix at z = 0,
/// the log-likelihood trace and the information's eigenvalues (docs/calibration.md, "Method
/// multistate", "Output").
Dataset multistate_dataset(const MultistateStudy& study, const MultistateProblem& problem,
                           const MultistateFit& fit);

}  // namespace drempel

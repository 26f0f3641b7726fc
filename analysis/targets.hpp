#pragma once
// Aggregate targets: published or computed moments with their uncertainty, the data side of a
// calibration when there is no panel (docs/calibration.md, "Targets").
//
//   {"description": "...",
//    "moments": [{"name": "cohort/employed+art60/12", "value": 0.225, "standard_error": 0.015,
//                 "source": "Flemish Government, May 2023"}, ...],
//    "correlation": [[1, 0.3], [0.3, 1]]}      (optional; without it the moments are independent)
#include <Eigen/Dense>
#include <string>
#include <vector>

#include "analysis/moments.hpp"

namespace drempel {

struct Targets {
  std::string path;
  std::vector<Moment> moments;
  std::vector<std::string> sources;  ///< per moment, "" when not given
  Eigen::VectorXd value;
  Eigen::MatrixXd covariance;  ///< from the standard errors and the correlation
};

/// Reads a targets file. Throws InputError listing every problem with its pointer: an unknown
/// moment name (with what a valid one looks like), a moment twice, a value that is not finite, a
/// standard error that is not positive, a correlation matrix of the wrong size, not symmetric,
/// with a diagonal other than 1 or not positive definite.
Targets read_targets(const std::string& path);

}  // namespace drempel

#pragma once
// Small pieces the studies of analysis/ share (sensitivity, calibration, panels): paths in a
// configuration, a point of parameter values as scenario --set values, and Eigen values as the
// flat vectors of engine/dataset_hdf5.hpp.
#include <Eigen/Dense>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/dataset_hdf5.hpp"

namespace drempel {

/// `file` as given when absolute, else relative to the directory of `config_path`.
std::string resolve_against(const std::string& config_path, const std::string& file);

/// The --set values of a point: "/replicates=R", then "POINTER=VALUE" for each parameter, values
/// written so that they read back exactly.
std::vector<std::string> point_sets(const std::vector<std::string>& pointers,
                                    const std::vector<double>& values, std::int32_t replicates);

/// A vector's values, and a matrix's row by row.
std::vector<double> values_of(const Eigen::VectorXd& v);
std::vector<double> row_major(const Eigen::MatrixXd& m);

/// Appends a float64 variable to `d`.
void add_real(Dataset& d, std::string name, std::string long_name, std::vector<std::string> dims,
              std::vector<double> values);

/// Lines joined with a newline after each (for a text attribute of warnings).
std::string joined_lines(const std::vector<std::string>& lines);

/// The sample covariance of the rows of `x` (observations x variables), divided by n - 1; zero
/// with fewer than two rows.
Eigen::MatrixXd sample_covariance(const Eigen::MatrixXd& x);

/// The names of a constexpr array of C strings (kStageNames, ...).
template <class Array>
std::vector<std::string> names_of(const Array& array) {
  return std::vector<std::string>(array.begin(), array.end());
}

}  // namespace drempel

#include "analysis/study_support.hpp"

#include <cstdio>
#include <filesystem>
#include <utility>

namespace drempel {

std::string resolve_against(const std::string& config_path, const std::string& file) {
  const std::filesystem::path p(file);
  if (p.is_absolute()) return file;
  return (std::filesystem::path(config_path).parent_path() / p).lexically_normal().string();
}

std::vector<std::string> point_sets(const std::vector<std::string>& pointers,
                                    const std::vector<double>& values, std::int32_t replicates) {
  std::vector<std::string> sets = {"/replicates=" + std::to_string(replicates)};
  for (std::size_t i = 0; i < values.size(); ++i) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", values[i]);
    sets.push_back(pointers[i] + "=" + buf);
  }
  return sets;
}

std::vector<double> values_of(const Eigen::VectorXd& v) {
  return std::vector<double>(v.data(), v.data() + v.size());
}

std::vector<double> row_major(const Eigen::MatrixXd& m) {
  std::vector<double> v;
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j) v.push_back(m(i, j));
  return v;
}

void add_real(Dataset& d, std::string name, std::string long_name, std::vector<std::string> dims,
              std::vector<double> values) {
  d.variables.push_back({.name = std::move(name),
                         .long_name = std::move(long_name),
                         .dims = std::move(dims),
                         .real = std::move(values)});
}

std::string joined_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

Eigen::MatrixXd sample_covariance(const Eigen::MatrixXd& x) {
  if (x.rows() < 2) return Eigen::MatrixXd::Zero(x.cols(), x.cols());
  const Eigen::MatrixXd centred = x.rowwise() - x.colwise().mean();
  return centred.transpose() * centred / static_cast<double>(x.rows() - 1);
}

}  // namespace drempel

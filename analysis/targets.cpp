#include "analysis/targets.hpp"

#include <cmath>

#include "engine/scenario.hpp"

namespace drempel {

Targets read_targets(const std::string& path) {
  const ScenarioDocument doc = load_scenario(path);
  ScenarioReader r(doc);
  Targets t;
  t.path = path;
  r.allow("/description");
  const std::size_t k = r.array_size("/moments");
  Eigen::VectorXd se = Eigen::VectorXd::Ones(static_cast<Eigen::Index>(k));
  t.value = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(k));
  for (std::size_t i = 0; i < k; ++i) {
    const std::string q = "/moments/" + std::to_string(i);
    const auto e = static_cast<Eigen::Index>(i);
    const std::string name = r.string(q + "/name");
    std::string expected;
    const auto m = parse_moment(name, expected);
    if (!m) r.add_issue(q + "/name", expected, "\"" + name + "\"");
    for (const auto& seen : t.moments)
      if (seen.name == name) r.add_issue(q + "/name", "each moment once", "\"" + name + "\" again");
    t.moments.push_back(m.value_or(Moment{}));
    t.value(e) = r.number(q + "/value", -1e15, 1e15);
    se(e) = r.number(q + "/standard_error", 0, 1e15);
    if (!(se(e) > 0)) r.add_issue(q + "/standard_error", "a standard error > 0", "0");
    t.sources.push_back(r.has(q + "/source") ? r.string(q + "/source") : "");
  }
  Eigen::MatrixXd correlation =
      Eigen::MatrixXd::Identity(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(k));
  if (r.has("/correlation")) {
    if (r.array_size("/correlation") != k) {
      r.add_issue(
          "/correlation",
          "a " + std::to_string(k) + " x " + std::to_string(k) + " matrix (one row per moment)",
          "another size");
    } else {
      for (std::size_t i = 0; i < k; ++i) {
        const auto row = r.numbers("/correlation/" + std::to_string(i), k, -1, 1);
        for (std::size_t j = 0; j < row.size() && j < k; ++j)
          correlation(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = row[j];
      }
      const bool symmetric = (correlation - correlation.transpose()).cwiseAbs().maxCoeff() < 1e-12;
      const bool unit = (correlation.diagonal().array() - 1).abs().maxCoeff() < 1e-12;
      if (!symmetric || !unit)
        r.add_issue("/correlation", "a symmetric matrix with 1 on the diagonal", "another matrix");
      else if (correlation.llt().info() != Eigen::Success)
        r.add_issue("/correlation", "a positive definite matrix", "a singular or indefinite one");
    }
  }
  r.finish();
  t.covariance = se.asDiagonal() * correlation * se.asDiagonal();
  return t;
}

}  // namespace drempel

// Sobol indices and Morris screening (analysis/sensitivity.hpp) against analytic values.
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>
#include <stdexcept>

#include "analysis/sensitivity.hpp"

using namespace drempel;

namespace {

constexpr double kPi = std::numbers::pi;

// Ishigami: f = sin x1 + a sin^2 x2 + b x3^4 sin x1, x_i uniform on [-pi, pi].
BatchModel ishigami(double a, double b) {
  return [a, b](const std::vector<std::vector<double>>& points) {
    std::vector<double> out;
    for (const auto& x : points)
      out.push_back(std::sin(x[0]) + a * std::sin(x[1]) * std::sin(x[1]) +
                    b * std::pow(x[2], 4) * std::sin(x[0]));
    return out;
  };
}

std::vector<SensitivityFactor> ishigami_factors() {
  return {{"x1", -kPi, kPi}, {"x2", -kPi, kPi}, {"x3", -kPi, kPi}};
}

}  // namespace

TEST_CASE("Sobol indices of the Ishigami function match their analytic values within 0.05") {
  // Analytic (Ishigami & Homma 1990; Sobol' & Levitan 1999): V1 = (1 + b pi^4 / 5)^2 / 2,
  // V2 = a^2 / 8, V3 = 0, V13 = b^2 pi^8 (1/18 - 1/50), V = V1 + V2 + V13.
  const double a = 7, b = 0.1;
  const double v1 = 0.5 * std::pow(1 + b * std::pow(kPi, 4) / 5, 2);
  const double v2 = a * a / 8;
  const double v13 = b * b * std::pow(kPi, 8) * (1.0 / 18 - 1.0 / 50);
  const double v = v1 + v2 + v13;
  const double first[3] = {v1 / v, v2 / v, 0.0};
  const double total[3] = {(v1 + v13) / v, v2 / v, v13 / v};
  const SobolIndices s = sobol_indices(ishigami_factors(), 16384, ishigami(a, b), 20261204, 200);
  CHECK(s.evaluations == 5u * 16384);
  CHECK(s.variance == Approx(v).epsilon(0.05));
  for (int i = 0; i < 3; ++i) {
    INFO("x" << i + 1 << ": S " << s.first[i] << " [" << s.first_low[i] << ", " << s.first_high[i]
             << "], analytic " << first[i] << "; ST " << s.total[i] << " [" << s.total_low[i]
             << ", " << s.total_high[i] << "], analytic " << total[i]);
    CHECK(std::fabs(s.first[i] - first[i]) < 0.05);
    CHECK(std::fabs(s.total[i] - total[i]) < 0.05);
    // The bootstrap interval is an interval around the estimate.
    CHECK(s.first_low[i] <= s.first[i]);
    CHECK(s.first[i] <= s.first_high[i]);
    CHECK(s.total_low[i] <= s.total[i]);
    CHECK(s.total[i] <= s.total_high[i]);
  }
}

TEST_CASE("Sobol indices do not depend on the order in which the points are evaluated") {
  // The model sees one batch; evaluating it backwards gives the same numbers.
  const BatchModel forwards = ishigami(7, 0.1);
  const BatchModel backwards = [&](const std::vector<std::vector<double>>& points) {
    std::vector<std::vector<double>> reversed(points.rbegin(), points.rend());
    std::vector<double> out = forwards(reversed);
    return std::vector<double>(out.rbegin(), out.rend());
  };
  const SobolIndices x = sobol_indices(ishigami_factors(), 512, forwards, 3, 50);
  const SobolIndices y = sobol_indices(ishigami_factors(), 512, backwards, 3, 50);
  CHECK(x.first == y.first);
  CHECK(x.total == y.total);
  CHECK(x.first_low == y.first_low);
}

TEST_CASE("Morris effects of a linear model are its slopes times the ranges, without spread") {
  // f = 3 x1 - 2 x2 + 0 x3 on ranges of width 2, 0.5 and 10: every elementary effect of factor i
  // (per unit of its range) is slope_i × width_i.
  const std::vector<SensitivityFactor> factors = {{"x1", -1, 1}, {"x2", 0, 0.5}, {"x3", 5, 15}};
  const BatchModel linear = [](const std::vector<std::vector<double>>& points) {
    std::vector<double> out;
    for (const auto& x : points) out.push_back(3 * x[0] - 2 * x[1] + 0 * x[2]);
    return out;
  };
  const MorrisEffects m = morris_effects(factors, 20, 4, linear, 7);
  CHECK(m.evaluations == 20u * 4);
  CHECK(m.mu_star[0] == Approx(6.0));
  CHECK(m.mu[0] == Approx(6.0));
  CHECK(m.mu_star[1] == Approx(1.0));
  CHECK(m.mu[1] == Approx(-1.0));
  CHECK(m.mu_star[2] == Approx(0.0).margin(1e-12));
  for (int i = 0; i < 3; ++i) CHECK(m.sigma[i] == Approx(0.0).margin(1e-9));
}

TEST_CASE("Morris screening tells a pure interaction from a main effect") {
  // f = x1 + x2 x3 on [-1, 1]^3: x1's effect is 2 (per unit of its range of width 2) everywhere;
  // x2's is 2 x3, which changes sign with x3, so its mean cancels towards 0 while its mean
  // absolute value and spread do not (likewise x3).
  const std::vector<SensitivityFactor> cube = {{"x1", -1, 1}, {"x2", -1, 1}, {"x3", -1, 1}};
  const BatchModel f = [](const std::vector<std::vector<double>>& points) {
    std::vector<double> out;
    for (const auto& x : points) out.push_back(x[0] + x[1] * x[2]);
    return out;
  };
  const MorrisEffects m = morris_effects(cube, 400, 4, f, 11);
  CHECK(m.mu_star[0] == Approx(2.0));
  CHECK(m.sigma[0] == Approx(0.0).margin(1e-9));
  for (int i = 1; i < 3; ++i) {
    INFO("x" << i + 1 << ": mu " << m.mu[i] << ", mu* " << m.mu_star[i] << ", sigma "
             << m.sigma[i]);
    CHECK(std::fabs(m.mu[i]) < 0.25 * m.mu_star[i]);
    // The other factor sits on the grid -1, -1/3, 1/3, 1 (each level about equally often), so
    // mu* is near E|2 x| = 4/3.
    CHECK(std::fabs(m.mu_star[i] - 4.0 / 3.0) < 0.15);
    CHECK(m.sigma[i] > 0.5);
  }
}

TEST_CASE("sensitivity analysis refuses a design it cannot make") {
  const BatchModel any = [](const std::vector<std::vector<double>>& p) {
    return std::vector<double>(p.size(), 1.0);
  };
  CHECK_THROWS_AS(sobol_indices({}, 10, any, 1), std::invalid_argument);
  CHECK_THROWS_AS(sobol_indices({{"x", 1, 1}}, 10, any, 1), std::invalid_argument);
  CHECK_THROWS_AS(sobol_indices({{"x", 0, 1}}, 1, any, 1), std::invalid_argument);
  CHECK_THROWS_AS(sobol_indices({{"x", 0, 1}}, 10, any, 1), std::domain_error);  // constant
  const BatchModel short_by_one = [](const std::vector<std::vector<double>>& p) {
    return std::vector<double>(p.size() - 1, 1.0);
  };
  CHECK_THROWS_AS(sobol_indices({{"x", 0, 1}}, 10, short_by_one, 1), std::invalid_argument);
  CHECK_THROWS_AS(morris_effects({{"x", 0, 1}}, 10, 3, any, 1), std::invalid_argument);
  CHECK_THROWS_AS(morris_effects({{"x", 0, 1}}, 1, 4, any, 1), std::invalid_argument);
}

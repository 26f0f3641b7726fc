// Replicate statistics: means and t intervals against hand-computed values.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "analysis/replicate_stats.hpp"

using namespace drempel;

TEST_CASE("mean and 95% interval of a small sample match the textbook computation") {
  // Values 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sample sd sqrt(32/7) = 2.13809, t(7) = 2.364624,
  // half-width 2.364624 * 2.13809 / sqrt(8) = 1.787488.
  const std::vector<double> v = {2, 4, 4, 4, 5, 5, 7, 9};
  const MeanInterval mi = mean_interval(v);
  CHECK(mi.mean == Approx(5.0));
  CHECK(mi.sd == Approx(2.13809).epsilon(1e-5));
  CHECK(mi.low == Approx(5.0 - 1.787488).epsilon(1e-6));
  CHECK(mi.high == Approx(5.0 + 1.787488).epsilon(1e-6));
}

TEST_CASE("one replicate gives a degenerate interval and no replicate is an error") {
  const std::vector<double> one = {3.5};
  const MeanInterval mi = mean_interval(one);
  CHECK(mi.low == 3.5);
  CHECK(mi.high == 3.5);
  CHECK_THROWS_AS(mean_interval(std::vector<double>{}), std::invalid_argument);
}

TEST_CASE("t quantiles match published tables") {
  // Two-sided 95% values of standard t tables (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2).
  CHECK(student_t_quantile(0.975, 1) == Approx(12.706).epsilon(1e-4));
  CHECK(student_t_quantile(0.975, 7) == Approx(2.365).epsilon(1e-3));
  CHECK(student_t_quantile(0.975, 30) == Approx(2.042).epsilon(1e-3));
  CHECK(student_t_quantile(0.975, 40) == Approx(2.0211).epsilon(1e-4));
  CHECK(student_t_quantile(0.975, 120) == Approx(1.9799).epsilon(1e-4));
  CHECK(student_t_quantile(0.975, 1e9) == Approx(1.959964).epsilon(1e-6));
  CHECK(student_t_quantile(0.95, 10) == Approx(1.812).epsilon(1e-3));  // one-sided 95%
  CHECK(student_t_quantile(0.025, 7) == Approx(-2.365).epsilon(1e-3));
  CHECK_THROWS_AS(student_t_quantile(0.975, 0), std::invalid_argument);
  CHECK_THROWS_AS(student_t_quantile(1.0, 5), std::invalid_argument);
}

TEST_CASE("a paired difference is the t interval of the replicate differences") {
  // Differences 1, 2, 3, 2, 2: mean 2, sd sqrt(0.5), t(4) = 2.776,
  // half-width 2.776*0.70711/2.23607.
  const std::vector<double> base = {10, 20, 30, 40, 50};
  const std::vector<double> variant = {11, 22, 33, 42, 52};
  const MeanInterval d = paired_difference(base, variant);
  CHECK(d.mean == Approx(2.0));
  CHECK(d.df == 4);
  CHECK(d.low == Approx(2.0 - 2.776445 * std::sqrt(0.5) / std::sqrt(5.0)).epsilon(1e-6));
  CHECK(d.high == Approx(2.0 + 2.776445 * std::sqrt(0.5) / std::sqrt(5.0)).epsilon(1e-6));
  // The same numbers as independent sets: the spread between replicates swamps the difference.
  const MeanInterval u = unpaired_difference(base, variant);
  CHECK(u.mean == Approx(2.0));
  CHECK(u.low < -15);
  CHECK(u.high > 19);
  CHECK_THROWS_AS(paired_difference(base, std::vector<double>{1, 2}), std::invalid_argument);
}

TEST_CASE("Welch's interval uses the Welch-Satterthwaite degrees of freedom") {
  // a = {1, 2, 3, 4} (mean 2.5, var 5/3), b = {2, 4, 6} (mean 4, var 4): se^2 = 5/12 + 4/3 = 7/4,
  // df = (7/4)^2 / ((5/12)^2/3 + (4/3)^2/2) = 3.0625 / 0.94676 = 3.2347.
  const std::vector<double> a = {1, 2, 3, 4}, b = {2, 4, 6};
  const MeanInterval u = unpaired_difference(a, b);
  CHECK(u.mean == Approx(1.5));
  CHECK(u.df == Approx(3.2347).epsilon(1e-4));
  const double half = student_t_quantile(0.975, u.df) * std::sqrt(1.75);
  CHECK(u.low == Approx(1.5 - half));
  CHECK(u.high == Approx(1.5 + half));
}

TEST_CASE("quantiles interpolate between order statistics as numpy and R (type 7) do") {
  const std::vector<double> v = {4, 1, 3, 2};  // sorted 1 2 3 4
  CHECK(quantile(v, 0.0) == 1);
  CHECK(quantile(v, 1.0) == 4);
  CHECK(quantile(v, 0.5) == Approx(2.5));
  CHECK(quantile(v, 0.05) == Approx(1.15));  // numpy.percentile([1,2,3,4], 5) = 1.15
  CHECK_THROWS_AS(quantile({}, 0.5), std::invalid_argument);
}

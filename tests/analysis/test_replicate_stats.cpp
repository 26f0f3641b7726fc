// Replicate statistics: means and t intervals against hand-computed values.
#include <catch2/catch.hpp>
#include <vector>

#include "analysis/replicate_stats.hpp"

using namespace drempel;

TEST_CASE("mean and 95% interval of a small sample match the textbook computation") {
  // Values 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sample sd sqrt(32/7) = 2.13809, t(7) = 2.365,
  // half-width 2.365 * 2.13809 / sqrt(8) = 1.78777.
  const std::vector<double> v = {2, 4, 4, 4, 5, 5, 7, 9};
  const MeanInterval mi = mean_interval(v);
  CHECK(mi.mean == Approx(5.0));
  CHECK(mi.sd == Approx(2.13809).epsilon(1e-5));
  CHECK(mi.low == Approx(5.0 - 1.78777).epsilon(1e-5));
  CHECK(mi.high == Approx(5.0 + 1.78777).epsilon(1e-5));
}

TEST_CASE("one replicate gives a degenerate interval and no replicate is an error") {
  const std::vector<double> one = {3.5};
  const MeanInterval mi = mean_interval(one);
  CHECK(mi.low == 3.5);
  CHECK(mi.high == 3.5);
  CHECK_THROWS_AS(mean_interval(std::vector<double>{}), std::invalid_argument);
}

TEST_CASE("t quantiles: table values and the large-sample expansion") {
  CHECK(student_t_975(1) == Approx(12.706));
  CHECK(student_t_975(30) == Approx(2.042));
  CHECK(student_t_975(40) == Approx(2.0211).epsilon(1e-4));   // published t(40) = 2.0211
  CHECK(student_t_975(120) == Approx(1.9799).epsilon(1e-4));  // published t(120) = 1.9799
  CHECK(student_t_975(100000) == Approx(1.95996).epsilon(1e-4));
}

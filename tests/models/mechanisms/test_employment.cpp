// Employment (models/mechanisms/employment.hpp): jobs that end, and relapse.
// Each lever is changed with common random numbers (same seed, same arrivals).
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "engine/input_error.hpp"
#include "models/mechanisms/employment.hpp"
#include "models/mechanisms/employment_parameters.hpp"
#include "models/run.hpp"
#include "tests/support/parameter_docs.hpp"
#include "tests/support/results.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;
using test::run_larger;

TEST_CASE("jobs that end send clients back to intake or out, and are counted by duration") {
  const Results kept = run_larger({"/jobs/follow_months=0"});
  const Results fragile = run_larger({});
  CHECK(test::metric_total(kept, "job_relapses") == 0.0);
  CHECK(test::metric_total(fragile, "job_relapses") >
        0.1 * test::metric_total(fragile, "job_starts"));
  CHECK(test::moves(fragile, kEmployed, kIntake) == test::metric_total(fragile, "job_relapses"));
  const auto a = test::final_stock(kept, kEmployed), b = test::final_stock(fragile, kEmployed);
  for (std::size_t r = 0; r < a.size(); ++r) CHECK(b[r] < a[r]);
  // Every ending is in the duration table once; those after 12 months (the benefit rule of the
  // baseline) are exactly the endings with unemployment benefit, and nobody else leaves
  // `employed` but to intake or out.
  const CountTable& endings = *fragile.table("job_endings");
  double total = 0, after_year = 0;
  for (std::size_t k = 0; k < endings.values.size(); ++k) {
    total += static_cast<double>(endings.values[k]);
    if (k % kJobMonths.size() + 1 >= 12) after_year += static_cast<double>(endings.values[k]);
  }
  const double benefit = test::metric_total(fragile, "job_endings_to_unemployment_benefit");
  const double other = test::metric_total(fragile, "job_endings_other_income");
  CHECK(benefit > 0);
  CHECK(other > 0);
  CHECK(total == test::metric_total(fragile, "job_relapses") + benefit + other);
  CHECK(after_year == benefit);
  CHECK(test::moves(fragile, kEmployed, kExited) == benefit + other);
}

TEST_CASE("a job's duration follows its contract's monthly chances of ending") {
  // Survival by months since the start, worked by hand from the piecewise-constant chances:
  // S(t) = (1-h1)^min(t,6) (1-h2)^min(max(t-6,0),6) (1-h3)^max(t-12,0), each h × the readiness
  // factor. Checked against 200,000 draws for every contract, at a readiness of 0 (factor 1.5).
  const ModelParameters p = test::baseline_parameters();
  const Employment employment(p);
  const JobParameters& j = p.jobs;
  const RandomStreams streams(7, 0);
  constexpr int kDraws = 200000;
  for (int contract = 0; contract < kContractCount; ++contract) {
    const double f = j.end_factor_by_readiness[0];
    const double h[3] = {j.end_first_half_year[contract] * f, j.end_second_half_year[contract] * f,
                         j.end_after_first_year[contract] * f};
    std::vector<int> ended(static_cast<std::size_t>(j.follow_months) + 1, 0);
    for (std::uint32_t i = 0; i < kDraws; ++i)
      ++ended[employment.job_months(streams.words(i, 1, 99, 0), contract, 0)];
    int by_t = 0;
    for (int t = 1; t <= j.follow_months; ++t) {
      by_t += ended[static_cast<std::size_t>(t)];
      const double survival = std::pow(1 - h[0], std::min(t, 6)) *
                              std::pow(1 - h[1], std::clamp(t - 6, 0, 6)) *
                              std::pow(1 - h[2], std::max(t - 12, 0));
      const double expected = 1 - survival;
      const double sd = std::sqrt(expected * (1 - expected) / kDraws);
      INFO(kContractNames[contract] << ", month " << t);
      CHECK(std::fabs(static_cast<double>(by_t) / kDraws - expected) <= 4 * sd + 1e-9);
    }
    // Jobs that outlast the window never end (0).
    CHECK(ended[0] == kDraws - by_t);
  }
}

TEST_CASE("scenarios/README.md shows the jobs keys as their parameter table declares them") {
  test::check_key_table_in_readme(kJobFields, "/jobs", "jobs");
}

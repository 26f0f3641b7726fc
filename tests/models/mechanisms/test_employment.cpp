// Employment (models/mechanisms/employment.hpp): jobs that end, and relapse.
// Each lever is changed with common random numbers (same seed, same arrivals).
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "engine/input_error.hpp"
#include "models/run.hpp"
#include "tests/support/results.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;
using test::run_larger;

TEST_CASE("jobs end more often for the less work-ready: relapses back to intake") {
  const Results kept = run_larger({"/work_readiness/relapse_per_month_by_level=[0,0,0]"});
  const Results fragile = run_larger({});
  CHECK(test::metric_total(kept, "job_relapses") == 0.0);
  CHECK(test::metric_total(fragile, "job_relapses") >
        0.1 * test::metric_total(fragile, "job_starts"));
  CHECK(test::moves(fragile, kEmployed, kIntake) == test::metric_total(fragile, "job_relapses"));
  const auto a = test::final_stock(kept, kEmployed), b = test::final_stock(fragile, kEmployed);
  for (std::size_t r = 0; r < a.size(); ++r) CHECK(b[r] < a[r]);
}

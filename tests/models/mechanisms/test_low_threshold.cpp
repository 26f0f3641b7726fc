// Low-threshold work (models/mechanisms/low_threshold.hpp): participation needs a place.
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

TEST_CASE("participation needs a low-threshold place: without places nobody gets there") {
  const Results none = run_larger({"/regions/0/low_threshold_places_per_month=0"});
  const Results some = run_larger({"/regions/0/low_threshold_places_per_month=5"});
  CHECK(test::entries_into(none, kParticipation) == 0.0);
  CHECK(test::metric_total(none, "low_threshold_places_granted") == 0.0);
  CHECK(test::entries_into(some, kParticipation) > 50.0);
  CHECK(test::metric_mean(some, "low_threshold_waiting") <
        test::metric_mean(none, "low_threshold_waiting"));
}

// Therapy (models/mechanisms/therapy.hpp).
// Each lever is changed with common random numbers (same seed, same arrivals).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "models/mechanisms/service_parameters.hpp"
#include "models/run.hpp"
#include "tests/support/parameter_docs.hpp"
#include "tests/support/results.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;
using test::run_larger;

TEST_CASE("therapy places cut mental-health crises") {
  const Results none = run_larger({"/regions/0/therapy_places=0"});
  const Results many = run_larger({"/regions/0/therapy_places=400"});
  CHECK(test::metric_total(none, "therapy_in") == 0.0);
  CHECK(test::metric_mean(many, "therapy_waiting") < test::metric_mean(none, "therapy_waiting"));
  CHECK(test::metric_mean(many, "clients_in_crisis_mental_health") <
        0.9 * test::metric_mean(none, "clients_in_crisis_mental_health"));
}

TEST_CASE("scenarios/README.md shows the therapy keys as the parameter table declares them") {
  test::check_key_table_in_readme(kTherapyFields, "/therapy", "therapy");
}

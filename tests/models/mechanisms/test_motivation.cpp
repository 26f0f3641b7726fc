// Motivation (models/mechanisms/motivation.hpp): setbacks and progress, and drop-out.
// Each lever is changed with common random numbers (same seed, same arrivals).
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "models/mechanisms/trust_parameters.hpp"
#include "models/run.hpp"
#include "tests/support/parameter_docs.hpp"
#include "tests/support/results.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;

using test::run_newcomers;

TEST_CASE("failed attempts demotivate, and low motivation raises drop-out") {
  // More setbacks (failed attempts) lower motivation.
  const Results few = run_newcomers({"/transitions/crisis_setback_per_month=0.1"});
  const Results many = run_newcomers({"/transitions/crisis_setback_per_month=0.5"});
  CHECK(test::metric_mean(many, "clients_mean_motivation") <
        test::metric_mean(few, "clients_mean_motivation") - 0.05);
  // With the same setbacks, motivation's effect on drop-out raises drop-out.
  const Results neutral = run_newcomers({"/transitions/crisis_setback_per_month=0.5",
                                         "/motivation/dropout_factor_by_level=[1,1,1,1]"});
  CHECK(test::entries_into(many, kDroppedOut) > 1.03 * test::entries_into(neutral, kDroppedOut));
}

TEST_CASE("scenarios/README.md shows the motivation keys as the parameter table declares them") {
  test::check_key_table_in_readme(kMotivationFields, "/motivation", "motivation");
}

// Stage moves (models/mechanisms/stage_moves.hpp): the routes of the move table.
// Each lever is changed with common random numbers (same seed, same arrivals).
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "models/mechanisms/stage_move_parameters.hpp"
#include "models/run.hpp"
#include "tests/support/parameter_docs.hpp"
#include "tests/support/results.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;

using test::run_newcomers;

TEST_CASE("clients close to the labour market skip the preparatory steps and find work sooner") {
  const Results far = run_newcomers({"/arrivals/profiles/ordinary/job_ready_share=0",
                                     "/arrivals/profiles/reform/job_ready_share=0"});
  const Results near = run_newcomers({"/arrivals/profiles/ordinary/job_ready_share=0.8",
                                      "/arrivals/profiles/reform/job_ready_share=0.8"});
  // Job-ready clients go from start-up straight into activation: that move only exists for them.
  CHECK(test::moves(far, kAdminStartup, kActivation) == 0);
  CHECK(test::moves(near, kAdminStartup, kActivation) > 100);
  CHECK(test::entries_into(near, kEmployed) > 1.2 * test::entries_into(far, kEmployed));
  CHECK(test::metric_mean(near, "in_work_year_after_award_share") >
        test::metric_mean(far, "in_work_year_after_award_share"));
}

TEST_CASE("scenarios/README.md shows the stage-move keys as their parameter table declares them") {
  test::check_key_table_in_readme(kStageMoveFields, "/transitions", "stage_moves");
}

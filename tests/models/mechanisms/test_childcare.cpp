// Childcare (models/mechanisms/childcare.hpp): places, and parents who move towards work more
// slowly without one. Each lever is changed with common random numbers (same seed, same arrivals).
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "engine/input_error.hpp"
#include "models/mechanisms/service_parameters.hpp"
#include "models/run.hpp"
#include "tests/support/parameter_docs.hpp"
#include "tests/support/results.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;
using test::run_larger;

using test::run_newcomers;

TEST_CASE("more childcare places let parents of young children move on to work") {
  const std::vector<std::string> parents = {"/arrivals/profiles/ordinary/young_child_share=0.4"};
  auto few_settings = parents, many_settings = parents;
  few_settings.push_back("/regions/0/childcare_places_per_month=5");
  many_settings.push_back("/regions/0/childcare_places_per_month=40");
  const Results few = run_newcomers(few_settings);
  const Results many = run_newcomers(many_settings);
  CHECK(test::metric_total(many, "childcare_places_allocated") >
        3 * test::metric_total(few, "childcare_places_allocated"));
  CHECK(test::metric_total(many, "clients_waiting_for_childcare") <
        0.7 * test::metric_total(few, "clients_waiting_for_childcare"));
  CHECK(test::entries_into(many, kEmployed) > 1.03 * test::entries_into(few, kEmployed));
  CHECK(test::move_rate(many, kPreActivation, kActivation) >
        1.03 * test::move_rate(few, kPreActivation, kActivation));
}

TEST_CASE("with childcare counting for nothing, the number of places does not matter") {
  const std::vector<std::string> parents = {
      "/arrivals/profiles/ordinary/young_child_share=0.4",
      "/childcare/no_childcare_progress_factor=1",
      "/childcare/no_childcare_progress_factor_single_parent=1"};
  auto few_settings = parents, many_settings = parents;
  few_settings.push_back("/regions/0/childcare_places_per_month=5");
  many_settings.push_back("/regions/0/childcare_places_per_month=40");
  CHECK(run_newcomers(few_settings).stage_count == run_newcomers(many_settings).stage_count);
}

TEST_CASE("single parents without childcare move towards work more slowly") {
  const std::vector<std::string> parents = {"/arrivals/profiles/ordinary/young_child_share=0.5",
                                            "/regions/0/childcare_places_per_month=0"};
  auto couples = parents, singles = parents;
  couples.push_back("/childcare/single_parent_share=0");
  singles.push_back("/childcare/single_parent_share=1");
  const Results a = run_larger(couples);
  const Results b = run_larger(singles);
  CHECK(test::entries_into(b, kEmployed) < 0.95 * test::entries_into(a, kEmployed));
}

TEST_CASE("scenarios/README.md shows the childcare keys as the parameter table declares them") {
  test::check_key_table_in_readme(kChildcareFields, "/childcare", "childcare");
}

// Dutch courses (models/mechanisms/dutch_courses.hpp).
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

TEST_CASE("Dutch-course seats raise Dutch levels and cut interpreter needs") {
  const std::vector<std::string> low_dutch = {
      "/arrivals/profiles/ordinary/dutch_level_share=[0.4,0.3,0.1,0.2]"};
  auto none = low_dutch, many = low_dutch;
  none.push_back("/regions/0/nt2_course_places=0");
  many.push_back("/regions/0/nt2_course_places=300");
  const Results a = run_larger(none);
  const Results b = run_larger(many);
  CHECK(test::metric_total(a, "nt2_in_course") == 0.0);
  CHECK(test::metric_total(b, "dutch_level_ups") > 2.0 * test::metric_total(a, "dutch_level_ups"));
  CHECK(test::metric_total(b, "interpreter_hours_demanded") <
        0.9 * test::metric_total(a, "interpreter_hours_demanded"));
}

TEST_CASE("scenarios/README.md shows the Dutch courses keys as the parameter table declares them") {
  test::check_key_table_in_readme(kDutchCourseFields, "/dutch_courses", "dutch_courses");
}

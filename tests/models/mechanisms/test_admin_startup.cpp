// Administrative start-up (models/mechanisms/admin_startup.hpp): basic-rights tasks, their hours
// and overheads, counters, digital skills, knowledge of the system. Each lever is changed with
// common random numbers (same seed, same arrivals).
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "models/mechanisms/admin_startup_parameters.hpp"
#include "models/run.hpp"
#include "tests/support/parameter_docs.hpp"
#include "tests/support/results.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;
using test::run_larger;

using test::run_newcomers;

TEST_CASE("clients without digital skills ask more caseworker hours and slow everyone down") {
  const Results skilled = run_newcomers({"/arrivals/profiles/ordinary/digital_skills_share=1",
                                         "/arrivals/profiles/reform/digital_skills_share=1"});
  const Results unskilled = run_newcomers({"/arrivals/profiles/ordinary/digital_skills_share=0",
                                           "/arrivals/profiles/reform/digital_skills_share=0"});
  CHECK(test::metric_total(unskilled, "caseworker_hours_demanded") >
        1.05 * test::metric_total(skilled, "caseworker_hours_demanded"));
  CHECK(test::metric_total(unskilled, "caseworker_service_share") <
        test::metric_total(skilled, "caseworker_service_share"));
  CHECK(test::stage_months(unskilled, kAdminStartup) > test::stage_months(skilled, kAdminStartup));
}

TEST_CASE("fixed contact persons at partners cut the hours of basic-rights tasks") {
  const Results none = run_larger({"/admin_startup/fixed_contact_share=0"});
  const Results all = run_larger({"/admin_startup/fixed_contact_share=1"});
  // Overhead 0.5 h and task hours 0.5 h: without fixed contacts every pending task costs twice.
  CHECK(test::metric_total(all, "caseworker_hours_demanded_admin_tasks") <
        0.7 * test::metric_total(none, "caseworker_hours_demanded_admin_tasks"));
  CHECK(test::metric_mean(all, "caseworker_service_share") >
        test::metric_mean(none, "caseworker_service_share"));
}

TEST_CASE(
    "closing the local counter slows the basic-rights tasks of clients without digital skills") {
  // Nobody does tasks online; the counter is in the centre (where half the clients live) or in
  // Maldegem (35 minutes from the centre by bus).
  const std::vector<std::string> offline = {"/arrivals/profiles/ordinary/digital_skills_share=0",
                                            "/arrivals/profiles/reform/digital_skills_share=0"};
  auto open = offline, closed = offline;
  open.push_back("/regions/0/counter_places=[\"eeklo_centre\"]");
  closed.push_back("/regions/0/counter_places=[\"maldegem\"]");
  const Results a = run_larger(open);
  const Results b = run_larger(closed);
  CHECK(test::metric_mean(b, "admin_tasks_pending") >
        1.2 * test::metric_mean(a, "admin_tasks_pending"));
  CHECK(test::stage_months(b, kAdminStartup) > 1.05 * test::stage_months(a, kAdminStartup));
}

TEST_CASE("clients who know the social-security system need fewer task hours") {
  const Results plain = run_larger({"/admin_startup/system_knowledge_hours_factor=1"});
  const Results knows = run_larger({"/admin_startup/system_knowledge_hours_factor=0.2"});
  CHECK(test::metric_total(knows, "caseworker_hours_demanded_admin_tasks") <
        0.8 * test::metric_total(plain, "caseworker_hours_demanded_admin_tasks"));
}

TEST_CASE(
    "scenarios/README.md shows the administrative start-up keys as their parameter table declares "
    "them") {
  test::check_key_table_in_readme(kAdminStartupFields, "/admin_startup", "admin_startup");
}

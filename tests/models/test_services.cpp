// Services around the pathway: the basic-rights tasks of administrative start-up (per-task
// overhead, local counters, knowledge of the system), relational work, Dutch courses, therapy and
// work-readiness. Each lever is changed with common random numbers (same seed, same arrivals)
// and checked over 8 replicates.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "models/run.hpp"
#include "tests/support/results.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;

using test::run_larger;

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

TEST_CASE("relational work builds trust, and costs hours") {
  const Results none = run_larger({"/relational_work/hours_per_month_by_trust_level=[0,0,0,0]"});
  const Results some = run_larger({});
  CHECK(test::metric_mean(some, "clients_mean_trust") >
        1.05 * test::metric_mean(none, "clients_mean_trust"));
  CHECK(test::metric_total(none, "caseworker_hours_demanded_relational") == 0.0);
  CHECK(test::metric_total(some, "caseworker_hours_supplied_relational") > 0.0);
}

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

TEST_CASE("therapy places cut mental-health crises") {
  const Results none = run_larger({"/regions/0/therapy_places=0"});
  const Results many = run_larger({"/regions/0/therapy_places=400"});
  CHECK(test::metric_total(none, "therapy_in") == 0.0);
  CHECK(test::metric_mean(many, "therapy_waiting") < test::metric_mean(none, "therapy_waiting"));
  CHECK(test::metric_mean(many, "clients_in_crisis_mental_health") <
        0.9 * test::metric_mean(none, "clients_in_crisis_mental_health"));
}

TEST_CASE("pre-activation builds the work-readiness that activation needs") {
  const std::vector<std::string> unready = {
      "/arrivals/profiles/ordinary/work_readiness_share=[1,0,0]",
      "/arrivals/profiles/ordinary/job_ready_share=0", "/regions/0/reform_population/share=0"};
  auto none = unready, some = unready;
  none.push_back("/work_readiness/gain_per_month_in_pre_activation=0");
  some.push_back("/work_readiness/gain_per_month_in_pre_activation=0.3");
  const Results a = run_larger(none);
  const Results b = run_larger(some);
  CHECK(test::metric_mean(b, "clients_mean_work_readiness") >
        test::metric_mean(a, "clients_mean_work_readiness"));
  CHECK(test::move_rate(b, kPreActivation, kActivation) >
        1.3 * test::move_rate(a, kPreActivation, kActivation));
}

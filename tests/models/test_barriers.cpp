// Language and digital barriers: interpreter budget with the translation-app penalty, and
// clients without digital skills who bring online tasks back to the caseworker. Each lever is
// changed with common random numbers (same seed, same arrivals).
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "models/run.hpp"
#include "tests/support/results.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;

namespace {

// Many newcomers (low Dutch), a larger caseload, three years.
Results run_newcomers(const std::vector<std::string>& settings) {
  auto all =
      test::larger_baseline({"/arrivals/profiles/ordinary/dutch_level_share=[0.4,0.3,0.1,0.2]"});
  all.insert(all.end(), settings.begin(), settings.end());
  return run_pathways(test::baseline_parameters(all), "{}");
}

}  // namespace

TEST_CASE("doubling interpreter hours speeds newcomers through pre-activation") {
  // Only newcomers without Dutch (no reform arrivals), so that faster stabilisation does not
  // change who is in pre-activation: the stay there must get shorter.
  const std::vector<std::string> only_newcomers = {
      "/arrivals/profiles/ordinary/dutch_level_share=[1,0,0,0]",
      "/regions/0/reform_population/share=0",
      // Work-readiness held at its top, so that who is ready does not depend on the speed of
      // the earlier stages either.
      "/arrivals/profiles/ordinary/work_readiness_share=[0,0,1]"};
  auto base_settings = only_newcomers, more_settings = only_newcomers;
  base_settings.push_back("/regions/0/interpreter_hours_per_month=600");
  more_settings.push_back("/regions/0/interpreter_hours_per_month=1200");
  const Results base = run_newcomers(base_settings);
  const Results more = run_newcomers(more_settings);
  // The budget binds in the base run, and twice the hours are used with twice the budget.
  CHECK(test::metric_total(base, "interpreter_hours_supplied") <
        test::metric_total(base, "interpreter_hours_demanded"));
  CHECK(test::metric_total(more, "interpreter_hours_supplied") ==
        Approx(2 * test::metric_total(base, "interpreter_hours_supplied")).epsilon(0.01));
  CHECK(test::metric_total(more, "interpreter_cost_eur") ==
        Approx(48.0 * test::metric_total(more, "interpreter_hours_supplied")));
  // Faster pathways: more entries into activation, and newcomers in pre-activation move on to
  // a programme at a higher monthly rate (a shorter expected time to activation).
  CHECK(test::entries_into(more, kActivation) > 1.03 * test::entries_into(base, kActivation));
  CHECK(test::move_rate(more, kPreActivation, kActivation) >
        1.05 * test::move_rate(base, kPreActivation, kActivation));
}

TEST_CASE("without the translation-app penalty, the interpreter budget no longer matters") {
  const Results a = run_newcomers({"/regions/0/interpreter_hours_per_month=0",
                                   "/interpreters/translation_app_support_penalty=0"});
  const Results b = run_newcomers({"/regions/0/interpreter_hours_per_month=400",
                                   "/interpreters/translation_app_support_penalty=0"});
  CHECK(a.stage_count == b.stage_count);  // the penalty is the only channel
}

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

TEST_CASE("caseworker turnover breaks trust and raises drop-out") {
  const Results stable = run_newcomers({"/caseworkers/turnover_base_per_month=0.005"});
  const Results churn = run_newcomers({"/caseworkers/turnover_base_per_month=0.08"});
  CHECK(test::metric_total(churn, "caseworker_changes") >
        3 * test::metric_total(stable, "caseworker_changes"));
  CHECK(test::metric_mean(churn, "clients_mean_trust") <
        test::metric_mean(stable, "clients_mean_trust") - 0.1);
  CHECK(test::entries_into(churn, kDroppedOut) > 1.03 * test::entries_into(stable, kDroppedOut));
}

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

TEST_CASE("stricter GPMI sanctions raise drop-out and lower trust and leefloon spending") {
  const Results lenient = run_newcomers({"/gpmi/sanction_strictness=0.05"});
  const Results strict = run_newcomers({"/gpmi/sanction_strictness=0.8"});
  CHECK(test::metric_total(strict, "gpmi_sanctions") >
        5 * test::metric_total(lenient, "gpmi_sanctions"));
  CHECK(test::entries_into(strict, kDroppedOut) > 1.03 * test::entries_into(lenient, kDroppedOut));
  CHECK(test::metric_mean(strict, "clients_mean_trust") <
        test::metric_mean(lenient, "clients_mean_trust"));
  CHECK(test::entries_into(strict, kEmployed) < test::entries_into(lenient, kEmployed));
}

TEST_CASE("clients in crisis fail their GPMI obligations more often") {
  const Results flat = run_newcomers({"/gpmi/noncompliance_crisis_factor=1"});
  const Results crisis = run_newcomers({"/gpmi/noncompliance_crisis_factor=5"});
  CHECK(test::metric_total(crisis, "gpmi_sanctions") >
        1.5 * test::metric_total(flat, "gpmi_sanctions"));
}

TEST_CASE("GPMI paperwork takes caseworker hours from client support") {
  const Results none =
      run_newcomers({"/gpmi/drafting_hours_per_month=0", "/gpmi/evaluation_hours_per_month=0"});
  const Results paperwork =
      run_newcomers({"/gpmi/drafting_hours_per_month=2", "/gpmi/evaluation_hours_per_month=0.5"});
  CHECK(test::metric_total(paperwork, "caseworker_hours_demanded") >
        1.1 * test::metric_total(none, "caseworker_hours_demanded"));
  CHECK(test::metric_mean(paperwork, "caseworker_service_share") <
        test::metric_mean(none, "caseworker_service_share"));
  CHECK(test::entries_into(paperwork, kEmployed) < test::entries_into(none, kEmployed));
  // Drafting needs support: with paperwork and no capacity to spare, GPMIs run late.
  CHECK(test::metric_total(paperwork, "gpmi_overdue") > test::metric_total(none, "gpmi_overdue"));
}

TEST_CASE("clients close to the labour market skip the preparatory steps and find work sooner") {
  const Results far = run_newcomers({"/arrivals/profiles/ordinary/job_ready_share=0",
                                     "/arrivals/profiles/reform/job_ready_share=0"});
  const Results near = run_newcomers({"/arrivals/profiles/ordinary/job_ready_share=0.8",
                                      "/arrivals/profiles/reform/job_ready_share=0.8"});
  // Job-ready clients go from start-up straight into activation: that move only exists for them.
  CHECK(test::moves(far, kAdminStartup, kActivation) == 0);
  CHECK(test::moves(near, kAdminStartup, kActivation) > 100);
  CHECK(test::entries_into(near, kEmployed) > 1.2 * test::entries_into(far, kEmployed));
  CHECK(test::metric_mean(near, "in_work_year_after_entry_share") >
        test::metric_mean(far, "in_work_year_after_entry_share"));
}

TEST_CASE("waiting for the interpreter phone costs caseworker hours") {
  // Without the other language hours, the language hours asked are exactly the waits: the wait
  // per interpreted hour times the interpreter hours asked, month by month.
  const Results res =
      run_newcomers({"/demand/extra_hours_by_dutch_level=[0,0,0,0]",
                     "/interpreters/caseworker_wait_hours_per_interpreter_hour=0.5"});
  const auto& language = res.metric("caseworker_hours_demanded_language")->values;
  const auto& interpreting = res.metric("interpreter_hours_demanded")->values;
  for (std::size_t i = 0; i < language.size(); ++i)
    CHECK(language[i] == Approx(0.5 * interpreting[i]));
  // Longer waits leave less of the caseworkers' time for the rest.
  const Results quick =
      run_newcomers({"/interpreters/caseworker_wait_hours_per_interpreter_hour=0"});
  const Results slow =
      run_newcomers({"/interpreters/caseworker_wait_hours_per_interpreter_hour=1"});
  CHECK(test::metric_mean(slow, "caseworker_service_share") <
        test::metric_mean(quick, "caseworker_service_share"));
  CHECK(test::metric_total(slow, "caseworker_hours_demanded_language") >
        1.2 * test::metric_total(quick, "caseworker_hours_demanded_language"));
}

// Language and digital barriers: interpreter budget with the translation-app penalty, and
// clients without digital skills who bring online tasks back to the caseworker. Each lever is
// changed with common random numbers (same seed, same arrivals).
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "models/run.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;

namespace {

// Many newcomers (low Dutch), a larger caseload, three years.
Results run_newcomers(std::vector<std::string> settings) {
  std::vector<std::string> all = {
      "/months=36",
      "/replicates=8",
      "/regions/0/initial_clients=3000",
      "/regions/0/caseworker_fte=30",
      "/caseworkers/budget_fte=[40]",
      "/regions/0/ordinary_applications_per_month=80",
      "/arrivals/profiles/ordinary/dutch_level_share=[0.4,0.3,0.1,0.2]"};
  all.insert(all.end(), settings.begin(), settings.end());
  return run_pathways(test::baseline_parameters(all), "{}");
}

double total(const Results& res, const char* metric) {
  double sum = 0;
  for (double v : res.metric(metric)->values) sum += v;
  return sum;
}

double stage_months(const Results& res, int stage) {
  double sum = 0;
  for (int r = 0; r < res.replicates; ++r)
    for (int m = 0; m < res.months(); ++m)
      sum += static_cast<double>(res.stage_count[res.stage_index(r, m, 0, stage)]);
  return sum;
}

double entries_into(const Results& res, int stage) {
  double sum = 0;
  for (int r = 0; r < res.replicates; ++r)
    for (int m = 0; m < res.months(); ++m)
      for (int from = 0; from < res.stages(); ++from)
        if (from != stage)
          sum +=
              static_cast<double>(res.transition_count[res.transition_index(r, m, 0, from, stage)]);
  return sum;
}

// Monthly rate of moving from `from` into `to`: moves per client-month spent in `from`. Its
// inverse is the expected time to that move, free of who else is in the stage.
double move_rate(const Results& res, int from, int to) {
  double moves = 0;
  for (int r = 0; r < res.replicates; ++r)
    for (int m = 0; m < res.months(); ++m)
      moves += static_cast<double>(res.transition_count[res.transition_index(r, m, 0, from, to)]);
  return moves / stage_months(res, from);
}

}  // namespace

TEST_CASE("doubling interpreter hours speeds newcomers through pre-activation") {
  // Only newcomers without Dutch (no reform arrivals), so that faster stabilisation does not
  // change who is in pre-activation: the stay there must get shorter.
  const std::vector<std::string> only_newcomers = {
      "/arrivals/profiles/ordinary/dutch_level_share=[1,0,0,0]",
      "/arrivals/reform/ocmw_take_up_share=0"};
  auto base_settings = only_newcomers, more_settings = only_newcomers;
  base_settings.push_back("/regions/0/interpreter_hours_per_month=600");
  more_settings.push_back("/regions/0/interpreter_hours_per_month=1200");
  const Results base = run_newcomers(base_settings);
  const Results more = run_newcomers(more_settings);
  // The budget binds in the base run, and twice the hours are used with twice the budget.
  CHECK(total(base, "interpreter_hours_supplied") < total(base, "interpreter_hours_demanded"));
  CHECK(total(more, "interpreter_hours_supplied") ==
        Approx(2 * total(base, "interpreter_hours_supplied")).epsilon(0.01));
  CHECK(total(more, "interpreter_cost_eur") ==
        Approx(48.0 * total(more, "interpreter_hours_supplied")));
  // Faster pathways: more entries into activation, and newcomers in pre-activation move on to
  // a programme at a higher monthly rate (a shorter expected time to activation).
  CHECK(entries_into(more, kActivation) > 1.03 * entries_into(base, kActivation));
  CHECK(move_rate(more, kPreActivation, kActivation) >
        1.05 * move_rate(base, kPreActivation, kActivation));
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
  CHECK(total(unskilled, "caseworker_hours_demanded") >
        1.05 * total(skilled, "caseworker_hours_demanded"));
  CHECK(total(unskilled, "caseworker_service_share") < total(skilled, "caseworker_service_share"));
  CHECK(stage_months(unskilled, kAdminStartup) > stage_months(skilled, kAdminStartup));
}

TEST_CASE("more childcare places let parents of young children move on to work") {
  const std::vector<std::string> parents = {"/arrivals/profiles/ordinary/young_child_share=0.4"};
  auto few_settings = parents, many_settings = parents;
  few_settings.push_back("/regions/0/childcare_places_per_month=5");
  many_settings.push_back("/regions/0/childcare_places_per_month=40");
  const Results few = run_newcomers(few_settings);
  const Results many = run_newcomers(many_settings);
  CHECK(total(many, "childcare_places_allocated") > 3 * total(few, "childcare_places_allocated"));
  CHECK(total(many, "clients_waiting_for_childcare") <
        0.7 * total(few, "clients_waiting_for_childcare"));
  CHECK(entries_into(many, kEmployed) > 1.03 * entries_into(few, kEmployed));
  CHECK(move_rate(many, kPreActivation, kActivation) >
        1.03 * move_rate(few, kPreActivation, kActivation));
}

TEST_CASE("with childcare counting for nothing, the number of places does not matter") {
  const std::vector<std::string> parents = {"/arrivals/profiles/ordinary/young_child_share=0.4",
                                            "/childcare/no_childcare_progress_factor=1"};
  auto few_settings = parents, many_settings = parents;
  few_settings.push_back("/regions/0/childcare_places_per_month=5");
  many_settings.push_back("/regions/0/childcare_places_per_month=40");
  CHECK(run_newcomers(few_settings).stage_count == run_newcomers(many_settings).stage_count);
}

namespace {
double mean_metric(const Results& res, const char* name) {
  double sum = 0;
  int n = 0;
  for (double v : res.metric(name)->values)
    if (!std::isnan(v)) sum += v, ++n;
  return sum / n;
}
}  // namespace

TEST_CASE("caseworker turnover breaks trust and raises drop-out") {
  const Results stable = run_newcomers({"/caseworkers/turnover_base_per_month=0.005"});
  const Results churn = run_newcomers({"/caseworkers/turnover_base_per_month=0.08"});
  CHECK(total(churn, "caseworker_changes") > 3 * total(stable, "caseworker_changes"));
  CHECK(mean_metric(churn, "clients_mean_trust") < mean_metric(stable, "clients_mean_trust") - 0.1);
  CHECK(entries_into(churn, kDroppedOut) > 1.03 * entries_into(stable, kDroppedOut));
}

TEST_CASE("failed attempts demotivate, and low motivation raises drop-out") {
  // More setbacks (failed attempts) lower motivation.
  const Results few = run_newcomers({"/transitions/crisis_setback_per_month=0.1"});
  const Results many = run_newcomers({"/transitions/crisis_setback_per_month=0.5"});
  CHECK(mean_metric(many, "clients_mean_motivation") <
        mean_metric(few, "clients_mean_motivation") - 0.05);
  // With the same setbacks, motivation's effect on drop-out raises drop-out.
  const Results neutral = run_newcomers({"/transitions/crisis_setback_per_month=0.5",
                                         "/motivation/dropout_factor_by_level=[1,1,1,1]"});
  CHECK(entries_into(many, kDroppedOut) > 1.03 * entries_into(neutral, kDroppedOut));
}

TEST_CASE("stricter GPMI sanctions raise drop-out and lower trust and leefloon spending") {
  const Results lenient = run_newcomers({"/gpmi/sanction_strictness=0.05"});
  const Results strict = run_newcomers({"/gpmi/sanction_strictness=0.8"});
  CHECK(total(strict, "gpmi_sanctions") > 5 * total(lenient, "gpmi_sanctions"));
  CHECK(entries_into(strict, kDroppedOut) > 1.03 * entries_into(lenient, kDroppedOut));
  CHECK(mean_metric(strict, "clients_mean_trust") < mean_metric(lenient, "clients_mean_trust"));
  CHECK(entries_into(strict, kEmployed) < entries_into(lenient, kEmployed));
}

TEST_CASE("clients in crisis fail their GPMI obligations more often") {
  const Results flat = run_newcomers({"/gpmi/noncompliance_crisis_factor=1"});
  const Results crisis = run_newcomers({"/gpmi/noncompliance_crisis_factor=5"});
  CHECK(total(crisis, "gpmi_sanctions") > 1.5 * total(flat, "gpmi_sanctions"));
}

TEST_CASE("GPMI paperwork takes caseworker hours from client support") {
  const Results none =
      run_newcomers({"/gpmi/drafting_hours_per_month=0", "/gpmi/evaluation_hours_per_month=0"});
  const Results paperwork =
      run_newcomers({"/gpmi/drafting_hours_per_month=2", "/gpmi/evaluation_hours_per_month=0.5"});
  CHECK(total(paperwork, "caseworker_hours_demanded") >
        1.1 * total(none, "caseworker_hours_demanded"));
  CHECK(mean_metric(paperwork, "caseworker_service_share") <
        mean_metric(none, "caseworker_service_share"));
  CHECK(entries_into(paperwork, kEmployed) < entries_into(none, kEmployed));
  // Drafting needs support: with paperwork and no capacity to spare, GPMIs run late.
  CHECK(total(paperwork, "gpmi_overdue") >= total(none, "gpmi_overdue"));
}

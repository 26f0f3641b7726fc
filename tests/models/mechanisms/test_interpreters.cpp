// Interpreters (models/mechanisms/interpreters.hpp): the interpreter budget, the translation app,
// the hours of waiting for the phone. Each lever is changed with common random numbers (same seed,
// same arrivals).
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "models/mechanisms/service_parameters.hpp"
#include "models/run.hpp"
#include "tests/support/parameter_docs.hpp"
#include "tests/support/results.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;

using test::run_newcomers;

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

TEST_CASE("scenarios/README.md shows the interpreter keys as the parameter table declares them") {
  test::check_key_table_in_readme(kInterpreterFields, "/interpreters", "interpreters");
}

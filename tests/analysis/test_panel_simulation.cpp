// Panels drawn from the model (analysis/panel_simulation.hpp): a complete monthly panel gives the
// results' own cohort figures through the panel code path, and the design is honoured.
#include <catch2/catch.hpp>
#include <cmath>

#include "analysis/moments.hpp"
#include "analysis/panel_simulation.hpp"
#include "engine/scenario.hpp"
#include "models/mechanisms/cohorts.hpp"
#include "models/run.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;

TEST_CASE("a complete monthly panel gives exactly the results' cohort shares") {
  // Every awarded client, a row every month: the panel code (a person's rows, Cohorts::outcomes)
  // and the results code (the cohort_count table the run recorded) must count the same people.
  const ModelParameters p = test::baseline_parameters({"/replicates=2", "/months=36"});
  const Results res = run_pathways(p, "{}");
  PanelSurveyDesign d;
  d.awards = {p.start_month + 3, p.start_month + 14};
  d.follow_months = 18;
  const Panel panel = simulate_panel(p, d);
  REQUIRE(panel.persons.size() > 100);
  for (const char* outcome : kCohortOutcomeNames)
    for (const int h : {1, 3, 6, 12, 18}) {
      const std::string name = "cohort/" + std::string(outcome) + "/" + std::to_string(h);
      std::string expected;
      const auto m = parse_moment(name, expected);
      REQUIRE(m);
      INFO(name);
      CHECK(panel_moment(panel, *m, d.awards) ==
            Approx(moment_value(res, *m, d.awards)).epsilon(1e-12));
    }
  // Medians and groups: the results' by-background table against the panel's persons, followed
  // to the end of the run (a median may need the later horizons).
  d.follow_months = 36;
  const Panel whole = simulate_panel(p, d);
  int groups = 0;
  for (std::string suffix :
       {"", "@background=newcomer_loi", "@background=other", "@background=long_term_unemployed"})
    for (std::string name : {"cohort_median/admin_startup", "cohort_median/on_leefloon",
                             "cohort/employed+art60/12", "cohort/admin_startup/1"}) {
      name += suffix;
      std::string expected;
      const auto m = parse_moment(name, expected);
      REQUIRE(m);
      INFO(name);
      const double simulated = moment_value(res, *m, d.awards);
      CHECK(panel_moment(whole, *m, d.awards) == Approx(simulated).epsilon(1e-12));
      groups += std::isnan(simulated) ? 0 : 1;
    }
  CHECK(groups >= 14);  // (a small group's median may not be reached within the run)
}

TEST_CASE("a sampled panel with gaps keeps to its design") {
  const ModelParameters p = test::baseline_parameters({"/replicates=2", "/months=36"});
  PanelSurveyDesign full;
  full.awards = {p.start_month + 3, p.start_month + 14};
  full.follow_months = 12;
  PanelSurveyDesign d = full;
  d.sample_share = 0.3;
  d.min_gap = 2;
  d.max_gap = 4;
  const Panel all = simulate_panel(p, full), some = simulate_panel(p, d);
  const double share = double(some.persons.size()) / double(all.persons.size());
  CHECK(share == Approx(0.3).margin(0.08));
  for (const auto& person : some.persons) {
    const auto& o = person.observations;
    REQUIRE_FALSE(o.empty());
    CHECK(o.front().month >= d.awards.from);
    CHECK(o.front().month <= d.awards.to);
    CHECK(o.back().month - o.front().month <= 12);
    for (std::size_t j = 1; j < o.size(); ++j) {
      CHECK(o[j].month - o[j - 1].month >= 2);
      CHECK(o[j].month - o[j - 1].month <= 4);
    }
  }
  // The same design gives the same panel.
  const Panel again = simulate_panel(p, d);
  REQUIRE(again.persons.size() == some.persons.size());
  CHECK(again.persons.back().id == some.persons.back().id);
  CHECK(again.observation_count() == some.observation_count());
}

// Running scenarios and sweeps (models/run.hpp): common random numbers between runs of one seed,
// sweep points equal to the runs they stand for, and the checks of plan_scenario.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "analysis/compare.hpp"
#include "analysis/replicate_stats.hpp"
#include "engine/scenario.hpp"
#include "models/run.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;

namespace {

Results run_file(const std::string& relative, std::vector<std::string> sets) {
  return run_scenario_file(test::source_path(relative), sets);
}

double sample_variance(const std::vector<double>& x) {
  return std::pow(mean_interval(x).sd, 2);
}

ScenarioDocument with_sweep(const std::string& sweep_json, std::vector<std::string> sets = {}) {
  ScenarioDocument doc = load_scenario(test::source_path("scenarios/baseline.json"), sets);
  doc.root["sweep"] = nlohmann::json::parse(sweep_json);
  return doc;
}

std::vector<ScenarioIssue> plan_issues(const ScenarioDocument& doc) {
  try {
    plan_scenario(doc);
  } catch (const InputError& e) {
    return e.issues();
  }
  FAIL("plan_scenario did not throw");
  return {};
}

}  // namespace

TEST_CASE("common random numbers: a paired difference varies far less than an unpaired one",
          "[run][crn]") {
  // Lever with a known direction: 20% more caseworkers lets more clients reach work. Replicate r
  // of the base and of the what-if share their random numbers when they share the seed.
  const std::vector<std::string> sets = {"/months=36", "/replicates=20"};
  std::vector<std::string> other_seed = sets;
  other_seed.push_back("/seed=77");
  const Results base = run_file("scenarios/baseline.json", sets);
  const Results variant = run_file("scenarios/whatif/caseworkers-plus20.json", sets);
  const Results independent = run_file("scenarios/whatif/caseworkers-plus20.json", other_seed);
  const int last = base.months() - 1;
  const auto a = quantity_values(base, "entered_employed", last);
  const auto b = quantity_values(variant, "entered_employed", last);
  const auto c = quantity_values(independent, "entered_employed", last);
  std::vector<double> paired, unpaired;
  for (std::size_t r = 0; r < a.size(); ++r) {
    paired.push_back(b[r] - a[r]);
    unpaired.push_back(c[r] - a[r]);
  }
  const double ratio = sample_variance(paired) / sample_variance(unpaired);
  INFO("variance of paired differences " << sample_variance(paired) << ", of unpaired "
                                         << sample_variance(unpaired));
  // With 20 replicates an F(19, 19) ratio of equal variances falls below 0.4 with probability
  // 2.5%; measured here about 0.08.
  CHECK(ratio < 0.25);
  const MeanInterval d = paired_difference(a, b);
  CHECK(d.low > 0);  // more caseworkers, more clients entering work: the sign is resolved
}

TEST_CASE("each sweep point equals the run it stands for, and points share random numbers",
          "[run][sweep]") {
  const ScenarioDocument doc = with_sweep(
      R"({"variants": [{"name": "base", "set": {}},
                       {"name": "x2", "set": {"/regions/eeklo/caseworker_fte": 7.0,
                                              "/regions/eeklo/caseworker_budget_fte": 8.0}}]})",
      {"/months=12", "/replicates=3"});
  const ScenarioPlan plan = plan_scenario(doc);
  REQUIRE(plan.point_names == std::vector<std::string>{"base", "x2"});
  REQUIRE(plan.coordinates.size() == 2);
  // Within a "set" object the pointers come in alphabetical order (JSON objects have none).
  CHECK(plan.coordinates[0].pointer == "/regions/eeklo/caseworker_budget_fte");
  CHECK(plan.coordinates[0].numbers == std::vector<double>{4.0, 8.0});
  CHECK(plan.coordinates[1].pointer == "/regions/eeklo/caseworker_fte");
  CHECK(plan.coordinates[1].numbers == std::vector<double>{3.5, 7.0});
  const ResultsFile file = run_plan(plan);
  REQUIRE(file.points.size() == 2);
  const Results alone =
      run_file("scenarios/whatif/caseworkers-x2.json", {"/months=12", "/replicates=3"});
  CHECK(file.points[1].stage_count == alone.stage_count);
  CHECK(file.points[1].transition_count == alone.transition_count);
  CHECK(file.points[1].metric("caseworker_hours_supplied")->values ==
        alone.metric("caseworker_hours_supplied")->values);
  const Results base = run_file("scenarios/baseline.json", {"/months=12", "/replicates=3"});
  CHECK(file.points[0].stage_count == base.stage_count);
  // The arrivals do not depend on caseworkers: same seed, same arrivals in every replicate.
  CHECK(file.points[0].arrival_count == file.points[1].arrival_count);
}

TEST_CASE("a grid crosses its values with the last pointer fastest", "[run][sweep]") {
  const ScenarioDocument doc = with_sweep(R"({"grid": {"/gpmi/sanction_strictness": [0.05, 0.5],
                              "/regions/0/interpreter_hours_per_month": [20, 60]}})",
                                          {"/months=2", "/replicates=1"});
  const ScenarioPlan plan = plan_scenario(doc);
  CHECK(plan.point_names ==
        std::vector<std::string>{
            "gpmi.sanction_strictness=0.05,regions.0.interpreter_hours_per_month=20",
            "gpmi.sanction_strictness=0.05,regions.0.interpreter_hours_per_month=60",
            "gpmi.sanction_strictness=0.5,regions.0.interpreter_hours_per_month=20",
            "gpmi.sanction_strictness=0.5,regions.0.interpreter_hours_per_month=60"});
  CHECK(plan.points[3].gpmi.sanction_strictness == 0.5);
  CHECK(plan.points[3].regions[0].interpreter_hours_per_month == 60);
  CHECK(plan.points[0].regions[0].interpreter_hours_per_month == 20);
}

TEST_CASE("a swept value out of range names the sweep point", "[run][sweep]") {
  const auto issues = plan_issues(
      with_sweep(R"({"grid": {"/regions/eeklo/caseworker_fte": [3.5, 4.0, 5.0, 6.0]}})"));
  // 5 and 6 exceed the budget of 4: one problem per point, each naming its point.
  REQUIRE(issues.size() == 2);
  CHECK_THAT(issues[0].file, Catch::EndsWith("(sweep point regions.eeklo.caseworker_fte=5.0)"));
  CHECK(issues[0].pointer == "/regions/0/caseworker_fte");
  CHECK_THAT(issues[1].file, Catch::EndsWith("(sweep point regions.eeklo.caseworker_fte=6.0)"));
}

TEST_CASE("sweep points that would not share a results file are refused", "[run][sweep]") {
  const auto issues = plan_issues(with_sweep(R"({"grid": {"/months": [12, 24]}})"));
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].pointer == "/sweep");
  CHECK_THAT(issues[0].found, Catch::Contains("changes months"));
}

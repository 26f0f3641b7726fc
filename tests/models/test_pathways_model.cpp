// The pathways model: conservation of clients and the caseworker-capacity mechanism.
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>

#include "models/pathways_model.hpp"
#include "models/run.hpp"
#include "tests/support/results.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;

TEST_CASE("conservation: stocks, arrivals and transitions add up every month and region") {
  // Two regions so that region bookkeeping is exercised; short horizon, several replicates.
  auto doc = test::baseline({"/months=30", "/replicates=3"});
  auto second = doc.root["regions"][0];
  second["name"] = "second";
  second["initial_clients"] = 900;
  second["caseworker_fte"] = 5.0;
  doc.root["regions"].push_back(second);
  doc.root["regions"][0]["caseworker_budget_fte"] = 4.5;
  doc.root["regions"][1]["caseworker_budget_fte"] = 6.0;
  const ModelParameters p = read_model_parameters(doc);
  const Results res = run_pathways(p, doc.root.dump());
  const int S = res.stages();
  for (int r = 0; r < res.replicates; ++r) {
    for (int g = 0; g < res.regions(); ++g) {
      std::int64_t initial = 0;
      for (int s = 0; s < S; ++s) initial += res.initial_stage_count[res.initial_index(r, g, s)];
      REQUIRE(initial == p.regions[g].initial_clients);
      std::int64_t arrived = 0;
      for (int m = 0; m < res.months(); ++m) {
        std::int64_t total = 0;
        for (int s = 0; s < S; ++s) {
          const std::int64_t before = m == 0 ? res.initial_stage_count[res.initial_index(r, g, s)]
                                             : res.stage_count[res.stage_index(r, m - 1, g, s)];
          const std::int64_t in_arrivals = res.arrival_count[res.stage_index(r, m, g, s)];
          // Stocks are recorded as column sums of the transitions, so the row sums are the
          // independent check: everyone present at the start of the month or arriving in it
          // made exactly one move (or stay).
          std::int64_t row = 0;
          for (int t = 0; t < S; ++t)
            row += res.transition_count[res.transition_index(r, m, g, s, t)];
          INFO("replicate " << r << " region " << g << " month " << m << " stage " << s);
          REQUIRE(row == before + in_arrivals);
          // End states keep everyone they receive, except that a job can end: from employed
          // the only ways out are a new application (intake) and leaving (exited: benefit,
          // other work or income).
          const std::int64_t stays = res.transition_count[res.transition_index(r, m, g, s, s)];
          if (s > kEmployed) REQUIRE(stays == before);
          if (s == kEmployed)
            REQUIRE(stays + res.transition_count[res.transition_index(r, m, g, s, kIntake)] +
                        res.transition_count[res.transition_index(r, m, g, s, kExited)] ==
                    before);
          total += res.stage_count[res.stage_index(r, m, g, s)];
          arrived += in_arrivals;
        }
        REQUIRE(total == initial + arrived);
        // Ordinary applications enter intake; reform arrivals, already awarded a leefloon by the
        // inflow's means test, enter the administrative start-up.
        REQUIRE(res.metric("arrivals_ordinary")->values[res.metric_index(r, m, g)] ==
                static_cast<double>(res.arrival_count[res.stage_index(r, m, g, kIntake)]));
        REQUIRE(res.metric("arrivals_reform")->values[res.metric_index(r, m, g)] ==
                static_cast<double>(res.arrival_count[res.stage_index(r, m, g, kAdminStartup)]));
      }
      REQUIRE(arrived > 0);
    }
  }
}

TEST_CASE("no agent is lost or counted twice: stage counts equal the agent table") {
  const ModelParameters p = test::baseline_parameters({"/months=12", "/replicates=1"});
  const auto arrivals = draw_arrivals(p, RandomStreams(p.seed, 0));
  PathwaysModel model(p, plan_capacity(p), 256);
  Results res = make_results(p, "{}");
  model.start_replicate(0, arrivals, res);
  for (int m = 0; m < 12; ++m) {
    model.step(m, res);
    std::vector<std::int64_t> by_stage(kStageCount, 0);
    for (std::size_t i = 0; i < model.agents(); ++i) ++by_stage[model.columns().stage[i]];
    for (int s = 0; s < kStageCount; ++s)
      REQUIRE(by_stage[s] == res.stage_count[res.stage_index(0, m, 0, s)]);
    // The active list: every client in an active stage, and the employed whose job may still
    // end (relapse pending).
    std::size_t active = 0;
    for (int s = 0; s < kActiveStageCount; ++s) active += static_cast<std::size_t>(by_stage[s]);
    for (std::size_t i = 0; i < model.agents(); ++i)
      active += model.columns().stage[i] == kEmployed && model.columns().relapse_month[i] != 0xffff;
    REQUIRE(active == model.active_agents());
  }
}

TEST_CASE("caseworker hours: supplied never exceeds capacity or demand") {
  const ModelParameters p = test::baseline_parameters({"/months=24", "/replicates=2"});
  const Results res = run_pathways(p, "{}");
  const auto& cap = res.metric("caseworker_hours_capacity")->values;
  const auto& asked = res.metric("caseworker_hours_demanded")->values;
  const auto& given = res.metric("caseworker_hours_supplied")->values;
  for (std::size_t i = 0; i < cap.size(); ++i) {
    CHECK(given[i] <= cap[i] * (1 + 1e-12));
    CHECK(given[i] <= asked[i] * (1 + 1e-12));
  }
  // The baseline is capacity-bound: demand exceeds the hours on offer.
  CHECK(asked[0] > cap[0]);
}

TEST_CASE("more caseworkers speed up pathways: employment rises with common random numbers") {
  // Same seed, same arrivals; only caseworker FTE changes (3.5 -> 7.0).
  const std::vector<std::string> base = {"/months=24", "/replicates=8"};
  auto more = base;
  more.push_back("/regions/0/caseworker_fte=7.0");
  more.push_back("/regions/0/caseworker_budget_fte=8");
  const Results a = run_pathways(test::baseline_parameters(base), "{}");
  const Results b = run_pathways(test::baseline_parameters(more), "{}");
  const auto ea = test::final_stock(a, kEmployed), eb = test::final_stock(b, kEmployed);
  double gain = 0;
  for (std::size_t r = 0; r < ea.size(); ++r) {
    CHECK(eb[r] > ea[r]);  // paired: every replicate improves
    gain += (eb[r] - ea[r]) / ea[r];
  }
  CHECK(gain / static_cast<double>(ea.size()) >
        0.10);  // at least 10% more clients in work after two years
  // And the service share (hours received / asked) is higher.
  CHECK(b.metric("caseworker_service_share")->values[5] >
        a.metric("caseworker_service_share")->values[5]);
}

TEST_CASE("without any caseworker, only the unsupported share of each hazard remains") {
  // With support at its floor (no capacity), progress is unsupported_progress_share of full
  // support; setting that floor to zero must freeze every supported move.
  const Results frozen = run_pathways(
      test::baseline_parameters({"/months=12", "/replicates=1", "/regions/0/caseworker_fte=0",
                                 "/regions/0/caseworker_budget_fte=0",
                                 "/transitions/unsupported_progress_share=0"}),
      "{}");
  for (int m = 0; m < frozen.months(); ++m) {
    CHECK(frozen.transition_count[frozen.transition_index(0, m, 0, kActivation, kEmployed)] == 0);
    CHECK(frozen.transition_count[frozen.transition_index(0, m, 0, kIntake, kAdminStartup)] == 0);
    CHECK(frozen.metric("caseworker_hours_supplied")->values[m] == 0.0);
  }
}

TEST_CASE("more caseworkers cut administrative start-up and caseworker stress") {
  // Common random numbers: same seed and arrivals; 3.5 FTE (budget 4.5) against 7 (budget 8).
  const std::vector<std::string> base = {"/months=36", "/replicates=8"};
  auto more = base;
  more.push_back("/regions/0/caseworker_fte=7.0");
  more.push_back("/regions/0/caseworker_budget_fte=8");
  const Results a = run_pathways(test::baseline_parameters(base), "{}");
  const Results b = run_pathways(test::baseline_parameters(more), "{}");
  auto mean_over_months = [](const Results& res, int r, auto value) {
    double sum = 0;
    for (int m = 12; m < res.months(); ++m) sum += value(res, r, m);  // after a year of burn-in
    return sum / (res.months() - 12);
  };
  auto admin = [](const Results& res, int r, int m) {
    return static_cast<double>(res.stage_count[res.stage_index(r, m, 0, kAdminStartup)]);
  };
  auto stress = [](const Results& res, int r, int m) {
    return res.metric("caseworker_mean_stress")->values[res.metric_index(r, m, 0)];
  };
  double admin_drop = 0, stress_drop = 0;
  for (int r = 0; r < a.replicates; ++r) {
    const double admin_a = mean_over_months(a, r, admin), admin_b = mean_over_months(b, r, admin);
    const double stress_a = mean_over_months(a, r, stress),
                 stress_b = mean_over_months(b, r, stress);
    CHECK(admin_b < admin_a);
    CHECK(stress_b < stress_a);
    admin_drop += (admin_a - admin_b) / admin_a / a.replicates;
    stress_drop += (stress_a - stress_b) / a.replicates;
  }
  CHECK(admin_drop > 0.15);   // at least 15% fewer clients stuck in administrative start-up
  CHECK(stress_drop > 0.05);  // mean stress at least 0.05 lower on the 0-1 scale
}

TEST_CASE("moral tension raises caseworker stress, sick leave follows") {
  // Overload stress kept low in both runs, so that stress does not saturate at its maximum and
  // moral tension's own share shows.
  const std::vector<std::string> base = {"/months=36", "/replicates=6",
                                         "/caseworkers/stress_gain_per_overload=0.01",
                                         "/caseworkers/stress_gain_per_moral_tension=0"};
  auto tense = base;
  tense.back() = "/caseworkers/stress_gain_per_moral_tension=1";
  const Results a = run_pathways(test::baseline_parameters(base), "{}");
  const Results b = run_pathways(test::baseline_parameters(tense), "{}");
  double stress_a = 0, stress_b = 0, sick_a = 0, sick_b = 0;
  for (std::size_t i = 0; i < a.metric("caseworker_mean_stress")->values.size(); ++i) {
    stress_a += a.metric("caseworker_mean_stress")->values[i];
    stress_b += b.metric("caseworker_mean_stress")->values[i];
    sick_a += a.metric("caseworker_fte_sick")->values[i];
    sick_b += b.metric("caseworker_fte_sick")->values[i];
  }
  CHECK(stress_b > stress_a * 1.2);
  CHECK(sick_b > sick_a);
  // Moral tension itself is measured: some clients are pushed on while in crisis.
  CHECK(b.metric("caseworker_moral_tension")->values[20] > 0.0);
}

TEST_CASE("the in-work share a year after the award equals a direct count of the cohort in work") {
  // A fast ladder (every supported step likely, support never below 0.9) so that many arrivals
  // of month 0 find work within their first 12 months; none of the initial caseload counts.
  const ModelParameters p = test::baseline_parameters(
      {"/months=13", "/replicates=1", "/regions/0/ordinary_applications_per_month=200",
       "/transitions/unsupported_progress_share=0.9", "/transitions/intake_decision_per_month=0.9",
       "/transitions/admin_startup_done_per_month=0.9",
       "/transitions/stabilisation_done_per_month=0.9",
       "/transitions/pre_activation_to_activation_per_month=0.7",
       "/transitions/activation_to_employed_per_month=0.7",
       "/transitions/participation_per_month=0.2",
       // Some of them take an art. 60 contract (15 months: still running at month 12).
       "/arrivals/profiles/ordinary/job_ready_share=0.3",
       "/arrivals/profiles/ordinary/work_readiness_share=[0,0,1]",
       "/regions/0/programme_places/art60=200", "/regions/0/art60_budget_eur_per_month=1e6"});
  const auto arrivals = draw_arrivals(p, RandomStreams(p.seed, 0));
  PathwaysModel model(p, plan_capacity(p), 256);
  Results res = make_results(p, "{}");
  model.start_replicate(0, arrivals, res);
  for (int m = 0; m < 13; ++m) model.step(m, res);
  // After 13 months (the award month and 12 more): clients first awarded the leefloon in month
  // 0 (stream month 1) and in work now, in a regular job or an art. 60 contract.
  double cohort = 0, in_work = 0, in_art60 = 0;
  for (std::size_t i = 0; i < model.agents(); ++i) {
    if (model.columns().award_month[i] != 1) continue;
    cohort += 1;
    const bool art60 =
        model.columns().stage[i] == kActivation && model.columns().programme[i] == kArt60;
    in_work += model.columns().stage[i] == kEmployed || art60 ? 1 : 0;
    in_art60 += art60 ? 1 : 0;
  }
  // The month's awards, from the results alone: reform arrivals (who start in the start-up) and
  // intake decisions that award the leefloon.
  double awards = static_cast<double>(res.arrival_count[res.stage_index(0, 0, 0, kAdminStartup)]);
  for (int to = kAdminStartup; to <= kActivation; ++to)
    awards += static_cast<double>(res.transition_count[res.transition_index(0, 0, 0, kIntake, to)]);
  REQUIRE(cohort == awards);
  REQUIRE(cohort > 100);
  REQUIRE(in_work > 10);
  REQUIRE(in_art60 > 0);
  const auto& share = res.metric("in_work_year_after_award_share")->values;
  CHECK(share[res.metric_index(0, 12, 0)] == Approx(in_work / cohort));
  CHECK(std::isnan(share[res.metric_index(0, 11, 0)]));  // no cohort a year old yet
}

TEST_CASE("PathwaysModel::bytes_for, the memory estimate's model, is what a model holds") {
  // One region and the 285 of the national scenario, whose per-block buffers dominate.
  for (const char* scenario : {"scenarios/baseline.json", "scenarios/national-flanders.json"}) {
    INFO(scenario);
    const ModelParameters p = read_model_parameters(load_scenario(test::source_path(scenario)));
    const std::size_t capacity = plan_capacity(p);
    for (const std::size_t block : {block_size_for(capacity), std::size_t{4096}}) {
      const PathwaysModel model(p, capacity, block);
      CHECK(PathwaysModel::bytes_for(p, capacity, block) == model.allocation_bytes());
    }
  }
}

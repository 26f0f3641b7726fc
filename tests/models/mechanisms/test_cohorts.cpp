// Award cohorts (models/mechanisms/cohorts.hpp): the cohort_count table against a direct count
// of the agents, and a cohort against the month's awards in the stage counts.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "models/pathways_model.hpp"
#include "models/run.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;

namespace {

// A small region with fast moves, jobs that end and re-applications, so that every state of a
// cohort is reached within the run.
std::vector<std::string> busy_settings(std::vector<std::string> extra = {}) {
  std::vector<std::string> o = {"/months=30",
                                "/replicates=1",
                                "/regions/0/ordinary_applications_per_month=120",
                                "/transitions/unsupported_progress_share=0.9",
                                "/transitions/intake_decision_per_month=0.9",
                                "/transitions/admin_startup_done_per_month=0.9",
                                "/transitions/stabilisation_done_per_month=0.6",
                                "/transitions/activation_to_employed_per_month=0.7",
                                "/transitions/participation_per_month=0.2",
                                "/regions/0/low_threshold_places_per_month=20",
                                "/jobs/reapply_share=0.9",
                                "/regions/0/programme_places/art60=60"};
  o.insert(o.end(), extra.begin(), extra.end());
  return o;
}

ModelParameters busy(std::vector<std::string> extra = {}) {
  return test::baseline_parameters(busy_settings(std::move(extra)));
}

std::int64_t table_at(const Results& res, std::size_t c, std::size_t h, int outcome) {
  const CountTable& t = *res.table("cohort_count");
  const std::size_t horizons = kCohortHorizons.size();
  return t.values[(c * horizons + h) * kCohortOutcomeCount + static_cast<std::size_t>(outcome)];
}

}  // namespace

TEST_CASE("cohort counts equal a direct count of the agents at every horizon") {
  const ModelParameters p = busy();
  const auto arrivals = draw_arrivals(p, RandomStreams(p.seed, 0));
  PathwaysModel model(p, plan_capacity(p), 256);
  Results res = make_results(p, "{}");
  model.start_replicate(0, arrivals, res);
  const ClientColumns& c = model.columns();
  std::array<std::int64_t, kCohortOutcomeCount> seen{};  // over all checks: each state reached
  for (int m = 0; m < p.months; ++m) {
    model.step(m, res);
    for (std::size_t h = 0; h < kCohortHorizons.size(); ++h) {
      const int cohort = m - kCohortHorizons[h];
      if (cohort < 0) continue;
      std::array<std::int64_t, kCohortOutcomeCount> direct{};
      for (std::size_t i = 0; i < model.agents(); ++i) {
        if (c.award_month[i] != cohort + 1) continue;  // stream months are 1-based
        const std::uint32_t bits = Cohorts::outcomes(c.stage[i], c.programme[i], c.returned[i]);
        for (int o = 0; o < kCohortOutcomeCount; ++o) direct[o] += (bits >> o) & 1u;
      }
      for (int o = 0; o < kCohortOutcomeCount; ++o) {
        INFO("month " << m << ", horizon " << kCohortHorizons[h] << ", " << kCohortOutcomeNames[o]);
        CHECK(table_at(res, static_cast<std::size_t>(cohort), h, o) == direct[o]);
        seen[o] += direct[o];
      }
    }
  }
  for (int o = 0; o < kCohortOutcomeCount; ++o) {
    INFO(kCohortOutcomeNames[o]);
    CHECK(seen[o] > 0);
  }
  // Cells whose month lies after the run are -1.
  CHECK(table_at(res, static_cast<std::size_t>(p.months - 1), 0, kCohortAwarded) == -1);
}

TEST_CASE("cohort counts by background add up to the counts over the regions") {
  // Two regions, so that the by-background table (all regions together) must pool them.
  // (The fixture adds a region "maldegem" that extends the baseline's "eeklo".)
  const ModelParameters p = read_model_parameters(
      load_scenario(test::source_path("tests/fixtures/bad_scenarios/two_regions.json"),
                    busy_settings({"/replicates=2", "/months=24"})));
  REQUIRE(p.regions.size() == 2);
  const Results res = run_pathways(p, "{}");
  const CountTable& all = *res.table("cohort_count");
  const CountTable& groups = *res.table("cohort_count_by_background");
  const std::size_t H = kCohortHorizons.size(), O = kCohortOutcomeCount, G = 2;
  std::array<std::int64_t, kBackgroundCount> members{};
  for (std::size_t r = 0; r < 2; ++r)
    for (std::size_t c = 0; c < static_cast<std::size_t>(p.months); ++c)
      for (std::size_t h = 0; h < H; ++h)
        for (std::size_t o = 0; o < O; ++o) {
          const std::size_t cell = (r * static_cast<std::size_t>(p.months) + c) * H + h;
          std::int64_t regions = 0, backgrounds = 0;
          for (std::size_t g = 0; g < G; ++g) regions += all.values[(cell * G + g) * O + o];
          for (std::size_t b = 0; b < kBackgroundCount; ++b) {
            const std::int64_t v = groups.values[(cell * kBackgroundCount + b) * O + o];
            backgrounds += v;
            if (o == kCohortAwarded && v > 0) members[b] += v;
          }
          INFO("replicate " << r << ", cohort " << c << ", horizon " << kCohortHorizons[h]);
          // Cells after the run: -1 in each region and each background.
          if (all.values[cell * G * O + o] < 0)
            CHECK(backgrounds == -std::int64_t{kBackgroundCount});
          else
            CHECK(backgrounds == regions);
        }
  int represented = 0;
  for (const auto n : members) represented += n > 0 ? 1 : 0;
  CHECK(represented >= 4);  // the split is not all in one background
}

TEST_CASE("a cohort is its month's awards, and each member is on or off the leefloon") {
  // Without jobs that end nobody comes back to intake, so every move out of intake into the
  // start-up or beyond is a first award.
  const ModelParameters p = busy({"/jobs/follow_months=0", "/replicates=3"});
  const Results res = run_pathways(p, "{}");
  const std::size_t cells = res.table_cells(*res.table("cohort_count"));
  const std::size_t horizon12 = 3;
  REQUIRE(kCohortHorizons[horizon12] == 12);
  for (int r = 0; r < 3; ++r)
    for (int m = 0; m + 12 < p.months; ++m) {
      std::int64_t awards = res.arrival_count[res.stage_index(r, m, 0, kAdminStartup)];
      for (int to = kAdminStartup; to <= kActivation; ++to)
        awards += res.transition_count[res.transition_index(r, m, 0, kIntake, to)];
      const auto* t = &res.table("cohort_count")->values[static_cast<std::size_t>(r) * cells];
      const auto at = [&](int o) {
        return t[(static_cast<std::size_t>(m) * kCohortHorizons.size() + horizon12) *
                     kCohortOutcomeCount +
                 static_cast<std::size_t>(o)];
      };
      INFO("replicate " << r << ", cohort month " << m);
      CHECK(at(kCohortAwarded) == awards);
      CHECK(at(kCohortOnLeefloon) + at(kCohortOffLeefloon) == awards);
      CHECK(at(kCohortLeftForGood) == at(kCohortOffLeefloon));  // nobody could come back
      const double share =
          res.metric("in_work_year_after_award_share")->values[res.metric_index(r, m + 12, 0)];
      if (awards > 0)
        CHECK(share == Approx(static_cast<double>(at(kCohortEmployed) + at(kCohortArt60)) /
                              static_cast<double>(awards)));
    }
}

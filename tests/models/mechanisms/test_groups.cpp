// Stocks and arrivals by group (models/mechanisms/groups.hpp): the group tables add up to the
// stage and arrival counts, and equal a direct count of the agents.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "models/pathways_model.hpp"
#include "models/run.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;

namespace {

// The table `name` [replicate][month][region][group][stage] summed over its groups.
std::vector<std::int64_t> summed_over_groups(const Results& res, const char* name, int groups) {
  const CountTable& t = *res.table(name);
  std::vector<std::int64_t> out(res.stage_count.size(), 0);
  const std::size_t rows = out.size() / kStageCount;  // (replicate, month, region)
  for (std::size_t row = 0; row < rows; ++row)
    for (int g = 0; g < groups; ++g)
      for (int s = 0; s < kStageCount; ++s)
        out[row * kStageCount + s] += t.values[(row * groups + g) * kStageCount + s];
  return out;
}

}  // namespace

TEST_CASE("stocks and arrivals by group add up to the stage and arrival counts") {
  // Jobs that end, so that clients also leave an end state (employed -> intake or exited).
  const Results res = run_pathways(
      test::baseline_parameters({"/replicates=3", "/months=36", "/jobs/reapply_share=0.9",
                                 "/regions/0/ordinary_applications_per_month=40"}),
      "{}");
  CHECK(summed_over_groups(res, "stage_count_by_background", kBackgroundCount) == res.stage_count);
  CHECK(summed_over_groups(res, "stage_count_by_dutch_level", kDutchLevels) == res.stage_count);
  CHECK(summed_over_groups(res, "arrival_count_by_background", kBackgroundCount) ==
        res.arrival_count);
  CHECK(summed_over_groups(res, "arrival_count_by_dutch_level", kDutchLevels) == res.arrival_count);
}

TEST_CASE("stocks by group equal a direct count of the agents each month") {
  const ModelParameters p =
      test::baseline_parameters({"/replicates=1", "/months=24", "/jobs/reapply_share=0.9",
                                 "/regions/0/ordinary_applications_per_month=40"});
  const auto arrivals = draw_arrivals(p, RandomStreams(p.seed, 0));
  PathwaysModel model(p, plan_capacity(p), 256);
  Results res = make_results(p, "{}");
  model.start_replicate(0, arrivals, res);
  const ClientColumns& c = model.columns();
  const CountTable& background = *res.table("stage_count_by_background");
  const CountTable& dutch = *res.table("stage_count_by_dutch_level");
  for (int m = 0; m < p.months; ++m) {
    model.step(m, res);
    std::vector<std::int64_t> by_background(std::size_t{kBackgroundCount} * kStageCount, 0);
    std::vector<std::int64_t> by_dutch(std::size_t{kDutchLevels} * kStageCount, 0);
    for (std::size_t i = 0; i < model.agents(); ++i) {
      ++by_background[c.background[i] * kStageCount + c.stage[i]];
      ++by_dutch[c.dutch[i] * kStageCount + c.stage[i]];
    }
    INFO("month " << m);
    const auto month_slice = [&](const CountTable& t, std::size_t n) {
      const auto begin = t.values.begin() + static_cast<std::ptrdiff_t>(m * n);
      return std::vector<std::int64_t>(begin, begin + static_cast<std::ptrdiff_t>(n));
    };
    CHECK(month_slice(background, by_background.size()) == by_background);
    CHECK(month_slice(dutch, by_dutch.size()) == by_dutch);
  }
}

namespace {

// Months in the leefloon stages per arrival, newcomers after reception over clients of no
// particular background (Little's law over months 25-60: mean stock over mean arrivals).
double newcomer_time_ratio(const Results& res) {
  const CountTable& stock = *res.table("stage_count_by_background");
  const CountTable& arrivals = *res.table("arrival_count_by_background");
  double time[2] = {0, 0};
  const int groups[2] = {kNewcomerLoi, kOtherBackground};
  for (int k = 0; k < 2; ++k) {
    double held = 0, arrived = 0;
    for (std::size_t i = 0; i < stock.values.size(); ++i) {
      const std::size_t stage = i % kStageCount;
      const std::size_t group = i / kStageCount % kBackgroundCount;
      const std::size_t month = i / (std::size_t{kStageCount} * kBackgroundCount) %
                                static_cast<std::size_t>(res.months());
      if (group != static_cast<std::size_t>(groups[k]) || month < 24) continue;
      if (stage >= kAdminStartup && stage <= kActivation)
        held += static_cast<double>(stock.values[i]);
      arrived += static_cast<double>(arrivals.values[i]);
    }
    time[k] = held / arrived;
  }
  return time[0] / time[1];
}

}  // namespace

TEST_CASE(
    "newcomers' longer time on the leefloon comes from what their background sets at "
    "arrival, not from a multiplier") {
  // Newcomers after reception differ from clients of no particular background only in the
  // backgrounds/* values they arrive with (a Dutch level capped at basic, a lost network, early
  // shocks, ...). Given the `other` values, their time on the leefloon per arrival is the
  // others' (within Monte-Carlo noise); with their own it is longer.
  const std::vector<std::string> base = {"/replicates=20",
                                         "/regions/0/ordinary_applications_per_month=60"};
  std::vector<std::string> same = base;
  for (const char* key :
       {"transition_months=0", "network_loss_share=0", "mental_health_crisis_share=0",
        "no_address_share=0", "work_handicap_share=0.05", "dutch_level_cap=3"})
    same.push_back(std::string("/backgrounds/newcomer_loi/") + key);
  const double own = newcomer_time_ratio(run_pathways(test::baseline_parameters(base), "{}"));
  const double alike = newcomer_time_ratio(run_pathways(test::baseline_parameters(same), "{}"));
  INFO("ratio with their own background " << own << ", with the others' " << alike);
  CHECK(own > 1.2);
  CHECK(std::fabs(alike - 1.0) < 0.08);
}

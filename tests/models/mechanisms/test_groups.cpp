// Stocks and arrivals by group (models/mechanisms/groups.hpp): the group tables add up to the
// stage and arrival counts, and equal a direct count of the agents.
#include <catch2/catch.hpp>
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

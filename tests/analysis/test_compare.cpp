// drempel compare's arithmetic (analysis/compare.hpp) on hand-built results whose differences are
// known: the paired interval, the unpaired one, entries into a stage, regions, and refusals.
#include <catch2/catch.hpp>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/compare.hpp"
#include "analysis/replicate_stats.hpp"

using namespace drempel;

namespace {

// Three stages (one an end state), two regions, four months, `replicates` replicates; every
// count zero, the metrics "hours" (regions add up) and "share" (they do not) zero.
Results blank(int replicates, std::uint64_t seed = 1) {
  Results r;
  r.region_names = {"north", "south"};
  r.stage_names = {"intake", "activation", "employed"};
  r.month_labels = {"2026-01", "2026-02", "2026-03", "2026-04"};
  r.replicates = replicates;
  r.start_month = "2026-01";
  r.seed = seed;
  r.metrics = {{"hours", "h month-1", "hours given", {}, RegionTotal::kSum},
               {"share", "1", "share served", {}, RegionTotal::kNone}};
  r.allocate();
  return r;
}

const ComparisonRow& row_of(const Comparison& c, const std::string& quantity,
                            const std::string& region = "all regions",
                            const std::string& month = "2026-04") {
  for (const auto& row : c.rows)
    if (row.quantity == quantity && row.region == region && row.horizon == month) return row;
  FAIL("no row " << quantity << " / " << region << " / " << month);
  return c.rows.front();
}

}  // namespace

TEST_CASE("a known paired difference is found with its interval and sign", "[compare]") {
  // Base: activation stock 10 + 7r in north at the last month; variant: the same plus 3 + (r%2):
  // paired differences 3, 4, 3, 4, 3, 4 (mean 3.5, sd sqrt(0.3)), while the replicates themselves
  // spread over 35 clients: only pairing makes the difference visible.
  Results base = blank(6), variant = blank(6);
  for (int r = 0; r < 6; ++r) {
    base.stage_count[base.stage_index(r, 3, 0, 1)] = 10 + 7 * r;
    variant.stage_count[variant.stage_index(r, 3, 0, 1)] = 10 + 7 * r + 3 + r % 2;
  }
  const Comparison c = compare_results(base, variant, {{"activation"}, {}, "", 0.95});
  REQUIRE(c.paired);
  const ComparisonRow& row = row_of(c, "activation");
  CHECK(row.base_mean == Approx(27.5));
  CHECK(row.variant_mean == Approx(31.0));
  CHECK(row.difference == Approx(3.5));
  const double half = student_t_quantile(0.975, 5) * std::sqrt(0.3) / std::sqrt(6.0);
  CHECK(row.low == Approx(3.5 - half));
  CHECK(row.high == Approx(3.5 + half));
  CHECK(row.relative == Approx(3.5 / 27.5));
  CHECK(row.verdict == Verdict::kHigher);
  CHECK_THAT(c.interval_text(), Catch::Contains("replicate-by-replicate"));

  // The reverse comparison is lower by the same amount.
  const Comparison back = compare_results(variant, base, {{"activation"}, {}, "", 0.95});
  CHECK(row_of(back, "activation").difference == Approx(-3.5));
  CHECK(row_of(back, "activation").verdict == Verdict::kLower);
}

TEST_CASE("different seeds give Welch's unpaired interval and a warning", "[compare]") {
  Results base = blank(6, 1), variant = blank(6, 2);
  std::vector<double> a, b;
  for (int r = 0; r < 6; ++r) {
    base.stage_count[base.stage_index(r, 3, 0, 1)] = 10 + 7 * r;
    variant.stage_count[variant.stage_index(r, 3, 0, 1)] = 10 + 7 * r + 3 + r % 2;
    a.push_back(10 + 7 * r);
    b.push_back(10 + 7 * r + 3 + r % 2);
  }
  const Comparison c = compare_results(base, variant, {{"activation"}, {}, "", 0.95});
  CHECK_FALSE(c.paired);
  REQUIRE(c.warnings.size() == 1);
  CHECK_THAT(c.warnings[0], Catch::Contains("seeds differ"));
  const MeanInterval welch = unpaired_difference(a, b);
  const ComparisonRow& row = row_of(c, "activation");
  CHECK(row.low == Approx(welch.low));
  CHECK(row.high == Approx(welch.high));
  CHECK(row.verdict == Verdict::kNoClearDifference);  // the spread hides 3.5 without pairing
}

TEST_CASE("entered_STAGE counts arrivals and moves in, from the first month to the horizon",
          "[compare]") {
  Results base = blank(2), variant = blank(2);
  for (Results* res : {&base, &variant})
    for (int r = 0; r < 2; ++r)
      for (int m = 0; m < 4; ++m)
        for (int g = 0; g < 2; ++g) {
          res->transition_count[res->transition_index(r, m, g, 1, 2)] =
              2;  // activation -> employed
          res->transition_count[res->transition_index(r, m, g, 2, 2)] = 50;  // stayed: not an entry
          res->transition_count[res->transition_index(r, m, g, 2, 0)] = 1;   // left: not an entry
          res->arrival_count[res->stage_index(r, m, g, 2)] = 1;              // arrived in it
        }
  variant.transition_count[variant.transition_index(1, 1, 1, 0, 2)] = 4;  // intake -> employed
  const Comparison c =
      compare_results(base, variant, {{"entered_employed"}, {"2026-02", "2026-04"}, "", 0.95});
  // Per month and region 3 entries; two regions: 6 a month. By 2026-02: 12, by 2026-04: 24.
  CHECK(row_of(c, "entered_employed", "all regions", "2026-02").base_mean == 12);
  CHECK(row_of(c, "entered_employed", "all regions", "2026-04").base_mean == 24);
  // The variant's replicate 1 has 4 more in month 2: mean difference 2 at both horizons.
  CHECK(row_of(c, "entered_employed", "all regions", "2026-02").difference == 2);
  CHECK(row_of(c, "entered_employed", "all regions", "2026-04").difference == 2);
  CHECK(quantity_values(base, "entered_employed", 0) == std::vector<double>{6, 6});
}

TEST_CASE("metrics add up over regions only when they have a total", "[compare]") {
  Results base = blank(3), variant = blank(3);
  for (int r = 0; r < 3; ++r)
    for (int g = 0; g < 2; ++g) {
      base.metrics[0].values[base.metric_index(r, 3, g)] = 100 + g;
      variant.metrics[0].values[variant.metric_index(r, 3, g)] = 110 + g;
      base.metrics[1].values[base.metric_index(r, 3, g)] = 0.5;
      variant.metrics[1].values[variant.metric_index(r, 3, g)] = g == 0 ? 0.5 : 0.6;
    }
  const Comparison c = compare_results(base, variant, {{"hours", "share"}, {}, "", 0.95});
  CHECK(row_of(c, "hours").base_mean == 201);
  CHECK(row_of(c, "hours").difference == 20);
  CHECK(row_of(c, "hours").verdict == Verdict::kHigher);  // exactly 20 in every replicate
  CHECK(row_of(c, "share", "north").verdict == Verdict::kIdentical);
  CHECK(row_of(c, "share", "south").difference == Approx(0.1));
  CHECK(c.rows.size() == 3);  // hours for all regions, share per region
  const Comparison one = compare_results(base, variant, {{"share"}, {}, "south", 0.95});
  REQUIRE(one.rows.size() == 1);
  CHECK(one.rows[0].region == "south");
}

TEST_CASE("results that differ in shape are refused, and so are unknown requests", "[compare]") {
  const Results base = blank(3);
  Results fewer_months = blank(3);
  fewer_months.month_labels.pop_back();
  fewer_months.allocate();
  Results other_regions = blank(3);
  other_regions.region_names = {"north", "west"};
  Results more_replicates = blank(4);
  for (const Results* other : {&fewer_months, &other_regions, &more_replicates})
    CHECK_THROWS_AS(compare_results(base, *other, {}), NotComparable);
  CHECK_THROWS_WITH(compare_results(base, more_replicates, {}),
                    Catch::Contains("replicate count") && Catch::Contains("3 and 4"));
  CHECK_THROWS_WITH(compare_results(base, base, {{"nonsense"}, {}, "", 0.95}),
                    Catch::Contains("no quantity \"nonsense\""));
  CHECK_THROWS_WITH(compare_results(base, base, {{}, {"2031-01"}, "", 0.95}),
                    Catch::Contains("no month 2031-01"));
  CHECK_THROWS_WITH(compare_results(base, base, {{}, {}, "east", 0.95}),
                    Catch::Contains("no region \"east\""));
}

TEST_CASE("identical runs compare as identical, one replicate gives no interval", "[compare]") {
  Results base = blank(3);
  const Comparison same = compare_results(base, base, {});
  for (const auto& row : same.rows) CHECK(row.verdict == Verdict::kIdentical);
  Results one = blank(1), other = blank(1);
  other.stage_count[other.stage_index(0, 3, 0, 0)] = 5;
  const Comparison c = compare_results(one, other, {{"intake"}, {}, "", 0.95});
  CHECK(row_of(c, "intake").verdict == Verdict::kNoInterval);
  CHECK(std::isnan(row_of(c, "intake").low));
  CHECK_THAT(c.warnings.at(0), Catch::Contains("one replicate"));
}

TEST_CASE("the default quantities are active stocks, end-state entries and headline metrics",
          "[compare]") {
  // The toy results carry none of the headline metrics; the stage part is the rule.
  CHECK(default_quantities(blank(2)) ==
        std::vector<std::string>{"intake", "activation", "entered_employed"});
}

TEST_CASE("the comparison is written as CSV and JSON with every field", "[compare]") {
  Results base = blank(2), variant = blank(2);
  variant.stage_count[variant.stage_index(0, 3, 1, 0)] = 4;
  const Comparison c = compare_results(base, variant, {{"intake"}, {}, "", 0.95});
  std::ostringstream csv;
  write_comparison_csv(csv, c);
  const std::string text = csv.str();
  CHECK(text.rfind("quantity,region,month,units,base_mean,variant_mean,difference,ci_low,ci_high,"
                   "relative_change,verdict,paired,replicates,confidence,meaning\n",
                   0) == 0);
  CHECK_THAT(text, Catch::Contains("intake,all regions,2026-04,1,0,2,2,"));
  const nlohmann::json j = comparison_json(c, "a.h5", "b.h5");
  CHECK(j["paired"] == true);
  CHECK(j["rows"][0]["difference"] == 2);
  CHECK(j["rows"][0]["relative_change"].is_null());  // base mean 0
  CHECK(j["interval"].get<std::string>().find("95% confidence interval") == 0);
}

// Moments (analysis/moments.hpp): names, values from results against the model's own metric and
// hand counts, values from a hand-made panel, and the bootstrap's variance of a share.
#include <catch2/catch.hpp>
#include <cmath>

#include "analysis/moments.hpp"
#include "engine/scenario.hpp"
#include "models/definitions.hpp"
#include "models/mechanisms/cohorts.hpp"
#include "models/run.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;

namespace {

Moment moment(const std::string& name) {
  std::string expected;
  const auto m = parse_moment(name, expected);
  REQUIRE(m.has_value());
  return *m;
}

std::int32_t month(const char* text) {
  std::int32_t m = 0;
  REQUIRE(parse_month(text, m));
  return m;
}

}  // namespace

TEST_CASE("moment names are metrics or cohort shares of outcomes that exclude each other") {
  std::string expected;
  CHECK(parse_moment("caseload_per_caseworker_fte", expected)->kind == Moment::Kind::kMetricMean);
  const auto in_work = parse_moment("cohort/employed+art60/12", expected);
  REQUIRE(in_work);
  CHECK(in_work->horizon == 12);
  CHECK(in_work->outcomes == ((1u << kCohortEmployed) | (1u << kCohortArt60)));
  CHECK(in_work->needs_programme);
  CHECK_FALSE(parse_moment("cohort/employed/12", expected)->needs_programme);
  CHECK_FALSE(parse_moment("cohort/employed/13", expected));              // not a horizon
  CHECK_FALSE(parse_moment("cohort/working/12", expected));               // not an outcome
  CHECK_FALSE(parse_moment("cohort/on_leefloon+employed/12", expected));  // overlapping
  CHECK_FALSE(parse_moment("cohort/employed", expected));
  CHECK_FALSE(parse_moment("caseload", expected));
  CHECK_THAT(expected, Catch::Contains("cohort/OUTCOME/H") && Catch::Contains("left_for_good"));
}

TEST_CASE("cohort moments may be medians and may be restricted to a background") {
  std::string expected;
  const auto median = parse_moment("cohort_median/admin_startup", expected);
  REQUIRE(median);
  CHECK(median->kind == Moment::Kind::kCohortMedian);
  CHECK(median->outcomes == 1u << kCohortAdminStartup);
  CHECK_FALSE(median->needs_programme);
  CHECK(parse_moment("cohort_median/on_leefloon", expected)->needs_programme);
  // Only the states every member is in at her award have a median.
  CHECK_FALSE(parse_moment("cohort_median/employed", expected));
  CHECK_FALSE(parse_moment("cohort_median/admin_startup/12", expected));
  const auto group = parse_moment("cohort/employed/12@background=newcomer_loi", expected);
  REQUIRE(group);
  CHECK(group->background == kNewcomerLoi);
  CHECK(group->horizon == 12);
  CHECK(parse_moment("cohort_median/on_leefloon@background=homeless", expected)->background ==
        kHomeless);
  CHECK_FALSE(parse_moment("cohort/employed/12@background=martian", expected));
  CHECK_FALSE(parse_moment("cohort/employed/12@region=gent", expected));
  CHECK_FALSE(parse_moment("caseload_per_caseworker_fte@background=homeless", expected));
  CHECK_THAT(expected, Catch::Contains("@background=LEVEL") && Catch::Contains("newcomer_loi"));
}

TEST_CASE("the median months interpolate between the horizons from a share of 1 at the award") {
  const double nan = std::nan("");
  // Horizons 1, 3, 6, ...: the share falls from 0.8 at 1 month to 0.4 at 3 months.
  CHECK(median_months({0.8, 0.4, 0.1}) == Approx(1 + 2 * 0.3 / 0.4));
  CHECK(median_months({0.3}) == Approx(0.5 / 0.7));  // crossed before the first horizon
  CHECK(median_months({0.9, 0.5}) == Approx(3));
  CHECK(std::isnan(median_months({0.9, 0.8, 0.7})));  // never crossed
  CHECK(std::isnan(median_months({0.9, nan, 0.2})));  // unknown before the crossing
  CHECK(median_months({0.4, nan}) == Approx(0.5 / 0.6));
  // On the grid of horizons 3 and 6 only (a quarterly panel), the share at 1 month is ignored.
  const std::uint32_t quarterly = (1u << 1) | (1u << 2);
  CHECK(median_months({nan, 0.6, 0.2}, quarterly) == Approx(3 + 3 * 0.1 / 0.4));
  CHECK(median_months({0.1, 0.6, 0.2}, quarterly) == Approx(3 + 3 * 0.1 / 0.4));
}

TEST_CASE("a median moment from a quarterly panel interpolates between the horizons it observes") {
  Panel p;
  p.path = "quarterly.csv";
  const std::int32_t jan = month("2027-01");
  // Rows at 0, 3, 6 and 12 months; person i is in the start-up up to month 2i.
  for (int i = 0; i < 5; ++i) {
    PanelPerson person{std::to_string(i), 1, {}};
    for (int t : {0, 3, 6, 12})
      person.observations.push_back({jan + t, t <= 2 * i ? kAdminStartup : kStabilisation, 0, {}});
    p.persons.push_back(person);
  }
  Moment m = moment("cohort_median/admin_startup");
  const MomentWindow w{jan, jan};
  CHECK(std::isnan(panel_moment(p, m, w)));  // nobody is observed at 1 month
  restrict_to_panel(m, p, w);
  CHECK(m.grid == ((1u << 1) | (1u << 2) | (1u << 3)));  // 3, 6 and 12 months
  // In the start-up at 3 months: persons 2, 3, 4 (3/5); at 6 months: 3, 4 (2/5).
  CHECK(panel_moment(p, m, w) == Approx(3 + 3 * (0.6 - 0.5) / (0.6 - 0.4)));
  Moment share = moment("cohort/admin_startup/3");
  restrict_to_panel(share, p, w);
  CHECK(share.grid == moment("cohort/admin_startup/3").grid);  // only medians have a grid
}

TEST_CASE("a cohort moment of one month is the model's own in-work share a year later") {
  // The metric in_work_year_after_award_share of month c + 12 is computed by the cohorts
  // mechanism when the month ends; the moment reads the cohort_count table the run recorded.
  const Results res =
      run_pathways(test::baseline_parameters({"/replicates=3", "/months=30"}), "{}");
  const Moment m = moment("cohort/employed+art60/12");
  const MetricSeries* metric = res.metric("in_work_year_after_award_share");
  const std::int32_t first = month(res.month_labels.front().c_str());
  int compared = 0;
  for (int c = 0; c + 12 < res.months(); ++c) {
    const auto by_replicate = moment_by_replicate(res, m, {first + c, first + c});
    for (int r = 0; r < res.replicates; ++r) {
      const double expected = metric->values[res.metric_index(r, c + 12, 0)];
      if (std::isnan(expected)) {
        CHECK(std::isnan(by_replicate[static_cast<std::size_t>(r)]));
        continue;
      }
      CHECK(by_replicate[static_cast<std::size_t>(r)] == Approx(expected).epsilon(1e-12));
      ++compared;
    }
  }
  CHECK(compared > 30);
  // Cohorts whose horizon falls after the run count for nothing.
  const std::int32_t last = first + res.months() - 1;
  CHECK(std::isnan(moment_value(res, m, {last - 5, last})));
}

TEST_CASE("a metric moment is the mean of the window's values that are not NaN") {
  const Results res =
      run_pathways(test::baseline_parameters({"/replicates=2", "/months=36"}), "{}");
  const Moment m = moment("art60_in_work_within_6_months_share");
  const MetricSeries* s = res.metric(m.metric);
  const std::int32_t first = month(res.month_labels.front().c_str());
  double sum = 0, n = 0, sum0 = 0, n0 = 0;
  for (int r = 0; r < 2; ++r)
    for (int k = 12; k <= 35; ++k) {
      const double v = s->values[res.metric_index(r, k, 0)];
      if (std::isnan(v)) continue;
      sum += v, n += 1;
      if (r == 0) sum0 += v, n0 += 1;
    }
  REQUIRE(n > 0);
  CHECK(moment_value(res, m, {first + 12, first + 35}) == Approx(sum / n).epsilon(1e-14));
  CHECK(moment_by_replicate(res, m, {first + 12, first + 35})[0] ==
        Approx(sum0 / n0).epsilon(1e-14));
}

TEST_CASE("a panel's cohort shares count each person's row at the horizon, with her weight") {
  Panel p;
  p.path = "hand.csv";
  p.covariates = {{"programme", {"none", "art60", "wijk_werken", "training", "after_art60"}}};
  const std::int32_t jan = month("2027-01");
  // a: awarded January, in art. 60 after 6 months, employed after 12.
  p.persons.push_back({"a",
                       1,
                       {{jan, kAdminStartup, 0, {0}},
                        {jan + 6, kActivation, 0, {1}},
                        {jan + 12, kEmployed, 0, {0}}}});
  // b (weight 3): off the leefloon in work at 6, back on it in activation at 12: returned.
  p.persons.push_back({"b",
                       3,
                       {{jan + 1, kAdminStartup, 0, {0}},
                        {jan + 7, kEmployed, 0, {0}},
                        {jan + 13, kActivation, 0, {0}}}});
  // c: not observed at 12 months; d: awarded outside the window.
  p.persons.push_back({"c", 1, {{jan, kAdminStartup, 0, {0}}, {jan + 6, kStabilisation, 0, {0}}}});
  p.persons.push_back({"d", 1, {{jan + 24, kAdminStartup, 0, {0}}, {jan + 36, kEmployed, 0, {0}}}});
  const MomentWindow w{jan, jan + 11};
  CHECK(panel_moment(p, moment("cohort/employed/12"), w) == Approx(1.0 / 4));
  CHECK(panel_moment(p, moment("cohort/employed+art60/6"), w) == Approx(4.0 / 5));
  CHECK(panel_moment(p, moment("cohort/returned/12"), w) == Approx(3.0 / 4));
  CHECK(panel_moment(p, moment("cohort/on_leefloon/6"), w) == Approx(1.0 / 5));
  CHECK(std::isnan(panel_moment(p, moment("cohort/employed/24"), w)));
  CHECK_THROWS(panel_moment(p, moment("caseload_per_caseworker_fte"), w));
  Panel no_programme = p;
  no_programme.covariates.clear();
  const auto issues = check_panel_moments(no_programme,
                                          {moment("cohort/employed/12"), moment("cohort/art60/6"),
                                           moment("caseload_per_caseworker_fte")},
                                          "c.json", "/moments/");
  REQUIRE(issues.size() == 2);
  CHECK(issues[0].pointer == "/moments/1");
  CHECK_THAT(issues[0].expected, Catch::Contains("no programme column"));
  CHECK(issues[1].pointer == "/moments/2");
}

TEST_CASE("a panel's median and group moments follow the persons of the group") {
  Panel p;
  p.path = "groups.csv";
  p.covariates = {{"background", {kBackgroundNames.begin(), kBackgroundNames.end()}}};
  const std::int32_t jan = month("2027-01");
  const double newcomer = kNewcomerLoi, other = kOtherBackground;
  // Monthly rows: person i leaves the start-up after i + 1 months (newcomers 0-3, others 4-5).
  for (int i = 0; i < 6; ++i) {
    PanelPerson person{std::to_string(i), 1, {}};
    for (int t = 0; t <= 12; ++t)
      person.observations.push_back(
          {jan + t, t <= i ? kAdminStartup : kStabilisation, 0, {i < 4 ? newcomer : other}});
    p.persons.push_back(person);
  }
  const MomentWindow w{jan, jan};
  // All six: in the start-up at 1 month 5/6, at 3 months 3/6, so the median is 3 months.
  CHECK(panel_moment(p, moment("cohort_median/admin_startup"), w) == Approx(3));
  // Newcomers: 3/4 at 1 month, 1/4 at 3 months: one half at 1 + 2 × 0.25 / 0.5 = 2 months.
  CHECK(panel_moment(p, moment("cohort_median/admin_startup@background=newcomer_loi"), w) ==
        Approx(2));
  CHECK(panel_moment(p, moment("cohort/admin_startup/3@background=other"), w) == Approx(1));
  CHECK(std::isnan(panel_moment(p, moment("cohort/admin_startup/3@background=homeless"), w)));
  Panel anonymous = p;
  anonymous.covariates.clear();
  const auto issues = check_panel_moments(
      anonymous, {moment("cohort_median/admin_startup@background=homeless")}, "c.json", "/m/");
  REQUIRE(issues.size() == 1);
  CHECK_THAT(issues[0].expected, Catch::Contains("no background column"));
}

TEST_CASE("the bootstrap variance of a panel share is p(1 - p) / n") {
  Panel p;
  p.path = "many.csv";
  const std::int32_t jan = month("2027-01");
  const int n = 400, employed = 100;
  for (int i = 0; i < n; ++i)
    p.persons.push_back(
        {std::to_string(i),
         1,
         {{jan, kAdminStartup, 0, {}}, {jan + 12, i < employed ? kEmployed : kActivation, 0, {}}}});
  const Moment m = moment("cohort/employed/12");
  const Eigen::MatrixXd cov = panel_moment_covariance(p, {m, m}, {jan, jan}, 2000, 7);
  const double share = double(employed) / n, expected = share * (1 - share) / n;
  CHECK(cov(0, 0) == Approx(expected).epsilon(0.1));
  // The resamples are addressed by (person, draw) from the seed: the same seed, the same matrix.
  CHECK(panel_moment_covariance(p, {m}, {jan, jan}, 50, 7)(0, 0) ==
        panel_moment_covariance(p, {m}, {jan, jan}, 50, 7)(0, 0));
  CHECK(panel_moment_covariance(p, {m}, {jan, jan}, 50, 8)(0, 0) !=
        panel_moment_covariance(p, {m}, {jan, jan}, 50, 7)(0, 0));
}

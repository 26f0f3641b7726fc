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

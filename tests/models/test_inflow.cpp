// Reform inflow: losses by the published waves, destinations, awards, stock and money.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "models/inflow.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;

namespace {

ModelParameters flanders(const std::vector<std::string>& overrides = {}) {
  return read_model_parameters(
      load_scenario(test::source_path("scenarios/reform-flanders.json"), overrides));
}

// Months since the scenario start of a calendar month.
std::int32_t index_of(const ModelParameters& p, const std::string& month) {
  std::int32_t m = 0;
  REQUIRE(parse_month(month, m));
  return m - p.start_month;
}

std::string write_temp(const std::string& name, const std::string& text) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("drempel_inflow_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = (dir / name).string();
  std::ofstream(path) << text;
  return path;
}

// Every uncertain parameter fixed at its central value, then `extra` (which may override them).
std::vector<std::string> fixed_parameters(const std::vector<std::string>& extra = {}) {
  std::vector<std::string> all;
  const char* ranges[] = {
      "/inflow/destinations/work_share", "/inflow/destinations/sickness_benefit_share",
      "/inflow/destinations/ocmw_share", "/inflow/award_share/cohabiting",
      "/inflow/award_share/single",      "/inflow/award_share/family",
      "/inflow/leefloon_exit_per_month", "/inflow/new_claims/job_finding_per_month"};
  const ModelParameters p = test::baseline_parameters();
  for (std::size_t i = 0; i < std::size(ranges); ++i) {
    const double c = p.inflow.uncertain[i].central;
    all.push_back(std::string(ranges[i]) + "={\"low\":" + std::to_string(c) +
                  ",\"central\":" + std::to_string(c) + ",\"high\":" + std::to_string(c) + "}");
  }
  all.insert(all.end(), extra.begin(), extra.end());
  return all;
}

}  // namespace

TEST_CASE("the shipped Flemish table loses exactly the published numbers in the published months") {
  const ModelParameters p = flanders();
  // The waves are deterministic: the same in the central estimate and in every replicate.
  const InflowSeries central = compute_inflow(p, central_inflow_draw(p.inflow), nullptr);
  const RandomStreams streams(p.seed, 3);
  const InflowSeries drawn = compute_inflow(p, draw_inflow_parameters(p.inflow, streams), &streams);
  for (const InflowSeries* s : {&central, &drawn}) {
    auto lost = [&](const std::string& month) {
      return s->losses_waves[s->at(index_of(p, month), 0)];
    };
    CHECK(lost("2026-01") == 4559);
    CHECK(lost("2026-02") == 0);
    CHECK(lost("2026-03") == 9795);
    CHECK(lost("2026-04") == 13839);
    CHECK(lost("2026-05") == 0);
    CHECK(lost("2026-06") == 0);
    // July 2026: the second period, and the first of thirteen monthly parts of the first period.
    CHECK(std::fabs(lost("2026-07") - 16705 - 15926 / 13.0) <= 20);
    double first_period = -16705;
    for (std::int32_t m = index_of(p, "2026-07"); m <= index_of(p, "2027-07"); ++m) {
      first_period += s->losses_waves[s->at(m, 0)];
      if (m > index_of(p, "2026-07")) CHECK(std::fabs(s->losses_waves[s->at(m, 0)] - 1225) <= 20);
    }
    CHECK(first_period == 15926);
    // After the waves only the shortage-occupation trainees (700 in the table) lose it; the
    // 1,900 people of 55+ with a 30-year career never do.
    double later = 0;
    for (std::int32_t m = index_of(p, "2027-08"); m < p.months; ++m)
      later += s->losses_waves[s->at(m, 0)];
    CHECK(later == 700);
  }
}

TEST_CASE("everyone who lost a benefit is in exactly one destination every month") {
  const ModelParameters p = flanders({"/replicates=5"});
  for (std::uint32_t r = 0; r < 5; ++r) {
    const RandomStreams streams(p.seed, r);
    const InflowSeries s = compute_inflow(p, draw_inflow_parameters(p.inflow, streams), &streams);
    double lost = 0;
    for (std::int32_t m = 0; m < p.months; ++m) {
      const std::size_t cell = s.at(m, 0);
      lost += s.losses_waves[cell] + s.losses_new_claims[cell];
      CHECK(s.lost_to_date[cell] == lost);  // the start month is the first loss here
      double sum = 0;
      for (int d = 0; d < kDestinationCount; ++d) {
        const double v = s.destinations[cell * kDestinationCount + d];
        CHECK(v >= 0);
        CHECK(v == std::floor(v));  // people, not fractions
        sum += v;
      }
      CHECK(sum == lost);
      CHECK(s.destinations[cell * kDestinationCount + kDestinationLeefloon] ==
            s.leefloon_stock[cell]);
    }
  }
}

TEST_CASE("with fixed parameters, replicate means recover the expected flows") {
  // Known-parameter recovery: with every range collapsed to its central value the mean of the
  // binomial replicates must match the expected-value computation within 4 standard errors.
  const ModelParameters p = read_model_parameters(
      load_scenario(test::source_path("scenarios/reform-flanders.json"), fixed_parameters()));
  const InflowSeries central = compute_inflow(p, central_inflow_draw(p.inflow), nullptr);
  const int replicates = 60;
  const std::int32_t checks[] = {index_of(p, "2027-05"), index_of(p, "2028-06"),
                                 index_of(p, "2029-12")};
  for (std::int32_t m : checks) {
    for (auto series : {&InflowSeries::applications, &InflowSeries::awards,
                        &InflowSeries::leefloon_stock, &InflowSeries::losses_new_claims}) {
      double sum = 0, sq = 0;
      for (int r = 0; r < replicates; ++r) {
        const RandomStreams streams(p.seed, static_cast<std::uint32_t>(r));
        const InflowSeries s =
            compute_inflow(p, draw_inflow_parameters(p.inflow, streams), &streams);
        const double v = (s.*series)[s.at(m, 0)];
        sum += v;
        sq += v * v;
      }
      const double mean = sum / replicates;
      const double se = std::sqrt(std::max(0.0, sq / replicates - mean * mean) / replicates);
      const double expected = (central.*series)[central.at(m, 0)];
      INFO("month " << m << ": mean " << mean << ", expected " << expected << ", se " << se);
      CHECK(std::fabs(mean - expected) <= 4 * se + 1e-9);
      CHECK(expected > 0);
    }
  }
}

TEST_CASE("the triangular range: endpoints, mode and mean") {
  const UncertainValue v{0.2, 0.27, 0.3};
  CHECK(v.quantile(0.0) == Approx(0.2));
  CHECK(v.quantile(1.0) == Approx(0.3));
  // P(X < mode) = (mode - low) / (high - low) = 0.7.
  CHECK(v.quantile(0.7) == Approx(0.27));
  double sum = 0;
  const int n = 100000;
  for (int i = 0; i < n; ++i) sum += v.quantile((i + 0.5) / n);
  CHECK(sum / n == Approx((0.2 + 0.27 + 0.3) / 3).epsilon(1e-4));
  const UncertainValue fixed{0.5, 0.5, 0.5};
  CHECK(fixed.quantile(0.123) == 0.5);
}

TEST_CASE("a new claim runs out after the months the rule gives, unless the person is exempt") {
  // One region's table with three claims of March 2026: 13 months (104 further days), the
  // insertion allowance (12 months), and a 56-year-old with 35 years of career (exempt).
  const std::string recipients =
      write_temp("recipients.csv",
                 "region,benefit_period,unemployment_years,career_years,age,household,"
                 "shortage_training_months,count\nR,second,1,5,30,single,0,0\n");
  const std::string claims =
      write_temp("claims.csv",
                 "region,claim_month,basis,work_days_36m,career_work_days,age,household,count\n"
                 "R,2026-03,work,400,416,30,single,100\n"
                 "R,2026-03,insertion,0,0,22,family,50\n"
                 "R,2026-03,work,900,10920,56,single,40\n");
  const ModelParameters p = test::baseline_parameters(fixed_parameters(
      {"/inflow/recipients_csv=" + recipients, "/inflow/new_claims_csv=" + claims,
       "/regions/0/reform_population/table_region=R", "/regions/0/reform_population/share=1",
       "/inflow/new_claims/job_finding_per_month={\"low\":0,\"central\":0,\"high\":0}"}));
  const InflowSeries s = compute_inflow(p, central_inflow_draw(p.inflow), nullptr);
  double total = 0;
  for (std::int32_t m = 0; m < p.months; ++m) total += s.losses_new_claims[s.at(m, 0)];
  CHECK(s.losses_new_claims[s.at(index_of(p, "2027-04"), 0)] == 100);  // March 2026 + 13
  CHECK(s.losses_new_claims[s.at(index_of(p, "2027-03"), 0)] == 50);   // March 2026 + 12
  CHECK(total == 150);  // the exempt 40 keep their benefit
  // With job finding 5% a month, 0.95^13 of the first group is still unemployed at the end.
  const ModelParameters q = test::baseline_parameters(fixed_parameters(
      {"/inflow/recipients_csv=" + recipients, "/inflow/new_claims_csv=" + claims,
       "/regions/0/reform_population/table_region=R", "/regions/0/reform_population/share=1",
       "/inflow/new_claims/job_finding_per_month={\"low\":0.05,\"central\":0.05,\"high\":0.05}"}));
  const InflowSeries t = compute_inflow(q, central_inflow_draw(q.inflow), nullptr);
  CHECK(t.losses_new_claims[t.at(index_of(q, "2027-04"), 0)] == Approx(100 * std::pow(0.95, 13)));
}

TEST_CASE("net cost: the year's reform share, the standard tier before it, minus the subsidy") {
  const ModelParameters p = flanders({"/months=72"});  // through 2031
  const InflowSeries s = compute_inflow(p, central_inflow_draw(p.inflow), nullptr);
  // Files of the January 2026 wave earn 518 EUR a year each; they are a part of the stock, so
  // the subsidy lies between 0 and stock x 518 / 12.
  auto check_month = [](const ModelParameters& q, const InflowSeries& t, const std::string& month,
                        double share) {
    const std::size_t cell = t.at(index_of(q, month), 0);
    const double own_part = t.cost_gross_eur[cell] * (1.0 - share);
    const double subsidy = own_part - t.cost_net_eur[cell];
    INFO(month << ": gross " << t.cost_gross_eur[cell] << ", net " << t.cost_net_eur[cell]);
    CHECK(subsidy > 0);
    CHECK(subsidy <= t.leefloon_stock[cell] * 518.0 / 12.0 + 1e-6);
  };
  check_month(p, s, "2026-06", 1.0);
  check_month(p, s, "2027-06", 0.9167);
  check_month(p, s, "2029-06", 0.75);
  check_month(p, s, "2031-06", 0.75);  // "75% from 2029": the last listed share holds on
  // A reform table that starts in 2027: 2026 takes the standard share for the OCMW's number of
  // recipients: 55% below 500, 65% from 500, 70% from 1,000 (recipients before the reform plus
  // the reform's files).
  for (const auto& [before, share] :
       std::vector<std::pair<int, double>>{{0, 0.55}, {500, 0.65}, {1000, 0.70}}) {
    const ModelParameters q =
        flanders({"/inflow/reimbursement/reform_share_by_year=[{\"year\":2027,\"share\":0.9}]",
                  "/regions/0/reform_population/share=0.001",
                  "/regions/0/leefloon_recipients_before_reform=" + std::to_string(before)});
    const InflowSeries t = compute_inflow(q, central_inflow_draw(q.inflow), nullptr);
    REQUIRE(t.leefloon_stock[t.at(index_of(q, "2026-06"), 0)] < 20);  // tiny next to the tiers
    check_month(q, t, "2026-06", share);
    check_month(q, t, "2027-06", 0.9);
  }
  // A gross cost is the stock by household times the leefloon amounts: between the smallest
  // and the largest amount per file.
  const std::size_t cell = s.at(index_of(p, "2028-01"), 0);
  CHECK(s.cost_gross_eur[cell] >= 876.13 * s.leefloon_stock[cell]);
  CHECK(s.cost_gross_eur[cell] <= 1776.07 * s.leefloon_stock[cell]);
  CHECK(s.caseworker_fte_needed[cell] ==
        Approx(s.leefloon_stock[cell] / p.caseworkers.caseload_norm_files_per_fte));
}

TEST_CASE(
    "each group's OCMW share is ocmw_share times its factors, and applying starts in the "
    "loss month") {
  // In the shipped Flemish tables every group splits 45 / 40 / 15 over cohabiting, single and
  // family (data/make_reform_flanders.py; to whole people, so within a few in ten thousand), so
  // with cohabitants at factor 0 and every other factor 1, each month's applications are 55% of
  // those with every factor 1 (expected values).
  const std::vector<std::string> ones = {
      "/inflow/ocmw_share_factor/household={\"cohabiting\":1,\"single\":1,\"family\":1}",
      "/inflow/ocmw_share_factor/age={\"under_25\":1,\"from_25_to_49\":1,\"from_50\":1}",
      "/inflow/ocmw_share_factor/"
      "unemployment_years={\"under_2\":1,\"from_2_to_8\":1,\"from_8\":1}"};
  std::vector<std::string> without = ones;
  without.push_back("/inflow/ocmw_share_factor/household/cohabiting=0");
  const ModelParameters all = flanders(fixed_parameters(ones));
  const ModelParameters some = flanders(fixed_parameters(without));
  const InflowSeries a = compute_inflow(all, central_inflow_draw(all.inflow), nullptr);
  const InflowSeries b = compute_inflow(some, central_inflow_draw(some.inflow), nullptr);
  double total = 0;
  for (std::int32_t m = 0; m < all.months; ++m) {
    INFO("month " << m);
    CHECK(b.applications[b.at(m, 0)] == Approx(0.55 * a.applications[a.at(m, 0)]).epsilon(1e-3));
    total += a.applications[a.at(m, 0)];
  }
  CHECK(total > 0);
  // With every lag 0, the January 2026 wave (4,559 people) applies in January 2026: its
  // OCMW-bound share of those who neither work nor fall ill.
  const ModelParameters now = flanders(fixed_parameters({"/inflow/application_lag_share=[1]"}));
  const InflowSeries s = compute_inflow(now, central_inflow_draw(now.inflow), nullptr);
  CHECK(s.losses_waves[s.at(0, 0)] == 4559);
  CHECK(s.applications[s.at(0, 0)] > 0.05 * 4559);
}

TEST_CASE("a household can have its own application lags") {
  // Cohabitants (45% of every group of the shipped tables, to whole people: 44.98-45.03%) all
  // apply two months after the loss, the others in the loss month: each month's applications
  // are 55% of the same-month ones and 45% of those two months before (expected values). The
  // staggered wave's monthly parts are rounded to whole people per row, hence 0.5%.
  // (Every household at OCMW-share factor 1, so that cohabitants are 45% of the applicants.)
  const std::string equal =
      "/inflow/ocmw_share_factor/household={\"cohabiting\":1,\"single\":1,\"family\":1}";
  const ModelParameters now =
      flanders(fixed_parameters({equal, "/inflow/application_lag_share=[1]"}));
  const ModelParameters later = flanders(fixed_parameters(
      {equal,
       "/inflow/application_lag_share={\"cohabiting\":[0,0,1],\"single\":[1],\"family\":[1]}"}));
  const InflowSeries a = compute_inflow(now, central_inflow_draw(now.inflow), nullptr);
  const InflowSeries b = compute_inflow(later, central_inflow_draw(later.inflow), nullptr);
  for (std::int32_t m = 2; m < now.months; ++m) {
    INFO("month " << m);
    const double expected =
        0.55 * a.applications[a.at(m, 0)] + 0.45 * a.applications[a.at(m - 2, 0)];
    CHECK(b.applications[b.at(m, 0)] == Approx(expected).epsilon(5e-3));
  }
}

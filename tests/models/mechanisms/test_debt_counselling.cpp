// Debt counselling (models/mechanisms/debt_counselling.hpp): its parameter table, its documented
// keys, its exact thinning of debt shocks, and its levers under common random numbers.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/input_error.hpp"
#include "models/mechanisms/registry.hpp"
#include "models/run.hpp"
#include "tests/support/parameter_docs.hpp"
#include "tests/support/results.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;

namespace {

// Counts, over n clients with every domain stable, the ones whose debt domain worsens in the
// demand pass of DomainShocks then DebtCounselling, with `months_left` of counselling each.
std::size_t debt_shocks(const ModelParameters& p, std::size_t n, std::uint8_t months_left) {
  ClientColumns c;
  c.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    c.housing[i] = kPrivateDecent;
    c.debt_counselling_left[i] = months_left;
  }
  const DomainShocks shocks(p);
  const DebtCounselling counselling(p);
  const RandomStreams streams(p.seed, 0);
  auto shock_pass = shocks.pass(c, streams);
  auto counselling_pass = counselling.pass(c, streams);
  std::vector<double> sums(DebtCounselling::kSums, 0.0);
  std::size_t worse = 0;
  for (std::size_t i = 0; i < n; ++i) {
    ClientMonth x;
    x.i = static_cast<std::uint32_t>(i);
    x.month = 3;
    x.from = kStabilisation;
    shock_pass.demand(x, nullptr);
    counselling_pass.demand(x, sums.data());
    worse += domain_level(x.levels, kDebt) > 0 ? 1 : 0;
  }
  return worse;
}

Results run(const std::vector<std::string>& overrides) {
  return run_pathways(test::baseline_parameters(overrides), "{}");
}

bool same_doubles(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

}  // namespace

TEST_CASE("debt counselling reads its keys and reports a bad one at its pointer") {
  const ModelParameters p = test::baseline_parameters();
  CHECK(p.debt_counselling.months == 18);
  CHECK(p.debt_counselling.debt_shock_factor == 0.5);
  REQUIRE(p.debt_counselling.places.size() == 1);
  CHECK(p.debt_counselling.places[0] == 15.0);
  try {
    test::baseline_parameters({"/debt_counselling/debt_shock_factor=1.5"});
    FAIL("a shock factor above 1 was accepted");
  } catch (const InputError& e) {
    CHECK_THAT(e.what(), Catch::Contains("/debt_counselling/debt_shock_factor"));
  }
  try {
    test::baseline_parameters({"/regions/0/debt_counselling_places=-1"});
    FAIL("negative places were accepted");
  } catch (const InputError& e) {
    CHECK_THAT(e.what(), Catch::Contains("/regions/0/debt_counselling_places"));
  }
}

TEST_CASE(
    "scenarios/README.md shows debt counselling's keys as its parameter table declares them") {
  test::check_key_table_in_readme(kDebtCounsellingFields, "/debt_counselling", "debt_counselling");
}

TEST_CASE("in counselling a debt shock happens with the shock rate times the factor") {
  // Thinning is exact: P(shock kept) = shock x factor. Over 400,000 clients the count is within
  // four standard deviations of its expectation, with and without counselling.
  const ModelParameters p = test::baseline_parameters({"/debt_counselling/debt_shock_factor=0.3"});
  const std::size_t n = 400000;
  const double shock = p.shock_per_month[kDebt];
  for (const auto& [left, rate] : {std::pair<std::uint8_t, double>{0, shock},
                                   std::pair<std::uint8_t, double>{6, shock * 0.3}}) {
    const double expected = static_cast<double>(n) * rate;
    const double sd = std::sqrt(expected * (1.0 - rate));
    const auto got = static_cast<double>(debt_shocks(p, n, left));
    INFO("months left " << int{left} << ": " << got << " shocks, expected " << expected);
    CHECK(std::fabs(got - expected) < 4.0 * sd);
  }
}

TEST_CASE("counselling without effect changes nothing but its own figures") {
  // With factor 1 and no hours saved, places only change who is counted in counselling: every
  // stage count and every other metric is bit-identical (common random numbers, own stream).
  const std::vector<std::string> inert = {"/debt_counselling/debt_shock_factor=1",
                                          "/debt_counselling/caseworker_hours_saved_per_month=0",
                                          "/months=24", "/replicates=2"};
  auto none = inert, some = inert;
  none.push_back("/regions/0/debt_counselling_places=0");
  some.push_back("/regions/0/debt_counselling_places=40");
  const Results a = run(none);
  const Results b = run(some);
  CHECK(a.stage_count == b.stage_count);
  CHECK(a.transition_count == b.transition_count);
  CHECK(test::metric_total(b, "debt_counselling_in") > 0);
  CHECK(test::metric_total(a, "debt_counselling_in") == 0);
  for (std::size_t k = 0; k < a.metrics.size(); ++k) {
    if (a.metrics[k].name.rfind("debt_", 0) == 0) continue;
    INFO(a.metrics[k].name);
    CHECK(same_doubles(a.metrics[k].values, b.metrics[k].values));
  }
}

TEST_CASE("more counselling places mean fewer debt crises and fewer crisis hours") {
  // Debt shocks are one cause of debt crises among several (interactions with mental health and
  // income), so the stock falls by a few per cent; the hours taken over show more.
  const Results none = test::run_larger({"/regions/0/debt_counselling_places=0"});
  const Results many = test::run_larger({"/regions/0/debt_counselling_places=300"});
  CHECK(test::metric_total(many, "debt_shocks_averted") > 0);
  CHECK(test::metric_mean(many, "clients_in_crisis_debt") <
        test::metric_mean(none, "clients_in_crisis_debt"));
  CHECK(test::metric_total(many, "caseworker_hours_demanded_crisis") <
        0.95 * test::metric_total(none, "caseworker_hours_demanded_crisis"));
}

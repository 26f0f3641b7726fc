// Reform inflow: wave losses, take-up and application lag.
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>

#include "models/reform_inflow.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;

TEST_CASE("benefit losses land in the published months, scaled to the region's share") {
  // Share 0.1: Jan 4,559 -> 456 (455.9 rounded); Mar 9,795 -> 980 (979.5 rounds half away from
  // zero); Apr 13,839 -> 1,384; Jul 16,705 -> 1,671 (1,670.5) plus the first twelfth of 15,926 ->
  // 133 (132.7); Aug-Jun 2027 the rest of 1,593 (1,592.6): totals preserved by carried rounding.
  const ModelParameters p =
      test::baseline_parameters({"/months=24", "/regions/0/reform_share_of_flanders=0.1"});
  const auto losses = reform_benefit_losses(p);
  CHECK(losses[0] == 456);
  CHECK(losses[1] == 0);
  CHECK(losses[2] == 980);
  CHECK(losses[3] == 1384);
  CHECK(losses[4] == 0);
  CHECK(losses[5] == 0);
  CHECK(losses[6] == 1671 + 133);
  std::int64_t spread = 0;
  for (int m = 6; m < 18; ++m) spread += losses[m];
  CHECK(spread - 1671 == 1593);
  for (int m = 18; m < 24; ++m) CHECK(losses[m] == 0);
}

TEST_CASE("losses before the start month or after the horizon are not simulated") {
  const ModelParameters p = test::baseline_parameters(
      {"/start_month=2026-04", "/months=3", "/regions/0/reform_share_of_flanders=0.1"});
  const auto losses = reform_benefit_losses(p);
  REQUIRE(losses.size() == 3);
  CHECK(losses[0] == 1384);  // April; January and March fell before the start
  CHECK(losses[1] == 0);
  CHECK(losses[2] == 0);
}

TEST_CASE("with full take-up and no lag, every loser arrives in the month of the loss") {
  const ModelParameters p = test::baseline_parameters(
      {"/months=24", "/regions/0/reform_share_of_flanders=0.1",
       "/arrivals/reform/ocmw_take_up_share=1", "/arrivals/reform/application_lag_share=[1]"});
  const auto losses = reform_benefit_losses(p);
  const ArrivalSchedule s = draw_arrivals(p, RandomStreams(p.seed, 0));
  for (int m = 0; m < 24; ++m) CHECK(s.at(m, 0, kOriginReform) == losses[m]);
}

TEST_CASE("take-up and lag shares hold on average over replicates") {
  // 2,000 losers in January (share chosen so), take-up 0.338, lags 1 and 2 months half each.
  const ModelParameters p = test::baseline_parameters(
      {"/months=6", "/regions/0/reform_share_of_flanders=" + std::to_string(2000.0 / 4559.0),
       "/arrivals/reform/"
       "waves=[{\"loss_month\":\"2026-01\",\"flanders_people\":4559,\"spread_months\":1}]"});
  REQUIRE(reform_benefit_losses(p)[0] == 2000);
  double month1 = 0, month2 = 0, other = 0;
  const int replicates = 400;
  for (int r = 0; r < replicates; ++r) {
    const ArrivalSchedule s =
        draw_arrivals(p, RandomStreams(p.seed, static_cast<std::uint32_t>(r)));
    month1 += s.at(1, 0, kOriginReform);
    month2 += s.at(2, 0, kOriginReform);
    for (int m : {0, 3, 4, 5}) other += s.at(m, 0, kOriginReform);
  }
  const double n = 2000.0 * replicates;
  const double take_up = (month1 + month2) / n;
  CHECK(std::fabs(take_up - 0.338) < 4 * std::sqrt(0.338 * 0.662 / n));
  const double first_share = month1 / (month1 + month2);
  CHECK(std::fabs(first_share - 0.5) < 4 * std::sqrt(0.25 / (month1 + month2)));
  CHECK(other == 0);
}

TEST_CASE("ordinary applications are Poisson with the region's monthly rate") {
  const ModelParameters p =
      test::baseline_parameters({"/months=120", "/regions/0/reform_share_of_flanders=0"});
  double sum = 0, sq = 0;
  int n = 0;
  for (int r = 0; r < 20; ++r) {
    const ArrivalSchedule s =
        draw_arrivals(p, RandomStreams(p.seed, static_cast<std::uint32_t>(r)));
    for (int m = 0; m < 120; ++m) {
      const double k = s.at(m, 0, kOriginOrdinary);
      sum += k;
      sq += k * k;
      ++n;
      CHECK(s.at(m, 0, kOriginReform) == 0);
    }
  }
  const double mean = sum / n, var = sq / n - mean * mean;
  const double rate = p.regions[0].ordinary_applications_per_month;
  CHECK(std::fabs(mean - rate) < 4 * std::sqrt(rate / n));
  CHECK(std::fabs(var / rate - 1.0) < 0.15);
}

TEST_CASE("applications from losses before the start month are not simulated") {
  // Start in April: the January and March losses belong to the initial caseload, so even with
  // the one-to-two-month lag none of them arrives in April or May; April's losses arrive in May
  // and June only.
  const ModelParameters p = test::baseline_parameters({"/start_month=2026-04", "/months=3",
                                                       "/regions/0/reform_share_of_flanders=0.1",
                                                       "/arrivals/reform/ocmw_take_up_share=1"});
  for (std::uint32_t r = 0; r < 20; ++r) {
    const ArrivalSchedule s = draw_arrivals(p, RandomStreams(p.seed, r));
    CHECK(s.at(0, 0, kOriginReform) == 0);
    CHECK(s.at(1, 0, kOriginReform) + s.at(2, 0, kOriginReform) == 1384);
  }
}

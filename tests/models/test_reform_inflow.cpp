// Arrivals of a replicate: the reform inflow's awards and ordinary applications.
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>

#include "models/inflow.hpp"
#include "models/reform_inflow.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;

TEST_CASE("reform arrivals are the inflow awards of the same replicate") {
  const ModelParameters p =
      test::baseline_parameters({"/months=36", "/regions/0/reform_population/share=0.05"});
  double total = 0;
  for (std::uint32_t r = 0; r < 5; ++r) {
    const RandomStreams streams(p.seed, r);
    const ArrivalSchedule s = draw_arrivals(p, streams);
    const InflowSeries inflow =
        compute_inflow(p, draw_inflow_parameters(p.inflow, streams), &streams);
    for (std::int32_t m = 0; m < p.months; ++m) {
      CHECK(s.at(m, 0, kOriginReform) == inflow.awards[inflow.at(m, 0)]);
      CHECK(s.reform_losses[inflow.at(m, 0)] ==
            inflow.losses_waves[inflow.at(m, 0)] + inflow.losses_new_claims[inflow.at(m, 0)]);
      total += s.at(m, 0, kOriginReform);
    }
  }
  CHECK(total > 500);  // share 0.05 of Flanders: hundreds of awards per replicate
}

TEST_CASE("a region without a share of the reform tables gets no reform arrivals") {
  const ModelParameters p =
      test::baseline_parameters({"/months=60", "/regions/0/reform_population/share=0"});
  const ArrivalSchedule s = draw_arrivals(p, RandomStreams(p.seed, 0));
  for (std::int32_t m = 0; m < p.months; ++m) {
    CHECK(s.at(m, 0, kOriginReform) == 0);
    CHECK(s.reform_losses[static_cast<std::size_t>(m)] == 0);
  }
}

TEST_CASE("ordinary applications are Poisson with the region's monthly rate") {
  const ModelParameters p =
      test::baseline_parameters({"/months=120", "/regions/0/reform_population/share=0"});
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
    }
  }
  const double mean = sum / n, var = sq / n - mean * mean;
  const double rate = p.regions[0].ordinary_applications_per_month;
  CHECK(std::fabs(mean - rate) < 4 * std::sqrt(rate / n));
  CHECK(std::fabs(var / rate - 1.0) < 0.15);
}

TEST_CASE("a later start month drops earlier awards and simulates the same ones from then on") {
  // Every lag 0: losers apply in the month of the loss. A run starting in April 2026 drops the
  // awards of January to March (the January wave's, in January, belong to the initial caseload)
  // but must simulate April to June exactly as a run starting in January does: the same people,
  // drawn from the same streams.
  const std::vector<std::string> zero_lag = {"/inflow/application_lag_share=[1]",
                                             "/regions/0/reform_population/share=0.1"};
  std::vector<std::string> april = zero_lag;
  april.push_back("/start_month=2026-04");
  april.push_back("/months=3");
  std::vector<std::string> january = zero_lag;
  january.push_back("/months=6");
  const ModelParameters from_april = test::baseline_parameters(april);
  const ModelParameters from_january = test::baseline_parameters(january);
  for (std::uint32_t r = 0; r < 10; ++r) {
    const ArrivalSchedule a = draw_arrivals(from_april, RandomStreams(from_april.seed, r));
    const ArrivalSchedule j = draw_arrivals(from_january, RandomStreams(from_january.seed, r));
    for (int m = 0; m < 3; ++m) CHECK(a.at(m, 0, kOriginReform) == j.at(m + 3, 0, kOriginReform));
    CHECK(j.at(0, 0, kOriginReform) > 0);  // the January wave's awards, in January
  }
}

// The planners' report: bands over replicates, the Monte-Carlo error, the results dataset.
#include <catch2/catch.hpp>
#include <cmath>

#include "analysis/inflow_report.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;

namespace {

ModelParameters flanders(const std::vector<std::string>& overrides) {
  return read_model_parameters(
      load_scenario(test::source_path("scenarios/reform-flanders.json"), overrides));
}

}  // namespace

TEST_CASE("inflow_band: quantiles by linear interpolation, the mean and its standard error") {
  // 1..11: p05 at position 0.5 -> 1.5, median 6, p95 at position 9.5 -> 10.5; sd = sqrt(11).
  std::vector<double> v;
  for (int i = 11; i >= 1; --i) v.push_back(i);
  const InflowBand b = inflow_band(v, 4.0);
  CHECK(b.central == 4.0);
  CHECK(b.mean == Approx(6.0));
  CHECK(b.p05 == Approx(1.5));
  CHECK(b.p50 == Approx(6.0));
  CHECK(b.p95 == Approx(10.5));
  CHECK(b.mc_se == Approx(std::sqrt(11.0) / std::sqrt(11.0)));
  CHECK_THROWS(inflow_band({}, 0.0));
}

TEST_CASE("the 5%-95% band contains the central estimate in every month") {
  const ModelParameters p = flanders({"/replicates=200"});
  const InflowReport report = run_inflow(p);
  REQUIRE(report.replicates.size() == 200);
  int checked = 0;
  for (auto series : {&InflowSeries::leefloon_stock, &InflowSeries::caseworker_fte_needed,
                      &InflowSeries::cost_gross_eur, &InflowSeries::lost_to_date}) {
    for (std::int32_t m = 1; m < p.months; ++m) {
      const InflowBand b = band_at(report, series, m, 0);
      REQUIRE(b.central == (report.central.*series)[report.central.at(m, 0)]);
      INFO("month " << m << ": central " << b.central << ", band " << b.p05 << " - " << b.p95);
      CHECK(b.p05 <= b.central);
      CHECK(b.central <= b.p95);
      checked += b.p95 > b.p05;
    }
  }
  CHECK(checked > 150);  // the bands have width: the check is not about constant series
}

TEST_CASE("more replicates narrow the Monte-Carlo error, not the band") {
  // The band is parameter and count uncertainty, which more replicates estimate better but do
  // not shrink; the Monte-Carlo standard error of the mean falls as 1/sqrt(replicates).
  const InflowReport few = run_inflow(flanders({"/replicates=50"}));
  const InflowReport many = run_inflow(flanders({"/replicates=800"}));
  const std::int32_t m = 30;
  const InflowBand a = band_at(few, &InflowSeries::leefloon_stock, m, 0);
  const InflowBand b = band_at(many, &InflowSeries::leefloon_stock, m, 0);
  const double se_ratio = b.mc_se / a.mc_se;  // expected sqrt(50 / 800) = 0.25
  CHECK(se_ratio > 0.15);
  CHECK(se_ratio < 0.40);
  const double width_ratio = (b.p95 - b.p05) / (a.p95 - a.p05);
  CHECK(width_ratio > 0.6);
  CHECK(width_ratio < 1.6);
}

TEST_CASE("the inflow dataset holds every quantity per replicate and its summary") {
  const ModelParameters p = flanders({"/replicates=4", "/months=24"});
  const InflowReport report = run_inflow(p);
  const Dataset d = inflow_dataset(report, p, "{}");
  for (const char* name :
       {"benefit_losses_waves", "benefit_losses_new_claims", "applications", "awards",
        "leefloon_stock", "caseworker_fte_needed", "cost_gross_eur", "cost_net_eur"}) {
    INFO(name);
    const DatasetVariable* v = d.variable(name);
    REQUIRE(v != nullptr);
    CHECK(v->dims == std::vector<std::string>{"replicate", "month", "region"});
    CHECK(v->real.size() == 4u * 24u);
    CHECK_FALSE(v->units.empty());
    const DatasetVariable* s = d.variable(std::string(name) + "_summary");
    REQUIRE(s != nullptr);
    CHECK(s->dims == std::vector<std::string>{"statistic", "month", "region"});
  }
  // Replicate 2, month 7 of the awards is that replicate's series.
  const DatasetVariable* awards = d.variable("awards");
  CHECK(awards->real[2 * 24 + 7] == report.replicates[2].awards[7]);
  const DatasetVariable* draws = d.variable("parameter_draw");
  REQUIRE(draws != nullptr);
  CHECK(draws->real[1 * kInflowParameterCount + kOcmwShare] == report.draws[1][kOcmwShare]);
  CHECK(d.dimension("destination")->labels.size() == kDestinationCount);
}

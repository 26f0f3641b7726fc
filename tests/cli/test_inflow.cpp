// `drempel inflow` end to end: the results file, the table, and agreement with `drempel run`.

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "engine/dataset_hdf5.hpp"
#include "engine/results_hdf5.hpp"
#include "tests/support/cli.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;
namespace fs = std::filesystem;

namespace {

using Outcome = test::CliOutcome;

fs::path work_dir() {
  return test::work_dir("cli_inflow");
}

Outcome run_cli(const std::string& args) {
  return test::run_cli(args, work_dir());
}

}  // namespace

TEST_CASE("drempel inflow on the shipped Flemish default writes the file, the CSV and the table") {
  const fs::path h5 = work_dir() / "flanders.h5", csv = work_dir() / "flanders.csv";
  fs::remove(h5);
  fs::remove(csv);
  const Outcome o = run_cli("inflow " + test::source_path("scenarios/reform-flanders.json") +
                            " --replicates 20 --out " + h5.string() + " --csv " + csv.string());
  INFO(o.err);
  REQUIRE(o.status == 0);
  CHECK(o.out.find("2026-03    9795") != std::string::npos);  // the March wave in the table
  CHECK(o.out.find("2030-12") != std::string::npos);
  const Dataset d = read_dataset_hdf5(h5.string());
  CHECK(d.dimension("replicate")->size() == 20);
  CHECK(d.dimension("month")->size() == 60);
  CHECK(d.text_attributes.at("drempel_file_kind") == "inflow");
  for (const char* name : {"benefit_losses_waves", "awards", "cost_net_eur", "destination_count",
                           "parameter_draw", "leefloon_stock_summary"})
    CHECK(d.variable(name) != nullptr);
  const std::string table = test::slurp(csv);
  CHECK(table.rfind("month,region,quantity,central,mean,mc_se,p05,p50,p95\n", 0) == 0);
  // The April wave: the same in every replicate, so every statistic is 13,839 and the error 0.
  CHECK(table.find("2026-04,vlaanderen,benefit_losses_waves,13839,13839,0,13839,13839,13839\n") !=
        std::string::npos);
}

TEST_CASE("drempel run's reform arrivals are drempel inflow's awards, replicate by replicate") {
  const fs::path run = work_dir() / "run.h5", inflow = work_dir() / "inflow.h5";
  const std::string scenario = test::source_path("scenarios/baseline.json");
  const std::string common =
      " --replicates 4 --seed 11 --quiet --set /regions/0/reform_population/share=0.02";
  REQUIRE(run_cli("run " + scenario + common + " --out " + run.string()).status == 0);
  REQUIRE(run_cli("inflow " + scenario + common + " --out " + inflow.string()).status == 0);
  const Results r = read_results_hdf5(run.string());
  const Dataset d = read_dataset_hdf5(inflow.string());
  const MetricSeries* arrivals = r.metric("arrivals_reform");
  const DatasetVariable* awards = d.variable("awards");
  REQUIRE(arrivals != nullptr);
  REQUIRE(awards != nullptr);
  REQUIRE(arrivals->values.size() == awards->real.size());
  double total = 0;
  for (std::size_t i = 0; i < awards->real.size(); ++i) {
    CHECK(arrivals->values[i] == awards->real[i]);
    total += awards->real[i];
  }
  CHECK(total > 100);  // a comparison of real arrivals, not of zeros
  const MetricSeries* losses = r.metric("reform_benefit_losses");
  const DatasetVariable* waves = d.variable("benefit_losses_waves");
  const DatasetVariable* claims = d.variable("benefit_losses_new_claims");
  for (std::size_t i = 0; i < waves->real.size(); ++i)
    CHECK(losses->values[i] == waves->real[i] + claims->real[i]);
}

TEST_CASE(
    "drempel inflow with a bad CSV exits 2 naming the file, line and column and writes nothing") {
  const fs::path bad = work_dir() / "bad_recipients.csv", h5 = work_dir() / "bad.h5";
  std::ofstream(bad) << "region,benefit_period,unemployment_years,career_years,age,household,"
                        "shortage_training_months,count\n"
                        "Vlaanderen,third,22,8,52,single,0,-3\n";
  fs::remove(h5);
  const Outcome o =
      run_cli("inflow " + test::source_path("scenarios/baseline.json") +
              " --set /inflow/recipients_csv=" + bad.string() + " --out " + h5.string());
  CHECK(o.status == 2);
  CHECK(o.err.find(bad.string()) != std::string::npos);
  CHECK(o.err.find("line 2, column \"count\"") != std::string::npos);
  CHECK(o.err.find("-3") != std::string::npos);
  CHECK_FALSE(fs::exists(h5));
  CHECK_FALSE(fs::exists(h5.string() + ".partial"));
}

TEST_CASE("drempel inflow with a scenario region missing from the tables exits 2") {
  const Outcome o = run_cli("inflow " + test::source_path("scenarios/baseline.json") +
                            " --set /regions/0/reform_population/table_region=Wallonie --out " +
                            (work_dir() / "x.h5").string());
  CHECK(o.status == 2);
  CHECK(o.err.find("/regions/0/reform_population/table_region") != std::string::npos);
  CHECK(o.err.find("Vlaanderen") != std::string::npos);
}

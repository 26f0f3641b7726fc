// drempel compare end to end: a what-if against its base, sweep points of one file, files that
// cannot be compared, and the CSV and JSON outputs.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/cli.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;
namespace fs = std::filesystem;

namespace {

fs::path dir() {
  return test::work_dir("cli_compare");
}

test::CliOutcome cli(const std::string& args) {
  return test::run_cli(args, dir());
}

// Runs `scenario` (relative to the source tree) for 24 months and 8 replicates into NAME.h5.
std::string run(const std::string& scenario, const std::string& name,
                const std::string& extra = "") {
  const std::string out = (dir() / (name + ".h5")).string();
  if (!fs::exists(out)) {
    const auto o = cli("run " + test::source_path(scenario) + " --set /months=24 --replicates 8 " +
                       extra + " --out " + out + " --quiet");
    INFO(o.err);
    REQUIRE(o.status == 0);
  }
  return out;
}

}  // namespace

TEST_CASE("drempel compare pairs a what-if with its base and labels its interval",
          "[cli][compare]") {
  const std::string base = run("scenarios/baseline.json", "base");
  const std::string variant = run("scenarios/whatif/caseworkers-x2.json", "x2");
  const auto o = cli("compare " + base + " " + variant +
                     " --metric "
                     "caseworker_hours_supplied,entered_employed,intake --months 12,24");
  INFO(o.err);
  REQUIRE(o.status == 0);
  CHECK_THAT(o.out, Catch::Contains("paired (same seed)"));
  CHECK_THAT(o.out, Catch::Contains("95% confidence interval of the mean difference"));
  CHECK_THAT(o.out, Catch::Contains("end of 2026-12, eeklo"));
  CHECK_THAT(o.out, Catch::Contains("end of 2027-12, eeklo"));
  // Twice the caseworkers give more hours: the one lever whose direction is mechanical.
  std::istringstream lines(o.out);
  std::string line;
  int hours_rows = 0;
  while (std::getline(lines, line))
    if (line.rfind("caseworker_hours_supplied", 0) == 0) {
      ++hours_rows;
      CHECK_THAT(line, Catch::EndsWith("higher"));
    }
  CHECK(hours_rows == 2);
  CHECK(o.err.empty());
}

TEST_CASE("drempel compare writes CSV and JSON", "[cli][compare]") {
  const std::string base = run("scenarios/baseline.json", "base");
  const std::string variant = run("scenarios/whatif/caseworkers-x2.json", "x2");
  const std::string csv = (dir() / "cmp.csv").string(), json = (dir() / "cmp.json").string();
  const auto o =
      cli("compare " + base + " " + variant + " --csv " + csv + " --json " + json + " --quiet");
  INFO(o.err);
  REQUIRE(o.status == 0);
  CHECK(o.out.empty());
  const std::string table = test::slurp(csv);
  CHECK(table.rfind("quantity,region,month,units,", 0) == 0);
  CHECK_THAT(table, Catch::Contains("entered_employed,eeklo,2027-12,"));
  const auto j = nlohmann::json::parse(test::slurp(json));
  CHECK(j["paired"] == true);
  CHECK(j["replicates"] == 8);
  CHECK(j["rows"].size() > 10);
}

TEST_CASE("drempel compare refuses files of other months and warns about other seeds",
          "[cli][compare]") {
  const std::string base = run("scenarios/baseline.json", "base");
  const std::string shorter = run("scenarios/baseline.json", "short", "--set /months=12");
  auto o = cli("compare " + base + " " + shorter);
  CHECK(o.status == 2);
  CHECK_THAT(o.err, Catch::Contains("cannot compare") && Catch::Contains("differ in months"));
  const std::string fewer = run("scenarios/baseline.json", "fewer", "--replicates 4");
  o = cli("compare " + base + " " + fewer);
  CHECK(o.status == 2);
  CHECK_THAT(o.err, Catch::Contains("replicate count (8 and 4)"));
  const std::string other_seed = run("scenarios/whatif/caseworkers-x2.json", "seed5", "--seed 5");
  o = cli("compare " + base + " " + other_seed + " --metric intake");
  CHECK(o.status == 0);
  CHECK_THAT(o.out, Catch::Contains("UNPAIRED") && Catch::Contains("warning: the seeds differ"));
  o = cli("compare " + base + " " + (dir() / "missing.h5").string());
  CHECK(o.status == 2);
  CHECK_THAT(o.err, Catch::Contains("missing.h5"));
  o = cli("compare " + base + " " + base + " --metric nonsense");
  CHECK(o.status == 2);
  CHECK_THAT(o.err, Catch::Contains("no quantity \"nonsense\""));
  o = cli("compare " + base + " " + base + " --at 2031-01");
  CHECK(o.status == 2);
  o = cli("compare " + base + " " + base + " --csv " + (dir() / "no" / "x.csv").string());
  CHECK(o.status == 2);
  CHECK_THAT(o.err, Catch::Contains("--csv") && Catch::Contains("existing directory"));
}

TEST_CASE("a sweep runs in one command and its points compare within the file",
          "[cli][compare][sweep]") {
  const fs::path scenario = dir() / "sweep.json";
  {
    std::ofstream out(scenario);
    out << R"({"extends": ")" << test::source_path("scenarios/baseline.json") << R"(",
      "months": 24, "replicates": 8,
      "sweep": {"variants": [
        {"name": "base", "set": {}},
        {"name": "x2", "set": {"/regions/eeklo/caseworker_fte": 7.0,
                                "/regions/eeklo/caseworker_budget_fte": 8.0}}]}})";
  }
  const std::string file = (dir() / "sweep.h5").string();
  auto o = cli("run " + scenario.string() + " --out " + file);
  INFO(o.err);
  REQUIRE(o.status == 0);
  CHECK_THAT(o.out, Catch::Contains("2 sweep points"));
  o = cli("compare " + file + " --base-point base --variant-point x2 --metric entered_employed");
  REQUIRE(o.status == 0);
  // The sweep's points are the separate runs: the same comparison, line for line.
  const std::string base = run("scenarios/baseline.json", "base");
  const std::string variant = run("scenarios/whatif/caseworkers-x2.json", "x2");
  const auto separate = cli("compare " + base + " " + variant + " --metric entered_employed");
  const auto last_line = [](const std::string& text) {
    const std::size_t end = text.find_last_not_of('\n');
    return text.substr(text.rfind('\n', end) + 1, end - text.rfind('\n', end));
  };
  CHECK(last_line(o.out) == last_line(separate.out));
  o = cli("compare " + file);
  CHECK(o.status == 2);
  CHECK_THAT(o.err, Catch::Contains("--base-point"));
  o = cli("compare " + file + " --base-point base --variant-point x3");
  CHECK(o.status == 2);
  CHECK_THAT(o.err, Catch::Contains("the points are: base, x2"));
}

TEST_CASE("drempel run refuses an output path it cannot write before running", "[cli][paths]") {
  const std::string scenario = test::source_path("scenarios/baseline.json");
  fs::create_directories(dir() / "a_directory");
  auto o = cli("run " + scenario + " --out " + (dir() / "a_directory").string());
  CHECK(o.status == 2);
  CHECK_THAT(o.err, Catch::Contains("--out") && Catch::Contains("an existing directory"));
  o = cli("inflow " + scenario + " --csv " + (dir() / "missing_dir" / "x.csv").string());
  CHECK(o.status == 2);
  CHECK_THAT(o.err, Catch::Contains("--csv") && Catch::Contains("no directory"));
  CHECK_FALSE(fs::exists(dir() / "missing_dir"));
  const std::string same = (dir() / "same.h5").string();
  o = cli("inflow " + scenario + " --out " + same + " --csv " + same);
  CHECK(o.status == 2);
  CHECK_THAT(o.err, Catch::Contains("the same file as --out"));
  CHECK_FALSE(fs::exists(same));
}

TEST_CASE("every command explains its options with --help", "[cli][help]") {
  for (const char* command :
       {"run", "validate", "inflow", "compare", "report", "sensitivity", "calibrate", "panel"}) {
    const auto o = cli(std::string(command) + " --help");
    INFO(command);
    CHECK(o.status == 0);
    CHECK_THAT(o.out, Catch::Contains(std::string("Usage: drempel ") + command));
    CHECK_THAT(o.out, Catch::Contains("Exit status"));
  }
  CHECK_THAT(cli("run --help").out, Catch::Contains("--set") && Catch::Contains("--threads"));
  CHECK_THAT(cli("compare --help").out,
             Catch::Contains("--base-point") && Catch::Contains("--months"));
  CHECK_THAT(cli("--help").out, Catch::Contains("compare") && Catch::Contains("report"));
}

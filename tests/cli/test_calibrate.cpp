// drempel calibrate end to end: the shipped multi-state example, and bad configurations and
// panels refused with exit status 2 before anything is written.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "engine/dataset_hdf5.hpp"
#include "tests/support/cli.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;
namespace fs = std::filesystem;

namespace {

fs::path dir() {
  return test::work_dir("cli_calibrate");
}

test::CliOutcome cli(const std::string& args) {
  return test::run_cli(args, dir());
}

std::string write(const std::string& name, const std::string& text) {
  return test::write_file("cli_calibrate", name, text);
}

const char* kSpec =
    R"("states": ["intake", "admin_startup", "activation", "employed", "exited"],
       "transitions": [["intake", "admin_startup"], ["admin_startup", "activation"],
                       ["admin_startup", "exited"], ["activation", "employed"],
                       ["activation", "exited"]])";

}  // namespace

TEST_CASE("drempel calibrate fits the shipped multi-state example and writes its HDF5 file",
          "[cli][calibrate]") {
  const std::string out = (dir() / "example.h5").string();
  const auto o = cli("calibrate " + test::source_path("analysis/examples/multistate-example.json") +
                     " --out " + out + " --quiet");
  INFO(o.err);
  REQUIRE(o.status == 0);
  CHECK_THAT(o.out, Catch::Contains("500 persons") && Catch::Contains("converged"));
  CHECK_THAT(o.out, Catch::Contains("household=single: activation>employed"));
  CHECK_THAT(o.out, Catch::Contains("written: " + out));
  const Dataset d = read_dataset_hdf5(out);
  REQUIRE(d.variable("estimate") != nullptr);
  CHECK(d.variable("estimate")->real.size() == 20);
  CHECK(d.variable("covariance")->real.size() == 400);
  CHECK(d.variable("intensity")->real.size() == 25);
  CHECK(d.text_attributes.at("drempel_calibration") == "multistate");
  // The true values of make_example_panel.py lie within the 95% intervals printed for the
  // intensity of the first move (0.5) and the Dutch-level effect on finding work (e^0.2 = 1.22).
  const auto& est = d.variable("estimate")->real;
  const auto& se = d.variable("standard_error")->real;
  CHECK(std::abs(est[0] - std::log(0.5)) < 1.96 * se[0]);
  CHECK(std::abs(est[18] - 0.2) < 1.96 * se[18]);
}

TEST_CASE("drempel calibrate refuses a bad configuration before writing anything",
          "[cli][calibrate][errors]") {
  const std::string panel = test::source_path("analysis/examples/example-panel.csv");
  const std::string bad = write("bad.json", std::string(R"({"panel": ")") + panel +
                                                R"(", "method": {"multistate": {
      "states": ["intake", "working", "intake"],
      "transitions": [["intake", "intake"], ["intake", "nowhere"]],
      "covariates": ["colour"], "extra": 1}}})");
  const std::string out = (dir() / "bad.h5").string();
  auto o = cli("calibrate " + bad + " --out " + out);
  CHECK(o.status == 2);
  CHECK_THAT(o.err, Catch::Contains("bad.json: /method/multistate/states/1") &&
                        Catch::Contains("\"working\""));
  CHECK_THAT(o.err,
             Catch::Contains("/method/multistate/states/2") && Catch::Contains("each state once"));
  CHECK_THAT(o.err, Catch::Contains("/method/multistate/transitions/0") &&
                        Catch::Contains("from a state to itself"));
  CHECK_THAT(o.err, Catch::Contains("/method/multistate/transitions/1/1"));
  CHECK_THAT(o.err, Catch::Contains("/method/multistate/covariates/0"));
  CHECK_THAT(o.err, Catch::Contains("/method/multistate/extra"));
  CHECK_FALSE(fs::exists(out));

  const std::string unknown = write("unknown.json", R"({"panel": "p.csv", "method": {"em": {}}})");
  o = cli("calibrate " + unknown);
  CHECK(o.status == 2);
  CHECK_THAT(o.err, Catch::Contains("unknown.json: /method"));
}

TEST_CASE("drempel calibrate names the panel's line for data the model cannot explain",
          "[cli][calibrate][errors]") {
  const std::string panel = write("panel.csv",
                                  "person,month,stage,household\n"
                                  "a,2026-01,intake,single\n"
                                  "a,2026-03,employed,single\n"
                                  "b,2026-01,admin_startup,family\n"
                                  "b,2026-02,intake,family\n");
  const std::string config =
      write("cfg.json", std::string(R"({"panel": "panel.csv", "method": {"multistate": {)") +
                            kSpec + R"(, "covariates": ["dutch_level"]}}})");
  const std::string out = (dir() / "cfg.h5").string();
  const auto o = cli("calibrate " + config + " --out " + out);
  CHECK(o.status == 2);
  CHECK_THAT(o.err, Catch::Contains("panel.csv: line 5, column \"stage\"") &&
                        Catch::Contains("person \"b\", line 4"));
  CHECK_THAT(o.err, Catch::Contains("cfg.json: /method/multistate/covariates/0"));
  CHECK_FALSE(fs::exists(out));
}

TEST_CASE("the shipped moments example's panel is what drempel panel draws", "[cli][calibrate]") {
  // The panel's first line records the command that drew it; drawing again must give the file.
  const std::string shipped = test::source_path("analysis/examples/moments-panel.csv");
  std::string first = test::slurp(shipped).substr(0, test::slurp(shipped).find('\n'));
  const std::string prefix = "# Simulated by drempel panel ../../scenarios/baseline.json";
  REQUIRE(first.rfind(prefix, 0) == 0);
  std::string flags = first.substr(prefix.size());
  const std::string out = (dir() / "panel.csv").string();
  const auto o = cli("panel " + test::source_path("scenarios/baseline.json") + flags + " --out " +
                     out + " --quiet");
  INFO(o.err);
  REQUIRE(o.status == 0);
  const std::string drawn = test::slurp(out);
  const std::string shipped_text = test::slurp(shipped);
  // Only the scenario's path in the comment differs.
  CHECK(drawn.substr(drawn.find('\n')) == shipped_text.substr(shipped_text.find('\n')));
}

TEST_CASE("drempel calibrate takes the shipped moments example to estimates near the truth",
          "[cli][calibrate]") {
  const std::string out = (dir() / "moments.h5").string();
  const std::string scenario = (dir() / "calibrated.json").string();
  const auto o = cli("calibrate " + test::source_path("analysis/examples/moments-example.json") +
                     " --out " + out + " --scenario " + scenario + " --quiet");
  INFO(o.out << o.err);
  REQUIRE(o.status == 0);
  CHECK_THAT(o.out, Catch::Contains("J test of the over-identifying restrictions"));
  const Dataset d = read_dataset_hdf5(out);
  const auto& est = d.variable("estimate")->real;
  const auto& se = d.variable("standard_error")->real;
  // The panel was drawn at the baseline's 0.75 and 0.9 (with another seed).
  CHECK(std::abs(est[0] - 0.75) < 2 * se[0]);
  CHECK(std::abs(est[1] - 0.9) < 2 * se[1]);
  CHECK(se[0] < 0.2);
  CHECK(se[1] < 0.2);
  // The calibrated scenario is a valid scenario that extends the base.
  const auto v = cli("validate " + scenario);
  INFO(v.err);
  CHECK(v.status == 0);
  CHECK_THAT(test::slurp(scenario), Catch::Contains("\"extends\""));
}

TEST_CASE("drempel panel refuses a bad design before running", "[cli][panel][errors]") {
  const std::string out = (dir() / "bad-panel.csv").string();
  const auto o = cli("panel " + test::source_path("scenarios/baseline.json") +
                     " --from 2020-01 --to 2027-13 --gaps 3,1 --out " + out);
  CHECK(o.status == 2);
  CHECK_THAT(o.err, Catch::Contains("--from") && Catch::Contains("within the run"));
  CHECK_THAT(o.err, Catch::Contains("--to"));
  CHECK_THAT(o.err, Catch::Contains("--gaps"));
  CHECK_FALSE(fs::exists(out));
}

TEST_CASE("drempel calibrate's ABC-SMC writes its generations and is the same at any thread count",
          "[cli][calibrate]") {
  const std::string config = write(
      "abc.json",
      "{\"scenario\": \"" + test::source_path("scenarios/baseline.json") +
          "\", \"replicates\": 2, \"window\": {\"from\": \"2027-01\", \"to\": \"2027-12\"}, "
          "\"panel\": \"" +
          test::source_path("analysis/examples/moments-panel.csv") +
          "\", \"moments\": [\"cohort/employed/12\", \"cohort/on_leefloon/6\"], \"parameters\": "
          "[{\"pointer\": \"/transitions/activation_to_employed_per_month\", \"low\": 0.5, "
          "\"high\": 0.84}], \"method\": {\"abc\": {\"particles\": 20, \"generations\": 2, "
          "\"batch\": 7}}}");
  const std::string one = (dir() / "abc1.h5").string(), two = (dir() / "abc2.h5").string();
  const auto a = cli("calibrate " + config + " --threads 1 --quiet --out " + one + " --scenario " +
                     (dir() / "abc1.json").string());
  const auto b = cli("calibrate " + config + " --threads 2 --quiet --out " + two + " --scenario " +
                     (dir() / "abc2.json").string());
  INFO(a.err << b.err);
  REQUIRE(a.status == 0);
  REQUIRE(b.status == 0);
  CHECK_THAT(a.out, Catch::Contains("ABC-SMC: 1 parameters, 2 moments") &&
                        Catch::Contains("post. mean") && Catch::Contains("generation"));
  const Dataset d1 = read_dataset_hdf5(one), d2 = read_dataset_hdf5(two);
  CHECK(d1.variable("particles")->real.size() == 3 * 20);
  CHECK(d1.variable("particles")->real == d2.variable("particles")->real);
  CHECK(d1.variable("weights")->real == d2.variable("weights")->real);
  CHECK(d1.text_attributes.at("drempel_calibration") == "abc");
  const auto v = cli("validate " + (dir() / "abc1.json").string());
  CHECK(v.status == 0);

  const std::string bad =
      write("abc_bad.json", "{\"scenario\": \"" + test::source_path("scenarios/baseline.json") +
                                "\", \"replicates\": 2, \"window\": {\"from\": \"2027-01\", "
                                "\"to\": \"2027-12\"}, \"panel\": \"" +
                                test::source_path("analysis/examples/moments-panel.csv") +
                                "\", \"moments\": [\"cohort/employed/12\"], \"parameters\": "
                                "[{\"pointer\": \"/jobs/reapply_share\", \"low\": 0.2, "
                                "\"high\": 0.8}], \"method\": {\"abc\": {\"quantile\": 1, "
                                "\"particle\": 5}}}");
  const auto e = cli("calibrate " + bad);
  CHECK(e.status == 2);
  CHECK_THAT(e.err, Catch::Contains("abc_bad.json: /method/abc/quantile"));
  CHECK_THAT(e.err, Catch::Contains("/method/abc/particle"));
}

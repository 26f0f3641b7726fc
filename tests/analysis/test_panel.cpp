// Panel CSV files (analysis/panel.hpp): what is read, and every problem reported at once.

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "analysis/panel.hpp"
#include "engine/input_error.hpp"
#include "tests/support/cli.hpp"

using namespace drempel;

namespace {

std::string panel_file(const std::string& name, const std::string& text) {
  return test::write_file("panel", name, text);
}

std::string messages(const std::string& path) {
  try {
    read_panel_csv(path);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a panel is read into persons with sorted observations and coded covariates") {
  const std::string path = panel_file("good.csv",
                                      "person,month,stage,weight,household,region,dutch_level\n"
                                      "b,2026-03,admin_startup,2.5,single,Gent,1\n"
                                      "a,2026-01,intake,1,family,Aalst,3\n"
                                      "b,2026-01,intake,2.5,single,Gent,0\n"
                                      "a,2026-04,employed,1,family,Gent,3\n");
  const Panel p = read_panel_csv(path);
  REQUIRE(p.persons.size() == 2);
  CHECK(p.weighted);
  CHECK(p.observation_count() == 4);
  const PanelPerson& b = p.persons[0];
  CHECK(b.id == "b");
  CHECK(b.weight == 2.5);
  REQUIRE(b.observations.size() == 2);
  CHECK(b.observations[0].month == 2026 * 12 + 0);  // sorted: January first
  CHECK(b.observations[0].line == 4);
  CHECK(b.observations[1].stage == 1);  // admin_startup
  REQUIRE(p.covariates.size() == 3);
  CHECK(p.covariates[0].name == "household");
  CHECK(p.covariates[1].levels == std::vector<std::string>{"Aalst", "Gent"});  // sorted
  CHECK(p.covariates[2].levels.empty());                                       // numeric
  CHECK(b.observations[0].covariates == std::vector<double>{1, 1, 0});         // single, Gent, 0
  CHECK(p.covariate_index("region") == 1);
  CHECK(p.covariate_index("income") == -1);
}

TEST_CASE("every problem of a panel is reported with its line and column") {
  const std::string path = panel_file("bad.csv",
                                      "person,month,stage,weight,dutch_level,colour\n"
                                      "a,2026-01,intake,1,0,red\n"
                                      "a,2026-13,workin,1,5,red\n"
                                      "a,2026-01,intake,2,0,red\n"
                                      "b,2026-02,intake,0,0,red\n");
  const std::string m = messages(path);
  CHECK_THAT(m, Catch::Contains("line 3, column \"month\""));
  CHECK_THAT(m, Catch::Contains("line 3, column \"stage\"") && Catch::Contains("\"workin\""));
  CHECK_THAT(m, Catch::Contains("line 3, column \"dutch_level\""));
  CHECK_THAT(m, Catch::Contains("line 4, column \"weight\"") &&
                    Catch::Contains("the same weight on every row of person \"a\""));
  CHECK_THAT(m, Catch::Contains("line 5, column \"weight\"") && Catch::Contains("a weight > 0"));
  CHECK_THAT(m, Catch::Contains("line 4, column \"month\"") &&
                    Catch::Contains("one row per person and month"));
  CHECK_THAT(m, Catch::Contains("colour"));
  CHECK_THAT(m, Catch::Contains("bad.csv"));
}

TEST_CASE("a panel without a column it needs, or without any interval, is refused") {
  CHECK_THAT(messages(panel_file("cols.csv", "person,stage\na,intake\n")),
             Catch::Contains("month"));
  CHECK_THAT(messages(panel_file("once.csv",
                                 "person,month,stage\na,2026-01,intake\n"
                                 "b,2026-01,intake\n")),
             Catch::Contains("at least one person observed in two months"));
  CHECK_THAT(messages(panel_file("none.csv", "person,month,stage\n")),
             Catch::Contains("at least one person observed in two months"));
}

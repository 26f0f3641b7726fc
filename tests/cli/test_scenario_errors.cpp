// A catalogue of bad scenario files, each run through the real `drempel` command
// (tests/support/rejections.hpp says what every case checks).
//
// Fixtures live in tests/fixtures/bad_scenarios/; most extend scenarios/baseline.json and change
// one thing. Cases better expressed as the baseline plus `--set` use the real baseline.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/rejections.hpp"

using namespace drempel::test::rejections;

// ---------------------------------------------------------------------------------------------
// Unknown and misspelt keys

TEST_CASE("bad scenario: unknown top-level key", "[cli][errors]") {
  expect_validate_rejects(
      "unknown_top", {fixture("unknown_top_level_key.json")},
      {{{"unknown_top_level_key.json", "/colour", "expected a known key", "\"colour\""}}, 1});
}

TEST_CASE("bad scenario: unknown nested key", "[cli][errors]") {
  expect_validate_rejects("unknown_nested", {fixture("unknown_nested_key.json")},
                          {{{"unknown_nested_key.json", "/caseworkers/hours_per_fte:",
                             "expected a known key", "\"hours_per_fte\""}},
                           1});
}

TEST_CASE("bad scenario: misspelt key inside an array element", "[cli][errors]") {
  // A what-if that patches the region by name with a misspelt key: the key is unknown (the right
  // one still comes from the base) and the message suggests the right spelling.
  expect_validate_rejects("misspelt_region_key", {fixture("misspelt_region_key.json")},
                          {{{"misspelt_region_key.json", "/regions/0/caseworkerfte",
                             "expected a known key", "did you mean \"caseworker_fte\""}},
                           1});
}

// ---------------------------------------------------------------------------------------------
// Wrong types and out-of-range values

TEST_CASE("bad scenario: string where a number is expected", "[cli][errors]") {
  expect_validate_rejects("wrong_type", {fixture("wrong_type.json")},
                          {{{"wrong_type.json", "/caseworkers/hours_per_fte_per_month",
                             "expected a number in [0, 744]", "found a string \"130\""}},
                           1});
}

TEST_CASE("bad scenario: negative caseworker_fte", "[cli][errors]") {
  const Expectation e{{{"negative_caseworker_fte.json", "/regions/0/caseworker_fte",
                        "expected a number >= 0", "found -3"}},
                      1};
  expect_validate_rejects("negative_fte", {fixture("negative_caseworker_fte.json")}, e);
  expect_run_rejects("negative_fte", {fixture("negative_caseworker_fte.json")}, e);
}

TEST_CASE("bad scenario: a bad value inherited through extends names the base file",
          "[cli][errors]") {
  expect_validate_rejects("inherits_bad_value", {fixture("inherits_bad_value.json")},
                          {{{"negative_caseworker_fte.json", "/regions/0/caseworker_fte",
                             "expected a number >= 0", "found -3"}},
                           1});
}

TEST_CASE("bad scenario: a share above 1", "[cli][errors]") {
  expect_validate_rejects("share_above_one", {fixture("share_above_one.json")},
                          {{{"share_above_one.json", "/inflow/leefloon_exit_per_month/high",
                             "expected a number in [0, 1]", "found 1.5"}},
                           1});
}

TEST_CASE("bad scenario: shares that do not sum to 1", "[cli][errors]") {
  expect_validate_rejects(
      "dutch_shares", {fixture("dutch_shares_not_summing.json")},
      {{{"dutch_shares_not_summing.json", "/arrivals/profiles/reform/dutch_level_share",
         "expected shares summing to 1", "a sum of 0.9"}},
       1});
}

TEST_CASE("bad scenario: initial stage shares that do not sum to 1 (--set)", "[cli][errors]") {
  expect_validate_rejects(
      "initial_stage_sum", {baseline_path(), "--set", "/arrivals/initial_stage_share/intake=0.5"},
      {{{"/arrivals/initial_stage_share:", "expected shares that sum to 1", "a sum of"}}, 1});
}

TEST_CASE("bad scenario: array of the wrong length", "[cli][errors]") {
  expect_validate_rejects("extra_hours_length", {fixture("extra_hours_wrong_length.json")},
                          {{{"extra_hours_wrong_length.json", "/demand/extra_hours_by_dutch_level",
                             "expected an array of 4 numbers", "found an array of 3"}},
                           1});
}

TEST_CASE("bad scenario: a negative element inside a numeric array", "[cli][errors]") {
  expect_validate_rejects("negative_element", {fixture("negative_array_element.json")},
                          {{{"negative_array_element.json", "/transitions/dutch_progress_factor/1",
                             "expected a number in [0, 1]", "found -0.6"}},
                           1});
}

// An object over the base's regions patches them by name; a region's own keys written at the
// level of region names are values that are not changes to a region.
TEST_CASE("bad scenario: region keys written where region names are expected", "[cli][errors]") {
  expect_validate_rejects(
      "regions_object", {fixture("regions_object.json")},
      {{{"regions_object.json", "/regions/name:",
         "expected an object with changes to the element named \"name\"", "found a string"},
        {"regions_object.json", "/regions/caseworker_fte:", "found 3.5"}},
       2});
}

TEST_CASE("bad scenario: null where an integer is expected (--set)", "[cli][errors]") {
  expect_validate_rejects("seed_null", {baseline_path(), "--set", "/seed=null"},
                          {{{"--set", "/seed:", "expected an integer", "found null"}}, 1});
}

// ---------------------------------------------------------------------------------------------
// Months, run length and replicates

TEST_CASE("bad scenario: month 13 (--set /start_month=2026-13)", "[cli][errors]") {
  expect_validate_rejects(
      "month_13", {baseline_path(), "--set", "/start_month=2026-13"},
      {{{"--set", "/start_month", "expected a month \"YYYY-MM\"", "\"2026-13\""}}, 1});
}

TEST_CASE("bad scenario: two-digit year in a wave's loss month (\"26-01\")", "[cli][errors]") {
  expect_validate_rejects("month_two_digit_year", {fixture("malformed_loss_month.json")},
                          {{{"malformed_loss_month.json", "/inflow/waves/0/loss_month",
                             "expected a month \"YYYY-MM\"", "\"26-01\""}},
                           1});
}

TEST_CASE("bad scenario: month year out of range (--set /start_month=1800-01)", "[cli][errors]") {
  expect_validate_rejects(
      "month_1800", {baseline_path(), "--set", "/start_month=1800-01"},
      {{{"--set", "/start_month", "expected a month \"YYYY-MM\"", "\"1800-01\""}}, 1});
}

TEST_CASE("bad scenario: months = 0", "[cli][errors]") {
  expect_validate_rejects(
      "months_zero", {baseline_path(), "--set", "/months=0"},
      {{{"--set", "/months:", "expected an integer in [1, 1200]", "found 0"}}, 1});
}

TEST_CASE("bad scenario: replicates = 0 (--set)", "[cli][errors]") {
  expect_validate_rejects(
      "replicates_zero", {baseline_path(), "--set", "/replicates=0"},
      {{{"--set", "/replicates:", "expected an integer in [1,", "found 0"}}, 1});
}

TEST_CASE("bad scenario: non-integer months (2.5)", "[cli][errors]") {
  expect_validate_rejects(
      "months_fraction", {fixture("months_not_integer.json")},
      {{{"months_not_integer.json", "/months:", "expected an integer in [1,", "found 2.5"}}, 1});
}

// ---------------------------------------------------------------------------------------------
// Missing keys, regions

TEST_CASE("bad scenario: missing required key (no /leefloon)", "[cli][errors]") {
  // The baseline with "leefloon" removed, written next to the captured output. (An "extends"
  // file cannot remove a key, so this one is generated rather than kept as a fixture.)
  TempDir dir("missing_leefloon_input");
  nlohmann::json root = nlohmann::json::parse(slurp_binary(baseline_path()));
  REQUIRE(root.erase("leefloon") == 1);
  const fs::path file = dir.path() / "missing_leefloon.json";
  std::ofstream(file) << root.dump(2) << "\n";
  // Every leefloon amount is missing; the first one is enough to identify the problem.
  expect_validate_rejects("missing_leefloon", {file.string()},
                          {{{"missing_leefloon.json", "/leefloon/eur_per_month/cohabiting",
                             "expected a number", "missing key"},
                            {"missing_leefloon.json", "/leefloon/eur_per_month/single",
                             "expected a number", "missing key"},
                            {"missing_leefloon.json", "/leefloon/eur_per_month/family",
                             "expected a number", "missing key"}},
                           3});
}

TEST_CASE("bad scenario: duplicate region names", "[cli][errors]") {
  // Patching by name cannot create two regions of one name; renaming one with --set can.
  expect_validate_rejects(
      "duplicate_regions", {fixture("two_regions.json"), "--set", "/regions/maldegem/name=eeklo"},
      {{{"--set: /regions/maldegem/name:", "expected a region name used once", "\"eeklo\""}}, 1});
}

TEST_CASE("bad scenario: empty regions array", "[cli][errors]") {
  expect_validate_rejects(
      "empty_regions", {fixture("empty_regions.json")},
      {{{"empty_regions.json", "/regions:", "expected a non-empty array", "an empty array"}}, 1});
}

// ---------------------------------------------------------------------------------------------
// Cross-field consistency

TEST_CASE("bad scenario: competing monthly risks above 1", "[cli][errors]") {
  expect_validate_rejects("competing_risks", {fixture("competing_risks.json")},
                          {{{"competing_risks.json", "/transitions/dropout_per_month/intake",
                             "expected exit + drop-out", "at most 1"}},
                           1});
}

TEST_CASE("bad scenario: a cross-field problem caused by --set names that --set", "[cli][errors]") {
  // The base file's drop-out key is fine on its own; the --set pushes the activation stage's
  // risks above 1, so the message points at the --set (not at baseline.json's drop-out key).
  const Expectation e{{{"--set: /transitions/activation_to_employed_per_month:",
                        "the moves of stage activation to add up to at most 1 per month",
                        "together with /transitions/dropout_per_month/activation"}},
                      1};
  expect_validate_rejects(
      "cross_field_set",
      {baseline_path(), "--set", "/transitions/activation_to_employed_per_month=0.85"}, e);
}

TEST_CASE("bad scenario: a what-if patch with an unknown region name", "[cli][errors]") {
  expect_validate_rejects("unknown_region_name", {fixture("unknown_region_name.json")},
                          {{{"unknown_region_name.json", "/regions/eekloo:",
                             "did you mean \"eeklo\"?", "found no element named \"eekloo\""}},
                           1});
}

// ---------------------------------------------------------------------------------------------
// "extends"

TEST_CASE("bad scenario: missing file in extends", "[cli][errors]") {
  expect_validate_rejects("extends_missing", {fixture("extends_missing_base.json")},
                          {{{"extends_missing_base.json", "/extends",
                             "expected an existing base scenario file", "no_such_base.json"}},
                           1});
}

TEST_CASE("bad scenario: a cycle in extends", "[cli][errors]") {
  // a.json -> b.json -> a.json: reported at b's "extends", listing the chain (as full paths).
  expect_validate_rejects(
      "extends_cycle", {fixture("extends_cycle_a.json")},
      {{{"extends_cycle_b.json: /extends:", "expected an extends chain without a cycle",
         "found a cycle: ", "extends_cycle_a.json -> ", "extends_cycle_b.json -> "}},
       1});
}

TEST_CASE("bad scenario: extends is not a string", "[cli][errors]") {
  expect_validate_rejects("extends_number", {fixture("extends_not_string.json")},
                          {{{"extends_not_string.json", "/extends",
                             "expected the path of a base scenario file", "found 42"}},
                           1});
}

// ---------------------------------------------------------------------------------------------
// Files that are not a JSON object

TEST_CASE("bad scenario: malformed JSON (trailing comma) names the line", "[cli][errors]") {
  const Expectation e{
      {{"trailing_comma.json", "expected a JSON object", "malformed JSON", "line 4"}}, 1};
  expect_validate_rejects("trailing_comma", {fixture("trailing_comma.json")}, e);
  expect_run_rejects("trailing_comma", {fixture("trailing_comma.json")}, e);
}

TEST_CASE("bad scenario: malformed base named through extends", "[cli][errors]") {
  expect_validate_rejects(
      "malformed_base", {fixture("extends_malformed_base.json")},
      {{{"trailing_comma.json", "expected a JSON object", "malformed JSON", "line 4"}}, 1});
}

TEST_CASE("bad scenario: a file that is not JSON at all (YAML)", "[cli][errors]") {
  expect_validate_rejects(
      "not_json", {fixture("not_json.yaml")},
      {{{"not_json.yaml", "expected a JSON object", "malformed JSON", "line 1"}}, 1});
}

TEST_CASE("bad scenario: empty file", "[cli][errors]") {
  expect_validate_rejects("empty_file", {fixture("empty.json")},
                          {{{"empty.json", "expected a JSON object", "found an empty file"}}, 1});
}

TEST_CASE("bad scenario: top level is an array", "[cli][errors]") {
  expect_validate_rejects(
      "top_array", {fixture("top_level_array.json")},
      {{{"top_level_array.json", "expected a JSON object", "found an array"}}, 1});
}

TEST_CASE("bad scenario: non-existent scenario path", "[cli][errors]") {
  const Expectation e{
      {{"does_not_exist.json", "expected a readable scenario file", "no such file"}}, 1};
  expect_validate_rejects("no_such_file", {fixture("does_not_exist.json")}, e);
  expect_run_rejects("no_such_file", {fixture("does_not_exist.json")}, e);
}

// ---------------------------------------------------------------------------------------------
// All errors at once

TEST_CASE("bad scenario: three independent problems are all reported in one run", "[cli][errors]") {
  const Expectation e{
      {{"three_problems.json", "/months:", "expected an integer in [1, 1200]", "found 0"},
       {"three_problems.json", "/regions/0/caseworker_fte", "expected a number >= 0", "found -1"},
       {"three_problems.json", "/caseworkers/client_time_share", "expected a number in [0, 1]",
        "found 1.5"}},
      3};
  expect_validate_rejects("three_problems", {fixture("three_problems.json")}, e);
  expect_run_rejects("three_problems", {fixture("three_problems.json")}, e);
}

TEST_CASE("bad scenario: file problems and --set problems together", "[cli][errors]") {
  // A bad file value plus a bad flag value: both reported, each naming its own source.
  const Expectation e{{{"share_above_one.json", "/inflow/leefloon_exit_per_month/high",
                        "expected a number in [0, 1]", "found 1.5"},
                       {"--set", "/months:", "expected an integer in [1, 1200]", "found 0"}},
                      2};
  expect_validate_rejects("file_and_set", {fixture("share_above_one.json"), "--set", "/months=0"},
                          e);
}

TEST_CASE("bad scenario: a multiplied monthly probability above 1", "[cli][errors]") {
  // 0.003 x 500 = 1.5: an eviction probability that is no probability.
  expect_validate_rejects("eviction_product",
                          {baseline_path(), "--set", "/housing/eviction_income_crisis_factor=500"},
                          {{{"--set", "/housing/eviction_income_crisis_factor",
                             "eviction_per_month x this <= 1", "found 1.5"}},
                           1});
  // GPMI non-compliance with its largest factors: 0.01 x 3 x 40 = 1.2.
  expect_validate_rejects(
      "gpmi_product",
      {baseline_path(), "--set", "/gpmi/noncompliance_factor_by_trust_level=[40,1.5,1,0.7]"},
      {{{"baseline.json", "/gpmi/noncompliance_crisis_factor", "<= 1 (a monthly probability)",
         "found 1.2"}},
       1});
}

// ---------------------------------------------------------------------------------------------
// Keys of the full model (issue 3)

TEST_CASE("bad scenario: a counter place that is not on the transit network", "[cli][errors]") {
  const Expectation e{
      {{"/regions/0/counter_places/0:",
        "expected the name of a place of this region's transit network", "\"atlantis\""}},
      1};
  expect_validate_rejects(
      "counter_place", {baseline_path(), "--set", "/regions/0/counter_places=[\"atlantis\"]"}, e);
  expect_run_rejects("counter_place",
                     {baseline_path(), "--set", "/regions/0/counter_places=[\"atlantis\"]"}, e);
}

TEST_CASE("bad scenario: a domain interaction naming an unknown domain", "[cli][errors]") {
  expect_validate_rejects(
      "interaction_domain", {baseline_path(), "--set", "/domains/interactions/0/to=\"happiness\""},
      {{{"/domains/interactions/0/to:", "expected one of income, housing", "\"happiness\""}}, 1});
}

TEST_CASE("bad scenario: the same domain interaction twice", "[cli][errors]") {
  // Entry 1 made a copy of entry 0 (housing -> physical_health), even with a neutral factor.
  expect_validate_rejects(
      "interaction_twice",
      {baseline_path(), "--set",
       "/domains/interactions/1={\"from\":\"housing\",\"to\":\"physical_health\","
       "\"shock_factor\":1}"},
      {{{"/domains/interactions/1:", "expected each (from, to) pair once",
         "housing -> physical_health again"}},
       1});
}

TEST_CASE("bad scenario: background shares that do not sum to 1", "[cli][errors]") {
  expect_validate_rejects(
      "background_shares",
      {baseline_path(), "--set", "/backgrounds/other/share_of_ordinary_applications=0.1"},
      {{{"--set: /backgrounds/other/share_of_ordinary_applications:",
         "expected share_of_ordinary_applications summing to 1", "a sum of 0.63"}},
       1});
}

TEST_CASE("bad scenario: wijk-werken longer than the legal 12 months", "[cli][errors]") {
  expect_validate_rejects(
      "wijk_werken_months", {baseline_path(), "--set", "/programmes/wijk_werken/months=18"},
      {{{"/programmes/wijk_werken/months:", "expected an integer in [1, 12]", "found 18"}}, 1});
}

TEST_CASE("bad scenario: a job-finding factor that makes a monthly probability exceed 1",
          "[cli][errors]") {
  expect_validate_rejects(
      "job_factor", {baseline_path(), "--set", "/programmes/after_art60/job_finding_factor=2"},
      {{{"--set: /programmes/after_art60/job_finding_factor:", "to add up to at most 1 per month",
         "together with /transitions/dropout_per_month/activation"}},
       1});
}

// A catalogue of bad `--set` patches, flags and usage, each run through the real `drempel`
// command (tests/support/rejections.hpp says what every case checks).
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/rejections.hpp"

using namespace drempel::test::rejections;

// ---------------------------------------------------------------------------------------------
// --set

TEST_CASE("bad --set: pointer without a leading slash", "[cli][errors]") {
  expect_validate_rejects("set_no_slash", {baseline_path(), "--set", "regions/0=4"},
                          {{{"--set", "regions/0", "expected a JSON pointer"}}, 1});
}

TEST_CASE("bad --set: invalid ~ escape in the pointer", "[cli][errors]") {
  expect_validate_rejects("set_bad_escape", {baseline_path(), "--set", "/mon~2ths=12"},
                          {{{"--set", "/mon~2ths", "expected a JSON pointer"}}, 1});
}

TEST_CASE("bad --set: a key that does not exist", "[cli][errors]") {
  expect_validate_rejects(
      "set_unknown_key", {baseline_path(), "--set", "/regions/0/caseworker_ftee=4"},
      {{{"--set", "/regions/0/caseworker_ftee", "expected an existing key", "no such key"}}, 1});
}

TEST_CASE("bad --set: an array index past the end", "[cli][errors]") {
  expect_validate_rejects(
      "set_index_past_end", {baseline_path(), "--set", "/regions/1/caseworker_fte=4"},
      {{{"--set", "/regions/1/caseworker_fte", "expected an existing key", "no such key"}}, 1});
}

TEST_CASE("bad --set: no '='", "[cli][errors]") {
  expect_validate_rejects("set_no_equals", {baseline_path(), "--set", "/months"},
                          {{{"--set", "/months", "expected /json/pointer=value", "no '='"}}, 1});
}

TEST_CASE("bad --set: a value of the wrong type (/months=\"abc\")", "[cli][errors]") {
  const Expectation e{
      {{"--set", "/months:", "expected an integer in [1, 1200]", "found a string \"abc\""}}, 1};
  expect_validate_rejects("set_wrong_type", {baseline_path(), "--set", "/months=\"abc\""}, e);
  expect_run_rejects("set_wrong_type", {baseline_path(), "--set", "/months=\"abc\""}, e);
}

TEST_CASE("bad --set: a valid file with --set problems reports every one", "[cli][errors]") {
  expect_validate_rejects(
      "set_several", {baseline_path(), "--set", "/months", "--set", "months=1", "--set", "/nope=1"},
      {{{"--set", "/months", "no '='"},
        {"--set", "months", "expected a JSON pointer"},
        {"--set", "/nope", "expected an existing key", "no such key"}},
       3});
}

// ---------------------------------------------------------------------------------------------
// Command-line flags and usage

TEST_CASE("bad flag: --replicates 0", "[cli][errors]") {
  expect_run_rejects("flag_replicates_zero", {baseline_path(), "--replicates", "0"},
                     {{{"--replicates", "expected a whole number in [1, 100000]", "\"0\""}}, 0});
}

TEST_CASE("bad flag: --threads abc", "[cli][errors]") {
  expect_run_rejects(
      "flag_threads_abc", {baseline_path(), "--threads", "abc"},
      {{{"--threads",
         "expected a whole number in [1, " +
             std::to_string(4 * std::max(1u, std::thread::hardware_concurrency())) + "]",
         "\"abc\""}},
       0});
}

TEST_CASE("bad flag: --seed -1", "[cli][errors]") {
  expect_run_rejects("flag_seed_negative", {baseline_path(), "--seed", "-1"},
                     {{{"--seed", "expected a whole number >= 0", "\"-1\""}}, 0});
}

TEST_CASE("bad flag: --threads without a value", "[cli][errors]") {
  // The run helper appends --out, so a flag that lacks its value has to be run directly.
  TempDir dir("flag_threads_missing");
  const Outcome o = drempel_command({"run", baseline_path(), "--quiet", "--threads"}, dir.path());
  check_rejected(o, {{{"--threads", "expected a value"}}, 0});
}

TEST_CASE("bad usage: unknown command, unknown option, missing scenario", "[cli][errors]") {
  TempDir dir("usage");
  check_rejected(drempel_command({"frobnicate", baseline_path()}, dir.path()),
                 {{{"unknown command", "frobnicate"}}, 0});
  check_rejected(drempel_command({"validate", baseline_path(), "--colour"}, dir.path()),
                 {{{"unknown option", "--colour"}}, 0});
  check_rejected(drempel_command({"validate"}, dir.path()), {{{"SCENARIO.json is required"}}, 0});
  check_rejected(drempel_command({"compare", "a.h5", "b.h5", "c.h5"}, dir.path()),
                 {{{"expected one or two files, found 3"}}, 0});
}

TEST_CASE("bad flag: --out into a directory that does not exist", "[cli][errors]") {
  TempDir dir("out_missing_dir");
  const fs::path out = dir.path() / "no_such_dir" / "out.h5";
  const Outcome o = drempel_command(
      {"run", baseline_path(), "--set", "/months=1", "--out", out.string(), "--quiet"}, dir.path());
  check_rejected(o, {{{"--out", "expected a file in an existing directory"}}, 0});
  CHECK_FALSE(fs::exists(out));
  CHECK_FALSE(fs::exists(out.string() + ".partial"));
  CHECK_FALSE(fs::exists(out.parent_path()));
}

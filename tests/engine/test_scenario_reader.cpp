// Tests for ScenarioReader (engine/scenario.hpp): typed, range-checked access by JSON pointer,
// every problem collected with its file, unknown keys with suggestions, and cross-field problems
// blamed on the value set last.
#include <catch2/catch.hpp>
#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "engine/scenario.hpp"

namespace {

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using drempel::InputError;
using drempel::load_scenario;
using drempel::ScenarioDocument;
using drempel::ScenarioIssue;
using drempel::ScenarioReader;
using nlohmann::json;

std::string fixture(const std::string& name) {
  return std::string(DREMPEL_SOURCE_DIR) + "/tests/fixtures/scenario/" + name;
}

// Runs `read` on a document built from `text`, then finish(); returns the issues it threw.
std::vector<ScenarioIssue> read_issues(const std::string& text,
                                       const std::function<void(ScenarioReader&)>& read) {
  ScenarioDocument doc;
  doc.root = json::parse(text);
  doc.path = "test.json";
  ScenarioReader reader(doc);
  read(reader);
  try {
    reader.finish();
  } catch (const InputError& error) {
    return error.issues();
  }
  return {};
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// ScenarioReader accessors

TEST_CASE("every accessor reports a missing key", "[scenario][reader]") {
  const auto issues = read_issues("{}", [](ScenarioReader& r) {
    r.number("/a", 0, 1);
    r.integer("/b", 0, 1);
    r.string("/c");
    r.month("/d");
    r.boolean("/e");
    r.numbers("/f", 2, 0, 1);
    r.shares("/g", 2);
    r.array_size("/h");
  });
  REQUIRE(issues.size() == 8);
  const std::vector<std::string> pointers{"/a", "/b", "/c", "/d", "/e", "/f", "/g", "/h"};
  for (std::size_t i = 0; i < issues.size(); ++i) {
    CHECK(issues[i].pointer == pointers[i]);
    CHECK(issues[i].found == "nothing (missing key)");
    CHECK(issues[i].file == "test.json");
  }
  CHECK(issues[0].expected == "a number in [0, 1]");
  CHECK(issues[1].expected == "an integer in [0, 1]");
  CHECK_THAT(issues[2].expected, Catch::StartsWith("a non-empty string of at most 4096 bytes"));
  CHECK(issues[4].expected == "true or false");
  CHECK(issues[5].expected == "an array of 2 numbers in [0, 1]");
  CHECK(issues[6].expected == "an array of 2 shares in [0, 1] summing to 1");
  CHECK(issues[7].expected == "a non-empty array");
}

TEST_CASE("number reports wrong types and values out of range", "[scenario][reader]") {
  double good = 0;
  double bad = -1;
  const auto issues =
      read_issues(R"({"ok": 0.25, "int": 1, "str": "abc", "high": 1.5, "low": -3, "null": null})",
                  [&](ScenarioReader& r) {
                    good = r.number("/ok", 0, 1) + r.number("/int", 0, 1);
                    bad = r.number("/str", 0, 1);
                    r.number("/high", 0, 1);
                    r.number("/low", 0, 1);
                    r.number("/null", 0, 1);
                  });
  CHECK(good == 1.25);
  CHECK(bad == 0);
  REQUIRE(issues.size() == 4);
  CHECK(issues[0].found == "a string \"abc\"");
  CHECK(issues[1].pointer == "/high");
  CHECK(issues[1].expected == "a number in [0, 1]");
  CHECK(issues[1].found == "1.5");
  CHECK(issues[2].found == "-3");
  CHECK(issues[3].found == "null");
}

TEST_CASE("number describes open-ended ranges", "[scenario][reader]") {
  const auto issues = read_issues(R"({"a": -1})", [](ScenarioReader& r) {
    r.number("/a", 0, std::numeric_limits<double>::infinity());
  });
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].expected == "a number >= 0");
}

TEST_CASE("integer rejects 2.5 and accepts 3 and 3.0", "[scenario][reader]") {
  std::int64_t three = 0;
  std::int64_t three_float = 0;
  const auto issues = read_issues(R"({"a": 3, "b": 3.0, "c": 2.5, "d": 11, "e": "3", "f": 1e30})",
                                  [&](ScenarioReader& r) {
                                    three = r.integer("/a", 0, 10);
                                    three_float = r.integer("/b", 0, 10);
                                    r.integer("/c", 0, 10);
                                    r.integer("/d", 0, 10);
                                    r.integer("/e", 0, 10);
                                    r.integer("/f", 0, 10);
                                  });
  CHECK(three == 3);
  CHECK(three_float == 3);
  REQUIRE(issues.size() == 4);
  CHECK(issues[0].pointer == "/c");
  CHECK(issues[0].expected == "an integer in [0, 10]");
  CHECK(issues[0].found == "2.5");
  CHECK(issues[1].found == "11");
  CHECK(issues[2].found == "a string \"3\"");
  CHECK(issues[3].pointer == "/f");
}

TEST_CASE("string requires a non-empty string without control characters", "[scenario][reader]") {
  std::string value;
  const std::string long_name(drempel::kMaxStringBytes + 1, 'x');
  const auto issues = read_issues(
      R"({"a": "Gent", "b": "", "c": 4, "d": ["x"], "e": "ee\u0000klo", "f": "a\tb", "g": ")" +
          long_name + R"("})",
      [&](ScenarioReader& r) {
        value = r.string("/a");
        for (const char* p : {"/b", "/c", "/d", "/e", "/f", "/g"}) r.string(p);
      });
  CHECK(value == "Gent");
  REQUIRE(issues.size() == 6);
  CHECK(issues[0].found == "an empty string");
  CHECK(issues[1].found == "4");
  CHECK(issues[2].found == "an array of 1");
  CHECK(issues[3].pointer == "/e");
  CHECK(issues[4].pointer == "/f");
  CHECK(issues[5].pointer == "/g");
  CHECK_THAT(issues[3].expected, Catch::Contains("without control characters"));
}

TEST_CASE("boolean requires true or false", "[scenario][reader]") {
  bool value = false;
  const auto issues = read_issues(R"({"a": true, "b": 1, "c": "true"})", [&](ScenarioReader& r) {
    value = r.boolean("/a");
    r.boolean("/b");
    r.boolean("/c");
  });
  CHECK(value);
  REQUIRE(issues.size() == 2);
  CHECK(issues[0].expected == "true or false");
  CHECK(issues[0].found == "1");
  CHECK(issues[1].found == "a string \"true\"");
}

TEST_CASE("month reads YYYY-MM and rejects malformed months", "[scenario][reader]") {
  std::int32_t value = 0;
  const auto issues = read_issues(
      R"({"ok": "2026-03", "m13": "2026-13", "short": "2026-1", "abc": "abc", "num": 202603})",
      [&](ScenarioReader& r) {
        value = r.month("/ok");
        CHECK(r.month("/m13") == 0);
        r.month("/short");
        r.month("/abc");
        r.month("/num");
      });
  CHECK(value == 2026 * 12 + 2);
  REQUIRE(issues.size() == 4);
  CHECK_THAT(issues[0].expected, StartsWith("a month \"YYYY-MM\""));
  CHECK(issues[0].found == "a string \"2026-13\"");
  CHECK(issues[1].found == "a string \"2026-1\"");
  CHECK(issues[2].found == "a string \"abc\"");
  CHECK(issues[3].found == "202603");
}

TEST_CASE("numbers checks size, element types and range", "[scenario][reader]") {
  std::vector<double> any;
  std::vector<double> wrong_size;
  const auto issues = read_issues(
      R"({"ok": [1, 2, 3], "any": [5], "size": [1, 2], "elem": [1, "x", 20], "empty": [],
          "obj": {"a": 1}})",
      [&](ScenarioReader& r) {
        CHECK(r.numbers("/ok", 3, 0, 10) == std::vector<double>{1, 2, 3});
        any = r.numbers("/any", 0, 0, 10);
        wrong_size = r.numbers("/size", 3, 0, 10);
        r.numbers("/elem", 3, 0, 10);
        r.numbers("/empty", 0, 0, 10);
        r.numbers("/obj", 0, 0, 10);
      });
  CHECK(any == std::vector<double>{5});
  CHECK(wrong_size.size() == 3);
  REQUIRE(issues.size() == 5);
  CHECK(issues[0].pointer == "/size");
  CHECK(issues[0].expected == "an array of 3 numbers in [0, 10]");
  CHECK(issues[0].found == "an array of 2");
  CHECK(issues[1].pointer == "/elem/1");
  CHECK(issues[1].expected == "a number in [0, 10]");
  CHECK(issues[1].found == "a string \"x\"");
  CHECK(issues[2].pointer == "/elem/2");
  CHECK(issues[2].found == "20");
  CHECK(issues[3].expected == "a non-empty array of numbers in [0, 10]");
  CHECK(issues[3].found == "an empty array");
  CHECK(issues[4].found == "an object with 1 key");
}

TEST_CASE("shares must sum to 1", "[scenario][reader]") {
  const auto issues = read_issues(
      R"({"ok": [0.25, 0.75], "tiny": [0.3333333, 0.3333333, 0.3333334], "sum": [0.5, 0.4],
          "range": [1.5, -0.5], "size": [1]})",
      [](ScenarioReader& r) {
        CHECK(r.shares("/ok", 2) == std::vector<double>{0.25, 0.75});
        CHECK(r.shares("/tiny", 3).size() == 3);
        CHECK(r.shares("/sum", 2) == std::vector<double>{0.5, 0.5});
        r.shares("/range", 2);
        CHECK(r.shares("/size", 2).size() == 2);
      });
  REQUIRE(issues.size() == 4);
  CHECK(issues[0].pointer == "/sum");
  CHECK(issues[0].expected == "shares summing to 1 (within 1e-6)");
  CHECK(issues[0].found == "a sum of 0.9");
  CHECK(issues[1].pointer == "/range/0");
  CHECK(issues[1].expected == "a share in [0, 1]");
  CHECK(issues[2].pointer == "/range/1");
  CHECK(issues[3].pointer == "/size");
  CHECK(issues[3].found == "an array of 1");
}

TEST_CASE("array_size requires a non-empty array", "[scenario][reader]") {
  const auto issues = read_issues(R"({"a": [1, 2], "b": [], "c": 3})", [](ScenarioReader& r) {
    CHECK(r.array_size("/a") == 2);
    CHECK(r.array_size("/b") == 0);
    CHECK(r.array_size("/c") == 0);
  });
  REQUIRE(issues.size() == 2);
  CHECK(issues[0].found == "an empty array");
  CHECK(issues[1].found == "3");
}

// ---------------------------------------------------------------------------------------------
// unknown keys and finish()

TEST_CASE("an unknown key is reported with its pointer and a suggestion", "[scenario][reader]") {
  const auto issues = read_issues(R"({"months": 1, "caseworker_ftee": 3})", [](ScenarioReader& r) {
    r.integer("/months", 1, 10);
    r.number("/caseworker_fte", 0, 100);
  });
  REQUIRE(issues.size() == 2);
  CHECK(issues[0].pointer == "/caseworker_fte");
  CHECK(issues[0].found == "nothing (missing key)");
  CHECK(issues[1].pointer == "/caseworker_ftee");
  CHECK(issues[1].expected == "a known key (did you mean \"caseworker_fte\"?)");
  CHECK(issues[1].found == "unknown key \"caseworker_ftee\"");
}

TEST_CASE("an unknown subtree is reported once, at its topmost key", "[scenario][reader]") {
  const auto issues = read_issues(
      R"({"m": 1, "extra": {"a": 1, "b": {"c": 2}}, "nested": {"known": 1, "zzz": {"d": 1}}})",
      [](ScenarioReader& r) {
        r.integer("/m", 0, 1);
        r.integer("/nested/known", 0, 1);
      });
  REQUIRE(issues.size() == 2);
  CHECK(issues[0].pointer == "/extra");
  CHECK(issues[0].expected == "a known key");
  CHECK(issues[1].pointer == "/nested/zzz");
}

TEST_CASE("unknown keys inside arrays read element by element are reported", "[scenario][reader]") {
  const auto issues = read_issues(
      R"({"regions": [{"name": "Gent", "fooo": 1}, {"name": "Aalst"}, {"name": "Extra"}],
          "matrix": [[1, 2], [3, 4]]})",
      [](ScenarioReader& r) {
        r.array_size("/regions");
        r.string("/regions/0/name");
        r.string("/regions/1/name");
        r.numbers("/matrix/0", 2, 0, 10);
        r.numbers("/matrix/1", 2, 0, 10);
      });
  REQUIRE(issues.size() == 2);
  CHECK(issues[0].pointer == "/regions/0/fooo");
  CHECK(issues[0].found == "unknown key \"fooo\"");
  CHECK(issues[1].pointer == "/regions/2");
  CHECK_THAT(issues[1].found, StartsWith("an unread element"));
}

TEST_CASE("a key read or allowed as a whole accepts its contents", "[scenario][reader]") {
  const auto issues = read_issues(
      R"({"description": {"free": "text", "more": [1, {"x": 2}]}, "shares": [0.5, 0.5]})",
      [](ScenarioReader& r) {
        r.allow("/description");
        r.shares("/shares", 2);
      });
  CHECK(issues.empty());
}

TEST_CASE("has does not mark a key as read", "[scenario][reader]") {
  const auto issues = read_issues(R"({"x": 1})", [](ScenarioReader& r) {
    CHECK(r.has("/x"));
    CHECK_FALSE(r.has("/y"));
    CHECK_FALSE(r.has("bad"));
  });
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].pointer == "/x");
}

TEST_CASE("add_issue names the file the value came from", "[scenario][reader]") {
  const ScenarioDocument doc = load_scenario(fixture("child.json"));
  ScenarioReader reader(doc);
  reader.add_issue("/costs/eur_per_month", "less than 500", "1000");
  reader.add_issue("/regions", "unique names", "two regions called Gent");
  REQUIRE(reader.issues().size() == 2);
  CHECK(reader.issues()[0].file == fixture("base.json"));
  CHECK(reader.issues()[1].file == fixture("child.json"));
}

TEST_CASE("all errors in a file are reported at once", "[scenario][reader]") {
  const ScenarioDocument doc = load_scenario(fixture("three_problems.json"));
  ScenarioReader reader(doc);
  reader.string("/name");
  reader.number("/rate", 0, 1);
  reader.integer("/months", 1, 600);
  try {
    reader.finish();
    FAIL("finish() did not throw");
  } catch (const InputError& error) {
    const auto& issues = error.issues();
    REQUIRE(issues.size() == 3);
    CHECK(issues[0].pointer == "/name");
    CHECK(issues[1].pointer == "/rate");
    CHECK(issues[2].pointer == "/caseworker_ftee");
    for (const auto& issue : issues) CHECK(issue.file == fixture("three_problems.json"));
    const std::string what = error.what();
    CHECK(std::count(what.begin(), what.end(), '\n') == 2);
    CHECK_THAT(what, Contains("/rate: expected a number in [0, 1], found 1.5"));
  }
}

TEST_CASE("finish does not throw when every key is read and valid", "[scenario][reader]") {
  const ScenarioDocument doc = load_scenario(fixture("child.json"), {"/rate=0.5"});
  ScenarioReader reader(doc);
  reader.string("/name");
  reader.number("/rate", 0, 1);
  reader.integer("/months", 1, 600);
  reader.month("/start_month");
  reader.number("/costs/eur_per_month", 0, 1e6);
  reader.number("/costs/overhead/share", 0, 1);
  reader.number("/costs/overhead/fixed_eur", 0, 1e6);
  reader.allow("/description");
  const std::size_t regions = reader.array_size("/regions");
  for (std::size_t i = 0; i < regions; ++i) {
    const std::string region = "/regions/" + std::to_string(i);
    reader.string(region + "/name");
    reader.number(region + "/caseworker_fte", 0, 1000);
  }
  CHECK_NOTHROW(reader.finish());
  CHECK(reader.issues().empty());
}

TEST_CASE("a cross-field problem is blamed on the value set last", "[scenario][reader]") {
  const ScenarioDocument plain = load_scenario(fixture("child.json"));
  CHECK(plain.layers == std::vector<std::string>{fixture("base.json"), fixture("child.json")});
  CHECK(plain.latest_of({"/rate", "/costs/eur_per_month"}) == "/rate");  // both from base.json
  CHECK(plain.latest_of({"/rate", "/costs/overhead/share"}) == "/costs/overhead/share");

  const ScenarioDocument doc = load_scenario(fixture("child.json"), {"/rate=0.9"});
  ScenarioReader reader(doc);
  reader.add_cross_issue({"/costs/overhead/share", "/rate", "/months"}, "a sum <= 1", "1.1");
  REQUIRE(reader.issues().size() == 1);
  const ScenarioIssue& issue = reader.issues()[0];
  CHECK(issue.file == "--set");
  CHECK(issue.pointer == "/rate");
  CHECK(issue.expected == "a sum <= 1 (together with /costs/overhead/share, /months)");
  CHECK(issue.found == "1.1");
}

TEST_CASE("a number read within an empty range (bounds from bad input) is reported, not clamped") {
  // A calibration whose `high` is below its `low` reads `start` within [low, high]; std::clamp
  // is undefined for such a range (found by the libstdc++ assertions of the sanitizer build).
  double value = -1;
  std::vector<double> values;
  const auto issues = read_issues(R"({"x": 0.5, "y": [0.5]})", [&](ScenarioReader& r) {
    value = r.number("/x", 2.0, 1.0);
    values = r.numbers("/missing", 1, 2.0, 1.0);
    r.numbers("/y", 1, 2.0, 1.0);
  });
  CHECK(issues.size() == 3);
  CHECK(values == std::vector<double>{2.0});
  CHECK(std::isfinite(value));
}

// Tests for scenario loading (extends, --set, provenance) and validated reading.
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "engine/scenario.hpp"

namespace {

using Catch::Matchers::Contains;
using Catch::Matchers::EndsWith;
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

// The issues load_scenario throws; fails the test when it does not throw.
std::vector<ScenarioIssue> load_issues(const std::string& path,
                                       const std::vector<std::string>& sets = {}) {
  try {
    load_scenario(path, sets);
  } catch (const InputError& error) {
    return error.issues();
  }
  FAIL("load_scenario did not throw for " << path);
  return {};
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

// A fresh directory under /tmp for files built on the fly; removed afterwards.
class TempDir {
 public:
  TempDir() {
    std::string pattern = "/tmp/drempel_test_scenario_XXXXXX";
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string write(const std::string& name, const std::string& text) const {
    const std::string file = path_ + "/" + name;
    std::ofstream(file) << text;
    return file;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// extends and provenance

TEST_CASE("extends merges objects key by key and replaces arrays whole", "[scenario]") {
  const ScenarioDocument doc = load_scenario(fixture("child.json"));
  const json& root = doc.root;
  CHECK(root.at("name") == "child");
  CHECK(root.at("months") == 24);
  CHECK(root.at("rate") == 1.5);
  CHECK(root.at("costs").at("eur_per_month") == 1000);
  CHECK(root.at("costs").at("overhead").at("share") == 0.2);
  CHECK(root.at("costs").at("overhead").at("fixed_eur") == 50);
  REQUIRE(root.at("regions").size() == 2);
  CHECK(root.at("regions").at(0).at("name") == "Antwerpen");
  CHECK(root.at("regions").at(1).at("name") == "Brugge");
  CHECK_FALSE(root.contains("extends"));
  CHECK(doc.path == fixture("child.json"));
}

TEST_CASE("extends resolves relative to the extending file through a chain", "[scenario]") {
  const ScenarioDocument doc = load_scenario(fixture("sub/grandchild.json"));
  CHECK(doc.root.at("months") == 36);
  CHECK(doc.root.at("name") == "child");
  CHECK(doc.root.at("rate") == 1.5);
  CHECK_FALSE(doc.root.contains("extends"));
}

TEST_CASE("file_of names the file that set each value", "[scenario]") {
  const ScenarioDocument doc = load_scenario(fixture("child.json"));
  CHECK(doc.file_of("/rate") == fixture("base.json"));
  CHECK(doc.file_of("/name") == fixture("child.json"));
  CHECK(doc.file_of("/costs/eur_per_month") == fixture("base.json"));
  CHECK(doc.file_of("/costs/overhead/share") == fixture("child.json"));
  CHECK(doc.file_of("/costs/overhead/fixed_eur") == fixture("base.json"));
  CHECK(doc.file_of("/regions/1/name") == fixture("child.json"));
  CHECK(doc.file_of("") == fixture("child.json"));
  CHECK(doc.file_of("/not_there") == fixture("child.json"));

  const ScenarioDocument grand = load_scenario(fixture("sub/grandchild.json"));
  CHECK(grand.file_of("/months") == fixture("sub/grandchild.json"));
  CHECK(grand.file_of("/name") == fixture("child.json"));
  CHECK(grand.file_of("/rate") == fixture("base.json"));
  CHECK(grand.file_of("/costs/overhead/share") == fixture("child.json"));
  CHECK(grand.file_of("/costs/overhead/fixed_eur") == fixture("base.json"));
}

TEST_CASE("file_of matches whole pointer tokens, not string prefixes", "[scenario]") {
  ScenarioDocument doc;
  doc.root = json::parse(R"({"ab": 1, "abc": 2})");
  doc.path = "top.json";
  doc.origin.set_default("top.json");
  doc.origin.set("/ab", "base.json");
  CHECK(doc.file_of("/ab") == "base.json");
  CHECK(doc.file_of("/ab/x") == "base.json");
  CHECK(doc.file_of("/abc") == "top.json");
}

TEST_CASE("an invalid value from a base file is reported against the base file", "[scenario]") {
  const ScenarioDocument doc = load_scenario(fixture("child.json"));
  ScenarioReader reader(doc);
  reader.number("/rate", 0, 1);
  REQUIRE(reader.issues().size() == 1);
  const ScenarioIssue& issue = reader.issues()[0];
  CHECK(issue.file == fixture("base.json"));
  CHECK(issue.pointer == "/rate");
  CHECK(issue.expected == "a number in [0, 1]");
  CHECK(issue.found == "1.5");
}

TEST_CASE("an invalid value given with --set is reported against --set", "[scenario]") {
  const ScenarioDocument doc = load_scenario(fixture("child.json"), {"/months=-4"});
  ScenarioReader reader(doc);
  reader.integer("/months", 1, 600);
  REQUIRE(reader.issues().size() == 1);
  CHECK(reader.issues()[0].file == "--set");
  CHECK(reader.issues()[0].found == "-4");
}

TEST_CASE("a cycle in extends is reported with the chain", "[scenario]") {
  const auto issues = load_issues(fixture("cycle_a.json"));
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].file == fixture("cycle_b.json"));
  CHECK(issues[0].pointer == "/extends");
  CHECK_THAT(issues[0].expected, Contains("without a cycle"));
  CHECK(issues[0].found == "a cycle: " + fixture("cycle_a.json") + " -> " +
                               fixture("cycle_b.json") + " -> " + fixture("cycle_a.json"));
}

TEST_CASE("a file extending itself is a cycle", "[scenario]") {
  TempDir dir;
  const std::string self = dir.write("self.json", R"({"extends": "self.json", "x": 1})");
  const auto issues = load_issues(self);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].pointer == "/extends");
  CHECK(issues[0].found == "a cycle: " + self + " -> " + self);
}

TEST_CASE("a missing base names the extending file and the resolved path", "[scenario]") {
  const auto issues = load_issues(fixture("missing_base.json"));
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].file == fixture("missing_base.json"));
  CHECK(issues[0].pointer == "/extends");
  CHECK(issues[0].expected == "an existing base scenario file");
  CHECK(issues[0].found == "no file at \"" + fixture("does_not_exist.json") + "\"");
}

TEST_CASE("extends that is not a string is reported", "[scenario]") {
  const auto issues = load_issues(fixture("extends_number.json"));
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].file == fixture("extends_number.json"));
  CHECK(issues[0].pointer == "/extends");
  CHECK(issues[0].found == "3");
}

TEST_CASE("a malformed base file is reported against the base file", "[scenario]") {
  const auto issues = load_issues(fixture("extends_malformed_base.json"));
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].file == fixture("malformed.json"));
  CHECK_THAT(issues[0].found, StartsWith("malformed JSON at line 3, column 5: "));
}

// ---------------------------------------------------------------------------------------------
// file-level errors

TEST_CASE("malformed JSON reports line and column", "[scenario]") {
  const auto issues = load_issues(fixture("malformed.json"));
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].file == fixture("malformed.json"));
  CHECK(issues[0].pointer.empty());
  CHECK(issues[0].expected == "a JSON object");
  CHECK_THAT(issues[0].found, StartsWith("malformed JSON at line 3, column 5: "));
  CHECK_THAT(issues[0].found, Contains("invalid literal"));
  CHECK_THAT(issues[0].found, !Contains("json.exception"));
}

TEST_CASE("malformed JSON at the end of the file reports the last line", "[scenario]") {
  TempDir dir;
  const std::string file = dir.write("truncated.json", "{\n  \"a\": 1,\n  \"b\": ");
  const auto issues = load_issues(file);
  REQUIRE(issues.size() == 1);
  CHECK_THAT(issues[0].found, StartsWith("malformed JSON at line 3, column 8: "));
  CHECK_THAT(issues[0].found, Contains("unexpected end of input"));
}

TEST_CASE("an empty file is reported as such", "[scenario]") {
  const auto issues = load_issues(fixture("empty.json"));
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].file == fixture("empty.json"));
  CHECK(issues[0].expected == "a JSON object");
  CHECK(issues[0].found == "an empty file");

  TempDir dir;
  const auto blank = load_issues(dir.write("blank.json", "  \n\t\n"));
  REQUIRE(blank.size() == 1);
  CHECK(blank[0].found == "an empty file");
}

TEST_CASE("a top level that is not an object is reported", "[scenario]") {
  const auto issues = load_issues(fixture("top_array.json"));
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].expected == "a JSON object");
  CHECK(issues[0].found == "an array of 2");
}

TEST_CASE("a missing file or a directory is reported", "[scenario]") {
  const auto missing = load_issues(fixture("nope.json"));
  REQUIRE(missing.size() == 1);
  CHECK(missing[0].file == fixture("nope.json"));
  CHECK(missing[0].found == "no such file");

  TempDir dir;
  const auto directory = load_issues(dir.path());
  REQUIRE(directory.size() == 1);
  CHECK(directory[0].found == "a directory");
}

// ---------------------------------------------------------------------------------------------
// --set

TEST_CASE("set override: replaces numbers, strings, objects and array elements", "[scenario]") {
  const ScenarioDocument doc = load_scenario(
      fixture("child.json"), {"/months=48", "/start_month=2026-03", "/name=\"quoted\"",
                              R"(/costs/overhead={"share": 0.3, "fixed_eur": 1})",
                              "/regions/0/caseworker_fte=7.5", "/rate=true"});
  CHECK(doc.root.at("months") == 48);
  CHECK(doc.root.at("months").is_number_integer());
  CHECK(doc.root.at("start_month") == "2026-03");
  CHECK(doc.root.at("name") == "quoted");
  CHECK(doc.root.at("costs").at("overhead") == json::parse(R"({"share": 0.3, "fixed_eur": 1})"));
  CHECK(doc.root.at("regions").at(0).at("caseworker_fte") == 7.5);
  CHECK(doc.root.at("rate") == true);
  CHECK(doc.file_of("/months") == "--set");
  CHECK(doc.file_of("/costs/overhead/share") == "--set");
  CHECK(doc.file_of("/costs/eur_per_month") == fixture("base.json"));
  CHECK(doc.file_of("/regions/0/caseworker_fte") == "--set");
  CHECK(doc.file_of("/regions/0/name") == fixture("child.json"));
}

TEST_CASE("set override: splits at the first '=' and later overrides win", "[scenario]") {
  const ScenarioDocument doc =
      load_scenario(fixture("child.json"), {"/name=a=b", "/months=1", "/months=2"});
  CHECK(doc.root.at("name") == "a=b");
  CHECK(doc.root.at("months") == 2);
}

TEST_CASE("set override: without '=' is reported", "[scenario]") {
  const auto issues = load_issues(fixture("child.json"), {"/months"});
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].file == "--set");
  CHECK(issues[0].pointer == "/months");
  CHECK(issues[0].expected == "/json/pointer=value");
  CHECK_THAT(issues[0].found, Contains("no '='"));
}

TEST_CASE("set override: with a malformed pointer is reported", "[scenario]") {
  const auto issues = load_issues(fixture("child.json"), {"months=3", "/a~2=1", "=5"});
  REQUIRE(issues.size() == 3);
  CHECK(issues[0].file == "--set");
  CHECK(issues[0].pointer == "months");
  CHECK_THAT(issues[0].expected, StartsWith("a JSON pointer"));
  CHECK(issues[1].pointer == "/a~2");
  CHECK(issues[2].pointer.empty());
}

TEST_CASE("set override: to a nonexistent key is reported with the closest existing key",
          "[scenario]") {
  const auto issues =
      load_issues(fixture("child.json"), {"/monthz=3", "/costs/overhead/shar=0.5",
                                          "/regions/5/name=x", "/nothing/at/all=1", "/months/x=1"});
  REQUIRE(issues.size() == 5);
  for (const auto& issue : issues) {
    CHECK(issue.file == "--set");
    CHECK(issue.found == "no such key");
  }
  CHECK(issues[0].pointer == "/monthz");
  CHECK(issues[0].expected == "an existing key such as \"/months\"");
  CHECK(issues[1].expected == "an existing key such as \"/costs/overhead/share\"");
  CHECK(issues[2].expected == "an existing key such as \"/regions/1\"");
  CHECK_THAT(issues[3].expected, StartsWith("an existing key"));
  CHECK(issues[4].expected == "an existing key");
}

TEST_CASE("set override: text that is neither JSON nor UTF-8 is reported", "[scenario]") {
  const auto issues = load_issues(fixture("child.json"), {"/name=\xff\xfe"});
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].file == "--set");
  CHECK(issues[0].pointer == "/name");
  CHECK(issues[0].found == "invalid UTF-8");
}

TEST_CASE("set override: problems are reported together with file problems", "[scenario]") {
  const auto issues = load_issues(fixture("missing_base.json"), {"/x", "/rate=2"});
  // The missing base and the missing '='. /rate may well be in the base that could not be read,
  // so it is not reported as a nonexistent key.
  REQUIRE(issues.size() == 2);
  CHECK(issues[0].pointer == "/extends");
  CHECK(issues[1].file == "--set");
}

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
  CHECK(issues[2].expected == "a non-empty string");
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

TEST_CASE("string requires a non-empty string", "[scenario][reader]") {
  std::string value;
  const auto issues =
      read_issues(R"({"a": "Gent", "b": "", "c": 4, "d": ["x"]})", [&](ScenarioReader& r) {
        value = r.string("/a");
        r.string("/b");
        r.string("/c");
        r.string("/d");
      });
  CHECK(value == "Gent");
  REQUIRE(issues.size() == 3);
  CHECK(issues[0].found == "an empty string");
  CHECK(issues[1].found == "4");
  CHECK(issues[2].found == "an array of 1");
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

// ---------------------------------------------------------------------------------------------
// helpers

TEST_CASE("parse_month accepts YYYY-MM and rejects edge cases", "[scenario]") {
  std::int32_t months = -1;
  CHECK(drempel::parse_month("2026-03", months));
  CHECK(months == 2026 * 12 + 2);
  CHECK(drempel::parse_month("1900-01", months));
  CHECK(months == 1900 * 12);
  CHECK(drempel::parse_month("2200-12", months));
  for (const char* bad : {"2026-13", "2026-00", "2026-1", "abc", "", "1899-12", "2201-01",
                          "2026-03 ", "2026/03", "+026-03", "2026-3a", "20260-3"}) {
    INFO(bad);
    months = 7;
    CHECK_FALSE(drempel::parse_month(bad, months));
    CHECK(months == 7);
  }
}

TEST_CASE("format_month is the inverse of parse_month", "[scenario]") {
  CHECK(drempel::format_month(2026 * 12 + 2) == "2026-03");
  CHECK(drempel::format_month(2026 * 12 + 11) == "2026-12");
  CHECK(drempel::format_month(0) == "0000-01");
  std::int32_t months = 0;
  for (const char* text : {"1900-01", "1999-12", "2026-07", "2200-12"}) {
    REQUIRE(drempel::parse_month(text, months));
    CHECK(drempel::format_month(months) == text);
  }
}

TEST_CASE("describe_json describes values for messages", "[scenario]") {
  const json values = json::parse(R"([-3, 2.5, "abc", "", true, null, [1, 2], [], {"a": 1}, {}])");
  CHECK(drempel::describe_json(nullptr) == "nothing");
  CHECK(drempel::describe_json(&values[0]) == "-3");
  CHECK(drempel::describe_json(&values[1]) == "2.5");
  CHECK(drempel::describe_json(&values[2]) == "a string \"abc\"");
  CHECK(drempel::describe_json(&values[3]) == "an empty string");
  CHECK(drempel::describe_json(&values[4]) == "true");
  CHECK(drempel::describe_json(&values[5]) == "null");
  CHECK(drempel::describe_json(&values[6]) == "an array of 2");
  CHECK(drempel::describe_json(&values[7]) == "an empty array");
  CHECK(drempel::describe_json(&values[8]) == "an object with 1 key");
  CHECK(drempel::describe_json(&values[9]) == "an empty object");
  const json long_string = std::string(100, 'x');
  CHECK_THAT(drempel::describe_json(&long_string), EndsWith("\"..."));
}

// ---------------------------------------------------------------------------------------------
// Named lists and cross-field problems

TEST_CASE("set override: an element of a named list is addressed by name", "[scenario]") {
  const ScenarioDocument doc =
      load_scenario(fixture("child.json"), {"/regions/Brugge/caseworker_fte=6"});
  CHECK(doc.root["regions"][1]["caseworker_fte"] == 6);
  CHECK(doc.file_of("/regions/1/caseworker_fte") == "--set");
  CHECK(doc.as_written("/regions/1/caseworker_fte") == "/regions/Brugge/caseworker_fte");
  CHECK(doc.file_of("/regions/0/caseworker_fte") == fixture("child.json"));

  ScenarioReader reader(doc);
  reader.number("/regions/1/caseworker_fte", 0, 5);
  REQUIRE(reader.issues().size() == 1);
  CHECK(reader.issues()[0].file == "--set");
  CHECK(reader.issues()[0].pointer == "/regions/Brugge/caseworker_fte");
}

TEST_CASE("set override: an unknown region name suggests the closest one", "[scenario]") {
  const auto issues = load_issues(fixture("child.json"), {"/regions/Brugje/caseworker_fte=6"});
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].file == "--set");
  CHECK(issues[0].expected == "an existing key such as \"/regions/Brugge\"");
  CHECK(issues[0].found == "no such key");
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

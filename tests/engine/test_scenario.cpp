// Tests for scenario loading: extends (the merge rule itself is tested in test_scenario_merge.cpp),
// --set overrides, provenance (which file set a value) and file errors. The ScenarioReader's
// validated access is tested in test_scenario_reader.cpp.
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
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

// Tests for the inheritance rule (engine/scenario_merge.hpp, scenarios/README.md "Inheritance"):
// objects merge, named lists are patched by name, everything else replaces; origins follow.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "engine/scenario_merge.hpp"

namespace {

using drempel::overlay_scenario;
using drempel::ScenarioIssue;
using drempel::ScenarioLayer;
using nlohmann::json;

const char* const kBase = R"({
  "months": 12,
  "regions": [
    {"name": "eeklo", "fte": 3.5, "transit": {"places": [{"name": "centre", "share": 0.6},
                                                          {"name": "station", "share": 0.4}]}},
    {"name": "gent", "fte": 40, "transit": {"places": [{"name": "centre", "share": 1}]}}
  ],
  "budget": [4, 44],
  "costs": {"eur": 1, "tiers": {"a": 1, "b": 2}}
})";

struct Merged {
  ScenarioLayer layer;
  std::vector<ScenarioIssue> issues;
};

Merged merge(const std::string& over) {
  Merged m;
  overlay_scenario(m.layer, json::parse(kBase), "base.json", m.issues);
  REQUIRE(m.issues.empty());
  overlay_scenario(m.layer, json::parse(over), "what-if.json", m.issues);
  return m;
}

const ScenarioIssue* issue_at(const std::vector<ScenarioIssue>& issues, const std::string& ptr) {
  for (const auto& issue : issues)
    if (issue.pointer == ptr) return &issue;
  return nullptr;
}

}  // namespace

TEST_CASE("a region patched by name changes only the keys it names", "[scenario][merge]") {
  const Merged m = merge(R"({"regions": {"eeklo": {"fte": 7}}})");
  REQUIRE(m.issues.empty());
  const json& regions = m.layer.root["regions"];
  REQUIRE(regions.size() == 2);
  CHECK(regions[0] == json::parse(R"({"name": "eeklo", "fte": 7, "transit": {"places":
      [{"name": "centre", "share": 0.6}, {"name": "station", "share": 0.4}]}})"));
  CHECK(regions[1]["fte"] == 40);
  CHECK(m.layer.origin.lookup("/regions/0/fte", "") == "what-if.json");
  CHECK(m.layer.origin.lookup("/regions/0/name", "") == "base.json");
  CHECK(m.layer.origin.lookup("/regions/0/transit/places/1/share", "") == "base.json");
  CHECK(m.layer.origin.lookup("/regions/1/fte", "") == "base.json");
  CHECK(m.layer.origin.lookup("/months", "") == "base.json");
}

TEST_CASE("named lists nest: a place of a region is patched by its name", "[scenario][merge]") {
  const Merged m = merge(R"({"regions": {"eeklo": {"transit": {"places": {
      "station": {"share": 0.3}, "centre": {"share": 0.7}}}}}})");
  REQUIRE(m.issues.empty());
  const json& places = m.layer.root["regions"][0]["transit"]["places"];
  CHECK(places[0]["share"] == 0.7);
  CHECK(places[1]["share"] == 0.3);
  CHECK(m.layer.origin.lookup("/regions/0/transit/places/1/share", "") == "what-if.json");
  CHECK(m.layer.origin.lookup("/regions/0/transit/places/1/name", "") == "base.json");
}

TEST_CASE("a region is added by extending a named template region", "[scenario][merge]") {
  const Merged m = merge(R"({"regions": {"maldegem": {"extends": "eeklo", "fte": 2}}})");
  REQUIRE(m.issues.empty());
  const json& regions = m.layer.root["regions"];
  REQUIRE(regions.size() == 3);
  CHECK(regions[2]["name"] == "maldegem");
  CHECK(regions[2]["fte"] == 2);
  CHECK(regions[2]["transit"] == regions[0]["transit"]);
  CHECK_FALSE(regions[2].contains("extends"));
  // What the copy inherited came from the template's file; what the what-if wrote, from it.
  CHECK(m.layer.origin.lookup("/regions/2/transit/places/0/share", "") == "base.json");
  CHECK(m.layer.origin.lookup("/regions/2/fte", "") == "what-if.json");
  CHECK(m.layer.origin.lookup("/regions/2/name", "") == "what-if.json");
  // The template itself is unchanged.
  CHECK(regions[0]["fte"] == 3.5);
}

TEST_CASE("null removes a named element and later origins move with their elements",
          "[scenario][merge]") {
  Merged m;
  overlay_scenario(m.layer, json::parse(kBase), "base.json", m.issues);
  overlay_scenario(m.layer, json::parse(R"({"regions": {"gent": {"fte": 41}}})"), "mid.json",
                   m.issues);
  overlay_scenario(m.layer, json::parse(R"({"regions": {"eeklo": null}})"), "top.json", m.issues);
  REQUIRE(m.issues.empty());
  const json& regions = m.layer.root["regions"];
  REQUIRE(regions.size() == 1);
  CHECK(regions[0]["name"] == "gent");
  CHECK(m.layer.origin.lookup("/regions/0/fte", "") == "mid.json");
  CHECK(m.layer.origin.lookup("/regions/0/name", "") == "base.json");
}

TEST_CASE("arrays that are not named lists, and values of other kinds, are replaced whole",
          "[scenario][merge]") {
  const Merged m = merge(R"({"budget": [8], "months": 24, "costs": {"tiers": {"b": 3}},
                             "regions": [{"name": "brugge", "fte": 9}]})");
  REQUIRE(m.issues.empty());
  CHECK(m.layer.root["budget"] == json::parse("[8]"));
  CHECK(m.layer.root["months"] == 24);
  CHECK(m.layer.root["costs"] == json::parse(R"({"eur": 1, "tiers": {"a": 1, "b": 3}})"));
  CHECK(m.layer.root["regions"] == json::parse(R"([{"name": "brugge", "fte": 9}])"));
  CHECK(m.layer.origin.lookup("/regions/0/transit", "") == "what-if.json");
}

TEST_CASE("an unknown region name is an error with a suggestion, not a new region",
          "[scenario][merge]") {
  const Merged m = merge(R"({"regions": {"eekloo": {"fte": 7}}})");
  REQUIRE(m.issues.size() == 1);
  const ScenarioIssue& issue = m.issues[0];
  CHECK(issue.file == "what-if.json");
  CHECK(issue.pointer == "/regions/eekloo");
  CHECK_THAT(issue.expected, Catch::Contains("did you mean \"eeklo\"?"));
  CHECK_THAT(issue.expected, Catch::Contains("\"extends\""));
  CHECK(issue.found == "no element named \"eekloo\"");
  CHECK(m.layer.root["regions"].size() == 2);
}

TEST_CASE("a patch by name of a list that repeats the name is an error", "[scenario][merge]") {
  Merged m;
  overlay_scenario(m.layer, json::parse(R"({"regions": [{"name": "eeklo", "fte": 1},
                                               {"name": "eeklo", "fte": 2}]})"),
                   "base.json", m.issues);
  overlay_scenario(m.layer, json::parse(R"({"regions": {"eeklo": {"fte": 3}}})"), "top.json",
                   m.issues);
  REQUIRE(m.issues.size() == 1);
  CHECK(m.issues[0].file == "top.json");
  CHECK(m.issues[0].pointer == "/regions/eeklo");
  CHECK(m.issues[0].found == "\"eeklo\" names elements 0 and 1");
  CHECK(m.layer.root["regions"][0]["fte"] == 1);
  CHECK(m.layer.root["regions"][1]["fte"] == 2);
}

TEST_CASE("bad patches are reported at the pointer written in the file", "[scenario][merge]") {
  const Merged m = merge(R"({"regions": {
      "eeklo": {"name": "other", "extends": "gent"},
      "gent": 3,
      "brugge": {"extends": "antwerpen"},
      "aalst": null}})");
  REQUIRE(m.issues.size() == 5);
  const ScenarioIssue* renamed = issue_at(m.issues, "/regions/eeklo/name");
  REQUIRE(renamed != nullptr);
  CHECK(renamed->expected == "the element's own name \"eeklo\" (or no \"name\")");
  const ScenarioIssue* extends_existing = issue_at(m.issues, "/regions/eeklo/extends");
  REQUIRE(extends_existing != nullptr);
  CHECK_THAT(extends_existing->expected, Catch::StartsWith("no \"extends\""));
  const ScenarioIssue* number = issue_at(m.issues, "/regions/gent");
  REQUIRE(number != nullptr);
  CHECK(number->found == "3");
  const ScenarioIssue* unknown_template = issue_at(m.issues, "/regions/brugge/extends");
  REQUIRE(unknown_template != nullptr);
  CHECK(unknown_template->expected ==
        "the name of one element of the list to copy (one of \"eeklo\", \"gent\")");
  const ScenarioIssue* remove_missing = issue_at(m.issues, "/regions/aalst");
  REQUIRE(remove_missing != nullptr);
  CHECK(remove_missing->found == "no element named \"aalst\"");
  CHECK(m.layer.root["regions"].size() == 2);
}

TEST_CASE("files are recorded in the order they are laid", "[scenario][merge]") {
  const Merged m = merge("{}");
  CHECK(m.layer.files == std::vector<std::string>{"base.json", "what-if.json"});
}

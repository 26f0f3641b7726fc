// Reading sweep blocks (engine/sweep.hpp): points, names, order, and every problem at once.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "engine/sweep.hpp"

using namespace drempel;
using nlohmann::json;

namespace {

ScenarioDocument doc_with(const std::string& sweep) {
  ScenarioDocument doc;
  doc.path = "s.json";
  doc.root = json::parse(R"({"a": 1, "b": {"c": 2}, "regions": [{"name": "x", "fte": 3}]})");
  doc.root["sweep"] = json::parse(sweep);
  doc.origin.set_default("s.json");
  return doc;
}

std::vector<ScenarioIssue> issues_of(const std::string& sweep) {
  try {
    read_sweep(doc_with(sweep));
  } catch (const InputError& e) {
    return e.issues();
  }
  FAIL("read_sweep did not throw for " << sweep);
  return {};
}

std::vector<std::string> names(const SweepPlan& plan) {
  std::vector<std::string> out;
  for (const auto& p : plan.points) out.push_back(p.name);
  return out;
}

}  // namespace

TEST_CASE("no sweep block is an empty plan", "[sweep]") {
  ScenarioDocument doc;
  doc.root = json::parse(R"({"a": 1})");
  CHECK(read_sweep(doc).empty());
}

TEST_CASE("variants are crossed with the grid, variants outermost", "[sweep]") {
  const SweepPlan plan = read_sweep(doc_with(R"({
      "variants": [{"name": "lo", "set": {"/a": 0}}, {"name": "hi", "set": {"/a": 5}}],
      "grid": {"/regions/x/fte": [1, 2], "/b/c": ["p", "q"]}})"));
  CHECK(names(plan) ==
        std::vector<std::string>{"lo,b.c=p,regions.x.fte=1", "lo,b.c=p,regions.x.fte=2",
                                 "lo,b.c=q,regions.x.fte=1", "lo,b.c=q,regions.x.fte=2",
                                 "hi,b.c=p,regions.x.fte=1", "hi,b.c=p,regions.x.fte=2",
                                 "hi,b.c=q,regions.x.fte=1", "hi,b.c=q,regions.x.fte=2"});
  CHECK(plan.pointers == std::vector<std::string>{"/a", "/b/c", "/regions/x/fte"});
  REQUIRE(plan.points[5].settings.size() == 3);
  CHECK(plan.points[5].settings[0] == std::pair<std::string, json>{"/a", 5});
  CHECK(plan.points[5].settings[1] == std::pair<std::string, json>{"/b/c", "p"});
  CHECK(plan.points[5].settings[2] == std::pair<std::string, json>{"/regions/x/fte", 2});
}

TEST_CASE("a point's document has its values, the sweep removed, and names the point", "[sweep]") {
  const ScenarioDocument doc = doc_with(R"({"grid": {"/regions/x/fte": [7]}})");
  const SweepPlan plan = read_sweep(doc);
  const ScenarioDocument point = sweep_point_document(doc, plan.points[0]);
  CHECK_FALSE(point.root.contains("sweep"));
  CHECK(point.root["regions"][0]["fte"] == 7);
  CHECK(point.file_of("/regions/0/fte") == "s.json (sweep point regions.x.fte=7)");
  CHECK(point.file_of("/a") == "s.json");
  CHECK(doc.root["regions"][0]["fte"] == 3);  // the original is untouched
}

TEST_CASE("every problem of a sweep block is reported at once", "[sweep]") {
  const auto issues = issues_of(R"({
      "grid": {"/nowhere": [1], "/a": [], "b": [1], "/b/c": 4},
      "variants": [{"name": "v", "set": {"/zz": 1}}, {"name": "v", "set": {}}, {"set": {}}],
      "zip": {}})");
  const auto at = [&](const std::string& pointer) {
    for (const auto& i : issues)
      if (i.pointer == pointer) return true;
    return false;
  };
  CHECK(at("/sweep/zip"));                  // unknown key
  CHECK(at("/sweep/grid/~1nowhere"));       // no such value
  CHECK(at("/sweep/grid/~1a"));             // empty list of values
  CHECK(at("/sweep/grid/b"));               // not a pointer
  CHECK(at("/sweep/grid/~1b~1c"));          // values not a list
  CHECK(at("/sweep/variants/0/set/~1zz"));  // no such value
  CHECK(at("/sweep/variants/1/name"));      // the name again
  CHECK(at("/sweep/variants/2"));           // no name
  for (const auto& i : issues) CHECK(i.file == "s.json");
}

TEST_CASE("a pointer set by the variants and the grid, and too many points, are refused",
          "[sweep]") {
  auto issues = issues_of(R"({"variants": [{"name": "v", "set": {"/a": 2}}],
                              "grid": {"/a": [1, 2]}})");
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].found == "\"/a\" in both");
  std::string many = "[";
  for (int i = 0; i < 101; ++i) many += (i ? "," : "") + std::to_string(i);
  many += "]";
  issues = issues_of(R"({"grid": {"/a": )" + many + R"(, "/b/c": )" + many + "}}");
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].pointer == "/sweep/grid");
  CHECK(issues[0].expected == "at most 10000 points");
  CHECK(issues[0].found == "a grid of 10201 points");
}

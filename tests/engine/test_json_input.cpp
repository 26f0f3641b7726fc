// JSON input with limits (engine/json_input.hpp): nesting, numbers, repeated keys, positions.
#include <catch2/catch.hpp>

#include "engine/json_input.hpp"

using namespace drempel;

namespace {

std::vector<ScenarioIssue> problems(const std::string& text) {
  std::vector<ScenarioIssue> issues;
  CHECK_FALSE(parse_json_input(text, "f.json", "", "a JSON object", issues));
  return issues;
}

}  // namespace

TEST_CASE("nesting is counted outside strings, up to the limit and not one more") {
  const std::string ok = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
  CHECK_FALSE(too_deep(ok));
  CHECK(too_deep("[" + ok + "]") == std::optional<std::size_t>(kMaxJsonDepth));
  // Brackets inside strings, escaped quotes included, do not count.
  CHECK_FALSE(too_deep("{\"a\": \"[[[[\\\"[[[[" + std::string(100, '[') + "\"}"));
  const auto issues = problems("{\n \"a\": " + std::string(100, '{') + "}");
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].found == "deeper nesting at line 2, column " + std::to_string(6 + kMaxJsonDepth));
}

TEST_CASE("a repeated key is named by its pointer, in objects within arrays too") {
  const auto issues = problems(R"({"a": 1, "b": [{"x": 1}, {"x": 2, "x": 3}], "a": 2})");
  REQUIRE(issues.size() == 2);
  CHECK(issues[0].pointer == "/b/1/x");
  CHECK(issues[1].pointer == "/a");
  CHECK(issues[0].expected == "each key once in its object");
  // The same key in two objects is fine.
  std::vector<ScenarioIssue> none;
  CHECK(parse_json_input(R"({"p": {"x": 1}, "q": {"x": 1}})", "f", "", "", none));
  CHECK(none.empty());
}

TEST_CASE("a number beyond a double and malformed JSON are issues, or text for a --set value") {
  CHECK_THAT(problems("{\"a\": 1e400}")[0].found, Catch::Contains("1e400"));
  const auto malformed = problems("{\n\"a\": }");
  REQUIRE(malformed.size() == 1);
  CHECK(malformed[0].expected == "a JSON object");
  CHECK_THAT(malformed[0].found, Catch::StartsWith("malformed JSON at line 2, column 6"));
  std::vector<ScenarioIssue> issues;
  bool text = false;
  CHECK_FALSE(parse_json_input("eeklo", "--set", "/name", "", issues, &text));
  CHECK(text);
  CHECK(issues.empty());
}

// Tests for JSON pointers with names (engine/json_pointer.hpp).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "engine/json_pointer.hpp"

namespace {

using namespace drempel;
using nlohmann::json;

const json kDoc = json::parse(R"({
  "regions": [{"name": "eeklo", "fte": 3.5}, {"name": "gent", "fte": 40}, {"name": "7", "fte": 1}],
  "twice": [{"name": "a"}, {"name": "a"}],
  "plain": [1, 2],
  "a/b": {"~x": 5}
})");

const json* at(const std::string& pointer, std::string* canonical = nullptr) {
  std::vector<std::string> tokens;
  REQUIRE(split_pointer(pointer, tokens));
  std::size_t depth = 0;
  return walk_pointer(kDoc, tokens, depth, canonical);
}

}  // namespace

TEST_CASE("an element of a named list is found by name or by index", "[json_pointer]") {
  std::string canonical;
  const json* by_name = at("/regions/gent/fte", &canonical);
  REQUIRE(by_name != nullptr);
  CHECK(*by_name == 40);
  CHECK(canonical == "/regions/1/fte");
  CHECK(at("/regions/1/fte") == by_name);
}

TEST_CASE("an index token is an index even when an element has that name", "[json_pointer]") {
  // Element 2 is called "7"; /regions/7 is out of range as an index, so the name is used.
  REQUIRE(at("/regions/2/fte") != nullptr);
  CHECK(*at("/regions/7/fte") == 1);
  CHECK(*at("/regions/0/fte") == 3.5);
}

TEST_CASE("names that pick no element or several do not resolve", "[json_pointer]") {
  CHECK(at("/regions/brugge") == nullptr);
  CHECK(at("/twice/a") == nullptr);
  CHECK(at("/plain/x") == nullptr);
  CHECK(elements_named(kDoc["twice"], "a") == std::vector<std::size_t>{0, 1});
}

TEST_CASE("named lists are arrays of objects that all have a string name", "[json_pointer]") {
  CHECK(is_named_list(kDoc["regions"]));
  CHECK_FALSE(is_named_list(kDoc["plain"]));
  CHECK_FALSE(is_named_list(json::array()));
  CHECK_FALSE(is_named_list(json::parse(R"([{"name": "a"}, {"label": "b"}])")));
  CHECK_FALSE(is_named_list(json::parse(R"([{"name": 1}])")));
}

TEST_CASE("tokens are escaped and unescaped as RFC 6901 says", "[json_pointer]") {
  std::vector<std::string> tokens;
  REQUIRE(split_pointer("/a~1b/~0x", tokens));
  CHECK(tokens == std::vector<std::string>{"a/b", "~x"});
  CHECK(join_pointer(tokens) == "/a~1b/~0x");
  CHECK(*at("/a~1b/~0x") == 5);
  CHECK_FALSE(split_pointer("a", tokens));
  CHECK_FALSE(split_pointer("/a~2", tokens));
}

TEST_CASE("closest_word suggests plausible typos only", "[json_pointer]") {
  CHECK(closest_word("eekol", {"eeklo", "gent"}) == "eeklo");
  CHECK(closest_word("brugge", {"eeklo", "gent"}) == std::nullopt);
}

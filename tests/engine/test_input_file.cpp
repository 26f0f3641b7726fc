// Input files (engine/input_file.hpp): regular files only, read whole.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "engine/input_file.hpp"
#include "tests/support/cli.hpp"

using namespace drempel;

TEST_CASE("only regular files are read, and every other kind is named") {
  const auto dir = test::work_dir("input_file");
  const std::string text_file = (dir / "t.txt").string();
  std::ofstream(text_file) << std::string(200000, 'x');  // several read chunks
  std::vector<ScenarioIssue> issues;
  const auto text = read_input_file(text_file, "a readable file", issues);
  REQUIRE(text);
  CHECK(text->size() == 200000);
  CHECK(
      input_file_problem("/dev/zero") ==
      std::optional<std::string>("a special file (a FIFO, device or socket; give a regular file)"));
  CHECK(input_file_problem(dir.string()) == std::optional<std::string>("a directory"));
  CHECK(input_file_problem((dir / "none").string()) == std::optional<std::string>("no such file"));
  CHECK(input_file_problem("") == std::optional<std::string>("an empty file name"));
  CHECK_FALSE(read_input_file("/dev/zero", "a readable file", issues));
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].expected == "a readable file");
}

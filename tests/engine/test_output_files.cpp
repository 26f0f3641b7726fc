// Output files (engine/output_files.hpp): partial files, their removal, and what may not be
// overwritten.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "engine/output_files.hpp"
#include "tests/support/cli.hpp"

using namespace drempel;
namespace fs = std::filesystem;

TEST_CASE("a partial file becomes the file on commit and disappears without it") {
  const fs::path dir = test::work_dir("output_files");
  const std::string path = (dir / "a.txt").string();
  fs::remove(path);
  {
    PartialFile f(path);
    std::ofstream(f.partial()) << "half";
  }
  CHECK_FALSE(fs::exists(path + ".partial"));
  CHECK_FALSE(fs::exists(path));
  {
    PartialFile f(path);
    std::ofstream(f.partial()) << "whole";
    // A signal handler's view: it removes the partial files being written.
    remove_partial_files_now();
    CHECK_FALSE(fs::exists(f.partial()));
  }
  write_text_file(path, "whole");
  CHECK(test::slurp(path) == "whole");
  CHECK_FALSE(fs::exists(path + ".partial"));
}

TEST_CASE("an output may not be an input, a special file or another output") {
  const fs::path dir = test::work_dir("output_files");
  const std::string input = (dir / "in.json").string();
  std::ofstream(input) << "{}";
  const std::string other_spelling = (dir / "." / "in.json").string();
  const auto issues = output_problems({{"--out", other_spelling},
                                       {"--csv", "/dev/null"},
                                       {"--a", (dir / "x").string()},
                                       {"--b", (dir / "x").string()},
                                       {"--c", ""}},
                                      {input});
  REQUIRE(issues.size() == 3);
  CHECK(issues[0].file == "--out");
  CHECK_THAT(issues[0].found, Catch::Contains("the input"));
  CHECK(issues[1].file == "--csv");
  CHECK(issues[2].file == "--b");
  CHECK(issues[2].found == "the same file as --a");
}

// Output paths checked before any work (engine/output_path.hpp).
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "engine/output_path.hpp"

using namespace drempel;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = "/tmp/drempel_test_output_path_XXXXXX";
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::permissions(path, fs::perms::owner_all, ec);
    fs::remove_all(path, ec);
  }
};

}  // namespace

TEST_CASE("a file in an existing writable directory is fine, new or existing", "[output_path]") {
  TempDir dir;
  CHECK_FALSE(output_path_problem("--out", (dir.path / "new.h5").string()));
  std::ofstream(dir.path / "old.h5") << "x";
  CHECK_FALSE(output_path_problem("--out", (dir.path / "old.h5").string()));
}

TEST_CASE("a missing directory, a file as directory and a directory as file are refused",
          "[output_path]") {
  TempDir dir;
  const auto missing = output_path_problem("--csv", (dir.path / "no/such/x.csv").string());
  REQUIRE(missing);
  CHECK(missing->file == "--csv");
  CHECK(missing->expected == "a file in an existing directory");
  CHECK_THAT(missing->found, Catch::StartsWith("no directory "));
  std::ofstream(dir.path / "plain") << "x";
  const auto under_file = output_path_problem("--out", (dir.path / "plain/x.h5").string());
  REQUIRE(under_file);
  CHECK_THAT(under_file->found, Catch::EndsWith("is not a directory"));
  const auto directory = output_path_problem("--out", dir.path.string());
  REQUIRE(directory);
  CHECK_THAT(directory->found, Catch::StartsWith("an existing directory"));
  CHECK(output_path_problem("--out", ""));
}

TEST_CASE("a directory without write permission is refused", "[output_path]") {
  if (::geteuid() == 0) {
    WARN("running as root: permissions do not apply, not checked");
    return;
  }
  TempDir dir;
  fs::create_directory(dir.path / "locked");
  fs::permissions(dir.path / "locked", fs::perms::owner_read | fs::perms::owner_exec);
  const auto problem = output_path_problem("--out", (dir.path / "locked/x.h5").string());
  REQUIRE(problem);
  CHECK_THAT(problem->found, Catch::EndsWith("is not writable"));
}

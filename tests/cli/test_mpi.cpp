// drempel run under mpirun (built with DREMPEL_WITH_MPI; docs/mpi.md): replicates and sweep
// points spread over 1, 2 or 3 processes give results identical, bit for bit, to a run in one
// process, also when a run stopped under mpirun is resumed on another number of processes; a
// refusal is printed once, and commands that do not spread their work refuse.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "engine/results_hdf5.hpp"
#include "tests/support/cli.hpp"
#include "tests/support/results_equal.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;
namespace fs = std::filesystem;
using Catch::Contains;

namespace {

fs::path dir() {
  return test::work_dir("cli_mpi");
}

// As root (CI) Open MPI needs --allow-run-as-root; --oversubscribe lets 3 processes share 2 cores.
std::string mpirun(int processes) {
  return "mpirun --allow-run-as-root --oversubscribe -np " + std::to_string(processes) + " ";
}

// `drempel ARGS` under mpirun with `processes` processes (0: without mpirun).
test::CliOutcome launch(int processes, const std::string& args) {
  return test::run_cli_prefixed(processes > 0 ? mpirun(processes) : "", args, dir());
}

// Runs `args` (a run command without --out) in one process and under mpirun with 1, 2 and 3
// processes; checks that every file holds the same data as the single process's.
void check_identical(const std::string& name, const std::string& args) {
  const fs::path single = dir() / (name + "-single.h5");
  fs::remove(single);
  const auto one = launch(0, args + " --quiet --out " + single.string());
  INFO(one.err);
  REQUIRE(one.status == 0);
  const ResultsFile expected = read_results_file(single.string());
  for (const int processes : {1, 2, 3}) {
    INFO(processes << " MPI processes");
    const fs::path out = dir() / (name + "-np" + std::to_string(processes) + ".h5");
    fs::remove(out);
    const auto r = launch(processes, args + " --out " + out.string());
    INFO(r.err);
    REQUIRE(r.status == 0);
    // The summary is printed once, by rank 0.
    CHECK(r.out.find(out.string() + ":") == r.out.rfind(out.string() + ":"));
    test::check_same_data(expected, read_results_file(out.string()));
  }
}

}  // namespace

TEST_CASE("replicates spread over MPI processes give the single-process results", "[mpi]") {
  check_identical("baseline", "run " + test::source_path("scenarios/baseline.json") +
                                  " --set /replicates=5 --set /months=18");
}

TEST_CASE("sweep points spread over MPI processes give the single-process results", "[mpi]") {
  const std::string scenario = test::write_file(
      "cli_mpi", "sweep.json",
      "{\"extends\": \"" + test::source_path("scenarios/baseline.json") +
          "\", \"months\": 12, \"replicates\": 3, \"sweep\": {\"variants\": ["
          "{\"name\": \"base\", \"set\": {}}, {\"name\": \"more\", \"set\": "
          "{\"/regions/eeklo/caseworker_fte\": 7.0, \"/regions/eeklo/caseworker_budget_fte\": "
          "8.0}}]}}");
  check_identical("sweep", "run " + scenario);
}

TEST_CASE("the national scenario runs under mpirun -np 2 with the single-process results",
          "[mpi]") {
  const fs::path single = dir() / "national-single.h5", two = dir() / "national-np2.h5";
  const std::string scenario = test::source_path("scenarios/national-flanders.json");
  fs::remove(single);
  fs::remove(two);
  REQUIRE(launch(0, "run " + scenario + " --quiet --out " + single.string()).status == 0);
  const auto r = launch(2, "run " + scenario + " --quiet --out " + two.string());
  INFO(r.err);
  REQUIRE(r.status == 0);
  test::check_same_data(read_results_file(single.string()), read_results_file(two.string()));
}

TEST_CASE("under mpirun a refusal is printed once, and other commands refuse", "[mpi]") {
  auto r = launch(2, "run " + test::source_path("scenarios/baseline.json") +
                         " --set /months=0 --out " + (dir() / "bad.h5").string());
  CHECK(r.status == 2);
  const std::string message = "/months: expected";
  CHECK_THAT(r.err, Contains(message));
  CHECK(r.err.find(message) == r.err.rfind(message));
  CHECK_FALSE(fs::exists(dir() / "bad.h5"));

  r = launch(2, "validate " + test::source_path("scenarios/baseline.json"));
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Contains("only drempel run and drempel resume spread their work"));
}

TEST_CASE(
    "a run under mpirun -np 2 stopped by SIGTERM resumes on 3 processes or 1 with the "
    "single-process results",
    "[mpi][resume]") {
  const std::string scenario = test::source_path("scenarios/national-flanders.json");
  // (Four replicates over 24 months: each rank has two, seconds of work after the first
  // checkpoint, so that SIGTERM comes mid-way on a fast machine too.)
  const std::string args = "run " + scenario + " --set /replicates=4 --quiet";
  const fs::path single = dir() / "stopped-single.h5", out = dir() / "stopped.h5";
  const std::string checkpoint = out.string() + ".checkpoint";
  for (const fs::path& f : {single, out, fs::path(checkpoint), fs::path(checkpoint + ".rank-1")})
    fs::remove(f);
  REQUIRE(launch(0, args + " --out " + single.string()).status == 0);
  const ResultsFile expected = read_results_file(single.string());

  // SIGTERM to mpirun (as a batch system ends a job) once both processes wrote their part.
  const int status =
      test::run_shell("cd " + dir().string() + "\n" + mpirun(2) + DREMPEL_BINARY + " " + args +
                      " --checkpoint-every 1 --out " + out.string() + " 2>stopped.err &\npid=$!\n" +
                      "for i in $(seq 1 2400); do [[ -e " + checkpoint + " && -e " + checkpoint +
                      ".rank-1 ]] && break; sleep 0.05; done\nkill -TERM $pid\nwait $pid");
  INFO(test::slurp(dir() / "stopped.err"));
  CHECK(status != 0);
  REQUIRE_FALSE(fs::exists(out));
  REQUIRE(fs::exists(checkpoint));
  REQUIRE(fs::exists(checkpoint + ".rank-1"));
  CHECK_THAT(test::slurp(dir() / "stopped.err"),
             Contains("continue with `drempel resume " + checkpoint + "`"));
  const fs::path copy = dir() / "stopped-copy.checkpoint";
  fs::copy_file(checkpoint, copy, fs::copy_options::overwrite_existing);
  fs::copy_file(checkpoint + ".rank-1", copy.string() + ".rank-1",
                fs::copy_options::overwrite_existing);

  auto r = launch(3, "resume " + checkpoint + " --quiet");
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK_FALSE(fs::exists(checkpoint));  // every part removed once the results are written
  CHECK_FALSE(fs::exists(checkpoint + ".rank-1"));
  CHECK_FALSE(fs::exists(checkpoint + ".rank-2"));
  test::check_same_data(expected, read_results_file(out.string()));

  const fs::path alone = dir() / "stopped-alone.h5";
  fs::remove(alone);
  r = launch(0, "resume " + copy.string() + " --quiet --out " + alone.string());
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK_FALSE(fs::exists(copy.string() + ".rank-1"));
  test::check_same_data(expected, read_results_file(alone.string()));
}

// The `drempel` command end to end: run writes the results file, validate summarises.
#include <hdf5.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "engine/dataset_hdf5.hpp"
#include "engine/results_hdf5.hpp"
#include "models/definitions.hpp"
#include "models/run.hpp"
#include "tests/support/cli.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;
namespace fs = std::filesystem;

namespace {

using Outcome = test::CliOutcome;

fs::path work_dir() {
  return test::work_dir("cli_run");
}

Outcome run_cli(const std::string& args) {
  return test::run_cli(args, work_dir());
}

}  // namespace

TEST_CASE("drempel run writes a results file that matches the in-memory run") {
  const fs::path out = work_dir() / "baseline.h5";
  fs::create_directories(out.parent_path());
  fs::remove(out);
  const std::string scenario = test::source_path("scenarios/baseline.json");
  const Outcome o = run_cli("run " + scenario + " --out " + out.string() +
                            " --replicates 3 --set /months=12 --threads 2 --seed 5");
  INFO(o.err);
  REQUIRE(o.status == 0);
  REQUIRE(fs::exists(out));
  CHECK_FALSE(fs::exists(out.string() + ".partial"));
  // The summary table names every stage.
  for (const char* s : kStageNames) CHECK(o.out.find(s) != std::string::npos);
  CHECK(o.out.find("95% CI of the mean") != std::string::npos);

  // Reopen with the HDF5 C API: stage_count is (3 replicates, 12 months, 1 region, 9 stages).
  const hid_t file = H5Fopen(out.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  REQUIRE(file >= 0);
  const hid_t ds = H5Dopen2(file, "stage_count", H5P_DEFAULT);
  REQUIRE(ds >= 0);
  const hid_t space = H5Dget_space(ds);
  hsize_t dims[4] = {0, 0, 0, 0};
  REQUIRE(H5Sget_simple_extent_ndims(space) == 4);
  H5Sget_simple_extent_dims(space, dims, nullptr);
  CHECK(dims[0] == 3);
  CHECK(dims[1] == 12);
  CHECK(dims[2] == 1);
  CHECK(dims[3] == kStageCount);
  std::vector<long long> raw(dims[0] * dims[1] * dims[2] * dims[3]);
  REQUIRE(H5Dread(ds, H5T_NATIVE_LLONG, H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()) >= 0);
  H5Sclose(space);
  H5Dclose(ds);
  H5Fclose(file);

  // The same scenario run in-process gives the same stocks, and the file's attributes say so.
  const Results mem = run_scenario_file(scenario, {"/months=12", "/replicates=3", "/seed=5"});
  REQUIRE(raw.size() == mem.stage_count.size());
  for (std::size_t i = 0; i < raw.size(); ++i) REQUIRE(raw[i] == mem.stage_count[i]);
  const Results back = read_results_hdf5(out.string());
  CHECK(back.transition_count == mem.transition_count);
  CHECK(back.seed == 5);
  CHECK(back.start_month == "2026-01");
  CHECK(back.scenario_json.find("\"months\":12") != std::string::npos);
}

TEST_CASE("drempel validate prints the resolved summary and runs nothing") {
  const Outcome o = run_cli("validate " + test::source_path("scenarios/baseline.json"));
  INFO(o.err);
  CHECK(o.status == 0);
  CHECK(o.out.find("valid") != std::string::npos);
  CHECK(o.out.find("eeklo") != std::string::npos);
  CHECK(o.out.find("2026-01 to 2030-12") != std::string::npos);
}

TEST_CASE("usage errors exit 2 with a message, --help and --version exit 0") {
  CHECK(run_cli("").status == 2);
  CHECK(run_cli("frobnicate x.json").status == 2);
  const Outcome bad_flag =
      run_cli("run " + test::source_path("scenarios/baseline.json") + " --bogus");
  CHECK(bad_flag.status == 2);
  CHECK(bad_flag.err.find("--bogus") != std::string::npos);
  const Outcome bad_threads =
      run_cli("run " + test::source_path("scenarios/baseline.json") + " --threads zero");
  CHECK(bad_threads.status == 2);
  CHECK(bad_threads.err.find("--threads") != std::string::npos);
  CHECK(run_cli("--help").status == 0);
  CHECK(run_cli("--version").status == 0);
}

TEST_CASE("the progress line appears only on a terminal and --quiet silences it") {
  const std::string base = "run " + test::source_path("scenarios/baseline.json") + " --out " +
                           (work_dir() / "tty.h5").string() + " --replicates 2 --set /months=6";
  // Not a terminal: stderr is a file, so no progress line.
  const Outcome plain = run_cli(base);
  REQUIRE(plain.status == 0);
  CHECK(plain.err.find("agent-months/s") == std::string::npos);
  // A pseudo-terminal through util-linux `script`: the progress line is drawn.
  if (std::system("command -v script >/dev/null 2>&1") != 0) {
    WARN("util-linux `script` not found: terminal progress not checked");
    return;
  }
  const fs::path log = work_dir() / "tty.txt";
  auto on_terminal = [&](const std::string& extra) {
    const std::string cmd = "script -qec \"" + std::string(DREMPEL_BINARY) + " " + base + extra +
                            "\" /dev/null > " + log.string() + " 2>&1";
    REQUIRE(std::system(cmd.c_str()) == 0);
    std::ifstream in(log);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  };
  const std::string shown = on_terminal("");
  CHECK(shown.find("agent-months/s") != std::string::npos);
  // Replicates run in parallel: the line names the replicate whose month it reports.
  CHECK((shown.find("replicate 1/2") != std::string::npos ||
         shown.find("replicate 2/2") != std::string::npos));
  const std::string quiet = on_terminal(" --quiet");
  CHECK(quiet.find("agent-months/s") == std::string::npos);
  CHECK(quiet.find("95% interval") == std::string::npos);  // --quiet drops the summary too
}

TEST_CASE("a results file holds the CSV tables the run read, byte for byte") {
  const fs::path out = work_dir() / "inputs.h5";
  const Outcome o = run_cli("run " + test::source_path("scenarios/baseline.json") + " --out " +
                            out.string() + " --replicates 1 --set /months=3 --quiet");
  INFO(o.err);
  REQUIRE(o.status == 0);
  const Dataset d = read_dataset_hdf5(out.string());
  const auto inputs = nlohmann::json::parse(d.text_attributes.at("input_files_json"));
  REQUIRE(inputs.size() == 2);
  for (const auto& [path, content] : inputs.items()) {
    INFO(path);
    // (The scenario was given by its absolute path, and so are its tables.)
    const std::string text = test::slurp(path);
    CHECK(text.size() > 1000);
    CHECK(content.get<std::string>() == text);
  }
}

#ifndef DREMPEL_TEST_WITH_MPI
TEST_CASE(
    "a drempel built without MPI and started by mpirun refuses rather than run it all twice") {
  // What mpirun puts in each process's environment (Open MPI; PMI_SIZE for MPICH and Slurm).
  const fs::path out = work_dir() / "launched.h5";
  for (const char* variable : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"}) {
    const Outcome o = test::run_cli_prefixed(
        std::string(variable) + "=2 ",
        "run " + test::source_path("scenarios/baseline.json") + " --out " + out.string(),
        work_dir());
    CHECK(o.status == 2);
    CHECK_THAT(o.err, Catch::Contains("started by mpirun with 2 processes, but this drempel is "
                                      "built without MPI: configure with -DDREMPEL_WITH_MPI=ON"));
    CHECK_FALSE(fs::exists(out));
  }
}
#endif

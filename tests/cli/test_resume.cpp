// drempel run --checkpoint-every and drempel resume (cli/run_command.cpp, docs/checkpoints.md):
// a run killed with SIGKILL and resumed writes the results of the uninterrupted run, and every
// misuse is refused with exit status 2 before any work.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "engine/results_hdf5.hpp"
#include "tests/support/cli.hpp"
#include "tests/support/results_equal.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;
namespace fs = std::filesystem;
using Catch::Contains;

namespace {

fs::path dir() {
  return test::work_dir("cli_resume");
}

test::CliOutcome cli(const std::string& args) {
  return test::run_cli(args, dir());
}

// All Flemish OCMWs over a year: long enough (about two seconds) to be killed after its first
// checkpoints.
const char* const kScenario = "scenarios/national-flanders.json";
const std::vector<std::string> kLongRun = {"--set", "/months=12"};

// Starts `drempel ARGS` with stderr to `err_path`; returns its process id.
pid_t spawn(const std::vector<std::string>& args, const std::string& err_path) {
  std::vector<std::string> all = {DREMPEL_BINARY};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const int fd = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0 || ::dup2(fd, STDERR_FILENO) < 0) ::_exit(99);
    ::execv(DREMPEL_BINARY, argv.data());
    ::_exit(98);
  }
  return pid;
}

// Waits until `path` exists (at most two minutes); true if it does.
bool appears(const fs::path& path) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (!fs::exists(path) && std::chrono::steady_clock::now() < give_up)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  return fs::exists(path);
}

// Sends `signal` once `checkpoint` exists (and a little later, so that the run is mid-way);
// returns the process's wait status.
int interrupt_after_checkpoint(pid_t pid, const fs::path& checkpoint, int signal) {
  CHECK(appears(checkpoint));
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  ::kill(pid, signal);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

std::vector<std::string> run_args(const std::string& scenario, const fs::path& out,
                                  const std::string& every) {
  std::vector<std::string> args = {
      "run", scenario, "--out", out.string(), "--quiet", "--checkpoint-every", every};
  args.insert(args.end(), kLongRun.begin(), kLongRun.end());
  return args;
}

std::string set_args() {
  std::string s;
  for (const auto& a : kLongRun) s += " " + a;
  return s;
}

}  // namespace

TEST_CASE("a run killed with SIGKILL and resumed writes the results of the uninterrupted run",
          "[resume]") {
  const std::string scenario = test::source_path(kScenario);
  const fs::path full = dir() / "full.h5", out = dir() / "killed.h5";
  const fs::path checkpoint = dir() / "killed.h5.checkpoint";
  const std::string err = (dir() / "killed.err").string();
  for (const auto& f : {full, out, checkpoint}) fs::remove(f);
  REQUIRE(cli("run " + scenario + " --quiet --out " + full.string() + set_args()).status == 0);

  const pid_t pid = spawn(run_args(scenario, out, "2"), err);
  const int status = interrupt_after_checkpoint(pid, checkpoint, SIGKILL);
  REQUIRE(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGKILL);
  CHECK_FALSE(fs::exists(out));
  REQUIRE(fs::exists(checkpoint));
  const fs::path copy = dir() / "copy.checkpoint";
  fs::copy_file(checkpoint, copy, fs::copy_options::overwrite_existing);

  const auto resumed = cli("resume " + checkpoint.string());
  INFO(resumed.err);
  REQUIRE(resumed.status == 0);
  CHECK_THAT(resumed.out, Contains("killed.h5: 2 replicate(s), 12 months"));
  CHECK_FALSE(fs::exists(checkpoint));  // removed once the results are written
  test::check_same_data(read_results_file(full.string()), read_results_file(out.string()));

  // --out may not replace a part of the checkpoint either (a copy stands for rank 1's part).
  const std::string part = copy.string() + ".rank-1";
  fs::copy_file(copy, part, fs::copy_options::overwrite_existing);
  const auto refused = cli("resume " + copy.string() + " --quiet --out " + part);
  CHECK(refused.status == 2);
  CHECK_THAT(refused.err, Contains("--out"));
  CHECK(test::slurp(part) == test::slurp(copy));
  fs::remove(part);

  // The same checkpoint, resumed on one thread into another file: the same data again.
  const fs::path other = dir() / "other.h5";
  fs::remove(other);
  REQUIRE(cli("resume " + copy.string() + " --threads 1 --quiet --out " + other.string()).status ==
          0);
  test::check_same_data(read_results_file(full.string()), read_results_file(other.string()));
}

TEST_CASE("SIGINT keeps the checkpoint and says how to resume", "[resume]") {
  const fs::path out = dir() / "interrupted.h5", checkpoint = dir() / "interrupted.ckpt";
  const std::string err = (dir() / "interrupted.err").string();
  fs::remove(checkpoint);
  std::vector<std::string> args = run_args(test::source_path(kScenario), out, "1");
  args.insert(args.end(), {"--checkpoint", checkpoint.string()});
  const int status = interrupt_after_checkpoint(spawn(args, err), checkpoint, SIGINT);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 130);
  CHECK_THAT(test::slurp(err),
             Contains("interrupted (SIGINT); no output written; the last checkpoint is kept: "
                      "continue with `drempel resume " +
                      checkpoint.string() + "`"));
  CHECK(fs::exists(checkpoint));
  CHECK_FALSE(fs::exists(out));
  CHECK_FALSE(fs::exists(checkpoint.string() + ".partial"));
}

TEST_CASE("resume refuses a checkpoint whose scenario changed, and a file that is none",
          "[resume]") {
  // A scenario of the test's own, so that it can change after the checkpoint.
  const std::string scenario = test::write_file(
      "cli_resume", "mine.json", "{\"extends\": \"" + test::source_path(kScenario) + "\"}");
  const fs::path out = dir() / "mine.h5", checkpoint = dir() / "mine.h5.checkpoint";
  fs::remove(checkpoint);
  const int status = interrupt_after_checkpoint(
      spawn(run_args(scenario, out, "1"), (dir() / "mine.err").string()), checkpoint, SIGKILL);
  REQUIRE(WIFSIGNALED(status));

  test::write_file(
      "cli_resume", "mine.json",
      "{\"extends\": \"" + test::source_path(kScenario) + "\", \"description\": \"changed\"}");
  auto r = cli("resume " + checkpoint.string());
  CHECK(r.status == 2);
  CHECK_THAT(r.err,
             Contains("mine.json: (document): expected the scenario as it was when the checkpoint "
                      "was written, found a changed scenario"));
  CHECK_FALSE(fs::exists(out));

  r = cli("resume " + scenario);
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Contains("mine.json: (document): expected a Drempel checkpoint"));
  CHECK_THAT(r.err, Contains("found a file of another kind"));

  // As it was: the run goes on.
  test::write_file("cli_resume", "mine.json",
                   "{\"extends\": \"" + test::source_path(kScenario) + "\"}");
  r = cli("resume --quiet " + checkpoint.string());
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(fs::exists(out));
}

TEST_CASE("drempel run refuses to replace a checkpoint and a --checkpoint without its period",
          "[resume]") {
  const std::string scenario = test::source_path(kScenario);
  const fs::path out = dir() / "existing.h5";
  test::write_file("cli_resume", "existing.h5.checkpoint", "an earlier run's checkpoint");
  auto r = cli("run " + scenario + " --out " + out.string() + " --checkpoint-every 3");
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Contains("existing.h5.checkpoint exists: the checkpoint of an earlier run"));
  CHECK_THAT(r.err, Contains("drempel resume"));
  CHECK(test::slurp(dir() / "existing.h5.checkpoint") == "an earlier run's checkpoint");
  CHECK_FALSE(fs::exists(out));

  // Another process's part of an MPI run's checkpoint (docs/mpi.md) is refused alike.
  fs::remove(dir() / "existing.h5.checkpoint");
  test::write_file("cli_resume", "existing.h5.checkpoint.rank-1", "a part of an earlier run");
  r = cli("run " + scenario + " --out " + out.string() + " --checkpoint-every 3");
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Contains("existing.h5.checkpoint.rank-1 exists: a part of the checkpoint"));
  CHECK(test::slurp(dir() / "existing.h5.checkpoint.rank-1") == "a part of an earlier run");
  CHECK_FALSE(fs::exists(out));
  fs::remove(dir() / "existing.h5.checkpoint.rank-1");

  r = cli("run " + scenario + " --out " + out.string() + " --checkpoint x.ckpt");
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Contains("--checkpoint-every"));

  r = cli("run " + scenario + " --out " + out.string() + " --checkpoint-every 0");
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Contains("expected a whole number in [1, 100000], found \"0\""));

  r = cli("run " + scenario + " --out " + out.string() + " --checkpoint-every 2 --checkpoint " +
          scenario);
  CHECK(r.status == 2);  // the checkpoint may not replace an input
}

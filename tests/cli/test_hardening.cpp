// Hostile input (issue 13's table): every row that once crashed, hung, exited 1 or silently
// overwrote a file is a case here, with its expected message and exit status 2 (or, for signals,
// the documented status). README, "Limits", lists the limits these rows meet.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "engine/csv_table.hpp"
#include "tests/support/cli.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;
namespace fs = std::filesystem;
using Catch::Contains;

namespace {

fs::path dir() {
  return test::work_dir("cli_hardening");
}

test::CliOutcome cli(const std::string& args) {
  return test::run_cli(args, dir());
}

std::string baseline() {
  return test::source_path("scenarios/baseline.json");
}

std::string write(const std::string& name, const std::string& text) {
  return test::write_file("cli_hardening", name, text);
}

// A scenario that extends the baseline with `body` (the members after "extends").
std::string extending(const std::string& name, const std::string& body) {
  return write(name,
               "{\"extends\": \"" + baseline() + "\"" + (body.empty() ? "" : ", ") + body + "}");
}

// A small, fast run's settings.
const std::string kSmall = " --set /months=6 --set /replicates=1 --quiet";

void rejected(const test::CliOutcome& o, const std::string& message) {
  INFO(o.err);
  CHECK(o.status == 2);
  CHECK_THAT(o.err, Contains(message));
}

}  // namespace

TEST_CASE("deeply nested JSON is refused, in a file, a --set value and a base file") {
  const std::string deep = std::string(60000, '[') + std::string(60000, ']');
  const std::string file = write("deep.json", "{\"a\":" + deep + "}");
  rejected(cli("validate " + file), "expected JSON nested at most 64 levels deep");
  rejected(cli("validate " + baseline() + " --set '/description=" + deep + "'"),
           "--set: /description: expected JSON nested at most 64 levels deep");
  const std::string child = write("child_of_deep.json", "{\"extends\": \"deep.json\"}");
  rejected(cli("validate " + child), "deep.json: (document): expected JSON nested");
  // 64 levels are fine (the limit is not off by one).
  const std::string ok = std::string(63, '[') + std::string(63, ']');
  CHECK(cli("validate " + extending("deep_ok.json", "\"x\": " + ok)).err.find("nested") ==
        std::string::npos);
}

TEST_CASE("a long extends chain is refused, naming the limit") {
  std::string previous = baseline();
  for (int i = 0; i < 40; ++i)
    previous = write("chain" + std::to_string(i) + ".json", "{\"extends\": \"" + previous + "\"}");
  rejected(cli("validate " + previous), "expected an extends chain of at most 32 files");
}

TEST_CASE("a full disk during the write is a message and exit 2, with nothing left behind") {
  // A file-size limit makes the write fail as a full disk does (EFBIG instead of ENOSPC).
  const fs::path out = dir() / "full.h5";
  const auto o = test::run_cli_prefixed(
      "ulimit -f 64; ", "run " + baseline() + " --out " + out.string() + kSmall, dir());
  rejected(o, "cannot write dataset file");
  CHECK_FALSE(fs::exists(out));
  CHECK_FALSE(fs::exists(out.string() + ".partial"));
}

TEST_CASE("more threads than four per core is a usage error") {
  rejected(cli("run " + baseline() + " --threads 10000000" + kSmall),
           "--threads: expected a whole number in [1, ");
  rejected(cli("run " + baseline() + " --threads 0" + kSmall), "--threads");
}

TEST_CASE("numbers beyond a double are refused, in a --set value and in a file") {
  rejected(cli("validate " + baseline() + " --set /months=1e400"),
           "--set: /months: expected numbers within the range of a double");
  rejected(cli("validate " + extending("huge.json", "\"months\": -1e400")),
           "huge.json: (document): expected numbers within the range of a double");
}

TEST_CASE("--out that is a directory or ends in a slash is refused before the run") {
  fs::create_directories(dir() / "d.h5");
  rejected(cli("run " + baseline() + " --out " + (dir() / "d.h5").string() + kSmall),
           "found an existing directory");
  rejected(cli("run " + baseline() + " --out " + (dir() / "nowhere").string() + "/" + kSmall),
           "expected a file in an existing directory");
}

TEST_CASE("an output never replaces an input, a special file or another output") {
  // The scenario itself (a copy next to the CSV tables it names would do as well).
  const std::string scenario = extending("own.json", "");
  const std::string before = test::slurp(scenario);
  rejected(cli("run " + scenario + " --out " + scenario + kSmall),
           "expected a file that is not an input of the run");
  CHECK(test::slurp(scenario) == before);
  // A base file of the extends chain, by another spelling.
  rejected(cli("run " + scenario + " --out " + test::source_path("scenarios/../scenarios/") +
               "baseline.json" + kSmall),
           "is not an input of the run");
  rejected(cli("inflow " + baseline() + " --csv " + (dir() / "x").string() + " --out " +
               (dir() / "x").string() + kSmall),
           "--csv: " + (dir() / "x").string() + ": expected a file other than --out's");
  rejected(cli("run " + baseline() + " --out /dev/null" + kSmall),
           "expected a regular file or a new one, found a special file");
  rejected(cli("run " + baseline() + " --out ''" + kSmall),
           "--out: expected a file name, found an empty name");
}

TEST_CASE("a NUL or a newline in a name is refused at validation, with the message whole") {
  const auto o = cli("validate " + baseline() + " --set '/regions/0/name=\"ee\\u0000klo\"'");
  rejected(o, "without control characters");
  CHECK_THAT(o.err, Contains("ee\\u0000klo"));  // the message goes past the NUL
  rejected(cli("validate " + baseline() + " --set '/regions/0/name=\"a\\nb\"'"),
           "without control characters");
}

TEST_CASE("the inflow CSV quotes a name with a comma or a quote (RFC 4180)") {
  const fs::path csv = dir() / "names.csv";
  const auto o = cli("inflow " + baseline() + " --set '/regions/0/name=x,y\"z' --csv " +
                     csv.string() + " --out " + (dir() / "names.h5").string() + kSmall);
  INFO(o.err);
  REQUIRE(o.status == 0);
  // The project's CSV reader (RFC 4180) reads every row back with the name whole.
  const CsvTable t = read_csv_table(csv.string());
  REQUIRE(t.header.size() > 1);
  const std::size_t region = 1;
  REQUIRE(t.header[region] == "region");
  int named = 0;
  for (const auto& row : t.rows) named += row[region] == "x,y\"z" ? 1 : 0;
  CHECK(named > 0);
  for (const auto& row : t.rows) CHECK(row.size() == t.header.size());
}

TEST_CASE("outputs succeed or fail together: a failing --csv leaves no .h5 either") {
  const fs::path csv = dir() / "big.csv", out = dir() / "together.h5";
  const auto o = test::run_cli_prefixed(
      "ulimit -f 16; ",
      "inflow " + baseline() + " --csv " + csv.string() + " --out " + out.string() + kSmall, dir());
  rejected(o, "cannot write");
  CHECK_FALSE(fs::exists(csv));
  CHECK_FALSE(fs::exists(out));
  CHECK_FALSE(fs::exists(csv.string() + ".partial"));
  CHECK_FALSE(fs::exists(out.string() + ".partial"));
}

TEST_CASE("special files as input are refused without reading them") {
  rejected(cli("validate " + write("zero.json", "{\"extends\": \"/dev/zero\"}")),
           "/dev/zero: (document): expected a readable scenario file, found a special file");
  rejected(cli("validate " + baseline() + " --set /inflow/recipients_csv=/dev/zero"),
           "found a special file");
  const fs::path fifo = dir() / "fifo.json";
  fs::remove(fifo);
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  // Opening a FIFO with no writer would block; the check comes first, so this returns at once.
  rejected(cli("validate " + fifo.string()), "found a special file");
}

TEST_CASE("SIGINT and SIGTERM print one line and exit 130 and 143, leaving no partial file") {
  const fs::path out = dir() / "signal.h5";
  for (const int signal : {SIGINT, SIGTERM}) {
    fs::remove(out);
    // (Paths before the fork: work_dir is named by the process id.)
    const std::string err_path = (dir() / "signal.err").string(), scenario = baseline();
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      const int fd = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      if (fd < 0 || ::dup2(fd, STDERR_FILENO) < 0) ::_exit(99);
      ::execl(DREMPEL_BINARY, DREMPEL_BINARY, "run", scenario.c_str(), "--out", out.c_str(),
              "--set", "/replicates=60", "--quiet", static_cast<char*>(nullptr));
      ::_exit(98);
    }
    if (signal == SIGINT) {
      std::this_thread::sleep_for(std::chrono::milliseconds(700));  // while it simulates
    } else {
      // While it writes: as soon as the partial file is there.
      const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(120);
      while (!fs::exists(out.string() + ".partial") && std::chrono::steady_clock::now() < give_up)
        std::this_thread::sleep_for(std::chrono::microseconds(200));
      CHECK(fs::exists(out.string() + ".partial"));
    }
    ::kill(pid, signal);
    int status = 0;
    ::waitpid(pid, &status, 0);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 128 + signal);
    const std::string err = test::slurp(err_path);
    CHECK_THAT(err, Contains(signal == SIGINT ? "interrupted (SIGINT)" : "terminated (SIGTERM)"));
    CHECK_FALSE(fs::exists(out));
    CHECK_FALSE(fs::exists(out.string() + ".partial"));
  }
}

TEST_CASE("a closed pipe is not an error, but a full standard output is") {
  const auto piped = test::run_shell(std::string(DREMPEL_BINARY) + " validate " + baseline() +
                                     " | head -c 1 >/dev/null; exit ${PIPESTATUS[0]}");
  CHECK(piped == 0);
  const auto full = test::run_shell(std::string(DREMPEL_BINARY) + " validate " + baseline() +
                                    " >/dev/full 2>" + (dir() / "full.err").string());
  CHECK(full == 2);
  CHECK_THAT(test::slurp(dir() / "full.err"), Contains("cannot write the standard output"));
}

TEST_CASE("error output is bounded: the first 50 problems and the count, long keys cut") {
  std::string regions = "[";
  for (int i = 0; i < 50000; ++i) regions += std::string(i ? "," : "") + "{}";
  const auto many = cli("validate " + extending("many.json", "\"regions\": " + regions + "]"));
  rejected(many, "more problems (the first 50 are shown)");
  CHECK(many.err.size() < 20000);
  const std::string key(2000000, 'k');
  const auto start = std::chrono::steady_clock::now();
  const auto longkey = cli("validate " + extending("longkey.json", "\"" + key + "\": 1"));
  // (A hang guard, not a speed measurement: the suggestion search once took 8.5 s.)
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
  CHECK(longkey.status == 2);
  CHECK_THAT(longkey.err, Contains("characters)"));
  CHECK(longkey.err.size() < 5000);
}

TEST_CASE("a key given twice in one object is refused, every repeat named") {
  rejected(cli("validate " + extending("twice.json",
                                       "\"months\": 3, \"months\": 4, \"seed\": 1, "
                                       "\"regions\": [{\"name\": \"a\", \"name\": \"b\"}]")),
           "twice.json: /months: expected each key once in its object, found the key repeated");
  rejected(cli("validate " + baseline() + " --set '/description={\"a\":1,\"a\":2}'"),
           "--set: /description/a: expected each key once");
}

TEST_CASE("a run larger than the memory is refused before anything is allocated") {
  const auto o = cli("run " + baseline() +
                     " --set /regions/0/initial_clients=100000000 --max-memory 8G" + kSmall);
  rejected(o, "expected a run that fits in 8.0 GiB (--max-memory 8G), found an estimated");
  CHECK_THAT(o.err, Contains("clients in a model of"));
  rejected(cli("run " + baseline() + " --max-memory lots" + kSmall),
           "--max-memory: (document): expected a size such as 512M");
}

TEST_CASE("simulations of panel, calibrate and sensitivity larger than the memory are refused") {
  const fs::path panel = dir() / "huge-panel.csv";
  fs::remove(panel);
  auto o = cli("panel " + baseline() + " --set /regions/0/initial_clients=100000000 --out " +
               panel.string() + " --max-memory 8G" + kSmall);
  rejected(o, "expected simulations that fit in 8.0 GiB (--max-memory 8G), found an estimated");
  CHECK_THAT(o.err, Contains("1 simulation(s) at once, each with 1 model(s)"));
  CHECK_FALSE(fs::exists(panel));
  // The examples' simulations need some MiB: refused under 1 MiB, before any simulation.
  const std::string examples = test::source_path("analysis/examples/");
  const fs::path out = dir() / "huge.h5";
  rejected(cli("calibrate " + examples + "moments-example.json --max-memory 1M --quiet --out " +
               out.string()),
           "expected simulations that fit in 1.0 MiB (--max-memory 1M)");
  o = cli("calibrate " + examples + "abc-example.json --max-memory 1M --threads 2 --quiet --out " +
          out.string());
  rejected(o, "expected simulations that fit in 1.0 MiB");
  CHECK_THAT(o.err, Contains("2 simulation(s) at once"));  // ABC-SMC: one per thread
  rejected(cli("sensitivity " + examples + "sensitivity-in-work.json --max-memory 1M --quiet " +
               "--out " + out.string()),
           "expected simulations that fit in 1.0 MiB");
  CHECK_FALSE(fs::exists(out));
  rejected(cli("panel " + baseline() + " --max-memory lots" + kSmall),
           "--max-memory: (document): expected a size such as 512M");
}

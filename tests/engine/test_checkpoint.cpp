// Checkpoint files (engine/checkpoint.hpp): written atomically, read back exactly, and every kind
// of bad file refused with an InputError naming the file.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "engine/checkpoint.hpp"
#include "engine/input_error.hpp"
#include "tests/support/cli.hpp"

using namespace drempel;

namespace {

Checkpoint sample() {
  Checkpoint c;
  c.header = {{"command", "run"}, {"months", 12}};
  c.tasks.resize(2);
  c.tasks[0].resize(2);
  c.tasks[1].resize(1);
  c.tasks[0][0] = {CheckpointTask::Status::kDone, 12, std::string("done\0bytes", 10)};
  c.tasks[0][1] = {CheckpointTask::Status::kRunning, 5, std::string(100000, 'x')};
  return c;
}

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

void put_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string error_of(const std::string& path) {
  try {
    read_checkpoint(path);
  } catch (const InputError& e) {
    REQUIRE(e.issues().size() == 1);
    CHECK(e.issues()[0].file == path);
    return e.issues()[0].found;
  }
  FAIL("read_checkpoint accepted " << path);
  return "";
}

}  // namespace

TEST_CASE("a checkpoint is read back as it was written", "[checkpoint]") {
  const std::string path = (test::work_dir("checkpoint") / "a.checkpoint").string();
  write_checkpoint(sample(), path);
  CHECK_FALSE(std::filesystem::exists(path + ".partial"));
  const Checkpoint c = read_checkpoint(path);
  CHECK(c.header == sample().header);
  REQUIRE(c.tasks.size() == 2);
  REQUIRE(c.tasks[0].size() == 2);
  REQUIRE(c.tasks[1].size() == 1);
  CHECK(c.tasks[0][0].status == CheckpointTask::Status::kDone);
  CHECK(c.tasks[0][0].months_done == 12);
  CHECK(c.tasks[0][0].state == std::string("done\0bytes", 10));
  CHECK(c.tasks[0][1].status == CheckpointTask::Status::kRunning);
  CHECK(c.tasks[0][1].state == std::string(100000, 'x'));
  CHECK(c.tasks[1][0].status == CheckpointTask::Status::kNotStarted);
}

TEST_CASE("a damaged, truncated or foreign checkpoint is refused", "[checkpoint]") {
  const auto dir = test::work_dir("checkpoint");
  const std::string good = (dir / "good.checkpoint").string();
  write_checkpoint(sample(), good);
  const std::string bytes = file_bytes(good);
  const std::string bad = (dir / "bad.checkpoint").string();

  SECTION("one byte changed") {
    std::string changed = bytes;
    changed[changed.size() / 2] ^= 1;
    put_bytes(bad, changed);
    CHECK(error_of(bad) == "a damaged file (checksum differs)");
  }
  SECTION("cut short") {
    for (const std::size_t n : {std::size_t{0}, std::size_t{10}, bytes.size() - 1}) {
      put_bytes(bad, bytes.substr(0, n));
      CHECK_FALSE(error_of(bad).empty());
    }
  }
  SECTION("a file of another kind") {
    put_bytes(bad, "{\"name\": \"a scenario\"}");
    CHECK(error_of(bad) == "a file of another kind");
  }
  SECTION("a directory or a FIFO") {
    CHECK(error_of(dir.string()) == "a directory");
    const std::string fifo = (dir / "fifo").string();
    std::filesystem::remove(fifo);
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    CHECK(error_of(fifo).find("a special file") == 0);
  }
}

TEST_CASE("CheckpointWriter saves a task's state and rewrites the file", "[checkpoint]") {
  const std::string path = (test::work_dir("checkpoint") / "w.checkpoint").string();
  std::filesystem::remove(path);
  Checkpoint start;
  start.tasks.assign(1, std::vector<CheckpointTask>(3));
  CheckpointWriter writer(path, start, 4, std::chrono::hours(1));
  CHECK(writer.due(8));
  CHECK_FALSE(writer.due(6));
  CHECK_FALSE(std::filesystem::exists(path));  // nothing before the first save
  writer.done(0, 2, 12, "final");
  CHECK(writer.tasks_done() == 1);
  writer.save(0, 1, 4, "month 4");
  const Checkpoint c = read_checkpoint(path);
  CHECK(c.tasks[0][0].status == CheckpointTask::Status::kNotStarted);
  CHECK(c.tasks[0][1].status == CheckpointTask::Status::kRunning);
  CHECK(c.tasks[0][1].months_done == 4);
  CHECK(c.tasks[0][1].state == "month 4");
  CHECK(c.tasks[0][2].status == CheckpointTask::Status::kDone);
  CHECK(c.tasks[0][2].state == "final");
  // Within the interval a save is recorded but not written.
  writer.save(0, 0, 8, "month 8");
  CHECK(read_checkpoint(path).tasks[0][0].status == CheckpointTask::Status::kNotStarted);
  CHECK(writer.checkpoint().tasks[0][0].months_done == 8);
}

namespace {

using Status = CheckpointTask::Status;

// One point of six tasks, each state naming its part, task and months.
Checkpoint part_of(int number, const std::vector<std::pair<int, CheckpointTask>>& tasks) {
  Checkpoint c;
  c.header = {{"command", "run"}, {"rank", number}, {"checkpoint_every", number + 1}};
  c.tasks.resize(1);
  c.tasks[0].resize(6);
  for (const auto& [task, t] : tasks) c.tasks[0][static_cast<std::size_t>(task)] = t;
  return c;
}

CheckpointTask running(int months, const std::string& state) {
  return {Status::kRunning, months, state};
}

// "status months state" of every task, for one comparison per case.
std::vector<std::string> summary(const Checkpoint& c) {
  std::vector<std::string> out;
  for (const CheckpointTask& t : c.tasks.at(0))
    out.push_back(std::to_string(static_cast<int>(t.status)) + " " +
                  std::to_string(t.months_done) + " " + t.state);
  return out;
}

const std::vector<std::string> kPartKeys = {"rank", "checkpoint_every"};

// Parts 0 (written as `path`), 1 and 2 of a run of six tasks, as two runs (three processes,
// then two) left them.
std::string write_parts() {
  const auto dir = test::work_dir("checkpoint_parts") / "run";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "x.checkpoint").string();
  write_checkpoint(part_of(0, {{0, running(3, "p0t0")},
                               {1, running(1, "p0t1")},
                               {2, running(3, "p0t2")},
                               {4, {Status::kDone, 12, "p0t4"}}}),
                   path);
  write_checkpoint(part_of(1, {{1, running(3, "p1t1")}, {5, running(6, "p1t5")}}),
                   checkpoint_part_path(path, 1));
  write_checkpoint(part_of(2, {{2, running(6, "p2t2")}, {3, running(2, "p2t3")}}),
                   checkpoint_part_path(path, 2));
  return path;
}

}  // namespace

TEST_CASE("a checkpoint's parts are found by their rank suffix alone", "[checkpoint]") {
  const std::string path = write_parts();
  for (const char* other : {".rank-1.partial", ".rank-01", ".rank-a", "s.rank-3", ".ranks"})
    put_bytes(path + other, "not a part");
  write_checkpoint(part_of(10, {}), checkpoint_part_path(path, 10));
  const auto parts = checkpoint_other_parts(path);
  REQUIRE(parts.size() == 3);
  CHECK(parts[0] == std::pair<int, std::string>{1, path + ".rank-1"});
  CHECK(parts[1] == std::pair<int, std::string>{2, path + ".rank-2"});
  CHECK(parts[2] == std::pair<int, std::string>{10, path + ".rank-10"});
  CHECK(checkpoint_part_path(path, 0) == path);
}

TEST_CASE("each process continues its own tasks from the most advanced part", "[checkpoint]") {
  const std::string path = write_parts();
  // One process: every task as far as any part has it.
  CHECK(summary(read_checkpoint_parts(path, 0, 1, kPartKeys)) ==
        std::vector<std::string>{"1 3 p0t0", "1 3 p1t1", "1 6 p2t2", "1 2 p2t3", "2 12 p0t4",
                                 "1 6 p1t5"});
  // Two processes: each owns every other task; the tasks it does not own stay as its own old
  // part had them, so that rewriting that part loses nothing.
  CHECK(summary(read_checkpoint_parts(path, 0, 2, kPartKeys)) ==
        std::vector<std::string>{"1 3 p0t0", "1 1 p0t1", "1 6 p2t2", "0 0 ", "2 12 p0t4",
                                 "0 0 "});
  CHECK(summary(read_checkpoint_parts(path, 1, 2, kPartKeys)) ==
        std::vector<std::string>{"0 0 ", "1 3 p1t1", "0 0 ", "1 2 p2t3", "0 0 ", "1 6 p1t5"});
  // Three processes: process 2 owns tasks 2 and 5.
  const Checkpoint third = read_checkpoint_parts(path, 2, 3, kPartKeys);
  CHECK(summary(third) ==
        std::vector<std::string>{"0 0 ", "0 0 ", "1 6 p2t2", "1 2 p2t3", "0 0 ", "1 6 p1t5"});
  CHECK(third.header == part_of(0, {}).header);  // the header is that of `path`
}

TEST_CASE("a part of another run or of another shape is refused, naming it", "[checkpoint]") {
  const std::string path = write_parts();
  const std::string part = checkpoint_part_path(path, 2);
  const auto refusal = [&] {
    try {
      read_checkpoint_parts(path, 0, 2, kPartKeys);
    } catch (const InputError& e) {
      REQUIRE(e.issues().size() == 1);
      CHECK(e.issues()[0].file == part);
      return e.issues()[0].found;
    }
    FAIL("the part was accepted");
    return std::string();
  };
  Checkpoint other = part_of(2, {});
  other.header["command"] = "sweep";
  write_checkpoint(other, part);
  CHECK_THAT(refusal(), Catch::StartsWith("a part of another run"));
  Checkpoint wider = part_of(2, {});
  wider.tasks[0].resize(7);
  write_checkpoint(wider, part);
  CHECK_THAT(refusal(), Catch::StartsWith("a task list of another shape"));
  // Only the keys it may differ in: a damaged part is refused as read_checkpoint refuses it.
  put_bytes(part, "DREMPEL CHECKPOINT\n\x1a but cut");
  CHECK_THAT(refusal(), Catch::Contains("checksum") || Catch::Contains("ends early"));
}

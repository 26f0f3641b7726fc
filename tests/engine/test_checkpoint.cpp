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

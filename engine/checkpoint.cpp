#include "engine/checkpoint.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string_view>

#include "engine/input_error.hpp"
#include "engine/input_file.hpp"
#include "engine/output_files.hpp"
#include "engine/replicates.hpp"

namespace drempel {
namespace {

// The file begins with these bytes; a text editor shows what it is, `file` does not mistake it.
constexpr std::string_view kMagic = "DREMPEL CHECKPOINT\n\x1a";

// FNV-1a over the bytes: enough to tell a damaged file (the rename makes torn writes unlikely;
// a disk or copy error is what it catches).
struct Checksum {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  void add(const void* data, std::size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t k = 0; k < n; ++k) h = (h ^ p[k]) * 0x100000001b3ULL;
  }
};

class FileOut {
 public:
  explicit FileOut(const std::string& path, const std::string& name)
      : name_(name), file_(std::fopen(path.c_str(), "wb")) {
    if (file_ == nullptr) fail(errno);
  }
  ~FileOut() {
    if (file_ != nullptr) std::fclose(file_);
  }
  void bytes(const void* data, std::size_t n) {
    sum_.add(data, n);
    if (n > 0 && std::fwrite(data, 1, n, file_) != n) fail(errno);
  }
  template <class T>
  void value(T v) {
    bytes(&v, sizeof v);
  }
  void text(std::string_view s) {
    value(static_cast<std::uint64_t>(s.size()));
    bytes(s.data(), s.size());
  }
  void close() {
    const std::uint64_t sum = sum_.h;
    if (std::fwrite(&sum, 1, sizeof sum, file_) != sizeof sum) fail(errno);
    std::FILE* f = file_;
    file_ = nullptr;
    if (std::fclose(f) != 0) fail(errno);
  }

 private:
  [[noreturn]] void fail(int error) const {
    throw OutputError("cannot write " + name_ + ": " + std::strerror(error));
  }
  std::string name_;
  std::FILE* file_;
  Checksum sum_;
};

// Reads the file's bytes in order; every shortfall is one error naming the file.
class BytesIn {
 public:
  BytesIn(std::string_view bytes, const std::string& path) : bytes_(bytes), path_(path) {}
  void take(void* out, std::size_t n, const char* what) {
    if (n > bytes_.size() - at_) bad(std::string("complete ") + what, "the file ends early");
    std::memcpy(out, bytes_.data() + at_, n);
    at_ += n;
  }
  template <class T>
  T value(const char* what) {
    T v{};
    take(&v, sizeof v, what);
    return v;
  }
  std::string text(const char* what) {
    const auto n = value<std::uint64_t>(what);
    if (n > bytes_.size() - at_) bad(std::string("complete ") + what, "the file ends early");
    std::string s(bytes_.substr(at_, n));
    at_ += n;
    return s;
  }
  std::size_t at() const { return at_; }
  [[noreturn]] void bad(const std::string& expected, const std::string& found) const {
    throw InputError({{path_, "", expected, found}});
  }

 private:
  std::string_view bytes_;
  const std::string& path_;
  std::size_t at_ = 0;
};

}  // namespace

void write_checkpoint(const Checkpoint& checkpoint, const std::string& path) {
  PartialFile file(path);
  {
    FileOut out(file.partial(), path);
    out.bytes(kMagic.data(), kMagic.size());
    out.value(kCheckpointFormatVersion);
    out.text(checkpoint.header.dump());
    out.value(static_cast<std::uint32_t>(checkpoint.tasks.size()));
    for (const auto& point : checkpoint.tasks) {
      out.value(static_cast<std::uint32_t>(point.size()));
      for (const CheckpointTask& t : point) {
        out.value(static_cast<std::uint8_t>(t.status));
        out.value(t.months_done);
        out.text(t.state);
      }
    }
    out.close();
  }
  file.commit();
}

Checkpoint read_checkpoint(const std::string& path) {
  // (A checkpoint of a large run may exceed the size limit of hand-written inputs.)
  if (const auto problem = input_file_problem(path, UINTMAX_MAX))
    throw InputError({{path, "", "a checkpoint file", *problem}});
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) throw InputError({{path, "", "a readable checkpoint file", std::strerror(errno)}});
  std::string bytes;
  char buffer[1 << 16];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, f.get())) > 0;)
    bytes.append(buffer, n);
  if (std::ferror(f.get()))
    throw InputError({{path, "", "a readable checkpoint file", std::strerror(errno)}});

  BytesIn in(bytes, path);
  if (bytes.compare(0, kMagic.size(), kMagic) != 0)
    in.bad("a Drempel checkpoint (written by drempel run --checkpoint-every)",
           "a file of another kind");
  if (bytes.size() < kMagic.size() + sizeof(std::uint64_t))
    in.bad("a complete checkpoint", "the file ends early");
  Checksum sum;
  sum.add(bytes.data(), bytes.size() - sizeof(std::uint64_t));
  std::uint64_t stored = 0;
  std::memcpy(&stored, bytes.data() + bytes.size() - sizeof stored, sizeof stored);
  if (stored != sum.h)
    in.bad("a checkpoint whose checksum matches its content", "a damaged file (checksum differs)");
  const std::string_view body(bytes.data(), bytes.size() - sizeof stored);
  BytesIn b(body, path);
  char magic[kMagic.size()];
  b.take(magic, sizeof magic, "header");
  if (const auto version = b.value<std::uint32_t>("header"); version != kCheckpointFormatVersion)
    b.bad("checkpoint format version " + std::to_string(kCheckpointFormatVersion),
          "version " + std::to_string(version));
  Checkpoint c;
  c.header = nlohmann::json::parse(b.text("header"), nullptr, false);
  if (!c.header.is_object()) b.bad("a JSON object as the checkpoint's header", "something else");
  const auto points = b.value<std::uint32_t>("task list");
  for (std::uint32_t p = 0; p < points; ++p) {
    const auto replicates = b.value<std::uint32_t>("task list");
    if (replicates > body.size() - b.at()) b.bad("a complete task list", "the file ends early");
    auto& tasks = c.tasks.emplace_back(replicates);
    for (CheckpointTask& t : tasks) {
      const auto status = b.value<std::uint8_t>("task");
      if (status > 2) b.bad("a task status 0, 1 or 2", std::to_string(status));
      t.status = static_cast<CheckpointTask::Status>(status);
      t.months_done = b.value<std::int32_t>("task");
      t.state = b.text("task");
    }
  }
  if (b.at() != body.size()) b.bad("nothing after the tasks", "more bytes");
  return c;
}

std::string checkpoint_part_path(const std::string& path, int part) {
  return part == 0 ? path : path + ".rank-" + std::to_string(part);
}

std::vector<std::pair<int, std::string>> checkpoint_other_parts(const std::string& path) {
  namespace fs = std::filesystem;
  const fs::path file(path);
  const fs::path dir = file.has_parent_path() ? file.parent_path() : fs::path(".");
  const std::string prefix = file.filename().string() + ".rank-";
  std::vector<std::pair<int, std::string>> parts;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string digits = name.substr(prefix.size());
    if (digits.size() > 9 || digits.front() == '0' ||
        digits.find_first_not_of("0123456789") != std::string::npos)
      continue;
    parts.emplace_back(std::stoi(digits), checkpoint_part_path(path, std::stoi(digits)));
  }
  std::sort(parts.begin(), parts.end());
  return parts;
}

namespace {

// How far a task has come: done beats running, running beats not started, then months.
std::pair<int, std::int32_t> progress(const CheckpointTask& t) {
  return {static_cast<int>(t.status), t.months_done};
}

nlohmann::json without(nlohmann::json header, const std::vector<std::string>& keys) {
  for (const std::string& key : keys) header.erase(key);
  return header;
}

}  // namespace

Checkpoint read_checkpoint_parts(const std::string& path, int process, int processes,
                                 const std::vector<std::string>& may_differ) {
  Checkpoint start = read_checkpoint(path);
  const nlohmann::json run = without(start.header, may_differ);
  // Calls fn(task of `start`, owned) for every task.
  const auto each_task = [&](auto&& fn) {
    std::size_t task = 0;
    for (std::size_t p = 0; p < start.tasks.size(); ++p)
      for (std::size_t r = 0; r < start.tasks[p].size(); ++r)
        fn(p, r, task_owner(task++, processes) == process);
  };
  if (process != 0)  // `path` is process 0's part: keep only what this process owns
    each_task([&](std::size_t p, std::size_t r, bool owned) {
      if (!owned) start.tasks[p][r] = CheckpointTask{};
    });
  const auto keep = [&](Checkpoint& part, int number) {
    each_task([&](std::size_t p, std::size_t r, bool owned) {
      CheckpointTask& mine = start.tasks[p][r];
      CheckpointTask& theirs = part.tasks[p][r];
      if (owned ? progress(theirs) > progress(mine) : number == process) mine = std::move(theirs);
    });
  };
  for (const auto& numbered : checkpoint_other_parts(path)) {
    const std::string& other = numbered.second;  // (clang 14 cannot capture a structured binding)
    Checkpoint part = read_checkpoint(other);
    const auto bad = [&](const std::string& found) {
      throw InputError({{other, "", "a part of the checkpoint " + path + " (of the same run)",
                         found + "; remove it, or resume the run it belongs to"}});
    };
    if (without(part.header, may_differ) != run) bad("a part of another run");
    bool same_shape = part.tasks.size() == start.tasks.size();
    for (std::size_t p = 0; same_shape && p < part.tasks.size(); ++p)
      same_shape = part.tasks[p].size() == start.tasks[p].size();
    if (!same_shape) bad("a task list of another shape");
    keep(part, numbered.first);
  }
  return start;
}

CheckpointWriter::CheckpointWriter(std::string path, Checkpoint start, std::int32_t every_months,
                                   std::chrono::milliseconds min_interval)
    : path_(std::move(path)),
      every_(every_months),
      min_interval_(min_interval),
      checkpoint_(std::move(start)) {}

std::string CheckpointWriter::save(std::size_t point, std::int32_t replicate,
                                   std::int32_t months_done, std::string state) {
  std::lock_guard lock(mutex_);
  CheckpointTask& t = checkpoint_.tasks.at(point).at(static_cast<std::size_t>(replicate));
  t.status = CheckpointTask::Status::kRunning;
  t.months_done = months_done;
  std::swap(t.state, state);
  const auto now = std::chrono::steady_clock::now();
  if (!last_write_ || now - *last_write_ >= min_interval_) {
    write_checkpoint(checkpoint_, path_);
    last_write_ = std::chrono::steady_clock::now();
  }
  return state;
}

void CheckpointWriter::done(std::size_t point, std::int32_t replicate, std::int32_t months,
                            std::string state) {
  std::lock_guard lock(mutex_);
  CheckpointTask& t = checkpoint_.tasks.at(point).at(static_cast<std::size_t>(replicate));
  t.status = CheckpointTask::Status::kDone;
  t.months_done = months;
  t.state = std::move(state);
}

std::size_t CheckpointWriter::tasks_done() const {
  std::lock_guard lock(mutex_);
  std::size_t n = 0;
  for (const auto& point : checkpoint_.tasks)
    for (const auto& t : point) n += t.status == CheckpointTask::Status::kDone ? 1 : 0;
  return n;
}

}  // namespace drempel

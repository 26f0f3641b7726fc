#include "engine/output_files.hpp"

#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "engine/output_path.hpp"

namespace drempel {
namespace {

namespace fs = std::filesystem;

// The partial files being written, as fixed buffers a signal handler can read without locks:
// a slot is claimed (compare-exchange), given its path, then marked ready.
struct Slot {
  std::array<char, 4096> path{};
  std::atomic<bool> claimed{false}, ready{false};
};
std::array<Slot, 16> g_partials;

int register_partial(const std::string& path) {
  if (path.size() >= Slot{}.path.size()) return -1;
  for (std::size_t i = 0; i < g_partials.size(); ++i) {
    Slot& s = g_partials[i];
    bool free = false;
    if (!s.claimed.compare_exchange_strong(free, true)) continue;
    std::memcpy(s.path.data(), path.c_str(), path.size() + 1);
    s.ready.store(true);
    return static_cast<int>(i);
  }
  return -1;  // more than 16 files at once: not removed on a signal (never the case)
}

void unregister_partial(int slot) {
  if (slot < 0) return;
  Slot& s = g_partials[static_cast<std::size_t>(slot)];
  s.ready.store(false);
  s.claimed.store(false);
}

// Whether two paths name one file (both existing), or the same path once made absolute.
bool same_file(const std::string& a, const std::string& b) {
  std::error_code ec;
  if (fs::equivalent(a, b, ec) && !ec) return true;
  return fs::weakly_canonical(fs::absolute(a, ec), ec) ==
         fs::weakly_canonical(fs::absolute(b, ec), ec);
}

}  // namespace

std::vector<ScenarioIssue> output_problems(
    const std::vector<std::pair<std::string, std::string>>& outputs,
    const std::vector<std::string>& inputs) {
  std::vector<ScenarioIssue> issues;
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    const auto& [flag, path] = outputs[i];
    if (path.empty()) continue;
    if (auto problem = output_path_problem(flag, path)) {
      issues.push_back(*problem);
      continue;
    }
    std::error_code ec;
    const fs::file_status status = fs::symlink_status(path, ec);
    if (fs::exists(status) && !fs::is_regular_file(status) && !fs::is_symlink(status))
      issues.push_back({flag, path, "a regular file or a new one",
                        "a special file (a device, FIFO or socket), which is not replaced"});
    for (const std::string& input : inputs)
      if (!input.empty() && same_file(input, path)) {
        issues.push_back({flag, path, "a file that is not an input of the run",
                          "the input " + input + " (it would be overwritten)"});
        break;
      }
    for (std::size_t j = 0; j < i; ++j)
      if (!outputs[j].second.empty() && same_file(outputs[j].second, path))
        issues.push_back({flag, path, "a file other than " + outputs[j].first + "'s",
                          "the same file as " + outputs[j].first});
  }
  return issues;
}

PartialFile::PartialFile(std::string path) : path_(std::move(path)), partial_(path_ + ".partial") {
  slot_ = register_partial(partial_);
}

PartialFile::~PartialFile() {
  if (!committed_) {
    std::error_code ignored;
    fs::remove(partial_, ignored);
  }
  unregister_partial(slot_);
}

void PartialFile::commit() {
  std::error_code ec;
  fs::rename(partial_, path_, ec);
  if (ec)
    throw OutputError("cannot write " + path_ + ": cannot rename " + partial_ +
                      " to it: " + ec.message());
  committed_ = true;
}

void write_text_file(const std::string& path, const std::string& text) {
  PartialFile file(path);
  std::FILE* out = std::fopen(file.partial().c_str(), "wb");
  if (out == nullptr) throw OutputError("cannot write " + path + ": " + std::strerror(errno));
  const bool written = std::fwrite(text.data(), 1, text.size(), out) == text.size();
  const int error = errno;
  const bool closed = std::fclose(out) == 0;
  if (!written || !closed)
    throw OutputError("cannot write " + path + ": " + std::strerror(written ? errno : error));
  file.commit();
}

void remove_partial_files_now() noexcept {
  for (Slot& s : g_partials)
    if (s.ready.load()) ::unlink(s.path.data());
}

}  // namespace drempel

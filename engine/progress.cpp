#include "engine/progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace drempel {

ProgressReporter::ProgressReporter(std::int64_t total_steps, bool enabled)
    : total_(total_steps), enabled_(enabled), start_(Clock::now()), last_draw_(start_) {}

bool ProgressReporter::stderr_is_terminal() {
  return ::isatty(STDERR_FILENO) == 1;
}

bool ProgressReporter::due() {
  const auto now = Clock::now();
  if (now - last_draw_ < std::chrono::milliseconds(200) && done_.load() != total_) return false;
  last_draw_ = now;
  return true;
}

void ProgressReporter::draw(std::int64_t agents, const std::string& label) {
  const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
  const std::int64_t done = done_.load();
  const double rate = elapsed > 0 ? static_cast<double>(agent_months_.load()) / elapsed : 0.0;
  const double eta =
      done > 0 ? elapsed * static_cast<double>(total_ - done) / static_cast<double>(done) : 0.0;
  std::fprintf(stderr, "\r%s  step %lld/%lld  agents %lld  %.2fM agent-months/s  ETA %.0fs   ",
               label.c_str(), static_cast<long long>(done), static_cast<long long>(total_),
               static_cast<long long>(agents), rate / 1e6, eta);
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressReporter::finish() {
  if (enabled_ && drawn_) {
    std::fprintf(stderr, "\r%*s\r", 100, "");
    std::fflush(stderr);
  }
}

}  // namespace drempel

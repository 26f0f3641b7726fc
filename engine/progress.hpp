#pragma once
// A one-line progress report on stderr: month, agents, agent-months per second, ETA.
//
// Shown only when stderr is a terminal and not silenced (--quiet); redrawn at most a few times a
// second so that reporting never costs measurable time. Safe to call from several threads (the
// replicates of a run step in parallel): counts are atomic, and one thread at a time redraws.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

namespace drempel {

class ProgressReporter {
 public:
  /// `total_steps` is months x replicates; `enabled` false silences every call.
  ProgressReporter(std::int64_t total_steps, bool enabled);
  /// Reports that one more step finished with `agents` active. `label()` (e.g. "2026-07
  /// replicate 1/20") is called only when the line is redrawn, so a silent reporter costs nothing.
  template <class Label>
  void step_done(std::int64_t agents, Label&& label) {
    const std::int64_t done = done_.fetch_add(1, std::memory_order_relaxed) + 1;
    agent_months_.fetch_add(agents, std::memory_order_relaxed);
    if (!enabled_) return;
    if (done == total_) {  // the last step is always drawn, whoever holds the lock
      std::lock_guard lock(mutex_);
      draw(agents, label());
      return;
    }
    std::unique_lock lock(mutex_, std::try_to_lock);
    if (lock.owns_lock() && due()) draw(agents, label());
  }
  /// Clears the line (call once at the end).
  void finish();

  /// True when stderr is an interactive terminal.
  static bool stderr_is_terminal();

 private:
  using Clock = std::chrono::steady_clock;
  bool due();
  void draw(std::int64_t agents, const std::string& label);
  std::int64_t total_;
  std::atomic<std::int64_t> done_{0};
  std::atomic<std::int64_t> agent_months_{0};
  std::mutex mutex_;  // held while deciding to redraw and redrawing
  bool enabled_;
  bool drawn_ = false;
  Clock::time_point start_;
  Clock::time_point last_draw_;
};

}  // namespace drempel

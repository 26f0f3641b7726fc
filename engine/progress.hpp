#pragma once
// A one-line progress report on stderr: month, agents, agent-months per second, ETA.
//
// Shown only when stderr is a terminal and not silenced (--quiet); redrawn at most a few times a
// second so that reporting never costs measurable time.
#include <chrono>
#include <cstdint>
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
    ++done_;
    agent_months_ += static_cast<double>(agents);
    if (enabled_ && due()) draw(agents, label());
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
  std::int64_t done_ = 0;
  double agent_months_ = 0.0;
  bool enabled_;
  bool drawn_ = false;
  Clock::time_point start_;
  Clock::time_point last_draw_;
};

}  // namespace drempel

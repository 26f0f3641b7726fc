#pragma once
// Language barrier and interpreters: hours of working through the barrier (the interpreter
// phone's waits included), interpreter hours from the region's budget, and the translation app
// that covers the rest and costs part of the support's effect (models/ODD.md, "Language").
#include "engine/mechanism.hpp"
#include "models/client.hpp"

namespace drempel {

class Interpreters {
 public:
  static constexpr const char* kName = "interpreters";
  static constexpr std::array<StreamInfo, 0> kStreams = {};
  static constexpr int kSums = 0;
  static constexpr std::array<MetricInfo, 3> kMetrics = {{
      {"interpreter_hours_demanded", "h month-1", "interpreter hours needed by clients",
       RegionTotal::kSum},
      {"interpreter_hours_supplied", "h month-1",
       "interpreter hours given (the rest: translation app)", RegionTotal::kSum},
      {"interpreter_cost_eur", "EUR month-1", "cost of the interpreter hours supplied",
       RegionTotal::kSum},
  }};

  explicit Interpreters(const ModelParameters& p)
      : need_(p.interpreters.hours_by_dutch_level),
        app_penalty_(p.interpreters.translation_app_support_penalty),
        eur_per_hour_(p.interpreters.eur_per_hour) {
    for (int d = 0; d < kDutchLevels; ++d)
      language_hours_[d] =
          p.extra_hours_by_dutch_level[d] +
          p.interpreters.hours_by_dutch_level[d] * p.interpreters.wait_hours_per_hour;
  }

  struct Pass {
    const std::uint8_t* dutch;
    std::array<double, kDutchLevels> language_hours, need;
    double app_penalty;
    // The interpreter need is set with the hours, so that the transitions pass (which computes
    // the hours again to know its share) knows it too.
    void hours(ClientMonth& x, HoursByTask& h) const {
      h[kHoursLanguage] = language_hours[dutch[x.i]];
      x.interpreter_need = static_cast<float>(need[dutch[x.i]]);
    }
    // What the interpreter budget does not cover goes through a translation app, which errs: the
    // support received loses part of its effect.
    void transition(ClientMonth& x, double*) const {
      const double uncovered = 1.0 - static_cast<double>(x.interpreter_granted);
      x.base_support = x.base_support * (1.0 - app_penalty * uncovered);
    }
  };
  template <class C>
  Pass pass(C& c, const RandomStreams&) const {
    return {c.dutch.data(), language_hours_, need_, app_penalty_};
  }

  void finish(const RegionMonth& r, const double*, double* out) const {
    out[0] = r.interpreters.requested;
    out[1] = r.interpreters.granted;
    out[2] = r.interpreters.granted * eur_per_hour_;
  }

 private:
  std::array<double, kDutchLevels> need_;
  double app_penalty_, eur_per_hour_;
  std::array<double, kDutchLevels> language_hours_{};
};

}  // namespace drempel

#pragma once
// Motivation (models/ODD.md, "Motivation and trust"): a failed attempt (back from pre-activation
// or activation to stabilisation) demotivates; a step forward may motivate; a job that ends
// demotivates. Motivation scales drop-out (StageMoves).
#include "engine/mechanism.hpp"
#include "models/client.hpp"

namespace drempel {

class Motivation {
 public:
  static constexpr const char* kName = "motivation";
  // Word 3 of the stage stream's block (ClientMonth::stage_words).
  static constexpr std::array<StreamInfo, 0> kStreams = {};
  enum Sum : int { kSumMotivation, kSums };
  static constexpr std::array<MetricInfo, 1> kMetrics = {{
      {"clients_mean_motivation", "1", "mean motivation of active clients (0 very low, 3 high)",
       RegionTotal::kNone},
  }};

  explicit Motivation(const ModelParameters& p)
      : gain_(bernoulli_threshold(p.motivation.gain_on_progress)) {}

  struct Pass {
    std::uint64_t gain;
    void transition(ClientMonth& x, double*) const {
      const bool setback =
          x.to == kStabilisation && (x.from == kPreActivation || x.from == kActivation);
      const bool progress = x.to > x.from && x.to <= kEmployed;
      if (setback)
        x.motivation = static_cast<std::uint8_t>(x.motivation - (x.motivation > 0));
      else if (progress && x.stage_words[3] < gain)
        x.motivation =
            static_cast<std::uint8_t>(x.motivation + (x.motivation < kMotivationLevels - 1));
    }
    void record(const ClientMonth& x, double* s) const {
      if (x.active) s[kSumMotivation] += x.motivation;
    }
    void employed(ClientMonth& x, double*) const {
      x.motivation = static_cast<std::uint8_t>(x.motivation - (x.motivation > 0));
    }
  };
  template <class C>
  Pass pass(C&, const RandomStreams&) const {
    return {gain_};
  }
  void finish(const RegionMonth& r, const double* s, double* out) const {
    out[0] = r.active > 0 ? s[kSumMotivation] / r.active : std::numeric_limits<double>::quiet_NaN();
  }

 private:
  std::uint64_t gain_;
};

}  // namespace drempel

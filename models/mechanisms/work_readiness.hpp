#pragma once
// Work-readiness (models/ODD.md, "Work-readiness"): the implicit expectations of work (0 none,
// 1 partial, 2 ready), built in pre-activation with the caseworker's support and in activation by
// a programme (wijk-werken ends with +1, see Programmes).
#include "engine/mechanism.hpp"
#include "models/client.hpp"

namespace drempel {

class WorkReadiness {
 public:
  static constexpr const char* kName = "work_readiness";
  // Word 1 of the pass's service_words (AdminStartup registers the stream).
  static constexpr std::array<StreamInfo, 0> kStreams = {};
  enum Sum : int { kSumReadiness, kSums };
  static constexpr std::array<MetricInfo, 1> kMetrics = {{
      {"clients_mean_work_readiness", "1",
       "mean work-readiness of active clients (0 none, 2 ready)", RegionTotal::kNone},
  }};

  explicit WorkReadiness(const ModelParameters& p)
      : gain_(p.work_readiness_gain_per_month),
        programme_gain_{0, bernoulli_threshold(p.programmes[0].readiness_gain_per_month),
                        bernoulli_threshold(p.programmes[1].readiness_gain_per_month),
                        bernoulli_threshold(p.programmes[2].readiness_gain_per_month), 0} {}

  struct Pass {
    double gain;
    std::array<std::uint64_t, kProgrammeCount> programme_gain;
    void transition(ClientMonth& x, double*) const {
      const bool up =
          x.from == kPreActivation
              ? static_cast<double>(x.service_words[1]) < gain * x.support * 0x1.0p32
              : x.from == kActivation && x.service_words[1] < programme_gain[x.programme];
      x.readiness = static_cast<std::uint8_t>(x.readiness + (up & (x.readiness < 2)));
    }
    void record(const ClientMonth& x, double* s) const {
      if (x.active) s[kSumReadiness] += x.readiness;
    }
  };
  template <class C>
  Pass pass(C&, const RandomStreams&) const {
    return {gain_, programme_gain_};
  }
  void finish(const RegionMonth& r, const double* s, double* out) const {
    out[0] = r.active > 0 ? s[kSumReadiness] / r.active : std::numeric_limits<double>::quiet_NaN();
  }

 private:
  double gain_;
  std::array<std::uint64_t, kProgrammeCount> programme_gain_;
};

}  // namespace drempel

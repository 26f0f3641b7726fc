#pragma once
// Low-threshold work (models/ODD.md, "Participation"): clients in pre-activation with a
// structural limit to work (health not stable, a work handicap) ask for a low-threshold work
// place; places free up per region and month; with one, the move to participation opens.
#include "engine/mechanism.hpp"
#include "models/client.hpp"

namespace drempel {

inline constexpr std::uint16_t kStreamLowThresholdSupply = 14;

class LowThreshold {
 public:
  static constexpr const char* kName = "low_threshold";
  static constexpr std::array<StreamInfo, 1> kStreams = {
      {{kStreamLowThresholdSupply, "low-threshold work places freeing up, per region and month"}}};
  enum Sum : int { kSumGranted, kSumWaiting, kSums };
  static constexpr std::array<MetricInfo, 2> kMetrics = {{
      {"low_threshold_places_granted", "month-1",
       "low-threshold work places offered to clients with structural limits", RegionTotal::kSum},
      {"low_threshold_waiting", "1",
       "clients with structural limits in pre-activation waiting for a low-threshold place",
       RegionTotal::kSum},
  }};

  explicit LowThreshold(const ModelParameters&) {}

  struct Pass {
    const std::uint8_t* traits;
    bool offered = false;
    void demand(ClientMonth& x, double*) const {
      if (x.from == kPreActivation && has_structural_limit(x.levels, traits[x.i]))
        x.wants |= 1u << kResourceLowThreshold;
    }
    void transition(ClientMonth& x, double*) {
      offered = ((x.granted >> kResourceLowThreshold) & 1) != 0;
      x.participation_open = x.structural_limit && offered;
    }
    void record(const ClientMonth& x, double* s) const {
      if (x.active)
        s[kSumWaiting] +=
            (((x.wants & ~x.granted) >> kResourceLowThreshold) & 1) != 0 && x.to == kPreActivation
                ? 1.0
                : 0.0;
      if (offered) s[kSumGranted] += 1.0;
    }
  };
  template <class C>
  Pass pass(C& c, const RandomStreams&) const {
    return {c.traits.data()};
  }
  void finish(const RegionMonth&, const double* s, double* out) const {
    out[0] = s[kSumGranted];
    out[1] = s[kSumWaiting];
  }
};

}  // namespace drempel

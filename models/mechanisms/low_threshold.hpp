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

  static constexpr std::array<std::uint8_t, 1> kPlaces = {kResourceLowThreshold};
  explicit LowThreshold(const ModelParameters& p) {
    for (const auto& g : p.regions) per_month_.push_back(g.low_threshold_places_per_month);
  }
  /// Clients not in crisis first (the caseworker-hours class says), then longest in the stage.
  template <class C>
  PlaceRequest place_request(const C&, std::uint32_t, int, std::uint8_t care_class,
                             std::uint16_t months_in_stage) const {
    return {static_cast<std::uint8_t>(care_class == kPriorityCrisis ? 1 : 0), months_in_stage};
  }
  /// Places freeing up this month (Poisson around the mean); not kept when not taken.
  double free_places(int, std::size_t g, const double*, const RandomStreams& streams,
                     std::uint32_t month) const {
    WordSequence words(streams, static_cast<std::uint32_t>(g), month, kStreamLowThresholdSupply);
    return static_cast<double>(poisson(per_month_[g], words));
  }

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

 private:
  std::vector<double> per_month_;  // per region
};

}  // namespace drempel

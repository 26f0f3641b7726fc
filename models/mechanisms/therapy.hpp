#pragma once
// Mental-health therapy (models/ODD.md, "Follow-up services"): places (CGG) for clients whose
// mental health is not stable, from stabilisation on; in therapy mental health recovers faster.
// Therapy breaks off when the client starts work.
#include <algorithm>

#include "engine/mechanism.hpp"
#include "models/client.hpp"

namespace drempel {

struct TherapyColumns {
  std::vector<std::uint8_t> therapy_left;
  static constexpr auto columns() {
    return std::tuple{column(&TherapyColumns::therapy_left, "therapy_left", Heat::kHot,
                             "months left in therapy (0: none)")};
  }
};
static_assert(column_bytes<TherapyColumns>(Heat::kHot) == 1);

class Therapy {
 public:
  static constexpr const char* kName = "therapy";
  /// The client columns this mechanism owns.
  using Columns = TherapyColumns;
  static constexpr std::array<StreamInfo, 0> kStreams = {};
  enum Sum : int { kSumIn, kSumWaiting, kSums };
  static constexpr std::array<MetricInfo, 2> kMetrics = {{
      {"therapy_in", "1", "active clients in mental-health therapy", RegionTotal::kSum},
      {"therapy_waiting", "1", "active clients waiting for mental-health therapy",
       RegionTotal::kSum},
  }};

  static constexpr std::array<std::uint8_t, 1> kPlaces = {kResourceTherapy};
  explicit Therapy(const ModelParameters& p)
      : months_(static_cast<std::uint8_t>(std::min(255, p.therapy.months))),
        factor_(p.therapy.recovery_factor) {
    for (const auto& g : p.regions) places_.push_back(g.therapy_places);
  }
  /// Therapy first for those in crisis.
  template <class C>
  PlaceRequest place_request(const C& c, std::uint32_t i, int, std::uint8_t,
                             std::uint16_t months_in_stage) const {
    return {static_cast<std::uint8_t>(domain_level(c.domains[i], kMentalHealth) == 2 ? 0 : 1),
            months_in_stage};
  }
  double free_places(int place, std::size_t g, const double* held, const RandomStreams&,
                     std::uint32_t) const {
    return places_[g] - held[place];
  }

  template <class C>
  void arrive(C& c, ClientArrival& x) const {
    c.therapy_left[x.i] = 0;
  }

  struct Pass {
    std::uint8_t* left;
    std::uint8_t months;
    double factor;
    std::uint8_t therapy = 0;
    void demand(ClientMonth& x, double*) const {
      if (x.from >= kStabilisation && domain_level(x.levels, kMentalHealth) != 0 && left[x.i] == 0)
        x.wants |= 1u << kResourceTherapy;
    }
    void transition(ClientMonth& x, double*) {
      therapy = left[x.i];
      const bool in_therapy = therapy > 0;
      therapy = static_cast<std::uint8_t>(therapy - in_therapy);
      if ((x.granted >> kResourceTherapy) & 1) therapy = months;
      left[x.i] = therapy;
      x.mental_recovery_factor = in_therapy ? factor : 1.0;
    }
    void record(const ClientMonth& x, double* s) const {
      if (x.active) {
        s[kSumIn] += therapy > 0 ? 1.0 : 0.0;
        s[kSumWaiting] += ((x.wants & ~x.granted) >> kResourceTherapy) & 1;
      }
      if (x.job_started) left[x.i] = 0;  // therapy ends with the job
    }
    void employed(ClientMonth& x, double*) const { left[x.i] = 0; }
  };
  template <class C>
  Pass pass(C& c, const RandomStreams&) const {
    return {c.therapy_left.data(), months_, factor_};
  }
  /// Also sets the places held at the end of the month: not free for next month's requests.
  void finish(const RegionMonth& r, const double* s, double* out) const {
    out[0] = s[kSumIn];
    out[1] = s[kSumWaiting];
    r.held[kResourceTherapy] = s[kSumIn];
  }

 private:
  std::vector<double> places_;  // per region
  std::uint8_t months_;
  double factor_;
};

}  // namespace drempel

#pragma once
// Childcare (models/ODD.md, "Childcare"): a parent of a child under three without a childcare
// place moves towards work more slowly (a single parent more so); places free up per region and
// month and go first to those closest to work. The child turns three after a geometric number of
// months, and the need ends.
#include <algorithm>

#include "engine/mechanism.hpp"
#include "models/client.hpp"

namespace drempel {

inline constexpr std::uint16_t kStreamChildcareSupply = 13;

/// Bits of ChildcareColumns::family_flags.
inline constexpr std::uint8_t kYoungChild = 1;      ///< a child under three
inline constexpr std::uint8_t kChildcarePlace = 2;  ///< has a childcare place

struct ChildcareColumns {
  std::vector<std::uint8_t> family_flags;
  std::vector<std::uint8_t> child_months_left;
  static constexpr auto columns() {
    using C = ChildcareColumns;
    return std::tuple{
        column(&C::family_flags, "family_flags", Heat::kHot, "kYoungChild | kChildcarePlace"),
        column(&C::child_months_left, "child_months_left", Heat::kHot,
               "months until the young child turns three"),
    };
  }
};
static_assert(column_bytes<ChildcareColumns>(Heat::kHot) == 2);

class Childcare {
 public:
  static constexpr const char* kName = "childcare";
  /// The client columns this mechanism owns.
  using Columns = ChildcareColumns;
  static constexpr std::array<StreamInfo, 1> kStreams = {
      {{kStreamChildcareSupply, "childcare places freeing up, per region and month"}}};
  enum Sum : int { kSumWaiting, kSumPlaces, kSums };
  static constexpr std::array<MetricInfo, 2> kMetrics = {{
      {"clients_waiting_for_childcare", "1",
       "active clients with a child under three and no childcare place", RegionTotal::kSum},
      {"childcare_places_allocated", "month-1", "childcare places given to clients",
       RegionTotal::kSum},
  }};

  explicit Childcare(const ModelParameters& p)
      : factor_(p.childcare.no_childcare_progress_factor),
        factor_single_(p.childcare.no_childcare_progress_factor_single_parent),
        ages_out_(p.childcare.young_child_ages_out_per_month),
        single_parent_(p.childcare.single_parent_share) {
    for (int o = 0; o < kOriginCount; ++o) young_child_[o] = p.profiles[o].young_child_share;
    for (const auto& g : p.regions) per_month_.push_back(g.childcare_places_per_month);
  }
  static constexpr std::array<std::uint8_t, 1> kPlaces = {kResourceChildcare};
  /// Childcare first for those closest to work.
  template <class C>
  PlaceRequest place_request(const C& c, std::uint32_t i, int, std::uint8_t,
                             std::uint16_t months_in_stage) const {
    const std::uint8_t s = c.stage[i];
    return {static_cast<std::uint8_t>(s == kActivation      ? 0
                                      : s == kPreActivation ? 1
                                                            : 2),
            months_in_stage};
  }
  /// Childcare places freeing up this month (Poisson around the mean).
  double free_places(int, std::size_t g, const double*, const RandomStreams& streams,
                     std::uint32_t month) const {
    WordSequence freed(streams, static_cast<std::uint32_t>(g), month, kStreamChildcareSupply);
    return static_cast<double>(poisson(per_month_[g], freed));
  }

  /// A young child (by the profile's share), the months until it turns three, a single parent.
  template <class C>
  void arrive(C& c, ClientArrival& x) const {
    const bool young = bernoulli(x.words[3][3], young_child_[x.origin]);
    c.family_flags[x.i] = young ? kYoungChild : 0;
    c.child_months_left[x.i] = static_cast<std::uint8_t>(
        std::min<std::uint64_t>(255, 1 + geometric(x.words[5][2], ages_out_)));
    if (young && bernoulli(x.words[8][3], single_parent_)) x.traits |= kSingleParent;
  }

  struct Pass {
    std::uint8_t* family;
    std::uint8_t* child_left;
    double factor, factor_single;
    bool got_place = false;
    // The young child turns three (no more need); parents without a place ask for one from
    // stabilisation on.
    void demand(ClientMonth& x, double*) const {
      std::uint8_t f = family[x.i];
      if ((f & kYoungChild) != 0 && --child_left[x.i] == 0) f = 0;
      family[x.i] = f;
      if (f == kYoungChild && x.from >= kStabilisation) x.wants |= 1u << kResourceChildcare;
    }
    void transition(ClientMonth& x, double*) {
      got_place = ((x.granted >> kResourceChildcare) & 1) != 0;
      if (got_place) family[x.i] = static_cast<std::uint8_t>(family[x.i] | kChildcarePlace);
      x.no_childcare = family[x.i] == kYoungChild;
      x.care = x.no_childcare ? ((x.traits & kSingleParent) != 0 ? factor_single : factor) : 1.0;
    }
    void record(const ClientMonth& x, double* s) const {
      if (x.active) s[kSumWaiting] += x.no_childcare ? 1.0 : 0.0;
      if (got_place) s[kSumPlaces] += 1.0;
    }
  };
  template <class C>
  Pass pass(C& c, const RandomStreams&) const {
    return {c.family_flags.data(), c.child_months_left.data(), factor_, factor_single_};
  }
  void finish(const RegionMonth&, const double* s, double* out) const {
    out[0] = s[kSumWaiting];
    out[1] = s[kSumPlaces];
  }

 private:
  std::vector<double> per_month_;  // per region
  double factor_, factor_single_, ages_out_, single_parent_;
  std::array<double, kOriginCount> young_child_{};
};

}  // namespace drempel

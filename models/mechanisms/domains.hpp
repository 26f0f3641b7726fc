#pragma once
// Life domains (models/ODD.md, "Life domains"): seven domains with a level each (stable, fragile,
// crisis), packed one byte per domain in CoreColumns::domains.
//  - DomainShocks (events phase): a domain worsens with a monthly chance that depends on housing,
//    on the months of instability after leaving an institution (DomainColumns::transition_left),
//    and on which domains are in crisis (a housing crisis harms health; debt and mental health
//    feed each other).
//  - DomainRecovery (transitions phase): a domain improves with the caseworker's support, faster
//    when the other domains are stable (and mental health faster in therapy). Without a home of
//    her own housing cannot become stable; a GPMI sanction puts income in crisis.
#include <algorithm>
#include <bit>
#include <vector>

#include "engine/mechanism.hpp"
#include "models/client.hpp"

namespace drempel {

inline constexpr std::uint16_t kStreamShocks = 2;
inline constexpr std::uint16_t kStreamRecovery = 3;

struct DomainColumns {
  std::vector<std::uint8_t> transition_left;
  static constexpr auto columns() {
    return std::tuple{column(&DomainColumns::transition_left, "transition_left", Heat::kHot,
                             "months of post-transition instability left")};
  }
};
static_assert(column_bytes<DomainColumns>(Heat::kHot) == 1);

class DomainShocks {
 public:
  static constexpr const char* kName = "domain_shocks";
  /// The client columns this mechanism owns.
  using Columns = DomainColumns;
  static constexpr std::array<StreamInfo, 1> kStreams = {
      {{kStreamShocks, "domain worsening, eight words a client-month"}}};
  static constexpr int kSums = 0;
  static constexpr std::array<MetricInfo, 0> kMetrics = {};

  explicit DomainShocks(const ModelParameters& p)
      : threshold_(kHousingStatusCount * 2 * 128 * kDomainCount, 0),
        crisis_hours_(p.extra_hours_per_crisis_domain),
        backgrounds_(p.backgrounds) {
    // The base shock, times poor housing, times the factor of the first months after leaving an
    // institution, times the interaction factor of every domain in crisis.
    for (int h = 0; h < kHousingStatusCount; ++h)
      for (int tr = 0; tr < 2; ++tr)
        for (int mask = 0; mask < 128; ++mask)
          for (int d = 0; d < kDomainCount; ++d) {
            double shock = p.shock_per_month[d];
            if (h == kPrivatePoor && d == kPhysicalHealth)
              shock *= p.housing.poor_housing_health_shock_factor;
            if (h == kPrivatePoor && d == kIncome)
              shock *= p.housing.poor_housing_income_shock_factor;
            if (tr == 1) shock *= p.transition_shock_factor;
            for (int f = 0; f < kDomainCount; ++f)
              if ((mask >> f) & 1) shock *= p.shock_interaction[f][d];
            threshold_[((h * 2 + tr) * 128 + mask) * kDomainCount + d] =
                bernoulli_threshold(std::min(1.0, shock));
          }
  }

  /// Leaving an institution breaks the network and shakes every domain for a while.
  template <class C>
  void arrive(C& c, ClientArrival& x) const {
    const BackgroundParameters& from = backgrounds_[x.background];
    if (bernoulli(x.words[7][1], from.network_loss_share))
      x.levels = with_level(x.levels, kSocialNetwork, 2);
    if (bernoulli(x.words[7][2], from.mental_health_crisis_share))
      x.levels = with_level(x.levels, kMentalHealth, 2);
    c.transition_left[x.i] =
        x.initial ? 0 : static_cast<std::uint8_t>(std::min(255, from.transition_months));
  }

  struct Pass {
    const std::uint8_t* housing;
    std::uint8_t* transition_left;
    const std::uint64_t* threshold;
    RandomStreams streams;
    double crisis_hours;
    void demand(ClientMonth& x, double*) const {
      const int mask = crisis_mask(x.levels);
      std::uint8_t left = transition_left[x.i];
      const std::uint64_t* const row =
          threshold + ((housing[x.i] * 2 + (left > 0)) * 128 + mask) * kDomainCount;
      left = static_cast<std::uint8_t>(left - (left > 0));
      transition_left[x.i] = left;
      const RandomWords8 words = streams.words8(x.i, x.month, kStreamShocks);
      std::uint64_t worse = 0;
      for (int d = 0; d < kDomainCount; ++d)
        worse |= static_cast<std::uint64_t>((((mask >> d) & 1) == 0) & (words[d] < row[d]))
                 << (8 * d);
      x.levels += worse;
      x.worse = worse;
    }
    void hours(const ClientMonth& x, HoursByTask& h) const {
      h[kHoursCrisis] = crisis_hours * x.crisis;
    }
  };
  template <class C>
  Pass pass(C& c, const RandomStreams& streams) const {
    return {c.housing.data(), c.transition_left.data(), threshold_.data(), streams, crisis_hours_};
  }
  void finish(const RegionMonth&, const double*, double*) const {}

 private:
  // [housing status][in transition][crisis mask of the domains][domain]
  std::vector<std::uint64_t> threshold_;
  double crisis_hours_;
  std::array<BackgroundParameters, kBackgroundCount> backgrounds_;
};

class DomainRecovery {
 public:
  static constexpr const char* kName = "domain_recovery";
  static constexpr std::array<StreamInfo, 1> kStreams = {
      {{kStreamRecovery, "domain improvement with support, eight words a client-month"}}};
  enum Sum : int { kSumCrisisDomain, kSumInTransition = kSumCrisisDomain + kDomainCount, kSums };
  static constexpr std::array<MetricInfo, kDomainCount + 1> kMetrics = {{
      {"clients_in_crisis_income", "1", "active clients with income in crisis", RegionTotal::kSum},
      {"clients_in_crisis_housing", "1", "active clients with housing in crisis",
       RegionTotal::kSum},
      {"clients_in_crisis_physical_health", "1", "active clients with physical health in crisis",
       RegionTotal::kSum},
      {"clients_in_crisis_mental_health", "1", "active clients with mental health in crisis",
       RegionTotal::kSum},
      {"clients_in_crisis_administration", "1",
       "active clients with their administration (rights) in crisis", RegionTotal::kSum},
      {"clients_in_crisis_debt", "1", "active clients with debts in crisis", RegionTotal::kSum},
      {"clients_in_crisis_social_network", "1",
       "active clients without a social network to call on", RegionTotal::kSum},
      {"clients_in_transition", "1",
       "active clients in the months of instability after leaving an institution",
       RegionTotal::kSum},
  }};

  explicit DomainRecovery(const ModelParameters& p) {
    for (int d = 0; d < kDomainCount; ++d) recovery_[d] = p.recovery_per_month[d] * 0x1.0p32;
    for (int k = 0; k < kDomainCount; ++k)
      stable_help_[k] = 1.0 + p.stable_domain_recovery_bonus * k / (int{kDomainCount} - 1.0);
  }

  struct Pass {
    std::uint64_t* domains;
    const std::uint8_t* transition_left;
    RandomStreams streams;
    std::array<double, kDomainCount> recovery, stable_help;
    void transition(ClientMonth& x, double* s) const {
      // A draw only when some domain can recover (0xffffffff: never below a threshold).
      const int unstable = unstable_mask(x.levels);
      const int stable = kDomainCount - kBitCount[unstable];
      RandomWords8 rw;
      rw.fill(0xffffffffu);
      if (unstable != 0) rw = streams.words8(x.i, x.month, kStreamRecovery);
      const double help = x.support * stable_help[std::min(stable, kDomainCount - 1)];
      // Only the domains that are not stable (usually two or three of seven) are looked at.
      std::uint64_t better = 0;
      for (int bits = unstable; bits != 0; bits &= bits - 1) {
        const int d = std::countr_zero(static_cast<unsigned>(bits));
        const double rate =
            recovery[d] * help * (d == kMentalHealth ? x.mental_recovery_factor : 1.0);
        better |= static_cast<std::uint64_t>(static_cast<double>(rw[d]) < rate) << (8 * d);
      }
      std::uint64_t levels = x.levels - better;
      if (x.housing == kNoAddress)
        levels = with_level(levels, kHousing, std::max(1, domain_level(levels, kHousing)));
      if (x.sanctioned) levels = with_level(levels, kIncome, 2);  // the leefloon is suspended
      domains[x.i] = levels;
      x.levels = levels;
      const int mask = crisis_mask(levels);
      for (int d = 0; d < kDomainCount; ++d) s[kSumCrisisDomain + d] += (mask >> d) & 1;
      x.crisis_now = mask != 0;
      x.structural_limit = has_structural_limit(levels, x.traits);
    }
    void record(const ClientMonth& x, double* s) const {
      if (x.active) s[kSumInTransition] += transition_left[x.i] > 0 ? 1.0 : 0.0;
    }
    // A job that ended: the client applies again with income in crisis.
    void employed(ClientMonth& x, double* s) const {
      if (x.to != kIntake) return;  // out with benefit or other income
      domains[x.i] = with_level(domains[x.i], kIncome, 2);
      s[kSumCrisisDomain + int{kIncome}] += 1.0;
    }
  };
  template <class C>
  Pass pass(C& c, const RandomStreams& streams) const {
    return {c.domains.data(), c.transition_left.data(), streams, recovery_, stable_help_};
  }
  void finish(const RegionMonth&, const double* s, double* out) const {
    for (int k = 0; k < kSums; ++k) out[k] = s[k];
  }

 private:
  std::array<double, kDomainCount> recovery_{};  // probability * 2^32
  std::array<double, kDomainCount> stable_help_{};
};

}  // namespace drempel

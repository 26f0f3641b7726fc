#pragma once
// Trust in the OCMW (models/ODD.md, "Motivation and trust"): it falls when the client's caseworker
// leaves (with the share of last month's departures in her region) and grows with the relational
// work she receives; support works less well for a client who does not trust the OCMW
// (TrustSupport, which runs after the GPMI's sanctions have had their say).
#include <vector>

#include "engine/mechanism.hpp"
#include "models/client.hpp"

namespace drempel {

class Trust {
 public:
  static constexpr const char* kName = "trust";
  // Draws words 1 (caseworker change) and 2 (trust gain) of the stage stream's block.
  static constexpr std::array<StreamInfo, 0> kStreams = {};
  enum Sum : int { kSumTrust, kSumChanges, kSums };
  static constexpr std::array<MetricInfo, 2> kMetrics = {{
      {"clients_mean_trust", "1", "mean trust of active clients in the OCMW (0 very low, 3 high)",
       RegionTotal::kNone},
      {"caseworker_changes", "month-1", "clients whose caseworker left (trust falls)",
       RegionTotal::kSum},
  }};

  explicit Trust(const ModelParameters& p)
      : relational_(p.relational_work.hours_by_trust),
        gain_per_hour_(p.relational_work.trust_gain_per_hour),
        change_threshold_(p.regions.size(), 0) {}

  void start_replicate() { std::fill(change_threshold_.begin(), change_threshold_.end(), 0); }
  /// Saves or restores next month's caseworker-change thresholds (engine/state_archive.hpp).
  template <class A>
  void state(A& a) {
    a(change_threshold_);
  }
  /// A client's caseworker leaves next month with the share of this month's departures.
  void after_staff(const StaffMonth& staff) {
    for (std::size_t g = 0; g < change_threshold_.size(); ++g)
      change_threshold_[g] = bernoulli_threshold(
          staff.fte_employed[g] > 0 ? staff.departures[g] / staff.fte_employed[g] : 0.0);
  }

  struct Pass {
    const std::uint64_t* change_threshold;
    std::array<double, kTrustLevels> relational;
    double gain_per_hour;
    bool changed = false;
    void hours(const ClientMonth& x, HoursByTask& h) const {
      h[kHoursRelational] = x.from >= kAdminStartup ? relational[x.trust] : 0.0;
    }
    void transition(ClientMonth& x, double*) {
      changed = x.stage_words[1] < change_threshold[x.g];
      const double hours = x.from >= kAdminStartup ? relational[x.trust] * x.received : 0.0;
      if (changed)
        x.trust = static_cast<std::uint8_t>(x.trust - (x.trust > 0));
      else if (static_cast<double>(x.stage_words[2]) < gain_per_hour * hours * 0x1.0p32)
        x.trust = static_cast<std::uint8_t>(x.trust + (x.trust < kTrustLevels - 1));
    }
    void record(const ClientMonth& x, double* s) const {
      if (x.active) s[kSumTrust] += x.trust;
      if (changed) s[kSumChanges] += 1.0;
    }
  };
  template <class C>
  Pass pass(C&, const RandomStreams&) const {
    return {change_threshold_.data(), relational_, gain_per_hour_};
  }

  void finish(const RegionMonth& r, const double* s, double* out) const {
    out[0] = r.active > 0 ? s[kSumTrust] / r.active : std::numeric_limits<double>::quiet_NaN();
    out[1] = s[kSumChanges];
  }

 private:
  std::array<double, kTrustLevels> relational_;
  double gain_per_hour_;
  std::vector<std::uint64_t> change_threshold_;  // per region, from last month's staff
};

/// The support a client gets from her caseworker this month: the support received, times the
/// factor of her trust (after this month's caseworker change and sanctions).
class TrustSupport {
 public:
  static constexpr const char* kName = "trust_support";
  static constexpr std::array<StreamInfo, 0> kStreams = {};
  static constexpr int kSums = 0;
  static constexpr std::array<MetricInfo, 0> kMetrics = {};
  explicit TrustSupport(const ModelParameters& p) : factor_(p.trust.support_factor_by_level) {}
  struct Pass {
    std::array<double, kTrustLevels> factor;
    void transition(ClientMonth& x, double*) const { x.support = x.base_support * factor[x.trust]; }
  };
  template <class C>
  Pass pass(C&, const RandomStreams&) const {
    return {factor_};
  }
  void finish(const RegionMonth&, const double*, double*) const {}

 private:
  std::array<double, kTrustLevels> factor_;
};

}  // namespace drempel

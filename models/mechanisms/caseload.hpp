#pragma once
// The caseload (models/ODD.md, "Record"): clients on a pathway and in crisis, the leefloon paid
// (from start-up to activation, except to clients earning a wage in art. 60 or back on benefit
// after it, and not in a month of sanction) and its federal reimbursement, moral tension (clients
// pushed towards work while a domain is in crisis) and arrivals. (Cohorts follow clients from
// their award: cohorts.hpp.)

#include "engine/mechanism.hpp"
#include "models/client.hpp"

namespace drempel {

class Caseload {
 public:
  static constexpr const char* kName = "caseload";
  static constexpr std::array<StreamInfo, 0> kStreams = {};
  enum Sum : int { kSumActive, kSumCrisis, kSumLeefloon, kSumMoralTension, kSums };
  static constexpr std::array<MetricInfo, 8> kMetrics = {{
      {"clients_active", "1", "clients in an active pathway stage at the end of the month",
       RegionTotal::kSum},
      {"clients_in_crisis", "1", "active clients with at least one life domain in crisis",
       RegionTotal::kSum},
      {"reform_benefit_losses", "month-1",
       "residents losing unemployment benefit under the 2026 reform (transition waves and new "
       "claims running out)",
       RegionTotal::kSum},
      {"arrivals_reform", "month-1", "new clients who lost unemployment benefit under the reform",
       RegionTotal::kSum},
      {"arrivals_ordinary", "month-1", "new clients from ordinary leefloon applications",
       RegionTotal::kSum},
      {"leefloon_spending_eur", "EUR month-1",
       "leefloon paid to clients in stages admin_startup to activation", RegionTotal::kSum},
      {"leefloon_federal_reimbursement_eur", "EUR month-1",
       "part of the leefloon spending reimbursed by the federal state", RegionTotal::kSum},
      {"caseworker_moral_tension", "1",
       "share of active clients in pre-activation or activation while a life domain is in crisis",
       RegionTotal::kNone},
  }};

  explicit Caseload(const ModelParameters& p) : leefloon_(p.leefloon_eur_per_month) {}
  /// Moral tension of a region's sums: the staff phase's input.
  static double moral_tension(const double* s) {
    return s[kSumActive] > 0 ? s[kSumMoralTension] / s[kSumActive] : 0.0;
  }
  static double active(const double* s) { return s[kSumActive]; }

  struct Pass {
    const std::uint8_t* household;
    std::array<double, kHouseholdCount> leefloon;
    void record(const ClientMonth& x, double* s) const {
      if (!x.active) return;
      s[kSumActive] += 1.0;
      s[kSumCrisis] += x.crisis_now ? 1.0 : 0.0;
      s[kSumLeefloon] +=
          leefloon_paid(x.to, x.programme) && !x.sanctioned ? leefloon[household[x.i]] : 0.0;
      s[kSumMoralTension] +=
          (x.to == kPreActivation || x.to == kActivation) && x.crisis_now ? 1.0 : 0.0;
    }
    // A job that ended: back on the caseload, in crisis, out of work.
    void employed(ClientMonth& x, double* s) const {
      if (x.to != kIntake) return;
      s[kSumActive] += 1.0;
      s[kSumCrisis] += 1.0;
    }
  };
  template <class C>
  Pass pass(C& c, const RandomStreams&) const {
    return {c.household.data(), leefloon_};
  }
  void finish(const RegionMonth& r, const double* s, double* out) const;

 private:
  std::array<double, kHouseholdCount> leefloon_;
};

}  // namespace drempel

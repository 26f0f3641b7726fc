#pragma once
// The caseload (models/ODD.md, "Record"): clients on a pathway and in crisis, the leefloon paid
// (from start-up to activation, except to clients earning a wage in art. 60 or back on benefit
// after it, and not in a month of sanction) and its federal reimbursement, moral tension (clients
// pushed towards work while a domain is in crisis), arrivals, and of each arrival cohort the
// share in work a year later.
#include <atomic>
#include <memory>

#include "engine/mechanism.hpp"
#include "models/client.hpp"

namespace drempel {

class Caseload {
 public:
  static constexpr const char* kName = "caseload";
  static constexpr std::array<StreamInfo, 0> kStreams = {};
  enum Sum : int { kSumActive, kSumCrisis, kSumLeefloon, kSumMoralTension, kSums };
  static constexpr std::array<MetricInfo, 9> kMetrics = {{
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
      {"in_work_year_after_entry_share", "1",
       "of the clients who arrived 12 months earlier, the share in work now (employed or art. 60)",
       RegionTotal::kNone},
  }};

  explicit Caseload(const ModelParameters& p);
  void start_replicate();
  /// Moral tension of a region's sums: the staff phase's input.
  static double moral_tension(const double* s) {
    return s[kSumActive] > 0 ? s[kSumMoralTension] / s[kSumActive] : 0.0;
  }
  static double active(const double* s) { return s[kSumActive]; }

  struct Pass {
    const std::uint8_t* household;
    const std::int16_t* arrival;
    std::atomic<std::int64_t>* cohort_in_work;
    std::size_t months_total;
    std::array<double, kHouseholdCount> leefloon;
    // Adds `delta` to the in-work count of the client's arrival cohort (not the initial caseload).
    void count_in_work(const ClientMonth& x, int delta) const {
      const std::int32_t arrived = arrival[x.i];  // stream month; 0 = initial caseload
      if (arrived > 0)
        cohort_in_work[x.g * months_total + static_cast<std::size_t>(arrived - 1)].fetch_add(
            delta, std::memory_order_relaxed);
    }
    void transition(ClientMonth& x, double*) const {
      const bool before = in_work(x.from, x.programme_before);
      const bool after = in_work(x.to, x.programme);
      if (before != after) [[unlikely]]
        count_in_work(x, after ? 1 : -1);
    }
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
      count_in_work(x, -1);
      s[kSumActive] += 1.0;
      s[kSumCrisis] += 1.0;
    }
    static bool leefloon_paid(std::uint8_t stage, std::uint8_t programme) {
      return stage >= kAdminStartup && stage <= kActivation && programme != kArt60 &&
             programme != kAfterArt60;
    }
  };
  template <class C>
  Pass pass(C& c, const RandomStreams&) const {
    return {c.household.data(), c.arrival_month.data(), cohort_in_work_.get(), months_total_,
            leefloon_};
  }
  void finish(const RegionMonth& r, const double* s, double* out) const;

 private:
  double in_work_share(const RegionMonth& r) const;

  std::size_t months_total_, cells_;
  std::array<double, kHouseholdCount> leefloon_;
  // Clients of each arrival cohort [region][simulation month] in work (employed or in art. 60)
  // at the end of the current month; read at month arrival + 12.
  std::unique_ptr<std::atomic<std::int64_t>[]> cohort_in_work_;
};

}  // namespace drempel

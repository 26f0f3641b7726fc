#pragma once
// Debt counselling (models/ODD.md, "Debt counselling"): budget guidance or management with debt
// mediation by the OCMW, a recognised debt-mediation institution. Clients with debts that are not
// stable ask for a place from stabilisation on (those with debts in crisis first); places are
// limited per region and held for the trajectory's months. While in counselling:
//   - the debt domain worsens less often: a debt shock drawn by DomainShocks is kept with
//     probability debt_shock_factor (thinning, so the monthly chance is exactly shock x factor);
//   - the caseworker asks fewer crisis hours: the service takes over up to
//     caseworker_hours_saved_per_month of them.
// The trajectory ends with its months or when the client leaves for work.
#include <algorithm>
#include <vector>

#include "engine/mechanism.hpp"
#include "models/client.hpp"
#include "models/mechanisms/debt_counselling_parameters.hpp"

namespace drempel {

inline constexpr std::uint16_t kStreamDebtCounselling = 9;

struct DebtCounsellingColumns {
  std::vector<std::uint8_t> debt_counselling_left;
  static constexpr auto columns() {
    return std::tuple{column(&DebtCounsellingColumns::debt_counselling_left,
                             "debt_counselling_left", Heat::kHot,
                             "months left in debt counselling (0: none)")};
  }
};
static_assert(column_bytes<DebtCounsellingColumns>(Heat::kHot) == 1);

class DebtCounselling {
 public:
  static constexpr const char* kName = "debt_counselling";
  /// The client columns this mechanism owns.
  using Columns = DebtCounsellingColumns;
  static constexpr std::array<StreamInfo, 1> kStreams = {
      {{kStreamDebtCounselling, "whether a debt shock is kept while in counselling (word 0)"}}};
  enum Sum : int { kSumIn, kSumWaiting, kSumAverted, kSums };
  static constexpr std::array<MetricInfo, 3> kMetrics = {{
      {"debt_counselling_in", "1", "active clients in debt counselling", RegionTotal::kSum},
      {"debt_counselling_waiting", "1", "active clients waiting for debt counselling",
       RegionTotal::kSum},
      {"debt_shocks_averted", "month-1",
       "debt shocks that did not happen because the client was in debt counselling",
       RegionTotal::kSum},
  }};
  static constexpr std::array<std::uint8_t, 1> kPlaces = {kResourceDebtCounselling};

  explicit DebtCounselling(const ModelParameters& p);

  template <class C>
  void arrive(C& c, ClientArrival& x) const {
    c.debt_counselling_left[x.i] = 0;
  }
  /// Debts in crisis first, then longest in the stage.
  template <class C>
  PlaceRequest place_request(const C& c, std::uint32_t i, int, std::uint8_t,
                             std::uint16_t months_in_stage) const {
    return {static_cast<std::uint8_t>(domain_level(c.domains[i], kDebt) == 2 ? 0 : 1),
            months_in_stage};
  }
  double free_places(int place, std::size_t g, const double* held, const RandomStreams&,
                     std::uint32_t) const {
    return p_.places[g] - held[place];
  }

  struct Pass {
    std::uint8_t* left;
    RandomStreams streams;
    std::uint64_t keep;
    double hours_saved;
    std::uint8_t months;
    std::uint8_t now = 0;
    // After DomainShocks: a debt shock in counselling is kept with probability
    // debt_shock_factor; then the request for a place.
    void demand(ClientMonth& x, double* s) {
      constexpr std::uint64_t kDebtStep = std::uint64_t{1} << (8 * kDebt);
      if (left[x.i] > 0 && (x.worse & kDebtStep) != 0 &&
          streams.words(x.i, x.month, kStreamDebtCounselling)[0] >= keep) {
        x.levels -= kDebtStep;
        x.worse &= ~kDebtStep;
        s[kSumAverted] += 1.0;
      }
      if (x.from >= kStabilisation && domain_level(x.levels, kDebt) != 0 && left[x.i] == 0)
        x.wants |= PlaceMask{1} << kResourceDebtCounselling;
    }
    void hours(const ClientMonth& x, HoursByTask& h) const {
      if (left[x.i] > 0) h[kHoursCrisis] = std::max(0.0, h[kHoursCrisis] - hours_saved);
    }
    void transition(ClientMonth& x, double*) {
      now = left[x.i];
      now = static_cast<std::uint8_t>(now - (now > 0));
      if ((x.granted >> kResourceDebtCounselling) & 1) now = months;
      left[x.i] = now;
    }
    void record(const ClientMonth& x, double* s) const {
      if (x.active) {
        s[kSumIn] += now > 0 ? 1.0 : 0.0;
        s[kSumWaiting] += ((x.wants & ~x.granted) >> kResourceDebtCounselling) & 1;
      }
      if (x.job_started) left[x.i] = 0;
    }
    void employed(ClientMonth& x, double*) const { left[x.i] = 0; }
  };
  template <class C>
  Pass pass(C& c, const RandomStreams& streams) const {
    return {c.debt_counselling_left.data(), streams, keep_, p_.caseworker_hours_saved_per_month,
            months_};
  }

  /// Also sets the places held at the end of the month: not free for next month's requests.
  void finish(const RegionMonth& r, const double* s, double* out) const {
    for (int k = 0; k < kSums; ++k) out[k] = s[k];
    r.held[kResourceDebtCounselling] = s[kSumIn];
  }

 private:
  DebtCounsellingParameters p_;
  std::uint8_t months_;
  std::uint64_t keep_;
};

}  // namespace drempel

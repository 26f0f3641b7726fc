#pragma once
// The GPMI (geïndividualiseerd project voor maatschappelijke integratie), mandatory with the
// leefloon (models/ODD.md, "GPMI"): drafted with the caseworker's support within a deadline; once
// signed, its obligations may not be met (likelier in crisis and with low trust), which may be
// sanctioned: the leefloon is suspended for the month, income falls into crisis, trust and
// motivation drop, and some clients drop out. Non-compliance is drawn by thinning.
#include <algorithm>

#include "engine/mechanism.hpp"
#include "models/client.hpp"

namespace drempel {

inline constexpr std::uint16_t kStreamGpmi = 8;
/// Bit of GpmiColumns::gpmi: the GPMI is signed (the low bits count months without one).
inline constexpr std::uint8_t kGpmiSigned = 0x80;

struct GpmiColumns {
  std::vector<std::uint8_t> gpmi;
  std::vector<std::uint16_t> gpmi_check;
  static constexpr auto columns() {
    using C = GpmiColumns;
    return std::tuple{
        column(&C::gpmi, "gpmi", Heat::kHot, "kGpmiSigned | months waited for it (low 7 bits)"),
        column(&C::gpmi_check, "gpmi_check", Heat::kHot, "next candidate month for non-compliance"),
    };
  }
};
static_assert(column_bytes<GpmiColumns>(Heat::kHot) == 3);

class Gpmi {
 public:
  static constexpr const char* kName = "gpmi";
  /// The client columns this mechanism owns.
  using Columns = GpmiColumns;
  static constexpr std::array<StreamInfo, 1> kStreams = {
      {{kStreamGpmi, "drafting (draw 0); non-compliance, sanction, drop-out (draw 1)"}}};
  enum Sum : int { kSumSigned, kSumOverdue, kSumSanctions, kSums };
  static constexpr std::array<MetricInfo, 3> kMetrics = {{
      {"gpmi_signed", "1", "active clients with a signed GPMI", RegionTotal::kSum},
      {"gpmi_overdue", "1", "active clients without a GPMI past the deadline", RegionTotal::kSum},
      {"gpmi_sanctions", "month-1", "GPMI sanctions (leefloon suspended for the month)",
       RegionTotal::kSum},
  }};

  explicit Gpmi(const ModelParameters& p)
      : draft_hours_(p.gpmi.drafting_hours),
        eval_hours_(p.gpmi.evaluation_hours_per_month),
        base_(p.gpmi.noncompliance_per_month),
        crisis_factor_(p.gpmi.noncompliance_crisis_factor),
        by_trust_(p.gpmi.noncompliance_factor_by_trust),
        sanction_(bernoulli_threshold(p.gpmi.sanction_strictness)),
        dropout_(bernoulli_threshold(p.gpmi.sanction_dropout_share)),
        deadline_(p.gpmi.deadline_months) {
    max_ = base_ * std::max(1.0, crisis_factor_) *
           *std::max_element(by_trust_.begin(), by_trust_.end());
  }
  /// The initial caseload past intake and start-up has its GPMI; newcomers draft one.
  template <class C>
  void arrive(C& c, ClientArrival& x) const {
    c.gpmi[x.i] = x.initial && x.stage > kAdminStartup ? kGpmiSigned : 0;
    c.gpmi_check[x.i] = next_candidate(x.words[5][3], max_, std::max<std::uint32_t>(x.month, 1));
  }

  struct Pass {
    std::uint8_t* gpmi;
    std::uint16_t* check;
    RandomStreams streams;
    double draft_hours, eval_hours, max, base, crisis_factor;
    std::array<double, kTrustLevels> by_trust;
    std::uint64_t sanction, dropout;
    int deadline;
    bool overdue = false;
    void hours(const ClientMonth& x, HoursByTask& h) const {
      const std::uint8_t v = gpmi[x.i];
      h[kHoursGpmi] = (v & kGpmiSigned) != 0    ? eval_hours
                      : x.from >= kAdminStartup ? draft_hours
                                                : 0.0;
    }
    void transition(ClientMonth& x, double*) {
      std::uint8_t v = gpmi[x.i];
      if ((v & kGpmiSigned) == 0) {
        if (x.from >= kAdminStartup) {
          const RandomWords gw = streams.words(x.i, x.month, kStreamGpmi, 0);
          if (static_cast<double>(gw[0]) < x.base_support * 0x1.0p32) {
            v = kGpmiSigned;
            check[x.i] = next_candidate(gw[1], max, x.month + 1);
          } else {
            v = static_cast<std::uint8_t>(v + ((v & 0x7f) < 0x7f));
          }
        }
      } else if (check[x.i] == x.month) {
        const RandomWords gw = streams.words(x.i, x.month, kStreamGpmi, 1);
        check[x.i] = next_candidate(gw[3], max, x.month + 1);
        const bool in_crisis = crisis_mask(x.levels) != 0;
        const double p_now = base * (in_crisis ? crisis_factor : 1.0) * by_trust[x.trust];
        const bool failed = static_cast<double>(gw[0]) < p_now / max * 0x1.0p32;
        x.sanctioned = failed && gw[1] < sanction;
        x.sanction_dropout = x.sanctioned && gw[2] < dropout;
        if (x.sanctioned) {
          x.trust = static_cast<std::uint8_t>(x.trust - (x.trust > 0));
          x.motivation = static_cast<std::uint8_t>(x.motivation - (x.motivation > 0));
        }
      }
      gpmi[x.i] = v;
      overdue = (v & kGpmiSigned) == 0 && (v & 0x7f) > deadline;
    }
    void record(const ClientMonth& x, double* s) const {
      if (x.active) {
        s[kSumSigned] += (gpmi[x.i] & kGpmiSigned) != 0 ? 1.0 : 0.0;
        s[kSumOverdue] += overdue ? 1.0 : 0.0;
      }
      if (x.sanctioned) s[kSumSanctions] += 1.0;
    }
  };
  template <class C>
  Pass pass(C& c, const RandomStreams& streams) const {
    return {c.gpmi.data(), c.gpmi_check.data(), streams,   draft_hours_, eval_hours_, max_,
            base_,         crisis_factor_,      by_trust_, sanction_,    dropout_,    deadline_};
  }

  void finish(const RegionMonth&, const double* s, double* out) const {
    for (int k = 0; k < kSums; ++k) out[k] = s[k];
  }

 private:
  double draft_hours_, eval_hours_, base_, crisis_factor_;
  std::array<double, kTrustLevels> by_trust_;
  std::uint64_t sanction_, dropout_;
  int deadline_;
  double max_ = 0;
};

}  // namespace drempel

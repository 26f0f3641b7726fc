#pragma once
// Stage moves (models/ODD.md, "Stage transitions"): competing monthly risks on one uniform draw —
// exit, drop-out (scaled by motivation and trust), then two moves a and b of the stage and the
// client's situation, taken from a table built at set-up so that the hot loop selects instead of
// branching. For each active stage and situation:
//   a: a_fixed + s * a_support + s * L * a_language
//   b: b_fixed + s * b_support + C * (s * L * b_language + s * A * b_access)
// (s support, L Dutch factor, A job access, C the childcare factor). Situation bits: job_ready *
// 32 + not_ready * 16 + no_address_block * 8 + crisis * 4 + admin_done * 2 + participation_open.
#include "engine/mechanism.hpp"
#include "models/client.hpp"

namespace drempel {

/// Word 0: the stage move; words 1-3: caseworker change, trust, motivation
/// (ClientMonth::stage_words).
inline constexpr std::uint16_t kStreamStage = 4;

class StageMoves {
 public:
  static constexpr const char* kName = "stage_moves";
  static constexpr std::array<StreamInfo, 1> kStreams = {
      {{kStreamStage, "stage move (word 0); caseworker change, trust, motivation (words 1-3)"}}};
  static constexpr int kSums = 0;
  static constexpr std::array<MetricInfo, 0> kMetrics = {};

  explicit StageMoves(const ModelParameters& p);

  struct MoveRule {
    double a_fixed, a_support, a_language;
    double b_fixed, b_support, b_language, b_access;
    std::uint8_t a_to, b_to;
  };
  static constexpr int kSituations = 64;

  struct Pass {
    const std::uint8_t* job_ready;
    const MoveRule* rules;
    std::array<double, kDutchLevels> dutch_factor;
    std::array<double, kActiveStageCount> dropout;
    std::array<double, kMotivationLevels> dropout_by_motivation;
    std::array<double, kTrustLevels> dropout_by_trust;
    double exit;
    void transition(ClientMonth& x, double*) const {
      const int situation =
          (job_ready[x.i] != 0 ? 32 : 0) + (x.readiness == 0 ? 16 : 0) +
          (x.no_address_block ? 8 : 0) + (x.crisis_now ? 4 : 0) +
          (x.pending == 0 && domain_level(x.levels, kAdministration) < 2 ? 2 : 0) +
          (x.participation_open ? 1 : 0);
      const MoveRule& rule = rules[x.from * kSituations + situation];
      const double support = x.support;
      const double language = support * dutch_factor[x.dutch];
      const double u = to_unit(x.stage_words[0]);
      const double e1 = exit;
      const double e2 =
          e1 + dropout[x.from] * dropout_by_motivation[x.motivation] * dropout_by_trust[x.trust];
      const double e3 = e2 + rule.a_fixed + support * rule.a_support + language * rule.a_language;
      const double e4 = e3 + rule.b_fixed + support * rule.b_support +
                        x.care * (language * rule.b_language + support * x.access * rule.b_access);
      std::uint8_t to = x.from;
      to = u < e4 ? rule.b_to : to;
      to = u < e3 ? rule.a_to : to;
      to = u < e2 ? static_cast<std::uint8_t>(kDroppedOut) : to;
      to = u < e1 ? static_cast<std::uint8_t>(kExited) : to;
      if (x.sanction_dropout && to < kActiveStageCount) to = kDroppedOut;
      // After art. 60 the client lives on unemployment benefit: a crisis no longer sends her back
      // to the OCMW's stabilisation.
      if (x.programme == kAfterArt60 && to == kStabilisation) to = kActivation;
      x.to = to;
    }
  };
  template <class C>
  Pass pass(C& c, const RandomStreams&) const {
    return {c.job_ready.data(),     rules_.data(),     dutch_factor_, dropout_,
            dropout_by_motivation_, dropout_by_trust_, exit_};
  }
  void finish(const RegionMonth&, const double*, double*) const {}

 private:
  std::array<MoveRule, kActiveStageCount * kSituations> rules_{};
  std::array<double, kDutchLevels> dutch_factor_;
  std::array<double, kActiveStageCount> dropout_;
  std::array<double, kMotivationLevels> dropout_by_motivation_;
  std::array<double, kTrustLevels> dropout_by_trust_;
  double exit_;
};

}  // namespace drempel

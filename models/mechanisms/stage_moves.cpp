#include "models/mechanisms/stage_moves.hpp"

namespace drempel {

// The rules of models/ODD.md "Stage transitions", as data. Probabilities at full support and
// fluent Dutch; the pass scales the support, language, access and childcare parts per client.
StageMoves::StageMoves(const ModelParameters& p)
    : dutch_factor_(p.dutch_progress_factor),
      dropout_(p.dropout_per_month),
      dropout_by_motivation_(p.motivation.dropout_factor_by_level),
      dropout_by_trust_(p.trust.dropout_factor_by_level),
      exit_(p.exit_per_month) {
  for (int stage = 0; stage < kActiveStageCount; ++stage) {
    for (int k = 0; k < kSituations; ++k) {
      const bool job_ready = (k & 32) != 0, not_ready = (k & 16) != 0;
      const bool no_address = (k & 8) != 0, crisis = (k & 4) != 0;
      const bool admin_done = (k & 2) != 0, participation_open = (k & 1) != 0;
      const auto here = static_cast<std::uint8_t>(stage);
      MoveRule m{0, 0, 0, 0, 0, 0, 0, here, here};
      switch (stage) {
        case kIntake:
          m.a_support = p.intake_decision_per_month * p.intake_refused_share;
          m.a_to = kExited;
          m.b_support = p.intake_decision_per_month * (1.0 - p.intake_refused_share);
          m.b_to = kAdminStartup;
          break;
        case kAdminStartup:
          // Every basic-rights task done (a bank account needs an address) and the
          // administration stable.
          m.b_support = admin_done ? p.admin_startup_done_per_month : 0.0;
          // Clients close to the labour market go straight on to activation (job search, a
          // programme); the others stabilise and prepare first.
          m.b_to = job_ready ? kActivation : kStabilisation;
          break;
        case kStabilisation:
          m.b_support = crisis ? 0.0 : p.stabilisation_done_per_month;
          m.b_to = kPreActivation;
          break;
        case kPreActivation:
          if (crisis) {
            m.a_fixed = p.crisis_setback_per_month;
            m.a_to = kStabilisation;
          } else {
            // Participation needs a low-threshold place (a structural limit, and a place offered).
            m.a_support = participation_open ? p.participation_per_month : 0.0;
            m.a_to = kParticipation;
            // Activation needs some work-readiness, which pre-activation builds.
            m.b_language = not_ready ? 0.0 : p.pre_activation_to_activation_per_month;
            m.b_to = kActivation;
          }
          break;
        case kActivation:
          if (crisis) {
            m.a_fixed = p.crisis_setback_per_month;
            m.a_to = kStabilisation;
          } else {
            // Without an address no employment contract can be signed.
            m.b_access = no_address ? 0.0 : p.activation_to_employed_per_month;
            m.b_to = kEmployed;
          }
          break;
      }
      rules_[static_cast<std::size_t>(stage * kSituations + k)] = m;
    }
  }
}

}  // namespace drempel

#pragma once
// Parameters of the monthly stage moves (models/mechanisms/stage_moves.hpp): one table of keys
// that drives reading, validation and the key table of scenarios/README.md. The values are
// members of ModelParameters, which the mechanisms read by these names. Whether a stage's
// competing risks can exceed 1 is checked in models/parameters.cpp, across mechanisms.
#include <array>

#include "engine/parameter_table.hpp"
#include "models/definitions.hpp"
#include "models/parameters.hpp"

namespace drempel {

inline constexpr std::array<ParameterField<ModelParameters>, 12> kStageMoveFields = {{
    {.key = "unsupported_progress_share",
     .number = &ModelParameters::unsupported_progress_share,
     .min = 0,
     .max = 1,
     .unit = "share",
     .doc = "support without any caseworker hours (`f` in `s = f + (1−f) r`)",
     .source = "tuned (section 9 of `models/ODD.md`)"},
    {.key = "intake_decision_per_month",
     .number = &ModelParameters::intake_decision_per_month,
     .min = 0,
     .max = 1,
     .unit = "month⁻¹",
     .doc = "decision on the application, at full support",
     .source = "a decision within 30 days is required by law"},
    {.key = "intake_refused_share",
     .number = &ModelParameters::intake_refused_share,
     .min = 0,
     .max = 1,
     .unit = "share",
     .doc = "decisions that refuse (to `exited`)",
     .source = "assumption"},
    {.key = "admin_startup_done_per_month",
     .number = &ModelParameters::admin_startup_done_per_month,
     .min = 0,
     .max = 1,
     .unit = "month⁻¹",
     .doc = "start-up done once no basic-rights task is pending (`admin_startup`) and "
            "administration is not in crisis",
     .source = "tuned"},
    {.key = "stabilisation_done_per_month",
     .number = &ModelParameters::stabilisation_done_per_month,
     .min = 0,
     .max = 1,
     .unit = "month⁻¹",
     .doc = "to pre-activation when no domain is in crisis",
     .source = "tuned"},
    {.key = "pre_activation_to_activation_per_month",
     .number = &ModelParameters::pre_activation_to_activation_per_month,
     .min = 0,
     .max = 1,
     .unit = "month⁻¹",
     .doc = "into activation (× Dutch factor × childcare factor), only with work-readiness ≥ 1",
     .source = "assumption"},
    {.key = "activation_to_employed_per_month",
     .number = &ModelParameters::activation_to_employed_per_month,
     .min = 0,
     .max = 1,
     .unit = "month⁻¹",
     .doc = "into regular work at full job access (× support × job access `A` × employer "
            "willingness × programme factor × training factor × childcare factor, "
            "`models/ODD.md`)",
     .source = "tuned"},
    {.key = "participation_per_month",
     .number = &ModelParameters::participation_per_month,
     .min = 0,
     .max = 1,
     .unit = "share",
     .doc = "take-up, at full support (× support), of a low-threshold work place offered this "
            "month (`regions/*/low_threshold_places_per_month`): to participation beyond paid "
            "work, for a client in `pre_activation` with a structural limit (physical or mental "
            "health not stable, or a work handicap) and no domain in crisis. Without an offer the "
            "move is impossible. Until the low-threshold places were modelled this was a monthly "
            "hazard for every such client (0.02)",
     .source = "assumption"},
    {.key = "crisis_setback_per_month",
     .number = &ModelParameters::crisis_setback_per_month,
     .min = 0,
     .max = 1,
     .unit = "month⁻¹",
     .doc = "back to stabilisation from (pre-)activation during a crisis",
     .source = "tuned"},
    {.key = "exit_per_month",
     .number = &ModelParameters::exit_per_month,
     .min = 0,
     .max = 1,
     .unit = "month⁻¹",
     .doc = "leaves for other reasons (any active stage)",
     .source = "assumption"},
    {.key = "dropout_per_month",
     .list = [](ModelParameters& p) { return p.dropout_per_month.data(); },
     .list_size = kActiveStageCount,
     .names = kStageNames.data(),
     .min = 0,
     .max = 1,
     .unit = "month⁻¹",
     .doc = "drops out, by stage (× motivation and trust factors)",
     .source = "assumption"},
    {.key = "dutch_progress_factor",
     .list = [](ModelParameters& p) { return p.dutch_progress_factor.data(); },
     .list_size = kDutchLevels,
     .min = 0,
     .max = 1,
     .unit = "factor",
     .doc = "multiplies the step into activation, by Dutch level none / basic / intermediate / "
            "fluent",
     .source = "assumption"},
}};

}  // namespace drempel

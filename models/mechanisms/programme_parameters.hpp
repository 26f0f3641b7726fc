#pragma once
// Parameters of the programmes art. 60, wijk-werken and training
// (models/mechanisms/programmes.hpp): the four keys every programme has (`programmes/<name>/...`,
// into ProgrammeParameters) and the keys of one programme or of what follows art. 60 (members of
// ModelParameters, which the mechanisms read by these names), as tables of keys that drive reading,
// validation and the key tables of scenarios/README.md. Places per region are region keys
// (`regions/*/programme_places`).
#include <array>
#include <cstdint>

#include "engine/parameter_table.hpp"
#include "models/parameters.hpp"

namespace drempel {

/// The keys of one programme, with a place of at most `max_months`.
constexpr std::array<ParameterField<ProgrammeParameters>, 4> programme_fields(
    std::int32_t max_months) {
  return {{
      {.key = "months",
       .integer = &ProgrammeParameters::months,
       .min = 1,
       .max = static_cast<double>(max_months),
       .unit = "months",
       .doc = "length of a place (wijk_werken 1 – 12)",
       .source = "art. 60 and training: assumption; wijk-werken: at most 12 months"},
      {.key = "caseworker_hours_per_month",
       .number = &ProgrammeParameters::caseworker_hours,
       .min = 0,
       .max = 744,
       .unit = "h month⁻¹",
       .doc = "follow-up hours while in the programme",
       .source = "assumption"},
      {.key = "job_finding_factor",
       .number = &ProgrammeParameters::job_finding_factor,
       .min = 0,
       .max = 100,
       .unit = "factor",
       .doc = "multiplies regular-job finding while in the programme",
       .source = "assumption (an art. 60 worker does not look for another job)"},
      {.key = "readiness_gain_per_month",
       .number = &ProgrammeParameters::readiness_gain_per_month,
       .min = 0,
       .max = 1,
       .unit = "month⁻¹",
       .doc = "chance of +1 work-readiness a month in the programme",
       .source = "assumption"},
  }};
}

/// Art. 60 and training; scenarios/README.md shows the three programmes' keys from this table.
inline constexpr auto kProgrammeFields = programme_fields(60);
/// Wijk-werken: a place lasts at most 12 months.
inline constexpr auto kWijkWerkenFields = programme_fields(12);

/// The keys of one programme beyond those four, and of what follows art. 60.
inline constexpr std::array<ParameterField<ModelParameters>, 6> kProgrammeExtraFields = {{
    {.key = "wijk_werken/client_hours_per_month",
     .number = &ModelParameters::wijk_werken_hours_per_month,
     .min = 0,
     .max = 60,
     .unit = "h month⁻¹",
     .doc = "hours a client in wijk-werken works a month (legal maximum 60); gives the metric "
            "`wijk_werken_client_hours` = wijk-werken participants × this, no effect on the "
            "clients",
     .source = "the wijk-werken maximum of 60 hours a month"},
    {.key = "art60/direct_hire_share",
     .number = &ModelParameters::art60_direct_hire_share,
     .min = 0,
     .max = 1,
     .unit = "share",
     .doc = "art. 60 contracts that end in a job with the employer",
     .source = "tuned by simulation to the two art. 60 targets, starting from the analytic 0.25 "
               "(`models/ODD.md` section 9)"},
    {.key = "art60/net_cost_eur_per_month",
     .number = &ModelParameters::art60_net_cost_eur_per_month,
     .min = 1,
     .max = 1e6,
     .unit = "EUR month⁻¹",
     .doc = "wage cost minus the federal subsidy, per place (sets the budget's places and the "
            "metric `art60_net_cost_eur`)",
     .source = "assumption"},
    {.key = "after_art60/job_finding_factor",
     .number = &ModelParameters::after_art60_job_finding_factor,
     .min = 0,
     .max = 100,
     .unit = "factor",
     .doc = "multiplies job finding while on unemployment benefit after art. 60",
     .source = "tuned by simulation to the art. 60 targets (`models/ODD.md` section 9)"},
    {.key = "after_art60/follow_months",
     .integer = &ModelParameters::after_art60_follow_months,
     .min = 1,
     .max = 120,
     .unit = "months",
     .doc = "months a former art. 60 worker is followed; then `exited` (on unemployment benefit)",
     .source = "assumption"},
    {.key = "training/job_finding_factor_after",
     .number = &ModelParameters::training_job_finding_factor,
     .min = 0,
     .max = 100,
     .unit = "factor",
     .doc = "multiplies job finding for the rest of the run after a finished training",
     .source = "assumption (was 1.3, which the competing-risks check below rejects with "
               "`activation_to_employed_per_month` 0.75)"},
}};

}  // namespace drempel

#pragma once
// Parameters of employer willingness (models/mechanisms/job_access.hpp): one table of keys that
// drives reading, validation and the key table of scenarios/README.md. The values are members of
// ModelParameters, which the mechanisms read by these names.
#include <array>

#include "engine/parameter_table.hpp"
#include "models/parameters.hpp"

namespace drempel {

inline constexpr std::array<ParameterField<ModelParameters>, 4> kEmployerWillingnessFields = {{
    {.key = "work_handicap",
     .number = &ModelParameters::willingness_work_handicap,
     .min = 0,
     .max = 1,
     .unit = "factor",
     .doc = "multiplies job finding for a client with a work handicap",
     .source = "assumption"},
    {.key = "no_dutch_b1",
     .number = &ModelParameters::willingness_no_dutch_b1,
     .min = 0,
     .max = 1,
     .unit = "factor",
     .doc = "multiplies job finding for a client below B1 (on top of the vacancies that require "
            "Dutch, `labour_market/dutch_required_share`)",
     .source = "assumption (study, \"Onvoldoende aansluiting tussen client en arbeidsmarkt\": "
               "Dutch required for safety and instructions)"},
    {.key = "long_term_unemployed",
     .number = &ModelParameters::willingness_long_term_unemployed,
     .min = 0,
     .max = 1,
     .unit = "factor",
     .doc = "multiplies job finding for background `long_term_unemployed` (every reform arrival)",
     .source = "assumption (study: pace and performance pressure do not fit those long away from "
               "work)"},
    {.key = "no_recent_work_experience",
     .number = &ModelParameters::willingness_no_work_experience,
     .min = 0,
     .max = 1,
     .unit = "factor",
     .doc = "multiplies job finding for a client without recent work experience. Job-ready "
            "clients have it from arrival; an art. 60 contract (whether the employer hires her or "
            "not) or a wijk-werken place that runs to its end gives it; a regular job does not",
     .source = "assumption: employers hire clients without recent work experience at a fraction "
               "of the rate; it makes the experience of art. 60 and wijk-werken count "
               "(`models/ODD.md`, \"What art. 60 does to employment\")"},
}};

}  // namespace drempel

#pragma once
// Parameters of the life domains (models/mechanisms/domains.hpp): one table of the keys with one
// number per domain or one number, which drives reading, validation and the key table of
// scenarios/README.md. The values are members of ModelParameters, which the mechanisms read by
// these names. The interactions (`domains/interactions`, an array of pairs) are read in
// models/parameters.cpp, as are the checks that shocks and recoveries stay probabilities.
#include <array>

#include "engine/parameter_table.hpp"
#include "models/definitions.hpp"
#include "models/parameters.hpp"

namespace drempel {

inline constexpr std::array<ParameterField<ModelParameters>, 4> kDomainFields = {{
    {.key = "shock_per_month",
     .list = [](ModelParameters& p) { return p.shock_per_month.data(); },
     .list_size = kDomainCount,
     .names = kDomainNames.data(),
     .min = 0,
     .max = 1,
     .unit = "month⁻¹",
     .doc = "chance a domain worsens by one level (before the factors below)",
     .source = "assumption"},
    {.key = "recovery_per_month_with_full_support",
     .list = [](ModelParameters& p) { return p.recovery_per_month.data(); },
     .list_size = kDomainCount,
     .names = kDomainNames.data(),
     .min = 0,
     .max = 1,
     .unit = "month⁻¹",
     .doc = "chance a domain improves by one level when the client gets all hours asked (× "
            "support, × the stable-domain bonus, × the therapy factor for mental health)",
     .source = "assumption; mental health, debt and social network tuned (`models/ODD.md` "
               "section 9)"},
    {.key = "stable_domain_recovery_bonus",
     .number = &ModelParameters::stable_domain_recovery_bonus,
     .min = 0,
     .max = 100,
     .unit = "factor",
     .doc = "recovery × (1 + this × share of the six other domains that are stable)",
     .source = "assumption (study, \"Stabiliseren vóór activeren\": basic security first)"},
    {.key = "transition_shock_factor",
     .number = &ModelParameters::transition_shock_factor,
     .min = 0,
     .max = 1000,
     .unit = "factor",
     .doc = "multiplies every shock during the `transition_months` after leaving an institution "
            "(see `backgrounds`)",
     .source = "assumption (study, \"Overgangssituaties en instabiliteit\")"},
}};

}  // namespace drempel

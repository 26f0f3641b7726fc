#pragma once
// Parameters of caseworker demand (models/mechanisms/casework.hpp): the hours a client asks for
// in a month, as one table of keys that drives reading, validation and the key table of
// scenarios/README.md. The values are members of ModelParameters, which the mechanisms read by
// these names.
#include <array>

#include "engine/parameter_table.hpp"
#include "models/definitions.hpp"
#include "models/parameters.hpp"

namespace drempel {

inline constexpr std::array<ParameterField<ModelParameters>, 4> kCaseworkFields = {{
    {.key = "hours_per_month_by_stage",
     .list = [](ModelParameters& p) { return p.demand_hours_by_stage.data(); },
     .list_size = kActiveStageCount,
     .names = kStageNames.data(),
     .min = 0,
     .max = 744,
     .unit = "h month⁻¹",
     .doc = "base demand by stage",
     .source = "assumption"},
    {.key = "extra_hours_per_crisis_domain",
     .number = &ModelParameters::extra_hours_per_crisis_domain,
     .min = 0,
     .max = 744,
     .unit = "h month⁻¹",
     .doc = "added per domain in crisis",
     .source = "assumption"},
    {.key = "extra_hours_by_dutch_level",
     .list = [](ModelParameters& p) { return p.extra_hours_by_dutch_level.data(); },
     .list_size = kDutchLevels,
     .min = 0,
     .max = 744,
     .unit = "h month⁻¹",
     .doc = "added by Dutch level none / basic / intermediate / fluent",
     .source = "assumption"},
    {.key = "extra_hours_without_digital_skills",
     .number = &ModelParameters::extra_hours_without_digital_skills,
     .min = 0,
     .max = 744,
     .unit = "h month⁻¹",
     .doc = "added in admin_startup and stabilisation for clients without digital skills",
     .source = "assumption"},
}};

}  // namespace drempel

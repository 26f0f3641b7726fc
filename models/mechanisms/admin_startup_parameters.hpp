#pragma once
// Parameters of the administrative start-up (models/mechanisms/admin_startup.hpp): one table of
// its scalar keys, which drives reading, validation and the key table of scenarios/README.md. The
// values are members of ModelParameters, which the mechanisms read by these names. The five
// basic-rights tasks (`admin_startup/tasks/<task>/...`) are read in models/parameters.cpp.
#include <array>

#include "engine/parameter_table.hpp"
#include "models/parameters.hpp"

namespace drempel {

inline constexpr std::array<ParameterField<ModelParameters>, 6> kAdminStartupFields = {{
    {.key = "task_done_per_month",
     .number = &ModelParameters::admin_task_done_per_month,
     .min = 0,
     .max = 1,
     .unit = "month⁻¹",
     .doc = "chance a month that a pending task gets done in `admin_startup`, at full support (× "
            "support × travel factor for counter tasks)",
     .source = "tuned"},
    {.key = "overhead_hours_per_task",
     .number = &ModelParameters::admin_overhead_hours_per_task,
     .min = 0,
     .max = 744,
     .unit = "h month⁻¹",
     .doc = "explaining the case again: each pending task adds this × (1 − `fixed_contact_share`) "
            "hours (in `admin_startup`)",
     .source = "assumption (study, \"Efficiëntie voor organisaties\": with digitalisation fixed "
               "contact persons disappear and the whole story must be told again)"},
    {.key = "fixed_contact_share",
     .number = &ModelParameters::fixed_contact_share,
     .min = 0,
     .max = 1,
     .unit = "share",
     .doc = "partner organisations that still have a fixed contact person",
     .source = "assumption"},
    {.key = "counter_halving_minutes",
     .number = &ModelParameters::counter_halving_minutes,
     .min = 1,
     .max = 1440,
     .unit = "minutes",
     .doc = "one-way travel to the nearest of `regions/*/counter_places` at which a counter "
            "task's progress is halved: factor 1 / (1 + minutes / this); shortest path by day "
            "public transport, by road for car owners; 0 when unreachable",
     .source = "assumption (study: closed local offices, limited public transport)"},
    {.key = "system_knowledge_hours_factor",
     .number = &ModelParameters::system_knowledge_hours_factor,
     .min = 0,
     .max = 1,
     .unit = "factor",
     .doc = "multiplies the task hours (overhead included) of a client who knows the system",
     .source = "assumption"},
    {.key = "system_knowledge_gain_per_month",
     .number = &ModelParameters::system_knowledge_gain_per_month,
     .min = 0,
     .max = 1,
     .unit = "month⁻¹",
     .doc = "chance a month (× support) that a client learns her way in the system, from "
            "`admin_startup` on",
     .source = "assumption"},
}};

}  // namespace drempel

#pragma once
// Parameters of work-readiness, job retention and relapse (models/mechanisms/work_readiness.hpp):
// one table of keys that drives reading, validation and the key table of scenarios/README.md. The
// values are members of ModelParameters, which the mechanisms read by these names.
#include <array>

#include "engine/parameter_table.hpp"
#include "models/parameters.hpp"

namespace drempel {

inline constexpr std::array<ParameterField<ModelParameters>, 3> kWorkReadinessFields = {{
    {.key = "gain_per_month_in_pre_activation",
     .number = &ModelParameters::work_readiness_gain_per_month,
     .min = 0,
     .max = 1,
     .unit = "month⁻¹",
     .doc = "chance of +1 work-readiness (0 none, 1 partial, 2 ready) a month in `pre_activation`, "
            "at full support (× support)",
     .source = "assumption (study, \"Taal en impliciete sociale verwachtingen\": being on time, "
               "keeping appointments, hierarchy, instructions)"},
    {.key = "relapse_per_month_by_level",
     .list = [](ModelParameters& p) { return p.relapse_per_month_by_readiness.data(); },
     .list_size = 3,
     .min = 0,
     .max = 1,
     .unit = "month⁻¹",
     .doc = "chance a month that a job ends, by work-readiness at the job start (0, 1, 2); the "
            "client applies again (`employed` → `intake`)",
     .source = "tuned"},
    {.key = "retention_follow_months",
     .integer = &ModelParameters::retention_follow_months,
     .min = 0,
     .max = 240,
     .unit = "months",
     .doc = "window after a job start during which the job can end",
     .source = "assumption"},
}};

}  // namespace drempel

#pragma once
// Parameters of work-readiness (models/mechanisms/work_readiness.hpp):
// one table of keys that drives reading, validation and the key table of scenarios/README.md. The
// values are members of ModelParameters, which the mechanisms read by these names.
#include <array>

#include "engine/parameter_table.hpp"
#include "models/parameters.hpp"

namespace drempel {

inline constexpr std::array<ParameterField<ModelParameters>, 1> kWorkReadinessFields = {{
    {.key = "gain_per_month_in_pre_activation",
     .number = &ModelParameters::work_readiness_gain_per_month,
     .min = 0,
     .max = 1,
     .unit = "month⁻¹",
     .doc = "chance of +1 work-readiness (0 none, 1 partial, 2 ready) a month in `pre_activation`, "
            "at full support (× support)",
     .source = "assumption (study, \"Taal en impliciete sociale verwachtingen\": being on time, "
               "keeping appointments, hierarchy, instructions)"},
}};

}  // namespace drempel

#pragma once
// Parameters of the caseload's money (models/mechanisms/caseload.hpp; also the gross cost of the
// reform's files in models/inflow.cpp): the leefloon amounts, as one table of keys that drives
// reading, validation and the key table of scenarios/README.md. The values are members of
// ModelParameters, which the mechanisms read by these names.
#include <array>

#include "engine/parameter_table.hpp"
#include "models/definitions.hpp"
#include "models/parameters.hpp"

namespace drempel {

inline constexpr std::array<ParameterField<ModelParameters>, 1> kLeefloonFields = {{
    {.key = "eur_per_month",
     .list = [](ModelParameters& p) { return p.leefloon_eur_per_month.data(); },
     .list_size = kHouseholdCount,
     .names = kHouseholdNames.data(),
     .min = 0,
     .max = 1e5,
     .unit = "EUR month⁻¹",
     .doc = "leefloon by household category (clients' spending in `drempel run`; the gross cost "
            "of the reform's files in `drempel inflow`, not indexed)",
     .source = "amounts from 1 Feb 2025"},
}};

}  // namespace drempel

#pragma once
// Parameters of trust, relational work (models/mechanisms/trust.hpp) and motivation
// (models/mechanisms/motivation.hpp): one table of keys each, which drives reading, validation and
// the key tables of scenarios/README.md.
#include <array>

#include "engine/parameter_table.hpp"
#include "models/definitions.hpp"

namespace drempel {

struct MotivationParameters {
  std::array<double, kMotivationLevels> dropout_factor_by_level{};
  double gain_on_progress = 0;  ///< chance of +1 motivation on moving up a stage
};

inline constexpr std::array<ParameterField<MotivationParameters>, 2> kMotivationFields = {{
    {.key = "dropout_factor_by_level",
     .list = [](MotivationParameters& p) { return p.dropout_factor_by_level.data(); },
     .list_size = kMotivationLevels,
     .min = 0,
     .max = 100,
     .unit = "factor",
     .doc = "multiplies drop-out, by motivation level 0 … 3",
     .source = "assumption"},
    {.key = "gain_on_progress",
     .number = &MotivationParameters::gain_on_progress,
     .min = 0,
     .max = 1,
     .unit = "share",
     .doc = "chance of +1 motivation on a step up the ladder",
     .source = "assumption"},
}};

struct TrustParameters {
  std::array<double, kTrustLevels> support_factor_by_level{};  ///< in [0, 1]
  std::array<double, kTrustLevels> dropout_factor_by_level{};
};

inline constexpr std::array<ParameterField<TrustParameters>, 2> kTrustFields = {{
    {.key = "support_factor_by_level",
     .list = [](TrustParameters& p) { return p.support_factor_by_level.data(); },
     .list_size = kTrustLevels,
     .min = 0,
     .max = 1,
     .unit = "factor",
     .doc = "multiplies support, by trust level 0 … 3",
     .source = "assumption"},
    {.key = "dropout_factor_by_level",
     .list = [](TrustParameters& p) { return p.dropout_factor_by_level.data(); },
     .list_size = kTrustLevels,
     .min = 0,
     .max = 100,
     .unit = "factor",
     .doc = "multiplies drop-out, by trust level 0 … 3",
     .source = "assumption"},
}};

struct RelationalWorkParameters {
  std::array<double, kTrustLevels> hours_by_trust{};
  double trust_gain_per_hour = 0;
};

inline constexpr std::array<ParameterField<RelationalWorkParameters>, 2> kRelationalWorkFields = {{
    {.key = "hours_per_month_by_trust_level",
     .list = [](RelationalWorkParameters& p) { return p.hours_by_trust.data(); },
     .list_size = kTrustLevels,
     .min = 0,
     .max = 744,
     .unit = "h month⁻¹",
     .doc = "relational hours a client asks each month from `admin_startup` on, by trust level 0 "
            "… 3 (less trust, more work)",
     .source = "tuned (study, \"Administratieve overbelasting in de opstartfase\": the caseworker "
               "as \"gerust-steller en brugfiguur\")"},
    {.key = "trust_gain_per_hour",
     .number = &RelationalWorkParameters::trust_gain_per_hour,
     .min = 0,
     .max = 1,
     .unit = "share h⁻¹",
     .doc = "chance of +1 trust a month per relational hour received: `trust_gain_per_hour × "
            "hours_by_trust[trust] × r` (`r` the share of hours received), when the caseworker "
            "stays; × each level's hours must stay ≤ 1 (reported at this key)",
     .source = "assumption (study: relational work builds trust)"},
}};

}  // namespace drempel

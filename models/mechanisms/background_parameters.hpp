#pragma once
// Parameters of the backgrounds (models/ODD.md, "Backgrounds"): one table of the keys every
// background has (`backgrounds/<name>/...`), which drives reading, validation and the key table of
// scenarios/README.md. That the shares of ordinary applications sum to 1 is checked in
// models/parameters.cpp.
#include <array>

#include "engine/parameter_table.hpp"
#include "models/definitions.hpp"
#include "models/parameters.hpp"

namespace drempel {

inline constexpr std::array<ParameterField<BackgroundParameters>, 7> kBackgroundFields = {{
    {.key = "share_of_ordinary_applications",
     .number = &BackgroundParameters::share_of_ordinary,
     .min = 0,
     .max = 1,
     .unit = "share",
     .doc = "share of ordinary applications (and of the initial caseload) with this background; "
            "summing to 1 over the eight backgrounds",
     .source = "assumption"},
    {.key = "transition_months",
     .integer = &BackgroundParameters::transition_months,
     .min = 0,
     .max = 120,
     .unit = "months",
     .doc = "months after arrival during which every shock is × "
            "`domains/transition_shock_factor` (not for the initial caseload)",
     .source = "assumption"},
    {.key = "network_loss_share",
     .number = &BackgroundParameters::network_loss_share,
     .min = 0,
     .max = 1,
     .unit = "share",
     .doc = "arrive with the social network in crisis",
     .source = "assumption"},
    {.key = "mental_health_crisis_share",
     .number = &BackgroundParameters::mental_health_crisis_share,
     .min = 0,
     .max = 1,
     .unit = "share",
     .doc = "arrive with mental health in crisis",
     .source = "assumption"},
    {.key = "no_address_share",
     .number = &BackgroundParameters::no_address_share,
     .min = 0,
     .max = 1,
     .unit = "share",
     .doc = "arrive without an address, whatever the profile's housing shares (housing at least "
            "fragile)",
     .source = "assumption"},
    {.key = "work_handicap_share",
     .number = &BackgroundParameters::work_handicap_share,
     .min = 0,
     .max = 1,
     .unit = "share",
     .doc = "have a work handicap (structural limit: a low-threshold work place and participation "
            "possible, high-pace vacancies out of reach; employers less willing)",
     .source = "assumption; `long_term_unemployed` 0.35: over a third of Flemish long-term "
               "unemployed have a work handicap, the figure quoted for the reform profile"},
    {.key = "dutch_level_cap",
     .integer = &BackgroundParameters::dutch_level_cap,
     .min = 0,
     .max = kDutchLevels - 1,
     .unit = "Dutch level",
     .doc = "highest Dutch level on arrival (the profile's draw is capped)",
     .source = "assumption"},
}};

}  // namespace drempel

#pragma once
// Parameters of housing (models/mechanisms/housing.hpp): one table of keys that drives reading,
// validation and the key table of scenarios/README.md. Social dwellings per region are a region
// key (`regions/*/social_dwellings`).
#include <array>
#include <cstdint>

#include "engine/parameter_table.hpp"

namespace drempel {

/// Housing market and housing policy (models/ODD.md, "Housing").
struct HousingParameters {
  double social_relet_per_year = 0;             ///< share of social dwellings re-let each year
  double ocmw_client_share_of_relets = 0;       ///< of those, the share going to the OCMW's clients
  double eviction_per_month = 0;                ///< private tenants, no income crisis
  double eviction_income_crisis_factor = 0;     ///< multiplies eviction with income in crisis
  double private_search_success_per_month = 0;  ///< finding a private rental, at full support
  double private_poor_quality_share = 0;        ///< of private rentals found, below standard
  double poor_housing_health_shock_factor = 0;  ///< multiplies the health shock
  double poor_housing_income_shock_factor = 0;  ///< multiplies the income shock (energy costs)
  double reference_address_share = 0;        ///< clients without address given a reference address
  std::int32_t initial_list_months_max = 0;  ///< months already on the list at arrival: 0..this
};

inline constexpr std::array<ParameterField<HousingParameters>, 10> kHousingFields = {{
    {.key = "social_relet_per_year",
     .number = &HousingParameters::social_relet_per_year,
     .min = 0,
     .max = 1,
     .unit = "share year⁻¹",
     .doc = "share of social dwellings re-let each year",
     .source = "assumption"},
    {.key = "ocmw_client_share_of_relets",
     .number = &HousingParameters::ocmw_client_share_of_relets,
     .min = 0,
     .max = 1,
     .unit = "share",
     .doc = "of the re-lets, the share going to OCMW clients",
     .source = "assumption"},
    {.key = "eviction_per_month",
     .number = &HousingParameters::eviction_per_month,
     .min = 0,
     .max = 1,
     .unit = "month⁻¹",
     .doc = "eviction hazard of private tenants",
     .source = "assumption"},
    {.key = "eviction_income_crisis_factor",
     .number = &HousingParameters::eviction_income_crisis_factor,
     .min = 0,
     .max = 1000,
     .unit = "factor",
     .doc = "multiplies it when income is in crisis; `eviction_per_month` × this must stay ≤ 1 "
            "(reported at this key)",
     .source = "assumption"},
    {.key = "private_search_success_per_month",
     .number = &HousingParameters::private_search_success_per_month,
     .min = 0,
     .max = 1,
     .unit = "month⁻¹",
     .doc = "finding a private rental, at full support",
     .source = "assumption (> 10 candidates per affordable home: study)"},
    {.key = "private_poor_quality_share",
     .number = &HousingParameters::private_poor_quality_share,
     .min = 0,
     .max = 1,
     .unit = "share",
     .doc = "of rentals found from no address, below standard",
     .source = "assumption"},
    {.key = "poor_housing_health_shock_factor",
     .number = &HousingParameters::poor_housing_health_shock_factor,
     .min = 0,
     .max = 1000,
     .unit = "factor",
     .doc = "multiplies the physical-health shock in poor housing (the product with the other "
            "shock factors ≤ 1, see `domains`)",
     .source = "assumption"},
    {.key = "poor_housing_income_shock_factor",
     .number = &HousingParameters::poor_housing_income_shock_factor,
     .min = 0,
     .max = 1000,
     .unit = "factor",
     .doc = "multiplies the income shock in poor housing (energy costs; the product with the other "
            "shock factors ≤ 1, see `domains`)",
     .source = "assumption"},
    {.key = "reference_address_share",
     .number = &HousingParameters::reference_address_share,
     .min = 0,
     .max = 1,
     .unit = "share",
     .doc = "clients without a home who get a reference address (lifts the no-address block)",
     .source = "assumption (policy lever)"},
    {.key = "initial_list_months_max",
     .integer = &HousingParameters::initial_list_months_max,
     .min = 0,
     .max = 600,
     .unit = "months",
     .doc = "clients on the list at arrival have waited uniform 0 … this",
     .source = "assumption (sets the mean wait near 4 years)"},
}};

}  // namespace drempel

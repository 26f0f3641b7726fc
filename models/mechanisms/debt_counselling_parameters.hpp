#pragma once
// Parameters of debt counselling (models/mechanisms/debt_counselling.hpp): one table of keys
// that drives reading, validation and the key table of scenarios/README.md.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/parameter_table.hpp"
#include "engine/scenario.hpp"

namespace drempel {

struct DebtCounsellingParameters {
  std::int32_t months = 0;                      ///< length of a counselling trajectory
  double debt_shock_factor = 1;                 ///< multiplies the debt shock while in counselling
  double caseworker_hours_saved_per_month = 0;  ///< crisis hours the service takes over
  std::vector<double> places;                   ///< per region: clients followed at one time
};

inline constexpr std::array<ParameterField<DebtCounsellingParameters>, 4> kDebtCounsellingFields = {
    {
        {.key = "months",
         .integer = &DebtCounsellingParameters::months,
         .min = 1,
         .max = 120,
         .unit = "months",
         .doc = "length of a counselling trajectory (budget guidance or management with debt "
                "mediation); the place is held that long",
         .source = "assumption (budget guidance and mediation run for one to several years)"},
        {.key = "debt_shock_factor",
         .number = &DebtCounsellingParameters::debt_shock_factor,
         .min = 0,
         .max = 1,
         .unit = "share",
         .doc = "multiplies the monthly chance that the debt domain worsens, while in counselling "
                "(creditors and payment plans are handled)",
         .source = "assumption"},
        {.key = "caseworker_hours_saved_per_month",
         .number = &DebtCounsellingParameters::caseworker_hours_saved_per_month,
         .min = 0,
         .max = 100,
         .unit = "h month⁻¹",
         .doc =
             "caseworker crisis hours a month the counselling service takes over for a client in "
             "counselling (at most her crisis hours)",
         .source = "assumption"},
        {.key = "debt_counselling_places",
         .per_region = [](DebtCounsellingParameters& p) { return &p.places; },
         .min = 0,
         .max = 1e7,
         .unit = "places",
         .doc =
             "clients of the model the region's debt counselling (schuldhulpverlening) can follow "
             "at one time",
         .source =
             "assumption, scaled from the 55,181 families in budget or debt assistance at "
             "Flemish OCMWs in 2016 (Vlaams Centrum Schuldenlast, in "
             "<https://www.biz-kempen.be/persbericht-wachtlijsten-voor-schuldhulpverlening/>): "
             "about 0.85% of inhabitants, of whom the leefloon clients are a part"},
    }};

/// Reads `/debt_counselling` and every region's `debt_counselling_places` from the scenario;
/// problems are recorded in `r`.
DebtCounsellingParameters read_debt_counselling_parameters(ScenarioReader& r, std::size_t regions);

}  // namespace drempel

#pragma once
// Parameters of the GPMI (models/mechanisms/gpmi.hpp): one table of keys that drives reading,
// validation and the key table of scenarios/README.md.
#include <array>
#include <cstdint>

#include "engine/parameter_table.hpp"
#include "engine/scenario.hpp"
#include "models/definitions.hpp"

namespace drempel {

struct GpmiParameters {
  double drafting_hours = 0;              ///< caseworker hours a month while it is drafted
  std::int32_t deadline_months = 0;       ///< to be signed within this many months
  double evaluation_hours_per_month = 0;  ///< once signed
  double noncompliance_per_month = 0;     ///< stable client with trust 2
  double noncompliance_crisis_factor = 0;
  std::array<double, kTrustLevels> noncompliance_factor_by_trust{};
  double sanction_strictness = 0;     ///< share of non-compliance that is sanctioned
  double sanction_dropout_share = 0;  ///< sanctioned clients who drop out
};

inline constexpr std::array<ParameterField<GpmiParameters>, 8> kGpmiFields = {{
    {.key = "drafting_hours_per_month",
     .number = &GpmiParameters::drafting_hours,
     .min = 0,
     .max = 744,
     .unit = "h month⁻¹",
     .doc = "caseworker hours while the GPMI is drafted (from start-up on)",
     .source = "assumption"},
    {.key = "deadline_months",
     .integer = &GpmiParameters::deadline_months,
     .min = 1,
     .max = 120,
     .unit = "months",
     .doc = "months to sign it before it counts as overdue",
     .source = "assumption"},
    {.key = "evaluation_hours_per_month",
     .number = &GpmiParameters::evaluation_hours_per_month,
     .min = 0,
     .max = 744,
     .unit = "h month⁻¹",
     .doc = "evaluation and reporting of a signed GPMI",
     .source = "assumption"},
    {.key = "noncompliance_per_month",
     .number = &GpmiParameters::noncompliance_per_month,
     .min = 0,
     .max = 1,
     .unit = "month⁻¹",
     .doc = "failing the obligations, stable client with trust 2",
     .source = "assumption"},
    {.key = "noncompliance_crisis_factor",
     .number = &GpmiParameters::noncompliance_crisis_factor,
     .min = 0,
     .max = 1000,
     .unit = "factor",
     .doc = "multiplies it when a domain is in crisis; the largest product of non-compliance and "
            "its factors must stay ≤ 1 (reported at this key)",
     .source = "assumption"},
    {.key = "noncompliance_factor_by_trust_level",
     .list = [](GpmiParameters& g) { return g.noncompliance_factor_by_trust.data(); },
     .list_size = kTrustLevels,
     .min = 0,
     .max = 1000,
     .unit = "factor",
     .doc = "multiplies it by trust level 0 … 3",
     .source = "assumption"},
    {.key = "sanction_strictness",
     .number = &GpmiParameters::sanction_strictness,
     .min = 0,
     .max = 1,
     .unit = "share",
     .doc = "failures that are sanctioned (policy lever)",
     .source = "assumption"},
    {.key = "sanction_dropout_share",
     .number = &GpmiParameters::sanction_dropout_share,
     .min = 0,
     .max = 1,
     .unit = "share",
     .doc = "sanctioned clients who drop out",
     .source = "assumption"},
}};

/// Reads `/gpmi` and checks that the largest monthly non-compliance stays a probability;
/// problems are recorded in `r`.
GpmiParameters read_gpmi_parameters(ScenarioReader& r);

}  // namespace drempel

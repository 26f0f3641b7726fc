#pragma once
// Parameters of three services with places (models/mechanisms/dutch_courses.hpp, therapy.hpp,
// childcare.hpp): one table of keys each, which drives reading, validation and the key tables of
// scenarios/README.md. Their places per region are region keys (`regions/*/...`).
#include <array>
#include <cstdint>

#include "engine/parameter_table.hpp"
#include "engine/scenario.hpp"

namespace drempel {

struct DutchCourseParameters {
  std::int32_t course_months = 0;
  double level_up_per_month = 0;       ///< in a course
  double informal_gain_per_month = 0;  ///< without a course, from stabilisation on
};

inline constexpr std::array<ParameterField<DutchCourseParameters>, 3> kDutchCourseFields = {{
    {.key = "course_months",
     .integer = &DutchCourseParameters::course_months,
     .min = 1,
     .max = 60,
     .unit = "months",
     .doc = "length of a course place (seats per region: `regions/*/nt2_course_places`)",
     .source = "assumption"},
    {.key = "level_up_per_month",
     .number = &DutchCourseParameters::level_up_per_month,
     .min = 0,
     .max = 1,
     .unit = "month⁻¹",
     .doc = "chance of +1 Dutch level a month while in a course",
     .source = "assumption"},
    {.key = "informal_gain_per_month",
     .number = &DutchCourseParameters::informal_gain_per_month,
     .min = 0,
     .max = 1,
     .unit = "month⁻¹",
     .doc = "chance of +1 Dutch level a month without a course, from `stabilisation` on",
     .source = "assumption"},
}};

struct TherapyParameters {
  std::int32_t months = 0;
  double recovery_factor = 0;  ///< mental-health recovery x this while in therapy
};

inline constexpr std::array<ParameterField<TherapyParameters>, 2> kTherapyFields = {{
    {.key = "months",
     .integer = &TherapyParameters::months,
     .min = 1,
     .max = 120,
     .unit = "months",
     .doc = "length of a therapy place (places per region: `regions/*/therapy_places`)",
     .source = "assumption"},
    {.key = "recovery_factor",
     .number = &TherapyParameters::recovery_factor,
     .min = 0,
     .max = 100,
     .unit = "factor",
     .doc = "multiplies mental-health recovery while in therapy; mental-health recovery x (1 + "
            "`domains/stable_domain_recovery_bonus`) x this must stay ≤ 1 (reported at this key)",
     .source = "assumption"},
}};

struct ChildcareParameters {
  double no_childcare_progress_factor = 0;    ///< multiplies pre_activation->activation->employed
  double young_child_ages_out_per_month = 0;  ///< 1/36: the child turns three
  double no_childcare_progress_factor_single_parent = 0;  ///< same, for a single parent
  double single_parent_share = 0;  ///< of clients with a young child, those raising it alone
};

inline constexpr std::array<ParameterField<ChildcareParameters>, 4> kChildcareFields = {{
    {.key = "no_childcare_progress_factor",
     .number = &ChildcareParameters::no_childcare_progress_factor,
     .min = 0,
     .max = 1,
     .unit = "factor",
     .doc = "multiplies the steps into activation and into work for a parent of a child under "
            "three without a place (places per region: `regions/*/childcare_places_per_month`)",
     .source = "assumption"},
    {.key = "young_child_ages_out_per_month",
     .number = &ChildcareParameters::young_child_ages_out_per_month,
     .min = 0,
     .max = 1,
     .unit = "month⁻¹",
     .doc = "chance a month that the child turns three",
     .source = "definition: 1/36 (a child under three)"},
    {.key = "no_childcare_progress_factor_single_parent",
     .number = &ChildcareParameters::no_childcare_progress_factor_single_parent,
     .min = 0,
     .max = 1,
     .unit = "factor",
     .doc = "replaces `no_childcare_progress_factor` for a single parent without a place",
     .source = "assumption (study: no childcare keeps parents from work or training)"},
    {.key = "single_parent_share",
     .number = &ChildcareParameters::single_parent_share,
     .min = 0,
     .max = 1,
     .unit = "share",
     .doc = "of clients with a child under three, those raising it alone",
     .source = "assumption"},
}};

}  // namespace drempel

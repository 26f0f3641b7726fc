#pragma once
// Parameters of services (models/mechanisms/dutch_courses.hpp, therapy.hpp, childcare.hpp,
// interpreters.hpp): one table of keys each, which drives reading, validation and the key tables of
// scenarios/README.md. Their places per region are region keys (`regions/*/...`).
#include <array>
#include <cstdint>

#include "engine/parameter_table.hpp"
#include "engine/scenario.hpp"
#include "models/definitions.hpp"

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

struct InterpreterParameters {
  std::array<double, kDutchLevels>
      hours_by_dutch_level{};                  ///< interpreter hours a client needs a month
  double translation_app_support_penalty = 0;  ///< share of support lost when fully uncovered
  /// Caseworker hours spent waiting for the interpreter phone (queue, call-backs) per hour of
  /// interpreting a client needs: added to her language hours.
  double wait_hours_per_hour = 0;
  double eur_per_hour = 0;
};

inline constexpr std::array<ParameterField<InterpreterParameters>, 4> kInterpreterFields = {{
    {.key = "hours_per_month_by_dutch_level",
     .list = [](InterpreterParameters& p) { return p.hours_by_dutch_level.data(); },
     .list_size = kDutchLevels,
     .min = 0,
     .max = 744,
     .unit = "h month⁻¹",
     .doc = "interpreter hours a client needs, by Dutch level 0 … 3 (budget per region: "
            "`regions/*/interpreter_hours_per_month`)",
     .source = "assumption"},
    {.key = "translation_app_support_penalty",
     .number = &InterpreterParameters::translation_app_support_penalty,
     .min = 0,
     .max = 1,
     .unit = "share",
     .doc = "support lost when the need is entirely uncovered (translation app)",
     .source = "assumption"},
    {.key = "caseworker_wait_hours_per_interpreter_hour",
     .number = &InterpreterParameters::wait_hours_per_hour,
     .min = 0,
     .max = 10,
     .unit = "h per interpreter hour",
     .doc = "caseworker time spent waiting for the interpreter phone (queue, call-backs) per hour "
            "of interpreting a client needs; added to her language hours",
     .source = "assumption (issue 3: the interpreter phone has a waiting time)"},
    {.key = "eur_per_hour",
     .number = &InterpreterParameters::eur_per_hour,
     .min = 0,
     .max = 10000,
     .unit = "EUR h⁻¹",
     .doc = "cost of an interpreter hour",
     .source = "about 48 EUR (issue 3)"},
}};

}  // namespace drempel

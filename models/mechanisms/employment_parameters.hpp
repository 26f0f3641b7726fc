#pragma once
// Parameters of jobs found by clients and how they end (models/mechanisms/employment.hpp): one
// table of keys that drives reading, validation and the key table of scenarios/README.md.
#include <array>

#include "engine/parameter_table.hpp"
#include "models/parameters.hpp"

namespace drempel {

inline constexpr std::array<const char*, kContractCount> kContractNames = {"interim", "fixed_term",
                                                                           "open_ended"};
inline constexpr std::array<const char*, 3> kReadinessNames = {"none", "partial", "ready"};

inline constexpr std::array<ParameterField<JobParameters>, 8> kJobFields = {{
    {.key = "contract_share",
     .list = [](JobParameters& p) { return p.contract_share.data(); },
     .list_size = kContractCount,
     .names = kContractNames.data(),
     .min = 0,
     .max = 1,
     .unit = "share",
     .doc = "contract of a job a client starts: interim (temporary agency work), fixed-term, "
            "open-ended; shares summing to 1",
     .source = "assumption: interim is the main way long-term jobseekers are hired (Federgon "
               "2020, citing HIVA); no Belgian figure for leefloon leavers found "
               "(docs/validation.md)"},
    {.key = "end_per_month_months_1_to_6",
     .list = [](JobParameters& p) { return p.end_first_half_year.data(); },
     .list_size = kContractCount,
     .names = kContractNames.data(),
     .min = 0,
     .max = 1,
     .unit = "month⁻¹",
     .doc = "chance a month that the job ends, in its months 1-6, by contract (× the readiness "
            "factor)",
     .source = "set by hand: with the shares (readiness ready), 80% still in work at 3 months and "
               "66% at 6, "
               "below the 72% at 6 months of all Flemish unemployed who found work (VDAB 2010), "
               "since leefloon leavers cycle more (Carpentier, Neels & Van den Bosch 2017)"},
    {.key = "end_per_month_months_7_to_12",
     .list = [](JobParameters& p) { return p.end_second_half_year.data(); },
     .list_size = kContractCount,
     .names = kContractNames.data(),
     .min = 0,
     .max = 1,
     .unit = "month⁻¹",
     .doc = "the same, in months 7-12",
     .source = "set by hand (as above): 54% still in work at 12 months"},
    {.key = "end_per_month_after_12_months",
     .list = [](JobParameters& p) { return p.end_after_first_year.data(); },
     .list_size = kContractCount,
     .names = kContractNames.data(),
     .min = 0,
     .max = 1,
     .unit = "month⁻¹",
     .doc = "the same, from month 13 to `follow_months`",
     .source = "set by hand (as above): 40% at 24 months, below the 48% of VDAB 2010"},
    {.key = "end_factor_by_readiness",
     .list = [](JobParameters& p) { return p.end_factor_by_readiness.data(); },
     .list_size = 3,
     .names = kReadinessNames.data(),
     .min = 0,
     .max = 10,
     .unit = "factor",
     .doc = "multiplies the chances a job ends, by work-readiness at the job start",
     .source = "assumption (study, \"Taal en impliciete sociale verwachtingen\": being on time, "
               "keeping appointments)"},
    {.key = "follow_months",
     .integer = &JobParameters::follow_months,
     .min = 0,
     .max = 36,
     .unit = "months",
     .doc = "window after a job start during which the job can end (0: jobs never end)",
     .source = "assumption: the follow-up of the `job_endings` table"},
    {.key = "unemployment_benefit_after_months",
     .integer = &JobParameters::benefit_after_months,
     .min = 1,
     .max = 36,
     .unit = "months",
     .doc = "a job that lasted this long gives a right to unemployment benefit: when it ends the "
            "client does not come back to the OCMW (`employed` → `exited`)",
     .source = "312 work days: RVA infoblad T31 (21 months' reference period under 36, until "
               "28 Feb 2026); 312 new days in 36 months from 1 March 2026 (RVA, 2 March 2026)"},
    {.key = "reapply_share",
     .number = &JobParameters::reapply_share,
     .min = 0,
     .max = 1,
     .unit = "share",
     .doc = "of clients whose job ends without a right to unemployment benefit, the share who "
            "apply at the OCMW again (`employed` → `intake`); the others find other work or "
            "income (`exited`)",
     .source = "set by hand: with about 20% of jobs ended in the first quarter it gives the 9.6% "
               "who fall back on the leefloon after a first quarter in work (POD MI, 8 Nov 2017)"},
}};

}  // namespace drempel

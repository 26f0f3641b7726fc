#pragma once
// The planners' input tables (CSV): people on unemployment benefit when the reform starts, and
// new claims under the new rules. docs/inflow-input.md documents both schemas; the readers check
// them and report every problem at once, naming the file, the line and the column.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "models/definitions.hpp"
#include "models/reform_rules.hpp"

namespace drempel {

/// A group of current benefit recipients alike in everything the rules look at.
struct BenefitRecipientGroup {
  std::string region;  ///< region of the table (a scenario region draws a share of it)
  BenefitPeriod period = kFirstPeriod;
  double unemployment_years = 0;  ///< unemployment duration at the reference month
  double career_years = 0;        ///< years of work (312 days a year)
  double age = 0;                 ///< at the reference month
  Household household = kSingle;
  std::int32_t shortage_training_months = 0;  ///< training for a shortage occupation: months left
  std::int64_t count = 0;
  int wave = -1;         ///< index of the transition wave the rules put the group in
  std::size_t line = 0;  ///< line in the file, for messages
};

/// A group of new claims made in one month.
struct NewClaimGroup {
  std::string region;
  std::int32_t claim_month = 0;  ///< months since year 0
  ClaimBasis basis = kWorkBased;
  std::int32_t work_days_36m = 0;
  std::int32_t career_work_days = 0;
  double age = 0;  ///< when the claim starts
  Household household = kSingle;
  std::int64_t count = 0;
  std::size_t line = 0;
};

/// Reads the recipients table. Columns: region, benefit_period (first|second|third|insertion),
/// unemployment_years, career_years, age, household (cohabiting|single|family),
/// shortage_training_months, count. Every group must belong to exactly one of `waves` (the first
/// match). Throws InputError naming the file, line and column of every problem (missing or
/// unknown column, bad number, negative count, unknown period or household, no wave).
std::vector<BenefitRecipientGroup> read_benefit_recipients_csv(
    const std::string& path, std::span<const TransitionWave> waves);

/// Reads the new-claims table. Columns: region, claim_month (YYYY-MM, not before the rule's
/// first_claim_month), basis (work|insertion), work_days_36m (work-based claims: at least the
/// access condition), career_work_days (at least work_days_36m), age, household, count. Throws
/// InputError as above.
std::vector<NewClaimGroup> read_new_claims_csv(const std::string& path, const NewClaimRule& rule);

}  // namespace drempel

#pragma once
// The 2026 unemployment-benefit reform as rules (published texts; models/ODD.md "Reform inflow"
// and scenarios/README.md give the sources): how long a new claim lasts, which transition wave
// a current recipient belongs to, and who keeps the benefit by exception.
//
// The rules' numbers are scenario parameters (they change by law); the functions here only apply
// them, so planners' tests can work them by hand.
#include <array>
#include <cstdint>
#include <span>
#include <string>

namespace drempel {

/// The benefit period a current recipient is in (unemployment insurance), or the insertion
/// allowance of school leavers.
enum BenefitPeriod : std::uint8_t {
  kFirstPeriod,
  kSecondPeriod,
  kThirdPeriod,
  kInsertionAllowance,
  kBenefitPeriodCount
};
inline constexpr std::array<const char*, kBenefitPeriodCount> kBenefitPeriodNames = {
    "first", "second", "third", "insertion"};

/// What a new claim rests on: work history (full unemployment) or studies (insertion allowance).
enum ClaimBasis : std::uint8_t { kWorkBased, kInsertionBased, kClaimBasisCount };
inline constexpr std::array<const char*, kClaimBasisCount> kClaimBasisNames = {"work", "insertion"};

/// Duration of claims made under the new rules (from 1 March 2026).
struct NewClaimRule {
  std::int32_t first_claim_month = 0;       ///< months since year 0 of the first new-rule claim
  std::int32_t access_work_days_36m = 312;  ///< work days in the last 36 months for access
  std::int32_t base_months = 12;            ///< every admitted claim
  std::int32_t work_days_per_extra_month = 104;  ///< further work days that add one month
  std::int32_t max_extra_months = 12;            ///< so at most base + this in all
  std::int32_t insertion_months = 12;            ///< cap of the insertion allowance
};

/// Months of benefit of a new claim: `base_months` plus one month per `work_days_per_extra_month`
/// of career work days beyond the `access_work_days_36m` that gave access (at most
/// `max_extra_months`); `insertion_months` for an insertion allowance. Returns -1 for a work-based
/// claim below the access condition (no benefit at all). Negative day counts are treated as 0.
std::int32_t new_claim_benefit_months(const NewClaimRule& rule, ClaimBasis basis,
                                      std::int32_t work_days_36m, std::int32_t career_work_days);

/// One transition wave: current recipients of `period` with unemployment duration in
/// [unemployment_years_from, unemployment_years_to) lose the benefit at `loss_month`, or
/// staggered evenly over `spread_months` months from it.
struct TransitionWave {
  BenefitPeriod period = kFirstPeriod;
  double unemployment_years_from = 0;
  double unemployment_years_to = 0;
  std::int32_t loss_month = 0;  ///< months since year 0: the month the right ends
  std::int32_t spread_months = 1;
};

/// Index of the first wave whose period matches and whose duration range holds
/// `unemployment_years`; -1 when none does.
int wave_of(std::span<const TransitionWave> waves, BenefitPeriod period, double unemployment_years);

/// Who keeps the benefit: age `min_age` or more with a career of `min_career_years` or more
/// (`min_career_years_later` for losses from `later_from_month`).
struct BenefitExceptions {
  double min_age = 55;
  double min_career_years = 30;
  double min_career_years_later = 35;
  std::int32_t later_from_month = 0;  ///< months since year 0
};

/// True when a person of `age_at_loss` with `career_years` keeps the benefit at `loss_month`.
bool keeps_benefit(const BenefitExceptions& rule, double age_at_loss, double career_years,
                   std::int32_t loss_month);

}  // namespace drempel

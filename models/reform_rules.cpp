#include "models/reform_rules.hpp"

#include <algorithm>

namespace drempel {

std::int32_t new_claim_benefit_months(const NewClaimRule& rule, ClaimBasis basis,
                                      std::int32_t work_days_36m, std::int32_t career_work_days) {
  if (basis == kInsertionBased) return rule.insertion_months;
  if (std::max(0, work_days_36m) < rule.access_work_days_36m) return -1;
  const std::int32_t further = std::max(0, career_work_days - rule.access_work_days_36m);
  const std::int32_t extra =
      rule.work_days_per_extra_month > 0 ? further / rule.work_days_per_extra_month : 0;
  return rule.base_months + std::min(extra, rule.max_extra_months);
}

int wave_of(std::span<const TransitionWave> waves, BenefitPeriod period,
            double unemployment_years) {
  for (std::size_t w = 0; w < waves.size(); ++w)
    if (waves[w].period == period && unemployment_years >= waves[w].unemployment_years_from &&
        unemployment_years < waves[w].unemployment_years_to)
      return static_cast<int>(w);
  return -1;
}

bool keeps_benefit(const BenefitExceptions& rule, double age_at_loss, double career_years,
                   std::int32_t loss_month) {
  const double career_needed =
      loss_month >= rule.later_from_month ? rule.min_career_years_later : rule.min_career_years;
  return age_at_loss >= rule.min_age && career_years >= career_needed;
}

}  // namespace drempel

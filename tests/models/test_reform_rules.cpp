// The reform's rules: new-claim duration, transition waves, exceptions (worked by hand).
#include <catch2/catch.hpp>

#include "engine/scenario.hpp"
#include "models/reform_rules.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;

TEST_CASE("new-claim duration: 12 months plus one per further 104 work days, at most 24") {
  const NewClaimRule rule;  // 312 days in 36 months; 12 + 1 per 104 further days, <= 12 extra
  struct Case {
    ClaimBasis basis;
    std::int32_t days_36m, career_days, months;
  };
  // Worked by hand: further days = career - 312; extra = floor(further / 104), capped at 12.
  const Case cases[] = {
      {kWorkBased, 312, 312, 12},   // exactly the access condition: the base only
      {kWorkBased, 312, 415, 12},   // 103 further days: not yet a month
      {kWorkBased, 312, 416, 13},   // 104 further days: one month
      {kWorkBased, 400, 1040, 19},  // 728 further days = 7 x 104
      {kWorkBased, 600, 1559, 23},  // 1,247 further days: 11 months (1,248 would be 12)
      {kWorkBased, 600, 1560, 24},  // 1,248 = 12 x 104: the maximum
      {kWorkBased, 900, 9000, 24},  // a long career: still 24
      {kWorkBased, 311, 9000, -1},  // below 312 days in 36 months: no benefit
      {kWorkBased, 0, 0, -1},
      {kInsertionBased, 0, 0, 12},  // insertion allowance: one year
      {kInsertionBased, 900, 9000, 12},
  };
  for (const Case& c : cases) {
    INFO("days in 36 months " << c.days_36m << ", career days " << c.career_days);
    CHECK(new_claim_benefit_months(rule, c.basis, c.days_36m, c.career_days) == c.months);
  }
}

TEST_CASE("the shipped waves put each benefit period and duration in its published month") {
  const ModelParameters p = test::baseline_parameters();
  const auto& waves = p.inflow.waves;
  auto loss = [&](BenefitPeriod period, double years) {
    const int w = wave_of(waves, period, years);
    return w < 0 ? std::string("none")
                 : format_month(waves[static_cast<std::size_t>(w)].loss_month);
  };
  CHECK(loss(kThirdPeriod, 20.0) == "2026-01");  // 20 years or more
  CHECK(loss(kThirdPeriod, 35.0) == "2026-01");
  CHECK(loss(kThirdPeriod, 19.9) == "2026-03");  // 8 to 20 years
  CHECK(loss(kThirdPeriod, 8.0) == "2026-03");
  CHECK(loss(kThirdPeriod, 7.9) == "2026-04");  // less than 8 years
  CHECK(loss(kThirdPeriod, 0.0) == "2026-04");
  CHECK(loss(kSecondPeriod, 3.0) == "2026-07");
  CHECK(loss(kFirstPeriod, 0.5) == "2026-07");
  CHECK(waves[static_cast<std::size_t>(wave_of(waves, kFirstPeriod, 0.5))].spread_months == 13);
  CHECK(loss(kInsertionAllowance, 1.0) == "2026-01");  // a year or more of insertion allowance
  CHECK(loss(kInsertionAllowance, 0.5) == "none");     // not in a published wave
}

TEST_CASE("people of 55 or more with a 30-year career keep the benefit, 35 years from 2030") {
  BenefitExceptions rule;
  std::int32_t y2026 = 0, y2030 = 0;
  REQUIRE(parse_month("2026-07", y2026));
  REQUIRE(parse_month("2030-01", y2030));
  rule.later_from_month = y2030;
  CHECK(keeps_benefit(rule, 55.0, 30.0, y2026));
  CHECK_FALSE(keeps_benefit(rule, 54.9, 40.0, y2026));  // too young
  CHECK_FALSE(keeps_benefit(rule, 60.0, 29.9, y2026));  // career too short
  CHECK_FALSE(keeps_benefit(rule, 60.0, 32.0, y2030));  // from 2030: 35 years needed
  CHECK(keeps_benefit(rule, 60.0, 35.0, y2030));
  CHECK(keeps_benefit(rule, 60.0, 32.0, y2030 - 1));
}

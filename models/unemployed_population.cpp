#include "models/unemployed_population.hpp"

#include <algorithm>

#include "engine/csv_table.hpp"
#include "engine/scenario.hpp"

namespace drempel {
namespace {

template <std::size_t N>
std::vector<std::string> names_of(const std::array<const char*, N>& names) {
  return {names.begin(), names.end()};
}

template <std::size_t N>
std::size_t index_of(const std::array<const char*, N>& names, const std::string& value) {
  return static_cast<std::size_t>(std::find(names.begin(), names.end(), value) - names.begin());
}

}  // namespace

std::vector<BenefitRecipientGroup> read_benefit_recipients_csv(
    const std::string& path, std::span<const TransitionWave> waves) {
  const CsvTable table = read_csv_table(path);
  CsvReader r(table);
  const std::size_t c_region = r.column("region");
  const std::size_t c_period = r.column("benefit_period");
  const std::size_t c_years = r.column("unemployment_years");
  const std::size_t c_career = r.column("career_years");
  const std::size_t c_age = r.column("age");
  const std::size_t c_household = r.column("household");
  const std::size_t c_training = r.column("shortage_training_months");
  const std::size_t c_count = r.column("count");
  const auto periods = names_of(kBenefitPeriodNames);
  const auto households = names_of(kHouseholdNames);
  std::vector<BenefitRecipientGroup> out;
  out.reserve(r.rows());
  for (std::size_t i = 0; i < r.rows(); ++i) {
    BenefitRecipientGroup g;
    g.line = r.line(i);
    g.region = r.text(i, c_region);
    const std::size_t issues_before = r.issues().size();
    g.period =
        static_cast<BenefitPeriod>(index_of(kBenefitPeriodNames, r.choice(i, c_period, periods)));
    g.unemployment_years = r.number(i, c_years, 0, 100);
    const bool rule_inputs_valid = r.issues().size() == issues_before;
    g.career_years = r.number(i, c_career, 0, 100);
    g.age = r.number(i, c_age, 15, 120);
    g.household =
        static_cast<Household>(index_of(kHouseholdNames, r.choice(i, c_household, households)));
    g.shortage_training_months = static_cast<std::int32_t>(r.integer(i, c_training, 0, 120));
    g.count = r.integer(i, c_count, 0, 100'000'000);
    if (rule_inputs_valid && c_period != CsvReader::kMissingColumn &&
        c_years != CsvReader::kMissingColumn) {
      g.wave = wave_of(waves, g.period, g.unemployment_years);
      if (g.wave < 0)
        r.add_issue(i, c_years,
                    "a benefit period and unemployment duration that one of the scenario's "
                    "/inflow/waves covers",
                    std::string(kBenefitPeriodNames[g.period]) + " period with " +
                        format_number(g.unemployment_years) + " years of unemployment");
    }
    out.push_back(std::move(g));
  }
  r.finish();
  return out;
}

std::vector<NewClaimGroup> read_new_claims_csv(const std::string& path, const NewClaimRule& rule) {
  const CsvTable table = read_csv_table(path);
  CsvReader r(table);
  const std::size_t c_region = r.column("region");
  const std::size_t c_month = r.column("claim_month");
  const std::size_t c_basis = r.column("basis");
  const std::size_t c_days = r.column("work_days_36m");
  const std::size_t c_career = r.column("career_work_days");
  const std::size_t c_age = r.column("age");
  const std::size_t c_household = r.column("household");
  const std::size_t c_count = r.column("count");
  const auto bases = names_of(kClaimBasisNames);
  const auto households = names_of(kHouseholdNames);
  std::vector<NewClaimGroup> out;
  out.reserve(r.rows());
  for (std::size_t i = 0; i < r.rows(); ++i) {
    NewClaimGroup g;
    g.line = r.line(i);
    g.region = r.text(i, c_region);
    const std::size_t issues_before = r.issues().size();
    g.claim_month = r.month(i, c_month);
    if (r.issues().size() == issues_before && c_month != CsvReader::kMissingColumn &&
        g.claim_month < rule.first_claim_month)
      r.add_issue(i, c_month,
                  "a month from " + format_month(rule.first_claim_month) +
                      " on (claims under the new rules; earlier claims belong in the recipients "
                      "table)",
                  "\"" + r.raw(i, c_month) + "\"");
    g.basis = static_cast<ClaimBasis>(index_of(kClaimBasisNames, r.choice(i, c_basis, bases)));
    g.work_days_36m = static_cast<std::int32_t>(r.integer(i, c_days, 0, 936));
    g.career_work_days = static_cast<std::int32_t>(r.integer(i, c_career, 0, 50 * 312));
    const bool days_valid = r.issues().size() == issues_before;
    if (days_valid && g.basis == kWorkBased && c_days != CsvReader::kMissingColumn &&
        g.work_days_36m < rule.access_work_days_36m)
      r.add_issue(i, c_days,
                  "at least " + std::to_string(rule.access_work_days_36m) +
                      " work days for a work-based claim (the access condition)",
                  "\"" + r.raw(i, c_days) + "\"");
    if (days_valid && c_career != CsvReader::kMissingColumn && g.career_work_days < g.work_days_36m)
      r.add_issue(i, c_career, "at least work_days_36m (" + std::to_string(g.work_days_36m) + ")",
                  "\"" + r.raw(i, c_career) + "\"");
    g.age = r.number(i, c_age, 15, 120);
    g.household =
        static_cast<Household>(index_of(kHouseholdNames, r.choice(i, c_household, households)));
    g.count = r.integer(i, c_count, 0, 100'000'000);
    out.push_back(std::move(g));
  }
  r.finish();
  return out;
}

}  // namespace drempel

#include "models/inflow.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "models/parameters.hpp"

namespace drempel {
namespace {

UncertainValue read_uncertain(ScenarioReader& r, const std::string& pointer, double min,
                              double max) {
  UncertainValue v;
  const std::size_t issues_before = r.issues().size();
  v.low = r.number(pointer + "/low", min, max);
  v.central = r.number(pointer + "/central", min, max);
  v.high = r.number(pointer + "/high", min, max);
  // Order is checked only on valid values (an invalid one reads as a harmless stand-in).
  if (r.issues().size() == issues_before && !(v.low <= v.central && v.central <= v.high))
    r.add_issue(
        pointer, "low <= central <= high",
        std::to_string(v.low) + ", " + std::to_string(v.central) + ", " + std::to_string(v.high));
  return v;
}

std::string resolve_path(const ScenarioDocument& doc, const std::string& pointer,
                         const std::string& value) {
  if (value.empty()) return value;
  const std::filesystem::path path(value);
  if (path.is_absolute()) return value;
  const std::string file = doc.file_of(pointer);
  // Values set with --set are relative to the working directory.
  if (file == "--set") return value;
  return (std::filesystem::path(file).parent_path() / path).lexically_normal().string();
}

// Splits `n` people over `parts` months so that the running total is the rounded running share
// (totals are preserved and nobody is split).
std::int64_t spread_part(std::int64_t n, std::int32_t parts, std::int32_t j) {
  auto upto = [&](std::int32_t k) {
    return static_cast<std::int64_t>(std::llround(static_cast<double>(n) * k / parts));
  };
  return upto(j + 1) - upto(j);
}

// A source of splits: binomial draws from a word sequence, or expected values.
class Splitter {
 public:
  Splitter(const RandomStreams* streams, std::uint32_t entity, std::uint32_t month,
           std::uint16_t stream)
      : words_(streams ? std::optional<WordSequence>(std::in_place, *streams, entity, month, stream)
                       : std::nullopt) {}
  /// Part of `n` with probability p each.
  double take(double n, double p) {
    p = std::clamp(p, 0.0, 1.0);
    if (!words_) return n * p;
    return static_cast<double>(binomial(static_cast<std::uint64_t>(n), p, *words_));
  }

 private:
  std::optional<WordSequence> words_;
};

struct CohortKey {
  std::int32_t loss_month;
  std::uint8_t source;  // 0 waves, 1 new claims
  std::uint8_t household;
  bool staff_subsidy;
  std::uint8_t take_up_group;  // OcmwShareFactors::group
  auto operator<=>(const CohortKey&) const = default;
};

template <std::size_t N>
void read_factors(ScenarioReader& r, const std::string& base,
                  const std::array<const char*, N>& names, std::array<double, N>& out) {
  for (std::size_t i = 0; i < N; ++i) out[i] = r.number(base + "/" + names[i], 0, 10);
}

void read_ocmw_share_factors(ScenarioReader& r, const std::string& b, OcmwShareFactors& f) {
  read_factors(r, b + "/household", kHouseholdNames, f.household);
  read_factors(r, b + "/benefit", kTakeUpBenefitNames, f.benefit);
  read_factors(r, b + "/age", kTakeUpAgeNames, f.age);
  read_factors(r, b + "/unemployment_years", kTakeUpYearsNames, f.unemployment_years);
}

// Up to 24 shares summing to 1 at `pointer`.
std::vector<double> read_lags(ScenarioReader& r, const std::string& pointer) {
  const std::size_t lags = r.array_size(pointer);
  if (lags > 24) r.add_issue(pointer, "at most 24 entries", std::to_string(lags));
  return lags > 0 && lags <= 24 ? r.shares(pointer, lags) : std::vector<double>{1.0};
}

// `application_lag_share`: one array for every household, or an object with one per household.
void read_application_lags(ScenarioReader& r, const ScenarioDocument& doc,
                           const std::string& pointer,
                           std::array<std::vector<double>, kHouseholdCount>& out) {
  const auto node = nlohmann::json::json_pointer(pointer);
  if (r.has(pointer) && doc.root.at(node).is_object()) {
    for (std::size_t h = 0; h < kHouseholdCount; ++h)
      out[h] = read_lags(r, pointer + "/" + kHouseholdNames[h]);
    return;
  }
  const std::vector<double> all = read_lags(r, pointer);
  out.fill(all);
}

// The size of a required array, with an issue (and at most `limit` entries read) when larger.
std::size_t bounded_size(ScenarioReader& r, const std::string& pointer, std::size_t limit) {
  const std::size_t n = r.array_size(pointer);
  if (n > limit)
    r.add_issue(pointer, "at most " + std::to_string(limit) + " entries", std::to_string(n));
  return std::min(n, limit);
}

}  // namespace

double UncertainValue::quantile(double u) const {
  const double width = high - low;
  if (width <= 0) return central;
  const double c = (central - low) / width;
  if (u < c) return low + std::sqrt(u * width * (central - low));
  return high - std::sqrt((1.0 - u) * width * (high - central));
}

InflowParameters read_inflow_parameters(ScenarioReader& r, const ScenarioDocument& doc) {
  InflowParameters x;
  const std::string b = "/inflow";
  x.recipients_csv = resolve_path(doc, b + "/recipients_csv", r.string(b + "/recipients_csv"));
  x.new_claims_csv = resolve_path(doc, b + "/new_claims_csv", r.string(b + "/new_claims_csv"));
  x.reference_month = r.month(b + "/reference_month");

  const std::string c = b + "/new_claims";
  x.new_claims.first_claim_month = r.month(c + "/first_claim_month");
  x.new_claims.access_work_days_36m =
      static_cast<std::int32_t>(r.integer(c + "/access_work_days_36m", 0, 936));
  x.new_claims.base_months = static_cast<std::int32_t>(r.integer(c + "/base_months", 1, 120));
  x.new_claims.work_days_per_extra_month =
      static_cast<std::int32_t>(r.integer(c + "/work_days_per_extra_month", 1, 10000));
  x.new_claims.max_extra_months =
      static_cast<std::int32_t>(r.integer(c + "/max_extra_months", 0, 120));
  x.new_claims.insertion_months =
      static_cast<std::int32_t>(r.integer(c + "/insertion_months", 1, 120));
  x.uncertain[kNewClaimJobFinding] = read_uncertain(r, c + "/job_finding_per_month", 0, 1);

  const std::size_t waves = bounded_size(r, b + "/waves", 100);
  for (std::size_t i = 0; i < waves; ++i) {
    const std::string w = b + "/waves/" + std::to_string(i);
    TransitionWave wave;
    const std::string period = r.string(w + "/benefit_period");
    const auto it = std::find(kBenefitPeriodNames.begin(), kBenefitPeriodNames.end(), period);
    if (it == kBenefitPeriodNames.end() && !period.empty())
      r.add_issue(w + "/benefit_period", "one of first, second, third, insertion",
                  "\"" + period + "\"");
    else
      wave.period = static_cast<BenefitPeriod>(it - kBenefitPeriodNames.begin());
    wave.unemployment_years_from = r.number(w + "/unemployment_years_from", 0, 100);
    wave.unemployment_years_to = r.number(w + "/unemployment_years_to", 0, 100);
    if (wave.unemployment_years_to <= wave.unemployment_years_from && r.has(w))
      r.add_issue(w + "/unemployment_years_to", "more than unemployment_years_from",
                  std::to_string(wave.unemployment_years_to));
    wave.loss_month = r.month(w + "/loss_month");
    wave.spread_months = static_cast<std::int32_t>(r.integer(w + "/spread_months", 1, 120));
    x.waves.push_back(wave);
  }

  const std::string e = b + "/exceptions";
  x.exceptions.min_age = r.number(e + "/min_age", 0, 120);
  x.exceptions.min_career_years = r.number(e + "/min_career_years", 0, 100);
  x.exceptions.min_career_years_later = r.number(e + "/min_career_years_later", 0, 100);
  x.exceptions.later_from_month = r.month(e + "/later_from_month");

  const std::string d = b + "/destinations";
  x.uncertain[kWorkShare] = read_uncertain(r, d + "/work_share", 0, 1);
  x.uncertain[kSicknessShare] = read_uncertain(r, d + "/sickness_benefit_share", 0, 1);
  x.uncertain[kOcmwShare] = read_uncertain(r, d + "/ocmw_share", 0, 1);
  const double highest = x.uncertain[kWorkShare].high + x.uncertain[kSicknessShare].high +
                         x.uncertain[kOcmwShare].high;
  if (highest > 1.0 + 1e-9 && r.has(d))
    r.add_cross_issue(
        {d + "/work_share/high", d + "/sickness_benefit_share/high", d + "/ocmw_share/high"},
        "high values of work, sickness and OCMW shares that sum to at most 1",
        "a sum of " + std::to_string(highest));
  read_ocmw_share_factors(r, b + "/ocmw_share_factor", x.ocmw_share_factor);
  read_application_lags(r, doc, b + "/application_lag_share", x.application_lag_share);
  for (int h = 0; h < kHouseholdCount; ++h)
    x.uncertain[kAwardCohabiting + h] =
        read_uncertain(r, b + "/award_share/" + kHouseholdNames[static_cast<std::size_t>(h)], 0, 1);
  x.uncertain[kLeefloonExit] = read_uncertain(r, b + "/leefloon_exit_per_month", 0, 1);

  const std::string m = b + "/reimbursement";
  const std::size_t years = bounded_size(r, m + "/reform_share_by_year", 200);
  for (std::size_t i = 0; i < years; ++i) {
    const std::string y = m + "/reform_share_by_year/" + std::to_string(i);
    const auto year = static_cast<std::int32_t>(r.integer(y + "/year", 1900, 2200));
    const double share = r.number(y + "/share", 0, 1);
    if (!x.reform_reimbursement_by_year.empty() &&
        year <= x.reform_reimbursement_by_year.back().first)
      r.add_issue(y + "/year", "years in ascending order", std::to_string(year));
    x.reform_reimbursement_by_year.emplace_back(year, share);
  }
  x.standard_reimbursement_share = r.number(m + "/standard_share", 0, 1);
  const std::size_t tiers = bounded_size(r, m + "/tiers", 100);
  for (std::size_t i = 0; i < tiers; ++i) {
    const std::string t = m + "/tiers/" + std::to_string(i);
    ReimbursementTier tier{r.number(t + "/from_recipients", 0, 1e9), r.number(t + "/share", 0, 1)};
    if (!x.reimbursement_tiers.empty() &&
        tier.from_recipients <= x.reimbursement_tiers.back().from_recipients)
      r.add_issue(t + "/from_recipients", "ascending thresholds",
                  std::to_string(tier.from_recipients));
    x.reimbursement_tiers.push_back(tier);
  }
  x.staff_subsidy_eur_per_file_per_year =
      r.number(m + "/staff_subsidy_eur_per_file_per_year", 0, 1e6);
  const std::size_t subsidy_months = bounded_size(r, m + "/staff_subsidy_loss_months", 1200);
  for (std::size_t i = 0; i < subsidy_months; ++i)
    x.staff_subsidy_loss_months.push_back(
        r.month(m + "/staff_subsidy_loss_months/" + std::to_string(i)));
  return x;
}

void load_inflow_tables(ModelParameters& p, const ScenarioDocument& doc) {
  InflowParameters& x = p.inflow;
  std::vector<ScenarioIssue> issues;
  auto collect = [&](auto&& read) {
    try {
      read();
    } catch (const InputError& e) {
      issues.insert(issues.end(), e.issues().begin(), e.issues().end());
    }
  };
  collect([&] { x.recipients = read_benefit_recipients_csv(x.recipients_csv, x.waves); });
  collect([&] { x.claims = read_new_claims_csv(x.new_claims_csv, x.new_claims); });
  if (!issues.empty()) throw InputError(std::move(issues));
  std::set<std::string> names;
  for (const auto& row : x.recipients) names.insert(row.region);
  for (const auto& row : x.claims) names.insert(row.region);
  for (std::size_t g = 0; g < p.regions.size(); ++g) {
    const std::string pointer = "/regions/" + std::to_string(g) + "/reform_population/table_region";
    if (names.count(p.regions[g].reform_table_region) == 0) {
      std::string known;
      for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
      issues.push_back({doc.file_of(pointer), pointer,
                        "a region of the inflow tables (" + (known.empty() ? "none" : known) + ")",
                        "\"" + p.regions[g].reform_table_region + "\""});
    }
  }
  if (!issues.empty()) throw InputError(std::move(issues));
}

std::uint8_t OcmwShareFactors::group(TakeUpBenefit benefit, double age, double unemployment_years) {
  const int a = age < 25 ? kAgeUnder25 : age < 50 ? kAge25To49 : kAge50Up;
  const int y = unemployment_years < 2   ? kYearsUnder2
                : unemployment_years < 8 ? kYears2To8
                                         : kYears8Up;
  return static_cast<std::uint8_t>(
      (int{benefit} * int{kTakeUpAgeCount} + a) * int{kTakeUpYearsCount} + y);
}

double OcmwShareFactors::factor(int h, std::uint8_t g) const {
  const int y = g % kTakeUpYearsCount, a = (g / kTakeUpYearsCount) % kTakeUpAgeCount,
            b = g / (int{kTakeUpYearsCount} * int{kTakeUpAgeCount});
  return household[static_cast<std::size_t>(h)] * benefit[static_cast<std::size_t>(b)] *
         age[static_cast<std::size_t>(a)] * unemployment_years[static_cast<std::size_t>(y)];
}

InflowDraw central_inflow_draw(const InflowParameters& inflow) {
  InflowDraw d{};
  for (std::size_t i = 0; i < d.size(); ++i) d[i] = inflow.uncertain[i].central;
  return d;
}

InflowDraw draw_inflow_parameters(const InflowParameters& inflow, const RandomStreams& streams) {
  InflowDraw d{};
  for (std::size_t i = 0; i < d.size(); ++i)
    d[i] = inflow.uncertain[i].quantile(
        to_unit(streams.words(static_cast<std::uint32_t>(i), 0, kStreamInflowParameters)[0]));
  return d;
}

InflowSeries compute_inflow(const ModelParameters& p, const InflowDraw& draw,
                            const RandomStreams* streams) {
  const InflowParameters& x = p.inflow;
  const auto regions = static_cast<std::int32_t>(p.regions.size());
  InflowSeries s;
  s.months = p.months;
  s.regions = regions;
  const std::size_t cells = static_cast<std::size_t>(p.months) * static_cast<std::size_t>(regions);
  for (auto* v :
       {&s.losses_waves, &s.losses_new_claims, &s.applications, &s.awards, &s.leefloon_stock,
        &s.caseworker_fte_needed, &s.cost_gross_eur, &s.cost_net_eur, &s.lost_to_date})
    v->assign(cells, 0.0);
  s.destinations.assign(cells * kDestinationCount, 0.0);

  const std::int32_t last = p.start_month + p.months - 1;
  const std::set<std::int32_t> subsidy_months(x.staff_subsidy_loss_months.begin(),
                                              x.staff_subsidy_loss_months.end());

  for (std::int32_t g = 0; g < regions; ++g) {
    const RegionParameters& region = p.regions[static_cast<std::size_t>(g)];
    std::map<CohortKey, double> cohorts;
    auto add_cohort = [&](std::int32_t loss, std::uint8_t source, Household h, std::uint8_t group,
                          double n) {
      if (n <= 0 || loss > last) return;
      cohorts[{loss, source, h, source == 0 && subsidy_months.count(loss) > 0, group}] += n;
    };

    // Current recipients: the region's share of its table region, rounded with the remainder
    // carried from group to group; a wave spread over months in the same way.
    double taken = 0, total = 0;
    for (const auto& row : x.recipients) {
      if (row.region != region.reform_table_region) continue;
      total += static_cast<double>(row.count);
      const double target = std::round(total * region.reform_population_share);
      const auto n = static_cast<std::int64_t>(target - taken);
      taken = target;
      const TransitionWave& wave = x.waves[static_cast<std::size_t>(row.wave)];
      for (std::int32_t j = 0; j < wave.spread_months; ++j) {
        const std::int64_t part = spread_part(n, wave.spread_months, j);
        // Training for a shortage occupation keeps the benefit until the training ends.
        const std::int32_t loss = wave.loss_month + j + row.shortage_training_months;
        const double age = row.age + (loss - x.reference_month) / 12.0;
        const double career = row.career_years;
        if (keeps_benefit(x.exceptions, age, career, loss)) continue;
        const double years = row.unemployment_years + (loss - x.reference_month) / 12.0;
        add_cohort(loss, 0, row.household,
                   OcmwShareFactors::group(
                       row.period == kInsertionAllowance ? kTakeUpInsertion : kTakeUpUnemployment,
                       age, years),
                   static_cast<double>(part));
      }
    }
    // New claims: those still unemployed when the benefit runs out lose it.
    taken = 0;
    total = 0;
    for (std::size_t k = 0; k < x.claims.size(); ++k) {
      const NewClaimGroup& row = x.claims[k];
      if (row.region != region.reform_table_region) continue;
      total += static_cast<double>(row.count);
      const double target = std::round(total * region.reform_population_share);
      const double n = target - taken;
      taken = target;
      const std::int32_t months = new_claim_benefit_months(x.new_claims, row.basis,
                                                           row.work_days_36m, row.career_work_days);
      if (months < 0) continue;
      const std::int32_t loss = row.claim_month + months;
      const double age = row.age + months / 12.0;
      const double career = row.career_work_days / 312.0;
      if (keeps_benefit(x.exceptions, age, career, loss)) continue;
      Splitter split(streams, static_cast<std::uint32_t>(k), static_cast<std::uint32_t>(g),
                     kStreamNewClaimSurvival);
      const std::uint8_t group = OcmwShareFactors::group(
          row.basis == kInsertionBased ? kTakeUpInsertion : kTakeUpUnemployment, age,
          months / 12.0);
      add_cohort(loss, 1, row.household, group,
                 split.take(n, std::pow(1.0 - draw[kNewClaimJobFinding], months)));
    }

    // The timeline runs from the first loss (possibly before the start month) to the horizon.
    std::int32_t first = p.start_month;
    for (const auto& [key, n] : cohorts) first = std::min(first, key.loss_month);
    const auto span = static_cast<std::size_t>(last - first + 2);
    std::vector<double> loss_w(span), loss_n(span), apply(span), award(span), refuse(span),
        to_work(span), to_sick(span), to_none(span);
    std::array<std::array<std::vector<double>, 2>, kHouseholdCount> award_by{};
    for (auto& h : award_by)
      for (auto& v : h) v.assign(span, 0.0);
    for (const auto& [key, n] : cohorts) {
      const auto i = static_cast<std::size_t>(key.loss_month - first);
      const std::uint32_t entity = (static_cast<std::uint32_t>(key.source) << 31) |
                                   (static_cast<std::uint32_t>(key.staff_subsidy) << 30) |
                                   (static_cast<std::uint32_t>(key.household) << 28) |
                                   (static_cast<std::uint32_t>(key.take_up_group) << 20) |
                                   (static_cast<std::uint32_t>(key.loss_month) & 0x000fffffu);
      Splitter split(streams, entity, static_cast<std::uint32_t>(g), kStreamReformArrivals);
      (key.source == 0 ? loss_w : loss_n)[i] += n;
      const double work = split.take(n, draw[kWorkShare]);
      const double rest1 = 1.0 - draw[kWorkShare];
      const double sick = split.take(n - work, rest1 > 0 ? draw[kSicknessShare] / rest1 : 0.0);
      const double rest2 = rest1 - draw[kSicknessShare];
      // The group's OCMW share, capped at what work and sickness benefit leave.
      const double ocmw_share = std::min(
          rest2, draw[kOcmwShare] * x.ocmw_share_factor.factor(key.household, key.take_up_group));
      const double ocmw = split.take(n - work - sick, rest2 > 0 ? ocmw_share / rest2 : 0.0);
      to_work[i] += work;
      to_sick[i] += sick;
      to_none[i] += n - work - sick - ocmw;
      // Applications k months after the loss month (k = 0: the month the benefit ends, its first
      // month without payment: people told that their right ends on the first of a month can
      // apply in that month).
      double left = ocmw, share_left = 1.0;
      const std::vector<double>& lag = x.application_lag_share[key.household];
      for (std::size_t k = 0; k < lag.size(); ++k) {
        const bool final_lag = k + 1 == lag.size();
        const double q = share_left > 0 ? lag[k] / share_left : 1.0;
        const double here = final_lag ? left : split.take(left, q);
        left -= here;
        share_left -= lag[k];
        const std::size_t a = i + k;
        if (a >= span) continue;  // after the horizon
        const double awarded = split.take(here, draw[kAwardCohabiting + key.household]);
        apply[a] += here;
        award[a] += awarded;
        refuse[a] += here - awarded;
        award_by[key.household][key.staff_subsidy ? 1 : 0][a] += awarded;
      }
    }

    // Leefloon files: the month's exits from the stock at its start, then its awards.
    std::array<std::array<double, 2>, kHouseholdCount> stock{};
    double cum_lost = 0, cum_work = 0, cum_sick = 0, cum_none = 0, cum_apply = 0, cum_refused = 0,
           cum_left = 0, cum_ocmw_bound = 0;
    for (std::size_t i = 0; i + 1 < span; ++i) {
      const std::int32_t month = first + static_cast<std::int32_t>(i);
      double exits = 0, files = 0, subsidised = 0, gross = 0;
      for (std::uint8_t h = 0; h < kHouseholdCount; ++h)
        for (int f = 0; f < 2; ++f) {
          Splitter split(streams, static_cast<std::uint32_t>(g * 8 + h * 2 + f),
                         static_cast<std::uint32_t>(month), kStreamLeefloonExits);
          const double out = split.take(stock[h][f], draw[kLeefloonExit]);
          stock[h][f] += award_by[h][f][i] - out;
          exits += out;
          files += stock[h][f];
          subsidised += f == 1 ? stock[h][f] : 0.0;
          gross += stock[h][f] * p.leefloon_eur_per_month[h];
        }
      const double lost = loss_w[i] + loss_n[i];
      cum_lost += lost;
      cum_work += to_work[i];
      cum_sick += to_sick[i];
      cum_none += to_none[i];
      cum_ocmw_bound += lost - to_work[i] - to_sick[i] - to_none[i];
      cum_apply += apply[i];
      cum_refused += refuse[i];
      cum_left += exits;
      if (month < p.start_month) continue;
      const std::size_t cell = s.at(month - p.start_month, g);
      s.losses_waves[cell] = loss_w[i];
      s.losses_new_claims[cell] = loss_n[i];
      s.applications[cell] = apply[i];
      s.awards[cell] = award[i];
      s.leefloon_stock[cell] = files;
      s.caseworker_fte_needed[cell] = files / p.caseworkers.caseload_norm_files_per_fte;
      // Reimbursement: the reform's share of the latest listed year up to this one ("75% from
      // 2029" holds after 2029 too); before the first listed year, the standard share for the
      // OCMW's number of recipients. The staff subsidy for files of the qualifying waves.
      const std::int32_t year = month / 12;
      double share = -1;
      for (const auto& [y, v] : x.reform_reimbursement_by_year)
        if (y <= year) share = v;
      if (share < 0) {
        share = x.standard_reimbursement_share;
        const double recipients = region.leefloon_recipients_before_reform + files;
        for (const auto& tier : x.reimbursement_tiers)
          if (recipients >= tier.from_recipients) share = tier.share;
      }
      s.cost_gross_eur[cell] = gross;
      s.cost_net_eur[cell] =
          gross * (1.0 - share) - subsidised * x.staff_subsidy_eur_per_file_per_year / 12.0;
      s.lost_to_date[cell] = cum_lost;
      double* dest = &s.destinations[cell * kDestinationCount];
      dest[kDestinationWork] = cum_work;
      dest[kDestinationSickness] = cum_sick;
      dest[kDestinationAwaitingApplication] = cum_ocmw_bound - cum_apply;
      dest[kDestinationLeefloon] = files;
      dest[kDestinationLeftLeefloon] = cum_left;
      dest[kDestinationRefused] = cum_refused;
      dest[kDestinationNoApplication] = cum_none;
    }
  }
  return s;
}

}  // namespace drempel

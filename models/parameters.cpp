#include "models/parameters.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

namespace drempel {
namespace {

template <std::size_t N, class Names>
std::array<double, N> named_numbers(ScenarioReader& r, const std::string& base, const Names& names,
                                    double min, double max) {
  std::array<double, N> out{};
  for (std::size_t i = 0; i < N; ++i) out[i] = r.number(base + "/" + names[i], min, max);
  return out;
}

template <std::size_t N>
std::array<double, N> fixed_numbers(ScenarioReader& r, const std::string& pointer, double min,
                                    double max) {
  std::array<double, N> out{};
  const auto v = r.numbers(pointer, N, min, max);
  if (v.size() == N) std::copy(v.begin(), v.end(), out.begin());
  return out;
}

template <std::size_t N>
std::array<double, N> fixed_shares(ScenarioReader& r, const std::string& pointer) {
  std::array<double, N> out{};
  const auto v = r.shares(pointer, N);
  if (v.size() == N) std::copy(v.begin(), v.end(), out.begin());
  return out;
}

ArrivalProfile read_profile(ScenarioReader& r, const std::string& base) {
  ArrivalProfile p;
  for (int d = 0; d < kDomainCount; ++d)
    p.domain_level_share[d] =
        fixed_shares<kDomainLevels>(r, base + "/domain_level_share/" + kDomainNames[d]);
  p.dutch_level_share = fixed_shares<kDutchLevels>(r, base + "/dutch_level_share");
  p.household_share = fixed_shares<kHouseholdCount>(r, base + "/household_share");
  p.housing_status_share = fixed_shares<kHousingStatusCount>(r, base + "/housing_status_share");
  p.social_housing_registered_share = r.number(base + "/social_housing_registered_share", 0, 1);
  p.motivation_level_share = fixed_shares<kMotivationLevels>(r, base + "/motivation_level_share");
  p.trust_level_share = fixed_shares<kTrustLevels>(r, base + "/trust_level_share");
  p.job_ready_share = r.number(base + "/job_ready_share", 0, 1);
  p.young_child_share = r.number(base + "/young_child_share", 0, 1);
  p.digital_skills_share = r.number(base + "/digital_skills_share", 0, 1);
  p.driving_licence_share = r.number(base + "/driving_licence_share", 0, 1);
  p.car_share_of_licensed = r.number(base + "/car_share_of_licensed", 0, 1);
  return p;
}

void read_regions(ScenarioReader& r, const ScenarioDocument& doc, ModelParameters& p) {
  const std::size_t n = r.array_size("/regions");
  std::set<std::string> names;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string b = "/regions/" + std::to_string(i);
    RegionParameters g;
    g.name = r.string(b + "/name");
    if (!g.name.empty() && !names.insert(g.name).second)
      r.add_issue(b + "/name", "a region name used once", "\"" + g.name + "\" again");
    g.inhabitants = r.number(b + "/inhabitants", 1, 1e8);
    g.initial_clients = r.integer(b + "/initial_clients", 0, 100'000'000);
    // Unbounded here: the budget (/caseworkers/budget_fte) bounds it.
    g.caseworker_fte = r.number(b + "/caseworker_fte", 0, std::numeric_limits<double>::infinity());
    g.reform_share_of_flanders = r.number(b + "/reform_share_of_flanders", 0, 1);
    g.ordinary_applications_per_month = r.number(b + "/ordinary_applications_per_month", 0, 1e7);
    g.social_dwellings = r.number(b + "/social_dwellings", 0, 1e7);
    g.interpreter_hours_per_month = r.number(b + "/interpreter_hours_per_month", 0, 1e7);
    g.childcare_places_per_month = r.number(b + "/childcare_places_per_month", 0, 1e7);
    g.transit = read_transit_definition(r, doc, b + "/transit");
    if (g.transit.places.size() > 255)
      r.add_issue(b + "/transit/places", "at most 255 places per region",
                  std::to_string(g.transit.places.size()));
    g.labour_market = read_labour_market(r, doc, b + "/labour_market", g.transit);
    p.regions.push_back(g);
  }
  if (n > std::numeric_limits<std::uint16_t>::max())
    r.add_issue("/regions", "at most 65535 regions", std::to_string(n));
}

void read_reform(ScenarioReader& r, ModelParameters& p) {
  const std::string b = "/arrivals/reform";
  const std::size_t waves = r.array_size(b + "/waves");
  if (waves > 1000) r.add_issue(b + "/waves", "at most 1000 waves", std::to_string(waves));
  for (std::size_t i = 0; i < waves; ++i) {
    const std::string w = b + "/waves/" + std::to_string(i);
    ReformWave wave;
    wave.loss_month = r.month(w + "/loss_month");
    wave.flanders_people = r.number(w + "/flanders_people", 0, 1e8);
    wave.spread_months = static_cast<std::int32_t>(r.integer(w + "/spread_months", 1, 120));
    p.reform_waves.push_back(wave);
  }
  p.reform_take_up_share = r.number(b + "/ocmw_take_up_share", 0, 1);
  const std::size_t lags = r.array_size(b + "/application_lag_share");
  if (lags > 24)
    r.add_issue(b + "/application_lag_share", "at most 24 entries", std::to_string(lags));
  if (lags > 0) p.application_lag_share = r.shares(b + "/application_lag_share", lags);
}

// A monthly probability made of a base and multipliers must stay a probability.
void check_probability(ScenarioReader& r, const std::string& pointer, const char* product,
                       double value) {
  if (value > 1.0)
    r.add_issue(pointer, std::string(product) + " <= 1 (a monthly probability)",
                std::to_string(value));
}

// Competing monthly risks share one uniform draw; they must never add up to more than 1.
void check_competing_risks(ScenarioReader& r, const ModelParameters& p) {
  const double moves[kActiveStageCount] = {
      p.intake_decision_per_month, p.admin_startup_done_per_month, p.stabilisation_done_per_month,
      std::max(p.pre_activation_to_activation_per_month + p.participation_per_month,
               p.crisis_setback_per_month),
      std::max(p.activation_to_employed_per_month, p.crisis_setback_per_month)};
  for (int s = 0; s < kActiveStageCount; ++s) {
    // Drop-out is scaled by the motivation and trust factors: check the largest product.
    const double worst =
        *std::max_element(p.dropout_factor_by_motivation.begin(),
                          p.dropout_factor_by_motivation.end()) *
        *std::max_element(p.dropout_factor_by_trust.begin(), p.dropout_factor_by_trust.end());
    const double total = p.exit_per_month + p.dropout_per_month[s] * worst + moves[s];
    if (total > 1.0 + 1e-12)
      r.add_issue(std::string("/transitions/dropout_per_month/") + kStageNames[s],
                  "exit + drop-out (at the largest motivation x trust factor) + the stage's moves "
                  "to add up to at most 1 per month",
                  std::to_string(total));
  }
}

// One machine holds every client of a replicate and every result in memory; refuse runs that
// cannot fit before any work starts (ids are 32-bit; results are int64/float64 arrays).
void check_size(ScenarioReader& r, const ModelParameters& p) {
  constexpr double kMaxClients = 500e6;  // ~16 GB of client columns
  constexpr double kMaxResultBytes = 16.0 * (1ull << 30);
  double clients = 0;
  for (const auto& g : p.regions) {
    clients +=
        static_cast<double>(g.initial_clients) + g.ordinary_applications_per_month * p.months;
    for (const auto& w : p.reform_waves) clients += w.flanders_people * g.reform_share_of_flanders;
  }
  if (clients > kMaxClients)
    r.add_issue("/regions",
                "at most 500 million clients per replicate (initial + expected arrivals)",
                std::to_string(clients));
  const double cells =
      static_cast<double>(p.replicates) * p.months * static_cast<double>(p.regions.size());
  const double bytes = cells * 8.0 * (kStageCount * kStageCount + 2 * kStageCount + 16);
  if (bytes > kMaxResultBytes)
    r.add_issue("/replicates", "results of at most 16 GiB (replicates x months x regions)",
                std::to_string(bytes / (1ull << 30)) + " GiB");
}

}  // namespace

ModelParameters read_model_parameters(const ScenarioDocument& doc) {
  ScenarioReader r(doc);
  ModelParameters p;
  r.allow("/name");
  r.allow("/description");

  p.start_month = r.month("/start_month");
  p.months = static_cast<std::int32_t>(r.integer("/months", 1, 1200));
  p.replicates = static_cast<std::int32_t>(r.integer("/replicates", 1, 100000));
  p.seed =
      static_cast<std::uint64_t>(r.integer("/seed", 0, std::numeric_limits<std::int64_t>::max()));
  read_regions(r, doc, p);

  const std::size_t issues_before = r.issues().size();
  p.caseworkers = read_caseworker_parameters(r, "/caseworkers", p.regions.size());
  const bool budget_read = std::none_of(
      r.issues().begin() + static_cast<std::ptrdiff_t>(issues_before), r.issues().end(),
      [](const ScenarioIssue& i) { return i.pointer.rfind("/caseworkers/budget_fte", 0) == 0; });
  for (std::size_t g = 0;
       budget_read && g < p.regions.size() && g < p.caseworkers.budget_fte.size(); ++g)
    if (p.regions[g].caseworker_fte > p.caseworkers.budget_fte[g] + 1e-9)
      r.add_issue("/regions/" + std::to_string(g) + "/caseworker_fte",
                  "at most the region's budget (/caseworkers/budget_fte/" + std::to_string(g) +
                      " = " + std::to_string(p.caseworkers.budget_fte[g]) + ")",
                  std::to_string(p.regions[g].caseworker_fte));

  p.demand_hours_by_stage =
      named_numbers<kActiveStageCount>(r, "/demand/hours_per_month_by_stage", kStageNames, 0, 744);
  p.extra_hours_per_crisis_domain = r.number("/demand/extra_hours_per_crisis_domain", 0, 744);
  p.extra_hours_by_dutch_level =
      fixed_numbers<kDutchLevels>(r, "/demand/extra_hours_by_dutch_level", 0, 744);
  p.extra_hours_without_digital_skills =
      r.number("/demand/extra_hours_without_digital_skills", 0, 744);
  p.interpreter_hours_by_dutch_level =
      fixed_numbers<kDutchLevels>(r, "/interpreters/hours_per_month_by_dutch_level", 0, 744);
  p.translation_app_support_penalty =
      r.number("/interpreters/translation_app_support_penalty", 0, 1);
  p.interpreter_eur_per_hour = r.number("/interpreters/eur_per_hour", 0, 1e4);
  p.dropout_factor_by_motivation =
      fixed_numbers<kMotivationLevels>(r, "/motivation/dropout_factor_by_level", 0, 100);
  p.motivation_gain_on_progress = r.number("/motivation/gain_on_progress", 0, 1);
  p.support_factor_by_trust =
      fixed_numbers<kTrustLevels>(r, "/trust/support_factor_by_level", 0, 1);
  p.dropout_factor_by_trust =
      fixed_numbers<kTrustLevels>(r, "/trust/dropout_factor_by_level", 0, 100);
  p.trust_gain_per_month = r.number("/trust/gain_per_month_with_full_support", 0, 1);
  {
    const std::string g = "/gpmi";
    p.gpmi_drafting_hours = r.number(g + "/drafting_hours_per_month", 0, 744);
    p.gpmi_deadline_months = static_cast<std::int32_t>(r.integer(g + "/deadline_months", 1, 120));
    p.gpmi_evaluation_hours_per_month = r.number(g + "/evaluation_hours_per_month", 0, 744);
    p.gpmi_noncompliance_per_month = r.number(g + "/noncompliance_per_month", 0, 1);
    p.gpmi_noncompliance_crisis_factor = r.number(g + "/noncompliance_crisis_factor", 0, 1000);
    p.gpmi_noncompliance_factor_by_trust =
        fixed_numbers<kTrustLevels>(r, g + "/noncompliance_factor_by_trust_level", 0, 1000);
    p.gpmi_sanction_strictness = r.number(g + "/sanction_strictness", 0, 1);
    p.gpmi_sanction_dropout_share = r.number(g + "/sanction_dropout_share", 0, 1);
    const double worst = p.gpmi_noncompliance_per_month *
                         std::max(1.0, p.gpmi_noncompliance_crisis_factor) *
                         *std::max_element(p.gpmi_noncompliance_factor_by_trust.begin(),
                                           p.gpmi_noncompliance_factor_by_trust.end());
    check_probability(r, g + "/noncompliance_crisis_factor",
                      "non-compliance x crisis factor x largest trust factor", worst);
  }
  p.no_childcare_progress_factor = r.number("/childcare/no_childcare_progress_factor", 0, 1);
  p.young_child_ages_out_per_month = r.number("/childcare/young_child_ages_out_per_month", 0, 1);

  p.shock_per_month =
      named_numbers<kDomainCount>(r, "/domains/shock_per_month", kDomainNames, 0, 1);
  p.recovery_per_month = named_numbers<kDomainCount>(
      r, "/domains/recovery_per_month_with_full_support", kDomainNames, 0, 1);

  const std::string t = "/transitions";
  p.unsupported_progress_share = r.number(t + "/unsupported_progress_share", 0, 1);
  p.intake_decision_per_month = r.number(t + "/intake_decision_per_month", 0, 1);
  p.intake_refused_share = r.number(t + "/intake_refused_share", 0, 1);
  p.admin_startup_done_per_month = r.number(t + "/admin_startup_done_per_month", 0, 1);
  p.stabilisation_done_per_month = r.number(t + "/stabilisation_done_per_month", 0, 1);
  p.pre_activation_to_activation_per_month =
      r.number(t + "/pre_activation_to_activation_per_month", 0, 1);
  p.activation_to_employed_per_month = r.number(t + "/activation_to_employed_per_month", 0, 1);
  p.participation_per_month = r.number(t + "/participation_per_month", 0, 1);
  p.crisis_setback_per_month = r.number(t + "/crisis_setback_per_month", 0, 1);
  p.exit_per_month = r.number(t + "/exit_per_month", 0, 1);
  p.dropout_per_month =
      named_numbers<kActiveStageCount>(r, t + "/dropout_per_month", kStageNames, 0, 1);
  p.dutch_progress_factor = fixed_numbers<kDutchLevels>(r, t + "/dutch_progress_factor", 0, 1);

  read_reform(r, p);
  for (int o = 0; o < kOriginCount; ++o)
    p.profiles[o] = read_profile(r, std::string("/arrivals/profiles/") + kOriginNames[o]);
  {
    const std::string b = "/arrivals/initial_stage_share";
    p.initial_stage_share = named_numbers<kActiveStageCount>(r, b, kStageNames, 0, 1);
    double sum = 0;
    for (double v : p.initial_stage_share) sum += v;
    if (r.has(b) && std::abs(sum - 1.0) > 1e-6)
      r.add_issue(b, "shares that sum to 1", "a sum of " + std::to_string(sum));
  }
  {
    const std::string h = "/housing";
    HousingParameters& x = p.housing;
    x.social_relet_per_year = r.number(h + "/social_relet_per_year", 0, 1);
    x.ocmw_client_share_of_relets = r.number(h + "/ocmw_client_share_of_relets", 0, 1);
    x.eviction_per_month = r.number(h + "/eviction_per_month", 0, 1);
    x.eviction_income_crisis_factor = r.number(h + "/eviction_income_crisis_factor", 0, 1000);
    x.private_search_success_per_month = r.number(h + "/private_search_success_per_month", 0, 1);
    x.private_poor_quality_share = r.number(h + "/private_poor_quality_share", 0, 1);
    x.poor_housing_health_shock_factor = r.number(h + "/poor_housing_health_shock_factor", 0, 1000);
    x.poor_housing_income_shock_factor = r.number(h + "/poor_housing_income_shock_factor", 0, 1000);
    x.reference_address_share = r.number(h + "/reference_address_share", 0, 1);
    x.initial_list_months_max =
        static_cast<std::int32_t>(r.integer(h + "/initial_list_months_max", 0, 600));
    // Multiplied probabilities must stay probabilities.
    check_probability(r, h + "/eviction_income_crisis_factor", "eviction_per_month x this",
                      x.eviction_per_month * x.eviction_income_crisis_factor);
    check_probability(r, h + "/poor_housing_health_shock_factor", "the health shock x this",
                      p.shock_per_month[kHealth] * x.poor_housing_health_shock_factor);
    check_probability(r, h + "/poor_housing_income_shock_factor", "the income shock x this",
                      p.shock_per_month[kIncome] * x.poor_housing_income_shock_factor);
  }
  p.leefloon_eur_per_month =
      named_numbers<kHouseholdCount>(r, "/leefloon/eur_per_month", kHouseholdNames, 0, 1e5);

  check_competing_risks(r, p);
  check_size(r, p);
  r.finish();
  return p;
}

}  // namespace drempel

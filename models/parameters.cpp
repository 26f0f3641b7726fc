#include "models/parameters.hpp"

#include <algorithm>
#include <unordered_set>
#include <cmath>
#include <limits>
#include <set>

#include "models/client.hpp"
#include "models/mechanisms/admin_startup_parameters.hpp"
#include "models/mechanisms/background_parameters.hpp"
#include "models/mechanisms/caseload_parameters.hpp"
#include "models/mechanisms/casework_parameters.hpp"
#include "models/mechanisms/domain_parameters.hpp"
#include "models/mechanisms/employment_parameters.hpp"
#include "models/mechanisms/job_access_parameters.hpp"
#include "models/mechanisms/programme_parameters.hpp"
#include "models/mechanisms/stage_move_parameters.hpp"
#include "models/mechanisms/work_readiness_parameters.hpp"

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
  p.work_readiness_share = fixed_shares<3>(r, base + "/work_readiness_share");
  p.system_knowledge_share = r.number(base + "/system_knowledge_share", 0, 1);
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
    // Unbounded here: the budget (caseworker_budget_fte) bounds it.
    g.caseworker_fte = r.number(b + "/caseworker_fte", 0, std::numeric_limits<double>::infinity());
    g.reform_table_region = r.string(b + "/reform_population/table_region");
    g.reform_population_share = r.number(b + "/reform_population/share", 0, 1);
    g.leefloon_recipients_before_reform =
        r.number(b + "/leefloon_recipients_before_reform", 0, 1e8);
    g.ordinary_applications_per_month = r.number(b + "/ordinary_applications_per_month", 0, 1e7);
    g.social_dwellings = r.number(b + "/social_dwellings", 0, 1e7);
    g.interpreter_hours_per_month = r.number(b + "/interpreter_hours_per_month", 0, 1e7);
    g.childcare_places_per_month = r.number(b + "/childcare_places_per_month", 0, 1e7);
    g.transit = read_transit_definition(r, doc, b + "/transit");
    if (g.transit.places.size() > 255)
      r.add_issue(b + "/transit/places", "at most 255 places per region",
                  std::to_string(g.transit.places.size()));
    g.labour_market = read_labour_market(r, doc, b + "/labour_market", g.transit);
    {
      // The open counters; a client goes to the nearest one (from her home, by her mobility).
      const std::string c = b + "/counter_places";
      const std::size_t counters = r.array_size(c);
      for (std::size_t j = 0; j < counters; ++j) {
        const std::string name = r.string(c + "/" + std::to_string(j));
        const auto place = std::find_if(g.transit.places.begin(), g.transit.places.end(),
                                        [&](const auto& x) { return x.name == name; });
        if (place != g.transit.places.end())
          g.counter_places.push_back(static_cast<std::size_t>(place - g.transit.places.begin()));
        else if (!name.empty() && !g.transit.places.empty())
          r.add_issue(c + "/" + std::to_string(j),
                      "the name of a place of this region's transit network", "\"" + name + "\"");
      }
    }
    for (int k = 0; k < kPlacedProgrammes; ++k)
      g.programme_places[k] = r.number(b + "/programme_places/" + kPlacedProgrammeNames[k], 0, 1e7);
    g.art60_budget_eur_per_month = r.number(b + "/art60_budget_eur_per_month", 0, 1e10);
    g.nt2_course_places = r.number(b + "/nt2_course_places", 0, 1e7);
    g.therapy_places = r.number(b + "/therapy_places", 0, 1e7);
    g.low_threshold_places_per_month = r.number(b + "/low_threshold_places_per_month", 0, 1e7);
    g.leefloon_federal_share = r.number(b + "/leefloon_federal_share", 0, 1);
    p.regions.push_back(g);
  }
  // Places are allocated per (region, place type) in 16-bit buckets.
  constexpr std::size_t kMaxRegions =
      std::numeric_limits<std::uint16_t>::max() / kUnitResourceCount;
  if (n > kMaxRegions)
    r.add_issue("/regions", "at most " + std::to_string(kMaxRegions) + " regions",
                std::to_string(n));
}

// A monthly probability made of a base and multipliers must stay a probability.
void check_probability(ScenarioReader& r, const std::string& pointer, const char* product,
                       double value) {
  if (value > 1.0)
    r.add_issue(pointer, std::string(product) + " <= 1 (a monthly probability)",
                std::to_string(value));
}

double largest_job_factor(const ModelParameters& p);

// The keys of each active stage's moves, in the order of `moves` in check_competing_risks.
std::vector<std::string> stage_move_keys(int stage) {
  const std::string t = "/transitions/";
  switch (stage) {
    case 0:
      return {t + "intake_decision_per_month"};
    case 1:
      return {t + "admin_startup_done_per_month"};
    case 2:
      return {t + "stabilisation_done_per_month"};
    case 3:
      return {t + "pre_activation_to_activation_per_month", t + "participation_per_month",
              t + "crisis_setback_per_month"};
    default: {
      std::vector<std::string> keys = {t + "activation_to_employed_per_month",
                                       "/programmes/after_art60/job_finding_factor",
                                       "/programmes/training/job_finding_factor_after"};
      for (const char* name : kPlacedProgrammeNames)
        keys.push_back(std::string("/programmes/") + name + "/job_finding_factor");
      keys.push_back(t + "crisis_setback_per_month");
      return keys;
    }
  }
}

// Competing monthly risks share one uniform draw; they must never add up to more than 1. The
// problem is reported at the value set last (a --set, a what-if), which is what changed.
void check_competing_risks(ScenarioReader& r, const ModelParameters& p) {
  const double moves[kActiveStageCount] = {
      p.intake_decision_per_month, p.admin_startup_done_per_month, p.stabilisation_done_per_month,
      std::max(p.pre_activation_to_activation_per_month + p.participation_per_month,
               p.crisis_setback_per_month),
      std::max(p.activation_to_employed_per_month * largest_job_factor(p),
               p.crisis_setback_per_month)};
  for (int s = 0; s < kActiveStageCount; ++s) {
    // Drop-out is scaled by the motivation and trust factors: check the largest product.
    const double worst = *std::max_element(p.motivation.dropout_factor_by_level.begin(),
                                           p.motivation.dropout_factor_by_level.end()) *
                         *std::max_element(p.trust.dropout_factor_by_level.begin(),
                                           p.trust.dropout_factor_by_level.end());
    const double total = p.exit_per_month + p.dropout_per_month[s] * worst + moves[s];
    if (total > 1.0 + 1e-12) {
      std::vector<std::string> involved = {
          std::string("/transitions/dropout_per_month/") + kStageNames[s],
          "/transitions/exit_per_month"};
      for (auto& key : stage_move_keys(s)) involved.push_back(std::move(key));
      involved.push_back("/motivation/dropout_factor_by_level");
      involved.push_back("/trust/dropout_factor_by_level");
      r.add_cross_issue(involved,
                        std::string("exit + drop-out (at the largest motivation x trust factor) + "
                                    "the moves of stage ") +
                            kStageNames[s] + " to add up to at most 1 per month",
                        std::to_string(total));
    }
  }
}

const char* domain_name_list() {
  return "one of income, housing, physical_health, mental_health, administration, debt, "
         "social_network";
}

int domain_index(const std::string& name) {
  for (int d = 0; d < kDomainCount; ++d)
    if (name == kDomainNames[d]) return d;
  return -1;
}

// /domains/interactions: [{"from": domain, "to": domain, "shock_factor": x}, ...]
void read_domain_interactions(ScenarioReader& r, ModelParameters& p) {
  for (auto& row : p.shock_interaction) row.fill(1.0);
  std::array<std::array<bool, kDomainCount>, kDomainCount> seen{};
  const std::string b = "/domains/interactions";
  const std::size_t n = r.array_size(b);
  for (std::size_t i = 0; i < n; ++i) {
    const std::string e = b + "/" + std::to_string(i);
    const std::string from = r.string(e + "/from"), to = r.string(e + "/to");
    const double factor = r.number(e + "/shock_factor", 0, 1000);
    const int f = domain_index(from), t = domain_index(to);
    if (f < 0 && !from.empty()) r.add_issue(e + "/from", domain_name_list(), "\"" + from + "\"");
    if (t < 0 && !to.empty()) r.add_issue(e + "/to", domain_name_list(), "\"" + to + "\"");
    if (f >= 0 && t >= 0) {
      if (f == t)
        r.add_issue(e + "/to", "a domain other than \"from\"", "\"" + to + "\"");
      else if (seen[f][t])
        r.add_issue(e, "each (from, to) pair once", from + " -> " + to + " again");
      else
        p.shock_interaction[f][t] = factor, seen[f][t] = true;
    }
  }
}

void read_backgrounds(ScenarioReader& r, ModelParameters& p) {
  double sum = 0;
  for (int k = 0; k < kBackgroundCount; ++k) {
    const std::string b = std::string("/backgrounds/") + kBackgroundNames[k];
    p.backgrounds[k] = read_parameter_table(r, b, "/regions", 0, kBackgroundFields);
    sum += p.backgrounds[k].share_of_ordinary;
  }
  if (r.has("/backgrounds") && std::abs(sum - 1.0) > 1e-6) {
    std::vector<std::string> involved;
    for (const char* name : kBackgroundNames)
      involved.push_back(std::string("/backgrounds/") + name + "/share_of_ordinary_applications");
    r.add_cross_issue(involved, "share_of_ordinary_applications summing to 1 over backgrounds",
                      "a sum of " + std::to_string(sum));
  }
}

// Administrative start-up, NT2, work-readiness, therapy, programmes, employers.
void read_services(ScenarioReader& r, ModelParameters& p) {
  {
    const std::string a = "/admin_startup";
    for (int k = 0; k < kAdminTaskCount; ++k) {
      const std::string t = a + "/tasks/" + kAdminTaskNames[k];
      AdminTaskParameters& x = p.admin_tasks[k];
      x.missing_share = r.number(t + "/missing_share", 0, 1);
      x.hours = r.number(t + "/hours_per_month", 0, 744);
      x.counter_visit = r.boolean(t + "/counter_visit");
      x.needs_address = r.boolean(t + "/needs_address");
      x.families_only = r.boolean(t + "/families_only");
    }
    read_parameter_fields(r, a, "/regions", 0, kAdminStartupFields, p);
  }
  p.dutch_courses = read_parameter_table(r, "/dutch_courses", "/regions", 0, kDutchCourseFields);
  read_parameter_fields(r, "/work_readiness", "/regions", 0, kWorkReadinessFields, p);
  p.jobs = read_parameter_table(r, "/jobs", "/regions", 0, kJobFields);
  if (const double sum =
          p.jobs.contract_share[0] + p.jobs.contract_share[1] + p.jobs.contract_share[2];
      std::fabs(sum - 1.0) > 1e-6)
    r.add_issue("/jobs/contract_share", "shares summing to 1", "a sum of " + std::to_string(sum));
  {
    const std::string t = "/therapy";
    p.therapy = read_parameter_table(r, t, "/regions", 0, kTherapyFields);
    check_probability(r, t + "/recovery_factor",
                      "mental-health recovery x (1 + stable-domain bonus) x this",
                      p.recovery_per_month[kMentalHealth] * (1 + p.stable_domain_recovery_bonus) *
                          std::max(1.0, p.therapy.recovery_factor));
  }
  for (int k = 0; k < kPlacedProgrammes; ++k)  // placed programme k is Programme k + kArt60
    p.programmes[k] =
        read_parameter_table(r, std::string("/programmes/") + kPlacedProgrammeNames[k], "/regions",
                             0, k + kArt60 == kWijkWerken ? kWijkWerkenFields : kProgrammeFields);
  read_parameter_fields(r, "/programmes", "/regions", 0, kProgrammeExtraFields, p);
  read_parameter_fields(r, "/employer_willingness", "/regions", 0, kEmployerWillingnessFields, p);
}

// Job finding is activation_to_employed x job access (<= 1) x employer willingness (<= 1) x the
// programme's job-finding factor x the training factor: the largest product of the factors.
double largest_job_factor(const ModelParameters& p) {
  const double programme =
      std::max({1.0, p.after_art60_job_finding_factor, p.programmes[0].job_finding_factor,
                p.programmes[1].job_finding_factor, p.programmes[2].job_finding_factor});
  return programme * std::max(1.0, p.training_job_finding_factor);
}

// A domain's shock times every factor that can apply at once must stay a probability.
void check_shock_products(ScenarioReader& r, const ModelParameters& p) {
  const double transition = std::max(1.0, p.transition_shock_factor);
  for (int d = 0; d < kDomainCount; ++d) {
    double worst = p.shock_per_month[d] * transition;
    for (int f = 0; f < kDomainCount; ++f) worst *= std::max(1.0, p.shock_interaction[f][d]);
    if (d == kPhysicalHealth) worst *= std::max(1.0, p.housing.poor_housing_health_shock_factor);
    if (d == kIncome) worst *= std::max(1.0, p.housing.poor_housing_income_shock_factor);
    check_probability(r, std::string("/domains/shock_per_month/") + kDomainNames[d],
                      "the shock x every interaction, transition and poor-housing factor", worst);
    check_probability(
        r, std::string("/domains/recovery_per_month_with_full_support/") + kDomainNames[d],
        "the recovery x (1 + stable_domain_recovery_bonus)",
        p.recovery_per_month[d] * (1 + p.stable_domain_recovery_bonus));
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

// The reform's people count too: at most every group of the tables arrives.
void check_reform_size(const ModelParameters& p, const ScenarioDocument& doc) {
  double clients = 0;
  for (const auto& g : p.regions) {
    clients +=
        static_cast<double>(g.initial_clients) + g.ordinary_applications_per_month * p.months;
    for (const auto& row : p.inflow.recipients)
      if (row.region == g.reform_table_region)
        clients += static_cast<double>(row.count) * g.reform_population_share;
    for (const auto& row : p.inflow.claims)
      if (row.region == g.reform_table_region)
        clients += static_cast<double>(row.count) * g.reform_population_share;
  }
  if (clients > 500e6)
    throw InputError({{doc.file_of("/regions"), "/regions",
                       "at most 500 million clients per replicate (initial, ordinary arrivals and "
                       "every reform loser of the inflow tables)",
                       std::to_string(clients)}});
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
  p.caseworkers = read_caseworker_parameters(r, "/caseworkers", "/regions", p.regions.size());
  p.debt_counselling = read_debt_counselling_parameters(r, p.regions.size());
  // (A set, so that 50,000 regions with problems do not make this quadratic.)
  std::unordered_set<std::string> flagged;
  for (auto it = r.issues().begin() + static_cast<std::ptrdiff_t>(issues_before);
       it != r.issues().end(); ++it)
    flagged.insert(it->pointer);
  for (std::size_t g = 0; g < p.regions.size(); ++g) {
    const std::string b = "/regions/" + std::to_string(g);
    const bool budget_read = flagged.count(b + "/caseworker_budget_fte") == 0 &&
                             flagged.count(doc.as_written(b + "/caseworker_budget_fte")) == 0;
    if (budget_read && p.regions[g].caseworker_fte > p.caseworkers.budget_fte[g] + 1e-9)
      r.add_cross_issue({b + "/caseworker_fte", b + "/caseworker_budget_fte"},
                        "at most the region's caseworker_budget_fte (" +
                            format_number(p.caseworkers.budget_fte[g]) + ")",
                        format_number(p.regions[g].caseworker_fte));
  }

  read_parameter_fields(r, "/demand", "/regions", 0, kCaseworkFields, p);
  p.interpreters = read_parameter_table(r, "/interpreters", "/regions", 0, kInterpreterFields);
  p.motivation = read_parameter_table(r, "/motivation", "/regions", 0, kMotivationFields);
  p.trust = read_parameter_table(r, "/trust", "/regions", 0, kTrustFields);
  p.relational_work =
      read_parameter_table(r, "/relational_work", "/regions", 0, kRelationalWorkFields);
  for (int t = 0; t < kTrustLevels; ++t)
    check_probability(r, "/relational_work/trust_gain_per_hour",
                      "trust gain per hour x relational hours",
                      p.relational_work.trust_gain_per_hour * p.relational_work.hours_by_trust[t]);
  p.gpmi = read_gpmi_parameters(r);
  p.childcare = read_parameter_table(r, "/childcare", "/regions", 0, kChildcareFields);

  read_parameter_fields(r, "/domains", "/regions", 0, kDomainFields, p);
  read_domain_interactions(r, p);
  read_backgrounds(r, p);
  read_services(r, p);

  read_parameter_fields(r, "/transitions", "/regions", 0, kStageMoveFields, p);

  p.inflow = read_inflow_parameters(r, doc);
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
    p.housing = read_parameter_table(r, h, "/regions", 0, kHousingFields);
    const HousingParameters& x = p.housing;
    // Multiplied probabilities must stay probabilities.
    check_probability(r, h + "/eviction_income_crisis_factor", "eviction_per_month x this",
                      x.eviction_per_month * x.eviction_income_crisis_factor);
    check_shock_products(r, p);
  }
  read_parameter_fields(r, "/leefloon", "/regions", 0, kLeefloonFields, p);

  check_competing_risks(r, p);
  check_size(r, p);
  r.finish();
  load_inflow_tables(p, doc);
  check_reform_size(p, doc);
  return p;
}

}  // namespace drempel

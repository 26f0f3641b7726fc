#include "models/pathways_model.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/parallel.hpp"

namespace drempel {

const std::array<MetricInfo, kMetricCount> kMetricInfo = {{
    {"clients_active", "1", "clients in an active pathway stage at the end of the month"},
    {"caseload_per_caseworker_fte", "1", "active clients per caseworker FTE"},
    {"caseworker_hours_capacity", "h month-1", "caseworker hours available for client files"},
    {"caseworker_hours_demanded", "h month-1", "caseworker hours asked by clients"},
    {"caseworker_hours_supplied", "h month-1", "caseworker hours given to clients"},
    {"caseworker_service_share", "1", "caseworker hours supplied / demanded"},
    {"clients_in_crisis", "1", "active clients with at least one life domain in crisis"},
    {"reform_benefit_losses", "month-1",
     "residents losing unemployment benefit under the 2026 reform (before take-up)"},
    {"arrivals_reform", "month-1", "new clients who lost unemployment benefit under the reform"},
    {"arrivals_ordinary", "month-1", "new clients from ordinary leefloon applications"},
    {"leefloon_spending_eur", "EUR month-1",
     "leefloon paid to clients in stages admin_startup "
     "to activation"},
    {"caseworker_fte_employed", "1", "caseworker FTE in filled posts at the end of the month"},
    {"caseworker_fte_sick", "1", "caseworker FTE on sick leave next month"},
    {"caseworker_mean_stress", "1", "mean caseworker stress (0 none, 1 maximum)"},
    {"caseworker_departures", "month-1", "caseworkers who left their job"},
    {"caseworker_hires", "month-1", "caseworker posts filled"},
    {"caseworker_open_vacancies", "1", "vacant caseworker posts at the end of the month"},
    {"caseworker_moral_tension", "1",
     "share of active clients in pre-activation or activation while a life domain is in crisis"},
    {"job_access_share", "1",
     "mean over active clients of the share of the region's vacancies they can reach and take"},
    {"social_housing_waiting_list", "1",
     "active clients on the social-housing waiting list at the end of the month"},
    {"social_housing_allocations", "month-1", "social dwellings allocated to clients"},
    {"social_housing_wait_allocated_months", "month",
     "mean months on the waiting list of the clients allocated a dwelling this month"},
    {"clients_without_address", "1", "active clients without a home of their own"},
    {"evictions", "month-1", "clients evicted from a private rental"},
    {"clients_in_poor_housing", "1", "active clients in private rentals below standard"},
    {"interpreter_hours_demanded", "h month-1", "interpreter hours needed by clients"},
    {"interpreter_hours_supplied", "h month-1",
     "interpreter hours given (the rest: translation app)"},
    {"interpreter_cost_eur", "EUR month-1", "cost of the interpreter hours supplied"},
    {"clients_waiting_for_childcare", "1",
     "active clients with a child under three and no childcare place"},
    {"childcare_places_allocated", "month-1", "childcare places given to clients"},
    {"clients_mean_motivation", "1", "mean motivation of active clients (0 very low, 3 high)"},
    {"clients_mean_trust", "1", "mean trust of active clients in the OCMW (0 very low, 3 high)"},
    {"caseworker_changes", "month-1", "clients whose caseworker left (trust falls)"},
    {"gpmi_signed", "1", "active clients with a signed GPMI"},
    {"gpmi_overdue", "1", "active clients without a GPMI past the deadline"},
    {"gpmi_sanctions", "month-1", "GPMI sanctions (leefloon suspended for the month)"},
    {"in_work_year_after_entry_share", "1",
     "of the clients who arrived 12 months earlier, the share who found work within 12 months"},
}};

void ClientColumns::resize(std::size_t n) {
  stage.resize(n);
  months_in_stage.resize(n);
  for (auto& d : domain) d.resize(n);
  dutch.resize(n);
  region.resize(n);
  home.resize(n);
  mobility.resize(n);
  housing.resize(n);
  housing_flags.resize(n);
  list_months.resize(n);
  digital.resize(n);
  family_flags.resize(n);
  motivation.resize(n);
  trust.resize(n);
  eviction_check.resize(n);
  search_check.resize(n);
  child_months_left.resize(n);
  gpmi.resize(n);
  gpmi_check.resize(n);
  job_ready.resize(n);
  origin.resize(n);
  household.resize(n);
  arrival_month.resize(n);
}

std::size_t ClientColumns::bytes_per_agent() {
  return sizeof(std::uint8_t) + sizeof(std::uint16_t) + kDomainCount * sizeof(std::uint8_t) +
         sizeof(std::uint8_t) + sizeof(std::uint16_t) + 2 * sizeof(std::uint8_t) +
         2 * sizeof(std::uint8_t) + 2 * sizeof(std::uint8_t) + sizeof(std::uint16_t) +
         sizeof(std::uint8_t) + sizeof(std::uint8_t) + 2 * sizeof(std::uint8_t) +
         2 * sizeof(std::uint16_t) + sizeof(std::uint8_t) + sizeof(std::uint8_t) +
         sizeof(std::uint16_t) + sizeof(std::uint8_t) + sizeof(std::int16_t);
}

void ActiveList::resize(std::size_t n) {
  id.resize(n);
  region.resize(n);
  priority.resize(n);
  months_waiting.resize(n);
  hours_demanded.resize(n);
  hours_granted.resize(n);
  housing_priority.resize(n);
  housing_wait.resize(n);
  dwelling_requested.resize(n);
  dwelling_granted.resize(n);
  interpreter_requested.resize(n);
  interpreter_granted.resize(n);
  childcare_priority.resize(n);
  childcare_requested.resize(n);
  childcare_granted.resize(n);
}

std::size_t ActiveList::bytes_per_slot() {
  return sizeof(std::uint32_t) + sizeof(std::uint16_t) + sizeof(std::uint8_t) +
         sizeof(std::uint16_t) + 2 * sizeof(float) + sizeof(std::uint8_t) + sizeof(std::uint16_t) +
         2 * sizeof(float) + 2 * sizeof(float) + sizeof(std::uint8_t) + 2 * sizeof(float);
}

namespace {

constexpr std::uint8_t kPriorityIntake = 0;  // legal decision deadline: served first
constexpr std::uint8_t kPriorityCrisis = 1;
constexpr std::uint8_t kPriorityOther = 2;
constexpr std::uint8_t kPriorityClasses = 3;

// Cumulative shares normalised to end at exactly 1: validation accepts sums within 1e-6 of 1,
// and the remainder must not fall to the last category (which may have share 0).
template <std::size_t N>
std::array<double, N> cumulative(const std::array<double, N>& shares) {
  std::array<double, N> cdf{};
  double sum = 0;
  for (std::size_t i = 0; i < N; ++i) cdf[i] = sum += shares[i];
  for (auto& c : cdf) c /= sum;
  cdf[N - 1] = 1.0;
  return cdf;
}

bool leefloon_paid(std::uint8_t stage) {
  return stage >= kAdminStartup && stage <= kActivation;
}

// The first month >= `from` at which an event of monthly probability p could happen: `from` plus
// a geometric number of months (saturating: 0xffff is "never").
std::uint16_t next_candidate(std::uint32_t word, double p, std::uint32_t from) {
  if (!(p > 0.0)) return 0xffff;
  const std::uint64_t m = from + geometric(word, p);
  return m < 0xffff ? static_cast<std::uint16_t>(m) : std::uint16_t{0xffff};
}

}  // namespace

namespace {
// Allocators keep one histogram (regions x buckets) per block; blocks larger than the model's
// keep that memory and its clearing small. Fixed, so results do not depend on threads.
constexpr std::size_t kAllocationBlock = 65536;

AllocationConfig allocation(std::size_t regions, std::uint8_t classes, std::uint16_t max_wait,
                            Divisibility divisibility, std::size_t block_size) {
  AllocationConfig c{regions, classes, max_wait, divisibility,
                     std::max(block_size, kAllocationBlock)};
  // Hours are used as the share received (support), so the allocator reports shares.
  c.grant_as_share = divisibility == Divisibility::kDivisible;
  return c;
}
}  // namespace

PathwaysModel::PathwaysModel(const ModelParameters& params, std::size_t capacity,
                             std::size_t block_size)
    : p_(params),
      block_size_(block_size),
      table_(capacity),
      caseworkers_(allocation(params.regions.size(), kPriorityClasses, 24, Divisibility::kDivisible,
                              block_size),
                   capacity),
      staff_(params.caseworkers),
      dwellings_(allocation(params.regions.size(), 3, 120, Divisibility::kUnit, block_size),
                 capacity),
      interpreters_(allocation(params.regions.size(), kPriorityClasses, 24,
                               Divisibility::kDivisible, block_size),
                    capacity),
      childcare_(allocation(params.regions.size(), 3, 24, Divisibility::kUnit, block_size),
                 capacity) {
  c_.resize(capacity);
  active_.resize(capacity);
  const std::size_t regions = p_.regions.size();
  for (int h = 0; h < kHousingStatusCount; ++h)
    for (int d = 0; d < kDomainCount; ++d) {
      double shock = p_.shock_per_month[d];
      if (h == kPrivatePoor && d == kHealth) shock *= p_.housing.poor_housing_health_shock_factor;
      if (h == kPrivatePoor && d == kIncome) shock *= p_.housing.poor_housing_income_shock_factor;
      shock_threshold_[h][d] = bernoulli_threshold(shock);
    }
  for (int d = 0; d < kDomainCount; ++d) recovery_scaled_[d] = p_.recovery_per_month[d] * 0x1.0p32;
  // Evictions are drawn by thinning at the larger of the two rates; the thresholds are the
  // acceptance probabilities (rate / largest rate).
  const double evict = p_.housing.eviction_per_month;
  const double evict_crisis = evict * p_.housing.eviction_income_crisis_factor;
  eviction_max_ = std::max(evict, evict_crisis);
  eviction_threshold_ = {
      bernoulli_threshold(eviction_max_ > 0 ? evict / eviction_max_ : 0.0),
      bernoulli_threshold(eviction_max_ > 0 ? evict_crisis / eviction_max_ : 0.0)};
  dwelling_supply_.assign(p_.regions.size(), 0.0);
  cohort_employed_ = std::make_unique<std::atomic<std::int64_t>[]>(
      p_.regions.size() * static_cast<std::size_t>(p_.months));
  gpmi_noncompliance_max_ = p_.gpmi_noncompliance_per_month *
                            std::max(1.0, p_.gpmi_noncompliance_crisis_factor) *
                            *std::max_element(p_.gpmi_noncompliance_factor_by_trust.begin(),
                                              p_.gpmi_noncompliance_factor_by_trust.end());
  for (const auto& g : p_.regions) interpreter_budget_.push_back(g.interpreter_hours_per_month);
  childcare_supply_.assign(p_.regions.size(), 0.0);
  caseworker_change_threshold_.assign(p_.regions.size(), 0);
  build_move_rules();
  capacity_hours_.resize(regions);
  staff_inputs_.resize(3 * regions);
  for (const auto& g : p_.regions) {
    const TransitNetwork network(g.transit);
    const JobAccessTable table(network, g.labour_market);
    access_offset_.push_back(access_.size());
    access_.insert(access_.end(), table.values().begin(), table.values().end());
    std::vector<double> cdf;
    double sum = 0;
    for (const auto& place : g.transit.places) cdf.push_back(sum += place.home_share);
    for (auto& c : cdf) c /= sum;
    cdf.back() = 1.0;
    home_cdf_.push_back(std::move(cdf));
  }
  region_sums_.resize(regions * kBlockSums);
  const auto losses = reform_benefit_losses(p_);
  lost_benefits_.assign(losses.begin(), losses.end());
  const std::size_t blocks = std::max<std::size_t>(1, block_count(capacity, block_size));
  block_transitions_.assign(blocks * regions * kStageCount * kStageCount, 0);
  block_sums_.assign(blocks * regions * kBlockSums, 0.0);
}

// The rules of models/ODD.md "Stage transitions", as data. Probabilities at full support and
// fluent Dutch; the hot loop scales the support and language parts per client.
void PathwaysModel::build_move_rules() {
  for (int stage = 0; stage < kActiveStageCount; ++stage) {
    for (int k = 0; k < kSituations; ++k) {
      const bool job_ready = (k & 32) != 0;
      const bool no_childcare = (k & 16) != 0, no_address = (k & 8) != 0, crisis = (k & 4) != 0;
      const double childcare = no_childcare ? p_.no_childcare_progress_factor : 1.0;
      const bool admin_stable = (k & 2) != 0, health_unstable = (k & 1) != 0;
      const auto here = static_cast<std::uint8_t>(stage);
      MoveRule m{0, 0, 0, 0, 0, 0, 0, here, here};
      switch (stage) {
        case kIntake:
          m.a_support = p_.intake_decision_per_month * p_.intake_refused_share;
          m.a_to = kExited;
          m.b_support = p_.intake_decision_per_month * (1.0 - p_.intake_refused_share);
          m.b_to = kAdminStartup;
          break;
        case kAdminStartup:
          // Without an address no bank account can be opened: start-up cannot finish.
          m.b_support = admin_stable && !no_address ? p_.admin_startup_done_per_month : 0.0;
          // Clients close to the labour market go straight on to activation (job search, a
          // programme); the others stabilise and prepare first.
          m.b_to = job_ready ? kActivation : kStabilisation;
          break;
        case kStabilisation:
          m.b_support = crisis ? 0.0 : p_.stabilisation_done_per_month;
          m.b_to = kPreActivation;
          break;
        case kPreActivation:
          if (crisis) {
            m.a_fixed = p_.crisis_setback_per_month;
            m.a_to = kStabilisation;
          } else {
            m.a_support = health_unstable ? p_.participation_per_month : 0.0;
            m.a_to = kParticipation;
            m.b_language = p_.pre_activation_to_activation_per_month * childcare;
            m.b_to = kActivation;
          }
          break;
        case kActivation:
          if (crisis) {
            m.a_fixed = p_.crisis_setback_per_month;
            m.a_to = kStabilisation;
          } else {
            // Without an address no employment contract can be signed.
            m.b_access = no_address ? 0.0 : p_.activation_to_employed_per_month * childcare;
            m.b_to = kEmployed;
          }
          break;
      }
      move_rules_[static_cast<std::size_t>(stage * kSituations + k)] = m;
    }
  }
}

void PathwaysModel::add_clients(std::size_t first, std::size_t n, std::uint16_t region,
                                std::uint8_t origin, std::int16_t month, bool initial) {
  const ArrivalProfile& profile = p_.profiles[origin];
  std::array<std::array<double, kDomainLevels>, kDomainCount> domain_cdf;
  for (int d = 0; d < kDomainCount; ++d) domain_cdf[d] = cumulative(profile.domain_level_share[d]);
  const auto dutch_cdf = cumulative(profile.dutch_level_share);
  const auto household_cdf = cumulative(profile.household_share);
  const auto stage_cdf = cumulative(p_.initial_stage_share);
  const std::span<const double> home_cdf(home_cdf_[region]);
  const auto housing_cdf = cumulative(profile.housing_status_share);
  const auto motivation_cdf = cumulative(profile.motivation_level_share);
  const auto trust_cdf = cumulative(profile.trust_level_share);
  const auto stream_month = static_cast<std::uint32_t>(month);
  for_each_block(n, block_size_, [&](std::size_t, std::size_t begin, std::size_t end) {
    for (std::size_t k = begin; k < end; ++k) {
      const std::size_t i = first + k;
      const auto id = static_cast<std::uint32_t>(i);
      const RandomWords a = streams_.words(id, stream_month, kStreamInitialState, 0);
      const RandomWords b = streams_.words(id, stream_month, kStreamInitialState, 1);
      const RandomWords c = streams_.words(id, stream_month, kStreamInitialState, 2);
      const RandomWords h = streams_.words(id, stream_month, kStreamInitialState, 3);
      for (int d = 0; d < kDomainCount; ++d)
        c_.domain[d][i] = static_cast<std::uint8_t>(categorical(a[d], domain_cdf[d]));
      c_.dutch[i] = static_cast<std::uint8_t>(categorical(b[0], dutch_cdf));
      c_.household[i] = static_cast<std::uint8_t>(categorical(b[1], household_cdf));
      c_.stage[i] = initial ? static_cast<std::uint8_t>(categorical(b[2], stage_cdf))
                            : static_cast<std::uint8_t>(kIntake);
      c_.months_in_stage[i] = 0;
      c_.region[i] = region;
      c_.home[i] = static_cast<std::uint8_t>(categorical(b[3], home_cdf));
      const bool licence = bernoulli(c[0], profile.driving_licence_share);
      const bool car = licence && bernoulli(c[1], profile.car_share_of_licensed);
      c_.mobility[i] = static_cast<std::uint8_t>(car       ? kOwnCar
                                                 : licence ? kLicenceNoCar
                                                           : kNoLicence);
      const auto housing = static_cast<std::uint8_t>(categorical(c[2], housing_cdf));
      c_.housing[i] = housing;
      std::uint8_t flags = 0;
      if (housing != kSocialRent && bernoulli(c[3], profile.social_housing_registered_share))
        flags |= kOnWaitingList;
      if (housing == kNoAddress && bernoulli(h[1], p_.housing.reference_address_share))
        flags |= kReferenceAddress;
      c_.housing_flags[i] = flags;
      c_.digital[i] = bernoulli(h[2], profile.digital_skills_share) ? 1 : 0;
      c_.family_flags[i] = bernoulli(h[3], profile.young_child_share) ? kYoungChild : 0;
      // The initial caseload past intake and start-up has its GPMI; newcomers draft one.
      const bool signed_gpmi = initial && c_.stage[i] > kAdminStartup;
      c_.gpmi[i] = signed_gpmi ? kGpmiSigned : 0;
      // Candidate months of the rare events, from the first month this client is stepped.
      const RandomWords e = streams_.words(id, stream_month, kStreamInitialState, 5);
      const RandomWords jr = streams_.words(id, stream_month, kStreamInitialState, 6);
      c_.job_ready[i] = bernoulli(jr[0], profile.job_ready_share) ? 1 : 0;
      const std::uint32_t first_month = std::max<std::uint32_t>(stream_month, 1);
      c_.eviction_check[i] = next_candidate(e[0], eviction_max_, first_month);
      c_.search_check[i] =
          next_candidate(e[1], p_.housing.private_search_success_per_month, first_month);
      c_.gpmi_check[i] = next_candidate(e[3], gpmi_noncompliance_max_, first_month);
      c_.child_months_left[i] = static_cast<std::uint8_t>(
          std::min<std::uint64_t>(255, 1 + geometric(e[2], p_.young_child_ages_out_per_month)));
      const RandomWords t = streams_.words(id, stream_month, kStreamInitialState, 4);
      c_.motivation[i] = static_cast<std::uint8_t>(categorical(t[0], motivation_cdf));
      c_.trust[i] = static_cast<std::uint8_t>(categorical(t[1], trust_cdf));
      c_.list_months[i] = static_cast<std::uint16_t>(
          std::floor(to_unit(h[0]) * (p_.housing.initial_list_months_max + 1)));
      if (housing == kNoAddress)  // no home: housing is at least fragile
        c_.domain[kHousing][i] = std::max<std::uint8_t>(c_.domain[kHousing][i], 1);
      c_.origin[i] = origin;
      c_.arrival_month[i] = month;
      active_.id[active_.size + k] = id;
    }
  });
  active_.size += n;
}

double PathwaysModel::in_work_share(std::size_t g, int m) const {
  const int cohort = m - 12;
  if (cohort < 0) return std::numeric_limits<double>::quiet_NaN();
  const auto gi = static_cast<std::int32_t>(g);
  const double arrived = static_cast<double>(arrivals_->at(cohort, gi, kOriginOrdinary)) +
                         static_cast<double>(arrivals_->at(cohort, gi, kOriginReform));
  if (arrived <= 0) return std::numeric_limits<double>::quiet_NaN();
  const std::int64_t employed =
      cohort_employed_[g * static_cast<std::size_t>(p_.months) + static_cast<std::size_t>(cohort)]
          .load(std::memory_order_relaxed);
  return static_cast<double>(employed) / arrived;
}

// Drops clients who reached an end state from the active list, keeping id order.
void PathwaysModel::compact_active() {
  std::size_t kept = 0;
  for (std::size_t k = 0; k < active_.size; ++k) {
    const std::uint32_t id = active_.id[k];
    active_.id[kept] = id;
    kept += c_.stage[id] < kActiveStageCount;
  }
  active_.size = kept;
}

void PathwaysModel::start_replicate(std::uint32_t replicate, const ArrivalSchedule& arrivals,
                                    Results& results) {
  replicate_ = replicate;
  arrivals_ = &arrivals;
  streams_ = RandomStreams(p_.seed, replicate);
  table_.clear();
  active_.size = 0;
  for (std::size_t c = 0; c < p_.regions.size() * static_cast<std::size_t>(p_.months); ++c)
    cohort_employed_[c].store(0, std::memory_order_relaxed);
  std::vector<double> initial_fte;
  for (const auto& g : p_.regions) initial_fte.push_back(g.caseworker_fte);
  staff_.start(initial_fte, p_.seed, replicate);
  std::fill(caseworker_change_threshold_.begin(), caseworker_change_threshold_.end(), 0);
  for (std::size_t g = 0; g < p_.regions.size(); ++g) {
    const auto n = static_cast<std::size_t>(p_.regions[g].initial_clients);
    add_clients(table_.append(n), n, static_cast<std::uint16_t>(g), kOriginOrdinary, 0, true);
  }
  for (std::size_t i = 0; i < table_.size(); ++i)
    ++results.initial_stage_count[results.initial_index(static_cast<int>(replicate), c_.region[i],
                                                        c_.stage[i])];
}

// Events (domain shocks) and demand (caseworker hours, priority) in one pass over the columns.
// Hot loops read columns through local pointers and constants through local copies: stores
// through uint8_t pointers may alias anything, which would otherwise force reloads every agent.
void PathwaysModel::events_and_demand(std::uint32_t month) {
  for_each_block(active_.size, block_size_, [&](std::size_t, std::size_t begin, std::size_t end) {
    // Locals, not captures: stores through uint8_t columns may alias anything reachable
    // through memory, which would force reloading captured values for every client.
    const std::uint32_t* const ids = active_.id.data();
    std::uint16_t* const req_region = active_.region.data();
    std::uint8_t* const req_priority = active_.priority.data();
    std::uint16_t* const req_wait = active_.months_waiting.data();
    float* const req_hours = active_.hours_demanded.data();
    const std::uint8_t* const stage_col = c_.stage.data();
    const std::uint16_t* const months_col = c_.months_in_stage.data();
    const std::uint16_t* const region_col = c_.region.data();
    const std::array<std::uint8_t*, kDomainCount> domain_col = {
        c_.domain[0].data(), c_.domain[1].data(), c_.domain[2].data(), c_.domain[3].data()};
    const std::uint8_t* const dutch_col = c_.dutch.data();
    std::uint8_t* const housing_col = c_.housing.data();
    std::uint8_t* const flags_col = c_.housing_flags.data();
    const std::uint16_t* const list_col = c_.list_months.data();
    std::uint8_t* const req_housing_priority = active_.housing_priority.data();
    std::uint16_t* const req_housing_wait = active_.housing_wait.data();
    float* const req_dwelling = active_.dwelling_requested.data();
    const auto shock = shock_threshold_;
    const auto eviction = eviction_threshold_;
    const std::uint64_t reference = bernoulli_threshold(p_.housing.reference_address_share);
    const auto stage_hours = p_.demand_hours_by_stage;
    const auto dutch_hours = p_.extra_hours_by_dutch_level;
    const auto interpreter_need = p_.interpreter_hours_by_dutch_level;
    const double digital_hours = p_.extra_hours_without_digital_skills;
    const std::uint8_t* const digital_col = c_.digital.data();
    float* const req_interpreter = active_.interpreter_requested.data();
    std::uint8_t* const family_col = c_.family_flags.data();
    std::uint8_t* const req_childcare_priority = active_.childcare_priority.data();
    float* const req_childcare = active_.childcare_requested.data();
    std::uint8_t* const child_col = c_.child_months_left.data();
    const std::uint8_t* const gpmi_col = c_.gpmi.data();
    const double gpmi_eval_hours = p_.gpmi_evaluation_hours_per_month;
    const double gpmi_draft_hours = p_.gpmi_drafting_hours;
    std::uint16_t* const eviction_col = c_.eviction_check.data();
    std::uint16_t* const search_col = c_.search_check.data();
    const double eviction_max = eviction_max_;
    const double search_max = p_.housing.private_search_success_per_month;
    const double crisis_hours = p_.extra_hours_per_crisis_domain;
    const RandomStreams streams = streams_;
    for (std::size_t k = begin; k < end; ++k) {
      const std::uint32_t i = ids[k];
      const std::uint8_t stage = stage_col[i];
      std::uint8_t housing = housing_col[i];
      const RandomWords w = streams.words(i, month, kStreamShocks);
      for (int d = 0; d < kDomainCount; ++d) {
        const std::uint8_t level = domain_col[d][i];
        domain_col[d][i] =
            static_cast<std::uint8_t>(level + ((level < 2) & (w[d] < shock[housing][d])));
      }
      // Eviction from a private rental, likelier with income in crisis: no address, housing in
      // crisis; the OCMW may give a reference address.
      const bool private_tenant = housing == kPrivateDecent || housing == kPrivatePoor;
      if (private_tenant && eviction_col[i] == month) {
        const RandomWords hw = streams.words(i, month, kStreamHousing, 0);
        eviction_col[i] = next_candidate(hw[2], eviction_max, month + 1);
        if (hw[0] < eviction[domain_col[kIncome][i] == 2 ? 1 : 0]) {
          housing = kNoAddress;
          housing_col[i] = housing;
          domain_col[kHousing][i] = 2;
          flags_col[i] = static_cast<std::uint8_t>(flags_col[i] | kEvictedThisMonth |
                                                   (hw[1] < reference ? kReferenceAddress : 0));
          search_col[i] = next_candidate(hw[3], search_max, month + 1);
        }
      }
      int crisis = 0;
      for (int d = 0; d < kDomainCount; ++d) crisis += domain_col[d][i] == 2;
      // Social-housing request: clients on the waiting list, homeless first, then poor housing.
      const bool listed = (flags_col[i] & kOnWaitingList) != 0 && housing != kSocialRent;
      req_dwelling[k] = listed ? 1.0f : 0.0f;
      req_housing_wait[k] = list_col[i];
      req_housing_priority[k] = housing == kNoAddress ? 0 : housing == kPrivatePoor ? 1 : 2;
      req_region[k] = region_col[i];
      req_wait[k] = months_col[i];
      // Clients who cannot do administrative tasks online bring them back to the caseworker.
      const bool admin_stage = stage == kAdminStartup || stage == kStabilisation;
      // GPMI paperwork: drafting until signed (from start-up on), then evaluation and reports.
      const bool gpmi_signed = (gpmi_col[i] & kGpmiSigned) != 0;
      const double gpmi_hours = gpmi_signed              ? gpmi_eval_hours
                                : stage >= kAdminStartup ? gpmi_draft_hours
                                                         : 0.0;
      req_hours[k] = static_cast<float>(
          stage_hours[stage] + crisis_hours * crisis + dutch_hours[dutch_col[i]] +
          (admin_stage && digital_col[i] == 0 ? digital_hours : 0.0) + gpmi_hours);
      req_interpreter[k] = static_cast<float>(interpreter_need[dutch_col[i]]);
      // A young child turns three (no more childcare need); parents without a place ask for one
      // from stabilisation on, those closest to work first.
      std::uint8_t family = family_col[i];
      if ((family & kYoungChild) != 0 && --child_col[i] == 0) family = 0;
      family_col[i] = family;
      const bool needs_place = family == kYoungChild && stage >= kStabilisation;
      req_childcare[k] = needs_place ? 1.0f : 0.0f;
      req_childcare_priority[k] = stage == kActivation ? 0 : stage == kPreActivation ? 1 : 2;
      req_priority[k] = stage == kIntake ? kPriorityIntake
                        : crisis > 0     ? kPriorityCrisis
                                         : kPriorityOther;
    }
  });
}

// Transitions (domain recovery, stage moves) and the block tallies of the record phase.
void PathwaysModel::transitions_and_record(std::uint32_t month) {
  const std::size_t n = active_.size;
  const std::size_t regions = p_.regions.size();
  const std::size_t t_stride = regions * kStageCount * kStageCount;
  for_each_block(n, block_size_, [&](std::size_t b, std::size_t begin, std::size_t end) {
    // Locals, not captures: stores through uint8_t columns may alias anything reachable
    // through memory, which would force reloading captured values for every client.
    const double floor_share = p_.unsupported_progress_share;
    const std::uint32_t* const ids = active_.id.data();
    const std::uint16_t* const req_region = active_.region.data();
    const float* const req_granted = active_.hours_granted.data();
    std::uint8_t* const stage_col = c_.stage.data();
    std::uint16_t* const months_col = c_.months_in_stage.data();
    const std::array<std::uint8_t*, kDomainCount> domain_col = {
        c_.domain[0].data(), c_.domain[1].data(), c_.domain[2].data(), c_.domain[3].data()};
    const std::uint8_t* const dutch_col = c_.dutch.data();
    const std::uint8_t* const household_col = c_.household.data();
    const std::uint8_t* const job_ready_col = c_.job_ready.data();
    const std::uint8_t* const home_col = c_.home.data();
    const std::uint8_t* const mobility_col = c_.mobility.data();
    std::uint8_t* const housing_col = c_.housing.data();
    std::uint8_t* const flags_col = c_.housing_flags.data();
    std::uint16_t* const list_col = c_.list_months.data();
    const float* const dwelling_granted = active_.dwelling_granted.data();
    const float* const interp_granted = active_.interpreter_granted.data();
    const double app_penalty = p_.translation_app_support_penalty;
    std::uint8_t* const family_col = c_.family_flags.data();
    const float* const childcare_granted = active_.childcare_granted.data();
    std::uint8_t* const motivation_col = c_.motivation.data();
    std::uint8_t* const trust_col = c_.trust.data();
    std::uint8_t* const gpmi_col = c_.gpmi.data();
    std::uint16_t* const gpmi_check_col = c_.gpmi_check.data();
    const std::int16_t* const arrival_col = c_.arrival_month.data();
    std::atomic<std::int64_t>* const cohort_employed = cohort_employed_.get();
    const auto months_total = static_cast<std::size_t>(p_.months);
    const double gpmi_max = gpmi_noncompliance_max_;
    const double gpmi_base = p_.gpmi_noncompliance_per_month;
    const double gpmi_crisis = p_.gpmi_noncompliance_crisis_factor;
    const auto gpmi_by_trust = p_.gpmi_noncompliance_factor_by_trust;
    const std::uint64_t gpmi_sanction = bernoulli_threshold(p_.gpmi_sanction_strictness);
    const std::uint64_t gpmi_dropout = bernoulli_threshold(p_.gpmi_sanction_dropout_share);
    const int gpmi_deadline = p_.gpmi_deadline_months;
    const std::uint64_t* const change_threshold = caseworker_change_threshold_.data();
    const double trust_gain_scaled = p_.trust_gain_per_month * 0x1.0p32;
    const std::uint64_t motivation_gain = bernoulli_threshold(p_.motivation_gain_on_progress);
    const auto support_by_trust = p_.support_factor_by_trust;
    const auto dropout_by_trust = p_.dropout_factor_by_trust;
    const auto dropout_by_motivation = p_.dropout_factor_by_motivation;
    std::uint16_t* const eviction_col = c_.eviction_check.data();
    std::uint16_t* const search_col = c_.search_check.data();
    const double eviction_max = eviction_max_;
    const double search_max = p_.housing.private_search_success_per_month;
    const std::uint64_t poor_quality = bernoulli_threshold(p_.housing.private_poor_quality_share);
    const double* const access_table = access_.data();
    const std::size_t* const access_offset = access_offset_.data();
    const MoveRule* const rules = move_rules_.data();
    const auto recovery = recovery_scaled_;
    const auto dutch_factor = p_.dutch_progress_factor;
    const auto dropout = p_.dropout_per_month;
    const auto leefloon = p_.leefloon_eur_per_month;
    const double exit = p_.exit_per_month;
    const RandomStreams streams = streams_;
    std::int64_t* const tally = &block_transitions_[b * t_stride];
    double* const sums = &block_sums_[b * regions * kBlockSums];
    std::fill(tally, tally + t_stride, 0);
    std::fill(sums, sums + regions * kBlockSums, 0.0);
    for (std::size_t k = begin; k < end; ++k) {
      const std::uint32_t i = ids[k];
      const std::uint8_t from = stage_col[i];
      const std::size_t g = req_region[k];
      const std::uint32_t id = i;
      const double received = req_granted[k];  // share of the hours asked (1 if none asked)
      // What the interpreter budget does not cover goes through a translation app, which errs:
      // the support received loses part of its effect.
      const double uncovered = 1.0 - static_cast<double>(interp_granted[k]);  // share not covered
      const double base_support =
          (floor_share + (1.0 - floor_share) * received) * (1.0 - app_penalty * uncovered);
      // Trust falls when the client's caseworker leaves and grows, with support, when she stays;
      // support works less well for a client who does not trust the OCMW.
      // One Philox block serves the month's stage move (word 0) and the trust and motivation
      // draws (words 1-3): fixed positions, so neither shifts the other.
      const RandomWords tw = streams.words(id, month, kStreamStage);
      std::uint8_t trust = trust_col[i];
      const bool caseworker_changed = tw[1] < change_threshold[g];
      if (caseworker_changed)
        trust = static_cast<std::uint8_t>(trust - (trust > 0));
      else if (static_cast<double>(tw[2]) < trust_gain_scaled * base_support)
        trust = static_cast<std::uint8_t>(trust + (trust < kTrustLevels - 1));
      // GPMI: drafted with the caseworker's support; once signed, its obligations may not be
      // met (likelier in crisis and with low trust), which may be sanctioned: the leefloon is
      // suspended for the month, income falls into crisis, trust and motivation drop, and some
      // clients drop out.
      std::uint8_t motivation = motivation_col[i];
      std::uint8_t gpmi = gpmi_col[i];
      bool sanctioned = false, sanction_dropout = false;
      if ((gpmi & kGpmiSigned) == 0) {
        if (from >= kAdminStartup) {
          const RandomWords gw = streams.words(id, month, kStreamGpmi, 0);
          if (static_cast<double>(gw[0]) < base_support * 0x1.0p32) {
            gpmi = kGpmiSigned;
            gpmi_check_col[i] = next_candidate(gw[1], gpmi_max, month + 1);
          } else {
            gpmi = static_cast<std::uint8_t>(gpmi + ((gpmi & 0x7f) < 0x7f));
          }
        }
      } else if (gpmi_check_col[i] == month) {
        const RandomWords gw = streams.words(id, month, kStreamGpmi, 1);
        gpmi_check_col[i] = next_candidate(gw[3], gpmi_max, month + 1);
        bool in_crisis = false;
        for (int d = 0; d < kDomainCount; ++d) in_crisis |= domain_col[d][i] == 2;
        const double p_now = gpmi_base * (in_crisis ? gpmi_crisis : 1.0) * gpmi_by_trust[trust];
        const bool failed = static_cast<double>(gw[0]) < p_now / gpmi_max * 0x1.0p32;
        sanctioned = failed && gw[1] < gpmi_sanction;
        sanction_dropout = sanctioned && gw[2] < gpmi_dropout;
        if (sanctioned) {
          trust = static_cast<std::uint8_t>(trust - (trust > 0));
          motivation = static_cast<std::uint8_t>(motivation - (motivation > 0));
        }
      }
      gpmi_col[i] = gpmi;
      const bool gpmi_overdue = (gpmi & kGpmiSigned) == 0 && (gpmi & 0x7f) > gpmi_deadline;
      trust_col[i] = trust;
      const double support = base_support * support_by_trust[trust];

      // Housing: a social dwelling from the allocation, or a private rental found with the
      // caseworker's help by those without a home or in poor housing.
      std::uint8_t housing = housing_col[i];
      std::uint8_t flags = flags_col[i];
      const std::uint16_t waited = list_col[i];
      const bool allocated = dwelling_granted[k] > 0.0f;
      bool found_private = false;
      if (allocated) {
        housing = kSocialRent;
        flags = static_cast<std::uint8_t>(flags & ~(kOnWaitingList | kReferenceAddress));
        domain_col[kHousing][i] = 0;
      } else if ((housing == kNoAddress || housing == kPrivatePoor) && search_col[i] == month) {
        // A candidate month at the largest rate; success with probability support (<= 1).
        const RandomWords hw = streams.words(id, month, kStreamHousing, 1);
        search_col[i] = next_candidate(hw[2], search_max, month + 1);
        found_private = static_cast<double>(hw[0]) < support * 0x1.0p32;
        if (found_private) {
          eviction_col[i] = next_candidate(hw[3], eviction_max, month + 1);
          // A poor-quality home is what an eviction or the street often leads to; from poor
          // housing only a decent home is a move.
          const bool poor = housing == kNoAddress && hw[1] < poor_quality;
          housing = poor ? kPrivatePoor : kPrivateDecent;
          flags = static_cast<std::uint8_t>(flags & ~kReferenceAddress);
          domain_col[kHousing][i] = std::min<std::uint8_t>(domain_col[kHousing][i], 1);
        }
      }
      if ((flags & kOnWaitingList) != 0 && housing != kSocialRent)
        list_col[i] = static_cast<std::uint16_t>(waited + (waited < 0xffff));

      const RandomWords r = streams.words(id, month, kStreamRecovery);
      std::array<std::uint8_t, kDomainCount> level;
      for (int d = 0; d < kDomainCount; ++d) {
        const std::uint8_t before = domain_col[d][i];
        const bool recovers = (before != 0) & (static_cast<double>(r[d]) < recovery[d] * support);
        level[d] = static_cast<std::uint8_t>(before - recovers);
      }
      // Without a home of one's own, housing cannot become stable.
      if (housing == kNoAddress) level[kHousing] = std::max<std::uint8_t>(level[kHousing], 1);
      if (sanctioned) level[kIncome] = 2;  // the leefloon is suspended
      for (int d = 0; d < kDomainCount; ++d) domain_col[d][i] = level[d];
      const bool no_address_block = housing == kNoAddress && (flags & kReferenceAddress) == 0;
      const bool got_place = childcare_granted[k] > 0.0f;
      if (got_place) family_col[i] = static_cast<std::uint8_t>(family_col[i] | kChildcarePlace);
      const bool no_childcare = family_col[i] == kYoungChild;
      const bool evicted = (flags & kEvictedThisMonth) != 0;
      housing_col[i] = housing;
      flags_col[i] = static_cast<std::uint8_t>(flags & ~kEvictedThisMonth);
      const bool crisis = ((level[0] | level[1] | level[2] | level[3]) & 2) != 0;
      const int situation = (job_ready_col[i] != 0 ? 32 : 0) + (no_childcare ? 16 : 0) +
                            (no_address_block ? 8 : 0) + (crisis ? 4 : 0) +
                            (level[kAdministration] == 0 ? 2 : 0) + (level[kHealth] != 0 ? 1 : 0);
      const MoveRule& rule = rules[from * kSituations + situation];
      const double language = support * dutch_factor[dutch_col[i]];
      const double access =
          access_table[access_offset[g] + (home_col[i] * kMobilityCount + mobility_col[i]) * 2 +
                       (dutch_col[i] >= 2 ? 1 : 0)];

      // Competing monthly risks on one uniform: exit, drop-out, then moves a and b.
      const double u = to_unit(tw[0]);
      const double e1 = exit;
      const double e2 =
          e1 + dropout[from] * dropout_by_motivation[motivation] * dropout_by_trust[trust];
      const double e3 = e2 + rule.a_fixed + support * rule.a_support + language * rule.a_language;
      const double e4 = e3 + rule.b_fixed + support * rule.b_support + language * rule.b_language +
                        support * access * rule.b_access;
      std::uint8_t to = from;
      to = u < e4 ? rule.b_to : to;
      to = u < e3 ? rule.a_to : to;
      to = u < e2 ? static_cast<std::uint8_t>(kDroppedOut) : to;
      to = u < e1 ? static_cast<std::uint8_t>(kExited) : to;
      if (sanction_dropout && to < kActiveStageCount) to = kDroppedOut;
      // Work within the first year after arrival, for the cohort's in-work share.
      if (to == kEmployed) [[unlikely]] {
        const std::int32_t arrived = arrival_col[i];  // stream month; 0 = initial caseload
        if (arrived > 0 && static_cast<std::int32_t>(month) - arrived < 12)
          cohort_employed[g * months_total + static_cast<std::size_t>(arrived - 1)].fetch_add(
              1, std::memory_order_relaxed);
      }
      stage_col[i] = to;
      // A failed attempt (back from pre-activation or activation to stabilisation) demotivates;
      // a step forward may motivate.
      const bool setback = to == kStabilisation && (from == kPreActivation || from == kActivation);
      const bool progress = to > from && to <= kEmployed;
      if (setback)
        motivation = static_cast<std::uint8_t>(motivation - (motivation > 0));
      else if (progress && tw[3] < motivation_gain)
        motivation = static_cast<std::uint8_t>(motivation + (motivation < kMotivationLevels - 1));
      motivation_col[i] = motivation;
      const std::uint16_t mis = months_col[i];
      months_col[i] = to == from ? static_cast<std::uint16_t>(mis + (mis < 0xffff)) : 0;
      ++tally[(g * kStageCount + from) * kStageCount + to];
      const bool active = to < kActiveStageCount;
      double* const s = &sums[g * kBlockSums];
      if (active) {
        s[0] += 1.0;
        s[1] += crisis ? 1.0 : 0.0;
        s[2] += leefloon_paid(to) && !sanctioned ? leefloon[household_col[i]] : 0.0;
        s[3] += (to == kPreActivation || to == kActivation) && crisis ? 1.0 : 0.0;
        s[4] += access;
        s[5] += (flags & kOnWaitingList) != 0 && housing != kSocialRent ? 1.0 : 0.0;
        s[8] += housing == kNoAddress ? 1.0 : 0.0;
        s[10] += housing == kPrivatePoor ? 1.0 : 0.0;
        s[11] += no_childcare ? 1.0 : 0.0;
        s[13] += motivation;
        s[14] += trust;
        s[16] += (gpmi & kGpmiSigned) != 0 ? 1.0 : 0.0;
        s[17] += gpmi_overdue ? 1.0 : 0.0;
      }
      // Monthly events that few clients have: counted only when one happened.
      if (allocated | evicted | got_place | caseworker_changed | sanctioned) [[unlikely]] {
        s[6] += allocated ? 1.0 : 0.0;
        s[7] += allocated ? static_cast<double>(waited) : 0.0;
        s[9] += evicted ? 1.0 : 0.0;
        s[12] += got_place ? 1.0 : 0.0;
        s[15] += caseworker_changed ? 1.0 : 0.0;
        s[18] += sanctioned ? 1.0 : 0.0;
      }
    }
  });
}

void PathwaysModel::step(std::int32_t month, Results& results) {
  const std::size_t regions = p_.regions.size();
  const int r = static_cast<int>(replicate_);
  const int m = month;
  // Stream months are 1-based: month 0 of the streams belongs to the initial population.
  const auto stream_month = static_cast<std::uint32_t>(month + 1);

  // 1. Arrivals, appended in (region, origin) order so ids are deterministic.
  for (std::size_t g = 0; g < regions; ++g) {
    for (int o = 0; o < kOriginCount; ++o) {
      const std::size_t k = arrivals_->at(month, static_cast<std::int32_t>(g), o);
      if (k == 0) continue;
      add_clients(table_.append(k), k, static_cast<std::uint16_t>(g), static_cast<std::uint8_t>(o),
                  static_cast<std::int16_t>(stream_month), false);
      results.arrival_count[results.stage_index(r, m, static_cast<int>(g), kIntake)] +=
          static_cast<std::int64_t>(k);
    }
  }

  // 2-3. Events and demand.
  events_and_demand(stream_month);

  // 4. Allocation of caseworker hours per region.
  const std::size_t n = active_.size;
  AllocationRequests requests{std::span<const std::uint16_t>(active_.region.data(), n),
                              std::span<const std::uint8_t>(active_.priority.data(), n),
                              std::span<const std::uint16_t>(active_.months_waiting.data(), n),
                              std::span<const float>(active_.hours_demanded.data(), n),
                              std::span<const std::uint32_t>(active_.id.data(), n)};
  staff_.effective_hours(capacity_hours_);
  caseworkers_.allocate(requests, capacity_hours_,
                        hash_mix(p_.seed, replicate_, stream_month, kStreamCaseworkerLottery),
                        std::span<float>(active_.hours_granted.data(), n));

  // 4a. Interpreter hours from the region's budget, same priority rule as caseworker hours.
  interpreters_.allocate(
      AllocationRequests{std::span<const std::uint16_t>(active_.region.data(), n),
                         std::span<const std::uint8_t>(active_.priority.data(), n),
                         std::span<const std::uint16_t>(active_.months_waiting.data(), n),
                         std::span<const float>(active_.interpreter_requested.data(), n),
                         std::span<const std::uint32_t>(active_.id.data(), n)},
      interpreter_budget_, 0, std::span<float>(active_.interpreter_granted.data(), n));

  // 4c. Childcare places freeing up for clients this month (Poisson), closest to work first.
  for (std::size_t g = 0; g < regions; ++g) {
    WordSequence words(streams_, static_cast<std::uint32_t>(g), stream_month,
                       kStreamChildcareSupply);
    childcare_supply_[g] =
        static_cast<double>(poisson(p_.regions[g].childcare_places_per_month, words));
  }
  childcare_.allocate(
      AllocationRequests{std::span<const std::uint16_t>(active_.region.data(), n),
                         std::span<const std::uint8_t>(active_.childcare_priority.data(), n),
                         std::span<const std::uint16_t>(active_.months_waiting.data(), n),
                         std::span<const float>(active_.childcare_requested.data(), n),
                         std::span<const std::uint32_t>(active_.id.data(), n)},
      childcare_supply_, hash_mix(p_.seed, replicate_, stream_month, kStreamChildcareLottery),
      std::span<float>(active_.childcare_granted.data(), n));

  // 4b. Social dwellings re-let to clients this month (Poisson around the mean re-let rate),
  // allocated by priority (no address, poor housing, other), then months on the list.
  for (std::size_t g = 0; g < regions; ++g) {
    WordSequence words(streams_, static_cast<std::uint32_t>(g), stream_month,
                       kStreamSocialHousingSupply);
    const double mean = p_.regions[g].social_dwellings * p_.housing.social_relet_per_year / 12.0 *
                        p_.housing.ocmw_client_share_of_relets;
    dwelling_supply_[g] = static_cast<double>(poisson(mean, words));
  }
  dwellings_.allocate(
      AllocationRequests{std::span<const std::uint16_t>(active_.region.data(), n),
                         std::span<const std::uint8_t>(active_.housing_priority.data(), n),
                         std::span<const std::uint16_t>(active_.housing_wait.data(), n),
                         std::span<const float>(active_.dwelling_requested.data(), n),
                         std::span<const std::uint32_t>(active_.id.data(), n)},
      dwelling_supply_, hash_mix(p_.seed, replicate_, stream_month, kStreamDwellingLottery),
      std::span<float>(active_.dwelling_granted.data(), n));

  // 5. Transitions, with the block tallies of the record phase.
  transitions_and_record(stream_month);
  const std::size_t blocks = block_count(n, block_size_);
  compact_active();

  // 7a. Record: reduce block tallies in block order.
  const std::size_t t_stride = regions * kStageCount * kStageCount;
  for (std::size_t g = 0; g < regions; ++g) {
    const int gi = static_cast<int>(g);
    double* sums = &region_sums_[g * kBlockSums];
    std::fill(sums, sums + kBlockSums, 0.0);
    for (std::size_t b = 0; b < blocks; ++b) {
      const std::int64_t* tally = &block_transitions_[b * t_stride + g * kStageCount * kStageCount];
      for (int from = 0; from < kStageCount; ++from)
        for (int to = 0; to < kStageCount; ++to) {
          const std::int64_t v = tally[from * kStageCount + to];
          results.transition_count[results.transition_index(r, m, gi, from, to)] += v;
          results.stage_count[results.stage_index(r, m, gi, to)] += v;
        }
      for (int k = 0; k < kBlockSums; ++k)
        sums[k] += block_sums_[(b * regions + g) * kBlockSums + k];
    }
    for (int s = kActiveStageCount; s < kStageCount; ++s) {
      const std::int64_t stayed = m == 0
                                      ? results.initial_stage_count[results.initial_index(r, gi, s)]
                                      : results.stage_count[results.stage_index(r, m - 1, gi, s)];
      results.transition_count[results.transition_index(r, m, gi, s, s)] += stayed;
      results.stage_count[results.stage_index(r, m, gi, s)] += stayed;
    }
    // Inputs of the staff phase: this month's demand, the caseload, and moral tension (clients
    // pushed towards work while a domain is in crisis).
    staff_inputs_[g] = caseworkers_.summary()[g].requested;
    staff_inputs_[regions + g] = sums[0];
    staff_inputs_[2 * regions + g] = sums[0] > 0 ? sums[3] / sums[0] : 0.0;
  }

  // 6. Staff: stress, sick leave, turnover and hiring, which set next month's hours.
  const std::span<const double> inputs(staff_inputs_);
  const StaffMonth& staff =
      staff_.step(month, inputs.subspan(0, regions), inputs.subspan(regions, regions),
                  inputs.subspan(2 * regions, regions));

  // A client's caseworker leaves next month with the share of this month's departures.
  for (std::size_t g = 0; g < regions; ++g)
    caseworker_change_threshold_[g] = bernoulli_threshold(
        staff.fte_employed[g] > 0 ? staff.departures[g] / staff.fte_employed[g] : 0.0);

  // 7b. Record the metrics.
  for (std::size_t g = 0; g < regions; ++g) {
    const int gi = static_cast<int>(g);
    const double* sums = &region_sums_[g * kBlockSums];
    const RegionAllocation& hours = caseworkers_.summary()[g];
    const double values[kMetricCount] = {
        sums[0],
        staff.caseload_per_fte[g],
        hours.capacity,
        hours.requested,
        hours.granted,
        hours.requested > 0 ? hours.granted / hours.requested : 1.0,
        sums[1],
        lost_benefits_[static_cast<std::size_t>(m) * regions + g],
        static_cast<double>(arrivals_->at(month, gi, kOriginReform)),
        static_cast<double>(arrivals_->at(month, gi, kOriginOrdinary)),
        sums[2],
        staff.fte_employed[g],
        staff.fte_on_sick_leave[g],
        staff.mean_stress[g],
        static_cast<double>(staff.departures[g]),
        static_cast<double>(staff.hires[g]),
        static_cast<double>(staff.open_vacancies[g]),
        staff_inputs_[2 * regions + g],
        sums[0] > 0 ? sums[4] / sums[0] : std::numeric_limits<double>::quiet_NaN(),
        sums[5],
        sums[6],
        sums[6] > 0 ? sums[7] / sums[6] : std::numeric_limits<double>::quiet_NaN(),
        sums[8],
        sums[9],
        sums[10],
        interpreters_.summary()[g].requested,
        interpreters_.summary()[g].granted,
        interpreters_.summary()[g].granted * p_.interpreter_eur_per_hour,
        sums[11],
        sums[12],
        sums[0] > 0 ? sums[13] / sums[0] : std::numeric_limits<double>::quiet_NaN(),
        sums[0] > 0 ? sums[14] / sums[0] : std::numeric_limits<double>::quiet_NaN(),
        sums[15],
        sums[16],
        sums[17],
        sums[18],
        in_work_share(g, m),
    };
    for (int k = 0; k < kMetricCount; ++k)
      results.metrics[k].values[results.metric_index(r, m, gi)] = values[k];
  }
}

}  // namespace drempel

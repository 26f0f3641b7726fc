#include "models/pathways_model.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

#include "engine/parallel.hpp"

namespace drempel {

const std::array<MetricInfo, kMetricCount> kMetricInfo = {{
    {"clients_active", "1", "clients in an active pathway stage at the end of the month",
     RegionTotal::kSum},
    {"caseload_per_caseworker_fte", "1", "active clients per caseworker FTE", RegionTotal::kNone},
    {"caseworker_hours_capacity", "h month-1", "caseworker hours available for client files",
     RegionTotal::kSum},
    {"caseworker_hours_demanded", "h month-1", "caseworker hours asked by clients",
     RegionTotal::kSum},
    {"caseworker_hours_supplied", "h month-1", "caseworker hours given to clients",
     RegionTotal::kSum},
    {"caseworker_service_share", "1", "caseworker hours supplied / demanded", RegionTotal::kNone},
    {"clients_in_crisis", "1", "active clients with at least one life domain in crisis",
     RegionTotal::kSum},
    {"reform_benefit_losses", "month-1",
     "residents losing unemployment benefit under the 2026 reform (transition waves and new claims "
     "running out)",
     RegionTotal::kSum},
    {"arrivals_reform", "month-1", "new clients who lost unemployment benefit under the reform",
     RegionTotal::kSum},
    {"arrivals_ordinary", "month-1", "new clients from ordinary leefloon applications",
     RegionTotal::kSum},
    {"leefloon_spending_eur", "EUR month-1",
     "leefloon paid to clients in stages admin_startup "
     "to activation",
     RegionTotal::kSum},
    {"caseworker_fte_employed", "1", "caseworker FTE in filled posts at the end of the month",
     RegionTotal::kSum},
    {"caseworker_fte_sick", "1", "caseworker FTE on sick leave next month", RegionTotal::kSum},
    {"caseworker_mean_stress", "1", "mean caseworker stress (0 none, 1 maximum)",
     RegionTotal::kNone},
    {"caseworker_departures", "month-1", "caseworkers who left their job", RegionTotal::kSum},
    {"caseworker_hires", "month-1", "caseworker posts filled", RegionTotal::kSum},
    {"caseworker_open_vacancies", "1", "vacant caseworker posts at the end of the month",
     RegionTotal::kSum},
    {"caseworker_moral_tension", "1",
     "share of active clients in pre-activation or activation while a life domain is in crisis",
     RegionTotal::kNone},
    {"job_access_share", "1",
     "mean over active clients of the share of the region's vacancies they can reach and take",
     RegionTotal::kNone},
    {"social_housing_waiting_list", "1",
     "active clients on the social-housing waiting list at the end of the month",
     RegionTotal::kSum},
    {"social_housing_allocations", "month-1", "social dwellings allocated to clients",
     RegionTotal::kSum},
    {"social_housing_wait_allocated_months", "month",
     "mean months on the waiting list of the clients allocated a dwelling this month",
     RegionTotal::kNone},
    {"clients_without_address", "1", "active clients without a home of their own",
     RegionTotal::kSum},
    {"evictions", "month-1", "clients evicted from a private rental", RegionTotal::kSum},
    {"clients_in_poor_housing", "1", "active clients in private rentals below standard",
     RegionTotal::kSum},
    {"interpreter_hours_demanded", "h month-1", "interpreter hours needed by clients",
     RegionTotal::kSum},
    {"interpreter_hours_supplied", "h month-1",
     "interpreter hours given (the rest: translation app)", RegionTotal::kSum},
    {"interpreter_cost_eur", "EUR month-1", "cost of the interpreter hours supplied",
     RegionTotal::kSum},
    {"clients_waiting_for_childcare", "1",
     "active clients with a child under three and no childcare place", RegionTotal::kSum},
    {"childcare_places_allocated", "month-1", "childcare places given to clients",
     RegionTotal::kSum},
    {"clients_mean_motivation", "1", "mean motivation of active clients (0 very low, 3 high)",
     RegionTotal::kNone},
    {"clients_mean_trust", "1", "mean trust of active clients in the OCMW (0 very low, 3 high)",
     RegionTotal::kNone},
    {"caseworker_changes", "month-1", "clients whose caseworker left (trust falls)",
     RegionTotal::kSum},
    {"gpmi_signed", "1", "active clients with a signed GPMI", RegionTotal::kSum},
    {"gpmi_overdue", "1", "active clients without a GPMI past the deadline", RegionTotal::kSum},
    {"gpmi_sanctions", "month-1", "GPMI sanctions (leefloon suspended for the month)",
     RegionTotal::kSum},
    {"in_work_year_after_entry_share", "1",
     "of the clients who arrived 12 months earlier, the share in work now (employed or art. 60)",
     RegionTotal::kNone},
    {"clients_in_crisis_income", "1", "active clients with income in crisis", RegionTotal::kSum},
    {"clients_in_crisis_housing", "1", "active clients with housing in crisis", RegionTotal::kSum},
    {"clients_in_crisis_physical_health", "1", "active clients with physical health in crisis",
     RegionTotal::kSum},
    {"clients_in_crisis_mental_health", "1", "active clients with mental health in crisis",
     RegionTotal::kSum},
    {"clients_in_crisis_administration", "1",
     "active clients with their administration (rights) in crisis", RegionTotal::kSum},
    {"clients_in_crisis_debt", "1", "active clients with debts in crisis", RegionTotal::kSum},
    {"clients_in_crisis_social_network", "1", "active clients without a social network to call on",
     RegionTotal::kSum},
    {"caseworker_hours_demanded_stage", "h month-1", "hours asked for the stage's basic follow-up",
     RegionTotal::kSum},
    {"caseworker_hours_demanded_crisis", "h month-1", "hours asked for crisis support",
     RegionTotal::kSum},
    {"caseworker_hours_demanded_language", "h month-1",
     "hours asked for working through a language barrier", RegionTotal::kSum},
    {"caseworker_hours_demanded_digital", "h month-1",
     "hours asked for online tasks clients cannot do themselves", RegionTotal::kSum},
    {"caseworker_hours_demanded_admin_tasks", "h month-1",
     "hours asked for basic-rights tasks, per-task overhead included", RegionTotal::kSum},
    {"caseworker_hours_demanded_gpmi", "h month-1", "hours asked for drafting and evaluating GPMIs",
     RegionTotal::kSum},
    {"caseworker_hours_demanded_relational", "h month-1", "hours asked for relational work",
     RegionTotal::kSum},
    {"caseworker_hours_demanded_programme", "h month-1",
     "hours asked for following clients in art. 60, wijk-werken or training", RegionTotal::kSum},
    {"caseworker_hours_supplied_stage", "h month-1", "hours given for the stage's basic follow-up",
     RegionTotal::kSum},
    {"caseworker_hours_supplied_crisis", "h month-1", "hours given for crisis support",
     RegionTotal::kSum},
    {"caseworker_hours_supplied_language", "h month-1",
     "hours given for working through a language barrier", RegionTotal::kSum},
    {"caseworker_hours_supplied_digital", "h month-1",
     "hours given for online tasks clients cannot do themselves", RegionTotal::kSum},
    {"caseworker_hours_supplied_admin_tasks", "h month-1",
     "hours given for basic-rights tasks, per-task overhead included", RegionTotal::kSum},
    {"caseworker_hours_supplied_gpmi", "h month-1", "hours given for drafting and evaluating GPMIs",
     RegionTotal::kSum},
    {"caseworker_hours_supplied_relational", "h month-1", "hours given for relational work",
     RegionTotal::kSum},
    {"caseworker_hours_supplied_programme", "h month-1",
     "hours given for following clients in art. 60, wijk-werken or training", RegionTotal::kSum},
    {"admin_tasks_pending", "1", "basic-rights tasks still to do, over active clients",
     RegionTotal::kSum},
    {"admin_tasks_done", "month-1", "basic-rights tasks completed", RegionTotal::kSum},
    {"nt2_in_course", "1", "active clients in a Dutch (NT2) course", RegionTotal::kSum},
    {"nt2_waiting", "1", "active clients waiting for a Dutch course", RegionTotal::kSum},
    {"dutch_level_ups", "month-1", "clients whose Dutch went up a level", RegionTotal::kSum},
    {"therapy_in", "1", "active clients in mental-health therapy", RegionTotal::kSum},
    {"therapy_waiting", "1", "active clients waiting for mental-health therapy", RegionTotal::kSum},
    {"art60_participants", "1", "clients in an art. 60 contract", RegionTotal::kSum},
    {"wijk_werken_participants", "1", "clients in wijk-werken", RegionTotal::kSum},
    {"training_participants", "1", "clients in vocational training", RegionTotal::kSum},
    {"programme_waiting", "1", "clients in activation waiting for a programme place",
     RegionTotal::kSum},
    {"after_art60_followed", "1",
     "former art. 60 workers on unemployment benefit, followed until work or 24 months",
     RegionTotal::kSum},
    {"art60_in_work_within_6_months_share", "1",
     "of the art. 60 contracts that ended 6 months ago, the share that led to work within 6 "
     "months",
     RegionTotal::kNone},
    {"art60_in_work_within_12_months_share", "1",
     "of the art. 60 contracts that ended 12 months ago, the share that led to work within 12 "
     "months",
     RegionTotal::kNone},
    {"job_starts", "month-1", "clients who started regular work", RegionTotal::kSum},
    {"job_relapses", "month-1", "clients whose job ended and who applied again", RegionTotal::kSum},
    {"clients_mean_work_readiness", "1", "mean work-readiness of active clients (0 none, 2 ready)",
     RegionTotal::kNone},
    {"clients_in_transition", "1",
     "active clients in the months of instability after leaving an institution", RegionTotal::kSum},
    {"leefloon_federal_reimbursement_eur", "EUR month-1",
     "part of the leefloon spending reimbursed by the federal state", RegionTotal::kSum},
    {"art60_net_cost_eur", "EUR month-1", "net wage cost of the art. 60 contracts running",
     RegionTotal::kSum},
    {"wijk_werken_client_hours", "h month-1", "hours worked by clients in wijk-werken",
     RegionTotal::kSum},
    {"low_threshold_places_granted", "month-1",
     "low-threshold work places offered to clients with structural limits", RegionTotal::kSum},
    {"low_threshold_waiting", "1",
     "clients with structural limits in pre-activation waiting for a low-threshold place",
     RegionTotal::kSum},
}};

void ClientColumns::resize(std::size_t n) {
  stage.resize(n);
  months_in_stage.resize(n);
  domains.resize(n);
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
  transition_left.resize(n);
  traits.resize(n);
  rights_pending.resize(n);
  readiness.resize(n);
  programme.resize(n);
  programme_left.resize(n);
  nt2_left.resize(n);
  therapy_left.resize(n);
  relapse_month.resize(n);
  background.resize(n);
  origin.resize(n);
  household.resize(n);
  arrival_month.resize(n);
}

std::size_t ClientColumns::bytes_per_agent() {
  return sizeof(std::uint8_t) + sizeof(std::uint16_t) + sizeof(std::uint64_t) +
         sizeof(std::uint8_t) + sizeof(std::uint16_t) + 2 * sizeof(std::uint8_t) +
         2 * sizeof(std::uint8_t) + 2 * sizeof(std::uint8_t) + sizeof(std::uint16_t) +
         sizeof(std::uint8_t) + sizeof(std::uint8_t) + 2 * sizeof(std::uint8_t) +
         2 * sizeof(std::uint16_t) + sizeof(std::uint8_t) + sizeof(std::uint8_t) +
         sizeof(std::uint16_t) + sizeof(std::uint8_t) + sizeof(std::int16_t) +
         9 * sizeof(std::uint8_t) + sizeof(std::uint16_t);
}

void ActiveList::resize(std::size_t n) {
  id.resize(n);
  region.resize(n);
  priority.resize(n);
  months_waiting.resize(n);
  hours_demanded.resize(n);
  hours_granted.resize(n);
  interpreter_requested.resize(n);
  interpreter_granted.resize(n);
  wants.resize(n);
  granted_units.resize(n);
}

std::size_t ActiveList::bytes_per_slot() {
  // id, region, priority, months waiting, hours asked and received, interpreter hours asked and
  // received, places wanted and granted.
  return sizeof(std::uint32_t) + sizeof(std::uint16_t) + sizeof(std::uint8_t) +
         sizeof(std::uint16_t) + 2 * sizeof(float) + 2 * sizeof(float) + 2 * sizeof(std::uint8_t);
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

// The leefloon is paid from start-up to activation, except to clients earning a wage (art. 60)
// or back on unemployment benefit (after art. 60).
// Reform arrivals are leefloon awards (models/inflow.hpp): the means test and decision of the
// intake stage are behind them, so they start with the administrative start-up; ordinary
// applications start at intake.
std::uint8_t arrival_stage(int origin) {
  return origin == kOriginReform ? std::uint8_t{kAdminStartup} : std::uint8_t{kIntake};
}

bool leefloon_paid(std::uint8_t stage, std::uint8_t programme) {
  return stage >= kAdminStartup && stage <= kActivation && programme != kArt60 &&
         programme != kAfterArt60;
}

bool in_work(std::uint8_t stage, std::uint8_t programme) {
  return stage == kEmployed || (stage == kActivation && programme == kArt60);
}

// Bits set in a byte. std::popcount becomes a library call on the baseline x86-64 target.
constexpr std::array<std::uint8_t, 256> kBitCount = [] {
  std::array<std::uint8_t, 256> t{};
  for (int v = 0; v < 256; ++v) t[v] = static_cast<std::uint8_t>((v & 1) + t[v >> 1]);
  return t;
}();

// Packed domain levels (ClientColumns::domains): bit 0 of bytes 0-6, a level in a byte.
constexpr std::uint64_t kDomainLowBits = 0x0001010101010101ull;

std::uint64_t with_level(std::uint64_t levels, int d, std::uint64_t level) {
  return (levels & ~(0xffull << (8 * d))) | (level << (8 * d));
}

// Gathers bit 0 of every byte into one byte (bit d from byte d).
int gather_low_bits(std::uint64_t bytes) {
  return static_cast<int>(((bytes & kDomainLowBits) * 0x0102040810204080ull) >> 56);
}

// Domains in crisis (level 2: bit 1 of the byte) and not stable (any bit), as 7-bit masks.
int crisis_mask(std::uint64_t levels) {
  return gather_low_bits(levels >> 1);
}
int unstable_mask(std::uint64_t levels) {
  return gather_low_bits(levels | (levels >> 1));
}

// Block sums per region, reduced in block order into the metrics.
enum Sum : int {
  kSumActive,
  kSumCrisis,
  kSumLeefloon,
  kSumMoralTension,
  kSumAccess,
  kSumWaitingList,
  kSumAllocations,
  kSumAllocatedWait,
  kSumNoAddress,
  kSumEvictions,
  kSumPoorHousing,
  kSumChildcareWaiting,
  kSumChildcarePlaces,
  kSumMotivation,
  kSumTrust,
  kSumCaseworkerChanges,
  kSumGpmiSigned,
  kSumGpmiOverdue,
  kSumGpmiSanctions,
  kSumCrisisDomain,                                     // + domain
  kSumHoursDemanded = kSumCrisisDomain + kDomainCount,  // + HourTask
  kSumHoursSupplied = kSumHoursDemanded + kHourTaskCount,
  kSumTasksPending = kSumHoursSupplied + kHourTaskCount,
  kSumTasksDone,
  kSumNt2InCourse,
  kSumNt2Waiting,
  kSumDutchLevelUps,
  kSumTherapyIn,
  kSumTherapyWaiting,
  kSumArt60,
  kSumWijkWerken,
  kSumTraining,
  kSumProgrammeWaiting,
  kSumAfterArt60,
  kSumJobStarts,
  kSumRelapses,
  kSumReadiness,
  kSumInTransition,
  kSumLowThresholdGranted,
  kSumLowThresholdWaiting,
  kSumCount
};

// Caseworker hours a client asks this month, by task. The demand phase sums them; the
// transitions phase recomputes them from the same state to record hours by task.
struct DemandRates {
  std::array<double, kActiveStageCount> stage;
  double crisis;
  std::array<double, kDutchLevels> dutch;
  double digital;
  double gpmi_draft, gpmi_eval;
  std::array<double, kTrustLevels> relational;
  std::array<double, kProgrammeCount> programme;
};

DemandRates demand_rates(const ModelParameters& p,
                         const std::array<double, kDutchLevels>& language_hours) {
  return {p.demand_hours_by_stage,
          p.extra_hours_per_crisis_domain,
          language_hours,
          p.extra_hours_without_digital_skills,
          p.gpmi_drafting_hours,
          p.gpmi_evaluation_hours_per_month,
          p.relational_hours_by_trust,
          {0.0, p.programmes[0].caseworker_hours, p.programmes[1].caseworker_hours,
           p.programmes[2].caseworker_hours, 0.0}};
}

// A structural limit to work: physical or mental health not stable, or a work handicap. It
// opens the way to low-threshold work (participation) and closes high-pace jobs.
bool has_structural_limit(std::uint64_t levels, std::uint8_t traits) {
  return (unstable_mask(levels) & ((1 << kPhysicalHealth) | (1 << kMentalHealth))) != 0 ||
         (traits & kWorkHandicap) != 0;
}

inline std::array<double, kHourTaskCount> hours_by_task(
    const DemandRates& d, const std::array<std::array<double, 2>, 32>& task_hours,
    std::uint8_t stage, int crisis, std::uint8_t dutch, bool digital, std::uint8_t gpmi,
    std::uint8_t pending, bool knows_system, std::uint8_t trust, std::uint8_t programme) {
  const bool admin_stage = stage == kAdminStartup || stage == kStabilisation;
  const bool gpmi_signed = (gpmi & kGpmiSigned) != 0;
  return {d.stage[stage],
          d.crisis * crisis,
          d.dutch[dutch],
          admin_stage && !digital ? d.digital : 0.0,
          stage == kAdminStartup ? task_hours[pending][knows_system ? 1 : 0] : 0.0,
          gpmi_signed              ? d.gpmi_eval
          : stage >= kAdminStartup ? d.gpmi_draft
                                   : 0.0,
          stage >= kAdminStartup ? d.relational[trust] : 0.0,
          d.programme[programme]};
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
      interpreters_(allocation(params.regions.size(), kPriorityClasses, 24,
                               Divisibility::kDivisible, block_size),
                    capacity),
      unit_places_(allocation(params.regions.size() * kUnitResourceCount, 3, 120,
                              Divisibility::kUnit, block_size),
                   capacity / 4 + 4096) {
  c_.resize(capacity);
  active_.resize(capacity);
  const std::size_t regions = p_.regions.size();
  // Shock thresholds: the base shock, times poor housing, times the factor of the first months
  // after leaving an institution, times the interaction factor of every domain in crisis.
  shock_threshold_.assign(kHousingStatusCount * 2 * 128 * kDomainCount, 0);
  for (int h = 0; h < kHousingStatusCount; ++h)
    for (int tr = 0; tr < 2; ++tr)
      for (int mask = 0; mask < 128; ++mask)
        for (int d = 0; d < kDomainCount; ++d) {
          double shock = p_.shock_per_month[d];
          if (h == kPrivatePoor && d == kPhysicalHealth)
            shock *= p_.housing.poor_housing_health_shock_factor;
          if (h == kPrivatePoor && d == kIncome)
            shock *= p_.housing.poor_housing_income_shock_factor;
          if (tr == 1) shock *= p_.transition_shock_factor;
          for (int f = 0; f < kDomainCount; ++f)
            if ((mask >> f) & 1) shock *= p_.shock_interaction[f][d];
          shock_threshold_[((h * 2 + tr) * 128 + mask) * kDomainCount + d] =
              bernoulli_threshold(std::min(1.0, shock));
        }
  for (int d = 0; d < kDomainCount; ++d) recovery_scaled_[d] = p_.recovery_per_month[d] * 0x1.0p32;
  for (int k = 0; k < kDomainCount; ++k)
    stable_help_[k] = 1.0 + p_.stable_domain_recovery_bonus * k / (int{kDomainCount} - 1.0);
  // Hours of the pending basic-rights tasks: each task's own hours plus the overhead of
  // explaining the case again where the partner has no fixed contact person.
  for (int mask = 0; mask < 32; ++mask)
    for (int knows = 0; knows < 2; ++knows) {
      double h = 0;
      for (int t = 0; t < kAdminTaskCount; ++t)
        if ((mask >> t) & 1)
          h += p_.admin_tasks[t].hours +
               p_.admin_overhead_hours_per_task * (1.0 - p_.fixed_contact_share);
      task_hours_[mask][knows] = knows ? h * p_.system_knowledge_hours_factor : h;
    }
  // Language hours: working through the barrier, and waiting for the interpreter phone.
  for (int d = 0; d < kDutchLevels; ++d)
    language_hours_[d] = p_.extra_hours_by_dutch_level[d] + p_.interpreter_hours_by_dutch_level[d] *
                                                                p_.interpreter_wait_hours_per_hour;
  for (int k = 0; k < 16; ++k)
    willingness_[k] = ((k & 1) ? p_.willingness_work_handicap : 1.0) *
                      ((k & 2) ? p_.willingness_no_dutch_b1 : 1.0) *
                      ((k & 4) ? p_.willingness_long_term_unemployed : 1.0) *
                      ((k & 8) ? p_.willingness_no_work_experience : 1.0);
  // Evictions are drawn by thinning at the larger of the two rates; the thresholds are the
  // acceptance probabilities (rate / largest rate).
  const double evict = p_.housing.eviction_per_month;
  const double evict_crisis = evict * p_.housing.eviction_income_crisis_factor;
  eviction_max_ = std::max(evict, evict_crisis);
  eviction_threshold_ = {
      bernoulli_threshold(eviction_max_ > 0 ? evict / eviction_max_ : 0.0),
      bernoulli_threshold(eviction_max_ > 0 ? evict_crisis / eviction_max_ : 0.0)};
  const std::size_t cohort_cells = p_.regions.size() * static_cast<std::size_t>(p_.months);
  cohort_in_work_ = std::make_unique<std::atomic<std::int64_t>[]>(cohort_cells);
  art60_ended_ = std::make_unique<std::atomic<std::int64_t>[]>(cohort_cells);
  art60_work6_ = std::make_unique<std::atomic<std::int64_t>[]>(cohort_cells);
  art60_work12_ = std::make_unique<std::atomic<std::int64_t>[]>(cohort_cells);
  gpmi_noncompliance_max_ = p_.gpmi_noncompliance_per_month *
                            std::max(1.0, p_.gpmi_noncompliance_crisis_factor) *
                            *std::max_element(p_.gpmi_noncompliance_factor_by_trust.begin(),
                                              p_.gpmi_noncompliance_factor_by_trust.end());
  for (const auto& g : p_.regions) interpreter_budget_.push_back(g.interpreter_hours_per_month);
  caseworker_change_threshold_.assign(p_.regions.size(), 0);
  unit_capacity_.assign(regions * kUnitResourceCount, 0.0);
  for (const auto& g : p_.regions) pace_factor_.push_back(1.0 - g.labour_market.high_pace_share);
  occupancy_.assign(regions * kUnitResourceCount, 0.0);
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
    // Progress of a counter task from each home and mobility: halved at counter_halving_minutes
    // of one-way travel to the nearest open counter (day timetable; by car for those with one),
    // nil where none is reachable.
    counter_offset_.push_back(counter_factor_.size());
    for (std::size_t home = 0; home < g.transit.places.size(); ++home) {
      const auto by_transit = network.shortest_minutes(home, kDay, kTransit);
      const auto by_car = network.shortest_minutes(home, kDay, kCar);
      for (int m = 0; m < kMobilityCount; ++m) {
        const auto& by = m == kOwnCar ? by_car : by_transit;
        double minutes = std::numeric_limits<double>::infinity();
        for (const std::size_t place : g.counter_places) minutes = std::min(minutes, by[place]);
        counter_factor_.push_back(1.0 / (1.0 + minutes / p_.counter_halving_minutes));
      }
    }
  }
  region_sums_.resize(regions * kBlockSums);
  const std::size_t blocks = std::max<std::size_t>(1, block_count(capacity, block_size));
  block_transitions_.assign(blocks * regions * kStageCount * kStageCount, 0);
  block_sums_.assign(blocks * regions * kBlockSums, 0.0);
  unit_block_offset_.assign(blocks + 1, 0);
  units_.resize(capacity / 4 + 4096);
  static_assert(kSumCount <= kBlockSums);
}

// The rules of models/ODD.md "Stage transitions", as data. Probabilities at full support and
// fluent Dutch; the hot loop scales the support, language, access and childcare parts per client.
void PathwaysModel::build_move_rules() {
  for (int stage = 0; stage < kActiveStageCount; ++stage) {
    for (int k = 0; k < kSituations; ++k) {
      const bool job_ready = (k & 32) != 0, not_ready = (k & 16) != 0;
      const bool no_address = (k & 8) != 0, crisis = (k & 4) != 0;
      const bool admin_done = (k & 2) != 0, participation_open = (k & 1) != 0;
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
          // Every basic-rights task done (a bank account needs an address) and the
          // administration stable.
          m.b_support = admin_done ? p_.admin_startup_done_per_month : 0.0;
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
            // Participation needs a low-threshold place (a structural limit, and a place offered).
            m.a_support = participation_open ? p_.participation_per_month : 0.0;
            m.a_to = kParticipation;
            // Activation needs some work-readiness, which pre-activation builds.
            m.b_language = not_ready ? 0.0 : p_.pre_activation_to_activation_per_month;
            m.b_to = kActivation;
          }
          break;
        case kActivation:
          if (crisis) {
            m.a_fixed = p_.crisis_setback_per_month;
            m.a_to = kStabilisation;
          } else {
            // Without an address no employment contract can be signed.
            m.b_access = no_address ? 0.0 : p_.activation_to_employed_per_month;
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
  const auto readiness_cdf = cumulative(profile.work_readiness_share);
  std::array<double, kBackgroundCount> background_share{};
  for (int b = 0; b < kBackgroundCount; ++b)
    background_share[b] = p_.backgrounds[b].share_of_ordinary;
  const auto background_cdf = cumulative(background_share);
  const auto stream_month = static_cast<std::uint32_t>(month);
  // A month's arrivals in a region are a few thousand at most: small blocks, so that both
  // threads share them (each client's draws depend on its id only, never on the blocking).
  constexpr std::size_t kArrivalBlock = 512;
  for_each_block(
      n, std::min(block_size_, kArrivalBlock),
      [&](std::size_t, std::size_t begin, std::size_t end) {
        for (std::size_t k = begin; k < end; ++k) {
          const std::size_t i = first + k;
          const auto id = static_cast<std::uint32_t>(i);
          const RandomWords a = streams_.words(id, stream_month, kStreamInitialState, 0);
          const RandomWords b = streams_.words(id, stream_month, kStreamInitialState, 1);
          const RandomWords c = streams_.words(id, stream_month, kStreamInitialState, 2);
          const RandomWords h = streams_.words(id, stream_month, kStreamInitialState, 3);
          const RandomWords a2 = streams_.words(id, stream_month, kStreamInitialState, 11);
          const std::uint32_t domain_words[kDomainCount] = {a[0],  a[1],  a[2], a[3],
                                                            a2[0], a2[1], a2[2]};
          std::uint64_t levels = 0;
          for (int d = 0; d < kDomainCount; ++d)
            levels |= static_cast<std::uint64_t>(categorical(domain_words[d], domain_cdf[d]))
                      << (8 * d);
          // Background: reform arrivals are long-term unemployed; ordinary applications by shares.
          const RandomWords bg = streams_.words(id, stream_month, kStreamInitialState, 7);
          const auto background = static_cast<std::uint8_t>(
              origin == kOriginReform ? std::size_t{kLongTermUnemployed}
                                      : categorical(bg[0], background_cdf));
          const BackgroundParameters& from = p_.backgrounds[background];
          c_.background[i] = background;
          c_.dutch[i] = static_cast<std::uint8_t>(std::min<std::size_t>(
              categorical(b[0], dutch_cdf), static_cast<std::size_t>(from.dutch_level_cap)));
          c_.household[i] = static_cast<std::uint8_t>(categorical(b[1], household_cdf));
          c_.stage[i] = initial ? static_cast<std::uint8_t>(categorical(b[2], stage_cdf))
                                : arrival_stage(origin);
          c_.months_in_stage[i] = 0;
          c_.region[i] = region;
          c_.home[i] = static_cast<std::uint8_t>(categorical(b[3], home_cdf));
          const bool licence = bernoulli(c[0], profile.driving_licence_share);
          const bool car = licence && bernoulli(c[1], profile.car_share_of_licensed);
          c_.mobility[i] = static_cast<std::uint8_t>(car       ? kOwnCar
                                                     : licence ? kLicenceNoCar
                                                               : kNoLicence);
          const bool lost_home = bernoulli(bg[3], from.no_address_share);
          const auto housing = static_cast<std::uint8_t>(
              lost_home ? std::size_t{kNoAddress} : categorical(c[2], housing_cdf));
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
            levels = with_level(levels, kHousing, std::max(1, domain_level(levels, kHousing)));
          // Leaving an institution breaks the network and shakes every domain for a while.
          if (bernoulli(bg[1], from.network_loss_share))
            levels = with_level(levels, kSocialNetwork, 2);
          if (bernoulli(bg[2], from.mental_health_crisis_share))
            levels = with_level(levels, kMentalHealth, 2);
          c_.domains[i] = levels;
          c_.transition_left[i] =
              initial ? 0 : static_cast<std::uint8_t>(std::min(255, from.transition_months));
          const RandomWords tr = streams_.words(id, stream_month, kStreamInitialState, 8);
          const bool young_child = (c_.family_flags[i] & kYoungChild) != 0;
          c_.traits[i] = static_cast<std::uint8_t>(
              (bernoulli(tr[0], from.work_handicap_share) ? kWorkHandicap : 0) |
              (bernoulli(tr[2], profile.system_knowledge_share) ? kSystemKnowledge : 0) |
              (young_child && bernoulli(tr[3], p_.single_parent_share) ? kSingleParent : 0) |
              (c_.job_ready[i] != 0 ? kWorkExperience : 0));
          c_.readiness[i] = c_.job_ready[i] != 0
                                ? std::uint8_t{2}
                                : static_cast<std::uint8_t>(categorical(tr[1], readiness_cdf));
          // Basic rights still to arrange; the initial caseload past start-up has them in order.
          std::uint8_t pending = 0;
          if (c_.stage[i] <= kAdminStartup) {
            const RandomWords ta = streams_.words(id, stream_month, kStreamInitialState, 9);
            const RandomWords tb = streams_.words(id, stream_month, kStreamInitialState, 10);
            const std::uint32_t task_words[kAdminTaskCount] = {ta[0], ta[1], ta[2], ta[3], tb[0]};
            for (int task_index = 0; task_index < kAdminTaskCount; ++task_index) {
              const AdminTaskParameters& task = p_.admin_tasks[task_index];
              if (task.families_only && c_.household[i] != kFamily) continue;
              if (bernoulli(task_words[task_index], task.missing_share))
                pending = static_cast<std::uint8_t>(pending | (1u << task_index));
            }
          }
          c_.rights_pending[i] = pending;
          c_.programme[i] = kNoProgramme;
          c_.programme_left[i] = 0;
          c_.nt2_left[i] = 0;
          c_.therapy_left[i] = 0;
          c_.relapse_month[i] = 0xffff;
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
      cohort_in_work_[g * static_cast<std::size_t>(p_.months) + static_cast<std::size_t>(cohort)]
          .load(std::memory_order_relaxed);
  return static_cast<double>(employed) / arrived;
}

// Drops clients who reached an end state from the active list, keeping id order. Employed
// clients whose job may still end (relapse) stay on it until it has or cannot any more.
void PathwaysModel::compact_active() {
  std::size_t kept = 0;
  for (std::size_t k = 0; k < active_.size; ++k) {
    const std::uint32_t id = active_.id[k];
    active_.id[kept] = id;
    const std::uint8_t stage = c_.stage[id];
    kept += (stage < kActiveStageCount) | ((stage == kEmployed) & (c_.relapse_month[id] != 0xffff));
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
  for (std::size_t c = 0; c < p_.regions.size() * static_cast<std::size_t>(p_.months); ++c) {
    cohort_in_work_[c].store(0, std::memory_order_relaxed);
    art60_ended_[c].store(0, std::memory_order_relaxed);
    art60_work6_[c].store(0, std::memory_order_relaxed);
    art60_work12_[c].store(0, std::memory_order_relaxed);
  }
  std::fill(occupancy_.begin(), occupancy_.end(), 0.0);
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

// Events (domain shocks) and demand (caseworker hours, priority, places asked) in one pass.
// Hot loops read columns through local pointers and constants through local copies: stores
// through uint8_t pointers may alias anything, which would otherwise force reloads every agent.
void PathwaysModel::events_and_demand(std::uint32_t month) {
  const DemandRates rates = demand_rates(p_, language_hours_);
  for_each_block(active_.size, block_size_, [&](std::size_t, std::size_t begin, std::size_t end) {
    const std::uint32_t* const ids = active_.id.data();
    std::uint16_t* const req_region = active_.region.data();
    std::uint8_t* const req_priority = active_.priority.data();
    std::uint16_t* const req_wait = active_.months_waiting.data();
    float* const req_hours = active_.hours_demanded.data();
    const std::uint8_t* const stage_col = c_.stage.data();
    const std::uint16_t* const months_col = c_.months_in_stage.data();
    const std::uint16_t* const region_col = c_.region.data();
    std::uint64_t* const domains_col = c_.domains.data();
    const std::uint8_t* const dutch_col = c_.dutch.data();
    std::uint8_t* const housing_col = c_.housing.data();
    std::uint8_t* const flags_col = c_.housing_flags.data();
    const std::uint64_t* const shock = shock_threshold_.data();
    const auto eviction = eviction_threshold_;
    const std::uint64_t reference = bernoulli_threshold(p_.housing.reference_address_share);
    const auto interpreter_need = p_.interpreter_hours_by_dutch_level;
    const std::uint8_t* const digital_col = c_.digital.data();
    float* const req_interpreter = active_.interpreter_requested.data();
    std::uint8_t* const family_col = c_.family_flags.data();
    std::uint8_t* const child_col = c_.child_months_left.data();
    const std::uint8_t* const gpmi_col = c_.gpmi.data();
    std::uint16_t* const eviction_col = c_.eviction_check.data();
    std::uint16_t* const search_col = c_.search_check.data();
    std::uint8_t* const transition_col = c_.transition_left.data();
    const std::uint8_t* const traits_col = c_.traits.data();
    const std::uint8_t* const pending_col = c_.rights_pending.data();
    const std::uint8_t* const trust_col = c_.trust.data();
    const std::uint8_t* const programme_col = c_.programme.data();
    const std::uint8_t* const readiness_col = c_.readiness.data();
    const std::uint8_t* const job_ready_col = c_.job_ready.data();
    const std::uint8_t* const nt2_col = c_.nt2_left.data();
    const std::uint8_t* const therapy_col = c_.therapy_left.data();
    std::uint8_t* const wants_col = active_.wants.data();
    const auto& task_hours = task_hours_;
    const double eviction_max = eviction_max_;
    const double search_max = p_.housing.private_search_success_per_month;
    const RandomStreams streams = streams_;
    for (std::size_t k = begin; k < end; ++k) {
      const std::uint32_t i = ids[k];
      const std::uint8_t stage = stage_col[i];
      req_region[k] = region_col[i];
      if (stage == kEmployed) [[unlikely]] {
        // At work, waiting to see whether the job lasts: asks for nothing.
        req_hours[k] = 0.0f;
        req_interpreter[k] = 0.0f;
        req_priority[k] = kPriorityOther;
        req_wait[k] = 0;
        wants_col[k] = 0;
        continue;
      }
      std::uint8_t housing = housing_col[i];
      // Shocks: the chance that a domain worsens depends on housing, on the months after leaving
      // an institution, and on which domains are in crisis (a housing crisis harms health, debt
      // and mental health feed each other).
      std::uint64_t levels = domains_col[i];
      const int mask = crisis_mask(levels);
      std::uint8_t transition = transition_col[i];
      const std::uint64_t* const row =
          shock + ((housing * 2 + (transition > 0)) * 128 + mask) * kDomainCount;
      transition = static_cast<std::uint8_t>(transition - (transition > 0));
      transition_col[i] = transition;
      const RandomWords8 words = streams.words8(i, month, kStreamShocks);
      std::uint64_t worse = 0;
      for (int d = 0; d < kDomainCount; ++d)
        worse |= static_cast<std::uint64_t>((((mask >> d) & 1) == 0) & (words[d] < row[d]))
                 << (8 * d);
      levels += worse;
      // Eviction from a private rental, likelier with income in crisis: no address, housing in
      // crisis; the OCMW may give a reference address.
      const bool private_tenant = housing == kPrivateDecent || housing == kPrivatePoor;
      if (private_tenant && eviction_col[i] == month) {
        const RandomWords hw = streams.words(i, month, kStreamHousing, 0);
        eviction_col[i] = next_candidate(hw[2], eviction_max, month + 1);
        if (hw[0] < eviction[domain_level(levels, kIncome) == 2 ? 1 : 0]) {
          housing = kNoAddress;
          housing_col[i] = housing;
          levels = with_level(levels, kHousing, 2);
          flags_col[i] = static_cast<std::uint8_t>(flags_col[i] | kEvictedThisMonth |
                                                   (hw[1] < reference ? kReferenceAddress : 0));
          search_col[i] = next_candidate(hw[3], search_max, month + 1);
        }
      }
      domains_col[i] = levels;
      const int crisis = kBitCount[crisis_mask(levels)];
      // Social-housing request: clients on the waiting list, homeless first, then poor housing.
      const bool listed = (flags_col[i] & kOnWaitingList) != 0 && housing != kSocialRent;
      const std::uint16_t waited = months_col[i];
      req_wait[k] = waited;
      const std::uint8_t trust = trust_col[i];
      const std::uint8_t programme = programme_col[i];
      const std::uint8_t traits = traits_col[i];
      const auto hours = hours_by_task(rates, task_hours, stage, crisis, dutch_col[i],
                                       digital_col[i] != 0, gpmi_col[i], pending_col[i],
                                       (traits & kSystemKnowledge) != 0, trust, programme);
      double total = 0;
      for (double h : hours) total += h;
      req_hours[k] = static_cast<float>(total);
      req_interpreter[k] = static_cast<float>(interpreter_need[dutch_col[i]]);
      // A young child turns three (no more childcare need); parents without a place ask for one
      // from stabilisation on, those closest to work first.
      std::uint8_t family = family_col[i];
      if ((family & kYoungChild) != 0 && --child_col[i] == 0) family = 0;
      family_col[i] = family;
      const bool needs_place = family == kYoungChild && stage >= kStabilisation;
      req_priority[k] = stage == kIntake ? kPriorityIntake
                        : crisis > 0     ? kPriorityCrisis
                                         : kPriorityOther;
      // Places: a programme for clients in activation who are not job-ready (wijk-werken to
      // build readiness, art. 60 when ready with Dutch B1, training when ready without), a Dutch
      // course below B1, therapy for mental health that is not stable; from stabilisation on.
      std::uint8_t wants = static_cast<std::uint8_t>((listed ? 1u << kResourceDwelling : 0u) |
                                                     (needs_place ? 1u << kResourceChildcare : 0u));
      if (stage >= kStabilisation) {
        if (stage == kActivation && programme == kNoProgramme && job_ready_col[i] == 0) {
          // Wijk-werken once at most (12 months); then art. 60 or training.
          const bool wijk = readiness_col[i] < 2 && (traits & kDidWijkWerken) == 0;
          const int choice = wijk                ? kResourceWijkWerken
                             : dutch_col[i] >= 2 ? kResourceArt60
                                                 : kResourceTraining;
          wants = static_cast<std::uint8_t>(1u << choice);
        }
        if (dutch_col[i] < 2 && nt2_col[i] == 0) wants |= 1u << kResourceNt2;
        if (domain_level(levels, kMentalHealth) != 0 && therapy_col[i] == 0)
          wants |= 1u << kResourceTherapy;
        // A low-threshold work place for clients in pre-activation with structural limits.
        if (stage == kPreActivation && has_structural_limit(levels, traits))
          wants |= 1u << kResourceLowThreshold;
      }
      wants_col[k] = wants;
    }
  });
}

// The compact list of unit requests, built in block order so that it does not depend on the
// thread count; then one allocation over (region, resource) pairs.
void PathwaysModel::allocate_unit_places(std::uint32_t stream_month) {
  const std::size_t n = active_.size;
  const std::size_t blocks = block_count(n, block_size_);
  const std::uint8_t* const wants = active_.wants.data();
  for_each_block(n, block_size_, [&](std::size_t b, std::size_t begin, std::size_t end) {
    std::size_t count = 0;
    for (std::size_t k = begin; k < end; ++k) count += kBitCount[wants[k]];
    unit_block_offset_[b + 1] = count;
  });
  unit_block_offset_[0] = 0;
  for (std::size_t b = 0; b < blocks; ++b) unit_block_offset_[b + 1] += unit_block_offset_[b];
  const std::size_t m = unit_block_offset_[blocks];
  if (m > units_.slot.size()) {
    // A month with more requests than ever before: grow (rare; amortised by doubling).
    const std::size_t size = std::max(m, 2 * units_.slot.size());
    units_.resize(size);
    unit_places_ = CapacityAllocator(allocation(p_.regions.size() * kUnitResourceCount, 3, 120,
                                                Divisibility::kUnit, block_size_),
                                     size);
  }
  const std::uint32_t* const ids = active_.id.data();
  const std::uint16_t* const region = active_.region.data();
  const std::uint16_t* const waited = active_.months_waiting.data();
  const std::uint8_t* const stage_col = c_.stage.data();
  const std::uint64_t* const domains_col = c_.domains.data();
  const std::uint8_t* const housing_col = c_.housing.data();
  const std::uint16_t* const list_col = c_.list_months.data();
  // Clients not in crisis come first for a low-threshold place: the caseworker-hours class says.
  const std::uint8_t* const care_class = active_.priority.data();
  for_each_block(n, block_size_, [&](std::size_t b, std::size_t begin, std::size_t end) {
    std::size_t out = unit_block_offset_[b];
    for (std::size_t k = begin; k < end; ++k) {
      for (std::uint8_t bits = wants[k]; bits != 0; bits &= static_cast<std::uint8_t>(bits - 1)) {
        const int r = std::countr_zero(bits);
        const std::uint32_t i = ids[k];
        units_.key_region[out] = static_cast<std::uint16_t>(region[k] * kUnitResourceCount + r);
        // Courses first for those closest to work; therapy first for those in crisis; dwellings
        // first for those without a home, then in poor housing, by months on the list; childcare
        // first for those closest to work.
        std::uint8_t priority = 0;  // programmes
        std::uint16_t wait = waited[k];
        switch (r) {
          case kResourceNt2:
            priority = stage_col[i] >= kPreActivation ? 0 : 1;
            break;
          case kResourceTherapy:
            priority = domain_level(domains_col[i], kMentalHealth) == 2 ? 0 : 1;
            break;
          case kResourceLowThreshold:
            priority = care_class[k] == kPriorityCrisis ? 1 : 0;
            break;
          case kResourceDwelling:
            priority = housing_col[i] == kNoAddress ? 0 : housing_col[i] == kPrivatePoor ? 1 : 2;
            wait = list_col[i];
            break;
          case kResourceChildcare:
            priority = stage_col[i] == kActivation ? 0 : stage_col[i] == kPreActivation ? 1 : 2;
            break;
          default:
            break;
        }
        units_.priority[out] = priority;
        units_.wait[out] = wait;
        units_.key[out] = i * 8u + static_cast<std::uint32_t>(r);
        units_.slot[out] = static_cast<std::uint32_t>(k);
        ++out;
      }
    }
  });
  // Free places: capacity minus the places held at the end of last month.
  for (std::size_t g = 0; g < p_.regions.size(); ++g) {
    const RegionParameters& region_params = p_.regions[g];
    double* cap = &unit_capacity_[g * kUnitResourceCount];
    const double* held = &occupancy_[g * kUnitResourceCount];
    const double art60_budget_places =
        std::floor(region_params.art60_budget_eur_per_month / p_.art60_net_cost_eur_per_month);
    cap[kResourceArt60] =
        std::min(region_params.programme_places[0], art60_budget_places) - held[kResourceArt60];
    cap[kResourceWijkWerken] = region_params.programme_places[1] - held[kResourceWijkWerken];
    cap[kResourceTraining] = region_params.programme_places[2] - held[kResourceTraining];
    cap[kResourceNt2] = region_params.nt2_course_places - held[kResourceNt2];
    cap[kResourceTherapy] = region_params.therapy_places - held[kResourceTherapy];
    WordSequence words(streams_, static_cast<std::uint32_t>(g), stream_month,
                       kStreamLowThresholdSupply);
    cap[kResourceLowThreshold] =
        static_cast<double>(poisson(region_params.low_threshold_places_per_month, words));
    // Social dwellings re-let to clients this month (Poisson around the mean re-let rate), and
    // childcare places freeing up.
    WordSequence relet(streams_, static_cast<std::uint32_t>(g), stream_month,
                       kStreamSocialHousingSupply);
    cap[kResourceDwelling] = static_cast<double>(
        poisson(region_params.social_dwellings * p_.housing.social_relet_per_year / 12.0 *
                    p_.housing.ocmw_client_share_of_relets,
                relet));
    WordSequence freed(streams_, static_cast<std::uint32_t>(g), stream_month,
                       kStreamChildcareSupply);
    cap[kResourceChildcare] =
        static_cast<double>(poisson(region_params.childcare_places_per_month, freed));
    for (int r = 0; r < kUnitResourceCount; ++r) cap[r] = std::max(0.0, std::floor(cap[r]));
  }
  unit_places_.allocate(
      AllocationRequests{std::span<const std::uint16_t>(units_.key_region.data(), m),
                         std::span<const std::uint8_t>(units_.priority.data(), m),
                         std::span<const std::uint16_t>(units_.wait.data(), m),
                         std::span<const float>(units_.amount.data(), m),
                         std::span<const std::uint32_t>(units_.key.data(), m)},
      unit_capacity_, hash_mix(p_.seed, replicate_, stream_month, kStreamUnitLottery),
      std::span<float>(units_.granted.data(), m));
  // Grants back to the clients: a client's requests are adjacent, and may straddle blocks, so
  // the few grants are scattered in one sequential pass.
  std::fill(active_.granted_units.begin(),
            active_.granted_units.begin() + static_cast<std::ptrdiff_t>(n), 0);
  for (std::size_t q = 0; q < m; ++q)
    if (units_.granted[q] > 0.0f)
      active_.granted_units[units_.slot[q]] |=
          static_cast<std::uint8_t>(1u << (units_.key[q] & 7u));
}

// Transitions (services, domain recovery, stage moves) and the block tallies of the record phase.
void PathwaysModel::transitions_and_record(std::uint32_t month) {
  const std::size_t n = active_.size;
  const std::size_t regions = p_.regions.size();
  const std::size_t t_stride = regions * kStageCount * kStageCount;
  const DemandRates rates = demand_rates(p_, language_hours_);
  // Regular-job finding by programme, relative to searching without one.
  const std::array<double, kProgrammeCount> job_factor = {
      1.0, p_.programmes[0].job_finding_factor, p_.programmes[1].job_finding_factor,
      p_.programmes[2].job_finding_factor, p_.after_art60_job_finding_factor};
  const std::array<std::uint64_t, kProgrammeCount> programme_readiness = {
      0, bernoulli_threshold(p_.programmes[0].readiness_gain_per_month),
      bernoulli_threshold(p_.programmes[1].readiness_gain_per_month),
      bernoulli_threshold(p_.programmes[2].readiness_gain_per_month), 0};
  const std::array<std::uint8_t, kUnitResourceCount> programme_of = {kArt60, kWijkWerken, kTraining,
                                                                     0, 0};
  const std::array<std::uint8_t, kProgrammeCount> programme_months = {
      0, static_cast<std::uint8_t>(std::min(255, p_.programmes[0].months)),
      static_cast<std::uint8_t>(std::min(255, p_.programmes[1].months)),
      static_cast<std::uint8_t>(std::min(255, p_.programmes[2].months)), 0};
  const std::array<double, 3> relapse_p = p_.relapse_per_month_by_readiness;
  for_each_block(n, block_size_, [&](std::size_t b, std::size_t begin, std::size_t end) {
    // Locals, not captures: stores through uint8_t columns may alias anything reachable
    // through memory, which would force reloading captured values for every client.
    const double floor_share = p_.unsupported_progress_share;
    const std::uint32_t* const ids = active_.id.data();
    const std::uint16_t* const req_region = active_.region.data();
    const float* const req_granted = active_.hours_granted.data();
    std::uint8_t* const stage_col = c_.stage.data();
    std::uint16_t* const months_col = c_.months_in_stage.data();
    std::uint64_t* const domains_col = c_.domains.data();
    std::uint8_t* const dutch_col = c_.dutch.data();
    const std::uint8_t* const household_col = c_.household.data();
    const std::uint8_t* const job_ready_col = c_.job_ready.data();
    const std::uint8_t* const home_col = c_.home.data();
    const std::uint8_t* const mobility_col = c_.mobility.data();
    const std::uint8_t* const digital_col = c_.digital.data();
    std::uint8_t* const housing_col = c_.housing.data();
    std::uint8_t* const flags_col = c_.housing_flags.data();
    std::uint16_t* const list_col = c_.list_months.data();
    const float* const interp_granted = active_.interpreter_granted.data();
    const double app_penalty = p_.translation_app_support_penalty;
    std::uint8_t* const family_col = c_.family_flags.data();
    std::uint8_t* const motivation_col = c_.motivation.data();
    std::uint8_t* const trust_col = c_.trust.data();
    std::uint8_t* const gpmi_col = c_.gpmi.data();
    std::uint16_t* const gpmi_check_col = c_.gpmi_check.data();
    const std::int16_t* const arrival_col = c_.arrival_month.data();
    std::uint8_t* const traits_col = c_.traits.data();
    std::uint8_t* const pending_col = c_.rights_pending.data();
    std::uint8_t* const readiness_col = c_.readiness.data();
    std::uint8_t* const programme_col = c_.programme.data();
    std::uint8_t* const programme_left_col = c_.programme_left.data();
    std::uint8_t* const nt2_col = c_.nt2_left.data();
    std::uint8_t* const therapy_col = c_.therapy_left.data();
    std::uint16_t* const relapse_col = c_.relapse_month.data();
    const std::uint8_t* const transition_col = c_.transition_left.data();
    const std::uint8_t* const background_col = c_.background.data();
    const std::uint8_t* const wants_col = active_.wants.data();
    const std::uint8_t* const units_col = active_.granted_units.data();
    std::atomic<std::int64_t>* const cohort_in_work = cohort_in_work_.get();
    std::atomic<std::int64_t>* const art60_ended = art60_ended_.get();
    std::atomic<std::int64_t>* const art60_work6 = art60_work6_.get();
    std::atomic<std::int64_t>* const art60_work12 = art60_work12_.get();
    const auto months_total = static_cast<std::size_t>(p_.months);
    const double gpmi_max = gpmi_noncompliance_max_;
    const double gpmi_base = p_.gpmi_noncompliance_per_month;
    const double gpmi_crisis = p_.gpmi_noncompliance_crisis_factor;
    const auto gpmi_by_trust = p_.gpmi_noncompliance_factor_by_trust;
    const std::uint64_t gpmi_sanction = bernoulli_threshold(p_.gpmi_sanction_strictness);
    const std::uint64_t gpmi_dropout = bernoulli_threshold(p_.gpmi_sanction_dropout_share);
    const int gpmi_deadline = p_.gpmi_deadline_months;
    const std::uint64_t* const change_threshold = caseworker_change_threshold_.data();
    const double trust_gain_per_hour = p_.trust_gain_per_relational_hour;
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
    const double* const counter_table = counter_factor_.data();
    const std::size_t* const counter_offset = counter_offset_.data();
    const auto willingness = willingness_;
    const double* const pace_by_region = pace_factor_.data();
    const auto& task_hours = task_hours_;
    const auto& tasks = p_.admin_tasks;
    const double task_done = p_.admin_task_done_per_month;
    const double knowledge_gain = p_.system_knowledge_gain_per_month;
    const std::uint64_t nt2_level_up = bernoulli_threshold(p_.nt2_level_up_per_month);
    const std::uint64_t informal_gain = bernoulli_threshold(p_.informal_dutch_gain_per_month);
    const double readiness_gain = p_.work_readiness_gain_per_month;
    const auto nt2_months = static_cast<std::uint8_t>(std::min(255, p_.nt2_course_months));
    const auto therapy_months = static_cast<std::uint8_t>(std::min(255, p_.therapy_months));
    const double therapy_factor = p_.therapy_recovery_factor;
    const auto stable_help = stable_help_;
    const std::uint64_t direct_hire = bernoulli_threshold(p_.art60_direct_hire_share);
    const auto follow_months =
        static_cast<std::uint8_t>(std::min(255, p_.after_art60_follow_months));
    const double trained_factor = p_.training_job_finding_factor;
    const double childcare_factor = p_.no_childcare_progress_factor;
    const double childcare_factor_single = p_.no_childcare_progress_factor_single_parent;
    const std::int32_t retention = p_.retention_follow_months;
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
    // Adds `delta` to the in-work count of the client's arrival cohort (not the initial caseload).
    auto count_in_work = [&](std::uint32_t i, std::size_t g, int delta) {
      const std::int32_t arrived = arrival_col[i];  // stream month; 0 = initial caseload
      if (arrived > 0)
        cohort_in_work[g * months_total + static_cast<std::size_t>(arrived - 1)].fetch_add(
            delta, std::memory_order_relaxed);
    };
    // Sums of the current region in a local array: the compiler knows nothing else writes it,
    // so column stores do not force it back to memory. Clients come in id order, which keeps
    // runs of one region long.
    std::array<double, kSumCount> s{};
    std::size_t s_region = 0;
    auto flush = [&] {
      double* const out = &sums[s_region * kBlockSums];
      for (int q = 0; q < kSumCount; ++q) out[q] += s[q];
      s.fill(0.0);
    };
    for (std::size_t k = begin; k < end; ++k) {
      const std::uint32_t i = ids[k];
      const std::uint8_t from = stage_col[i];
      const std::size_t g = req_region[k];
      const std::uint32_t id = i;
      if (g != s_region) [[unlikely]] {
        flush();
        s_region = g;
      }
      if (from == kEmployed) [[unlikely]] {
        // Job retention: the job ends in the month drawn when it started; the client applies
        // again, with income in crisis and motivation lower.
        if (relapse_col[i] == month) {
          relapse_col[i] = 0xffff;
          stage_col[i] = kIntake;
          months_col[i] = 0;
          domains_col[i] = with_level(domains_col[i], kIncome, 2);
          motivation_col[i] =
              static_cast<std::uint8_t>(motivation_col[i] - (motivation_col[i] > 0));
          programme_col[i] = kNoProgramme;
          ++tally[(g * kStageCount + kEmployed) * kStageCount + kIntake];
          count_in_work(i, g, -1);
          // Courses or therapy broken off for the job are not resumed without a new place.
          nt2_col[i] = 0;
          therapy_col[i] = 0;
          s[kSumRelapses] += 1.0;
          s[kSumActive] += 1.0;
          s[kSumCrisis] += 1.0;
          s[kSumCrisisDomain + int{kIncome}] += 1.0;
        }
        continue;
      }
      const double received = req_granted[k];  // share of the hours asked (1 if none asked)
      // What the interpreter budget does not cover goes through a translation app, which errs:
      // the support received loses part of its effect.
      const double uncovered = 1.0 - static_cast<double>(interp_granted[k]);
      const double base_support =
          (floor_share + (1.0 - floor_share) * received) * (1.0 - app_penalty * uncovered);
      std::uint8_t traits = traits_col[i];
      std::uint8_t trust = trust_col[i];
      std::uint8_t programme = programme_col[i];
      const std::uint8_t pending_before = pending_col[i];
      std::uint64_t levels = domains_col[i];
      {
        // Hours by task, recomputed from the state the demand phase saw.
        const int crisis_now = kBitCount[crisis_mask(levels)];
        const auto hours = hours_by_task(rates, task_hours, from, crisis_now, dutch_col[i],
                                         digital_col[i] != 0, gpmi_col[i], pending_before,
                                         (traits & kSystemKnowledge) != 0, trust, programme);
        for (int t = 0; t < kHourTaskCount; ++t) {
          s[kSumHoursDemanded + t] += hours[t];
          s[kSumHoursSupplied + t] += hours[t] * received;
        }
      }
      // Trust falls when the client's caseworker leaves and grows with the relational work she
      // receives; support works less well for a client who does not trust the OCMW.
      // One Philox block serves the month's stage move (word 0) and the trust and motivation
      // draws (words 1-3): fixed positions, so neither shifts the other.
      const RandomWords tw = streams.words(id, month, kStreamStage);
      const bool caseworker_changed = tw[1] < change_threshold[g];
      const double relational = from >= kAdminStartup ? rates.relational[trust] * received : 0.0;
      if (caseworker_changed)
        trust = static_cast<std::uint8_t>(trust - (trust > 0));
      else if (static_cast<double>(tw[2]) < trust_gain_per_hour * relational * 0x1.0p32)
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
        const bool in_crisis = crisis_mask(levels) != 0;
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
      const bool allocated = ((units_col[k] >> kResourceDwelling) & 1) != 0;
      bool found_private = false;
      if (allocated) {
        housing = kSocialRent;
        flags = static_cast<std::uint8_t>(flags & ~(kOnWaitingList | kReferenceAddress));
        levels = with_level(levels, kHousing, 0);
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
          levels = with_level(levels, kHousing, std::min(1, domain_level(levels, kHousing)));
        }
      }
      if ((flags & kOnWaitingList) != 0 && housing != kSocialRent)
        list_col[i] = static_cast<std::uint16_t>(waited + (waited < 0xffff));
      const bool no_address_block = housing == kNoAddress && (flags & kReferenceAddress) == 0;

      // Administrative start-up: each basic-rights task gets done with the caseworker's support;
      // counter tasks go slower the farther the counter (unless done online); a bank account
      // needs an address.
      std::uint8_t pending = pending_before;
      if (pending != 0 && from == kAdminStartup) {
        const RandomWords ta = streams.words(id, month, kStreamServices, 0);
        const RandomWords tb = streams.words(id, month, kStreamServices, 2);
        const std::uint32_t words[kAdminTaskCount] = {ta[0], ta[1], ta[2], ta[3], tb[0]};
        const double travel =
            digital_col[i] != 0
                ? 1.0
                : counter_table[counter_offset[g] + home_col[i] * kMobilityCount + mobility_col[i]];
        for (int t = 0; t < kAdminTaskCount; ++t) {
          if (((pending >> t) & 1) == 0) continue;
          if (tasks[t].needs_address && no_address_block) continue;
          const double p_done = task_done * support * (tasks[t].counter_visit ? travel : 1.0);
          if (static_cast<double>(words[t]) < p_done * 0x1.0p32)
            pending = static_cast<std::uint8_t>(pending & ~(1u << t));
        }
        pending_col[i] = pending;
        s[kSumTasksDone] += kBitCount[pending_before] - kBitCount[pending];
      }
      // Services: Dutch courses, work-readiness, knowledge of the system, therapy.
      const std::uint8_t granted_units = units_col[k];
      const RandomWords sv = streams.words(id, month, kStreamServices, 1);
      std::uint8_t dutch = dutch_col[i];
      std::uint8_t nt2 = nt2_col[i];
      bool level_up = false;
      if (nt2 > 0) {
        level_up = sv[0] < nt2_level_up;
        --nt2;
      } else if (from >= kStabilisation) {
        level_up = sv[0] < informal_gain;
      }
      if ((granted_units >> kResourceNt2) & 1) nt2 = nt2_months;
      level_up &= dutch < kDutchLevels - 1;
      dutch = static_cast<std::uint8_t>(dutch + level_up);
      dutch_col[i] = dutch;
      nt2_col[i] = nt2;
      std::uint8_t readiness = readiness_col[i];
      const bool readiness_up =
          from == kPreActivation ? static_cast<double>(sv[1]) < readiness_gain * support * 0x1.0p32
                                 : from == kActivation && sv[1] < programme_readiness[programme];
      readiness = static_cast<std::uint8_t>(readiness + (readiness_up & (readiness < 2)));
      if ((traits & kSystemKnowledge) == 0 && from >= kAdminStartup &&
          static_cast<double>(sv[2]) < knowledge_gain * support * 0x1.0p32)
        traits |= kSystemKnowledge;
      std::uint8_t therapy = therapy_col[i];
      const bool in_therapy = therapy > 0;
      therapy = static_cast<std::uint8_t>(therapy - in_therapy);
      if ((granted_units >> kResourceTherapy) & 1) therapy = therapy_months;
      therapy_col[i] = therapy;

      // Recovery with support, faster when the other domains are stable; mental health faster
      // in therapy.
      // A draw only when some domain can recover (0xffffffff: never below a threshold).
      const int unstable = unstable_mask(levels);
      const int stable = kDomainCount - kBitCount[unstable];
      RandomWords8 rw;
      rw.fill(0xffffffffu);
      if (unstable != 0) rw = streams.words8(id, month, kStreamRecovery);
      const double help = support * stable_help[std::min(stable, kDomainCount - 1)];
      std::uint64_t better = 0;
      for (int d = 0; d < kDomainCount; ++d) {
        const double rate =
            recovery[d] * help * (d == kMentalHealth && in_therapy ? therapy_factor : 1.0);
        better |=
            static_cast<std::uint64_t>(((unstable >> d) & 1) & (static_cast<double>(rw[d]) < rate))
            << (8 * d);
      }
      levels -= better;
      // Without a home of one's own, housing cannot become stable.
      if (housing == kNoAddress)
        levels = with_level(levels, kHousing, std::max(1, domain_level(levels, kHousing)));
      if (sanctioned) levels = with_level(levels, kIncome, 2);  // the leefloon is suspended
      domains_col[i] = levels;
      const int crisis_now_mask = crisis_mask(levels);
      for (int d = 0; d < kDomainCount; ++d) s[kSumCrisisDomain + d] += (crisis_now_mask >> d) & 1;
      const bool got_place = ((units_col[k] >> kResourceChildcare) & 1) != 0;
      if (got_place) family_col[i] = static_cast<std::uint8_t>(family_col[i] | kChildcarePlace);
      const bool no_childcare = family_col[i] == kYoungChild;
      const bool evicted = (flags & kEvictedThisMonth) != 0;
      housing_col[i] = housing;
      flags_col[i] = static_cast<std::uint8_t>(flags & ~kEvictedThisMonth);
      const bool crisis = crisis_now_mask != 0;
      const bool structural_limit = has_structural_limit(levels, traits);
      const bool low_threshold_offered = ((granted_units >> kResourceLowThreshold) & 1) != 0;
      const int situation = (job_ready_col[i] != 0 ? 32 : 0) + (readiness == 0 ? 16 : 0) +
                            (no_address_block ? 8 : 0) + (crisis ? 4 : 0) +
                            (pending == 0 && domain_level(levels, kAdministration) < 2 ? 2 : 0) +
                            (structural_limit && low_threshold_offered ? 1 : 0);
      const MoveRule& rule = rules[from * kSituations + situation];
      const double language = support * dutch_factor[dutch];
      const double reach =
          access_table[access_offset[g] + (home_col[i] * kMobilityCount + mobility_col[i]) * 2 +
                       (dutch >= 2 ? 1 : 0)];
      // Employers: fewer are willing to hire a client with a work handicap, without Dutch B1,
      // or long out of work.
      const int group = ((traits & kWorkHandicap) != 0 ? 1 : 0) + (dutch < 2 ? 2 : 0) +
                        (background_col[i] == kLongTermUnemployed ? 4 : 0) +
                        ((traits & kWorkExperience) == 0 ? 8 : 0);
      // High-pace vacancies are out of reach for clients with structural limits.
      const double access = reach * (structural_limit ? pace_by_region[g] : 1.0) *
                            willingness[group] * job_factor[programme] *
                            ((traits & kTrained) != 0 ? trained_factor : 1.0);
      const double care = no_childcare ? ((traits & kSingleParent) != 0 ? childcare_factor_single
                                                                        : childcare_factor)
                                       : 1.0;

      // Competing monthly risks on one uniform: exit, drop-out, then moves a and b.
      const double u = to_unit(tw[0]);
      const double e1 = exit;
      const double e2 =
          e1 + dropout[from] * dropout_by_motivation[motivation] * dropout_by_trust[trust];
      const double e3 = e2 + rule.a_fixed + support * rule.a_support + language * rule.a_language;
      const double e4 = e3 + rule.b_fixed + support * rule.b_support +
                        care * (language * rule.b_language + support * access * rule.b_access);
      std::uint8_t to = from;
      to = u < e4 ? rule.b_to : to;
      to = u < e3 ? rule.a_to : to;
      to = u < e2 ? static_cast<std::uint8_t>(kDroppedOut) : to;
      to = u < e1 ? static_cast<std::uint8_t>(kExited) : to;
      if (sanction_dropout && to < kActiveStageCount) to = kDroppedOut;
      // After art. 60 the client lives on unemployment benefit: a crisis no longer sends her back
      // to the OCMW's stabilisation.
      if (programme == kAfterArt60 && to == kStabilisation) to = kActivation;

      // Programmes: a place granted this month starts; a running one counts down. Art. 60 ends
      // with a job at the employer or on unemployment benefit, looking for work (followed for a
      // while); wijk-werken builds work-readiness; training leaves a qualification.
      const std::uint8_t programme_before = programme;
      std::uint8_t left = programme_left_col[i];
      const std::int64_t month_index = static_cast<std::int64_t>(month) - 1;  // simulation month
      if (to == kActivation) {
        if (programme == kNoProgramme) {
          for (int r = kResourceArt60; r <= kResourceTraining; ++r)
            if ((granted_units >> r) & 1) {
              programme = programme_of[r];
              left = programme_months[programme];
              if (programme == kWijkWerken) traits |= kDidWijkWerken;
            }
        } else if (--left == 0) {
          if (programme == kArt60) {
            traits |= kWorkExperience;  // a year or more of paid work
            art60_ended[g * months_total + static_cast<std::size_t>(month_index)].fetch_add(
                1, std::memory_order_relaxed);
            const RandomWords ww = streams.words(id, month, kStreamWork, 0);
            if (ww[0] < direct_hire) {
              to = kEmployed;
              art60_work6[g * months_total + static_cast<std::size_t>(month_index)].fetch_add(
                  1, std::memory_order_relaxed);
              art60_work12[g * months_total + static_cast<std::size_t>(month_index)].fetch_add(
                  1, std::memory_order_relaxed);
            } else {
              programme = kAfterArt60;
              left = follow_months;
            }
          } else if (programme == kAfterArt60) {
            to = kExited;  // on unemployment benefit, no longer followed
          } else {
            if (programme == kWijkWerken) {
              readiness = static_cast<std::uint8_t>(readiness + (readiness < 2));
              traits |= kWorkExperience;
            }
            if (programme == kTraining) traits |= kTrained;
            programme = kNoProgramme;
          }
        }
      }
      if (to == kEmployed && programme_before == kAfterArt60) {
        // Work found after art. 60: j months after the contract ended.
        const std::int64_t j = static_cast<std::int64_t>(follow_months) - programme_left_col[i] + 1;
        const std::int64_t ended = month_index - j;
        if (ended >= 0) {
          const std::size_t cell = g * months_total + static_cast<std::size_t>(ended);
          if (j <= 6) art60_work6[cell].fetch_add(1, std::memory_order_relaxed);
          if (j <= 12) art60_work12[cell].fetch_add(1, std::memory_order_relaxed);
        }
      }
      if (to != kActivation) programme = kNoProgramme;
      if (to == kEmployed) {
        // The job may end within the retention window: draw the month now.
        const RandomWords ww = streams.words(id, month, kStreamWork, 1);
        const std::uint64_t after = 1 + geometric(ww[0], relapse_p[readiness]);
        relapse_col[i] =
            relapse_p[readiness] > 0.0 && after <= static_cast<std::uint64_t>(retention)
                ? static_cast<std::uint16_t>(month + after)
                : std::uint16_t{0xffff};
        s[kSumJobStarts] += 1.0;
        traits |= kWorkExperience;  // should the job end, the experience stays
        nt2_col[i] = 0;             // a course or therapy ends with the job
        therapy_col[i] = 0;
      }
      const bool work_before = in_work(from, programme_before);
      const bool work_after = in_work(to, programme);
      if (work_before != work_after) [[unlikely]]
        count_in_work(i, g, work_after ? 1 : -1);
      programme_col[i] = programme;
      programme_left_col[i] = left;
      readiness_col[i] = readiness;
      traits_col[i] = traits;
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
      if (active) {
        const std::uint8_t wants = wants_col[k];
        s[kSumActive] += 1.0;
        s[kSumCrisis] += crisis ? 1.0 : 0.0;
        s[kSumLeefloon] +=
            leefloon_paid(to, programme) && !sanctioned ? leefloon[household_col[i]] : 0.0;
        s[kSumMoralTension] += (to == kPreActivation || to == kActivation) && crisis ? 1.0 : 0.0;
        s[kSumAccess] += reach;
        s[kSumWaitingList] += (flags & kOnWaitingList) != 0 && housing != kSocialRent ? 1.0 : 0.0;
        s[kSumNoAddress] += housing == kNoAddress ? 1.0 : 0.0;
        s[kSumPoorHousing] += housing == kPrivatePoor ? 1.0 : 0.0;
        s[kSumChildcareWaiting] += no_childcare ? 1.0 : 0.0;
        s[kSumMotivation] += motivation;
        s[kSumTrust] += trust;
        s[kSumGpmiSigned] += (gpmi & kGpmiSigned) != 0 ? 1.0 : 0.0;
        s[kSumGpmiOverdue] += gpmi_overdue ? 1.0 : 0.0;
        s[kSumTasksPending] += kBitCount[pending];
        s[kSumNt2InCourse] += nt2 > 0 ? 1.0 : 0.0;
        s[kSumNt2Waiting] += ((wants & ~granted_units) >> kResourceNt2) & 1;
        s[kSumTherapyIn] += therapy > 0 ? 1.0 : 0.0;
        s[kSumTherapyWaiting] += ((wants & ~granted_units) >> kResourceTherapy) & 1;
        s[kSumArt60] += programme == kArt60 ? 1.0 : 0.0;
        s[kSumWijkWerken] += programme == kWijkWerken ? 1.0 : 0.0;
        s[kSumTraining] += programme == kTraining ? 1.0 : 0.0;
        s[kSumAfterArt60] += programme == kAfterArt60 ? 1.0 : 0.0;
        s[kSumProgrammeWaiting] +=
            to == kActivation && programme == kNoProgramme && (wants & 7) != 0 ? 1.0 : 0.0;
        s[kSumReadiness] += readiness;
        s[kSumInTransition] += transition_col[i] > 0 ? 1.0 : 0.0;
        s[kSumLowThresholdWaiting] +=
            (((wants & ~granted_units) >> kResourceLowThreshold) & 1) != 0 && to == kPreActivation
                ? 1.0
                : 0.0;
      }
      // Monthly events that few clients have: counted only when one happened.
      if (allocated | evicted | got_place | caseworker_changed | sanctioned | level_up |
          low_threshold_offered) [[unlikely]] {
        s[kSumLowThresholdGranted] += low_threshold_offered ? 1.0 : 0.0;
        s[kSumAllocations] += allocated ? 1.0 : 0.0;
        s[kSumAllocatedWait] += allocated ? static_cast<double>(waited) : 0.0;
        s[kSumEvictions] += evicted ? 1.0 : 0.0;
        s[kSumChildcarePlaces] += got_place ? 1.0 : 0.0;
        s[kSumCaseworkerChanges] += caseworker_changed ? 1.0 : 0.0;
        s[kSumGpmiSanctions] += sanctioned ? 1.0 : 0.0;
        s[kSumDutchLevelUps] += level_up ? 1.0 : 0.0;
      }
    }
    flush();
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
      results.arrival_count[results.stage_index(r, m, static_cast<int>(g), arrival_stage(o))] +=
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

  // 4b. Places from the compact list of unit requests: social dwellings, childcare,
  // programme places, Dutch courses, therapy and low-threshold work.
  allocate_unit_places(stream_month);

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
    // End states: everyone stays but those who left (a job that ended), counted in the tallies.
    for (int s = kActiveStageCount; s < kStageCount; ++s) {
      std::int64_t left = 0;
      for (int to = 0; to < kStageCount; ++to)
        if (to != s) left += results.transition_count[results.transition_index(r, m, gi, s, to)];
      const std::int64_t stayed =
          (m == 0 ? results.initial_stage_count[results.initial_index(r, gi, s)]
                  : results.stage_count[results.stage_index(r, m - 1, gi, s)]) -
          left;
      results.transition_count[results.transition_index(r, m, gi, s, s)] += stayed;
      results.stage_count[results.stage_index(r, m, gi, s)] += stayed;
    }
    // Inputs of the staff phase: this month's demand, the caseload, and moral tension (clients
    // pushed towards work while a domain is in crisis).
    staff_inputs_[g] = caseworkers_.summary()[g].requested;
    staff_inputs_[regions + g] = sums[kSumActive];
    staff_inputs_[2 * regions + g] =
        sums[kSumActive] > 0 ? sums[kSumMoralTension] / sums[kSumActive] : 0.0;
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
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double active = sums[kSumActive];
    auto cohort_share = [&](const std::unique_ptr<std::atomic<std::int64_t>[]>& hits, int lag) {
      if (m < lag) return nan;
      const std::size_t cell =
          g * static_cast<std::size_t>(p_.months) + static_cast<std::size_t>(m - lag);
      const auto ended = art60_ended_[cell].load(std::memory_order_relaxed);
      return ended > 0 ? static_cast<double>(hits[cell].load(std::memory_order_relaxed)) /
                             static_cast<double>(ended)
                       : nan;
    };
    double* held = &occupancy_[g * kUnitResourceCount];
    held[kResourceArt60] = sums[kSumArt60];
    held[kResourceWijkWerken] = sums[kSumWijkWerken];
    held[kResourceTraining] = sums[kSumTraining];
    held[kResourceNt2] = sums[kSumNt2InCourse];
    held[kResourceTherapy] = sums[kSumTherapyIn];
    double values[kMetricCount] = {
        sums[kSumActive],
        staff.caseload_per_fte[g],
        hours.capacity,
        hours.requested,
        hours.granted,
        hours.requested > 0 ? hours.granted / hours.requested : 1.0,
        sums[kSumCrisis],
        arrivals_->reform_losses[static_cast<std::size_t>(m) * regions + g],
        static_cast<double>(arrivals_->at(month, gi, kOriginReform)),
        static_cast<double>(arrivals_->at(month, gi, kOriginOrdinary)),
        sums[kSumLeefloon],
        staff.fte_employed[g],
        staff.fte_on_sick_leave[g],
        staff.mean_stress[g],
        static_cast<double>(staff.departures[g]),
        static_cast<double>(staff.hires[g]),
        static_cast<double>(staff.open_vacancies[g]),
        staff_inputs_[2 * regions + g],
        sums[kSumActive] > 0 ? sums[kSumAccess] / sums[kSumActive]
                             : std::numeric_limits<double>::quiet_NaN(),
        sums[kSumWaitingList],
        sums[kSumAllocations],
        sums[kSumAllocations] > 0 ? sums[kSumAllocatedWait] / sums[kSumAllocations]
                                  : std::numeric_limits<double>::quiet_NaN(),
        sums[kSumNoAddress],
        sums[kSumEvictions],
        sums[kSumPoorHousing],
        interpreters_.summary()[g].requested,
        interpreters_.summary()[g].granted,
        interpreters_.summary()[g].granted * p_.interpreter_eur_per_hour,
        sums[kSumChildcareWaiting],
        sums[kSumChildcarePlaces],
        sums[kSumActive] > 0 ? sums[kSumMotivation] / sums[kSumActive]
                             : std::numeric_limits<double>::quiet_NaN(),
        sums[kSumActive] > 0 ? sums[kSumTrust] / sums[kSumActive]
                             : std::numeric_limits<double>::quiet_NaN(),
        sums[kSumCaseworkerChanges],
        sums[kSumGpmiSigned],
        sums[kSumGpmiOverdue],
        sums[kSumGpmiSanctions],
        in_work_share(g, m),
    };
    for (int d = 0; d < kDomainCount; ++d)
      values[kMetricCrisisFirst + d] = sums[kSumCrisisDomain + d];
    for (int t = 0; t < kHourTaskCount; ++t) {
      values[kMetricHoursDemandedFirst + t] = sums[kSumHoursDemanded + t];
      values[kMetricHoursSuppliedFirst + t] = sums[kSumHoursSupplied + t];
    }
    values[kMetricAdminTasksPending] = sums[kSumTasksPending];
    values[kMetricAdminTasksDone] = sums[kSumTasksDone];
    values[kMetricNt2InCourse] = sums[kSumNt2InCourse];
    values[kMetricNt2Waiting] = sums[kSumNt2Waiting];
    values[kMetricDutchLevelUps] = sums[kSumDutchLevelUps];
    values[kMetricTherapyIn] = sums[kSumTherapyIn];
    values[kMetricTherapyWaiting] = sums[kSumTherapyWaiting];
    values[kMetricArt60] = sums[kSumArt60];
    values[kMetricWijkWerken] = sums[kSumWijkWerken];
    values[kMetricTraining] = sums[kSumTraining];
    values[kMetricProgrammeWaiting] = sums[kSumProgrammeWaiting];
    values[kMetricAfterArt60] = sums[kSumAfterArt60];
    values[kMetricArt60Work6] = cohort_share(art60_work6_, 6);
    values[kMetricArt60Work12] = cohort_share(art60_work12_, 12);
    values[kMetricJobStarts] = sums[kSumJobStarts];
    values[kMetricRelapses] = sums[kSumRelapses];
    values[kMetricMeanReadiness] = active > 0 ? sums[kSumReadiness] / active : nan;
    values[kMetricRecentTransition] = sums[kSumInTransition];
    values[kMetricLeefloonFederal] = sums[kSumLeefloon] * p_.regions[g].leefloon_federal_share;
    values[kMetricArt60Cost] = sums[kSumArt60] * p_.art60_net_cost_eur_per_month;
    values[kMetricWijkWerkenHours] = sums[kSumWijkWerken] * p_.wijk_werken_hours_per_month;
    values[kMetricLowThresholdGranted] = sums[kSumLowThresholdGranted];
    values[kMetricLowThresholdWaiting] = sums[kSumLowThresholdWaiting];
    for (int k = 0; k < kMetricCount; ++k)
      results.metrics[k].values[results.metric_index(r, m, gi)] = values[k];
  }
}

}  // namespace drempel

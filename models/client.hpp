#pragma once
// What every mechanism of the pathways model shares: the core client columns, the per-client
// context of a month's passes, the per-region context of the record phase, and small helpers on
// the packed domain word. Mechanisms (models/mechanisms/) own their other columns and state.
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/allocation.hpp"
#include "engine/columns.hpp"
#include "engine/random.hpp"
#include "models/caseworkers.hpp"
#include "models/definitions.hpp"
#include "models/parameters.hpp"
#include "models/reform_inflow.hpp"

namespace drempel {

/// Client variables that several mechanisms read or write.
struct CoreColumns {
  std::vector<std::uint8_t> stage;
  std::vector<std::uint16_t> months_in_stage;
  /// Domain levels, packed: byte d is the level of Domain d (0 stable, 1 fragile, 2 crisis), byte
  /// 7 is 0. One load and one store per pass instead of seven, and whole-word bit operations.
  std::vector<std::uint64_t> domains;
  std::vector<std::uint8_t> dutch;
  std::vector<std::uint16_t> region;
  std::vector<std::uint8_t> home;
  std::vector<std::uint8_t> mobility;
  std::vector<std::uint8_t> housing;
  std::vector<std::uint8_t> digital;
  std::vector<std::uint8_t> motivation;
  std::vector<std::uint8_t> trust;
  std::vector<std::uint8_t> traits;
  std::vector<std::uint8_t> readiness;
  std::vector<std::uint8_t> programme;
  std::vector<std::uint8_t> job_ready;
  std::vector<std::uint8_t> background;
  std::vector<std::uint8_t> origin;
  std::vector<std::uint8_t> household;
  std::vector<std::int16_t> arrival_month;

  static constexpr auto columns() {
    using C = CoreColumns;
    return std::tuple{
        column(&C::stage, "stage", Heat::kHot, "Stage"),
        column(&C::months_in_stage, "months_in_stage", Heat::kHot, "months in the current stage"),
        column(&C::domains, "domains", Heat::kHot, "packed domain levels, a byte per Domain"),
        column(&C::dutch, "dutch", Heat::kHot, "Dutch level 0..3"),
        column(&C::region, "region", Heat::kHot, "region index"),
        column(&C::home, "home", Heat::kHot, "place of the region's transit network"),
        column(&C::mobility, "mobility", Heat::kHot, "Mobility"),
        column(&C::housing, "housing", Heat::kHot, "HousingStatus"),
        column(&C::digital, "digital", Heat::kHot, "1: does administrative tasks online"),
        column(&C::motivation, "motivation", Heat::kHot, "0 very low ... 3 high"),
        column(&C::trust, "trust", Heat::kHot, "trust in the OCMW: 0 very low ... 3 high"),
        column(&C::traits, "traits", Heat::kHot, "kWorkHandicap | kSystemKnowledge | ..."),
        column(&C::readiness, "readiness", Heat::kHot, "work-readiness: 0 none ... 2 ready"),
        column(&C::programme, "programme", Heat::kHot, "Programme"),
        column(&C::job_ready, "job_ready", Heat::kHot, "1: from start-up straight to activation"),
        column(&C::background, "background", Heat::kHot, "Background (employer willingness)"),
        column(&C::origin, "origin", Heat::kCold, "Origin"),
        column(&C::household, "household", Heat::kHot, "Household (leefloon amount)"),
        column(&C::arrival_month, "arrival_month", Heat::kCold,
               "stream month of arrival, 0 initial"),
    };
  }
};
static_assert(column_bytes<CoreColumns>(Heat::kHot) == 26);
static_assert(column_bytes<CoreColumns>(Heat::kCold) == 3);

/// Bits of CoreColumns::traits.
inline constexpr std::uint8_t kWorkHandicap = 1;     ///< a work handicap (arbeidshandicap)
inline constexpr std::uint8_t kSystemKnowledge = 2;  ///< knows her way in social security
inline constexpr std::uint8_t kTrained = 4;          ///< finished a vocational training
inline constexpr std::uint8_t kSingleParent = 8;     ///< raises a young child alone
inline constexpr std::uint8_t kDidWijkWerken = 16;   ///< has had her (at most 12) months of it
/// Recent work experience an employer can see: job-ready clients have it; art. 60 and wijk-werken
/// give it.
inline constexpr std::uint8_t kWorkExperience = 32;

/// Places requested through the unit-request list, one bit each in ActiveList::wants. Each is
/// owned by one mechanism (its `kPlaces`), which says who comes first for it and how many are
/// free each month; models/mechanisms/registry.hpp checks that every place has exactly one owner.
enum UnitResource : std::uint8_t {
  kResourceArt60,
  kResourceWijkWerken,
  kResourceTraining,
  kResourceNt2,
  kResourceTherapy,
  kResourceLowThreshold,     ///< a low-threshold work place (participation beyond paid work)
  kResourceDwelling,         ///< a social dwelling re-let to the OCMW's clients
  kResourceChildcare,        ///< a childcare place
  kResourceDebtCounselling,  ///< a place in debt counselling (budget guidance, debt mediation)
  kUnitResourceCount
};
inline constexpr std::array<const char*, kUnitResourceCount> kUnitResourceNames = {
    "art60",    "wijk_werken", "training",        "nt2", "therapy", "low_threshold",
    "dwelling", "childcare",   "debt_counselling"};
/// A set of UnitResource bits.
using PlaceMask = std::uint16_t;
static_assert(kUnitResourceCount <= 16, "PlaceMask holds 16 place types");

/// Who comes first for a requested place: the priority class (0 first) and the months waited.
struct PlaceRequest {
  std::uint8_t priority = 0;
  std::uint16_t wait = 0;
};

/// Hours of caseworker work by task (metrics caseworker_hours_demanded_<task> and _supplied_).
enum HourTask : std::uint8_t {
  kHoursStage,       ///< the stage's basic follow-up
  kHoursCrisis,      ///< crisis support, per domain in crisis
  kHoursLanguage,    ///< working through a language barrier
  kHoursDigital,     ///< online tasks brought back by clients without digital skills
  kHoursAdminTasks,  ///< basic-rights tasks, with the per-task overhead
  kHoursGpmi,        ///< drafting and evaluating the GPMI
  kHoursRelational,  ///< reassurance, bridging: relational work
  kHoursProgramme,   ///< follow-up of clients in art. 60, wijk-werken or training
  kHourTaskCount
};
inline constexpr std::array<const char*, kHourTaskCount> kHourTaskNames = {
    "stage", "crisis", "language", "digital", "admin_tasks", "gpmi", "relational", "programme"};
using HoursByTask = std::array<double, kHourTaskCount>;

/// Priority classes of caseworker and interpreter hours.
inline constexpr std::uint8_t kPriorityIntake = 0;  // legal decision deadline: served first
inline constexpr std::uint8_t kPriorityCrisis = 1;
inline constexpr std::uint8_t kPriorityOther = 2;
inline constexpr std::uint8_t kPriorityClasses = 3;
/// Waits longer than this many months share the longest-waiting bucket of those hours.
inline constexpr std::uint16_t kMaxWaitBucket = 24;

/// The hours a client asks, as the allocators see them: summed in double, rounded to a float.
inline float total_hours(const HoursByTask& hours) {
  double total = 0;
  for (const double h : hours) total += h;
  return static_cast<float>(total);
}

/// One client in one month of a pass: what mechanisms tell each other. Filled in list order; a
/// mechanism reads only what an earlier one (or the pass itself) has set.
struct ClientMonth {
  std::uint32_t i = 0;       ///< client id
  std::size_t k = 0;         ///< position in the active list
  std::size_t g = 0;         ///< region
  std::uint32_t month = 0;   ///< stream month (simulation month + 1)
  std::uint8_t from = 0;     ///< stage at the start of the month
  std::uint8_t to = 0;       ///< stage at the end (set by the stage moves)
  std::uint64_t levels = 0;  ///< packed domain levels, updated through the pass
  std::uint64_t worse = 0;   ///< demand pass: 1 in the byte of each domain that worsened
  int crisis = 0;            ///< demand pass: domains in crisis after the month's events
  PlaceMask wants = 0;       ///< UnitResource bits requested (demand) / requested this month
  PlaceMask granted = 0;     ///< UnitResource bits granted this month
  std::uint8_t traits = 0, trust = 0, motivation = 0, programme = 0, programme_before = 0;
  std::uint8_t housing = 0, dutch = 0, readiness = 0, pending = 0;
  double received = 0;                ///< share of the caseworker hours asked that she received
  double base_support = 0;            ///< support before trust: hours received, interpreter cover
  double support = 0;                 ///< effective support (0..1) of the caseworker this month
  double mental_recovery_factor = 1;  ///< multiplies mental-health recovery (therapy)
  double reach = 0, access = 0, care = 1;
  HoursByTask hours{};            ///< caseworker hours asked this month, by task
  float interpreter_need = 0;     ///< demand pass: interpreter hours needed
  float interpreter_granted = 1;  ///< share of the interpreter need covered (1 if none)
  RandomWords
      stage_words{};  ///< kStreamStage block: move (0), caseworker (1), trust (2), motivation (3)
  RandomWords service_words{};  ///< kStreamServices draw 1: Dutch (0), readiness (1), knowledge (2)
  bool no_address_block =
      false;                ///< no home and no reference address: no bank account, no contract
  bool crisis_now = false;  ///< some domain in crisis after recovery
  bool structural_limit = false;
  bool participation_open = false;  ///< a structural limit and a low-threshold place offered
  bool no_childcare = false;
  bool sanctioned = false, sanction_dropout = false;
  bool job_started = false, relapsed = false;
  bool active = false;  ///< still on a pathway at the end of the month
};

/// One new client at arrival: what the core has drawn, and the words of her initial-state draws,
/// for the mechanisms' `arrive` hooks (called in list order after the core's).
struct ClientArrival {
  std::uint32_t i = 0;
  std::uint8_t origin = 0;
  bool initial = false;     ///< part of the caseload before the first month
  std::uint32_t month = 0;  ///< stream month of arrival (0: initial caseload)
  std::uint8_t stage = 0;
  std::uint8_t background = 0;
  std::uint8_t household = 0;
  std::uint64_t levels = 0;
  std::uint8_t traits = 0;
  /// kStreamInitialState draws 0..15 of this client: fixed positions per purpose (see add_clients
  /// and each mechanism's arrive hook), so that no mechanism's draws shift another's. Draws 12..15
  /// are free for new purposes; sixteen, because they are drawn eight at a time.
  std::array<RandomWords, 16> words{};
};

/// Cumulative shares normalised to end at exactly 1: validation accepts sums within 1e-6 of 1,
/// and the remainder must not fall to the last category (which may have share 0).
template <std::size_t N>
std::array<double, N> cumulative(const std::array<double, N>& shares) {
  std::array<double, N> cdf{};
  double sum = 0;
  for (std::size_t i = 0; i < N; ++i) cdf[i] = sum += shares[i];
  for (auto& c : cdf) c /= sum;
  cdf[N - 1] = 1.0;
  return cdf;
}

/// One region in the record phase of one month.
struct RegionMonth {
  const ModelParameters& p;
  std::size_t g;
  std::int32_t m;  ///< simulation month, 0-based
  const StaffMonth& staff;
  const RegionAllocation& hours;
  const RegionAllocation& interpreters;
  const ArrivalSchedule& arrivals;
  const double* sums;  ///< every mechanism's sums of this region, for ratios over the caseload
  double active;       ///< clients active at the end of the month
  double* held;        ///< [UnitResource]: places held at the end of the month (for next month)
};

/// Level of domain `d` in a packed domain word.
inline int domain_level(std::uint64_t levels, int d) {
  return static_cast<int>((levels >> (8 * d)) & 0xff);
}

inline std::uint64_t with_level(std::uint64_t levels, int d, std::uint64_t level) {
  return (levels & ~(0xffull << (8 * d))) | (level << (8 * d));
}

// Bits set in a byte. std::popcount becomes a library call on the baseline x86-64 target.
inline constexpr std::array<std::uint8_t, 256> kBitCount = [] {
  std::array<std::uint8_t, 256> t{};
  for (int v = 0; v < 256; ++v) t[v] = static_cast<std::uint8_t>((v & 1) + t[v >> 1]);
  return t;
}();

/// Gathers bit 0 of every byte into one byte (bit d from byte d).
inline int gather_low_bits(std::uint64_t bytes) {
  constexpr std::uint64_t kDomainLowBits = 0x0001010101010101ull;
  return static_cast<int>(((bytes & kDomainLowBits) * 0x0102040810204080ull) >> 56);
}

/// Domains in crisis (level 2) and not stable (level > 0), as 7-bit masks.
inline int crisis_mask(std::uint64_t levels) {
  return gather_low_bits(levels >> 1);
}
inline int unstable_mask(std::uint64_t levels) {
  return gather_low_bits(levels | (levels >> 1));
}

/// A structural limit to work: physical or mental health not stable, or a work handicap. It
/// opens the way to low-threshold work (participation) and closes high-pace jobs.
inline bool has_structural_limit(std::uint64_t levels, std::uint8_t traits) {
  return (unstable_mask(levels) & ((1 << kPhysicalHealth) | (1 << kMentalHealth))) != 0 ||
         (traits & kWorkHandicap) != 0;
}

/// In work: employed, or in an art. 60 contract.
inline bool in_work(std::uint8_t stage, std::uint8_t programme) {
  return stage == kEmployed || (stage == kActivation && programme == kArt60);
}

/// On the leefloon: from the administrative start-up to activation, except in an art. 60 contract
/// (a wage) or on unemployment benefit after one. The caseload's spending and the award cohorts
/// both count this.
inline bool leefloon_paid(std::uint8_t stage, std::uint8_t programme) {
  return stage >= kAdminStartup && stage <= kActivation && programme != kArt60 &&
         programme != kAfterArt60;
}

/// The first month >= `from` at which an event of monthly probability p could happen: `from`
/// plus a geometric number of months (saturating: 0xffff is "never"). Rare events are drawn by
/// thinning: at that candidate month the event happens with probability (rate now / largest rate).
inline std::uint16_t next_candidate(std::uint32_t word, double p, std::uint32_t from) {
  if (!(p > 0.0)) return 0xffff;
  const std::uint64_t m = from + geometric(word, p);
  return m < 0xffff ? static_cast<std::uint16_t>(m) : std::uint16_t{0xffff};
}

// The hooks of the passes (engine/pass.hpp), by name.
#define DREMPEL_CLIENT_HOOK(Tag, method, ...)                                \
  struct Tag {                                                               \
    template <class P>                                                       \
    static constexpr bool has = requires(P & p, ClientMonth& x, double* s) { \
      p.method(x, __VA_ARGS__);                                              \
    };                                                                       \
    template <class P>                                                       \
    static void call(P& p, ClientMonth& x, [[maybe_unused]] double* s) {     \
      p.method(x, __VA_ARGS__);                                              \
    }                                                                        \
  };
DREMPEL_CLIENT_HOOK(DemandHook, demand, s)
DREMPEL_CLIENT_HOOK(HoursHook, hours, x.hours)
DREMPEL_CLIENT_HOOK(TransitionHook, transition, s)
DREMPEL_CLIENT_HOOK(RecordHook, record, s)
DREMPEL_CLIENT_HOOK(EmployedHook, employed, s)
#undef DREMPEL_CLIENT_HOOK

/// Places: a mechanism that owns places declares `static constexpr std::array<std::uint8_t, N>
/// kPlaces` (UnitResource values) and defines
///   template <class C> PlaceRequest place_request(const C& columns, std::uint32_t id, int place,
///       std::uint8_t care_class, std::uint16_t months_in_stage) const;
///   double free_places(int place, std::size_t region, const double* held,
///       const RandomStreams&, std::uint32_t month) const;   (before flooring at a whole >= 0)
///
/// Pass views and hooks: a mechanism class M may define
///   template <class C> void arrive(C& columns, ClientArrival&) const;  (set its columns at
///   arrival) template <class C> Pass pass(C& columns, const RandomStreams&) const;
/// returning a per-block view whose hooks the passes call in list order, when present:
///   demand(ClientMonth&, double* sums), hours(const ClientMonth&, HoursByTask&),
///   transition(ClientMonth&, double* sums), record(ClientMonth&, double* sums),
///   employed(ClientMonth&, double* sums);
/// and on the class itself: start_replicate(), finish(const RegionMonth&, const double* sums,
/// double* metric_values). `sums` and `metric_values` point at the mechanism's own slots.

}  // namespace drempel

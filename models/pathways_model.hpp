#pragma once
// The activation-pathways model: client columns and the monthly step (models/ODD.md).
//
// One PathwaysModel runs one replicate at a time over a fixed agent capacity. Each month runs the
// phases of DESIGN.md: arrivals, events (domain shocks), demand (caseworker hours), allocation
// (CapacityAllocator per region), transitions (domain recovery, stage moves), staff (capacity and
// caseload figures) and record (block tallies reduced in block order into Results). Every random
// number comes from RandomStreams addressed by (agent, month, stream), so results do not depend on
// the thread count.
#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "engine/agent_table.hpp"
#include "engine/allocation.hpp"
#include "engine/random.hpp"
#include "engine/results.hpp"
#include "models/caseworkers.hpp"
#include "models/labour_market.hpp"
#include "models/parameters.hpp"
#include "models/reform_inflow.hpp"

namespace drempel {

/// Agent variables, one column each. Hot state first; cold attributes after.
struct ClientColumns {
  // Hot: read and written every month.
  std::vector<std::uint8_t> stage;
  std::vector<std::uint16_t> months_in_stage;
  /// Domain levels, packed: byte d is the level of Domain d (0 stable, 1 fragile, 2 crisis), byte
  /// 7 is 0. One load and one store per pass instead of seven, and whole-word bit operations
  /// (domain_level, crisis and instability masks) instead of loops over seven columns.
  std::vector<std::uint64_t> domains;
  std::vector<std::uint8_t> dutch;
  std::vector<std::uint16_t> region;
  std::vector<std::uint8_t> home;           ///< place of the region's transit network
  std::vector<std::uint8_t> mobility;       ///< Mobility: no licence, licence without car, car
  std::vector<std::uint8_t> housing;        ///< HousingStatus
  std::vector<std::uint8_t> housing_flags;  ///< kOnWaitingList | kReferenceAddress | kEvicted
  std::vector<std::uint16_t> list_months;   ///< months on the social-housing waiting list
  std::vector<std::uint8_t> digital;        ///< 1: can do administrative tasks online
  std::vector<std::uint8_t> family_flags;   ///< kYoungChild | kChildcarePlace
  std::vector<std::uint8_t> motivation;     ///< 0 very low ... 3 high
  std::vector<std::uint8_t> trust;          ///< trust in the OCMW: 0 very low ... 3 high
  // Rare events are drawn by thinning: the next month at which the event could happen at its
  // largest rate, where it then happens with probability (rate now / largest rate). Exact, and
  // a random draw only at those months instead of every month.
  std::vector<std::uint16_t> eviction_check;    ///< next candidate month for an eviction
  std::vector<std::uint16_t> search_check;      ///< next candidate month for finding a rental
  std::vector<std::uint8_t> child_months_left;  ///< months until the young child turns three
  std::vector<std::uint8_t> gpmi;               ///< kGpmiSigned | months waited for it (low 7 bits)
  std::vector<std::uint8_t> job_ready;          ///< 1: after start-up, straight into activation
  std::vector<std::uint16_t> gpmi_check;        ///< next candidate month for non-compliance
  std::vector<std::uint8_t> transition_left;    ///< months of post-transition instability left
  std::vector<std::uint8_t> traits;             ///< kWorkHandicap | kSystemKnowledge | ...
  std::vector<std::uint8_t> rights_pending;     ///< AdminTask bits still to do
  std::vector<std::uint8_t> readiness;          ///< work-readiness: 0 none, 1 partial, 2 ready
  std::vector<std::uint8_t> programme;          ///< Programme
  std::vector<std::uint8_t> programme_left;     ///< months left in it (after art. 60: followed)
  std::vector<std::uint8_t> nt2_left;           ///< months left in a Dutch course (0: none)
  std::vector<std::uint8_t> therapy_left;       ///< months left in therapy (0: none)
  std::vector<std::uint16_t> relapse_month;     ///< employed: month the job ends (0xffff never)
  // Cold: set on arrival.
  std::vector<std::uint8_t> background;  ///< Background
  std::vector<std::uint8_t> origin;
  std::vector<std::uint8_t> household;
  std::vector<std::int16_t> arrival_month;  ///< simulation month of arrival (0 = initial)

  void resize(std::size_t n);
  /// Bytes of column storage per agent.
  static std::size_t bytes_per_agent();
};

/// Level of domain `d` in a packed ClientColumns::domains word.
inline int domain_level(std::uint64_t levels, int d) {
  return static_cast<int>((levels >> (8 * d)) & 0xff);
}

/// The clients still on a pathway, in id order, with the working columns of the demand and
/// allocation phases indexed by position in that list. Hot loops run over this list only, so
/// clients in end states cost nothing; it is compacted (stably) after every month and new
/// clients are appended, which keeps it sorted by id.
/// Bits of ClientColumns::housing_flags.
inline constexpr std::uint8_t kOnWaitingList = 1;     ///< registered for a social dwelling
inline constexpr std::uint8_t kReferenceAddress = 2;  ///< no home, but a reference address
inline constexpr std::uint8_t kEvictedThisMonth = 4;  ///< set by events, counted and cleared
/// Bit of ClientColumns::gpmi: the GPMI is signed (the low bits count months without one).
inline constexpr std::uint8_t kGpmiSigned = 0x80;

/// Bits of ClientColumns::family_flags.
inline constexpr std::uint8_t kYoungChild = 1;      ///< a child under three
inline constexpr std::uint8_t kChildcarePlace = 2;  ///< has a childcare place

/// Bits of ClientColumns::traits.
inline constexpr std::uint8_t kWorkHandicap = 1;     ///< a work handicap (arbeidshandicap)
inline constexpr std::uint8_t kSystemKnowledge = 2;  ///< knows her way in social security
inline constexpr std::uint8_t kTrained = 4;          ///< finished a vocational training
inline constexpr std::uint8_t kSingleParent = 8;     ///< raises a young child alone
inline constexpr std::uint8_t kDidWijkWerken = 16;   ///< has had her (at most 12) months of it
/// Recent work experience an employer can see: job-ready clients have it; art. 60 and wijk-werken
/// give it.
inline constexpr std::uint8_t kWorkExperience = 32;

/// Places requested through the unit-request list, one bit each in ActiveList::wants.
enum UnitResource : std::uint8_t {
  kResourceArt60,
  kResourceWijkWerken,
  kResourceTraining,
  kResourceNt2,
  kResourceTherapy,
  kResourceLowThreshold,  ///< a low-threshold work place (participation beyond paid work)
  kResourceDwelling,      ///< a social dwelling re-let to the OCMW's clients
  kResourceChildcare,     ///< a childcare place
  kUnitResourceCount
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

struct ActiveList {
  std::vector<std::uint32_t> id;
  std::vector<std::uint16_t> region;
  std::vector<std::uint8_t> priority;
  std::vector<std::uint16_t> months_waiting;
  std::vector<float> hours_demanded;
  std::vector<float> hours_granted;          ///< share of hours_demanded received (1 if none asked)
  std::vector<float> interpreter_requested;  ///< interpreter hours needed this month
  std::vector<float> interpreter_granted;    ///< share of the need covered (1 if none)
  std::vector<std::uint8_t> wants;           ///< UnitResource bits requested this month
  std::vector<std::uint8_t> granted_units;   ///< UnitResource bits granted this month
  std::size_t size = 0;

  void resize(std::size_t n);
  /// Bytes of storage per slot.
  static std::size_t bytes_per_slot();
};

/// Names, units and descriptions of the per-region monthly metrics, in Results order.
struct MetricInfo {
  const char* name;
  const char* units;
  const char* long_name;
  RegionTotal region_total;  ///< whether regions add up to a total (counts) or not (ratios)
};
enum Metric : int {
  kMetricClientsActive,
  kMetricCaseload,
  kMetricHoursCapacity,
  kMetricHoursDemanded,
  kMetricHoursSupplied,
  kMetricServiceShare,
  kMetricClientsInCrisis,
  kMetricBenefitLosses,
  kMetricArrivalsReform,
  kMetricArrivalsOrdinary,
  kMetricLeefloonSpending,
  kMetricCaseworkerFte,
  kMetricCaseworkerFteSick,
  kMetricCaseworkerStress,
  kMetricCaseworkerDepartures,
  kMetricCaseworkerHires,
  kMetricCaseworkerVacancies,
  kMetricMoralTension,
  kMetricJobAccess,
  kMetricWaitingList,
  kMetricSocialAllocations,
  kMetricSocialWait,
  kMetricNoAddress,
  kMetricEvictions,
  kMetricPoorHousing,
  kMetricInterpreterDemanded,
  kMetricInterpreterSupplied,
  kMetricInterpreterCost,
  kMetricChildcareWaiting,
  kMetricChildcareAllocated,
  kMetricMeanMotivation,
  kMetricMeanTrust,
  kMetricCaseworkerChanges,
  kMetricGpmiSigned,
  kMetricGpmiOverdue,
  kMetricGpmiSanctions,
  kMetricInWorkYearAfterEntry,
  kMetricCrisisFirst,  ///< clients_in_crisis_<domain>, one per domain
  kMetricHoursDemandedFirst = kMetricCrisisFirst + kDomainCount,  ///< by HourTask
  kMetricHoursSuppliedFirst = kMetricHoursDemandedFirst + kHourTaskCount,
  kMetricAdminTasksPending = kMetricHoursSuppliedFirst + kHourTaskCount,
  kMetricAdminTasksDone,
  kMetricNt2InCourse,
  kMetricNt2Waiting,
  kMetricDutchLevelUps,
  kMetricTherapyIn,
  kMetricTherapyWaiting,
  kMetricArt60,
  kMetricWijkWerken,
  kMetricTraining,
  kMetricProgrammeWaiting,
  kMetricAfterArt60,
  kMetricArt60Work6,
  kMetricArt60Work12,
  kMetricJobStarts,
  kMetricRelapses,
  kMetricMeanReadiness,
  kMetricRecentTransition,
  kMetricLeefloonFederal,
  kMetricArt60Cost,
  kMetricWijkWerkenHours,
  kMetricLowThresholdGranted,
  kMetricLowThresholdWaiting,
  kMetricCount
};
extern const std::array<MetricInfo, kMetricCount> kMetricInfo;

class PathwaysModel {
 public:
  /// Sizes every column and buffer for `capacity` agents. `block_size` is the number of agents
  /// per parallel block (see RunOptions::block_size).
  PathwaysModel(const ModelParameters& params, std::size_t capacity, std::size_t block_size);

  /// Clears the table and creates the initial clients of replicate `replicate`; writes
  /// initial_stage_count into `results`.
  void start_replicate(std::uint32_t replicate, const ArrivalSchedule& arrivals, Results& results);

  /// Runs simulation month `month` (0-based) and records it in `results`. Allocates nothing,
  /// except in a month with more place requests than any before, when the compact request list
  /// grows (by doubling, so rarely; sized at a quarter of the capacity to start with).
  void step(std::int32_t month, Results& results);

  std::size_t agents() const { return table_.size(); }
  std::size_t active_agents() const { return active_.size; }
  const ClientColumns& columns() const { return c_; }

 private:
  void add_clients(std::size_t first, std::size_t n, std::uint16_t region, std::uint8_t origin,
                   std::int16_t month, bool initial);
  void compact_active();
  /// Turns ActiveList::wants into the compact unit-request list, allocates the places and sets
  /// ActiveList::granted_units.
  void allocate_unit_places(std::uint32_t stream_month);
  /// Share of the clients who arrived 12 months before month `m` in region `g` who are in work
  /// (employed, or in an art. 60 contract) at the end of month `m` (NaN before month 12 or
  /// without arrivals).
  double in_work_share(std::size_t g, int m) const;
  void events_and_demand(std::uint32_t month);
  void transitions_and_record(std::uint32_t month);

  const ModelParameters& p_;
  std::size_t block_size_;
  AgentTable table_;
  ClientColumns c_;
  CapacityAllocator caseworkers_;
  CaseworkerPool staff_;
  CapacityAllocator interpreters_;
  std::vector<double> interpreter_budget_;  // per region
  RandomStreams streams_{0, 0};
  std::uint32_t replicate_ = 0;
  const ArrivalSchedule* arrivals_ = nullptr;
  ActiveList active_;

  // Stage moves as a table, so the hot loop selects instead of branching. For each active stage
  // and situation, two moves a and b besides exit and drop-out, with probabilities
  //   a: a_fixed + s * a_support + s * L * a_language
  //   b: b_fixed + s * b_support + C * (s * L * b_language + s * A * b_access)
  // (s support, L Dutch factor, A job access x employer willingness x programme factor, C the
  // childcare factor). Situation bits: job_ready * 32 + not_ready * 16 + no_address_block * 8 +
  // crisis * 4 + admin_done * 2 + participation_open (a structural limit and a low-threshold
  // place offered this month).
  struct MoveRule {
    double a_fixed, a_support, a_language;
    double b_fixed, b_support, b_language, b_access;
    std::uint8_t a_to, b_to;
  };
  static constexpr int kSituations = 64;
  std::array<MoveRule, kActiveStageCount * kSituations> move_rules_{};
  void build_move_rules();

  // Derived constants (set-up work kept out of the hot loop).
  // Shock thresholds by [housing status][in transition][crisis mask of the domains][domain].
  std::vector<std::uint64_t> shock_threshold_;
  std::array<double, kDomainCount> stable_help_{};      // recovery factor by stable other domains
  std::array<std::array<double, 2>, 32> task_hours_{};  // [pending mask][knows the system]
  std::vector<double> counter_factor_;  // [region offset + home * mobility]: task progress
  std::vector<std::size_t> counter_offset_;
  std::array<double, kDutchLevels> language_hours_{};  // by Dutch level, interpreter waits included
  // [handicap | no B1 * 2 | long-term unemployed * 4 | no work experience * 8]
  std::array<double, 16> willingness_{};
  // Compact list of unit requests (programmes, NT2, therapy): one entry per requested place.
  struct UnitRequests {
    std::vector<std::uint16_t> key_region;  // region * kUnitResourceCount + resource
    std::vector<std::uint8_t> priority;
    std::vector<std::uint16_t> wait;
    std::vector<float> amount;
    std::vector<std::uint32_t> key;  // id * 8 + resource
    std::vector<std::uint32_t> slot;
    std::vector<float> granted;
    void resize(std::size_t n) {
      key_region.resize(n);
      priority.resize(n);
      wait.resize(n);
      amount.assign(n, 1.0f);  // every request asks for one place
      key.resize(n);
      slot.resize(n);
      granted.resize(n);
    }
  } units_;
  std::vector<std::size_t> unit_block_offset_;
  CapacityAllocator unit_places_;
  std::vector<double> unit_capacity_;  // [region * kUnitResourceCount + resource]
  std::vector<double> occupancy_;      // same layout: places held at the end of last month
  std::vector<double> pace_factor_;    // per region: 1 - high_pace_share
  // Art. 60 contracts ending [region][month] and those who then found work within 6 / 12 months;
  // clients of each arrival cohort [region][month] in work (employed or art. 60) right now.
  std::unique_ptr<std::atomic<std::int64_t>[]> art60_ended_, art60_work6_, art60_work12_;
  std::array<std::uint64_t, 2> eviction_threshold_{};   // acceptance: not in crisis / in crisis
  double eviction_max_ = 0;                             // largest monthly eviction probability
  std::array<double, kDomainCount> recovery_scaled_{};  // probability * 2^32
  std::vector<double> capacity_hours_;  // per region, this month's effective staff hours
  std::vector<double> staff_inputs_;    // [3][region]: hours demanded, clients, moral tension
  std::vector<double> region_sums_;     // [region][kBlockSums], this month
  // Job access per region, flattened: access_offset_[g] + JobAccessTable::index(...).
  std::vector<double> access_;
  std::vector<std::size_t> access_offset_;
  std::vector<std::vector<double>> home_cdf_;  // per region, over its transit places

  // Per-block tallies, reduced in block order: [block][region][from][to], [block][region][k].
  std::vector<std::int64_t> block_transitions_;
  std::vector<double> block_sums_;
  // Sums per block and region (models/pathways_model.cpp, enum Sum).
  static constexpr int kBlockSums = 64;
  double gpmi_noncompliance_max_ = 0;  // largest monthly non-compliance probability
  // Clients of each arrival cohort [region][simulation month] in work (employed or in art. 60)
  // at the end of the current month. Integer counts, so concurrent updates give the same total
  // in any order; read at month arrival + 12.
  std::unique_ptr<std::atomic<std::int64_t>[]> cohort_in_work_;
  std::vector<std::uint64_t> caseworker_change_threshold_;  // per region, from last month's staff
};

}  // namespace drempel

#pragma once
// Award cohorts (models/ODD.md, "Record: cohorts and groups"): the clients whose leefloon was
// first awarded in month c (who entered the administrative start-up in c: reform arrivals at
// arrival, ordinary applicants when intake ends in an award), followed 1 to 60 months on as the
// Belgian follow-up studies publish them: still on the leefloon, off it, off it without ever
// having come back, in regular work, in art. 60, on benefit after art. 60, in another programme,
// re-applying, in participation, dropped out, exited, still in the administrative start-up. The
// counts are kept by region and, pooled over the regions, by background (a fixed trait, so that
// outcomes can be compared between groups). Every cohort member adds one to the counts
// of the states she is in; a count changes only when a client's state does, so the pass touches
// the counters only at those moves. The calibration figure of the Flemish 22.5% (a share of
// leefloon recipients in work a year later) is the cohort share in work at 12 months.
#include <atomic>
#include <memory>

#include "engine/mechanism.hpp"
#include "models/client.hpp"
#include "models/mechanisms/group_dimensions.hpp"

namespace drempel {

/// What an award cohort is counted by at each horizon (dimension `cohort_outcome`). A member is
/// in several: `awarded` always, `on_leefloon` or `off_leefloon`, and her stage's.
enum CohortOutcome : std::uint8_t {
  kCohortAwarded,      ///< in the cohort
  kCohortOnLeefloon,   ///< receives the leefloon (start-up to activation, not art. 60 or after)
  kCohortOffLeefloon,  ///< does not
  kCohortLeftForGood,  ///< does not, and has not received it again since she first left
  kCohortReturned,     ///< has received it again after leaving it (on it now or not)
  kCohortEmployed,     ///< in regular work
  kCohortArt60,        ///< in an art. 60 contract
  kCohortAfterArt60,   ///< on unemployment benefit after art. 60, still followed
  kCohortProgramme,    ///< in wijk-werken or a training
  kCohortReapplying,   ///< back at intake after a job ended
  kCohortParticipation,
  kCohortDroppedOut,
  kCohortExited,
  kCohortAdminStartup,  ///< still (or again) in the administrative start-up
  kCohortOutcomeCount
};
inline constexpr std::array<const char*, kCohortOutcomeCount> kCohortOutcomeNames = {
    "awarded",       "on_leefloon", "off_leefloon", "left_for_good", "returned",
    "employed",      "art60",       "after_art60",  "programme",     "reapplying",
    "participation", "dropped_out", "exited",       "admin_startup"};
/// Months after the award at which cohorts are counted (dimension `horizon`).
inline constexpr std::array<std::int32_t, 9> kCohortHorizons = {1, 3, 6, 12, 18, 24, 36, 48, 60};

struct CohortColumns {
  /// Stream month of the client's first leefloon award in the run; 0 none yet, -1 awarded before
  /// the run (an initial client past intake: not in any cohort).
  std::vector<std::int16_t> award_month;
  std::vector<std::uint8_t> returned;  ///< 1: has received the leefloon again after leaving it
  static constexpr auto columns() {
    using C = CohortColumns;
    return std::tuple{
        column(&C::award_month, "award_month", Heat::kCold,
               "stream month of the first award (0 none, -1 before the run)"),
        column(&C::returned, "returned", Heat::kCold, "1: back on the leefloon after leaving it")};
  }
};
static_assert(column_bytes<CohortColumns>(Heat::kCold) == 3);

class Cohorts {
 public:
  static constexpr const char* kName = "cohorts";
  using Columns = CohortColumns;
  static constexpr std::array<StreamInfo, 0> kStreams = {};
  static constexpr int kSums = 0;
  static constexpr std::array<MetricInfo, 1> kMetrics = {{
      {"in_work_year_after_award_share", "1",
       "of the clients first awarded the leefloon 12 months earlier, the share in work now "
       "(employed or art. 60)",
       RegionTotal::kNone},
  }};
  static constexpr std::array<DimensionInfo, 4> kTableDimensions = {{
      {.name = "cohort_month",
       .long_name = "award cohort: month of the first leefloon award",
       .months = true},
      {.name = "horizon",
       .long_name = "months after the award",
       .values = kCohortHorizons,
       .units = "months"},
      {.name = "cohort_outcome",
       .long_name = "state counted at the horizon",
       .labels = kCohortOutcomeNames},
      kBackgroundDimension,
  }};
  static constexpr std::array<TableInfo, 2> kTables = {{
      {"cohort_count",
       "1",
       "members of each award cohort in each state at the end of the month `horizon` months "
       "after the award (-1: that month is after the end of the run)",
       {"cohort_month", "horizon", "region", "cohort_outcome", nullptr, nullptr}},
      {"cohort_count_by_background",
       "1",
       "members of each award cohort in each state `horizon` months after the award, by "
       "background, all regions together (-1: that month is after the end of the run)",
       {"cohort_month", "horizon", "background", "cohort_outcome", nullptr, nullptr}},
  }};

  /// The outcomes a client in `stage` with `programme` is counted in (a bit per CohortOutcome),
  /// `returned` telling whether she has received the leefloon again after leaving it.
  static std::uint32_t outcomes(std::uint8_t stage, std::uint8_t programme, bool returned);

  explicit Cohorts(const ModelParameters& p);
  void start_replicate();
  /// Saves or restores the counters (engine/state_archive.hpp), for checkpoints.
  template <class A>
  void state(A& a) {
    a.atomics(counts_, regions_ * months_ * kCohortOutcomeCount);
    a.atomics(by_background_, months_ * std::size_t{kBackgroundCount} * kCohortOutcomeCount);
  }

  template <class C>
  void arrive(C& c, ClientArrival& x) const {
    c.returned[x.i] = 0;
    if (x.initial) {
      c.award_month[x.i] = x.stage == kIntake ? std::int16_t{0} : std::int16_t{-1};
      return;
    }
    // Reform arrivals are awards (they start in the administrative start-up).
    const bool awarded = x.stage != kIntake;
    c.award_month[x.i] = awarded ? static_cast<std::int16_t>(x.month) : std::int16_t{0};
    if (awarded)
      add(c.region[x.i], x.background, x.month, outcomes(x.stage, kNoProgramme, false), 1);
  }

  struct Pass {
    const Cohorts* self;
    std::int16_t* award;
    std::uint8_t* returned;
    const std::uint8_t* background;
    void transition(ClientMonth& x, double*) const {
      if (x.from == x.to && x.programme == x.programme_before) [[likely]]
        return;  // most clients, most months
      if (outcomes(x.from, x.programme_before, false) != outcomes(x.to, x.programme, false))
        self->moved(x, background[x.i], award[x.i], returned[x.i]);
    }
    void employed(ClientMonth& x, double*) const {
      self->moved(x, background[x.i], award[x.i],
                  returned[x.i]);  // a job that ended: to intake or exited
    }
  };
  template <class C>
  Pass pass(C& c, const RandomStreams&) const {
    return {this, c.award_month.data(), c.returned.data(), c.background.data()};
  }
  void finish(const RegionMonth& r, const double* s, double* out) const;
  void record_tables(const TableMonth& t) const;

 private:
  std::atomic<std::int64_t>& counter(std::size_t g, std::size_t cohort, int outcome) const {
    return counts_[(g * months_ + cohort) * kCohortOutcomeCount +
                   static_cast<std::size_t>(outcome)];
  }
  std::atomic<std::int64_t>& by_background(std::size_t b, std::size_t cohort, int outcome) const {
    return by_background_[(cohort * kBackgroundCount + b) * kCohortOutcomeCount +
                          static_cast<std::size_t>(outcome)];
  }
  // Adds `delta` to every outcome in `bits` of the cohort of stream month `award` in region g and
  // background b.
  void add(std::size_t g, std::size_t b, std::uint32_t award, std::uint32_t bits, int delta) const;
  void moved(const ClientMonth& x, std::uint8_t background, std::int16_t& award,
             std::uint8_t& returned) const;

  std::size_t months_, regions_;
  // [region][cohort (simulation month)][outcome]: members in each state now.
  std::unique_ptr<std::atomic<std::int64_t>[]> counts_;
  // [cohort][background][outcome]: the same, all regions together.
  std::unique_ptr<std::atomic<std::int64_t>[]> by_background_;
};

}  // namespace drempel

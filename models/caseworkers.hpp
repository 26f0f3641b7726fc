#pragma once
// Individual caseworkers per region: effective hours, stress, sick leave, turnover and hiring
// (models/caseworkers.md describes the submodel, its equations and its parameters).
//
// Each region has a number of posts. A post is either filled by a caseworker (with an FTE share,
// months of seniority, a stress level and possibly months of sick leave left) or vacant, waiting
// to be filled after the hiring lag. Workload above the hours available and moral tension raise
// stress; stress raises the monthly hazards of sick leave and of leaving the job; every departure
// reopens its post, and the caseload norm (a policy lever) opens new posts up to the region's
// budget. Caseworkers with less than junior_months of seniority work at junior_productivity.
//
// Every random number comes from RandomStreams(seed, replicate).words(slot, month, stream) with one
// stream id per mechanism (below), so results never depend on threads or on the order or number
// of draws elsewhere. The pool allocates nothing after construction.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/random.hpp"
#include "engine/scenario.hpp"

namespace drempel {

/// Random stream ids of the caseworker mechanisms (30..39 are reserved for this module).
inline constexpr std::uint16_t kStreamCaseworkerSeniority = 30;  ///< start(): initial seniority
inline constexpr std::uint16_t kStreamCaseworkerSickLeave = 31;  ///< sick-leave start, duration
inline constexpr std::uint16_t kStreamCaseworkerTurnover = 32;   ///< departure from the job

/// Parameters of the caseworker submodel; every value comes from a scenario.
///
/// Stress is a number in [0, 1]: 0 is a caseworker without strain, 1 the maximum the model
/// represents (the level at which the stress terms of the sick-leave and turnover hazards are
/// fully applied). Monthly hazards are probabilities per month.
struct CaseworkerParameters {
  double hours_per_fte_per_month = 0;  ///< paid hours actually worked per FTE (leave excluded)
  double client_time_share = 0;        ///< share of those hours available for client files
  std::int32_t junior_months = 0;      ///< seniority (months) below which a caseworker is junior
  double junior_productivity = 0;      ///< share of a junior's client hours that are effective
  std::int32_t initial_seniority_max_months = 0;  ///< start(): seniority uniform on 0..this

  double stress_gain_per_overload = 0;         ///< stress per month per unit of demand/supply - 1
  double stress_gain_per_moral_tension = 0;    ///< stress per month at moral tension 1
  double stress_recovery_per_month = 0;        ///< share of stress shed per month
  double sick_leave_base_per_month = 0;        ///< sick-leave hazard at stress 0
  double sick_leave_per_stress = 0;            ///< added hazard per unit of stress
  double sick_leave_mean_months = 0;           ///< mean duration (geometric on 1, 2, ...), >= 1
  double turnover_base_per_month = 0;          ///< departure hazard at stress 0
  double turnover_per_stress = 0;              ///< added hazard per unit of stress
  double turnover_junior_extra_per_month = 0;  ///< added hazard while junior
  std::int32_t hiring_lag_months = 0;          ///< months from an open post to its new caseworker
  double caseload_norm_files_per_fte = 0;  ///< policy: posts are opened to keep clients/FTE <= this
  /// Per region (`regions/*/caseworker_budget_fte`): the most FTE of posts (filled + vacant).
  std::vector<double> budget_fte;
};

/// Reads and validates the caseworker parameters of the object at `pointer` (e.g. "/caseworkers")
/// for `regions` regions. Problems are recorded in `r` (each naming its JSON pointer), never
/// thrown; the caller calls r.finish(). The object looks like (ranges in brackets):
///
///     {
///       "hours_per_fte_per_month": 130,           // [0, 744] h month-1 FTE-1
///       "client_time_share": 0.6,                 // [0, 1]
///       "junior_months": 12,                      // integer [0, 600]
///       "junior_productivity": 0.6,               // [0, 1]
///       "initial_seniority_max_months": 119,      // integer [0, 600]
///       "stress_gain_per_overload": 0.2,          // [0, 1] month-1
///       "stress_gain_per_moral_tension": 0.05,    // [0, 1] month-1
///       "stress_recovery_per_month": 0.2,         // [0, 1] month-1
///       "sick_leave_base_per_month": 0.01,        // [0, 1] month-1
///       "sick_leave_per_stress": 0.03,            // [0, 1] month-1 (*)
///       "sick_leave_mean_months": 2,              // [1, 120] months
///       "turnover_base_per_month": 0.008,         // [0, 1] month-1
///       "turnover_per_stress": 0.02,              // [0, 1] month-1
///       "turnover_junior_extra_per_month": 0.01,  // [0, 1] month-1 (*)
///       "hiring_lag_months": 3,                   // integer [0, 120]
///       "caseload_norm_files_per_fte": 110        // [1, 10000] clients FTE-1
///     }
///
/// and each region's budget is its own key `REGIONS/i/caseworker_budget_fte` ([0, 100000] FTE,
/// REGIONS = `regions_pointer`), so that a region added or copied by a what-if brings its budget.
///
/// (*) The hazards at stress 1 must stay probabilities: sick_leave_base_per_month +
/// sick_leave_per_stress <= 1 and turnover_base_per_month + turnover_per_stress +
/// turnover_junior_extra_per_month <= 1; a violation is reported at the key marked (*).
///
/// A missing object is one issue at `pointer`. hours_per_fte_per_month and client_time_share are
/// the keys the pathways model already reads under "/caseworkers"; reading them twice is harmless.
CaseworkerParameters read_caseworker_parameters(ScenarioReader& r, const std::string& pointer,
                                                const std::string& regions_pointer,
                                                std::size_t regions);

/// Figures of one month per region (each vector has one entry per region). Flows and hours are
/// for the month; stocks are at the end of the month, after hiring.
struct StaffMonth {
  std::vector<double> effective_hours;  ///< client hours supplied this month (step 1)
  std::vector<double> overload;         ///< demanded / effective hours (+inf: no hours; 0: neither)
  std::vector<double> fte_employed;     ///< FTE of filled posts, sick or not
  std::vector<double> fte_on_sick_leave;  ///< FTE of caseworkers absent next month
  std::vector<double> mean_stress;        ///< per head, over employed caseworkers (NaN if none)
  std::vector<std::uint32_t> sick_leave_starts;  ///< caseworkers starting sick leave
  std::vector<std::uint32_t> departures;         ///< caseworkers who left
  std::vector<std::uint32_t> hires;              ///< posts filled
  std::vector<std::uint32_t> open_vacancies;     ///< vacant posts
  std::vector<double> open_vacancy_fte;          ///< FTE of vacant posts
  std::vector<double> caseload_per_fte;          ///< clients / fte_employed (NaN with no FTE)

  /// Saves or restores every figure (engine/state_archive.hpp).
  template <class A>
  void state(A& a) {
    a(effective_hours), a(overload), a(fte_employed), a(fte_on_sick_leave), a(mean_stress);
    a(sick_leave_starts), a(departures), a(hires), a(open_vacancies), a(open_vacancy_fte);
    a(caseload_per_fte);
  }
};

/// The caseworkers of every region, for one replicate at a time.
///
/// Storage is a fixed set of slots (columns, structure of arrays), one slot per post. Region r
/// owns ceil(budget_fte[r]) + 2 consecutive slots: whole-FTE posts never add up to more than the
/// budget, and at most two posts are fractional (the initial staff's last post and the post that
/// brings the region to its budget). Posts are never closed; a slot keeps its post for the whole
/// replicate and hosts its successive caseworkers. A slot's index is the entity of its random
/// draws; a slot holds at most one caseworker in any month's draws, so draws never repeat.
class CaseworkerPool {
 public:
  /// Sizes every column and output buffer. Throws std::invalid_argument for parameters outside
  /// the ranges read_caseworker_parameters accepts (including no regions or more than 65535),
  /// and std::length_error when the slots would not fit 32-bit ids.
  explicit CaseworkerPool(CaseworkerParameters parameters);

  /// Starts a replicate (and discards any previous one): region r gets floor(f) posts of 1 FTE
  /// and one post of the remainder (if any) for f = initial_fte_per_region[r], all filled, with
  /// stress 0, no sick leave and seniority uniform on 0..initial_seniority_max_months (assumption:
  /// a stable team with staff of every length of service). Throws std::invalid_argument when the
  /// span does not have one entry per region or an entry is negative, not finite or above the
  /// region's budget_fte.
  void start(std::span<const double> initial_fte_per_region, std::uint64_t seed,
             std::uint32_t replicate);

  /// Client hours the current staff supplies this month per region (step 1 of step()): the sum,
  /// over employed caseworkers not on sick leave, of fte x hours_per_fte_per_month x
  /// client_time_share x (junior ? junior_productivity : 1). For the allocation phase, which runs
  /// before step(). Throws std::invalid_argument when `out` does not have one entry per region.
  void effective_hours(std::span<double> out) const;

  /// Runs one month, in this order:
  ///  1. effective hours per region (as effective_hours());
  ///  2. overload = hours demanded / effective hours;
  ///  3. the stress s of each employed caseworker becomes (1 - recovery) s + gain_overload
  ///     max(0, overload - 1) + gain_moral tension, clamped to [0, 1]; caseworkers on sick leave
  ///     this month only recover;
  ///  4. sick leave: a caseworker on leave counts one month off (and is back when none are left);
  ///     any other starts leave with probability base + per_stress s, for a geometric number of
  ///     months (mean sick_leave_mean_months, at least 1) starting next month;
  ///  5. departures with probability base + per_stress s (+ junior extra): the post becomes
  ///     vacant, to be filled hiring_lag_months later;
  ///  6. vacant posts whose time has come are filled by a new caseworker (seniority 0, stress 0);
  ///  7. caseload norm: when clients / (FTE of filled and vacant posts) > norm, posts of 1 FTE
  ///     (the last one smaller if the budget requires) are opened until the ratio is at or below
  ///     the norm or the posts reach budget_fte; with a hiring lag of 0 they are filled at once;
  ///  8. seniority + 1 for every caseworker who worked this month (not for this month's hires).
  /// `month` is the simulation month (>= 0; consecutive after start()); the spans have one entry
  /// per region: hours demanded (>= 0), clients (>= 0) and moral tension in [0, 1] (the share of
  /// the caseload pushed towards activation before it is ready). Returns the month's figures,
  /// valid until the next step() or start(). Allocates nothing. Throws std::logic_error before
  /// start(), std::invalid_argument for a wrong month, wrong span sizes or values out of range.
  const StaffMonth& step(std::int32_t month, std::span<const double> hours_demanded_per_region,
                         std::span<const double> clients_per_region,
                         std::span<const double> moral_tension_per_region);

  /// Saves or restores (engine/state_archive.hpp) the replicate's staff between two months,
  /// for checkpoints: every post, the streams and the last month's figures.
  template <class A>
  void state(A& a) {
    a(used_slots_), a(region_), a(fte_), a(seniority_), a(stress_), a(sick_left_);
    a(employed_), a(fill_month_), a(streams_), a(started_), a(stepped_), a(last_step_month_);
    out_.state(a);
  }

  const CaseworkerParameters& parameters() const noexcept { return p_; }
  std::size_t regions() const noexcept { return p_.budget_fte.size(); }
  /// Number of slots (posts that can ever exist).
  std::size_t capacity() const noexcept { return region_.size(); }
  /// The figures of the last step().
  const StaffMonth& last_month() const noexcept { return out_; }

  // Read-only columns, one entry per slot. A slot with fte 0 holds no post yet.
  std::span<const std::uint16_t> region() const noexcept { return region_; }
  std::span<const float> fte() const noexcept { return fte_; }
  std::span<const std::uint16_t> seniority_months() const noexcept { return seniority_; }
  std::span<const float> stress() const noexcept { return stress_; }
  /// Months of sick leave still to come (0: at work next month).
  std::span<const std::uint16_t> sick_months_left() const noexcept { return sick_left_; }
  /// 1 when a caseworker holds the post, 0 when the post is vacant or unused.
  std::span<const std::uint8_t> employed() const noexcept { return employed_; }
  /// For a vacant post, the month it will be filled (months until filled = this - month); for a
  /// filled post, the month its caseworker was hired (INT32_MIN for the initial staff).
  std::span<const std::int32_t> fill_month() const noexcept { return fill_month_; }

 private:
  bool junior(std::size_t slot) const noexcept;
  void fill(std::size_t slot, std::int32_t month) noexcept;

  CaseworkerParameters p_;
  std::vector<std::uint32_t> first_slot_;  // [region], plus the end
  std::vector<std::uint32_t> used_slots_;  // [region]: slots holding a post

  std::vector<std::uint16_t> region_;
  std::vector<float> fte_;
  std::vector<std::uint16_t> seniority_;
  std::vector<float> stress_;
  std::vector<std::uint16_t> sick_left_;
  std::vector<std::uint8_t> employed_;
  std::vector<std::int32_t> fill_month_;

  RandomStreams streams_{0, 0};
  bool started_ = false;
  bool stepped_ = false;
  std::int32_t last_step_month_ = 0;
  StaffMonth out_;
};

}  // namespace drempel

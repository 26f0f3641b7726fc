#pragma once
// Activation programmes (models/ODD.md, "Programmes"): places in art. 60, wijk-werken and
// vocational training for clients in activation who are not job-ready (wijk-werken once, to build
// readiness; then art. 60 with Dutch B1, training without). A place granted this month starts; a
// running one counts down. Art. 60 ends with a job at the employer or on unemployment benefit,
// looking for work (followed for a while); wijk-werken builds work-readiness; training leaves a
// qualification. Reports what became of art. 60 contracts 6 and 12 months after they ended.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <memory>

#include "engine/mechanism.hpp"
#include "models/client.hpp"

namespace drempel {

/// Art. 60 direct hire (draw 0); the month a new job ends (draw 1, Employment).
inline constexpr std::uint16_t kStreamWork = 7;

struct ProgrammeColumns {
  std::vector<std::uint8_t> programme_left;
  static constexpr auto columns() {
    return std::tuple{column(&ProgrammeColumns::programme_left, "programme_left", Heat::kHot,
                             "months left in the programme (after art. 60: followed)")};
  }
};
static_assert(column_bytes<ProgrammeColumns>(Heat::kHot) == 1);

class Programmes {
 public:
  static constexpr const char* kName = "programmes";
  /// The client columns this mechanism owns.
  using Columns = ProgrammeColumns;
  static constexpr std::array<StreamInfo, 1> kStreams = {
      {{kStreamWork,
        "art. 60 direct hire (draw 0); the month a new job ends (draw 1, employment)"}}};
  enum Sum : int { kSumArt60, kSumWijkWerken, kSumTraining, kSumWaiting, kSumAfterArt60, kSums };
  static constexpr std::array<MetricInfo, 9> kMetrics = {{
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
      {"art60_net_cost_eur", "EUR month-1", "net wage cost of the art. 60 contracts running",
       RegionTotal::kSum},
      {"wijk_werken_client_hours", "h month-1", "hours worked by clients in wijk-werken",
       RegionTotal::kSum},
  }};

  static constexpr std::array<std::uint8_t, 3> kPlaces = {kResourceArt60, kResourceWijkWerken,
                                                          kResourceTraining};
  explicit Programmes(const ModelParameters& p);
  template <class C>
  PlaceRequest place_request(const C&, std::uint32_t, int, std::uint8_t,
                             std::uint16_t months_in_stage) const {
    return {0, months_in_stage};
  }
  /// Places a region can hold at one time, minus those held (art. 60 also within its budget).
  double free_places(int place, std::size_t g, const double* held, const RandomStreams&,
                     std::uint32_t) const {
    return places_[g][static_cast<std::size_t>(place - kResourceArt60)] - held[place];
  }
  void start_replicate();
  /// Saves or restores the art. 60 follow-up counters (engine/state_archive.hpp).
  template <class A>
  void state(A& a) {
    a.atomics(ended_, cells_);
    a.atomics(work6_, cells_);
    a.atomics(work12_, cells_);
  }

  template <class C>
  void arrive(C& c, ClientArrival& x) const {
    c.programme_left[x.i] = 0;
  }

  struct Pass {
    std::uint8_t* left_col;
    const std::uint8_t* job_ready;
    const std::uint8_t* readiness;
    std::atomic<std::int64_t>* ended;
    std::atomic<std::int64_t>* work6;
    std::atomic<std::int64_t>* work12;
    RandomStreams streams;
    std::array<double, kProgrammeCount> hours_by_programme;
    std::array<std::uint8_t, kProgrammeCount> months;
    std::uint64_t direct_hire;
    std::size_t months_total;
    std::uint8_t follow_months;

    void hours(const ClientMonth& x, HoursByTask& h) const {
      h[kHoursProgramme] = hours_by_programme[x.programme];
    }
    // Wijk-werken once at most (12 months), to build readiness; then art. 60 or training.
    void demand(ClientMonth& x, double*) const {
      if (x.from == kActivation && x.programme == kNoProgramme && job_ready[x.i] == 0) {
        const bool wijk = readiness[x.i] < 2 && (x.traits & kDidWijkWerken) == 0;
        const int choice = wijk           ? kResourceWijkWerken
                           : x.dutch >= 2 ? kResourceArt60
                                          : kResourceTraining;
        x.wants |= PlaceMask{1} << choice;
      }
    }
    void transition(ClientMonth& x, double*) const;
    void record(const ClientMonth& x, double* s) const {
      if (!x.active) return;
      s[kSumArt60] += x.programme == kArt60 ? 1.0 : 0.0;
      s[kSumWijkWerken] += x.programme == kWijkWerken ? 1.0 : 0.0;
      s[kSumTraining] += x.programme == kTraining ? 1.0 : 0.0;
      s[kSumAfterArt60] += x.programme == kAfterArt60 ? 1.0 : 0.0;
      s[kSumWaiting] +=
          x.to == kActivation && x.programme == kNoProgramme && (x.wants & 7) != 0 ? 1.0 : 0.0;
    }
    void employed(ClientMonth& x, double*) const { x.programme = kNoProgramme; }
  };
  template <class C>
  Pass pass(C& c, const RandomStreams& streams) const {
    return {c.programme_left.data(),
            c.job_ready.data(),
            c.readiness.data(),
            ended_.get(),
            work6_.get(),
            work12_.get(),
            streams,
            hours_,
            months_,
            direct_hire_,
            months_total_,
            follow_months_};
  }
  void finish(const RegionMonth& r, const double* s, double* out) const;

 private:
  double cohort_share(const std::unique_ptr<std::atomic<std::int64_t>[]>& hits, std::size_t g,
                      std::int32_t m, int lag) const;

  std::array<double, kProgrammeCount> hours_;
  std::array<std::uint8_t, kProgrammeCount> months_;
  std::uint64_t direct_hire_;
  std::uint8_t follow_months_;
  std::size_t months_total_, cells_;
  double art60_cost_, wijk_hours_;
  // Art. 60 contracts ending [region][month] and those who then found work within 6 / 12 months.
  // Integer counts, so concurrent updates give the same total in any order.
  std::unique_ptr<std::atomic<std::int64_t>[]> ended_, work6_, work12_;
  std::vector<std::array<double, kPlacedProgrammes>> places_;  // per region
};

inline void Programmes::Pass::transition(ClientMonth& x, double*) const {
  static constexpr std::array<std::uint8_t, kUnitResourceCount> kProgrammeOf = {kArt60, kWijkWerken,
                                                                                kTraining, 0, 0};
  std::uint8_t left = left_col[x.i];
  const std::uint8_t followed_before = left;
  const std::int64_t month_index = static_cast<std::int64_t>(x.month) - 1;  // simulation month
  const std::size_t row = x.g * months_total;
  if (x.to == kActivation) {
    if (x.programme == kNoProgramme) {
      for (int r = kResourceArt60; r <= kResourceTraining; ++r)
        if ((x.granted >> r) & 1) {
          x.programme = kProgrammeOf[static_cast<std::size_t>(r)];
          left = months[x.programme];
          if (x.programme == kWijkWerken) x.traits |= kDidWijkWerken;
        }
    } else if (--left == 0) {
      if (x.programme == kArt60) {
        x.traits |= kWorkExperience;  // a year or more of paid work
        ended[row + static_cast<std::size_t>(month_index)].fetch_add(1, std::memory_order_relaxed);
        const RandomWords ww = streams.words(x.i, x.month, kStreamWork, 0);
        if (ww[0] < direct_hire) {
          x.to = kEmployed;
          work6[row + static_cast<std::size_t>(month_index)].fetch_add(1,
                                                                       std::memory_order_relaxed);
          work12[row + static_cast<std::size_t>(month_index)].fetch_add(1,
                                                                        std::memory_order_relaxed);
        } else {
          x.programme = kAfterArt60;
          left = follow_months;
        }
      } else if (x.programme == kAfterArt60) {
        x.to = kExited;  // on unemployment benefit, no longer followed
      } else {
        if (x.programme == kWijkWerken) {
          x.readiness = static_cast<std::uint8_t>(x.readiness + (x.readiness < 2));
          x.traits |= kWorkExperience;
        }
        if (x.programme == kTraining) x.traits |= kTrained;
        x.programme = kNoProgramme;
      }
    }
  }
  if (x.to == kEmployed && x.programme_before == kAfterArt60) {
    // Work found after art. 60: j months after the contract ended.
    const std::int64_t j = static_cast<std::int64_t>(follow_months) - followed_before + 1;
    const std::int64_t when = month_index - j;
    if (when >= 0) {
      const std::size_t cell = row + static_cast<std::size_t>(when);
      if (j <= 6) work6[cell].fetch_add(1, std::memory_order_relaxed);
      if (j <= 12) work12[cell].fetch_add(1, std::memory_order_relaxed);
    }
  }
  if (x.to != kActivation) x.programme = kNoProgramme;
  left_col[x.i] = left;
}

/// Places free this month per programme (art60, wijk_werken, training) in region `region`, before
/// subtracting the places held: the art. 60 places are also limited by the region's budget.
std::array<double, kPlacedProgrammes> programme_places(const ModelParameters& p,
                                                       const RegionParameters& region);

}  // namespace drempel

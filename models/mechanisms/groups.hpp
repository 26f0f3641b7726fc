#pragma once
// Stocks and arrivals by group (models/ODD.md, "Record: cohorts and groups"): the stage counts of
// the results file split by background and by Dutch level, so that time on the leefloon and
// outcomes can be compared between groups. A client is counted at the end of the month in her
// stage and her Dutch level of that moment; her background is fixed. Clients on a pathway are
// counted in the pass; end states carry their counts from month to month (the only way out of
// one is a job that ends), as the core does for stage_count. Summed over the groups, each table
// is stage_count (or arrival_count).
#include <atomic>
#include <memory>

#include "engine/mechanism.hpp"
#include "models/client.hpp"
#include "models/mechanisms/group_dimensions.hpp"

namespace drempel {

class Groups {
 public:
  static constexpr const char* kName = "groups";
  static constexpr std::array<StreamInfo, 0> kStreams = {};
  static constexpr std::size_t kByBackground = 0;
  static constexpr std::size_t kByDutch = std::size_t{kBackgroundCount} * kStageCount;
  static constexpr int kSums = (int{kBackgroundCount} + kDutchLevels) * int{kStageCount};
  static constexpr std::array<MetricInfo, 0> kMetrics = {};
  static constexpr std::array<DimensionInfo, 2> kTableDimensions = {
      {kBackgroundDimension, kDutchLevelDimension}};
  static constexpr std::array<TableInfo, 4> kTables = {{
      {"stage_count_by_background",
       "1",
       "clients in each stage at the end of the month, by background",
       {"month", "region", "background", "stage", nullptr, nullptr}},
      {"stage_count_by_dutch_level",
       "1",
       "clients in each stage at the end of the month, by Dutch level at that moment",
       {"month", "region", "dutch_level", "stage", nullptr, nullptr}},
      {"arrival_count_by_background",
       "1",
       "new clients arriving in each stage, by background",
       {"month", "region", "background", "stage", nullptr, nullptr}},
      {"arrival_count_by_dutch_level",
       "1",
       "new clients arriving in each stage, by Dutch level at arrival",
       {"month", "region", "dutch_level", "stage", nullptr, nullptr}},
  }};

  explicit Groups(const ModelParameters& p);
  void start_replicate();
  /// Saves or restores the end-state counts (engine/state_archive.hpp). The arrival counters
  /// are cleared at the end of every month, so a checkpoint between months holds zeros there.
  template <class A>
  void state(A& a) {
    a(end_counts_);
    a.atomics(arrivals_, regions_ * kSums);
  }

  template <class C>
  void arrive(C& c, ClientArrival& x) const {
    if (x.initial) return;
    const std::size_t base = c.region[x.i] * static_cast<std::size_t>(kSums);
    arrivals_[base + kByBackground + x.background * kStageCount + x.stage].fetch_add(
        1, std::memory_order_relaxed);
    arrivals_[base + kByDutch + c.dutch[x.i] * kStageCount + x.stage].fetch_add(
        1, std::memory_order_relaxed);
  }

  struct Pass {
    const std::uint8_t* background;
    const std::uint8_t* dutch;
    void count(std::uint32_t i, std::uint8_t level, std::uint8_t stage, double* s,
               double delta) const {
      s[kByBackground + background[i] * kStageCount + stage] += delta;
      s[kByDutch + level * kStageCount + stage] += delta;
    }
    void record(ClientMonth& x, double* s) const { count(x.i, x.dutch, x.to, s, 1.0); }
    // A job that ended: out of the carried `employed` count, into this month's intake or the
    // carried `exited`. (The context's Dutch level is not loaded on this path; an employed
    // client's does not change.)
    void employed(ClientMonth& x, double* s) const {
      count(x.i, dutch[x.i], kEmployed, s, -1.0);
      count(x.i, dutch[x.i], x.to, s, 1.0);
    }
  };
  template <class C>
  Pass pass(C& c, const RandomStreams&) const {
    return {c.background.data(), c.dutch.data()};
  }
  void finish(const RegionMonth&, const double*, double*) const {}
  void record_tables(const TableMonth& t);

 private:
  std::size_t regions_;
  std::vector<std::int64_t> end_counts_;  // [region][sum slot]: end-state counts so far
  std::unique_ptr<std::atomic<std::int64_t>[]> arrivals_;  // [region][sum slot], this month
};

}  // namespace drempel

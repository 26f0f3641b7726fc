#pragma once
// Administrative start-up (models/ODD.md, "Administrative start-up"): the basic-rights tasks
// still to arrange (health insurance, child benefit, school and childcare, bank account, address
// registration) get done with the caseworker's support; counter tasks go slower the farther the
// nearest open counter (unless the client does them online); a bank account needs an address. A
// client who knows her way in social security needs fewer hours, and learns it with support.
#include <limits>
#include <vector>

#include "engine/mechanism.hpp"
#include "models/client.hpp"
#include "models/transit.hpp"

namespace drempel {

inline constexpr std::uint16_t kStreamServices = 6;

struct AdminStartupColumns {
  std::vector<std::uint8_t> rights_pending;
  static constexpr auto columns() {
    return std::tuple{column(&AdminStartupColumns::rights_pending, "rights_pending", Heat::kHot,
                             "AdminTask bits still to do")};
  }
};
static_assert(column_bytes<AdminStartupColumns>(Heat::kHot) == 1);

class AdminStartup {
 public:
  static constexpr const char* kName = "admin_startup";
  /// The client columns this mechanism owns.
  using Columns = AdminStartupColumns;
  static constexpr std::array<StreamInfo, 1> kStreams = {
      {{kStreamServices,
        "admin tasks 1-4 (draw 0) and 5 (draw 2); draw 1 is the pass's service_words (Dutch, "
        "work-readiness, system knowledge)"}}};
  enum Sum : int { kSumPending, kSumDone, kSums };
  static constexpr std::array<MetricInfo, 2> kMetrics = {{
      {"admin_tasks_pending", "1", "basic-rights tasks still to do, over active clients",
       RegionTotal::kSum},
      {"admin_tasks_done", "month-1", "basic-rights tasks completed", RegionTotal::kSum},
  }};

  explicit AdminStartup(const ModelParameters& p)
      : tasks_(p.admin_tasks),
        done_(p.admin_task_done_per_month),
        knowledge_gain_(p.system_knowledge_gain_per_month),
        digital_hours_(p.extra_hours_without_digital_skills) {
    // Hours of the pending tasks: each task's own hours plus the overhead of explaining the case
    // again where the partner has no fixed contact person.
    for (int mask = 0; mask < 32; ++mask)
      for (int knows = 0; knows < 2; ++knows) {
        double h = 0;
        for (int t = 0; t < kAdminTaskCount; ++t)
          if ((mask >> t) & 1)
            h += p.admin_tasks[t].hours +
                 p.admin_overhead_hours_per_task * (1.0 - p.fixed_contact_share);
        task_hours_[mask][knows] = knows ? h * p.system_knowledge_hours_factor : h;
      }
    // Progress of a counter task from each home and mobility: halved at counter_halving_minutes
    // of one-way travel to the nearest open counter (day timetable; by car for those with one),
    // nil where none is reachable.
    for (const auto& g : p.regions) {
      const TransitNetwork network(g.transit);
      counter_offset_.push_back(counter_factor_.size());
      for (std::size_t home = 0; home < g.transit.places.size(); ++home) {
        const auto by_transit = network.shortest_minutes(home, kDay, kTransit);
        const auto by_car = network.shortest_minutes(home, kDay, kCar);
        for (int m = 0; m < kMobilityCount; ++m) {
          const auto& by = m == kOwnCar ? by_car : by_transit;
          double minutes = std::numeric_limits<double>::infinity();
          for (const std::size_t place : g.counter_places) minutes = std::min(minutes, by[place]);
          counter_factor_.push_back(1.0 / (1.0 + minutes / p.counter_halving_minutes));
        }
      }
    }
  }

  /// Basic rights still to arrange; the initial caseload past start-up has them in order.
  template <class C>
  void arrive(C& c, ClientArrival& x) const {
    std::uint8_t pending = 0;
    if (x.stage <= kAdminStartup) {
      const RandomWords& ta = x.words[9];
      const RandomWords& tb = x.words[10];
      const std::uint32_t words[kAdminTaskCount] = {ta[0], ta[1], ta[2], ta[3], tb[0]};
      for (int t = 0; t < kAdminTaskCount; ++t) {
        if (tasks_[t].families_only && x.household != kFamily) continue;
        if (bernoulli(words[t], tasks_[t].missing_share))
          pending = static_cast<std::uint8_t>(pending | (1u << t));
      }
    }
    c.rights_pending[x.i] = pending;
  }

  struct Pass {
    std::uint8_t* pending_col;
    const std::uint8_t* digital;
    const std::uint8_t* home;
    const std::uint8_t* mobility;
    const double* counter;
    const std::size_t* counter_offset;
    const std::array<std::array<double, 2>, 32>* task_hours;
    const std::array<AdminTaskParameters, kAdminTaskCount>* tasks;
    RandomStreams streams;
    double done, knowledge_gain, digital_hours;
    void hours(const ClientMonth& x, HoursByTask& h) const {
      const bool admin_stage = x.from == kAdminStartup || x.from == kStabilisation;
      h[kHoursDigital] = admin_stage && digital[x.i] == 0 ? digital_hours : 0.0;
      h[kHoursAdminTasks] =
          x.from == kAdminStartup
              ? (*task_hours)[pending_col[x.i]][(x.traits & kSystemKnowledge) != 0 ? 1 : 0]
              : 0.0;
    }
    void transition(ClientMonth& x, double* s) const {
      const std::uint8_t before = pending_col[x.i];
      std::uint8_t pending = before;
      if (pending != 0 && x.from == kAdminStartup) {
        const RandomWords ta = streams.words(x.i, x.month, kStreamServices, 0);
        const RandomWords tb = streams.words(x.i, x.month, kStreamServices, 2);
        const std::uint32_t words[kAdminTaskCount] = {ta[0], ta[1], ta[2], ta[3], tb[0]};
        const double travel =
            digital[x.i] != 0
                ? 1.0
                : counter[counter_offset[x.g] + home[x.i] * kMobilityCount + mobility[x.i]];
        for (int t = 0; t < kAdminTaskCount; ++t) {
          if (((pending >> t) & 1) == 0) continue;
          if ((*tasks)[t].needs_address && x.no_address_block) continue;
          const double p_done = done * x.support * ((*tasks)[t].counter_visit ? travel : 1.0);
          if (static_cast<double>(words[t]) < p_done * 0x1.0p32)
            pending = static_cast<std::uint8_t>(pending & ~(1u << t));
        }
        pending_col[x.i] = pending;
        s[kSumDone] += kBitCount[before] - kBitCount[pending];
      }
      x.pending = pending;
      if ((x.traits & kSystemKnowledge) == 0 && x.from >= kAdminStartup &&
          static_cast<double>(x.service_words[2]) < knowledge_gain * x.support * 0x1.0p32)
        x.traits |= kSystemKnowledge;
    }
    void record(const ClientMonth& x, double* s) const {
      if (x.active) s[kSumPending] += kBitCount[x.pending];
    }
  };
  template <class C>
  Pass pass(C& c, const RandomStreams& streams) const {
    return {c.rights_pending.data(),
            c.digital.data(),
            c.home.data(),
            c.mobility.data(),
            counter_factor_.data(),
            counter_offset_.data(),
            &task_hours_,
            &tasks_,
            streams,
            done_,
            knowledge_gain_,
            digital_hours_};
  }
  void finish(const RegionMonth&, const double* s, double* out) const {
    out[0] = s[kSumPending];
    out[1] = s[kSumDone];
  }

 private:
  std::array<AdminTaskParameters, kAdminTaskCount> tasks_;
  double done_, knowledge_gain_, digital_hours_;
  std::array<std::array<double, 2>, 32> task_hours_{};  // [pending mask][knows the system]
  std::vector<double> counter_factor_;  // [region offset + home * mobility]: task progress
  std::vector<std::size_t> counter_offset_;
};

}  // namespace drempel

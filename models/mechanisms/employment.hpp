#pragma once
// Employment and job retention (models/ODD.md, "Work-readiness, job retention and relapse"): a
// client who starts regular work leaves the OCMW, but her job may end within the retention window
// (likelier with lower work-readiness): the month it ends is drawn when it starts. Then she
// applies again, with income in crisis and motivation lower; the work experience stays.
#include <algorithm>

#include "engine/mechanism.hpp"
#include "models/client.hpp"
#include "models/mechanisms/programmes.hpp"

namespace drempel {

struct EmploymentColumns {
  std::vector<std::uint16_t> relapse_month;
  static constexpr auto columns() {
    return std::tuple{column(&EmploymentColumns::relapse_month, "relapse_month", Heat::kHot,
                             "employed: month the job ends (0xffff never)")};
  }
};
static_assert(column_bytes<EmploymentColumns>(Heat::kHot) == 2);

class Employment {
 public:
  static constexpr const char* kName = "employment";
  /// The client columns this mechanism owns.
  using Columns = EmploymentColumns;
  // Draw 1 of kStreamWork (registered by Programmes).
  static constexpr std::array<StreamInfo, 0> kStreams = {};
  enum Sum : int { kSumStarts, kSumRelapses, kSums };
  static constexpr std::array<MetricInfo, 2> kMetrics = {{
      {"job_starts", "month-1", "clients who started regular work", RegionTotal::kSum},
      {"job_relapses", "month-1", "clients whose job ended and who applied again",
       RegionTotal::kSum},
  }};

  explicit Employment(const ModelParameters& p)
      : relapse_p_(p.relapse_per_month_by_readiness), retention_(p.retention_follow_months) {}

  template <class C>
  void arrive(C& c, ClientArrival& x) const {
    c.relapse_month[x.i] = 0xffff;
  }

  struct Pass {
    std::uint16_t* relapse;
    RandomStreams streams;
    std::array<double, 3> relapse_p;
    std::int32_t retention;
    // The job may end within the retention window: draw the month now.
    void transition(ClientMonth& x, double* s) const {
      if (x.to != kEmployed) return;
      const RandomWords ww = streams.words(x.i, x.month, kStreamWork, 1);
      const std::uint64_t after = 1 + geometric(ww[0], relapse_p[x.readiness]);
      relapse[x.i] = relapse_p[x.readiness] > 0.0 && after <= static_cast<std::uint64_t>(retention)
                         ? static_cast<std::uint16_t>(x.month + after)
                         : std::uint16_t{0xffff};
      s[kSumStarts] += 1.0;
      x.traits |= kWorkExperience;  // should the job end, the experience stays
      x.job_started = true;
    }
    void employed(ClientMonth& x, double* s) const {
      relapse[x.i] = 0xffff;
      s[kSumRelapses] += 1.0;
    }
  };
  template <class C>
  Pass pass(C& c, const RandomStreams& streams) const {
    return {c.relapse_month.data(), streams, relapse_p_, retention_};
  }
  void finish(const RegionMonth&, const double* s, double* out) const {
    out[0] = s[kSumStarts];
    out[1] = s[kSumRelapses];
  }

 private:
  std::array<double, 3> relapse_p_;
  std::int32_t retention_;
};

}  // namespace drempel

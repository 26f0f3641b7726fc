#pragma once
// Employment and job spells (models/ODD.md, "Jobs and how they end"): a client who starts
// regular work leaves the OCMW, but her job may end. When it starts, its contract (interim,
// fixed-term, open-ended) is drawn, and from the contract's monthly chances of ending (higher in
// the first half year, and for the less work-ready) the month it ends, within a follow-up
// window. A job that lasted long enough gives a right to unemployment benefit: the client does
// not come back. Otherwise she applies at the OCMW again (income in crisis, motivation lower; the
// work experience stays) or finds other work or income. Jobs that end are counted by months since
// the start (`job_endings`), so that retention can be measured.
#include <algorithm>

#include "engine/mechanism.hpp"
#include "models/client.hpp"
#include "models/mechanisms/programmes.hpp"

namespace drempel {

struct EmploymentColumns {
  std::vector<std::uint16_t> relapse_month;
  std::vector<std::uint16_t> job_start;
  std::vector<std::uint8_t> job_end_stage;
  static constexpr auto columns() {
    using C = EmploymentColumns;
    return std::tuple{
        column(&C::relapse_month, "relapse_month", Heat::kHot,
               "employed: month the job ends (0xffff never)"),
        column(&C::job_start, "job_start", Heat::kCold, "employed: stream month the job started"),
        column(&C::job_end_stage, "job_end_stage", Heat::kCold,
               "employed: stage after the job ends (intake or exited)")};
  }
};
static_assert(column_bytes<EmploymentColumns>(Heat::kHot) == 2);
static_assert(column_bytes<EmploymentColumns>(Heat::kCold) == 3);

/// Months since the start of a job at which job endings are counted (dimension `job_months`).
inline constexpr std::array<std::int32_t, 36> kJobMonths = [] {
  std::array<std::int32_t, 36> m{};
  for (std::size_t k = 0; k < m.size(); ++k) m[k] = static_cast<std::int32_t>(k + 1);
  return m;
}();

class Employment {
 public:
  static constexpr const char* kName = "employment";
  /// The client columns this mechanism owns.
  using Columns = EmploymentColumns;
  // Draws 1 and 2 of kStreamWork (registered by Programmes).
  static constexpr std::array<StreamInfo, 0> kStreams = {};
  enum Sum : int {
    kSumStarts,
    kSumRelapses,
    kSumToBenefit,
    kSumLeft,
    kSumEndings,
    kSums = kSumEndings + kJobMonths.size()
  };
  static constexpr std::array<MetricInfo, 4> kMetrics = {{
      {"job_starts", "month-1", "clients who started regular work", RegionTotal::kSum},
      {"job_relapses", "month-1", "clients whose job ended and who applied again",
       RegionTotal::kSum},
      {"job_endings_to_unemployment_benefit", "month-1",
       "clients whose job ended after long enough for unemployment benefit (not back)",
       RegionTotal::kSum},
      {"job_endings_other_income", "month-1",
       "clients whose job ended too soon for unemployment benefit and who found other work or "
       "income instead of applying again",
       RegionTotal::kSum},
  }};

  static constexpr std::array<DimensionInfo, 1> kTableDimensions = {{
      {.name = "job_months",
       .long_name = "months from the start of a job to its end (36: 36 or more)",
       .values = kJobMonths,
       .units = "months"},
  }};
  static constexpr std::array<TableInfo, 1> kTables = {{
      {"job_endings",
       "month-1",
       "jobs of clients (regular work found through the pathway) that ended in the month, by "
       "months since the job started",
       {"month", "region", "job_months", nullptr, nullptr, nullptr}},
  }};

  explicit Employment(const ModelParameters& p);

  template <class C>
  void arrive(C& c, ClientArrival& x) const {
    c.relapse_month[x.i] = 0xffff;
  }

  /// Months from the start to the end of a job of `contract` for a client of work-readiness
  /// `readiness`, from the three words of its draw (one per period of constant chance: months
  /// 1-6, 7-12, 13 on); 0 when it lasts beyond the follow-up window.
  std::uint32_t job_months(const RandomWords& w, int contract, int readiness) const;

  struct Pass {
    const Employment* self;
    std::uint16_t* relapse;
    std::uint16_t* start;
    std::uint8_t* end_stage;
    RandomStreams streams;
    // The job's contract and end are drawn when it starts.
    void transition(ClientMonth& x, double* s) const {
      if (x.to != kEmployed) return;
      self->start_job(x, streams, relapse[x.i], end_stage[x.i]);
      start[x.i] = static_cast<std::uint16_t>(x.month);
      s[kSumStarts] += 1.0;
      x.traits |= kWorkExperience;  // should the job end, the experience stays
      x.job_started = true;
    }
    // The job ends this month; the model has set x.to to the stage drawn at its start.
    void employed(ClientMonth& x, double* s) const {
      relapse[x.i] = 0xffff;
      const std::uint32_t months = x.month - start[x.i];
      s[x.to == kIntake                                                       ? kSumRelapses
        : months >= static_cast<std::uint32_t>(self->p_.benefit_after_months) ? kSumToBenefit
                                                                              : kSumLeft] += 1.0;
      s[kSumEndings + std::clamp<std::uint32_t>(months, 1, kJobMonths.size()) - 1] += 1.0;
    }
  };
  template <class C>
  Pass pass(C& c, const RandomStreams& streams) const {
    return {this, c.relapse_month.data(), c.job_start.data(), c.job_end_stage.data(), streams};
  }
  // The first sums are the metrics, in the order of kMetrics.
  static_assert(kMetrics.size() == kSumEndings);
  void finish(const RegionMonth&, const double* s, double* out) const {
    for (std::size_t k = 0; k < kMetrics.size(); ++k) out[k] = s[k];
  }
  /// The month's slice of job_endings [month][region][job_months], from the region sums.
  void record_tables(const TableMonth& t) const {
    const std::size_t n = kJobMonths.size();
    for (std::size_t g = 0; g < t.regions; ++g)
      for (std::size_t k = 0; k < n; ++k)
        t.tables[0][(static_cast<std::size_t>(t.month) * t.regions + g) * n + k] =
            static_cast<std::int64_t>(t.region_sums(g)[kSumEndings + k]);
  }

 private:
  void start_job(const ClientMonth& x, const RandomStreams& streams, std::uint16_t& end_month,
                 std::uint8_t& end_stage) const;

  JobParameters p_;
  std::array<double, kContractCount> contract_cdf_;
};

}  // namespace drempel

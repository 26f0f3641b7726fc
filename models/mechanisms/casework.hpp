#pragma once
// Casework: the caseworker hours a client asks for her stage, the share she receives, and what
// that support is worth (models/ODD.md, "Caseworker demand and allocation"). The staff that
// supplies the hours is CaseworkerPool (models/caseworkers.hpp); the allocation of hours by
// priority is the engine's ShareAllocator (every client of one priority bucket receives the same
// share), so hours need no random tie-break. This mechanism reports hours by task (every
// mechanism adds its tasks' hours in its `hours` hook) and the staff figures.
#include "engine/mechanism.hpp"
#include "models/client.hpp"

namespace drempel {

class Casework {
 public:
  static constexpr const char* kName = "casework";
  static constexpr std::array<StreamInfo, 3> kStreams = {{
      {kStreamCaseworkerSeniority, "caseworkers: initial seniority"},
      {kStreamCaseworkerSickLeave, "caseworkers: sick-leave start and duration"},
      {kStreamCaseworkerTurnover, "caseworkers: departures"},
  }};
  enum Sum : int {
    kSumDemanded,
    kSumSupplied = kSumDemanded + kHourTaskCount,
    kSums = kSumSupplied + kHourTaskCount
  };
  static constexpr std::array<MetricInfo, 11 + 2 * kHourTaskCount> kMetrics = {{
      {"caseload_per_caseworker_fte", "1", "active clients per caseworker FTE", RegionTotal::kNone},
      {"caseworker_hours_capacity", "h month-1", "caseworker hours available for client files",
       RegionTotal::kSum},
      {"caseworker_hours_demanded", "h month-1", "caseworker hours asked by clients",
       RegionTotal::kSum},
      {"caseworker_hours_supplied", "h month-1", "caseworker hours given to clients",
       RegionTotal::kSum},
      {"caseworker_service_share", "1", "caseworker hours supplied / demanded", RegionTotal::kNone},
      {"caseworker_fte_employed", "1", "caseworker FTE in filled posts at the end of the month",
       RegionTotal::kSum},
      {"caseworker_fte_sick", "1", "caseworker FTE on sick leave next month", RegionTotal::kSum},
      {"caseworker_mean_stress", "1", "mean caseworker stress (0 none, 1 maximum)",
       RegionTotal::kNone},
      {"caseworker_departures", "month-1", "caseworkers who left their job", RegionTotal::kSum},
      {"caseworker_hires", "month-1", "caseworker posts filled", RegionTotal::kSum},
      {"caseworker_open_vacancies", "1", "vacant caseworker posts at the end of the month",
       RegionTotal::kSum},
      {"caseworker_hours_demanded_stage", "h month-1",
       "hours asked for the stage's basic follow-up", RegionTotal::kSum},
      {"caseworker_hours_demanded_crisis", "h month-1", "hours asked for crisis support",
       RegionTotal::kSum},
      {"caseworker_hours_demanded_language", "h month-1",
       "hours asked for working through a language barrier", RegionTotal::kSum},
      {"caseworker_hours_demanded_digital", "h month-1",
       "hours asked for online tasks clients cannot do themselves", RegionTotal::kSum},
      {"caseworker_hours_demanded_admin_tasks", "h month-1",
       "hours asked for basic-rights tasks, per-task overhead included", RegionTotal::kSum},
      {"caseworker_hours_demanded_gpmi", "h month-1",
       "hours asked for drafting and evaluating GPMIs", RegionTotal::kSum},
      {"caseworker_hours_demanded_relational", "h month-1", "hours asked for relational work",
       RegionTotal::kSum},
      {"caseworker_hours_demanded_programme", "h month-1",
       "hours asked for following clients in art. 60, wijk-werken or training", RegionTotal::kSum},
      {"caseworker_hours_supplied_stage", "h month-1",
       "hours given for the stage's basic follow-up", RegionTotal::kSum},
      {"caseworker_hours_supplied_crisis", "h month-1", "hours given for crisis support",
       RegionTotal::kSum},
      {"caseworker_hours_supplied_language", "h month-1",
       "hours given for working through a language barrier", RegionTotal::kSum},
      {"caseworker_hours_supplied_digital", "h month-1",
       "hours given for online tasks clients cannot do themselves", RegionTotal::kSum},
      {"caseworker_hours_supplied_admin_tasks", "h month-1",
       "hours given for basic-rights tasks, per-task overhead included", RegionTotal::kSum},
      {"caseworker_hours_supplied_gpmi", "h month-1",
       "hours given for drafting and evaluating GPMIs", RegionTotal::kSum},
      {"caseworker_hours_supplied_relational", "h month-1", "hours given for relational work",
       RegionTotal::kSum},
      {"caseworker_hours_supplied_programme", "h month-1",
       "hours given for following clients in art. 60, wijk-werken or training", RegionTotal::kSum},
  }};

  explicit Casework(const ModelParameters& p)
      : stage_hours_(p.demand_hours_by_stage), floor_share_(p.unsupported_progress_share) {}

  struct Pass {
    std::array<double, kActiveStageCount> stage_hours;
    double floor_share;
    void hours(const ClientMonth& x, HoursByTask& h) const { h[kHoursStage] = stage_hours[x.from]; }
    // Support before trust: a share of a supported hazard is kept without any support.
    void transition(ClientMonth& x, double* s) const {
      x.base_support = floor_share + (1.0 - floor_share) * x.received;
      for (int t = 0; t < kHourTaskCount; ++t) {
        s[kSumDemanded + t] += x.hours[t];
        s[kSumSupplied + t] += x.hours[t] * x.received;
      }
    }
  };
  template <class C>
  Pass pass(C&, const RandomStreams&) const {
    return {stage_hours_, floor_share_};
  }

  void finish(const RegionMonth& r, const double* s, double* out) const {
    const StaffMonth& staff = r.staff;
    const std::size_t g = r.g;
    const double values[11] = {staff.caseload_per_fte[g],
                               r.hours.capacity,
                               r.hours.requested,
                               r.hours.granted,
                               r.hours.requested > 0 ? r.hours.granted / r.hours.requested : 1.0,
                               staff.fte_employed[g],
                               staff.fte_on_sick_leave[g],
                               staff.mean_stress[g],
                               static_cast<double>(staff.departures[g]),
                               static_cast<double>(staff.hires[g]),
                               static_cast<double>(staff.open_vacancies[g])};
    for (int k = 0; k < 11; ++k) out[k] = values[k];
    for (int t = 0; t < kHourTaskCount; ++t) {
      out[11 + t] = s[kSumDemanded + t];
      out[11 + kHourTaskCount + t] = s[kSumSupplied + t];
    }
  }

 private:
  std::array<double, kActiveStageCount> stage_hours_;
  double floor_share_;
};

}  // namespace drempel

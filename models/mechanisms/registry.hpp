#pragma once
// The pathways model as a list of mechanisms (one file each in models/mechanisms/). The list is
// the order in which every pass calls the mechanisms' hooks, which is the order of models/ODD.md
// "Process overview and scheduling"; the client columns, the per-region sums, the metric table and
// the stream registry are derived from it. To add a mechanism: write its file (see casework.hpp
// for the smallest and housing.hpp for one with columns, streams and places), add its column group
// to ClientColumns and its class to PathwaysMechanisms below, at the point of the month where it
// acts.
#include <tuple>

#include "engine/columns.hpp"
#include "engine/mechanism.hpp"
#include "models/client.hpp"
#include "models/mechanisms/admin_startup.hpp"
#include "models/mechanisms/caseload.hpp"
#include "models/mechanisms/casework.hpp"
#include "models/mechanisms/childcare.hpp"
#include "models/mechanisms/cohorts.hpp"
#include "models/mechanisms/debt_counselling.hpp"
#include "models/mechanisms/domains.hpp"
#include "models/mechanisms/dutch_courses.hpp"
#include "models/mechanisms/employment.hpp"
#include "models/mechanisms/gpmi.hpp"
#include "models/mechanisms/groups.hpp"
#include "models/mechanisms/housing.hpp"
#include "models/mechanisms/interpreters.hpp"
#include "models/mechanisms/job_access.hpp"
#include "models/mechanisms/low_threshold.hpp"
#include "models/mechanisms/motivation.hpp"
#include "models/mechanisms/programmes.hpp"
#include "models/mechanisms/stage_moves.hpp"
#include "models/mechanisms/therapy.hpp"
#include "models/mechanisms/trust.hpp"
#include "models/mechanisms/work_readiness.hpp"

namespace drempel {

/// Every client column: the core and each mechanism's own group.
struct ClientColumns : CoreColumns,
                       DomainColumns,
                       HousingColumns,
                       GpmiColumns,
                       AdminStartupColumns,
                       DutchCourseColumns,
                       TherapyColumns,
                       ChildcareColumns,
                       ProgrammeColumns,
                       EmploymentColumns,
                       DebtCounsellingColumns,
                       CohortColumns {
  using Groups =
      std::tuple<CoreColumns, DomainColumns, HousingColumns, GpmiColumns, AdminStartupColumns,
                 DutchCourseColumns, TherapyColumns, ChildcareColumns, ProgrammeColumns,
                 EmploymentColumns, DebtCounsellingColumns, CohortColumns>;
  void resize(std::size_t n) {
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      (resize_columns(static_cast<std::tuple_element_t<I, Groups>&>(*this), n), ...);
    }
    (std::make_index_sequence<std::tuple_size_v<Groups>>{});
  }
  /// Bytes per client of the columns of the given heat.
  static constexpr std::size_t bytes(Heat heat) {
    return []<std::size_t... I>(std::index_sequence<I...>, Heat h) {
      return (column_bytes<std::tuple_element_t<I, Groups>>(h) + ... + 0);
    }
    (std::make_index_sequence<std::tuple_size_v<Groups>>{}, heat);
  }
  static constexpr std::size_t bytes_per_agent() { return bytes(Heat::kHot) + bytes(Heat::kCold); }
  /// Bytes every column holds.
  std::size_t allocation_bytes() const {
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
      return (columns_allocation_bytes(static_cast<const std::tuple_element_t<I, Groups>&>(*this)) +
              ... + std::size_t{0});
    }
    (std::make_index_sequence<std::tuple_size_v<Groups>>{});
  }
  /// Saves or restores (engine/state_archive.hpp) the first n clients of every column.
  template <class A>
  void state(A& a, std::size_t n) {
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      (columns_state(static_cast<std::tuple_element_t<I, Groups>&>(*this), a, n), ...);
    }
    (std::make_index_sequence<std::tuple_size_v<Groups>>{});
  }
};
// Hot state per client (read or written every month): 46 bytes; cold (read at arrival or at a
// rare move): 9.
static_assert(ClientColumns::bytes(Heat::kHot) == 46);
static_assert(ClientColumns::bytes(Heat::kCold) == 9);

using PathwaysMechanisms =
    MechanismList<DomainShocks, DebtCounselling, Casework, Interpreters, Trust, Gpmi, TrustSupport,
                  Housing, AdminStartup, DutchCourses, WorkReadiness, Therapy, DomainRecovery,
                  Childcare, LowThreshold, JobAccess, StageMoves, Programmes, Employment, Caseload,
                  Cohorts, Groups, Motivation>;
static_assert(PathwaysMechanisms::streams_unique(), "two mechanisms declare one random stream");

/// How many mechanisms of the list own place `place` (through their kPlaces).
template <class... Ms>
constexpr int place_owners(MechanismList<Ms...>, int place) {
  int owners = 0;
  (
      [&] {
        if constexpr (requires { Ms::kPlaces; })
          for (const auto p : Ms::kPlaces) owners += p == place ? 1 : 0;
      }(),
      ...);
  return owners;
}
constexpr bool every_place_owned_once() {
  for (int place = 0; place < kUnitResourceCount; ++place)
    if (place_owners(PathwaysMechanisms{}, place) != 1) return false;
  return true;
}
static_assert(every_place_owned_once(), "every place type needs exactly one owning mechanism");

}  // namespace drempel

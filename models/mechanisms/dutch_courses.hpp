#pragma once
// Dutch (models/ODD.md, "Language"): Dutch courses (NT2) for clients below B1 from stabilisation
// on, as places; in a course the level goes up with a monthly chance, without one more slowly
// (informal learning). A course breaks off when the client starts work.
#include <algorithm>

#include "engine/mechanism.hpp"
#include "models/client.hpp"

namespace drempel {

struct DutchCourseColumns {
  std::vector<std::uint8_t> nt2_left;
  static constexpr auto columns() {
    return std::tuple{column(&DutchCourseColumns::nt2_left, "nt2_left", Heat::kHot,
                             "months left in a Dutch course (0: none)")};
  }
};
static_assert(column_bytes<DutchCourseColumns>(Heat::kHot) == 1);

class DutchCourses {
 public:
  static constexpr const char* kName = "dutch_courses";
  /// The client columns this mechanism owns.
  using Columns = DutchCourseColumns;
  // Word 0 of the pass's service_words (AdminStartup registers the stream).
  static constexpr std::array<StreamInfo, 0> kStreams = {};
  enum Sum : int { kSumInCourse, kSumWaiting, kSumLevelUps, kSums };
  static constexpr std::array<MetricInfo, 3> kMetrics = {{
      {"nt2_in_course", "1", "active clients in a Dutch (NT2) course", RegionTotal::kSum},
      {"nt2_waiting", "1", "active clients waiting for a Dutch course", RegionTotal::kSum},
      {"dutch_level_ups", "month-1", "clients whose Dutch went up a level", RegionTotal::kSum},
  }};

  static constexpr std::array<std::uint8_t, 1> kPlaces = {kResourceNt2};
  explicit DutchCourses(const ModelParameters& p)
      : level_up_(bernoulli_threshold(p.dutch_courses.level_up_per_month)),
        informal_(bernoulli_threshold(p.dutch_courses.informal_gain_per_month)),
        months_(static_cast<std::uint8_t>(std::min(255, p.dutch_courses.course_months))) {
    for (const auto& g : p.regions) seats_.push_back(g.nt2_course_places);
  }
  /// Courses first for those closest to work.
  template <class C>
  PlaceRequest place_request(const C& c, std::uint32_t i, int, std::uint8_t,
                             std::uint16_t months_in_stage) const {
    return {static_cast<std::uint8_t>(c.stage[i] >= kPreActivation ? 0 : 1), months_in_stage};
  }
  double free_places(int place, std::size_t g, const double* held, const RandomStreams&,
                     std::uint32_t) const {
    return seats_[g] - held[place];
  }

  template <class C>
  void arrive(C& c, ClientArrival& x) const {
    c.nt2_left[x.i] = 0;
  }

  struct Pass {
    std::uint8_t* left;
    const std::uint8_t* dutch;
    std::uint64_t level_up_threshold, informal;
    std::uint8_t months;
    bool level_up = false;
    std::uint8_t nt2 = 0;
    void demand(ClientMonth& x, double*) const {
      if (x.from >= kStabilisation && dutch[x.i] < 2 && left[x.i] == 0)
        x.wants |= 1u << kResourceNt2;
    }
    void transition(ClientMonth& x, double*) {
      nt2 = left[x.i];
      level_up = false;
      if (nt2 > 0) {
        level_up = x.service_words[0] < level_up_threshold;
        --nt2;
      } else if (x.from >= kStabilisation) {
        level_up = x.service_words[0] < informal;
      }
      if ((x.granted >> kResourceNt2) & 1) nt2 = months;
      level_up &= x.dutch < kDutchLevels - 1;
      x.dutch = static_cast<std::uint8_t>(x.dutch + level_up);
      left[x.i] = nt2;
    }
    void record(const ClientMonth& x, double* s) const {
      if (x.active) {
        s[kSumInCourse] += nt2 > 0 ? 1.0 : 0.0;
        s[kSumWaiting] += ((x.wants & ~x.granted) >> kResourceNt2) & 1;
      }
      if (level_up) s[kSumLevelUps] += 1.0;
      if (x.job_started) left[x.i] = 0;  // a course ends with the job
    }
    void employed(ClientMonth& x, double*) const {
      left[x.i] = 0;  // broken off for the job: not resumed without a new place
    }
  };
  template <class C>
  Pass pass(C& c, const RandomStreams&) const {
    return {c.nt2_left.data(), c.dutch.data(), level_up_, informal_, months_};
  }
  /// Also sets the seats held at the end of the month: not free for next month's requests.
  void finish(const RegionMonth& r, const double* s, double* out) const {
    for (int k = 0; k < kSums; ++k) out[k] = s[k];
    r.held[kResourceNt2] = s[kSumInCourse];
  }

 private:
  std::vector<double> seats_;  // per region
  std::uint64_t level_up_, informal_;
  std::uint8_t months_;
};

}  // namespace drempel

#pragma once
// Access to jobs (models/ODD.md, "Labour market"): the share of the region's vacancies a client
// can reach from her home with her mobility in time and take with her Dutch (JobAccessTable),
// times the employers' willingness to hire her (lower with a work handicap, without Dutch B1, long
// out of work, without recent work experience), the programme she is in, a finished training, and
// for clients with a structural limit the share of vacancies that are not high-pace.
#include <vector>

#include "engine/mechanism.hpp"
#include "models/client.hpp"
#include "models/labour_market.hpp"
#include "models/transit.hpp"

namespace drempel {

class JobAccess {
 public:
  static constexpr const char* kName = "job_access";
  static constexpr std::array<StreamInfo, 0> kStreams = {};
  enum Sum : int { kSumAccess, kSums };
  static constexpr std::array<MetricInfo, 1> kMetrics = {{
      {"job_access_share", "1",
       "mean over active clients of the share of the region's vacancies they can reach and take",
       RegionTotal::kNone},
  }};

  explicit JobAccess(const ModelParameters& p)
      : job_factor_{1.0, p.programmes[0].job_finding_factor, p.programmes[1].job_finding_factor,
                    p.programmes[2].job_finding_factor, p.after_art60_job_finding_factor},
        trained_factor_(p.training_job_finding_factor) {
    for (int k = 0; k < 16; ++k)
      willingness_[k] = ((k & 1) ? p.willingness_work_handicap : 1.0) *
                        ((k & 2) ? p.willingness_no_dutch_b1 : 1.0) *
                        ((k & 4) ? p.willingness_long_term_unemployed : 1.0) *
                        ((k & 8) ? p.willingness_no_work_experience : 1.0);
    for (const auto& g : p.regions) {
      pace_factor_.push_back(1.0 - g.labour_market.high_pace_share);
      const TransitNetwork network(g.transit);
      const JobAccessTable table(network, g.labour_market);
      offset_.push_back(access_.size());
      access_.insert(access_.end(), table.values().begin(), table.values().end());
    }
  }

  struct Pass {
    const std::uint8_t* home;
    const std::uint8_t* mobility;
    const std::uint8_t* background;
    const double* access;
    const std::size_t* offset;
    const double* pace;
    std::array<double, 16> willingness;
    std::array<double, kProgrammeCount> job_factor;
    double trained_factor;
    void transition(ClientMonth& x, double*) const {
      x.reach = access[offset[x.g] + (home[x.i] * kMobilityCount + mobility[x.i]) * 2 +
                       (x.dutch >= 2 ? 1 : 0)];
      const int group = ((x.traits & kWorkHandicap) != 0 ? 1 : 0) + (x.dutch < 2 ? 2 : 0) +
                        (background[x.i] == kLongTermUnemployed ? 4 : 0) +
                        ((x.traits & kWorkExperience) == 0 ? 8 : 0);
      // High-pace vacancies are out of reach for clients with structural limits.
      x.access = x.reach * (x.structural_limit ? pace[x.g] : 1.0) * willingness[group] *
                 job_factor[x.programme] * ((x.traits & kTrained) != 0 ? trained_factor : 1.0);
    }
    void record(const ClientMonth& x, double* s) const {
      if (x.active) s[kSumAccess] += x.reach;
    }
  };
  template <class C>
  Pass pass(C& c, const RandomStreams&) const {
    return {c.home.data(),  c.mobility.data(), c.background.data(),
            access_.data(), offset_.data(),    pace_factor_.data(),
            willingness_,   job_factor_,       trained_factor_};
  }
  void finish(const RegionMonth& r, const double* s, double* out) const {
    out[0] = r.active > 0 ? s[kSumAccess] / r.active : std::numeric_limits<double>::quiet_NaN();
  }

 private:
  std::array<double, kProgrammeCount> job_factor_;
  double trained_factor_;
  std::array<double, 16> willingness_{};  // [handicap | no B1 * 2 | long-term unemployed * 4 | ...]
  std::vector<double> pace_factor_;       // per region: 1 - high_pace_share
  std::vector<double> access_;            // per region, flattened: offset_[g] + table index
  std::vector<std::size_t> offset_;
};

}  // namespace drempel

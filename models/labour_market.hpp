#pragma once
// The regional labour market as a client can reach it: vacancies on the places of the region's
// transit network, by working-time band and by requirement (driving licence, Dutch level).
//
// A client's job access is the share of the region's monthly vacancies that she can take:
//   access = sum over bands b of band_share[b] x (vacancies on places reachable from home in band
//            b within the maximum commute, by car if she has one, else by public transport)
//            / (all vacancies of the region)
//          x (1 - licence_required_share, if she has no driving licence)
//          x (1 - dutch_required_share, if her Dutch is below intermediate, B1).
// Requirements are taken as independent of place and band. The activation -> employed hazard is
// proportional to access (models/ODD.md section 7). Everything is precomputed at set-up: one
// access value per (home place, mobility, Dutch at B1 or not).
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/scenario.hpp"
#include "models/transit.hpp"

namespace drempel {

/// How a client can travel and which licence-bound jobs she can take.
enum Mobility : std::uint8_t { kNoLicence, kLicenceNoCar, kOwnCar, kMobilityCount };
inline constexpr std::array<const char*, kMobilityCount> kMobilityNames = {"no_licence",
                                                                           "licence_no_car", "car"};

/// One region's vacancies and requirements (all from the scenario).
struct LabourMarketParameters {
  std::vector<double> vacancies_per_month_by_place;  ///< one entry per transit place
  std::array<double, kTimeBandCount> band_share{};   ///< share of vacancies by band; sums to 1
  double licence_required_share = 0;                 ///< vacancies that need a driving licence
  double dutch_required_share = 0;  ///< vacancies that need at least intermediate Dutch (B1)
  /// Vacancies at a high pace (production lines, cleaning rounds) that clients with unstable
  /// health or a work handicap cannot take; applied per client by the pathways model.
  double high_pace_share = 0;
};

/// Reads the object at `pointer`:
///   {"vacancies_per_month": {"<place name>": number >= 0, ...},   // places of `transit`; others 0
///    "band_share": {"day": s, "evening": s, "night_early": s},     // shares summing to 1
///    "licence_required_share": s, "dutch_required_share": s, "high_pace_share": s}
/// Problems (unknown place names, ranges, a region without any vacancy) are recorded in `r`.
LabourMarketParameters read_labour_market(ScenarioReader& r, const ScenarioDocument& doc,
                                          const std::string& pointer,
                                          const TransitDefinition& transit);

/// Job access of every (home place, mobility, Dutch >= B1) of one region, computed once.
class JobAccessTable {
 public:
  JobAccessTable() = default;
  /// Throws std::invalid_argument when the vacancies do not have one entry per place.
  JobAccessTable(const TransitNetwork& network, const LabourMarketParameters& market);

  std::size_t places() const { return places_; }
  /// Share of the region's vacancies a client can take, in [0, 1].
  double access(std::size_t home, Mobility mobility, bool dutch_b1) const {
    return access_[index(home, mobility, dutch_b1)];
  }
  /// Vacancies per month reachable from `home` (weighted by band shares), before requirements.
  double reachable_vacancies(std::size_t home, Mobility mobility) const {
    return reachable_[home * kMobilityCount + mobility];
  }
  double total_vacancies() const { return total_; }
  /// The flat table, index (home * kMobilityCount + mobility) * 2 + dutch_b1.
  std::span<const double> values() const { return access_; }
  static std::size_t index(std::size_t home, Mobility mobility, bool dutch_b1) {
    return (home * kMobilityCount + mobility) * 2 + (dutch_b1 ? 1 : 0);
  }

 private:
  std::size_t places_ = 0;
  double total_ = 0;
  std::vector<double> reachable_;
  std::vector<double> access_;
};

}  // namespace drempel

#pragma once
// Commuting reach by public transport and by car: which job places a client can get to, from the
// place they live, within a maximum commute, per time band of the working day.
//
// Each region has a transit network: places (a town centre, a station, villages, an industrial
// zone, a neighbouring town) joined by undirected links. A link has travel minutes per time band
// by public transport, including the average wait (so a more frequent service is fewer minutes),
// and travel minutes by road. A band may have no service on a link at all. Jobs and client homes
// sit on places. For every home place, band and mode the model asks how many matching vacancies
// lie within the maximum commute; shortest travel times come from Dijkstra (Boost.Graph).
//
// Rural and urban regions differ only by their networks. A new bus line (an extra link), a higher
// frequency (fewer minutes) or an evening service (minutes where there were none) is a scenario
// change; a car subsidy changes who travels by car and is handled where clients are.
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "engine/scenario.hpp"

namespace drempel {

/// The parts of the day a job's shift falls in; each has its own timetable.
enum TimeBand : std::uint8_t { kDay, kEvening, kNightEarly, kTimeBandCount };
inline constexpr std::array<const char*, kTimeBandCount> kTimeBandNames = {"day", "evening",
                                                                           "night_early"};

/// How a client travels: public transport (per-band minutes) or car (road minutes, any band).
enum TravelMode : std::uint8_t { kTransit, kCar, kTravelModeCount };
inline constexpr std::array<const char*, kTravelModeCount> kTravelModeNames = {"transit", "car"};

/// A place in a region's network: where clients live and where jobs are.
struct TransitPlace {
  std::string name;         ///< unique within the network
  double home_share = 0.0;  ///< share of the region's clients living here; all places sum to 1
};

/// An undirected link between two places (indices into TransitDefinition::places).
struct TransitLink {
  std::size_t from = 0;
  std::size_t to = 0;
  /// Minutes by public transport per band, waiting included; a value < 0 means no service in
  /// that band (null in JSON).
  std::array<double, kTimeBandCount> transit_minutes{};
  double road_minutes = 0.0;  ///< minutes by car, whatever the band
};

/// What a scenario gives for one region's network (plain data).
struct TransitDefinition {
  std::vector<TransitPlace> places;
  std::vector<TransitLink> links;  ///< parallel links are allowed: the faster one counts
  double max_commute_minutes = 0.0;
};

/// Reads a network from the JSON object at `pointer` ("" for a whole fragment file):
///
///     {"description": "free text, optional",
///      "places": [{"name": "eeklo_centre", "home_share": 0.6}, ...],
///      "links": [{"from": "eeklo_centre", "to": "station",
///                 "transit_minutes": {"day": 12, "evening": 20, "night_early": null},
///                 "road_minutes": 6}, ...],
///      "max_commute_minutes": 60}
///
/// Places: a non-empty array of at most 1000, names unique, home shares in [0, 1] summing to 1
/// (within 1e-6). Links: an array (may be empty), naming places by name, never a place to itself;
/// minutes in [0, 1440], a transit band null when there is no service in it; every band key is
/// required. max_commute_minutes in [0, 1440].
///
/// Never throws for bad input: every problem is added to `r` (the pointer of the offending field,
/// what was expected, what was found) and `r.finish()` reports them. Links with an unknown or
/// repeated place are left out of the result, which is only meaningful when no issue was added.
/// `doc` must be the document `r` reads: null ("no service") cannot be read through the reader's
/// typed accessors, so those values are read from `doc` directly and marked known with allow().
TransitDefinition read_transit_definition(ScenarioReader& r, const ScenarioDocument& doc,
                                          const std::string& pointer);

/// A region's network, ready for shortest-path queries. Immutable after construction; copies
/// share the graph.
///
/// Holds one boost::adjacency_list with every link once, carrying all band and road minutes.
/// Each (band, mode) query is a filtered view of that graph (links without service in the band
/// left out) with its own weight map. One graph rather than six keeps place and link numbering
/// identical for all bands and modes and stores each link once; filtering rather than infinite
/// weights keeps "no service" out of the distance arithmetic.
class TransitNetwork {
 public:
  /// Throws std::invalid_argument when the definition is inconsistent: no places, a link to a
  /// place index that does not exist or to its own place, road minutes or max commute negative or
  /// not finite, transit minutes NaN or +infinity, home shares outside [0, 1] or not summing to 1
  /// (within 1e-6), or a place name used twice.
  explicit TransitNetwork(TransitDefinition definition);

  std::size_t places() const noexcept { return places_.size(); }
  /// Throws std::out_of_range for an index >= places().
  const TransitPlace& place(std::size_t index) const { return places_.at(index); }
  double max_commute_minutes() const noexcept { return max_commute_minutes_; }

  /// Shortest travel minutes from `origin` to every place (0 for the origin itself, +infinity
  /// where unreachable). Transit uses the band's minutes and only links served in that band; car
  /// uses road minutes on every link and ignores the band. One Dijkstra run, O((V + E) log V).
  /// Throws std::out_of_range for an origin >= places(), std::invalid_argument for a band or mode
  /// outside its enum.
  std::vector<double> shortest_minutes(std::size_t origin, TimeBand band, TravelMode mode) const;

  /// True when `destination` can be reached from `origin` in at most max_commute_minutes(). A
  /// place at exactly the maximum counts as reachable (the limit is a commute people accept), with
  /// 1e-9 minutes of slack so that rounding in sums such as 0.1 + 0.2 does not cut a place off.
  /// Runs a Dijkstra search per call: use a ReachabilityTable in loops. Throws as
  /// shortest_minutes(), and std::out_of_range for a destination >= places().
  bool reachable(std::size_t origin, std::size_t destination, TimeBand band, TravelMode mode) const;

 private:
  struct Graph;  // the Boost graph, kept out of this header
  std::vector<TransitPlace> places_;
  double max_commute_minutes_ = 0.0;
  std::shared_ptr<const Graph> graph_;
};

/// Which places are within the maximum commute of which, for every origin, band and mode;
/// computed once at set-up so that the monthly step only sums vacancies.
///
/// Building costs places x (bands + 1) Dijkstra runs, each O((V + E) log V): one per band by
/// transit and one by car, whose result holds for every band. Memory is places x bands x modes
/// rows of ceil(places / 64) 64-bit words (a single-word bitmask when places <= 64). The content
/// depends only on the network, never on hashing or thread scheduling.
class ReachabilityTable {
 public:
  ReachabilityTable() = default;  ///< an empty table (0 places)
  explicit ReachabilityTable(const TransitNetwork& network);

  std::size_t places() const noexcept { return places_; }
  /// Same rule as TransitNetwork::reachable. Throws std::out_of_range for a place index >=
  /// places(), std::invalid_argument for a band or mode outside its enum.
  bool reachable(std::size_t origin, std::size_t destination, TimeBand band, TravelMode mode) const;
  /// The places reachable from `origin` as a bitmask: bit (p % 64) of word p / 64 is place p.
  /// Throws as reachable().
  std::span<const std::uint64_t> row(std::size_t origin, TimeBand band, TravelMode mode) const;

 private:
  std::size_t row_index(std::size_t origin, TimeBand band, TravelMode mode) const;

  std::size_t places_ = 0;
  std::size_t words_per_row_ = 0;
  std::vector<std::uint64_t> bits_;  // rows ordered by (origin, band, mode)
};

/// Sum of `vacancies_by_place` (matching vacancies per place, one entry per place) over the places
/// reachable from `origin` in `band` by `mode`, the origin itself included. Adds in place order,
/// so the result is reproducible to the bit. Throws std::invalid_argument when
/// vacancies_by_place.size() differs from table.places() or band/mode is out of range, and
/// std::out_of_range for an origin >= table.places().
double reachable_vacancies(const ReachabilityTable& table, std::size_t origin, TimeBand band,
                           TravelMode mode, std::span<const double> vacancies_by_place);

}  // namespace drempel

#include "models/transit.hpp"

#include <algorithm>
#include <bit>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/property_map/function_property_map.hpp>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>
#include <utility>

namespace drempel {
namespace {

using nlohmann::json;

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr double kMaxMinutes = 24 * 60;
constexpr std::size_t kMaxPlaces = 1000;  // bounds set-up: 4 Dijkstra runs per place
constexpr double kShareTolerance = 1e-6;
// Leg times are decimal minutes; their binary sums can land a hair above an exact limit.
constexpr double kBoundarySlack = 1e-9;

bool within_commute(double minutes, double max_commute) {
  return minutes <= max_commute + kBoundarySlack;
}

void check_band_and_mode(TimeBand band, TravelMode mode) {
  if (band >= kTimeBandCount) throw std::invalid_argument("transit: time band out of range");
  if (mode >= kTravelModeCount) throw std::invalid_argument("transit: travel mode out of range");
}

std::string format_sum(double sum) {
  char text[64];
  std::snprintf(text, sizeof text, "%.10g", sum);
  return std::string("a sum of ") + text;
}

// The reader offers no "number or null" accessor, and its lookup cannot tell null from a number
// of the wrong kind; the raw value is needed. Never throws: a malformed pointer is "absent".
const json* raw_value(const ScenarioDocument& doc, const std::string& pointer) {
  try {
    const json::json_pointer p(pointer);
    if (!doc.root.contains(p)) return nullptr;
    return &doc.root.at(p);
  } catch (const json::exception&) {
    return nullptr;
  }
}

std::vector<TransitPlace> read_places(ScenarioReader& r, const std::string& base,
                                      std::map<std::string, std::size_t>& index_of) {
  const std::string pointer = base + "/places";
  const std::size_t n = r.array_size(pointer);
  if (n > kMaxPlaces) {
    r.add_issue(pointer, "at most " + std::to_string(kMaxPlaces) + " places",
                std::to_string(n) + " places");
    return {};
  }
  std::vector<TransitPlace> places;
  bool shares_valid = true;
  double sum = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string p = pointer + "/" + std::to_string(i);
    TransitPlace place;
    place.name = r.string(p + "/name");
    if (!place.name.empty() && !index_of.emplace(place.name, i).second)
      r.add_issue(p + "/name", "a place name used once", "\"" + place.name + "\" again");
    const std::size_t issues_before = r.issues().size();
    place.home_share = r.number(p + "/home_share", 0, 1);
    shares_valid = shares_valid && r.issues().size() == issues_before;
    sum += place.home_share;
    places.push_back(std::move(place));
  }
  // A share that was itself invalid reads as 0; a sum issue on top of it would only repeat it.
  if (n > 0 && shares_valid && std::abs(sum - 1.0) > kShareTolerance)
    r.add_issue(pointer, "home shares summing to 1 (within 1e-6)", format_sum(sum));
  return places;
}

std::string place_names_hint(const std::string& places_pointer,
                             const std::map<std::string, std::size_t>& index_of) {
  std::string text = "the name of a place in " + places_pointer;
  if (index_of.empty() || index_of.size() > 12) return text;
  // Listed in place order, as the user wrote them, not in the map's alphabetical order.
  std::vector<std::pair<std::size_t, std::string>> names;
  for (const auto& [name, index] : index_of) names.emplace_back(index, name);
  std::sort(names.begin(), names.end());
  for (std::size_t i = 0; i < names.size(); ++i)
    text += (i == 0 ? " (\"" : ", \"") + names[i].second + "\"";
  return text + ")";
}

// Returns the place index, or places.size() when the name is missing or unknown.
std::size_t read_endpoint(ScenarioReader& r, const ScenarioDocument& doc,
                          const std::string& pointer, const std::string& places_pointer,
                          const std::map<std::string, std::size_t>& index_of, std::size_t none) {
  const std::string name = r.string(pointer);
  if (name.empty()) return none;
  const auto it = index_of.find(name);
  if (it == index_of.end()) {
    r.add_issue(pointer, place_names_hint(places_pointer, index_of),
                describe_json(raw_value(doc, pointer)));
    return none;
  }
  return it->second;
}

double read_band_minutes(ScenarioReader& r, const ScenarioDocument& doc,
                         const std::string& pointer) {
  const std::string expected = "minutes in [0, 1440], or null for no service";
  r.allow(pointer);
  const json* node = raw_value(doc, pointer);
  if (node == nullptr) {
    r.add_issue(pointer, expected, "nothing (missing key)");
    return -1.0;
  }
  if (node->is_null()) return -1.0;
  if (!node->is_number() || !(node->get<double>() >= 0.0 && node->get<double>() <= kMaxMinutes)) {
    r.add_issue(pointer, expected, describe_json(node));
    return -1.0;
  }
  return node->get<double>();
}

std::vector<TransitLink> read_links(ScenarioReader& r, const ScenarioDocument& doc,
                                    const std::string& base,
                                    const std::map<std::string, std::size_t>& index_of,
                                    std::size_t places) {
  const std::string pointer = base + "/links";
  // A single-place region, or one of isolated places, has no links: an empty array is valid.
  const json* raw = raw_value(doc, pointer);
  if (raw != nullptr && raw->is_array() && raw->empty()) {
    r.allow(pointer);
    return {};
  }
  const std::size_t n = r.array_size(pointer);
  std::vector<TransitLink> links;
  std::set<std::string> names;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string p = pointer + "/" + std::to_string(i);
    const std::size_t none = places;
    TransitLink link;
    // A label only, so that a what-if can change one link by name (scenarios/README.md).
    const std::string label = r.string(p + "/name");
    if (!label.empty() && !names.insert(label).second)
      r.add_issue(p + "/name", "a link name used once", "\"" + label + "\" again");
    link.from = read_endpoint(r, doc, p + "/from", base + "/places", index_of, none);
    link.to = read_endpoint(r, doc, p + "/to", base + "/places", index_of, none);
    bool usable = link.from != none && link.to != none;
    if (usable && link.from == link.to) {
      r.add_issue(p + "/to", "a place other than the link's \"from\"",
                  describe_json(raw_value(doc, p + "/to")) + " (the same as \"from\")");
      usable = false;
    }
    const std::string minutes = p + "/transit_minutes";
    const json* bands = raw_value(doc, minutes);
    if (bands != nullptr && !bands->is_object()) {
      std::string expected = "an object with the keys";
      for (const char* name : kTimeBandNames) expected += std::string(" \"") + name + "\"";
      r.add_issue(minutes, expected, describe_json(bands));
      r.allow(minutes);
    } else {
      for (int b = 0; b < kTimeBandCount; ++b)
        link.transit_minutes[b] = read_band_minutes(r, doc, minutes + "/" + kTimeBandNames[b]);
    }
    link.road_minutes = r.number(p + "/road_minutes", 0, kMaxMinutes);
    if (usable) links.push_back(link);
  }
  return links;
}

}  // namespace

TransitDefinition read_transit_definition(ScenarioReader& r, const ScenarioDocument& doc,
                                          const std::string& pointer) {
  r.allow(pointer + "/description");
  TransitDefinition d;
  std::map<std::string, std::size_t> index_of;
  d.places = read_places(r, pointer, index_of);
  d.links = read_links(r, doc, pointer, index_of, d.places.size());
  d.max_commute_minutes = r.number(pointer + "/max_commute_minutes", 0, kMaxMinutes);
  return d;
}

namespace {

struct LinkMinutes {
  std::array<double, kTimeBandCount> transit{};  // < 0: no service in the band
  double road = 0.0;
};

using BoostGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS,
                                         boost::no_property, LinkMinutes>;
using Edge = boost::graph_traits<BoostGraph>::edge_descriptor;

// Keeps the links a traveller can use: all of them by car, those served in the band by transit.
// filtered_graph needs the predicate default-constructible.
struct Served {
  const BoostGraph* graph = nullptr;
  TimeBand band = kDay;
  TravelMode mode = kTransit;
  bool operator()(const Edge& e) const { return mode == kCar || (*graph)[e].transit[band] >= 0.0; }
};

}  // namespace

struct TransitNetwork::Graph {
  BoostGraph g;
};

TransitNetwork::TransitNetwork(TransitDefinition definition)
    : places_(std::move(definition.places)), max_commute_minutes_(definition.max_commute_minutes) {
  const auto fail = [](const std::string& what) {
    throw std::invalid_argument("transit network: " + what);
  };
  const std::size_t n = places_.size();
  if (n == 0) fail("no places");
  if (!std::isfinite(max_commute_minutes_) || max_commute_minutes_ < 0.0)
    fail("max_commute_minutes must be finite and >= 0");
  std::set<std::string> names;
  double sum = 0.0;
  for (const auto& place : places_) {
    if (!names.insert(place.name).second) fail("place name \"" + place.name + "\" used twice");
    if (!(place.home_share >= 0.0 && place.home_share <= 1.0))
      fail("home_share of \"" + place.name + "\" outside [0, 1]");
    sum += place.home_share;
  }
  if (std::abs(sum - 1.0) > kShareTolerance) fail("home shares do not sum to 1");

  auto graph = std::make_shared<Graph>();
  graph->g = BoostGraph(n);
  for (std::size_t i = 0; i < definition.links.size(); ++i) {
    const TransitLink& link = definition.links[i];
    const std::string which = "link " + std::to_string(i);
    if (link.from >= n || link.to >= n) fail(which + " names a place index that does not exist");
    if (link.from == link.to) fail(which + " joins a place to itself");
    if (!std::isfinite(link.road_minutes) || link.road_minutes < 0.0)
      fail(which + ": road minutes must be finite and >= 0");
    for (const double minutes : link.transit_minutes)
      if (std::isnan(minutes) || minutes == kInfinity)
        fail(which + ": transit minutes must be finite (or < 0 for no service)");
    boost::add_edge(link.from, link.to, LinkMinutes{link.transit_minutes, link.road_minutes},
                    graph->g);
  }
  graph_ = std::move(graph);
}

std::vector<double> TransitNetwork::shortest_minutes(std::size_t origin, TimeBand band,
                                                     TravelMode mode) const {
  check_band_and_mode(band, mode);
  if (origin >= places()) throw std::out_of_range("transit network: origin out of range");
  const BoostGraph& g = graph_->g;
  const boost::filtered_graph<BoostGraph, Served> view(g, Served{&g, band, mode});
  const auto weight = boost::make_function_property_map<Edge, double>(
      [&g, band, mode](const Edge& e) { return mode == kCar ? g[e].road : g[e].transit[band]; });
  std::vector<double> minutes(places(), kInfinity);
  boost::dijkstra_shortest_paths(view, origin,
                                 boost::weight_map(weight)
                                     .distance_map(boost::make_iterator_property_map(
                                         minutes.begin(), boost::get(boost::vertex_index, view)))
                                     .distance_inf(kInfinity)
                                     .distance_zero(0.0));
  return minutes;
}

bool TransitNetwork::reachable(std::size_t origin, std::size_t destination, TimeBand band,
                               TravelMode mode) const {
  if (destination >= places()) throw std::out_of_range("transit network: destination out of range");
  return within_commute(shortest_minutes(origin, band, mode).at(destination), max_commute_minutes_);
}

ReachabilityTable::ReachabilityTable(const TransitNetwork& network)
    : places_(network.places()), words_per_row_((network.places() + 63) / 64) {
  bits_.assign(places_ * kTimeBandCount * kTravelModeCount * words_per_row_, 0);
  const auto fill = [this, &network](std::size_t origin, TimeBand band, TravelMode mode,
                                     const std::vector<double>& minutes) {
    std::uint64_t* row = bits_.data() + row_index(origin, band, mode) * words_per_row_;
    for (std::size_t p = 0; p < places_; ++p)
      if (within_commute(minutes[p], network.max_commute_minutes()))
        row[p / 64] |= std::uint64_t{1} << (p % 64);
  };
  for (std::size_t origin = 0; origin < places_; ++origin) {
    for (int b = 0; b < kTimeBandCount; ++b) {
      const auto band = static_cast<TimeBand>(b);
      fill(origin, band, kTransit, network.shortest_minutes(origin, band, kTransit));
    }
    // Road minutes do not depend on the band: one search serves all three rows.
    const std::vector<double> by_road = network.shortest_minutes(origin, kDay, kCar);
    for (int b = 0; b < kTimeBandCount; ++b) fill(origin, static_cast<TimeBand>(b), kCar, by_road);
  }
}

std::size_t ReachabilityTable::row_index(std::size_t origin, TimeBand band, TravelMode mode) const {
  check_band_and_mode(band, mode);
  if (origin >= places_) throw std::out_of_range("reachability table: origin out of range");
  return (origin * kTimeBandCount + band) * kTravelModeCount + mode;
}

std::span<const std::uint64_t> ReachabilityTable::row(std::size_t origin, TimeBand band,
                                                      TravelMode mode) const {
  return {bits_.data() + row_index(origin, band, mode) * words_per_row_, words_per_row_};
}

bool ReachabilityTable::reachable(std::size_t origin, std::size_t destination, TimeBand band,
                                  TravelMode mode) const {
  if (destination >= places_)
    throw std::out_of_range("reachability table: destination out of range");
  return (row(origin, band, mode)[destination / 64] >> (destination % 64)) & 1u;
}

double reachable_vacancies(const ReachabilityTable& table, std::size_t origin, TimeBand band,
                           TravelMode mode, std::span<const double> vacancies_by_place) {
  if (vacancies_by_place.size() != table.places())
    throw std::invalid_argument("reachable_vacancies: one vacancy count per place expected");
  const std::span<const std::uint64_t> row = table.row(origin, band, mode);
  double total = 0.0;
  for (std::size_t w = 0; w < row.size(); ++w) {
    // Lowest set bit first: places are visited in ascending order, so the sum is reproducible.
    for (std::uint64_t word = row[w]; word != 0; word &= word - 1)
      total += vacancies_by_place[w * 64 + static_cast<std::size_t>(std::countr_zero(word))];
  }
  return total;
}

}  // namespace drempel

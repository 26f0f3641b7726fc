// Commuting reach: shortest travel minutes per band and mode, the maximum commute, reachable
// vacancies, and reading networks from JSON. Networks are small and made by hand so that every
// expected distance can be worked out in a comment.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/transit.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;
using nlohmann::json;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNone = -1.0;  // no service in a band

// `n` places named p0, p1, ... with equal home shares.
TransitDefinition places(std::size_t n, double max_commute_minutes) {
  TransitDefinition d;
  for (std::size_t i = 0; i < n; ++i)
    d.places.push_back({"p" + std::to_string(i), 1.0 / static_cast<double>(n)});
  d.max_commute_minutes = max_commute_minutes;
  return d;
}

TransitLink link(std::size_t from, std::size_t to, double day, double evening, double night_early,
                 double road) {
  return {from, to, {day, evening, night_early}, road};
}

// The same minutes in every band, and by road.
TransitLink link(std::size_t from, std::size_t to, double minutes) {
  return link(from, to, minutes, minutes, minutes, minutes);
}

// A-B-C-D with 10-minute legs in every band and by road: C is 20 minutes from A, D 30.
TransitDefinition line_abcd(double max_commute_minutes) {
  TransitDefinition d = places(4, max_commute_minutes);
  d.links = {link(0, 1, 10), link(1, 2, 10), link(2, 3, 10)};
  return d;
}

std::vector<std::size_t> reachable_places(const ReachabilityTable& table, std::size_t origin,
                                          TimeBand band, TravelMode mode) {
  std::vector<std::size_t> out;
  for (std::size_t p = 0; p < table.places(); ++p)
    if (table.reachable(origin, p, band, mode)) out.push_back(p);
  return out;
}

bool has_issue(const ScenarioReader& r, const std::string& pointer) {
  const auto& issues = r.issues();
  return std::any_of(issues.begin(), issues.end(),
                     [&](const ScenarioIssue& i) { return i.pointer == pointer; });
}

ScenarioDocument document(json root) {
  ScenarioDocument doc;
  doc.root = std::move(root);
  doc.path = "test.json";
  return doc;
}

// Three places on a line, valid; tests break one field at a time.
json valid_network_json() {
  return json::parse(R"({
    "description": "a town, its station and a village",
    "places": [{"name": "centre", "home_share": 0.6},
               {"name": "station", "home_share": 0.1},
               {"name": "village", "home_share": 0.3}],
    "links": [{"name": "centre-station", "from": "centre", "to": "station",
               "transit_minutes": {"day": 12, "evening": 20, "night_early": null},
               "road_minutes": 6},
              {"name": "station-village", "from": "station", "to": "village",
               "transit_minutes": {"day": 30, "evening": null, "night_early": null},
               "road_minutes": 9}],
    "max_commute_minutes": 60
  })");
}

}  // namespace

TEST_CASE("shortest minutes along a line add up leg by leg") {
  const TransitNetwork net(line_abcd(60));
  REQUIRE(net.places() == 4);
  // From A: B 10, C 10+10 = 20, D 10+10+10 = 30.
  CHECK(net.shortest_minutes(0, kDay, kTransit) == std::vector<double>{0, 10, 20, 30});
  // Links are undirected: from D the same legs run backwards.
  CHECK(net.shortest_minutes(3, kEvening, kTransit) == std::vector<double>{30, 20, 10, 0});
  CHECK(net.shortest_minutes(1, kNightEarly, kCar) == std::vector<double>{10, 0, 10, 20});
}

TEST_CASE("Dijkstra takes two fast legs over a slower direct link") {
  // Triangle A-B 10, B-C 10, A-C direct 25: A to C is 10+10 = 20 via B, not 25.
  TransitDefinition d = places(3, 60);
  d.links = {link(0, 1, 10), link(1, 2, 10), link(0, 2, 25)};
  CHECK(TransitNetwork(d).shortest_minutes(0, kDay, kTransit)[2] == 20);
  // With the direct link at 15 it is the faster way: 15 < 20.
  d.links[2] = link(0, 2, 15);
  CHECK(TransitNetwork(d).shortest_minutes(0, kDay, kTransit)[2] == 15);
}

TEST_CASE("a link without evening service leaves a place reachable by day but not in the evening") {
  // A-B 10 in every band; B-C 10 by day, no evening service. Evening: C cannot be reached at all.
  TransitDefinition d = places(3, 60);
  d.links = {link(0, 1, 10), link(1, 2, 10, kNone, 10, 10)};
  const TransitNetwork net(d);
  CHECK(net.shortest_minutes(0, kDay, kTransit)[2] == 20);
  CHECK(net.shortest_minutes(0, kEvening, kTransit)[2] == kInf);
  CHECK(net.reachable(0, 2, kDay, kTransit));
  CHECK_FALSE(net.reachable(0, 2, kEvening, kTransit));
  CHECK(net.reachable(0, 1, kEvening, kTransit));

  SECTION("an evening detour that is too long does not help") {
    // Add an evening-only detour A-D 35, D-C 35: evening A to C is 70 > 60; by day still 20.
    d.places = places(4, 60).places;
    d.links.push_back(link(0, 3, kNone, 35, kNone, 35));
    d.links.push_back(link(3, 2, kNone, 35, kNone, 35));
    const TransitNetwork detour(d);
    CHECK(detour.shortest_minutes(0, kEvening, kTransit)[2] == 70);
    CHECK_FALSE(detour.reachable(0, 2, kEvening, kTransit));
    CHECK(detour.shortest_minutes(0, kDay, kTransit)[2] == 20);
  }
}

TEST_CASE("with no night or early service only a car gets anywhere") {
  // A-B and B-C served by day, never at night; road minutes 7 and 8: by car C is 7+8 = 15.
  TransitDefinition d = places(3, 60);
  d.links = {link(0, 1, 20, 30, kNone, 7), link(1, 2, 20, kNone, kNone, 8)};
  const TransitNetwork net(d);
  CHECK(net.shortest_minutes(0, kNightEarly, kTransit) == std::vector<double>{0, kInf, kInf});
  CHECK(net.shortest_minutes(0, kNightEarly, kCar) == std::vector<double>{0, 7, 15});
  // Car minutes ignore the band.
  CHECK(net.shortest_minutes(0, kDay, kCar) == net.shortest_minutes(0, kNightEarly, kCar));

  const ReachabilityTable table(net);
  const std::vector<double> vacancies = {1, 10, 100};
  // At night the bus reaches only the home place itself (distance 0).
  CHECK(reachable_vacancies(table, 0, kNightEarly, kTransit, vacancies) == 1);
  CHECK(reachable_vacancies(table, 0, kNightEarly, kCar, vacancies) == 111);
}

TEST_CASE("a place at exactly the maximum commute counts as reachable") {
  // D is 30 minutes from A: reachable with a 30-minute maximum, not with 29.5.
  CHECK(TransitNetwork(line_abcd(30)).reachable(0, 3, kDay, kTransit));
  CHECK_FALSE(TransitNetwork(line_abcd(29.5)).reachable(0, 3, kDay, kTransit));
  CHECK(reachable_places(ReachabilityTable(TransitNetwork(line_abcd(30))), 0, kDay, kTransit) ==
        std::vector<std::size_t>{0, 1, 2, 3});
  CHECK(reachable_places(ReachabilityTable(TransitNetwork(line_abcd(29.5))), 0, kDay, kTransit) ==
        std::vector<std::size_t>{0, 1, 2});

  SECTION("rounding in decimal leg sums does not cut off a place at the limit") {
    // 0.1 + 0.2 is 0.30000000000000004 in binary floating point; 0.3 minutes are meant.
    TransitDefinition d = places(3, 0.3);
    d.links = {link(0, 1, 0.1), link(1, 2, 0.2)};
    const TransitNetwork net(d);
    REQUIRE(net.shortest_minutes(0, kDay, kTransit)[2] > 0.3);
    CHECK(net.reachable(0, 2, kDay, kTransit));
    CHECK(ReachabilityTable(net).reachable(0, 2, kDay, kTransit));
  }
}

TEST_CASE("a new bus line raises the vacancies reachable from a rural village") {
  // Village V (0) - town T (1) 40 minutes by bus, T - industrial zone Z (2) 25: V to Z is 65, over
  // the 60-minute limit. A new line V-Z of 35 minutes by day (no evening service) brings Z in.
  TransitDefinition before = places(3, 60);
  before.links = {link(0, 1, 40, 50, kNone, 12), link(1, 2, 25, 30, kNone, 8)};
  TransitDefinition after = before;
  after.links.push_back(link(0, 2, 35, kNone, kNone, 15));
  const std::vector<double> vacancies = {2, 10, 40};  // V, T, Z

  const ReachabilityTable old_table{TransitNetwork(before)};
  const ReachabilityTable new_table{TransitNetwork(after)};
  CHECK(reachable_vacancies(old_table, 0, kDay, kTransit, vacancies) == 2 + 10);
  CHECK(reachable_vacancies(new_table, 0, kDay, kTransit, vacancies) == 2 + 10 + 40);
  // Evening: V-T 50 reaches T; T-Z makes Z 80 away; the new line does not run: no change.
  CHECK(reachable_vacancies(old_table, 0, kEvening, kTransit, vacancies) == 12);
  CHECK(reachable_vacancies(new_table, 0, kEvening, kTransit, vacancies) == 12);
}

TEST_CASE("higher frequency (fewer minutes) on a link brings a place within the commute") {
  // A-B 40 and B-C 30 by day: C at 70. Halving the wait on B-C (30 -> 15 minutes) puts C at 55.
  TransitDefinition d = places(3, 60);
  d.links = {link(0, 1, 40), link(1, 2, 30)};
  CHECK_FALSE(TransitNetwork(d).reachable(0, 2, kDay, kTransit));
  d.links[1].transit_minutes[kDay] = 15;
  CHECK(TransitNetwork(d).reachable(0, 2, kDay, kTransit));
}

TEST_CASE("a car reaches more vacancies than transit from a rural home place") {
  // Village V (0) - town T (1): bus 45, road 10. T - zone Z (2): bus 30, road 10. V - farm
  // business F (3): no bus in any band, road 15. By bus from V: T 45; Z 75 > 60; F never.
  // By car: T 10, Z 20, F 15: everything.
  TransitDefinition d = places(4, 60);
  d.links = {link(0, 1, 45, 55, kNone, 10), link(1, 2, 30, 30, kNone, 10),
             link(0, 3, kNone, kNone, kNone, 15)};
  const ReachabilityTable table{TransitNetwork(d)};
  const std::vector<double> vacancies = {0, 5, 30, 3};
  CHECK(reachable_vacancies(table, 0, kDay, kTransit, vacancies) == 5);
  CHECK(reachable_vacancies(table, 0, kDay, kCar, vacancies) == 38);
  for (int b = 0; b < kTimeBandCount; ++b) {
    const auto band = static_cast<TimeBand>(b);
    CHECK(reachable_vacancies(table, 0, band, kCar, vacancies) >
          reachable_vacancies(table, 0, band, kTransit, vacancies));
  }
}

TEST_CASE("the reachability table agrees with direct Dijkstra queries for every origin") {
  // A small irregular network with band gaps, parallel links and an isolated place (5).
  TransitDefinition d = places(6, 30);
  d.links = {link(0, 1, 10, 20, kNone, 5),  link(1, 2, 15, kNone, kNone, 9),
             link(0, 2, 40, 25, 30, 12),    link(2, 3, 5, 5, kNone, 4),
             link(3, 4, 12, 30, kNone, 30), link(3, 4, 20, 10, kNone, 6)};
  const TransitNetwork net(d);
  const ReachabilityTable table(net);
  REQUIRE(table.places() == 6);
  for (std::size_t o = 0; o < 6; ++o)
    for (int b = 0; b < kTimeBandCount; ++b)
      for (int m = 0; m < kTravelModeCount; ++m)
        for (std::size_t p = 0; p < 6; ++p) {
          const auto band = static_cast<TimeBand>(b);
          const auto mode = static_cast<TravelMode>(m);
          INFO("origin " << o << " band " << b << " mode " << m << " place " << p);
          CHECK(table.reachable(o, p, band, mode) == net.reachable(o, p, band, mode));
        }
  // Spot checks worked out by hand: evening A-C direct 25 (A-B-C has no evening service);
  // parallel links C-D-E: evening 5 + min(30, 10) = 15 from C.
  CHECK(net.shortest_minutes(0, kEvening, kTransit)[2] == 25);
  CHECK(net.shortest_minutes(2, kEvening, kTransit)[4] == 15);
  CHECK(reachable_places(table, 5, kDay, kCar) == std::vector<std::size_t>{5});
}

TEST_CASE("networks of more than 64 places span several bitmask words") {
  // A line of 100 places, 1 minute per leg, 70-minute limit: from place 10, places 0..80 are
  // within reach (81 places); from place 50, all 100.
  TransitDefinition d = places(100, 70);
  for (std::size_t i = 0; i + 1 < 100; ++i) d.links.push_back(link(i, i + 1, 1));
  const ReachabilityTable table{TransitNetwork(d)};
  REQUIRE(table.row(0, kDay, kTransit).size() == 2);
  const std::vector<double> ones(100, 1.0);
  CHECK(reachable_vacancies(table, 10, kDay, kTransit, ones) == 81);
  CHECK(reachable_vacancies(table, 50, kDay, kTransit, ones) == 100);
  CHECK(table.reachable(10, 80, kDay, kTransit));
  CHECK_FALSE(table.reachable(10, 81, kDay, kTransit));
  // Only place 70's vacancies count from place 0 once 71..99 are out: weights 0..99 sum 0..70.
  std::vector<double> weights(100);
  for (std::size_t i = 0; i < 100; ++i) weights[i] = static_cast<double>(i);
  CHECK(reachable_vacancies(table, 0, kDay, kTransit, weights) == 70.0 * 71.0 / 2.0);
}

TEST_CASE("inconsistent network definitions are refused") {
  TransitDefinition d = line_abcd(60);
  SECTION("a link to a place that does not exist") {
    d.links.push_back(link(0, 4, 10));
    CHECK_THROWS_AS(TransitNetwork(d), std::invalid_argument);
  }
  SECTION("a link from a place to itself") {
    d.links.push_back(link(2, 2, 10));
    CHECK_THROWS_AS(TransitNetwork(d), std::invalid_argument);
  }
  SECTION("negative road minutes") {
    d.links[0].road_minutes = -1;
    CHECK_THROWS_AS(TransitNetwork(d), std::invalid_argument);
  }
  SECTION("NaN transit minutes") {
    d.links[0].transit_minutes[kEvening] = std::nan("");
    CHECK_THROWS_AS(TransitNetwork(d), std::invalid_argument);
  }
  SECTION("home shares not summing to 1") {
    d.places[0].home_share += 0.1;
    CHECK_THROWS_AS(TransitNetwork(d), std::invalid_argument);
  }
  SECTION("a place name used twice") {
    d.places[1].name = d.places[0].name;
    CHECK_THROWS_AS(TransitNetwork(d), std::invalid_argument);
  }
  SECTION("no places") {
    d.places.clear();
    d.links.clear();
    CHECK_THROWS_AS(TransitNetwork(d), std::invalid_argument);
  }
  SECTION("a negative maximum commute") {
    d.max_commute_minutes = -5;
    CHECK_THROWS_AS(TransitNetwork(d), std::invalid_argument);
  }
}

TEST_CASE("queries outside the network are refused") {
  const TransitNetwork net(line_abcd(60));
  const ReachabilityTable table(net);
  CHECK_THROWS_AS(net.shortest_minutes(4, kDay, kTransit), std::out_of_range);
  CHECK_THROWS_AS(net.reachable(0, 4, kDay, kTransit), std::out_of_range);
  CHECK_THROWS_AS(net.shortest_minutes(0, kTimeBandCount, kTransit), std::invalid_argument);
  CHECK_THROWS_AS(table.reachable(0, 0, kDay, kTravelModeCount), std::invalid_argument);
  CHECK_THROWS_AS(table.row(4, kDay, kCar), std::out_of_range);
  const std::vector<double> three(3, 1.0);
  CHECK_THROWS_AS(reachable_vacancies(table, 0, kDay, kTransit, three), std::invalid_argument);
  const std::vector<double> four(4, 1.0);
  CHECK_THROWS_AS(reachable_vacancies(table, 4, kDay, kTransit, four), std::out_of_range);
}

TEST_CASE("a network is read from JSON with null for a band without service") {
  const ScenarioDocument doc = document(valid_network_json());
  ScenarioReader r(doc);
  const TransitDefinition d = read_transit_definition(r, doc, "");
  CHECK(r.issues().empty());
  CHECK_NOTHROW(r.finish());
  REQUIRE(d.places.size() == 3);
  CHECK(d.places[0].name == "centre");
  CHECK(d.places[2].home_share == 0.3);
  REQUIRE(d.links.size() == 2);
  CHECK(d.links[1].from == 1);
  CHECK(d.links[1].to == 2);
  CHECK(d.links[0].transit_minutes[kDay] == 12);
  CHECK(d.links[0].transit_minutes[kEvening] == 20);
  CHECK(d.links[0].transit_minutes[kNightEarly] < 0);
  CHECK(d.links[1].transit_minutes[kEvening] < 0);
  CHECK(d.links[1].road_minutes == 9);
  CHECK(d.max_commute_minutes == 60);
  // Day: village at 12 + 30 = 42; evening: no service station-village.
  const TransitNetwork net(d);
  CHECK(net.shortest_minutes(0, kDay, kTransit)[2] == 42);
  CHECK_FALSE(net.reachable(0, 2, kEvening, kTransit));
}

TEST_CASE("a network nested in a scenario is read at its pointer") {
  json root;
  root["regions"] = json::array({json{{"name", "meetjesland"}, {"transit", valid_network_json()}}});
  const ScenarioDocument doc = document(root);
  ScenarioReader r(doc);
  r.allow("/regions/0/name");
  const TransitDefinition d = read_transit_definition(r, doc, "/regions/0/transit");
  CHECK(d.places.size() == 3);
  CHECK(d.links.size() == 2);
  CHECK_NOTHROW(r.finish());
}

TEST_CASE("a link naming an unknown place is reported at its from or to") {
  json root = valid_network_json();
  root["links"][1]["to"] = "vilage";
  const ScenarioDocument doc = document(root);
  ScenarioReader r(doc);
  const TransitDefinition d = read_transit_definition(r, doc, "");  // does not throw
  REQUIRE(r.issues().size() == 1);
  CHECK(r.issues()[0].pointer == "/links/1/to");
  CHECK(r.issues()[0].file == "test.json");
  CHECK(r.issues()[0].found == "a string \"vilage\"");
  CHECK(r.issues()[0].expected.find("\"village\"") != std::string::npos);
  CHECK(d.links.size() == 1);  // the broken link is left out
  CHECK_THROWS_AS(r.finish(), InputError);
}

TEST_CASE("negative minutes are reported at the band or road value") {
  json root = valid_network_json();
  root["links"][0]["transit_minutes"]["evening"] = -5;
  root["links"][1]["road_minutes"] = -1;
  const ScenarioDocument doc = document(root);
  ScenarioReader r(doc);
  read_transit_definition(r, doc, "");
  REQUIRE(r.issues().size() == 2);
  CHECK(r.issues()[0].pointer == "/links/0/transit_minutes/evening");
  CHECK(r.issues()[0].found == "-5");
  CHECK(r.issues()[0].expected.find("null") != std::string::npos);
  CHECK(r.issues()[1].pointer == "/links/1/road_minutes");
  CHECK_THROWS_AS(r.finish(), InputError);
}

TEST_CASE("home shares that do not sum to 1 are reported at the places array") {
  json root = valid_network_json();
  root["places"][1]["home_share"] = 0.2;  // 0.6 + 0.2 + 0.3 = 1.1
  const ScenarioDocument doc = document(root);
  ScenarioReader r(doc);
  read_transit_definition(r, doc, "");
  REQUIRE(r.issues().size() == 1);
  CHECK(r.issues()[0].pointer == "/places");
  CHECK(r.issues()[0].found == "a sum of 1.1");
  CHECK_THROWS_AS(r.finish(), InputError);
}

TEST_CASE("other malformed networks are reported where the problem is") {
  json root = valid_network_json();
  ScenarioDocument doc;
  SECTION("a link from a place to itself") {
    root["links"][0]["to"] = "centre";
    doc = document(root);
    ScenarioReader r(doc);
    read_transit_definition(r, doc, "");
    REQUIRE(r.issues().size() == 1);
    CHECK(r.issues()[0].pointer == "/links/0/to");
  }
  SECTION("a place name used twice") {
    root["places"][2]["name"] = "station";
    doc = document(root);
    ScenarioReader r(doc);
    read_transit_definition(r, doc, "");
    CHECK(has_issue(r, "/places/2/name"));
  }
  SECTION("a link name used twice, and a link without a name") {
    root["links"][1]["name"] = "centre-station";
    root["links"][0].erase("name");
    doc = document(root);
    ScenarioReader r(doc);
    read_transit_definition(r, doc, "");
    REQUIRE(r.issues().size() == 1);
    CHECK(r.issues()[0].pointer == "/links/0/name");
    root["links"][0]["name"] = "centre-station";
    doc = document(root);
    ScenarioReader r2(doc);
    read_transit_definition(r2, doc, "");
    REQUIRE(r2.issues().size() == 1);
    CHECK(r2.issues()[0].pointer == "/links/1/name");
    CHECK(r2.issues()[0].found == "\"centre-station\" again");
  }
  SECTION("no places") {
    root["places"] = json::array();
    root["links"] = json::array();
    doc = document(root);
    ScenarioReader r(doc);
    read_transit_definition(r, doc, "");
    REQUIRE(r.issues().size() == 1);
    CHECK(r.issues()[0].pointer == "/places");
  }
  SECTION("a missing band") {
    root["links"][0]["transit_minutes"].erase("night_early");
    doc = document(root);
    ScenarioReader r(doc);
    read_transit_definition(r, doc, "");
    REQUIRE(r.issues().size() == 1);
    CHECK(r.issues()[0].pointer == "/links/0/transit_minutes/night_early");
    CHECK(r.issues()[0].found == "nothing (missing key)");
  }
  SECTION("a band that is a string") {
    root["links"][1]["transit_minutes"]["day"] = "12";
    doc = document(root);
    ScenarioReader r(doc);
    read_transit_definition(r, doc, "");
    REQUIRE(r.issues().size() == 1);
    CHECK(r.issues()[0].pointer == "/links/1/transit_minutes/day");
  }
  SECTION("an unknown band name, found when reading finishes") {
    root["links"][0]["transit_minutes"]["weekend"] = 30;
    doc = document(root);
    ScenarioReader r(doc);
    read_transit_definition(r, doc, "");
    CHECK(r.issues().empty());
    CHECK_THROWS_AS(r.finish(), InputError);
    CHECK(has_issue(r, "/links/0/transit_minutes/weekend"));
  }
  SECTION("a maximum commute out of range") {
    root["max_commute_minutes"] = -10;
    doc = document(root);
    ScenarioReader r(doc);
    read_transit_definition(r, doc, "");
    REQUIRE(r.issues().size() == 1);
    CHECK(r.issues()[0].pointer == "/max_commute_minutes");
  }
}

TEST_CASE("the rural example fragment is valid and shows the rural commuting gap") {
  const ScenarioDocument doc =
      load_scenario(test::source_path("scenarios/fragments/transit_rural_example.json"));
  ScenarioReader r(doc);
  const TransitDefinition d = read_transit_definition(r, doc, "");
  REQUIRE_NOTHROW(r.finish());
  const TransitNetwork net(d);
  const ReachabilityTable table(net);
  const auto index = [&](const std::string& name) {
    for (std::size_t i = 0; i < net.places(); ++i)
      if (net.place(i).name == name) return i;
    FAIL("no place " << name);
    return net.places();
  };
  const std::size_t kaprijke = index("kaprijke");
  const std::size_t zone = index("eeklo_industriepark");
  // Bus: Kaprijke-Lembeke 20 + Lembeke-centre 25 + centre-station 8 + station-zone 18 = 71 > 60.
  // Car: 5 + 8 + 4 + 8 = 25.
  CHECK(net.shortest_minutes(kaprijke, kDay, kTransit)[zone] == 71);
  CHECK_FALSE(table.reachable(kaprijke, zone, kDay, kTransit));
  CHECK(table.reachable(kaprijke, zone, kDay, kCar));
  const std::vector<double> one_each(net.places(), 1.0);
  for (std::size_t o = 0; o < net.places(); ++o) {
    // No night or early service: by transit only the home place itself.
    CHECK(reachable_vacancies(table, o, kNightEarly, kTransit, one_each) == 1);
    for (int b = 0; b < kTimeBandCount; ++b) {
      const auto band = static_cast<TimeBand>(b);
      CHECK(reachable_vacancies(table, o, band, kCar, one_each) >=
            reachable_vacancies(table, o, band, kTransit, one_each));
      if (band != kDay)
        CHECK(reachable_vacancies(table, o, band, kTransit, one_each) <=
              reachable_vacancies(table, o, kDay, kTransit, one_each));
    }
  }
}

#include "models/labour_market.hpp"

#include <cmath>
#include <stdexcept>

namespace drempel {

LabourMarketParameters read_labour_market(ScenarioReader& r, const ScenarioDocument& doc,
                                          const std::string& pointer,
                                          const TransitDefinition& transit) {
  LabourMarketParameters m;
  m.vacancies_per_month_by_place.assign(transit.places.size(), 0.0);
  const std::string vac = pointer + "/vacancies_per_month";
  const nlohmann::json* object = nullptr;
  try {
    object = &doc.root.at(nlohmann::json::json_pointer(vac));
  } catch (const std::exception&) {
    object = nullptr;
  }
  if (object == nullptr || !object->is_object()) {
    r.add_issue(vac, "an object of vacancies per month by place name", describe_json(object));
  } else {
    double total = 0;
    for (const auto& [name, value] : object->items()) {
      std::size_t place = transit.places.size();
      for (std::size_t p = 0; p < transit.places.size(); ++p)
        if (transit.places[p].name == name) place = p;
      const std::string key = vac + "/" + name;
      if (place == transit.places.size()) {
        r.add_issue(key, "a place of the region's transit network", "\"" + name + "\"");
        r.allow(key);
        continue;
      }
      m.vacancies_per_month_by_place[place] = r.number(key, 0, 1e7);
      total += m.vacancies_per_month_by_place[place];
    }
    if (total <= 0) r.add_issue(vac, "at least one place with vacancies", "none");
  }
  for (int b = 0; b < kTimeBandCount; ++b)
    m.band_share[b] = r.number(pointer + "/band_share/" + kTimeBandNames[b], 0, 1);
  const double sum = m.band_share[0] + m.band_share[1] + m.band_share[2];
  if (r.has(pointer + "/band_share") && std::abs(sum - 1.0) > 1e-6)
    r.add_issue(pointer + "/band_share", "shares that sum to 1", "a sum of " + std::to_string(sum));
  m.licence_required_share = r.number(pointer + "/licence_required_share", 0, 1);
  m.dutch_required_share = r.number(pointer + "/dutch_required_share", 0, 1);
  m.high_pace_share = r.number(pointer + "/high_pace_share", 0, 1);
  return m;
}

JobAccessTable::JobAccessTable(const TransitNetwork& network, const LabourMarketParameters& market)
    : places_(network.places()) {
  if (market.vacancies_per_month_by_place.size() != places_)
    throw std::invalid_argument("JobAccessTable: one vacancy count per place expected");
  const ReachabilityTable reach(network);
  for (double v : market.vacancies_per_month_by_place) total_ += v;
  reachable_.assign(places_ * kMobilityCount, 0.0);
  access_.assign(places_ * kMobilityCount * 2, 0.0);
  for (std::size_t home = 0; home < places_; ++home) {
    for (int mob = 0; mob < kMobilityCount; ++mob) {
      const TravelMode mode = mob == kOwnCar ? kCar : kTransit;
      double reachable = 0;
      for (int b = 0; b < kTimeBandCount; ++b)
        reachable += market.band_share[b] *
                     drempel::reachable_vacancies(reach, home, static_cast<TimeBand>(b), mode,
                                                  market.vacancies_per_month_by_place);
      reachable_[home * kMobilityCount + mob] = reachable;
      const double licence = mob == kNoLicence ? 1.0 - market.licence_required_share : 1.0;
      for (int b1 = 0; b1 < 2; ++b1) {
        const double dutch = b1 ? 1.0 : 1.0 - market.dutch_required_share;
        access_[index(home, static_cast<Mobility>(mob), b1 != 0)] =
            total_ > 0 ? reachable / total_ * licence * dutch : 0.0;
      }
    }
  }
}

}  // namespace drempel

// Job access: reachable vacancies by band and mode, requirements, and their effect on job finding.
#include <catch2/catch.hpp>
#include <numeric>

#include "models/labour_market.hpp"
#include "models/pathways_model.hpp"
#include "models/run.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;

namespace {

// Home H, town T 30 minutes away by bus in the day only (20 by car), and a
// factory F 50 minutes beyond T by bus in the day, 25 by car; maximum commute 60 minutes.
//   transit, day:      H -> T 30, H -> F 80 (too far)   evening/night: only H itself
//   car, any band:     H -> T 20, H -> F 45
TransitDefinition three_places() {
  TransitDefinition d;
  d.places = {{"H", 1.0}, {"T", 0.0}, {"F", 0.0}};
  d.links = {{0, 1, {30, -1, -1}, 20}, {1, 2, {50, -1, -1}, 25}};
  d.max_commute_minutes = 60;
  return d;
}

LabourMarketParameters market() {
  LabourMarketParameters m;
  m.vacancies_per_month_by_place = {10, 30, 60};  // 100 in all
  m.band_share = {0.5, 0.25, 0.25};
  m.licence_required_share = 0.2;
  m.dutch_required_share = 0.4;
  return m;
}

}  // namespace

TEST_CASE("job access counts reachable vacancies by band and mode, worked by hand") {
  const JobAccessTable t(TransitNetwork(three_places()), market());
  CHECK(t.total_vacancies() == 100.0);
  // By bus: day reaches H and T (40 vacancies), evening and night only H (10):
  // 0.5 x 40 + 0.25 x 10 + 0.25 x 10 = 25.
  CHECK(t.reachable_vacancies(0, kNoLicence) == Approx(25.0));
  CHECK(t.reachable_vacancies(0, kLicenceNoCar) == Approx(25.0));
  // By car every band reaches all 100.
  CHECK(t.reachable_vacancies(0, kOwnCar) == Approx(100.0));
  // Access = reachable / total x requirements.
  CHECK(t.access(0, kOwnCar, true) == Approx(1.0));
  CHECK(t.access(0, kOwnCar, false) == Approx(0.6));  // 40% need B1 Dutch
  CHECK(t.access(0, kLicenceNoCar, true) == Approx(0.25));
  CHECK(t.access(0, kNoLicence, true) == Approx(0.25 * 0.8));  // 20% need a licence
  CHECK(t.access(0, kNoLicence, false) == Approx(0.25 * 0.8 * 0.6));
}

TEST_CASE("a new bus line and evening service raise job access from the rural home") {
  TransitDefinition d = three_places();
  const double before = JobAccessTable(TransitNetwork(d), market()).access(0, kNoLicence, true);
  d.links.push_back({0, 2, {40, 40, -1}, 25});  // direct line H - F, day and evening
  const JobAccessTable after(TransitNetwork(d), market());
  // Day: H, T, F = 100; evening: H, F = 70; night: H = 10 -> 50 + 17.5 + 2.5 = 70.
  CHECK(after.reachable_vacancies(0, kNoLicence) == Approx(70.0));
  CHECK(after.access(0, kNoLicence, true) > before);
}

TEST_CASE("reading a labour market rejects unknown places and bad band shares") {
  ScenarioDocument doc;
  doc.path = "test.json";
  doc.root = {{"lm",
               {{"vacancies_per_month", {{"H", 5}, {"nowhere", 3}}},
                {"band_share", {{"day", 0.5}, {"evening", 0.2}, {"night_early", 0.2}}},
                {"licence_required_share", 0.2},
                {"dutch_required_share", 1.5},
                {"high_pace_share", 0.3}}}};
  ScenarioReader r(doc);
  read_labour_market(r, doc, "/lm", three_places());
  std::vector<std::string> pointers;
  for (const auto& i : r.issues()) pointers.push_back(i.pointer);
  CHECK(std::count(pointers.begin(), pointers.end(), "/lm/vacancies_per_month/nowhere") == 1);
  CHECK(std::count(pointers.begin(), pointers.end(), "/lm/band_share") == 1);
  CHECK(std::count(pointers.begin(), pointers.end(), "/lm/dutch_required_share") == 1);
  CHECK(r.issues().size() == 3);
}

namespace {
// Mean job access over months and replicates, and employed at the end per replicate.
struct Outcome {
  double access = 0;
  std::vector<double> employed;
};
Outcome run_rural(bool new_line) {
  auto doc = test::baseline(test::larger_baseline());
  if (new_line)  // a bus from Kaprijke and Lembeke to the industrial zone, day and evening
    for (const char* from : {"kaprijke", "lembeke"})
      doc.root["regions"][0]["transit"]["links"].push_back(
          {{"name", std::string(from) + "-eeklo_industriepark"},
           {"from", from},
           {"to", "eeklo_industriepark"},
           {"transit_minutes", {{"day", 25}, {"evening", 30}, {"night_early", nullptr}}},
           {"road_minutes", 10}});
  const Results res = run_pathways(read_model_parameters(doc), doc.root.dump());
  Outcome o;
  const auto& access = res.metric("job_access_share")->values;
  o.access =
      std::accumulate(access.begin(), access.end(), 0.0) / static_cast<double>(access.size());
  for (int r = 0; r < res.replicates; ++r)
    o.employed.push_back(
        static_cast<double>(res.stage_count[res.stage_index(r, res.months() - 1, 0, kEmployed)]));
  return o;
}
}  // namespace

TEST_CASE("a new bus line raises job access and job finding in the rural region") {
  const Outcome before = run_rural(false), after = run_rural(true);
  CHECK(after.access > before.access + 0.015);  // at least 1.5 points more of the vacancies
  double gain = 0;
  for (std::size_t r = 0; r < before.employed.size(); ++r)
    gain += (after.employed[r] - before.employed[r]) / before.employed[r];
  gain /= static_cast<double>(before.employed.size());
  CHECK(gain > 0.02);  // common random numbers: at least 2% more clients in work on average
}

// The shipped scenarios: every one loads and validates, and the urban base scenario (Gent-like,
// scenarios/urban.md) differs from the rural one (Eeklo-like, scenarios/baseline.json) where it
// should: its clients reach more of the region's vacancies, and both keep a plausible caseload.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstddef>
#include <filesystem>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "analysis/moments.hpp"
#include "engine/results.hpp"
#include "engine/scenario.hpp"
#include "models/parameters.hpp"
#include "models/run.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;

namespace {

// Every scenario file the repository ships, relative to the source directory: the JSON files
// under scenarios/ (but for fragments/, which are pieces, and data/) and under benchmarks/.
std::vector<std::string> shipped_scenarios() {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  const fs::path root = test::source_path("");
  for (const char* dir : {"scenarios", "benchmarks"})
    for (const auto& entry : fs::recursive_directory_iterator(root / dir)) {
      const fs::path relative = fs::relative(entry.path(), root);
      const std::string first = *std::next(relative.begin());
      if (entry.path().extension() == ".json" && first != "fragments" && first != "data")
        out.push_back(relative.string());
    }
  std::sort(out.begin(), out.end());
  return out;
}

// The pointers of every leaf (number, string, boolean, null, or array as a whole) where two
// documents differ.
void differing_leaves(const nlohmann::json& a, const nlohmann::json& b, const std::string& at,
                      std::set<std::string>& out) {
  if (a.is_object() && b.is_object()) {
    std::set<std::string> keys;
    for (const auto& item : a.items()) keys.insert(item.key());
    for (const auto& item : b.items()) keys.insert(item.key());
    for (const auto& key : keys) {
      const nlohmann::json none;
      differing_leaves(a.contains(key) ? a[key] : none, b.contains(key) ? b[key] : none,
                       at + "/" + key, out);
    }
  } else if (a.is_array() && b.is_array() && a.size() == b.size() && !a.empty() &&
             a[0].is_object()) {
    for (std::size_t i = 0; i < a.size(); ++i)
      differing_leaves(a[i], b[i], at + "/" + std::to_string(i), out);
  } else if (a != b) {
    out.insert(at);
  }
}

// A scenario reduced to two years and three replicates (the seed stays the scenario's).
Results run_reduced(const std::string& relative) {
  const ScenarioDocument doc =
      load_scenario(test::source_path(relative), {"/months=24", "/replicates=3"});
  return run_pathways(read_model_parameters(doc), doc.root.dump());
}

// The metric `name` of region 0, averaged over replicates and months.
double overall_mean(const Results& res, const std::string& name) {
  const MetricSeries* series = res.metric(name);
  REQUIRE(series != nullptr);
  double sum = 0;
  for (int r = 0; r < res.replicates; ++r)
    for (int m = 0; m < res.months(); ++m) sum += series->values[res.metric_index(r, m, 0)];
  return sum / static_cast<double>(res.replicates * res.months());
}

// The metric `name` of region 0 in every month, averaged over replicates.
std::vector<double> monthly_mean(const Results& res, const std::string& name) {
  const MetricSeries* series = res.metric(name);
  REQUIRE(series != nullptr);
  std::vector<double> out(static_cast<std::size_t>(res.months()), 0.0);
  for (int m = 0; m < res.months(); ++m) {
    double sum = 0;
    for (int r = 0; r < res.replicates; ++r) sum += series->values[res.metric_index(r, m, 0)];
    out[static_cast<std::size_t>(m)] = sum / static_cast<double>(res.replicates);
  }
  return out;
}

constexpr double kCaseloadLow = 60.0;    // files per caseworker FTE; the reported Flemish range
constexpr double kCaseloadHigh = 160.0;  // is 85-130, with room for vacancies and sick leave

}  // namespace

TEST_CASE("every shipped scenario loads and validates", "[scenarios]") {
  const std::vector<std::string> shipped = shipped_scenarios();
  CHECK(shipped.size() >= 16);  // the bases, reform-flanders, the what-if library, benchmarks
  for (const std::string& relative : shipped) {
    INFO("scenario " << relative);
    ScenarioDocument doc;
    REQUIRE_NOTHROW(doc = load_scenario(test::source_path(relative)));
    ModelParameters params;
    REQUIRE_NOTHROW(params = read_model_parameters(doc));
    CHECK(!params.regions.empty());
    CHECK(params.months > 0);
    CHECK(params.replicates > 0);
  }
}

TEST_CASE("the urban scenario is one region with a larger caseload than the rural one",
          "[scenarios]") {
  const ModelParameters urban =
      read_model_parameters(load_scenario(test::source_path("scenarios/urban.json")));
  const ModelParameters rural = test::baseline_parameters();
  REQUIRE(urban.regions.size() == 1);
  REQUIRE(rural.regions.size() == 1);
  CHECK(urban.regions[0].name != rural.regions[0].name);
  CHECK(urban.regions[0].inhabitants > 10 * rural.regions[0].inhabitants);
  CHECK(urban.regions[0].initial_clients > 10 * rural.regions[0].initial_clients);
  CHECK(urban.regions[0].reform_population_share > rural.regions[0].reform_population_share);
  // The initial staff gives a caseload inside the reported range of 85-130 files per FTE.
  const double files_per_fte =
      static_cast<double>(urban.regions[0].initial_clients) / urban.regions[0].caseworker_fte;
  CHECK(files_per_fte >= 85.0);
  CHECK(files_per_fte <= 130.0);
  // Everything the urban file does not set is the baseline's (same calendar and seed).
  CHECK(urban.start_month == rural.start_month);
  CHECK(urban.months == rural.months);
  CHECK(urban.seed == rural.seed);
}

TEST_CASE("urban clients reach more jobs than rural ones, and both keep a plausible caseload",
          "[scenarios]") {
  const Results urban = run_reduced("scenarios/urban.json");
  const Results rural = run_reduced("scenarios/baseline.json");
  REQUIRE(urban.regions() == 1);
  REQUIRE(rural.regions() == 1);
  REQUIRE(urban.months() == 24);
  REQUIRE(rural.months() == 24);
  REQUIRE(urban.replicates == 3);
  REQUIRE(rural.replicates == 3);

  // Trams and buses with evening and some night/early service reach more of the vacancies than
  // the rural bus network, even though urban clients have less Dutch and fewer cars. The
  // difference is about 0.04 with replicate means varying by about 0.01, so require 0.01.
  const double urban_access = overall_mean(urban, "job_access_share");
  const double rural_access = overall_mean(rural, "job_access_share");
  INFO("job access: urban " << urban_access << ", rural " << rural_access);
  CHECK(urban_access > rural_access + 0.01);

  // The caseload per employed caseworker FTE, as a mean over replicates, stays plausible in every
  // month. Single replicates of the rural region are not held to this: in a team of 3.5 FTE, two
  // departures leave 1.5 FTE for the months of the hiring lag (about 240 files per FTE), which is
  // what the model should show for a small OCMW.
  for (const Results* res : {&urban, &rural}) {
    const std::vector<double> caseload = monthly_mean(*res, "caseload_per_caseworker_fte");
    for (std::size_t m = 0; m < caseload.size(); ++m) {
      INFO("region " << res->region_names[0] << ", month " << res->month_labels[m]);
      CHECK(caseload[m] >= kCaseloadLow);
      CHECK(caseload[m] <= kCaseloadHigh);
    }
  }

  // The urban team (about 55 FTE) absorbs single departures: every replicate stays in range.
  const MetricSeries* caseload = urban.metric("caseload_per_caseworker_fte");
  REQUIRE(caseload != nullptr);
  for (int r = 0; r < urban.replicates; ++r)
    for (int m = 0; m < urban.months(); ++m) {
      const double value = caseload->values[urban.metric_index(r, m, 0)];
      INFO("urban replicate " << r << ", month "
                              << urban.month_labels[static_cast<std::size_t>(m)]);
      CHECK(value >= kCaseloadLow);
      CHECK(value <= kCaseloadHigh);
    }
}

TEST_CASE("the rural baseline reproduces the Flemish calibration targets", "[scenarios]") {
  // Targets and tolerances of the calibration (models/ODD.md, section 9): the Flemish figures
  // the project's issue #3 sets, not model output. Averaged over 100 replicates and the months from
  // 2028 on (index 24), when the art. 60 cohorts of the start have ended and the reform inflow has
  // settled.
  // The figures are moments of analysis/moments.hpp, the code `drempel calibrate` matches.
  const Results res = run_pathways(test::baseline_parameters({"/replicates=100"}), "{}");
  std::int32_t from = 0, to = 0;
  REQUIRE(parse_month("2028-01", from));
  REQUIRE(parse_month(res.month_labels.back(), to));
  const auto figure = [&](const char* name) {
    std::string expected;
    const auto m = parse_moment(name, expected);
    REQUIRE(m);
    return moment_value(res, *m, {from, to});
  };
  const double in_work = figure("in_work_year_after_award_share");
  const double art60_6 = figure("art60_in_work_within_6_months_share");
  const double art60_12 = figure("art60_in_work_within_12_months_share");
  const double caseload = figure("caseload_per_caseworker_fte");
  const double wait = figure("social_housing_wait_allocated_months");
  INFO("in work a year after entry " << in_work << ", after art. 60 within 6 months " << art60_6
                                     << ", within 12 months " << art60_12 << ", caseload "
                                     << caseload << ", social-housing wait " << wait);
  CHECK(std::fabs(in_work - 0.225) <= 0.03);   // 22.5% +- 3 points
  CHECK(std::fabs(art60_6 - 0.397) <= 0.05);   // 39.7% +- 5 points
  CHECK(std::fabs(art60_12 - 0.512) <= 0.05);  // 51.2% +- 5 points
  CHECK(caseload >= 85.0);                     // 85 to 130 files per caseworker
  CHECK(caseload <= 130.0);
  CHECK(std::fabs(wait - 48.0) <= 12.0);  // about four years, +- one year
}

TEST_CASE("every what-if of the library changes its lever and nothing else", "[scenarios]") {
  // Written from each file's question (its description), not from the files: a what-if that
  // also changed something else would mix levers in the comparison.
  const std::string region = "/regions/0/";
  const std::map<std::string, std::set<std::string>> levers = {
      {"caseworkers-x2", {region + "caseworker_fte", region + "caseworker_budget_fte"}},
      {"caseworkers-plus20", {region + "caseworker_fte", region + "caseworker_budget_fte"}},
      {"interpreter-budget", {region + "interpreter_hours_per_month"}},
      {"housing-first",
       {"/housing/reference_address_share", "/housing/ocmw_client_share_of_relets"}},
      {"new-bus-line",
       {region + "transit/links/6/transit_minutes/day",
        region + "transit/links/6/transit_minutes/evening"}},
      {"gpmi-strict", {"/gpmi/sanction_strictness"}},
      {"gpmi-lenient", {"/gpmi/sanction_strictness"}},
      {"local-counter", {region + "counter_places"}},
      {"more-art60", {region + "programme_places/art60", region + "art60_budget_eur_per_month"}},
      {"more-pre-activation",
       {region + "low_threshold_places_per_month", region + "nt2_course_places"}},
      {"urban-caseworkers-plus20", {region + "caseworker_fte", region + "caseworker_budget_fte"}},
      {"urban-interpreter-budget", {region + "interpreter_hours_per_month"}},
  };
  std::size_t files = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(test::source_path("scenarios/whatif"))) {
    const std::string name = entry.path().stem().string();
    INFO("what-if " << name);
    REQUIRE(levers.count(name) == 1);  // every file of the library states its lever here
    ++files;
    const ScenarioDocument what_if = load_scenario(entry.path().string());
    const std::string base = name.rfind("urban-", 0) == 0 ? "urban.json" : "baseline.json";
    const ScenarioDocument original = load_scenario(test::source_path("scenarios/" + base));
    CHECK_NOTHROW(read_model_parameters(what_if));
    std::set<std::string> changed;
    differing_leaves(original.root, what_if.root, "", changed);
    changed.erase("/name");
    changed.erase("/description");
    CHECK(changed == levers.at(name));
  }
  CHECK(files == levers.size());
}

// Results files with sweep points (engine/results_file.hpp): layout, round trip, refusals.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "engine/dataset_hdf5.hpp"
#include "engine/results_hdf5.hpp"

using namespace drempel;

namespace {

// A small run whose every value encodes (point, replicate, position).
Results point(int p) {
  Results r;
  r.region_names = {"a", "b"};
  r.stage_names = {"intake", "employed"};
  r.month_labels = {"2026-01", "2026-02"};
  r.start_month = "2026-01";
  r.replicates = 2;
  r.seed = 42;
  r.engine_version = "test";
  r.scenario_json = "{\"point\": " + std::to_string(p) + "}";
  r.metrics = {{"hours", "h month-1", "hours", {}, RegionTotal::kSum},
               {"share", "1", "a share", {}, RegionTotal::kNone}};
  r.allocate();
  for (std::size_t i = 0; i < r.stage_count.size(); ++i)
    r.stage_count[i] = 1000 * p + static_cast<std::int64_t>(i);
  for (std::size_t i = 0; i < r.transition_count.size(); ++i)
    r.transition_count[i] = 7000 * p + static_cast<std::int64_t>(i);
  for (auto& m : r.metrics)
    for (std::size_t i = 0; i < m.values.size(); ++i)
      m.values[i] = p + 0.25 * static_cast<double>(i);
  return r;
}

ResultsFile sweep() {
  ResultsFile f;
  f.points = {point(0), point(1), point(2)};
  f.point_names = {"lo", "mid", "hi"};
  f.coordinates = {{"/regions/a/fte", {1, 2, 3}, {}}, {"/policy", {}, {"\"x\"", "\"y\"", "\"z\""}}};
  f.scenario_json = "{\"sweep\": {}}";
  return f;
}

}  // namespace

TEST_CASE("a sweep is one file with sweep_point outermost and its coordinates", "[results_file]") {
  const Dataset d = results_dataset(sweep());
  REQUIRE(d.dimension("sweep_point") != nullptr);
  CHECK(d.dimension("sweep_point")->labels == std::vector<std::string>{"lo", "mid", "hi"});
  CHECK(d.dimensions.front().name == "sweep_point");
  const DatasetVariable* counts = d.variable("stage_count");
  REQUIRE(counts != nullptr);
  CHECK(counts->dims ==
        std::vector<std::string>{"sweep_point", "replicate", "month", "region", "stage"});
  CHECK(counts->integer.size() == 3 * 2 * 2 * 2 * 2);
  CHECK(counts->integer[16] == 1000);  // the second point starts after the first's 16 values
  CHECK(counts->attributes.at("coordinates") == "month_label sweep.regions.a.fte sweep.policy");
  const DatasetVariable* fte = d.variable("sweep.regions.a.fte");
  REQUIRE(fte != nullptr);
  CHECK(fte->real == std::vector<double>{1, 2, 3});
  CHECK(fte->attributes.at("json_pointer") == "/regions/a/fte");
  REQUIRE(d.label("sweep.policy") != nullptr);
  CHECK(d.label("point_scenario_json")->values[2] == "{\"point\": 2}");
  CHECK(d.variable("share")->attributes.at("region_total") == "none");
}

TEST_CASE("a sweep file round-trips through HDF5 point by point", "[results_file]") {
  const std::string path = "/tmp/drempel_test_results_file_sweep.h5";
  const ResultsFile written = sweep();
  write_results_hdf5(written, path);
  const ResultsFile read = read_results_file(path);
  std::filesystem::remove(path);
  REQUIRE(read.point_names == written.point_names);
  REQUIRE(read.points.size() == 3);
  for (std::size_t p = 0; p < 3; ++p) {
    CAPTURE(p);
    CHECK(read.points[p].stage_count == written.points[p].stage_count);
    CHECK(read.points[p].transition_count == written.points[p].transition_count);
    CHECK(read.points[p].scenario_json == written.points[p].scenario_json);
    REQUIRE(read.points[p].metrics.size() == 2);
    CHECK(read.points[p].metrics[1].values == written.points[p].metrics[1].values);
    CHECK(read.points[p].metrics[1].region_total == RegionTotal::kNone);
  }
  REQUIRE(read.coordinates.size() == 2);
  CHECK(read.coordinates[0].pointer == "/regions/a/fte");
  CHECK(read.coordinates[0].numbers == std::vector<double>{1, 2, 3});
  CHECK(read.coordinates[1].texts == std::vector<std::string>{"\"x\"", "\"y\"", "\"z\""});
  CHECK(read.scenario_json == written.scenario_json);
  CHECK(read.point_index("mid") == 1);
  CHECK(read.point_index("2") == 2);
  CHECK_THROWS_WITH(read.point_index("max"), Catch::Contains("the points are: lo, mid, hi"));
  CHECK_THROWS_WITH(read_results_hdf5(path + ".missing"), Catch::Contains(".missing"));
}

TEST_CASE("reading a sweep file as one run is refused with a clear message", "[results_file]") {
  const std::string path = "/tmp/drempel_test_results_file_refuse.h5";
  write_results_hdf5(sweep(), path);
  CHECK_THROWS_WITH(read_results_hdf5(path), Catch::Contains("sweep of 3 points"));
  std::filesystem::remove(path);
}

TEST_CASE("points that differ in shape or metrics are refused before writing", "[results_file]") {
  ResultsFile f = sweep();
  f.points[1].region_names = {"a", "c"};
  CHECK_THROWS_WITH(results_dataset(f), Catch::Contains("sweep point mid"));
  f = sweep();
  f.points[2].metrics[1].units = "h";
  CHECK_THROWS_WITH(results_dataset(f), Catch::Contains("metric 'share' differs"));
  ResultsFile one;
  one.points = {point(0)};
  one.points[0].month_labels[1] = "2026-03";
  CHECK_THROWS_WITH(results_dataset(one), Catch::Contains("month_labels"));
}

namespace {

// point(p) with two count tables: one over a months-like and a labelled dimension, one over an
// integer dimension and the fixed `region`.
Results with_tables(int p) {
  Results r = point(p);
  r.table_dimensions = {
      {.name = "cohort_month", .long_name = "cohort", .months = true},
      {.name = "outcome", .long_name = "what", .labels = {"x", "y", "z"}},
      {.name = "horizon", .long_name = "months on", .values = {3, 12}, .units = "months"}};
  r.tables = {{"cohorts", "1", "members", {"cohort_month", "outcome"}, {}},
              {"by_horizon", "1", "per horizon", {"horizon", "region"}, {}}};
  r.allocate();
  for (auto& t : r.tables)
    for (std::size_t i = 0; i < t.values.size(); ++i)
      t.values[i] = 100 * p - static_cast<std::int64_t>(i);
  return r;
}

}  // namespace

TEST_CASE("count tables and their dimensions survive the round trip, per sweep point",
          "[results_file]") {
  ResultsFile f = sweep();
  f.points = {with_tables(0), with_tables(1), with_tables(2)};
  const Dataset d = results_dataset(f);
  REQUIRE(d.dimension("cohort_month") != nullptr);
  CHECK(d.dimension("cohort_month")->units == "days since 2026-01-01 00:00:00");
  CHECK(d.dimension("cohort_month")->indices == std::vector<std::int32_t>{0, 31});
  CHECK(d.dimension("horizon")->indices == std::vector<std::int32_t>{3, 12});
  REQUIRE(d.variable("cohorts") != nullptr);
  CHECK(d.variable("cohorts")->dims ==
        std::vector<std::string>{"sweep_point", "replicate", "cohort_month", "outcome"});
  CHECK(d.variable("cohorts")->integer.size() == 3u * 2 * 2 * 3);
  const ResultsFile back = results_from_dataset(d);
  REQUIRE(back.points.size() == 3);
  for (std::size_t p = 0; p < 3; ++p) {
    CHECK(back.points[p].table_dimensions == f.points[p].table_dimensions);
    REQUIRE(back.points[p].tables.size() == 2);
    for (std::size_t k = 0; k < 2; ++k) {
      CHECK(back.points[p].tables[k].name == f.points[p].tables[k].name);
      CHECK(back.points[p].tables[k].dims == f.points[p].tables[k].dims);
      CHECK(back.points[p].tables[k].values == f.points[p].tables[k].values);
    }
  }
}

TEST_CASE("a count table over an undeclared dimension or of the wrong size is refused",
          "[results_file]") {
  ResultsFile f;
  f.points = {with_tables(0)};
  SECTION("undeclared dimension") {
    f.points[0].tables[0].dims = {"cohort_month", "nowhere"};
    CHECK_THROWS_WITH(results_dataset(f), Catch::Contains("names dimension 'nowhere'"));
  }
  SECTION("wrong size") {
    f.points[0].tables[1].values.pop_back();
    CHECK_THROWS_WITH(results_dataset(f), Catch::Contains("table by_horizon has 7 values"));
  }
  SECTION("a name taken by a metric") {
    f.points[0].tables[0].name = "hours";
    CHECK_THROWS_WITH(results_dataset(f), Catch::Contains("table name 'hours'"));
  }
}

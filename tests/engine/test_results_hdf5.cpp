#include <hdf5_hl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/dataset_hdf5.hpp"
#include "engine/results_hdf5.hpp"
#include "engine/scenario.hpp"

namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using drempel::MetricSeries;
using drempel::Results;

// A fresh directory per test case, removed with everything in it afterwards.
class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = fs::temp_directory_path() / ("drempel_test_results_hdf5_" + std::to_string(getpid()) +
                                         "_" + std::to_string(counter++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

// Every value encodes its own position (r, m, g, s are 0-based indices), so a transposed or
// shifted array cannot compare equal by accident. tests/engine/check_results_xarray.py expects
// exactly these formulas and attributes.
Results sample_results() {
  Results results;
  results.region_names = {"Gent", "Liège"};
  results.stage_names = {"intake", "activation", "employed"};
  results.month_labels = {"2026-01", "2026-02", "2026-03"};
  results.replicates = 2;
  results.metrics = {
      MetricSeries{"caseload_per_fte",
                   "1",
                   "open cases per caseworker FTE",
                   {},
                   drempel::RegionTotal::kNone},
      MetricSeries{"leefloon_spending", "EUR month-1", "leefloon paid out", {}},
  };
  results.allocate();
  for (int r = 0; r < 2; ++r) {
    for (int g = 0; g < 2; ++g) {
      for (int s = 0; s < 3; ++s)
        results.initial_stage_count[results.initial_index(r, g, s)] = 500 + 1000 * r + 10 * g + s;
    }
    for (int m = 0; m < 3; ++m) {
      for (int g = 0; g < 2; ++g) {
        const int base = 1000 * r + 100 * m + 10 * g;
        results.metrics[0].values[results.metric_index(r, m, g)] = base + 0.25;
        results.metrics[1].values[results.metric_index(r, m, g)] = 0.5 - 1.5 * base;
        for (int s = 0; s < 3; ++s) {
          results.stage_count[results.stage_index(r, m, g, s)] = base + s;
          results.arrival_count[results.stage_index(r, m, g, s)] = 100000 + base + s;
          for (int t = 0; t < 3; ++t)
            results.transition_count[results.transition_index(r, m, g, s, t)] =
                10000 * r + 1000 * m + 100 * g + 10 * s + t;
        }
      }
    }
  }
  results.engine_version = "0.1.0-test";
  results.scenario_json = R"({"name": "naïve test", "start": "2026-01", "replicates": 2})";
  results.seed = 18446744073709551557ULL;  // above INT64_MAX: a signed seed would not survive
  results.start_month = "2026-01";
  results.created_utc = "2026-01-02T03:04:05Z";
  return results;
}

void require_same(const Results& a, const Results& b) {
  REQUIRE(a.region_names == b.region_names);
  REQUIRE(a.stage_names == b.stage_names);
  REQUIRE(a.month_labels == b.month_labels);
  REQUIRE(a.replicates == b.replicates);
  REQUIRE(a.stage_count == b.stage_count);
  REQUIRE(a.initial_stage_count == b.initial_stage_count);
  REQUIRE(a.transition_count == b.transition_count);
  REQUIRE(a.arrival_count == b.arrival_count);
  REQUIRE(a.metrics.size() == b.metrics.size());
  for (std::size_t i = 0; i < a.metrics.size(); ++i) {
    CAPTURE(i);
    REQUIRE(a.metrics[i].name == b.metrics[i].name);
    REQUIRE(a.metrics[i].units == b.metrics[i].units);
    REQUIRE(a.metrics[i].long_name == b.metrics[i].long_name);
    REQUIRE(a.metrics[i].region_total == b.metrics[i].region_total);
    REQUIRE(a.metrics[i].values == b.metrics[i].values);  // exact: doubles are stored as they are
  }
  REQUIRE(a.engine_version == b.engine_version);
  REQUIRE(a.scenario_json == b.scenario_json);
  REQUIRE(a.seed == b.seed);
  REQUIRE(a.start_month == b.start_month);
  REQUIRE(a.created_utc == b.created_utc);
}

int exit_status(const std::string& command) {
  const int status = std::system(command.c_str());
  return status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

// The message of the std::runtime_error that `action` throws; fails the test on anything else.
template <typename Action>
std::string runtime_error_message(Action action) {
  try {
    action();
  } catch (const std::runtime_error& error) {
    return error.what();
  } catch (...) {
    FAIL("threw something other than std::runtime_error");
  }
  FAIL("did not throw");
  return {};
}

// Minimal owner of a raw HDF5 id for the tests that look at the file behind the library's back.
struct Id {
  hid_t id;
  herr_t (*close)(hid_t);
  Id(hid_t i, herr_t (*c)(hid_t)) : id(i), close(c) { REQUIRE(id >= 0); }
  Id(const Id&) = delete;
  Id& operator=(const Id&) = delete;
  ~Id() { close(id); }
};

bool has_filter(hid_t dcpl, H5Z_filter_t wanted) {
  const int n = H5Pget_nfilters(dcpl);
  for (int i = 0; i < n; ++i) {
    unsigned flags = 0;
    std::size_t n_values = 0;
    unsigned filter_config = 0;
    if (H5Pget_filter2(dcpl, static_cast<unsigned>(i), &flags, &n_values, nullptr, 0, nullptr,
                       &filter_config) == wanted)
      return true;
  }
  return false;
}

std::string scale_name(hid_t scale) {
  char name[64] = {};
  REQUIRE(H5DSget_scale_name(scale, name, sizeof name) > 0);
  return name;
}

void require_dimension_scales(hid_t file, const char* variable,
                              const std::vector<std::string>& dimensions) {
  CAPTURE(variable);
  Id dataset(H5Dopen2(file, variable, H5P_DEFAULT), H5Dclose);
  REQUIRE(H5Aexists(dataset.id, "DIMENSION_LIST") > 0);
  for (std::size_t i = 0; i < dimensions.size(); ++i) {
    CAPTURE(i, dimensions[i]);
    Id scale(H5Dopen2(file, dimensions[i].c_str(), H5P_DEFAULT), H5Dclose);
    REQUIRE(H5DSis_scale(scale.id) > 0);
    REQUIRE(scale_name(scale.id) == dimensions[i]);
    REQUIRE(H5DSget_num_scales(dataset.id, static_cast<unsigned>(i)) == 1);
    REQUIRE(H5DSis_attached(dataset.id, scale.id, static_cast<unsigned>(i)) > 0);
  }
}

std::vector<hsize_t> chunk_of(hid_t file, const char* variable) {
  Id dataset(H5Dopen2(file, variable, H5P_DEFAULT), H5Dclose);
  Id dcpl(H5Dget_create_plist(dataset.id), H5Pclose);
  REQUIRE(H5Pget_layout(dcpl.id) == H5D_CHUNKED);
  std::vector<hsize_t> chunk(8);
  const int rank = H5Pget_chunk(dcpl.id, static_cast<int>(chunk.size()), chunk.data());
  REQUIRE(rank > 0);
  chunk.resize(static_cast<std::size_t>(rank));
  return chunk;
}

}  // namespace

TEST_CASE("results round-trip through an HDF5 file exactly", "[results_hdf5]") {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  const Results written = sample_results();
  drempel::write_results_hdf5(written, path);
  require_same(drempel::read_results_hdf5(path), written);
}

TEST_CASE("empty and large text attributes round-trip", "[results_hdf5]") {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  Results written = sample_results();
  written.engine_version = "";
  written.metrics[0].units = "";
  // Beyond HDF5's 64 KiB limit for attributes kept in the object header.
  written.scenario_json = "{\"padding\": \"" + std::string(200 * 1024, 'x') + "\"}";
  drempel::write_results_hdf5(written, path);
  require_same(drempel::read_results_hdf5(path), written);
}

TEST_CASE("an empty created_utc is written as the current UTC time", "[results_hdf5]") {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  Results written = sample_results();
  written.created_utc.clear();
  const std::string before = utc_now();
  drempel::write_results_hdf5(written, path);
  const std::string after = utc_now();
  const std::string created = drempel::read_results_hdf5(path).created_utc;
  CAPTURE(before, created, after);
  REQUIRE(std::regex_match(created, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")));
  REQUIRE(before <= created);  // ISO 8601 in UTC sorts like time
  REQUIRE(created <= after);
}

TEST_CASE("the raw HDF5 API sees dimension scales, int64 counts, chunks and deflate",
          "[results_hdf5]") {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  drempel::write_results_hdf5(sample_results(), path);

  Id file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  {
    Id dataset(H5Dopen2(file.id, "stage_count", H5P_DEFAULT), H5Dclose);
    Id space(H5Dget_space(dataset.id), H5Sclose);
    REQUIRE(H5Sget_simple_extent_ndims(space.id) == 4);
    std::vector<hsize_t> dims(4);
    H5Sget_simple_extent_dims(space.id, dims.data(), nullptr);
    REQUIRE(dims == std::vector<hsize_t>{2, 3, 2, 3});
    Id type(H5Dget_type(dataset.id), H5Tclose);
    REQUIRE(H5Tget_class(type.id) == H5T_INTEGER);
    REQUIRE(H5Tget_size(type.id) == 8);
    REQUIRE(H5Tget_sign(type.id) == H5T_SGN_2);
    Id dcpl(H5Dget_create_plist(dataset.id), H5Pclose);
    REQUIRE(H5Pget_layout(dcpl.id) == H5D_CHUNKED);
    REQUIRE(has_filter(dcpl.id, H5Z_FILTER_DEFLATE));
    REQUIRE(has_filter(dcpl.id, H5Z_FILTER_SHUFFLE));
  }
  require_dimension_scales(file.id, "stage_count", {"replicate", "month", "region", "stage"});
  require_dimension_scales(file.id, "initial_stage_count", {"replicate", "region", "stage"});
  require_dimension_scales(file.id, "transition_count",
                           {"replicate", "month", "region", "from_stage", "to_stage"});
  require_dimension_scales(file.id, "arrival_count", {"replicate", "month", "region", "stage"});
  require_dimension_scales(file.id, "caseload_per_fte", {"replicate", "month", "region"});
  require_dimension_scales(file.id, "month_label", {"month"});

  // netCDF-C needs creation order tracked and indexed to read the file.
  // The file creation property list does not report it back; the root group's does.
  Id root(H5Gopen2(file.id, "/", H5P_DEFAULT), H5Gclose);
  Id gcpl(H5Gget_create_plist(root.id), H5Pclose);
  unsigned link_order = 0;
  unsigned attribute_order = 0;
  REQUIRE(H5Pget_link_creation_order(gcpl.id, &link_order) >= 0);
  REQUIRE(H5Pget_attr_creation_order(gcpl.id, &attribute_order) >= 0);
  REQUIRE(link_order == (H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED));
  REQUIRE(attribute_order == (H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED));
}

TEST_CASE("large variables are cut into chunks of at most 1 MiB along replicates and months",
          "[results_hdf5]") {
  TempDir dir;
  const std::string path = dir.file("large.h5");
  Results results;
  results.replicates = 2;
  results.start_month = "2026-01";
  for (int m = 0; m < 120; ++m)
    results.month_labels.push_back(drempel::format_month(2026 * 12 + m));
  for (int g = 0; g < 300; ++g) results.region_names.push_back("region" + std::to_string(g));
  for (int s = 0; s < 12; ++s) results.stage_names.push_back("stage" + std::to_string(s));
  results.metrics = {MetricSeries{"caseload_per_fte", "1", "open cases per FTE", {}}};
  results.allocate();
  drempel::write_results_hdf5(results, path);

  Id file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  // Variables above 1 MiB hold one replicate per chunk and whole regions and stages; those
  // below (initial_stage_count: 56 KiB) are one chunk.
  for (const char* variable : {"stage_count", "transition_count", "arrival_count"}) {
    const std::vector<hsize_t> chunk = chunk_of(file.id, variable);
    hsize_t bytes = 8;
    for (hsize_t d : chunk) bytes *= d;
    CAPTURE(variable, bytes);
    REQUIRE(chunk[0] == 1);
    REQUIRE(bytes >= 16 * 1024);
    REQUIRE(bytes <= 1024 * 1024);
  }
  REQUIRE(chunk_of(file.id, "initial_stage_count") == std::vector<hsize_t>{2, 300, 12});
  // A month of transitions is 300 * 12 * 12 * 8 bytes = 337.5 KiB: one month per chunk.
  REQUIRE(chunk_of(file.id, "transition_count") == std::vector<hsize_t>{1, 1, 300, 12, 12});
}

TEST_CASE("a successful write leaves the final file and no partial file", "[results_hdf5]") {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  drempel::write_results_hdf5(sample_results(), path);
  REQUIRE(fs::is_regular_file(path));
  REQUIRE_FALSE(fs::exists(path + ".partial"));
}

TEST_CASE("writing into a missing directory throws and leaves no file", "[results_hdf5]") {
  TempDir dir;
  const std::string path = dir.file("missing/run.h5");
  REQUIRE_THAT(runtime_error_message([&] { drempel::write_results_hdf5(sample_results(), path); }),
               Contains(path));
  REQUIRE_FALSE(fs::exists(path));
  REQUIRE_FALSE(fs::exists(path + ".partial"));
}

TEST_CASE("a failure after the partial file exists removes it and keeps the old path",
          "[results_hdf5]") {
  TempDir dir;
  // A non-empty directory at the final path: the whole file gets written, then rename fails.
  const std::string path = dir.file("run.h5");
  fs::create_directory(path);
  std::ofstream(path + "/keep.txt") << "old";
  REQUIRE_THAT(runtime_error_message([&] { drempel::write_results_hdf5(sample_results(), path); }),
               Contains(path));
  REQUIRE_FALSE(fs::exists(path + ".partial"));
  REQUIRE(read_text(path + "/keep.txt") == "old");
}

TEST_CASE("invalid results throw and leave an existing file untouched", "[results_hdf5]") {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  const Results good = sample_results();
  drempel::write_results_hdf5(good, path);

  Results bad = sample_results();
  SECTION("no replicates") {
    bad.replicates = 0;
  }
  SECTION("no months") {
    bad.month_labels.clear();
  }
  SECTION("no regions") {
    bad.region_names.clear();
  }
  SECTION("no stages") {
    bad.stage_names.clear();
  }
  SECTION("an array of the wrong size") {
    bad.transition_count.pop_back();
  }
  SECTION("a metric of the wrong size") {
    bad.metrics[1].values.push_back(1.0);
  }
  SECTION("a metric named like a fixed variable") {
    bad.metrics[1].name = "stage_count";
  }
  SECTION("two metrics of the same name") {
    bad.metrics[1].name = bad.metrics[0].name;
  }
  SECTION("a metric name HDF5 cannot hold") {
    bad.metrics[1].name = "spending/eur";
  }
  SECTION("a region name with a NUL") {
    bad.region_names[1] = std::string("Li\0ege", 6);
  }
  bad.created_utc = "2030-01-01T00:00:00Z";

  REQUIRE_THAT(runtime_error_message([&] { drempel::write_results_hdf5(bad, path); }),
               Contains(path));
  REQUIRE_FALSE(fs::exists(path + ".partial"));
  require_same(drempel::read_results_hdf5(path), good);
}

TEST_CASE("a successful write replaces an existing file", "[results_hdf5]") {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  drempel::write_results_hdf5(sample_results(), path);
  Results second = sample_results();
  second.seed = 7;
  second.metrics.pop_back();
  drempel::write_results_hdf5(second, path);
  require_same(drempel::read_results_hdf5(path), second);
}

TEST_CASE("reading a missing or incomplete file throws naming the path and object",
          "[results_hdf5]") {
  TempDir dir;
  SECTION("missing file") {
    const std::string path = dir.file("nothing.h5");
    REQUIRE_THAT(runtime_error_message([&] { drempel::read_results_hdf5(path); }), Contains(path));
  }
  SECTION("file without stage_count") {
    const std::string path = dir.file("run.h5");
    drempel::ResultsFile file;
    file.points = {sample_results()};
    drempel::Dataset dataset = drempel::results_dataset(file);
    std::erase_if(dataset.variables, [](const auto& v) { return v.name == "stage_count"; });
    drempel::write_dataset_hdf5(dataset, path);
    REQUIRE_THAT(runtime_error_message([&] { drempel::read_results_hdf5(path); }),
                 Contains(path) && Contains("'stage_count'"));
  }
  SECTION("an inflow file") {
    const std::string path = dir.file("inflow.h5");
    drempel::ResultsFile file;
    file.points = {sample_results()};
    drempel::Dataset dataset = drempel::results_dataset(file);
    dataset.text_attributes["drempel_file_kind"] = "inflow";
    drempel::write_dataset_hdf5(dataset, path);
    REQUIRE_THAT(runtime_error_message([&] { drempel::read_results_hdf5(path); }),
                 Contains(path) && Contains("kind 'inflow'"));
  }
  SECTION("a format version this reader does not know") {
    const std::string path = dir.file("run.h5");
    drempel::write_results_hdf5(sample_results(), path);
    {
      Id file(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), H5Fclose);
      Id attribute(H5Aopen(file.id, "drempel_format_version", H5P_DEFAULT), H5Aclose);
      const std::int32_t version = 99;
      REQUIRE(H5Awrite(attribute.id, H5T_NATIVE_INT32, &version) >= 0);
    }
    REQUIRE_THAT(runtime_error_message([&] { drempel::read_results_hdf5(path); }),
                 Contains("drempel_format_version"));
  }
}

TEST_CASE("xarray with h5netcdf reads named dimensions, attributes and values",
          "[results_hdf5][python]") {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  drempel::write_results_hdf5(sample_results(), path);
  const std::string command = std::string("/usr/bin/python3 '") + DREMPEL_SOURCE_DIR +
                              "/tests/engine/check_results_xarray.py' '" + path + "'";
  CAPTURE(command);
  REQUIRE(exit_status(command) == 0);
}

TEST_CASE("ncdump reads the file when netCDF is installed", "[results_hdf5][netcdf]") {
  if (exit_status("command -v ncdump >/dev/null 2>&1") != 0) {
    WARN("ncdump not on PATH; netCDF-C compatibility not checked");
    return;
  }
  TempDir dir;
  const std::string path = dir.file("run.h5");
  const std::string header = dir.file("header.txt");
  drempel::write_results_hdf5(sample_results(), path);
  REQUIRE(exit_status("ncdump -h '" + path + "' >'" + header + "' 2>&1") == 0);
  const std::string text = read_text(header);
  CAPTURE(text);
  for (const char* expected :
       {"replicate = 2 ;", "month = 3 ;", "region = 2 ;", "stage = 3 ;", "from_stage = 3 ;",
        "to_stage = 3 ;", "int64 stage_count(replicate, month, region, stage) ;",
        "int64 transition_count(replicate, month, region, from_stage, to_stage) ;",
        "double caseload_per_fte(replicate, month, region) ;", ":seed = 18446744073709551557ULL ;",
        ":seed_text = \"18446744073709551557\" ;", ":drempel_format_version = 3 ;",
        "month:units = \"days since 2026-01-01 00:00:00\" ;",
        "month:calendar = \"proleptic_gregorian\" ;", "stage_count:units = \"1\" ;",
        "stage_count:coordinates = \"month_label\" ;", "region:long_name = \"region (OCMW)\" ;"})
    CHECK(text.find(expected) != std::string::npos);
  // The data too: ncdump must inflate every chunk and read the string coordinates.
  REQUIRE(exit_status("ncdump '" + path + "' >'" + header + "' 2>&1") == 0);
  REQUIRE(read_text(header).find("\"Gent\", \"Liège\"") != std::string::npos);
}

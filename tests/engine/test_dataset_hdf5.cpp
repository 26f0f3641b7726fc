#include <hdf5_hl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <limits>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/dataset_hdf5.hpp"

namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using drempel::Dataset;
using drempel::DatasetDimension;
using drempel::DatasetLabels;
using drempel::DatasetVariable;

// A fresh directory per test case, removed with everything in it afterwards.
class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = fs::temp_directory_path() / ("drempel_test_dataset_hdf5_" + std::to_string(getpid()) +
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

constexpr int kReplicates = 2;
constexpr int kMonths = 3;
constexpr int kRegions = 4;
constexpr int kDestinations = 5;

// Four dimensions of different lengths (two int-indexed, two labelled) and variables of one to
// four of them. Every value encodes its own position (r, m, g, d are 0-based indices), so a
// transposed or shifted array cannot compare equal by accident. The variables are not in name
// order, so a reader that sorts them fails. tests/engine/check_dataset_xarray.py expects exactly
// these formulas, names and attributes.
Dataset sample_dataset() {
  Dataset dataset;
  dataset.dimensions = {
      DatasetDimension{"replicate", "replicate run, 0-based", {}, {0, 1}},
      DatasetDimension{"month", "simulated month, 1 = start", {}, {1, 2, 3}},
      DatasetDimension{"region", "", {"Gent", "Liège", "Aalst", "Brugge"}, {}},
      DatasetDimension{"destination",
                       "region moved to",
                       {"Brussel", "Antwerpen", "Oostende", "Mechelen", "Ieper"},
                       {}},
  };
  dataset.labels = {DatasetLabels{
      "month_label", "calendar month, YYYY-MM", "month", {"2026-01", "2026-02", "2026-03"}}};

  DatasetVariable moves{"moves",
                        "",
                        "people moving from region to destination",
                        {"replicate", "month", "region", "destination"},
                        {},
                        {}};
  DatasetVariable share{"share", "1", "share reached", {"month", "region"}, {}, {}};
  DatasetVariable cost{
      "cost", "EUR month-1", "cost per destination", {"replicate", "destination"}, {}, {}};
  DatasetVariable arrivals{
      "arrivals", "month-1", "arrivals per month", {"replicate", "month", "region"}, {}, {}};
  DatasetVariable baseline{"baseline", "1", "baseline per region", {"region"}, {}, {}};
  for (int r = 0; r < kReplicates; ++r) {
    for (int m = 0; m < kMonths; ++m)
      for (int g = 0; g < kRegions; ++g) {
        arrivals.real.push_back(1000 * r + 100 * m + 10 * g + 0.5);
        for (int d = 0; d < kDestinations; ++d)
          moves.integer.push_back(5'000'000'000LL + 1000 * r + 100 * m + 10 * g + d);
      }
    for (int d = 0; d < kDestinations; ++d) cost.real.push_back(100.5 * r - 0.75 * d);
  }
  for (int m = 0; m < kMonths; ++m)
    for (int g = 0; g < kRegions; ++g) share.real.push_back(10 * m + g + 0.25);
  for (int g = 0; g < kRegions; ++g) baseline.integer.push_back(-7 - 3 * g);
  dataset.variables = {moves, share, cost, arrivals, baseline};

  dataset.text_attributes = {{"title", "naïve test — inflow"},
                             {"scenario_json", R"({"months": 3, "name": "x"})"},
                             {"empty_note", ""},
                             {"created_utc", "2026-01-02T03:04:05Z"}};
  // Above INT64_MAX: a signed attribute would not survive.
  dataset.uint64_attributes = {{"seed", 18446744073709551557ULL}, {"replicates", 2}};
  return dataset;
}

void require_same(const Dataset& a, const Dataset& b) {
  REQUIRE(a.dimensions.size() == b.dimensions.size());
  for (std::size_t i = 0; i < a.dimensions.size(); ++i) {
    CAPTURE(i);
    REQUIRE(a.dimensions[i].name == b.dimensions[i].name);
    REQUIRE(a.dimensions[i].long_name == b.dimensions[i].long_name);
    REQUIRE(a.dimensions[i].labels == b.dimensions[i].labels);
    REQUIRE(a.dimensions[i].indices == b.dimensions[i].indices);
  }
  REQUIRE(a.labels.size() == b.labels.size());
  for (std::size_t i = 0; i < a.labels.size(); ++i) {
    CAPTURE(i);
    REQUIRE(a.labels[i].name == b.labels[i].name);
    REQUIRE(a.labels[i].long_name == b.labels[i].long_name);
    REQUIRE(a.labels[i].dim == b.labels[i].dim);
    REQUIRE(a.labels[i].values == b.labels[i].values);
  }
  REQUIRE(a.variables.size() == b.variables.size());
  for (std::size_t i = 0; i < a.variables.size(); ++i) {
    CAPTURE(i, a.variables[i].name);
    REQUIRE(a.variables[i].name == b.variables[i].name);
    REQUIRE(a.variables[i].units == b.variables[i].units);
    REQUIRE(a.variables[i].long_name == b.variables[i].long_name);
    REQUIRE(a.variables[i].dims == b.variables[i].dims);
    REQUIRE(a.variables[i].real == b.variables[i].real);  // exact: doubles are stored as they are
    REQUIRE(a.variables[i].integer == b.variables[i].integer);
  }
  REQUIRE(a.text_attributes == b.text_attributes);
  REQUIRE(a.uint64_attributes == b.uint64_attributes);
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
  REQUIRE(H5DSis_scale(dataset.id) == 0);
  Id space(H5Dget_space(dataset.id), H5Sclose);
  REQUIRE(H5Sget_simple_extent_ndims(space.id) == static_cast<int>(dimensions.size()));
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

std::vector<std::string> links_in_creation_order(hid_t file) {
  H5G_info_t info{};
  REQUIRE(H5Gget_info(file, &info) >= 0);
  std::vector<std::string> names;
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    char name[64] = {};
    REQUIRE(H5Lget_name_by_idx(file, ".", H5_INDEX_CRT_ORDER, H5_ITER_INC, i, name, sizeof name,
                               H5P_DEFAULT) > 0);
    names.emplace_back(name);
  }
  return names;
}

bool type_equals(hid_t dataset, hid_t expected) {
  Id type(H5Dget_type(dataset), H5Tclose);
  return H5Tequal(type.id, expected) > 0;
}

std::vector<std::string> variable_names(const Dataset& dataset) {
  std::vector<std::string> names;
  for (const auto& variable : dataset.variables) names.push_back(variable.name);
  return names;
}

}  // namespace

TEST_CASE("a dataset round-trips through an HDF5 file exactly", "[dataset_hdf5]") {
  TempDir dir;
  const std::string path = dir.file("inflow.h5");
  const Dataset written = sample_dataset();
  drempel::write_dataset_hdf5(written, path);
  const Dataset read = drempel::read_dataset_hdf5(path);
  require_same(read, written);
  REQUIRE(read.variable("moves")->integer.at(1) == 5'000'000'001LL);  // beyond int32
}

TEST_CASE("special doubles, int64 extremes and long text round-trip bit for bit",
          "[dataset_hdf5]") {
  TempDir dir;
  const std::string path = dir.file("special.h5");
  Dataset written;
  written.dimensions = {DatasetDimension{"k", "", {}, {-5, 0, 7, 2147483647, -2147483647 - 1}}};
  written.variables = {
      DatasetVariable{
          "x",
          "",
          "special doubles",
          {"k"},
          {std::numeric_limits<double>::quiet_NaN(), -0.0, std::numeric_limits<double>::infinity(),
           -std::numeric_limits<double>::infinity(), std::numeric_limits<double>::denorm_min()},
          {}},
      DatasetVariable{"n",
                      "",
                      "int64 extremes",
                      {"k"},
                      {},
                      {std::numeric_limits<std::int64_t>::min(), -1, 0, 1,
                       std::numeric_limits<std::int64_t>::max()}},
  };
  // Beyond HDF5's 64 KiB limit for attributes kept in the object header.
  written.text_attributes = {{"long", std::string(200 * 1024, 'x') + "ë"},
                             {"created_utc", "2026-01-01T00:00:00Z"}};
  written.uint64_attributes = {{"zero", 0}, {"max", std::numeric_limits<std::uint64_t>::max()}};
  drempel::write_dataset_hdf5(written, path);
  const Dataset read = drempel::read_dataset_hdf5(path);

  REQUIRE(read.dimensions.at(0).indices == written.dimensions[0].indices);
  const std::vector<double>& x = read.variable("x")->real;
  REQUIRE(x.size() == 5);
  REQUIRE(std::memcmp(x.data(), written.variables[0].real.data(), 5 * sizeof(double)) == 0);
  REQUIRE(std::isnan(x[0]));
  REQUIRE(std::signbit(x[1]));
  REQUIRE(read.variable("n")->integer == written.variables[1].integer);
  REQUIRE(read.text_attributes == written.text_attributes);
  REQUIRE(read.uint64_attributes == written.uint64_attributes);
}

TEST_CASE("dimensions, labels and variables keep their order in the file and when read",
          "[dataset_hdf5]") {
  TempDir dir;
  const std::string path = dir.file("order.h5");
  Dataset written = sample_dataset();
  SECTION("as given") {}
  SECTION("reversed") {
    std::reverse(written.variables.begin(), written.variables.end());
    std::swap(written.dimensions[0], written.dimensions[3]);
  }
  drempel::write_dataset_hdf5(written, path);

  std::vector<std::string> expected;
  for (const auto& dim : written.dimensions) expected.push_back(dim.name);
  expected.push_back("month_label");
  for (const auto& variable : written.variables) expected.push_back(variable.name);
  {
    Id file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
    REQUIRE(links_in_creation_order(file.id) == expected);
  }
  const Dataset read = drempel::read_dataset_hdf5(path);
  REQUIRE(variable_names(read) == variable_names(written));
  REQUIRE(read.dimensions.at(0).name == written.dimensions[0].name);
  REQUIRE(read.dimensions.at(3).name == written.dimensions[3].name);
}

TEST_CASE("a missing or empty created_utc is written as the current UTC time", "[dataset_hdf5]") {
  TempDir dir;
  const std::string path = dir.file("inflow.h5");
  Dataset written = sample_dataset();
  SECTION("missing") {
    written.text_attributes.erase("created_utc");
  }
  SECTION("empty") {
    written.text_attributes["created_utc"] = "";
  }
  const std::string before = utc_now();
  drempel::write_dataset_hdf5(written, path);
  const std::string after = utc_now();
  const Dataset read = drempel::read_dataset_hdf5(path);
  REQUIRE(read.text_attributes.count("created_utc") == 1);
  const std::string created = read.text_attributes.at("created_utc");
  CAPTURE(before, created, after);
  REQUIRE(std::regex_match(created, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")));
  REQUIRE(before <= created);  // ISO 8601 in UTC sorts like time
  REQUIRE(created <= after);
}

TEST_CASE("the raw HDF5 API sees dimension scales, types, chunks and compression",
          "[dataset_hdf5]") {
  TempDir dir;
  const std::string path = dir.file("inflow.h5");
  drempel::write_dataset_hdf5(sample_dataset(), path);
  Id file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);

  require_dimension_scales(file.id, "moves", {"replicate", "month", "region", "destination"});
  require_dimension_scales(file.id, "share", {"month", "region"});
  require_dimension_scales(file.id, "cost", {"replicate", "destination"});
  require_dimension_scales(file.id, "arrivals", {"replicate", "month", "region"});
  require_dimension_scales(file.id, "baseline", {"region"});
  require_dimension_scales(file.id, "month_label", {"month"});

  for (const char* name : {"replicate", "month"}) {
    CAPTURE(name);
    Id scale(H5Dopen2(file.id, name, H5P_DEFAULT), H5Dclose);
    REQUIRE(type_equals(scale.id, H5T_STD_I32LE));
    Id dcpl(H5Dget_create_plist(scale.id), H5Pclose);
    REQUIRE(H5Pget_layout(dcpl.id) == H5D_CONTIGUOUS);
  }
  for (const char* name : {"region", "destination", "month_label"}) {
    CAPTURE(name);
    Id dataset(H5Dopen2(file.id, name, H5P_DEFAULT), H5Dclose);
    Id type(H5Dget_type(dataset.id), H5Tclose);
    REQUIRE(H5Tget_class(type.id) == H5T_STRING);
    REQUIRE(H5Tis_variable_str(type.id) > 0);
    REQUIRE(H5Tget_cset(type.id) == H5T_CSET_UTF8);
  }
  for (const char* name : {"moves", "baseline"}) {
    Id dataset(H5Dopen2(file.id, name, H5P_DEFAULT), H5Dclose);
    REQUIRE(type_equals(dataset.id, H5T_STD_I64LE));
  }
  for (const char* name : {"share", "cost", "arrivals"}) {
    Id dataset(H5Dopen2(file.id, name, H5P_DEFAULT), H5Dclose);
    REQUIRE(type_equals(dataset.id, H5T_IEEE_F64LE));
  }
  for (const char* name : {"moves", "share", "cost", "arrivals", "baseline"}) {
    CAPTURE(name);
    Id dataset(H5Dopen2(file.id, name, H5P_DEFAULT), H5Dclose);
    Id dcpl(H5Dget_create_plist(dataset.id), H5Pclose);
    REQUIRE(H5Pget_layout(dcpl.id) == H5D_CHUNKED);
    REQUIRE(has_filter(dcpl.id, H5Z_FILTER_SHUFFLE));
    REQUIRE(has_filter(dcpl.id, H5Z_FILTER_DEFLATE));
  }
  REQUIRE(chunk_of(file.id, "moves") == std::vector<hsize_t>{2, 3, 4, 5});  // small: one chunk
  {
    Id moves(H5Dopen2(file.id, "moves", H5P_DEFAULT), H5Dclose);
    REQUIRE(H5Aexists(moves.id, "units") == 0);  // empty units: no attribute
    REQUIRE(H5Aexists(moves.id, "long_name") > 0);
    Id region(H5Dopen2(file.id, "region", H5P_DEFAULT), H5Dclose);
    REQUIRE(H5Aexists(region.id, "long_name") == 0);
    Id seed(H5Aopen(file.id, "seed", H5P_DEFAULT), H5Aclose);
    Id seed_type(H5Aget_type(seed.id), H5Tclose);
    REQUIRE(H5Tequal(seed_type.id, H5T_STD_U64LE) > 0);
  }

  // netCDF-C needs link and attribute creation order tracked and indexed.
  Id root(H5Gopen2(file.id, "/", H5P_DEFAULT), H5Gclose);
  Id gcpl(H5Gget_create_plist(root.id), H5Pclose);
  unsigned link_order = 0;
  unsigned attribute_order = 0;
  REQUIRE(H5Pget_link_creation_order(gcpl.id, &link_order) >= 0);
  REQUIRE(H5Pget_attr_creation_order(gcpl.id, &attribute_order) >= 0);
  REQUIRE(link_order == (H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED));
  REQUIRE(attribute_order == (H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED));
  // HDF5 1.8 format bounds: superblock version 0 (1.10 would write version 3).
  H5F_info2_t info{};
  REQUIRE(H5Fget_info2(file.id, &info) >= 0);
  REQUIRE(info.super.version == 0);
}

TEST_CASE("large variables are cut into chunks of at most 1 MiB along outer dimensions",
          "[dataset_hdf5]") {
  TempDir dir;
  const std::string path = dir.file("large.h5");
  Dataset dataset;
  dataset.dimensions = {DatasetDimension{"a", "", {}, {0, 1, 2, 3}},
                        DatasetDimension{"b", "", {}, {}}, DatasetDimension{"c", "", {}, {}},
                        DatasetDimension{"long", "", {}, {}}};
  for (int i = 0; i < 200; ++i) dataset.dimensions[1].indices.push_back(i);
  for (int i = 0; i < 400; ++i) dataset.dimensions[2].indices.push_back(i);
  for (int i = 0; i < 200000; ++i) dataset.dimensions[3].indices.push_back(i);
  // 4 * 200 * 400 * 8 bytes = 2.4 MiB; one a-slab is 625 KiB.
  dataset.variables = {
      DatasetVariable{"big", "", "big", {"a", "b", "c"}, std::vector<double>(4 * 200 * 400), {}},
      DatasetVariable{"flat", "", "flat", {"long"}, {}, std::vector<std::int64_t>(200000, 3)},
      DatasetVariable{"small", "", "small", {"b", "c"}, std::vector<double>(200 * 400, 1.5), {}},
  };
  drempel::write_dataset_hdf5(dataset, path);
  Id file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  REQUIRE(chunk_of(file.id, "big") == std::vector<hsize_t>{1, 200, 400});
  REQUIRE(chunk_of(file.id, "flat") == std::vector<hsize_t>{32768});      // 256 KiB
  REQUIRE(chunk_of(file.id, "small") == std::vector<hsize_t>{200, 400});  // 625 KiB: whole
  const Dataset read = drempel::read_dataset_hdf5(path);
  REQUIRE(read.variable("flat")->integer == dataset.variables[1].integer);
  REQUIRE(read.variable("small")->real == dataset.variables[2].real);
}

TEST_CASE("every invalid dataset is rejected before any file exists, naming path and culprit",
          "[dataset_hdf5]") {
  struct Case {
    const char* what;
    std::function<void(Dataset&)> spoil;
    const char* culprit;  // must appear in the message
  };
  const std::vector<Case> cases = {
      {"a dimension with an empty name", [](Dataset& d) { d.dimensions[2].name = ""; },
       "dimension number 3 has an empty name"},
      {"a dimension of size 0", [](Dataset& d) { d.dimensions[2].labels.clear(); }, "'region'"},
      {"a dimension with labels and indices",
       [](Dataset& d) {
         d.dimensions[1].labels = {"a", "b", "c"};
       },
       "'month'"},
      {"two dimensions of the same name", [](Dataset& d) { d.dimensions[3].name = "region"; },
       "'region'"},
      {"a repeated coordinate label", [](Dataset& d) { d.dimensions[2].labels[3] = "Gent"; },
       "'Gent'"},
      {"a repeated coordinate index", [](Dataset& d) { d.dimensions[1].indices[2] = 1; },
       "'month'"},
      {"a label that is not UTF-8", [](Dataset& d) { d.dimensions[2].labels[1] = "Li\xe8ge"; },
       "'region'"},
      {"a label with a NUL",
       [](Dataset& d) { d.dimensions[3].labels[0] = std::string("Brus\0sel", 8); },
       "'destination'"},
      {"a variable on an unknown dimension",
       [](Dataset& d) { d.variables[1].dims[1] = "province"; }, "'province'"},
      {"a variable with too few values", [](Dataset& d) { d.variables[1].real.pop_back(); },
       "'share'"},
      {"a variable with too many values", [](Dataset& d) { d.variables[4].integer.push_back(1); },
       "'baseline'"},
      {"a variable with no values", [](Dataset& d) { d.variables[2].real.clear(); }, "'cost'"},
      {"a variable with real and integer values",
       [](Dataset& d) { d.variables[2].integer.assign(10, 1); }, "'cost'"},
      {"a variable without dimensions",
       [](Dataset& d) {
         d.variables[4].dims.clear();
         d.variables[4].integer = {1};
       },
       "'baseline'"},
      {"a variable using a dimension twice",
       [](Dataset& d) {
         d.variables[1].dims = {"region", "region"};
         d.variables[1].real.assign(16, 1.0);
       },
       "'region'"},
      {"a variable with an empty name", [](Dataset& d) { d.variables[3].name = ""; },
       "variable number 4 has an empty name"},
      {"a variable named like a dimension", [](Dataset& d) { d.variables[3].name = "month"; },
       "'month'"},
      {"two variables of the same name", [](Dataset& d) { d.variables[3].name = "share"; },
       "'share'"},
      {"a label variable named like a variable", [](Dataset& d) { d.labels[0].name = "cost"; },
       "'cost'"},
      {"a label variable on an unknown dimension", [](Dataset& d) { d.labels[0].dim = "year"; },
       "'year'"},
      {"a label variable of the wrong length", [](Dataset& d) { d.labels[0].values.pop_back(); },
       "'month_label'"},
      {"a variable without long_name", [](Dataset& d) { d.variables[1].long_name = ""; },
       "'share'"},
      {"a name with a slash", [](Dataset& d) { d.variables[1].name = "share/total"; },
       "'share/total'"},
      {"a name starting with a dot", [](Dataset& d) { d.dimensions[0].name = ".replicate"; },
       "'.replicate'"},
      {"a name ending in a space", [](Dataset& d) { d.variables[0].name = "moves "; }, "'moves '"},
      {"units that are not UTF-8", [](Dataset& d) { d.variables[2].units = "\xff"; }, "'cost'"},
      {"a global attribute reserved by netCDF",
       [](Dataset& d) { d.text_attributes["_NCProperties"] = "x"; }, "'_NCProperties'"},
      {"a global attribute both text and uint64",
       [](Dataset& d) { d.text_attributes["seed"] = "1"; }, "'seed'"},
      {"created_utc as a number",
       [](Dataset& d) {
         d.text_attributes.erase("created_utc");
         d.uint64_attributes["created_utc"] = 20260101;
       },
       "'created_utc'"},
      {"a global attribute with a NUL",
       [](Dataset& d) { d.text_attributes["title"] = std::string("a\0b", 3); }, "'title'"},
      {"a global attribute with an empty name", [](Dataset& d) { d.uint64_attributes[""] = 1; },
       "empty name"},
  };
  for (const Case& c : cases) {
    DYNAMIC_SECTION(c.what) {
      TempDir dir;
      const std::string path = dir.file("bad.h5");
      Dataset bad = sample_dataset();
      c.spoil(bad);
      const std::string message =
          runtime_error_message([&] { drempel::write_dataset_hdf5(bad, path); });
      CAPTURE(message);
      REQUIRE_THAT(message, Contains(path) && Contains(c.culprit));
      REQUIRE_FALSE(fs::exists(path));
      REQUIRE_FALSE(fs::exists(path + ".partial"));
    }
  }
}

TEST_CASE("an existing file is replaced only when the write succeeds", "[dataset_hdf5]") {
  TempDir dir;
  const std::string path = dir.file("inflow.h5");
  const Dataset first = sample_dataset();
  drempel::write_dataset_hdf5(first, path);

  Dataset bad = sample_dataset();
  bad.variables[0].integer.pop_back();
  REQUIRE_THROWS_AS(drempel::write_dataset_hdf5(bad, path), std::runtime_error);
  REQUIRE_FALSE(fs::exists(path + ".partial"));
  require_same(drempel::read_dataset_hdf5(path), first);

  Dataset second = sample_dataset();
  second.variables.erase(second.variables.begin() + 1);
  second.uint64_attributes["seed"] = 7;
  drempel::write_dataset_hdf5(second, path);
  REQUIRE_FALSE(fs::exists(path + ".partial"));
  require_same(drempel::read_dataset_hdf5(path), second);
}

TEST_CASE("writing into a missing directory throws naming the path and leaves no file",
          "[dataset_hdf5]") {
  TempDir dir;
  const std::string path = dir.file("missing/inflow.h5");
  REQUIRE_THAT(runtime_error_message([&] { drempel::write_dataset_hdf5(sample_dataset(), path); }),
               Contains(path));
  REQUIRE_FALSE(fs::exists(path));
  REQUIRE_FALSE(fs::exists(path + ".partial"));
}

TEST_CASE("a failure after the partial file exists removes it and keeps the old path",
          "[dataset_hdf5]") {
  TempDir dir;
  // A non-empty directory at the final path: the whole file gets written, then rename fails.
  const std::string path = dir.file("inflow.h5");
  fs::create_directory(path);
  std::ofstream(path + "/keep.txt") << "old";
  REQUIRE_THAT(runtime_error_message([&] { drempel::write_dataset_hdf5(sample_dataset(), path); }),
               Contains(path) && Contains("rename"));
  REQUIRE_FALSE(fs::exists(path + ".partial"));
  REQUIRE(read_text(path + "/keep.txt") == "old");
}

TEST_CASE("reading a missing file or one this format cannot hold throws naming path and object",
          "[dataset_hdf5]") {
  TempDir dir;
  const std::string path = dir.file("inflow.h5");
  SECTION("missing file") {
    REQUIRE_THAT(runtime_error_message([&] { drempel::read_dataset_hdf5(path); }), Contains(path));
  }
  SECTION("a variable whose dimension scale was detached") {
    drempel::write_dataset_hdf5(sample_dataset(), path);
    {
      Id file(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), H5Fclose);
      Id share(H5Dopen2(file.id, "share", H5P_DEFAULT), H5Dclose);
      Id region(H5Dopen2(file.id, "region", H5P_DEFAULT), H5Dclose);
      REQUIRE(H5DSdetach_scale(share.id, region.id, 1) >= 0);
    }
    REQUIRE_THAT(runtime_error_message([&] { drempel::read_dataset_hdf5(path); }),
                 Contains(path) && Contains("'share'") && Contains("axis 1"));
  }
  SECTION("a group") {
    drempel::write_dataset_hdf5(sample_dataset(), path);
    {
      Id file(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), H5Fclose);
      Id group(H5Gcreate2(file.id, "extra", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
    }
    REQUIRE_THAT(runtime_error_message([&] { drempel::read_dataset_hdf5(path); }),
                 Contains(path) && Contains("'extra'"));
  }
  SECTION("a floating-point global attribute") {
    drempel::write_dataset_hdf5(sample_dataset(), path);
    {
      Id file(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), H5Fclose);
      Id space(H5Screate(H5S_SCALAR), H5Sclose);
      Id attribute(H5Acreate2(file.id, "ratio", H5T_IEEE_F64LE, space.id, H5P_DEFAULT, H5P_DEFAULT),
                   H5Aclose);
      const double ratio = 0.5;
      REQUIRE(H5Awrite(attribute.id, H5T_NATIVE_DOUBLE, &ratio) >= 0);
    }
    REQUIRE_THAT(runtime_error_message([&] { drempel::read_dataset_hdf5(path); }),
                 Contains(path) && Contains("'ratio'"));
  }
}

TEST_CASE("lookups by name find dimensions, labels and variables or return null",
          "[dataset_hdf5]") {
  const Dataset dataset = sample_dataset();
  REQUIRE(dataset.dimension("region") == &dataset.dimensions[2]);
  REQUIRE(dataset.dimension("region")->size() == 4);
  REQUIRE(dataset.dimension("month")->size() == 3);
  REQUIRE(dataset.label("month_label") == &dataset.labels[0]);
  REQUIRE(dataset.variable("cost") == &dataset.variables[2]);
  REQUIRE_FALSE(dataset.variables[2].is_integer());
  REQUIRE(dataset.variables[0].is_integer());
  REQUIRE(dataset.dimension("cost") == nullptr);
  REQUIRE(dataset.label("month") == nullptr);
  REQUIRE(dataset.variable("region") == nullptr);
}

TEST_CASE("xarray with h5netcdf reads named dimensions, coordinates, values and attributes",
          "[dataset_hdf5][python]") {
  TempDir dir;
  const std::string path = dir.file("inflow.h5");
  drempel::write_dataset_hdf5(sample_dataset(), path);
  const std::string command = std::string("/usr/bin/python3 '") + DREMPEL_SOURCE_DIR +
                              "/tests/engine/check_dataset_xarray.py' '" + path + "'";
  CAPTURE(command);
  REQUIRE(exit_status(command) == 0);

  SECTION("and the check fails on a file that differs") {
    Dataset other = sample_dataset();
    other.variables[0].integer[7] += 1;
    drempel::write_dataset_hdf5(other, path);
    REQUIRE(exit_status(command + " 2>/dev/null") == 1);
  }
}

TEST_CASE("ncdump reads the file when netCDF is installed", "[dataset_hdf5][netcdf]") {
  if (exit_status("command -v ncdump >/dev/null 2>&1") != 0) {
    WARN("ncdump not on PATH; netCDF-C compatibility not checked");
    return;
  }
  TempDir dir;
  const std::string path = dir.file("inflow.h5");
  const std::string header = dir.file("header.txt");
  drempel::write_dataset_hdf5(sample_dataset(), path);
  REQUIRE(exit_status("ncdump -h '" + path + "' >'" + header + "' 2>&1") == 0);
  const std::string text = read_text(header);
  CAPTURE(text);
  for (const char* expected :
       {"replicate = 2 ;", "month = 3 ;", "region = 4 ;", "destination = 5 ;",
        "int replicate(replicate) ;", "string region(region) ;", "string month_label(month) ;",
        "int64 moves(replicate, month, region, destination) ;", "double share(month, region) ;",
        "double cost(replicate, destination) ;", "int64 baseline(region) ;",
        "cost:units = \"EUR month-1\" ;", ":seed = 18446744073709551557ULL ;",
        ":title = \"naïve test — inflow\" ;"})
    CHECK(text.find(expected) != std::string::npos);
  // The data too: ncdump must inflate every chunk and read the string coordinates.
  REQUIRE(exit_status("ncdump '" + path + "' >'" + header + "' 2>&1") == 0);
  const std::string data = read_text(header);
  CHECK(data.find("\"Gent\", \"Liège\", \"Aalst\", \"Brugge\"") != std::string::npos);
  CHECK(data.find("5000000000, 5000000001, 5000000002") != std::string::npos);
}

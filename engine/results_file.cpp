#include "engine/results_file.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <type_traits>

#include "engine/cf_time.hpp"
#include "engine/scenario.hpp"

namespace drempel {
namespace {

constexpr const char* kSweepPoint = "sweep_point";
constexpr const char* kPointScenario = "point_scenario_json";
constexpr const char* kStageCount = "stage_count";
constexpr const char* kInitialStageCount = "initial_stage_count";
constexpr const char* kTransitionCount = "transition_count";
constexpr const char* kArrivalCount = "arrival_count";
constexpr const char* kFileKind = "run";
// The attribute that marks a count table (Results::tables) among the variables.
constexpr const char* kTableAttribute = "drempel_table";

bool is_fixed_dimension(const std::string& name) {
  static const std::set<std::string> names = {kSweepPoint, "replicate",  "month",   "region",
                                              "stage",     "from_stage", "to_stage"};
  return names.count(name) != 0;
}

// Names a metric may not take: the dimensions and the fixed variables of the file.
const std::set<std::string>& reserved_names() {
  static const std::set<std::string> names = {kSweepPoint,  kPointScenario,     "replicate",
                                              "month",      "region",           "stage",
                                              "from_stage", "to_stage",         "month_label",
                                              kStageCount,  kInitialStageCount, kTransitionCount,
                                              kArrivalCount};
  return names;
}

void expect_size(const std::string& name, std::size_t found, std::size_t expected) {
  if (found != expected)
    throw std::runtime_error(name + " has " + std::to_string(found) + " values, expected " +
                             std::to_string(expected));
}

// The count tables of one point: declared dimensions, names unique among the metrics (`seen`)
// and the fixed variables, sizes, and the first point's shape.
void validate_tables(const Results& r, const Results& first, const std::string& label,
                     std::set<std::string>& seen) {
  if (r.table_dimensions != first.table_dimensions || r.tables.size() != first.tables.size())
    throw std::runtime_error(label +
                             "count tables or their dimensions differ from the first point's");
  for (const TableDimension& d : r.table_dimensions) {
    if (is_fixed_dimension(d.name) || reserved_names().count(d.name) != 0 ||
        !seen.insert(d.name).second)
      throw std::runtime_error(label + "table dimension '" + d.name +
                               "' repeats another dimension or variable");
    if (r.dimension_size(d.name) < 1)
      throw std::runtime_error(label + "table dimension '" + d.name + "' is empty");
  }
  for (std::size_t k = 0; k < r.tables.size(); ++k) {
    const CountTable& t = r.tables[k];
    if (t.name.empty() || reserved_names().count(t.name) != 0 || !seen.insert(t.name).second)
      throw std::runtime_error(label + "table name '" + t.name +
                               "' is empty or repeats another variable");
    if (t.name != first.tables[k].name || t.dims != first.tables[k].dims)
      throw std::runtime_error(label + "table '" + t.name + "' differs from the first point's");
    std::set<std::string> dims;
    for (const std::string& d : t.dims) {
      if (d == "replicate" || d == kSweepPoint || !dims.insert(d).second)
        throw std::runtime_error(label + "table '" + t.name + "' has dimension '" + d +
                                 "' twice or in the wrong place");
      try {
        r.dimension_size(d);
      } catch (const std::invalid_argument&) {
        throw std::runtime_error(label + "table '" + t.name + "' names dimension '" + d +
                                 "', which is not declared");
      }
    }
    expect_size(label + "table " + t.name, t.values.size(),
                static_cast<std::size_t>(r.replicates) * r.table_cells(t));
  }
}

// The checks of one point, and that it has the shape of the first.
void validate_point(const Results& r, const Results& first, const std::string& label) {
  const auto at_least_one = [&](const char* what, int n) {
    if (n < 1)
      throw std::runtime_error(label + std::string(what) + " must be at least 1, found " +
                               std::to_string(n));
  };
  at_least_one("replicates", r.replicates);
  at_least_one("months (month_labels)", r.months());
  at_least_one("regions (region_names)", r.regions());
  at_least_one("stages (stage_names)", r.stages());
  if (r.replicates != first.replicates || r.month_labels != first.month_labels ||
      r.region_names != first.region_names || r.stage_names != first.stage_names ||
      r.seed != first.seed || r.start_month != first.start_month)
    throw std::runtime_error(label +
                             "replicates, months, regions, stages, seed or start month "
                             "differ from the first point's");
  const std::size_t n = static_cast<std::size_t>(r.replicates) * r.months() * r.regions();
  const std::size_t s = static_cast<std::size_t>(r.stages());
  expect_size(label + kStageCount, r.stage_count.size(), n * s);
  expect_size(label + kInitialStageCount, r.initial_stage_count.size(),
              static_cast<std::size_t>(r.replicates) * r.regions() * s);
  expect_size(label + kTransitionCount, r.transition_count.size(), n * s * s);
  expect_size(label + kArrivalCount, r.arrival_count.size(), n * s);
  std::set<std::string> seen;
  for (std::size_t k = 0; k < r.metrics.size(); ++k) {
    const MetricSeries& m = r.metrics[k];
    if (m.name.empty()) throw std::runtime_error(label + "a metric has an empty name");
    if (reserved_names().count(m.name) != 0 || !seen.insert(m.name).second)
      throw std::runtime_error(label + "metric name '" + m.name +
                               "' repeats another metric or a fixed variable");
    if (k >= first.metrics.size() || first.metrics[k].name != m.name ||
        first.metrics[k].units != m.units)
      throw std::runtime_error(label + "metric '" + m.name + "' differs from the first point's");
    expect_size(label + "metric " + m.name, m.values.size(), n);
  }
  if (r.metrics.size() != first.metrics.size())
    throw std::runtime_error(label + "has another number of metrics than the first point");
  validate_tables(r, first, label, seen);
}

// One array of every point, concatenated in point order: `array(point)` gives the point's.
template <typename Array>
auto concatenated(const ResultsFile& file, Array array) {
  std::remove_cvref_t<decltype(array(file.points.front()))> out;
  for (const Results& r : file.points) out.insert(out.end(), array(r).begin(), array(r).end());
  return out;
}

// The count tables of every point as variables over (sweep_point, replicate, ...), marked with
// kTableAttribute.
std::vector<DatasetVariable> table_variables(const ResultsFile& file,
                                             const std::vector<std::string>& prefix) {
  std::vector<DatasetVariable> out;
  const Results& first = file.points.front();
  for (std::size_t k = 0; k < first.tables.size(); ++k) {
    const CountTable& t = first.tables[k];
    std::vector<std::string> dims = prefix;
    dims.push_back("replicate");
    dims.insert(dims.end(), t.dims.begin(), t.dims.end());
    DatasetVariable v{t.name,
                      t.units,
                      t.long_name,
                      std::move(dims),
                      {},
                      concatenated(
                          file, [k](const Results& r) -> auto& { return r.tables[k].values; })};
    v.attributes[kTableAttribute] = "count";
    out.push_back(std::move(v));
  }
  return out;
}

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : " ") + n;
  return out;
}

void add_dimensions(Dataset& d, const ResultsFile& file, std::int32_t start) {
  const Results& first = file.points.front();
  if (file.is_sweep())
    d.dimensions.push_back(
        {.name = kSweepPoint, .long_name = "sweep point", .labels = file.point_names});
  d.dimensions.push_back(index_dimension("replicate", "replicate run, 0-based", 0,
                                         static_cast<std::size_t>(first.replicates)));
  d.dimensions.push_back(month_dimension(start, first.months()));
  d.dimensions.push_back(
      {.name = "region", .long_name = "region (OCMW)", .labels = first.region_names});
  d.dimensions.push_back(
      {.name = "stage", .long_name = "pathway stage", .labels = first.stage_names});
  d.dimensions.push_back({.name = "from_stage",
                          .long_name = "stage at the start of the month",
                          .labels = first.stage_names});
  d.dimensions.push_back({.name = "to_stage",
                          .long_name = "stage at the end of the month",
                          .labels = first.stage_names});
  d.labels.push_back(month_label_variable(start, first.months()));
  for (const TableDimension& t : first.table_dimensions) {
    DatasetDimension dim;
    if (t.months) {
      dim = month_dimension(start, first.months());
      dim.name = t.name;
    } else {
      dim.name = t.name;
      dim.labels = t.labels;
      dim.indices = t.values;
      dim.units = t.units;
    }
    dim.long_name = t.long_name;
    d.dimensions.push_back(std::move(dim));
  }
}

// The sweep's coordinates: one variable (or label variable) per swept parameter, and each point's
// resolved scenario. Returns their names for the data variables' "coordinates" attribute.
std::vector<std::string> add_sweep_coordinates(Dataset& d, const ResultsFile& file) {
  std::vector<std::string> names;
  if (!file.is_sweep()) return names;
  for (const SweepCoordinate& c : file.coordinates) {
    const std::string long_name = "value of " + c.pointer + " at each sweep point";
    if (c.texts.empty()) {
      DatasetVariable v{.name = c.variable_name(),
                        .long_name = long_name,
                        .dims = {kSweepPoint},
                        .real = c.numbers};
      v.attributes["json_pointer"] = c.pointer;
      d.variables.push_back(std::move(v));
    } else {
      DatasetLabels v;
      v.name = c.variable_name();
      v.long_name = long_name + " (JSON text)";
      v.dim = kSweepPoint;
      v.values = c.texts;
      v.attributes["json_pointer"] = c.pointer;
      d.labels.push_back(std::move(v));
    }
    names.push_back(c.variable_name());
  }
  DatasetLabels scenarios;
  scenarios.name = kPointScenario;
  scenarios.long_name = "the resolved scenario of each sweep point (JSON)";
  scenarios.dim = kSweepPoint;
  for (const Results& r : file.points) scenarios.values.push_back(r.scenario_json);
  d.labels.push_back(std::move(scenarios));
  return names;
}

const DatasetDimension& need_dimension(const Dataset& d, const std::string& name) {
  const DatasetDimension* dim = d.dimension(name);
  if (dim == nullptr) throw std::runtime_error("dimension '" + name + "' is missing");
  return *dim;
}

const std::string& need_text(const Dataset& d, const std::string& name) {
  const auto it = d.text_attributes.find(name);
  if (it == d.text_attributes.end())
    throw std::runtime_error("global attribute '" + name + "' is missing");
  return it->second;
}

// The part of `values` (the whole sweep) that belongs to point `p` of `points`.
template <typename T>
std::vector<T> slice(const std::vector<T>& values, std::size_t p, std::size_t points,
                     const std::string& name) {
  if (values.size() % points != 0)
    throw std::runtime_error("variable '" + name + "' does not split into sweep points");
  const std::size_t n = values.size() / points;
  return std::vector<T>(values.begin() + static_cast<std::ptrdiff_t>(p * n),
                        values.begin() + static_cast<std::ptrdiff_t>((p + 1) * n));
}

// The dimensions beyond the fixed ones, which count tables use.
std::vector<TableDimension> read_table_dimensions(const Dataset& d) {
  std::vector<TableDimension> out;
  for (const DatasetDimension& dim : d.dimensions) {
    if (is_fixed_dimension(dim.name)) continue;
    TableDimension t{.name = dim.name, .long_name = dim.long_name};
    if (dim.units.rfind("days since", 0) == 0) {
      t.months = true;
    } else {
      t.labels = dim.labels;
      t.values = dim.indices;
      t.units = dim.units;
    }
    out.push_back(std::move(t));
  }
  return out;
}

void read_sweep_coordinates(const Dataset& d, ResultsFile& file) {
  for (const DatasetVariable& v : d.variables)
    if (v.dims == std::vector<std::string>{kSweepPoint} && v.attributes.count("json_pointer"))
      file.coordinates.push_back({v.attributes.at("json_pointer"), v.real, {}});
  for (const DatasetLabels& l : d.labels)
    if (l.dim == kSweepPoint && l.attributes.count("json_pointer"))
      file.coordinates.push_back({l.attributes.at("json_pointer"), {}, l.values});
}

}  // namespace

ResultsFile results_from_dataset(const Dataset& d) {
  const auto kind = d.text_attributes.find("drempel_file_kind");
  if (kind != d.text_attributes.end() && kind->second != kFileKind)
    throw std::runtime_error("this is a file of kind '" + kind->second +
                             "', not the results of drempel run");
  const auto version = d.int32_attributes.find("drempel_format_version");
  if (version == d.int32_attributes.end() || version->second != kResultsFormatVersion)
    throw std::runtime_error("drempel_format_version is " +
                             (version == d.int32_attributes.end()
                                  ? std::string("missing or not int32")
                                  : std::to_string(version->second)) +
                             ", this reader knows " + std::to_string(kResultsFormatVersion));
  ResultsFile file;
  file.scenario_json = need_text(d, "scenario_json");
  const DatasetDimension* sweep = d.dimension(kSweepPoint);
  if (sweep != nullptr) file.point_names = sweep->labels;
  const std::size_t points = sweep != nullptr ? sweep->size() : 1;
  const DatasetLabels* scenarios = d.label(kPointScenario);
  read_sweep_coordinates(d, file);

  Results shape;
  shape.replicates = static_cast<int>(need_dimension(d, "replicate").size());
  const DatasetLabels* labels = d.label("month_label");
  if (labels == nullptr) throw std::runtime_error("variable 'month_label' is missing");
  shape.month_labels = labels->values;
  shape.region_names = need_dimension(d, "region").labels;
  shape.stage_names = need_dimension(d, "stage").labels;
  shape.engine_version = need_text(d, "engine_version");
  shape.start_month = need_text(d, "start_month");
  const auto seed = d.uint64_attributes.find("seed");
  if (seed == d.uint64_attributes.end())
    throw std::runtime_error("global attribute 'seed' (uint64) is missing");
  shape.seed = seed->second;
  shape.table_dimensions = read_table_dimensions(d);
  if (const auto created = d.text_attributes.find("created_utc");
      created != d.text_attributes.end())
    shape.created_utc = created->second;

  std::vector<std::string> metric_dims = {"replicate", "month", "region"};
  if (sweep != nullptr) metric_dims.insert(metric_dims.begin(), kSweepPoint);
  const auto integers = [&](const char* name) -> const std::vector<std::int64_t>& {
    const DatasetVariable* v = d.variable(name);
    if (v == nullptr || !v->is_integer())
      throw std::runtime_error(std::string("int64 variable '") + name + "' is missing");
    return v->integer;
  };
  for (std::size_t p = 0; p < points; ++p) {
    Results r = shape;
    r.scenario_json = scenarios != nullptr && p < scenarios->values.size() ? scenarios->values[p]
                                                                           : file.scenario_json;
    r.stage_count = slice(integers(kStageCount), p, points, kStageCount);
    r.initial_stage_count = slice(integers(kInitialStageCount), p, points, kInitialStageCount);
    r.transition_count = slice(integers(kTransitionCount), p, points, kTransitionCount);
    r.arrival_count = slice(integers(kArrivalCount), p, points, kArrivalCount);
    for (const DatasetVariable& v : d.variables)
      if (v.dims == metric_dims && !v.is_integer()) {
        const auto total = v.attributes.find("region_total");
        r.metrics.push_back({v.name, v.units, v.long_name, slice(v.real, p, points, v.name),
                             total != v.attributes.end() && total->second == "none"
                                 ? RegionTotal::kNone
                                 : RegionTotal::kSum});
      }
    for (const DatasetVariable& v : d.variables) {
      const auto table = v.attributes.find(kTableAttribute);
      if (table == v.attributes.end() || table->second != "count") continue;
      const std::size_t skip = sweep != nullptr ? 2 : 1;  // sweep_point, replicate
      if (!v.is_integer() || v.dims.size() <= skip || v.dims[skip - 1] != "replicate")
        throw std::runtime_error("count table '" + v.name + "' is not int64 over (replicate, ...)");
      r.tables.push_back(
          {v.name, v.units, v.long_name,
           std::vector<std::string>(v.dims.begin() + static_cast<long>(skip), v.dims.end()),
           slice(v.integer, p, points, v.name)});
    }
    validate_point(r, r, sweep != nullptr ? "sweep point " + file.point_names[p] + ": " : "");
    file.points.push_back(std::move(r));
  }
  return file;
}

std::string SweepCoordinate::variable_name() const {
  std::string name = "sweep";
  for (const char c : pointer) name += c == '/' ? '.' : c;
  return name;
}

std::size_t ResultsFile::point_index(const std::string& name) const {
  for (std::size_t i = 0; i < point_names.size(); ++i)
    if (point_names[i] == name) return i;
  if (!name.empty() && name.find_first_not_of("0123456789") == std::string::npos &&
      name.size() < 10 && std::stoul(name) < points.size())
    return std::stoul(name);
  std::string known;
  for (const auto& n : point_names) known += (known.empty() ? "" : ", ") + n;
  throw std::invalid_argument("no sweep point \"" + name + "\"" +
                              (known.empty() ? " (the file holds one run, not a sweep)"
                                             : " (the points are: " + known + ")"));
}

void set_file_attributes(Dataset& d, const std::string& kind, std::int32_t version,
                         const std::string& scenario_json, const std::string& start_month,
                         std::uint64_t seed, std::int32_t replicates,
                         const std::string& engine_version) {
  d.text_attributes["drempel_file_kind"] = kind;
  d.int32_attributes["drempel_format_version"] = version;
  d.text_attributes["engine_version"] = engine_version;
  d.text_attributes["scenario_json"] = scenario_json;
  d.text_attributes["start_month"] = start_month;
  d.uint64_attributes["seed"] = seed;
  d.text_attributes["seed_text"] = std::to_string(seed);
  d.int32_attributes["replicates"] = replicates;
  d.text_attributes["Conventions"] = "CF-1.10";
}

Dataset results_dataset(const ResultsFile& file) {
  if (file.points.empty()) throw std::runtime_error("no results to write");
  if (file.is_sweep() && file.point_names.size() != file.points.size())
    throw std::runtime_error("sweep point names and results differ in number");
  const Results& first = file.points.front();
  for (std::size_t p = 0; p < file.points.size(); ++p)
    validate_point(file.points[p], first,
                   file.is_sweep() ? "sweep point " + file.point_names[p] + ": " : "");
  std::int32_t start = 0;
  if (!parse_month(first.start_month, start))
    throw std::runtime_error("start_month \"" + first.start_month + "\" is not YYYY-MM");
  if (month_label_variable(start, first.months()).values != first.month_labels)
    throw std::runtime_error("month_labels are not the months from start_month " +
                             first.start_month + " on");

  Dataset d;
  add_dimensions(d, file, start);
  const std::vector<std::string> sweep_names = add_sweep_coordinates(d, file);
  std::vector<std::string> prefix;
  if (file.is_sweep()) prefix.push_back(kSweepPoint);
  const auto dims = [&](std::vector<std::string> rest) {
    std::vector<std::string> all = prefix;
    all.insert(all.end(), rest.begin(), rest.end());
    return all;
  };
  std::vector<std::string> with_month = sweep_names;
  with_month.insert(with_month.begin(), "month_label");
  const auto add = [&](DatasetVariable v, bool has_month) {
    const std::vector<std::string>& coordinates = has_month ? with_month : sweep_names;
    if (!coordinates.empty()) v.attributes["coordinates"] = join(coordinates);
    d.variables.push_back(std::move(v));
  };
  add({kStageCount,
       "1",
       "clients in each stage at the end of the month",
       dims({"replicate", "month", "region", "stage"}),
       {},
       concatenated(
           file, [](const Results& r) -> auto& { return r.stage_count; })},
      true);
  add({kInitialStageCount,
       "1",
       "clients in each stage before month 1",
       dims({"replicate", "region", "stage"}),
       {},
       concatenated(
           file, [](const Results& r) -> auto& { return r.initial_stage_count; })},
      false);
  add({kTransitionCount,
       "1",
       "clients moving from one stage to another during the month (diagonal: stayed)",
       dims({"replicate", "month", "region", "from_stage", "to_stage"}),
       {},
       concatenated(
           file, [](const Results& r) -> auto& { return r.transition_count; })},
      true);
  add({kArrivalCount,
       "1",
       "new clients arriving in each stage during the month",
       dims({"replicate", "month", "region", "stage"}),
       {},
       concatenated(
           file, [](const Results& r) -> auto& { return r.arrival_count; })},
      true);
  for (std::size_t k = 0; k < first.metrics.size(); ++k) {
    std::vector<double> values = concatenated(
        file, [k](const Results& r) -> auto& { return r.metrics[k].values; });
    DatasetVariable v{first.metrics[k].name, first.metrics[k].units, first.metrics[k].long_name,
                      dims({"replicate", "month", "region"}), std::move(values)};
    v.attributes["region_total"] =
        first.metrics[k].region_total == RegionTotal::kSum ? "sum" : "none";
    add(std::move(v), true);
  }
  for (DatasetVariable& v : table_variables(file, prefix)) {
    const bool has_month = std::find(v.dims.begin(), v.dims.end(), "month") != v.dims.end();
    add(std::move(v), has_month);
  }
  set_file_attributes(d, kFileKind, kResultsFormatVersion,
                      file.is_sweep() ? file.scenario_json : first.scenario_json, first.start_month,
                      first.seed, first.replicates, first.engine_version);
  if (!first.created_utc.empty()) d.text_attributes["created_utc"] = first.created_utc;
  if (!first.input_files_json.empty())
    d.text_attributes["input_files_json"] = first.input_files_json;
  return d;
}

}  // namespace drempel

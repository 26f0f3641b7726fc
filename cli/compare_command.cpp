// drempel compare: the paired difference of two runs, or of two points of one sweep.
#include <cstdio>
#include <optional>
#include <sstream>

#include "analysis/compare.hpp"
#include "cli/commands.hpp"
#include "engine/output_files.hpp"
#include "engine/results_hdf5.hpp"

namespace drempel {
namespace {

ResultsFile read_input(const std::string& path) {
  try {
    return read_results_file(path);
  } catch (const std::exception& error) {
    throw CommandError{error.what()};
  }
}

std::string label(const std::string& path, const ResultsFile& file, const std::string& point) {
  return file.is_sweep() ? path + " [" + file.point_names[file.point_index(point)] + "]" : path;
}

}  // namespace

const Results& chosen_point(const ResultsFile& file, const std::string& path,
                            const std::string& choice, const char* flag) {
  if (choice.empty()) {
    if (!file.is_sweep()) return file.points.front();
    std::string names;
    for (const auto& n : file.point_names) names += (names.empty() ? "" : ", ") + n;
    throw CommandError{path + " holds a sweep: choose a point with " + flag + " (" + names + ")"};
  }
  try {
    return file.points[file.point_index(choice)];
  } catch (const std::invalid_argument& error) {
    throw CommandError{std::string(flag) + ": " + path + ": " + error.what()};
  }
}

int compare_command(const CompareArgs& args) {
  check_outputs({{"--csv", args.csv}, {"--json", args.json}}, args.files);
  const std::string& base_path = args.files.front();
  const std::string& variant_path = args.files.size() > 1 ? args.files[1] : args.files.front();
  if (args.files.size() == 1 && (args.base_point.empty() || args.variant_point.empty()))
    throw CommandError{
        "one file: name the two sweep points to compare with --base-point and "
        "--variant-point"};
  const ResultsFile base_file = read_input(base_path);
  const ResultsFile variant_file = args.files.size() > 1 ? read_input(variant_path) : base_file;
  const Results& base = chosen_point(base_file, base_path, args.base_point, "--base-point");
  const Results& variant =
      chosen_point(variant_file, variant_path, args.variant_point, "--variant-point");

  CompareOptions options;
  options.quantities = args.metrics;
  options.region = args.region;
  options.horizons = args.at;
  for (const int m : args.months) {
    if (m < 1 || m > base.months())
      throw CommandError{"--months: expected month numbers from 1 to " +
                         std::to_string(base.months()) + ", found " + std::to_string(m)};
    options.horizons.push_back(base.month_labels[static_cast<std::size_t>(m - 1)]);
  }
  Comparison comparison;
  try {
    comparison = compare_results(base, variant, options);
  } catch (const NotComparable& error) {
    throw CommandError{"cannot compare " + variant_path + " with " + base_path + ": " +
                       error.what()};
  }
  const std::string base_name = label(base_path, base_file, args.base_point);
  const std::string variant_name = label(variant_path, variant_file, args.variant_point);
  if (!args.quiet) print_comparison(stdout, comparison, base_name, variant_name);
  for (const auto& w : comparison.warnings)
    if (args.quiet) std::fprintf(stderr, "drempel: warning: %s\n", w.c_str());
  // Both outputs complete before either is renamed into place.
  std::optional<PartialFile> csv, json;
  if (!args.csv.empty()) {
    std::ostringstream out;
    write_comparison_csv(out, comparison);
    csv.emplace(args.csv);
    write_text_file(csv->partial(), out.str());
  }
  if (!args.json.empty()) {
    json.emplace(args.json);
    write_text_file(json->partial(),
                    comparison_json(comparison, base_name, variant_name).dump(2) + "\n");
  }
  if (csv) csv->commit();
  if (json) json->commit();
  return 0;
}

}  // namespace drempel

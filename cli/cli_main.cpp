#include "cli/cli_main.hpp"

#include <charconv>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "analysis/inflow_report.hpp"
#include "analysis/replicate_stats.hpp"
#include "engine/dataset_hdf5.hpp"
#include "engine/input_error.hpp"
#include "engine/progress.hpp"
#include "engine/results_hdf5.hpp"
#include "engine/scenario.hpp"
#include "engine/version.hpp"
#include "models/inflow.hpp"
#include "models/parameters.hpp"
#include "models/run.hpp"

namespace drempel {
namespace {

constexpr const char* kUsage =
    "usage:\n"
    "  drempel run SCENARIO.json [--out FILE.h5] [--replicates N] [--seed S] [--threads T]\n"
    "                            [--set /json/pointer=value]... [--quiet]\n"
    "  drempel inflow SCENARIO.json [--out FILE.h5] [--replicates N] [--seed S] [--csv FILE.csv]\n"
    "                               [--set /json/pointer=value]... [--quiet]\n"
    "  drempel validate SCENARIO.json [--set /json/pointer=value]...\n"
    "  drempel --version | --help\n"
    "exit status: 0 done, 2 bad input or usage, 1 internal failure\n";

struct UsageError {
  std::string message;
};

struct Arguments {
  std::string command;
  std::string scenario;
  std::string out;
  std::string csv;
  std::vector<std::string> overrides;
  int threads = 0;
  bool quiet = false;
};

template <class T>
T parse_number(const std::string& flag, const std::string& text, T min) {
  T value{};
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || value < min)
    throw UsageError{flag + ": expected a whole number >= " + std::to_string(min) + ", found \"" +
                     text + "\""};
  return value;
}

Arguments parse(int argc, const char* const* argv) {
  Arguments a;
  if (argc < 2) throw UsageError{"missing command"};
  a.command = argv[1];
  if (a.command != "run" && a.command != "validate" && a.command != "inflow")
    throw UsageError{"unknown command \"" + a.command + "\""};
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw UsageError{arg + ": expected a value after it"};
      return argv[++i];
    };
    if (arg == "--set") {
      a.overrides.push_back(value());
    } else if (arg.rfind("--set=", 0) == 0) {
      a.overrides.push_back(arg.substr(6));
    } else if (a.command != "validate" && arg == "--out") {
      a.out = value();
    } else if (a.command == "inflow" && arg == "--csv") {
      a.csv = value();
    } else if (a.command != "validate" && arg == "--replicates") {
      a.overrides.push_back("/replicates=" +
                            std::to_string(parse_number<long long>(arg, value(), 1)));
    } else if (a.command != "validate" && arg == "--seed") {
      a.overrides.push_back("/seed=" + std::to_string(parse_number<long long>(arg, value(), 0)));
    } else if (a.command == "run" && arg == "--threads") {
      a.threads = parse_number<int>(arg, value(), 1);
    } else if (a.command != "validate" && arg == "--quiet") {
      a.quiet = true;
    } else if (!arg.empty() && arg[0] == '-') {
      throw UsageError{"unknown option \"" + arg + "\" for " + a.command};
    } else if (a.scenario.empty()) {
      a.scenario = arg;
    } else {
      throw UsageError{"unexpected argument \"" + arg + "\""};
    }
  }
  if (a.scenario.empty()) throw UsageError{"missing SCENARIO.json"};
  if (a.out.empty())
    a.out = std::filesystem::path(a.scenario).stem().string() +
            (a.command == "inflow" ? "-inflow.h5" : ".h5");
  return a;
}

void print_validate_summary(const ScenarioDocument& doc, const ModelParameters& p) {
  std::printf("scenario   %s  (valid)\n", doc.path.c_str());
  if (doc.root.contains("name")) std::printf("name       %s\n", doc.root["name"].dump().c_str());
  std::printf("months     %d from %s to %s\n", p.months, format_month(p.start_month).c_str(),
              format_month(p.start_month + p.months - 1).c_str());
  std::printf("replicates %d, seed %llu\n", p.replicates, static_cast<unsigned long long>(p.seed));
  const InflowSeries inflow = compute_inflow(p, central_inflow_draw(p.inflow), nullptr);
  std::printf("\n%-16s %10s %10s %14s %16s %14s\n", "region", "clients0", "fte", "hours/month",
              "reform losses", "ordinary/mo");
  for (std::size_t g = 0; g < p.regions.size(); ++g) {
    double lost = 0;
    for (std::int32_t m = 0; m < p.months; ++m) {
      const std::size_t cell = inflow.at(m, static_cast<std::int32_t>(g));
      lost += inflow.losses_waves[cell] + inflow.losses_new_claims[cell];
    }
    const auto& r = p.regions[g];
    std::printf(
        "%-16s %10lld %10.2f %14.1f %16.0f %14.2f\n", r.name.c_str(),
        static_cast<long long>(r.initial_clients), r.caseworker_fte,
        r.caseworker_fte * p.caseworkers.hours_per_fte_per_month * p.caseworkers.client_time_share,
        lost, r.ordinary_applications_per_month);
  }
}

// Stage stocks in the last month (summed over regions) and two caseworker figures, as mean and
// 95% interval over replicates.
void print_run_summary(const Results& res, const std::string& out) {
  const int last = res.months() - 1;
  std::vector<double> per_rep(static_cast<std::size_t>(res.replicates));
  auto row = [&](const std::string& label, auto value_of) {
    for (int r = 0; r < res.replicates; ++r) per_rep[static_cast<std::size_t>(r)] = value_of(r);
    const MeanInterval mi = mean_interval(per_rep);
    if (res.replicates > 1)
      std::printf("  %-30s %12.1f   [%10.1f, %10.1f]\n", label.c_str(), mi.mean, mi.low, mi.high);
    else
      std::printf("  %-30s %12.1f\n", label.c_str(), mi.mean);
  };
  std::printf("%s: %d replicate(s), %d months (%s to %s), %d region(s)\n", out.c_str(),
              res.replicates, res.months(), res.month_labels.front().c_str(),
              res.month_labels.back().c_str(), res.regions());
  std::printf("\n  %-30s %12s   %s\n", ("stage at end of " + res.month_labels.back()).c_str(),
              "mean", res.replicates > 1 ? "95% interval" : "");
  for (int s = 0; s < res.stages(); ++s)
    row(res.stage_names[static_cast<std::size_t>(s)], [&](int r) {
      double sum = 0;
      for (int g = 0; g < res.regions(); ++g)
        sum += static_cast<double>(res.stage_count[res.stage_index(r, last, g, s)]);
      return sum;
    });
  std::printf("\n  %-30s %12s   %s\n", "last month, all regions", "mean",
              res.replicates > 1 ? "95% interval" : "");
  for (const char* name : {"clients_active", "caseworker_fte_employed", "caseworker_hours_demanded",
                           "caseworker_hours_supplied", "leefloon_spending_eur"}) {
    const MetricSeries* m = res.metric(name);
    if (!m) continue;
    row(name, [&](int r) {
      double sum = 0;
      for (int g = 0; g < res.regions(); ++g) sum += m->values[res.metric_index(r, last, g)];
      return sum;
    });
  }
}

int run_command(const Arguments& a) {
  const ScenarioDocument doc = load_scenario(a.scenario, a.overrides);
  const ModelParameters params = read_model_parameters(doc);
  if (a.command == "validate") {
    print_validate_summary(doc, params);
    return 0;
  }
  // Refuse an unwritable destination before spending time on the run.
  for (const auto& [flag, file] : {std::pair{"--out", a.out}, std::pair{"--csv", a.csv}})
    if (!file.empty() &&
        !std::filesystem::is_directory(std::filesystem::absolute(file).parent_path()))
      throw UsageError{std::string(flag) + ": expected a file in an existing directory, found \"" +
                       file + "\""};
  if (a.command == "inflow") {
    const InflowReport report = run_inflow(params);
    write_dataset_hdf5(inflow_dataset(report, params, doc.root.dump()), a.out);
    if (!a.csv.empty()) write_inflow_csv(report, a.csv);
    if (!a.quiet) {
      std::printf("%s: %zu replicate(s), %zu months (%s to %s), %zu region(s)\n", a.out.c_str(),
                  report.replicates.size(), report.month_labels.size(),
                  report.month_labels.front().c_str(), report.month_labels.back().c_str(),
                  report.region_names.size());
      print_inflow_table(stdout, report);
    }
    return 0;
  }
  RunOptions options;
  options.threads = a.threads;
  options.progress = !a.quiet && ProgressReporter::stderr_is_terminal();
  const Results results = run_pathways(params, doc.root.dump(), options);
  write_results_hdf5(results, a.out);
  if (!a.quiet) print_run_summary(results, a.out);
  return 0;
}

}  // namespace

int cli_main(int argc, const char* const* argv) {
  if (argc >= 2 && (std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h")) {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (argc >= 2 && std::string(argv[1]) == "--version") {
    std::printf("drempel %s\n", kEngineVersion);
    return 0;
  }
  try {
    return run_command(parse(argc, argv));
  } catch (const UsageError& e) {
    std::fprintf(stderr, "drempel: %s\n%s", e.message.c_str(), kUsage);
    return 2;
  } catch (const InputError& e) {
    std::fprintf(stderr, "drempel: invalid input (%zu problem%s):\n%s\n", e.issues().size(),
                 e.issues().size() == 1 ? "" : "s", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "drempel: internal failure: %s\n", e.what());
    return 1;
  }
}

}  // namespace drempel

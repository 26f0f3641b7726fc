// drempel calibrate: a thin layer over the estimators of analysis/ (docs/calibration.md).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "analysis/abc_calibration.hpp"
#include "analysis/multistate_study.hpp"
#include "analysis/simulated_moments.hpp"
#include "cli/commands.hpp"
#include "engine/input_error.hpp"
#include "engine/output_files.hpp"
#include "engine/scenario.hpp"

namespace drempel {
namespace {

int multistate(const CalibrateArgs& args) {
  const MultistateStudy study = read_multistate_study(args.config);
  const std::string out =
      args.out.empty() ? default_output(args.config, "-calibration.h5") : args.out;
  check_outputs({{"--out", out}}, {args.config, study.panel_path});
  const Panel panel = read_panel_csv(study.panel_path);
  const MultistateProblem problem = build_multistate_problem(panel, study.spec);
  if (!args.quiet)
    std::cerr << "fitting " << problem.parameter_count() << " parameters to "
              << problem.intervals.size() << " intervals of " << problem.person_count
              << " persons\n";
  const MultistateFit fit = fit_multistate(problem, study.max_evaluations);
  write_dataset_hdf5(multistate_dataset(study, problem, fit), out);
  std::cout << format_multistate_fit(problem, fit) << "\nwritten: " << out << "\n";
  return 0;
}

void write_scenario(const nlohmann::json& j, const std::string& path) {
  write_text_file(path, j.dump(2) + "\n");
}

int moments(const CalibrateArgs& args) {
  const std::string out =
      args.out.empty() ? default_output(args.config, "-calibration.h5") : args.out;
  const std::string scenario =
      args.scenario.empty() ? default_output(args.config, "-calibrated.json") : args.scenario;
  const MomentsCalibration c = read_moments_calibration(args.config);
  check_outputs({{"--out", out}, {"--scenario", scenario}},
                {args.config, c.scenario_path, c.data_path});
  // The method of moments runs its simulations one after the other, on every thread; ABC-SMC
  // runs one per thread at once.
  const std::vector<std::string> replicates = {"/replicates=" + std::to_string(c.replicates)};
  if (c.abc)
    check_simulations_memory(
        c.scenario_path, replicates,
        args.threads > 0 ? args.threads
                         : static_cast<int>(std::max(1u, std::thread::hardware_concurrency())),
        1, args.max_memory);
  else
    check_simulations_memory(c.scenario_path, replicates, 1, args.threads, args.max_memory);
  const auto t0 = std::chrono::steady_clock::now();
  const auto progress = [&](int done, int budget) {
    if (args.quiet) return;
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double eta = elapsed / done * std::max(budget - done, 0);
    std::fprintf(stderr, "\rsimulation %d (budget %d), %.0f s, at most %.0f s left   ", done,
                 budget, elapsed, eta);
  };
  std::string summary;
  if (c.abc) {
    const AbcResult r = fit_abc(c, args.threads, progress);
    if (!args.quiet) std::fprintf(stderr, "\n");
    write_dataset_hdf5(abc_dataset(c, r), out);
    write_scenario(calibrated_scenario(c, r.mean, scenario, "ABC-SMC, posterior means"), scenario);
    summary = format_abc(c, r);
  } else {
    const MomentsFit fit = fit_moments(c, args.threads, progress);
    if (!args.quiet) std::fprintf(stderr, "\n");
    write_dataset_hdf5(moments_dataset(c, fit), out);
    write_scenario(calibrated_scenario(c, fit.estimate, scenario, "method of simulated moments"),
                   scenario);
    summary = format_moments_fit(c, fit);
  }
  std::cout << summary << "\nwritten: " << out << ", " << scenario << "\n";
  return 0;
}

}  // namespace

int calibrate_command(const CalibrateArgs& args) {
  const ScenarioDocument doc = load_scenario(args.config);
  ScenarioReader r(doc);
  if (r.has("/method/multistate")) return multistate(args);
  if (r.has("/method/moments") || r.has("/method/abc")) return moments(args);
  throw InputError({{args.config, "/method",
                     "an object with \"moments\", \"abc\" or \"multistate\" (docs/calibration.md)",
                     describe_json(doc.root.contains("method") ? &doc.root["method"] : nullptr)}});
}

}  // namespace drempel

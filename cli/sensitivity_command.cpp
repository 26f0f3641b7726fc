// drempel sensitivity: a thin layer over analysis/sensitivity_study.
#include <chrono>
#include <cstdio>
#include <iostream>

#include "analysis/sensitivity_study.hpp"
#include "cli/commands.hpp"

namespace drempel {

int sensitivity_command(const SensitivityArgs& args) {
  const SensitivityStudy study = read_sensitivity_study(args.config);
  const std::string out =
      args.out.empty() ? default_output(args.config, "-sensitivity.h5") : args.out;
  check_outputs({{"--out", out}}, {args.config, study.scenario_path});
  // (Points run one after the other.)
  check_simulations_memory(study.scenario_path, {"/replicates=" + std::to_string(study.replicates)},
                           1, args.threads, args.max_memory);
  const auto t0 = std::chrono::steady_clock::now();
  const auto progress = [&](std::size_t done, std::size_t total) {
    if (args.quiet) return;
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::fprintf(stderr, "\rpoint %zu/%zu, %.0f s, about %.0f s left   ", done, total, elapsed,
                 elapsed / static_cast<double>(done) * static_cast<double>(total - done));
    if (done == total) std::fprintf(stderr, "\n");
  };
  const StudyResult result = run_sensitivity_study(study, args.threads, progress);
  write_dataset_hdf5(study_dataset(study, result), out);
  std::cout << format_study(study, result) << "written: " << out << "\n";
  return 0;
}

}  // namespace drempel

// drempel sensitivity: a thin layer over analysis/sensitivity_study.
#include <cstdio>
#include <iostream>

#include "analysis/sensitivity_study.hpp"
#include "cli/commands.hpp"

namespace drempel {

int sensitivity_command(const SensitivityArgs& args) {
  const SensitivityStudy study = read_sensitivity_study(args.config);
  const auto progress = [&](std::size_t done, std::size_t total) {
    if (args.quiet) return;
    std::fprintf(stderr, "\rpoint %zu/%zu", done, total);
    if (done == total) std::fprintf(stderr, "\n");
  };
  const StudyResult result = run_sensitivity_study(study, args.threads, progress);
  std::cout << format_study(study, result);
  return 0;
}

}  // namespace drempel

// drempel calibrate: a thin layer over the estimators of analysis/ (docs/calibration.md).
#include <filesystem>
#include <iostream>

#include "analysis/multistate_study.hpp"
#include "cli/commands.hpp"
#include "engine/input_error.hpp"
#include "engine/output_path.hpp"

namespace drempel {

int calibrate_command(const CalibrateArgs& args) {
  if (!is_multistate_config(args.config))
    throw InputError({{args.config, "/method",
                       "an object with \"multistate\" (docs/calibration.md)", "something else"}});
  const MultistateStudy study = read_multistate_study(args.config);
  const std::string out =
      args.out.empty() ? std::filesystem::path(args.config).stem().string() + "-calibration.h5"
                       : args.out;
  if (auto problem = output_path_problem("--out", out)) throw InputError({*problem});
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

}  // namespace drempel

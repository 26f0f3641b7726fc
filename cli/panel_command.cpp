// drempel panel: a thin layer over analysis/panel_simulation.
#include <cstdio>

#include "analysis/panel_simulation.hpp"
#include "cli/commands.hpp"
#include "engine/input_error.hpp"
#include "engine/scenario.hpp"
#include "models/parameters.hpp"

namespace drempel {

int panel_command(const PanelArgs& args) {
  const ScenarioDocument doc = load_scenario(args.scenario.scenario, args.scenario.sets);
  const ModelParameters params = read_model_parameters(doc);
  PanelSurveyDesign d;
  d.awards = {params.start_month, params.start_month + params.months - 1};
  std::vector<ScenarioIssue> issues;
  const auto month = [&](const std::string& flag, const std::string& text, std::int32_t& out) {
    if (text.empty()) return;
    if (!parse_month(text, out) || out < params.start_month ||
        out >= params.start_month + params.months)
      issues.push_back({flag, text,
                        "a month YYYY-MM within the run (" + format_month(params.start_month) +
                            " to " + format_month(params.start_month + params.months - 1) + ")",
                        "\"" + text + "\""});
  };
  month("--from", args.from, d.awards.from);
  month("--to", args.to, d.awards.to);
  if (issues.empty() && d.awards.to < d.awards.from)
    issues.push_back({"--to", args.to, "a month not before --from", "\"" + args.to + "\""});
  if (!(args.share > 0))
    issues.push_back({"--share", std::to_string(args.share), "a chance in (0, 1]", "0"});
  d.sample_share = args.share;
  d.follow_months = args.follow;
  if (!args.gaps.empty()) {
    d.min_gap = args.gaps[0];
    d.max_gap = args.gaps[1];
    if (d.min_gap < 1 || d.max_gap < d.min_gap || d.max_gap > 120)
      issues.push_back({"--gaps", std::to_string(d.min_gap) + "," + std::to_string(d.max_gap),
                        "MIN,MAX with 1 <= MIN <= MAX <= 120", "another pair"});
  }
  d.seed = static_cast<std::uint64_t>(args.panel_seed);
  if (!issues.empty()) throw InputError(std::move(issues));
  const std::string out =
      args.out.empty() ? default_output(args.scenario.scenario, "-panel.csv") : args.out;
  check_outputs({{"--out", out}}, scenario_inputs(doc, {params}));
  // One model steps every replicate in turn, into results of all of them.
  check_simulations_memory(args.scenario.scenario, args.scenario.sets, 1, 1, args.max_memory);
  const Panel panel = simulate_panel(params, d);
  std::string command = "drempel panel " + args.scenario.scenario;
  for (const auto& s : args.scenario.sets) command += " --set " + s;
  char design[256];
  std::snprintf(design, sizeof design,
                " --from %s --to %s --share %g --follow %d --gaps %d,%d --panel-seed %llu",
                format_month(d.awards.from).c_str(), format_month(d.awards.to).c_str(),
                d.sample_share, d.follow_months, d.min_gap, d.max_gap,
                static_cast<unsigned long long>(d.seed));
  write_panel_csv(panel, out, "Simulated by " + command + design);
  if (!args.quiet)
    std::printf("%s: %zu persons, %zu rows (awards %s to %s)\n", out.c_str(), panel.persons.size(),
                panel.observation_count(), format_month(d.awards.from).c_str(),
                format_month(d.awards.to).c_str());
  return 0;
}

}  // namespace drempel

// drempel validate and inflow, and what every command that reads a scenario shares.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <utility>

#include "analysis/inflow_report.hpp"
#include "cli/commands.hpp"
#include "engine/dataset_hdf5.hpp"
#include "engine/output_files.hpp"
#include "engine/progress.hpp"
#include "engine/results_hdf5.hpp"
#include "engine/scenario.hpp"
#include "engine/system_memory.hpp"
#include "models/inflow.hpp"
#include "models/run.hpp"

namespace drempel {
namespace {

void print_plan(const ScenarioDocument& doc, const ScenarioPlan& plan) {
  const ModelParameters& p = plan.points.front();
  std::printf("scenario   %s  (valid)\n", doc.path.c_str());
  if (doc.root.contains("name")) std::printf("name       %s\n", doc.root["name"].dump().c_str());
  std::printf("months     %d from %s to %s\n", p.months, format_month(p.start_month).c_str(),
              format_month(p.start_month + p.months - 1).c_str());
  std::printf("replicates %d, seed %llu\n", p.replicates, static_cast<unsigned long long>(p.seed));
  if (plan.is_sweep()) {
    std::printf("sweep      %zu points:", plan.points.size());
    for (const auto& name : plan.point_names) std::printf(" %s", name.c_str());
    std::printf("\n");
  }
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

}  // namespace

std::string default_output(const std::string& input, const char* suffix) {
  return std::filesystem::path(input).stem().string() + suffix;
}

void check_outputs(const std::vector<std::pair<std::string, std::string>>& outputs,
                   const std::vector<std::string>& inputs) {
  std::vector<ScenarioIssue> issues = output_problems(outputs, inputs);
  if (!issues.empty()) throw InputError(std::move(issues));
}

std::vector<std::string> scenario_inputs(const ScenarioDocument& doc,
                                         const std::vector<ModelParameters>& points) {
  std::vector<std::string> files = doc.layers;  // (the scenario itself is the last layer)
  for (const ModelParameters& p : points) {
    files.push_back(p.inflow.recipients_csv);
    files.push_back(p.inflow.new_claims_csv);
  }
  return files;
}

namespace {

// The memory a command may use: --max-memory when given (refused unless a size), or what the
// machine has available now (none known: no check); with the words that name it.
std::optional<std::pair<std::uint64_t, std::string>> memory_limit(const std::string& max_memory) {
  if (max_memory.empty()) {
    const std::optional<std::uint64_t> available = available_memory();
    if (!available) return std::nullopt;
    return std::pair{*available, std::string("the memory available now")};
  }
  const std::optional<std::uint64_t> limit = parse_byte_size(max_memory);
  if (!limit)
    throw InputError(
        {{"--max-memory", "", "a size such as 512M, 8G or 1.5T", "\"" + max_memory + "\""}});
  return std::pair{*limit, "--max-memory " + max_memory};
}

}  // namespace

void check_memory(const ScenarioPlan& plan, int threads, const std::string& max_memory,
                  bool checkpoints) {
  const auto limit = memory_limit(max_memory);
  if (!limit) return;
  const MemoryEstimate e = estimate_memory(plan, threads, checkpoints);
  if (e.total <= limit->first) return;
  throw InputError(
      {{plan.points.size() > 1 ? "sweep" : "scenario", "",
        "a run that fits in " + format_bytes(limit->first) + " (" + limit->second + ")",
        "an estimated " + format_bytes(e.total) + ": " + std::to_string(e.agents) +
            " clients in a model of " + format_bytes(e.agent_bytes) +
            " (their columns and the working buffers of its regions) in each of " +
            std::to_string(e.models) + " models at once (one per thread), and results of " +
            format_bytes(e.results_bytes) + ", held twice while the file is written" +
            (checkpoints ? ", and checkpoints of " + format_bytes(e.checkpoint_bytes) : "") +
            "; fewer clients, months, regions or replicates, fewer --threads, or a sweep run "
            "point by point"}});
}

void check_simulations_memory(const std::string& scenario, const std::vector<std::string>& sets,
                              int at_once, int threads, const std::string& max_memory) {
  const auto limit = memory_limit(max_memory);
  if (!limit) return;
  const ScenarioPlan plan = plan_scenario(load_scenario(scenario, sets));
  const MemoryEstimate e = estimate_memory(plan, threads);
  const auto simulations = static_cast<std::uint64_t>(std::max(1, at_once));
  const std::uint64_t total = simulations * (e.models * e.agent_bytes + e.results_bytes);
  if (total <= limit->first) return;
  throw InputError(
      {{scenario, "",
        "simulations that fit in " + format_bytes(limit->first) + " (" + limit->second + ")",
        "an estimated " + format_bytes(total) + ": " + std::to_string(simulations) +
            " simulation(s) at once, each with " + std::to_string(e.models) + " model(s) of " +
            format_bytes(e.agent_bytes) + " (" + std::to_string(e.agents) +
            " clients, their columns and the working buffers of the regions) and results of " +
            format_bytes(e.results_bytes) +
            "; fewer clients, months, regions or replicates, or fewer --threads"}});
}

int validate_command(const ScenarioArgs& args) {
  const ScenarioDocument doc = load_scenario(args.scenario, args.sets);
  print_plan(doc, plan_scenario(doc));
  return 0;
}

int inflow_command(const InflowArgs& args) {
  const std::string out =
      args.out.empty() ? default_output(args.scenario.scenario, "-inflow.h5") : args.out;
  const ScenarioDocument doc = load_scenario(args.scenario.scenario, args.scenario.sets);
  if (doc.root.contains("sweep"))
    throw CommandError{args.scenario.scenario +
                       ": drempel inflow computes one scenario, and this one has a sweep; "
                       "give each point's values with --set"};
  const ModelParameters params = read_model_parameters(doc);
  check_outputs({{"--out", out}, {"--csv", args.csv}}, scenario_inputs(doc, {params}));
  const InflowReport report = run_inflow(params);
  // The outputs succeed or fail together: the CSV is complete before the HDF5 file is written,
  // and is renamed into place only when that succeeded.
  std::optional<PartialFile> csv;
  if (!args.csv.empty()) {
    csv.emplace(args.csv);
    write_text_file(csv->partial(), inflow_csv(report));
  }
  write_dataset_hdf5(inflow_dataset(report, params, doc.root.dump()), out);
  if (csv) csv->commit();
  if (!args.quiet) {
    std::printf("%s: %zu replicate(s), %zu months (%s to %s), %zu region(s)\n", out.c_str(),
                report.replicates.size(), report.month_labels.size(),
                report.month_labels.front().c_str(), report.month_labels.back().c_str(),
                report.region_names.size());
    print_inflow_table(stdout, report);
  }
  return 0;
}

}  // namespace drempel

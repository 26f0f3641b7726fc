// Model throughput and memory: runs a scenario (default benchmarks/large.json) at each thread
// count given and prints active agent-months per second, peak resident memory and bytes per agent.
//
//   bench_model [SCENARIO.json] [--threads 1,2] [--set /ptr=value]...
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "engine/input_error.hpp"
#include "models/pathways_model.hpp"
#include "models/run.hpp"

using namespace drempel;

namespace {

double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is KiB on Linux
}

}  // namespace

int main(int argc, char** argv) {
  std::string scenario = std::string(DREMPEL_SOURCE_DIR) + "/benchmarks/large.json";
  std::vector<int> threads = {1, 2};
  std::vector<std::string> overrides;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--threads" && i + 1 < argc) {
      threads.clear();
      std::stringstream list(argv[++i]);
      for (std::string t; std::getline(list, t, ',');) threads.push_back(std::stoi(t));
    } else if (arg == "--set" && i + 1 < argc) {
      overrides.emplace_back(argv[++i]);
    } else {
      scenario = arg;
    }
  }
  try {
    const ScenarioDocument doc = load_scenario(scenario, overrides);
    const ModelParameters params = read_model_parameters(doc);
    const std::size_t capacity = plan_capacity(params);
    std::printf("scenario %s: %zu regions, %d months, %d replicate(s), agent capacity %zu\n",
                scenario.c_str(), params.regions.size(), params.months, params.replicates,
                capacity);
    // Column bytes: every agent's columns plus one active-list slot per agent (both are sized
    // to the capacity). RSS bytes: peak resident memory of the process per agent of capacity.
    std::printf("hot bytes per active client: %zu in client columns + %zu in the active list\n",
                ClientColumns::bytes(Heat::kHot), ActiveList::bytes_per_slot());
    std::printf("%8s %10s %14s %16s %14s %14s %14s\n", "threads", "seconds", "agent-months",
                "agent-months/s", "peak RSS MiB", "column B/agent", "RSS B/agent");
    for (int t : threads) {
      RunOptions options;
      options.threads = t;
      const auto start = std::chrono::steady_clock::now();
      const Results res = run_pathways(params, doc.root.dump(), options);
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      // Agent-months that were stepped through the model: clients active at the start of each
      // month plus that month's arrivals (every one of them goes through all phases).
      double agent_months = 0;
      for (int r = 0; r < res.replicates; ++r)
        for (int m = 0; m < res.months(); ++m)
          for (int g = 0; g < res.regions(); ++g) {
            double before = 0;
            for (int s = 0; s < kActiveStageCount; ++s)
              before +=
                  static_cast<double>(m == 0 ? res.initial_stage_count[res.initial_index(r, g, s)]
                                             : res.stage_count[res.stage_index(r, m - 1, g, s)]);
            // Arrivals enter at intake (applications) or at the administrative start-up (reform
            // awards): every stage's arrivals count.
            double arrived = 0;
            for (int s = 0; s < kStageCount; ++s)
              arrived += static_cast<double>(res.arrival_count[res.stage_index(r, m, g, s)]);
            agent_months += before + arrived;
          }
      std::printf("%8d %10.2f %14.0f %16.3e %14.1f %14zu %14.1f\n", t, seconds, agent_months,
                  agent_months / seconds, peak_rss_mib(),
                  ClientColumns::bytes_per_agent() + ActiveList::bytes_per_slot(),
                  peak_rss_mib() * 1048576.0 / static_cast<double>(capacity));
    }
  } catch (const InputError& e) {
    std::fprintf(stderr, "bench_model: invalid input:\n%s\n", e.what());
    return 2;
  }
  return 0;
}

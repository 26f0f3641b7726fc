#pragma once
// Shared test helpers: the shipped scenarios, loaded with overrides.
#include <string>
#include <vector>

#include "engine/scenario.hpp"
#include "models/parameters.hpp"
#include "models/run.hpp"

namespace drempel::test {

inline std::string source_path(const std::string& relative) {
  return std::string(DREMPEL_SOURCE_DIR) + "/" + relative;
}

/// scenarios/baseline.json with `overrides` ("/ptr=value") applied.
inline ScenarioDocument baseline(const std::vector<std::string>& overrides = {}) {
  return load_scenario(source_path("scenarios/baseline.json"), overrides);
}

/// The baseline ten times larger (3,000 initial clients, 80 applications a month, 30 caseworker
/// FTE within a budget of 40) over 36 months and 8 replicates, followed by `extra`: large enough
/// that a lever acting on a tenth of the caseload shows in paired comparisons.
inline std::vector<std::string> larger_baseline(const std::vector<std::string>& extra = {}) {
  std::vector<std::string> all = {"/months=36",
                                  "/replicates=8",
                                  "/regions/0/initial_clients=3000",
                                  "/regions/0/caseworker_fte=30",
                                  "/regions/0/caseworker_budget_fte=40",
                                  "/regions/0/ordinary_applications_per_month=80"};
  all.insert(all.end(), extra.begin(), extra.end());
  return all;
}

inline ModelParameters baseline_parameters(const std::vector<std::string>& overrides = {}) {
  return read_model_parameters(baseline(overrides));
}

/// Settings that give every ordinary applicant the background `name` (one of kBackgroundNames),
/// followed by `extra`.
inline std::vector<std::string> only_background(const std::string& name,
                                                const std::vector<std::string>& extra = {}) {
  std::vector<std::string> all;
  for (const char* b : kBackgroundNames)
    all.push_back(std::string("/backgrounds/") + b +
                  "/share_of_ordinary_applications=" + (name == b ? "1" : "0"));
  all.insert(all.end(), extra.begin(), extra.end());
  return all;
}

/// Runs the larger baseline (larger_baseline) with `extra` settings: the lever tests' run.
inline Results run_larger(const std::vector<std::string>& extra = {}) {
  return run_pathways(baseline_parameters(larger_baseline(extra)), "{}");
}

/// The larger baseline with many newcomers (low Dutch in the ordinary arrival profile), followed
/// by `settings`: the lever tests of mechanisms that act through language and support.
inline Results run_newcomers(const std::vector<std::string>& settings) {
  auto all = larger_baseline({"/arrivals/profiles/ordinary/dutch_level_share=[0.4,0.3,0.1,0.2]"});
  all.insert(all.end(), settings.begin(), settings.end());
  return run_pathways(baseline_parameters(all), "{}");
}

}  // namespace drempel::test

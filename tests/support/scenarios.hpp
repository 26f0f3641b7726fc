#pragma once
// Shared test helpers: the shipped scenarios, loaded with overrides.
#include <string>
#include <vector>

#include "engine/scenario.hpp"
#include "models/parameters.hpp"

namespace drempel::test {

inline std::string source_path(const std::string& relative) {
  return std::string(DREMPEL_SOURCE_DIR) + "/" + relative;
}

/// scenarios/baseline.json with `overrides` ("/ptr=value") applied.
inline ScenarioDocument baseline(const std::vector<std::string>& overrides = {}) {
  return load_scenario(source_path("scenarios/baseline.json"), overrides);
}

inline ModelParameters baseline_parameters(const std::vector<std::string>& overrides = {}) {
  return read_model_parameters(baseline(overrides));
}

}  // namespace drempel::test

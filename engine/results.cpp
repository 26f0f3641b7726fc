#include "engine/results.hpp"

namespace drempel {

void Results::allocate() {
  const std::size_t r = static_cast<std::size_t>(replicates);
  const std::size_t m = static_cast<std::size_t>(months());
  const std::size_t g = static_cast<std::size_t>(regions());
  const std::size_t s = static_cast<std::size_t>(stages());
  stage_count.assign(r * m * g * s, 0);
  initial_stage_count.assign(r * g * s, 0);
  transition_count.assign(r * m * g * s * s, 0);
  arrival_count.assign(r * m * g * s, 0);
  for (auto& metric : metrics) metric.values.assign(r * m * g, 0.0);
}

const MetricSeries* Results::metric(const std::string& name) const {
  for (const auto& m : metrics)
    if (m.name == name) return &m;
  return nullptr;
}

MetricSeries* Results::metric(const std::string& name) {
  for (auto& m : metrics)
    if (m.name == name) return &m;
  return nullptr;
}

}  // namespace drempel

#include "engine/results.hpp"

#include <stdexcept>

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
  for (auto& t : tables) t.values.assign(r * table_cells(t), 0);
}

std::size_t Results::allocation_bytes() const {
  const auto r = static_cast<std::size_t>(replicates), m = static_cast<std::size_t>(months()),
             g = static_cast<std::size_t>(regions()), s = static_cast<std::size_t>(stages());
  std::size_t cells = r * m * g * s * (3 + s) + r * g * s + metrics.size() * r * m * g;
  for (const auto& t : tables) cells += r * table_cells(t);
  return cells * 8;  // int64 counts and double metrics
}

std::size_t Results::dimension_size(const std::string& name) const {
  if (name == "replicate") return static_cast<std::size_t>(replicates);
  if (name == "month") return static_cast<std::size_t>(months());
  if (name == "region") return static_cast<std::size_t>(regions());
  if (name == "stage" || name == "from_stage" || name == "to_stage")
    return static_cast<std::size_t>(stages());
  for (const TableDimension& d : table_dimensions)
    if (d.name == name)
      return d.months ? static_cast<std::size_t>(months())
                      : (d.labels.empty() ? d.values.size() : d.labels.size());
  throw std::invalid_argument("no dimension '" + name + "'");
}

std::size_t Results::table_cells(const CountTable& table) const {
  std::size_t n = 1;
  for (const auto& d : table.dims) n *= dimension_size(d);
  return n;
}

const CountTable* Results::table(const std::string& name) const {
  for (const auto& t : tables)
    if (t.name == name) return &t;
  return nullptr;
}

CountTable* Results::table(const std::string& name) {
  for (auto& t : tables)
    if (t.name == name) return &t;
  return nullptr;
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

#pragma once
// Shared test helper: a mechanism's parameter table against its key table in scenarios/README.md.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/parameter_table.hpp"
#include "tests/support/scenarios.hpp"

namespace drempel::test {

/// The Markdown key table of `fields` (values of the baseline at `base`), which
/// scenarios/README.md must contain verbatim. Also written to `<build>/tests/<name>_keys.md`, to
/// paste into the README after a deliberate change.
template <class P, std::size_t N>
std::string expected_key_table(const std::array<ParameterField<P>, N>& fields,
                               const std::string& base, const std::string& name) {
  const std::string table = parameter_table_markdown(fields, baseline().root, base, "/regions");
  std::ofstream(std::string(DREMPEL_BINARY_DIR) + "/" + name + "_keys.md") << table;
  return table;
}

inline std::string scenarios_readme() {
  std::ifstream in(source_path("scenarios/README.md"));
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Checks that scenarios/README.md contains the key table of `fields` verbatim (see
/// expected_key_table), and shows the expected table when it does not.
template <class P, std::size_t N>
void check_key_table_in_readme(const std::array<ParameterField<P>, N>& fields,
                               const std::string& base, const std::string& name) {
  const std::string table = expected_key_table(fields, base, name);
  INFO("expected in scenarios/README.md (also in " << name << "_keys.md of the build's tests/):\n"
                                                   << table);
  CHECK(scenarios_readme().find(table) != std::string::npos);
}

/// The same for a table read once per name from `base/NAME` (parameter_table_markdown_by_name).
template <class P, std::size_t N>
void check_key_table_by_name_in_readme(const std::array<ParameterField<P>, N>& fields,
                                       const std::string& base,
                                       const std::vector<std::string>& names,
                                       const std::string& name) {
  const std::string table = parameter_table_markdown_by_name(fields, baseline().root, base, names);
  std::ofstream(std::string(DREMPEL_BINARY_DIR) + "/" + name + "_keys.md") << table;
  INFO("expected in scenarios/README.md (also in " << name << "_keys.md of the build's tests/):\n"
                                                   << table);
  CHECK(scenarios_readme().find(table) != std::string::npos);
}

}  // namespace drempel::test

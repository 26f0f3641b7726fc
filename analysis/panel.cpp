#include "analysis/panel.hpp"

#include <algorithm>
#include <map>

#include "analysis/study_support.hpp"
#include "engine/csv_table.hpp"
#include "engine/input_error.hpp"
#include "engine/scenario.hpp"
#include "models/definitions.hpp"

namespace drempel {
namespace {

struct ColumnRule {
  std::string name;
  std::vector<std::string> levels;  // categorical; empty for numeric
  bool free_levels = false;         // region: any text, levels in sorted order
  std::int64_t max = 0;             // numeric: 0..max
};

std::vector<ColumnRule> column_rules() {
  std::vector<ColumnRule> rules = {
      {"background", names_of(kBackgroundNames)},
      {"household", names_of(kHouseholdNames)},
      {"region", {}, true},
      {"programme", names_of(kProgrammeNames)},
      {"dutch_level", {}, false, kDutchLevels - 1},
  };
  for (const char* d : kDomainNames) rules.push_back({d, {}, false, kDomainLevels - 1});
  return rules;
}

// The levels of a free-text column: its distinct values, sorted.
std::vector<std::string> free_levels(const CsvReader& r, std::size_t col) {
  std::vector<std::string> v;
  for (std::size_t i = 0; i < r.rows(); ++i) v.push_back(r.raw(i, col));
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

double covariate_value(CsvReader& r, std::size_t row, std::size_t col, const ColumnRule& rule,
                       const std::vector<std::string>& levels) {
  if (rule.levels.empty() && !rule.free_levels)
    return static_cast<double>(r.integer(row, col, 0, rule.max));
  const std::string v = rule.free_levels ? r.text(row, col) : r.choice(row, col, levels);
  return static_cast<double>(std::find(levels.begin(), levels.end(), v) - levels.begin());
}

void check_person(CsvReader& r, PanelPerson& p) {
  std::stable_sort(p.observations.begin(), p.observations.end(),
                   [](const auto& a, const auto& b) { return a.month < b.month; });
  for (std::size_t j = 1; j < p.observations.size(); ++j)
    if (p.observations[j].month == p.observations[j - 1].month)
      r.add_issue("line " + std::to_string(p.observations[j].line) + ", column \"month\"",
                  "one row per person and month (person \"" + p.id + "\" is also on line " +
                      std::to_string(p.observations[j - 1].line) + ")",
                  "\"" + format_month(p.observations[j].month) + "\" again");
}

}  // namespace

std::size_t Panel::observation_count() const {
  std::size_t n = 0;
  for (const auto& p : persons) n += p.observations.size();
  return n;
}

int Panel::covariate_index(const std::string& name) const {
  for (std::size_t i = 0; i < covariates.size(); ++i)
    if (covariates[i].name == name) return static_cast<int>(i);
  return -1;
}

const std::vector<std::string>& panel_covariate_columns() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& rule : column_rules()) v.push_back(rule.name);
    return v;
  }();
  return names;
}

Panel read_panel_csv(const std::string& path) {
  const CsvTable table = read_csv_table(path);
  CsvReader r(table);
  const std::size_t c_person = r.column("person"), c_month = r.column("month"),
                    c_stage = r.column("stage");
  std::size_t c_weight = CsvReader::kMissingColumn;
  Panel panel;
  panel.path = path;
  panel.weighted = r.optional_column("weight", c_weight);
  std::vector<ColumnRule> rules;
  std::vector<std::size_t> cols;
  for (const auto& rule : column_rules()) {
    std::size_t c = 0;
    if (!r.optional_column(rule.name, c)) continue;
    rules.push_back(rule);
    cols.push_back(c);
    panel.covariates.push_back({rule.name, rule.free_levels ? free_levels(r, c) : rule.levels});
  }
  const std::vector<std::string> stages = names_of(kStageNames);
  std::map<std::string, std::size_t> index_of;
  for (std::size_t row = 0; row < r.rows(); ++row) {
    const std::string id = r.text(row, c_person);
    auto [it, fresh] = index_of.emplace(id, panel.persons.size());
    if (fresh) panel.persons.push_back({id, 1, {}});
    PanelPerson& person = panel.persons[it->second];
    PanelObservation o;
    o.month = r.month(row, c_month);
    const std::string stage = r.choice(row, c_stage, stages);
    o.stage =
        static_cast<std::uint8_t>(std::find(stages.begin(), stages.end(), stage) - stages.begin());
    o.line = r.line(row);
    for (std::size_t k = 0; k < rules.size(); ++k)
      o.covariates.push_back(
          covariate_value(r, row, cols[k], rules[k], panel.covariates[k].levels));
    if (panel.weighted) {
      const double w = r.number(row, c_weight, 0, 1e12);
      if (!(w > 0)) r.add_issue(row, c_weight, "a weight > 0", r.raw(row, c_weight));
      if (fresh)
        person.weight = w;
      else if (w != person.weight)
        r.add_issue(row, c_weight,
                    "the same weight on every row of person \"" + id + "\" (" +
                        format_number(person.weight) + " on line " +
                        std::to_string(person.observations.front().line) + ")",
                    r.raw(row, c_weight));
    }
    person.observations.push_back(std::move(o));
  }
  std::size_t intervals = 0;
  for (auto& p : panel.persons) {
    check_person(r, p);
    intervals += p.observations.empty() ? 0 : p.observations.size() - 1;
  }
  if (r.issues().empty() && intervals == 0)
    r.add_issue("", "at least one person observed in two months (an interval to learn from)",
                std::to_string(panel.persons.size()) + " persons, each seen once");
  r.finish();
  return panel;
}

}  // namespace drempel

#pragma once
// Individual panel data: persons observed in a stage of the pathway at some months, as a survey
// or an administrative extract gives them (docs/panel-format.md). The estimators of
// analysis/multistate.hpp (and the moments of calibration) read it.
//
// A panel is a CSV file with a row per person and month observed: `person`, `month` (YYYY-MM) and
// `stage` (a stage name of models/ODD.md) are required; `weight` (a survey weight, the same on
// every row of a person), `background`, `household`, `region`, `programme`, `dutch_level` and the
// life-domain levels (`income`, `housing`, ...) are optional covariates.
#include <cstdint>
#include <string>
#include <vector>

namespace drempel {

/// One observation of one person.
struct PanelObservation {
  std::int32_t month = 0;  ///< months since year 0 (parse_month)
  std::uint8_t stage = 0;  ///< a Stage
  std::size_t line = 0;    ///< line of the CSV file, for messages
  /// Covariate values in the order of Panel::covariates (categorical ones as a level index).
  std::vector<double> covariates;
};

/// One person's observations, in month order.
struct PanelPerson {
  std::string id;
  double weight = 1;
  std::vector<PanelObservation> observations;
};

/// A covariate column the panel holds.
struct PanelCovariate {
  std::string name;                 ///< the column name
  std::vector<std::string> levels;  ///< categorical: level names, index = value; empty: numeric
};

/// A panel read from a file.
struct Panel {
  std::string path;
  std::vector<PanelCovariate> covariates;  ///< the optional covariate columns present, file order
  bool weighted = false;                   ///< the file has a weight column
  std::vector<PanelPerson> persons;        ///< in order of first appearance in the file
  std::size_t observation_count() const;
  /// Index of a covariate in `covariates`, or -1.
  int covariate_index(const std::string& name) const;
};

/// The optional covariate columns a panel may hold, in documentation order.
const std::vector<std::string>& panel_covariate_columns();

/// Reads a panel CSV. Throws InputError listing every problem at once, each naming the file, the
/// line and the column: a missing required column or an unknown one, an unknown stage, a month
/// that is not YYYY-MM, a person seen twice in the same month, a weight that is not positive or
/// differs between rows of a person, a covariate out of its range or list of levels, and a file
/// with no person observed at least twice (no interval to learn from).
Panel read_panel_csv(const std::string& path);

}  // namespace drempel

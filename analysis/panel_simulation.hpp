#pragma once
// A survey panel drawn from the model: the clients first awarded the leefloon in the months of a
// window, each sampled with a chance, observed at her award and then every few months, as a
// longitudinal survey or a register extract would see her (`drempel panel`, docs/panel-format.md).
// It gives researchers data with known parameters: to see what a calibration recovers before
// fielding a survey, and the shipped example of docs/calibration.md.
#include <cstdint>
#include <string>

#include "analysis/moments.hpp"
#include "analysis/panel.hpp"
#include "models/parameters.hpp"

namespace drempel {

struct PanelSurveyDesign {
  MomentWindow awards;      ///< award months sampled (calendar months, inclusive)
  double sample_share = 1;  ///< chance that an awarded client is in the panel
  int follow_months = 24;   ///< the last row is at most this many months after the award
  int min_gap = 1;          ///< months between rows, drawn uniformly in [min_gap, max_gap]
  int max_gap = 1;
  std::uint64_t seed = 1;  ///< sampling and gaps (the model's own draws use the scenario's seed)
};

/// Runs every replicate of `params` and returns the panel: person ids "rR-N" (replicate R, client
/// N), rows at the end of the award month and then after each gap while within follow_months and
/// the run, with the columns background, household, region, programme and dutch_level. Throws
/// std::invalid_argument for a design out of range (the command checks it first).
Panel simulate_panel(const ModelParameters& params, const PanelSurveyDesign& design);

/// Writes a panel as CSV (docs/panel-format.md), to `path + ".partial"` renamed when complete.
/// Throws OutputError (engine/output_files.hpp) naming the path when it cannot be written.
void write_panel_csv(const Panel& panel, const std::string& path, const std::string& comment);

}  // namespace drempel

#include "analysis/panel_simulation.hpp"

#include <cstdio>
#include <filesystem>
#include <sstream>
#include <stdexcept>

#include "analysis/analysis_streams.hpp"
#include "analysis/study_support.hpp"
#include "engine/csv_table.hpp"
#include "engine/output_files.hpp"
#include "engine/random.hpp"
#include "engine/scenario.hpp"
#include "models/pathways_model.hpp"
#include "models/reform_inflow.hpp"
#include "models/run.hpp"

namespace drempel {
namespace {

struct Followed {
  std::size_t person = 0;
  std::uint32_t client = 0;
  std::int32_t award = 0, next = 0;
  std::uint16_t row = 0;
};

PanelObservation observe(const ClientColumns& c, std::uint32_t i, std::int32_t month) {
  PanelObservation o;
  o.month = month;
  o.stage = c.stage[i];
  o.covariates = {static_cast<double>(c.background[i]), static_cast<double>(c.household[i]),
                  static_cast<double>(c.region[i]), static_cast<double>(c.programme[i]),
                  static_cast<double>(c.dutch[i])};
  return o;
}

}  // namespace

Panel simulate_panel(const ModelParameters& p, const PanelSurveyDesign& d) {
  if (!(d.sample_share > 0 && d.sample_share <= 1) || d.follow_months < 0 || d.min_gap < 1 ||
      d.max_gap < d.min_gap || d.awards.to < d.awards.from)
    throw std::invalid_argument("simulate_panel: design out of range");
  Panel panel;
  panel.path = "(simulated)";
  std::vector<std::string> regions;
  for (const auto& g : p.regions) regions.push_back(g.name);
  panel.covariates = {{"background", names_of(kBackgroundNames)},
                      {"household", names_of(kHouseholdNames)},
                      {"region", regions},
                      {"programme", names_of(kProgrammeNames)},
                      {"dutch_level", {}}};
  const std::size_t capacity = plan_capacity(p);
  PathwaysModel model(p, capacity, block_size_for(capacity));
  Results res = make_results(p, "{}");
  for (std::int32_t r = 0; r < p.replicates; ++r) {
    const RandomStreams streams = analysis_streams(d.seed, static_cast<std::uint32_t>(r));
    // The model keeps a pointer to the schedule: it must live through the replicate.
    const ArrivalSchedule arrivals =
        draw_arrivals(p, RandomStreams(p.seed, static_cast<std::uint32_t>(r)));
    model.start_replicate(static_cast<std::uint32_t>(r), arrivals, res);
    std::vector<Followed> followed;
    for (std::int32_t m = 0; m < p.months; ++m) {
      model.step(m, res);
      const ClientColumns& c = model.columns();
      const std::int32_t month = p.start_month + m;
      if (month >= d.awards.from && month <= d.awards.to)
        for (std::uint32_t i = 0; i < model.agents(); ++i) {
          if (c.award_month[i] != m + 1) continue;  // award_month is the 1-based stream month
          const RandomWords w = streams.words(i, 0, kStreamPanelSample);
          if (to_unit(w[0]) >= d.sample_share) continue;
          followed.push_back({panel.persons.size(), i, month, month, 0});
          panel.persons.push_back({"r" + std::to_string(r) + "-" + std::to_string(i), 1, {}});
        }
      for (auto& f : followed) {
        if (f.next != month) continue;
        panel.persons[f.person].observations.push_back(observe(c, f.client, month));
        const RandomWords w = streams.words(f.client, f.row++, kStreamPanelGaps);
        const int span = d.max_gap - d.min_gap + 1;
        f.next += d.min_gap + static_cast<int>(to_unit(w[0]) * span) % span;
        if (f.next > f.award + d.follow_months) f.next = -1;
      }
    }
  }
  return panel;
}

void write_panel_csv(const Panel& panel, const std::string& path, const std::string& comment) {
  std::ostringstream out;
  {
    if (!comment.empty()) out << "# " << comment << "\n";
    out << "person,month,stage";
    if (panel.weighted) out << ",weight";
    for (const auto& c : panel.covariates) out << "," << c.name;
    out << "\n";
    for (const auto& person : panel.persons)
      for (const auto& o : person.observations) {
        out << csv_field(person.id) << "," << format_month(o.month) << "," << kStageNames[o.stage];
        if (panel.weighted) out << "," << format_number(person.weight);
        for (std::size_t k = 0; k < panel.covariates.size(); ++k) {
          const auto& levels = panel.covariates[k].levels;
          const auto v = static_cast<std::size_t>(o.covariates[k]);
          out << "," << (levels.empty() ? std::to_string(v) : levels[v]);
        }
        out << "\n";
      }
  }
  write_text_file(path, out.str());
}

}  // namespace drempel

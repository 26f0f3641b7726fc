#include "analysis/moments.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "analysis/analysis_streams.hpp"
#include "analysis/study_support.hpp"
#include "engine/random.hpp"
#include "engine/scenario.hpp"
#include "models/mechanisms/cohorts.hpp"
#include "models/pathways_model.hpp"

namespace drempel {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Outcomes a client's stage alone decides; the others need her programme.
constexpr std::uint32_t kStageOutcomes = (1u << kCohortAwarded) | (1u << kCohortEmployed) |
                                         (1u << kCohortReapplying) | (1u << kCohortParticipation) |
                                         (1u << kCohortDroppedOut) | (1u << kCohortExited);
// Outcomes that exclude each other (each a stage, or a programme within activation).
constexpr std::uint32_t kDisjointOutcomes =
    (1u << kCohortEmployed) | (1u << kCohortArt60) | (1u << kCohortAfterArt60) |
    (1u << kCohortProgramme) | (1u << kCohortReapplying) | (1u << kCohortParticipation) |
    (1u << kCohortDroppedOut) | (1u << kCohortExited);

std::string cohort_expected() {
  std::string outcomes, horizons;
  for (const char* o : kCohortOutcomeNames)
    outcomes += (outcomes.empty() ? "" : ", ") + std::string(o);
  for (const auto h : kCohortHorizons)
    horizons += (horizons.empty() ? "" : ", ") + std::to_string(h);
  return "a metric of docs/results-format.md or cohort/OUTCOME/H with OUTCOME one of " + outcomes +
         " (several joined by '+' when they exclude each other) and H one of " + horizons;
}

std::optional<Moment> parse_cohort(const std::string& name) {
  const auto a = name.find('/', 7);
  if (a == std::string::npos) return std::nullopt;
  Moment m;
  m.name = name;
  m.kind = Moment::Kind::kCohortShare;
  std::string list = name.substr(7, a - 7);
  const std::string horizon = name.substr(a + 1);
  const auto h = std::find_if(kCohortHorizons.begin(), kCohortHorizons.end(),
                              [&](std::int32_t v) { return std::to_string(v) == horizon; });
  if (h == kCohortHorizons.end()) return std::nullopt;
  m.horizon = *h;
  std::size_t parts = 0;
  for (std::size_t start = 0; start <= list.size(); ++parts) {
    const auto plus = std::min(list.find('+', start), list.size());
    const std::string o = list.substr(start, plus - start);
    const auto it = std::find(kCohortOutcomeNames.begin(), kCohortOutcomeNames.end(), o);
    if (it == kCohortOutcomeNames.end()) return std::nullopt;
    m.outcomes |= 1u << (it - kCohortOutcomeNames.begin());
    start = plus + 1;
  }
  if (parts > 1 && (m.outcomes & ~kDisjointOutcomes) != 0) return std::nullopt;
  m.needs_programme = (m.outcomes & ~kStageOutcomes) != 0;
  return m;
}

std::int32_t start_month(const Results& r) {
  std::int32_t m = 0;
  if (r.month_labels.empty() || !parse_month(r.month_labels.front(), m))
    throw std::invalid_argument("results without months");
  return m;
}

// Sums of (members in the outcomes, members) over the cohorts of the window, for replicates [r0,
// r1).
std::pair<double, double> cohort_sums(const Results& res, const Moment& m, const MomentWindow& w,
                                      int r0, int r1) {
  const CountTable* t = res.table("cohort_count");
  if (!t) throw std::invalid_argument("results without the cohort_count table");
  const auto H = kCohortHorizons.size(), G = static_cast<std::size_t>(res.regions()),
             O = static_cast<std::size_t>(kCohortOutcomeCount),
             M = static_cast<std::size_t>(res.months());
  const auto h = static_cast<std::size_t>(
      std::find(kCohortHorizons.begin(), kCohortHorizons.end(), m.horizon) -
      kCohortHorizons.begin());
  const std::int32_t first = start_month(res);
  double members = 0, in = 0;
  for (int r = r0; r < r1; ++r)
    for (std::size_t c = 0; c < M; ++c) {
      const std::int32_t month = first + static_cast<std::int32_t>(c);
      if (month < w.from || month > w.to) continue;
      for (std::size_t g = 0; g < G; ++g) {
        const std::size_t base = (((static_cast<std::size_t>(r) * M + c) * H + h) * G + g) * O;
        const std::int64_t awarded = t->values[base + kCohortAwarded];
        if (awarded < 0) continue;  // the horizon is after the run
        members += static_cast<double>(awarded);
        for (std::size_t o = 0; o < O; ++o)
          if (m.outcomes & (1u << o)) in += static_cast<double>(t->values[base + o]);
      }
    }
  return {in, members};
}

// Sum and count of a metric's non-NaN values over the window, for replicates [r0, r1).
std::pair<double, double> metric_sums(const Results& res, const Moment& m, const MomentWindow& w,
                                      int r0, int r1) {
  const MetricSeries* s = res.metric(m.metric);
  if (!s) throw std::invalid_argument("results without the metric " + m.metric);
  const std::int32_t first = start_month(res);
  double sum = 0, n = 0;
  for (int r = r0; r < r1; ++r)
    for (int month = 0; month < res.months(); ++month) {
      if (first + month < w.from || first + month > w.to) continue;
      for (int g = 0; g < res.regions(); ++g) {
        const double v = s->values[res.metric_index(r, month, g)];
        if (!std::isnan(v)) sum += v, n += 1;
      }
    }
  return {sum, n};
}

double ratio(std::pair<double, double> sums) {
  return sums.second > 0 ? sums.first / sums.second : kNaN;
}

// A person's outcome bits at `horizon` months after her first row, or 0 when she was not observed
// then. `returned` follows her rows: on the leefloon again after a row off it.
std::uint32_t person_outcomes(const PanelPerson& p, int programme_column, int horizon) {
  const auto& obs = p.observations;
  const std::int32_t at = obs.front().month + horizon;
  bool was_off = false, returned = false;
  for (const auto& o : obs) {
    if (o.month > at) break;
    const auto programme =
        programme_column < 0
            ? std::uint8_t{kNoProgramme}
            : static_cast<std::uint8_t>(o.covariates[static_cast<std::size_t>(programme_column)]);
    const bool on = leefloon_paid(o.stage, programme);
    if (on && was_off) returned = true;
    if (!on) was_off = true;
    if (o.month == at) return Cohorts::outcomes(o.stage, programme, returned);
  }
  return 0;
}

}  // namespace

std::optional<Moment> parse_moment(const std::string& name, std::string& expected) {
  expected = cohort_expected();
  if (name.rfind("cohort/", 0) == 0) return parse_cohort(name);
  for (const auto& info : kMetricInfo)
    if (name == info.name) {
      Moment m;
      m.name = name;
      m.metric = name;
      return m;
    }
  return std::nullopt;
}

double moment_value(const Results& res, const Moment& m, const MomentWindow& w) {
  const bool cohort = m.kind == Moment::Kind::kCohortShare;
  return ratio(cohort ? cohort_sums(res, m, w, 0, res.replicates)
                      : metric_sums(res, m, w, 0, res.replicates));
}

std::vector<double> moment_by_replicate(const Results& res, const Moment& m,
                                        const MomentWindow& w) {
  const bool cohort = m.kind == Moment::Kind::kCohortShare;
  std::vector<double> out;
  for (int r = 0; r < res.replicates; ++r)
    out.push_back(
        ratio(cohort ? cohort_sums(res, m, w, r, r + 1) : metric_sums(res, m, w, r, r + 1)));
  return out;
}

double panel_moment(const Panel& panel, const Moment& m, const MomentWindow& w,
                    const std::vector<double>* person_weights) {
  if (m.kind != Moment::Kind::kCohortShare)
    throw std::invalid_argument("a panel gives cohort moments only, not " + m.name);
  const int programme = panel.covariate_index("programme");
  if (m.needs_programme && programme < 0)
    throw std::invalid_argument(m.name + " needs the panel's programme column");
  double members = 0, in = 0;
  for (std::size_t i = 0; i < panel.persons.size(); ++i) {
    const PanelPerson& p = panel.persons[i];
    const double weight = person_weights ? (*person_weights)[i] : p.weight;
    if (weight == 0 || p.observations.front().month < w.from || p.observations.front().month > w.to)
      continue;
    const std::uint32_t bits = person_outcomes(p, programme, m.horizon);
    if (bits == 0) continue;  // not observed at the horizon
    members += weight;
    if (bits & m.outcomes) in += weight;
  }
  return members > 0 ? in / members : kNaN;
}

std::vector<ScenarioIssue> check_panel_moments(const Panel& panel,
                                               const std::vector<Moment>& moments,
                                               const std::string& file,
                                               const std::string& pointer_prefix) {
  std::vector<ScenarioIssue> issues;
  for (std::size_t i = 0; i < moments.size(); ++i) {
    const Moment& m = moments[i];
    const std::string where = pointer_prefix + std::to_string(i);
    if (m.kind != Moment::Kind::kCohortShare)
      issues.push_back({file, where, "a cohort moment (a panel describes persons, not the OCMW)",
                        "\"" + m.name + "\""});
    else if (m.needs_programme && panel.covariate_index("programme") < 0)
      issues.push_back(
          {file, where,
           "a moment of stages only, since the panel " + panel.path + " has no programme column",
           "\"" + m.name + "\""});
  }
  bool cohort = false;
  for (const auto& m : moments) cohort = cohort || m.kind == Moment::Kind::kCohortShare;
  std::size_t shown = 0;
  for (const auto& p : panel.persons) {
    // A cohort member's first row is her award: she is then on the leefloon (start-up to
    // activation) or, in the month of the award already, in art. 60 or work; not at intake.
    if (!cohort || p.observations.front().stage != kIntake) continue;
    if (++shown > 10) continue;
    issues.push_back({panel.path,
                      "line " + std::to_string(p.observations.front().line) + ", column \"stage\"",
                      "a first row at the award (cohort moments follow award cohorts, "
                      "docs/panel-format.md): a stage after intake",
                      "\"intake\" (person \"" + p.id + "\")"});
  }
  if (shown > 10)
    issues.push_back({panel.path, "", "a first row at the award for every person",
                      std::to_string(shown) + " persons whose first row is at intake"});
  return issues;
}

Eigen::MatrixXd panel_moment_covariance(const Panel& panel, const std::vector<Moment>& moments,
                                        const MomentWindow& w, int draws, std::uint64_t seed) {
  const std::size_t n = panel.persons.size(), k = moments.size();
  const RandomStreams streams = analysis_streams(seed);
  Eigen::MatrixXd values(draws, static_cast<Eigen::Index>(k));
  std::vector<double> weights(n);
  for (int b = 0; b < draws; ++b) {
    std::fill(weights.begin(), weights.end(), 0.0);
    for (std::size_t j = 0; j < n; ++j) {
      const RandomWords u = streams.words(static_cast<std::uint32_t>(j),
                                          static_cast<std::uint32_t>(b), kStreamMomentBootstrap);
      const auto pick = static_cast<std::size_t>(to_unit(u[0]) * static_cast<double>(n));
      weights[std::min(pick, n - 1)] += panel.persons[std::min(pick, n - 1)].weight;
    }
    for (std::size_t i = 0; i < k; ++i)
      values(b, static_cast<Eigen::Index>(i)) = panel_moment(panel, moments[i], w, &weights);
  }
  // A resample in which some moment has no member observed at its horizon is left out.
  std::vector<Eigen::Index> kept;
  for (Eigen::Index b = 0; b < values.rows(); ++b)
    if (!values.row(b).hasNaN()) kept.push_back(b);
  Eigen::MatrixXd complete(static_cast<Eigen::Index>(kept.size()), values.cols());
  for (std::size_t j = 0; j < kept.size(); ++j)
    complete.row(static_cast<Eigen::Index>(j)) = values.row(kept[j]);
  if (kept.size() < static_cast<std::size_t>(draws) / 2)
    return Eigen::MatrixXd::Constant(values.cols(), values.cols(),
                                     std::numeric_limits<double>::quiet_NaN());
  return sample_covariance(complete);
}

}  // namespace drempel

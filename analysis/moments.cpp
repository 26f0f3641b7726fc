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
                                         (1u << kCohortDroppedOut) | (1u << kCohortExited) |
                                         (1u << kCohortAdminStartup);
// Outcomes that exclude each other (each a stage, or a programme within activation).
constexpr std::uint32_t kDisjointOutcomes =
    (1u << kCohortEmployed) | (1u << kCohortArt60) | (1u << kCohortAfterArt60) |
    (1u << kCohortProgramme) | (1u << kCohortReapplying) | (1u << kCohortParticipation) |
    (1u << kCohortDroppedOut) | (1u << kCohortExited) | (1u << kCohortAdminStartup);
// Outcomes every member is in at her award: their share starts at 1, and has a median.
constexpr std::uint32_t kMedianOutcomes = (1u << kCohortOnLeefloon) | (1u << kCohortAdminStartup);

std::string cohort_expected() {
  std::string outcomes, horizons;
  for (const char* o : kCohortOutcomeNames)
    outcomes += (outcomes.empty() ? "" : ", ") + std::string(o);
  for (const auto h : kCohortHorizons)
    horizons += (horizons.empty() ? "" : ", ") + std::to_string(h);
  std::string backgrounds;
  for (const char* b : kBackgroundNames)
    backgrounds += (backgrounds.empty() ? "" : ", ") + std::string(b);
  return "a metric of docs/results-format.md, cohort/OUTCOME/H with OUTCOME one of " + outcomes +
         " (several joined by '+' when they exclude each other) and H one of " + horizons +
         ", or cohort_median/on_leefloon or cohort_median/admin_startup; a cohort moment may end "
         "in @background=LEVEL with LEVEL one of " +
         backgrounds;
}

int outcome_index(const std::string& name) {
  const auto it = std::find(kCohortOutcomeNames.begin(), kCohortOutcomeNames.end(), name);
  return it == kCohortOutcomeNames.end() ? -1 : static_cast<int>(it - kCohortOutcomeNames.begin());
}

std::optional<Moment> parse_median(const std::string& name, const std::string& outcome) {
  const int o = outcome_index(outcome);
  if (o < 0 || ((kMedianOutcomes >> o) & 1u) == 0) return std::nullopt;
  Moment m;
  m.name = name;
  m.kind = Moment::Kind::kCohortMedian;
  m.outcomes = 1u << o;
  return m;
}

// `body` is the name without "cohort/" and without a group suffix.
std::optional<Moment> parse_cohort(const std::string& name, const std::string& body) {
  const auto a = body.find('/');
  if (a == std::string::npos) return std::nullopt;
  Moment m;
  m.name = name;
  m.kind = Moment::Kind::kCohortShare;
  std::string list = body.substr(0, a);
  const std::string horizon = body.substr(a + 1);
  const auto h = std::find_if(kCohortHorizons.begin(), kCohortHorizons.end(),
                              [&](std::int32_t v) { return std::to_string(v) == horizon; });
  if (h == kCohortHorizons.end()) return std::nullopt;
  m.horizon = *h;
  std::size_t parts = 0;
  for (std::size_t start = 0; start <= list.size(); ++parts) {
    const auto plus = std::min(list.find('+', start), list.size());
    const int o = outcome_index(list.substr(start, plus - start));
    if (o < 0) return std::nullopt;
    m.outcomes |= 1u << o;
    start = plus + 1;
  }
  if (parts > 1 && (m.outcomes & ~kDisjointOutcomes) != 0) return std::nullopt;
  return m;
}

// The cohort moment `name`, with its group suffix, or nothing.
std::optional<Moment> parse_cohort_moment(const std::string& name) {
  const auto at = name.find('@');
  const std::string base = name.substr(0, at);
  int background = -1;
  if (at != std::string::npos) {
    const std::string group = name.substr(at + 1), key = "background=";
    if (group.rfind(key, 0) != 0) return std::nullopt;
    const auto it =
        std::find(kBackgroundNames.begin(), kBackgroundNames.end(), group.substr(key.size()));
    if (it == kBackgroundNames.end()) return std::nullopt;
    background = static_cast<int>(it - kBackgroundNames.begin());
  }
  const std::string median = "cohort_median/", share = "cohort/";
  std::optional<Moment> m;
  if (base.rfind(median, 0) == 0)
    m = parse_median(name, base.substr(median.size()));
  else if (base.rfind(share, 0) == 0)
    m = parse_cohort(name, base.substr(share.size()));
  if (!m) return m;
  m->background = background;
  m->needs_programme = (m->outcomes & ~kStageOutcomes) != 0;
  return m;
}

std::int32_t start_month(const Results& r) {
  std::int32_t m = 0;
  if (r.month_labels.empty() || !parse_month(r.month_labels.front(), m))
    throw std::invalid_argument("results without months");
  return m;
}

// Sums of (members in the outcomes, members) `horizon` months after the award over the cohorts of
// the window, for replicates [r0, r1): over the regions, or of one background.
std::pair<double, double> cohort_sums(const Results& res, const Moment& m, std::size_t h,
                                      const MomentWindow& w, int r0, int r1) {
  const bool grouped = m.background >= 0;
  const char* name = grouped ? "cohort_count_by_background" : "cohort_count";
  const CountTable* t = res.table(name);
  if (!t) throw std::invalid_argument(std::string("results without the ") + name + " table");
  const auto H = kCohortHorizons.size(), O = static_cast<std::size_t>(kCohortOutcomeCount),
             M = static_cast<std::size_t>(res.months()),
             G = grouped ? std::size_t{kBackgroundCount} : static_cast<std::size_t>(res.regions());
  const std::int32_t first = start_month(res);
  double members = 0, in = 0;
  for (int r = r0; r < r1; ++r)
    for (std::size_t c = 0; c < M; ++c) {
      const std::int32_t month = first + static_cast<std::int32_t>(c);
      if (month < w.from || month > w.to) continue;
      for (std::size_t g = 0; g < G; ++g) {
        if (grouped && g != static_cast<std::size_t>(m.background)) continue;
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

std::size_t horizon_index(int horizon) {
  return static_cast<std::size_t>(
      std::find(kCohortHorizons.begin(), kCohortHorizons.end(), horizon) - kCohortHorizons.begin());
}

double ratio(std::pair<double, double> sums) {
  return sums.second > 0 ? sums.first / sums.second : kNaN;
}

// A cohort moment from results, for replicates [r0, r1).
double cohort_value(const Results& res, const Moment& m, const MomentWindow& w, int r0, int r1) {
  if (m.kind == Moment::Kind::kCohortShare)
    return ratio(cohort_sums(res, m, horizon_index(m.horizon), w, r0, r1));
  std::vector<double> shares;
  for (std::size_t h = 0; h < kCohortHorizons.size(); ++h)
    shares.push_back(ratio(cohort_sums(res, m, h, w, r0, r1)));
  return median_months(shares, m.grid);
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
  if (name.rfind("cohort", 0) == 0) return parse_cohort_moment(name);
  for (const auto& info : kMetricInfo)
    if (name == info.name) {
      Moment m;
      m.name = name;
      m.metric = name;
      return m;
    }
  return std::nullopt;
}

double median_months(const std::vector<double>& shares, std::uint32_t grid) {
  double month = 0, share = 1;
  for (std::size_t h = 0; h < shares.size() && h < kCohortHorizons.size(); ++h) {
    if (((grid >> h) & 1u) == 0) continue;
    const auto next = static_cast<double>(kCohortHorizons[h]);
    if (std::isnan(shares[h])) return kNaN;
    if (shares[h] <= 0.5) return month + (next - month) * (share - 0.5) / (share - shares[h]);
    month = next, share = shares[h];
  }
  return kNaN;
}

double moment_value(const Results& res, const Moment& m, const MomentWindow& w) {
  return is_cohort(m) ? cohort_value(res, m, w, 0, res.replicates)
                      : ratio(metric_sums(res, m, w, 0, res.replicates));
}

std::vector<double> moment_by_replicate(const Results& res, const Moment& m,
                                        const MomentWindow& w) {
  std::vector<double> out;
  for (int r = 0; r < res.replicates; ++r)
    out.push_back(is_cohort(m) ? cohort_value(res, m, w, r, r + 1)
                               : ratio(metric_sums(res, m, w, r, r + 1)));
  return out;
}

double panel_moment(const Panel& panel, const Moment& m, const MomentWindow& w,
                    const std::vector<double>* person_weights) {
  if (!is_cohort(m))
    throw std::invalid_argument("a panel gives cohort moments only, not " + m.name);
  const int programme = panel.covariate_index("programme");
  if (m.needs_programme && programme < 0)
    throw std::invalid_argument(m.name + " needs the panel's programme column");
  const int background = panel.covariate_index("background");
  if (m.background >= 0 && background < 0)
    throw std::invalid_argument(m.name + " needs the panel's background column");
  const auto share = [&](int horizon) {
    double members = 0, in = 0;
    for (std::size_t i = 0; i < panel.persons.size(); ++i) {
      const PanelPerson& p = panel.persons[i];
      const PanelObservation& first = p.observations.front();
      const double weight = person_weights ? (*person_weights)[i] : p.weight;
      if (weight == 0 || first.month < w.from || first.month > w.to) continue;
      if (m.background >= 0 &&
          first.covariates[static_cast<std::size_t>(background)] != m.background)
        continue;
      const std::uint32_t bits = person_outcomes(p, programme, horizon);
      if (bits == 0) continue;  // not observed at the horizon
      members += weight;
      if (bits & m.outcomes) in += weight;
    }
    return members > 0 ? in / members : kNaN;
  };
  if (m.kind == Moment::Kind::kCohortShare) return share(m.horizon);
  std::vector<double> shares;
  for (const auto h : kCohortHorizons) shares.push_back(share(h));
  return median_months(shares, m.grid);
}

void restrict_to_panel(Moment& m, const Panel& panel, const MomentWindow& w) {
  if (m.kind != Moment::Kind::kCohortMedian) return;
  Moment share = m;
  share.kind = Moment::Kind::kCohortShare;
  m.grid = 0;
  for (std::size_t h = 0; h < kCohortHorizons.size(); ++h) {
    share.horizon = kCohortHorizons[h];
    if (!std::isnan(panel_moment(panel, share, w))) m.grid |= 1u << h;
  }
}

std::vector<ScenarioIssue> check_panel_moments(const Panel& panel,
                                               const std::vector<Moment>& moments,
                                               const std::string& file,
                                               const std::string& pointer_prefix) {
  std::vector<ScenarioIssue> issues;
  for (std::size_t i = 0; i < moments.size(); ++i) {
    const Moment& m = moments[i];
    const std::string where = pointer_prefix + std::to_string(i);
    if (!is_cohort(m))
      issues.push_back({file, where, "a cohort moment (a panel describes persons, not the OCMW)",
                        "\"" + m.name + "\""});
    else if (m.background >= 0 && panel.covariate_index("background") < 0)
      issues.push_back(
          {file, where,
           "a moment of all persons, since the panel " + panel.path + " has no background column",
           "\"" + m.name + "\""});
    else if (m.needs_programme && panel.covariate_index("programme") < 0)
      issues.push_back(
          {file, where,
           "a moment of stages only, since the panel " + panel.path + " has no programme column",
           "\"" + m.name + "\""});
  }
  bool cohort = false;
  for (const auto& m : moments) cohort = cohort || is_cohort(m);
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

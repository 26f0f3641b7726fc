// Analytic witness: with unlimited caseworker capacity and no arrivals, every hazard is constant
// and the model is an absorbing Markov chain over (stage, domain levels) for each Dutch level.
// This test builds that chain from the parameters, following the rules of models/ODD.md
// ("Submodels") rather than the model's code, solves it with the fundamental matrix, and
// compares the simulated absorption shares and mean months to each end state within 4 standard
// errors.
#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <utility>

#include "analysis/absorbing_chain.hpp"
#include "models/labour_market.hpp"
#include "models/run.hpp"
#include "models/transit.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;

namespace {

// The chain runs over four domains; the scenario holds the other three stable for good (stable
// at arrival, no shocks), so they never change and never matter.
constexpr int kChainDomainCount = 4;
constexpr std::array<int, kChainDomainCount> kChainDomains = {kIncome, kHousing, kPhysicalHealth,
                                                              kAdministration};
constexpr int kDomainStates = 81;  // 3^4 combinations of domain levels
constexpr int kTransient = kActiveStageCount * kDomainStates;
constexpr int kAbsorbing = kStageCount - kActiveStageCount;
constexpr double kTolerance = 4.0;  // standard errors (see compare_with_chain)

// Levels of all domains (the held ones at 0) from a chain code over kChainDomains.
std::array<int, kDomainCount> levels_of(int code) {
  std::array<int, kDomainCount> l{};
  for (int d = 0; d < kChainDomainCount; ++d, code /= 3) l[kChainDomains[d]] = code % 3;
  return l;
}
int code_of(const std::array<int, kDomainCount>& l) {
  int code = 0;
  for (int d = kChainDomainCount - 1; d >= 0; --d) code = code * 3 + l[kChainDomains[d]];
  return code;
}

// One domain over one month: a shock (worse by one, if not in crisis), then a recovery (better by
// one, if not stable) with the recovery probability already scaled by the support.
Eigen::Matrix3d domain_month(double shock, double recovery) {
  Eigen::Matrix3d S = Eigen::Matrix3d::Zero(), R = Eigen::Matrix3d::Zero();
  S(0, 0) = 1 - shock, S(0, 1) = shock, S(1, 1) = 1 - shock, S(1, 2) = shock, S(2, 2) = 1;
  R(0, 0) = 1, R(1, 0) = recovery, R(1, 1) = 1 - recovery, R(2, 1) = recovery,
       R(2, 2) = 1 - recovery;
  return S * R;
}

// Stage move probabilities from `stage` given the domain levels after the month, support `s`,
// Dutch-language factor `language` and job access `access`: returns P(next stage).
std::array<double, kStageCount> stage_move(const ModelParameters& p, int stage,
                                           const std::array<int, kDomainCount>& l, double s,
                                           double language, double access) {
  std::array<double, kStageCount> out{};
  bool crisis = false;
  for (int d = 0; d < kDomainCount; ++d) crisis |= l[d] == 2;
  out[kExited] += p.exit_per_month;
  out[kDroppedOut] += p.dropout_per_month[stage];
  switch (stage) {
    case kIntake:
      out[kExited] += p.intake_decision_per_month * s * p.intake_refused_share;
      out[kAdminStartup] += p.intake_decision_per_month * s * (1 - p.intake_refused_share);
      break;
    case kAdminStartup:
      if (l[kAdministration] < 2) out[kStabilisation] += p.admin_startup_done_per_month * s;
      break;
    case kStabilisation:
      if (!crisis) out[kPreActivation] += p.stabilisation_done_per_month * s;
      break;
    case kPreActivation:
      if (crisis) {
        out[kStabilisation] += p.crisis_setback_per_month;
      } else {
        if (l[kPhysicalHealth] > 0) out[kParticipation] += p.participation_per_month * s;
        out[kActivation] += p.pre_activation_to_activation_per_month * s * language;
      }
      break;
    case kActivation:
      if (crisis)
        out[kStabilisation] += p.crisis_setback_per_month;
      else
        out[kEmployed] += p.activation_to_employed_per_month * s * access;
      break;
  }
  double moved = 0;
  for (double v : out) moved += v;
  out[stage] += 1 - moved;
  return out;
}

struct Expected {
  Eigen::VectorXd share, mean, second;  // per end state: P, E[T 1{A}], E[T^2 1{A}]
};

// Client types that share a chain: Dutch-language factor and job access, with their weight in
// the initial caseload (Dutch level x home place x mobility, drawn independently).
std::map<std::pair<double, double>, double> client_types(const ModelParameters& p) {
  const ArrivalProfile& profile = p.profiles[kOriginOrdinary];
  const RegionParameters& region = p.regions[0];
  const JobAccessTable access(TransitNetwork(region.transit), region.labour_market);
  const double licence = profile.driving_licence_share, car = profile.car_share_of_licensed;
  const std::array<double, kMobilityCount> mobility = {1 - licence, licence * (1 - car),
                                                       licence * car};
  std::map<std::pair<double, double>, double> types;
  for (int dutch = 0; dutch < kDutchLevels; ++dutch)
    for (std::size_t home = 0; home < region.transit.places.size(); ++home)
      for (int mob = 0; mob < kMobilityCount; ++mob) {
        const double w = profile.dutch_level_share[dutch] * region.transit.places[home].home_share *
                         mobility[mob];
        if (w <= 0) continue;
        types[{p.dutch_progress_factor[dutch],
               access.access(home, static_cast<Mobility>(mob), dutch >= 2)}] += w;
      }
  return types;
}

// Solves the chain for every client type at support `s` and mixes by the types' weights.
Expected solve(const ModelParameters& p, double s) {
  const ArrivalProfile& profile = p.profiles[kOriginOrdinary];
  std::array<Eigen::Matrix3d, kDomainCount> dm;
  for (int d = 0; d < kDomainCount; ++d)
    dm[d] = domain_month(p.shock_per_month[d], p.recovery_per_month[d] * s);
  Expected e{Eigen::VectorXd::Zero(kAbsorbing), Eigen::VectorXd::Zero(kAbsorbing),
             Eigen::VectorXd::Zero(kAbsorbing)};
  for (const auto& [type, w] : client_types(p)) {
    const auto [language, access] = type;
    Eigen::MatrixXd Q = Eigen::MatrixXd::Zero(kTransient, kTransient);
    Eigen::MatrixXd R = Eigen::MatrixXd::Zero(kTransient, kAbsorbing);
    Eigen::VectorXd start = Eigen::VectorXd::Zero(kTransient);
    for (int stage = 0; stage < kActiveStageCount; ++stage) {
      for (int c = 0; c < kDomainStates; ++c) {
        const auto l = levels_of(c);
        double initial = p.initial_stage_share[stage];
        for (int d : kChainDomains) initial *= profile.domain_level_share[d][l[d]];
        start(stage * kDomainStates + c) = initial;
        for (int c2 = 0; c2 < kDomainStates; ++c2) {
          const auto l2 = levels_of(c2);
          double pd = 1;
          for (int d : kChainDomains) pd *= dm[d](l[d], l2[d]);
          if (pd == 0) continue;
          const auto move = stage_move(p, stage, l2, s, language, access);
          for (int t = 0; t < kStageCount; ++t) {
            if (t < kActiveStageCount)
              Q(stage * kDomainStates + c, t * kDomainStates + c2) += pd * move[t];
            else
              R(stage * kDomainStates + c, t - kActiveStageCount) += pd * move[t];
          }
        }
      }
    }
    REQUIRE(code_of(levels_of(47)) == 47);
    const AbsorbingChainSolution sol = solve_absorbing_chain(Q, R, start);
    for (int j = 0; j < kAbsorbing; ++j) {
      const double pj = sol.absorption_probability(j);
      if (pj <= 0) continue;
      const double m = sol.conditional_mean_time(j);
      e.share(j) += w * pj;
      e.mean(j) += w * pj * m;
      e.second(j) += w * pj * (sol.conditional_var_time(j) + m * m);
    }
  }
  return e;
}

// Simulates 400,000 initial clients with no arrivals and compares them with the chain at
// support `support`, which the scenario fixes through the caseworker capacity.
void compare_with_chain(const std::vector<std::string>& support_settings, double support) {
  const int months = 400;
  std::vector<std::string> settings = {
      "/months=" + std::to_string(months), "/replicates=1", "/regions/0/initial_clients=400000",
      "/regions/0/ordinary_applications_per_month=0", "/regions/0/reform_population/share=0",
      "/transitions/exit_per_month=0.03",
      // Housing held still: everyone in a decent private rental, never evicted, not listed.
      "/arrivals/profiles/ordinary/housing_status_share=[0,1,0,0]",
      "/arrivals/profiles/ordinary/social_housing_registered_share=0",
      "/housing/eviction_per_month=0",
      // No translation-app penalty and no digital-skills hours: support is the chain's s.
      "/interpreters/translation_app_support_penalty=0",
      "/interpreters/caseworker_wait_hours_per_interpreter_hour=0",
      "/demand/extra_hours_without_digital_skills=0",
      "/arrivals/profiles/ordinary/young_child_share=0",
      "/arrivals/profiles/ordinary/job_ready_share=0",
      // Motivation and trust without effect on drop-out and support.
      "/motivation/dropout_factor_by_level=[1,1,1,1]", "/trust/dropout_factor_by_level=[1,1,1,1]",
      "/trust/support_factor_by_level=[1,1,1,1]",
      // No GPMI paperwork and no GPMI sanctions.
      "/gpmi/drafting_hours_per_month=0", "/gpmi/evaluation_hours_per_month=0",
      "/gpmi/noncompliance_per_month=0",
      // The other three domains stable for good; no interactions and no stability bonus.
      "/arrivals/profiles/ordinary/domain_level_share/mental_health=[1,0,0]",
      "/arrivals/profiles/ordinary/domain_level_share/debt=[1,0,0]",
      "/arrivals/profiles/ordinary/domain_level_share/social_network=[1,0,0]",
      "/domains/shock_per_month/mental_health=0", "/domains/shock_per_month/debt=0",
      "/domains/shock_per_month/social_network=0",
      "/domains/interactions=[{\"from\":\"income\",\"to\":\"housing\",\"shock_factor\":1}]",
      "/domains/stable_domain_recovery_bonus=0",
      // Basic rights in order, everyone work-ready enough, Dutch fixed, no programme places,
      // no relational hours, employers all willing, jobs that last.
      "/admin_startup/tasks/health_insurance/missing_share=0",
      "/admin_startup/tasks/child_benefit/missing_share=0",
      "/admin_startup/tasks/school_and_childcare/missing_share=0",
      "/admin_startup/tasks/bank_account/missing_share=0",
      "/admin_startup/tasks/address_registration/missing_share=0",
      "/arrivals/profiles/ordinary/work_readiness_share=[0,0,1]",
      "/dutch_courses/informal_gain_per_month=0", "/regions/0/nt2_course_places=0",
      "/regions/0/programme_places={\"art60\":0,\"wijk_werken\":0,\"training\":0}",
      "/relational_work/hours_per_month_by_trust_level=[0,0,0,0]",
      "/employer_willingness/no_dutch_b1=1", "/employer_willingness/no_recent_work_experience=1",
      "/jobs/follow_months=0",
      // A low-threshold place for everyone who asks; no high-pace vacancies.
      "/regions/0/low_threshold_places_per_month=1e6",
      "/regions/0/labour_market/high_pace_share=0"};
  // Every client of background "other", without a work handicap.
  const auto other = test::only_background("other", {"/backgrounds/other/work_handicap_share=0"});
  settings.insert(settings.end(), other.begin(), other.end());
  settings.insert(settings.end(), support_settings.begin(), support_settings.end());
  auto doc = test::baseline(settings);
  const ModelParameters p = read_model_parameters(doc);
  const Results res = run_pathways(p, doc.root.dump());
  const Expected e = solve(p, support);

  const double n = static_cast<double>(p.regions[0].initial_clients);
  double still_active = 0;
  for (int s = 0; s < kActiveStageCount; ++s)
    still_active += static_cast<double>(res.stage_count[res.stage_index(0, months - 1, 0, s)]);
  CHECK(still_active / n < 1e-3);  // the horizon covers (nearly) every absorption

  for (int j = 0; j < kAbsorbing; ++j) {
    const int stage = kActiveStageCount + j;
    // Simulated: absorbed count, and months of absorption from the flows into the end state.
    double count = 0, months_sum = 0;
    for (int m = 0; m < months; ++m) {
      double into = 0;
      for (int from = 0; from < kActiveStageCount; ++from)
        into +=
            static_cast<double>(res.transition_count[res.transition_index(0, m, 0, from, stage)]);
      count += into;
      months_sum += into * (m + 1);
    }
    const double share = e.share(j);
    const double share_se = std::sqrt(share * (1 - share) / n);
    INFO("end state " << kStageNames[stage] << ": simulated share " << count / n << ", analytic "
                      << share);
    // 16 comparisons (2 cases x 4 end states x share and mean): 4 standard errors keep the
    // chance of a false alarm in the whole file near 0.1% (Bonferroni), where 3 would give 4%.
    CHECK(std::fabs(count / n - share) < kTolerance * share_se);
    if (share * n < 100) continue;
    const double mean = e.mean(j) / share;
    const double var = e.second(j) / share - mean * mean;
    const double mean_se = std::sqrt(var / count);
    INFO("mean months: simulated " << months_sum / count << ", analytic " << mean << " (se "
                                   << mean_se << ")");
    CHECK(std::fabs(months_sum / count - mean) < kTolerance * mean_se);
  }
}

}  // namespace

TEST_CASE("full support: end-state shares and mean months match the fundamental matrix") {
  // Nobody asks for caseworker hours, so everyone receives all they ask: s = 1.
  compare_with_chain(
      {"/demand/hours_per_month_by_stage={\"intake\":0,\"admin_startup\":0,"
       "\"stabilisation\":0,\"pre_activation\":0,\"activation\":0}",
       "/demand/extra_hours_per_crisis_domain=0", "/demand/extra_hours_by_dutch_level=[0,0,0,0]"},
      1.0);
}

TEST_CASE("no caseworkers: hazards scaled by the unsupported share match the chain") {
  // No capacity: nobody receives any hours, so s = unsupported_progress_share = 0.5 exactly,
  // which tests the support scaling of every supported move and of domain recovery.
  compare_with_chain({"/regions/0/caseworker_fte=0", "/regions/0/caseworker_budget_fte=0",
                      "/transitions/unsupported_progress_share=0.5"},
                     0.5);
}

TEST_CASE("the absorbing-chain solver reproduces a two-state chain worked by hand") {
  // One transient state that stays with 0.5, goes to A with 0.3 and to B with 0.2:
  // P(A) = 0.6, P(B) = 0.4; T is geometric with success 0.5, independent of the end state:
  // E[T] = 2, Var[T] = (1 - 0.5) / 0.25 = 2.
  Eigen::MatrixXd Q(1, 1), R(1, 2);
  Q << 0.5;
  R << 0.3, 0.2;
  Eigen::VectorXd s(1);
  s << 1.0;
  const auto sol = solve_absorbing_chain(Q, R, s);
  CHECK(sol.absorption_probability(0) == Approx(0.6));
  CHECK(sol.absorption_probability(1) == Approx(0.4));
  CHECK(sol.conditional_mean_time(0) == Approx(2.0));
  CHECK(sol.conditional_var_time(1) == Approx(2.0));
  CHECK(sol.mean_time == Approx(2.0));
}

// Multi-state Markov models from panel data (analysis/multistate.hpp): the exact gradient, an
// analytic maximum, recovery of known intensities and effects, weights, identification and the
// errors of a bad specification.
#include <catch2/catch.hpp>
#include <cmath>
#include <random>
#include <unsupported/Eigen/MatrixFunctions>

#include "analysis/multistate.hpp"
#include "engine/input_error.hpp"
#include "models/definitions.hpp"

using namespace drempel;

namespace {

// The pathway of the tests: intake -> admin_startup -> activation -> employed, with
// admin_startup -> exited and activation -> exited too; employed and exited absorb.
MultistateSpec pathway_spec(std::vector<std::string> covariates = {}) {
  MultistateSpec s;
  s.config_path = "test.json";
  s.states = {kIntake, kAdminStartup, kActivation, kEmployed, kExited};
  s.transitions = {{0, 1}, {1, 2}, {1, 4}, {2, 3}, {2, 4}};
  s.covariates = std::move(covariates);
  return s;
}

// Simulates persons through a continuous-time chain with intensities q_t exp(beta_t z), z a 0/1
// covariate ("household": cohabiting 0, single 1), observed at month 0 and then after gaps of 1
// to 4 months, up to month 24.
Panel simulate_panel(const MultistateSpec& spec, const std::vector<double>& q,
                     const std::vector<double>& beta, std::size_t persons, std::uint64_t seed,
                     double weight = 1) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> gap(1, 4);
  std::bernoulli_distribution single(0.5);
  Panel panel;
  panel.path = "simulated.csv";
  panel.covariates = {{"household", {"cohabiting", "single", "family"}}};
  panel.weighted = weight != 1;
  for (std::size_t i = 0; i < persons; ++i) {
    PanelPerson p{"p" + std::to_string(i), weight, {}};
    const double z = single(rng) ? 1 : 0;
    std::size_t state = 0;
    double now = 0;
    for (int month = 0; month <= 24; month += gap(rng)) {
      while (true) {  // move until the observation month
        double total = 0;
        std::vector<double> rates;
        for (std::size_t t = 0; t < spec.transitions.size(); ++t) {
          const bool out = spec.transitions[t].first == state;
          rates.push_back(out ? q[t] * std::exp(beta.empty() ? 0 : beta[t] * z) : 0);
          total += rates.back();
        }
        if (total == 0) break;
        const double wait = std::exponential_distribution<double>(total)(rng);
        if (now + wait > month) break;
        now += wait;
        std::discrete_distribution<std::size_t> pick(rates.begin(), rates.end());
        state = spec.transitions[pick(rng)].second;
      }
      now = month;  // memoryless: the wait restarts at the observation
      p.observations.push_back({month, spec.states[state], 0, {z}});
    }
    panel.persons.push_back(std::move(p));
  }
  return panel;
}

}  // namespace

TEST_CASE("the multi-state log-likelihood's gradient is the derivative of the likelihood") {
  const MultistateSpec spec = pathway_spec({"household"});
  const Panel panel =
      simulate_panel(spec, {0.5, 0.2, 0.05, 0.1, 0.03}, {0.3, -0.2, 0, 0.4, 0.1}, 300, 1);
  const MultistateProblem p = build_multistate_problem(panel, spec);
  Eigen::VectorXd theta = multistate_start(p);
  for (Eigen::Index i = 0; i < theta.size(); ++i)
    theta(i) += 0.1 * static_cast<double>(i % 3) - 0.1;
  Eigen::VectorXd g;
  multistate_log_likelihood(p, theta, &g);
  for (Eigen::Index i = 0; i < theta.size(); ++i) {
    Eigen::VectorXd up = theta, down = theta;
    up(i) += 1e-6;
    down(i) -= 1e-6;
    const double numeric =
        (multistate_log_likelihood(p, up, nullptr) - multistate_log_likelihood(p, down, nullptr)) /
        2e-6;
    CHECK(g(i) == Approx(numeric).epsilon(1e-5).margin(1e-5));
  }
}

TEST_CASE(
    "a two-state chain seen every month has its maximum where exp(Q) is the observed matrix") {
  // With intervals of one month, the multinomial maximum is P-hat = the observed moves; for two
  // states P(1) = I + (1 - exp(-(a + b))) / (a + b) Q, so a + b = -log(1 - p12 - p21) and
  // a / b = p12 / p21.
  MultistateSpec spec;
  spec.config_path = "two.json";
  spec.states = {kActivation, kEmployed};
  spec.transitions = {{0, 1}, {1, 0}};
  Panel panel;
  panel.path = "two.csv";
  const int n11 = 70, n12 = 30, n21 = 10, n22 = 90;
  auto add = [&](std::uint8_t from, std::uint8_t to, int count) {
    for (int i = 0; i < count; ++i)
      panel.persons.push_back(
          {"x" + std::to_string(panel.persons.size()), 1, {{0, from, 0, {}}, {1, to, 0, {}}}});
  };
  add(kActivation, kActivation, n11);
  add(kActivation, kEmployed, n12);
  add(kEmployed, kActivation, n21);
  add(kEmployed, kEmployed, n22);
  const MultistateProblem p = build_multistate_problem(panel, spec);
  const MultistateFit fit = fit_multistate(p);
  const double p12 = n12 / double(n11 + n12), p21 = n21 / double(n21 + n22);
  const double sum = -std::log(1 - p12 - p21);
  CHECK(fit.converged);
  CHECK(std::exp(fit.estimate(0)) == Approx(sum * p12 / (p12 + p21)).epsilon(1e-7));
  CHECK(std::exp(fit.estimate(1)) == Approx(sum * p21 / (p12 + p21)).epsilon(1e-7));
  const double binomial =
      n12 * std::log(p12) + n11 * std::log(1 - p12) + n21 * std::log(p21) + n22 * std::log(1 - p21);
  CHECK(fit.log_likelihood == Approx(binomial).epsilon(1e-10));
}

TEST_CASE("known intensities and effects are recovered within their standard errors") {
  // 20 independent panels of 400 persons: each of the 10 parameters' 95% intervals should cover
  // the truth about 95% of the time; fewer than 85% of 200 would mean biased estimates or
  // standard errors that are too small.
  const MultistateSpec spec = pathway_spec({"household"});
  const std::vector<double> q = {0.5, 0.2, 0.05, 0.1, 0.03}, beta = {0.3, -0.2, 0, 0.4, 0.1};
  int covered = 0, total = 0;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const MultistateProblem p =
        build_multistate_problem(simulate_panel(spec, q, beta, 400, 100 + seed), spec);
    const MultistateFit fit = fit_multistate(p);
    REQUIRE(fit.converged);
    REQUIRE(fit.warnings.empty());
    for (std::size_t i = 0; i < 10; ++i) {
      const double truth = i < 5 ? std::log(q[i]) : beta[i - 5];
      const auto k = static_cast<Eigen::Index>(i);
      covered += std::abs(fit.estimate(k) - truth) < 1.96 * fit.standard_error(k);
      ++total;
    }
  }
  INFO("covered " << covered << " of " << total);
  CHECK(covered >= 0.85 * total);
  CHECK(covered < total);  // 200 intervals that all cover would mean standard errors too wide
}

TEST_CASE("survey weights scale the likelihood and give robust standard errors") {
  // Weight 2 on every person is the panel counted twice: the same estimates. The sandwich
  // standard error of a weight that is not a frequency is that of the unweighted panel, since
  // scaling the weights scales H and J alike (H^-1 J H^-1 is unchanged by a constant weight).
  const MultistateSpec spec = pathway_spec();
  const std::vector<double> q = {0.5, 0.2, 0.05, 0.1, 0.03};
  const MultistateFit plain =
      fit_multistate(build_multistate_problem(simulate_panel(spec, q, {}, 500, 7), spec));
  const MultistateFit twice =
      fit_multistate(build_multistate_problem(simulate_panel(spec, q, {}, 500, 7, 2.0), spec));
  CHECK(twice.sandwich);
  CHECK_FALSE(plain.sandwich);
  for (Eigen::Index i = 0; i < plain.estimate.size(); ++i) {
    CHECK(twice.estimate(i) == Approx(plain.estimate(i)).margin(1e-6));
    // Sandwich and observed information agree when the model is right, up to sampling noise.
    CHECK(twice.standard_error(i) == Approx(plain.standard_error(i)).epsilon(0.25));
  }
}

TEST_CASE("a move nobody makes is flagged, and the other parameters keep their standard errors") {
  MultistateSpec spec = pathway_spec();
  spec.transitions.push_back({0, 4});  // intake -> exited, never simulated
  const MultistateFit fit = fit_multistate(build_multistate_problem(
      simulate_panel(spec, {0.5, 0.2, 0.05, 0.1, 0.03, 0}, {}, 300, 3), spec));
  REQUIRE(fit.warnings.size() == 1);
  CHECK_THAT(fit.warnings[0],
             Catch::Contains("not identified") && Catch::Contains("intake>exited"));
  CHECK(std::isnan(fit.standard_error(5)));
  for (Eigen::Index i = 0; i < 5; ++i) CHECK(std::isfinite(fit.standard_error(i)));
  CHECK(std::exp(fit.estimate(5)) < 1e-3);  // towards 0, where the data put it
}

TEST_CASE("collinear covariates are flagged as not identified") {
  // Two covariates with the same values: only their sum's effect is in the data.
  const MultistateSpec base = pathway_spec();
  Panel panel = simulate_panel(base, {0.5, 0.2, 0.05, 0.1, 0.03}, {0.3, -0.2, 0, 0.4, 0.1}, 300, 4);
  panel.covariates = {{"dutch_level", {}}, {"income", {}}};
  for (auto& person : panel.persons)
    for (auto& o : person.observations) o.covariates = {o.covariates[0], o.covariates[0]};
  MultistateSpec spec = base;
  spec.covariates = {"dutch_level", "income"};
  const MultistateFit fit = fit_multistate(build_multistate_problem(panel, spec));
  REQUIRE(fit.warnings.size() == 5);  // one null direction per transition
  CHECK_THAT(fit.warnings[0], Catch::Contains("not identified") &&
                                  Catch::Contains("dutch_level: ") && Catch::Contains("income: "));
  for (Eigen::Index i = 0; i < 5; ++i) CHECK(std::isfinite(fit.standard_error(i)));
  for (Eigen::Index i = 5; i < 15; ++i) CHECK(std::isnan(fit.standard_error(i)));
}

TEST_CASE("a specification the panel cannot meet is refused with the file, line and person") {
  const MultistateSpec spec = pathway_spec({"income"});
  Panel panel = simulate_panel(spec, {0.5, 0.2, 0.05, 0.1, 0.03}, {}, 20, 5);
  panel.persons[0].observations[1].stage = kPreActivation;  // not a state
  panel.persons[0].observations[1].line = 17;
  panel.persons[1].observations = {{0, kEmployed, 30, {0}}, {3, kIntake, 31, {0}}};
  std::string m;
  try {
    build_multistate_problem(panel, spec);
  } catch (const InputError& e) {
    m = e.what();
  }
  CHECK_THAT(m, Catch::Contains("simulated.csv: line 17, column \"stage\"") &&
                    Catch::Contains("\"pre_activation\""));
  CHECK_THAT(m, Catch::Contains("line 31") && Catch::Contains("person \"p1\", line 30") &&
                    Catch::Contains("from \"employed\""));
  CHECK_THAT(m, Catch::Contains("test.json: /method/multistate/covariates/0") &&
                    Catch::Contains("(household)"));
}

// ABC-SMC (analysis/abc_smc.hpp): on a model whose posterior is known, the 90% intervals cover
// the truth at about 90% over repeated data, the posterior's spread is the analytic one, and the
// result does not depend on the number of threads.
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>

#include "analysis/abc_smc.hpp"
#include "engine/parallel.hpp"
#include "engine/random.hpp"

using namespace drempel;

namespace {

constexpr double kSigma = 0.5;

// Moments = theta + N(0, sigma^2) noise from the key: with a flat prior far wider than sigma,
// the posterior given data x is N(x, sigma^2) in each coordinate.
std::optional<Eigen::VectorXd> normal_model(const std::vector<double>& theta, std::uint64_t key) {
  const RandomStreams streams(key, 7);
  const RandomWords w = streams.words(0, 0, 1);
  const double r = std::sqrt(-2 * std::log(to_unit_open_zero(w[0])));
  const double a = 2 * std::numbers::pi * to_unit(w[1]);
  return Eigen::Vector2d(theta[0] + kSigma * r * std::cos(a), theta[1] + kSigma * r * std::sin(a));
}

const std::vector<std::pair<double, double>> kBox = {{-5, 5}, {-5, 5}};
const std::function<void(int, int)> kQuiet = [](int, int) {};

}  // namespace

TEST_CASE("ABC-SMC's 90% intervals cover the truth at about 90% on repeated synthetic data") {
  AbcSettings s;
  s.particles = 300;
  s.generations = 8;
  int covered = 0, total = 0;
  double sd_sum = 0;
  for (std::uint64_t d = 0; d < 100; ++d) {
    const Eigen::Vector2d truth(-1 + 0.02 * static_cast<double>(d), 0.5);
    const Eigen::VectorXd data = *normal_model({truth(0), truth(1)}, 1000000 + d);
    s.seed = 100 + d;
    const AbcResult r = abc_smc(kBox, data, normal_model, s, kQuiet);
    REQUIRE(r.generations.size() == 9);
    for (Eigen::Index i = 0; i < 2; ++i) {
      covered += truth(i) >= r.low(i) && truth(i) <= r.high(i);
      ++total;
      sd_sum += r.sd(i);
    }
  }
  const double coverage = double(covered) / total, sd = sd_sum / total;
  INFO("coverage " << coverage << ", mean posterior sd " << sd << " (exact " << kSigma << ")");
  CHECK(coverage >= 0.84);  // 200 intervals: 0.9 +- 3 binomial standard deviations
  CHECK(coverage <= 0.96);
  // ABC's tolerance widens the posterior a little; the exact one has sd sigma.
  CHECK(sd == Approx(kSigma).epsilon(0.15));
}

TEST_CASE("ABC-SMC's tolerance falls and its weights are a distribution") {
  AbcSettings s;
  s.particles = 200;
  s.generations = 5;
  const AbcResult r = abc_smc(kBox, Eigen::Vector2d(1, -2), normal_model, s, kQuiet);
  for (std::size_t g = 2; g < r.generations.size(); ++g)
    CHECK(r.generations[g].epsilon < r.generations[g - 1].epsilon);
  for (const auto& g : r.generations) {
    CHECK(g.weights.sum() == Approx(1));
    CHECK(g.weights.minCoeff() > 0);
    CHECK(g.ess > 10);
    CHECK(g.particles.rows() == 200);
    CHECK(g.acceptance > 0);
    CHECK(g.acceptance <= 1);
  }
  CHECK(std::abs(r.mean(0) - 1) < 3 * kSigma);
  CHECK(std::abs(r.mean(1) + 2) < 3 * kSigma);
}

TEST_CASE("ABC-SMC gives the same particles at one and two threads") {
  AbcSettings s;
  s.particles = 100;
  s.generations = 3;
  s.batch = 37;
  const auto run = [&](int threads) {
    ThreadLimit limit(threads);
    return limit.execute(
        [&] { return abc_smc(kBox, Eigen::Vector2d(0, 0), normal_model, s, kQuiet); });
  };
  const AbcResult one = run(1), two = run(2);
  REQUIRE(one.generations.size() == two.generations.size());
  for (std::size_t g = 0; g < one.generations.size(); ++g) {
    CHECK(one.generations[g].particles == two.generations[g].particles);
    CHECK(one.generations[g].weights == two.generations[g].weights);
    CHECK(one.generations[g].simulations == two.generations[g].simulations);
  }
}

TEST_CASE("ABC-SMC stops with a warning when the budget runs out") {
  AbcSettings s;
  s.particles = 100;
  s.generations = 30;
  s.max_simulations = 1500;
  const AbcResult r = abc_smc(kBox, Eigen::Vector2d(0, 0), normal_model, s, kQuiet);
  REQUIRE_FALSE(r.warnings.empty());
  CHECK_THAT(r.warnings[0], Catch::Contains("budget"));
  CHECK(r.generations.size() < 31);
  CHECK_THROWS_AS(abc_smc(
                      kBox, Eigen::Vector2d(0, 0),
                      [](const std::vector<double>&, std::uint64_t) {
                        return std::optional<Eigen::VectorXd>();
                      },
                      s, kQuiet),
                  std::runtime_error);
}

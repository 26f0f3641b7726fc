// Random streams: addressing, reproducibility and the distributions of the helpers.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "engine/random.hpp"

using namespace drempel;

TEST_CASE("the same address gives the same words and any changed coordinate changes them") {
  const RandomStreams s(42, 0);
  const RandomWords a = s.words(7, 3, 2, 0);
  CHECK(a == s.words(7, 3, 2, 0));
  CHECK(a != s.words(8, 3, 2, 0));
  CHECK(a != s.words(7, 4, 2, 0));
  CHECK(a != s.words(7, 3, 1, 0));
  CHECK(a != s.words(7, 3, 2, 1));
  CHECK(a != RandomStreams(42, 1).words(7, 3, 2, 0));
  CHECK(a != RandomStreams(43, 0).words(7, 3, 2, 0));
  CHECK(a != RandomStreams(42 + (std::uint64_t{1} << 32), 0).words(7, 3, 2, 0));
}

TEST_CASE("uniform words pass a chi-square test over 16 bins") {
  const RandomStreams s(1, 0);
  std::vector<double> bins(16, 0.0);
  const int n = 200000;
  for (int i = 0; i < n / 4; ++i)
    for (std::uint32_t w : s.words(static_cast<std::uint32_t>(i), 1, 1)) bins[w >> 28] += 1;
  double chi2 = 0;
  for (double b : bins) chi2 += (b - n / 16.0) * (b - n / 16.0) / (n / 16.0);
  CHECK(chi2 < 37.7);  // 99.9% quantile of chi-square with 15 degrees of freedom
}

TEST_CASE("eight-word blocks: same address same words, any changed coordinate changes them") {
  const RandomStreams s(42, 0);
  const RandomWords8 a = s.words8(7, 3, 2, 0);
  CHECK(a == s.words8(7, 3, 2, 0));
  CHECK(a != s.words8(8, 3, 2, 0));
  CHECK(a != s.words8(7, 4, 2, 0));
  CHECK(a != s.words8(7, 3, 1, 0));
  CHECK(a != s.words8(7, 3, 2, 1));
  CHECK(a != RandomStreams(42, 1).words8(7, 3, 2, 0));
  CHECK(a != RandomStreams(43, 0).words8(7, 3, 2, 0));
  CHECK(a != RandomStreams(42 + (std::uint64_t{1} << 32), 0).words8(7, 3, 2, 0));
  // Entity and month share one counter word: neither may spill into the other.
  CHECK(s.words8(1, 0, 2, 0) != s.words8(0, 1, 2, 0));
}

TEST_CASE("eight-word blocks: every word position passes a chi-square test over 16 bins") {
  const RandomStreams s(1, 0);
  const int n = 200000 / 8;
  for (int position = 0; position < 8; ++position) {
    std::vector<double> bins(16, 0.0);
    for (int i = 0; i < n; ++i)
      bins[s.words8(static_cast<std::uint32_t>(i), 1, 1)[position] >> 28] += 1;
    double chi2 = 0;
    for (double b : bins) chi2 += (b - n / 16.0) * (b - n / 16.0) / (n / 16.0);
    INFO("word " << position);
    CHECK(chi2 < 37.7);  // 99.9% quantile of chi-square with 15 degrees of freedom
  }
}

TEST_CASE("bernoulli thresholds give the asked frequency and handle 0 and 1 exactly") {
  CHECK(bernoulli_threshold(0.0) == 0);
  CHECK(bernoulli_threshold(-1.0) == 0);
  CHECK(bernoulli_threshold(1.0) == (std::uint64_t{1} << 32));
  CHECK(bernoulli(0xffffffffu, 1.0));
  CHECK_FALSE(bernoulli(0u, 0.0));
  const RandomStreams s(3, 0);
  const double p = 0.137;
  int hits = 0;
  const int n = 100000;
  for (int i = 0; i < n; ++i) hits += bernoulli(s.words(static_cast<std::uint32_t>(i), 0, 5)[0], p);
  const double se = std::sqrt(p * (1 - p) / n);
  CHECK(std::fabs(hits / double(n) - p) < 4 * se);
}

TEST_CASE("categorical draws follow the cumulative shares") {
  const RandomStreams s(4, 0);
  const std::vector<double> cdf = {0.2, 0.5, 1.0};
  std::vector<int> counts(3, 0);
  const int n = 60000;
  for (int i = 0; i < n; ++i)
    ++counts[categorical(s.words(static_cast<std::uint32_t>(i), 0, 1)[1], cdf)];
  const double expected[3] = {0.2, 0.3, 0.5};
  for (int k = 0; k < 3; ++k) {
    const double se = std::sqrt(expected[k] * (1 - expected[k]) / n);
    CHECK(std::fabs(counts[k] / double(n) - expected[k]) < 4 * se);
  }
}

namespace {
template <class Draw>
std::pair<double, double> mean_var(int n, Draw draw) {
  double sum = 0, sq = 0;
  for (int i = 0; i < n; ++i) {
    const double x = draw(i);
    sum += x;
    sq += x * x;
  }
  const double mean = sum / n;
  return {mean, sq / n - mean * mean};
}
}  // namespace

TEST_CASE("exponential and geometric variates have their analytic means") {
  const RandomStreams s(5, 0);
  const int n = 100000;
  const auto [em, ev] = mean_var(
      n, [&](int i) { return exponential(s.words(static_cast<std::uint32_t>(i), 0, 1)[0], 0.25); });
  CHECK(std::fabs(em - 4.0) < 4 * std::sqrt(16.0 / n));
  const double p = 0.3;
  const auto [gm, gv] = mean_var(n, [&](int i) {
    return static_cast<double>(geometric(s.words(static_cast<std::uint32_t>(i), 0, 2)[0], p));
  });
  const double mean = (1 - p) / p, var = (1 - p) / (p * p);
  CHECK(std::fabs(gm - mean) < 4 * std::sqrt(var / n));
  CHECK(std::fabs(gv - var) < 0.05 * var);
}

TEST_CASE("poisson variates have mean and variance equal to the rate, small and large") {
  const RandomStreams s(6, 0);
  const int n = 40000;
  for (double rate : {0.7, 8.0, 29.0, 31.0, 250.0}) {
    const auto [m, v] = mean_var(n, [&](int i) {
      WordSequence words(s, static_cast<std::uint32_t>(i), 0, 3);
      return static_cast<double>(poisson(rate, words));
    });
    INFO("rate " << rate);
    CHECK(std::fabs(m - rate) < 4 * std::sqrt(rate / n));
    CHECK(std::fabs(v - rate) < 0.05 * rate);
  }
}

TEST_CASE("binomial variates have mean np and variance np(1-p), by both methods") {
  const RandomStreams s(7, 0);
  const int n = 40000;
  for (const auto& case_ :
       {std::pair{30ull, 0.2}, std::pair{5000ull, 0.338}, std::pair{500ull, 0.9}}) {
    const auto trials = case_.first;  // (named, not bound: clang before 16 cannot capture those)
    const double p = case_.second;
    const auto [m, v] = mean_var(n, [&](int i) {
      WordSequence words(s, static_cast<std::uint32_t>(i), 0, 4);
      return static_cast<double>(binomial(trials, p, words));
    });
    const double mean = static_cast<double>(trials) * p, var = mean * (1 - p);
    INFO("n " << trials << " p " << p);
    CHECK(std::fabs(m - mean) < 4 * std::sqrt(var / n));
    CHECK(std::fabs(v - var) < 0.05 * var);
  }
  WordSequence words(s, 0, 0, 9);
  CHECK(binomial(123, 1.0, words) == 123);
  CHECK(binomial(123, 0.0, words) == 0);
  CHECK(binomial(0, 0.5, words) == 0);
}

TEST_CASE("a word sequence replays identically and hash_mix separates its inputs") {
  const RandomStreams s(8, 2);
  WordSequence a(s, 1, 2, 3), b(s, 1, 2, 3);
  for (int i = 0; i < 50; ++i) CHECK(a() == b());
  CHECK(hash_mix(1, 2) != hash_mix(2, 1));
  CHECK(hash_mix(1, 2, 3) != hash_mix(1, 2, 4));
  CHECK(hash_mix(1, 2, 3, 4) == hash_mix(1, 2, 3, 4));
}

TEST_CASE("binomial with a vanishing probability gives no successes instead of overflowing") {
  const RandomStreams s(9, 0);
  for (std::uint32_t i = 0; i < 1000; ++i) {
    WordSequence words(s, i, 0, 1);
    CHECK(binomial(1'000'000, 1e-25, words) == 0);
  }
  CHECK(geometric(0u, 1e-30) == ~std::uint64_t{0});
}

TEST_CASE("binomial of a very large population costs a bounded number of words (BTRS)") {
  // 10^9 trials at p = 0.3 would exhaust a word sequence with the waiting-time method; BTRS
  // needs a handful of words, and its mean and variance are right.
  const RandomStreams s(10, 0);
  const int n = 4000;
  double sum = 0, sq = 0;
  for (int i = 0; i < n; ++i) {
    WordSequence words(s, static_cast<std::uint32_t>(i), 0, 2);
    const double k = static_cast<double>(binomial(1'000'000'000, 0.3, words));
    sum += k;
    sq += k * k;
  }
  const double mean = sum / n, var = sq / n - mean * mean;
  const double true_var = 1e9 * 0.3 * 0.7;
  CHECK(std::fabs(mean - 3e8) < 4 * std::sqrt(true_var / n));
  CHECK(std::fabs(var / true_var - 1.0) < 0.1);
}

TEST_CASE("bulk words equal one-at-a-time words, on the AVX2 path and the scalar path") {
  const RandomStreams s(0x123456789abcdefULL, 7);
  std::vector<std::uint32_t> ids;
  for (std::uint32_t i = 0; i < 37; ++i) ids.push_back(i * 2654435761u);
  ids[3] = 0;
  ids[4] = 0xffffffffu;
  for (const bool avx2 : {true, false}) {
    RandomStreams::allow_simd(avx2);
    INFO("AVX2 path: " << RandomStreams::bulk_uses_avx2());
    // Every length up to 37: whole groups of eight and every tail.
    for (std::size_t n = 0; n <= ids.size(); ++n) {
      std::vector<RandomWords> many(n), draws(n);
      s.words_many(std::span(ids.data(), n), 41, 5, 3, many);
      s.words_draws(ids[n == 0 ? 0 : n - 1], 0xfffffffeu, 0xffff, 65536 - 37, draws);
      for (std::size_t j = 0; j < n; ++j) {
        REQUIRE(many[j] == s.words(ids[j], 41, 5, 3));
        REQUIRE(draws[j] == s.words(ids[n == 0 ? 0 : n - 1], 0xfffffffeu, 0xffff,
                                    static_cast<std::uint16_t>(65536 - 37 + j)));
      }
    }
  }
  RandomStreams::allow_simd(true);
  std::vector<RandomWords> out(2);
  CHECK_THROWS_AS(s.words_draws(1, 1, 1, 65535, out), std::invalid_argument);
  CHECK_THROWS_AS(s.words_many(std::span(ids.data(), 3), 1, 1, 0, out), std::invalid_argument);
}

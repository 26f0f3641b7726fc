#pragma once
// Counter-based random numbers: one addressable stream per (agent, month, purpose).
//
// Philox4x32-10 (Random123) is keyed by (seed, replicate). The counter is built from
// (agent id, month, stream id, draw index), so a draw never depends on which thread makes it, on
// the order agents are visited, or on how many draws another mechanism made. Each call returns four
// independent 32-bit words; mechanisms that need more than four numbers per agent-month use
// successive draw indices, or words8() (Philox4x64-10: eight words for about the work of one
// 4x32 block). Stream ids are declared by the model (one per mechanism).
#include <Random123/philox.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <span>
#include <stdexcept>

namespace drempel {

/// Four uniform 32-bit words from one Philox block.
using RandomWords = std::array<std::uint32_t, 4>;
/// Eight uniform 32-bit words from one Philox4x64 block.
using RandomWords8 = std::array<std::uint32_t, 8>;

class RandomStreams {
 public:
  RandomStreams(std::uint64_t seed, std::uint32_t replicate) {
    // The 64-bit seed is the key; the replicate is the counter's last word, so every
    // (seed, replicate) pair addresses its own sequence.
    key_ = {{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
    key64_ = {{seed, 0}};
    replicate_ = replicate;
  }

  /// Four words for (entity, month, stream, draw). `entity` is usually an agent id; set-up draws
  /// use region or schedule indices with their own stream ids.
  RandomWords words(std::uint32_t entity, std::uint32_t month, std::uint16_t stream,
                    std::uint16_t draw = 0) const {
    r123::Philox4x32 rng;
    r123::Philox4x32::ctr_type ctr = {
        {entity, month, (static_cast<std::uint32_t>(stream) << 16) | draw, replicate_}};
    const auto out = rng(ctr, key_);
    return {out[0], out[1], out[2], out[3]};
  }

  /// out[j] = words(entity[j], month, stream, draw) for every j: the same numbers, generated
  /// eight at a time with AVX2 where the processor has it (about a quarter of the instructions
  /// per block). Throws std::invalid_argument when the spans differ in length.
  void words_many(std::span<const std::uint32_t> entity, std::uint32_t month, std::uint16_t stream,
                  std::uint16_t draw, std::span<RandomWords> out) const;

  /// out[j] = words(entity, month, stream, first_draw + j) for every j (first_draw + out.size()
  /// at most 65,536): a new agent's set-up draws in one call. Throws std::invalid_argument
  /// beyond draw 65,535.
  void words_draws(std::uint32_t entity, std::uint32_t month, std::uint16_t stream,
                   std::uint16_t first_draw, std::span<RandomWords> out) const;

  /// Whether words_many and words_draws use the AVX2 kernel on this processor (tests compare
  /// both paths).
  static bool bulk_uses_avx2();
  /// Forces the scalar path (false) or restores the processor's choice (true); for tests.
  static void allow_simd(bool allow);

  /// Eight words for (entity, month, stream, draw), from Philox4x64-10 (a generator of its own:
  /// words8 and words never address the same numbers). For mechanisms with five to eight draws
  /// per agent-month: one block where words() would need two.
  RandomWords8 words8(std::uint32_t entity, std::uint32_t month, std::uint16_t stream,
                      std::uint16_t draw = 0) const {
    r123::Philox4x64 rng;
    r123::Philox4x64::ctr_type ctr = {{(static_cast<std::uint64_t>(entity) << 32) | month,
                                       (static_cast<std::uint64_t>(stream) << 16) | draw,
                                       replicate_, 0}};
    const auto out = rng(ctr, key64_);
    return {static_cast<std::uint32_t>(out[0]), static_cast<std::uint32_t>(out[0] >> 32),
            static_cast<std::uint32_t>(out[1]), static_cast<std::uint32_t>(out[1] >> 32),
            static_cast<std::uint32_t>(out[2]), static_cast<std::uint32_t>(out[2] >> 32),
            static_cast<std::uint32_t>(out[3]), static_cast<std::uint32_t>(out[3] >> 32)};
  }

 private:
  r123::Philox4x32::key_type key_;
  r123::Philox4x64::key_type key64_;
  std::uint32_t replicate_;
};

/// A uniform double in [0, 1) from one 32-bit word.
inline double to_unit(std::uint32_t w) {
  return static_cast<double>(w) * 0x1.0p-32;
}

/// A uniform double in (0, 1] from one 32-bit word (safe for log).
inline double to_unit_open_zero(std::uint32_t w) {
  return (static_cast<double>(w) + 1.0) * 0x1.0p-32;
}

/// Threshold t such that (word < t) happens with probability p (p clamped to [0, 1]); comparing
/// integers keeps the hot loop free of conversions. p = 1 maps to 2^32 so it always succeeds.
inline std::uint64_t bernoulli_threshold(double p) {
  if (!(p > 0.0)) return 0;
  if (p >= 1.0) return std::uint64_t{1} << 32;
  return static_cast<std::uint64_t>(p * 0x1.0p32);
}

/// True with probability p.
inline bool bernoulli(std::uint32_t w, double p) {
  return w < bernoulli_threshold(p);
}

/// Index drawn from cumulative probabilities `cdf` (non-decreasing, last entry ~1): the first i
/// with u < cdf[i]; the last index when rounding leaves u above every entry.
inline std::size_t categorical(std::uint32_t w, std::span<const double> cdf) {
  const double u = to_unit(w);
  for (std::size_t i = 0; i + 1 < cdf.size(); ++i)
    if (u < cdf[i]) return i;
  return cdf.empty() ? 0 : cdf.size() - 1;
}

/// Exponential variate with the given rate (> 0).
inline double exponential(std::uint32_t w, double rate) {
  return -std::log(to_unit_open_zero(w)) / rate;
}

/// Number of failures before the first success of a Bernoulli(p) sequence, p in (0, 1];
/// saturates at the largest uint64 for vanishing p.
inline std::uint64_t geometric(std::uint32_t w, double p) {
  if (p >= 1.0) return 0;
  const double k = std::floor(std::log(to_unit_open_zero(w)) / std::log1p(-p));
  return k < 0x1.0p64 ? static_cast<std::uint64_t>(k) : ~std::uint64_t{0};
}

/// Poisson variate with mean `mean`, from a stream of words: `next()` returns a fresh 32-bit word.
/// Exact (multiplication method) for mean <= 30; for larger means the PTRS transformed-rejection
/// method of Hörmann (1993), also exact.
template <class NextWord>
std::uint64_t poisson(double mean, NextWord&& next) {
  if (!(mean > 0.0)) return 0;
  if (mean <= 30.0) {
    const double limit = std::exp(-mean);
    double prod = to_unit_open_zero(next());
    std::uint64_t k = 0;
    while (prod > limit) {
      prod *= to_unit_open_zero(next());
      ++k;
    }
    return k;
  }
  const double slam = std::sqrt(mean);
  const double loglam = std::log(mean);
  const double b = 0.931 + 2.53 * slam;
  const double a = -0.059 + 0.02483 * b;
  const double inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
  const double vr = 0.9277 - 3.6224 / (b - 2.0);
  for (;;) {
    const double u = to_unit(next()) - 0.5;
    const double v = to_unit_open_zero(next());
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2.0 * a / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return static_cast<std::uint64_t>(k);
    if (k < 0.0 || (us < 0.013 && v > us)) continue;
    if (std::log(v) + std::log(inv_alpha) - std::log(a / (us * us) + b) <=
        -mean + k * loglam - std::lgamma(k + 1.0))
      return static_cast<std::uint64_t>(k);
  }
}

/// Binomial(n, p) variate from a stream of words. Exact: counts Bernoulli trials for n <= 64;
/// uses the waiting-time (geometric skip) method while n*min(p, 1-p) < 10 (fewer than about 11
/// words); above that, the BTRS transformed-rejection method of Hörmann (1993), whose cost does
/// not grow with n.
template <class NextWord>
std::uint64_t binomial(std::uint64_t n, double p, NextWord&& next) {
  if (n == 0 || !(p > 0.0)) return 0;
  if (p >= 1.0) return n;
  if (p > 0.5) return n - binomial(n, 1.0 - p, next);
  if (n <= 64) {
    const std::uint64_t t = bernoulli_threshold(p);
    std::uint64_t k = 0;
    for (std::uint64_t i = 0; i < n; ++i) k += next() < t ? 1 : 0;
    return k;
  }
  const double nd = static_cast<double>(n);
  if (nd * p < 10.0) {
    // Successive gaps between successes are geometric; count successes until the trials run out.
    // Gaps are compared as doubles so that a vanishing p cannot overflow the count.
    const double log_q = std::log1p(-p);
    std::uint64_t k = 0;
    double used = 0.0;
    for (;;) {
      used += std::floor(std::log(to_unit_open_zero(next())) / log_q) + 1.0;
      if (used > nd) return k;
      ++k;
    }
  }
  const double q = 1.0 - p;
  const double spq = std::sqrt(nd * p * q);
  const double b = 1.15 + 2.53 * spq;
  const double a = -0.0873 + 0.0248 * b + 0.01 * p;
  const double c = nd * p + 0.5;
  const double v_r = 0.92 - 4.2 / b;
  const double alpha = (2.83 + 5.1 / b) * spq;
  const double lpq = std::log(p / q);
  const double m = std::floor((nd + 1.0) * p);
  const double h = std::lgamma(m + 1.0) + std::lgamma(nd - m + 1.0);
  for (;;) {
    const double u = to_unit(next()) - 0.5;
    double v = to_unit_open_zero(next());
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2.0 * a / us + b) * u + c);
    if (k < 0.0 || k > nd) continue;
    if (us >= 0.07 && v <= v_r) return static_cast<std::uint64_t>(k);
    v = std::log(v * alpha / (a / (us * us) + b));
    if (v <= h - std::lgamma(k + 1.0) - std::lgamma(nd - k + 1.0) + (k - m) * lpq)
      return static_cast<std::uint64_t>(k);
  }
}

/// A 64-bit mix of four words (SplitMix64 finaliser); used for deterministic tie-breaks.
inline std::uint64_t hash_mix(std::uint64_t a, std::uint64_t b, std::uint64_t c = 0,
                              std::uint64_t d = 0) {
  auto mix = [](std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  };
  std::uint64_t h = mix(a + 0x9e3779b97f4a7c15ULL);
  h = mix(h ^ (b + 0x9e3779b97f4a7c15ULL));
  h = mix(h ^ (c + 0x9e3779b97f4a7c15ULL));
  return mix(h ^ (d + 0x9e3779b97f4a7c15ULL));
}

/// Successive words of one (entity, month, stream) address, four per Philox block; for set-up
/// draws (Poisson, binomial) that need an unbounded number of words.
class WordSequence {
 public:
  WordSequence(const RandomStreams& streams, std::uint32_t entity, std::uint32_t month,
               std::uint16_t stream)
      : streams_(streams), entity_(entity), month_(month), stream_(stream) {}
  std::uint32_t operator()() {
    if (used_ == 4) {
      // 65,536 blocks (262,144 words) per address; wrapping would silently repeat numbers.
      if (exhausted_) throw std::length_error("drempel: random word sequence exhausted");
      block_ = streams_.words(entity_, month_, stream_, draw_);
      exhausted_ = ++draw_ == 0;
      used_ = 0;
    }
    return block_[used_++];
  }

 private:
  const RandomStreams& streams_;
  std::uint32_t entity_, month_;
  std::uint16_t stream_;
  std::uint16_t draw_ = 0;
  bool exhausted_ = false;
  RandomWords block_{};
  int used_ = 4;
};

}  // namespace drempel

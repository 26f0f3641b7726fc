// Philox4x32-10 for many counters at once: the same function as Random123's r123::Philox4x32,
// eight counters per AVX2 register in structure-of-arrays form, with a scalar path for other
// processors and for the tail. tests/engine/test_random.cpp compares both paths with Random123.
#include <immintrin.h>

#include <atomic>
#include <stdexcept>

#include "engine/random.hpp"

namespace drempel {
namespace {

constexpr std::uint32_t kM0 = 0xD2511F53u, kM1 = 0xCD9E8D57u;  // Random123's multipliers
constexpr std::uint32_t kW0 = 0x9E3779B9u, kW1 = 0xBB67AE85u;  // and key increments

std::atomic<bool> g_allow_simd{true};

bool cpu_has_avx2() {
  static const bool has = __builtin_cpu_supports("avx2") != 0;
  return has;
}

// 32 x 32 -> 64-bit products of eight lanes by m: low and high halves.
__attribute__((target("avx2"))) inline void mulhilo8(__m256i a, __m256i m, __m256i& lo,
                                                     __m256i& hi) {
  const __m256i even = _mm256_mul_epu32(a, m);                        // lanes 0, 2, 4, 6
  const __m256i odd = _mm256_mul_epu32(_mm256_srli_epi64(a, 32), m);  // lanes 1, 3, 5, 7
  lo = _mm256_blend_epi32(even, _mm256_slli_epi64(odd, 32), 0xAA);
  hi = _mm256_blend_epi32(_mm256_srli_epi64(even, 32), odd, 0xAA);
}

// Ten rounds over eight counters (c0..c3 hold word w of each), then the eight blocks stored in
// order as RandomWords.
__attribute__((target("avx2"))) void philox8(__m256i c0, __m256i c1, __m256i c2, __m256i c3,
                                             std::uint32_t key0, std::uint32_t key1,
                                             RandomWords* out) {
  const __m256i m0 = _mm256_set1_epi32(static_cast<int>(kM0));
  const __m256i m1 = _mm256_set1_epi32(static_cast<int>(kM1));
  __m256i k0 = _mm256_set1_epi32(static_cast<int>(key0));
  __m256i k1 = _mm256_set1_epi32(static_cast<int>(key1));
  const __m256i w0 = _mm256_set1_epi32(static_cast<int>(kW0));
  const __m256i w1 = _mm256_set1_epi32(static_cast<int>(kW1));
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      k0 = _mm256_add_epi32(k0, w0);
      k1 = _mm256_add_epi32(k1, w1);
    }
    __m256i lo0, hi0, lo1, hi1;
    mulhilo8(c0, m0, lo0, hi0);
    mulhilo8(c2, m1, lo1, hi1);
    c0 = _mm256_xor_si256(_mm256_xor_si256(hi1, c1), k0);
    c1 = lo1;
    c2 = _mm256_xor_si256(_mm256_xor_si256(hi0, c3), k1);
    c3 = lo0;
  }
  // Transpose to eight blocks of four words.
  const __m256i t0 = _mm256_unpacklo_epi32(c0, c1), t1 = _mm256_unpacklo_epi32(c2, c3);
  const __m256i t2 = _mm256_unpackhi_epi32(c0, c1), t3 = _mm256_unpackhi_epi32(c2, c3);
  const __m256i b04 = _mm256_unpacklo_epi64(t0, t1), b15 = _mm256_unpackhi_epi64(t0, t1);
  const __m256i b26 = _mm256_unpacklo_epi64(t2, t3), b37 = _mm256_unpackhi_epi64(t2, t3);
  auto* dst = reinterpret_cast<__m256i*>(out);
  _mm256_storeu_si256(dst + 0, _mm256_permute2x128_si256(b04, b15, 0x20));
  _mm256_storeu_si256(dst + 1, _mm256_permute2x128_si256(b26, b37, 0x20));
  _mm256_storeu_si256(dst + 2, _mm256_permute2x128_si256(b04, b15, 0x31));
  _mm256_storeu_si256(dst + 3, _mm256_permute2x128_si256(b26, b37, 0x31));
}

__attribute__((target("avx2"))) void many_avx2(const std::uint32_t* entity, std::size_t n,
                                               std::uint32_t month, std::uint32_t stream_draw,
                                               std::uint32_t replicate, std::uint32_t key0,
                                               std::uint32_t key1, RandomWords* out) {
  const __m256i c1 = _mm256_set1_epi32(static_cast<int>(month));
  const __m256i c2 = _mm256_set1_epi32(static_cast<int>(stream_draw));
  const __m256i c3 = _mm256_set1_epi32(static_cast<int>(replicate));
  for (std::size_t j = 0; j + 8 <= n; j += 8)
    philox8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(entity + j)), c1, c2, c3, key0,
            key1, out + j);
}

__attribute__((target("avx2"))) void draws_avx2(std::uint32_t entity, std::size_t n,
                                                std::uint32_t month, std::uint32_t stream_draw,
                                                std::uint32_t replicate, std::uint32_t key0,
                                                std::uint32_t key1, RandomWords* out) {
  const __m256i c0 = _mm256_set1_epi32(static_cast<int>(entity));
  const __m256i c1 = _mm256_set1_epi32(static_cast<int>(month));
  const __m256i c3 = _mm256_set1_epi32(static_cast<int>(replicate));
  const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  for (std::size_t j = 0; j + 8 <= n; j += 8) {
    const __m256i c2 = _mm256_add_epi32(
        _mm256_set1_epi32(static_cast<int>(stream_draw + static_cast<std::uint32_t>(j))), lane);
    philox8(c0, c1, c2, c3, key0, key1, out + j);
  }
}

}  // namespace

bool RandomStreams::bulk_uses_avx2() {
  return cpu_has_avx2() && g_allow_simd.load();
}

void RandomStreams::allow_simd(bool allow) {
  g_allow_simd.store(allow);
}

void RandomStreams::words_many(std::span<const std::uint32_t> entity, std::uint32_t month,
                               std::uint16_t stream, std::uint16_t draw,
                               std::span<RandomWords> out) const {
  if (entity.size() != out.size())
    throw std::invalid_argument("RandomStreams::words_many: entity and out differ in length");
  std::size_t done = 0;
  if (bulk_uses_avx2()) {
    done = out.size() / 8 * 8;
    many_avx2(entity.data(), done, month, (static_cast<std::uint32_t>(stream) << 16) | draw,
              replicate_, key_[0], key_[1], out.data());
  }
  for (std::size_t j = done; j < out.size(); ++j) out[j] = words(entity[j], month, stream, draw);
}

void RandomStreams::words_draws(std::uint32_t entity, std::uint32_t month, std::uint16_t stream,
                                std::uint16_t first_draw, std::span<RandomWords> out) const {
  if (first_draw + out.size() > 65536)
    throw std::invalid_argument("RandomStreams::words_draws: draw indices beyond 65,535");
  std::size_t done = 0;
  if (bulk_uses_avx2()) {
    done = out.size() / 8 * 8;
    draws_avx2(entity, done, month, (static_cast<std::uint32_t>(stream) << 16) | first_draw,
               replicate_, key_[0], key_[1], out.data());
  }
  for (std::size_t j = done; j < out.size(); ++j)
    out[j] = words(entity, month, stream, static_cast<std::uint16_t>(first_draw + j));
}

}  // namespace drempel

// Random-number throughput: Philox4x32 blocks one at a time (words), 64 at a time
// (words_many: the AVX2 kernel where the processor has it, and its scalar path), and Philox4x64
// blocks (words8), in time per block.
#include <benchmark/benchmark.h>

#include <numeric>
#include <vector>

#include "engine/random.hpp"

using namespace drempel;

namespace {

constexpr std::size_t kChunk = 64;  // as the transitions pass draws them

// A chunk's blocks drawn one call at a time, as a hook draws them for one client.
template <class Draw>
void one_at_a_time(benchmark::State& state, Draw draw) {
  const RandomStreams s(42, 1);
  std::uint32_t month = 0;
  for (auto _ : state) {
    ++month;
    for (std::uint32_t i = 0; i < kChunk; ++i) benchmark::DoNotOptimize(draw(s, i, month));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kChunk));
}

void BM_words_one_at_a_time(benchmark::State& state) {
  one_at_a_time(state, [](const RandomStreams& s, std::uint32_t i, std::uint32_t month) {
    return s.words(i, month, 2, 0);
  });
}

void BM_words_many(benchmark::State& state) {
  const bool simd = state.range(0) != 0;
  RandomStreams::allow_simd(simd);
  state.SetLabel(RandomStreams::bulk_uses_avx2() ? "AVX2" : "scalar");
  const RandomStreams s(42, 1);
  std::vector<std::uint32_t> ids(kChunk);
  std::iota(ids.begin(), ids.end(), 0u);
  std::vector<RandomWords> out(kChunk);
  std::uint32_t month = 0;
  for (auto _ : state) {
    s.words_many(ids, ++month, 2, 0, out);
    benchmark::DoNotOptimize(out.data());
  }
  RandomStreams::allow_simd(true);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kChunk));
}

void BM_words8_one_at_a_time(benchmark::State& state) {
  one_at_a_time(state, [](const RandomStreams& s, std::uint32_t i, std::uint32_t month) {
    return s.words8(i, month, 2, 0);
  });
}

}  // namespace

BENCHMARK(BM_words_one_at_a_time);
BENCHMARK(BM_words_many)->Arg(1)->Arg(0);
BENCHMARK(BM_words8_one_at_a_time);
BENCHMARK_MAIN();

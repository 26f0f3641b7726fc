// CapacityAllocator throughput: sequential (1 thread) and parallel (2 threads) side by side, over
// request counts from 10^4 to 10^7, for divisible hours and unit slots. Time per request that
// stays flat as the count grows shows the linear cost.
#include <benchmark/benchmark.h>

#include <vector>

#include "engine/allocation.hpp"
#include "engine/parallel.hpp"
#include "engine/random.hpp"

using namespace drempel;

namespace {

struct Columns {
  std::vector<std::uint16_t> region;
  std::vector<std::uint8_t> cls;
  std::vector<std::uint16_t> wait;
  std::vector<float> amount;
  std::vector<float> granted;
  std::vector<double> capacity;
};

Columns make(std::size_t n, std::size_t regions, bool unit) {
  Columns c;
  const RandomStreams s(1, 0);
  double total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const RandomWords w = s.words(static_cast<std::uint32_t>(i), 0, 1);
    c.region.push_back(static_cast<std::uint16_t>(w[0] % regions));
    c.cls.push_back(static_cast<std::uint8_t>(w[1] % 3));
    c.wait.push_back(static_cast<std::uint16_t>(w[2] % 36));
    c.amount.push_back(unit ? 1.0f : 0.5f + static_cast<float>(w[3] % 8) * 0.5f);
    total += c.amount.back();
  }
  c.granted.resize(n);
  c.capacity.assign(regions, 0.6 * total / static_cast<double>(regions));  // binding everywhere
  return c;
}

void allocate(benchmark::State& state, bool unit) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const int threads = static_cast<int>(state.range(1));
  const std::size_t regions = 16;
  Columns c = make(n, regions, unit);
  AllocationConfig config;
  config.regions = regions;
  config.priority_classes = 3;
  config.divisibility = unit ? Divisibility::kUnit : Divisibility::kDivisible;
  CapacityAllocator alloc(config, n);
  ThreadLimit limit(threads);
  std::uint64_t seed = 0;
  for (auto _ : state) {
    limit.execute([&] {
      alloc.allocate({c.region, c.cls, c.wait, c.amount, {}}, c.capacity, ++seed, c.granted);
    });
    benchmark::DoNotOptimize(c.granted.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(n));
  state.counters["ns_per_request"] =
      benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsIterationInvariantRate |
                                                     benchmark::Counter::kInvert);
}

void BM_allocate_hours(benchmark::State& state) {
  allocate(state, false);
}
void BM_allocate_units(benchmark::State& state) {
  allocate(state, true);
}

void sizes(benchmark::internal::Benchmark* b) {
  for (int threads : {1, 2})
    for (std::int64_t n : {10'000, 100'000, 1'000'000, 10'000'000}) b->Args({n, threads});
  b->ArgNames({"requests", "threads"})->Unit(benchmark::kMillisecond)->UseRealTime();
}

}  // namespace

BENCHMARK(BM_allocate_hours)->Apply(sizes);
BENCHMARK(BM_allocate_units)->Apply(sizes);
BENCHMARK_MAIN();

// Determinism: identical results at any thread count and for the same seed; other seeds differ.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <cstring>
#include <vector>

#include "models/run.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;

namespace {

// The baseline, reduced in months and replicates but enlarged in clients so that every phase
// spans many parallel blocks (block size 512).
Results run_reduced(int threads, std::uint64_t seed) {
  auto doc = test::baseline({"/months=18", "/replicates=2", "/seed=" + std::to_string(seed),
                             "/regions/0/initial_clients=6000",
                             "/regions/0/ordinary_applications_per_month=150"});
  const ModelParameters p = read_model_parameters(doc);
  RunOptions options;
  options.threads = threads;
  options.block_size = 512;
  return run_pathways(p, doc.root.dump(), options);
}

void require_identical(const Results& a, const Results& b) {
  REQUIRE(a.stage_count == b.stage_count);
  REQUIRE(a.initial_stage_count == b.initial_stage_count);
  REQUIRE(a.transition_count == b.transition_count);
  REQUIRE(a.arrival_count == b.arrival_count);
  REQUIRE(a.metrics.size() == b.metrics.size());
  for (std::size_t k = 0; k < a.metrics.size(); ++k) {
    INFO(a.metrics[k].name);
    // Bitwise, NaN included: compare the bytes.
    REQUIRE(a.metrics[k].values.size() == b.metrics[k].values.size());
    REQUIRE(std::memcmp(a.metrics[k].values.data(), b.metrics[k].values.data(),
                        a.metrics[k].values.size() * sizeof(double)) == 0);
  }
}

}  // namespace

TEST_CASE("determinism: the reduced baseline is bit-identical at 1, 2 and 4 threads") {
  const Results one = run_reduced(1, 7);
  const Results two = run_reduced(2, 7);
  const Results four = run_reduced(4, 7);
  require_identical(one, two);
  require_identical(one, four);
}

TEST_CASE("determinism: the same seed twice gives identical results") {
  require_identical(run_reduced(2, 11), run_reduced(2, 11));
}

TEST_CASE("determinism: another seed gives other results") {
  const Results a = run_reduced(2, 11);
  const Results b = run_reduced(2, 12);
  CHECK(a.stage_count != b.stage_count);
  CHECK(a.transition_count != b.transition_count);
}

TEST_CASE("determinism: replicates of one run differ from each other") {
  const Results a = run_reduced(2, 11);
  const std::size_t per_replicate = a.stage_count.size() / 2;
  CHECK_FALSE(std::equal(a.stage_count.begin(), a.stage_count.begin() + per_replicate,
                         a.stage_count.begin() + per_replicate));
}

namespace {

// FNV-1a over the bytes of every results array, metric and count table (names included), in a
// fixed order: metrics and tables in name order, since the order in which mechanisms register their metrics is
// presentation, not a result.
std::uint64_t results_hash(const Results& r) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  auto add = [&h](const void* data, std::size_t bytes) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < bytes; ++i) h = (h ^ p[i]) * 0x100000001b3ull;
  };
  for (const auto* v :
       {&r.stage_count, &r.initial_stage_count, &r.transition_count, &r.arrival_count})
    add(v->data(), v->size() * sizeof(std::int64_t));
  std::vector<const MetricSeries*> metrics;
  for (const auto& m : r.metrics) metrics.push_back(&m);
  std::sort(metrics.begin(), metrics.end(),
            [](const MetricSeries* a, const MetricSeries* b) { return a->name < b->name; });
  for (const MetricSeries* mp : metrics) {
    const MetricSeries& m = *mp;
    add(m.name.data(), m.name.size());
    add(m.values.data(), m.values.size() * sizeof(double));
  }
  std::vector<const CountTable*> tables;
  for (const auto& t : r.tables) tables.push_back(&t);
  std::sort(tables.begin(), tables.end(),
            [](const CountTable* a, const CountTable* b) { return a->name < b->name; });
  for (const CountTable* t : tables) {
    add(t->name.data(), t->name.size());
    add(t->values.data(), t->values.size() * sizeof(std::int64_t));
  }
  return h;
}

}  // namespace

TEST_CASE("determinism: results match the committed hash at 1, 2 and 4 threads") {
  // A regression guard in the manner of Box2D's determinism test: the hash of the reduced
  // baseline's results, committed when the model last changed on purpose. A change of model,
  // parameters in scenarios/baseline.json, random streams, compiler or maths library that moves
  // any result by one bit shows here. If the change was deliberate (and the other tests agree),
  // replace the constant with the hash printed below, and say why in the commit.
  constexpr std::uint64_t kCommitted = 0xe19dd62a695df2c8ull;
  for (int threads : {1, 2, 4}) {
    const std::uint64_t h = results_hash(run_reduced(threads, 7));
    INFO("threads " << threads << ": hash 0x" << std::hex << h);
    CHECK(h == kCommitted);
  }
}

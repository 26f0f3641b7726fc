// Capacity allocation: capacity limits, priority order, rationing, lottery and determinism.
#include <algorithm>
#include <catch2/catch.hpp>
#include <numeric>
#include <vector>

#include "engine/allocation.hpp"
#include "engine/parallel.hpp"
#include "engine/random.hpp"

using namespace drempel;

namespace {

struct Problem {
  std::vector<std::uint16_t> region;
  std::vector<std::uint8_t> cls;
  std::vector<std::uint16_t> wait;
  std::vector<float> amount;
  std::vector<std::uint32_t> key;
  AllocationRequests requests() const { return {region, cls, wait, amount, key}; }
};

Problem random_problem(std::size_t n, std::size_t regions, std::uint8_t classes, bool unit,
                       std::uint64_t seed) {
  Problem p;
  const RandomStreams s(seed, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const RandomWords w = s.words(static_cast<std::uint32_t>(i), 0, 1);
    p.region.push_back(static_cast<std::uint16_t>(w[0] % regions));
    p.cls.push_back(static_cast<std::uint8_t>(w[1] % classes));
    p.wait.push_back(static_cast<std::uint16_t>(w[2] % 40));
    const bool asks = (w[3] & 7) != 0;
    p.amount.push_back(!asks  ? 0.0f
                       : unit ? 1.0f
                              : static_cast<float>(1 + (w[3] >> 8) % 12) * 0.5f);
    p.key.push_back(static_cast<std::uint32_t>(i * 7 + 3));
  }
  return p;
}

std::vector<float> run(const Problem& p, const AllocationConfig& c, const std::vector<double>& cap,
                       std::uint64_t seed = 99) {
  CapacityAllocator alloc(c, p.amount.size());
  std::vector<float> granted(p.amount.size(), -1.0f);
  alloc.allocate(p.requests(), cap, seed, granted);
  return granted;
}

}  // namespace

TEST_CASE("a hand-worked divisible case: buckets by class and wait, pro rata in the marginal one") {
  // Capacity 10. Class 0 asks 4 (served). Class 1 waiting 5 months asks 4 (served, 2 left).
  // Class 1 waiting 2 months: two requests of 4 and 2 share the remaining 2 pro rata (1.33, 0.67).
  // Class 2 gets nothing.
  Problem p{{0, 0, 0, 0, 0}, {0, 1, 1, 1, 2}, {0, 5, 2, 2, 9}, {4, 4, 4, 2, 3}, {}};
  AllocationConfig c;
  c.priority_classes = 3;
  const auto g = run(p, c, {10.0});
  CHECK(g[0] == Approx(4.0));
  CHECK(g[1] == Approx(4.0));
  CHECK(g[2] == Approx(4.0 / 3.0));
  CHECK(g[3] == Approx(2.0 / 3.0));
  CHECK(g[4] == 0.0f);
}

TEST_CASE("granted hours never exceed capacity and equal min(capacity, demand) per region") {
  for (bool unit : {false, true}) {
    const std::size_t regions = 5;
    const Problem p = random_problem(50000, regions, 3, unit, unit ? 11 : 12);
    AllocationConfig c;
    c.regions = regions;
    c.priority_classes = 3;
    c.divisibility = unit ? Divisibility::kUnit : Divisibility::kDivisible;
    c.block_size = 1000;
    const std::vector<double> cap = {0.0, 500.0, 4000.0, 1e9, 12345.5};
    CapacityAllocator alloc(c, p.amount.size());
    std::vector<float> granted(p.amount.size());
    alloc.allocate(p.requests(), cap, 5, granted);
    std::vector<double> asked(regions, 0.0), got(regions, 0.0);
    for (std::size_t i = 0; i < p.amount.size(); ++i) {
      REQUIRE(granted[i] >= 0.0f);
      REQUIRE(granted[i] <= p.amount[i] * (1 + 1e-6f));
      asked[p.region[i]] += p.amount[i];
      got[p.region[i]] += granted[i];
    }
    for (std::size_t g = 0; g < regions; ++g) {
      INFO("unit " << unit << " region " << g);
      const double expect = std::min(unit ? std::floor(cap[g]) : cap[g], asked[g]);
      CHECK(got[g] <= (unit ? std::floor(cap[g]) : cap[g]) * (1 + 1e-6) + 1e-9);
      CHECK(got[g] == Approx(expect).epsilon(1e-5));
      CHECK(alloc.summary()[g].granted == Approx(expect).epsilon(1e-9));
      CHECK(alloc.summary()[g].requested == Approx(asked[g]).epsilon(1e-9));
    }
  }
}

TEST_CASE("higher priority classes and longer waits are served before anyone below them") {
  for (bool unit : {false, true}) {
    const Problem p = random_problem(20000, 2, 4, unit, 21);
    AllocationConfig c;
    c.regions = 2;
    c.priority_classes = 4;
    c.max_wait_months = 24;
    c.divisibility = unit ? Divisibility::kUnit : Divisibility::kDivisible;
    c.block_size = 512;
    const auto g =
        run(p, c, unit ? std::vector<double>{3000.0, 5000.0} : std::vector<double>{3000.0, 9000.0});
    // Rank of a request in service order: class first, then capped wait, longest first.
    auto rank = [&](std::size_t i) { return p.cls[i] * 100 + (24 - std::min<int>(p.wait[i], 24)); };
    for (int region = 0; region < 2; ++region) {
      int worst_full = -1, best_short = 1 << 30;
      for (std::size_t i = 0; i < p.amount.size(); ++i) {
        if (p.region[i] != region || p.amount[i] == 0.0f) continue;
        if (g[i] >= p.amount[i])
          worst_full = std::max(worst_full, rank(i));
        else
          best_short = std::min(best_short, rank(i));
      }
      INFO("unit " << unit << " region " << region);
      CHECK(worst_full <= best_short);  // nobody fully served ranks below someone cut short
      CHECK(best_short < (1 << 30));    // capacity was binding
    }
  }
}

TEST_CASE("unit lottery winners depend on keys and seed, not on the order of requests") {
  Problem p;
  for (std::uint32_t i = 0; i < 1000; ++i) {
    p.region.push_back(0);
    p.cls.push_back(0);
    p.wait.push_back(3);
    p.amount.push_back(1.0f);
    p.key.push_back(1000 + i);
  }
  AllocationConfig c;
  c.divisibility = Divisibility::kUnit;
  c.block_size = 64;
  const auto g1 = run(p, c, {250.7});
  CHECK(std::accumulate(g1.begin(), g1.end(), 0.0) == 250.0);
  // Reverse the request order: the same keys must win.
  Problem q = p;
  std::reverse(q.key.begin(), q.key.end());
  const auto g2 = run(q, c, {250.7});
  for (std::size_t i = 0; i < 1000; ++i) CHECK(g1[i] == g2[999 - i]);
  // Another seed picks another set of the same size.
  const auto g3 = run(p, c, {250.7}, 100);
  CHECK(std::accumulate(g3.begin(), g3.end(), 0.0) == 250.0);
  CHECK(g3 != g1);
}

TEST_CASE("allocation is bit-identical at 1, 2 and 4 threads") {
  for (bool unit : {false, true}) {
    const Problem p = random_problem(300000, 7, 3, unit, 31);
    AllocationConfig c;
    c.regions = 7;
    c.priority_classes = 3;
    c.divisibility = unit ? Divisibility::kUnit : Divisibility::kDivisible;
    c.block_size = 4096;
    const std::vector<double> cap = {100, 2000, 30000, 5000, 77777, 12, 40000};
    std::vector<std::vector<float>> out;
    for (int threads : {1, 2, 4}) {
      ThreadLimit limit(threads);
      REQUIRE(limit.concurrency() == threads);
      out.push_back(limit.execute([&] { return run(p, c, cap); }));
    }
    CHECK(out[0] == out[1]);
    CHECK(out[0] == out[2]);
  }
}

TEST_CASE("bad request columns and capacities are rejected") {
  AllocationConfig c;
  CHECK_THROWS_AS(CapacityAllocator(AllocationConfig{0, 1, 24, Divisibility::kDivisible, 8}, 10),
                  std::invalid_argument);
  CapacityAllocator alloc(c, 4);
  Problem p{{0, 0}, {0, 0}, {0, 0}, {1, 1}, {}};
  std::vector<float> granted(2);
  CHECK_THROWS_AS(alloc.allocate(p.requests(), std::vector<double>{1, 2}, 0, granted),
                  std::invalid_argument);
  std::vector<float> short_out(1);
  CHECK_THROWS_AS(alloc.allocate(p.requests(), std::vector<double>{1}, 0, short_out),
                  std::invalid_argument);
}

TEST_CASE(
    "grant_as_share reports the share served: 1 full, the pro-rata fraction, 0, and 1 for no "
    "request") {
  // Same hand-worked case as above: capacity 10; the marginal bucket gets 2 of 6 asked.
  Problem p{{0, 0, 0, 0, 0, 0}, {0, 1, 1, 1, 2, 0}, {0, 5, 2, 2, 9, 0}, {4, 4, 4, 2, 3, 0}, {}};
  AllocationConfig c;
  c.priority_classes = 3;
  c.grant_as_share = true;
  const auto g = run(p, c, {10.0});
  CHECK(g[0] == 1.0f);
  CHECK(g[1] == 1.0f);
  CHECK(g[2] == Approx(1.0 / 3.0));
  CHECK(g[3] == Approx(1.0 / 3.0));
  CHECK(g[4] == 0.0f);
  CHECK(g[5] == 1.0f);  // asked nothing, missed nothing
}

TEST_CASE("CapacityAllocator::bytes_for is what an allocator of those arguments holds") {
  for (const Divisibility d : {Divisibility::kUnit, Divisibility::kDivisible})
    for (const std::size_t requests : {std::size_t{10}, std::size_t{100000}}) {
      const AllocationConfig config{285 * 9, 3, 120, d, 65536};
      const CapacityAllocator a(config, requests);
      CHECK(CapacityAllocator::bytes_for(config, requests) == a.allocation_bytes());
    }
}

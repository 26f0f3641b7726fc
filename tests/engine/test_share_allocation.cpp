// ShareAllocator: the same shares as CapacityAllocator (the established primitive) without
// request or grant columns; passes forget each other; misuse is refused.
#include <catch2/catch.hpp>
#include <stdexcept>
#include <vector>

#include "engine/allocation.hpp"
#include "engine/random.hpp"
#include "engine/share_allocation.hpp"

using namespace drempel;

namespace {

struct Requests {
  std::vector<std::uint16_t> region;
  std::vector<std::uint8_t> cls;
  std::vector<std::uint16_t> wait;
  std::vector<float> amount;
};

// Regions come in runs (as agents in id order do), with some switching inside blocks.
Requests random_requests(std::size_t n, std::size_t regions, std::uint64_t seed) {
  Requests r;
  const RandomStreams s(seed, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const RandomWords w = s.words(static_cast<std::uint32_t>(i), 0, 1);
    r.region.push_back(static_cast<std::uint16_t>((i / 700 + (w[0] % 5 == 0 ? 1 : 0)) % regions));
    r.cls.push_back(static_cast<std::uint8_t>(w[1] % 3));
    r.wait.push_back(static_cast<std::uint16_t>(w[2] % 40));
    r.amount.push_back((w[3] & 7) == 0 ? 0.0f : static_cast<float>(1 + (w[3] >> 8) % 12) * 0.25f);
  }
  return r;
}

void add_pass(ShareAllocator& a, const Requests& r, std::size_t block_size) {
  const std::size_t n = r.amount.size();
  const std::size_t blocks = (n + block_size - 1) / block_size;
  a.begin_pass(blocks);
  for (std::size_t b = 0; b < blocks; ++b) {
    ShareAllocator::Block h = a.block(b);
    for (std::size_t i = b * block_size; i < std::min(n, (b + 1) * block_size); ++i) {
      h.region(r.region[i]);
      h.add(a.bucket(r.cls[i], r.wait[i]), r.amount[i]);
    }
  }
}

}  // namespace

TEST_CASE("every request's share equals CapacityAllocator's, with the same region totals") {
  constexpr std::size_t kRegions = 4, kBlock = 1024, kN = 20000;
  const Requests r = random_requests(kN, kRegions, 17);
  // From nothing, through a marginal bucket in each region, to everything served.
  for (const double capacity : {0.0, 150.0, 700.0, 1e9}) {
    const std::vector<double> cap(kRegions, capacity);
    AllocationConfig c{kRegions, 3, 24, Divisibility::kDivisible, kBlock};
    c.grant_as_share = true;
    CapacityAllocator reference(c, kN);
    std::vector<float> granted(kN, -1.0f);
    reference.allocate({r.region, r.cls, r.wait, r.amount, {}}, cap, 0, granted);

    ShareAllocator shares(kRegions, 3, 24, (kN + kBlock - 1) / kBlock);
    add_pass(shares, r, kBlock);
    shares.allocate(cap);
    std::size_t asked = 0, partly = 0;
    for (std::size_t i = 0; i < kN; ++i) {
      if (!(r.amount[i] > 0.0f)) continue;  // a request of 0: the caller's rule (share 1)
      ++asked;
      const float share = shares.share(r.region[i], shares.bucket(r.cls[i], r.wait[i]));
      partly += share > 0.0f && share < 1.0f ? 1 : 0;
      REQUIRE(share == granted[i]);
    }
    CHECK(asked > kN / 2);
    if (capacity == 150.0) CHECK(partly > 0);  // a marginal bucket was rationed
    for (std::size_t g = 0; g < kRegions; ++g) {
      CHECK(shares.summary()[g].capacity == reference.summary()[g].capacity);
      CHECK(shares.summary()[g].requested == reference.summary()[g].requested);
      CHECK(shares.summary()[g].granted == reference.summary()[g].granted);
      CHECK(shares.summary()[g].requests == reference.summary()[g].requests);
    }
  }
}

TEST_CASE("a pass forgets the requests of the pass before, also in blocks it does not use") {
  constexpr std::size_t kRegions = 3;
  const Requests big = random_requests(8000, kRegions, 5);
  const Requests small = random_requests(1500, kRegions, 6);
  ShareAllocator twice(kRegions, 3, 24, 8);
  add_pass(twice, big, 1024);
  twice.allocate(std::vector<double>(kRegions, 100.0));
  add_pass(twice, small, 1024);
  twice.allocate(std::vector<double>(kRegions, 100.0));
  ShareAllocator once(kRegions, 3, 24, 8);
  add_pass(once, small, 1024);
  once.allocate(std::vector<double>(kRegions, 100.0));
  for (std::size_t g = 0; g < kRegions; ++g) {
    CHECK(twice.summary()[g].requested == once.summary()[g].requested);
    CHECK(twice.summary()[g].requests == once.summary()[g].requests);
    for (std::size_t k = 0; k < once.buckets(); ++k) CHECK(twice.share(g, k) == once.share(g, k));
  }
}

TEST_CASE("a hand-worked case: whole buckets first, the marginal one pro rata, then nothing") {
  // Capacity 10. Class 0 asks 4 (served). Class 1 waiting 5 asks 4 (served, 2 left). Class 1
  // waiting 2: requests of 4 and 2 share the 2 left (a third each). Class 2: nothing.
  ShareAllocator a(1, 3, 24, 1);
  a.begin_pass(1);
  ShareAllocator::Block h = a.block(0);
  h.region(0);
  h.add(a.bucket(0, 0), 4.0f);
  h.add(a.bucket(1, 5), 4.0f);
  h.add(a.bucket(1, 2), 4.0f);
  h.add(a.bucket(1, 2), 2.0f);
  h.add(a.bucket(2, 9), 3.0f);
  h.add(a.bucket(2, 9), 0.0f);  // no request
  a.allocate(std::vector<double>{10.0});
  CHECK(a.share(0, a.bucket(0, 0)) == 1.0f);
  CHECK(a.share(0, a.bucket(1, 5)) == 1.0f);
  CHECK(a.share(0, a.bucket(1, 2)) == Approx(1.0 / 3.0));
  CHECK(a.share(0, a.bucket(2, 9)) == 0.0f);
  CHECK(a.summary()[0].requested == 17.0);
  CHECK(a.summary()[0].granted == 10.0);
  CHECK(a.summary()[0].requests == 5);
  // Waits beyond the longest bucket share it.
  CHECK(a.bucket(1, 24) == a.bucket(1, 300));
}

TEST_CASE("too many blocks or a capacity list of the wrong size is refused") {
  ShareAllocator a(2, 3, 24, 4);
  CHECK_THROWS_AS(a.begin_pass(5), std::length_error);
  a.begin_pass(4);
  CHECK_THROWS_AS(a.allocate(std::vector<double>{1.0}), std::invalid_argument);
  CHECK_THROWS_AS(ShareAllocator(0, 3, 24, 4), std::invalid_argument);
}

TEST_CASE("ShareAllocator::bytes_for is what an allocator of those arguments holds") {
  for (const std::size_t regions : {std::size_t{1}, std::size_t{285}})
    for (const std::size_t blocks : {std::size_t{1}, std::size_t{109}}) {
      const ShareAllocator a(regions, 3, 24, blocks);
      CHECK(ShareAllocator::bytes_for(regions, 3, 24, blocks) == a.allocation_bytes());
    }
}

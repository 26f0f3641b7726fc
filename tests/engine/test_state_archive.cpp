// StateWriter and StateReader (engine/state_archive.hpp): one `state` function saves and restores,
// and bytes that do not fit the object are refused with a StateError, not half-read.
#include <catch2/catch.hpp>

#include "engine/state_archive.hpp"

using namespace drempel;

namespace {

// A class as a model lists its state: fixed-size vectors, a prefix of a capacity, counters.
struct Sample {
  std::uint32_t size = 0;
  std::vector<double> fixed = std::vector<double>(3);
  std::vector<std::uint16_t> column = std::vector<std::uint16_t>(10);
  std::unique_ptr<std::atomic<std::int64_t>[]> counters =
      std::make_unique<std::atomic<std::int64_t>[]>(4);
  template <class A>
  void state(A& a) {
    a(size);
    a(fixed);
    a.prefix(column, size);
    a.atomics(counters, 4);
  }
};

std::string saved(Sample& s) {
  StateWriter out;
  s.state(out);
  return out.take();
}

}  // namespace

TEST_CASE("a state written by StateWriter is read back whole by StateReader", "[state_archive]") {
  Sample a;
  a.size = 4;
  a.fixed = {1.5, -0.0, 3e300};
  for (std::uint16_t k = 0; k < 10; ++k) a.column[k] = static_cast<std::uint16_t>(100 + k);
  for (int k = 0; k < 4; ++k) a.counters[k] = -7 * k;
  const std::string bytes = saved(a);
  // size, fixed (count + 3 doubles), prefix (count + 4 values), counters (count + 4).
  CHECK(bytes.size() == 4 + (8 + 24) + (8 + 8) + (8 + 32));

  Sample b;
  StateReader in(bytes);
  b.state(in);
  CHECK(in.at_end());
  CHECK(b.size == 4);
  CHECK(b.fixed == a.fixed);
  CHECK(std::signbit(b.fixed[1]));
  for (int k = 0; k < 4; ++k) CHECK(b.column[k] == 100 + k);
  CHECK(b.column[4] == 0);  // beyond the prefix: untouched
  for (int k = 0; k < 4; ++k) CHECK(b.counters[k] == -7 * k);
}

TEST_CASE("StateReader refuses a truncated state", "[state_archive]") {
  Sample a;
  a.size = 2;
  const std::string bytes = saved(a);
  for (const std::size_t cut :
       {std::size_t{0}, std::size_t{3}, bytes.size() / 2, bytes.size() - 1}) {
    Sample b;
    StateReader in(std::string_view(bytes).substr(0, cut));
    CHECK_THROWS_AS(b.state(in), StateError);
  }
}

TEST_CASE("StateReader refuses sizes that differ from the object's", "[state_archive]") {
  Sample a;
  a.size = 2;
  const std::string bytes = saved(a);
  SECTION("a fixed vector of another size (another scenario)") {
    Sample b;
    b.fixed.resize(4);
    StateReader in(bytes);
    CHECK_THROWS_WITH(b.state(in), "expected 4 values, found 3");
  }
  SECTION("a prefix beyond the capacity") {
    Sample big;
    big.size = 20;
    big.column.resize(20);
    const std::string more = saved(big);
    Sample b;
    StateReader in(more);
    CHECK_THROWS_WITH(b.state(in), "expected at most 10 values, found 20");
  }
  SECTION("other counters") {
    StateWriter out;
    out(std::uint32_t{0});
    out(a.fixed);
    out.prefix(a.column, 0);
    out(std::uint64_t{5});  // five counters where four are expected
    Sample b;
    StateReader in(out.bytes());
    CHECK_THROWS_AS(b.state(in), StateError);
  }
}

#pragma once
// Whether two runs' results hold the same data, bit for bit (NaN equal to NaN): for tests of
// checkpoints and of runs split over processes, which must change nothing.
#include <catch2/catch.hpp>
#include <cstring>
#include <vector>

#include "engine/results_file.hpp"

namespace drempel::test {

template <class T>
bool same_bits(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0);
}

/// Checks (CHECK) every data array of `a` against `b`.
inline void check_same_data(const Results& a, const Results& b) {
  CHECK(same_bits(a.stage_count, b.stage_count));
  CHECK(same_bits(a.initial_stage_count, b.initial_stage_count));
  CHECK(same_bits(a.transition_count, b.transition_count));
  CHECK(same_bits(a.arrival_count, b.arrival_count));
  REQUIRE(a.metrics.size() == b.metrics.size());
  for (std::size_t k = 0; k < a.metrics.size(); ++k) {
    INFO("metric " << a.metrics[k].name);
    CHECK(same_bits(a.metrics[k].values, b.metrics[k].values));
  }
  REQUIRE(a.tables.size() == b.tables.size());
  for (std::size_t k = 0; k < a.tables.size(); ++k) {
    INFO("table " << a.tables[k].name);
    CHECK(same_bits(a.tables[k].values, b.tables[k].values));
  }
}

inline void check_same_data(const ResultsFile& a, const ResultsFile& b) {
  REQUIRE(a.points.size() == b.points.size());
  for (std::size_t p = 0; p < a.points.size(); ++p) {
    INFO("point " << p);
    check_same_data(a.points[p], b.points[p]);
  }
}

}  // namespace drempel::test

// The mechanism list (models/mechanisms/registry.hpp): what is derived from it is consistent and
// documented.
#include <catch2/catch.hpp>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "models/pathways_model.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;

namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("every metric of the mechanisms is documented with its units and region total") {
  const std::string doc = read_text(test::source_path("docs/results-format.md"));
  std::set<std::string> names;
  for (const MetricInfo& m : kMetricInfo) {
    INFO(m.name);
    CHECK(names.insert(m.name).second);  // one name, one metric
    const std::string row = std::string("| `") + m.name + "` | `" + m.units + "` | " +
                            (m.region_total == RegionTotal::kSum ? "sum" : "none") + " | ";
    CHECK(doc.find(row) != std::string::npos);
  }
  CHECK(names.size() == PathwaysMechanisms::kMetricTotal);
}

TEST_CASE("client columns have one name each, and their bytes add up") {
  std::set<std::string> names;
  std::size_t hot = 0, cold = 0;
  auto add = [&](const char* name, std::size_t bytes, Heat heat, const char*) {
    CHECK(names.insert(name).second);
    (heat == Heat::kHot ? hot : cold) += bytes;
  };
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (describe_columns<std::tuple_element_t<I, ClientColumns::Groups>>(add), ...);
  }
  (std::make_index_sequence<std::tuple_size_v<ClientColumns::Groups>>{});
  CHECK(hot == ClientColumns::bytes(Heat::kHot));
  CHECK(cold == ClientColumns::bytes(Heat::kCold));
}

TEST_CASE("the mechanisms' sums and metrics are laid out one after another") {
  using L = PathwaysMechanisms;
  CHECK(L::kSumOffset<0> == 0);
  CHECK(L::kSumsOf<Caseload> == L::kSumOffset<L::index_of<Caseload>()>);
  CHECK(L::kMetricOffset<L::kCount - 1> + L::kMetricCounts[L::kCount - 1] == L::kMetricTotal);
  CHECK(L::kSumOffset<L::kCount - 1> + L::kSumCounts[L::kCount - 1] == L::kSumTotal);
}

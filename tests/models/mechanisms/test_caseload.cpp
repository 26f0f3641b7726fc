// The caseload (models/mechanisms/caseload.hpp): leefloon spending and its federal share.
// Each lever is changed with common random numbers (same seed, same arrivals).
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "engine/input_error.hpp"
#include "models/mechanisms/caseload_parameters.hpp"
#include "models/run.hpp"
#include "tests/support/parameter_docs.hpp"
#include "tests/support/results.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;
using test::run_larger;

TEST_CASE("the federal state reimburses its share of the leefloon") {
  const Results res = run_larger({"/regions/0/leefloon_federal_share=0.65"});
  const auto& paid = res.metric("leefloon_spending_eur")->values;
  const auto& back = res.metric("leefloon_federal_reimbursement_eur")->values;
  for (std::size_t i = 0; i < paid.size(); ++i) CHECK(back[i] == Approx(0.65 * paid[i]));
}

TEST_CASE("scenarios/README.md shows the leefloon keys as their parameter table declares them") {
  test::check_key_table_in_readme(kLeefloonFields, "/leefloon", "leefloon");
}

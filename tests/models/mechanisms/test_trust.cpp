// Trust (models/mechanisms/trust.hpp): caseworker changes, relational work, and what trust does to
// support and drop-out. Each lever is changed with common random numbers (same seed, same
// arrivals).
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "models/mechanisms/trust_parameters.hpp"
#include "models/run.hpp"
#include "tests/support/parameter_docs.hpp"
#include "tests/support/results.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;
using test::run_larger;

using test::run_newcomers;

TEST_CASE("caseworker turnover breaks trust and raises drop-out") {
  const Results stable = run_newcomers({"/caseworkers/turnover_base_per_month=0.005"});
  const Results churn = run_newcomers({"/caseworkers/turnover_base_per_month=0.08"});
  CHECK(test::metric_total(churn, "caseworker_changes") >
        3 * test::metric_total(stable, "caseworker_changes"));
  CHECK(test::metric_mean(churn, "clients_mean_trust") <
        test::metric_mean(stable, "clients_mean_trust") - 0.1);
  CHECK(test::entries_into(churn, kDroppedOut) > 1.03 * test::entries_into(stable, kDroppedOut));
}

TEST_CASE("relational work builds trust, and costs hours") {
  const Results none = run_larger({"/relational_work/hours_per_month_by_trust_level=[0,0,0,0]"});
  const Results some = run_larger({});
  CHECK(test::metric_mean(some, "clients_mean_trust") >
        1.05 * test::metric_mean(none, "clients_mean_trust"));
  CHECK(test::metric_total(none, "caseworker_hours_demanded_relational") == 0.0);
  CHECK(test::metric_total(some, "caseworker_hours_supplied_relational") > 0.0);
}

TEST_CASE("scenarios/README.md shows the trust keys as the parameter table declares them") {
  test::check_key_table_in_readme(kTrustFields, "/trust", "trust");
}

TEST_CASE(
    "scenarios/README.md shows the relational_work keys as the parameter table declares them") {
  test::check_key_table_in_readme(kRelationalWorkFields, "/relational_work", "relational_work");
}

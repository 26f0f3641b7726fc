// The GPMI (models/mechanisms/gpmi.hpp): drafting hours, non-compliance, sanctions.
// Each lever is changed with common random numbers (same seed, same arrivals).
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "engine/input_error.hpp"
#include "models/mechanisms/gpmi_parameters.hpp"
#include "models/run.hpp"
#include "tests/support/parameter_docs.hpp"
#include "tests/support/results.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;

using test::run_newcomers;

TEST_CASE("stricter GPMI sanctions raise drop-out and lower trust and leefloon spending") {
  const Results lenient = run_newcomers({"/gpmi/sanction_strictness=0.05"});
  const Results strict = run_newcomers({"/gpmi/sanction_strictness=0.8"});
  CHECK(test::metric_total(strict, "gpmi_sanctions") >
        5 * test::metric_total(lenient, "gpmi_sanctions"));
  CHECK(test::entries_into(strict, kDroppedOut) > 1.03 * test::entries_into(lenient, kDroppedOut));
  CHECK(test::metric_mean(strict, "clients_mean_trust") <
        test::metric_mean(lenient, "clients_mean_trust"));
  CHECK(test::entries_into(strict, kEmployed) < test::entries_into(lenient, kEmployed));
}

TEST_CASE("clients in crisis fail their GPMI obligations more often") {
  const Results flat = run_newcomers({"/gpmi/noncompliance_crisis_factor=1"});
  const Results crisis = run_newcomers({"/gpmi/noncompliance_crisis_factor=5"});
  CHECK(test::metric_total(crisis, "gpmi_sanctions") >
        1.5 * test::metric_total(flat, "gpmi_sanctions"));
}

TEST_CASE("GPMI paperwork takes caseworker hours from client support") {
  const Results none =
      run_newcomers({"/gpmi/drafting_hours_per_month=0", "/gpmi/evaluation_hours_per_month=0"});
  const Results paperwork =
      run_newcomers({"/gpmi/drafting_hours_per_month=2", "/gpmi/evaluation_hours_per_month=0.5"});
  CHECK(test::metric_total(paperwork, "caseworker_hours_demanded") >
        1.1 * test::metric_total(none, "caseworker_hours_demanded"));
  CHECK(test::metric_mean(paperwork, "caseworker_service_share") <
        test::metric_mean(none, "caseworker_service_share"));
  CHECK(test::entries_into(paperwork, kEmployed) < test::entries_into(none, kEmployed));
  // Drafting needs support: with paperwork and no capacity to spare, GPMIs run late.
  CHECK(test::metric_total(paperwork, "gpmi_overdue") > test::metric_total(none, "gpmi_overdue"));
}

TEST_CASE("scenarios/README.md shows the GPMI's keys as its parameter table declares them") {
  test::check_key_table_in_readme(kGpmiFields, "/gpmi", "gpmi");
}

TEST_CASE("a GPMI whose non-compliance can exceed 1 a month is refused at its crisis factor") {
  try {
    test::baseline_parameters(
        {"/gpmi/noncompliance_per_month=0.2", "/gpmi/noncompliance_crisis_factor=4"});
    FAIL("accepted");
  } catch (const InputError& e) {
    CHECK_THAT(e.what(), Catch::Contains("/gpmi/noncompliance_crisis_factor"));
    CHECK_THAT(e.what(), Catch::Contains("a monthly probability"));
  }
}

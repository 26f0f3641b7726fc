// Work-readiness (models/mechanisms/work_readiness.hpp).
// Each lever is changed with common random numbers (same seed, same arrivals).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "models/mechanisms/work_readiness_parameters.hpp"
#include "models/run.hpp"
#include "tests/support/parameter_docs.hpp"
#include "tests/support/results.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;
using test::run_larger;

TEST_CASE("pre-activation builds the work-readiness that activation needs") {
  const std::vector<std::string> unready = {
      "/arrivals/profiles/ordinary/work_readiness_share=[1,0,0]",
      "/arrivals/profiles/ordinary/job_ready_share=0", "/regions/0/reform_population/share=0"};
  auto none = unready, some = unready;
  none.push_back("/work_readiness/gain_per_month_in_pre_activation=0");
  some.push_back("/work_readiness/gain_per_month_in_pre_activation=0.3");
  const Results a = run_larger(none);
  const Results b = run_larger(some);
  CHECK(test::metric_mean(b, "clients_mean_work_readiness") >
        test::metric_mean(a, "clients_mean_work_readiness"));
  CHECK(test::move_rate(b, kPreActivation, kActivation) >
        1.3 * test::move_rate(a, kPreActivation, kActivation));
}

TEST_CASE(
    "scenarios/README.md shows the work-readiness keys as their parameter table declares them") {
  test::check_key_table_in_readme(kWorkReadinessFields, "/work_readiness", "work_readiness");
}

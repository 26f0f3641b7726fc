// Housing: the social-housing waiting list, evictions, poor housing and the no-address block,
// each tested by changing its lever with common random numbers (same seed, same arrivals).
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "models/mechanisms/housing_parameters.hpp"
#include "models/run.hpp"
#include "tests/support/parameter_docs.hpp"
#include "tests/support/results.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;

namespace {

// A larger version of the baseline so that effects on a tenth of the caseload are visible.
Results run_larger(const std::vector<std::string>& settings) {
  auto all = test::larger_baseline({"/regions/0/social_dwellings=8870"});
  all.insert(all.end(), settings.begin(), settings.end());
  return run_pathways(test::baseline_parameters(all), "{}");
}

}  // namespace

TEST_CASE("a reference address for everyone without a home raises employment") {
  // Without an address no bank account (start-up cannot finish for those who still need one)
  // and no employment contract. Here every new client still needs a bank account.
  const std::string bank = "/admin_startup/tasks/bank_account/missing_share=1";
  const Results blocked = run_larger({"/housing/reference_address_share=0", bank});
  const Results lifted = run_larger({"/housing/reference_address_share=1", bank});
  const auto a = test::final_stock(blocked, kEmployed), b = test::final_stock(lifted, kEmployed);
  double gain = 0;
  for (std::size_t r = 0; r < a.size(); ++r)
    gain += (b[r] - a[r]) / a[r] / static_cast<double>(a.size());
  CHECK(gain > 0.03);  // at least 3% more clients in work after three years
  // And fewer clients stuck in administrative start-up.
  double admin_a = 0, admin_b = 0;
  for (int r = 0; r < blocked.replicates; ++r)
    for (int m = 0; m < blocked.months(); ++m) {
      admin_a +=
          static_cast<double>(blocked.stage_count[blocked.stage_index(r, m, 0, kAdminStartup)]);
      admin_b +=
          static_cast<double>(lifted.stage_count[lifted.stage_index(r, m, 0, kAdminStartup)]);
    }
  CHECK(admin_b < admin_a * 0.97);
}

TEST_CASE("more social dwellings shorten the waiting list and the wait") {
  const Results few = run_larger({});
  const Results many = run_larger({"/regions/0/social_dwellings=26610"});  // three times as many
  CHECK(test::metric_mean(many, "social_housing_allocations") >
        2.5 * test::metric_mean(few, "social_housing_allocations"));
  CHECK(test::metric_mean(many, "social_housing_waiting_list") <
        0.9 * test::metric_mean(few, "social_housing_waiting_list"));
  CHECK(test::metric_mean(many, "clients_in_poor_housing") <
        test::metric_mean(few, "clients_in_poor_housing"));
}

TEST_CASE("the waiting list serves clients without a home first") {
  // With the list ordered by priority, clients without an address should be a larger share of
  // those allocated than of those waiting; measured by the fall in clients without an address
  // when dwellings become plentiful.
  const Results few = run_larger({"/housing/private_search_success_per_month=0"});
  const Results many = run_larger(
      {"/housing/private_search_success_per_month=0", "/regions/0/social_dwellings=26610"});
  CHECK(test::metric_mean(many, "clients_without_address") <
        0.8 * test::metric_mean(few, "clients_without_address"));
}

TEST_CASE("evictions leave clients without an address") {
  const Results none = run_larger({"/housing/eviction_per_month=0"});
  const Results some = run_larger({"/housing/eviction_per_month=0.02"});
  CHECK(test::metric_mean(none, "evictions") == 0.0);
  CHECK(test::metric_mean(some, "evictions") > 10.0);
  CHECK(test::metric_mean(some, "clients_without_address") >
        1.5 * test::metric_mean(none, "clients_without_address"));
}

TEST_CASE("poor-quality housing harms health: more clients in crisis") {
  const Results mild = run_larger({"/housing/poor_housing_health_shock_factor=1"});
  const Results harsh = run_larger({"/housing/poor_housing_health_shock_factor=4"});
  CHECK(test::metric_mean(harsh, "clients_in_crisis_physical_health") >
        1.1 * test::metric_mean(mild, "clients_in_crisis_physical_health"));
  // Through the interactions, mental health suffers too.
  CHECK(test::metric_mean(harsh, "clients_in_crisis_mental_health") >
        test::metric_mean(mild, "clients_in_crisis_mental_health"));
}

TEST_CASE("scenarios/README.md shows the housing keys as its parameter table declares them") {
  test::check_key_table_in_readme(kHousingFields, "/housing", "housing");
}

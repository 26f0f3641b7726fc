// Life domains and backgrounds: interactions between domains, the stability bonus, and what
// leaving an institution does (network loss, months of raised instability). Each lever is changed
// with common random numbers (same seed, same arrivals) and checked over 8 replicates.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "models/mechanisms/background_parameters.hpp"
#include "models/mechanisms/domain_parameters.hpp"
#include "models/run.hpp"
#include "tests/support/parameter_docs.hpp"
#include "tests/support/results.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;

using test::run_larger;

TEST_CASE("debt in crisis feeds mental-health crises through the interaction") {
  // Only the debt -> mental health link is changed.
  const std::string link = "/domains/interactions/2/shock_factor=";
  const Results weak = run_larger({link + "1"});
  const Results strong = run_larger({link + "4"});
  CHECK(test::metric_mean(strong, "clients_in_crisis_mental_health") >
        1.05 * test::metric_mean(weak, "clients_in_crisis_mental_health"));
}

TEST_CASE("stability in the other domains speeds recovery: fewer clients in crisis") {
  const Results none = run_larger({"/domains/stable_domain_recovery_bonus=0"});
  const Results bonus = run_larger({"/domains/stable_domain_recovery_bonus=0.9"});
  CHECK(test::metric_mean(bonus, "clients_in_crisis") <
        0.95 * test::metric_mean(none, "clients_in_crisis"));
}

TEST_CASE("leaving an institution breaks the social network") {
  // Every ordinary applicant leaves youth care; the network is lost or not.
  const auto youth = test::only_background("youth_care");
  auto kept = youth, lost = youth;
  kept.push_back("/backgrounds/youth_care/network_loss_share=0");
  lost.push_back("/backgrounds/youth_care/network_loss_share=1");
  const Results a = run_larger(kept);
  const Results b = run_larger(lost);
  CHECK(test::metric_mean(b, "clients_in_crisis_social_network") >
        1.2 * test::metric_mean(a, "clients_in_crisis_social_network"));
}

TEST_CASE("the months after a transition shake every domain") {
  // Every ordinary applicant a newcomer from local reception, with 12 months of transition.
  const auto newcomers = test::only_background("newcomer_loi");
  auto calm = newcomers, shaken = newcomers;
  calm.push_back("/domains/transition_shock_factor=1");
  shaken.push_back("/domains/transition_shock_factor=3");
  const Results a = run_larger(calm);
  const Results b = run_larger(shaken);
  CHECK(test::metric_mean(a, "clients_in_transition") > 100);  // the lever has clients to act on
  CHECK(test::metric_mean(a, "clients_in_transition") ==
        Approx(test::metric_mean(b, "clients_in_transition")).epsilon(0.1));
  CHECK(test::metric_mean(b, "clients_in_crisis") >
        1.03 * test::metric_mean(a, "clients_in_crisis"));
}

TEST_CASE("newcomers arrive with their Dutch capped: more interpreter hours are needed") {
  const auto newcomers = test::only_background("newcomer_loi");
  auto capped = newcomers, free = newcomers;
  capped.push_back("/backgrounds/newcomer_loi/dutch_level_cap=0");
  free.push_back("/backgrounds/newcomer_loi/dutch_level_cap=3");
  CHECK(test::metric_total(run_larger(capped), "interpreter_hours_demanded") >
        1.2 * test::metric_total(run_larger(free), "interpreter_hours_demanded"));
}

TEST_CASE("scenarios/README.md shows the domain keys as their parameter table declares them") {
  test::check_key_table_in_readme(kDomainFields, "/domains", "domains");
}

TEST_CASE("scenarios/README.md shows the background keys as their parameter table declares them") {
  test::check_key_table_by_name_in_readme(
      kBackgroundFields, "/backgrounds",
      std::vector<std::string>(kBackgroundNames.begin(), kBackgroundNames.end()), "backgrounds");
}

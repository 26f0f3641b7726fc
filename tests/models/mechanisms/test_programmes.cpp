// Programmes (models/mechanisms/programmes.hpp): art. 60, wijk-werken, training.
// Each lever is changed with common random numbers (same seed, same arrivals).
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "engine/input_error.hpp"
#include "models/mechanisms/programme_parameters.hpp"
#include "models/run.hpp"
#include "tests/support/parameter_docs.hpp"
#include "tests/support/results.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;
using test::run_larger;

namespace {

double metric_max(const Results& res, const char* name) {
  double m = 0;
  for (double v : res.metric(name)->values)
    if (!std::isnan(v)) m = std::max(m, v);
  return m;
}

}  // namespace

TEST_CASE("art. 60 places are bounded by the budget, and cost what the budget says") {
  // 100 places, but a budget for 7 (7,999 EUR at 1,000 EUR net a place).
  const Results tight = run_larger(
      {"/regions/0/programme_places/art60=100", "/regions/0/art60_budget_eur_per_month=7999"});
  const Results ample = run_larger(
      {"/regions/0/programme_places/art60=100", "/regions/0/art60_budget_eur_per_month=1e6"});
  CHECK(metric_max(tight, "art60_participants") <= 7.0);
  CHECK(metric_max(tight, "art60_participants") == 7.0);  // and the budget is used
  CHECK(metric_max(ample, "art60_participants") > 20.0);
  CHECK(metric_max(ample, "art60_participants") <= 100.0);
  const auto& people = ample.metric("art60_participants")->values;
  const auto& cost = ample.metric("art60_net_cost_eur")->values;
  for (std::size_t i = 0; i < people.size(); ++i) CHECK(cost[i] == 1000.0 * people[i]);
}

TEST_CASE("more art. 60 places put more clients in work") {
  // Few job-ready clients, but the others ready for an art. 60 job (work-ready, Dutch B1).
  const std::vector<std::string> unready = {
      "/arrivals/profiles/ordinary/job_ready_share=0.2",
      "/arrivals/profiles/ordinary/work_readiness_share=[0,0,1]",
      "/arrivals/profiles/ordinary/dutch_level_share=[0,0,0.3,0.7]",
      "/regions/0/art60_budget_eur_per_month=1e6",
      // Five years: a contract lasts 15 months, and what it gives shows after it.
      "/months=60"};
  auto few = unready, many = unready;
  few.push_back("/regions/0/programme_places/art60=5");
  many.push_back("/regions/0/programme_places/art60=200");
  const Results a = run_larger(few);
  const Results b = run_larger(many);
  CHECK(test::metric_mean(b, "art60_participants") >
        3 * test::metric_mean(a, "art60_participants"));
  // In work at the end of the three years: regular jobs plus art. 60 contracts.
  const auto in_work = [](const Results& r) {
    double total = 0;
    for (double employed : test::final_stock(r, kEmployed)) total += employed;
    const auto& art60 = r.metric("art60_participants")->values;
    for (int rep = 0; rep < r.replicates; ++rep)
      total += art60[r.metric_index(rep, r.months() - 1, 0)];
    return total;
  };
  // Locked in during the contract, but with work experience after it (and some hired directly):
  // at least 3% more in work after five years.
  CHECK(in_work(b) > 1.03 * in_work(a));
}

TEST_CASE("wijk-werken places build work-readiness") {
  const std::vector<std::string> unready = {
      "/arrivals/profiles/ordinary/work_readiness_share=[0.2,0.8,0]",
      "/arrivals/profiles/ordinary/job_ready_share=0"};
  auto none = unready, many = unready;
  none.push_back("/regions/0/programme_places/wijk_werken=0");
  many.push_back("/regions/0/programme_places/wijk_werken=300");
  const Results a = run_larger(none);
  const Results b = run_larger(many);
  CHECK(test::metric_total(a, "wijk_werken_participants") == 0.0);
  CHECK(test::metric_mean(a, "programme_waiting") > test::metric_mean(b, "programme_waiting"));
  CHECK(test::metric_mean(b, "clients_mean_work_readiness") >
        test::metric_mean(a, "clients_mean_work_readiness"));
}

TEST_CASE("wijk-werken is at most 12 months and 60 hours a month") {
  CHECK_THROWS_AS(test::baseline_parameters({"/programmes/wijk_werken/months=13"}), InputError);
  CHECK_THROWS_AS(test::baseline_parameters({"/programmes/wijk_werken/client_hours_per_month=61"}),
                  InputError);
  CHECK_NOTHROW(test::baseline_parameters({"/programmes/wijk_werken/months=12"}));
}

TEST_CASE("a finished training raises job finding") {
  const std::vector<std::string> trainees = {
      "/arrivals/profiles/ordinary/dutch_level_share=[0,0.6,0.2,0.2]",
      "/arrivals/profiles/ordinary/work_readiness_share=[0,0,1]",
      "/arrivals/profiles/ordinary/job_ready_share=0",
      "/regions/0/programme_places/training=300",
      "/regions/0/nt2_course_places=0",
      "/dutch_courses/informal_gain_per_month=0",
      "/transitions/activation_to_employed_per_month=0.3"};
  auto plain = trainees, useful = trainees;
  plain.push_back("/programmes/training/job_finding_factor_after=1");
  useful.push_back("/programmes/training/job_finding_factor_after=3");
  const Results a = run_larger(plain);
  const Results b = run_larger(useful);
  CHECK(test::metric_mean(a, "training_participants") > 20.0);
  CHECK(test::metric_total(b, "job_starts") > 1.05 * test::metric_total(a, "job_starts"));
}

TEST_CASE("scenarios/README.md shows the programme keys as their parameter tables declare them") {
  test::check_key_table_by_name_in_readme(kProgrammeFields, "/programmes",
                                          {"art60", "wijk_werken", "training"}, "programmes");
  test::check_key_table_in_readme(kProgrammeExtraFields, "/programmes", "programme_extra");
  // Wijk-werken's table differs from the others only in the longest place.
  CHECK(kWijkWerkenFields[0].max == 12);
  CHECK(kProgrammeFields[0].max == 60);
}

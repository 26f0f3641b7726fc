// Job access (models/mechanisms/job_access.hpp): employer willingness and high-pace vacancies.
// Each lever is changed with common random numbers (same seed, same arrivals).
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "engine/input_error.hpp"
#include "models/mechanisms/job_access_parameters.hpp"
#include "models/run.hpp"
#include "tests/support/parameter_docs.hpp"
#include "tests/support/results.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;
using test::run_larger;

TEST_CASE("employers unwilling to hire some groups: fewer clients in work") {
  const Results willing =
      run_larger({"/employer_willingness/work_handicap=1", "/employer_willingness/no_dutch_b1=1",
                  "/employer_willingness/long_term_unemployed=1",
                  "/employer_willingness/no_recent_work_experience=1"});
  const Results reluctant = run_larger({});
  const auto a = test::final_stock(willing, kEmployed), b = test::final_stock(reluctant, kEmployed);
  double loss = 0;
  for (std::size_t r = 0; r < a.size(); ++r)
    loss += (a[r] - b[r]) / a[r] / static_cast<double>(a.size());
  CHECK(loss > 0.03);
}

TEST_CASE("high-pace vacancies keep clients with structural limits out of work") {
  // Many clients with a work handicap (every ordinary applicant is long-term unemployed).
  const auto limited = test::only_background(
      "long_term_unemployed", {"/backgrounds/long_term_unemployed/work_handicap_share=1"});
  auto calm = limited, fast = limited;
  calm.push_back("/regions/0/labour_market/high_pace_share=0");
  fast.push_back("/regions/0/labour_market/high_pace_share=0.6");
  const Results a = run_larger(calm);
  const Results b = run_larger(fast);
  CHECK(test::entries_into(b, kEmployed) < 0.9 * test::entries_into(a, kEmployed));
}

TEST_CASE(
    "scenarios/README.md shows the employer-willingness keys as their parameter table declares "
    "them") {
  test::check_key_table_in_readme(kEmployerWillingnessFields, "/employer_willingness",
                                  "employer_willingness");
}

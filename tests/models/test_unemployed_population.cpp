// The planners' input tables: schemas and the errors they give.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "models/unemployed_population.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;

namespace {

std::string write_temp(const std::string& name, const std::string& text) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("drempel_population_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = (dir / name).string();
  std::ofstream(path) << text;
  return path;
}

const std::string kRecipientsHeader =
    "region,benefit_period,unemployment_years,career_years,age,household,"
    "shortage_training_months,count\n";
const std::string kClaimsHeader =
    "region,claim_month,basis,work_days_36m,career_work_days,age,household,count\n";

// The issues an InputError carries, or none.
std::vector<ScenarioIssue> issues_of(const std::function<void()>& read) {
  try {
    read();
  } catch (const InputError& e) {
    return e.issues();
  }
  return {};
}

bool has_issue(const std::vector<ScenarioIssue>& issues, const std::string& file,
               const std::string& pointer, const std::string& expected_part) {
  for (const auto& i : issues)
    if (i.file == file && i.pointer == pointer &&
        i.expected.find(expected_part) != std::string::npos)
      return true;
  return false;
}

}  // namespace

TEST_CASE("a valid recipients table is read group by group, each in its wave") {
  const ModelParameters p = test::baseline_parameters();
  const std::string path = write_temp("good.csv", kRecipientsHeader +
                                                      "A,third,22,8,52,single,0,100\n"
                                                      "A,first,0.5,4,29,family,6,7\n");
  const auto rows = read_benefit_recipients_csv(path, p.inflow.waves);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].period == kThirdPeriod);
  CHECK(rows[0].household == kSingle);
  CHECK(rows[0].count == 100);
  CHECK(format_month(p.inflow.waves[static_cast<std::size_t>(rows[0].wave)].loss_month) ==
        "2026-01");
  CHECK(rows[1].shortage_training_months == 6);
  CHECK(rows[1].line == 3);
}

TEST_CASE("bad recipients tables name the file, the line and the column of every problem") {
  const ModelParameters p = test::baseline_parameters();
  SECTION("a missing column") {
    const std::string path = write_temp("missing.csv",
                                        "region,benefit_period,unemployment_years,career_years,age,"
                                        "household,count\nA,third,22,8,52,single,100\n");
    const auto issues = issues_of([&] { read_benefit_recipients_csv(path, p.inflow.waves); });
    CHECK(has_issue(issues, path, "line 1 (header)", "shortage_training_months"));
  }
  SECTION("negative counts, unknown periods and households, all at once") {
    const std::string path = write_temp("bad.csv", kRecipientsHeader +
                                                       "A,third,22,8,52,single,0,-5\n"
                                                       "A,fourth,22,8,52,single,0,5\n"
                                                       "A,third,22,8,52,alone,0,5\n");
    const auto issues = issues_of([&] { read_benefit_recipients_csv(path, p.inflow.waves); });
    CHECK(issues.size() == 3);
    CHECK(has_issue(issues, path, "line 2, column \"count\"", "whole number"));
    CHECK(has_issue(issues, path, "line 3, column \"benefit_period\"", "first"));
    CHECK(has_issue(issues, path, "line 4, column \"household\"", "cohabiting"));
  }
  SECTION("a group no wave covers") {
    const std::string path =
        write_temp("nowave.csv", kRecipientsHeader + "A,insertion,0.5,0,22,single,0,5\n");
    const auto issues = issues_of([&] { read_benefit_recipients_csv(path, p.inflow.waves); });
    REQUIRE(issues.size() == 1);
    CHECK(has_issue(issues, path, "line 2, column \"unemployment_years\"", "/inflow/waves"));
  }
}

TEST_CASE("bad new-claims tables name the file, the line and the column of every problem") {
  const ModelParameters p = test::baseline_parameters();
  const std::string path =
      write_temp("claims.csv", kClaimsHeader +
                                   "A,2026-13,work,400,800,30,single,10\n"    // no such month
                                   "A,2026-02,work,400,800,30,single,10\n"    // before the rules
                                   "A,2026-05,work,200,800,30,single,10\n"    // no access
                                   "A,2026-05,work,400,300,30,single,10\n"    // career < 36 months
                                   "A,2026-05,insertion,0,0,22,single,-1\n"   // negative count
                                   "A,2026-05,insertion,0,0,22,single,3\n");  // fine
  const auto issues = issues_of([&] { read_new_claims_csv(path, p.inflow.new_claims); });
  CHECK(issues.size() == 5);
  CHECK(has_issue(issues, path, "line 2, column \"claim_month\"", "YYYY-MM"));
  CHECK(has_issue(issues, path, "line 3, column \"claim_month\"", "2026-03"));
  CHECK(has_issue(issues, path, "line 4, column \"work_days_36m\"", "at least 312"));
  CHECK(has_issue(issues, path, "line 5, column \"career_work_days\"", "work_days_36m"));
  CHECK(has_issue(issues, path, "line 6, column \"count\"", "whole number"));
}

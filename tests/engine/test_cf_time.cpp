// The month coordinate as CF time (engine/cf_time.hpp), against dates computed independently.
#include <catch2/catch.hpp>

#include "engine/cf_time.hpp"
#include "engine/scenario.hpp"

using namespace drempel;

TEST_CASE("days_from_civil counts days from 1970-01-01 in the proleptic Gregorian calendar",
          "[cf_time]") {
  CHECK(days_from_civil(1970, 1, 1) == 0);
  CHECK(days_from_civil(1969, 12, 31) == -1);
  CHECK(days_from_civil(2000, 3, 1) == 11017);  // date -d 2000-03-01 +%s / 86400
  CHECK(days_from_civil(2026, 1, 1) == 20454);  // date -d 2026-01-01 +%s / 86400
  CHECK(days_from_civil(1900, 3, 1) - days_from_civil(1900, 2, 1) == 28);  // 1900: no leap year
  CHECK(days_from_civil(2000, 3, 1) - days_from_civil(2000, 2, 1) == 29);  // 2000: a leap year
}

TEST_CASE("the month dimension holds the first day of each month since the start", "[cf_time]") {
  std::int32_t start = 0;
  REQUIRE(parse_month("2027-11", start));
  const DatasetDimension month = month_dimension(start, 5);
  CHECK(month.name == "month");
  CHECK(month.units == "days since 2027-11-01 00:00:00");
  CHECK(month.attributes.at("calendar") == "proleptic_gregorian");
  // 2027-11-01, 12-01 (+30), 2028-01-01 (+31), 02-01 (+31), 03-01 (+29, a leap year).
  CHECK(month.indices == std::vector<std::int32_t>{0, 30, 61, 92, 121});
  const DatasetLabels labels = month_label_variable(start, 5);
  CHECK(labels.values ==
        std::vector<std::string>{"2027-11", "2027-12", "2028-01", "2028-02", "2028-03"});
}

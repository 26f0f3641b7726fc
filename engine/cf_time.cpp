#include "engine/cf_time.hpp"

#include <string>

#include "engine/scenario.hpp"

namespace drempel {

std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) {
  // Howard Hinnant's days_from_civil (http://howardhinnant.github.io/date_algorithms.html): the
  // year is shifted to start in March, so the leap day is the last day of the shifted year.
  year -= month <= 2 ? 1 : 0;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const auto year_of_era = static_cast<unsigned>(year - era * 400);
  const unsigned day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + static_cast<std::int64_t>(day_of_era) - 719468;
}

namespace {

std::int64_t first_day(std::int32_t months_since_year_0) {
  return days_from_civil(months_since_year_0 / 12,
                         static_cast<unsigned>(months_since_year_0 % 12) + 1, 1);
}

}  // namespace

DatasetDimension month_dimension(std::int32_t start_month, std::int32_t months) {
  DatasetDimension d;
  d.name = "month";
  d.long_name = "simulated month (its first day; stocks are counted at its end)";
  d.units = "days since " + format_month(start_month) + "-01 00:00:00";
  d.attributes["calendar"] = "proleptic_gregorian";
  d.attributes["standard_name"] = "time";
  const std::int64_t origin = first_day(start_month);
  for (std::int32_t m = 0; m < months; ++m)
    d.indices.push_back(static_cast<std::int32_t>(first_day(start_month + m) - origin));
  return d;
}

DatasetLabels month_label_variable(std::int32_t start_month, std::int32_t months) {
  DatasetLabels label;
  label.name = "month_label";
  label.long_name = "calendar month, YYYY-MM";
  label.dim = "month";
  for (std::int32_t m = 0; m < months; ++m) label.values.push_back(format_month(start_month + m));
  return label;
}

}  // namespace drempel

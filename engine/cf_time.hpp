#pragma once
// The month dimension of Drempel's files as a CF time coordinate (CF conventions 1.10,
// section 4.4): the coordinate values are the first day of each simulated month as days since the
// first day of the start month, with `units = "days since YYYY-MM-01 00:00:00"` and a proleptic
// Gregorian calendar, so xarray (and R's ncdf4 with CFtime, and ncdump -t) read dates; a
// `month_label` variable keeps the "YYYY-MM" labels.
#include <cstdint>

#include "engine/dataset_hdf5.hpp"

namespace drempel {

/// Days from 1970-01-01 to the given date of the proleptic Gregorian calendar (negative before).
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day);

/// The `month` dimension for `months` months from `start_month` (months since year 0, as
/// parse_month gives): values 0, 31, 59, ... for a January start.
DatasetDimension month_dimension(std::int32_t start_month, std::int32_t months);

/// The `month_label(month)` variable: "YYYY-MM" for each month.
DatasetLabels month_label_variable(std::int32_t start_month, std::int32_t months);

}  // namespace drempel

#pragma once
// The planners' report on the reform inflow (`drempel inflow`): the central estimate, every
// replicate (parameter draws from their ranges and binomial counts), and per month and region
// the 5%-95% band, median, mean and the Monte-Carlo standard error of the mean; as a results
// dataset (docs/inflow-format.md), a CSV table and a console table.
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "engine/dataset_hdf5.hpp"
#include "models/inflow.hpp"
#include "models/parameters.hpp"

namespace drempel {

/// The version of the inflow file's layout (global attribute drempel_format_version).
inline constexpr std::int32_t kInflowFormatVersion = 2;

/// Everything `drempel inflow` computes for one scenario.
struct InflowReport {
  std::vector<std::string> region_names;
  std::vector<std::string> month_labels;
  InflowSeries central;           ///< central parameters, expected values
  std::vector<InflowDraw> draws;  ///< one per replicate
  std::vector<InflowSeries> replicates;
};

/// Runs the central estimate and p.replicates replicates (seed p.seed; replicate r uses the
/// streams of (seed, r), as `drempel run` does for its arrivals).
InflowReport run_inflow(const ModelParameters& p);

/// Summary of one quantity over replicates.
struct InflowBand {
  double central = 0;  ///< the central estimate (not a replicate)
  double mean = 0;
  double mc_se = 0;  ///< Monte-Carlo standard error of the mean: sd / sqrt(replicates)
  double p05 = 0, p50 = 0, p95 = 0;  ///< quantiles over replicates (linear interpolation)
};

/// The band of `values` (one per replicate, at least one) around `central`.
InflowBand inflow_band(std::vector<double> values, double central);

/// The band of one quantity in one month and region over the report's replicates; region -1
/// sums the regions in each replicate.
InflowBand band_at(const InflowReport& report, std::vector<double> InflowSeries::*series,
                   std::int32_t month, std::int32_t region);

/// The quantities reported per (month, region), in the order of the results file.
struct InflowQuantity {
  const char* name;
  const char* units;
  const char* long_name;
  std::vector<double> InflowSeries::*series;
};
extern const std::vector<InflowQuantity> kInflowQuantities;

/// The results dataset: every quantity per (replicate, month, region) and its summary per
/// (statistic, month, region); destinations; parameter ranges and draws; global attributes.
Dataset inflow_dataset(const InflowReport& report, const ModelParameters& p,
                       const std::string& scenario_json);

/// The long table month,region,quantity,central,mean,mc_se,p05,p50,p95 as CSV text (RFC 4180:
/// a region name with a comma or a quote is quoted), with a row per month for region "all",
/// summed per replicate.
std::string inflow_csv(const InflowReport& report);

/// Prints the monthly table summed over regions: losses, applications, awards, leefloon stock,
/// caseworker FTE needed and net cost, each central with the 5%-95% band.
void print_inflow_table(std::FILE* out, const InflowReport& report);

}  // namespace drempel

#include "analysis/inflow_report.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "analysis/replicate_stats.hpp"
#include "engine/cf_time.hpp"
#include "engine/csv_table.hpp"
#include "engine/random.hpp"
#include "engine/results_file.hpp"
#include "engine/version.hpp"

namespace drempel {
namespace {

constexpr const char* kStatisticNames[] = {"central", "mean", "mc_se", "p05", "p50", "p95"};

std::vector<double> statistics(const InflowBand& b) {
  return {b.central, b.mean, b.mc_se, b.p05, b.p50, b.p95};
}

// Values of one quantity in one cell over replicates; `region` -1 sums the regions.
std::vector<double> over_replicates(const InflowReport& report,
                                    std::vector<double> InflowSeries::*series, std::int32_t month,
                                    std::int32_t region) {
  std::vector<double> v;
  for (const auto& s : report.replicates) {
    double x = 0;
    for (std::int32_t g = 0; g < s.regions; ++g)
      if (region < 0 || g == region) x += (s.*series)[s.at(month, g)];
    v.push_back(x);
  }
  return v;
}

double central_of(const InflowReport& report, std::vector<double> InflowSeries::*series,
                  std::int32_t month, std::int32_t region) {
  const InflowSeries& s = report.central;
  double x = 0;
  for (std::int32_t g = 0; g < s.regions; ++g)
    if (region < 0 || g == region) x += (s.*series)[s.at(month, g)];
  return x;
}

}  // namespace

InflowBand band_at(const InflowReport& report, std::vector<double> InflowSeries::*series,
                   std::int32_t month, std::int32_t region) {
  return inflow_band(over_replicates(report, series, month, region),
                     central_of(report, series, month, region));
}

const std::vector<InflowQuantity> kInflowQuantities = {
    {"benefit_losses_waves", "month-1",
     "people already on benefits losing them in the transition waves", &InflowSeries::losses_waves},
    {"benefit_losses_new_claims", "month-1",
     "new-rule claims running out (claimants still unemployed)", &InflowSeries::losses_new_claims},
    {"applications", "month-1", "leefloon applications at the OCMW by reform losers",
     &InflowSeries::applications},
    {"awards", "month-1", "leefloon awards to reform losers (arrivals of drempel run)",
     &InflowSeries::awards},
    {"leefloon_stock", "1", "leefloon files of reform losers at the end of the month",
     &InflowSeries::leefloon_stock},
    {"caseworker_fte_needed", "1", "caseworker FTE needed for those files under the caseload norm",
     &InflowSeries::caseworker_fte_needed},
    {"cost_gross_eur", "EUR month-1", "leefloon paid to reform losers",
     &InflowSeries::cost_gross_eur},
    {"cost_net_eur", "EUR month-1",
     "leefloon cost to the OCMW after federal reimbursement and staff subsidy",
     &InflowSeries::cost_net_eur},
    {"lost_to_date", "1",
     "people who lost the benefit since the first loss (the destinations sum to this)",
     &InflowSeries::lost_to_date},
};

InflowReport run_inflow(const ModelParameters& p) {
  InflowReport report;
  for (const auto& g : p.regions) report.region_names.push_back(g.name);
  for (std::int32_t m = 0; m < p.months; ++m)
    report.month_labels.push_back(format_month(p.start_month + m));
  report.central = compute_inflow(p, central_inflow_draw(p.inflow), nullptr);
  for (std::int32_t r = 0; r < p.replicates; ++r) {
    const RandomStreams streams(p.seed, static_cast<std::uint32_t>(r));
    report.draws.push_back(draw_inflow_parameters(p.inflow, streams));
    report.replicates.push_back(compute_inflow(p, report.draws.back(), &streams));
  }
  return report;
}

InflowBand inflow_band(std::vector<double> values, double central) {
  if (values.empty()) throw std::invalid_argument("inflow_band: no replicates");
  InflowBand b;
  b.central = central;
  const auto n = static_cast<double>(values.size());
  double sum = 0;
  for (double v : values) sum += v;
  b.mean = sum / n;
  double ss = 0;
  for (double v : values) ss += (v - b.mean) * (v - b.mean);
  b.mc_se = values.size() > 1 ? std::sqrt(ss / (n - 1) / n) : 0.0;
  b.p05 = quantile(values, 0.05);
  b.p50 = quantile(values, 0.50);
  b.p95 = quantile(values, 0.95);
  return b;
}

Dataset inflow_dataset(const InflowReport& report, const ModelParameters& p,
                       const std::string& scenario_json) {
  Dataset d;
  const auto replicates = static_cast<std::int32_t>(report.replicates.size());
  const auto months = static_cast<std::int32_t>(report.month_labels.size());
  const auto regions = static_cast<std::int32_t>(report.region_names.size());
  {
    d.dimensions.push_back(index_dimension("replicate", "replicate run, 0-based", 0,
                                           static_cast<std::size_t>(replicates)));
    d.dimensions.push_back(month_dimension(p.start_month, months));
    d.dimensions.push_back({"region", "region (OCMW)", report.region_names, {}});
    d.dimensions.push_back({"statistic",
                            "summary over replicates",
                            {std::begin(kStatisticNames), std::end(kStatisticNames)},
                            {}});
    d.dimensions.push_back({"destination",
                            "where people who lost the benefit are",
                            {kDestinationNames.begin(), kDestinationNames.end()},
                            {}});
    d.dimensions.push_back({"parameter",
                            "uncertain inflow parameter",
                            {kInflowParameterNames.begin(), kInflowParameterNames.end()},
                            {}});
  }
  d.labels.push_back(month_label_variable(p.start_month, months));

  for (const InflowQuantity& q : kInflowQuantities) {
    DatasetVariable v{q.name, q.units, q.long_name, {"replicate", "month", "region"}, {}, {}};
    for (const auto& s : report.replicates) {
      const auto& values = s.*(q.series);
      v.real.insert(v.real.end(), values.begin(), values.end());
    }
    d.variables.push_back(std::move(v));
  }
  for (const InflowQuantity& q : kInflowQuantities) {
    DatasetVariable v{std::string(q.name) + "_summary",
                      q.units,
                      std::string(q.long_name) +
                          ": central estimate, mean, Monte-Carlo standard error of the mean, "
                          "5%, 50% and 95% quantiles over replicates",
                      {"statistic", "month", "region"},
                      {},
                      {}};
    v.real.assign(6 * static_cast<std::size_t>(months) * static_cast<std::size_t>(regions), 0.0);
    for (std::int32_t m = 0; m < months; ++m)
      for (std::int32_t g = 0; g < regions; ++g) {
        const auto stats = statistics(band_at(report, q.series, m, g));
        for (std::size_t k = 0; k < stats.size(); ++k)
          v.real[(k * static_cast<std::size_t>(months) + static_cast<std::size_t>(m)) *
                     static_cast<std::size_t>(regions) +
                 static_cast<std::size_t>(g)] = stats[k];
      }
    d.variables.push_back(std::move(v));
  }
  {
    DatasetVariable v{"destination_count",
                      "1",
                      "people who lost the benefit, by where they are at the end of the month",
                      {"replicate", "month", "region", "destination"},
                      {},
                      {}};
    for (const auto& s : report.replicates)
      v.real.insert(v.real.end(), s.destinations.begin(), s.destinations.end());
    d.variables.push_back(std::move(v));
    DatasetVariable c{"destination_count_central",
                      "1",
                      "people who lost the benefit, by destination: central estimate",
                      {"month", "region", "destination"},
                      report.central.destinations,
                      {}};
    d.variables.push_back(std::move(c));
  }
  {
    DatasetVariable draws{
        "parameter_draw",           "1", "value of each uncertain parameter per replicate",
        {"replicate", "parameter"}, {},  {}};
    for (const auto& x : report.draws) draws.real.insert(draws.real.end(), x.begin(), x.end());
    d.variables.push_back(std::move(draws));
    const char* names[] = {"parameter_low", "parameter_central", "parameter_high"};
    const char* words[] = {"lowest", "central (mode)", "highest"};
    for (int k = 0; k < 3; ++k) {
      DatasetVariable v{
          names[k],      "1", std::string(words[k]) + " value of the parameter's triangular range",
          {"parameter"}, {},  {}};
      for (const auto& u : p.inflow.uncertain)
        v.real.push_back(k == 0 ? u.low : k == 1 ? u.central : u.high);
      d.variables.push_back(std::move(v));
    }
  }
  // CF's auxiliary coordinate: xarray shows the YYYY-MM labels with every monthly variable.
  for (DatasetVariable& v : d.variables)
    if (std::find(v.dims.begin(), v.dims.end(), "month") != v.dims.end())
      v.attributes["coordinates"] = "month_label";
  set_file_attributes(d, "inflow", kInflowFormatVersion, scenario_json, format_month(p.start_month),
                      p.seed, replicates, kEngineVersion);
  return d;
}

std::string inflow_csv(const InflowReport& report) {
  std::ostringstream out;
  out.precision(10);
  out << "month,region,quantity,central,mean,mc_se,p05,p50,p95\n";
  const auto regions = static_cast<std::int32_t>(report.region_names.size());
  for (std::size_t m = 0; m < report.month_labels.size(); ++m)
    for (std::int32_t g = -1; g < regions; ++g)
      for (const InflowQuantity& q : kInflowQuantities) {
        const auto month = static_cast<std::int32_t>(m);
        const InflowBand b = band_at(report, q.series, month, g);
        out << report.month_labels[m] << ','
            << csv_field(g < 0 ? std::string("all")
                               : report.region_names[static_cast<std::size_t>(g)])
            << ',' << q.name;
        for (double v : statistics(b)) out << ',' << v;
        out << '\n';
      }
  return out.str();
}

void print_inflow_table(std::FILE* out, const InflowReport& report) {
  std::fprintf(out,
               "All regions; central estimate [5%%-95%% band over %zu replicates]\n"
               "%-7s %7s %6s %6s %18s %16s %26s\n",
               report.replicates.size(), "month", "losses", "apply", "award", "leefloon stock",
               "caseworker FTE", "net cost EUR/month");
  for (std::size_t m = 0; m < report.month_labels.size(); ++m) {
    const auto month = static_cast<std::int32_t>(m);
    auto band = [&](std::vector<double> InflowSeries::*series) {
      return band_at(report, series, month, -1);
    };
    const double losses = central_of(report, &InflowSeries::losses_waves, month, -1) +
                          central_of(report, &InflowSeries::losses_new_claims, month, -1);
    const InflowBand stock = band(&InflowSeries::leefloon_stock);
    const InflowBand fte = band(&InflowSeries::caseworker_fte_needed);
    const InflowBand net = band(&InflowSeries::cost_net_eur);
    std::fprintf(out,
                 "%-7s %7.0f %6.0f %6.0f %6.0f [%4.0f-%4.0f] %5.1f [%4.1f-%4.1f] %8.0f "
                 "[%7.0f-%7.0f]\n",
                 report.month_labels[m].c_str(), losses,
                 central_of(report, &InflowSeries::applications, month, -1),
                 central_of(report, &InflowSeries::awards, month, -1), stock.central, stock.p05,
                 stock.p95, fte.central, fte.p05, fte.p95, net.central, net.p05, net.p95);
  }
}

}  // namespace drempel

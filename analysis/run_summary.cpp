#include "analysis/run_summary.hpp"

#include "analysis/compare.hpp"
#include "analysis/replicate_stats.hpp"
#include "models/definitions.hpp"

namespace drempel {
namespace {

constexpr const char* kLastMonthMetrics[] = {"clients_active", "caseworker_fte_employed",
                                             "caseworker_hours_demanded",
                                             "caseworker_hours_supplied", "leefloon_spending_eur"};

void row(std::FILE* out, const Results& res, const std::string& label,
         const std::string& quantity) {
  const MeanInterval mi = mean_interval(quantity_values(res, quantity, res.months() - 1));
  if (res.replicates > 1)
    std::fprintf(out, "  %-34s %12.1f   [%10.1f, %10.1f]\n", label.c_str(), mi.mean, mi.low,
                 mi.high);
  else
    std::fprintf(out, "  %-34s %12.1f\n", label.c_str(), mi.mean);
}

void header(std::FILE* out, const Results& res, const std::string& title) {
  std::fprintf(out, "\n  %-34s %12s   %s\n", title.c_str(), "mean",
               res.replicates > 1 ? "95% CI of the mean" : "");
}

void print_one(std::FILE* out, const Results& res) {
  const std::string first = res.month_labels.front(), last = res.month_labels.back();
  if (res.replicates > 1)
    std::fprintf(out,
                 "mean over replicates with the 95%% confidence interval of that mean (t over %d "
                 "replicates; it narrows with more replicates and is not the spread of single "
                 "runs)\n",
                 res.replicates);
  header(out, res, "active clients at the end of " + last);
  for (const auto& stage : res.stage_names)
    if (!is_end_stage_name(stage)) row(out, res, stage, stage);
  header(out, res, "entered from " + first + " to " + last);
  for (const auto& stage : res.stage_names)
    if (is_end_stage_name(stage)) row(out, res, stage, "entered_" + stage);
  header(out, res, "in " + last + ", all regions");
  for (const char* name : kLastMonthMetrics)
    if (res.metric(name) != nullptr) row(out, res, name, name);
}

void print_sweep(std::FILE* out, const ResultsFile& file) {
  const Results& first = file.points.front();
  std::fprintf(out,
               "means over replicates; every point uses the same seed, so differences between "
               "points are paired (drempel compare FILE --base-point A --variant-point B gives "
               "their intervals)\n\n");
  std::fprintf(out, "  %-40s %12s %14s %14s %16s\n", "sweep point", "active", "entered work",
               "hours given", "leefloon EUR");
  std::fprintf(out, "  %-40s %12s %14s %14s %16s\n", "",
               ("end " + first.month_labels.back()).c_str(), "whole run", "last month",
               "last month");
  for (std::size_t p = 0; p < file.points.size(); ++p) {
    const Results& res = file.points[p];
    const int last = res.months() - 1;
    const auto mean = [&](const std::string& q) {
      return mean_interval(quantity_values(res, q, last)).mean;
    };
    std::fprintf(out, "  %-40s %12.1f %14.1f %14.1f %16.0f\n", file.point_names[p].c_str(),
                 mean("clients_active"), mean("entered_employed"),
                 mean("caseworker_hours_supplied"), mean("leefloon_spending_eur"));
  }
}

}  // namespace

void print_run_summary(std::FILE* out, const ResultsFile& file, const std::string& path) {
  const Results& first = file.points.front();
  std::fprintf(out, "%s: %d replicate(s), %d months (%s to %s), %d region(s), seed %llu",
               path.c_str(), first.replicates, first.months(), first.month_labels.front().c_str(),
               first.month_labels.back().c_str(), first.regions(),
               static_cast<unsigned long long>(first.seed));
  if (file.is_sweep()) std::fprintf(out, ", %zu sweep points", file.points.size());
  std::fprintf(out, "\n");
  if (file.is_sweep())
    print_sweep(out, file);
  else
    print_one(out, first);
}

}  // namespace drempel

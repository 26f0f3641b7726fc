#pragma once
// Statistics over replicates: the mean with a t confidence interval for it (how precisely the
// replicates pin down the expected value), paired and unpaired differences of two sets of
// replicates, and quantiles (how far single replicates spread). Every printed interval says which
// of the two it is (docs/results-format.md, "Intervals").
#include <span>
#include <vector>

namespace drempel {

struct MeanInterval {
  double mean = 0;
  double low = 0;   ///< lower end of the confidence interval of the mean (== mean with one value)
  double high = 0;  ///< upper end
  double sd = 0;    ///< sample standard deviation (0 with one value)
  double df = 0;    ///< degrees of freedom of the t quantile (0 with one value)
};

/// The `p` quantile of Student's t with `df` > 0 degrees of freedom (Boost.Math; df need not be
/// whole, for Welch's test). Throws std::invalid_argument for df <= 0 or p outside (0, 1).
double student_t_quantile(double p, double df);

/// Mean of `values` and the t-based `confidence` interval for it (default 95%). Throws
/// std::invalid_argument when empty.
MeanInterval mean_interval(std::span<const double> values, double confidence = 0.95);

/// The difference variant - base, replicate by replicate (same random numbers): its mean and
/// the t interval over the n differences (n - 1 degrees of freedom). Throws
/// std::invalid_argument when the sizes differ or are 0.
MeanInterval paired_difference(std::span<const double> base, std::span<const double> variant,
                               double confidence = 0.95);

/// The difference of the means variant - base of two independent sets of replicates (different
/// random numbers), with Welch's t interval (Welch-Satterthwaite degrees of freedom). Throws
/// std::invalid_argument when a set is empty; with one value in a set the interval is empty.
MeanInterval unpaired_difference(std::span<const double> base, std::span<const double> variant,
                                 double confidence = 0.95);

/// The `p` quantile of `values` (linear interpolation between order statistics, numpy's default
/// and R's type 7). Throws std::invalid_argument when empty or p is outside [0, 1].
double quantile(std::vector<double> values, double p);

}  // namespace drempel

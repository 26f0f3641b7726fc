#pragma once
// Statistics over replicates: mean and a 95% confidence interval for the mean.
#include <span>

namespace drempel {

struct MeanInterval {
  double mean = 0;
  double low = 0;   ///< lower end of the 95% interval (== mean with one replicate)
  double high = 0;  ///< upper end
  double sd = 0;    ///< sample standard deviation (0 with one replicate)
};

/// Two-sided 97.5% quantile of Student's t with `df` degrees of freedom (df >= 1); exact table
/// values for df <= 30, a Cornish-Fisher expansion above (error < 1e-4).
double student_t_975(int df);

/// Mean of `values` and the t-based 95% interval for it. Throws std::invalid_argument when empty.
MeanInterval mean_interval(std::span<const double> values);

}  // namespace drempel

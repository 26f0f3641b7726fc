#include "analysis/replicate_stats.hpp"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace drempel {
namespace {

struct Moments {
  double n = 0, mean = 0, variance = 0;  // sample variance (n - 1)
};

Moments moments(std::span<const double> values) {
  Moments m;
  m.n = static_cast<double>(values.size());
  double sum = 0;
  for (double v : values) sum += v;
  m.mean = sum / m.n;
  double ss = 0;
  for (double v : values) ss += (v - m.mean) * (v - m.mean);
  m.variance = values.size() > 1 ? ss / (m.n - 1) : 0.0;
  return m;
}

void check_confidence(double confidence) {
  if (!(confidence > 0 && confidence < 1))
    throw std::invalid_argument("confidence must be in (0, 1)");
}

MeanInterval interval(double mean, double se, double df, double sd, double confidence) {
  MeanInterval out;
  out.mean = mean;
  out.sd = sd;
  out.low = out.high = mean;
  if (!(df > 0)) return out;
  out.df = df;
  const double half = se > 0 ? student_t_quantile(0.5 + confidence / 2, df) * se : 0.0;
  out.low = mean - half;
  out.high = mean + half;
  return out;
}

}  // namespace

double student_t_quantile(double p, double df) {
  if (!(df > 0)) throw std::invalid_argument("student_t_quantile: df must be > 0");
  if (!(p > 0 && p < 1)) throw std::invalid_argument("student_t_quantile: p must be in (0, 1)");
  return boost::math::quantile(boost::math::students_t(df), p);
}

MeanInterval mean_interval(std::span<const double> values, double confidence) {
  if (values.empty()) throw std::invalid_argument("mean_interval: no values");
  check_confidence(confidence);
  const Moments m = moments(values);
  const double sd = std::sqrt(m.variance);
  return interval(m.mean, sd / std::sqrt(m.n), m.n - 1, sd, confidence);
}

MeanInterval paired_difference(std::span<const double> base, std::span<const double> variant,
                               double confidence) {
  if (base.empty() || base.size() != variant.size())
    throw std::invalid_argument("paired_difference: the sets must have one value per replicate");
  std::vector<double> d(base.size());
  for (std::size_t r = 0; r < base.size(); ++r) d[r] = variant[r] - base[r];
  return mean_interval(d, confidence);
}

MeanInterval unpaired_difference(std::span<const double> base, std::span<const double> variant,
                                 double confidence) {
  if (base.empty() || variant.empty())
    throw std::invalid_argument("unpaired_difference: a set has no values");
  check_confidence(confidence);
  const Moments a = moments(base);
  const Moments b = moments(variant);
  const double va = a.variance / a.n, vb = b.variance / b.n;
  const double se = std::sqrt(va + vb);
  double df = 0;
  if (a.n > 1 && b.n > 1)
    df = se > 0 ? (va + vb) * (va + vb) / (va * va / (a.n - 1) + vb * vb / (b.n - 1))
                : a.n + b.n - 2;
  return interval(b.mean - a.mean, se, df, std::sqrt(a.variance + b.variance), confidence);
}

double quantile(std::vector<double> values, double p) {
  if (values.empty()) throw std::invalid_argument("quantile: no values");
  if (!(p >= 0 && p <= 1)) throw std::invalid_argument("quantile: p must be in [0, 1]");
  std::sort(values.begin(), values.end());
  const double position = p * static_cast<double>(values.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, values.size() - 1);
  return values[below] + (position - static_cast<double>(below)) * (values[above] - values[below]);
}

}  // namespace drempel

#include "analysis/sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "analysis/analysis_streams.hpp"
#include "engine/random.hpp"

namespace drempel {
namespace {

void check_factors(const std::vector<SensitivityFactor>& factors) {
  if (factors.empty()) throw std::invalid_argument("sensitivity: no factors");
  for (const auto& f : factors)
    if (!(f.high > f.low))
      throw std::invalid_argument("sensitivity: factor '" + f.name + "' needs high > low");
}

std::vector<double> evaluate(const BatchModel& model,
                             const std::vector<std::vector<double>>& points) {
  std::vector<double> out = model(points);
  if (out.size() != points.size())
    throw std::invalid_argument("sensitivity: the model returned " + std::to_string(out.size()) +
                                " outputs for " + std::to_string(points.size()) + " points");
  return out;
}

double scaled(const SensitivityFactor& f, double u) {
  return f.low + u * (f.high - f.low);
}

// The estimators over rows `rows` of the design (a bootstrap resample, or every row).
struct Estimate {
  std::vector<double> first, total;
};
Estimate estimate(const std::vector<double>& fa, const std::vector<double>& fb,
                  const std::vector<std::vector<double>>& fab, const std::vector<std::size_t>& rows,
                  double& variance) {
  double mean = 0, square = 0;
  for (const std::size_t r : rows) {
    mean += fa[r] + fb[r];
    square += fa[r] * fa[r] + fb[r] * fb[r];
  }
  const double n2 = 2.0 * static_cast<double>(rows.size());
  mean /= n2;
  variance = square / n2 - mean * mean;
  Estimate e;
  for (const auto& f : fab) {
    double first = 0, total = 0;
    for (const std::size_t r : rows) {
      first += fb[r] * (f[r] - fa[r]);
      total += (fa[r] - f[r]) * (fa[r] - f[r]);
    }
    const double n = static_cast<double>(rows.size());
    e.first.push_back(first / n / variance);
    e.total.push_back(total / n / (2.0 * variance));
  }
  return e;
}

// The 2.5% and 97.5% percentiles (linear interpolation) of `v`.
std::pair<double, double> percentile_interval(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const auto at = [&](double q) {
    const double pos = q * static_cast<double>(v.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const std::size_t hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
  };
  return {at(0.025), at(0.975)};
}

}  // namespace

SobolIndices sobol_indices(const std::vector<SensitivityFactor>& factors, std::size_t n,
                           const BatchModel& model, std::uint64_t seed, std::size_t bootstrap) {
  check_factors(factors);
  if (n < 2) throw std::invalid_argument("sensitivity: Sobol indices need n >= 2 rows");
  const std::size_t k = factors.size();
  const RandomStreams streams = analysis_streams(seed);
  // Row r of A uses factor i's word from draw i, of B from draw k + i.
  const auto unit = [&](std::size_t r, std::size_t column) {
    const RandomWords w = streams.words(static_cast<std::uint32_t>(r), 0, kStreamSobolDesign,
                                        static_cast<std::uint16_t>(column / 4));
    return to_unit(w[column % 4]);
  };
  std::vector<std::vector<double>> a(n, std::vector<double>(k)), b = a;
  for (std::size_t r = 0; r < n; ++r)
    for (std::size_t i = 0; i < k; ++i) {
      a[r][i] = scaled(factors[i], unit(r, i));
      b[r][i] = scaled(factors[i], unit(r, k + i));
    }
  // One batch: A, B, then A_B^i for every i.
  std::vector<std::vector<double>> points = a;
  points.insert(points.end(), b.begin(), b.end());
  for (std::size_t i = 0; i < k; ++i)
    for (std::size_t r = 0; r < n; ++r) {
      points.push_back(a[r]);
      points.back()[i] = b[r][i];
    }
  const std::vector<double> out = evaluate(model, points);
  const std::vector<double> fa(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(n));
  const std::vector<double> fb(out.begin() + static_cast<std::ptrdiff_t>(n),
                               out.begin() + static_cast<std::ptrdiff_t>(2 * n));
  std::vector<std::vector<double>> fab;
  for (std::size_t i = 0; i < k; ++i) {
    const auto begin = out.begin() + static_cast<std::ptrdiff_t>((2 + i) * n);
    fab.emplace_back(begin, begin + static_cast<std::ptrdiff_t>(n));
  }
  std::vector<std::size_t> rows(n);
  std::iota(rows.begin(), rows.end(), 0);
  SobolIndices s;
  const Estimate all = estimate(fa, fb, fab, rows, s.variance);
  if (!(s.variance > 0)) throw std::domain_error("sensitivity: the output does not vary");
  s.first = all.first;
  s.total = all.total;
  s.evaluations = out.size();
  std::vector<std::vector<double>> first(k), total(k);
  for (std::size_t rep = 0; rep < bootstrap; ++rep) {
    for (std::size_t j = 0; j < n; ++j) {
      const RandomWords w = streams.words(static_cast<std::uint32_t>(j),
                                          static_cast<std::uint32_t>(rep), kStreamSobolBootstrap);
      rows[j] = static_cast<std::size_t>(to_unit(w[0]) * static_cast<double>(n));
    }
    double v = 0;
    const Estimate e = estimate(fa, fb, fab, rows, v);
    if (!(v > 0)) continue;
    for (std::size_t i = 0; i < k; ++i) {
      first[i].push_back(e.first[i]);
      total[i].push_back(e.total[i]);
    }
  }
  for (std::size_t i = 0; i < k; ++i) {
    const auto [fl, fh] =
        first[i].empty() ? std::pair{s.first[i], s.first[i]} : percentile_interval(first[i]);
    const auto [tl, th] =
        total[i].empty() ? std::pair{s.total[i], s.total[i]} : percentile_interval(total[i]);
    s.first_low.push_back(fl);
    s.first_high.push_back(fh);
    s.total_low.push_back(tl);
    s.total_high.push_back(th);
  }
  return s;
}

MorrisEffects morris_effects(const std::vector<SensitivityFactor>& factors,
                             std::size_t trajectories, std::size_t levels, const BatchModel& model,
                             std::uint64_t seed) {
  check_factors(factors);
  if (trajectories < 2) throw std::invalid_argument("sensitivity: Morris needs 2 trajectories");
  if (levels < 2 || levels % 2 != 0)
    throw std::invalid_argument("sensitivity: Morris needs an even number of levels >= 2");
  const std::size_t k = factors.size();
  const double step = static_cast<double>(levels) / (2.0 * static_cast<double>(levels - 1));
  const RandomStreams streams = analysis_streams(seed);
  // Each trajectory: a base point on the grid levels 0 .. levels/2 - 1 (so + step stays inside),
  // a random order of the factors and a random direction (+ or - step) for each.
  std::vector<std::vector<double>> points;
  std::vector<std::vector<std::size_t>> order(trajectories);
  std::vector<std::vector<double>> sign(trajectories);
  for (std::size_t t = 0; t < trajectories; ++t) {
    const auto word = [&](std::size_t j) {
      return streams.words(static_cast<std::uint32_t>(t), static_cast<std::uint32_t>(j / 4),
                           kStreamMorris)[j % 4];
    };
    std::vector<double> x(k);
    for (std::size_t i = 0; i < k; ++i) {
      const auto level =
          static_cast<std::size_t>(to_unit(word(i)) * static_cast<double>(levels / 2));
      x[i] = static_cast<double>(level) / static_cast<double>(levels - 1);
    }
    order[t].resize(k);
    std::iota(order[t].begin(), order[t].end(), 0);
    for (std::size_t i = k; i > 1; --i)  // Fisher-Yates
      std::swap(order[t][i - 1],
                order[t][static_cast<std::size_t>(to_unit(word(k + i)) * static_cast<double>(i))]);
    sign[t].resize(k);
    for (std::size_t i = 0; i < k; ++i) {
      // Going down from a point in the lower half needs it moved up first: start at x + step.
      const bool down = to_unit(word(2 * k + 1 + i)) < 0.5;
      sign[t][i] = down ? -1.0 : 1.0;
      if (down) x[i] += step;
    }
    const auto scaled_point = [&](const std::vector<double>& u) {
      std::vector<double> p(k);
      for (std::size_t i = 0; i < k; ++i) p[i] = scaled(factors[i], u[i]);
      return p;
    };
    points.push_back(scaled_point(x));
    for (const std::size_t i : order[t]) {
      x[i] += sign[t][i] * step;
      points.push_back(scaled_point(x));
    }
  }
  const std::vector<double> out = evaluate(model, points);
  std::vector<std::vector<double>> effects(k);
  for (std::size_t t = 0; t < trajectories; ++t)
    for (std::size_t j = 0; j < k; ++j) {
      const std::size_t i = order[t][j];
      const double before = out[t * (k + 1) + j], after = out[t * (k + 1) + j + 1];
      effects[i].push_back((after - before) / (sign[t][i] * step));
    }
  MorrisEffects m;
  m.evaluations = out.size();
  for (std::size_t i = 0; i < k; ++i) {
    const auto& e = effects[i];
    const double count = static_cast<double>(e.size());
    double mean = 0, abs_mean = 0;
    for (const double v : e) {
      mean += v;
      abs_mean += std::fabs(v);
    }
    mean /= count;
    abs_mean /= count;
    double var = 0;
    for (const double v : e) var += (v - mean) * (v - mean);
    m.mu.push_back(mean);
    m.mu_star.push_back(abs_mean);
    m.sigma.push_back(std::sqrt(var / (count - 1)));
  }
  return m;
}

}  // namespace drempel

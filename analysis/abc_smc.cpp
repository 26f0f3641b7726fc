#include "analysis/abc_smc.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <numeric>
#include <stdexcept>

#include "analysis/analysis_streams.hpp"
#include "engine/random.hpp"

namespace drempel {
namespace {

using Matrix = Eigen::MatrixXd;
using Vector = Eigen::VectorXd;

struct Proposal {
  std::vector<double> theta;
  bool in_box = false;
  std::optional<Vector> moments;
};

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
  std::nth_element(v.begin(), mid, v.end());
  return *mid;
}

// Each moment's median absolute deviation over the simulations (its standard deviation where the
// deviation is 0, and 1 where that is 0 too), so that no moment weighs by its units alone.
Vector moment_scale(const std::vector<Vector>& simulated, Eigen::Index k) {
  Vector scale(k);
  for (Eigen::Index i = 0; i < k; ++i) {
    std::vector<double> x;
    for (const auto& m : simulated) x.push_back(m(i));
    const double mid = median(x);
    std::vector<double> dev;
    double sum = 0, sum2 = 0;
    for (double v : x) dev.push_back(std::abs(v - mid)), sum += v, sum2 += v * v;
    double s = median(dev);
    if (!(s > 0) && x.size() > 1) {
      const double n = static_cast<double>(x.size());
      s = std::sqrt(std::max(0.0, (sum2 - sum * sum / n) / (n - 1)));
    }
    scale(i) = s > 0 ? s : 1;
  }
  return scale;
}

double distance(const Vector& m, const Vector& data, const Vector& scale) {
  return ((m - data).array() / scale.array()).matrix().norm();
}

struct Run {
  const std::vector<std::pair<double, double>>* box;
  const Vector* data;
  const AbcSimulator* simulate;
  const AbcSettings* s;
  const std::function<void(int, int)>* progress;
  int total_simulations = 0;
  int budget = 0;
};

bool inside(const Run& run, const std::vector<double>& theta) {
  for (std::size_t i = 0; i < theta.size(); ++i)
    if (theta[i] < (*run.box)[i].first || theta[i] > (*run.box)[i].second) return false;
  return true;
}

// A proposal of generation `g` with index `j`: from the prior in generation 0, else a parent
// picked by weight and moved by the kernel (redrawn, up to 100 times, until inside the box).
Proposal propose(const Run& run, int g, std::uint32_t j, const AbcGeneration* previous,
                 const Vector& cumulative, const Matrix& kernel_root) {
  const RandomStreams streams = analysis_streams(run.s->seed);
  const auto p = run.box->size();
  Proposal out;
  out.theta.resize(p);
  const auto month = static_cast<std::uint32_t>(g);
  if (!previous) {
    for (std::size_t i = 0; i < p; ++i) {
      const double u =
          to_unit(streams.words(j, month, kStreamAbcPrior, static_cast<std::uint16_t>(i))[0]);
      out.theta[i] = (*run.box)[i].first + u * ((*run.box)[i].second - (*run.box)[i].first);
    }
    out.in_box = true;
    return out;
  }
  for (std::uint16_t attempt = 0; attempt < 100 && !out.in_box; ++attempt) {
    const double u = to_unit(streams.words(j, month, kStreamAbcPick, attempt)[0]);
    const auto parent = static_cast<Eigen::Index>(std::min<std::ptrdiff_t>(
        std::upper_bound(cumulative.data(), cumulative.data() + cumulative.size(), u) -
            cumulative.data(),
        cumulative.size() - 1));
    Vector z(static_cast<Eigen::Index>(p));
    for (std::size_t i = 0; i < p; i += 2) {
      const auto [a, b] = standard_normals(streams.words(
          j, month, kStreamAbcMove, static_cast<std::uint16_t>(attempt * 64 + i / 2)));
      z(static_cast<Eigen::Index>(i)) = a;
      if (i + 1 < p) z(static_cast<Eigen::Index>(i + 1)) = b;
    }
    const Vector theta = previous->particles.row(parent).transpose() + kernel_root * z;
    out.theta.assign(theta.data(), theta.data() + theta.size());
    out.in_box = inside(run, out.theta);
  }
  return out;
}

// Simulates proposals [first, first + n) of generation g in parallel.
std::vector<Proposal> simulate_batch(Run& run, int g, std::uint32_t first, int n,
                                     const AbcGeneration* previous, const Vector& cumulative,
                                     const Matrix& kernel_root) {
  std::vector<Proposal> batch(static_cast<std::size_t>(n));
  tbb::parallel_for(0, n, [&](int b) {
    const auto j = first + static_cast<std::uint32_t>(b);
    Proposal pr = propose(run, g, j, previous, cumulative, kernel_root);
    if (pr.in_box) pr.moments = (*run.simulate)(pr.theta, (std::uint64_t(g) << 32) | j);
    batch[static_cast<std::size_t>(b)] = std::move(pr);
  });
  for (const auto& pr : batch) run.total_simulations += pr.in_box ? 1 : 0;
  if (*run.progress) (*run.progress)(run.total_simulations, run.budget);
  return batch;
}

Matrix weighted_covariance(const AbcGeneration& g) {
  const Vector mean = g.particles.transpose() * g.weights;
  const Matrix centred = g.particles.rowwise() - mean.transpose();
  return centred.transpose() * g.weights.asDiagonal() * centred;
}

// What the next generation needs of the last one: its accepted particles' moments and every
// moment it simulated (for the scaling).
struct Population {
  std::vector<Vector> accepted_moments, simulated;
};

// The proposal kernel: cumulative weights to pick a parent, and the normal move's root.
struct Kernel {
  Vector cumulative;
  Matrix root;
};

struct Accepted {
  std::vector<std::vector<double>> thetas;
  std::vector<Vector> moments;
  std::vector<double> distances;
};

Matrix kernel_covariance(const AbcGeneration& g) {
  const auto p = g.particles.cols();
  return 2 * weighted_covariance(g) + 1e-12 * Matrix::Identity(p, p);
}

// The new generation's scaling and tolerance from the last one, and the kernel.
AbcGeneration start_generation(const Run& run, const AbcGeneration* previous,
                               const Population& population, Kernel& kernel) {
  AbcGeneration gen;
  gen.epsilon = std::numeric_limits<double>::infinity();
  if (!previous) return gen;
  const Vector& data = *run.data;
  gen.scale = moment_scale(population.simulated, data.size());
  Vector d(previous->particles.rows());
  for (Eigen::Index k = 0; k < d.size(); ++k)
    d(k) = distance(population.accepted_moments[static_cast<std::size_t>(k)], data, gen.scale);
  gen.epsilon = weighted_quantile(d, previous->weights, run.s->quantile);
  kernel.cumulative.resize(previous->weights.size());
  std::partial_sum(previous->weights.data(), previous->weights.data() + previous->weights.size(),
                   kernel.cumulative.data());
  kernel.root = Eigen::LLT<Matrix>(kernel_covariance(*previous)).matrixL();
  return gen;
}

// Simulates batches of proposals and accepts them in index order until `particles` are in.
Accepted accept(Run& run, int g, const AbcGeneration* previous, const Kernel& kernel,
                AbcGeneration& gen, Population& population) {
  const AbcSettings& s = *run.s;
  const int batch = s.batch > 0 ? s.batch : s.particles;
  Accepted out;
  population.simulated.clear();
  std::uint32_t next = 0;
  int judged = 0;  // proposals simulated and compared, up to the last one accepted
  while (static_cast<int>(out.thetas.size()) < s.particles &&
         run.total_simulations < s.max_simulations) {
    const auto proposals =
        simulate_batch(run, g, next, batch, previous, kernel.cumulative, kernel.root);
    next += static_cast<std::uint32_t>(batch);
    for (const auto& pr : proposals) {
      if (!pr.in_box) continue;  // never simulated
      ++gen.simulations;
      if (!pr.moments) {
        judged += static_cast<int>(out.thetas.size()) < s.particles;
        continue;
      }
      population.simulated.push_back(*pr.moments);
      if (static_cast<int>(out.thetas.size()) >= s.particles) continue;  // simulated, not needed
      ++judged;
      const double d = previous ? distance(*pr.moments, *run.data, gen.scale) : 0;
      if (previous && !(d < gen.epsilon)) continue;
      out.thetas.push_back(pr.theta);
      out.moments.push_back(*pr.moments);
      out.distances.push_back(d);
    }
  }
  gen.acceptance = judged > 0 ? static_cast<double>(out.thetas.size()) / judged : 0;
  return out;
}

// Particles, importance weights (the uniform prior is constant in the box), ESS, acceptance.
void finish_generation(const Accepted& a, const AbcGeneration* previous, AbcGeneration& gen) {
  const auto n = static_cast<Eigen::Index>(a.thetas.size());
  const auto p = static_cast<Eigen::Index>(a.thetas.front().size());
  gen.particles.resize(n, p);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index k = 0; k < p; ++k)
      gen.particles(i, k) = a.thetas[static_cast<std::size_t>(i)][static_cast<std::size_t>(k)];
  gen.distances = Eigen::Map<const Vector>(a.distances.data(), n);
  gen.weights = Vector::Constant(n, 1.0 / static_cast<double>(n));
  if (previous) {
    // w_i = 1 / sum_k W_k exp(-q_ik / 2), in logarithms so that far proposals do not underflow.
    const Matrix inverse = kernel_covariance(*previous).ldlt().solve(Matrix::Identity(p, p));
    Vector log_w(n);
    for (Eigen::Index i = 0; i < n; ++i) {
      Vector terms(previous->particles.rows());
      for (Eigen::Index k = 0; k < terms.size(); ++k) {
        const Vector dx = (gen.particles.row(i) - previous->particles.row(k)).transpose();
        terms(k) = std::log(previous->weights(k)) - 0.5 * dx.dot(inverse * dx);
      }
      const double top = terms.maxCoeff();
      log_w(i) = -(top + std::log((terms.array() - top).exp().sum()));
    }
    gen.weights = (log_w.array() - log_w.maxCoeff()).exp().matrix();
    gen.weights /= gen.weights.sum();
  }
  gen.ess = 1 / gen.weights.squaredNorm();
}

void summarise(const std::vector<std::pair<double, double>>& box, AbcResult& r) {
  const AbcGeneration& last = r.generations.back();
  const auto p = static_cast<Eigen::Index>(box.size());
  r.mean = last.particles.transpose() * last.weights;
  r.sd = weighted_covariance(last).diagonal().cwiseSqrt();
  r.low.resize(p);
  r.high.resize(p);
  for (Eigen::Index i = 0; i < p; ++i) {
    r.low(i) = weighted_quantile(last.particles.col(i), last.weights, 0.05);
    r.high(i) = weighted_quantile(last.particles.col(i), last.weights, 0.95);
  }
}

}  // namespace

double weighted_quantile(const Eigen::VectorXd& values, const Eigen::VectorXd& weights, double q) {
  std::vector<Eigen::Index> order(static_cast<std::size_t>(values.size()));
  for (Eigen::Index i = 0; i < values.size(); ++i) order[static_cast<std::size_t>(i)] = i;
  std::sort(order.begin(), order.end(),
            [&](Eigen::Index a, Eigen::Index b) { return values(a) < values(b); });
  double cumulative = 0;
  for (const auto i : order) {
    cumulative += weights(i);
    if (cumulative >= q - 1e-12) return values(i);
  }
  return values(order.back());
}

AbcResult abc_smc(const std::vector<std::pair<double, double>>& box, const Eigen::VectorXd& data,
                  const AbcSimulator& simulate, const AbcSettings& s,
                  const std::function<void(int, int)>& progress) {
  if (box.empty() || s.particles < 10 || s.generations < 0 || !(s.quantile > 0 && s.quantile < 1))
    throw std::invalid_argument("abc_smc: settings out of range");
  Run run{&box, &data, &simulate, &s, &progress, 0, s.max_simulations};
  AbcResult result;
  Population population;
  for (int g = 0; g <= s.generations; ++g) {
    const AbcGeneration* previous = g == 0 ? nullptr : &result.generations.back();
    Kernel kernel;
    AbcGeneration gen = start_generation(run, previous, population, kernel);
    const Accepted accepted = accept(run, g, previous, kernel, gen, population);
    if (static_cast<int>(accepted.thetas.size()) < s.particles) {
      if (!previous)
        throw std::runtime_error(
            "abc_smc: the prior's box gave fewer valid points than particles "
            "within the simulation budget");
      result.warnings.push_back("stopped in generation " + std::to_string(g) +
                                ": the simulation budget ran out");
      break;
    }
    finish_generation(accepted, previous, gen);
    population.accepted_moments = accepted.moments;
    result.generations.push_back(std::move(gen));
    if (previous && result.generations.back().acceptance < s.min_acceptance) {
      result.warnings.push_back("stopped after generation " + std::to_string(g) +
                                ": acceptance fell below the minimum");
      break;
    }
  }
  summarise(box, result);
  return result;
}

}  // namespace drempel

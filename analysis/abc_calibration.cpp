#include "analysis/abc_calibration.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "analysis/analysis_streams.hpp"
#include "analysis/study_support.hpp"
#include "engine/input_error.hpp"
#include "engine/parallel.hpp"
#include "engine/random.hpp"
#include "engine/scenario.hpp"
#include "engine/version.hpp"
#include "models/parameters.hpp"
#include "models/run.hpp"

namespace drempel {
namespace {

// A proposal's own scenario seed: splitmix64 of the key and the ABC seed, kept below 2^53 so that
// the scenario's JSON holds it exactly.
std::uint64_t proposal_seed(std::uint64_t key, std::uint64_t seed) {
  std::uint64_t z = key + 0x9e3779b97f4a7c15ull * (seed + 1);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return (z ^ (z >> 31)) >> 11;
}

}  // namespace

AbcResult fit_abc(const MomentsCalibration& c, int threads,
                  const std::function<void(int, int)>& progress) {
  std::vector<std::pair<double, double>> box;
  for (const auto& p : c.parameters) box.emplace_back(p.low, p.high);
  const Eigen::MatrixXd noise_root = Eigen::LLT<Eigen::MatrixXd>(c.data_covariance).matrixL();
  const auto k = c.data.size();
  const AbcSimulator simulate = [&](const std::vector<double>& theta,
                                    std::uint64_t key) -> std::optional<Eigen::VectorXd> {
    // Each proposal its own seed: ABC needs the model's randomness, not common random numbers.
    const SimulatedMoments sm = simulate_moments(
        c, theta, 0, {"/seed=" + std::to_string(proposal_seed(key, c.abc_settings.seed))});
    if (!sm.feasible) return std::nullopt;  // outside the cross-field rules, or a moment undefined
    // The data's sampling error, from the analysis's streams (never the model's), addressed by
    // the proposal's key.
    const RandomStreams streams = analysis_streams(c.abc_settings.seed);
    Eigen::VectorXd z(k);
    for (Eigen::Index i = 0; i < k; ++i)
      z(i) = standard_normals(streams.words(static_cast<std::uint32_t>(key),
                                            static_cast<std::uint32_t>(key >> 32), kStreamAbcNoise,
                                            static_cast<std::uint16_t>(i)))
                 .first;
    return Eigen::VectorXd(sm.mean + noise_root * z);
  };
  ThreadLimit limit(threads);
  return limit.execute([&] { return abc_smc(box, c.data, simulate, c.abc_settings, progress); });
}

std::string format_abc(const MomentsCalibration& c, const AbcResult& r) {
  std::ostringstream out;
  char line[512];
  int simulations = 0;
  for (const auto& g : r.generations) simulations += g.simulations;
  std::snprintf(line, sizeof line,
                "ABC-SMC: %zu parameters, %zu moments from %s; %d replicates per simulation, "
                "%d particles, %zu generations, %d simulations\n\n",
                c.parameters.size(), c.moments.size(), c.data_path.c_str(), c.replicates,
                c.abc_settings.particles, r.generations.size(), simulations);
  out << line;
  std::size_t width = 9;
  for (const auto& p : c.parameters) width = std::max(width, p.pointer.size());
  const int w = static_cast<int>(width);
  std::snprintf(line, sizeof line, "%-*s  %11s  %11s  %11s  %11s\n", w, "parameter", "post. mean",
                "post. sd", "5%", "95%");
  out << line;
  for (std::size_t i = 0; i < c.parameters.size(); ++i) {
    const auto e = static_cast<Eigen::Index>(i);
    std::snprintf(line, sizeof line, "%-*s  %11.5g  %11.4g  %11.5g  %11.5g\n", w,
                  c.parameters[i].pointer.c_str(), r.mean(e), r.sd(e), r.low(e), r.high(e));
    out << line;
  }
  out << "\ngeneration  tolerance  simulations  acceptance     ESS\n";
  for (std::size_t g = 0; g < r.generations.size(); ++g) {
    const auto& gen = r.generations[g];
    std::snprintf(line, sizeof line, "%10zu  %9.4g  %11d  %10.3f  %6.1f\n", g, gen.epsilon,
                  gen.simulations, gen.acceptance, gen.ess);
    out << line;
  }
  out << "(tolerance: on moments scaled by their median absolute deviation; ESS: effective "
         "sample size of the weights)\n";
  for (const auto& warning : r.warnings) out << "warning: " << warning << "\n";
  return out.str();
}

Dataset abc_dataset(const MomentsCalibration& c, const AbcResult& r) {
  Dataset d;
  std::vector<std::string> pointers;
  for (const auto& p : c.parameters) pointers.push_back(p.pointer);
  const auto G = r.generations.size();
  const auto N = static_cast<std::size_t>(r.generations.front().particles.rows());
  d.dimensions.push_back(
      {.name = "parameter", .long_name = "scenario value by JSON pointer", .labels = pointers});
  d.dimensions.push_back(index_dimension("generation", "SMC generation (0: the prior)", 0, G));
  d.dimensions.push_back(index_dimension("particle", "particle", 0, N));
  std::vector<double> particles, weights, epsilon, acceptance, ess, simulations;
  for (const auto& g : r.generations) {
    for (Eigen::Index i = 0; i < g.particles.rows(); ++i) {
      weights.push_back(g.weights(i));
      for (Eigen::Index k = 0; k < g.particles.cols(); ++k) particles.push_back(g.particles(i, k));
    }
    epsilon.push_back(g.epsilon);
    acceptance.push_back(g.acceptance);
    ess.push_back(g.ess);
    simulations.push_back(g.simulations);
  }
  add_real(d, "particles", "posterior sample of each generation",
           {"generation", "particle", "parameter"}, particles);
  add_real(d, "weights", "importance weights (sum 1 per generation)", {"generation", "particle"},
           weights);
  add_real(d, "tolerance", "distance below which a proposal was accepted (inf: generation 0)",
           {"generation"}, epsilon);
  add_real(d, "acceptance", "accepted / simulated proposals", {"generation"}, acceptance);
  add_real(d, "effective_sample_size", "1 / sum of squared weights", {"generation"}, ess);
  add_real(d, "simulations", "proposals simulated", {"generation"}, simulations);
  add_real(d, "posterior_mean", "posterior mean (last generation)", {"parameter"},
           values_of(r.mean));
  add_real(d, "posterior_sd", "posterior standard deviation", {"parameter"}, values_of(r.sd));
  add_real(d, "posterior_q05", "posterior 5% quantile", {"parameter"}, values_of(r.low));
  add_real(d, "posterior_q95", "posterior 95% quantile", {"parameter"}, values_of(r.high));
  d.text_attributes["drempel_calibration"] = "abc";
  d.text_attributes["drempel_version"] = kEngineVersion;
  d.text_attributes["config"] = c.config_path;
  d.text_attributes["scenario"] = c.scenario_path;
  d.text_attributes["data"] = c.data_path;
  d.text_attributes["warnings"] = joined_lines(r.warnings);
  d.int32_attributes["replicates"] = c.replicates;
  return d;
}

}  // namespace drempel

#pragma once
// Random stream ids of analysis/ (engine/random.hpp addresses numbers by entity, month, stream and
// draw): one purpose per stream, listed in one enum so that no two purposes share one. Their
// numbers come from analysis_streams(), whose counters the model never uses: even with a seed
// equal to a scenario's, an analysis draw cannot be one of the model's.
#include <cmath>
#include <cstdint>
#include <utility>

#include "engine/random.hpp"

namespace drempel {

enum AnalysisStream : std::uint16_t {
  kStreamSobolDesign = 1,      ///< sensitivity: the Sobol design's rows
  kStreamSobolBootstrap = 2,   ///< sensitivity: bootstrap of the Sobol indices
  kStreamMorris = 3,           ///< sensitivity: Morris trajectories
  kStreamMomentBootstrap = 4,  ///< moments: bootstrap over a panel's persons
  kStreamRestarts = 5,         ///< simulated moments: random starts
  kStreamPanelSample = 6,      ///< drempel panel: which awarded clients are sampled
  kStreamPanelGaps = 7,        ///< drempel panel: months between a person's rows
  kStreamAbcPrior = 8,         ///< ABC-SMC: generation 0's draws from the prior
  kStreamAbcPick = 9,          ///< ABC-SMC: the parent of a proposal
  kStreamAbcMove = 10,         ///< ABC-SMC: the kernel's move
  kStreamAbcNoise = 11,        ///< ABC-SMC: the data's sampling error added to simulated moments
};

/// The generator of the analysis's draws for `seed`: the replicate word of the counter has its top
/// bit set (`index` below 2^31 tells apart, say, a panel's replicates), and the model's
/// replicates are below 2^31.
inline RandomStreams analysis_streams(std::uint64_t seed, std::uint32_t index = 0) {
  return RandomStreams(seed, 0x80000000u | index);
}

/// Two independent standard normal variates from one block (Box-Muller).
inline std::pair<double, double> standard_normals(const RandomWords& w) {
  const double r = std::sqrt(-2 * std::log(to_unit_open_zero(w[0])));
  const double a = 6.283185307179586 * to_unit(w[1]);
  return {r * std::cos(a), r * std::sin(a)};
}

}  // namespace drempel

#pragma once
// Random stream ids of analysis/ (engine/random.hpp addresses numbers by entity, month, stream and
// draw): one purpose per stream, listed in one enum so that no two purposes share one. They are
// used with the analysis's own seeds, never with a scenario's, so they cannot meet the model's
// streams.
#include <cstdint>

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

}  // namespace drempel

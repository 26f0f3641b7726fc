#pragma once
// A readable description of the pathways model as the engine sees it (`drempel model`): its
// mechanisms in the order every month runs them, each with its random streams, client columns,
// places, sums and metrics, and the byte counts derived from them. Everything is read from the
// mechanisms' own declarations (models/mechanisms/registry.hpp), so it cannot drift from the code.
#include <string>

namespace drempel {

/// The description as plain text, one block per mechanism.
std::string describe_model();

}  // namespace drempel

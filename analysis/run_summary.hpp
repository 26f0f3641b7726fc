#pragma once
// The summary `drempel run` prints: for one run, the active stages at the end of the last month,
// the end states as entries over the whole run, and headline figures of the last month, each as
// the mean over replicates with the 95% confidence interval of that mean; for a sweep, one line
// of means per point. It says which interval it prints.
#include <cstdio>
#include <string>

#include "engine/results_file.hpp"

namespace drempel {

/// Prints the summary of `file` (written to `path`) to `out`.
void print_run_summary(std::FILE* out, const ResultsFile& file, const std::string& path);

}  // namespace drempel

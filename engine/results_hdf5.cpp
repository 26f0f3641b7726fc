#include "engine/results_hdf5.hpp"

#include <stdexcept>

#include "engine/dataset_hdf5.hpp"

namespace drempel {

void write_results_hdf5(const ResultsFile& file, const std::string& path) {
  Dataset dataset;
  try {
    dataset = results_dataset(file);
  } catch (const std::exception& error) {
    throw std::runtime_error("cannot write results file '" + path + "': " + error.what());
  }
  write_dataset_hdf5(dataset, path);
}

void write_results_hdf5(const Results& results, const std::string& path) {
  ResultsFile file;
  file.points.push_back(results);
  file.scenario_json = results.scenario_json;
  write_results_hdf5(file, path);
}

ResultsFile read_results_file(const std::string& path) {
  const Dataset dataset = read_dataset_hdf5(path);
  try {
    return results_from_dataset(dataset);
  } catch (const std::exception& error) {
    throw std::runtime_error("cannot read results file '" + path + "': " + error.what());
  }
}

Results read_results_hdf5(const std::string& path) {
  ResultsFile file = read_results_file(path);
  if (file.is_sweep())
    throw std::runtime_error("cannot read results file '" + path + "' as one run: it holds a " +
                             "sweep of " + std::to_string(file.points.size()) + " points");
  return std::move(file.points.front());
}

}  // namespace drempel

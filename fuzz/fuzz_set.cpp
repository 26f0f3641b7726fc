// Fuzz target: `--set` overrides, drempel::load_scenario(baseline, {override})
// (engine/scenario.hpp), followed by drempel::read_model_parameters (models/parameters.hpp) on the
// result, which is what `drempel run`, `check` and `panel` do with a --set value next.
//
// The input becomes one override applied to scenarios/baseline.json of the source tree: when it
// holds a newline, the text before the first newline is the JSON pointer and the rest the value
// ("POINTER=VALUE"); otherwise the whole input is the override text as typed after --set
// ("/pointer=value"). The value may be any bytes, as argv can be.
//
// Normal outcome: loaded parameters, or drempel::InputError (bad input reported to the user).
// Finding: any other exception (it escapes and terminates at the throw site), a crash, an
// AddressSanitizer or UndefinedBehaviorSanitizer report, a timeout (hang) or running out of memory.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "engine/input_error.hpp"
#include "engine/scenario.hpp"
#include "models/parameters.hpp"

namespace {

// DREMPEL_FUZZ_VERBOSE=1 prints each InputError, to see what a reproducer is refused for.
void report(const drempel::InputError& error) {
  static const bool verbose = std::getenv("DREMPEL_FUZZ_VERBOSE") != nullptr;
  if (verbose) std::fprintf(stderr, "InputError:\n%s\n", error.what());
}

const std::string& baseline_path() {
  static const std::string path = std::string(DREMPEL_SOURCE_DIR) + "/scenarios/baseline.json";
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  if (const std::size_t newline = text.find('\n'); newline != std::string::npos)
    text[newline] = '=';
  try {
    const drempel::ScenarioDocument doc = drempel::load_scenario(baseline_path(), {text});
    const drempel::ModelParameters params = drempel::read_model_parameters(doc);
    (void)params;
  } catch (const drempel::InputError& error) {
    report(error);
    // Bad input, reported to the user: the expected outcome for most inputs.
  }
  return 0;
}

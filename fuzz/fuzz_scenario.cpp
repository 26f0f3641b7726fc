// Fuzz target: the scenario reader, drempel::load_scenario(path) (engine/scenario.hpp).
//
// Each input is written as the bytes of a scenario file, scenario.json, into a directory of this
// process's own (mkdtemp under $TMPDIR), and loaded. That directory also holds two fixed bases
// the input may extend: baseline.json (a copy of scenarios/baseline.json) and base.json (a small
// scenario with nested objects and a named list), so "extends" merging is reached. Paths in
// "extends" are resolved by the engine as in a real run: the harness does not restrict them.
//
// Normal outcome: a loaded document, or drempel::InputError (bad input reported to the user).
// Finding: any other exception (it escapes and terminates at the throw site), a crash, an
// AddressSanitizer or UndefinedBehaviorSanitizer report, a timeout (hang) or running out of memory.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "engine/input_error.hpp"
#include "engine/scenario.hpp"
#include "fuzz/fuzz_support.hpp"

namespace {

// DREMPEL_FUZZ_VERBOSE=1 prints each InputError, to see what a reproducer is refused for.
void report(const drempel::InputError& error) {
  static const bool verbose = std::getenv("DREMPEL_FUZZ_VERBOSE") != nullptr;
  if (verbose) std::fprintf(stderr, "InputError:\n%s\n", error.what());
}

namespace fs = std::filesystem;

const char* const kSmallBase = R"({
  "name": "fuzz-base",
  "description": "a small base for extends",
  "start_month": "2026-01",
  "months": 12,
  "regions": [
    {"name": "a", "caseworker_fte": 1.5, "transit": {"places": [{"name": "p", "home_share": 1}]}},
    {"name": "b", "caseworker_fte": 2, "shares": [0.25, 0.75]}
  ],
  "nested": {"x": {"y": {"z": [1, 2, {"w": null}]}}, "flag": true}
}
)";

struct Workspace {
  drempel::fuzz::ScratchDirectory scratch{"fuzz_scenario"};
  fs::path dir = scratch.path;
  std::string input;

  Workspace() {
    input = (dir / "scenario.json").string();
    fs::copy_file(fs::path(DREMPEL_SOURCE_DIR) / "scenarios" / "baseline.json",
                  dir / "baseline.json");
    std::ofstream(dir / "base.json", std::ios::binary) << kSmallBase;
  }
};

Workspace& workspace() {
  static Workspace w;
  return w;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Workspace& w = workspace();
  drempel::fuzz::write_input(w.input, data, size, "fuzz_scenario");
  try {
    const drempel::ScenarioDocument doc = drempel::load_scenario(w.input);
    (void)doc;
  } catch (const drempel::InputError& error) {
    report(error);
    // Bad input, reported to the user: the expected outcome for most inputs.
  }
  return 0;
}

// Fuzz target: the CSV readers. Each input is written as the bytes of a CSV file, input.csv, into
// a directory of this process's own (mkdtemp under $TMPDIR), and read by
//   1. drempel::read_csv_table (engine/csv_table.hpp): the RFC 4180 parser and shape checks;
//   2. drempel::CsvReader over that table: every header column is requested and each of its cells
//      read with one typed accessor, chosen by the column name's first byte so that the input
//      picks it: n number, i integer, m month, c choice, t text (other bytes: the byte mod 5 in
//      that order), then finish();
//   3. drempel::read_panel_csv (analysis/panel.hpp);
//   4. the planners' tables, drempel::read_benefit_recipients_csv and read_new_claims_csv
//      (models/unemployed_population.hpp), with the waves and new-claim rule of
//      scenarios/baseline.json.
// Readers 2 to 4 run only when step 1 accepted the file (each of them starts with the same
// read_csv_table, which would throw the same InputError again).
//
// Normal outcome: a table, or drempel::InputError (bad input reported to the user).
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
#include <string_view>
#include <vector>

#include "analysis/panel.hpp"
#include "engine/csv_table.hpp"
#include "engine/input_error.hpp"
#include "engine/scenario.hpp"
#include "fuzz/fuzz_support.hpp"
#include "models/reform_rules.hpp"
#include "models/unemployed_population.hpp"

namespace {

// DREMPEL_FUZZ_VERBOSE=1 prints each InputError, to see what a reproducer is refused for.
void report(const drempel::InputError& error) {
  static const bool verbose = std::getenv("DREMPEL_FUZZ_VERBOSE") != nullptr;
  if (verbose) std::fprintf(stderr, "InputError:\n%s\n", error.what());
}

namespace fs = std::filesystem;

struct Workspace {
  drempel::fuzz::ScratchDirectory scratch{"fuzz_csv"};
  fs::path dir = scratch.path;
  std::string input;

  Workspace() { input = (dir / "input.csv").string(); }
};

Workspace& workspace() {
  static Workspace w;
  return w;
}

std::int32_t month(const char* text) {
  std::int32_t m = 0;
  if (!drempel::parse_month(text, m)) std::abort();
  return m;
}

// The transition waves of scenarios/baseline.json (/inflow/waves).
std::vector<drempel::TransitionWave> baseline_waves() {
  using drempel::TransitionWave;
  return {
      TransitionWave{drempel::kThirdPeriod, 20, 100, month("2026-01"), 1},
      TransitionWave{drempel::kInsertionAllowance, 1, 100, month("2026-01"), 1},
      TransitionWave{drempel::kThirdPeriod, 8, 20, month("2026-03"), 1},
      TransitionWave{drempel::kThirdPeriod, 0, 8, month("2026-04"), 1},
      TransitionWave{drempel::kSecondPeriod, 0, 100, month("2026-07"), 1},
      TransitionWave{drempel::kFirstPeriod, 0, 100, month("2026-07"), 13},
  };
}

// Reads every cell of the table through CsvReader, one typed accessor per column.
void read_generic(const drempel::CsvTable& table) {
  drempel::CsvReader r(table);
  std::vector<std::size_t> cols;
  for (const auto& name : table.header) cols.push_back(r.column(name));
  std::size_t optional_index = 0;
  (void)r.optional_column("weight", optional_index);
  const std::vector<std::string> choices = {"intake", "activation", "\"quoted\"", ""};
  for (std::size_t row = 0; row < r.rows(); ++row) {
    (void)r.line(row);
    for (std::size_t k = 0; k < cols.size(); ++k) {
      const std::string& name = table.header[k];
      // n..., i..., m..., c..., t... pick their accessor; other names by first byte.
      const unsigned char first = static_cast<unsigned char>(name.empty() ? 0 : name[0]);
      const std::size_t named = std::string_view("nimct").find(static_cast<char>(first));
      switch (named != std::string_view::npos ? named : first % 5) {
        case 0:
          (void)r.number(row, cols[k], -1e9, 1e9);
          break;
        case 1:
          (void)r.integer(row, cols[k], -1'000'000, 1'000'000);
          break;
        case 2:
          (void)r.month(row, cols[k]);
          break;
        case 3:
          (void)r.choice(row, cols[k], choices);
          break;
        default:
          (void)r.text(row, cols[k]);
          break;
      }
      (void)drempel::describe_cell(r.raw(row, cols[k]));
    }
  }
  if (r.rows() > 0) r.add_issue(0, drempel::CsvReader::kMissingColumn, "a cross check", "found");
  r.finish();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Workspace& w = workspace();
  drempel::fuzz::write_input(w.input, data, size, "fuzz_csv");
  drempel::CsvTable table;
  try {
    table = drempel::read_csv_table(w.input);
  } catch (const drempel::InputError& error) {
    report(error);
    return 0;  // bad input, reported to the user: the expected outcome for most inputs
  }
  try {
    read_generic(table);
  } catch (const drempel::InputError& error) {
    report(error);
  }
  try {
    (void)drempel::read_panel_csv(w.input);
  } catch (const drempel::InputError& error) {
    report(error);
  }
  static const std::vector<drempel::TransitionWave> waves = baseline_waves();
  try {
    (void)drempel::read_benefit_recipients_csv(w.input, waves);
  } catch (const drempel::InputError& error) {
    report(error);
  }
  drempel::NewClaimRule rule;
  rule.first_claim_month = month("2026-03");
  try {
    (void)drempel::read_new_claims_csv(w.input, rule);
  } catch (const drempel::InputError& error) {
    report(error);
  }
  return 0;
}

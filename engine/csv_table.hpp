#pragma once
// Reading CSV tables with schema checks that report every problem at once.
//
// read_csv_table() reads a whole file into raw text fields and checks its shape (header, field
// counts, quoting). CsvReader then gives typed, range-checked access to the cells: like
// ScenarioReader it never throws while reading, it records every problem and returns a harmless
// value, and finish() adds one issue per column nobody asked for and throws an InputError listing
// all of them.
//
// Problems name their place in ScenarioIssue::pointer as `line 7, column "count"` for a cell (the
// line in the file where the row starts, 1-based, as an editor shows it), `line 7` for a whole row,
// `line 1 (header)` for the header and "" for the whole file.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "engine/input_error.hpp"

namespace drempel {

/// `text` as one CSV field (RFC 4180): quoted, with quotes doubled, when it holds a comma, a
/// quote, a carriage return or a line feed; otherwise as it is.
std::string csv_field(const std::string& text);

/// A CSV file read whole: the header's column names and the rows as raw text fields.
/// Every row has exactly as many fields as the header (read_csv_table checks this).
struct CsvTable {
  std::string path;                            ///< the file as given, for error messages
  std::vector<std::string> header;             ///< column names, in file order
  std::size_t header_line = 1;                 ///< file line of the header (1-based)
  std::vector<std::vector<std::string>> rows;  ///< rows[r][c]: raw text of a field
  std::vector<std::size_t> line_of_row;        ///< file line (1-based) where each row starts
};

/// Reads the CSV file at `path` (RFC 4180 with a few conveniences):
/// - fields are separated by commas; records end with LF, CRLF or a lone CR; the last line
///   needs no line end; a UTF-8 byte order mark at the start is skipped;
/// - a field wholly enclosed in double quotes may contain commas, line breaks (a CRLF inside
///   becomes LF) and doubled quotes `""` standing for one quote; quoted fields are kept as
///   written, unquoted fields are trimmed of surrounding spaces and tabs;
/// - lines that are empty or hold only spaces and tabs are skipped;
/// - a line whose very first character is `#` is a comment and is skipped (quote a field that
///   must start with `#` at the beginning of a line);
/// - the first line that is neither blank nor a comment is the header.
/// A header-only file gives a table with no rows.
///
/// Throws InputError for a missing, unreadable or binary (NUL bytes, UTF-16) file, a file with no
/// header, and, collected together: empty or duplicate column names, a header that looks
/// semicolon-separated, rows whose field count differs from the header's, double quotes inside
/// an unquoted field or text after a closing quote, and a quote never closed. At most 50 issues
/// are listed, plus one saying how many more were left out.
CsvTable read_csv_table(const std::string& path);

/// Typed, validated access to the cells of a CsvTable; collects issues instead of throwing.
///
/// Ask for each column once by name (column() or optional_column()), then read cells by row and
/// column index. A bad cell adds an issue naming the file, `line N, column "name"`, what was
/// expected and the raw text found, and the accessor returns a harmless value (0 clamped into
/// the allowed range, the first allowed choice, or an empty string). Reads from a missing column
/// return the harmless value without further issues. The table must outlive the reader.
///
/// Accessors throw std::out_of_range only for a programming error: a row index >= rows() or a
/// column index that is neither a valid column nor kMissingColumn.
class CsvReader {
 public:
  /// The index column() returns for a missing required column.
  static constexpr std::size_t kMissingColumn = std::numeric_limits<std::size_t>::max();

  explicit CsvReader(const CsvTable& table);

  /// Index of a required column. When the header lacks it, records an issue naming the column
  /// and listing the header (once per name) and returns kMissingColumn.
  std::size_t column(const std::string& name);
  /// Marks an optional column as known. Returns whether it exists and sets `index` to its index,
  /// or to kMissingColumn when absent.
  bool optional_column(const std::string& name, std::size_t& index);

  /// Number of data rows (the header is not a row).
  std::size_t rows() const noexcept { return table_.rows.size(); }
  /// File line (1-based) where data row `row` starts.
  std::size_t line(std::size_t row) const { return table_.line_of_row.at(row); }

  /// A finite decimal number in [min, max] ("12", "-0.5", "1e3"; no "nan", "inf", hex or
  /// thousands separators).
  double number(std::size_t row, std::size_t col, double min, double max);
  /// A whole number in [min, max]: "12", "12.0" and "1.2e1" are 12; "12.5" is rejected.
  std::int64_t integer(std::size_t row, std::size_t col, std::int64_t min, std::int64_t max);
  /// One of `allowed`, matched exactly (case-sensitive); returns allowed[0] (or "") when invalid.
  std::string choice(std::size_t row, std::size_t col, const std::vector<std::string>& allowed);
  /// A calendar month "YYYY-MM" (year 1900 to 2200); returns months since year 0 (see
  /// parse_month in engine/scenario.hpp), or 0 when invalid.
  std::int32_t month(std::size_t row, std::size_t col);
  /// Non-empty text, returned as written.
  std::string text(std::size_t row, std::size_t col);
  /// The raw text of a cell, unchecked (empty for kMissingColumn); records nothing.
  const std::string& raw(std::size_t row, std::size_t col) const;

  /// Records a problem found by the caller (cross-field checks) at a cell; `col` may be
  /// kMissingColumn, which names the whole row.
  void add_issue(std::size_t row, std::size_t col, const std::string& expected,
                 const std::string& found);
  /// Records a problem at a place of the caller's choosing (`pointer` as described above).
  void add_issue(const std::string& pointer, const std::string& expected, const std::string& found);

  /// Adds an issue for every header column never asked for (expected "one of the columns A, B,
  /// ..."), then throws InputError with all issues (at most 50, plus one counting the rest) if
  /// there are any. Call once, after all reading.
  void finish();
  /// Every issue recorded so far, uncapped.
  const std::vector<ScenarioIssue>& issues() const noexcept { return issues_; }

  /// Place of a cell for ScenarioIssue::pointer: `line 7, column "count"`.
  std::string cell_pointer(std::size_t row, std::size_t col) const;

 private:
  const std::string* cell(std::size_t row, std::size_t col) const;
  void add_cell_issue(std::size_t row, std::size_t col, const std::string& expected);

  const CsvTable& table_;
  std::vector<std::string> known_;  // column names asked for, in order, without repeats
  std::vector<bool> requested_;     // per header column: asked for
  bool finished_ = false;
  std::vector<ScenarioIssue> issues_;
};

/// Describes a cell's raw text for an error message: `"abc"` (quoted, escaped, long text cut at
/// 60 characters) or `an empty field`.
std::string describe_cell(const std::string& text);

}  // namespace drempel

#include "engine/csv_table.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "engine/input_file.hpp"
#include "engine/scenario.hpp"

namespace drempel {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxIssues = 50;

// Keeps the first kMaxIssues issues and replaces the rest by one issue counting them.
std::vector<ScenarioIssue> capped(std::vector<ScenarioIssue> issues, const std::string& file) {
  if (issues.size() <= kMaxIssues) return issues;
  const std::size_t rest = issues.size() - kMaxIssues;
  issues.resize(kMaxIssues);
  issues.push_back({file, "", "no more problems",
                    std::to_string(rest) + (rest == 1 ? " more problem" : " more problems") +
                        ", not listed here (fix the ones above first)"});
  return issues;
}

std::string plural(std::size_t count, const char* noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

std::string quoted_name(const std::string& name) {
  return "\"" + name + "\"";
}

// Parses the whole of `text` as a finite decimal number; a leading '+' is allowed.
bool parse_number(const std::string& text, double& value) {
  const char* first = text.data();
  const char* last = text.data() + text.size();
  if (first != last && *first == '+') ++first;
  if (first == last || *first == '+' || (*first == '-' && text[0] == '+')) return false;
  double parsed = 0.0;
  const auto result = std::from_chars(first, last, parsed, std::chars_format::general);
  if (result.ec != std::errc() || result.ptr != last || !std::isfinite(parsed)) return false;
  value = parsed;
  return true;
}

// Parses the whole of `text` as a whole number: digits, or a decimal with an integral value.
bool parse_integer(const std::string& text, std::int64_t& value) {
  const char* first = text.data();
  const char* last = text.data() + text.size();
  if (first != last && *first == '+') ++first;
  if (first == last || *first == '+' || (*first == '-' && text[0] == '+')) return false;
  std::int64_t parsed = 0;
  const auto result = std::from_chars(first, last, parsed, 10);
  if (result.ec == std::errc() && result.ptr == last) {
    value = parsed;
    return true;
  }
  if (result.ec == std::errc::result_out_of_range) return false;
  double d = 0.0;
  if (!parse_number(text, d) || std::trunc(d) != d) return false;
  // [-2^63, 2^63): the doubles that convert to int64 without overflow.
  if (d < -9.2233720368547758e18 || d >= 9.2233720368547758e18) return false;
  value = static_cast<std::int64_t>(d);
  return true;
}

bool equal_ignoring_case(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto x = static_cast<unsigned char>(a[i]);
    const auto y = static_cast<unsigned char>(b[i]);
    const auto lower = [](unsigned char c) { return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c; };
    if (lower(x) != lower(y)) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Parsing

struct Record {
  std::size_t line = 0;             // file line where the record starts
  std::vector<std::string> fields;  // field texts, unquoted and trimmed
};

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

std::string trim(const std::string& text) {
  std::size_t begin = 0;
  std::size_t end = text.size();
  while (begin < end && is_blank(text[begin])) ++begin;
  while (end > begin && is_blank(text[end - 1])) --end;
  return text.substr(begin, end - begin);
}

// Splits the file's text into records. Issues within a record are reported through `issue` with
// the record's line and the field's index (0-based); an unterminated quote ends parsing.
class Parser {
 public:
  Parser(const std::string& text, std::size_t start) : text_(text), pos_(start) {}

  // Reads the next record that is neither blank nor a comment; false at the end of the file.
  template <typename Issue>
  bool next(Record& record, Issue&& issue) {
    while (pos_ < text_.size()) {
      if (text_[pos_] == '#') {
        skip_line();
        continue;
      }
      std::size_t probe = pos_;
      while (probe < text_.size() && is_blank(text_[probe])) ++probe;
      if (probe == text_.size() || text_[probe] == '\n' || text_[probe] == '\r') {
        pos_ = probe;
        skip_line();
        continue;
      }
      record.line = line_;
      record.fields.clear();
      read_record(record, issue);
      return true;
    }
    return false;
  }

 private:
  bool at_line_end() const {
    return pos_ >= text_.size() || text_[pos_] == '\n' || text_[pos_] == '\r';
  }

  // Consumes one line end (LF, CRLF or CR) if there is one.
  void eat_line_end() {
    if (pos_ >= text_.size()) return;
    if (text_[pos_] == '\r') {
      ++pos_;
      if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
      ++line_;
    } else if (text_[pos_] == '\n') {
      ++pos_;
      ++line_;
    }
  }

  void skip_line() {
    while (!at_line_end()) ++pos_;
    eat_line_end();
  }

  template <typename Issue>
  void read_record(Record& record, Issue& issue) {
    for (;;) {
      const std::size_t field = record.fields.size();
      std::size_t start = pos_;
      while (start < text_.size() && is_blank(text_[start])) ++start;
      if (start < text_.size() && text_[start] == '"') {
        pos_ = start + 1;
        std::string value;
        if (!read_quoted(value)) {
          issue(record.line, field, "a closing double quote",
                "the end of the file (the quote opened on line " + std::to_string(quote_line_) +
                    " is never closed)");
          record.fields.push_back(std::move(value));
          return;
        }
        const std::size_t after = pos_;
        while (pos_ < text_.size() && text_[pos_] != ',' && !at_line_end()) ++pos_;
        const std::string rest = trim(text_.substr(after, pos_ - after));
        if (!rest.empty())
          issue(record.line, field, "a comma or the end of the line after a closing double quote",
                describe_cell(rest));
        record.fields.push_back(std::move(value));
      } else {
        while (pos_ < text_.size() && text_[pos_] != ',' && !at_line_end()) ++pos_;
        std::string value = trim(text_.substr(start, pos_ - start));
        if (value.find('"') != std::string::npos)
          issue(record.line, field,
                "double quotes only around a whole field (write \"\" for a quote inside one)",
                describe_cell(value));
        record.fields.push_back(std::move(value));
      }
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      eat_line_end();
      return;
    }
  }

  // Reads a quoted field's content after its opening quote, up to and including the closing
  // quote; false when the file ends first.
  bool read_quoted(std::string& value) {
    quote_line_ = line_;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '"') {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
          value += '"';
          pos_ += 2;
          continue;
        }
        ++pos_;
        return true;
      }
      if (c == '\r' || c == '\n') {
        value += '\n';
        eat_line_end();
        continue;
      }
      value += c;
      ++pos_;
    }
    return false;
  }

  const std::string& text_;
  std::size_t pos_;
  std::size_t line_ = 1;
  std::size_t quote_line_ = 0;
};

std::string header_pointer(std::size_t line) {
  return "line " + std::to_string(line) + " (header)";
}

std::size_t line_at(const std::string& text, std::size_t offset) {
  return 1 + static_cast<std::size_t>(std::count(
                 text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

// Reads the whole file, or throws InputError naming what is wrong with it.
std::string read_file_text(const std::string& path) {
  std::vector<ScenarioIssue> issues;
  std::optional<std::string> text = read_input_file(path, "a readable CSV file", issues);
  if (!text) throw InputError(std::move(issues));
  return std::move(*text);
}

}  // namespace

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string describe_cell(const std::string& text) {
  if (text.empty()) return "an empty field";
  constexpr std::size_t kLimit = 60;
  std::string out = "\"";
  const std::size_t shown = std::min(text.size(), kLimit);
  for (std::size_t i = 0; i < shown; ++i) {
    const char c = text[i];
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned>(c));
      out += escape;
    } else {
      out += c;
    }
  }
  out += '"';
  if (text.size() > kLimit) out += "...";
  return out;
}

CsvTable read_csv_table(const std::string& path) {
  const std::string text = read_file_text(path);
  const auto whole_file = [&](const std::string& found) {
    throw InputError({{path, "", "a UTF-8 CSV text file", found}});
  };
  if (text.size() >= 2 &&
      ((text[0] == '\xff' && text[1] == '\xfe') || (text[0] == '\xfe' && text[1] == '\xff')))
    whole_file("UTF-16 text (save the file as UTF-8 CSV)");
  if (const std::size_t nul = text.find('\0'); nul != std::string::npos)
    whole_file("a binary file (a NUL byte on line " + std::to_string(line_at(text, nul)) + ")");

  const std::size_t start = text.compare(0, 3, "\xef\xbb\xbf") == 0 ? 3 : 0;
  CsvTable table;
  table.path = path;
  std::vector<ScenarioIssue> issues;
  bool have_header = false;
  const auto issue = [&](std::size_t line, std::size_t field, const std::string& expected,
                         const std::string& found) {
    std::string pointer;
    if (!have_header) {
      pointer = header_pointer(line) + ", field " + std::to_string(field + 1);
    } else if (field < table.header.size()) {
      pointer = "line " + std::to_string(line) + ", column " + quoted_name(table.header[field]);
    } else {
      pointer = "line " + std::to_string(line) + ", field " + std::to_string(field + 1);
    }
    issues.push_back({path, std::move(pointer), expected, found});
  };

  Parser parser(text, start);
  Record record;
  if (!parser.next(record, issue)) {
    throw InputError({{path, "", "a header line naming the columns",
                       text.size() == start ? "an empty file" : "only blank and comment lines"}});
  }
  table.header = std::move(record.fields);
  table.header_line = record.line;
  have_header = true;

  // Header checks: names present and unique, and not a semicolon-separated file.
  const std::string here = header_pointer(table.header_line);
  std::map<std::string, std::size_t> first_column;
  for (std::size_t c = 0; c < table.header.size(); ++c) {
    const std::string& name = table.header[c];
    if (name.empty()) {
      issues.push_back({path, here, "a name for every column",
                        "an empty name for column " + std::to_string(c + 1)});
      continue;
    }
    const auto [it, inserted] = first_column.emplace(name, c);
    if (!inserted)
      issues.push_back({path, here, "unique column names",
                        "column " + quoted_name(name) + " twice (columns " +
                            std::to_string(it->second + 1) + " and " + std::to_string(c + 1) +
                            ")"});
  }
  if (table.header.size() == 1 && table.header[0].find(';') != std::string::npos)
    issues.push_back({path, here, "column names separated by commas",
                      "names separated by semicolons " + describe_cell(table.header[0]) +
                          " (save the file with comma separators)"});

  while (parser.next(record, issue)) {
    if (record.fields.size() != table.header.size())
      issues.push_back({path, "line " + std::to_string(record.line),
                        plural(table.header.size(), "field") + " as in the header",
                        plural(record.fields.size(), "field")});
    table.rows.push_back(std::move(record.fields));
    table.line_of_row.push_back(record.line);
  }
  if (!issues.empty()) throw InputError(capped(std::move(issues), path));
  return table;
}

// ---------------------------------------------------------------------------------------------
// CsvReader

CsvReader::CsvReader(const CsvTable& table)
    : table_(table), requested_(table.header.size(), false) {}

std::size_t CsvReader::column(const std::string& name) {
  std::size_t index = kMissingColumn;
  const bool new_name = std::find(known_.begin(), known_.end(), name) == known_.end();
  if (!optional_column(name, index) && new_name) {
    issues_.push_back({table_.path, header_pointer(table_.header_line),
                       "a column " + quoted_name(name),
                       table_.header.empty() ? std::string("no columns")
                                             : "only the columns " + join(table_.header)});
  }
  return index;
}

bool CsvReader::optional_column(const std::string& name, std::size_t& index) {
  if (std::find(known_.begin(), known_.end(), name) == known_.end()) known_.push_back(name);
  const auto it = std::find(table_.header.begin(), table_.header.end(), name);
  if (it == table_.header.end()) {
    index = kMissingColumn;
    return false;
  }
  index = static_cast<std::size_t>(it - table_.header.begin());
  requested_[index] = true;
  return true;
}

std::string CsvReader::cell_pointer(std::size_t row, std::size_t col) const {
  std::string pointer = "line " + std::to_string(table_.line_of_row.at(row));
  if (col < table_.header.size()) pointer += ", column " + quoted_name(table_.header[col]);
  return pointer;
}

const std::string* CsvReader::cell(std::size_t row, std::size_t col) const {
  if (row >= table_.rows.size())
    throw std::out_of_range("CsvReader: row " + std::to_string(row) + " of " +
                            std::to_string(table_.rows.size()));
  if (col == kMissingColumn) return nullptr;
  const auto& fields = table_.rows[row];
  if (col >= fields.size())
    throw std::out_of_range("CsvReader: column " + std::to_string(col) + " of " +
                            std::to_string(fields.size()));
  return &fields[col];
}

void CsvReader::add_cell_issue(std::size_t row, std::size_t col, const std::string& expected) {
  add_issue(row, col, expected, describe_cell(table_.rows[row][col]));
}

double CsvReader::number(std::size_t row, std::size_t col, double min, double max) {
  const double harmless = std::clamp(0.0, min, max);
  const std::string* text = cell(row, col);
  if (text == nullptr) return harmless;
  double value = 0.0;
  if (!parse_number(*text, value) || !(value >= min && value <= max)) {
    add_cell_issue(row, col, range_text("a number", min, max));
    return harmless;
  }
  return value;
}

std::int64_t CsvReader::integer(std::size_t row, std::size_t col, std::int64_t min,
                                std::int64_t max) {
  const std::int64_t harmless = std::clamp<std::int64_t>(0, min, max);
  const std::string* text = cell(row, col);
  if (text == nullptr) return harmless;
  std::int64_t value = 0;
  if (!parse_integer(*text, value) || value < min || value > max) {
    add_cell_issue(row, col, integer_range_text("a whole number", min, max));
    return harmless;
  }
  return value;
}

std::string CsvReader::choice(std::size_t row, std::size_t col,
                              const std::vector<std::string>& allowed) {
  const std::string harmless = allowed.empty() ? std::string() : allowed.front();
  const std::string* text = cell(row, col);
  if (text == nullptr) return harmless;
  if (std::find(allowed.begin(), allowed.end(), *text) != allowed.end()) return *text;
  std::string found = describe_cell(*text);
  for (const auto& value : allowed) {
    if (equal_ignoring_case(value, *text)) {
      found += " (values are case-sensitive)";
      break;
    }
  }
  add_issue(row, col, "one of " + join(allowed), found);
  return harmless;
}

std::int32_t CsvReader::month(std::size_t row, std::size_t col) {
  const std::string* text = cell(row, col);
  if (text == nullptr) return 0;
  std::int32_t months = 0;
  if (!parse_month(*text, months)) {
    add_cell_issue(row, col, "a calendar month YYYY-MM (year 1900 to 2200)");
    return 0;
  }
  return months;
}

std::string CsvReader::text(std::size_t row, std::size_t col) {
  const std::string* text = cell(row, col);
  if (text == nullptr) return {};
  if (text->empty()) {
    add_cell_issue(row, col, "a non-empty text");
    return {};
  }
  return *text;
}

const std::string& CsvReader::raw(std::size_t row, std::size_t col) const {
  static const std::string kEmpty;
  const std::string* text = cell(row, col);
  return text == nullptr ? kEmpty : *text;
}

void CsvReader::add_issue(std::size_t row, std::size_t col, const std::string& expected,
                          const std::string& found) {
  add_issue(cell_pointer(row, col), expected, found);
}

void CsvReader::add_issue(const std::string& pointer, const std::string& expected,
                          const std::string& found) {
  issues_.push_back({table_.path, pointer, expected, found});
}

void CsvReader::finish() {
  if (!finished_) {
    finished_ = true;
    const std::string expected = known_.empty() ? std::string("no columns (none are read)")
                                                : "one of the columns " + join(known_);
    for (std::size_t c = 0; c < table_.header.size(); ++c) {
      if (!requested_[c])
        add_issue(header_pointer(table_.header_line), expected,
                  "an unknown column " + quoted_name(table_.header[c]));
    }
  }
  if (!issues_.empty()) throw InputError(capped(issues_, table_.path));
}

}  // namespace drempel

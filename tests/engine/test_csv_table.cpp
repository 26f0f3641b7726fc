// Tests for reading CSV tables (read_csv_table) and typed, validated cell access (CsvReader).
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/csv_table.hpp"

namespace {

using Catch::Matchers::Contains;
using drempel::CsvReader;
using drempel::CsvTable;
using drempel::format_issue;
using drempel::InputError;
using drempel::read_csv_table;
using drempel::ScenarioIssue;

// A fresh directory under the system temp directory (named with the pid); removed afterwards.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ =
        std::filesystem::temp_directory_path() /
        ("drempel_test_csv_table_" + std::to_string(getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    REQUIRE(std::filesystem::create_directories(path_));
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // Writes `bytes` exactly (binary, no newline translation) and returns the file's path.
  std::string write(const std::string& name, const std::string& bytes) const {
    const std::string file = (path_ / name).string();
    std::ofstream out(file, std::ios::binary);
    out << bytes;
    REQUIRE(out.good());
    return file;
  }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

// The issues read_csv_table throws; fails the test when it does not throw.
std::vector<ScenarioIssue> read_issues(const std::string& path) {
  try {
    read_csv_table(path);
  } catch (const InputError& error) {
    return error.issues();
  }
  FAIL("read_csv_table did not throw for " << path);
  return {};
}

// Writes `text` to a file, reads it, runs `read` on a CsvReader, then finish(); returns the
// issues it threw (none when it did not throw).
std::vector<ScenarioIssue> reader_issues(const std::string& text,
                                         const std::function<void(CsvReader&)>& read,
                                         std::string* path_out = nullptr) {
  TempDir dir;
  const std::string path = dir.write("table.csv", text);
  if (path_out != nullptr) *path_out = path;
  const CsvTable table = read_csv_table(path);
  CsvReader reader(table);
  read(reader);
  try {
    reader.finish();
  } catch (const InputError& error) {
    return error.issues();
  }
  return {};
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// read_csv_table: the file's shape

TEST_CASE("a table with quoted fields, CRLF, a BOM and comments reads as written", "[csv_table]") {
  TempDir dir;
  const std::string path = dir.write("table.csv",
                                     "\xEF\xBB\xBF# produced by hand\r\n"
                                     "region, count ,note\r\n"
                                     "\r\n"
                                     "Gent, 12 ,\"a, b\"\r\n"
                                     "# a comment between rows\r\n"
                                     "\"Brugge\",3,\"say \"\"hi\"\"\r\nthere\"\r\n"
                                     "  Leuven\t,\" 7 \",\"\"\r\n");
  const CsvTable table = read_csv_table(path);
  CHECK(table.path == path);
  CHECK(table.header == std::vector<std::string>{"region", "count", "note"});
  CHECK(table.header_line == 2);
  REQUIRE(table.rows.size() == 3);
  CHECK(table.rows[0] == std::vector<std::string>{"Gent", "12", "a, b"});
  CHECK(table.rows[1] == std::vector<std::string>{"Brugge", "3", "say \"hi\"\nthere"});
  CHECK(table.rows[2] == std::vector<std::string>{"Leuven", " 7 ", ""});
  CHECK(table.line_of_row == std::vector<std::size_t>{4, 6, 8});
}

TEST_CASE("LF and lone CR line ends work and the last line needs no line end", "[csv_table]") {
  TempDir dir;
  const CsvTable lf = read_csv_table(dir.write("lf.csv", "a,b\n1,2\n   \n3,4"));
  CHECK(lf.rows == std::vector<std::vector<std::string>>{{"1", "2"}, {"3", "4"}});
  CHECK(lf.line_of_row == std::vector<std::size_t>{2, 4});

  const CsvTable cr = read_csv_table(dir.write("cr.csv", "a,b\r1,2\r3,4\r"));
  CHECK(cr.rows == std::vector<std::vector<std::string>>{{"1", "2"}, {"3", "4"}});
  CHECK(cr.line_of_row == std::vector<std::size_t>{2, 3});
}

TEST_CASE("a header-only file is a table with no rows", "[csv_table]") {
  TempDir dir;
  const CsvTable table = read_csv_table(dir.write("empty_rows.csv", "a,b\n"));
  CHECK(table.header == std::vector<std::string>{"a", "b"});
  CHECK(table.rows.empty());
  CHECK(table.line_of_row.empty());
}

TEST_CASE("a trailing comma makes an empty last field", "[csv_table]") {
  TempDir dir;
  const CsvTable table = read_csv_table(dir.write("t.csv", "a,b,c\n1,2,\n"));
  REQUIRE(table.rows.size() == 1);
  CHECK(table.rows[0] == std::vector<std::string>{"1", "2", ""});
}

TEST_CASE("rows with the wrong number of fields are all reported with their lines", "[csv_table]") {
  TempDir dir;
  const std::string path = dir.write("ragged.csv", "a,b\n1,2\n1,2,3\n\n1\n\"x\ny\",2\n4,5,\n");
  const auto issues = read_issues(path);
  REQUIRE(issues.size() == 3);
  CHECK(format_issue(issues[0]) ==
        path + ": line 3: expected 2 fields as in the header, found 3 fields");
  CHECK(issues[1].pointer == "line 5");
  CHECK(issues[1].found == "1 field");
  // The multi-line row on lines 6-7 is fine; the next row starts on line 8.
  CHECK(issues[2].pointer == "line 8");
  CHECK(issues[2].found == "3 fields");
}

TEST_CASE("an unterminated quote names the line where it opened", "[csv_table]") {
  TempDir dir;
  const std::string path = dir.write("open.csv", "a,b\n1,2\n3,\"open\n4,5\n6,7\n");
  const auto issues = read_issues(path);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].file == path);
  CHECK(issues[0].pointer == "line 3, column \"b\"");
  CHECK(issues[0].expected == "a closing double quote");
  CHECK_THAT(issues[0].found, Contains("end of the file") && Contains("line 3"));
}

TEST_CASE("stray double quotes are reported at their cell", "[csv_table]") {
  TempDir dir;
  const std::string path = dir.write("stray.csv", "name,size\n\"tv\" set,5\nscreen,5\"\n");
  const auto issues = read_issues(path);
  REQUIRE(issues.size() == 2);
  CHECK(issues[0].pointer == "line 2, column \"name\"");
  CHECK(issues[0].expected == "a comma or the end of the line after a closing double quote");
  CHECK(issues[0].found == "\"set\"");
  CHECK(issues[1].pointer == "line 3, column \"size\"");
  CHECK_THAT(issues[1].expected, Contains("double quotes only around a whole field"));
  CHECK(issues[1].found == "\"5\\\"\"");
}

TEST_CASE("a missing file or a directory is a whole-file issue", "[csv_table]") {
  TempDir dir;
  const std::string missing = dir.path() + "/nope.csv";
  auto issues = read_issues(missing);
  REQUIRE(issues.size() == 1);
  CHECK(format_issue(issues[0]) ==
        missing + ": (document): expected a readable CSV file, found no such file");

  issues = read_issues(dir.path());
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].pointer.empty());
  CHECK(issues[0].found == "a directory");
}

TEST_CASE("a file without a header is rejected", "[csv_table]") {
  TempDir dir;
  auto issues = read_issues(dir.write("empty.csv", ""));
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].pointer.empty());
  CHECK(issues[0].expected == "a header line naming the columns");
  CHECK(issues[0].found == "an empty file");

  issues = read_issues(dir.write("comments.csv", "\xEF\xBB\xBF# only a comment\n\n  \n"));
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].found == "only blank and comment lines");
}

TEST_CASE("duplicate and empty column names are all reported", "[csv_table]") {
  TempDir dir;
  const std::string path = dir.write("dup.csv", "# comment\nage,count,age,\n1,2,3,4\n");
  const auto issues = read_issues(path);
  REQUIRE(issues.size() == 2);
  CHECK(format_issue(issues[0]) == path +
                                       ": line 2 (header): expected unique column names, found "
                                       "column \"age\" twice (columns 1 and 3)");
  CHECK(issues[1].pointer == "line 2 (header)");
  CHECK(issues[1].expected == "a name for every column");
  CHECK(issues[1].found == "an empty name for column 4");
}

TEST_CASE("a semicolon-separated file is recognised", "[csv_table]") {
  TempDir dir;
  const auto issues = read_issues(dir.write("semi.csv", "region;count\nGent;3\n"));
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].pointer == "line 1 (header)");
  CHECK(issues[0].expected == "column names separated by commas");
  CHECK_THAT(issues[0].found, Contains("\"region;count\""));
}

TEST_CASE("binary and UTF-16 files are rejected as a whole", "[csv_table]") {
  TempDir dir;
  auto issues = read_issues(dir.write("bin.csv", std::string("a,b\n1,2\n3,\0", 11)));
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].pointer.empty());
  CHECK(issues[0].found == "a binary file (a NUL byte on line 3)");

  issues = read_issues(dir.write("utf16.csv", std::string("\xFF\xFE"
                                                          "a\0,\0b\0",
                                                          8)));
  REQUIRE(issues.size() == 1);
  CHECK_THAT(issues[0].found, Contains("UTF-16"));
}

TEST_CASE("read_csv_table lists at most 50 issues plus a count of the rest", "[csv_table]") {
  TempDir dir;
  std::string text = "a,b\n";
  for (int i = 0; i < 57; ++i) text += "1,2,3\n";
  const std::string path = dir.write("many.csv", text);
  const auto issues = read_issues(path);
  REQUIRE(issues.size() == 51);
  CHECK(issues[0].pointer == "line 2");
  CHECK(issues[49].pointer == "line 51");
  CHECK(issues[50].file == path);
  CHECK(issues[50].pointer.empty());
  CHECK_THAT(issues[50].found, Contains("7 more problems"));
}

// ---------------------------------------------------------------------------------------------
// CsvReader: typed cells

TEST_CASE("number accepts finite decimals in range", "[csv_table]") {
  std::vector<double> values;
  const auto issues = reader_issues("x\n12\n-0.5\n1e3\n+2\n0\n", [&](CsvReader& reader) {
    const std::size_t x = reader.column("x");
    for (std::size_t r = 0; r < reader.rows(); ++r) values.push_back(reader.number(r, x, -1, 1e8));
  });
  CHECK(issues.empty());
  CHECK(values == std::vector<double>{12, -0.5, 1000, 2, 0});
}

TEST_CASE("number rejects text, empty, non-finite and out-of-range cells", "[csv_table]") {
  std::string path;
  std::vector<double> values;
  const auto issues = reader_issues(
      "x\nabc\n\"\"\nnan\ninf\n-3\n\"1,5\"\n0x10\n2e8\n",
      [&](CsvReader& reader) {
        const std::size_t x = reader.column("x");
        for (std::size_t r = 0; r < reader.rows(); ++r)
          values.push_back(reader.number(r, x, 1, 1e8));
      },
      &path);
  REQUIRE(issues.size() == 8);
  CHECK(format_issue(issues[0]) ==
        path + ": line 2, column \"x\": expected a number in [1, 1e+08], found \"abc\"");
  CHECK(issues[1].pointer == "line 3, column \"x\"");
  CHECK(issues[1].found == "an empty field");
  CHECK(issues[2].found == "\"nan\"");
  CHECK(issues[3].found == "\"inf\"");
  CHECK(issues[4].found == "\"-3\"");
  CHECK(issues[5].found == "\"1,5\"");
  CHECK(issues[6].found == "\"0x10\"");
  CHECK(issues[7].pointer == "line 9, column \"x\"");
  CHECK(issues[7].found == "\"2e8\"");
  // Harmless value: 0 clamped into [1, 1e8].
  CHECK(values == std::vector<double>(8, 1.0));
}

TEST_CASE("number rejects nan and infinities even without bounds", "[csv_table]") {
  const double lowest = -std::numeric_limits<double>::infinity();
  const double highest = std::numeric_limits<double>::infinity();
  const auto issues = reader_issues("x\nnan\ninf\n-Infinity\n-1e300\n", [&](CsvReader& reader) {
    const std::size_t x = reader.column("x");
    for (std::size_t r = 0; r < reader.rows(); ++r) reader.number(r, x, lowest, highest);
  });
  REQUIRE(issues.size() == 3);
  CHECK(issues[0].expected == "a number");
  CHECK(issues[2].pointer == "line 4, column \"x\"");
  CHECK(issues[2].found == "\"-Infinity\"");
}

TEST_CASE("integer accepts whole numbers, also written as integral decimals", "[csv_table]") {
  std::vector<std::int64_t> values;
  const auto issues =
      reader_issues("n\n12\n12.0\n1e3\n-4\n9007199254740993\n", [&](CsvReader& reader) {
        const std::size_t n = reader.column("n");
        for (std::size_t r = 0; r < reader.rows(); ++r)
          values.push_back(reader.integer(r, n, -10, std::numeric_limits<std::int64_t>::max()));
      });
  CHECK(issues.empty());
  CHECK(values == std::vector<std::int64_t>{12, 12, 1000, -4, 9007199254740993});
}

TEST_CASE("integer rejects fractions, text and out-of-range values", "[csv_table]") {
  std::string path;
  std::vector<std::int64_t> values;
  const auto issues = reader_issues(
      "age\n12.5\nabc\n\"\"\n201\n-1\n99999999999999999999\n1e30\n",
      [&](CsvReader& reader) {
        const std::size_t age = reader.column("age");
        for (std::size_t r = 0; r < reader.rows(); ++r)
          values.push_back(reader.integer(r, age, 0, 200));
      },
      &path);
  REQUIRE(issues.size() == 7);
  CHECK(format_issue(issues[0]) ==
        path + ": line 2, column \"age\": expected a whole number in [0, 200], found \"12.5\"");
  CHECK(issues[1].found == "\"abc\"");
  CHECK(issues[2].found == "an empty field");
  CHECK(issues[3].found == "\"201\"");
  CHECK(issues[4].found == "\"-1\"");
  CHECK(issues[5].found == "\"99999999999999999999\"");
  CHECK(issues[6].pointer == "line 8, column \"age\"");
  CHECK(values == std::vector<std::int64_t>(7, 0));
}

TEST_CASE("choice accepts exact matches and lists the allowed values", "[csv_table]") {
  const std::vector<std::string> allowed{"first", "second", "third", "insertion"};
  std::vector<std::string> values;
  std::string path;
  const auto issues = reader_issues(
      "period\nsecond\ninsertion\nfourth\nFirst\n\n",
      [&](CsvReader& reader) {
        const std::size_t period = reader.column("period");
        for (std::size_t r = 0; r < reader.rows(); ++r)
          values.push_back(reader.choice(r, period, allowed));
      },
      &path);
  CHECK(values == std::vector<std::string>{"second", "insertion", "first", "first"});
  REQUIRE(issues.size() == 2);
  CHECK(format_issue(issues[0]) == path +
                                       ": line 4, column \"period\": expected one of first, "
                                       "second, third, insertion, found \"fourth\"");
  CHECK(issues[1].pointer == "line 5, column \"period\"");
  CHECK(issues[1].found == "\"First\" (values are case-sensitive)");
}

TEST_CASE("month reads YYYY-MM and rejects other forms", "[csv_table]") {
  std::vector<std::int32_t> values;
  std::string path;
  const auto issues = reader_issues(
      "start\n2026-01\n2030-12\n2026-13\n2026/01\n26-01\n\n",
      [&](CsvReader& reader) {
        const std::size_t start = reader.column("start");
        for (std::size_t r = 0; r < reader.rows(); ++r) values.push_back(reader.month(r, start));
      },
      &path);
  CHECK(values == std::vector<std::int32_t>{2026 * 12, 2030 * 12 + 11, 0, 0, 0});
  REQUIRE(issues.size() == 3);
  CHECK(issues[0].file == path);
  CHECK(issues[0].pointer == "line 4, column \"start\"");
  CHECK_THAT(issues[0].expected, Contains("a calendar month YYYY-MM"));
  CHECK(issues[0].found == "\"2026-13\"");
  CHECK(issues[1].found == "\"2026/01\"");
  CHECK(issues[2].found == "\"26-01\"");
}

TEST_CASE("text returns non-empty cells and rejects empty ones", "[csv_table]") {
  std::vector<std::string> values;
  const auto issues = reader_issues("name,n\nGent,1\n\"\",2\n  ,3\n", [&](CsvReader& reader) {
    const std::size_t name = reader.column("name");
    reader.column("n");
    for (std::size_t r = 0; r < reader.rows(); ++r) values.push_back(reader.text(r, name));
  });
  CHECK(values == std::vector<std::string>{"Gent", "", ""});
  REQUIRE(issues.size() == 2);
  CHECK(issues[0].pointer == "line 3, column \"name\"");
  CHECK(issues[0].expected == "a non-empty text");
  CHECK(issues[0].found == "an empty field");
  CHECK(issues[1].pointer == "line 4, column \"name\"");
}

TEST_CASE("a missing column names it and the header, once, and its cells add nothing",
          "[csv_table]") {
  std::string path;
  double number = -1;
  std::int64_t integer = -1;
  std::string text = "x";
  const auto issues = reader_issues(
      "region,age\nGent,30\n",
      [&](CsvReader& reader) {
        reader.column("region");
        reader.column("age");
        const std::size_t count = reader.column("count");
        CHECK(count == CsvReader::kMissingColumn);
        CHECK(reader.column("count") == CsvReader::kMissingColumn);
        number = reader.number(0, count, 5, 10);
        integer = reader.integer(0, count, 0, 10);
        text = reader.text(0, count);
        CHECK(reader.raw(0, count).empty());
      },
      &path);
  REQUIRE(issues.size() == 1);
  CHECK(format_issue(issues[0]) == path +
                                       ": line 1 (header): expected a column \"count\", found "
                                       "only the columns region, age");
  CHECK(number == 5);
  CHECK(integer == 0);
  CHECK(text.empty());
}

TEST_CASE("an optional column reports whether it exists and is never missing", "[csv_table]") {
  const auto issues = reader_issues("a,b\n1,2\n", [&](CsvReader& reader) {
    std::size_t index = 99;
    CHECK(reader.optional_column("b", index));
    CHECK(index == 1);
    CHECK_FALSE(reader.optional_column("c", index));
    CHECK(index == CsvReader::kMissingColumn);
    reader.column("a");
  });
  CHECK(issues.empty());
}

TEST_CASE("columns never asked for are reported as unknown", "[csv_table]") {
  std::string path;
  const auto issues = reader_issues(
      "region,cuont,age,extra\nGent,1,2,3\n",
      [&](CsvReader& reader) {
        reader.column("region");
        reader.column("age");
        std::size_t index = 0;
        reader.optional_column("count", index);
      },
      &path);
  REQUIRE(issues.size() == 2);
  CHECK(format_issue(issues[0]) == path +
                                       ": line 1 (header): expected one of the columns region, "
                                       "age, count, found an unknown column \"cuont\"");
  CHECK(issues[1].found == "an unknown column \"extra\"");
}

TEST_CASE("every bad cell is reported at once, in reading order", "[csv_table]") {
  const auto issues =
      reader_issues("region,age,count\nGent,abc,3\n,40,-3\nAalst,30,4\n", [&](CsvReader& reader) {
        const std::size_t region = reader.column("region");
        const std::size_t age = reader.column("age");
        const std::size_t count = reader.column("count");
        for (std::size_t r = 0; r < reader.rows(); ++r) {
          reader.text(r, region);
          reader.integer(r, age, 0, 120);
          reader.number(r, count, 0, 1e6);
        }
      });
  REQUIRE(issues.size() == 3);
  CHECK(issues[0].pointer == "line 2, column \"age\"");
  CHECK(issues[1].pointer == "line 3, column \"region\"");
  CHECK(issues[2].pointer == "line 3, column \"count\"");
  CHECK(issues[2].found == "\"-3\"");
}

TEST_CASE("finish lists at most 50 issues plus a count of the rest", "[csv_table]") {
  std::string text = "n\n";
  for (int i = 0; i < 60; ++i) text += "bad\n";
  std::size_t recorded = 0;
  std::string path;
  const auto issues = reader_issues(
      text,
      [&](CsvReader& reader) {
        const std::size_t n = reader.column("n");
        for (std::size_t r = 0; r < reader.rows(); ++r) reader.integer(r, n, 0, 10);
        recorded = reader.issues().size();
      },
      &path);
  CHECK(recorded == 60);
  REQUIRE(issues.size() == 51);
  CHECK(issues[49].pointer == "line 51, column \"n\"");
  CHECK(issues[50].file == path);
  CHECK(issues[50].pointer.empty());
  CHECK_THAT(issues[50].found, Contains("10 more problems"));
}

TEST_CASE("add_issue records caller checks at a cell, a row or any place", "[csv_table]") {
  std::string path;
  const auto issues = reader_issues(
      "a,b\n1,2\n3,4\n",
      [&](CsvReader& reader) {
        const std::size_t b = reader.column("b");
        reader.column("a");
        reader.add_issue(1, b, "b less than 4", "\"4\"");
        reader.add_issue(0, CsvReader::kMissingColumn, "a unique row", "a repeat of line 3");
        reader.add_issue("", "at least 3 rows", "2 rows");
        CHECK(reader.cell_pointer(1, 0) == "line 3, column \"a\"");
      },
      &path);
  REQUIRE(issues.size() == 3);
  CHECK(format_issue(issues[0]) ==
        path + ": line 3, column \"b\": expected b less than 4, found \"4\"");
  CHECK(issues[1].pointer == "line 2");
  CHECK(issues[2].pointer.empty());
  CHECK(issues[2].file == path);
}

TEST_CASE("finish does not throw for a clean read", "[csv_table]") {
  TempDir dir;
  const CsvTable table = read_csv_table(dir.write("ok.csv", "a\n1\n"));
  CsvReader reader(table);
  CHECK(reader.integer(0, reader.column("a"), 0, 5) == 1);
  CHECK(reader.line(0) == 2);
  CHECK_NOTHROW(reader.finish());
}

TEST_CASE("reading outside the table is a programming error", "[csv_table]") {
  TempDir dir;
  const CsvTable table = read_csv_table(dir.write("ok.csv", "a\n1\n"));
  CsvReader reader(table);
  const std::size_t a = reader.column("a");
  CHECK_THROWS_AS(reader.number(1, a, 0, 1), std::out_of_range);
  CHECK_THROWS_AS(reader.text(0, 3), std::out_of_range);
  CHECK(reader.issues().empty());
}

TEST_CASE("describe_cell quotes, escapes and shortens cell text", "[csv_table]") {
  CHECK(drempel::describe_cell("") == "an empty field");
  CHECK(drempel::describe_cell("a\"b\nc") == "\"a\\\"b\\nc\"");
  const std::string long_text(80, 'x');
  CHECK(drempel::describe_cell(long_text) == "\"" + std::string(60, 'x') + "\"...");
}

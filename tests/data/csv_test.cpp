// Tests of include/socialcure/data/csv.hpp: the delimited-text reader and writer.
#include "socialcure/data/csv.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "socialcure/core/error.hpp"
#include "socialcure/core/missing.hpp"

using socialcure::argument_error;
using socialcure::column;
using socialcure::csv_options;
using socialcure::data_error;
using socialcure::missing_value;
using socialcure::parse_csv;
using socialcure::table;

namespace {

// The data_error that parsing `text` throws, or nothing when it does not throw. Any other
// exception propagates and fails the test.
std::optional<data_error> csv_error(std::string_view text, const std::string& source = "test.csv",
                                    const csv_options& options = {}) {
  try {
    (void)parse_csv(text, source, options);
  } catch (const data_error& e) {
    return e;
  }
  return std::nullopt;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

std::vector<std::size_t> lines_of(const table& t) {
  return {t.source_lines().begin(), t.source_lines().end()};
}

std::vector<std::string> strings_of(const table& t, const std::string& name) {
  const auto s = t.text(name);
  return {s.begin(), s.end()};
}

// Checks the common parts of a reader error: the file and line in the message, and where().
void check_location(const data_error& e, const std::string& file, std::size_t line, const std::string& column) {
  CHECK(e.where().file == file);
  CHECK(e.where().line == line);
  CHECK(e.where().column == column);
  const std::string what = e.what();
  CAPTURE(what);
  if (line > 0) {
    CHECK(contains(what, file + ":" + std::to_string(line) + ":"));
  } else {
    CHECK(contains(what, file + ":"));
  }
  if (!column.empty()) CHECK(contains(what, "column '" + column + "'"));
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Well-formed input
// ---------------------------------------------------------------------------------------------

TEST_CASE("csv: simple numeric and text columns with their source lines") {
  const table t = parse_csv("id,score,group\nP1,4,a\nP2,5.5,b\n", "simple.csv");
  CHECK(t.source() == "simple.csv");
  CHECK(t.names() == std::vector<std::string>{"id", "score", "group"});
  REQUIRE(t.rows() == 2);
  CHECK(t.get("score").is_numeric());
  CHECK(t.numeric("score")[0] == 4.0);
  CHECK(t.numeric("score")[1] == 5.5);
  CHECK(strings_of(t, "id") == std::vector<std::string>{"P1", "P2"});
  CHECK(strings_of(t, "group") == std::vector<std::string>{"a", "b"});
  CHECK(lines_of(t) == std::vector<std::size_t>{2, 3});
}

TEST_CASE("csv: quoted field holding the delimiter") {
  const table t = parse_csv("id,label\nP1,\"Tea, Talk and Toast\"\nP2,plain\n", "q.csv");
  CHECK(strings_of(t, "label") == std::vector<std::string>{"Tea, Talk and Toast", "plain"});
}

TEST_CASE("csv: doubled quotes inside a quoted field") {
  const table t = parse_csv("id,label\nP1,\"The \"\"Tuesday Club\"\"\"\nP2,\"\"\"\"\n", "q.csv");
  CHECK(strings_of(t, "label") == std::vector<std::string>{"The \"Tuesday Club\"", "\""});
}

TEST_CASE("csv: newline inside quotes and physical line numbers of later records") {
  // Line 1 header; record on lines 2-3; record on line 4; record on lines 5-7; record on line 8.
  const std::string text =
      "id,label,score\n"
      "P1,\"two\nlines\",1\n"
      "P2,one,2\n"
      "P3,\"three\n\nlines\",3\n"
      "P4,x,4\n";
  const table t = parse_csv(text, "nl.csv");
  REQUIRE(t.rows() == 4);
  CHECK(strings_of(t, "label") == std::vector<std::string>{"two\nlines", "one", "three\n\nlines", "x"});
  CHECK(lines_of(t) == std::vector<std::size_t>{2, 4, 5, 8});
  // An error after a multi-line field names the physical line.
  const auto e = csv_error(text + "P5,y\n", "nl.csv");
  REQUIRE(e);
  check_location(*e, "nl.csv", 9, "");
}

TEST_CASE("csv: CRLF line ends and CRLF inside quotes") {
  const std::string text = "id,label,score\r\nP1,\"a\r\nb\",1\r\nP2,c,2\r\n";
  const table t = parse_csv(text, "crlf.csv");
  REQUIRE(t.rows() == 2);
  // A quoted field is kept as written, including its CRLF.
  CHECK(strings_of(t, "label") == std::vector<std::string>{"a\r\nb", "c"});
  CHECK(t.numeric("score")[1] == 2.0);
  // No stray CR at the end of the last field or the last header name.
  CHECK(t.names() == std::vector<std::string>{"id", "label", "score"});
  CHECK(lines_of(t) == std::vector<std::size_t>{2, 4});
}

TEST_CASE("csv: lone CR line ends") {
  const table t = parse_csv("id,score\rP1,1\rP2,2\r\rP3,3", "cr.csv");
  REQUIRE(t.rows() == 3);
  CHECK(strings_of(t, "id") == std::vector<std::string>{"P1", "P2", "P3"});
  CHECK(t.numeric("score")[2] == 3.0);
  // Line 4 is blank (CR CR).
  CHECK(lines_of(t) == std::vector<std::size_t>{2, 3, 5});
  // A lone CR inside quotes counts as a line break too.
  const table q = parse_csv("id,label\rP1,\"a\rb\"\rP2,c\r", "cr.csv");
  CHECK(strings_of(q, "label") == std::vector<std::string>{"a\rb", "c"});
  CHECK(lines_of(q) == std::vector<std::size_t>{2, 4});
}

TEST_CASE("csv: LF line ends mixed with CRLF") {
  const table t = parse_csv("id,score\nP1,1\r\nP2,2\n", "mixed.csv");
  CHECK(lines_of(t) == std::vector<std::size_t>{2, 3});
  CHECK(t.numeric("score")[0] == 1.0);
}

TEST_CASE("csv: UTF-8 byte-order mark is skipped") {
  const table t = parse_csv("\xEF\xBB\xBFid,score\nP1,1\n", "bom.csv");
  CHECK(t.names() == std::vector<std::string>{"id", "score"});
  CHECK(t.has("id"));
  CHECK(lines_of(t) == std::vector<std::size_t>{2});
  // A BOM before a quoted header name.
  const table q = parse_csv("\xEF\xBB\xBF\"id\",score\nP1,1\n", "bom.csv");
  CHECK(q.names() == std::vector<std::string>{"id", "score"});
  // UTF-8 inside data is kept byte for byte.
  const table u = parse_csv("name\nZo\xC3\xAB\n", "utf8.csv");
  CHECK(strings_of(u, "name") == std::vector<std::string>{"Zo\xC3\xAB"});
}

TEST_CASE("csv: a broken byte-order mark is an error on line 1") {
  const auto e = csv_error("\xEF\xBB" "id\nP1\n", "bom.csv");
  REQUIRE(e);
  check_location(*e, "bom.csv", 1, "");
}

TEST_CASE("csv: spaces and tabs around unquoted fields are trimmed") {
  const table t = parse_csv(" id , score ,label\n  P1  ,\t 4 \t, two  words \n", "sp.csv");
  CHECK(t.names() == std::vector<std::string>{"id", "score", "label"});
  CHECK(strings_of(t, "id") == std::vector<std::string>{"P1"});
  CHECK(t.get("score").is_numeric());
  CHECK(t.numeric("score")[0] == 4.0);
  // Inner spaces stay.
  CHECK(strings_of(t, "label") == std::vector<std::string>{"two  words"});
}

TEST_CASE("csv: a quoted field keeps its spaces") {
  const table t = parse_csv("id,label\nP1,\" padded \"\nP2,  \"x\"  \n", "sp.csv");
  CHECK(strings_of(t, "label") == std::vector<std::string>{" padded ", "x"});
}

TEST_CASE("csv: blank lines are skipped and do not shift line numbers") {
  const table t = parse_csv("\n\nid,score\n\nP1,1\n\n\nP2,2\n\n", "blank.csv");
  CHECK(t.names() == std::vector<std::string>{"id", "score"});
  REQUIRE(t.rows() == 2);
  CHECK(lines_of(t) == std::vector<std::size_t>{5, 8});
}

TEST_CASE("csv: last record without a trailing newline") {
  const table t = parse_csv("id,score\nP1,1\nP2,2", "eof.csv");
  REQUIRE(t.rows() == 2);
  CHECK(t.numeric("score")[1] == 2.0);
  // Last field empty at the end of the input: still a field (missing).
  const table e = parse_csv("id,score\nP1,1\nP2,", "eof.csv");
  REQUIRE(e.rows() == 2);
  CHECK(e.get("score").is_missing(1));
  // Last field quoted at the end of the input.
  const table q = parse_csv("id,label\nP1,\"a,b\"", "eof.csv");
  CHECK(strings_of(q, "label") == std::vector<std::string>{"a,b"});
}

TEST_CASE("csv: a quoted header name") {
  const table t = parse_csv("\"id\",\"a,b\"\nP1,1\n", "h.csv");
  CHECK(t.names() == std::vector<std::string>{"id", "a,b"});
}

TEST_CASE("csv: quoted empty field is missing") {
  const table t = parse_csv("id,score,label\nP1,\"\",\"\"\nP2,2,x\n", "qe.csv");
  CHECK(t.get("score").is_missing(0));
  CHECK(t.get("label").is_missing(0));
  CHECK(strings_of(t, "label")[1] == "x");
}

// ---------------------------------------------------------------------------------------------
// Type inference
// ---------------------------------------------------------------------------------------------

TEST_CASE("csv: a column of numbers is numeric") {
  const table t = parse_csv("x\n-1.5\n+2\n3e-2\n.5\n5.\n1E+3\n0\n", "num.csv");
  REQUIRE(t.get("x").is_numeric());
  const auto x = t.numeric("x");
  const std::vector<double> expected = {-1.5, 2.0, 3e-2, 0.5, 5.0, 1000.0, 0.0};
  REQUIRE(x.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) CHECK(same_bits(x[i], expected[i]));
}

TEST_CASE("csv: a column of text with missing values is text") {
  const table t = parse_csv("id,g\nP1,female\nP2,\nP3,NA\nP4,male\n", "txt.csv");
  const column& g = t.get("g");
  REQUIRE_FALSE(g.is_numeric());
  CHECK(g.missing_count() == 2);
  CHECK(g.is_missing(1));
  CHECK(g.is_missing(2));
  CHECK(strings_of(t, "g") == std::vector<std::string>{"female", "", "", "male"});
}

TEST_CASE("csv: missing values before the first number are kept in a numeric column") {
  const table t = parse_csv("id,x\nP1,\nP2,NA\nP3,7\nP4,\n", "lead.csv");
  const column& x = t.get("x");
  REQUIRE(x.is_numeric());
  REQUIRE(x.size() == 4);
  CHECK(x.is_missing(0));
  CHECK(x.is_missing(1));
  CHECK(x.numbers()[2] == 7.0);
  CHECK(x.is_missing(3));
  CHECK(x.missing_count() == 3);
}

TEST_CASE("csv: missing values before the first text are kept in a text column") {
  const table t = parse_csv("id,g\nP1,\nP2,b\n", "lead.csv");
  const column& g = t.get("g");
  REQUIRE_FALSE(g.is_numeric());
  CHECK(g.is_missing(0));
  CHECK(g.strings()[1] == "b");
}

TEST_CASE("csv: an all-missing column is numeric") {
  const table t = parse_csv("id,x\nP1,\nP2,NA\nP3,\n", "allna.csv");
  const column& x = t.get("x");
  CHECK(x.is_numeric());
  CHECK(x.size() == 3);
  CHECK(x.missing_count() == 3);
}

TEST_CASE("csv: a mixed column after numbers names the first non-number") {
  const auto e = csv_error("id,score\nP1,1\nP2,2\nP3,abc\nP4,4\nP5,def\n", "mix.csv");
  REQUIRE(e);
  check_location(*e, "mix.csv", 4, "score");
  CHECK(e->value() == "abc");
  // The message also names the line of the first number.
  CHECK(contains(e->what(), "line 2"));
}

TEST_CASE("csv: a mixed column with text first names the text line and the number line") {
  const auto e = csv_error("id,score\nP1,abc\nP2,\nP3,3\n", "mix.csv");
  REQUIRE(e);
  check_location(*e, "mix.csv", 2, "score");
  CHECK(e->value() == "abc");
  CHECK(contains(e->what(), "line 4"));
  CHECK(contains(e->what(), "\"3\""));
}

TEST_CASE("csv: a mixed column with several texts names the first text") {
  const auto e = csv_error("id,score\nP1,abc\nP2,def\nP3,3\n", "mix.csv");
  REQUIRE(e);
  check_location(*e, "mix.csv", 2, "score");
  CHECK(e->value() == "abc");
}

// ---------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------

TEST_CASE("csv: text_columns keeps numbers as text") {
  csv_options options;
  options.text_columns = {"zip"};
  const table t = parse_csv("id,zip\nP1,01234\nP2,5\nP3,NA\n", "zip.csv", options);
  const column& zip = t.get("zip");
  REQUIRE_FALSE(zip.is_numeric());
  CHECK(strings_of(t, "zip") == std::vector<std::string>{"01234", "5", ""});
  CHECK(zip.is_missing(2));
  // In a text column even an out-of-range number is just text.
  options.text_columns = {"code"};
  const table c = parse_csv("id,code\nP1,1e400\nP2,nan\n", "code.csv", options);
  CHECK(strings_of(c, "code") == std::vector<std::string>{"1e400", "nan"});
}

TEST_CASE("csv: a quoted number is a number") {
  const table t = parse_csv("id,x\nP1,\"3\"\nP2,\"-0.5\"\n", "qn.csv");
  REQUIRE(t.get("x").is_numeric());
  CHECK(t.numeric("x")[0] == 3.0);
  CHECK(t.numeric("x")[1] == -0.5);
  // Quoted spaces are kept, so " 4" is not a number.
  const auto e = csv_error("id,x\nP1,3\nP2,\" 4\"\n", "qn.csv");
  REQUIRE(e);
  check_location(*e, "qn.csv", 3, "x");
  CHECK(e->value() == " 4");
}

TEST_CASE("csv: numeric_columns accepts an all-missing column") {
  csv_options options;
  options.numeric_columns = {"x"};
  const table t = parse_csv("id,x\nP1,\nP2,NA\n", "n.csv", options);
  CHECK(t.get("x").is_numeric());
  CHECK(t.get("x").missing_count() == 2);
}

TEST_CASE("csv: numeric_columns on a column that holds only text is an error") {
  csv_options options;
  options.numeric_columns = {"g"};
  const auto e = csv_error("id,g\nP1,\nP2,female\nP3,male\n", "n.csv", options);
  REQUIRE(e);
  check_location(*e, "n.csv", 3, "g");
  CHECK(e->value() == "female");
}

TEST_CASE("csv: id_column is text and must be unique and present") {
  csv_options options;
  options.id_column = "id";
  const table t = parse_csv("id,x\n001,1\n2,2\n", "ids.csv", options);
  REQUIRE_FALSE(t.get("id").is_numeric());
  CHECK(strings_of(t, "id") == std::vector<std::string>{"001", "2"});
}

TEST_CASE("csv: columns option keeps only the requested columns and the id") {
  csv_options options;
  options.columns = {"c", "a"};
  options.id_column = "id";
  // Column b mixes numbers and text, but it is not stored, so it is not checked for type.
  const table t = parse_csv("id,a,b,c\nP1,1,x,q\nP2,2,3,r\n", "cols.csv", options);
  CHECK(t.names() == std::vector<std::string>{"id", "a", "c"});
  CHECK(t.numeric("a")[1] == 2.0);
  CHECK(strings_of(t, "c") == std::vector<std::string>{"q", "r"});
  CHECK(lines_of(t) == std::vector<std::size_t>{2, 3});
}

TEST_CASE("csv: columns option still checks that every record is well formed") {
  csv_options options;
  options.columns = {"a"};
  const auto e = csv_error("a,b\n1,2\n3\n", "cols.csv", options);
  REQUIRE(e);
  check_location(*e, "cols.csv", 3, "");
}

TEST_CASE("csv: a requested column that does not exist lists the available names") {
  const std::string text = "id,age,score\nP1,30,1\n";
  auto check_missing = [&](const csv_options& options, const std::string& name) {
    try {
      (void)parse_csv(text, "req.csv", options);
      FAIL("expected argument_error");
    } catch (const argument_error& e) {
      const std::string what = e.what();
      CAPTURE(what);
      CHECK(contains(what, "req.csv"));
      CHECK(contains(what, "'" + name + "'"));
      CHECK(contains(what, "id, age, score"));
    }
  };
  csv_options columns;
  columns.columns = {"age", "weight"};
  check_missing(columns, "weight");
  csv_options id;
  id.id_column = "pid";
  check_missing(id, "pid");
  csv_options text_option;
  text_option.text_columns = {"nope"};
  check_missing(text_option, "nope");
  csv_options numeric;
  numeric.numeric_columns = {"nada"};
  check_missing(numeric, "nada");
}

TEST_CASE("csv: impossible options are argument errors") {
  csv_options quote;
  quote.delimiter = '"';
  CHECK_THROWS_AS((void)parse_csv("a\n1\n", "o.csv", quote), argument_error);
  csv_options newline;
  newline.delimiter = '\n';
  CHECK_THROWS_AS((void)parse_csv("a\n1\n", "o.csv", newline), argument_error);
  csv_options both;
  both.text_columns = {"a"};
  both.numeric_columns = {"a"};
  CHECK_THROWS_AS((void)parse_csv("a\n1\n", "o.csv", both), argument_error);
  csv_options numeric_id;
  numeric_id.id_column = "a";
  numeric_id.numeric_columns = {"a"};
  CHECK_THROWS_AS((void)parse_csv("a\n1\n", "o.csv", numeric_id), argument_error);
}

TEST_CASE("csv: default missing codes are the empty field and NA") {
  const csv_options defaults;
  CHECK(defaults.missing_codes == std::vector<std::string>{"", "NA"});
  const table t = parse_csv("id,x\nP1,NA\nP2, NA \nP3,\nP4,1\n", "na.csv");
  CHECK(t.get("x").is_numeric());
  CHECK(t.get("x").missing_count() == 3);
  // "na" and "N/A" are not missing codes by default.
  const auto e = csv_error("id,x\nP1,1\nP2,na\n", "na.csv");
  REQUIRE(e);
  CHECK(e->value() == "na");
}

TEST_CASE("csv: a numeric missing code also matches the same number written differently") {
  csv_options options;
  options.missing_codes = {"", "NA", "-99"};
  const table t = parse_csv("id,x\nP1,-99\nP2,-99.0\nP3,-9.9e1\nP4,3\nP5,99\n", "m.csv", options);
  const column& x = t.get("x");
  REQUIRE(x.is_numeric());
  CHECK(x.missing_count() == 3);
  CHECK(x.is_missing(0));
  CHECK(x.is_missing(1));
  CHECK(x.is_missing(2));
  CHECK(x.numbers()[3] == 3.0);
  CHECK(x.numbers()[4] == 99.0);
}

TEST_CASE("csv: a numeric missing code written differently in a text column is missing") {
  // csv.hpp: "-99.0" is the missing code "-99" written differently, and a column with no
  // numbers (only text and missing codes) is text. So g is text: "a", missing, "b".
  csv_options options;
  options.missing_codes = {"", "NA", "-99"};
  const table t = parse_csv("id,g\nP1,a\nP2,-99.0\nP3,b\n", "m.csv", options);
  const column& g = t.get("g");
  REQUIRE_FALSE(g.is_numeric());
  CHECK(g.missing_count() == 1);
  CHECK(g.is_missing(1));
  CHECK(strings_of(t, "g")[2] == "b");
}

TEST_CASE("csv: a dot is missing when declared and an error when not") {
  csv_options options;
  options.missing_codes = {"", "."};
  const table t = parse_csv("id,x\nP1,.\nP2,2.5\nP3,\n", "dot.csv", options);
  CHECK(t.get("x").is_numeric());
  CHECK(t.get("x").missing_count() == 2);
  CHECK(t.numeric("x")[1] == 2.5);
  const auto e = csv_error("id,x\nP1,.\nP2,2.5\n", "dot.csv");
  REQUIRE(e);
  check_location(*e, "dot.csv", 2, "x");
  CHECK(e->value() == ".");
}

TEST_CASE("csv: replacing the missing codes makes NA an ordinary value") {
  csv_options options;
  options.missing_codes = {"", "."};
  const auto e = csv_error("id,x\nP1,.\nP2,2.5\nP3,NA\n", "dot.csv", options);
  REQUIRE(e);
  check_location(*e, "dot.csv", 4, "x");
  CHECK(e->value() == "NA");
}

TEST_CASE("csv: delimiter chosen by file name") {
  CHECK(socialcure::delimiter_for("data.tsv") == '\t');
  CHECK(socialcure::delimiter_for("DATA.TSV") == '\t');
  CHECK(socialcure::delimiter_for("data.tab") == '\t');
  CHECK(socialcure::delimiter_for("data.csv") == ',');
  CHECK(socialcure::delimiter_for("data.txt") == ',');
  CHECK(socialcure::delimiter_for("tsv") == ',');
  const table t = parse_csv("id\tlabel\tscore\nP1\ta, b\t 4 \n", "data.tsv");
  CHECK(t.names() == std::vector<std::string>{"id", "label", "score"});
  CHECK(strings_of(t, "label") == std::vector<std::string>{"a, b"});
  CHECK(t.numeric("score")[0] == 4.0);
}

TEST_CASE("csv: an empty field between tabs is missing in a tsv file") {
  const table t = parse_csv("id\tx\ty\nP1\t\t2\n", "data.tsv");
  CHECK(t.get("x").is_missing(0));
  CHECK(t.numeric("y")[0] == 2.0);
}

TEST_CASE("csv: explicit semicolon delimiter") {
  csv_options options;
  options.delimiter = ';';
  const table t = parse_csv("id;label;score\nP1;1,5;2\nP2;\"x;y\";3\n", "data.csv", options);
  CHECK(t.names() == std::vector<std::string>{"id", "label", "score"});
  // "1,5" is one field and not a number: label is text.
  CHECK(strings_of(t, "label") == std::vector<std::string>{"1,5", "x;y"});
  CHECK(t.numeric("score")[1] == 3.0);
}

TEST_CASE("csv: a delimiter byte above 127 splits fields or is rejected") {
  // A single-byte delimiter such as 0xA6 (broken bar in Latin-1) must either split the fields or
  // be refused as an impossible option; it must not be silently ignored.
  csv_options options;
  options.delimiter = '\xA6';
  try {
    const table t = parse_csv("a\xA6" "b\n1\xA6" "2\n", "latin1.csv", options);
    CHECK(t.names() == std::vector<std::string>{"a", "b"});
    CHECK(t.cols() == 2);
  } catch (const argument_error&) {
    // Rejected by csv_options::validate: acceptable.
  }
}

// ---------------------------------------------------------------------------------------------
// Bad input: every case is a data_error naming file, line, column and value.
// ---------------------------------------------------------------------------------------------

TEST_CASE("csv: ragged row with too few fields names the line") {
  const auto e = csv_error("id,a,b\nP1,1,2\nP2,3\nP3,4,5\n", "ragged.csv");
  REQUIRE(e);
  check_location(*e, "ragged.csv", 3, "");
  CHECK(e->value().empty());
  CHECK(contains(e->what(), "2 fields"));
  CHECK(contains(e->what(), "header has 3"));
}

TEST_CASE("csv: ragged row with too many fields names the line") {
  const auto e = csv_error("id,a\nP1,1\n\nP2,3,4\n", "ragged.csv");
  REQUIRE(e);
  check_location(*e, "ragged.csv", 4, "");
  CHECK(contains(e->what(), "3 fields"));
  CHECK(contains(e->what(), "header has 2"));
}

TEST_CASE("csv: a line of spaces is a record not a blank line") {
  const auto e = csv_error("id,a\nP1,1\n   \nP2,2\n", "ragged.csv");
  REQUIRE(e);
  check_location(*e, "ragged.csv", 3, "");
  CHECK(contains(e->what(), "1 field,"));
}

TEST_CASE("csv: unterminated quote names the line where the quoted field started") {
  const auto e = csv_error("id,a\nP1,1\nP2,\"abc\nP3,3\nP4,4\n", "unterminated.csv");
  REQUIRE(e);
  check_location(*e, "unterminated.csv", 3, "a");
  CHECK(e->value().rfind("abc", 0) == 0);
  CHECK(contains(e->what(), "unterminated"));
}

TEST_CASE("csv: unterminated quote at the very end of the input") {
  const auto e = csv_error("id,a\nP1,\"", "unterminated.csv");
  REQUIRE(e);
  check_location(*e, "unterminated.csv", 2, "a");
  CHECK(e->value().empty());
}

TEST_CASE("csv: a long unterminated value is abbreviated") {
  const std::string long_text(100, 'x');
  const auto e = csv_error("id,a\nP1,\"" + long_text, "unterminated.csv");
  REQUIRE(e);
  CHECK(e->value() == std::string(40, 'x') + "...");
}

TEST_CASE("csv: a quote inside an unquoted field is an error") {
  const auto e = csv_error("id,score\nP1,4\nP2,5\nP3,a\"b\n", "stray.csv");
  REQUIRE(e);
  check_location(*e, "stray.csv", 4, "score");
  CHECK(e->value() == "a\"");
}

TEST_CASE("csv: text after a closing quote is an error") {
  const auto e = csv_error("id,label\nP1,\"abc\"x\n", "after.csv");
  REQUIRE(e);
  check_location(*e, "after.csv", 2, "label");
  CHECK(e->value() == "\"abc\"x");
}

TEST_CASE("csv: text after a closing quote of a multi-line field names the closing line") {
  const auto e = csv_error("id,label\nP1,\"a\nb\" c\n", "after.csv");
  REQUIRE(e);
  CHECK(e->where().line == 3);
  // Spaces after the closing quote are skipped before the offending character.
  CHECK(e->value() == "\"a\nb\"c");
}

TEST_CASE("csv: non-numeric values in a numeric column") {
  for (const char* bad : {"12abc", "1.2.3", "nan", "NaN", "inf", "-inf", "0x10", "1,5"}) {
    CAPTURE(bad);
    const std::string field = std::string(bad) == "1,5" ? "\"1,5\"" : std::string(bad);
    const auto e = csv_error("id,score\nP1,4\n" "P2," + field + "\nP3,6\n", "nan.csv");
    REQUIRE(e);
    check_location(*e, "nan.csv", 3, "score");
    CHECK(e->value() == bad);
    CHECK(e->problem() == "value is not a number");
    CHECK(contains(e->what(), std::string("\"") + bad + "\""));
  }
}

TEST_CASE("csv: two decimal points before any number names that line") {
  const auto e = csv_error("id,score\nP1,1.2.3\nP2,4\n", "two_points.csv");
  REQUIRE(e);
  check_location(*e, "two_points.csv", 2, "score");
  CHECK(e->value() == "1.2.3");
}

TEST_CASE("csv: nan declared as a missing code is missing") {
  csv_options options;
  options.missing_codes = {"", "NA", "nan"};
  const table t = parse_csv("id,score\nP1,4\nP2,nan\n", "nan.csv", options);
  CHECK(t.get("score").is_numeric());
  CHECK(t.get("score").is_missing(1));
  CHECK(t.get("score").missing_count() == 1);
  CHECK(t.numeric("score")[0] == 4.0);
}

TEST_CASE("csv: overflow and underflow are errors with their location") {
  for (const char* bad : {"1e400", "-1e400", "1e-400"}) {
    CAPTURE(bad);
    const auto e = csv_error(std::string("id,score\nP1,4\nP2,") + bad + "\n", "overflow.csv");
    REQUIRE(e);
    check_location(*e, "overflow.csv", 3, "score");
    CHECK(e->value() == bad);
    CHECK(contains(e->what(), "out of the range"));
  }
  // Even as the first value of a column.
  const auto first = csv_error("id,score\nP1,1e400\nP2,4\n", "overflow.csv");
  REQUIRE(first);
  check_location(*first, "overflow.csv", 2, "score");
}

TEST_CASE("csv: duplicate column names") {
  const auto e = csv_error("id,score,age,score\nP1,4,50,5\n", "dup.csv");
  REQUIRE(e);
  check_location(*e, "dup.csv", 1, "score");
  CHECK(e->value() == "score");
  CHECK(contains(e->what(), "columns 2 and 4"));
}

TEST_CASE("csv: duplicate column names after trimming") {
  const auto e = csv_error("a, a\n1,2\n", "dup.csv");
  REQUIRE(e);
  check_location(*e, "dup.csv", 1, "a");
}

TEST_CASE("csv: an empty header name") {
  const auto e = csv_error("id,,score\nP1,1,2\n", "noname.csv");
  REQUIRE(e);
  check_location(*e, "noname.csv", 1, "");
  CHECK(contains(e->what(), "column 2"));
  const auto trailing = csv_error("\n\nid,score,\nP1,1,2\n", "noname.csv");
  REQUIRE(trailing);
  check_location(*trailing, "noname.csv", 3, "");
  CHECK(contains(trailing->what(), "column 3"));
}

TEST_CASE("csv: an empty file of 0 bytes") {
  const auto e = csv_error("", "empty.csv");
  REQUIRE(e);
  check_location(*e, "empty.csv", 1, "");
  CHECK(contains(e->what(), "empty"));
}

TEST_CASE("csv: a file holding only a byte-order mark or blank lines is empty") {
  const auto bom = csv_error("\xEF\xBB\xBF", "bom_only.csv");
  REQUIRE(bom);
  check_location(*bom, "bom_only.csv", 1, "");
  CHECK(contains(bom->what(), "empty"));
  const auto blank = csv_error("\n\r\n\n", "blank.csv");
  REQUIRE(blank);
  CHECK(contains(blank->what(), "empty"));
}

TEST_CASE("csv: a header without data rows") {
  const auto e = csv_error("id,score\n", "header_only.csv");
  REQUIRE(e);
  check_location(*e, "header_only.csv", 1, "");
  CHECK(contains(e->what(), "no data rows"));
  const auto blank = csv_error("id,score\n\n\n", "header_only.csv");
  REQUIRE(blank);
  CHECK(contains(blank->what(), "no data rows"));
}

TEST_CASE("csv: duplicate respondent ids name both lines") {
  csv_options options;
  options.id_column = "id";
  const auto e = csv_error("id,score\nP1,4\nP2,5\nP1,6\n", "dup_id.csv", options);
  REQUIRE(e);
  check_location(*e, "dup_id.csv", 4, "id");
  CHECK(e->where().respondent == "P1");
  CHECK(e->value() == "P1");
  CHECK(contains(e->what(), "first on line 2"));
  // Without an id column the same data are fine.
  CHECK(parse_csv("id,score\nP1,4\nP2,5\nP1,6\n", "dup_id.csv").rows() == 3);
}

TEST_CASE("csv: a missing respondent id names the line") {
  csv_options options;
  options.id_column = "id";
  const auto e = csv_error("id,score\nP1,4\n,5\n", "no_id.csv", options);
  REQUIRE(e);
  check_location(*e, "no_id.csv", 3, "id");
  CHECK(e->value().empty());
  const auto na = csv_error("id,score\nP1,4\n\nNA,5\n", "no_id.csv", options);
  REQUIRE(na);
  check_location(*na, "no_id.csv", 4, "id");
}

TEST_CASE("csv: read_csv on a path that does not exist") {
  const std::string path = SOCIALCURE_TEST_DIR "/no/such/dir/missing_file.csv";
  try {
    (void)socialcure::read_csv(path);
    FAIL("expected data_error");
  } catch (const data_error& e) {
    CHECK(e.where().file == path);
    CHECK(contains(e.what(), path));
  }
}

TEST_CASE("csv: read_csv from a file and from a stream") {
  const auto path = std::filesystem::temp_directory_path() / "socialcure_csv_test_read.tsv";
  {
    std::ofstream out(path, std::ios::binary);
    out << "\xEF\xBB\xBFid\tscore\r\nP1\t1.5\r\nP2\tNA\r\n";
  }
  const table t = socialcure::read_csv(path.string());
  std::filesystem::remove(path);
  CHECK(t.source() == path.string());
  CHECK(t.names() == std::vector<std::string>{"id", "score"});  // tab chosen from ".tsv"
  REQUIRE(t.rows() == 2);
  CHECK(t.numeric("score")[0] == 1.5);
  CHECK(t.get("score").is_missing(1));

  std::istringstream in("a,b\n1,2\n");
  const table s = socialcure::read_csv(in, "stream");
  CHECK(s.source() == "stream");
  CHECK(s.numeric("b")[0] == 2.0);
}

TEST_CASE("csv: records longer than the read buffer") {
  // A quoted field of 200000 characters spans several 64 KiB buffer refills.
  const std::string big(200000, 'z');
  const table t = parse_csv("id,label,x\nP1,\"" + big + "\",1\nP2,b,2\n", "big.csv");
  REQUIRE(t.rows() == 2);
  CHECK(strings_of(t, "label")[0] == big);
  CHECK(t.numeric("x")[1] == 2.0);
  CHECK(lines_of(t) == std::vector<std::size_t>{2, 3});
}

// ---------------------------------------------------------------------------------------------
// write_csv
// ---------------------------------------------------------------------------------------------

TEST_CASE("csv: write_csv quotes only when needed") {
  table t("w");
  t.add(column("id", std::vector<std::string>{"P1", "P2"}));
  t.add(column("label", std::vector<std::string>{"a,b", "say \"hi\""}));
  t.add(column("x", std::vector<double>{0.5, missing_value}));
  std::ostringstream out;
  socialcure::write_csv(out, t);
  CHECK(out.str() == "id,label,x\nP1,\"a,b\",0.5\nP2,\"say \"\"hi\"\"\",\n");
}

TEST_CASE("csv: write_csv then parse_csv round-trips text and numbers exactly") {
  const std::vector<std::string> labels = {
      "plain", "comma, inside", "quote \" inside", "two\nlines", "", " leading space", "crlf\r\nend", "tab\tin"};
  const std::vector<bool> label_missing = {false, false, false, false, true, false, false, false};
  const std::vector<double> x = {0.1, 1.0 / 3.0, -2.5e10, 1e-300, missing_value, -0.0, 123456789.125,
                                 std::numeric_limits<double>::max()};
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < labels.size(); ++i) ids.push_back("P" + std::to_string(i + 1));

  table original("orig");
  original.add(column("id", ids));
  original.add(column("label, \"quoted\" name", labels, label_missing));
  original.add(column("x", x));

  std::ostringstream out;
  socialcure::write_csv(out, original);
  csv_options options;
  options.id_column = "id";
  options.text_columns = {"label, \"quoted\" name"};
  const table back = parse_csv(out.str(), "back.csv", options);

  REQUIRE(back.names() == original.names());
  REQUIRE(back.rows() == original.rows());
  CHECK(strings_of(back, "id") == ids);
  const column& l = back.get("label, \"quoted\" name");
  REQUIRE_FALSE(l.is_numeric());
  for (std::size_t i = 0; i < labels.size(); ++i) {
    CAPTURE(i);
    CHECK(l.is_missing(i) == label_missing[i]);
    if (!label_missing[i]) CHECK(l.strings()[i] == labels[i]);
  }
  const column& bx = back.get("x");
  REQUIRE(bx.is_numeric());
  for (std::size_t i = 0; i < x.size(); ++i) {
    CAPTURE(i);
    if (socialcure::is_missing(x[i])) {
      CHECK(bx.is_missing(i));
    } else {
      CHECK(same_bits(bx.numbers()[i], x[i]));
    }
  }
}

TEST_CASE("csv: write_csv quotes a first column name that starts with the byte 0xEF") {
  // Regression (found by tests/fuzz/fuzz_csv): the first name, written unquoted at the start of the
  // file, read back as a broken byte-order mark (an error) or lost a leading byte-order mark.
  const std::vector<std::string> names = {"\xEF\xBB\xBF" "id", "\xEF\xBD\x89\xEF\xBD\x84" /* fullwidth "id" */,
                                          "\xEF" "x"};
  for (const auto& name : names) {
    CAPTURE(name);
    table t("w");
    t.add(column(name, std::vector<double>{1.0}));
    t.add(column("\xEF" "y", std::vector<double>{2.0}));  // not first: needs no quotes
    std::ostringstream out;
    socialcure::write_csv(out, t);
    CHECK(out.str() == "\"" + name + "\",\xEF" "y\n1,2\n");
    const table back = parse_csv(out.str(), "back.csv");
    CHECK(back.names() == t.names());
  }
}

TEST_CASE("csv: write_csv with a tab delimiter round-trips") {
  table t;
  t.add(column("g", std::vector<std::string>{"a\tb", "c,d"}));
  t.add(column("y", std::vector<double>{2.0, 0.1}));
  std::ostringstream out;
  socialcure::write_csv(out, t, '\t');
  CHECK(out.str() == "g\ty\n\"a\tb\"\t2\nc,d\t0.1\n");
  const table back = parse_csv(out.str(), "back.tsv");
  CHECK(strings_of(back, "g") == std::vector<std::string>{"a\tb", "c,d"});
  CHECK(back.numeric("y")[1] == 0.1);
}

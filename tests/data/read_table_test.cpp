// Tests of include/socialcure/data/read_table.hpp: one reader for CSV/TSV, SPSS, Stata and the
// bundled samples, with one rule for missing codes. SPSS/Stata files are written at test time with
// ReadStat's writer (tests/support/stat_writer.hpp).
#include "socialcure/data/read_table.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <string>
#include <vector>

#include "socialcure/core/error.hpp"
#include "socialcure/core/missing.hpp"
#include "support.hpp"
#include "support/stat_writer.hpp"

using socialcure::argument_error;
using socialcure::column;
using socialcure::missing_value;
using socialcure::read_options;
using socialcure::read_table;
using socialcure::read_table_with_metadata;
using socialcure::table;
using socialcure_test::contains;
using socialcure_test::data_error_of;
using socialcure_test::message_of;
using socialcure_test::missing_of;
using socialcure_test::strings_of;

namespace {

void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// The same respondents as the CSV text below: a numeric column holding the code -99 and a text
// column holding "NA", "-99" and an empty value.
table coded_table() {
  table t("coded");
  t.add(column("id", std::vector<std::string>{"A", "B", "C", "D"}));
  t.add(column("score", std::vector<double>{1.5, -99.0, missing_value, 4.0}));
  t.add(column("note", std::vector<std::string>{"NA", "-99", "", "ok"}, std::vector<bool>{false, false, true, false}));
  return t;
}

constexpr const char* coded_csv = "id,score,note\nA,1.5,NA\nB,-99.0,-99\nC,,\nD,4,ok\n";

// The coded respondents as CSV, SPSS and Stata files.
struct coded_files {
  socialcure_test::temp_dir dir{"socialcure_read_table_test"};
  std::string csv = dir.file("coded.csv");
  std::string sav = dir.file("coded.sav");
  std::string dta = dir.file("coded.dta");
  coded_files() {
    write_text(csv, coded_csv);
    socialcure_test::write_stat_file(sav, coded_table());
    socialcure_test::write_stat_file(dta, coded_table());
  }
};

}  // namespace

TEST_CASE("read_table: a CSV file, with the id and text columns read as text") {
  socialcure_test::temp_dir dir("socialcure_read_table_test");
  const std::string path = dir.file("panel.csv");
  write_text(path, "id,age,code\nP1,30,7\nP2,41,8\n");
  read_options o;
  o.id_column = "id";
  o.text_columns = {"code", "code"};  // a repeated name is kept once
  const table t = read_table(path, o);
  CHECK(t.source() == path);
  CHECK(t.names() == std::vector<std::string>{"id", "age", "code"});
  CHECK_FALSE(t.get("id").is_numeric());
  CHECK_FALSE(t.get("code").is_numeric());
  CHECK(strings_of(t, "code") == std::vector<std::string>{"7", "8"});
  CHECK(t.numeric("age")[1] == 41.0);
  CHECK(t.source_line(1) == 3);  // the header is line 1
}

TEST_CASE("read_table: a TSV file is chosen by its extension in any case; a delimiter can be given") {
  socialcure_test::temp_dir dir("socialcure_read_table_test");
  const std::string tsv = dir.file("waves.TSV");
  write_text(tsv, "a\tb\n1\t2\n");
  CHECK(read_table(tsv).numeric("b")[0] == 2.0);
  const std::string semicolons = dir.file("waves.csv");
  write_text(semicolons, "a;b\n1;2\n");
  read_options o;
  o.delimiter = ';';
  CHECK(read_table(semicolons, o).numeric("b")[0] == 2.0);
  CHECK(read_table(semicolons).names() == std::vector<std::string>{"a;b"});  // comma by default
}

TEST_CASE("read_table: sample:NAME reads a bundled sample file") {
  read_options o;
  o.id_column = "id";
  o.columns = {"age", "age", "gp_visits"};
  const table t = read_table("sample:panel_t0.csv", o);
  CHECK(t.source() == "<sample>/panel_t0.csv");
  CHECK(t.rows() == 630);  // examples/data/README.md: 630 patients at referral
  CHECK(t.names() == std::vector<std::string>{"id", "age", "gp_visits"});
  CHECK(strings_of(t, "id").front() == "P0001");
  CHECK(t.numeric("age")[0] == 70.0);  // the first data line of panel_t0.csv: P0001,70,male,...
  const std::string unknown = message_of<argument_error>([] { (void)read_table("sample:nope.csv"); });
  CHECK(contains(unknown, "nope.csv"));
  CHECK(contains(unknown, "panel_wide.csv"));  // the names it has
}

TEST_CASE("read_table: SPSS and Stata files are chosen by their extension in any case") {
  socialcure_test::temp_dir dir("socialcure_read_table_test");
  table t("formats");  // upper-case names: SPSS portable files have no lower-case letters in names
  t.add(column("ID", std::vector<std::string>{"A", "B"}));
  t.add(column("SCORE", std::vector<double>{1.5, -2.0}));
  t.add(column("NOTE", std::vector<std::string>{"x", "y z"}));
  const std::pair<const char*, const char*> formats[] = {{"a.sav", "SPSS sav"}, {"b.ZSAV", "SPSS zsav"},
                                                         {"c.por", "SPSS por"}, {"d.Dta", "Stata dta"},
                                                         {"e.SAV", "SPSS sav"}};
  for (const auto& [name, format] : formats) {
    CAPTURE(name);
    const std::string path = dir.file(name);
    socialcure_test::write_stat_file(path, t);
    read_options o;
    o.id_column = "ID";
    const auto read = read_table_with_metadata(path, o);
    CHECK(read.format == format);
    CHECK(read.data.source() == path);
    CHECK(read.data.names() == std::vector<std::string>{"ID", "SCORE", "NOTE"});
    CHECK(read.data.numeric("SCORE")[1] == -2.0);
    CHECK(strings_of(read.data, "NOTE") == std::vector<std::string>{"x", "y z"});
    CHECK(read.variables.size() == 3);
    CHECK(read_table(path, o).names() == read.data.names());
  }
}

TEST_CASE("read_table: delimited text has no variable information") {
  const auto read = read_table_with_metadata("sample:panel_t1.csv");
  CHECK(read.format == "CSV");
  CHECK(read.variables.empty());
  CHECK(read.file_label.empty());
  CHECK(read.rows == read.data.rows());
}

TEST_CASE("read_table: one rule for missing codes: the defaults '' and NA in CSV, SPSS and Stata alike") {
  const coded_files files;
  // By hand: with the default codes, "NA" and the empty value are missing, -99 is a value.
  const std::vector<bool> score_missing{false, false, true, false};
  const std::vector<bool> note_missing{true, false, true, false};
  read_options o;
  o.text_columns = {"note"};  // "-99" and "ok": text, not a number and a typo
  for (const std::string& path : {files.csv, files.sav, files.dta}) {
    CAPTURE(path);
    const table t = read_table(path, o);
    CHECK(missing_of(t, "score") == score_missing);
    CHECK(missing_of(t, "note") == note_missing);
    CHECK(t.numeric("score")[1] == -99.0);
  }
}

TEST_CASE("read_table: a numeric code makes equal numbers missing, and equal texts, in every format") {
  const coded_files files;
  read_options o;
  o.text_columns = {"note"};
  o.missing_codes = {"", "NA", "-99"};
  // By hand: -99 (written -99.0 in the CSV) in score and the text "-99" in note are now missing too.
  const std::vector<bool> score_missing{false, true, true, false};
  const std::vector<bool> note_missing{true, true, true, false};
  for (const std::string& path : {files.csv, files.sav, files.dta}) {
    CAPTURE(path);
    const table t = read_table(path, o);
    CHECK(missing_of(t, "score") == score_missing);
    CHECK(missing_of(t, "note") == note_missing);
  }
  // SPSS/Stata count what the codes made missing.
  const auto sav_read = read_table_with_metadata(files.sav, o);
  CHECK(sav_read.variables[1].coded_missing == 1);
  CHECK(sav_read.variables[2].coded_missing == 2);  // "NA" and "-99"
}

TEST_CASE("read_table: SPSS user-defined missing values are missing unless user_missing_as_missing is false") {
  socialcure_test::temp_dir dir("socialcure_read_table_test");
  const std::string sav = dir.file("user.sav");
  socialcure_test::stat_write_options w;
  w.extras["score"].missing_values = {4.0};
  socialcure_test::write_stat_file(sav, coded_table(), w);
  CHECK(missing_of(read_table(sav), "score") == std::vector<bool>{false, false, true, true});
  read_options o;
  o.user_missing_as_missing = false;
  const table t = read_table(sav, o);
  CHECK(missing_of(t, "score") == std::vector<bool>{false, false, true, false});
  CHECK(t.numeric("score")[3] == 4.0);
}

TEST_CASE("read_table: errors name the file, line and column") {
  socialcure_test::temp_dir dir("socialcure_read_table_test");
  const std::string csv = dir.file("bad.csv");
  write_text(csv, "id,score\nA,1\nB,12abc\n");
  const auto e = data_error_of([&] { (void)read_table(csv); });
  REQUIRE(e.has_value());
  CHECK(e->where().file == csv);
  CHECK(e->where().line == 3);
  CHECK(e->where().column == "score");
  CHECK(e->value() == "12abc");

  // In an SPSS/Stata file the line is the case number: a repeated id on the third case.
  const std::string sav = dir.file("twice.sav");
  table t("twice");
  t.add(column("id", std::vector<std::string>{"A", "B", "A"}));
  socialcure_test::write_stat_file(sav, t);
  read_options o;
  o.id_column = "id";
  const auto twice = data_error_of([&] { (void)read_table(sav, o); });
  REQUIRE(twice.has_value());
  CHECK(twice->where().file == sav);
  CHECK(twice->where().line == 3);
  CHECK(twice->where().column == "id");
  CHECK(twice->where().respondent == "A");

  const auto unreadable = data_error_of([&] { (void)read_table(dir.file("absent.dta")); });
  REQUIRE(unreadable.has_value());
  CHECK(unreadable->where().file == dir.file("absent.dta"));

  read_options keep;
  keep.columns = {"nope"};
  const std::string missing_column = message_of<argument_error>([&] { (void)read_table(csv, keep); });
  CHECK(contains(missing_column, "no column named 'nope'"));
  CHECK(contains(missing_column, "id, score"));
}

TEST_CASE("read_table: bad options are argument errors") {
  socialcure_test::temp_dir dir("socialcure_read_table_test");
  const std::string sav = dir.file("coded.sav");
  socialcure_test::write_stat_file(sav, coded_table());
  read_options tab;
  tab.delimiter = '\t';
  const std::string delimiter = message_of<argument_error>([&] { (void)read_table(sav, tab); });
  CHECK(contains(delimiter, "a delimiter applies to CSV/TSV files only"));
  CHECK(contains(delimiter, sav));

  read_options quote;
  quote.delimiter = '"';
  CHECK_THROWS_AS(quote.validate(), argument_error);
  read_options empty_name;
  empty_name.text_columns = {""};
  CHECK_THROWS_AS(empty_name.validate(), argument_error);
  CHECK_THROWS_AS((void)read_table("sample:panel_t0.csv", empty_name), argument_error);
  CHECK_NOTHROW(read_options{}.validate());
}

// Tests of include/socialcure/data/stat_file.hpp: SPSS and Stata files through ReadStat. The files
// are written at test time with ReadStat's writer (tests/support/stat_writer.hpp).
#include "socialcure/data/stat_file.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "socialcure/core/error.hpp"
#include "socialcure/core/missing.hpp"
#include "socialcure/data/csv.hpp"
#include "socialcure/data/describe.hpp"
#include "socialcure/report/describe_report.hpp"
#include "support.hpp"
#include "support/stat_writer.hpp"

using socialcure::argument_error;
using socialcure::column;
using socialcure::column_type;
using socialcure::data_error;
using socialcure::missing_value;
using socialcure::read_stat_file;
using socialcure::stat_file;
using socialcure::stat_file_options;
using socialcure::table;
using socialcure_test::data_error_of;
using socialcure_test::message_of;
using socialcure_test::stat_write_options;
using socialcure_test::write_stat_file;

namespace {

// A directory of its own for each test case, removed at the end.
struct temp_dir : socialcure_test::temp_dir {
  temp_dir() : socialcure_test::temp_dir("socialcure_stat_file_test") {}
};

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// Checks that two tables have the same names, types, values (bit for bit) and missing entries.
void check_same_table(const table& got, const table& want) {
  REQUIRE(got.names() == want.names());
  REQUIRE(got.rows() == want.rows());
  for (std::size_t j = 0; j < want.cols(); ++j) {
    const column& g = got.at(j);
    const column& w = want.at(j);
    INFO("column " << w.name());
    REQUIRE(g.type() == w.type());
    std::size_t differences = 0;
    for (std::size_t i = 0; i < want.rows(); ++i) {
      const bool same = g.is_missing(i) == w.is_missing(i) &&
                        (w.is_missing(i) || (w.is_numeric() ? same_bits(g.numbers()[i], w.numbers()[i])
                                                            : g.strings()[i] == w.strings()[i]));
      if (!same && differences++ < 3) {
        FAIL_CHECK("row " << i + 1 << ": got '" << g.entry_text(i) << "', want '" << w.entry_text(i) << "'");
      }
    }
    CHECK(differences == 0);
  }
}

// ID (text), X (numeric with a missing entry), G (text with a missing entry). Upper-case names:
// SPSS portable files allow no others.
table small_table() {
  table t("small");
  t.add(column("ID", std::vector<std::string>{"P1", "P2", "P3", "P4", "P5"}));
  t.add(column("X", std::vector<double>{1.5, -2.0, missing_value, 1e10, 0.1}));
  t.add(column("G", std::vector<std::string>{"a", "", "b c", "a", "longer text, with a comma"},
               std::vector<bool>{false, true, false, false, false}));
  return t;
}

const char* const all_extensions[] = {".sav", ".zsav", ".por", ".dta"};

}  // namespace

TEST_CASE("stat_file: numeric and text columns with missing values survive .sav, .zsav, .por and .dta") {
  temp_dir dir;
  const table t = small_table();
  for (const char* extension : all_extensions) {
    CAPTURE(extension);
    const std::string path = dir.file(std::string("small") + extension);
    write_stat_file(path, t);
    stat_file_options options;
    options.id_column = "ID";
    const stat_file f = read_stat_file(path, options);
    check_same_table(f.data, t);
    CHECK(f.rows == 5);
    CHECK(f.data.source() == path);
    REQUIRE(f.data.source_lines().size() == 5);
    CHECK(f.data.source_line(0) == 1);
    CHECK(f.data.source_line(4) == 5);
    REQUIRE(f.variables.size() == 3);
    CHECK(f.variables[0].name == "ID");
    CHECK(f.variables[0].type == column_type::text);
    CHECK(f.variables[1].type == column_type::numeric);
    CHECK(f.variables[1].system_missing == 1);
    CHECK(f.variables[1].user_missing == 0);
    CHECK(f.variables[2].type == column_type::text);
    CHECK(f.variables[2].system_missing == 1);  // the empty string
  }
}

TEST_CASE("stat_file: the format is named") {
  temp_dir dir;
  const table t = small_table();
  const std::pair<const char*, const char*> formats[] = {
      {".sav", "SPSS sav"}, {".zsav", "SPSS zsav"}, {".por", "SPSS por"}, {".dta", "Stata dta"}};
  for (const auto& [extension, name] : formats) {
    const std::string path = dir.file(std::string("small") + extension);
    write_stat_file(path, t);
    CHECK(read_stat_file(path).format == name);
  }
}

TEST_CASE("stat_file: is_stat_file knows the extensions, in any case") {
  using socialcure::is_stat_file;
  CHECK(is_stat_file("a.sav"));
  CHECK(is_stat_file("dir/a.ZSAV"));
  CHECK(is_stat_file("a.Por"));
  CHECK(is_stat_file("a.DTA"));
  CHECK_FALSE(is_stat_file("a.csv"));
  CHECK_FALSE(is_stat_file("sav"));
  CHECK_FALSE(is_stat_file("a.sav.txt"));
  CHECK_FALSE(is_stat_file(""));
}

TEST_CASE("stat_file: SPSS user-defined missing values and ranges are missing and counted") {
  temp_dir dir;
  table t("t");
  t.add(column("score", std::vector<double>{1, -99, 2, -95, -90, missing_value, -89, 3}));
  stat_write_options w;
  w.extras["score"].missing_values = {-99};
  w.extras["score"].missing_ranges = {{-98, -90}};
  for (const char* extension : {".sav", ".zsav"}) {
    const std::string path = dir.file(std::string("user_missing") + extension);
    write_stat_file(path, t, w);
    const stat_file f = read_stat_file(path);
    const auto x = f.data.numeric("score");
    REQUIRE(x.size() == 8);
    CHECK(x[0] == 1);
    CHECK(socialcure::is_missing(x[1]));
    CHECK(x[2] == 2);
    CHECK(socialcure::is_missing(x[3]));
    CHECK(socialcure::is_missing(x[4]));  // the upper end of the range is included
    CHECK(socialcure::is_missing(x[5]));
    CHECK(x[6] == -89);
    CHECK(x[7] == 3);
    CHECK(f.variables[0].user_missing == 3);
    CHECK(f.variables[0].system_missing == 1);
    CHECK(f.variables[0].coded_missing == 0);

    // Kept as numbers on request, and still counted.
    stat_file_options keep;
    keep.user_missing_as_missing = false;
    const stat_file k = read_stat_file(path, keep);
    const auto y = k.data.numeric("score");
    CHECK(y[1] == -99);
    CHECK(y[3] == -95);
    CHECK(y[4] == -90);
    CHECK(socialcure::is_missing(y[5]));
    CHECK(k.variables[0].user_missing == 3);
  }
}

TEST_CASE("stat_file: SPSS user-defined missing texts are missing and counted") {
  temp_dir dir;
  table t("t");
  t.add(column("answer", std::vector<std::string>{"yes", "n/a", "no", "", "n/a"},
               std::vector<bool>{false, false, false, true, false}));
  stat_write_options w;
  w.extras["answer"].missing_strings = {"n/a"};
  const std::string path = dir.file("text_missing.sav");
  write_stat_file(path, t, w);
  const stat_file f = read_stat_file(path);
  const column& answer = f.data.get("answer");
  CHECK_FALSE(answer.is_missing(0));
  CHECK(answer.is_missing(1));
  CHECK_FALSE(answer.is_missing(2));
  CHECK(answer.is_missing(3));
  CHECK(answer.is_missing(4));
  CHECK(f.variables[0].user_missing == 2);
  CHECK(f.variables[0].system_missing == 1);

  stat_file_options keep;
  keep.user_missing_as_missing = false;
  const stat_file k = read_stat_file(path, keep);
  CHECK(k.data.text("answer")[1] == "n/a");
  CHECK(k.variables[0].user_missing == 2);
}

TEST_CASE("stat_file: Stata floats read as their shortest decimal form") {
  temp_dir dir;
  table t("t");
  t.add(column("f", std::vector<double>{2.3, 0.1, -1e-3, 16777217.0}));
  stat_write_options w;
  w.extras["f"].as_float = true;
  const std::string path = dir.file("floats.dta");
  write_stat_file(path, t, w);
  const stat_file f = read_stat_file(path);
  const auto x = f.data.numeric("f");
  CHECK(same_bits(x[0], 2.3));  // not 2.299999952316284
  CHECK(same_bits(x[1], 0.1));
  CHECK(same_bits(x[2], -1e-3));
  CHECK(same_bits(x[3], 16777216.0));  // a float cannot hold 2^24 + 1
}

TEST_CASE("stat_file: Stata extended missing values .a to .z are missing and counted") {
  temp_dir dir;
  table t("t");
  t.add(column("score", std::vector<double>{1, 0, 2, 0, missing_value, -99}));
  stat_write_options w;
  w.extras["score"].tagged_missing = {{1, 'a'}, {3, 'z'}};
  w.extras["score"].missing_values = {-99};  // written as .a
  const std::string path = dir.file("tagged.dta");
  write_stat_file(path, t, w);
  for (const bool as_missing : {true, false}) {
    stat_file_options options;
    options.user_missing_as_missing = as_missing;  // no effect: .a to .z have no value
    const stat_file f = read_stat_file(path, options);
    const auto x = f.data.numeric("score");
    CHECK(x[0] == 1);
    CHECK(socialcure::is_missing(x[1]));
    CHECK(x[2] == 2);
    CHECK(socialcure::is_missing(x[3]));
    CHECK(socialcure::is_missing(x[4]));
    CHECK(socialcure::is_missing(x[5]));
    CHECK(f.variables[0].user_missing == 3);
    CHECK(f.variables[0].system_missing == 1);
  }
}

TEST_CASE("stat_file: value labels, variable labels and the file label are read") {
  temp_dir dir;
  table t("t");
  t.add(column("gender", std::vector<double>{1, 2, 2, 3, missing_value}));
  t.add(column("age", std::vector<double>{30, 40, 50, 60, 70}));
  t.add(column("name", std::vector<std::string>{"a", "b", "c", "d", "e"}));
  stat_write_options w;
  w.file_label = "test panel";
  w.extras["gender"].label = "Gender of the respondent";
  w.extras["gender"].value_labels = {{1, "female"}, {2, "male"}, {3, "other / caf\xC3\xA9"}};
  w.extras["age"].label = "Age in years";
  for (const char* extension : {".sav", ".zsav", ".dta"}) {
    CAPTURE(extension);
    const std::string path = dir.file(std::string("labels") + extension);
    write_stat_file(path, t, w);
    const stat_file f = read_stat_file(path);
    CHECK(f.file_label == "test panel");
    REQUIRE(f.variables.size() == 3);
    const auto& gender = f.variables[0];
    CHECK(gender.label == "Gender of the respondent");
    REQUIRE(gender.value_labels.size() == 3);
    CHECK(gender.value_labels[0].value == 1);
    CHECK(gender.value_labels[0].label == "female");
    CHECK(gender.value_labels[1].value == 2);
    CHECK(gender.value_labels[1].label == "male");
    CHECK(gender.value_labels[2].value == 3);
    CHECK(gender.value_labels[2].label == "other / caf\xC3\xA9");
    CHECK(f.variables[1].label == "Age in years");
    CHECK(f.variables[1].value_labels.empty());
    CHECK(f.variables[2].label.empty());
    // The values stay numbers.
    CHECK(f.data.numeric("gender")[1] == 2);
  }
}

TEST_CASE("stat_file: a numeric id is read as text in its shortest form") {
  temp_dir dir;
  table t("t");
  t.add(column("case", std::vector<double>{17, 2.5, 1e6, -3, 1e20}));
  t.add(column("x", std::vector<double>{1, 2, 3, 4, 5}));
  for (const char* extension : {".sav", ".dta"}) {
    const std::string path = dir.file(std::string("numeric_id") + extension);
    write_stat_file(path, t);
    stat_file_options options;
    options.id_column = "case";
    const stat_file f = read_stat_file(path, options);
    const auto ids = f.data.text("case");
    CHECK(ids[0] == "17");
    CHECK(ids[1] == "2.5");
    CHECK(ids[2] == "1000000");
    CHECK(ids[3] == "-3");
    CHECK(ids[4] == "1e+20");  // beyond 2^53: the shortest form
    CHECK(f.variables[0].type == column_type::text);
  }
}

TEST_CASE("stat_file: a repeated id is an error naming both rows; a missing id too") {
  temp_dir dir;
  table t("t");
  t.add(column("id", std::vector<std::string>{"A", "B", "A", ""}, std::vector<bool>{false, false, false, true}));
  t.add(column("n", std::vector<double>{7, 8, 7, missing_value}));
  for (const char* extension : {".sav", ".dta"}) {
    const std::string path = dir.file(std::string("ids") + extension);
    write_stat_file(path, t);
    stat_file_options options;
    options.id_column = "id";
    const auto e = data_error_of([&] { (void)read_stat_file(path, options); });
    REQUIRE(e);
    CHECK(e->where().file == path);
    CHECK(e->where().line == 3);
    CHECK(e->where().column == "id");
    CHECK(e->where().respondent == "A");
    CHECK(std::string(e->what()).find("duplicate respondent id (first on row 1)") != std::string::npos);
    CHECK(std::string(e->what()).find(path + ":3:") == 0);

    // A numeric id: 7 on rows 1 and 3, missing on row 4.
    options.id_column = "n";
    const auto n = data_error_of([&] { (void)read_stat_file(path, options); });
    REQUIRE(n);
    CHECK(n->where().line == 3);
    CHECK(n->where().respondent == "7");

    // Only the first two rows: the missing id on row 4 is not reached, so change the data.
    table missing_id("t");
    missing_id.add(column("id", std::vector<std::string>{"A", ""}, std::vector<bool>{false, true}));
    const std::string path2 = dir.file(std::string("missing_id") + extension);
    write_stat_file(path2, missing_id);
    options.id_column = "id";
    const auto m = data_error_of([&] { (void)read_stat_file(path2, options); });
    REQUIRE(m);
    CHECK(m->where().line == 2);
    CHECK(m->problem() == "respondent id is missing");
  }
}

TEST_CASE("stat_file: only the requested columns are kept, in file order, with the id") {
  temp_dir dir;
  const table t = small_table();
  for (const char* extension : all_extensions) {
    const std::string path = dir.file(std::string("columns") + extension);
    write_stat_file(path, t);
    stat_file_options options;
    options.id_column = "ID";
    options.columns = {"G"};
    const stat_file f = read_stat_file(path, options);
    CHECK(f.data.names() == std::vector<std::string>{"ID", "G"});
    REQUIRE(f.variables.size() == 2);
    CHECK(f.variables[1].name == "G");
    CHECK(f.data.text("G")[2] == "b c");
    CHECK(f.rows == 5);

    options.id_column.clear();
    options.columns = {"X", "ID"};  // file order, not the requested order
    CHECK(read_stat_file(path, options).data.names() == std::vector<std::string>{"ID", "X"});
  }
}

TEST_CASE("stat_file: a requested column that the file lacks is an argument_error listing the names") {
  temp_dir dir;
  const std::string path = dir.file("small.sav");
  write_stat_file(path, small_table());
  stat_file_options options;
  options.columns = {"X", "nope"};
  const std::string message = message_of<argument_error>([&] { (void)read_stat_file(path, options); });
  CHECK(message == path + ": no column named 'nope' (available: ID, X, G)");
  options.columns.clear();
  options.id_column = "id";
  CHECK(message_of<argument_error>([&] { (void)read_stat_file(path, options); }) ==
        path + ": no column named 'id' (the id column; available: ID, X, G)");
  options.id_column.clear();
  options.text_columns = {"y"};
  CHECK(message_of<argument_error>([&] { (void)read_stat_file(path, options); }).find("'y' (a text column") !=
        std::string::npos);
}

TEST_CASE("stat_file: text columns and missing codes") {
  temp_dir dir;
  table t("t");
  t.add(column("CODE", std::vector<double>{1, 20, -99, missing_value}));
  t.add(column("NOTE", std::vector<std::string>{"ok", "NA", "n/a", "fine"}));
  for (const char* extension : all_extensions) {
    const std::string path = dir.file(std::string("codes") + extension);
    write_stat_file(path, t);
    // By default "NA" is text and -99 a number.
    const stat_file plain = read_stat_file(path);
    CHECK(plain.data.numeric("CODE")[2] == -99);
    CHECK(plain.data.text("NOTE")[1] == "NA");

    stat_file_options options;
    options.missing_codes = {"-99.0", "NA"};  // -99.0 matches the number -99
    options.text_columns = {"CODE"};
    const stat_file f = read_stat_file(path, options);
    const column& code = f.data.get("CODE");
    CHECK_FALSE(code.is_numeric());
    CHECK(code.strings()[0] == "1");
    CHECK(code.strings()[1] == "20");
    CHECK(code.is_missing(2));
    CHECK(code.is_missing(3));
    CHECK(f.variables[0].type == column_type::text);
    CHECK(f.variables[0].coded_missing == 1);
    CHECK(f.variables[0].system_missing == 1);
    CHECK(f.data.get("NOTE").is_missing(1));
    CHECK_FALSE(f.data.get("NOTE").is_missing(2));
    CHECK(f.variables[1].coded_missing == 1);
  }
}

TEST_CASE("stat_file: an infinite value is an error naming file, row, column and value") {
  temp_dir dir;
  table t("t");
  t.add(column("x", std::vector<double>{1, 2, -std::numeric_limits<double>::infinity()}));
  const std::string path = dir.file("inf.sav");
  write_stat_file(path, t);
  const auto e = data_error_of([&] { (void)read_stat_file(path); });
  REQUIRE(e);
  CHECK(e->where().file == path);
  CHECK(e->where().line == 3);
  CHECK(e->where().column == "x");
  CHECK(e->value() == "-inf");
  CHECK(e->problem() == "value is infinite");
}

TEST_CASE("stat_file: unreadable files are data errors naming the file") {
  temp_dir dir;
  SUBCASE("a file that does not exist") {
    const std::string path = dir.file("no_such_file.sav");
    const auto e = data_error_of([&] { (void)read_stat_file(path); });
    REQUIRE(e);
    CHECK(e->where().file == path);
    CHECK(std::string(e->what()) == path + ": cannot open the file for reading");
  }
  SUBCASE("a file that is not an SPSS or Stata file") {
    for (const char* extension : all_extensions) {
      const std::string path = dir.file(std::string("garbage") + extension);
      std::ofstream(path, std::ios::binary) << "id,x\n1,2\nthis is a CSV file, not a data set\n";
      const auto e = data_error_of([&] { (void)read_stat_file(path); });
      REQUIRE(e);
      CHECK(e->where().file == path);
      const std::string message = e->what();
      CAPTURE(message);
      CHECK(message.find(path + ": not a valid ") == 0);
      CHECK(message.find(std::string(extension) == ".dta" ? "Stata dta" : "SPSS") != std::string::npos);
    }
  }
  SUBCASE("an empty file") {
    const std::string path = dir.file("empty.dta");
    std::ofstream(path, std::ios::binary).flush();
    const auto e = data_error_of([&] { (void)read_stat_file(path); });
    REQUIRE(e);
    CHECK(e->where().file == path);
  }
  SUBCASE("a name that is not an SPSS or Stata file name") {
    CHECK(message_of<argument_error>([] { (void)read_stat_file("data.csv"); }) ==
          "data.csv: not an SPSS (.sav, .zsav, .por) or Stata (.dta) file name");
  }
}

TEST_CASE("stat_file: options are validated") {
  stat_file_options options;
  options.columns = {"a", "a"};
  CHECK_THROWS_AS(options.validate(), argument_error);
  options.columns = {"a", ""};
  CHECK_THROWS_AS(options.validate(), argument_error);
  options.columns = {"a"};
  CHECK_NOTHROW(options.validate());
}

TEST_CASE("stat_file: the sample panel reads the same from CSV, .sav, .zsav and .dta") {
  temp_dir dir;
  socialcure::csv_options csv;
  csv.id_column = "id";
  const table from_csv = socialcure::read_csv(std::string(SOCIALCURE_SOURCE_DIR) + "/examples/data/panel_wide.csv", csv);
  REQUIRE(from_csv.rows() == 630);
  REQUIRE(from_csv.cols() == 28);
  for (const char* extension : {".sav", ".zsav", ".dta"}) {
    CAPTURE(extension);
    const std::string path = dir.file(std::string("panel_wide") + extension);
    write_stat_file(path, from_csv);
    stat_file_options options;
    options.id_column = "id";
    const stat_file f = read_stat_file(path, options);
    check_same_table(f.data, from_csv);
    std::size_t missing_csv = 0;
    std::size_t missing_stat = 0;
    for (std::size_t j = 0; j < from_csv.cols(); ++j) {
      missing_csv += from_csv.at(j).missing_count();
      missing_stat += f.variables[j].system_missing;
    }
    CHECK(missing_stat == missing_csv);
    CHECK(missing_csv > 0);
  }
}

TEST_CASE("stat_file: describe keeps the value labels, and its reports show them") {
  temp_dir dir;
  table t("t");
  t.add(column("gender", std::vector<double>{1, 2, 2}));
  t.add(column("age", std::vector<double>{30, 40, 50}));
  stat_write_options w;
  w.extras["gender"].value_labels = {{1, "female"}, {2, "male"}};
  const std::string path = dir.file("labels.sav");
  write_stat_file(path, t, w);
  const socialcure::table_summary summary = socialcure::describe(read_stat_file(path));
  CHECK(summary.rows == 3);
  REQUIRE(summary.columns.size() == 2);
  REQUIRE(summary.value_labels.size() == 1);
  CHECK(summary.value_labels[0].name == "gender");
  REQUIRE(summary.value_labels[0].labels.size() == 2);
  CHECK(summary.value_labels[0].labels[1].label == "male");

  const std::string text = socialcure::describe_text(summary);
  CHECK(text.find("\nValue labels\n  gender: 1 = female\n  gender: 2 = male\n") != std::string::npos);
  const auto j = nlohmann::json::parse(socialcure::describe_json(summary));
  REQUIRE(j["value_labels"].is_object());
  REQUIRE(j["value_labels"]["gender"].size() == 2);
  CHECK(j["value_labels"]["gender"][0]["value"] == 1.0);
  CHECK(j["value_labels"]["gender"][0]["label"] == "female");

  // A table without labels: no section, and an empty object.
  const socialcure::table_summary plain = socialcure::describe(t);
  CHECK(socialcure::describe_text(plain).find("Value labels") == std::string::npos);
  CHECK(nlohmann::json::parse(socialcure::describe_json(plain))["value_labels"] == nlohmann::json::object());
}

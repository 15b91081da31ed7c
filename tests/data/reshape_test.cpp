// Tests of include/socialcure/data/reshape.hpp: long_to_wide and wide_to_long.
#include "socialcure/data/reshape.hpp"

#include <doctest/doctest.h>

#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "socialcure/core/error.hpp"
#include "socialcure/core/missing.hpp"
#include "socialcure/data/csv.hpp"

#include "support.hpp"

using socialcure::argument_error;
using socialcure::column;
using socialcure::csv_options;
using socialcure::data_error;
using socialcure::long_to_wide;
using socialcure::long_to_wide_options;
using socialcure::parse_csv;
using socialcure::table;
using socialcure::wide_to_long;
using socialcure::wide_to_long_options;

using namespace socialcure_test;

namespace {

// A: t0 and t1; B: t1 only; C: t0 only.
const char* const long_text =
    "id,wave,score,grp\n"
    "A,t0,1,x\n"
    "A,t1,2,x\n"
    "B,t1,4,y\n"
    "C,t0,5,z\n";

}  // namespace

TEST_CASE("reshape: long_to_wide with waves in order of first appearance") {
  const table wide = long_to_wide(read_id_as_text(long_text, "long.csv"));
  CHECK(wide.source() == "long.csv");
  CHECK(wide.names() == std::vector<std::string>{"id", "score_t0", "score_t1", "grp_t0", "grp_t1"});
  CHECK(strings_of(wide, "id") == std::vector<std::string>{"A", "B", "C"});
  // score_t0: A 1, B absent, C 5 ; score_t1: A 2, B 4, C absent.
  CHECK(wide.numeric("score_t0")[0] == 1.0);
  CHECK(wide.numeric("score_t0")[2] == 5.0);
  CHECK(missing_of(wide, "score_t0") == std::vector<bool>{false, true, false});
  CHECK(wide.numeric("score_t1")[0] == 2.0);
  CHECK(wide.numeric("score_t1")[1] == 4.0);
  CHECK(missing_of(wide, "score_t1") == std::vector<bool>{false, false, true});
  CHECK(strings_of(wide, "grp_t0")[2] == "z");
  CHECK(missing_of(wide, "grp_t0") == std::vector<bool>{false, true, false});
  CHECK(strings_of(wide, "grp_t1")[1] == "y");
  CHECK(missing_of(wide, "grp_t1") == std::vector<bool>{false, false, true});
}

TEST_CASE("reshape: long_to_wide with the wave order given") {
  long_to_wide_options options;
  options.waves = {"t1", "t0"};
  options.columns = {"score"};
  options.separator = ".";
  const table wide = long_to_wide(read_id_as_text(long_text, "long.csv"), options);
  CHECK(wide.names() == std::vector<std::string>{"id", "score.t1", "score.t0"});
  CHECK(wide.numeric("score.t1")[1] == 4.0);
  CHECK(wide.numeric("score.t0")[2] == 5.0);
}

TEST_CASE("reshape: long_to_wide with a listed wave that never occurs gives an all-missing column") {
  long_to_wide_options options;
  options.waves = {"t0", "t1", "t2"};
  options.columns = {"score"};
  const table wide = long_to_wide(read_id_as_text(long_text, "long.csv"), options);
  CHECK(wide.names() == std::vector<std::string>{"id", "score_t0", "score_t1", "score_t2"});
  CHECK(wide.get("score_t2").missing_count() == 3);
}

TEST_CASE("reshape: long_to_wide names numeric waves by their shortest decimal text") {
  // Wave values 1.0 and 2 are the numbers 1 and 2; 2.5 stays 2.5.
  const table wide = long_to_wide(read_id_as_text("id,wave,s\nA,1.0,10\nA,2,20\nB,2.5,30\n", "n.csv"));
  CHECK(wide.names() == std::vector<std::string>{"id", "s_1", "s_2", "s_2.5"});
  CHECK(wide.numeric("s_1")[0] == 10.0);
  CHECK(wide.numeric("s_2")[0] == 20.0);
  CHECK(wide.numeric("s_2.5")[1] == 30.0);
  long_to_wide_options options;
  options.waves = {"2", "1"};
  const table ordered = long_to_wide(read_id_as_text("id,wave,s\nA,1,10\nA,2,20\n", "n.csv"), options);
  CHECK(ordered.names() == std::vector<std::string>{"id", "s_2", "s_1"});
}

TEST_CASE("reshape: long_to_wide on an unknown wave names its line") {
  long_to_wide_options options;
  options.waves = {"t0"};
  const auto e = data_error_of([&] { (void)long_to_wide(read_id_as_text(long_text, "long.csv"), options); });
  REQUIRE(e);
  // Line 3 holds the first "t1".
  CHECK(e->where().file == "long.csv");
  CHECK(e->where().line == 3);
  CHECK(e->where().column == "wave");
  CHECK(e->where().respondent == "A");
  CHECK(e->value() == "t1");
  CHECK(e->allowed() == "t0");
}

TEST_CASE("reshape: long_to_wide on a repeated id and wave names both lines") {
  const auto e = data_error_of(
      [&] { (void)long_to_wide(read_id_as_text("id,wave,s\nA,t0,1\nB,t0,2\n\nA,t0,3\n", "dup.csv")); });
  REQUIRE(e);
  CHECK(e->where().file == "dup.csv");
  CHECK(e->where().line == 5);
  CHECK(e->where().respondent == "A");
  CHECK(e->value() == "t0");
  CHECK(std::string(e->what()).find("first on line 2") != std::string::npos);
}

TEST_CASE("reshape: long_to_wide on a missing wave or id names the line") {
  const auto wave = data_error_of([&] { (void)long_to_wide(read_id_as_text("id,wave,s\nA,t0,1\nB,,2\n", "w.csv")); });
  REQUIRE(wave);
  CHECK(wave->where().line == 3);
  CHECK(wave->where().column == "wave");
  // A numeric wave column with a missing value.
  const auto numeric_wave =
      data_error_of([&] { (void)long_to_wide(read_id_as_text("id,wave,s\nA,1,1\nB,NA,2\n", "w.csv")); });
  REQUIRE(numeric_wave);
  CHECK(numeric_wave->where().line == 3);
  const auto id = data_error_of([&] { (void)long_to_wide(read_id_as_text("id,wave,s\nA,t0,1\n,t1,2\n", "i.csv")); });
  REQUIRE(id);
  CHECK(id->where().line == 3);
  CHECK(id->where().column == "id");
}

TEST_CASE("reshape: long_to_wide argument errors") {
  const table data = read_id_as_text(long_text, "long.csv");
  long_to_wide_options unknown_column;
  unknown_column.columns = {"nope"};
  CHECK_THROWS_AS((void)long_to_wide(data, unknown_column), argument_error);
  long_to_wide_options unknown_wave_column;
  unknown_wave_column.wave_column = "time";
  CHECK_THROWS_AS((void)long_to_wide(data, unknown_wave_column), argument_error);
  long_to_wide_options same;
  same.wave_column = "id";
  CHECK_THROWS_AS((void)long_to_wide(data, same), argument_error);
  long_to_wide_options repeated_wave;
  repeated_wave.waves = {"t0", "t0"};
  CHECK_THROWS_AS((void)long_to_wide(data, repeated_wave), argument_error);
  const table numeric_id = parse_csv("id,wave,s\n1,t0,1\n", "n.csv");
  CHECK_THROWS_AS((void)long_to_wide(numeric_id), argument_error);
}

// ---------------------------------------------------------------------------------------------
// wide_to_long
// ---------------------------------------------------------------------------------------------

namespace {
// y exists at t1 only; age has no suffix.
const char* const wide_text = "id,age,x_t0,x_t1,y_t1\nA,30,1,2,b\nB,40,3,,c\n";
}  // namespace

TEST_CASE("reshape: wide_to_long gives one row per respondent and wave") {
  wide_to_long_options options;
  options.waves = {"t0", "t1"};
  const table longer = wide_to_long(read_id_as_text(wide_text, "wide.csv"), options);
  CHECK(longer.source() == "wide.csv");
  REQUIRE(longer.rows() == 2 * 2);
  CHECK(longer.names() == std::vector<std::string>{"id", "wave", "age", "x", "y"});
  CHECK(strings_of(longer, "id") == std::vector<std::string>{"A", "A", "B", "B"});
  CHECK(strings_of(longer, "wave") == std::vector<std::string>{"t0", "t1", "t0", "t1"});
  // The constant column is repeated.
  const auto age = longer.numeric("age");
  CHECK(age[0] == 30.0);
  CHECK(age[1] == 30.0);
  CHECK(age[2] == 40.0);
  CHECK(age[3] == 40.0);
  // x: A 1, 2; B 3, missing.
  const auto x = longer.numeric("x");
  CHECK(x[0] == 1.0);
  CHECK(x[1] == 2.0);
  CHECK(x[2] == 3.0);
  CHECK(missing_of(longer, "x") == std::vector<bool>{false, false, false, true});
  // y: missing at t0 (no y_t0 column); "b" and "c" at t1.
  REQUIRE_FALSE(longer.get("y").is_numeric());
  CHECK(missing_of(longer, "y") == std::vector<bool>{true, false, true, false});
  CHECK(strings_of(longer, "y")[1] == "b");
  CHECK(strings_of(longer, "y")[3] == "c");
  // Every output row keeps its respondent's source line.
  CHECK(longer.source_line(0) == 2);
  CHECK(longer.source_line(1) == 2);
  CHECK(longer.source_line(2) == 3);
  CHECK(longer.source_line(3) == 3);
}

TEST_CASE("reshape: wide_to_long row count with three waves") {
  wide_to_long_options options;
  options.waves = {"a", "b", "c"};
  options.wave_column = "time";
  const table longer = wide_to_long(read_id_as_text("id,v_a,v_c\nP,1,3\nQ,4,6\nR,7,\n", "w.csv"), options);
  REQUIRE(longer.rows() == 3 * 3);
  CHECK(longer.names() == std::vector<std::string>{"id", "time", "v"});
  // v per row: P a 1, P b -, P c 3, Q a 4, Q b -, Q c 6, R a 7, R b -, R c -.
  CHECK(missing_of(longer, "v") == std::vector<bool>{false, true, false, false, true, false, false, true, true});
  CHECK(longer.numeric("v")[5] == 6.0);
  CHECK(longer.numeric("v")[6] == 7.0);
}

TEST_CASE("reshape: wide_to_long argument errors") {
  const table wide = read_id_as_text(wide_text, "wide.csv");
  wide_to_long_options no_waves;
  CHECK_THROWS_AS((void)wide_to_long(wide, no_waves), argument_error);
  wide_to_long_options unmatched;
  unmatched.waves = {"t7", "t8"};
  CHECK_THROWS_AS((void)wide_to_long(wide, unmatched), argument_error);
  wide_to_long_options options;
  options.waves = {"t0", "t1"};
  // The stem "x" collides with an existing column "x".
  CHECK_THROWS_AS((void)wide_to_long(read_id_as_text("id,x,x_t0\nA,1,2\n", "c.csv"), options), argument_error);
  // The stem "wave" collides with the wave column.
  CHECK_THROWS_AS((void)wide_to_long(read_id_as_text("id,wave_t0\nA,1\n", "c.csv"), options), argument_error);
  // A stem that is numeric at one wave and text at another.
  CHECK_THROWS_AS((void)wide_to_long(read_id_as_text("id,x_t0,x_t1\nA,1,b\n", "c.csv"), options), argument_error);
  // ids are checked.
  CHECK_THROWS_AS((void)wide_to_long(read_id_as_text("id,x_t0\nA,1\nA,2\n", "c.csv"), options), data_error);
}

TEST_CASE("reshape: wide to long to wide reproduces every value") {
  // Numbers (some missing), text (some missing), and a respondent with nothing at t1.
  const char* const text =
      "id,x_t0,x_t1,g_t0,g_t1\n"
      "A,1.25,2,a,b\n"
      "B,,0.1,,c\n"
      "C,-3,,d,\n"
      "D,4,,e,\n";
  const table wide = read_id_as_text(text, "rt.csv");
  wide_to_long_options to_long;
  to_long.waves = {"t0", "t1"};
  const table longer = wide_to_long(wide, to_long);
  REQUIRE(longer.rows() == 8);
  long_to_wide_options to_wide;
  to_wide.waves = {"t0", "t1"};
  const table back = long_to_wide(longer, to_wide);

  REQUIRE(back.names() == wide.names());
  REQUIRE(back.rows() == wide.rows());
  for (std::size_t j = 0; j < wide.cols(); ++j) {
    const column& a = wide.at(j);
    const column& b = back.at(j);
    CAPTURE(a.name());
    REQUIRE(a.type() == b.type());
    for (std::size_t i = 0; i < wide.rows(); ++i) {
      CAPTURE(i);
      REQUIRE(a.is_missing(i) == b.is_missing(i));
      if (a.is_missing(i)) continue;
      if (a.is_numeric()) {
        CHECK(std::memcmp(&a.numbers()[i], &b.numbers()[i], sizeof(double)) == 0);
      } else {
        CHECK(a.strings()[i] == b.strings()[i]);
      }
    }
  }
}

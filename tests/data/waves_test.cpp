// Tests of include/socialcure/data/waves.hpp: join_waves and split_waves.
#include "socialcure/data/waves.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "socialcure/core/error.hpp"
#include "socialcure/core/missing.hpp"
#include "socialcure/data/csv.hpp"

#include "support.hpp"

using socialcure::argument_error;
using socialcure::csv_options;
using socialcure::data_error;
using socialcure::join_options;
using socialcure::join_waves;
using socialcure::parse_csv;
using socialcure::split_options;
using socialcure::split_waves;
using socialcure::table;
using socialcure::wave_pair;

using namespace socialcure_test;

namespace {

table read_with_id(std::string_view text, const std::string& source) {
  csv_options options;
  options.id_column = "id";
  return parse_csv(text, source, options);
}

// Reads with the id as text but without the reader's id checks.
// Wave t0: A, B, C. Wave t1: C, D, A (with a text column y).
const char* const t0_text = "id,x\nA,1\nB,2\nC,3\n";
const char* const t1_text = "id,x,y\nC,30,cc\nD,40,\nA,10,aa\n";

}  // namespace

TEST_CASE("waves: join_waves lists the union of ids in first-wave order then second-only") {
  const wave_pair p = join_waves(read_with_id(t0_text, "t0.csv"), read_with_id(t1_text, "t1.csv"));
  CHECK(p.id_column == "id");
  CHECK(p.waves[0] == "t0");
  CHECK(p.waves[1] == "t1");
  CHECK(p.ids == std::vector<std::string>{"A", "B", "C", "D"});
  CHECK(p.in_first == std::vector<bool>{true, true, true, false});
  CHECK(p.in_second == std::vector<bool>{true, false, true, true});
  CHECK(p.only_first == std::vector<std::string>{"B"});
  CHECK(p.only_second == std::vector<std::string>{"D"});
  CHECK(p.n_both == 2);
  CHECK(p.rows_in_both() == std::vector<std::size_t>{0, 2});
}

TEST_CASE("waves: join_waves aligns the values of both waves by respondent") {
  const wave_pair p = join_waves(read_with_id(t0_text, "t0.csv"), read_with_id(t1_text, "t1.csv"));
  // Every table carries the full id column first.
  CHECK(p.first.names() == std::vector<std::string>{"id", "x"});
  CHECK(p.second.names() == std::vector<std::string>{"id", "x", "y"});
  CHECK(p.person.names() == std::vector<std::string>{"id"});
  CHECK(strings_of(p.first, "id") == p.ids);
  CHECK(strings_of(p.second, "id") == p.ids);
  CHECK(strings_of(p.person, "id") == p.ids);
  CHECK(p.first.get("id").missing_count() == 0);
  CHECK(p.second.get("id").missing_count() == 0);

  // First wave x: A 1, B 2, C 3, D absent.
  const auto x0 = p.first.numeric("x");
  CHECK(x0[0] == 1.0);
  CHECK(x0[1] == 2.0);
  CHECK(x0[2] == 3.0);
  CHECK(missing_of(p.first, "x") == std::vector<bool>{false, false, false, true});
  // Second wave x: A 10, B absent, C 30, D 40.
  const auto x1 = p.second.numeric("x");
  CHECK(x1[0] == 10.0);
  CHECK(x1[2] == 30.0);
  CHECK(x1[3] == 40.0);
  CHECK(missing_of(p.second, "x") == std::vector<bool>{false, true, false, false});
  // y: A "aa", B absent, C "cc", D missing in the file.
  CHECK(strings_of(p.second, "y")[0] == "aa");
  CHECK(strings_of(p.second, "y")[2] == "cc");
  CHECK(missing_of(p.second, "y") == std::vector<bool>{false, true, false, true});
}

TEST_CASE("waves: join_waves keeps each row's source line") {
  const wave_pair p = join_waves(read_with_id(t0_text, "t0.csv"), read_with_id(t1_text, "t1.csv"));
  CHECK(p.first.source() == "t0.csv");
  CHECK(p.second.source() == "t1.csv");
  // t0.csv: A line 2, B 3, C 4; D absent (0).
  CHECK(p.first.source_line(0) == 2);
  CHECK(p.first.source_line(1) == 3);
  CHECK(p.first.source_line(2) == 4);
  CHECK(p.first.source_line(3) == 0);
  // t1.csv: A line 4, B absent, C 2, D 3.
  CHECK(p.second.source_line(0) == 4);
  CHECK(p.second.source_line(1) == 0);
  CHECK(p.second.source_line(2) == 2);
  CHECK(p.second.source_line(3) == 3);
}

TEST_CASE("waves: join_waves with custom id column and wave names") {
  csv_options read;
  read.id_column = "pid";
  const table a = parse_csv("pid,v\nX,1\n", "a.csv", read);
  const table b = parse_csv("pid,v\nY,2\n", "b.csv", read);
  join_options options;
  options.id_column = "pid";
  options.waves = {"pre", "post"};
  const wave_pair p = join_waves(a, b, options);
  CHECK(p.id_column == "pid");
  CHECK(p.waves[0] == "pre");
  CHECK(p.waves[1] == "post");
  CHECK(p.ids == std::vector<std::string>{"X", "Y"});
  CHECK(p.n_both == 0);
  CHECK(p.rows_in_both().empty());
  CHECK(p.only_first == std::vector<std::string>{"X"});
  CHECK(p.only_second == std::vector<std::string>{"Y"});
}

TEST_CASE("waves: join_waves on a duplicate id names the file and both lines") {
  const table dup = read_id_as_text("id,x\nA,1\nB,2\nA,3\n", "dup.csv");
  const auto e = data_error_of([&] { (void)join_waves(dup, read_with_id(t1_text, "t1.csv")); });
  REQUIRE(e);
  CHECK(e->where().file == "dup.csv");
  CHECK(e->where().line == 4);
  CHECK(e->where().column == "id");
  CHECK(e->where().respondent == "A");
  CHECK(e->value() == "A");
  CHECK(std::string(e->what()).find("first on line 2") != std::string::npos);
  // The second table is checked too.
  const auto e2 = data_error_of([&] { (void)join_waves(read_with_id(t0_text, "t0.csv"), dup); });
  REQUIRE(e2);
  CHECK(e2->where().file == "dup.csv");
  CHECK(e2->where().line == 4);
}

TEST_CASE("waves: join_waves on a missing id names the line") {
  const table gap = read_id_as_text("id,x\nA,1\n,2\n", "gap.csv");
  const auto e = data_error_of([&] { (void)join_waves(read_with_id(t0_text, "t0.csv"), gap); });
  REQUIRE(e);
  CHECK(e->where().file == "gap.csv");
  CHECK(e->where().line == 3);
  CHECK(e->where().column == "id");
}

TEST_CASE("waves: join_waves argument errors") {
  const table a = read_with_id(t0_text, "t0.csv");
  const table b = read_with_id(t1_text, "t1.csv");
  // A numeric id column.
  const table numeric_id = parse_csv("id,x\n1,1\n2,2\n", "num.csv");
  CHECK_THROWS_AS((void)join_waves(numeric_id, b), argument_error);
  CHECK_THROWS_AS((void)join_waves(a, numeric_id), argument_error);
  // Equal or empty wave names.
  join_options same;
  same.waves = {"t0", "t0"};
  CHECK_THROWS_AS((void)join_waves(a, b, same), argument_error);
  join_options empty_wave;
  empty_wave.waves = {"t0", ""};
  CHECK_THROWS_AS((void)join_waves(a, b, empty_wave), argument_error);
  // An absent id column.
  join_options other_id;
  other_id.id_column = "pid";
  CHECK_THROWS_AS((void)join_waves(a, b, other_id), argument_error);
  join_options no_id;
  no_id.id_column = "";
  CHECK_THROWS_AS((void)join_waves(a, b, no_id), argument_error);
}

// ---------------------------------------------------------------------------------------------
// split_waves
// ---------------------------------------------------------------------------------------------

namespace {
// A: both waves; B: t0 only (all t1 values missing); C: t1 only; D: neither.
const char* const wide_text =
    "id,age,x_t0,x_t1,y_t0,y_t1,g\n"
    "A,30,1,2,5,,m\n"
    "B,40,3,,6,,f\n"
    "C,50,,,,7,f\n"
    "D,60,,,,,m\n";
}  // namespace

TEST_CASE("waves: split_waves splits suffixed columns and keeps the others in person") {
  const wave_pair p = split_waves(read_with_id(wide_text, "wide.csv"));
  CHECK(p.ids == std::vector<std::string>{"A", "B", "C", "D"});
  CHECK(p.person.names() == std::vector<std::string>{"id", "age", "g"});
  CHECK(p.first.names() == std::vector<std::string>{"id", "x", "y"});
  CHECK(p.second.names() == std::vector<std::string>{"id", "x", "y"});
  CHECK(strings_of(p.first, "id") == p.ids);
  CHECK(strings_of(p.second, "id") == p.ids);
  CHECK(p.person.numeric("age")[3] == 60.0);
  CHECK(strings_of(p.person, "g") == std::vector<std::string>{"m", "f", "f", "m"});
  CHECK(p.first.numeric("x")[1] == 3.0);
  CHECK(p.first.numeric("y")[0] == 5.0);
  CHECK(p.second.numeric("x")[0] == 2.0);
  CHECK(p.second.numeric("y")[2] == 7.0);
  CHECK(missing_of(p.second, "x") == std::vector<bool>{false, true, true, true});
  // Source lines of the wide file are kept in every table.
  CHECK(p.first.source_line(2) == 4);
  CHECK(p.second.source_line(3) == 5);
  CHECK(p.person.source_line(0) == 2);
}

TEST_CASE("waves: split_waves presence is any non-missing value of the wave") {
  const wave_pair p = split_waves(read_with_id(wide_text, "wide.csv"));
  CHECK(p.in_first == std::vector<bool>{true, true, false, false});
  CHECK(p.in_second == std::vector<bool>{true, false, true, false});
  CHECK(p.only_first == std::vector<std::string>{"B"});
  CHECK(p.only_second == std::vector<std::string>{"C"});
  CHECK(p.n_both == 1);
  CHECK(p.rows_in_both() == std::vector<std::size_t>{0});
}

TEST_CASE("waves: split_waves with another separator and wave names") {
  const table wide = read_with_id("id,score.pre,score.post,score_pre\nA,1,2,9\n", "w.csv");
  split_options options;
  options.separator = ".";
  options.waves = {"pre", "post"};
  const wave_pair p = split_waves(wide, options);
  CHECK(p.first.names() == std::vector<std::string>{"id", "score"});
  CHECK(p.second.names() == std::vector<std::string>{"id", "score"});
  // "score_pre" does not use the separator ".": it is a person column.
  CHECK(p.person.names() == std::vector<std::string>{"id", "score_pre"});
  CHECK(p.first.numeric("score")[0] == 1.0);
  CHECK(p.second.numeric("score")[0] == 2.0);
}

TEST_CASE("waves: split_waves with a stem only at one wave") {
  const wave_pair p = split_waves(read_with_id("id,x_t0,z_t1\nA,1,\nB,,2\n", "w.csv"));
  CHECK(p.first.names() == std::vector<std::string>{"id", "x"});
  CHECK(p.second.names() == std::vector<std::string>{"id", "z"});
  CHECK(p.in_first == std::vector<bool>{true, false});
  CHECK(p.in_second == std::vector<bool>{false, true});
}

TEST_CASE("waves: split_waves on a table built in code") {
  // Tables built in code have no source lines (table.hpp: line 0 when built in code).
  table wide("built");
  wide.add(socialcure::column("id", std::vector<std::string>{"A", "B"}));
  wide.add(socialcure::column("x_t0", std::vector<double>{1.0, 2.0}));
  wide.add(socialcure::column("x_t1", std::vector<double>{3.0, socialcure::missing_value}));
  const wave_pair p = split_waves(wide);
  CHECK(p.ids == std::vector<std::string>{"A", "B"});
  CHECK(p.in_second == std::vector<bool>{true, false});
  CHECK(p.second.numeric("x")[0] == 3.0);
  CHECK(p.first.source_line(0) == 0);
}

TEST_CASE("waves: join_waves on tables built in code") {
  table a("a");
  a.add(socialcure::column("id", std::vector<std::string>{"A"}));
  a.add(socialcure::column("x", std::vector<double>{1.0}));
  table b("b");
  b.add(socialcure::column("id", std::vector<std::string>{"B"}));
  b.add(socialcure::column("x", std::vector<double>{2.0}));
  const wave_pair q = join_waves(a, b);
  CHECK(q.ids == std::vector<std::string>{"A", "B"});
  CHECK(q.second.numeric("x")[1] == 2.0);
  CHECK(q.second.source_line(1) == 0);
}

TEST_CASE("waves: split_waves without a suffixed column is an argument error") {
  const table wide = read_with_id("id,age,score\nA,1,2\n", "plain.csv");
  CHECK_THROWS_WITH_AS((void)split_waves(wide), doctest::Contains("plain.csv"), argument_error);
  // A name equal to the suffix alone ("_t0") has no stem and is not a wave column.
  const table bare = read_with_id("id,_t0\nA,1\n", "bare.csv");
  CHECK_THROWS_AS((void)split_waves(bare), argument_error);
}

TEST_CASE("waves: split_waves on two columns mapping to the same stem is an argument error") {
  // "id_t0" maps to the stem "id", which the wave table already has (the id column).
  const table wide = read_with_id("id,id_t0,x_t1\nA,1,2\n", "clash.csv");
  CHECK_THROWS_WITH_AS((void)split_waves(wide), doctest::Contains("'id'"), argument_error);
}

TEST_CASE("waves: split_waves checks ids and options") {
  const table dup = read_id_as_text("id,x_t0\nA,1\nA,2\n", "dup.csv");
  const auto e = data_error_of([&] { (void)split_waves(dup); });
  REQUIRE(e);
  CHECK(e->where().line == 3);
  CHECK(e->where().respondent == "A");
  const table gap = read_id_as_text("id,x_t0\nA,1\n,2\n", "gap.csv");
  const auto e2 = data_error_of([&] { (void)split_waves(gap); });
  REQUIRE(e2);
  CHECK(e2->where().line == 3);
  CHECK_THROWS_AS((void)split_waves(parse_csv("id,x_t0\n1,1\n", "n.csv")), argument_error);
  split_options same;
  same.waves = {"a", "a"};
  CHECK_THROWS_AS((void)split_waves(read_with_id(wide_text, "wide.csv"), same), argument_error);
  split_options no_id;
  no_id.id_column = "pid";
  CHECK_THROWS_AS((void)split_waves(read_with_id(wide_text, "wide.csv"), no_id), argument_error);
}

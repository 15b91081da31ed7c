// Tests of include/socialcure/data/table.hpp: columns and tables.
#include "socialcure/data/table.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "socialcure/core/error.hpp"
#include "socialcure/core/missing.hpp"

using socialcure::argument_error;
using socialcure::column;
using socialcure::column_type;
using socialcure::missing_value;
using socialcure::table;

namespace {
// x = 1, NA, 3 ; g = "a", (missing), "c" ; source lines 2, 3, 5
table small_table() {
  table t("small.csv");
  t.add(column("x", std::vector<double>{1.0, missing_value, 3.0}));
  t.add(column("g", std::vector<std::string>{"a", "", "c"}, std::vector<bool>{false, true, false}));
  t.set_source_lines({2, 3, 5});
  return t;
}
}  // namespace

TEST_CASE("table: numeric column construction and missing count") {
  const column c("x", std::vector<double>{1.5, missing_value, -2.0, missing_value});
  CHECK(c.name() == "x");
  CHECK(c.type() == column_type::numeric);
  CHECK(c.is_numeric());
  CHECK(c.size() == 4);
  CHECK(c.missing_count() == 2);
  CHECK_FALSE(c.is_missing(0));
  CHECK(c.is_missing(1));
  CHECK_FALSE(c.is_missing(2));
  CHECK(c.is_missing(3));
  REQUIRE(c.numbers().size() == 4);
  CHECK(c.numbers()[0] == 1.5);
  CHECK(c.numbers()[2] == -2.0);
  CHECK(socialcure::to_string(c.type()) == "numeric");
}

TEST_CASE("table: text column construction and missing flags") {
  const column plain("g", std::vector<std::string>{"a", "b"});
  CHECK(plain.type() == column_type::text);
  CHECK_FALSE(plain.is_numeric());
  CHECK(plain.size() == 2);
  CHECK(plain.missing_count() == 0);
  CHECK(socialcure::to_string(plain.type()) == "text");

  const column flagged("g", std::vector<std::string>{"a", "", "c"}, std::vector<bool>{false, true, false});
  CHECK(flagged.missing_count() == 1);
  CHECK(flagged.is_missing(1));
  CHECK_FALSE(flagged.is_missing(0));
  REQUIRE(flagged.strings().size() == 3);
  CHECK(flagged.strings()[2] == "c");

  // An empty string is a value, not missing, unless flagged.
  const column empty_value("g", std::vector<std::string>{""});
  CHECK(empty_value.missing_count() == 0);

  CHECK_THROWS_AS(column("g", std::vector<std::string>{"a", "b"}, std::vector<bool>{true}), argument_error);
}

TEST_CASE("table: numbers and strings on the wrong column type throw") {
  const column num("x", std::vector<double>{1.0});
  const column txt("g", std::vector<std::string>{"a"});
  CHECK_THROWS_AS((void)num.strings(), argument_error);
  CHECK_THROWS_AS((void)txt.numbers(), argument_error);
  CHECK_THROWS_WITH_AS((void)txt.numbers(), doctest::Contains("'g'"), argument_error);

  const table t = small_table();
  CHECK_THROWS_AS((void)t.numeric("g"), argument_error);
  CHECK_THROWS_AS((void)t.text("x"), argument_error);
  CHECK(t.numeric("x").size() == 3);
  CHECK(t.text("g").size() == 3);
}

TEST_CASE("table: add sets the row count and keeps column order") {
  table t("src.csv");
  CHECK(t.rows() == 0);
  CHECK(t.cols() == 0);
  CHECK(t.source() == "src.csv");
  t.add(column("b", std::vector<double>{1.0, 2.0}));
  t.add(column("a", std::vector<std::string>{"x", "y"}));
  CHECK(t.rows() == 2);
  CHECK(t.cols() == 2);
  CHECK(t.names() == std::vector<std::string>{"b", "a"});
  CHECK(t.has("a"));
  CHECK_FALSE(t.has("c"));
  CHECK(t.index_of("b") == 0);
  CHECK(t.index_of("a") == 1);
  CHECK(t.index_of("zzz") == t.cols());
  CHECK(t.at(1).name() == "a");
  CHECK_THROWS_AS((void)t.at(2), std::out_of_range);
  t.set_source("other");
  CHECK(t.source() == "other");
}

TEST_CASE("table: add rejects a duplicate name and a length mismatch") {
  table t;
  t.add(column("x", std::vector<double>{1.0, 2.0}));
  CHECK_THROWS_AS(t.add(column("x", std::vector<double>{3.0, 4.0})), argument_error);
  CHECK_THROWS_AS(t.add(column("y", std::vector<double>{1.0})), argument_error);
  CHECK_THROWS_AS(t.add(column("y", std::vector<std::string>{"a", "b", "c"})), argument_error);
  CHECK(t.cols() == 1);
  CHECK(t.rows() == 2);
}

TEST_CASE("table: add after set_source_lines must match the row count") {
  table t;
  t.set_source_lines({4, 5, 6});
  CHECK(t.rows() == 3);
  CHECK_THROWS_AS(t.add(column("x", std::vector<double>{1.0})), argument_error);
  t.add(column("x", std::vector<double>{1.0, 2.0, 3.0}));
  CHECK(t.cols() == 1);
}

TEST_CASE("table: get on a missing name lists the available names") {
  const table t = small_table();
  CHECK(t.get("x").name() == "x");
  CHECK_THROWS_AS((void)t.get("nope"), argument_error);
  try {
    (void)t.get("nope");
    FAIL("expected argument_error");
  } catch (const argument_error& e) {
    const std::string message = e.what();
    CHECK(message.find("small.csv") != std::string::npos);
    CHECK(message.find("'nope'") != std::string::npos);
    CHECK(message.find("x, g") != std::string::npos);
  }
  const table empty;
  CHECK_THROWS_WITH_AS((void)empty.get("a"), doctest::Contains("none"), argument_error);
}

TEST_CASE("table: remove and rename") {
  table t = small_table();
  t.remove("not there");  // no effect, no error
  CHECK(t.cols() == 2);
  t.rename("x", "score");
  CHECK(t.names() == std::vector<std::string>{"score", "g"});
  t.rename("score", "score");  // renaming to itself is allowed
  CHECK(t.has("score"));
  CHECK_THROWS_AS(t.rename("score", "g"), argument_error);  // collision
  CHECK_THROWS_WITH_AS(t.rename("absent", "y"), doctest::Contains("score, g"), argument_error);
  t.remove("score");
  CHECK(t.names() == std::vector<std::string>{"g"});
  CHECK(t.rows() == 3);
}

TEST_CASE("table: source lines") {
  table t = small_table();
  REQUIRE(t.source_lines().size() == 3);
  CHECK(t.source_line(0) == 2);
  CHECK(t.source_line(2) == 5);
  CHECK(t.source_line(3) == 0);  // out of range: unknown
  CHECK_THROWS_AS(t.set_source_lines({1, 2}), argument_error);

  table built;
  built.add(column("x", std::vector<double>{1.0}));
  CHECK(built.source_lines().empty());
  CHECK(built.source_line(0) == 0);
}

TEST_CASE("table: select_rows reorders and repeats rows with their source lines") {
  const table t = small_table();
  const std::vector<std::size_t> rows = {2, 0, 0};
  const table s = t.select_rows(rows);
  CHECK(s.source() == "small.csv");
  CHECK(s.rows() == 3);
  CHECK(s.names() == t.names());
  const auto x = s.numeric("x");
  CHECK(x[0] == 3.0);
  CHECK(x[1] == 1.0);
  CHECK(x[2] == 1.0);
  const auto g = s.text("g");
  CHECK(g[0] == "c");
  CHECK(g[1] == "a");
  CHECK(s.source_line(0) == 5);
  CHECK(s.source_line(1) == 2);
  CHECK(s.source_line(2) == 2);
  // A missing entry stays missing.
  const table m = t.select_rows(std::vector<std::size_t>{1});
  CHECK(m.get("x").is_missing(0));
  CHECK(m.get("g").is_missing(0));
  CHECK(m.source_line(0) == 3);
}

TEST_CASE("table: select_rows with no_row gives a missing row and source line 0") {
  const table t = small_table();
  const std::vector<std::size_t> rows = {0, table::no_row, 2};
  const table s = t.select_rows(rows);
  REQUIRE(s.rows() == 3);
  CHECK_FALSE(s.get("x").is_missing(0));
  CHECK(s.get("x").is_missing(1));
  CHECK(s.get("g").is_missing(1));
  CHECK(s.text("g")[1].empty());
  CHECK(s.get("x").missing_count() == 1);
  CHECK(s.get("g").missing_count() == 1);
  CHECK(s.source_line(0) == 2);
  CHECK(s.source_line(1) == 0);
  CHECK(s.source_line(2) == 5);
}

TEST_CASE("table: select_rows on a row out of range throws") {
  const table t = small_table();
  CHECK_THROWS_AS((void)t.select_rows(std::vector<std::size_t>{3}), argument_error);
  CHECK_THROWS_AS((void)t.select_rows(std::vector<std::size_t>{0, 99}), argument_error);
  const table none = t.select_rows(std::vector<std::size_t>{});
  CHECK(none.rows() == 0);
  CHECK(none.cols() == 2);
}

TEST_CASE("table: column gather") {
  const column num("x", std::vector<double>{10.0, 20.0, 30.0});
  const std::vector<std::size_t> rows = {2, table::no_row, 0, 2};
  const column g = num.gather(rows);
  CHECK(g.name() == "x");
  REQUIRE(g.size() == 4);
  CHECK(g.numbers()[0] == 30.0);
  CHECK(g.is_missing(1));
  CHECK(g.numbers()[2] == 10.0);
  CHECK(g.numbers()[3] == 30.0);

  const column txt("t", std::vector<std::string>{"a", "", "c"}, std::vector<bool>{false, true, false});
  const column h = txt.gather(std::vector<std::size_t>{1, 2, table::no_row});
  CHECK(h.type() == column_type::text);
  CHECK(h.is_missing(0));
  CHECK(h.strings()[1] == "c");
  CHECK_FALSE(h.is_missing(1));
  CHECK(h.is_missing(2));
  CHECK(h.missing_count() == 2);

  CHECK_THROWS_AS((void)num.gather(std::vector<std::size_t>{3}), argument_error);
}

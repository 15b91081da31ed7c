// Tests of include/socialcure/report/text_table.hpp: aligned tables and number formatting.
#include "socialcure/report/text_table.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <limits>
#include <string>

#include "socialcure/core/error.hpp"
#include "socialcure/core/missing.hpp"

using socialcure::alignment;
using socialcure::argument_error;
using socialcure::format_fixed;
using socialcure::format_significant;
using socialcure::text_table;

TEST_CASE("text_table: default alignment is first column left and the others right") {
  text_table t({"name", "n"});
  t.add_row({"alpha", "5"});
  t.add_row({"b", "123"});
  // Widths: name = max(4, 5, 1) = 5, n = max(1, 1, 3) = 3; two spaces between columns;
  // rule = 5 + 2 + 3 = 10 dashes.
  CHECK(t.str() ==
        "name     n\n"
        "----------\n"
        "alpha    5\n"
        "b      123\n");
}

TEST_CASE("text_table: explicit alignments and no trailing spaces") {
  text_table t({"x", "label"}, {alignment::right, alignment::left});
  t.add_row({"1", "a"});
  t.add_row({"100", "bb"});
  // Widths 3 and 5; the left-aligned last column is not padded at the end of the line.
  CHECK(t.str() ==
        "  x  label\n"
        "----------\n"
        "  1  a\n"
        "100  bb\n");
}

TEST_CASE("text_table: three columns with a wide middle cell") {
  text_table t({"a", "b", "c"}, {alignment::left, alignment::right, alignment::left});
  t.add_row({"1", "22222", "3"});
  // Widths 1, 5, 1: rule = 1 + 2 + 5 + 2 + 1 = 11.
  CHECK(t.str() ==
        "a      b  c\n"
        "-----------\n"
        "1  22222  3\n");
}

TEST_CASE("text_table: a header without rows") {
  const text_table t({"a", "bb"});
  CHECK(t.str() == "a  bb\n-----\n");
}

TEST_CASE("text_table: a row with the wrong cell count throws") {
  text_table t({"a", "b"});
  CHECK_THROWS_AS(t.add_row({"1"}), argument_error);
  CHECK_THROWS_AS(t.add_row({"1", "2", "3"}), argument_error);
  t.add_row({"1", "2"});
  CHECK(t.str() == "a  b\n----\n1  2\n");
  CHECK_THROWS_AS(text_table({"a", "b"}, {alignment::left}), argument_error);
}

TEST_CASE("text_table: format_fixed rounds to the given decimals") {
  CHECK(format_fixed(3.14159, 2) == "3.14");
  CHECK(format_fixed(1234.5678, 1) == "1234.6");
  CHECK(format_fixed(-2.26, 1) == "-2.3");
  CHECK(format_fixed(2.7, 0) == "3");
  CHECK(format_fixed(0.5, 3) == "0.500");
  // Negative decimals are treated as 0.
  CHECK(format_fixed(2.7, -1) == "3");
  // 1e20 is exact in binary.
  CHECK(format_fixed(1e20, 2) == "100000000000000000000.00");
}

TEST_CASE("text_table: format_fixed never writes negative zero") {
  CHECK(format_fixed(-0.001, 2) == "0.00");
  CHECK(format_fixed(-0.0, 1) == "0.0");
  CHECK(format_fixed(-0.4, 0) == "0");
  CHECK(format_fixed(-0.0, 0) == "0");
  // A real negative value keeps its sign.
  CHECK(format_fixed(-0.01, 2) == "-0.01");
}

TEST_CASE("text_table: format_fixed writes NA and Inf") {
  CHECK(format_fixed(socialcure::missing_value, 2) == "NA");
  CHECK(format_fixed(std::numeric_limits<double>::infinity(), 2) == "Inf");
  CHECK(format_fixed(-std::numeric_limits<double>::infinity(), 2) == "-Inf");
}

TEST_CASE("text_table: format_fixed of a large magnitude is not truncated") {
  // 1e100 has 101 digits before the point; with 2 decimals the text has 101 + 3 characters and
  // reads back as the same double.
  const std::string big = format_fixed(1e100, 2);
  CHECK(big.size() == 104);
  CHECK(big.substr(big.size() - 3) == ".00");
  CHECK(std::strtod(big.c_str(), nullptr) == 1e100);
  const std::string negative = format_fixed(-1e300, 0);
  CHECK(negative.size() == 302);
  CHECK(std::strtod(negative.c_str(), nullptr) == -1e300);
}

TEST_CASE("text_table: format_significant") {
  CHECK(format_significant(3.14159265, 3) == "3.14");
  CHECK(format_significant(2.0 / 3.0, 4) == "0.6667");
  CHECK(format_significant(100.0, 6) == "100");
  CHECK(format_significant(-1.5, 2) == "-1.5");
  CHECK(format_significant(0.000123456, 3) == "0.000123");
  // Digits are clamped to 1..17.
  CHECK(format_significant(1.0 / 3.0, 0) == "0.3");
  CHECK(format_significant(1.0 / 3.0, 40) == "0.33333333333333331");
  CHECK(format_significant(socialcure::missing_value, 3) == "NA");
  CHECK(format_significant(std::numeric_limits<double>::infinity(), 3) == "Inf");
  CHECK(format_significant(-std::numeric_limits<double>::infinity(), 3) == "-Inf");
}

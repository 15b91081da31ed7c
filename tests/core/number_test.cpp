// Tests of include/socialcure/core/number.hpp: strict parsing and exact formatting.
#include "socialcure/core/number.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "socialcure/core/missing.hpp"

using socialcure::format_number;
using socialcure::number_status;
using socialcure::parse_number;

namespace {
bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }
}  // namespace

TEST_CASE("number: parse_number accepts decimal forms") {
  struct example {
    const char* text;
    double value;
  };
  // Every expected value is exactly representable or is the nearest double to the literal,
  // which the compiler computes from the same decimal text.
  const std::vector<example> examples = {
      {"-1.5", -1.5}, {"+2", 2.0},   {"3e-2", 3e-2},   {".5", 0.5},     {"5.", 5.0},
      {"1E+3", 1000.0}, {"0", 0.0},  {"-0.25", -0.25}, {"42", 42.0},    {"1e0", 1.0},
      {"+.5e1", 5.0},   {"0.1", 0.1}, {"-7E-1", -0.7}, {"123456789", 123456789.0},
  };
  for (const auto& ex : examples) {
    CAPTURE(ex.text);
    const auto parsed = parse_number(ex.text);
    CHECK(parsed.status == number_status::ok);
    CHECK(same_bits(parsed.value, ex.value));
  }
}

TEST_CASE("number: parse_number keeps the sign of negative zero") {
  const auto parsed = parse_number("-0");
  REQUIRE(parsed.status == number_status::ok);
  CHECK(parsed.value == 0.0);
  CHECK(std::signbit(parsed.value));
}

TEST_CASE("number: parse_number rejects text that is not a decimal number") {
  const std::vector<const char*> rejected = {
      "1.2.3", "12abc", "1,5", "0x10", "nan", "NaN", "inf", "-inf", "infinity", "",    " 1", "1 ", "e5",
      "+",     "-",     "1e",  "--1",  "+-1", ".",   "-.", "1e+", "1e5.5",    "1.e", "1d5", "5%", "\t1",
  };
  for (const char* text : rejected) {
    CAPTURE(text);
    const auto parsed = parse_number(text);
    CHECK(parsed.status == number_status::not_a_number);
  }
}

TEST_CASE("number: parse_number reports values beyond the range of a double") {
  for (const char* text : {"1e400", "-1e400", "1e-400", "-1e-400", "2e308"}) {
    CAPTURE(text);
    CHECK(parse_number(text).status == number_status::out_of_range);
  }
  // The largest finite double and the smallest subnormal are in range.
  const auto largest = parse_number("1.7976931348623157e308");
  CHECK(largest.status == number_status::ok);
  CHECK(largest.value == std::numeric_limits<double>::max());
  const auto tiny = parse_number("5e-324");
  CHECK(tiny.status == number_status::ok);
  CHECK(tiny.value == std::numeric_limits<double>::denorm_min());
}

TEST_CASE("number: whole numbers beyond 2^53 written as digits are inexact_integer, with an exponent ok") {
  for (const char* text : {"9007199254740993", "-9007199254740993", "12345678901234567890", "+18446744073709551616",
                           "123456789012345678901234567890", "0009007199254740993"}) {
    CAPTURE(text);
    CHECK(parse_number(text).status == number_status::inexact_integer);
  }
  // 2^53 itself, and large values with a decimal point or an exponent, are ok.
  for (const char* text : {"9007199254740992", "-9007199254740992", "1e19", "1.2345678901234567e19",
                           "12345678901234567890.0", "00009007199254740992"}) {
    CAPTURE(text);
    CHECK(parse_number(text).status == number_status::ok);
  }
  CHECK(parse_number("9007199254740992").value == 9007199254740992.0);
}

TEST_CASE("number: format_number writes values beyond 2^53 with an exponent, so they read back ok") {
  for (double v : {9007199254740994.0, -9007199254740994.0, 12345678901234568.0, 1e16, 1.7976931348623157e308}) {
    CAPTURE(v);
    const std::string text = format_number(v);
    CHECK(text.find('e') != std::string::npos);
    const auto back = parse_number(text);
    CHECK(back.status == number_status::ok);
    CHECK(back.value == v);
  }
  CHECK(format_number(9007199254740992.0) == "9007199254740992");
}

TEST_CASE("number: parse_number reads only the given view") {
  // A view into a longer buffer: the characters after it must not be read.
  const std::string text = "12abc";
  const auto parsed = parse_number(std::string_view(text).substr(0, 2));
  CHECK(parsed.status == number_status::ok);
  CHECK(parsed.value == 12.0);
}

TEST_CASE("number: format_number writes the shortest exact text") {
  CHECK(format_number(0.1) == "0.1");
  CHECK(format_number(2.0) == "2");
  CHECK(format_number(-1.5) == "-1.5");
  CHECK(format_number(0.0) == "0");
  // 1/3 = 0.333333333333333314829616256247...; 16 threes are needed and enough to read back.
  CHECK(format_number(1.0 / 3.0) == "0.3333333333333333");
  CHECK(format_number(1e-300) == "1e-300");
  // Shortest of "-25000000000" and "-2.5e+10".
  CHECK(format_number(-2.5e10) == "-2.5e+10");
}

TEST_CASE("number: format_number round-trips through parse_number exactly") {
  const std::vector<double> values = {
      0.1,
      1.0 / 3.0,
      1e-300,
      -2.5e10,
      2.0 / 3.0,
      -0.0,
      123456.789,
      std::nextafter(1.0, 2.0),
      std::numeric_limits<double>::max(),
      std::numeric_limits<double>::lowest(),
      std::numeric_limits<double>::min(),
      std::numeric_limits<double>::denorm_min(),
      std::numeric_limits<double>::epsilon(),
      3.141592653589793,
      1e22,
      9007199254740993.0,  // 2^53 + 1 rounds to 2^53
  };
  for (double v : values) {
    const std::string text = format_number(v);
    CAPTURE(text);
    const auto back = parse_number(text);
    CHECK(back.status == number_status::ok);
    CHECK(same_bits(back.value, v));
  }
}

TEST_CASE("number: format_number writes NA for a missing value") {
  CHECK(format_number(socialcure::missing_value) == "NA");
  CHECK(format_number(std::nan("")) == "NA");
  CHECK(socialcure::is_missing(socialcure::missing_value));
  CHECK_FALSE(socialcure::is_missing(0.0));
}

TEST_CASE("number: a count is a non-negative whole number up to 2^53") {
  using socialcure::is_count;
  // 2^53 = 9007199254740992 is the last whole number before a gap: 2^53 + 2 is the next double.
  for (const double v : {0.0, -0.0, 1.0, 17.0, 9007199254740991.0, 9007199254740992.0}) {
    CAPTURE(v);
    CHECK(is_count(v));
  }
  const double inf = std::numeric_limits<double>::infinity();
  for (const double v : {-1.0, 2.5, 1e-300, 9007199254740994.0, 1.2e16, inf, -inf, socialcure::missing_value}) {
    CAPTURE(v);
    CHECK_FALSE(is_count(v));
  }
}

TEST_CASE("number: require_count names where, the value and the allowed values, and passes missing values") {
  const socialcure::location where{"visits.csv", 4, "gp", "P7", {}};
  CHECK_NOTHROW(socialcure::require_count(socialcure::missing_value, where));
  CHECK_NOTHROW(socialcure::require_count(3.0, where));
  for (const double v : {2.5, -1.0, 1.2e16}) {
    CAPTURE(v);
    try {
      socialcure::require_count(v, where);
      FAIL("no error");
    } catch (const socialcure::data_error& e) {
      CHECK(e.where().file == "visits.csv");
      CHECK(e.where().line == 4);
      CHECK(e.where().column == "gp");
      CHECK(e.where().respondent == "P7");
      CHECK(e.value() == format_number(v));
      CHECK(e.problem() == "a count must be a non-negative whole number up to 2^53");
      CHECK(e.allowed() == "0, 1, 2, ..., 9007199254740992");
    }
  }
}

#pragma once
/// \file
/// \brief Strict parsing and exact formatting of decimal numbers, and what a count is.

#include <string>
#include <string_view>

#include "socialcure/core/error.hpp"

namespace socialcure {

/// \brief The outcome of parsing text as a number.
enum class number_status {
  ok,            ///< a finite decimal number
  not_a_number,  ///< text that is not a decimal number ("12abc", "1.2.3", "0x10", "nan", "inf", "")
  out_of_range,  ///< a decimal number beyond the range of a double ("1e400", "1e-400")
  /// A whole number written without a decimal point or exponent and beyond 2^53 in magnitude
  /// ("12345678901234567890"): past 2^53 not every whole number is a double, so a count or code
  /// this large would be stored as a different number. `value` holds the nearest double.
  inexact_integer,
};

/// \brief 2^53: every whole number up to it in magnitude is exact in double precision.
inline constexpr double max_exact_integer = 9007199254740992.0;

/// \brief A parsed number and its status.
struct parsed_number {
  number_status status = number_status::not_a_number;
  double value = 0.0;
};

/// \brief Parses the whole of `text` as a decimal number: optional sign, digits with an optional
/// decimal point, optional exponent. Nothing else is accepted (no spaces, hex, NaN or infinity).
/// A whole number beyond 2^53 written as digits only is number_status::inexact_integer (written
/// with an exponent, "1.2e19", it is an approximate value and ok).
[[nodiscard]] parsed_number parse_number(std::string_view text) noexcept;

/// \brief What a count is, in words, as every count message says it.
inline constexpr std::string_view count_rule = "a non-negative whole number up to 2^53";

/// \brief Whether `value` is a count: a non-negative whole number up to 2^53 (max_exact_integer),
/// the range in which every whole number is exact in double precision. The library's one
/// definition of a count (count outcomes of GLMs, the paired rate ratio, count measures of a
/// study). False for missing values.
[[nodiscard]] bool is_count(double value) noexcept;

/// \brief Checks a count where it was read. Does nothing when `value` is missing or a count.
/// \throws data_error at `where`: "a count must be " + count_rule, with the value and the allowed
/// values "0, 1, 2, ..., 9007199254740992".
void require_count(double value, const location& where);

/// \brief The shortest decimal text that reads back as exactly `value` ("NA" for a missing value);
/// beyond 2^53 in scientific notation ("1.2345678901234568e+16"), which parse_number reads as ok.
[[nodiscard]] std::string format_number(double value);

}  // namespace socialcure

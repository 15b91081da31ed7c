#pragma once
/// \file
/// \brief Strict parsing and exact formatting of decimal numbers.

#include <string>
#include <string_view>

namespace socialcure {

/// \brief The outcome of parsing text as a number.
enum class number_status {
  ok,            ///< a finite decimal number
  not_a_number,  ///< text that is not a decimal number ("12abc", "1.2.3", "0x10", "nan", "inf", "")
  out_of_range,  ///< a decimal number beyond the range of a double ("1e400", "1e-400")
};

/// \brief A parsed number and its status.
struct parsed_number {
  number_status status = number_status::not_a_number;
  double value = 0.0;
};

/// \brief Parses the whole of `text` as a decimal number: optional sign, digits with an optional
/// decimal point, optional exponent. Nothing else is accepted (no spaces, hex, NaN or infinity).
[[nodiscard]] parsed_number parse_number(std::string_view text) noexcept;

/// \brief The shortest decimal text that reads back as exactly `value` ("NA" for a missing value).
[[nodiscard]] std::string format_number(double value);

}  // namespace socialcure

#include "socialcure/core/number.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <system_error>

#include "socialcure/core/missing.hpp"

namespace socialcure {

namespace {
bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// Checks the decimal grammar: [+-] (digits [. digits*] | . digits) [(e|E) [+-] digits].
bool is_decimal(std::string_view s) noexcept {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  std::size_t digits = 0;
  while (i < s.size() && is_digit(s[i])) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t exp_digits = 0;
    while (i < s.size() && is_digit(s[i])) ++i, ++exp_digits;
    if (exp_digits == 0) return false;
  }
  return i == s.size();
}

// Whether whole-number digits (an optional '-' first) exceed 2^53 in magnitude: compared as text,
// since the double nearest to 2^53 + 1 is 2^53.
bool beyond_exact_integers(std::string_view digits) noexcept {
  if (!digits.empty() && digits.front() == '-') digits.remove_prefix(1);
  while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
  constexpr std::string_view limit = "9007199254740992";  // 2^53
  return digits.size() > limit.size() || (digits.size() == limit.size() && digits > limit);
}

}  // namespace

parsed_number parse_number(std::string_view text) noexcept {
  if (!is_decimal(text)) return {};
  std::string_view body = text;
  if (body.front() == '+') body.remove_prefix(1);  // from_chars takes no '+'
  double value = 0.0;
  const auto [end, ec] = std::from_chars(body.data(), body.data() + body.size(), value);
  if (ec == std::errc::result_out_of_range) return {number_status::out_of_range, 0.0};
  if (ec != std::errc() || end != body.data() + body.size() || !std::isfinite(value)) return {};
  if (body.find_first_of(".eE") == std::string_view::npos && beyond_exact_integers(body)) {
    return {number_status::inexact_integer, value};
  }
  return {number_status::ok, value};
}

std::string format_number(double value) {
  if (std::isnan(value)) return "NA";
  std::array<char, 32> buffer{};
  // Beyond 2^53 the shortest text may be digits only ("12345678901234568"), which parse_number
  // reads as an inexact whole number: such values are written with an exponent.
  const auto [end, ec] = std::fabs(value) > max_exact_integer
                             ? std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::scientific)
                             : std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return ec == std::errc() ? std::string(buffer.data(), end) : std::string("NA");
}

bool is_count(double value) noexcept {
  return value >= 0.0 && value <= max_exact_integer && value == std::floor(value);
}

void require_count(double value, const location& where) {
  if (is_missing(value) || is_count(value)) return;
  throw data_error(where, "a count must be " + std::string(count_rule), format_number(value),
                   "0, 1, 2, ..., " + format_number(max_exact_integer));
}

}  // namespace socialcure

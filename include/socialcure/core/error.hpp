#pragma once
/// \file
/// \brief The exceptions socialcure throws, and where a bad value was found.
///
/// Bad data throw socialcure::data_error (a std::runtime_error); bad arguments from the calling
/// program throw socialcure::argument_error (a std::invalid_argument). Both carry a message that
/// names where (file, line, column, respondent, item) and what (the value, what was allowed).

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace socialcure {

/// \brief Where a value came from. Every field is optional; empty strings and zero lines are
/// left out of messages.
struct location {
  std::string file;        ///< file name as given by the user (or a label such as "<sample>")
  std::size_t line = 0;    ///< 1-based physical line in the file; 0 when unknown
  std::string column;      ///< column (variable) name
  std::string respondent;  ///< respondent id
  std::string item;        ///< scale item

  /// \brief "file:line: column 'c', respondent 'r', item 'i'" with the known parts only.
  [[nodiscard]] std::string to_string() const;
};

/// \brief Bad data: a value that cannot be read or is not allowed.
class data_error : public std::runtime_error {
 public:
  /// \param where  where the value was found
  /// \param what   what is wrong, e.g. "value is not a number"
  /// \param value  the offending value as written (may be empty)
  /// \param allowed what would have been accepted (may be empty)
  data_error(location where, const std::string& what, std::string value = {}, std::string allowed = {});

  [[nodiscard]] const location& where() const noexcept { return where_; }
  [[nodiscard]] const std::string& value() const noexcept { return value_; }
  [[nodiscard]] const std::string& allowed() const noexcept { return allowed_; }
  /// \brief The problem alone, without the location.
  [[nodiscard]] const std::string& problem() const noexcept { return problem_; }

 private:
  location where_;
  std::string problem_;
  std::string value_;
  std::string allowed_;
};

/// \brief A bad argument from the calling program (unknown column name, invalid option, ...).
class argument_error : public std::invalid_argument {
 public:
  explicit argument_error(const std::string& what) : std::invalid_argument(what) {}
};

/// \brief Checks a confidence level. \throws argument_error "<who>: level <x> is outside (0, 1)"
/// unless 0 < level < 1 (NaN included).
void check_level(double level, std::string_view who);

}  // namespace socialcure

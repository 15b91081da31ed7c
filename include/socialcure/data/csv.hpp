#pragma once
/// \file
/// \brief Reading delimited text files (CSV, TSV) into a socialcure::table.
///
/// The reader follows RFC 4180: fields may be quoted with double quotes, a quoted field may hold
/// the delimiter, line breaks and doubled quotes (""), records end with LF or CRLF, and a UTF-8
/// byte-order mark before the header is skipped. A header row is required.
///
/// Column types. A column is text when it is named in csv_options::text_columns or is the id
/// column. Otherwise it is numeric when at least one of its non-missing values is a number, and
/// then *every* non-missing value must be a number: a column that mixes numbers and text
/// ("3", "12abc") is an error naming both lines, so a typo is never read as text or as missing.
/// A column with no numbers (only text and missing codes) is text; a column with nothing but
/// missing codes is numeric (all missing). Name columns in csv_options::numeric_columns to
/// require them to be numeric.
///
/// Numbers are decimal, with an optional sign and exponent ("-1.5", "+2", "3e-2", ".5"). Text such
/// as "1.2.3", "12abc", "1,5", "0x10", "nan" and "inf" is not a number; values beyond the range of
/// a double ("1e400", "1e-400") are rejected with their location, and so are whole numbers written
/// as digits beyond 2^53 = 9007199254740992 ("12345678901234567890": an overflowing count or code
/// that no double holds exactly; write an approximate value with an exponent). Spaces and tabs around an
/// unquoted field are ignored; a quoted field is kept as written.
///
/// Missing values. A field equal to one of csv_options::missing_codes (defaults: the empty field
/// and "NA") is missing. A missing code that is itself a number (e.g. "-99") also matches the
/// same number written differently ("-99.0"). Missing values are counted, never dropped.
///
/// Blank lines (no characters at all between two line ends) are not records and are skipped.
/// Every error is a socialcure::data_error naming the file and line, and the column and value
/// where one applies (a ragged row names its field count and the header's instead).

#include <cstddef>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "socialcure/data/table.hpp"

namespace socialcure {

/// \brief How to read a delimited file.
struct csv_options {
  /// Field delimiter; '\0' (the default) chooses by file name: tab for ".tsv" and ".tab",
  /// comma otherwise.
  char delimiter = '\0';
  /// Fields that mean "missing" (compared after trimming unquoted fields). Default: "" and "NA".
  std::vector<std::string> missing_codes{"", "NA"};
  /// Columns always read as text.
  std::vector<std::string> text_columns;
  /// Columns that must be numeric (an error otherwise, even when they hold no number at all).
  std::vector<std::string> numeric_columns;
  /// Respondent id column (optional). It is read as text, and every row must have an id that is
  /// not missing and not repeated; an error names both lines of a repeated id.
  std::string id_column;
  /// When not empty, only these columns are kept (others are still checked for well-formed
  /// records but not stored); each must exist in the header.
  std::vector<std::string> columns;

  /// \throws argument_error on an impossible setting (a quote or line end as delimiter, a
  /// column both text and numeric).
  void validate() const;
};

/// \brief Reads a delimited file. \throws data_error on bad data (with its location),
/// argument_error on bad options or a missing requested column.
[[nodiscard]] table read_csv(const std::string& path, const csv_options& options = {});

/// \brief Reads delimited text from a stream; `source` names it in messages and in the table.
[[nodiscard]] table read_csv(std::istream& in, const std::string& source, const csv_options& options = {});

/// \brief Reads delimited text held in memory; `source` names it in messages and in the table.
[[nodiscard]] table parse_csv(std::string_view text, const std::string& source, const csv_options& options = {});

/// \brief The delimiter read_csv would choose for a file name when none is given.
[[nodiscard]] char delimiter_for(std::string_view path) noexcept;

/// \brief Writes a table as RFC 4180 CSV (LF line ends; fields quoted only when needed; missing
/// written as the empty field; numbers with the shortest text that reads back exactly).
void write_csv(std::ostream& out, const table& data, char delimiter = ',');

}  // namespace socialcure

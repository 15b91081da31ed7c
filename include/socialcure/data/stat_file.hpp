#pragma once
/// \file
/// \brief Reading SPSS (.sav, .zsav, .por) and Stata (.dta) data files into a socialcure::table,
/// with their variable labels, value labels and counts of each kind of missing value.
///
/// The files are parsed by the ReadStat library; the parser is chosen by the file name's
/// extension (case-insensitive): ".sav" and ".zsav" (SPSS system files, compressed or not),
/// ".por" (SPSS portable files) and ".dta" (Stata, formats 104 to 119).
///
/// Column types. A numeric variable becomes a numeric column and a string variable a text
/// column, in the order of the file. A variable named in stat_file_options::text_columns, and the
/// id column, are read as text: a whole number is then written in plain digits (17 -> "17",
/// 1000000 -> "1000000"), another number in its shortest form (2.5 -> "2.5"). Stata float variables are read through their shortest decimal form, so a float
/// stored for 2.3 reads as 2.3 and not as 2.2999999523162842. Trailing blanks of SPSS strings are
/// padding and are removed.
///
/// Missing values. A numeric entry is missing when it is system missing (SPSS sysmis, Stata "."),
/// when it is user-defined missing and stat_file_options::user_missing_as_missing is set (SPSS
/// discrete missing values and missing ranges; Stata's extended missing values .a to .z, which
/// have no value and are therefore always missing), or when it equals a numeric code in
/// stat_file_options::missing_codes. A text entry is missing when it is empty (as in the CSV
/// reader, where the empty field is missing), when it is one of the SPSS user-defined missing
/// values of its variable (with user_missing_as_missing) or when it equals one of the missing
/// codes. Every missing entry is counted in stat_variable_info by its kind; nothing is dropped
/// silently.
///
/// Rows. The table's source is the path and the source line of a row is its 1-based case
/// (observation) number, so that later messages say "file.sav:12" for the 12th case.
///
/// Errors are socialcure::data_error naming the file (and the row, column and value where one
/// applies): a file that cannot be opened, a file ReadStat cannot parse (with ReadStat's own
/// message), a file with no variables or no cases, an infinite value, a missing or repeated id.
/// A requested column that the file does not have is an argument_error listing the available
/// names.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "socialcure/data/table.hpp"

namespace socialcure {

/// \brief How to read an SPSS or Stata file.
struct stat_file_options {
  /// Respondent id column (optional). It is read as text (a numeric id in plain digits), and
  /// every row must have an id that is not missing and not repeated; an error names both rows of
  /// a repeated id.
  std::string id_column;
  /// When not empty, only these columns are kept (and the id column); each must exist.
  std::vector<std::string> columns;
  /// Numeric variables to read as text (as the id column); each must exist.
  std::vector<std::string> text_columns;
  /// Extra codes meaning "missing": a text entry equal to a code is missing, and a code that is
  /// a decimal number (e.g. "-99") also makes numeric entries equal to it missing. Default: none
  /// (the empty text is always missing).
  std::vector<std::string> missing_codes;
  /// Whether user-defined missing values (SPSS discrete values and ranges, of numbers or texts)
  /// are read as missing (default) or as the values they are. Stata's .a to .z are missing
  /// either way.
  bool user_missing_as_missing = true;

  /// \throws argument_error on an empty column name or a column requested twice.
  void validate() const;
};

/// \brief One value label: the number and its label (e.g. 1 = "female").
struct value_label {
  double value = 0.0;
  std::string label;
};

/// \brief What the file says about one variable, and how its missing entries were counted.
struct stat_variable_info {
  std::string name;
  /// Variable label ("" when none).
  std::string label;
  /// The type of the column in stat_file::data.
  column_type type = column_type::numeric;
  /// Value labels of a numeric variable, in the file's order (labels of strings and of Stata's
  /// extended missing values are not kept).
  std::vector<value_label> value_labels;
  /// Entries that are user-defined missing in the file (SPSS missing values and ranges, Stata
  /// .a to .z), counted whether or not they were read as missing.
  std::size_t user_missing = 0;
  /// Entries that are system missing (SPSS sysmis, Stata "."), and empty texts.
  std::size_t system_missing = 0;
  /// Entries read as missing because they equal one of stat_file_options::missing_codes.
  std::size_t coded_missing = 0;
};

/// \brief An SPSS or Stata file as read: the table and the information on each kept variable.
struct stat_file {
  /// The kept columns, in file order; source = path, source lines = case numbers.
  table data;
  /// One entry per column of `data`, in the same order.
  std::vector<stat_variable_info> variables;
  /// "SPSS sav", "SPSS zsav" (compressed), "SPSS por" or "Stata dta".
  std::string format;
  /// The file label ("" when none).
  std::string file_label;
  /// Number of cases (rows) read.
  std::size_t rows = 0;
};

/// \brief Reads an SPSS (.sav, .zsav, .por) or Stata (.dta) file.
/// \param path     the file; its extension chooses the parser
/// \param options  id column, kept columns, text columns, missing codes
/// \returns the table with its variable information
/// \throws data_error on an unreadable file or bad data (naming the file, row, column and value),
/// argument_error on bad options, an unknown extension or a missing requested column.
[[nodiscard]] stat_file read_stat_file(const std::string& path, const stat_file_options& options = {});

/// \brief Whether read_stat_file reads this file: its name ends with .sav, .zsav, .por or .dta
/// (case-insensitive).
[[nodiscard]] bool is_stat_file(std::string_view path) noexcept;

}  // namespace socialcure

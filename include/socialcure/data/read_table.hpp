#pragma once
/// \file
/// \brief One way to read a data file into a socialcure::table, whatever its format.
///
/// read_table() chooses the reader by the path:
/// - "sample:NAME" is a bundled sample file (see sample.hpp), read as CSV;
/// - a name ending in ".sav", ".zsav", ".por" (SPSS) or ".dta" (Stata), in any case, is read by
///   read_stat_file() (see stat_file.hpp);
/// - any other name is delimited text read by read_csv() (see csv.hpp): tab-separated when it ends
///   in ".tsv" or ".tab", comma-separated otherwise, unless read_options::delimiter says otherwise.
///
/// Missing codes, the same rule in every format. A value is missing when it equals one of
/// read_options::missing_codes (default: the empty text and "NA"): a text value (a CSV field, an
/// SPSS/Stata string) equal to a code is missing, and a code that is a decimal number, such as
/// "-99", also makes every number equal to it missing (a CSV field "-99.0", an SPSS/Stata numeric
/// value -99). SPSS/Stata files have missing values of their own besides: system missing values
/// (SPSS sysmis, Stata ".") and empty strings are always missing, and user-defined missing values
/// (SPSS discrete values and ranges, Stata .a to .z) are missing unless
/// read_options::user_missing_as_missing is false (Stata's .a to .z have no value and stay missing).
///
/// The id column and the text columns are read as text in every format (an SPSS/Stata number in
/// plain digits when it is whole); each named column must exist. Errors are socialcure::data_error
/// naming the file, and the line (CSV) or case (SPSS/Stata), column and value where one applies;
/// bad options are socialcure::argument_error.

#include <string>
#include <string_view>
#include <vector>

#include "socialcure/data/stat_file.hpp"
#include "socialcure/data/table.hpp"

namespace socialcure {

/// \brief The prefix of a bundled sample file's path: "sample:panel_wide.csv".
inline constexpr std::string_view sample_prefix = "sample:";

/// \brief How to read a data file, in any format.
struct read_options {
  /// Respondent id column (optional): read as text; every row must have an id that is not
  /// missing and not repeated (an error names both rows of a repeated id).
  std::string id_column;
  /// Columns read as text (a numeric SPSS/Stata variable too); each must exist. Names may repeat.
  std::vector<std::string> text_columns;
  /// Codes meaning "missing", in every format (see the file comment). Default: "" and "NA".
  std::vector<std::string> missing_codes{"", "NA"};
  /// Field delimiter of delimited text; '\0' (default) chooses by the file name (tab for .tsv and
  /// .tab, comma otherwise). Any other value for an SPSS/Stata file is an argument_error.
  char delimiter = '\0';
  /// When not empty, only these columns (and the id column) are kept; each must exist. The file
  /// is still read whole and checked. Names may repeat (each is kept once).
  std::vector<std::string> columns;
  /// Whether SPSS/Stata user-defined missing values are read as missing (default) or as the
  /// values they are. No effect on delimited text.
  bool user_missing_as_missing = true;

  /// \throws argument_error on an impossible setting: a double quote or line end as delimiter, an
  /// empty column name among `columns` or `text_columns`.
  void validate() const;
};

/// \brief Reads a data file: CSV/TSV, SPSS (.sav, .zsav, .por), Stata (.dta) or "sample:NAME".
/// \param path     the file, or "sample:NAME" for a bundled sample file
/// \param options  id column, text columns, missing codes, delimiter, kept columns
/// \returns the table; its source is the path ("<sample>/NAME" for a sample) and the source line
/// of a row is its line in a delimited file, its case number in an SPSS/Stata file
/// \throws data_error on bad data or an unreadable file (naming the file, line or case, column
/// and value), argument_error on bad options, a delimiter for an SPSS/Stata file, an unknown
/// sample or a requested column the file does not have (listing those it has).
[[nodiscard]] table read_table(const std::string& path, const read_options& options = {});

/// \brief As read_table, with what an SPSS/Stata file says about its variables (labels, value
/// labels, counts of each kind of missing value) and the file's format and label. For delimited
/// text and samples `variables` is empty, `format` is "CSV" and `file_label` is empty.
[[nodiscard]] stat_file read_table_with_metadata(const std::string& path, const read_options& options = {});

}  // namespace socialcure

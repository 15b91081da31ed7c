#pragma once
// A small writer of SPSS (.sav, .zsav, .por) and Stata (.dta) files through ReadStat's writer API,
// to make test fixtures from a socialcure::table (used by the unit tests and by the
// write_stat_file tool of the command-line tests).

#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "socialcure/data/stat_file.hpp"
#include "socialcure/data/table.hpp"

namespace socialcure_test {

/// What to add to one column beyond its values.
struct stat_column_extras {
  /// Variable label.
  std::string label;
  /// Value labels.
  std::vector<socialcure::value_label> value_labels;
  /// User-defined missing values. SPSS: declared as discrete missing values (at most 3 values,
  /// or 1 value and 1 range). Stata: entries equal to one are written as extended missing .a.
  std::vector<double> missing_values;
  /// User-defined missing ranges [lo, hi]; as missing_values (.a in Stata).
  std::vector<std::pair<double, double>> missing_ranges;
  /// Stata only: entries (0-based rows) written as extended missing with the given tag ('a'-'z').
  std::map<std::size_t, char> tagged_missing;
  /// SPSS only: user-defined missing values of a text column.
  std::vector<std::string> missing_strings;
  /// Stata only: store the numeric column as float (4 bytes) instead of double.
  bool as_float = false;
};

/// Options of write_stat_file.
struct stat_write_options {
  /// Extras by column name.
  std::map<std::string, stat_column_extras> extras;
  /// File label.
  std::string file_label;
};

/// Writes `data` to `path`; the extension chooses the format: .sav, .zsav (compressed .sav),
/// .por or .dta. Numeric columns become double variables (missing = system missing), text
/// columns string variables as wide as their longest value (missing = the empty string).
/// Throws std::runtime_error naming the file and ReadStat's message when writing fails.
void write_stat_file(const std::string& path, const socialcure::table& data, const stat_write_options& options = {});

}  // namespace socialcure_test

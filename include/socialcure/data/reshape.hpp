#pragma once
/// \file
/// \brief Long <-> wide conversion for multi-wave panel data.
///
/// Long: one row per respondent and wave, with a wave column. Wide: one row per respondent, wave
/// variables named stem + separator + wave ("ucla1_t0"). Both directions keep every value: no row
/// is dropped and a respondent absent from a wave gets missing values.

#include <string>
#include <vector>

#include "socialcure/data/table.hpp"

namespace socialcure {

/// \brief Options for long_to_wide.
struct long_to_wide_options {
  std::string id_column = "id";
  std::string wave_column = "wave";
  /// Wave order in the output; empty: the order in which waves first appear. A wave value not in
  /// a non-empty list is an error naming its line.
  std::vector<std::string> waves;
  /// Columns to spread by wave; empty: every column except the id and wave columns.
  std::vector<std::string> columns;
  std::string separator = "_";
  void validate() const;
};

/// \brief Long to wide. Numeric wave values are named by their shortest decimal text ("1", "2.5").
/// \throws data_error on a missing id or wave, or an id that appears twice in one wave (naming
/// both lines); argument_error on an unknown column.
[[nodiscard]] table long_to_wide(const table& long_data, const long_to_wide_options& options = {});

/// \brief Options for wide_to_long.
struct wide_to_long_options {
  std::string id_column = "id";
  /// The waves whose suffixes to look for, in output order (required).
  std::vector<std::string> waves;
  std::string separator = "_";
  /// Name of the wave column in the output.
  std::string wave_column = "wave";
  void validate() const;
};

/// \brief Wide to long: one row per respondent and wave (respondent-major), with the id, the wave
/// (text), every stem (missing where a wave lacks that stem's column) and every column without a
/// wave suffix repeated on each of the respondent's rows.
/// \throws argument_error when no column carries a wave suffix or names collide.
[[nodiscard]] table wide_to_long(const table& wide, const wide_to_long_options& options);

}  // namespace socialcure

#pragma once
/// \file
/// \brief Pre/post designs: matching two waves of a panel by respondent id.
///
/// Two ways in: join two files (one per wave) by id, or split one wide file whose wave variables
/// carry suffixes ("loneliness_t0", "loneliness_t1"). Both give a socialcure::wave_pair, whose
/// two tables are aligned row by row on the union of respondents, with respondents present in
/// one wave only listed, never dropped.

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "socialcure/data/table.hpp"

namespace socialcure {

/// \brief Two waves aligned by respondent.
struct wave_pair {
  std::string id_column;               ///< name of the id column (present in every table below)
  std::array<std::string, 2> waves;    ///< wave names, e.g. {"t0", "t1"}
  std::vector<std::string> ids;        ///< all respondents: first-wave order, then second-wave-only ones
  table person;                        ///< id plus variables that do not change between waves
  table first;                         ///< id plus the first wave's variables; all missing where absent
  table second;                        ///< id plus the second wave's variables; all missing where absent
  std::vector<bool> in_first;          ///< per row: the respondent took part in the first wave
  std::vector<bool> in_second;         ///< per row: the respondent took part in the second wave
  std::vector<std::string> only_first;   ///< ids present in the first wave only (e.g. lost to follow-up)
  std::vector<std::string> only_second;  ///< ids present in the second wave only
  std::size_t n_both = 0;                ///< respondents present in both waves

  /// \brief Row indices of respondents present in both waves.
  [[nodiscard]] std::vector<std::size_t> rows_in_both() const;
};

/// \brief Options for join_waves.
struct join_options {
  std::string id_column = "id";
  std::array<std::string, 2> waves{"t0", "t1"};
  void validate() const;
};

/// \brief Joins one table per wave by respondent id. Each table's id column must be text with
/// unique, non-missing ids (read it with csv_options::id_column set). Rows of `person` hold the
/// id only; every other column goes to its wave's table.
/// \throws argument_error when the id column is absent; data_error on a missing or repeated id
/// (naming file and line).
[[nodiscard]] wave_pair join_waves(const table& first, const table& second, const join_options& options = {});

/// \brief Options for split_waves.
struct split_options {
  std::string id_column = "id";
  std::array<std::string, 2> waves{"t0", "t1"};
  /// Column names are stem + separator + wave ("ucla1" + "_" + "t0").
  std::string separator = "_";
  void validate() const;
};

/// \brief Splits one wide table (one row per respondent) into two waves by column suffix.
/// Columns without either suffix go to `person`. A respondent takes part in a wave when at least
/// one of that wave's values is not missing.
/// \throws argument_error when no column carries a wave suffix; data_error on a missing or
/// repeated id.
[[nodiscard]] wave_pair split_waves(const table& wide, const split_options& options = {});

}  // namespace socialcure

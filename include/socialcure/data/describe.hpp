#pragma once
/// \file
/// \brief Descriptive statistics of every column of a table.

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "socialcure/data/stat_file.hpp"
#include "socialcure/data/table.hpp"

namespace socialcure {

/// \brief Descriptives of one column. For text columns the numeric fields are missing (NaN) and
/// `distinct` counts the different non-missing values; for numeric columns `distinct` is 0.
struct column_summary {
  std::string name;
  column_type type = column_type::numeric;
  std::size_t n = 0;          ///< non-missing values
  std::size_t n_missing = 0;  ///< missing values
  double min = 0.0;
  double max = 0.0;
  double mean = 0.0;  ///< arithmetic mean (two-pass with a correction term)
  double sd = 0.0;    ///< sample standard deviation, n - 1 denominator (missing when n < 2)
  std::size_t distinct = 0;
};

/// \brief The value labels of one column (from an SPSS or Stata file).
struct column_value_labels {
  std::string name;
  std::vector<value_label> labels;
};

/// \brief Descriptives of a whole table.
struct table_summary {
  std::string source;
  std::size_t rows = 0;
  std::vector<column_summary> columns;
  /// Value labels of the columns that have them, in column order (empty for CSV data).
  std::vector<column_value_labels> value_labels;
};

/// \brief Mean and sample SD of the non-missing values (a corrected two-pass algorithm, accurate
/// to about 15 digits on the NIST StRD univariate sets). Missing when there are too few values.
struct mean_sd {
  std::size_t n = 0;
  double mean = 0.0;
  double sd = 0.0;
};
[[nodiscard]] mean_sd mean_and_sd(std::span<const double> values) noexcept;

/// \brief Summarises one column.
[[nodiscard]] column_summary describe(const column& c);

/// \brief Summarises every column of a table.
[[nodiscard]] table_summary describe(const table& data);

/// \brief Summarises every column of an SPSS/Stata file, with the value labels of its variables.
[[nodiscard]] table_summary describe(const stat_file& file);

}  // namespace socialcure

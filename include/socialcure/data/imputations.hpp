#pragma once
/// \file
/// \brief A long file of imputed data sets (as mice::complete(action = "long") writes it: a column
/// `.imp` numbering the imputations 1..m and `.id` the cases) split into one table per imputation
/// (docs/methods/pooling.md).
///
/// Here in the data layer because it only checks and reorganizes rows; the statistics (Rubin's
/// rules) are in analyses/pooling.hpp. Rows of imputation 0 (the original, incomplete data, written
/// by mice with `include = TRUE`) are set aside with a note.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "socialcure/data/table.hpp"

namespace socialcure {

/// \brief The imputed data sets of a long file.
struct imputation_split {
  std::string column;                 ///< the imputation-number column
  std::vector<table> imputations;     ///< imputation 1..m, each with its rows in file order
  std::size_t rows_per_imputation = 0;
  std::size_t original_rows = 0;      ///< rows of imputation 0 left out (0 when none)
  std::vector<std::string> notes;
};

/// \brief Splits `t` by the imputation numbers in `column`.
/// \throws argument_error when the column does not exist.
/// \throws data_error (naming the line and value) on a missing, non-numeric, negative or
/// non-integer imputation number; and (naming the imputations) when the numbers 1..m have a gap,
/// when there is a single imputation (or none), or when imputations have different numbers of rows.
[[nodiscard]] imputation_split split_imputations(const table& t, std::string_view column);

}  // namespace socialcure

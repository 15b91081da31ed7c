#pragma once
/// \file
/// \brief Reports of the missing-data description: text and JSON ("schema": "socialcure.missing/1":
/// `source`, `n_rows`, `variables` [{`variable`, `n_observed`, `n_missing`, `percent_missing`}],
/// `patterns` {`columns` (md.pattern's column order), `rows` [{`observed` (1/0 per column),
/// `count`, `n_missing`}], `missing_per_column`, `total_missing`, `n_complete`}, `em` {`variables`,
/// `means`, `covariance` (rows in the order of `variables`, divisor n), `iterations`, `converged`,
/// `max_change`, `tolerance`, `loglik`, `n_used`, `n_dropped_empty`, `message`} and `little_mcar`
/// {`chi_square`, `df`, `p`, `n_patterns`}).

#include <string>

#include "socialcure/analyses/missing_data.hpp"

namespace socialcure {

/// \brief Everything the `missing` command reports.
struct missing_data_report {
  std::string source;
  missingness_description description;
  em_result em;
  little_mcar_result little;
};

/// \brief The description, EM moments and Little's test as text.
[[nodiscard]] std::string missing_text(const missing_data_report& report);

/// \brief The same as JSON (schema socialcure.missing/1).
[[nodiscard]] std::string missing_json(const missing_data_report& report);

}  // namespace socialcure

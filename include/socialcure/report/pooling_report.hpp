#pragma once
/// \file
/// \brief Reports of a change analysis pooled over imputations (pool_change): text and JSON
/// ("schema": "socialcure.change_pooled/1"; the pooled regression is in regression_report.hpp).
///
/// JSON keys: `schema`, `pre`, `post`, `n` (pairs per imputation), `n_excluded`, `level`,
/// `missing_method` ("mi"), `imputations` (m), `imputation_column`, `pooling_rule` ("rubin1987"),
/// `df_complete` (n - 1), `mean_change` and `d_z` (each: `estimate`, `se`, `statistic`,
/// `statistic_type` ("t"), `df` (Barnard-Rubin), `p`, `ci_lower`, `ci_upper`, `fmi`, `riv`,
/// `lambda`, `within`, `between`), `d_z_variance` (the within-imputation variance used, in words),
/// `notes`. Missing numbers are null.

#include <string>

#include "socialcure/analyses/pooling.hpp"

namespace socialcure {

/// \brief The pooled mean change and d_z as a table with df, fmi, riv and lambda.
[[nodiscard]] std::string change_text(const pooled_change& result);
/// \brief The pooled mean change and d_z as JSON (schema socialcure.change_pooled/1).
[[nodiscard]] std::string change_json(const pooled_change& result);

}  // namespace socialcure

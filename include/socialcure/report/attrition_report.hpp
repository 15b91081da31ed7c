#pragma once
/// \file
/// \brief Reports of the attrition comparison (completers versus non-completers): text and JSON
/// ("schema": "socialcure.attrition/1": `completion_column`, `rule` (flag | present), `level`,
/// `n_rows`, `n_completed`, `n_dropped`, `n_status_missing`, and `variables`, each with
/// `variable`, `type` (numeric | categorical), `n_completed`, `n_dropped`, `n_missing`, `smd`,
/// `warning`, and for a numeric variable `mean_completed`, `sd_completed`, `mean_dropped`,
/// `sd_dropped`, `mean_diff`, `test` = "welch_t", `t`, `df`, `p`, `ci_lower`, `ci_upper`; for a
/// categorical one `levels` [{level, completed, dropped}], `test` = "chi_square", `chi2`,
/// `yates_corrected`, `df`, `p`, `chi2_uncorrected`, `p_uncorrected`, `cramers_v`, `min_expected`).

#include <string>

#include "socialcure/analyses/attrition.hpp"

namespace socialcure {

/// \brief The comparison as text.
[[nodiscard]] std::string attrition_text(const attrition_result& result);

/// \brief The comparison as JSON (schema socialcure.attrition/1).
[[nodiscard]] std::string attrition_json(const attrition_result& result);

}  // namespace socialcure

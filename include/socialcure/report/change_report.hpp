#pragma once
/// \file
/// \brief Reports of a pre/post change analysis: text, JSON and the per-person CSV.
///
/// JSON ("schema": "socialcure.change/1"): `pre`, `post` (the labels), `n`, `n_excluded`, `level`,
/// `mean_pre`, `mean_post`, `sd_pre`, `sd_post`, `r_pre_post`, `mean_diff`, `sd_diff`, `se_diff`,
/// `t`, `df`, `p`, `ci_lower`, `ci_upper` (paired t-test); `d_z`, `srm`, `g_z`, `d_av`, `g_av`,
/// `d_rm` (estimates) and `effect_sizes` {name: {estimate, ci_lower, ci_upper, ci_method}},
/// `hedges_j`; `percent_change` {of_means, mean_individual, n_zero_baseline};
/// `residualized` {intercept, slope}; `wilcoxon` {V, p, method, z, n_nonzero, n_zeros, ties, note};
/// `rci` (null without a reliability) {reliability, sd_pre, sd_pre_source, sem, se_diff,
/// min_reliable_change, critical, better, increased, decreased, unchanged, improved, deteriorated
/// (null when the better direction is unknown), clinical (null without a criterion) {criterion,
/// cutoff, recovered, improved, unchanged, deteriorated}}; `mcnemar` (null without a cut-off)
/// {cutoff, n, n00, n01, n10, n11, b, c, chi2, p, chi2_corrected, p_corrected, p_exact,
/// odds_ratio, odds_ratio_ci_lower, odds_ratio_ci_upper, prop_pre, prop_post}; `rate_ratio`
/// (null unless a count) {estimate, ci_lower, ci_upper, ci_method, exact_ci_lower, exact_ci_upper,
/// exact_p, percent_change, percent_change_ci_lower, percent_change_ci_upper, s_pre, s_post,
/// n_contributing, se_log, pearson_chi2, pearson_df, dispersion, evalue (null without a Wald
/// interval) {estimate, ci, measure, limit, rr_estimate, rr_ci_lower, rr_ci_upper}, note}. Missing
/// numbers are null.

#include <string>

#include "socialcure/analyses/change.hpp"

namespace socialcure {

/// \brief The analysis as text; `pre` and `post` label the measures (e.g. column names).
[[nodiscard]] std::string change_text(const change_result& result, const std::string& pre, const std::string& post);

/// \brief The analysis as JSON (schema socialcure.change/1).
[[nodiscard]] std::string change_json(const change_result& result, const std::string& pre, const std::string& post);

/// \brief The per-person table (change_person_table) as CSV.
[[nodiscard]] std::string change_csv(const table& people);

}  // namespace socialcure

#pragma once
/// \file
/// \brief Reports of a moderation analysis (PROCESS models 1-3, two-instance moderation).
///
/// Text follows PROCESS's order: the model summary and every coefficient, the key to the product
/// terms, the test(s) of the highest-order interaction(s), for model 3 the conditional X*W
/// interaction at the values of Z, the conditional effects of the focal predictor at the probe
/// values, the Johnson-Neyman points and region table, the data for visualizing the interaction,
/// then the notes (level, probe rule, centring, replacements).
///
/// JSON ("schema": "socialcure.moderation/1"): provenance `n`, `n_excluded`, `missing_by_column`,
/// `model` (1, 2, 3; 0 for the two-instance model), `design` (between | within), `x`, `w`, `z`
/// (null for model 1), `y`, `covariates`, `center` (none | all | continuous), `centred` {variable:
/// mean subtracted}, `probe` (percentiles | mean_sd | values), `level`, `se_type`; then
/// `coefficients` (as in regress: term, estimate, se, statistic, statistic_type, p, ci_lower,
/// ci_upper, aliased, std_estimate, vif), `interactions` [{term, r2_change, f, df1, df2, p}],
/// `conditional_effects` [{w, z (models 2 and 3 only), effect, se, t, p, ci_lower, ci_upper}],
/// `johnson_neyman` ({points: [{value, percent_below, percent_above}], region: [{w, effect, se,
/// t, p, ci_lower, ci_upper}]}, null when not computed), and `notes`. Missing numbers are null.
///
/// Figures (standalone SVG): the simple-slopes plot (predicted Y against X at each probe value of
/// the moderator(s), with pointwise confidence bands) and the Johnson-Neyman plot (the conditional
/// effect against the moderator with its confidence band, the zero line, the transition points and
/// the region of significance shaded).

#include <string>

#include "socialcure/analyses/moderation.hpp"

namespace socialcure {

/// \brief The analysis as PROCESS-style text.
[[nodiscard]] std::string moderation_text(const moderation_result& result);

/// \brief The analysis as JSON (schema socialcure.moderation/1).
[[nodiscard]] std::string moderation_json(const moderation_result& result);

/// \brief The simple-slopes plot as a standalone SVG document. \throws argument_error when the
/// result has no plot data (two-instance models).
[[nodiscard]] std::string simple_slopes_svg(const moderation_result& result);

/// \brief The Johnson-Neyman plot as a standalone SVG document. \throws argument_error when the
/// result has no Johnson-Neyman solution.
[[nodiscard]] std::string johnson_neyman_svg(const moderation_result& result);

}  // namespace socialcure

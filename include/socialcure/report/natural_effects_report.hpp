#pragma once
/// \file
/// \brief Reports of a mediation with a count or binary outcome (fit_glm_mediation).
///
/// Text: the model (family, link, offset, interaction), each mediator's equation as PROCESS prints
/// it, the outcome's GLM with z tests and rate (odds) ratios, then the effects of X from x0 to x1:
/// the products of coefficients on the log-rate (log-odds) scale with their exponents, the natural
/// effects as ratios, the natural effects on the response scale, a paragraph that says the main
/// ones in words (e.g. "24.5% fewer visits"; "0.97 fewer visits per person"), and the notes.
///
/// JSON ("schema": "socialcure.mediation/1", design "between"): `n`, `n_excluded`,
/// `missing_by_column`, `model`, `design`, `x`, `mediators`, `y`, `covariates`, `level`,
/// `family` (poisson | negbin | binomial), `link` (log | logit), `offset` (name or null),
/// `interaction`, `x0`, `x1`, `x_values_rule`, `equations` (each mediator's then the outcome's, as
/// `socialcure regress` writes them), `indirect_effects` [{label, path, estimate, boot_se,
/// ci_lower, ci_upper, ci_ok, ci_problem, exp_estimate, exp_ci_lower, exp_ci_upper}] (products of
/// coefficients; empty with the interaction), `ratio_effects` [{label: nde | nie | total |
/// prop_mediated, estimate, boot_se, ci_lower, ci_upper, ci_ok, ci_problem}], `causal_effects`
/// [{label: acme_control | acme_treated | acme_average | ade_control | ade_treated | ade_average |
/// total | prop_mediated_average, ...}], `bootstrap` (as the mediation report's) and `notes`.
///
/// A conditional process model (moderated_model != 0): the text gives the conditional direct
/// effects (8, 15, 59), the conditional indirect effects by mediator with exp(), the index of
/// moderated mediation and the contrasts as the gaussian report does, then at each probe value of
/// W the natural effects and their words. The JSON adds `process_model`, `moderator`,
/// `conditional_indirect_effects` (with exp_estimate, exp_ci_lower, exp_ci_upper but for probit),
/// `index_of_moderated_mediation` (or null), `contrasts` (or null), `conditional_direct_effects`
/// [{w, label, estimate, ..., exp_*}] (or null), `conditional_ratio_effects` and
/// `conditional_causal_effects` (the entries of ratio_effects / causal_effects, each with `w`
/// first); `indirect_effects`, `ratio_effects` and `causal_effects` are then empty.

#include <string>

#include "socialcure/analyses/natural_effects.hpp"

namespace socialcure {

/// \brief The analysis as text, with the main effects in words.
[[nodiscard]] std::string glm_mediation_text(const glm_mediation_result& result);

/// \brief The analysis as JSON (schema socialcure.mediation/1).
[[nodiscard]] std::string glm_mediation_json(const glm_mediation_result& result);

}  // namespace socialcure

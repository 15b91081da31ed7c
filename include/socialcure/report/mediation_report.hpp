#pragma once
/// \file
/// \brief Reports of a mediation analysis.
///
/// Text follows PROCESS's block order: each equation's model summary and coefficients, the total
/// effect model, then the total, direct and indirect effects (with the key to the indirect
/// effects, contrasts, standardized effects and normal-theory tests), then the notes (level,
/// replicates, seed, threads, discarded resamples).
///
/// JSON ("schema": "socialcure.mediation/1"): `n`, `n_excluded`, `missing_by_column`, `model`
/// (parallel | serial), `design` (between | within), `x`, `mediators`, `y`, `covariates`, `level`,
/// `se_type`, `equations` (each: `outcome`, `r_squared`, `f`, `df1`, `df2`, `p`, `mse`,
/// `coefficients` [{term, estimate, se, t, p, ci_lower, ci_upper}]), `paths` [{from, to,
/// estimate, se, t, p, ci_lower, ci_upper}], `total_effect` and `direct_effect` {estimate, se, t,
/// p, ci_lower, ci_upper}, `indirect_effects` [{label, path, estimate, boot_se, ci_lower,
/// ci_upper, ci_ok, ci_problem, sobel {se, z, p, se_second_order, z_second_order,
/// p_second_order} or null, acceleration (BCa)}] (the total indirect effect has path ["total"]),
/// `contrasts` [{label, of, estimate, boot_se, ci_lower, ci_upper, ...}], `standardized`
/// {sd_x, sd_y, partial: [...], complete: [...]} (null for within-subject models), `bootstrap`
/// {samples, succeeded, seed, seed_given, ci_method, level, threads, failed (= resamples discarded
/// and redrawn), cancelled, error}, and `notes`. Missing numbers are null.
///
/// Conditional process models (PROCESS 7, 8, 14, 15, 58, 59): the text has each equation, then the
/// direct effect (or the conditional direct effects at each W value: 8, 15, 59), then per mediator
/// (and their total) the conditional indirect effects at each W value, the index of moderated
/// mediation and the pairwise contrasts between W values, and notes on the probe rule and the
/// centring. JSON adds `process_model`, `moderator` {name, values, labels, probe, dichotomous,
/// center, centred {variable: mean}}, `conditional_direct_effects` [{w, effect, se, t, p,
/// ci_lower, ci_upper}], `direct_johnson_neyman` {points, region} (as the moderation report's
/// `johnson_neyman`; the text prints it after the conditional direct effects), `conditional_indirect_effects` [{mediator, w, estimate, boot_se,
/// ci_lower, ci_upper, ci_ok, ci_problem}], `index_of_moderated_mediation` [{mediator, estimate,
/// ...}]; `contrasts` are then [{mediator, w_from, w_to, estimate, ...}] (the effect at w_to minus
/// the effect at w_from); `equations` omits the total effect model, which is not fitted; keys the
/// model does not estimate (total_effect, indirect_effects, standardized; direct_effect in 8, 15,
/// 59; conditional_direct_effects and direct_johnson_neyman in 7, 14, 58; direct_johnson_neyman
/// also when not asked for or W is dichotomous; the index in 58 and 59 unless W is dichotomous)
/// are null, each with a line in `notes`.

#include <string>

#include "socialcure/analyses/mediation.hpp"

namespace socialcure {

/// \brief The analysis as PROCESS-style text.
[[nodiscard]] std::string mediation_text(const mediation_result& result);

/// \brief The analysis as JSON (schema socialcure.mediation/1).
[[nodiscard]] std::string mediation_json(const mediation_result& result);

}  // namespace socialcure

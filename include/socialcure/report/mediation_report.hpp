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

#include <string>

#include "socialcure/analyses/mediation.hpp"

namespace socialcure {

/// \brief The analysis as PROCESS-style text.
[[nodiscard]] std::string mediation_text(const mediation_result& result);

/// \brief The analysis as JSON (schema socialcure.mediation/1).
[[nodiscard]] std::string mediation_json(const mediation_result& result);

}  // namespace socialcure

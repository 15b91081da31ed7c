#pragma once
// Internal to the report layer: each report's JSON as a value. The public *_json functions dump
// these; the study report composes them (no report turns another's JSON into text and back).

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "socialcure/analyses/attrition.hpp"
#include "socialcure/analyses/change.hpp"
#include "socialcure/analyses/evalues.hpp"
#include "socialcure/analyses/mediation.hpp"
#include "socialcure/analyses/moderation.hpp"
#include "socialcure/analyses/natural_effects.hpp"
#include "socialcure/data/describe.hpp"
#include "socialcure/measures/groups.hpp"
#include "socialcure/measures/reliability.hpp"
#include "socialcure/measures/scale.hpp"
#include "socialcure/measures/scoring.hpp"
#include "socialcure/models/glm.hpp"
#include "socialcure/models/ols.hpp"

namespace socialcure::detail {

using json_value = nlohmann::ordered_json;

[[nodiscard]] json_value attrition_json_value(const attrition_result& result);
[[nodiscard]] json_value change_json_value(const change_result& result, const std::string& pre, const std::string& post);
[[nodiscard]] json_value describe_json_value(const table_summary& summary);
[[nodiscard]] json_value groups_json_value(const group_results& results);
[[nodiscard]] json_value catalogue_json_value(const std::vector<scale_definition>& scales);
[[nodiscard]] json_value scale_json_value(const scale_definition& scale);
[[nodiscard]] json_value scores_json_value(const scale_scores& scores);
[[nodiscard]] json_value reliability_json_value(const alpha_result& alpha, const omega_result* omega);
[[nodiscard]] json_value mediation_json_value(const mediation_result& result);
/// Adds a bootstrapped effect's estimate and interval (estimate, boot_se, ci_lower, ci_upper,
/// ci_ok, ci_problem, and acceleration for BCa) to `j`.
void add_interval_json(json_value& j, const mediation_effect& e);
/// Adds a mediation's sample to `j`: n, n_excluded, missing_by_column [{column, rows}].
void add_sample_json(json_value& j, std::size_t n, std::size_t excluded, const std::vector<missing_count>& missing);
/// The `bootstrap` object of a mediation report: samples, succeeded, seed, seed_given, ci_method,
/// level, threads, failed (resamples redrawn), cancelled, error.
[[nodiscard]] json_value replicates_json_value(const replicate_summary& replicates);
[[nodiscard]] json_value moderation_json_value(const moderation_result& result);
/// The mediation report of a count or binary outcome (natural_effects_report.hpp), as a value.
[[nodiscard]] json_value glm_mediation_json_value(const glm_mediation_result& result);
/// {points: [{value, percent_below, percent_above}], region: [{w, effect, se, t, p, ci_lower,
/// ci_upper}]}: the moderation report's `johnson_neyman`, the mediation report's `direct_johnson_neyman`.
[[nodiscard]] json_value johnson_neyman_json_value(const johnson_neyman_result& jn);
[[nodiscard]] json_value regression_json_value(const ols_result& fit);
[[nodiscard]] json_value regression_json_value(const glm_result& fit);
/// {estimate, ci, measure, limit, rr_estimate, rr_ci_lower, rr_ci_upper} (sensitivity_report.hpp).
[[nodiscard]] json_value evalue_json_value(const evalue_result& evalue);

}  // namespace socialcure::detail

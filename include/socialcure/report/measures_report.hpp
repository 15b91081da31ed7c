#pragma once
/// \file
/// \brief Reports of the measurement layer: the scale catalogue, scale scores and reliability, as
/// text, CSV and JSON.
///
/// JSON schemas: "socialcure.scales/1" (the catalogue: `scales`, a list of {id, name, construct,
/// items, codes, rule, score_min, score_max, higher_means, unconfirmed}), "socialcure.scale/1" (one
/// definition, the fields of scale_definition), "socialcure.scores/1" (`scale`, `n`, `n_scored`,
/// `n_unscorable`, `n_invalid_set_missing`, `n_prorated`, `respondents`: {id, score, category,
/// items_answered, prorated, reason, subscales}), "socialcure.reliability/1" (`n`, `n_excluded`,
/// `k`, `missing`, `level`, `alpha`, `std_alpha`, `average_r`, `alpha_ci` [lower, upper],
/// `omega_total`, `omega_estimator`, `loadings`, `mean`, `sd`, `sem`, `items`: {item, n, mean, sd,
/// r_drop, alpha_if_deleted, std_alpha_if_deleted}).

#include <string>

#include "socialcure/measures/reliability.hpp"
#include "socialcure/measures/scale.hpp"
#include "socialcure/measures/scoring.hpp"

namespace socialcure {

/// \brief The catalogue as a text table (id, name, items, codes, rule, range, higher means, confidence).
[[nodiscard]] std::string catalogue_text(const std::vector<scale_definition>& scales);
/// \brief The catalogue as JSON (schema socialcure.scales/1).
[[nodiscard]] std::string catalogue_json(const std::vector<scale_definition>& scales);

/// \brief One definition as readable text (every field, unconfirmed facts marked).
[[nodiscard]] std::string scale_text(const scale_definition& scale);
/// \brief One definition as JSON (schema socialcure.scale/1, the loader's format plus the schema key).
[[nodiscard]] std::string scale_json(const scale_definition& scale);

/// \brief Scores as CSV with columns ID, SCALE, SCALE_category, SCALE_items_answered, SCALE_prorated,
/// SCALE_reason, then SCALE_SUBSCALE per subscale (SCALE = the scale id, ID = `id_column`); a
/// missing score is an empty field. Every respondent has a row.
[[nodiscard]] std::string scores_csv(const scale_scores& scores, const std::string& id_column = "id");
/// \brief Scores as JSON (schema socialcure.scores/1).
[[nodiscard]] std::string scores_json(const scale_scores& scores);
/// \brief A summary of the scores as text.
[[nodiscard]] std::string scores_text(const scale_scores& scores);

/// \brief Reliability of one scale as text (alpha with its CI, omega, item table).
[[nodiscard]] std::string reliability_text(const alpha_result& alpha, const omega_result* omega);
/// \brief Reliability of one scale as JSON (schema socialcure.reliability/1); omega may be null
/// (fewer than 3 items).
[[nodiscard]] std::string reliability_json(const alpha_result& alpha, const omega_result* omega);

}  // namespace socialcure

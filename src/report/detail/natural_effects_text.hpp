#pragma once
/// \file
/// \brief Internal: the words of a mediation with a count or binary outcome, shared by its own
/// report (natural_effects_report.cpp) and the study report.

#include <string>
#include <utility>
#include <vector>

#include "socialcure/analyses/natural_effects.hpp"

namespace socialcure::detail {

/// \brief The rows of a table of the ratio-scale effects: (label, name).
inline const std::vector<std::pair<const char*, const char*>> ratio_effect_rows{
    {"nde", "direct (NDE)"}, {"nie", "indirect (NIE)"}, {"total", "total"}, {"prop_mediated", "prop. mediated"}};

/// \brief The rows of a table of the response-scale effects: (label, name).
inline const std::vector<std::pair<const char*, const char*>> causal_effect_rows{
    {"acme_control", "ACME (control)"}, {"acme_treated", "ACME (treated)"}, {"acme_average", "ACME (average)"},
    {"ade_control", "ADE (control)"},   {"ade_treated", "ADE (treated)"},   {"ade_average", "ADE (average)"},
    {"total", "total effect"},          {"prop_mediated_average", "prop. mediated"}};

/// \brief The effect labelled `label`, or null.
[[nodiscard]] const mediation_effect* find_effect(const std::vector<mediation_effect>& effects, const std::string& label);

/// \brief "95% CI 0.711 to 0.800".
[[nodiscard]] std::string natural_ci_text(const mediation_effect& e, double level, int decimals);

/// \brief A ratio effect in words: "24.5% fewer visits (rate ratio 0.755, 95% CI 0.711 to 0.800)",
/// or "... lower odds of y (odds ratio ...)" for a binary outcome.
[[nodiscard]] std::string ratio_words(const glm_mediation_result& r, const mediation_effect& e);

/// \brief A response-scale effect in words: "0.97 fewer visits per person", or "3.1 percentage
/// points lower probability of y".
[[nodiscard]] std::string response_words(const glm_mediation_result& r, const mediation_effect& e);

}  // namespace socialcure::detail

#pragma once
// Internal to the study layer: the checks and message helpers its files share.

#include <string>
#include <vector>

#include "socialcure/study/study.hpp"

namespace socialcure::detail {

/// "a, b, c".
[[nodiscard]] std::string joined(const std::vector<std::string>& names);

/// Everything study_definition::validate() checks but the data files: the id, the waves, the
/// group columns (when `has_groups`), the settings, the measures and the models.
/// \throws argument_error "study: <field>: <problem>"
void validate_study_design(const study_definition& study, bool has_groups);

/// The library's spec of a study's GLM-outcome mediation.
[[nodiscard]] glm_mediation_spec glm_mediation_spec_of(const study_glm_mediation& m);

/// The model's cluster column, or empty (a kind without one).
[[nodiscard]] std::string model_cluster(const study_model_spec& spec);

}  // namespace socialcure::detail

#pragma once
// Internal to the report layer: the conditional process part of a mediation report (PROCESS
// models 7-59), shared by the gaussian report (mediation_report.cpp) and the report of a count or
// binary outcome (natural_effects_report.cpp): the conditional indirect effects with the index of
// moderated mediation and the pairwise contrasts as text, and the `moderator`,
// `conditional_indirect_effects`, `index_of_moderated_mediation` and `contrasts` JSON values.

#include <sstream>
#include <string>
#include <vector>

#include "report/detail/json_values.hpp"
#include "socialcure/analyses/mediation.hpp"
#include "socialcure/analyses/probing.hpp"

namespace socialcure::detail {

/// What those pieces read from a result.
struct conditional_view {
  const std::string& x;
  const std::string& y;
  const std::string& w;
  bool w_dichotomous = false;
  ci_method method = ci_method::percentile;
  const std::vector<double>& w_values;
  const std::vector<std::string>& w_labels;
  probe_method w_probe = probe_method::percentiles;
  centering center = centering::none;
  const std::vector<std::string>& centred_variables;
  const std::vector<double>& centred_means;
  const std::vector<conditional_indirect_effect>& indirect;
  const std::vector<moderated_mediation_index>& index;
  const std::vector<conditional_indirect_contrast>& contrasts;
  /// A GLM outcome (not probit): the conditional indirect effects also as exp(), rate or odds ratios.
  bool exponentiate = false;
};

/// The view of a mediation_result or a glm_mediation_result (same member names).
template <class Result>
[[nodiscard]] conditional_view view_of(const Result& r, bool exponentiate) {
  return {r.x,         r.y,       r.w,
          r.w_dichotomous, r.replicates.method, r.w_values,
          r.w_labels,  r.w_probe, r.center,
          r.centred_variables, r.centred_means, r.conditional_indirect,
          r.index_of_moderated_mediation, r.conditional_contrasts, exponentiate};
}

/// Column names after the first ones: BootSE, BootLLCI, BootULCI (MC... for Monte Carlo).
[[nodiscard]] std::vector<std::string> boot_columns(ci_method method, std::vector<std::string> first);

/// One mediator's (or the total's) conditional indirect effects, its index of moderated mediation
/// and its pairwise contrasts between the W values.
void conditional_indirect_text(std::ostringstream& out, const conditional_view& v, const std::string& mediator);

/// The notes lines: how the W values were chosen, the centring, and why there is no index.
void conditional_notes_text(std::ostringstream& out, const conditional_view& v, int model);

/// {name, values, labels, probe, dichotomous, center, centred}.
[[nodiscard]] json_value moderator_json_value(const conditional_view& v);

/// Sets conditional_indirect_effects, index_of_moderated_mediation (null when none) and contrasts
/// (null when none) in `j`.
void add_conditional_indirect_json(json_value& j, const conditional_view& v);

}  // namespace socialcure::detail

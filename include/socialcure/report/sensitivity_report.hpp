#pragma once
/// \file
/// \brief Reports of the sensitivity analyses: the ACME against rho (mediation_sensitivity.hpp)
/// as text, JSON and an SVG figure, and E-values (evalues.hpp) of regression coefficients.
///
/// JSON of the ACME's sensitivity (the `sensitivity` object of a mediation report):
/// `method` ("imai_keele_yamamoto_2010"), `ci_method` ("delta"), `level`, `rho_step`, `x0`, `x1`,
/// `interaction`, `r2_mediator`, `r2_outcome`, then for the (first) curve `label`, `acme_at_rho_zero`,
/// `rho_at_zero` (exact), `r2_product_at_zero` (R2*_M R2*_Y, residual variances),
/// `r2_total_product_at_zero` (R2~_M R2~_Y, total variances), `curve` [{rho, acme, se, ci_lower,
/// ci_upper}]; with X*M also `curves` [{label, t, acme_at_rho_zero, rho_at_zero, ..., curve}] for
/// the control and treated values; `notes`. Missing numbers are null.
///
/// JSON of an E-value: {estimate, ci, measure, limit (lower | upper | includes_null | none),
/// rr_estimate, rr_ci_lower, rr_ci_upper}: `estimate` and `ci` are the E-values of the estimate and
/// of the confidence limit nearer the null.

#include <string>
#include <vector>

#include "socialcure/analyses/evalues.hpp"
#include "socialcure/analyses/mediation.hpp"
#include "socialcure/analyses/mediation_sensitivity.hpp"
#include "socialcure/models/glm.hpp"
#include "socialcure/models/ols.hpp"

namespace socialcure {

/// \brief The sensitivity analysis as text: what rho is, the ACME at rho = 0, the rho at which it
/// is zero with the R^2 products, and the curve at the multiples of 0.1.
[[nodiscard]] std::string mediation_sensitivity_text(const mediation_sensitivity_result& result);

/// \brief The sensitivity analysis as a JSON object (see the file comment).
[[nodiscard]] std::string mediation_sensitivity_json(const mediation_sensitivity_result& result);

/// \brief The mediation report (mediation_report.hpp) with the key `sensitivity` added.
[[nodiscard]] std::string mediation_json(const mediation_result& result, const mediation_sensitivity_result& sensitivity);

/// \brief The ACME against rho with its pointwise band, the zero line and the root marked, as a
/// standalone SVG document (one line per curve; the y axis spans the curve for |rho| <= 0.9).
[[nodiscard]] std::string acme_sensitivity_svg(const mediation_sensitivity_result& result);

/// \brief An E-value as a JSON object (see the file comment).
[[nodiscard]] std::string evalue_json(const evalue_result& evalue);

/// \brief A table of the coefficients' E-values with a line on how they were computed (`how`).
[[nodiscard]] std::string evalues_text(const std::vector<coefficient_evalue>& evalues, const std::string& how);

/// \brief The regression report (regression_report.hpp) with `evalue` (E-value JSON, null for the
/// intercept) in each coefficient and `evalue_method` (`how`) at the top level.
[[nodiscard]] std::string regression_json(const ols_result& fit, const std::vector<coefficient_evalue>& evalues,
                                          const std::string& how);
/// \brief As above, for a GLM.
[[nodiscard]] std::string regression_json(const glm_result& fit, const std::vector<coefficient_evalue>& evalues,
                                          const std::string& how);

}  // namespace socialcure

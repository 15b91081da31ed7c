#pragma once
/// \file
/// \brief Sensitivity of the average causal mediation effect (ACME) to an unmeasured confounder of
/// the mediator and the outcome (Imai, Keele & Yamamoto 2010), for one linear mediator and a linear
/// outcome (PROCESS model 4 with covariates; optionally an X*M term in the outcome model)
/// (docs/methods/sensitivity.md).
///
/// Model: M = alpha2 + beta2 X + xi2'C + e2; Y = alpha3 + beta3 X + gamma M + kappa X M + xi3'C + e3,
/// rho = corr(e2, e3). Sequential ignorability is rho = 0. For a given rho the model is identified:
/// with gamma* and kappa the OLS coefficients of M and X*M, s_m and s_y the square roots of the
/// residual sums of squares of the mediator and outcome equations (fitted by OLS), the maximum
/// likelihood estimate of the ACME at the value t of X (t = x0: control, x1: treated; without X*M
/// there is one ACME) for a change of X from x0 to x1 is
///   ACME(t; rho) = (x1 - x0) beta2 [gamma* + kappa t - rho (s_y / s_m) / sqrt(1 - rho^2)],
/// exactly (no iteration; R's mediation::medsens approximates it by a feasible-GLS SUR fit). It is
/// the OLS product a b at rho = 0 and zero at rho0 = s / sqrt(1 + s^2), s = (gamma* + kappa t)
/// s_m / s_y; without X*M rho0 is the correlation of the residuals of M ~ X + C and Y ~ X + C.
/// The unmeasured confounder that would make the ACME zero explains the shares R2*_M and R2*_Y of
/// the residual variances with R2*_M R2*_Y = rho0^2, or the shares R2~_M, R2~_Y of the total
/// variances with R2~_M R2~_Y = rho0^2 (1 - R2_M)(1 - R2_Y) (R2_M, R2_Y: the R^2 of the mediator
/// and outcome equations).
///
/// Interval of the curve (delta method, normal quantile): Var(ACME) = (x1 - x0)^2 [b^2 Var(beta2)
/// + beta2^2 Var(b)], b = gamma* + kappa t - q r, q = rho / sqrt(1 - rho^2), r = s_y / s_m,
/// Var(b) = Var(gamma*) + t^2 Var(kappa) + 2 t Cov(gamma*, kappa) + q^2 r^2 (1/(2 df_y) + 1/(2 df_m))
/// (the last term: the sampling variance of r, log r having variance 1/(2 df_y) + 1/(2 df_m) under
/// normal errors); the coefficient variances come from the equations' covariance (classical or HC,
/// as fitted). At rho = 0 this is the first-order Sobel interval of a b.

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "socialcure/analyses/mediation.hpp"
#include "socialcure/core/missing.hpp"
#include "socialcure/data/table.hpp"
#include "socialcure/models/ols.hpp"

namespace socialcure {

/// \brief Settings of the sensitivity analysis.
struct mediation_sensitivity_options {
  /// Spacing of the grid of rho: k * rho_step for every whole k with |k rho_step| < 1 (default
  /// 0.01: -0.99, ..., 0.99; medsens uses 0.1). In (0, 0.5].
  double rho_step = 0.01;
  double level = 0.95;  ///< of the curve's pointwise interval
  /// \throws argument_error on a step outside (0, 0.5] or a level outside (0, 1).
  void validate() const;
};

/// \brief The ACME at one rho.
struct acme_sensitivity_point {
  double rho = missing_value;
  double acme = missing_value;
  double se = missing_value;  ///< delta method
  double ci_lower = missing_value;
  double ci_upper = missing_value;
};

/// \brief The ACME at one value t of X as a function of rho, with what it was computed from.
struct acme_sensitivity_curve {
  std::string label;        ///< "acme" (no X*M), "acme_control" (t = x0) or "acme_treated" (t = x1)
  double t = missing_value;  ///< the value of X in kappa t (missing without X*M)
  double contrast = 1.0;     ///< x1 - x0
  double a = missing_value;  ///< beta2, the X -> M coefficient
  double var_a = missing_value;
  double b = missing_value;  ///< gamma* + kappa t: the OLS effect of M on Y at X = t
  double var_b = missing_value;
  double sigma_ratio = missing_value;      ///< r = s_y / s_m
  double var_sigma_ratio = missing_value;  ///< r^2 (1/(2 df_y) + 1/(2 df_m))
  double acme_at_independence = missing_value;  ///< rho = 0: (x1 - x0) a b
  double rho_at_zero = missing_value;  ///< the exact rho at which the ACME is 0 (missing when a = 0)
  double r2_product_at_zero = missing_value;        ///< R2*_M R2*_Y = rho0^2 (residual variances)
  double r2_total_product_at_zero = missing_value;  ///< R2~_M R2~_Y = rho0^2 (1 - R2_M)(1 - R2_Y)
  std::vector<acme_sensitivity_point> points;       ///< on the grid, in increasing rho
};

/// \brief The sensitivity analysis of one mediator.
struct mediation_sensitivity_result {
  std::string x;
  std::string mediator;
  std::string y;
  std::vector<std::string> covariates;
  bool interaction = false;
  double x0 = 0.0;
  double x1 = 1.0;
  std::size_t n = 0;
  double level = 0.95;
  double rho_step = 0.01;
  double r2_mediator = missing_value;  ///< R^2 of M ~ X + C
  double r2_outcome = missing_value;   ///< R^2 of Y ~ X + M (+ X M) + C
  se_type se = se_type::classical;     ///< of the coefficient variances in the interval
  std::vector<acme_sensitivity_curve> curves;  ///< one without X*M; control, then treated with it
  std::vector<std::string> notes;
};

/// \brief The terms of the two fitted equations the analysis reads.
struct mediation_sensitivity_terms {
  std::string x;            ///< X's term in both equations
  std::string mediator;     ///< M's term in the outcome equation
  std::string interaction;  ///< the X*M term in the outcome equation; empty: none
  double x0 = 0.0;
  double x1 = 1.0;
};

/// \brief The ACME at any rho in (-1, 1) (a grid point or not), with its delta-method interval.
/// \throws argument_error when |rho| >= 1.
[[nodiscard]] acme_sensitivity_point acme_at_rho(const acme_sensitivity_curve& curve, double rho, double level);

/// \brief The analysis from an OLS mediator equation (M on X and covariates) and an OLS outcome
/// equation (Y on X, M, optionally X*M, and the same covariates), fitted on the same cases.
/// \throws argument_error on a missing or aliased term, equations of different n, or x0 == x1.
[[nodiscard]] mediation_sensitivity_result mediation_sensitivity(const ols_result& mediator_equation,
                                                                 const ols_result& outcome_equation,
                                                                 const mediation_sensitivity_terms& terms,
                                                                 const mediation_sensitivity_options& options = {});

/// \brief The analysis of a fitted PROCESS model 4 with one mediator (between subjects, no
/// moderator), for a change of X by one unit (x0 = 0, x1 = 1): its ACME at rho = 0 is the
/// indirect effect a b. \throws argument_error for any other model.
[[nodiscard]] mediation_sensitivity_result mediation_sensitivity(const mediation_result& result,
                                                                 const mediation_sensitivity_options& options = {});

/// \brief A single-mediator model for fit_mediation_sensitivity.
struct mediation_sensitivity_spec {
  std::string x;
  std::string mediator;
  std::string y;
  std::vector<std::string> covariates;  ///< in both equations
  bool interaction = false;             ///< an X*M term in the outcome equation
  /// The change of X: none means 0 -> 1 (one unit, as PROCESS's a b).
  std::optional<std::pair<double, double>> x_values;
  /// \throws argument_error on an empty or repeated name or x0 == x1.
  void validate() const;
};

/// \brief Fits both equations by OLS (classical SEs) on the cases complete on X, M, Y and the
/// covariates (listwise, counted in `notes`) and runs the analysis.
/// \throws argument_error on bad settings or unknown columns; data_error when an equation cannot be fitted.
[[nodiscard]] mediation_sensitivity_result fit_mediation_sensitivity(const table& data,
                                                                     const mediation_sensitivity_spec& spec,
                                                                     const mediation_sensitivity_options& options = {});

}  // namespace socialcure

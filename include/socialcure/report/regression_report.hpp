#pragma once
/// \file
/// \brief Reports of regression results (OLS and GLMs) as text (like R's summary) and JSON
/// ("schema": "socialcure.regression/1").
///
/// JSON keys: `schema`, `response`, `n`, `n_excluded`, `missing_by_column`, `family` ("gaussian",
/// "binomial", "poisson", "negbin"), `link`, `se_type` (or "cr1"/"cr2" when clustered),
/// `covariance` (the same), `cluster` (column or null), `clusters` (G or null), `level`,
/// `coefficients` (each: `term`, `estimate`, `se`, `statistic`, `statistic_type` ("t" or "z"),
/// `df` (null for z), `p`, `ci_lower`, `ci_upper`, `aliased`; OLS adds `std_estimate`, `vif`;
/// log/logit links add `exp_estimate`, `exp_ci_lower`, `exp_ci_upper`), `aliased_terms`, `notes`;
/// OLS adds `r_squared`, `adj_r_squared`, `sigma`, `df_residual`, `f_statistic`, `f_df1`, `f_df2`,
/// `f_p`, and under HC or cluster-robust standard errors `wald_f`, `wald_f_p`, `wald_f_df1`,
/// `wald_f_df2`; GLMs add `deviance`, `null_deviance`, `df_residual`, `df_null`, `aic`,
/// `loglik`, `pearson_chi2`, `iterations`, and for the negative binomial `theta`, `se_theta`.
/// Statistics that do not exist are null.
///
/// A regression pooled over imputations (pooled_regression) has the same keys plus
/// `missing_method` ("mi"), `imputations` (m), `imputation_column`, `pooling_rule` ("rubin1987"),
/// `df_complete` (nu_com) and per coefficient `fmi`, `riv`, `lambda`, `within`, `between` (and `df`,
/// the Barnard-Rubin df); the model-level fit statistics, which Rubin's rules do not pool, are null
/// (`df_residual` is nu_com).

#include <string>

#include "socialcure/analyses/pooling.hpp"
#include "socialcure/models/glm.hpp"
#include "socialcure/models/ols.hpp"

namespace socialcure {

/// \brief An OLS fit as a coefficient table with model summary, like R's summary.lm.
[[nodiscard]] std::string regression_text(const ols_result& fit);
/// \brief A GLM fit as a coefficient table with exponentiated estimates and model summary.
[[nodiscard]] std::string regression_text(const glm_result& fit);

/// \brief An OLS fit as JSON (schema socialcure.regression/1).
[[nodiscard]] std::string regression_json(const ols_result& fit);
/// \brief A GLM fit as JSON (schema socialcure.regression/1).
[[nodiscard]] std::string regression_json(const glm_result& fit);

/// \brief A pooled regression: the pooled coefficient table with df, fmi, riv and lambda.
[[nodiscard]] std::string regression_text(const pooled_regression& fit);
/// \brief A pooled regression as JSON (schema socialcure.regression/1 with the pooling keys).
[[nodiscard]] std::string regression_json(const pooled_regression& fit);

}  // namespace socialcure

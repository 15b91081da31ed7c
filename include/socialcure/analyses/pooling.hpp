#pragma once
/// \file
/// \brief Rubin's rules: the estimates of the same parameters from m imputed data sets pooled into
/// one estimate, its total variance and a t reference distribution with the Barnard-Rubin degrees of
/// freedom, as mice::pool (rule "rubin1987") does (docs/methods/pooling.md).
///
/// Per parameter, with Q_i the estimate and U_i its squared SE in imputation i:
/// Q_bar = mean Q_i, U_bar = mean U_i, B = sum (Q_i - Q_bar)^2 / (m - 1), T = U_bar + (1 + 1/m) B;
/// riv = (1 + 1/m) B / U_bar, lambda = (1 + 1/m) B / T; the df nu = nu_old nu_obs / (nu_old + nu_obs)
/// with nu_old = (m - 1) / max(lambda, 1e-4)^2 and nu_obs = (nu_com + 1) / (nu_com + 3) nu_com (1 - lambda)
/// (nu = nu_old when the complete-data df nu_com is infinite); fmi = (riv + 2 / (nu + 3)) / (riv + 1).
/// t = Q_bar / sqrt(T) on max(nu, 0.001) df, CI Q_bar -/+ t_{nu, 1 - alpha/2} sqrt(T).

#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "socialcure/core/missing.hpp"
#include "socialcure/data/imputations.hpp"
#include "socialcure/models/glm.hpp"
#include "socialcure/models/ols.hpp"

namespace socialcure {

/// \brief The estimates of one imputed data set: named parameters, their estimates and covariance
/// (only the diagonal is used by Rubin's rules for single parameters).
struct imputation_estimates {
  std::vector<std::string> terms;
  Eigen::VectorXd estimate;
  Eigen::MatrixXd covariance;
};

/// \brief Estimates with their standard errors (the covariance is diagonal).
/// \throws argument_error when the lengths differ.
[[nodiscard]] imputation_estimates estimates_from_se(std::vector<std::string> terms, std::span<const double> estimate,
                                                     std::span<const double> se);

/// \brief The non-aliased coefficients of a fit with the fit's covariance (classical, HC or cluster-robust).
[[nodiscard]] imputation_estimates estimates_of(const ols_result& fit);
/// \brief The non-aliased coefficients of a GLM with its covariance.
[[nodiscard]] imputation_estimates estimates_of(const glm_result& fit);

struct pooling_options {
  /// Complete-data degrees of freedom nu_com (mice: the residual df of the first fit); infinite for
  /// none (then nu = nu_old).
  double df_complete = std::numeric_limits<double>::infinity();
  double level = 0.95;
  /// \throws argument_error on a df that is not positive (or NaN) or a level outside (0, 1).
  void validate() const;
};

/// \brief One pooled parameter.
struct pooled_estimate {
  std::string term;
  double estimate = missing_value;  ///< Q_bar
  double within = missing_value;    ///< U_bar, the mean within-imputation variance
  double between = missing_value;   ///< B, the between-imputation variance
  double total = missing_value;     ///< T = U_bar + (1 + 1/m) B
  double se = missing_value;        ///< sqrt(T)
  double riv = missing_value;       ///< relative increase in variance (1 + 1/m) B / U_bar
  double lambda = missing_value;    ///< proportion of variance due to missingness (1 + 1/m) B / T
  double fmi = missing_value;       ///< fraction of missing information (riv + 2/(df + 3)) / (riv + 1)
  double df = missing_value;        ///< Barnard-Rubin degrees of freedom
  double statistic = missing_value; ///< t = Q_bar / sqrt(T)
  double p = missing_value;         ///< two-sided, on max(df, 0.001) df
  double ci_lower = missing_value;
  double ci_upper = missing_value;
};

/// \brief Rubin's rules applied to every parameter.
struct pooling_result {
  std::size_t m = 0;                 ///< imputations
  double df_complete = missing_value;  ///< nu_com as used (infinite for none)
  double level = 0.95;
  std::string rule = "rubin1987";    ///< mice's name for these rules
  std::vector<pooled_estimate> estimates;  ///< in the order of the first imputation's terms
  /// T as a matrix: mean covariance + (1 + 1/m) between-imputation covariance of the estimates.
  Eigen::MatrixXd total_covariance;
  std::vector<std::string> notes;

  /// \brief The pooled parameter `term`. \throws argument_error listing the terms on a miss.
  [[nodiscard]] const pooled_estimate& at(const std::string& term) const;
};

/// \brief Pools the estimates of m >= 2 imputations. \throws argument_error when m < 2, when an
/// imputation's terms differ from the first's (naming the imputation and the term), when sizes do
/// not match, or on an estimate or variance that is not finite (or a negative variance).
[[nodiscard]] pooling_result pool_estimates(std::span<const imputation_estimates> imputations,
                                            const pooling_options& options = {});

/// \brief A regression fitted in every imputation of a long file, every coefficient pooled.
struct pooled_regression {
  std::string response;
  std::string family = "gaussian";  ///< "gaussian" (OLS), "binomial", "poisson", "negbin"
  std::string link = "identity";    ///< as regress reports it
  std::string se_type = "classical";  ///< of the per-imputation fits ("hc3", "cr1", ...)
  bool exponentiate = false;        ///< log and logit links: the report adds exp(estimate) and its limits
  std::string imputation_column;
  std::size_t n = 0;                ///< cases used in imputation 1
  std::size_t n_excluded = 0;       ///< cases excluded listwise in imputation 1 (normally 0)
  std::vector<missing_count> missing_by_column;  ///< of imputation 1
  std::vector<std::string> aliased_terms;        ///< of imputation 1 (the same in all, else an error)
  pooling_result pooled;            ///< df_complete = residual df of imputation 1, as mice
  std::vector<std::string> notes;   ///< the split's and the fits' notes, without repeats
};

/// \brief OLS of `spec` in every imputation, pooled by Rubin's rules (the covariance of `options`:
/// classical, HC or cluster-robust). \throws as fit_ols and pool_estimates.
[[nodiscard]] pooled_regression pool_ols(const imputation_split& data, const model_spec& spec,
                                         const ols_options& options = {});
/// \brief A GLM of `spec` in every imputation, pooled by Rubin's rules (nu_com = the residual df, as
/// mice does for glm fits). \throws as fit_glm and pool_estimates.
[[nodiscard]] pooled_regression pool_glm(const imputation_split& data, const model_spec& spec,
                                         const glm_options& options);

/// \brief Change from pre to post in every imputation, pooled: the mean change and d_z.
struct pooled_change {
  std::string pre;
  std::string post;
  std::string imputation_column;
  std::size_t n = 0;           ///< pairs analysed in imputation 1
  std::size_t n_excluded = 0;  ///< pairs with a missing member in imputation 1 (normally 0)
  /// Terms "mean_change" (within variance s_D^2 / n) and "d_z" (mean(D) / sd(D), within variance
  /// 1/n + d_z^2 / (2n)); nu_com = n - 1 of imputation 1 (mice::pool.scalar with k = 1).
  pooling_result pooled;
  std::vector<std::string> notes;
};

/// \brief The paired change of `pre` to `post` per imputation, pooled by Rubin's rules.
/// \throws argument_error on an unknown column, fewer than 3 pairs, or no variation in the change.
[[nodiscard]] pooled_change pool_change(const imputation_split& data, const std::string& pre, const std::string& post,
                                        double level = 0.95);

}  // namespace socialcure

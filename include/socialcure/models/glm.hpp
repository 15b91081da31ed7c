#pragma once
/// \file
/// \brief Generalized linear models for binary and count outcomes, fitted by IRLS:
/// binomial with logit (default) or probit link, Poisson with log link, and negative binomial (NB2, log link) with
/// theta estimated by maximum likelihood as MASS::glm.nb does.
///
/// IRLS (docs/methods/regression.md, sections 7-10): z = eta - offset + (y - mu) g'(mu), W = 1/(g'(mu)^2 V(mu)),
/// each step a weighted least-squares fit by pivoted QR. Start values as R's glm.fit (Poisson and
/// negative binomial mu = y + 0.1, binomial mu = (y + 0.5)/2). Iterations stop when every
/// coefficient changes by less than `tolerance` relative (tighter than R's deviance rule, so that
/// standard errors come from the weights at the estimates). Standard errors from (X'WX)^{-1} with
/// dispersion 1; tests and intervals are Wald z. Negative binomial: theta by Newton-Raphson on the
/// profile score (digamma/trigamma), alternating with IRLS at fixed theta until both settle;
/// SE(theta) from the observed information; AIC counts theta as a parameter. theta is reported on
/// R's scale (Var = mu + mu^2/theta; Stata's alpha = 1/theta).
///
/// Errors, not wrong answers: a non-integer or negative count (or one above 2^53), a binary outcome
/// other than 0/1, (quasi-)complete separation (fitted probabilities reaching 0 or 1), no
/// overdispersion for the negative binomial (theta growing without bound), fewer cases than
/// coefficients (under rank_policy::error), a predictor too large or too small for sums of squares
/// in double precision, and non-convergence are data_errors. A saturated fit (no residual degrees
/// of freedom) has a note.
///
/// A model frame with a cluster column (model_spec::cluster) gets the cluster-robust covariance of
/// glm_options::cluster_se (cluster_covariance.hpp; theta held fixed for the negative binomial),
/// with t tests: CR1 on G - 1 df (the small-sample factor G/(G-1) (n-1)/(n-k) as for OLS), CR2
/// on Satterthwaite df.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <Eigen/Core>

#include "socialcure/models/coefficient.hpp"
#include "socialcure/models/design.hpp"
#include "socialcure/models/ols.hpp"

namespace socialcure {

/// \brief The GLM families with their (canonical or conventional) links.
enum class glm_family {
  binomial,           ///< logit link, y in {0, 1}
  poisson,            ///< log link, y a non-negative integer
  negative_binomial,  ///< NB2, log link, theta estimated
};

/// \brief "binomial", "poisson", "negbin".
[[nodiscard]] std::string_view to_string(glm_family family) noexcept;

/// \brief The link of a binomial outcome: logit (canonical, the default) or probit
/// (mu = Phi(eta), as R's binomial(link = "probit"): eta held within +-8.13, so that mu stays
/// within 2.2e-16 of (0, 1), and d mu / d eta at least 2.2e-16). Poisson and the negative
/// binomial take the log link whatever is set here.
enum class glm_link { logit, probit };

/// \brief "logit", "probit".
[[nodiscard]] std::string_view to_string(glm_link link) noexcept;

/// \brief Parses "logit" or "probit". \throws argument_error otherwise.
[[nodiscard]] glm_link parse_glm_link(std::string_view text);

/// \brief The name of a family's link: "logit" or "probit" (binomial), else "log".
[[nodiscard]] std::string_view link_name(glm_family family, glm_link link) noexcept;

/// \brief Parses "binomial" (or "logit"), "poisson", "negbin" (or "negative_binomial", "nb").
/// \throws argument_error otherwise.
[[nodiscard]] glm_family parse_glm_family(std::string_view text);

/// \brief Settings of a GLM fit.
struct glm_options {
  glm_family family = glm_family::poisson;
  glm_link link = glm_link::logit;  ///< binomial only; probit with another family is an argument_error
  double level = 0.95;
  /// The cluster-robust covariance used when the model frame has a cluster column.
  cluster_se_type cluster_se = cluster_se_type::cr1;
  rank_policy on_rank_deficiency = rank_policy::error;
  double rank_tolerance = 1e-10;
  double tolerance = 1e-11;  ///< relative change of every coefficient (and of theta) at convergence
  int max_iterations = 100;  ///< IRLS iterations per fit
  int max_alternations = 50; ///< negative binomial: IRLS / theta alternations
  /// Whether to keep the per-case values (fitted means and linear predictors) in the result; off
  /// by default.
  bool diagnostics = false;
  /// \throws argument_error on a level outside (0, 1), non-positive limits, or a probit link with
  /// a count family.
  void validate() const;
};

/// \brief The result of a GLM fit.
struct glm_result {
  std::string response;
  glm_family family = glm_family::poisson;
  glm_link link = glm_link::logit;  ///< binomial only
  std::size_t n = 0;
  std::size_t n_excluded = 0;
  std::vector<missing_count> missing_by_column;
  std::vector<std::size_t> rows;
  bool intercept = true;
  bool has_offset = false;
  double level = 0.95;
  std::vector<coefficient> coefficients;  ///< z tests (t when clustered); exp_* filled (rate or odds ratios; not for probit)
  std::vector<std::string> aliased_terms;
  std::size_t rank = 0;
  double deviance = 0.0;
  double null_deviance = 0.0;
  double df_residual = 0.0;
  double df_null = 0.0;
  double loglik = 0.0;
  double aic = 0.0;
  double pearson_chi2 = 0.0;
  double theta = missing_value;     ///< negative binomial only
  double se_theta = missing_value;  ///< negative binomial only
  int iterations = 0;               ///< IRLS iterations (summed over alternations)
  Eigen::MatrixXd covariance;       ///< of the non-aliased coefficients, in design order (cluster-robust when clustered)
  std::optional<cluster_info> cluster;  ///< the clustering, when the covariance is cluster-robust
  Eigen::VectorXd fitted;           ///< mu (empty unless glm_options::diagnostics is set)
  Eigen::VectorXd linear_predictor; ///< eta, offset included (empty unless glm_options::diagnostics is set)
  std::vector<std::string> notes;

  /// \brief The coefficient of `term`. \throws argument_error listing the terms on a miss.
  [[nodiscard]] const coefficient& at(std::string_view term) const;
};

/// \brief Fits a GLM to a model frame. \throws data_error as described in the file comment.
[[nodiscard]] glm_result fit_glm(const model_frame& frame, const glm_options& options);

/// \brief Builds the model frame from a table and fits a GLM.
[[nodiscard]] glm_result fit_glm(const table& data, const model_spec& spec, const glm_options& options);

}  // namespace socialcure

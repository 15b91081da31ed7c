#pragma once
/// \file
/// \brief Mediation with a count or binary outcome: linear mediators, an outcome fitted by a GLM
/// (Poisson or negative binomial NB2 with a log link and an optional offset, or binomial with a
/// logit or probit link), and the effects of changing X from x0 to x1 (docs/methods/natural_effects.md).
///
/// Equations: each mediator M_j on X, the earlier mediators (serial model only) and the covariates
/// C by OLS, errors normal with variance sigma_j^2 = RSS_j / (n - p_j); the outcome's linear
/// predictor eta = theta_0 + theta_x X + sum_j theta_j M_j (+ sum_j kappa_j X M_j with
/// `interaction`) + theta_C' C (+ offset). Effects, each with an interval: bootstrap (case or
/// cluster resampling, every equation refitted; percentile, bias-corrected or BCa with the
/// jackknife acceleration, leave-one-out refits warm-started) or Monte Carlo (the R mediation
/// package's quasi-Bayesian draws: each equation's coefficients from N(estimate, covariance),
/// sigma_j^2 and theta fixed, every effect exact per draw; percentile):
/// - `products`: the products of coefficients along each path on the linear-predictor scale
///   (a_j theta_j, ...; PROCESS's indirect effect for a logistic Y), and their total; exp() of one
///   is the rate (or odds) ratio per unit of X through that path. Without `interaction` only.
/// - `ratio_effects`: natural direct, natural indirect and total effect as ratios (rate ratios for
///   counts, odds ratios for a binary outcome, where they are VanderWeele's rare-outcome
///   approximation), and the proportion mediated on the ratio scale, at the covariate means (the
///   ratios do not depend on C without `interaction`). None for the probit link.
/// - `causal_effects`: Imai, Keele & Tingley's ACME and ADE at the control (x0) and treated (x1)
///   values and their averages, the total effect and the average proportion mediated, on the
///   response scale (expected count, each person at their own exposure; or probability), averaged
///   over the analysed persons. The mediators' normal distribution is integrated out exactly: in
///   closed form for the log and probit links, by 40-point Gauss-Hermite quadrature for the logit.
/// Replicates (and Monte Carlo draws) are drawn from Philox streams keyed by (seed, replicate), so the result is the same
/// for any number of threads; a resample whose outcome model cannot be fitted (separation, no
/// convergence, a singular design) is redrawn and counted.

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "socialcure/analyses/mediation.hpp"
#include "socialcure/data/table.hpp"
#include "socialcure/models/glm.hpp"
#include "socialcure/models/ols.hpp"

namespace socialcure {

/// \brief A mediation model whose outcome is fitted by a GLM.
struct glm_mediation_spec {
  std::string x;
  std::vector<std::string> mediators;
  std::string y;
  std::vector<std::string> covariates;  ///< in every equation
  mediation_model model = mediation_model::parallel;
  glm_family family = glm_family::poisson;
  glm_link link = glm_link::logit;  ///< binomial only: logit or probit
  std::string offset;        ///< outcome equation only (e.g. the log of months observed)
  /// Instead of `offset`: the exposure itself (e.g. months observed), whose log is the offset; a
  /// value that is not positive is a data_error naming its line.
  std::string exposure;
  bool interaction = false;  ///< X*M_j terms in the outcome model
  std::string cluster;       ///< as mediation_spec::cluster: the bootstrap resamples whole clusters
  /// The change of X: none means 0 -> 1 for an X whose values are 0 and 1, else mean -> mean + SD.
  std::optional<std::pair<double, double>> x_values;
  /// \throws argument_error on missing or repeated names, no mediator, more than 10 mediators, a
  /// serial model with other than 2-4 mediators, an offset or exposure with a binomial outcome, both
  /// an offset and an exposure, a probit link with a count outcome, or x0 == x1.
  void validate() const;
};

/// \brief The fitted model and its effects.
struct glm_mediation_result {
  std::string x;
  std::vector<std::string> mediators;
  std::string y;
  std::vector<std::string> covariates;
  mediation_model model = mediation_model::parallel;
  glm_family family = glm_family::poisson;
  glm_link link = glm_link::logit;
  std::string offset;  ///< the offset's column ("log(COLUMN)" for an exposure), or empty
  bool interaction = false;
  std::size_t n = 0;
  std::size_t n_excluded = 0;
  std::vector<missing_count> missing_by_column;
  double x0 = missing_value;
  double x1 = missing_value;
  std::string x_values_rule;  ///< "0 -> 1", "mean -> mean + SD" or "given"
  double level = 0.95;
  std::vector<ols_result> mediator_equations;
  glm_result outcome;
  std::vector<mediation_effect> products;        ///< ind1, ind2, ..., total (link scale)
  std::vector<mediation_effect> ratio_effects;   ///< nde, nie, total, prop_mediated (none for probit)
  std::vector<mediation_effect> causal_effects;  ///< acme_control, ..., prop_mediated_average
  replicate_summary replicates;
  std::vector<std::string> notes;
};

/// \brief Fits the model and bootstraps every effect (`options`: replicates, seed, ci percentile,
/// bias_corrected, bca or monte_carlo, level, threads, progress).
/// \throws argument_error on invalid settings or unknown columns; data_error when an equation
/// cannot be fitted on the sample (e.g. an outcome that is not a count, or separation); Monte
/// Carlo intervals with a cluster column are an argument_error.
[[nodiscard]] glm_mediation_result fit_glm_mediation(const table& data, const glm_mediation_spec& spec,
                                                     const mediation_options& options = {});

}  // namespace socialcure

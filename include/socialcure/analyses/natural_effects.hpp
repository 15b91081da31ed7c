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
///
/// Conditional process models (`moderated_model` 7, 8, 14, 15, 58 or 59, parallel mediators, a
/// moderator W; mediation.hpp for which paths W moderates): W and the products X*W, M_j*W enter
/// the mediators' equations and the outcome's GLM where the model says, in PROCESS's column order,
/// with the probe values and centring of the gaussian models (probing.hpp). The X*M `interaction`
/// is refused (an argument_error). At each probe value w (in the analysed metric):
/// - `conditional_indirect`: omega_j(w) = (a1j + a3j w)(b1j + b3j w) on the linear-predictor scale
///   (and their total with several mediators); exp() is the rate or odds ratio per unit of X;
///   `index_of_moderated_mediation` (models 7, 8, 14, 15: the slope of omega_j in w; a
///   dichotomous W: omega_j(max) - omega_j(min)); `conditional_contrasts` omega_j(w_b) -
///   omega_j(w_a); `conditional_direct` c1 + c3 w (models 8, 15, 59; linear-predictor scale).
/// - `conditional_effects`: the ratio and causal effects above with W set to w. With W fixed the
///   model is a model 4 with effective coefficients (mediator intercept + its W coefficient times
///   w, X slope a1 + a3 w; outcome intercept + its W coefficient times w, X slope c1 + c3 w, M_j
///   slopes b1j + b3j w): the ratio effects at W = w and the other covariates at their means, the
///   causal effects averaged over the analysed persons with every person's W set to w (R
///   mediation's `covariates = list(W = w)`).
/// All of them come from the same bootstrap replicates (or Monte Carlo draws). x0 and x1 are in
/// X's own metric also when X is centred.
/// Replicates (and Monte Carlo draws) are drawn from Philox streams keyed by (seed, replicate), so the result is the same
/// for any number of threads; a resample whose outcome model cannot be fitted (separation, no
/// convergence, a singular design) is redrawn and counted.

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "socialcure/analyses/mediation.hpp"
#include "socialcure/analyses/probing.hpp"
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
  /// PROCESS's conditional process model (7, 8, 14, 15, 58, 59; parallel mediators, moderator
  /// `w`); 0 (default): model 4 or 6 from `model`. As mediation_spec::moderated_model.
  int moderated_model = 0;
  std::string w{};             ///< the moderator (conditional process models only)
  probe_options probe{};       ///< as mediation_spec::probe
  centering center = centering::none;  ///< as mediation_spec::center
  /// \throws argument_error on missing or repeated names, no mediator, more than 10 mediators, a
  /// serial model with other than 2-4 mediators, an offset or exposure with a binomial outcome, both
  /// an offset and an exposure, a probit link with a count outcome, or x0 == x1; for a
  /// moderated model the conditions of mediation_spec::validate (an unknown model number, no W,
  /// serial mediators, W equal to another variable), W equal to the offset or exposure, and the
  /// X*M interaction; a W without a moderated model.
  void validate() const;
};

/// \brief The ratio and causal effects of a conditional process model with W set to one probe value.
struct conditional_natural_effects {
  double w = missing_value;
  std::vector<mediation_effect> ratio_effects;   ///< nde, nie, total, prop_mediated (none for probit)
  std::vector<mediation_effect> causal_effects;  ///< acme_control, ..., prop_mediated_average
};

/// \brief The direct effect c1 + c3 w on the linear-predictor scale at one probe value, bootstrapped.
struct conditional_glm_direct_effect {
  double w = missing_value;
  mediation_effect effect;
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
  // Conditional process models (moderated_model != 0): `products`, `ratio_effects` and
  // `causal_effects` are then empty; the effects at the probe values of W are below.
  int moderated_model = 0;
  std::string w;
  std::vector<double> w_values;
  probe_method w_probe = probe_method::percentiles;
  std::vector<std::string> w_labels;
  bool w_dichotomous = false;
  centering center = centering::none;
  std::vector<std::string> centred_variables;  ///< in the order X, W, mediators
  std::vector<double> centred_means;
  std::vector<conditional_indirect_effect> conditional_indirect;  ///< by mediator (then "total"), then w
  std::vector<moderated_mediation_index> index_of_moderated_mediation;
  std::vector<conditional_indirect_contrast> conditional_contrasts;  ///< by mediator, then (1,2), (1,3), (2,3), ...
  std::vector<conditional_glm_direct_effect> conditional_direct;     ///< models 8, 15, 59
  std::vector<conditional_natural_effects> conditional_effects;      ///< per probe value
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

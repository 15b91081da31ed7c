#pragma once
// Internal: the engine of mediation with a GLM outcome (natural_effects.cpp), shared with the
// conditional process models (conditional_natural_effects.cpp): the analysed sample, the
// equations' designs and fits, the effects of a model-4/6 coefficient set, and the bootstrap or
// Monte Carlo replicates of any function of the coefficients.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "analyses/detail/path_system.hpp"
#include "analyses/detail/resample.hpp"
#include "socialcure/analyses/natural_effects.hpp"
#include "socialcure/models/design.hpp"

namespace socialcure::detail {

/// The gaussian model with the same variables, moderator, probe and centring settings.
[[nodiscard]] mediation_spec as_mediation_spec(const glm_mediation_spec& s);

/// The analysed cases: [1, x, covariates] (n x (2 + c)), the mediators (n x k), y and the offset.
struct glm_sample {
  Eigen::MatrixXd base;
  Eigen::MatrixXd m;
  Eigen::VectorXd y;
  Eigen::VectorXd offset;  // zeros without an offset
  model_frame frame;       // for names and messages; predictors X, covariates, mediators (, W)
  resample_units units;    // what a resample draws
};

/// Reads the analysed cases (with W last among the frame's predictors when the spec names one).
[[nodiscard]] glm_sample read_glm_sample(const table& data, const glm_mediation_spec& spec);

/// The coefficients of one fit of every equation, each in its design's column order.
struct glm_parts {
  std::vector<Eigen::VectorXd> mediator;
  Eigen::VectorXd sigma2;
  Eigen::VectorXd outcome;
  double theta = 0.0;  // negative binomial
};

/// The design of every equation on the analysed cases, built once, with its term names.
struct glm_designs {
  std::vector<Eigen::MatrixXd> mediator;
  std::vector<std::vector<std::string>> mediator_terms;
  Eigen::MatrixXd outcome;
  std::vector<std::string> outcome_terms;
};

struct glm_full_fit {
  glm_parts p;
  std::vector<ols_result> mediators;
  glm_result outcome;
};

/// Fits every equation on the analysed cases (mediators by OLS, the outcome by the spec's GLM).
[[nodiscard]] glm_full_fit fit_glm_equations(const glm_sample& d, const glm_designs& x, const glm_mediation_spec& spec,
                                             const glm_options& o);

struct glm_effect_inputs {
  const glm_sample& d;
  const glm_mediation_spec& spec;  // its family, link, model and interaction are used
  double x0 = 0.0;
  double x1 = 1.0;
};

/// Every effect of a model-4/6 coefficient set (mediator j: [1, x, M_1..M_{j-1} (serial), C];
/// outcome: [1, x, M_1..M_k, (x M_1..x M_k), C]) with case weights `w`, in the order: products
/// (paths, total; none with an interaction), ratio effects (nde, nie, total, prop_mediated),
/// causal effects (acme_control, acme_treated, acme_average, ade_control, ade_treated,
/// ade_average, total, prop_mediated_average).
[[nodiscard]] Eigen::VectorXd natural_effects_of(const glm_parts& p, const Eigen::VectorXd& w, const glm_effect_inputs& in,
                                                 const std::vector<std::vector<std::size_t>>& paths);

/// The effects of one coefficient set with case weights w (1 for every case in the full sample
/// and in a Monte Carlo draw, resample counts in a bootstrap replicate).
using glm_effect_function = std::function<Eigen::VectorXd(const glm_parts&, const Eigen::VectorXd&)>;

/// The replicates of every effect and what the intervals need besides them.
struct glm_effect_run {
  replicate_output replicates;
  bool usable = false;
  Eigen::VectorXd acceleration;  // BCa: per effect (else missing)
  std::string problem;           // BCa: why there is no acceleration
  replicate_summary summary;
};

/// Bootstraps (or draws by Monte Carlo) the `count` effects of `effects`, with the BCa
/// accelerations from the jackknife when asked.
[[nodiscard]] glm_effect_run run_glm_replicates(const glm_sample& d, const glm_designs& x, const glm_full_fit& fit,
                                                const glm_mediation_spec& spec, const mediation_options& options,
                                                const glm_effect_function& effects, Eigen::Index count);

/// Effect `e` of a run with its interval (or the reason there is none).
[[nodiscard]] mediation_effect summarize_glm_effect(const glm_effect_run& run, Eigen::Index e, double estimate,
                                                    std::string label, const mediation_options& options);

/// The result's description of the model and sample, and the change of X (from the frame's X).
[[nodiscard]] glm_mediation_result describe_glm_mediation(const glm_sample& d, const glm_mediation_spec& spec,
                                                          const mediation_options& options);

/// The notes every GLM mediation carries (few clusters, probit, Monte Carlo).
void add_glm_notes(glm_mediation_result& out, const glm_sample& d, const glm_mediation_spec& spec,
                   const mediation_options& options);

/// The conditional process models (spec.moderated_model != 0).
[[nodiscard]] glm_mediation_result fit_conditional_glm_mediation(const table& data, const glm_mediation_spec& spec,
                                                                 const mediation_options& options);

}  // namespace socialcure::detail

#pragma once
/// \file
/// \brief Mediation analysis as in Hayes' PROCESS (models 4 and 6) and MEMORE (two-instance
/// within-subject designs), with bootstrap, Monte Carlo and normal-theory inference for indirect
/// effects (docs/methods/mediation.md).
///
/// Between-subject models (fit_mediation): X -> mediators -> Y, covariates entered in every
/// equation (PROCESS's default). Parallel (model 4, 1-10 mediators): M_j = i + a_j X + g'C;
/// Y = i + c' X + sum b_j M_j + h'C. Serial (model 6, 2-4 mediators): M_j is also regressed on the
/// earlier mediators (coefficients d_jl). Every specific indirect effect is the product of the
/// coefficients along one path X -> ... -> Y; serial paths are listed by length, then in mediator
/// order, as PROCESS 4.3 (for 3 mediators: 1, 2, 3, 1-2, 1-3, 2-3, 1-2-3). The total effect c
/// comes from Y = i + c X + h'C and equals c' + the total indirect effect.
///
/// Within-subject models (fit_within_mediation, MEMORE): each mediator and the outcome measured at
/// two instances (e.g. before and after). With differences M_D, Y_D (second minus first by
/// default: post - pre) and mediator averages M_C centred in the sample: a_j = mean(M_Dj),
/// Y_D = c' + sum b_j M_Dj + sum d_j M_Cj, c = mean(Y_D); serial (two mediators) adds
/// M_D2 = a_2 + d_21 M_D1 + g M_C1. The averages are re-centred within every bootstrap resample.
///
/// Inference for the indirect effects, their pairwise contrasts (Ind_i - Ind_j) and their
/// standardized versions (partially ab / SD_Y, completely ab SD_X / SD_Y; SDs of the resample):
/// case-resampling bootstrap (percentile, bias-corrected or BCa intervals, see
/// bootstrap_intervals.hpp; bootstrap SE = SD of the replicates) or Monte Carlo (each equation's
/// coefficients drawn from their normal sampling distribution, independently across equations,
/// SDs held at the sample's); and Sobel tests (first- and second-order SE) for every path through a
/// single mediator. A resample whose design is singular (a regressor within 1e-6, relatively, of
/// the span of the others) or whose outcome is constant is redrawn and counted (`discarded`); a
/// replicate is the same for any number of threads: it draws from its own Philox stream keyed by
/// the seed and its index (and the redraw number).
///
/// Conditional process models (PROCESS 7, 8, 14, 15, 58, 59; mediation_spec::moderated_model): a
/// moderator W moderates X -> M (7), X -> M and X -> Y (8), M -> Y (14), M -> Y and X -> Y (15),
/// X -> M and M -> Y (58) or all three (59), with 1-10 parallel mediators. W and the products
/// X*W, M_j*W enter only the equations that need them, in PROCESS's column order (M_j: X, W,
/// X*W, covariates; Y: X, the mediators, W, the M_j*W, X*W, covariates). The conditional indirect
/// effect through M_j at W = w is (a1j + a3j w)(b1j + b3j w), with a3j = 0 or b3j = 0 where W does
/// not moderate that path; the index of moderated mediation is its slope in w (7, 8, 14, 15), or,
/// for a dichotomous W, omega(max) - omega(min); pairwise contrasts omega(w_j) - omega(w_i) for
/// probe values i < j; conditional direct effects c1 + c3 w with t-based inference and their
/// Johnson-Neyman points over W's observed range (8, 15, 59; probing.hpp). Centring (`center`:
/// all, or only the variables that are not dichotomous) reparametrizes the same fit.
/// Every effect is a sum of products of coefficients, so the same bootstrap or Monte Carlo
/// replicates serve them all.
///
/// Cases with a missing value on any model variable are excluded listwise and counted.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <Eigen/Core>

#include "socialcure/analyses/bootstrap_intervals.hpp"
#include "socialcure/analyses/probing.hpp"
#include "socialcure/core/missing.hpp"
#include "socialcure/data/table.hpp"
#include "socialcure/models/coefficient.hpp"
#include "socialcure/models/design.hpp"
#include "socialcure/models/ols.hpp"

namespace socialcure {

/// \brief How the mediators are arranged.
enum class mediation_model { parallel, serial };

/// \brief "parallel", "serial".
[[nodiscard]] std::string_view to_string(mediation_model model) noexcept;

/// \brief A between-subject mediation model.
struct mediation_spec {
  std::string x;
  std::vector<std::string> mediators;
  std::string y;
  std::vector<std::string> covariates;  ///< entered in every equation
  mediation_model model = mediation_model::parallel;
  /// PROCESS's conditional process model number (7, 8, 14, 15, 58 or 59, parallel mediators,
  /// moderator `w`); 0 (default): no moderator, PROCESS model 4 or 6 from `model`.
  int moderated_model = 0;
  std::string w{};  ///< the moderator (conditional process models only)
  /// The values of W at which conditional effects are computed (in the analysed metric, i.e.
  /// centred when `center` is set): PROCESS's defaults (16th, 50th, 84th percentiles; a
  /// dichotomous W at its two values), mean -/+ SD, or given values (probing.hpp).
  probe_options probe{};
  /// Mean-centre the variables that form products (X, W, the mediators in products) before the
  /// products are formed: all of them (PROCESS `center = 1`) or only those that are not
  /// dichotomous (`center = 2`); covariates are never centred. Means of the analysed sample.
  centering center = centering::none;
  /// A cluster column (e.g. the practice): the bootstrap then resamples whole clusters (the
  /// cluster bootstrap; BCa's jackknife leaves one cluster out), cases with a missing id are
  /// excluded and counted, and fewer than 30 clusters give a note. Not with Monte Carlo intervals.
  std::string cluster{};
  /// \throws argument_error on an empty or repeated name, no mediators, more than 10 parallel or
  /// other than 2-4 serial mediators, an unknown moderated_model, a moderated model without W or
  /// with serial mediators, W equal to X, a mediator, Y or a covariate, or W without a model.
  void validate() const;
};

/// \brief One variable measured at two instances.
struct instance_pair {
  std::string first;   ///< e.g. the pre-test column
  std::string second;  ///< e.g. the post-test column
};

/// \brief A two-instance within-subject mediation model (MEMORE).
struct within_mediation_spec {
  std::vector<instance_pair> mediators;
  instance_pair y;
  mediation_model model = mediation_model::parallel;  ///< serial: exactly two mediators
  /// Differences second - first (default; post - pre) or first - second (MEMORE lists the
  /// instance subtracted from second).
  bool second_minus_first = true;
  std::string cluster{};  ///< as mediation_spec::cluster
  void validate() const;
};

/// \brief The grid the figures of a conditional process model use for the band of the conditional
/// indirect effect (mediation_options::band_points): the study report, `mediate --indirect-svg`.
inline constexpr std::size_t figure_band_points = 25;

/// \brief Settings of the inference.
struct mediation_options {
  std::size_t replicates = 5000;  ///< bootstrap resamples (or Monte Carlo draws)
  std::optional<std::uint64_t> seed;  ///< none: drawn from std::random_device and reported
  ci_method ci = ci_method::percentile;
  double level = 0.95;
  se_type se = se_type::classical;  ///< SEs of the path coefficients (and the Monte Carlo covariances)
  unsigned threads = 0;             ///< 0: all hardware threads
  bool contrasts = true;            ///< pairwise contrasts of the specific indirect effects
  bool keep_replicates = false;     ///< keep every replicate of every effect in the result
  /// Models 8, 15, 59: the Johnson-Neyman solution of the conditional direct effect
  /// (mediation_result::direct_johnson_neyman); as moderation_options::johnson_neyman.
  bool johnson_neyman = true;
  /// Conditional process models: the number of equally spaced values of W, from its smallest to
  /// its largest analysed value, at which the conditional indirect effect through each mediator is
  /// also estimated and bootstrapped from the same replicates (mediation_result::
  /// conditional_indirect_band, the band of the figure); 0: none, else 2-1000. Not with a
  /// dichotomous W (two values: the conditional effects are the band).
  std::size_t band_points = 0;
  /// Called with (done, total) as blocks of replicates complete, and at large n also between the
  /// replicates of a block (about every 2^18 resampled cases, `done` unchanged), always under one
  /// lock, from a worker thread; return false to cancel (the result then has `cancelled` set and no
  /// intervals). A cancel is seen within a replicate's time, not a block's.
  std::function<bool(std::size_t, std::size_t)> progress;
  /// \throws argument_error on a level outside (0, 1), too few replicates for the level's
  /// percentile interval (fewer than about 1 / alpha) or band_points 1 or above 1000.
  void validate() const;
};

/// \brief One path coefficient: the coefficient of `from` in the equation of `to`.
struct path_coefficient {
  std::string from;
  std::string to;
  coefficient value;
};

/// \brief An effect with its inference.
struct mediation_effect {
  std::string label;              ///< e.g. "ind1", "total", "ind1 - ind2", "std_complete(ind1)"
  std::vector<std::string> path;  ///< variables in order, e.g. {x, m1, m2, y}; {"total"} for the total indirect
  double estimate = missing_value;
  double boot_se = missing_value;  ///< SD of the replicates
  double ci_lower = missing_value;
  double ci_upper = missing_value;
  bool ci_ok = false;
  std::string ci_problem;  ///< why there is no interval, or a warning
  double acceleration = missing_value;  ///< BCa only
  // Normal theory, for paths through a single mediator: first-order (Sobel) and second-order SEs.
  double sobel_se = missing_value;
  double sobel_z = missing_value;
  double sobel_p = missing_value;
  double sobel2_se = missing_value;
  double sobel2_z = missing_value;
  double sobel2_p = missing_value;
};

/// \brief An effect of X on Y through one mediator (or "total") at one value of the moderator W.
struct conditional_indirect_effect {
  std::string mediator;  ///< a mediator's name, or "total" (the sum over the mediators)
  double w = missing_value;
  mediation_effect effect;
};

/// \brief The index of moderated mediation of one mediator (models 7, 8, 14, 15; any model with a
/// dichotomous W, then omega(max) - omega(min)).
struct moderated_mediation_index {
  std::string mediator;
  mediation_effect effect;
};

/// \brief omega(w_to) - omega(w_from), the later probe value minus the earlier.
struct conditional_indirect_contrast {
  std::string mediator;
  double w_from = missing_value;
  double w_to = missing_value;
  mediation_effect effect;
};

/// \brief The direct effect of X on Y at W = w (models 8, 15, 59): c1 + c3 w, SE from the Y
/// equation's covariance, t on its residual df.
struct conditional_direct_effect {
  double w = missing_value;
  coefficient effect;
};

/// \brief Provenance of the replicates.
struct replicate_summary {
  ci_method method = ci_method::percentile;
  std::size_t requested = 0;
  std::size_t succeeded = 0;
  std::size_t discarded = 0;  ///< resamples redrawn (singular design or constant variable)
  std::uint64_t seed = 0;
  bool seed_given = false;
  double level = 0.95;
  unsigned threads_used = 1;
  bool cancelled = false;
  std::string error;  ///< the run failed (no intervals)
  std::string cluster;       ///< the cluster column of a cluster bootstrap, or empty
  std::size_t clusters = 0;  ///< the clusters it resampled
};

/// \brief Everything a mediation analysis found.
struct mediation_result {
  bool within = false;
  mediation_model model = mediation_model::parallel;
  std::string x;  ///< between-subject X (empty for within-subject models)
  std::vector<std::string> mediators;  ///< as used in the equations (within: the difference labels)
  std::string y;
  std::vector<std::string> covariates;
  std::size_t n = 0;
  std::size_t n_excluded = 0;
  std::vector<missing_count> missing_by_column;
  double level = 0.95;
  se_type se = se_type::classical;
  std::vector<ols_result> equations;  ///< each mediator's equation, then Y's
  ols_result total_model;             ///< Y on X (and covariates); within: Y_D on a constant
  std::vector<path_coefficient> paths;
  coefficient total_effect;
  coefficient direct_effect;
  std::vector<mediation_effect> indirect;   ///< specific indirect effects, then the total indirect effect
  std::vector<mediation_effect> contrasts;  ///< Ind_i - Ind_j, i < j
  std::vector<mediation_effect> standardized;  ///< partially, then completely standardized (between-subject only)
  double sd_x = missing_value;
  double sd_y = missing_value;
  // Conditional process models (moderated_model != 0): the moderator, its probe values, and the
  // effects at them. `indirect`, `contrasts` and `standardized` are then empty, and `total_model`
  // is not fitted (no coefficients; total_effect missing).
  int moderated_model = 0;
  std::string w;
  std::vector<double> w_values;
  probe_method w_probe = probe_method::percentiles;  ///< the rule that chose w_values
  std::vector<std::string> w_labels;                  ///< per w value, e.g. "16th percentile"
  bool w_dichotomous = false;
  bool centred = false;                   ///< some variable was centred
  centering center = centering::none;     ///< as asked
  std::vector<std::string> centred_variables;  ///< the variables centred, in the order X, W, mediators
  std::vector<double> centred_means;           ///< the means subtracted, in the same order
  std::vector<conditional_indirect_effect> conditional_indirect;  ///< by mediator (then "total"), then w
  std::vector<moderated_mediation_index> index_of_moderated_mediation;
  std::vector<conditional_indirect_contrast> conditional_contrasts;  ///< by mediator, then (1,2), (1,3), (2,3), ...
  std::vector<conditional_direct_effect> conditional_direct;         ///< models 8, 15, 59
  /// With band_points: by mediator, then w, the conditional indirect effects on the grid of W.
  std::vector<conditional_indirect_effect> conditional_indirect_band;
  /// Models 8, 15, 59 with a W that is not dichotomous: Johnson-Neyman points and region table of
  /// the conditional direct effect c1 + c3 w (Y equation's covariance, t on its residual df) over
  /// the observed (analysed) values of W.
  std::optional<johnson_neyman_result> direct_johnson_neyman;
  replicate_summary replicates;
  Eigen::MatrixXd replicate_values;  ///< with keep_replicates: rows = replicates, columns = indirect, contrasts, standardized
  std::vector<std::string> notes;
};

/// \brief Fits a between-subject mediation model (PROCESS model 4 or 6, or a conditional process
/// model 7, 8, 14, 15, 58 or 59).
/// \throws argument_error on an unknown or text column or invalid settings; data_error when no
/// case is complete or an equation's design is singular.
[[nodiscard]] mediation_result fit_mediation(const table& data, const mediation_spec& spec,
                                             const mediation_options& options = {});

/// \brief Fits a two-instance within-subject mediation model (MEMORE).
[[nodiscard]] mediation_result fit_within_mediation(const table& data, const within_mediation_spec& spec,
                                                    const mediation_options& options = {});

}  // namespace socialcure

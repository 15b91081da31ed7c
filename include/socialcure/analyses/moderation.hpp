#pragma once
/// \file
/// \brief Moderation as in Hayes' PROCESS models 1, 2 and 3, and the moderation of a two-instance
/// change (MEMORE's moderation model), docs/methods/moderation.md.
///
/// Between-subject models (fit_moderation), terms in PROCESS's order, covariates last:
/// - model 1: Y = b0 + b1 X + b2 W + b3 XW + h'C;
/// - model 2: Y = b0 + b1 X + b2 W + b3 XW + b4 Z + b5 XZ + h'C (two additive moderators);
/// - model 3: Y = b0 + b1 X + b2 W + b3 XW + b4 Z + b5 XZ + b6 WZ + b7 XWZ + h'C.
/// Products are formed after listwise deletion (every exclusion counted) and after the centring
/// asked for (PROCESS `center`: none; all of X, W, Z; or only those of them that are not
/// dichotomous; covariates never). Probe values, the Johnson-Neyman range and every printed
/// moderator value are in the analysed (possibly centred) metric, as in PROCESS.
///
/// Tests of the interactions: for each highest-order product (model 1: X*W; model 2: X*W, X*Z and
/// both jointly; model 3: X*W*Z) the R^2 change against the model without it (a refit, OLS) and
/// F = Wald F (L b)' (L V L')^{-1} (L b) / q on (q, n - p) df. With the classical covariance that F
/// is the usual R^2-change F; with HC0-HC4 it is the robust Wald F (PROCESS's "F(HCk)") while the
/// R^2 change stays the OLS difference.
///
/// Conditional effects of X at the probe values (model 2 and 3: every combination, W slowest):
/// theta = g'b with g the gradient (model 3: b1 + b3 w + b5 z + b7 wz), SE sqrt(g'Vg), t and p on
/// n - p df, CI theta +/- t* SE with the exact t quantile (probing.hpp). Model 3 also reports the
/// conditional X*W interaction b3 + b7 z at each probe value of Z, with F(1, n - p) = t^2.
/// Johnson-Neyman: model 1 over W, model 3 over Z for the conditional X*W interaction; not for a
/// dichotomous moderator, not for model 2 (a note says so).
/// Plot data: predicted Y (with SE and CI) at every combination of moderator probe values and X
/// probe values (X dichotomous: its two values; else the same probe rule as W, percentiles when W's
/// values are given), covariates at their means, X fastest.
///
/// Two-instance moderation (fit_within_moderation): Y_D = Y_second - Y_first per person (default;
/// post - pre) or first - second, Y_D = d0 + d1 W; the conditional effect of the instance is
/// theta(w) = d0 + d1 w; the test of moderation is that of d1 (R^2 change = R^2, F = t^2).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "socialcure/analyses/mediation.hpp"
#include "socialcure/analyses/probing.hpp"
#include "socialcure/core/missing.hpp"
#include "socialcure/data/table.hpp"
#include "socialcure/models/design.hpp"
#include "socialcure/models/ols.hpp"

namespace socialcure {

/// \brief A between-subject moderation model.
struct moderation_spec {
  int model = 1;  ///< PROCESS model 1, 2 or 3
  std::string x;
  std::string w;
  std::string z;  ///< second moderator, models 2 and 3 only
  std::string y;
  std::vector<std::string> covariates;
  /// \throws argument_error on a model other than 1-3, an empty name, z given for model 1 or missing
  /// for models 2 and 3, or a variable named twice (e.g. W equal to X or Y).
  void validate() const;
};

/// \brief Settings of a moderation analysis.
struct moderation_options {
  centering center = centering::none;
  se_type se = se_type::classical;
  double level = 0.95;
  probe_options probe;           ///< probe values of W (and of Z unless z_values are given)
  /// Given probe values of Z (models 2 and 3). Without them Z follows W's rule, except that given
  /// values of W leave Z (and X in the plot data) at the percentiles.
  std::vector<double> z_values;
  bool johnson_neyman = true;
  /// \throws argument_error on a level outside (0, 1) or invalid probe options.
  void validate() const;
};

/// \brief The test of one product term (or of several jointly).
struct interaction_test {
  std::string term;  ///< e.g. "prot2*sexism"; "both" for model 2's joint test
  double r2_change = missing_value;
  double f = missing_value;
  double df1 = missing_value;
  double df2 = missing_value;
  double p = missing_value;
};

/// \brief The conditional effect of X at one combination of probe values.
struct conditional_effect {
  double w = missing_value;
  double z = missing_value;  ///< models 2 and 3
  double effect = missing_value;
  double se = missing_value;
  double t = missing_value;
  double p = missing_value;
  double ci_lower = missing_value;
  double ci_upper = missing_value;
};

/// \brief A predicted value of Y for the plot of the interaction.
struct plot_point {
  double x = missing_value;
  double w = missing_value;
  double z = missing_value;  ///< models 2 and 3
  double y_hat = missing_value;
  double se = missing_value;
  double ci_lower = missing_value;
  double ci_upper = missing_value;
};

/// \brief Everything a moderation analysis found.
struct moderation_result {
  int model = 1;       ///< 1-3; 0 for the two-instance model
  bool within = false;
  std::string x;       ///< within: "instance (second - first)" or "(first - second)"
  std::string w;
  std::string z;
  std::string y;       ///< within: the difference, e.g. "lonely_post - lonely_pre"
  std::vector<std::string> covariates;
  centering center = centering::none;
  std::vector<std::string> centred;   ///< the variables centred
  std::vector<double> centred_means;  ///< the means subtracted, in the same order
  se_type se = se_type::classical;
  double level = 0.95;
  std::size_t n = 0;
  std::size_t n_excluded = 0;
  std::vector<missing_count> missing_by_column;
  ols_result equation;  ///< every coefficient (products named "x*w", ...)
  std::vector<interaction_test> interactions;
  probe_set w_probes;
  std::optional<probe_set> z_probes;
  probe_set x_probes;  ///< X values of the plot data
  std::vector<conditional_effect> conditional_effects;  ///< W slowest, Z fastest
  /// Model 3: the conditional X*W interaction at each probe value of Z (`w` holds the value of Z;
  /// F(1, n - p) = t^2).
  std::vector<conditional_estimate> conditional_interactions;
  std::optional<johnson_neyman_result> johnson_neyman;
  std::string johnson_neyman_moderator;  ///< W (model 1, within) or Z (model 3)
  std::vector<plot_point> plot;
  std::vector<std::string> notes;
};

/// \brief Fits PROCESS model 1, 2 or 3.
/// \throws argument_error on an unknown or text column or invalid settings; data_error when no
/// case is complete, X or a moderator does not vary, percentile probes cannot be formed, or the
/// design is singular (naming the terms).
[[nodiscard]] moderation_result fit_moderation(const table& data, const moderation_spec& spec,
                                               const moderation_options& options = {});

/// \brief A two-instance moderation model: does the change of `y` depend on `w`?
struct within_moderation_spec {
  instance_pair y;
  std::string w;
  bool second_minus_first = true;  ///< Y_D = second - first (default; post - pre)
  /// \throws argument_error on an empty name or W equal to an instance of Y.
  void validate() const;
};

/// \brief Fits the two-instance moderation model (Z and z_values of the options are not used).
[[nodiscard]] moderation_result fit_within_moderation(const table& data, const within_moderation_spec& spec,
                                                      const moderation_options& options = {});

}  // namespace socialcure

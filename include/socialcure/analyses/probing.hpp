#pragma once
/// \file
/// \brief Probing an interaction: the moderator values at which a conditional effect is reported
/// (as Hayes' PROCESS 4.x chooses them) and the Johnson-Neyman technique for an effect that is
/// linear in the moderator (docs/methods/moderation.md).
///
/// Shared by moderation (fit_moderation) and by the conditional process models of mediation: both
/// evaluate a conditional effect theta(w) = b1 + b3 w with covariance entries (V11, V13, V33) of
/// (b1, b3), so SE(w)^2 = V11 + 2 w V13 + w^2 V33.
///
/// Probe values (choose_probe_values):
/// - percentiles (PROCESS 4.x default): the 16th, 50th and 84th percentiles by the rule
///   h = p (n + 1), value = x_(floor h) + (h - floor h)(x_(floor h + 1) - x_(floor h)) on the sorted
///   values, i.e. R's quantile(type = 6), with h clamped to [1, n] (PROCESS itself fails for n < 6).
///   Coincident percentiles (a coarse moderator) are listed once, with a note; when all three
///   coincide the probe is an error (use mean_sd or given values).
/// - mean_sd (PROCESS `moments = 1`): mean - SD, mean, mean + SD (SD with divisor n - 1); a value
///   below the minimum (above the maximum) observed is replaced by the minimum (maximum), with a note.
/// - values (PROCESS `wmodval`): used as given, never replaced; a note for each outside the
///   observed range.
/// - A dichotomous moderator (exactly two distinct values) is probed at its two values under
///   percentiles and mean_sd.
/// A moderator with a single value (no variance) is an error naming the variable.
///
/// Johnson-Neyman (johnson_neyman): the values of w at which theta(w) / SE(w) equals the critical
/// value t*, i.e. the real roots of A w^2 + B w + C = 0 with A = b3^2 - t*^2 V33,
/// B = 2 (b1 b3 - t*^2 V13), C = b1^2 - t*^2 V11, kept when they lie within the observed range
/// [min, max] (0, 1 or 2 points; none is a result, not an error). t* is the exact Student t
/// quantile on the residual df (socialcure::t_quantile, as every t interval of the library; a
/// normal quantile when df is infinite). PROCESS uses an approximation of t* instead, so its points
/// can differ from ours in the 6th or 7th digit. For each point: the percentage of the observed
/// values strictly below and strictly above it. The region table has 22 rows, as PROCESS 4.3.1:
/// 22 - k equally spaced values from min to max inclusive with the k transition points inserted in
/// order (a point equal to a grid value appears once).

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "socialcure/core/missing.hpp"

namespace socialcure {

/// \brief Which variables are mean-centred before products are formed (PROCESS `center` 0, 1, 2),
/// shared by moderation and the conditional process models.
enum class centering {
  none,        ///< raw values (PROCESS default)
  all,         ///< X, W and Z
  continuous,  ///< those of X, W, Z that are not dichotomous
};

/// \brief "none", "all", "continuous".
[[nodiscard]] std::string_view to_string(centering c) noexcept;

/// \brief Parses "none", "all" or "continuous". \throws argument_error otherwise.
[[nodiscard]] centering parse_centering(std::string_view text);

/// \brief How moderator values are chosen for probing.
enum class probe_method {
  percentiles,  ///< 16th, 50th, 84th percentiles (PROCESS 4.x default)
  mean_sd,      ///< mean - SD, mean, mean + SD, replaced by min / max outside the data
  values,       ///< the values given
};

/// \brief "percentiles", "mean_sd", "values".
[[nodiscard]] std::string_view to_string(probe_method method) noexcept;

/// \brief Settings of probe value selection.
struct probe_options {
  probe_method method = probe_method::percentiles;
  std::vector<double> values;  ///< for probe_method::values
  /// \throws argument_error on values given with another method, no values for method values, or a
  /// non-finite value.
  void validate() const;
};

/// \brief The moderator values chosen, with what each is.
struct probe_set {
  std::string variable;
  probe_method method = probe_method::percentiles;
  bool dichotomous = false;       ///< exactly two distinct values: probed at both
  std::vector<double> values;     ///< in increasing order (given values: in the order given)
  std::vector<std::string> labels;  ///< e.g. "16th percentile", "mean - 1 SD (minimum)", "value"
  double minimum = missing_value;
  double maximum = missing_value;
  double mean = missing_value;
  double sd = missing_value;      ///< divisor n - 1
  std::vector<std::string> notes; ///< replacements, coincident percentiles, values outside the data
};

/// \brief Number of distinct values among `values` (finite values only).
[[nodiscard]] std::size_t count_distinct(std::span<const double> values);

/// \brief True when `values` take exactly two distinct values.
[[nodiscard]] bool is_dichotomous(std::span<const double> values);

/// \brief The `p` quantile of `values` by R's type-6 rule, clamped to the sample (see the file
/// comment). \throws argument_error on an empty sample or p outside [0, 1].
[[nodiscard]] double type6_quantile(std::span<const double> values, double p);

/// \brief Chooses the probe values of moderator `variable` from its observed (analysed) values.
/// \throws data_error naming the variable when it has a single value, or when its percentiles all
/// coincide; argument_error on invalid options or an empty sample.
[[nodiscard]] probe_set choose_probe_values(std::span<const double> values, std::string_view variable,
                                            const probe_options& options = {});

/// \brief An effect that is linear in the moderator: theta(w) = intercept + slope w, with the
/// sampling (co)variances of intercept and slope.
struct linear_effect {
  double intercept = 0.0;       ///< b1
  double slope = 0.0;           ///< b3
  double var_intercept = 0.0;   ///< V11
  double covariance = 0.0;      ///< V13
  double var_slope = 0.0;       ///< V33
};

/// \brief theta(w) with its inference.
struct conditional_estimate {
  double w = missing_value;
  double effect = missing_value;
  double se = missing_value;
  double t = missing_value;   ///< effect / se (a z statistic when df is infinite)
  double p = missing_value;   ///< two-sided
  double ci_lower = missing_value;
  double ci_upper = missing_value;
};

/// \brief The two-sided critical value at `level`: Student t on `df` (exact quantile), normal when
/// df is infinite. \throws argument_error on a level outside (0, 1) or df <= 0.
[[nodiscard]] double critical_value(double df, double level);

/// \brief theta(w), SE, t, p on `df` and the CI theta +/- critical_value(df, level) SE.
[[nodiscard]] conditional_estimate evaluate_at(const linear_effect& effect, double w, double df, double level);

/// \brief A Johnson-Neyman transition point.
struct jn_point {
  double value = missing_value;
  double percent_below = missing_value;  ///< 100 #(w < value) / n
  double percent_above = missing_value;  ///< 100 #(w > value) / n
};

/// \brief An interval of the moderator's observed range where the effect is significant.
struct jn_interval {
  double lower = missing_value;
  double upper = missing_value;
};

/// \brief The Johnson-Neyman solution over the observed range.
struct johnson_neyman_result {
  double critical_value = missing_value;
  double df = missing_value;
  double level = 0.95;
  double minimum = missing_value;
  double maximum = missing_value;
  double a = missing_value;  ///< coefficients of A w^2 + B w + C (significant where > 0)
  double b = missing_value;
  double c = missing_value;
  std::vector<jn_point> points;                 ///< within [minimum, maximum], increasing
  std::vector<jn_interval> significant;         ///< parts of [minimum, maximum] where p < 1 - level
  std::vector<conditional_estimate> region;     ///< the 22-row table
  std::string summary;  ///< e.g. "no transition points within the observed range; significant everywhere"
};

/// \brief Johnson-Neyman points and the region table of `effect` over the observed moderator
/// values `observed` (their range, and the percentages below / above each point).
/// \throws argument_error on an empty sample, a non-finite covariance entry, df <= 0 or a level
/// outside (0, 1); data_error when the observed values do not vary.
[[nodiscard]] johnson_neyman_result johnson_neyman(const linear_effect& effect, double df, double level,
                                                   std::span<const double> observed);

}  // namespace socialcure

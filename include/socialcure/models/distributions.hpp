#pragma once
/// \file
/// \brief Tail probabilities and quantiles of the reference distributions (Boost.Math glue).
///
/// Upper tails are computed directly (not as 1 - cdf) so that tiny p-values keep their digits.
/// Infinite statistics give p = 0; a missing (NaN) argument gives a missing result.

namespace socialcure {

/// \brief Two-sided p-value of a t statistic on `df` degrees of freedom: 2 P(T > |t|).
[[nodiscard]] double t_two_sided_p(double t, double df);

/// \brief The `prob` quantile of Student's t on `df` degrees of freedom.
[[nodiscard]] double t_quantile(double prob, double df);

/// \brief Two-sided p-value of a z statistic: 2 P(Z > |z|).
[[nodiscard]] double z_two_sided_p(double z);

/// \brief The `prob` quantile of the standard normal distribution.
[[nodiscard]] double normal_quantile(double prob);

/// \brief Standard normal cumulative distribution function.
[[nodiscard]] double normal_cdf(double z);

/// \brief Upper tail P(F > f) of the F distribution on (df1, df2) degrees of freedom.
[[nodiscard]] double f_upper_p(double f, double df1, double df2);

/// \brief The `prob` quantile of the F distribution on (df1, df2) degrees of freedom.
[[nodiscard]] double f_quantile(double prob, double df1, double df2);

/// \brief Upper tail P(X > x) of the chi-square distribution on `df` degrees of freedom.
[[nodiscard]] double chi_square_upper_p(double x, double df);

}  // namespace socialcure

#pragma once
/// \file
/// \brief Tail probabilities and quantiles of the reference distributions (Boost.Math glue).
///
/// Upper tails are computed directly (not as 1 - cdf) so that tiny p-values keep their digits.
/// Infinite statistics give p = 0; a missing (NaN) argument gives a missing result.

#include <cstddef>

#include "socialcure/core/missing.hpp"

namespace socialcure {

/// \brief Two confidence limits (missing when they cannot be computed).
struct confidence_limits {
  double lower = missing_value;
  double upper = missing_value;
};

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

/// \brief P(T <= t) for the noncentral t distribution on `df` degrees of freedom with
/// noncentrality `ncp` (R `pt(t, df, ncp)`). Boost.Math's series, accurate to about 1e-15 in absolute
/// terms; where that loses relative accuracy (t < 0 < ncp with a cdf below 1e-8, and t = 0) the
/// value comes from quadrature or Phi(-ncp) instead, so tiny lower tails keep about 12 digits
/// (R's `pt` returns 0 or 1e-16 for values near 1e-30 there). Missing where the series cannot be
/// evaluated (noncentrality beyond about 1e5).
[[nodiscard]] double noncentral_t_cdf(double t, double df, double ncp);

/// \brief Confidence limits for the noncentrality parameter lambda of a noncentral t given the
/// observed `t` (Steiger & Fouladi 1997): lambda_L solves P(T_{df,lambda_L} <= t) = 1 - alpha/2 and
/// lambda_U solves P(T_{df,lambda_U} <= t) = alpha/2, alpha = 1 - level, by bracketing and
/// TOMS 748 root finding to full double precision. Divided by sqrt(n) they are the exact CI of a
/// standardized mean (d_z = t / sqrt(n)). Missing limits where the cdf cannot be evaluated (|t|
/// beyond about 1e5, i.e. a mean change of 1e5 standard errors or more).
[[nodiscard]] confidence_limits noncentral_t_ncp_limits(double t, double df, double level);

/// \brief Clopper-Pearson ("exact") limits for a binomial proportion with `successes` out of
/// `trials`, as R `binom.test(...)$conf.int`: Beta quantiles, 0 when successes = 0 and 1 when
/// successes = trials. Missing when trials = 0.
[[nodiscard]] confidence_limits clopper_pearson(std::size_t successes, std::size_t trials, double level);

/// \brief Two-sided p-value of the exact binomial test of p = 1/2 (R `binom.test(x, n)`):
/// min(1, 2 P(X <= min(x, n - x))). Missing when trials = 0.
[[nodiscard]] double binomial_half_two_sided_p(std::size_t successes, std::size_t trials);

/// \brief P(V <= v) for the Wilcoxon signed-rank statistic V with `n` non-zero untied
/// differences (R `psignrank(v, n)`), from the exact counts c_n(v) = c_{n-1}(v) + c_{n-1}(v - n).
/// \throws argument_error for n > 1000 (the counts would overflow; use the normal approximation).
[[nodiscard]] double signed_rank_cdf(double v, std::size_t n);

}  // namespace socialcure

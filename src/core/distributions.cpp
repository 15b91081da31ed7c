#include "socialcure/core/distributions.hpp"

#include <cmath>

#include <algorithm>
#include <cstdint>
#include <exception>
#include <limits>
#include <vector>

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/non_central_t.hpp>
#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <boost/math/special_functions/erf.hpp>
#include <boost/math/tools/roots.hpp>
#include <boost/math/distributions/fisher_f.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

#include "socialcure/core/error.hpp"
#include "socialcure/core/missing.hpp"

namespace socialcure {

namespace {
bool any_missing(double a, double b = 0.0, double c = 0.0) { return std::isnan(a) || std::isnan(b) || std::isnan(c); }
}  // namespace

double t_two_sided_p(double t, double df) {
  if (any_missing(t, df) || df <= 0) return missing_value;
  if (std::isinf(t)) return 0.0;
  if (std::isinf(df)) return z_two_sided_p(t);
  const boost::math::students_t dist(df);
  return 2.0 * boost::math::cdf(boost::math::complement(dist, std::fabs(t)));
}

double t_quantile(double prob, double df) {
  if (any_missing(prob, df) || df <= 0 || prob <= 0 || prob >= 1) return missing_value;
  if (std::isinf(df)) return normal_quantile(prob);
  return boost::math::quantile(boost::math::students_t(df), prob);
}

double z_two_sided_p(double z) {
  if (any_missing(z)) return missing_value;
  if (std::isinf(z)) return 0.0;
  return 2.0 * boost::math::cdf(boost::math::complement(boost::math::normal(), std::fabs(z)));
}

double normal_quantile(double prob) {
  if (any_missing(prob) || prob <= 0 || prob >= 1) return missing_value;
  return boost::math::quantile(boost::math::normal(), prob);
}

double normal_cdf(double z) {
  if (any_missing(z)) return missing_value;
  if (std::isinf(z)) return z > 0 ? 1.0 : 0.0;
  return boost::math::cdf(boost::math::normal(), z);
}

double f_upper_p(double f, double df1, double df2) {
  if (any_missing(f, df1, df2) || df1 <= 0 || df2 <= 0) return missing_value;
  if (std::isinf(f)) return 0.0;
  if (f <= 0) return 1.0;
  return boost::math::cdf(boost::math::complement(boost::math::fisher_f(df1, df2), f));
}

double f_quantile(double prob, double df1, double df2) {
  if (any_missing(prob, df1, df2) || df1 <= 0 || df2 <= 0 || prob <= 0 || prob >= 1) return missing_value;
  return boost::math::quantile(boost::math::fisher_f(df1, df2), prob);
}

double chi_square_upper_p(double x, double df) {
  if (any_missing(x, df) || df <= 0) return missing_value;
  if (std::isinf(x)) return 0.0;
  if (x <= 0) return 1.0;
  return boost::math::cdf(boost::math::complement(boost::math::chi_squared(df), x));
}

namespace {

/// P(T <= t) = E[Phi(t sqrt(V / df) - ncp)], V ~ chi-square(df), by adaptive Gauss-Kronrod
/// quadrature split at chi-square quantiles. Keeps relative accuracy (about 1e-12) where the cdf
/// is tiny, which the series behind Boost (as R's AS 243) loses for t < 0 < ncp.
double noncentral_t_lower_tail_by_quadrature(double t, double df, double ncp) {
  const boost::math::chi_squared chi2(df);
  const auto integrand = [&](double x) {
    const double z = t * std::sqrt(x / df) - ncp;
    return 0.5 * boost::math::erfc(-z / std::sqrt(2.0)) * boost::math::pdf(chi2, x);
  };
  using rule = boost::math::quadrature::gauss_kronrod<double, 61>;
  const double cuts[] = {0.0, boost::math::quantile(chi2, 1e-6), boost::math::quantile(chi2, 0.01),
                         boost::math::quantile(chi2, 0.5), boost::math::quantile(chi2, 0.99),
                         std::numeric_limits<double>::infinity()};
  double sum = 0.0;
  for (std::size_t i = 0; i + 1 < std::size(cuts); ++i) sum += rule::integrate(integrand, cuts[i], cuts[i + 1], 8, 1e-12);
  return sum;
}

}  // namespace

double noncentral_t_cdf(double t, double df, double ncp) {
  if (any_missing(t, df, ncp) || df <= 0) return missing_value;
  if (std::isinf(t)) return t > 0 ? 1.0 : 0.0;
  if (std::isinf(df)) return normal_cdf(t - ncp);
  if (t == 0.0) return 0.5 * boost::math::erfc(ncp / std::sqrt(2.0));  // Phi(-ncp), exactly
  try {
    const double p = boost::math::cdf(boost::math::non_central_t(df, ncp), t);
    if (t < 0 && ncp > 0 && p < 1e-8) return noncentral_t_lower_tail_by_quadrature(t, df, ncp);
    return p;
  } catch (const std::exception&) {  // Boost's series cannot handle the arguments (|ncp| beyond about 1e5)
    return missing_value;
  }
}

confidence_limits noncentral_t_ncp_limits(double t, double df, double level) {
  confidence_limits out;
  if (any_missing(t, df, level) || std::isinf(t) || df <= 0 || level <= 0 || level >= 1) return out;
  const double alpha = 1.0 - level;
  // P(T_{df,lambda} <= t) falls from 1 to 0 as lambda grows: bracket the root of cdf - target by
  // stepping away from t, then solve with TOMS 748 to (nearly) full precision.
  const auto solve = [&](double target) {
    const auto f = [&](double lambda) { return noncentral_t_cdf(t, df, lambda) - target; };
    double step = 1.0 + 0.5 * std::fabs(t);
    double lo = t - step;
    double hi = t + step;
    int guard = 0;
    while (f(lo) < 0 && guard++ < 200) {
      lo -= step;
      step *= 2;
    }
    step = 1.0 + 0.5 * std::fabs(t);
    guard = 0;
    while (f(hi) > 0 && guard++ < 200) {
      hi += step;
      step *= 2;
    }
    const double flo = f(lo);
    const double fhi = f(hi);
    if (!(flo >= 0) || !(fhi <= 0)) return missing_value;  // also when the cdf itself is missing
    if (flo == 0) return lo;
    if (fhi == 0) return hi;
    std::uintmax_t iterations = 500;
    try {
      const auto root = boost::math::tools::toms748_solve(f, lo, hi, flo, fhi,
                                                          boost::math::tools::eps_tolerance<double>(50), iterations);
      return 0.5 * (root.first + root.second);
    } catch (const std::exception&) {
      return missing_value;
    }
  };
  out.lower = solve(1.0 - alpha / 2.0);
  out.upper = solve(alpha / 2.0);
  return out;
}

confidence_limits clopper_pearson(std::size_t successes, std::size_t trials, double level) {
  confidence_limits out;
  if (trials == 0 || successes > trials || !(level > 0 && level < 1)) return out;
  const double alpha = (1.0 - level) / 2.0;
  const auto x = static_cast<double>(successes);
  const auto n = static_cast<double>(trials);
  out.lower = successes == 0 ? 0.0 : boost::math::quantile(boost::math::beta_distribution<>(x, n - x + 1), alpha);
  out.upper = successes == trials ? 1.0
                                  : boost::math::quantile(boost::math::beta_distribution<>(x + 1, n - x), 1.0 - alpha);
  return out;
}

double binomial_half_two_sided_p(std::size_t successes, std::size_t trials) {
  if (trials == 0 || successes > trials) return missing_value;
  const std::size_t k = std::min(successes, trials - successes);
  if (2 * k == trials) return 1.0;
  const boost::math::binomial_distribution<> dist(static_cast<double>(trials), 0.5);
  return std::min(1.0, 2.0 * boost::math::cdf(dist, static_cast<double>(k)));
}

double signed_rank_cdf(double v, std::size_t n) {
  if (n > 1000) throw argument_error("signed_rank_cdf: n = " + std::to_string(n) + " is above 1000");
  if (std::isnan(v)) return missing_value;
  const double total = static_cast<double>(n) * static_cast<double>(n + 1) / 2.0;
  const double q = std::floor(v + 1e-7);  // as R: psignrank rounds v down (with a small fuzz)
  if (q < 0) return 0.0;
  if (q >= total) return 1.0;
  // Probabilities rather than counts, so that nothing overflows: p_k(s) = (p_{k-1}(s) + p_{k-1}(s-k)) / 2.
  const auto top = static_cast<std::size_t>(total);
  std::vector<double> p(top + 1, 0.0);
  p[0] = 1.0;
  std::size_t reach = 0;
  for (std::size_t k = 1; k <= n; ++k) {
    reach += k;
    for (std::size_t s = reach; s >= k; --s) p[s] = 0.5 * (p[s] + p[s - k]);
    for (std::size_t s = 0; s < k; ++s) p[s] *= 0.5;
  }
  // Sum the smaller tail for accuracy (the distribution is symmetric about total / 2).
  const auto qi = static_cast<std::size_t>(q);
  double sum = 0.0;
  if (2 * qi <= top) {
    for (std::size_t s = 0; s <= qi; ++s) sum += p[s];
    return sum;
  }
  for (std::size_t s = qi + 1; s <= top; ++s) sum += p[s];
  return 1.0 - sum;
}

}  // namespace socialcure

#include "socialcure/models/distributions.hpp"

#include <cmath>

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/fisher_f.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

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

}  // namespace socialcure

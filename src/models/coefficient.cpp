#include "socialcure/models/coefficient.hpp"

#include <cmath>

#include "models/detail/cluster_inference.hpp"
#include "socialcure/core/distributions.hpp"
#include "socialcure/core/error.hpp"

namespace socialcure {

const coefficient& find_coefficient(std::span<const coefficient> coefficients, std::string_view term) {
  for (const auto& c : coefficients) {
    if (c.term == term) return c;
  }
  std::string available;
  for (const auto& c : coefficients) available += (available.empty() ? "" : ", ") + c.term;
  throw argument_error("no term '" + std::string(term) + "' in the model (terms: " + available + ")");
}

double detail::set_inference(coefficient& c, double se, double df, double level) {
  const double upper = 1.0 - (1.0 - level) / 2.0;
  const bool z_test = std::isinf(df);
  const bool usable = z_test || df > 0.0;  // NaN or non-positive df: no test, no interval
  const double critical = z_test ? normal_quantile(upper) : (usable ? t_quantile(upper, df) : missing_value);
  c.se = se;
  c.df = z_test ? missing_value : df;
  c.statistic = c.estimate / se;
  c.p = z_test ? z_two_sided_p(c.statistic) : (usable ? t_two_sided_p(c.statistic, df) : missing_value);
  c.ci_lower = c.estimate - critical * se;
  c.ci_upper = c.estimate + critical * se;
  return critical;
}

}  // namespace socialcure

#pragma once
/// \file
/// \brief One estimated coefficient with its inference, shared by every regression model.

#include <span>
#include <string>
#include <string_view>

#include "socialcure/core/missing.hpp"

namespace socialcure {

/// \brief A coefficient: estimate, standard error, test statistic (t for OLS, z for GLMs), two-sided
/// p-value and confidence interval, plus optional extras (missing when they do not apply).
struct coefficient {
  std::string term;
  double estimate = missing_value;
  double se = missing_value;
  double statistic = missing_value;
  double p = missing_value;
  double ci_lower = missing_value;
  double ci_upper = missing_value;
  /// Degrees of freedom of the t test and interval (OLS: n - p, or the cluster-robust df); missing
  /// for a z test.
  double df = missing_value;
  /// True when the term was dropped as a linear combination of others (estimate and all else missing).
  bool aliased = false;
  double std_estimate = missing_value;  ///< OLS: b * SD(x) / SD(y) (not for the intercept)
  double vif = missing_value;           ///< OLS: variance inflation factor (models with an intercept)
  double exp_estimate = missing_value;  ///< log/logit links: exp(estimate) (rate or odds ratio)
  double exp_ci_lower = missing_value;
  double exp_ci_upper = missing_value;
};

/// \brief The coefficient of `term`. \throws argument_error listing the terms on a miss.
[[nodiscard]] const coefficient& find_coefficient(std::span<const coefficient> coefficients, std::string_view term);

}  // namespace socialcure

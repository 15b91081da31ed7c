#pragma once
/// \file
/// \brief E-values (VanderWeele & Ding 2017): how strongly an unmeasured confounder would have to
/// be associated, on the risk-ratio scale, with both the exposure and the outcome (conditional on
/// the measured covariates) to explain an observed association away (docs/methods/sensitivity.md).
///
/// For a risk ratio RR >= 1 the E-value is RR + sqrt(RR (RR - 1)); an RR below 1 is first
/// inverted. For the confidence interval only the limit nearer the null counts (the lower limit
/// when RR > 1, the upper when RR < 1); its E-value is 1 when the interval includes the null.
/// With a non-null `true_value` the same is done for RR / true_value. Other measures are first
/// turned into an approximate risk ratio, as the R package EValue does:
/// - a rate ratio is used as a risk ratio;
/// - an odds ratio is used as it is when the outcome is rare (below about 15% at the end of
///   follow-up), and as sqrt(OR) when it is common (VanderWeele 2017), limits likewise;
/// - a standardized difference d (the mean difference in SDs of the outcome, SE s) becomes
///   RR = exp(0.91 d) with limits exp(0.91 d -/+ 1.78 s) (VanderWeele & Ding 2017; EValue's
///   `evalues.MD`, whose interval uses 1.78 at any level); a regression coefficient b of a
///   continuous outcome with SE se becomes d = b delta / SD(Y), s = se delta / SD(Y) for a
///   contrast of delta units of X (EValue's `evalues.OLS`).

#include <string>
#include <string_view>
#include <vector>

#include "socialcure/core/missing.hpp"
#include "socialcure/models/glm.hpp"
#include "socialcure/models/ols.hpp"

namespace socialcure {

/// \brief The measure an E-value was computed from.
enum class evalue_measure { risk_ratio, rate_ratio, odds_ratio_rare, odds_ratio_common, standardized_difference };

/// \brief "risk_ratio", "rate_ratio", "odds_ratio_rare", "odds_ratio_common", "standardized_difference".
[[nodiscard]] std::string_view to_string(evalue_measure measure) noexcept;

/// \brief Which confidence limit the CI's E-value is for.
enum class evalue_limit {
  lower,          ///< estimate above the null: the lower limit
  upper,          ///< estimate below the null: the upper limit
  includes_null,  ///< the interval includes the null: E-value 1
  none,           ///< no interval given (or the estimate is the null)
};

/// \brief "lower", "upper", "includes_null", "none".
[[nodiscard]] std::string_view to_string(evalue_limit limit) noexcept;

/// \brief An E-value for an estimate and its confidence interval.
struct evalue_result {
  evalue_measure measure = evalue_measure::risk_ratio;
  double estimate = missing_value;  ///< as given, on its own scale (a ratio, or d)
  double ci_lower = missing_value;  ///< as given (standardized difference: d -/+ (1.78 / 0.91) se)
  double ci_upper = missing_value;
  double true_value = 1.0;          ///< the value to be shifted to, on the risk-ratio scale
  double rr_estimate = missing_value;  ///< the (approximate) risk ratio the E-value is computed from
  double rr_ci_lower = missing_value;
  double rr_ci_upper = missing_value;
  double evalue_estimate = missing_value;  ///< E-value of the estimate (1 at the null)
  double evalue_ci = missing_value;        ///< E-value of the limit nearer the null (missing without a CI)
  evalue_limit limit = evalue_limit::none;
};

/// \brief The E-value of a risk ratio `rr` (> 0) for shifting it to `true_rr` (> 0): with
/// r = rr / true_rr oriented to be >= 1, r + sqrt(r (r - 1)). \throws argument_error on a value
/// that is not positive and finite.
[[nodiscard]] double evalue_of_ratio(double rr, double true_rr = 1.0);

/// \brief E-values of a risk ratio with its CI (limits may be missing: then no CI E-value).
/// `measure` is risk_ratio or rate_ratio (a rate ratio is treated as a risk ratio).
/// \throws argument_error on a ratio that is not positive, limits that do not bracket the
/// estimate, or another measure.
[[nodiscard]] evalue_result evalue_risk_ratio(double rr, double ci_lower = missing_value, double ci_upper = missing_value,
                                              double true_rr = 1.0, evalue_measure measure = evalue_measure::risk_ratio);

/// \brief E-values of an odds ratio: as a risk ratio when `rare_outcome`, else through sqrt(OR)
/// (the estimate, the limits and `true_or`).
[[nodiscard]] evalue_result evalue_odds_ratio(double odds_ratio, double ci_lower, double ci_upper, bool rare_outcome,
                                              double true_or = 1.0);

/// \brief E-values of a standardized difference `d` with standard error `se` (may be missing: no CI
/// E-value), RR = exp(0.91 d), limits exp(0.91 d -/+ 1.78 se); `true_d` shifts to exp(0.91 true_d).
/// \throws argument_error on a d that is not finite or a negative se.
[[nodiscard]] evalue_result evalue_standardized_difference(double d, double se, double true_d = 0.0);

/// \brief E-values of a regression coefficient `b` (SE `se`) of a continuous outcome whose SD is
/// `sd_y`, for a contrast of `delta` units of X: evalue_standardized_difference(b delta / sd_y,
/// se |delta| / sd_y). \throws argument_error on an sd_y or delta that is not positive and finite.
[[nodiscard]] evalue_result evalue_ols_coefficient(double b, double se, double sd_y, double delta = 1.0);

/// \brief The E-values of one regression coefficient.
struct coefficient_evalue {
  std::string term;
  evalue_result evalue;
};

/// \brief E-values of the coefficients of a GLM (the intercept and aliased terms left out): the
/// exponentiated coefficient and its Wald interval as a rate ratio (Poisson, negative binomial) or
/// an odds ratio (binomial; `rare_outcome` chooses the conversion), per unit of each predictor.
[[nodiscard]] std::vector<coefficient_evalue> regression_evalues(const glm_result& fit, bool rare_outcome);

/// \brief E-values of the coefficients of an OLS fit (the intercept and aliased terms left out) as
/// standardized differences per unit of each predictor: d = b / sd_y, SE se / sd_y
/// (evalue_ols_coefficient with delta = 1).
[[nodiscard]] std::vector<coefficient_evalue> regression_evalues(const ols_result& fit, double sd_y);

}  // namespace socialcure

#include "socialcure/analyses/evalues.hpp"

#include <cmath>
#include <string>

#include "socialcure/core/error.hpp"
#include "socialcure/core/number.hpp"

namespace socialcure {

namespace {

// EValue's constants for a standardized difference: log(OR) ~= 1.81 d and sqrt(OR) ~= RR give
// log(RR) ~= 0.91 d; the interval's 1.78 is 0.91 times 1.96 (rounded as in the package).
constexpr double d_to_log_rr = 0.91;
constexpr double d_se_multiplier = 1.78;

bool positive_finite(double v) { return std::isfinite(v) && v > 0.0; }

void check_ratio(double v, const char* what) {
  if (!positive_finite(v)) {
    throw argument_error(std::string("E-value: the ") + what + " " + format_number(v) +
                         " is not a positive, finite ratio");
  }
}

// The limits present must be positive and on either side of the estimate.
void check_limits(double estimate, double lower, double upper) {
  if (!is_missing(lower)) check_ratio(lower, "lower confidence limit");
  if (!is_missing(upper)) check_ratio(upper, "upper confidence limit");
  if ((!is_missing(lower) && lower > estimate) || (!is_missing(upper) && upper < estimate)) {
    throw argument_error("E-value: the confidence interval [" + format_number(lower) + ", " + format_number(upper) +
                         "] does not contain the estimate " + format_number(estimate));
  }
}

// The E-value of the limit nearer the null (true_rr) and which limit that is.
void ci_evalue(evalue_result& r) {
  const double t = r.true_value;
  if (r.rr_estimate > t && !is_missing(r.rr_ci_lower)) {
    r.limit = r.rr_ci_lower <= t ? evalue_limit::includes_null : evalue_limit::lower;
  } else if (r.rr_estimate < t && !is_missing(r.rr_ci_upper)) {
    r.limit = r.rr_ci_upper >= t ? evalue_limit::includes_null : evalue_limit::upper;
  } else if (r.rr_estimate == t && (!is_missing(r.rr_ci_lower) || !is_missing(r.rr_ci_upper))) {
    r.limit = evalue_limit::includes_null;
  } else {
    r.limit = evalue_limit::none;
    return;
  }
  switch (r.limit) {
    case evalue_limit::lower: r.evalue_ci = evalue_of_ratio(r.rr_ci_lower, t); break;
    case evalue_limit::upper: r.evalue_ci = evalue_of_ratio(r.rr_ci_upper, t); break;
    default: r.evalue_ci = 1.0;
  }
}

evalue_result from_risk_ratios(evalue_measure measure, double rr, double lower, double upper, double true_rr) {
  evalue_result r;
  r.measure = measure;
  r.true_value = true_rr;
  r.rr_estimate = rr;
  r.rr_ci_lower = lower;
  r.rr_ci_upper = upper;
  r.evalue_estimate = evalue_of_ratio(rr, true_rr);
  ci_evalue(r);
  return r;
}

}  // namespace

std::string_view to_string(evalue_measure measure) noexcept {
  switch (measure) {
    case evalue_measure::risk_ratio: return "risk_ratio";
    case evalue_measure::rate_ratio: return "rate_ratio";
    case evalue_measure::odds_ratio_rare: return "odds_ratio_rare";
    case evalue_measure::odds_ratio_common: return "odds_ratio_common";
    case evalue_measure::standardized_difference: return "standardized_difference";
  }
  return "risk_ratio";
}

std::string_view to_string(evalue_limit limit) noexcept {
  switch (limit) {
    case evalue_limit::lower: return "lower";
    case evalue_limit::upper: return "upper";
    case evalue_limit::includes_null: return "includes_null";
    case evalue_limit::none: return "none";
  }
  return "none";
}

double evalue_of_ratio(double rr, double true_rr) {
  check_ratio(rr, "risk ratio");
  check_ratio(true_rr, "true risk ratio");
  double r = rr / true_rr;
  if (r < 1.0) r = 1.0 / r;
  return r + std::sqrt(r * (r - 1.0));
}

evalue_result evalue_risk_ratio(double rr, double ci_lower, double ci_upper, double true_rr, evalue_measure measure) {
  if (measure != evalue_measure::risk_ratio && measure != evalue_measure::rate_ratio) {
    throw argument_error("evalue_risk_ratio: the measure must be risk_ratio or rate_ratio, not " +
                         std::string(to_string(measure)));
  }
  check_ratio(rr, "risk ratio");
  check_limits(rr, ci_lower, ci_upper);
  evalue_result r = from_risk_ratios(measure, rr, ci_lower, ci_upper, true_rr);
  r.estimate = rr;
  r.ci_lower = ci_lower;
  r.ci_upper = ci_upper;
  return r;
}

evalue_result evalue_odds_ratio(double odds_ratio, double ci_lower, double ci_upper, bool rare_outcome, double true_or) {
  check_ratio(odds_ratio, "odds ratio");
  check_ratio(true_or, "true odds ratio");
  check_limits(odds_ratio, ci_lower, ci_upper);
  // sqrt of a missing value stays missing (NaN).
  const auto to_rr = [rare_outcome](double v) { return rare_outcome ? v : std::sqrt(v); };
  evalue_result r = from_risk_ratios(rare_outcome ? evalue_measure::odds_ratio_rare : evalue_measure::odds_ratio_common,
                                     to_rr(odds_ratio), to_rr(ci_lower), to_rr(ci_upper), to_rr(true_or));
  r.estimate = odds_ratio;
  r.ci_lower = ci_lower;
  r.ci_upper = ci_upper;
  return r;
}

evalue_result evalue_standardized_difference(double d, double se, double true_d) {
  if (!std::isfinite(d) || !std::isfinite(true_d)) {
    throw argument_error("E-value: the standardized difference " + format_number(d) + " (true value " +
                         format_number(true_d) + ") is not finite");
  }
  if (!is_missing(se) && !(std::isfinite(se) && se >= 0.0)) {
    throw argument_error("E-value: the standard error " + format_number(se) + " of the standardized difference is not "
                         "a non-negative number");
  }
  const double log_rr = d_to_log_rr * d;
  const double lower = is_missing(se) ? missing_value : std::exp(log_rr - d_se_multiplier * se);
  const double upper = is_missing(se) ? missing_value : std::exp(log_rr + d_se_multiplier * se);
  evalue_result r = from_risk_ratios(evalue_measure::standardized_difference, std::exp(log_rr), lower, upper,
                                     std::exp(d_to_log_rr * true_d));
  r.estimate = d;
  r.ci_lower = is_missing(se) ? missing_value : d - d_se_multiplier / d_to_log_rr * se;
  r.ci_upper = is_missing(se) ? missing_value : d + d_se_multiplier / d_to_log_rr * se;
  return r;
}

std::vector<coefficient_evalue> regression_evalues(const glm_result& fit, bool rare_outcome) {
  std::vector<coefficient_evalue> out;
  for (const auto& c : fit.coefficients) {
    const bool usable = positive_finite(c.exp_estimate) && positive_finite(c.exp_ci_lower) && positive_finite(c.exp_ci_upper);
    if (c.aliased || c.term == "(Intercept)" || !usable) continue;  // e.g. separation: no finite ratio
    out.push_back({c.term, fit.family == glm_family::binomial
                               ? evalue_odds_ratio(c.exp_estimate, c.exp_ci_lower, c.exp_ci_upper, rare_outcome)
                               : evalue_risk_ratio(c.exp_estimate, c.exp_ci_lower, c.exp_ci_upper, 1.0,
                                                   evalue_measure::rate_ratio)});
  }
  return out;
}

std::vector<coefficient_evalue> regression_evalues(const ols_result& fit, double sd_y) {
  std::vector<coefficient_evalue> out;
  for (const auto& c : fit.coefficients) {
    if (c.aliased || c.term == "(Intercept)" || !std::isfinite(c.estimate)) continue;
    out.push_back({c.term, evalue_ols_coefficient(c.estimate, c.se, sd_y)});
  }
  return out;
}

evalue_result evalue_ols_coefficient(double b, double se, double sd_y, double delta) {
  if (!positive_finite(sd_y)) {
    throw argument_error("E-value: the outcome SD " + format_number(sd_y) + " is not positive and finite");
  }
  if (!std::isfinite(delta) || delta == 0.0) {
    throw argument_error("E-value: the contrast delta " + format_number(delta) + " is not a non-zero number");
  }
  return evalue_standardized_difference(b * delta / sd_y, is_missing(se) ? se : se * std::fabs(delta) / sd_y);
}

}  // namespace socialcure

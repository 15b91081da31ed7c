// E-values (include/socialcure/analyses/evalues.hpp).
//
// Reference values: tests/reference/evalues/point.ref.csv from tests/reference/evalues/make_reference.R
// (R 4.2.2; the formulas of VanderWeele & Ding 2017 written out in R independently, with EValue's
// conventions; the OLS case from lm on R's mtcars, data in tests/reference/evalues/mtcars.csv).
// Published values: VanderWeele & Ding (2017), RR 3.9 (1.8, 8.7): E-values 7.26 and 3.0; the
// EValue vignette, RR 10.73 (8.02, 14.36): 20.94777 and 15.52336. Tolerance 1e-12 relative
// against R (closed forms), GLM coefficients 1e-9 (Poisson) and 1e-7 (logistic) as IRLS stopping
// rules differ; the published values to their printed digits.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "reference_values.hpp"
#include "socialcure/analyses/evalues.hpp"
#include "socialcure/analyses/paired_tests.hpp"
#include "socialcure/models/glm.hpp"
#include "socialcure/models/ols.hpp"
#include "socialcure/core/error.hpp"

using namespace socialcure;
using socialcure_test::reference_values;

namespace {

const reference_values& ref() {
  static const reference_values r = reference_values::load("evalues/point.ref.csv");
  return r;
}

void check_against_r(const evalue_result& e, const std::string& analysis) {
  constexpr double tol = 1e-12;
  ref().check(e.rr_estimate, analysis, "rr_estimate", tol);
  if (ref().has(analysis, "rr_ci_lower")) ref().check(e.rr_ci_lower, analysis, "rr_ci_lower", tol);
  if (ref().has(analysis, "rr_ci_upper")) ref().check(e.rr_ci_upper, analysis, "rr_ci_upper", tol);
  ref().check(e.evalue_estimate, analysis, "evalue_estimate", tol);
  if (ref().has(analysis, "evalue_ci")) {
    ref().check(e.evalue_ci, analysis, "evalue_ci", tol);
  } else {
    CHECK(is_missing(e.evalue_ci));
  }
}

}  // namespace

TEST_CASE("evalues: the published examples (VanderWeele & Ding 2017; EValue vignette)") {
  const evalue_result victora = evalue_risk_ratio(3.9, 1.8, 8.7);
  CHECK(victora.evalue_estimate == doctest::Approx(7.26).epsilon(0.001));
  CHECK(victora.evalue_ci == doctest::Approx(3.0).epsilon(1e-12));  // 1.8 + sqrt(1.8 x 0.8) = 3.0 exactly
  CHECK(victora.limit == evalue_limit::lower);
  const evalue_result smoking = evalue_risk_ratio(10.73, 8.02, 14.36);
  CHECK(smoking.evalue_estimate == doctest::Approx(20.94777).epsilon(1e-6));
  CHECK(smoking.evalue_ci == doctest::Approx(15.52336).epsilon(1e-6));
}

TEST_CASE("evalues: risk and rate ratios against R") {
  check_against_r(evalue_risk_ratio(3.9, 1.8, 8.7), "rr_victora");
  check_against_r(evalue_risk_ratio(10.73, 8.02, 14.36), "rr_smoking");
  const evalue_result protective = evalue_risk_ratio(0.8, 0.71, 0.91, 1.0, evalue_measure::rate_ratio);
  check_against_r(protective, "rr_protective");
  CHECK(protective.measure == evalue_measure::rate_ratio);
  CHECK(protective.limit == evalue_limit::upper);
  const evalue_result includes = evalue_risk_ratio(1.3, 0.9, 1.9);
  check_against_r(includes, "rr_includes_null");
  CHECK(includes.evalue_ci == 1.0);
  CHECK(includes.limit == evalue_limit::includes_null);
  check_against_r(evalue_risk_ratio(0.7, 0.45, 1.05), "rr_protective_includes_null");
  const evalue_result no_ci = evalue_risk_ratio(2.0);
  check_against_r(no_ci, "rr_no_ci");
  CHECK(no_ci.limit == evalue_limit::none);
  check_against_r(evalue_risk_ratio(2.5, 1.9, 3.3, 1.5), "rr_true_1.5");
  check_against_r(evalue_risk_ratio(1.2, 1.0, 1.45, 1.5), "rr_true_1.5_away");
}

TEST_CASE("evalues: odds ratios, rare and common outcome, against R") {
  const evalue_result rare = evalue_odds_ratio(2.02, 1.35, 3.02, true);
  check_against_r(rare, "or_rare");
  CHECK(rare.measure == evalue_measure::odds_ratio_rare);
  CHECK(rare.estimate == 2.02);
  const evalue_result common = evalue_odds_ratio(2.02, 1.35, 3.02, false);
  check_against_r(common, "or_common");
  CHECK(common.measure == evalue_measure::odds_ratio_common);
  CHECK(common.rr_estimate == doctest::Approx(std::sqrt(2.02)).epsilon(1e-15));
  check_against_r(evalue_odds_ratio(0.62, 0.48, 0.80, false), "or_common_protective");
  check_against_r(evalue_odds_ratio(1.4, 0.95, 2.06, false), "or_common_includes_null");
}

TEST_CASE("evalues: standardized differences and OLS coefficients against R") {
  check_against_r(evalue_standardized_difference(0.5, 0.1), "md_0.5");
  check_against_r(evalue_standardized_difference(-0.35, 0.12), "md_negative");
  check_against_r(evalue_standardized_difference(0.2, 0.15), "md_includes_null");
  const double b = ref()("ols_mtcars", "b");
  const double se = ref()("ols_mtcars", "se");
  const double sd_y = ref()("ols_mtcars", "sd_y");
  check_against_r(evalue_ols_coefficient(b, se, sd_y), "ols_mtcars_delta1");
  check_against_r(evalue_ols_coefficient(b, se, sd_y, 0.5), "ols_mtcars_delta0.5");
  const evalue_result no_se = evalue_standardized_difference(0.5, missing_value);
  CHECK(no_se.evalue_estimate == doctest::Approx(ref()("md_0.5", "evalue_estimate")).epsilon(1e-12));
  CHECK(is_missing(no_se.evalue_ci));
}

TEST_CASE("evalues: the null and symmetry") {
  CHECK(evalue_of_ratio(1.0) == 1.0);
  CHECK(evalue_of_ratio(2.0) == doctest::Approx(evalue_of_ratio(0.5)).epsilon(1e-15));
  const evalue_result null = evalue_risk_ratio(1.0, 0.8, 1.25);
  CHECK(null.evalue_estimate == 1.0);
  CHECK(null.evalue_ci == 1.0);
  CHECK(null.limit == evalue_limit::includes_null);
  CHECK(evalue_standardized_difference(0.0, 0.1).evalue_estimate == 1.0);
}

TEST_CASE("evalues: bad input is an argument_error") {
  CHECK_THROWS_AS((void)evalue_of_ratio(0.0), argument_error);
  CHECK_THROWS_AS((void)evalue_of_ratio(-1.0), argument_error);
  CHECK_THROWS_AS((void)evalue_risk_ratio(missing_value), argument_error);
  CHECK_THROWS_WITH_AS((void)evalue_risk_ratio(2.0, 2.5, 3.0), doctest::Contains("does not contain the estimate 2"),
                       argument_error);
  CHECK_THROWS_AS((void)evalue_risk_ratio(2.0, -1.0, 3.0), argument_error);
  CHECK_THROWS_AS((void)evalue_risk_ratio(2.0, 1.0, 3.0, 1.0, evalue_measure::odds_ratio_rare), argument_error);
  CHECK_THROWS_AS((void)evalue_odds_ratio(0.0, missing_value, missing_value, true), argument_error);
  CHECK_THROWS_AS((void)evalue_standardized_difference(std::nan(""), 0.1), argument_error);
  CHECK_THROWS_AS((void)evalue_standardized_difference(0.3, -0.1), argument_error);
  CHECK_THROWS_AS((void)evalue_ols_coefficient(1.0, 0.1, 0.0), argument_error);
  CHECK_THROWS_AS((void)evalue_ols_coefficient(1.0, 0.1, 2.0, 0.0), argument_error);
}

TEST_CASE("evalues: regression coefficients of GLM and OLS fits (mtcars) against R") {
  const socialcure::table t = socialcure_test::reference_data("evalues/mtcars.csv");
  model_spec spec;
  spec.response = "carb";
  spec.predictors = {"wt"};
  glm_options o;
  o.family = glm_family::poisson;
  const auto poisson = regression_evalues(fit_glm(t, spec, o), true);
  REQUIRE(poisson.size() == 1);  // the intercept has none
  CHECK(poisson[0].term == "wt");
  CHECK(poisson[0].evalue.measure == evalue_measure::rate_ratio);
  // IRLS stopping rules differ (R's glm run with epsilon 1e-15): 1e-9 relative.
  ref().check(poisson[0].evalue.evalue_estimate, "glm_poisson_wt", "evalue_estimate", 1e-9);
  ref().check(poisson[0].evalue.evalue_ci, "glm_poisson_wt", "evalue_ci", 1e-9);
  spec.response = "am";
  o.family = glm_family::binomial;
  const auto logit = regression_evalues(fit_glm(t, spec, o), false);
  REQUIRE(logit.size() == 1);
  CHECK(logit[0].evalue.measure == evalue_measure::odds_ratio_common);
  // Logistic: R's deviance rule leaves the SE 1e-8 from the converged one (1e-7 relative).
  ref().check(logit[0].evalue.rr_estimate, "glm_logit_wt", "rr_estimate", 1e-7);
  ref().check(logit[0].evalue.evalue_estimate, "glm_logit_wt", "evalue_estimate", 1e-7);
  ref().check(logit[0].evalue.evalue_ci, "glm_logit_wt", "evalue_ci", 1e-7);
  spec.response = "mpg";
  spec.predictors = {"wt", "hp"};
  const auto ols = regression_evalues(fit_ols(t, spec), ref()("ols_mtcars", "sd_y"));
  REQUIRE(ols.size() == 2);
  ref().check(ols[0].evalue.evalue_estimate, "ols_mtcars_delta1", "evalue_estimate", 1e-10);
  ref().check(ols[0].evalue.evalue_ci, "ols_mtcars_delta1", "evalue_ci", 1e-10);
}

TEST_CASE("evalues: the paired rate ratio carries its E-values (R)") {
  const auto pairs = socialcure_test::load_change_pairs("synthetic_gp");
  const rate_ratio_result r = paired_rate_ratio(pairs.pre, pairs.post);
  REQUIRE(r.evalue.has_value());
  CHECK(r.evalue->limit == evalue_limit::upper);
  ref().check(r.evalue->evalue_estimate, "paired_irr_gp", "evalue_estimate", 1e-12);
  ref().check(r.evalue->evalue_ci, "paired_irr_gp", "evalue_ci", 1e-12);
}

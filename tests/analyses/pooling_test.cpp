// Rubin's rules pooling (include/socialcure/analyses/pooling.hpp).
//
// Reference values: tests/reference/pooling/pool.ref.csv from tests/reference/pooling/make_reference.R
// (R 4.2.2, mice 3.15.0): mice imputes nhanes m = 5 times; lm(chl ~ age + bmi), a Poisson glm of chl
// and a logistic glm of hyp - 1 on age and bmi in every imputation, pooled by mice::pool (rule
// "rubin1987"): pool(fit)$pooled and summary(pool(fit), conf.int = TRUE). Two kinds of check:
// (1) pool_estimates fed R's own per-imputation estimates and SEs: 1e-10 relative (closed forms,
//     t quantiles and tails from Boost against R's);
// (2) the whole chain (the long file split, our own OLS and GLM fits, pooled): 1e-8 relative, the
//     issue's requirement (R's GLMs converged to epsilon 1e-15 and refitted from the converged
//     coefficients, so that their covariance uses the weights at the estimate). Measured: largest
//     relative error 1.1e-13 over 252 comparisons.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "reference_values.hpp"
#include "socialcure/analyses/pooling.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/data/csv.hpp"
#include "socialcure/data/imputations.hpp"
#include "socialcure/models/glm.hpp"
#include "socialcure/models/ols.hpp"

using namespace socialcure;
using socialcure_test::reference_values;

namespace {

const reference_values& ref() {
  static const reference_values r = reference_values::load("pooling/pool.ref.csv");
  return r;
}

const std::vector<std::string> terms = {"(Intercept)", "age", "bmi"};

// R's per-imputation estimates and SEs of `model`.
std::vector<imputation_estimates> r_fits(const std::string& model) {
  std::vector<imputation_estimates> out;
  for (std::size_t i = 1; i <= ref().count(model, "m"); ++i) {
    std::vector<double> est;
    std::vector<double> se;
    for (const auto& term : terms) {
      est.push_back(ref()(model, term + ":imp" + std::to_string(i) + "_estimate"));
      se.push_back(ref()(model, term + ":imp" + std::to_string(i) + "_se"));
    }
    out.push_back(estimates_from_se(terms, est, se));
  }
  return out;
}

void check_pooled(const pooling_result& ours, const std::string& model, double tol) {
  CHECK(ours.m == ref().count(model, "m"));
  for (const auto& term : terms) {
    const pooled_estimate& e = ours.at(term);
    const std::string k = term + ":";
    ref().check(e.estimate, model, k + "estimate", tol);
    ref().check(e.within, model, k + "ubar", tol);
    ref().check(e.between, model, k + "b", tol);
    ref().check(e.total, model, k + "t", tol);
    ref().check(e.df, model, k + "df", tol);
    ref().check(e.riv, model, k + "riv", tol);
    ref().check(e.lambda, model, k + "lambda", tol);
    ref().check(e.fmi, model, k + "fmi", tol);
    ref().check(e.se, model, k + "se", tol);
    ref().check(e.statistic, model, k + "statistic", tol);
    ref().check(e.p, model, k + "p", tol);
    ref().check(e.ci_lower, model, k + "ci_lower", tol);
    ref().check(e.ci_upper, model, k + "ci_upper", tol);
  }
}

pooling_options options_for(const std::string& model) {
  pooling_options o;
  o.df_complete = ref()(model, "bmi:dfcom");
  return o;
}

imputation_split nhanes() {
  return split_imputations(socialcure_test::reference_data("pooling/data/nhanes_long.csv"), ".imp");
}

model_spec spec_of(const std::string& y) {
  model_spec spec;
  spec.response = y;
  spec.predictors = {"age", "bmi"};
  return spec;
}

// Our fits of every imputation, pooled with the first fit's residual df (as mice).
template <class Fit>
pooling_result pool_fits(const std::vector<Fit>& fits) {
  std::vector<imputation_estimates> est;
  for (const auto& f : fits) est.push_back(estimates_of(f));
  pooling_options o;
  o.df_complete = fits.front().df_residual;
  return pool_estimates(est, o);
}

}  // namespace

TEST_CASE("pooling: Rubin's rules on R's per-imputation estimates match mice::pool") {
  for (const std::string model : {"lm", "poisson", "binomial"}) {
    CAPTURE(model);
    check_pooled(pool_estimates(r_fits(model), options_for(model)), model, 1e-10);
  }
}

TEST_CASE("pooling: OLS in every imputation of the long file, pooled, matches mice::pool to 1e-8") {
  std::vector<ols_result> fits;
  for (const auto& t : nhanes().imputations) fits.push_back(fit_ols(t, spec_of("chl")));
  CHECK(fits.front().df_residual == doctest::Approx(ref()("lm", "bmi:dfcom")));
  check_pooled(pool_fits(fits), "lm", 1e-8);
}

TEST_CASE("pooling: Poisson and logistic GLMs per imputation, pooled, match mice::pool to 1e-8") {
  glm_options poisson;
  poisson.family = glm_family::poisson;
  std::vector<glm_result> counts;
  std::vector<glm_result> binary;
  glm_options logit;
  logit.family = glm_family::binomial;
  for (auto t : nhanes().imputations) {
    counts.push_back(fit_glm(t, spec_of("chl"), poisson));
    std::vector<double> hyp(t.numeric("hyp").begin(), t.numeric("hyp").end());
    for (auto& v : hyp) v -= 1.0;
    t.add(column("hyp01", std::move(hyp)));
    binary.push_back(fit_glm(t, spec_of("hyp01"), logit));
  }
  check_pooled(pool_fits(counts), "poisson", 1e-8);
  check_pooled(pool_fits(binary), "binomial", 1e-8);
}

TEST_CASE("pooling: identical imputations give no between variance and the floored df") {
  const std::vector<double> est = {1.0, 2.0};
  const std::vector<double> se = {0.5, 0.25};
  const std::vector<imputation_estimates> same(3, estimates_from_se({"a", "b"}, est, se));
  pooling_options o;
  o.df_complete = 50;
  const pooling_result r = pool_estimates(same, o);
  CHECK(r.at("a").between == 0.0);
  CHECK(r.at("a").riv == 0.0);
  CHECK(r.at("a").lambda == 0.0);
  CHECK(r.at("a").se == doctest::Approx(0.5));
  // nu_old = 2 / 1e-8, nu_obs = 51/53 * 50: nu close to nu_obs.
  const double nu_old = 2.0 / 1e-8;
  const double nu_obs = 51.0 / 53.0 * 50.0;
  CHECK(r.at("a").df == doctest::Approx(nu_old * nu_obs / (nu_old + nu_obs)).epsilon(1e-14));
  CHECK(r.at("b").fmi == doctest::Approx(2.0 / (r.at("b").df + 3.0)).epsilon(1e-14));
  o.df_complete = std::numeric_limits<double>::infinity();
  CHECK(pool_estimates(same, o).at("a").df == doctest::Approx(nu_old));
  // The total covariance is the mean covariance here.
  CHECK(r.total_covariance(1, 1) == doctest::Approx(0.0625));
}

TEST_CASE("pooling: bad input is refused with what is wrong") {
  const std::vector<double> est = {1.0, 2.0};
  const std::vector<double> se = {0.5, 0.25};
  const auto one = estimates_from_se({"a", "b"}, est, se);
  const std::vector<imputation_estimates> single = {one};
  CHECK_THROWS_WITH_AS(static_cast<void>(pool_estimates(single)), doctest::Contains("at least 2 imputations"),
                       argument_error);
  std::vector<imputation_estimates> renamed = {one, estimates_from_se({"a", "c"}, est, se)};
  CHECK_THROWS_WITH_AS(static_cast<void>(pool_estimates(renamed)), doctest::Contains("'b' in imputation 1 but 'c'"),
                       argument_error);
  const std::vector<double> shorter_est = {1.0};
  const std::vector<double> shorter_se = {0.5};
  std::vector<imputation_estimates> shorter = {one, estimates_from_se({"a"}, shorter_est, shorter_se)};
  CHECK_THROWS_WITH_AS(static_cast<void>(pool_estimates(shorter)), doctest::Contains("'(none)' in imputation 2"),
                       argument_error);
  const std::vector<double> nan_est = {1.0, std::nan("")};
  std::vector<imputation_estimates> nan = {one, estimates_from_se({"a", "b"}, nan_est, se)};
  CHECK_THROWS_WITH_AS(static_cast<void>(pool_estimates(nan)), doctest::Contains("imputation 2, term 'b'"),
                       argument_error);
  CHECK_THROWS_AS(static_cast<void>(estimates_from_se({"a"}, est, se)), argument_error);
  pooling_options o;
  o.df_complete = 0;
  const std::vector<imputation_estimates> two = {one, one};
  CHECK_THROWS_AS(static_cast<void>(pool_estimates(two, o)), argument_error);
  o.df_complete = 10;
  o.level = 1.5;
  CHECK_THROWS_AS(static_cast<void>(pool_estimates(two, o)), argument_error);
}

TEST_CASE("pooling: mean change and d_z per imputation, pooled, match mice::pool.scalar") {
  const auto data = split_imputations(socialcure_test::reference_data("pooling/data/panel_long.csv"), ".imp");
  const pooled_change ours = pool_change(data, "ucla_t0", "ucla_t1");
  CHECK(ours.n == ref().count("change", "n"));
  CHECK(ours.pooled.m == ref().count("change", "m"));
  CHECK(ours.pooled.df_complete == doctest::Approx(ref()("change", "n") - 1.0));
  for (const std::string term : {"mean_change", "d_z"}) {
    CAPTURE(term);
    const pooled_estimate& e = ours.pooled.at(term);
    const std::string k = term + ":";
    ref().check(e.estimate, "change", k + "estimate", 1e-12);
    ref().check(e.within, "change", k + "ubar", 1e-12);
    ref().check(e.between, "change", k + "b", 1e-10);
    ref().check(e.total, "change", k + "t", 1e-10);
    ref().check(e.df, "change", k + "df", 1e-10);
    ref().check(e.riv, "change", k + "riv", 1e-10);
    ref().check(e.fmi, "change", k + "fmi", 1e-10);
    ref().check(e.ci_lower, "change", k + "ci_lower", 1e-10);
    ref().check(e.ci_upper, "change", k + "ci_upper", 1e-10);
  }
  CHECK_THROWS_AS(static_cast<void>(pool_change(data, "ucla_t0", "nope")), argument_error);
}

TEST_CASE("pooling: a term aliased in one imputation only is an error naming it") {
  // In imputation 2, x2 = 2 x: dropped there (rank_policy::drop), kept in imputation 1.
  const std::string text = ".imp,y,x,x2\n1,1,1,3\n1,3,2,1\n1,2,3,7\n1,5,4,2\n1,4,5,8\n"
                           "2,1,1,2\n2,3,2,4\n2,2,3,6\n2,5,4,8\n2,4,5,10\n";
  const auto data = split_imputations(parse_csv(text, "long.csv"), ".imp");
  model_spec spec;
  spec.response = "y";
  spec.predictors = {"x", "x2"};
  ols_options options;
  options.on_rank_deficiency = rank_policy::drop;
  CHECK_THROWS_WITH_AS(static_cast<void>(pool_ols(data, spec, options)),
                       doctest::Contains("'x2' in imputation 1 but '(none)' in imputation 2"), argument_error);
}

// Tests of include/socialcure/models/glm.hpp: the data errors (with the line named), rank
// deficiency, and small cases with closed-form maximum likelihood estimates (intercept-only
// Poisson and negative binomial, Poisson rates with an exposure offset, the 2x2 table of a
// logistic regression). Agreement with R on real data is in regression_reference_test.cpp.
#include "socialcure/models/glm.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "socialcure/core/error.hpp"
#include "socialcure/data/csv.hpp"

#include "support.hpp"

using socialcure::argument_error;
using socialcure::column;
using socialcure::data_error;
using socialcure::fit_glm;
using socialcure::glm_family;
using socialcure::glm_link;
using socialcure::is_missing;
using socialcure::link_name;
using socialcure::parse_glm_link;
using socialcure::glm_options;
using socialcure::glm_result;
using socialcure::model_spec;
using socialcure::parse_csv;
using socialcure::rank_policy;
using socialcure::table;

using namespace socialcure_test;

namespace {

model_spec make_spec(std::vector<std::string> x, std::string offset = {}, bool intercept = true) {
  model_spec s;
  s.response = "y";
  s.predictors = std::move(x);
  s.offset = std::move(offset);
  s.intercept = intercept;
  return s;
}

glm_options options_for(glm_family family, rank_policy policy = rank_policy::error) {
  glm_options o;
  o.family = family;
  o.on_rank_deficiency = policy;
  return o;
}

glm_result fit_csv(const std::string& csv, const model_spec& spec, glm_family family,
                   rank_policy policy = rank_policy::error) {
  return fit_glm(parse_csv(csv, "glm.csv"), spec, options_for(family, policy));
}

table numeric_table(const std::string& source, const std::vector<std::pair<std::string, std::vector<double>>>& cols) {
  table t(source);
  for (const auto& [name, values] : cols) t.add(column(name, values));
  return t;
}

// Standard normal quantile 0.975 from a table.
constexpr double z975 = 1.959963984540054;

// Two-sided normal p-value, 2 (1 - Phi(|z|)) = erfc(|z| / sqrt(2)).
double normal_two_sided_p(double z) { return std::erfc(std::fabs(z) / std::sqrt(2.0)); }

}  // namespace

// ---------------------------------------------------------------------------------------------
// Outcome errors: data_error naming file, line, column and value.
// ---------------------------------------------------------------------------------------------

TEST_CASE("glm: a non-integer count is a data_error naming file, line and value") {
  // Line 3 is excluded (missing x) so the bad value on line 5 is case 3 of the frame: the line
  // must be the source line, not the case number.
  const std::string csv = "y,x\n1,1\n4,NA\n0,2\n2.5,3\n3,4\n";
  for (glm_family family : {glm_family::poisson, glm_family::negative_binomial}) {
    CAPTURE(socialcure::to_string(family));
    try {
      (void)fit_glm(parse_csv(csv, "counts.csv"), make_spec({"x"}), options_for(family));
      FAIL_CHECK("no exception");
    } catch (const data_error& e) {
      const std::string m = e.what();
      CHECK(contains(m, "counts.csv:5"));
      CHECK(contains(m, "2.5"));
      CHECK(contains(m, "'y'"));
      CHECK(e.where().file == "counts.csv");
      CHECK(e.where().line == 5);
      CHECK(e.where().column == "y");
      CHECK(e.value() == "2.5");
    }
  }
}

TEST_CASE("glm: a negative count is a data_error naming file, line and value") {
  const std::string csv = "y,x\n1,1\n0,2\n-1,3\n3,4\n";
  for (glm_family family : {glm_family::poisson, glm_family::negative_binomial}) {
    CAPTURE(socialcure::to_string(family));
    const std::string m =
        message_of<data_error>([&] { (void)fit_glm(parse_csv(csv, "neg.csv"), make_spec({"x"}), options_for(family)); });
    CHECK(contains(m, "neg.csv:4"));
    CHECK(contains(m, "\"-1\""));
  }
}

TEST_CASE("glm: a binary outcome of 2 is a data_error naming file, line and value") {
  const std::string m = message_of<data_error>([] {
    (void)fit_glm(parse_csv("y,x\n0,1\n1,2\n2,3\n0,4\n", "bin.csv"), make_spec({"x"}),
                  options_for(glm_family::binomial));
  });
  CHECK(contains(m, "bin.csv:4"));
  CHECK(contains(m, "\"2\""));
  CHECK(contains(m, "0 or 1"));
  // 0.5 is not a binary outcome either.
  CHECK_THROWS_AS((void)fit_csv("y,x\n0,1\n1,2\n0.5,3\n0,4\n", make_spec({"x"}), glm_family::binomial), data_error);
}

TEST_CASE("glm: an outcome without variation is a data_error") {
  CHECK(contains(message_of<data_error>([] {
                   (void)fit_csv("y,x\n0,1\n0,2\n0,3\n0,4\n", make_spec({"x"}), glm_family::poisson);
                 }),
                 "zero"));
  CHECK_THROWS_AS((void)fit_csv("y,x\n0,1\n0,2\n0,3\n0,4\n", make_spec({"x"}), glm_family::negative_binomial),
                  data_error);
  CHECK(contains(message_of<data_error>([] {
                   (void)fit_csv("y,x\n1,1\n1,2\n1,3\n1,4\n", make_spec({"x"}), glm_family::binomial);
                 }),
                 "one value"));
  CHECK_THROWS_AS((void)fit_csv("y,x\n0,1\n0,2\n0,3\n0,4\n", make_spec({"x"}), glm_family::binomial), data_error);
}

TEST_CASE("glm: complete separation is a data_error that says so") {
  // y = 1 exactly when x > 0: the MLE of the slope is infinite.
  const std::string csv = "y,x\n0,-3\n0,-2\n0,-1\n1,1\n1,2\n1,3\n0,-0.5\n1,0.5\n";
  const std::string m = message_of<data_error>([&] { (void)fit_csv(csv, make_spec({"x"}), glm_family::binomial); });
  CHECK(contains(m, "separat"));
}

TEST_CASE("glm: a probit link is for binomial outcomes; its separation and exp columns") {
  glm_options o = options_for(glm_family::poisson);
  o.link = glm_link::probit;
  CHECK_THROWS_WITH_AS(o.validate(), doctest::Contains("probit link is for a binomial outcome"), argument_error);
  CHECK(parse_glm_link("Probit") == glm_link::probit);
  CHECK_THROWS_AS((void)parse_glm_link("cloglog"), argument_error);
  CHECK(link_name(glm_family::negative_binomial, glm_link::probit) == "log");
  o.family = glm_family::binomial;
  const std::string separated = "y,x\n0,-3\n0,-2\n0,-1\n1,1\n1,2\n1,3\n0,-0.5\n1,0.5\n";
  CHECK(contains(message_of<data_error>([&] { (void)fit_glm(parse_csv(separated, "p.csv"), make_spec({"x"}), o); }),
                 "separat"));
  const glm_result fit = fit_glm(parse_csv("y,x\n0,1\n1,2\n0,3\n1,4\n1,5\n0,6\n1,7\n", "p.csv"), make_spec({"x"}), o);
  CHECK(fit.link == glm_link::probit);
  CHECK(is_missing(fit.coefficients[1].exp_estimate));  // a probit coefficient is no odds ratio
}

TEST_CASE("glm: quasi-complete separation is a data_error that says so") {
  // y = 0 for x < 0, y = 1 for x > 0, both outcomes at x = 0.
  const std::string csv = "y,x\n0,-2\n0,-1\n0,0\n1,0\n1,1\n1,2\n";
  const std::string m = message_of<data_error>([&] { (void)fit_csv(csv, make_spec({"x"}), glm_family::binomial); });
  CHECK(contains(m, "separat"));
}

TEST_CASE("glm: negative binomial without overdispersion is a data_error pointing to Poisson") {
  // y alternates 2, 3: variance 0.25 * 10/9 < mean 2.5, so theta has no finite MLE.
  const std::string csv = "y,x\n2,1\n3,2\n2,3\n3,4\n2,5\n3,6\n2,7\n3,8\n2,9\n3,10\n";
  const std::string m =
      message_of<data_error>([&] { (void)fit_csv(csv, make_spec({"x"}), glm_family::negative_binomial); });
  CHECK(contains(m, "Poisson"));
  // The same data fit as Poisson.
  CHECK_NOTHROW((void)fit_csv(csv, make_spec({"x"}), glm_family::poisson));
}

// ---------------------------------------------------------------------------------------------
// Rank deficiency.
// ---------------------------------------------------------------------------------------------

TEST_CASE("glm: rank deficiency is a data_error unless rank_policy::drop") {
  // x2 = 2 * x1 + 3.
  const std::string pois = "y,x1,x2\n2,1,5\n3,2,7\n2,3,9\n5,4,11\n2,5,13\n3,6,15\n7,7,17\n";
  const std::string bin = "y,x1,x2\n0,1,5\n1,2,7\n0,3,9\n1,4,11\n0,5,13\n1,6,15\n1,7,17\n0,8,19\n";
  const std::pair<glm_family, const std::string*> cases[] = {{glm_family::poisson, &pois}, {glm_family::binomial, &bin}};
  for (const auto& [family, csv] : cases) {
    CAPTURE(socialcure::to_string(family));
    const std::string m = message_of<data_error>([&] { (void)fit_csv(*csv, make_spec({"x1", "x2"}), family); });
    CHECK(contains(m, "'x2'"));
    CHECK(contains(m, "rank deficient"));

    const glm_result with = fit_csv(*csv, make_spec({"x1", "x2"}), family, rank_policy::drop);
    const glm_result without = fit_csv(*csv, make_spec({"x1"}), family);
    CHECK(join(with.aliased_terms) == "x2");
    CHECK(with.at("x2").aliased);
    CHECK(std::isnan(with.at("x2").estimate));
    CHECK(std::isnan(with.at("x2").se));
    CHECK(with.rank == 2);
    CHECK(with.df_residual == without.df_residual);
    for (const char* term : {"(Intercept)", "x1"}) {
      const std::string name = term;
      CAPTURE(name);
      CHECK(with.at(term).estimate == approx(without.at(term).estimate, 1e-9));
      CHECK(with.at(term).se == approx(without.at(term).se, 1e-9));
    }
    CHECK(with.deviance == approx(without.deviance, 1e-9));
    CHECK(with.aic == approx(without.aic, 1e-9));
  }
}

TEST_CASE("glm: negative binomial rank deficiency under both policies") {
  // Overdispersed counts; x2 = 2 * x1 + 3.
  const std::string csv =
      "y,x1,x2\n0,1,5\n7,2,7\n1,3,9\n0,4,11\n12,5,13\n2,6,15\n0,7,17\n25,8,19\n3,9,21\n1,10,23\n9,11,25\n0,12,27\n";
  const std::string m =
      message_of<data_error>([&] { (void)fit_csv(csv, make_spec({"x1", "x2"}), glm_family::negative_binomial); });
  CHECK(contains(m, "'x2'"));
  const glm_result with = fit_csv(csv, make_spec({"x1", "x2"}), glm_family::negative_binomial, rank_policy::drop);
  const glm_result without = fit_csv(csv, make_spec({"x1"}), glm_family::negative_binomial);
  CHECK(join(with.aliased_terms) == "x2");
  CHECK(with.theta == approx(without.theta, 1e-8));
  CHECK(with.at("x1").estimate == approx(without.at("x1").estimate, 1e-8));
  CHECK(with.at("(Intercept)").estimate == approx(without.at("(Intercept)").estimate, 1e-8));
}

TEST_CASE("glm: dummies that sum to the intercept alias the last dummy, not the intercept") {
  // d1 + d2 = 1. As R's glm(y ~ d1 + d2, poisson): d2 aliased; intercept = log(mean y | d2 = 1)
  // = log((4 + 6 + 8)/3) = log 6, d1 = log(mean y | d1 = 1) - log 6 = log(3/6) (y = 1, 3, 5).
  const std::string csv = "y,d1,d2\n1,1,0\n4,0,1\n3,1,0\n6,0,1\n5,1,0\n8,0,1\n";
  const glm_result fit = fit_csv(csv, make_spec({"d1", "d2"}), glm_family::poisson, rank_policy::drop);
  CHECK(join(fit.aliased_terms) == "d2");
  CHECK_FALSE(fit.at("(Intercept)").aliased);
  CHECK(fit.at("(Intercept)").estimate == approx(std::log(6.0), 1e-9));
  CHECK(fit.at("d1").estimate == approx(std::log(0.5), 1e-9));
}

// ---------------------------------------------------------------------------------------------
// Closed-form maximum likelihood.
// ---------------------------------------------------------------------------------------------

TEST_CASE("glm: Poisson with an intercept only estimates log(mean y)") {
  // y = 0, 1, 3, 2, 4: mean 2, so b0 = log 2; information sum(mu) = 10, SE = 1/sqrt(10).
  // Deviance 2 sum(y log(y/2)) - 2 sum(y - 2) = 2 (log 0.5 + 3 log 1.5 + 0 + 4 log 2) (0 log 0 = 0).
  // Log-likelihood sum(y log 2 - 2 - log y!) = 10 log 2 - 10 - log(1! 3! 2! 4!) = 10 log 2 - 10 - log 288.
  glm_options keep_fitted = options_for(glm_family::poisson);
  keep_fitted.diagnostics = true;
  const glm_result fit = fit_glm(parse_csv("y\n0\n1\n3\n2\n4\n", "glm.csv"), make_spec({}), keep_fitted);
  const auto& b0 = fit.at("(Intercept)");
  CHECK(b0.estimate == approx(std::log(2.0), 1e-10));
  CHECK(b0.exp_estimate == approx(2.0, 1e-10));
  CHECK(b0.se == approx(1.0 / std::sqrt(10.0), 1e-9));
  CHECK(b0.statistic == approx(std::log(2.0) * std::sqrt(10.0), 1e-9));
  CHECK(b0.p == approx(normal_two_sided_p(std::log(2.0) * std::sqrt(10.0)), 1e-8));
  const double deviance = 2.0 * (std::log(0.5) + 3.0 * std::log(1.5) + 4.0 * std::log(2.0));
  CHECK(fit.deviance == approx(deviance, 1e-10));
  CHECK(fit.null_deviance == approx(fit.deviance, 1e-10));
  const double loglik = 10.0 * std::log(2.0) - 10.0 - std::log(288.0);
  CHECK(fit.loglik == approx(loglik, 1e-10));
  CHECK(fit.aic == approx(-2.0 * loglik + 2.0, 1e-10));
  CHECK(fit.df_residual == 4.0);
  CHECK(fit.df_null == 4.0);
  // Pearson chi-square: sum (y - 2)^2 / 2 = (4 + 1 + 1 + 0 + 4)/2 = 5.
  CHECK(fit.pearson_chi2 == approx(5.0, 1e-10));
  for (Eigen::Index i = 0; i < 5; ++i) CHECK(fit.fitted(i) == approx(2.0, 1e-10));
}

TEST_CASE("glm: Poisson with offset log(t) and an intercept only estimates sum(y)/sum(t)") {
  // y = 2, 3, 6, 1 over exposures t = 10, 20, 30, 5: rate = 12/65, SE(b0) = 1/sqrt(sum y) = 1/sqrt(12).
  const table t = numeric_table("rates.csv", {{"y", {2, 3, 6, 1}},
                                              {"log_t", {std::log(10.0), std::log(20.0), std::log(30.0), std::log(5.0)}}});
  glm_options keep_fitted = options_for(glm_family::poisson);
  keep_fitted.diagnostics = true;
  const glm_result fit = fit_glm(t, make_spec({}, "log_t"), keep_fitted);
  CHECK(fit.has_offset);
  CHECK(fit_glm(t, make_spec({}, "log_t"), options_for(glm_family::poisson)).fitted.size() == 0);  // not asked for
  CHECK(fit.at("(Intercept)").exp_estimate == approx(12.0 / 65.0, 1e-10));
  CHECK(fit.at("(Intercept)").se == approx(1.0 / std::sqrt(12.0), 1e-9));
  // Fitted means: t * 12/65; the linear predictor includes the offset.
  CHECK(fit.fitted(0) == approx(10.0 * 12.0 / 65.0, 1e-10));
  CHECK(fit.linear_predictor(2) == approx(std::log(30.0 * 12.0 / 65.0), 1e-10));
  CHECK(fit.null_deviance == approx(fit.deviance, 1e-10));
}

TEST_CASE("glm: Poisson rate ratio of a binary predictor with an offset") {
  // Group 0: y = 2, 3 over t = 10, 20 (rate 5/30); group 1: y = 6, 1 over t = 30, 5 (rate 7/35).
  // exp(b0) = 1/6, exp(b1) = (7/35)/(5/30) = 1.2; SE(b1) = sqrt(1/5 + 1/7).
  const table t = numeric_table("rates.csv", {{"y", {2, 3, 6, 1}},
                                              {"g", {0, 0, 1, 1}},
                                              {"log_t", {std::log(10.0), std::log(20.0), std::log(30.0), std::log(5.0)}}});
  const glm_result fit = fit_glm(t, make_spec({"g"}, "log_t"), options_for(glm_family::poisson));
  CHECK(fit.at("(Intercept)").exp_estimate == approx(1.0 / 6.0, 1e-10));
  CHECK(fit.at("g").exp_estimate == approx(1.2, 1e-10));
  CHECK(fit.at("g").se == approx(std::sqrt(1.0 / 5.0 + 1.0 / 7.0), 1e-9));
  CHECK(fit.at("(Intercept)").se == approx(std::sqrt(1.0 / 5.0), 1e-9));
}

TEST_CASE("glm: logistic regression on one binary predictor reproduces the 2x2 table") {
  //            y = 1   y = 0
  //   x = 1    a = 6   b = 4
  //   x = 0    c = 3   d = 9
  // log odds ratio = log(a d / (b c)) = log(54/12) = log 4.5, SE = sqrt(1/a + 1/b + 1/c + 1/d);
  // intercept = log(c/d) = log(1/3), SE = sqrt(1/c + 1/d) = 2/3.
  std::string csv = "y,x\n";
  for (int i = 0; i < 6; ++i) csv += "1,1\n";
  for (int i = 0; i < 4; ++i) csv += "0,1\n";
  for (int i = 0; i < 3; ++i) csv += "1,0\n";
  for (int i = 0; i < 9; ++i) csv += "0,0\n";
  const glm_result fit = fit_csv(csv, make_spec({"x"}), glm_family::binomial);
  CHECK(fit.family == glm_family::binomial);
  CHECK(fit.n == 22);
  const double se = std::sqrt(1.0 / 6 + 1.0 / 4 + 1.0 / 3 + 1.0 / 9);
  const auto& b1 = fit.at("x");
  CHECK(b1.estimate == approx(std::log(4.5), 1e-10));
  CHECK(b1.se == approx(se, 1e-9));
  CHECK(b1.statistic == approx(std::log(4.5) / se, 1e-9));
  CHECK(b1.p == approx(normal_two_sided_p(std::log(4.5) / se), 1e-8));
  CHECK(b1.ci_lower == approx(std::log(4.5) - z975 * se, 1e-9));
  CHECK(b1.ci_upper == approx(std::log(4.5) + z975 * se, 1e-9));
  // Odds ratio and its interval: exp of the above.
  CHECK(b1.exp_estimate == approx(4.5, 1e-10));
  CHECK(b1.exp_ci_lower == approx(4.5 * std::exp(-z975 * se), 1e-9));
  CHECK(b1.exp_ci_upper == approx(4.5 * std::exp(z975 * se), 1e-9));
  const auto& b0 = fit.at("(Intercept)");
  CHECK(b0.estimate == approx(std::log(1.0 / 3.0), 1e-10));
  CHECK(b0.se == approx(2.0 / 3.0, 1e-9));
  CHECK(b0.exp_estimate == approx(1.0 / 3.0, 1e-10));
  // Binary outcomes: deviance = -2 loglik with the fitted probabilities 0.6 (x = 1) and 0.25 (x = 0);
  // null: p = 9/22.
  const double loglik = 6 * std::log(0.6) + 4 * std::log(0.4) + 3 * std::log(0.25) + 9 * std::log(0.75);
  CHECK(fit.loglik == approx(loglik, 1e-10));
  CHECK(fit.deviance == approx(-2.0 * loglik, 1e-10));
  CHECK(fit.null_deviance == approx(-2.0 * (9 * std::log(9.0 / 22) + 13 * std::log(13.0 / 22)), 1e-10));
  CHECK(fit.aic == approx(-2.0 * loglik + 4.0, 1e-10));
  CHECK(fit.df_residual == 20.0);
  CHECK(fit.df_null == 21.0);
  CHECK(std::isnan(fit.theta));
}

TEST_CASE("glm: the confidence level sets the normal quantile") {
  // 90%: z(0.95) = 1.6448536269514722 (table).
  std::string csv = "y,x\n";
  for (int i = 0; i < 6; ++i) csv += "1,1\n";
  for (int i = 0; i < 4; ++i) csv += "0,1\n";
  for (int i = 0; i < 3; ++i) csv += "1,0\n";
  for (int i = 0; i < 9; ++i) csv += "0,0\n";
  glm_options o = options_for(glm_family::binomial);
  o.level = 0.90;
  const glm_result fit = fit_glm(parse_csv(csv, "t.csv"), make_spec({"x"}), o);
  const double se = std::sqrt(1.0 / 6 + 1.0 / 4 + 1.0 / 3 + 1.0 / 9);
  CHECK(fit.level == 0.90);
  CHECK(fit.at("x").ci_lower == approx(std::log(4.5) - 1.6448536269514722 * se, 1e-9));
}

TEST_CASE("glm: negative binomial with an intercept only: mean, theta maximizing the likelihood") {
  // For NB2 with an intercept only, the MLE of mu is the sample mean whatever theta; theta
  // maximizes the profile log-likelihood, written here with std::lgamma:
  //   l(theta) = sum lgamma(theta + y) - lgamma(theta) - lgamma(y + 1) + theta log(theta/(theta + mu))
  //              + y log(mu/(theta + mu)).
  // SE(b0) = 1/sqrt(sum w), w = mu/(1 + mu/theta).
  const std::vector<double> y = {0, 0, 1, 1, 2, 3, 5, 8, 13, 0, 1, 21};
  const double mu = std::accumulate(y.begin(), y.end(), 0.0) / static_cast<double>(y.size());  // 55/12
  const table t = numeric_table("nb.csv", {{"y", y}});
  const glm_result fit = fit_glm(t, make_spec({}), options_for(glm_family::negative_binomial));
  CHECK(fit.at("(Intercept)").exp_estimate == approx(mu, 1e-9));
  auto loglik = [&](double theta) {
    double l = 0.0;
    for (double v : y) {
      l += std::lgamma(theta + v) - std::lgamma(theta) - std::lgamma(v + 1.0) + theta * std::log(theta / (theta + mu)) +
           v * std::log(mu / (theta + mu));
    }
    return l;
  };
  REQUIRE(std::isfinite(fit.theta));
  REQUIRE(fit.theta > 0.0);
  CHECK(fit.loglik == approx(loglik(fit.theta), 1e-10));
  CHECK(loglik(fit.theta) >= loglik(fit.theta * 1.001));
  CHECK(loglik(fit.theta) >= loglik(fit.theta / 1.001));
  // Numerical derivative of the profile log-likelihood vanishes at theta.
  const double h = 1e-5 * fit.theta;
  CHECK(std::fabs((loglik(fit.theta + h) - loglik(fit.theta - h)) / (2 * h)) < 1e-5);
  const double w = static_cast<double>(y.size()) * mu / (1.0 + mu / fit.theta);
  CHECK(fit.at("(Intercept)").se == approx(1.0 / std::sqrt(w), 1e-8));
  // AIC counts theta: two parameters.
  CHECK(fit.aic == approx(-2.0 * loglik(fit.theta) + 4.0, 1e-10));
  CHECK(std::isfinite(fit.se_theta));
  CHECK(fit.se_theta > 0.0);
}

TEST_CASE("glm: exp_estimate and its interval are the exponentials") {
  const std::string csv = "y,x\n0,1\n7,2\n1,3\n0,4\n12,5\n2,6\n0,7\n25,8\n3,9\n1,10\n9,11\n0,12\n";
  for (glm_family family : {glm_family::poisson, glm_family::negative_binomial}) {
    CAPTURE(socialcure::to_string(family));
    const glm_result fit = fit_csv(csv, make_spec({"x"}), family);
    for (const auto& c : fit.coefficients) {
      CHECK(c.exp_estimate == approx(std::exp(c.estimate), 1e-14));
      CHECK(c.exp_ci_lower == approx(std::exp(c.estimate - z975 * c.se), 1e-12));
      CHECK(c.exp_ci_upper == approx(std::exp(c.estimate + z975 * c.se), 1e-12));
      CHECK(c.p == approx(normal_two_sided_p(c.estimate / c.se), 1e-10));
    }
  }
}

TEST_CASE("glm: fit from a table carries the frame's exclusions") {
  const glm_result fit = fit_csv("y,x\n1,1\nNA,2\n0,3\n4,NA\n2,4\n5,5\n", make_spec({"x"}), glm_family::poisson);
  CHECK(fit.response == "y");
  CHECK(fit.n == 4);
  CHECK(fit.n_excluded == 2);
  CHECK(fit.rows == std::vector<std::size_t>{0, 2, 4, 5});
  REQUIRE(fit.missing_by_column.size() == 2);
  CHECK(fit.missing_by_column[0].column == "y");
  CHECK(fit.missing_by_column[1].column == "x");
}

// ---------------------------------------------------------------------------------------------
// Names and options.
// ---------------------------------------------------------------------------------------------

TEST_CASE("glm: parse_glm_family accepts the documented names") {
  CHECK(socialcure::parse_glm_family("binomial") == glm_family::binomial);
  CHECK(socialcure::parse_glm_family("logit") == glm_family::binomial);
  CHECK(socialcure::parse_glm_family("poisson") == glm_family::poisson);
  CHECK(socialcure::parse_glm_family("Poisson") == glm_family::poisson);
  CHECK(socialcure::parse_glm_family("negbin") == glm_family::negative_binomial);
  CHECK(socialcure::parse_glm_family("negative_binomial") == glm_family::negative_binomial);
  CHECK(socialcure::parse_glm_family("nb") == glm_family::negative_binomial);
  for (glm_family f : {glm_family::binomial, glm_family::poisson, glm_family::negative_binomial}) {
    CHECK(socialcure::parse_glm_family(socialcure::to_string(f)) == f);
  }
  CHECK(socialcure::to_string(glm_family::binomial) == "binomial");
  CHECK(socialcure::to_string(glm_family::poisson) == "poisson");
  CHECK(socialcure::to_string(glm_family::negative_binomial) == "negbin");
  const std::string m = message_of<argument_error>([] { (void)socialcure::parse_glm_family("gaussian"); });
  CHECK(contains(m, "gaussian"));
  CHECK_THROWS_AS((void)socialcure::parse_glm_family(""), argument_error);
  CHECK_THROWS_AS((void)socialcure::parse_glm_family("bogus"), argument_error);
}

TEST_CASE("glm: glm_options::validate rejects bad settings") {
  CHECK_NOTHROW(glm_options{}.validate());
  for (double level : {0.0, 1.0, -0.1, 2.0, std::nan("")}) {
    CAPTURE(level);
    glm_options o;
    o.level = level;
    CHECK_THROWS_AS(o.validate(), argument_error);
    CHECK_THROWS_AS((void)fit_glm(parse_csv("y,x\n1,1\n0,2\n3,3\n", "o.csv"), make_spec({"x"}), o), argument_error);
  }
  glm_options tolerance;
  tolerance.tolerance = 0.0;
  CHECK_THROWS_AS(tolerance.validate(), argument_error);
  glm_options rank_tolerance;
  rank_tolerance.rank_tolerance = -1.0;
  CHECK_THROWS_AS(rank_tolerance.validate(), argument_error);
  glm_options iterations;
  iterations.max_iterations = 0;
  CHECK_THROWS_AS(iterations.validate(), argument_error);
  glm_options alternations;
  alternations.max_alternations = 0;
  CHECK_THROWS_AS(alternations.validate(), argument_error);
}

TEST_CASE("glm: glm_result::at on an unknown term throws listing the terms") {
  const glm_result fit = fit_csv("y,x\n1,1\n0,2\n3,3\n2,4\n", make_spec({"x"}), glm_family::poisson);
  CHECK(fit.at("x").term == "x");
  const std::string m = message_of<argument_error>([&] { (void)fit.at("nope"); });
  CHECK(contains(m, "'nope'"));
  CHECK(contains(m, "(Intercept), x"));
}

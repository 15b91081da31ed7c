// Tests of include/socialcure/models/ols.hpp: small cases computed by hand (arithmetic in the
// comments), rank deficiency, the leverage-1 case of HC2-HC4, invariance properties on random
// data checked against independent formulas (normal equations by Eigen's LDLT, the sandwich
// written out), and the option parsing and validation. Agreement with R on real data is in
// regression_reference_test.cpp and ols_nist_test.cpp.
#include "socialcure/models/ols.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <numbers>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include <Eigen/Cholesky>
#include <Eigen/Core>

#include "socialcure/core/error.hpp"
#include "socialcure/data/csv.hpp"

#include "support.hpp"

using socialcure::argument_error;
using socialcure::data_error;
using socialcure::fit_ols;
using socialcure::ols_options;
using socialcure::ols_result;
using socialcure::rank_policy;
using socialcure::se_type;

using namespace socialcure_test;

namespace {

// Two-sided p-value of Student's t on 3 df in closed form: with theta = atan(|t| / sqrt(3)),
// P(|T| < |t|) = (2 / pi) (theta + sin(theta) cos(theta)).
double t3_two_sided_p(double t) {
  const double theta = std::atan(std::fabs(t) / std::sqrt(3.0));
  return 1.0 - 2.0 / std::numbers::pi * (theta + std::sin(theta) * std::cos(theta));
}

// Quantiles of Student's t on 3 df from a printed table (e.g. Abramowitz & Stegun 26.10).
constexpr double t3_975 = 3.182446305284263;
constexpr double t3_95 = 2.353363434801823;

// The five-point example: x = 1..5, y = 2, 4, 5, 4, 5.
Eigen::MatrixXd five_x(bool intercept) {
  Eigen::MatrixXd x(5, intercept ? 2 : 1);
  for (int i = 0; i < 5; ++i) {
    if (intercept) {
      x(i, 0) = 1.0;
      x(i, 1) = i + 1;
    } else {
      x(i, 0) = i + 1;
    }
  }
  return x;
}
Eigen::VectorXd five_y() {
  Eigen::VectorXd y(5);
  y << 2, 4, 5, 4, 5;
  return y;
}

// Options that keep the per-case diagnostics (off by default).
ols_options with_diagnostics(se_type se = se_type::classical) {
  ols_options o;
  o.se = se;
  o.diagnostics = true;
  return o;
}

ols_result fit_five(se_type se = se_type::classical, double level = 0.95) {
  ols_options o = with_diagnostics(se);
  o.level = level;
  return fit_ols(five_x(true), five_y(), {"(Intercept)", "x"}, true, o);
}

// A random, well-conditioned data set: intercept and three correlated predictors of different
// scales, heteroskedastic errors.
struct data_set {
  Eigen::MatrixXd x;
  Eigen::VectorXd y;
  std::vector<std::string> terms{"(Intercept)", "x1", "x2", "x3"};
};

data_set make_random_data(std::mt19937_64& gen, Eigen::Index n) {
  std::normal_distribution<double> normal;
  std::uniform_real_distribution<double> uniform(0.0, 10.0);
  data_set d;
  d.x.resize(n, 4);
  d.y.resize(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double x1 = normal(gen);
    const double x2 = uniform(gen);
    const double x3 = 5.0 + 2.0 * normal(gen) + 0.5 * x1;
    d.x.row(i) << 1.0, x1, x2, x3;
    d.y(i) = 1.0 + 0.5 * x1 - 0.3 * x2 + 0.2 * x3 + (0.5 + 0.2 * x2) * normal(gen);
  }
  return d;
}

// (X'X)^{-1} by the normal equations (LDLT): an independent route for well-conditioned X.
Eigen::MatrixXd xtx_inverse(const Eigen::MatrixXd& x) {
  const Eigen::MatrixXd xtx = x.transpose() * x;
  return xtx.ldlt().solve(Eigen::MatrixXd::Identity(x.cols(), x.cols()));
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Hand-computed cases.
// ---------------------------------------------------------------------------------------------

TEST_CASE("ols: simple regression on five points, by hand") {
  // x = 1..5, y = 2, 4, 5, 4, 5: mean x = 3, mean y = 4, Sxx = 4+1+0+1+4 = 10,
  // Sxy = (-2)(-2) + (-1)(0) + 0(1) + 1(0) + 2(1) = 6. Slope = 6/10 = 0.6, intercept = 4 - 0.6*3 = 2.2.
  // Fitted 2.8, 3.4, 4.0, 4.6, 5.2; residuals -0.8, 0.6, 1.0, -0.6, -0.2;
  // RSS = 0.64+0.36+1+0.36+0.04 = 2.4; df = 3; sigma^2 = 0.8. TSS = 4+0+1+0+1 = 6, R^2 = 1-2.4/6 = 0.6,
  // adjusted R^2 = 1 - 0.4*4/3 = 7/15. SE(slope) = sqrt(0.8/10) = sqrt(0.08), t = 0.6/sqrt(0.08) = 3/sqrt(2).
  // SE(intercept) = sqrt(0.8 (1/5 + 9/10)) = sqrt(0.88), t = 2.2/sqrt(0.88). F = t_slope^2 = 4.5 on (1, 3).
  const ols_result fit = fit_five();
  CHECK(fit.n == 5);
  CHECK(fit.rank == 2);
  CHECK(fit.df_residual == 3.0);
  CHECK(fit.rss == approx(2.4, 1e-13));
  CHECK(fit.sigma == approx(std::sqrt(0.8), 1e-13));
  CHECK(fit.r_squared == approx(0.6, 1e-13));
  CHECK(fit.adj_r_squared == approx(7.0 / 15.0, 1e-13));

  const auto& b1 = fit.at("x");
  CHECK(b1.estimate == approx(0.6, 1e-13));
  CHECK(b1.se == approx(std::sqrt(0.08), 1e-13));
  CHECK(b1.statistic == approx(3.0 / std::sqrt(2.0), 1e-12));
  // p from the closed-form t_3 distribution: theta = atan(sqrt(1.5)) = 0.886077..., p = 0.124034...
  CHECK(b1.p == approx(t3_two_sided_p(3.0 / std::sqrt(2.0)), 1e-10));
  CHECK(b1.p == approx(0.12403, 1e-4));  // the same, rounded, as a sanity check of the formula
  CHECK(b1.ci_lower == approx(0.6 - t3_975 * std::sqrt(0.08), 1e-10));
  CHECK(b1.ci_upper == approx(0.6 + t3_975 * std::sqrt(0.08), 1e-10));
  // Standardized slope: b sd(x)/sd(y) = 0.6 sqrt(10/4)/sqrt(6/4) = sqrt(0.6) = r; one predictor: VIF 1.
  CHECK(b1.std_estimate == approx(std::sqrt(0.6), 1e-13));
  CHECK(b1.vif == approx(1.0, 1e-13));
  CHECK_FALSE(b1.aliased);

  const auto& b0 = fit.at("(Intercept)");
  CHECK(b0.estimate == approx(2.2, 1e-13));
  CHECK(b0.se == approx(std::sqrt(0.88), 1e-13));
  CHECK(b0.statistic == approx(2.2 / std::sqrt(0.88), 1e-12));
  CHECK(b0.p == approx(t3_two_sided_p(2.2 / std::sqrt(0.88)), 1e-10));
  CHECK(std::isnan(b0.std_estimate));
  CHECK(std::isnan(b0.vif));

  CHECK(fit.f_statistic == approx(4.5, 1e-12));
  CHECK(fit.f_df1 == 1.0);
  CHECK(fit.f_df2 == 3.0);
  CHECK(fit.f_p == approx(t3_two_sided_p(3.0 / std::sqrt(2.0)), 1e-10));  // F(1, 3) = t_3^2
  CHECK(std::isnan(fit.wald_f));

  // Fitted values, residuals, leverages h = 1/5 + (x - 3)^2/10 = 0.6, 0.3, 0.2, 0.3, 0.6, and Cook's
  // distance e^2 h / (p sigma^2 (1-h)^2), e.g. case 1: 0.64*0.6/(2*0.8*0.16) = 1.5.
  const double fitted[5] = {2.8, 3.4, 4.0, 4.6, 5.2};
  const double residuals[5] = {-0.8, 0.6, 1.0, -0.6, -0.2};
  const double leverage[5] = {0.6, 0.3, 0.2, 0.3, 0.6};
  for (int i = 0; i < 5; ++i) {
    CHECK(fit.fitted(i) == approx(fitted[i], 1e-13));
    CHECK(fit.residuals(i) == approx(residuals[i], 1e-13));
    CHECK(fit.leverage(i) == approx(leverage[i], 1e-13));
    const double h = leverage[i];
    const double cook = residuals[i] * residuals[i] * h / (2.0 * 0.8 * (1 - h) * (1 - h));
    CHECK(fit.cooks_distance(i) == approx(cook, 1e-12));
  }
  CHECK(fit.cooks_distance(0) == approx(1.5, 1e-12));
}

TEST_CASE("ols: the confidence level sets the t quantile of the intervals") {
  // 90%: t(0.95; 3) = 2.353363... from a t table.
  const ols_result fit = fit_five(se_type::classical, 0.90);
  CHECK(fit.level == 0.90);
  CHECK(fit.at("x").ci_lower == approx(0.6 - t3_95 * std::sqrt(0.08), 1e-10));
  CHECK(fit.at("x").ci_upper == approx(0.6 + t3_95 * std::sqrt(0.08), 1e-10));
}

TEST_CASE("ols: HC0-HC4 slope standard errors of the five points, by hand") {
  // Var_HC(slope) = sum (x_i - 3)^2 w_i / Sxx^2 with Sxx = 10, e^2 = .64, .36, 1, .36, .04 and
  // h = .6, .3, .2, .3, .6 (see the previous case); (x - 3)^2 = 4, 1, 0, 1, 4.
  //   HC0: w = e^2:            (4*.64 + .36 + .36 + 4*.04)/100 = 3.44/100
  //   HC1: HC0 * n/(n-p) = 5/3
  //   HC2: w = e^2/(1-h):      (4*1.6 + 2*(.36/.7) + 4*.1)/100 = (274/35)/100
  //   HC3: w = e^2/(1-h)^2:    (4*4 + 2*(.36/.49) + 4*.25)/100 = (905/49)/100
  //   HC4: w = e^2/(1-h)^d, d = min(4, n h/p) = 1.5, .75, .5, .75, 1.5
  const double hc4 = (4 * 0.64 / std::pow(0.4, 1.5) + 2 * 0.36 / std::pow(0.7, 0.75) + 4 * 0.04 / std::pow(0.4, 1.5)) / 100;
  const std::pair<se_type, double> expected[] = {{se_type::hc0, 3.44 / 100},
                                                 {se_type::hc1, 3.44 / 100 * 5.0 / 3.0},
                                                 {se_type::hc2, 274.0 / 35.0 / 100},
                                                 {se_type::hc3, 905.0 / 49.0 / 100},
                                                 {se_type::hc4, hc4}};
  for (const auto& [type, variance] : expected) {
    CAPTURE(socialcure::to_string(type));
    const ols_result fit = fit_five(type);
    CHECK(fit.se == type);
    CHECK(fit.at("x").se == approx(std::sqrt(variance), 1e-12));
    CHECK(fit.at("x").statistic == approx(0.6 / std::sqrt(variance), 1e-12));
    // With one slope, the Wald F is t^2 = 0.36 / Var, on (1, 3) df: its p is that of the t.
    CHECK(fit.wald_f == approx(0.36 / variance, 1e-11));
    CHECK(fit.wald_f_p == approx(t3_two_sided_p(0.6 / std::sqrt(variance)), 1e-10));
    // Estimates and the classical F do not depend on the covariance.
    CHECK(fit.at("x").estimate == approx(0.6, 1e-13));
    CHECK(fit.f_statistic == approx(4.5, 1e-12));
  }
}

TEST_CASE("ols: without an intercept R-squared uses the uncentred total sum of squares") {
  // y = b x: b = sum(xy)/sum(x^2) = (2+8+15+16+25)/55 = 66/55 = 1.2. RSS = sum(y^2) - b sum(xy)
  // = 86 - 79.2 = 6.8; uncentred TSS = sum(y^2) = 86; R^2 = 79.2/86; df = 4, sigma^2 = 1.7;
  // adjusted R^2 = 1 - (6.8/86) * 5/4; F = 79.2 / 1.7 on (1, 4); SE(b) = sqrt(1.7/55).
  ols_result fit = fit_ols(five_x(false), five_y(), {"x"}, false);
  CHECK_FALSE(fit.intercept);
  CHECK(fit.at("x").estimate == approx(1.2, 1e-13));
  CHECK(fit.rss == approx(6.8, 1e-12));
  CHECK(fit.r_squared == approx(79.2 / 86.0, 1e-13));
  CHECK(fit.adj_r_squared == approx(1.0 - 6.8 / 86.0 * 5.0 / 4.0, 1e-13));
  CHECK(fit.at("x").se == approx(std::sqrt(1.7 / 55.0), 1e-13));
  CHECK(fit.f_statistic == approx(79.2 / 1.7, 1e-12));
  CHECK(fit.f_df1 == 1.0);
  CHECK(fit.f_df2 == 4.0);
  // The centred R^2 would be 1 - 6.8/6 < 0: make sure it is not that.
  CHECK(fit.r_squared > 0.9);
  CHECK(std::isnan(fit.at("x").vif));  // VIFs need an intercept
}

TEST_CASE("ols: a constant response gets a note, not a crash") {
  Eigen::VectorXd y = Eigen::VectorXd::Constant(5, 3.0);
  const ols_result fit = fit_ols(five_x(true), y, {"(Intercept)", "x"}, true);
  CHECK(fit.at("(Intercept)").estimate == approx(3.0, 1e-13));
  CHECK(std::fabs(fit.at("x").estimate) < 1e-13);
  CHECK_FALSE(fit.notes.empty());
}

TEST_CASE("ols: fit from a table carries the frame's exclusions") {
  // Line 4 misses x: excluded; the other five rows are the five-point example.
  const auto t = socialcure::parse_csv("y,x\n2,1\n4,2\n9,NA\n5,3\n4,4\n5,5\n", "five.csv");
  socialcure::model_spec spec;
  spec.response = "y";
  spec.predictors = {"x"};
  const ols_result fit = fit_ols(t, spec);
  CHECK(fit.response == "y");
  CHECK(fit.n == 5);
  CHECK(fit.n_excluded == 1);
  REQUIRE(fit.missing_by_column.size() == 1);
  CHECK(fit.missing_by_column[0].column == "x");
  CHECK(fit.rows == std::vector<std::size_t>{0, 1, 3, 4, 5});
  CHECK(fit.at("x").estimate == approx(0.6, 1e-13));
}

// ---------------------------------------------------------------------------------------------
// Rank deficiency.
// ---------------------------------------------------------------------------------------------

namespace {

// x1 = 1..8 (irregular), y arbitrary; `extra` appended as a third column.
struct collinear_case {
  Eigen::MatrixXd x;
  Eigen::VectorXd y;
};

collinear_case with_extra(const std::function<double(double)>& extra) {
  const double x1[8] = {1.0, 2.5, 3.0, 4.5, 5.0, 7.0, 8.0, 9.5};
  const double y[8] = {3.1, 4.0, 4.4, 6.9, 6.1, 9.8, 9.9, 13.2};
  collinear_case c;
  c.x.resize(8, 3);
  c.y.resize(8);
  for (int i = 0; i < 8; ++i) {
    c.x.row(i) << 1.0, x1[i], extra(x1[i]);
    c.y(i) = y[i];
  }
  return c;
}

// The fit with column 2 dropped must equal the fit without it.
void check_same_as_without(const collinear_case& c, const std::string& dropped) {
  ols_options drop;
  drop.on_rank_deficiency = rank_policy::drop;
  const ols_result with = fit_ols(c.x, c.y, {"(Intercept)", "x1", dropped}, true, drop);
  const ols_result without = fit_ols(c.x.leftCols(2), c.y, {"(Intercept)", "x1"}, true);
  CHECK(join(with.aliased_terms) == dropped);
  CHECK(with.rank == 2);
  CHECK(with.df_residual == 6.0);
  const auto& a = with.at(dropped);
  CHECK(a.aliased);
  CHECK(std::isnan(a.estimate));
  CHECK(std::isnan(a.se));
  CHECK(std::isnan(a.p));
  for (const char* term : {"(Intercept)", "x1"}) {
    const std::string name = term;
    CAPTURE(name);
    CHECK_FALSE(with.at(term).aliased);
    CHECK(with.at(term).estimate == approx(without.at(term).estimate, 1e-12));
    CHECK(with.at(term).se == approx(without.at(term).se, 1e-12));
    CHECK(with.at(term).p == approx(without.at(term).p, 1e-12));
  }
  CHECK(with.sigma == approx(without.sigma, 1e-12));
  CHECK(with.r_squared == approx(without.r_squared, 1e-12));
  CHECK(with.f_statistic == approx(without.f_statistic, 1e-12));
  CHECK(with.f_df1 == without.f_df1);
  REQUIRE(with.covariance.rows() == 2);
}

}  // namespace

TEST_CASE("ols: x2 = 2*x1 + 3 is a data_error naming x2 and the terms it depends on") {
  const collinear_case c = with_extra([](double v) { return 2.0 * v + 3.0; });
  const std::string m = message_of<data_error>([&] { (void)fit_ols(c.x, c.y, {"(Intercept)", "x1", "x2"}, true); });
  CHECK(contains(m, "'x2'"));
  CHECK(contains(m, "x1"));
  CHECK(contains(m, "(Intercept)"));
  CHECK(contains(m, "rank deficient"));
}

TEST_CASE("ols: x2 = 2*x1 + 3 under rank_policy::drop equals the fit without x2") {
  check_same_as_without(with_extra([](double v) { return 2.0 * v + 3.0; }), "x2");
}

TEST_CASE("ols: HC2-HC4 with an aliased column between kept ones equal the fit without it") {
  // Columns (Intercept), x1, copy of x1, x2: the copy is aliased, so the kept columns are not
  // consecutive in X; every robust SE and the leverages must equal those of the fit on
  // (Intercept), x1, x2, which is the same model.
  std::mt19937_64 gen(20261203);
  std::normal_distribution<double> normal;
  const int n = 40;
  Eigen::MatrixXd x(n, 4);
  Eigen::VectorXd y(n);
  for (int i = 0; i < n; ++i) {
    const double x1 = normal(gen);
    const double x2 = normal(gen);
    x.row(i) << 1.0, x1, x1, x2;
    y(i) = 1.0 + 0.5 * x1 - 0.3 * x2 + (1.0 + std::fabs(x1)) * normal(gen);
  }
  Eigen::MatrixXd reduced(n, 3);
  reduced << x.col(0), x.col(1), x.col(3);
  for (se_type type : {se_type::hc2, se_type::hc3, se_type::hc4}) {
    CAPTURE(socialcure::to_string(type));
    ols_options drop;
    drop.on_rank_deficiency = rank_policy::drop;
    drop.se = type;
    drop.diagnostics = true;
    ols_options plain = drop;
    plain.on_rank_deficiency = rank_policy::error;
    const ols_result with = fit_ols(x, y, {"(Intercept)", "x1", "copy", "x2"}, true, drop);
    const ols_result without = fit_ols(reduced, y, {"(Intercept)", "x1", "x2"}, true, plain);
    CHECK(join(with.aliased_terms) == "copy");
    for (const char* term : {"(Intercept)", "x1", "x2"}) {
      CAPTURE(std::string(term));
      CHECK(with.at(term).se == approx(without.at(term).se, 1e-12));
    }
    for (int i = 0; i < n; ++i) CHECK(with.leverage(i) == approx(without.leverage(i), 1e-12));
  }
}

TEST_CASE("ols: a duplicated column is collinear and can be dropped") {
  const collinear_case c = with_extra([](double v) { return v; });
  const std::string m = message_of<data_error>([&] { (void)fit_ols(c.x, c.y, {"(Intercept)", "x1", "copy"}, true); });
  CHECK(contains(m, "'copy'"));
  CHECK(contains(m, "x1"));
  check_same_as_without(c, "copy");
}

TEST_CASE("ols: an all-zero column is collinear and can be dropped") {
  const collinear_case c = with_extra([](double) { return 0.0; });
  const std::string m = message_of<data_error>([&] { (void)fit_ols(c.x, c.y, {"(Intercept)", "x1", "zero"}, true); });
  CHECK(contains(m, "'zero'"));
  check_same_as_without(c, "zero");
}

TEST_CASE("ols: a constant predictor beside the intercept is the aliased term") {
  // c = 5 = 5 * (Intercept): R's lm aliases c, the later term.
  const collinear_case c = with_extra([](double) { return 5.0; });
  const std::string m = message_of<data_error>([&] { (void)fit_ols(c.x, c.y, {"(Intercept)", "x1", "c"}, true); });
  CHECK(contains(m, "'c'"));
  check_same_as_without(c, "c");
}

TEST_CASE("ols: dummies that sum to the intercept alias the last dummy, not the intercept") {
  // y = 1..8, d1 = 1 on odd cases (y = 1, 3, 5, 7; mean 4), d2 = 1 - d1 (y = 2, 4, 6, 8; mean 5).
  // As R's lm(y ~ d1 + d2): d2 is aliased, intercept = 5, d1 = 4 - 5 = -1. Centred TSS = 42,
  // RSS = 2 * (9 + 1 + 1 + 9) = 40, R^2 = 1 - 40/42 = 1/21 (with an intercept in the model, R^2
  // is about the mean; about zero it would be 1 - 40/204).
  Eigen::MatrixXd x(8, 3);
  Eigen::VectorXd y(8);
  for (int i = 0; i < 8; ++i) {
    const double d1 = i % 2 == 0 ? 1.0 : 0.0;
    x.row(i) << 1.0, d1, 1.0 - d1;
    y(i) = i + 1;
  }
  ols_options drop;
  drop.on_rank_deficiency = rank_policy::drop;
  const ols_result fit = fit_ols(x, y, {"(Intercept)", "d1", "d2"}, true, drop);
  CHECK(join(fit.aliased_terms) == "d2");
  CHECK_FALSE(fit.at("(Intercept)").aliased);
  CHECK(fit.at("(Intercept)").estimate == approx(5.0, 1e-12));
  CHECK(fit.at("d1").estimate == approx(-1.0, 1e-12));
  CHECK(fit.r_squared == approx(1.0 / 21.0, 1e-12));
  CHECK(fit.f_df1 == 1.0);
  const std::string m = message_of<data_error>([&] { (void)fit_ols(x, y, {"(Intercept)", "d1", "d2"}, true); });
  CHECK(contains(m, "'d2'"));
}

TEST_CASE("ols: the aliased term is the last of a dependent set, as in R's lm") {
  // x2 = x1 + x3 with x3 after x2: R's lm(y ~ x1 + x2 + x3) aliases x3 (a combination of the
  // earlier x1 and x2). Checked over several random data sets.
  std::mt19937_64 gen(20240611);
  std::normal_distribution<double> normal;
  ols_options drop;
  drop.on_rank_deficiency = rank_policy::drop;
  for (int rep = 0; rep < 10; ++rep) {
    CAPTURE(rep);
    const double scale1 = std::exp(normal(gen));
    const double scale3 = std::exp(normal(gen));
    Eigen::MatrixXd x(15, 4);
    Eigen::VectorXd y(15);
    for (int i = 0; i < 15; ++i) {
      const double x1 = scale1 * normal(gen) + 2.0;
      const double x3 = scale3 * normal(gen);
      x.row(i) << 1.0, x1, x1 + x3, x3;
      y(i) = normal(gen);
    }
    const ols_result fit = fit_ols(x, y, {"(Intercept)", "x1", "x2", "x3"}, true, drop);
    CHECK(join(fit.aliased_terms) == "x3");
  }
}

TEST_CASE("ols: no residual degrees of freedom is a data_error") {
  // n = 3 cases, p = 3 full-rank columns: df = 0.
  Eigen::MatrixXd x(3, 3);
  x << 1, 1, 2,  //
      1, 2, 1,   //
      1, 4, 7;
  Eigen::VectorXd y(3);
  y << 1, 2, 4;
  const std::string m = message_of<data_error>([&] { (void)fit_ols(x, y, {"(Intercept)", "a", "b"}, true); });
  CHECK(contains(m, "degrees of freedom"));
  // Fewer cases than terms: also an error (rank deficiency first, then df).
  CHECK_THROWS_AS((void)fit_ols(x.topRows(2), y.head(2), {"(Intercept)", "a", "b"}, true), data_error);
  ols_options drop;
  drop.on_rank_deficiency = rank_policy::drop;
  CHECK_THROWS_AS((void)fit_ols(x.topRows(2), y.head(2), {"(Intercept)", "a", "b"}, true, drop), data_error);
}

TEST_CASE("ols: a case with leverage 1 makes HC2-HC4 a data_error, HC0 and HC1 work") {
  // d = 1 for case 1 only: that case is fitted exactly (h = 1, e = 0).
  Eigen::MatrixXd x(6, 3);
  Eigen::VectorXd y(6);
  const double xs[6] = {1, 2, 3, 4, 5, 6};
  const double ys[6] = {10, 2.1, 2.9, 4.2, 4.8, 6.1};
  for (int i = 0; i < 6; ++i) {
    x.row(i) << 1.0, xs[i], i == 0 ? 1.0 : 0.0;
    y(i) = ys[i];
  }
  const std::vector<std::string> terms = {"(Intercept)", "x", "d"};
  for (se_type type : {se_type::hc2, se_type::hc3, se_type::hc4}) {
    CAPTURE(socialcure::to_string(type));
    ols_options o;
    o.se = type;
    const std::string m = message_of<data_error>([&] { (void)fit_ols(x, y, terms, true, o); });
    CHECK(contains(m, "leverage 1"));
    CHECK(contains(m, std::string(socialcure::to_string(type))));
  }
  for (se_type type : {se_type::hc0, se_type::hc1}) {
    const ols_result fit = fit_ols(x, y, terms, true, with_diagnostics(type));
    CHECK(fit.leverage(0) == approx(1.0, 1e-12));
    CHECK(std::fabs(fit.residuals(0)) < 1e-12);
    for (const auto& c : fit.coefficients) CHECK(std::isfinite(c.se));
  }
  // The classical fit works too; the slope of x is that of cases 2..6 alone:
  // x = 2..6, y = 2.1, 2.9, 4.2, 4.8, 6.1: Sxx = 10, Sxy = (-2)(-1.92) + (-1)(-1.12) + 0 + 1(0.78) + 2(2.08) = 9.9.
  const ols_result classical = fit_ols(x, y, terms, true);
  CHECK(classical.at("x").estimate == approx(0.99, 1e-12));
}

// ---------------------------------------------------------------------------------------------
// Properties over random data sets.
// ---------------------------------------------------------------------------------------------

TEST_CASE("ols: permuting the rows changes no estimate") {
  std::mt19937_64 gen(12345);
  for (int rep = 0; rep < 5; ++rep) {
    const data_set d = make_random_data(gen, 40);
    std::vector<Eigen::Index> order(40);
    std::iota(order.begin(), order.end(), Eigen::Index{0});
    std::shuffle(order.begin(), order.end(), gen);
    Eigen::MatrixXd xp(40, 4);
    Eigen::VectorXd yp(40);
    for (Eigen::Index i = 0; i < 40; ++i) {
      xp.row(i) = d.x.row(order[static_cast<std::size_t>(i)]);
      yp(i) = d.y(order[static_cast<std::size_t>(i)]);
    }
    for (se_type type : {se_type::classical, se_type::hc3}) {
      const ols_options o = with_diagnostics(type);
      const ols_result a = fit_ols(d.x, d.y, d.terms, true, o);
      const ols_result b = fit_ols(xp, yp, d.terms, true, o);
      for (const auto& term : d.terms) {
        CHECK(a.at(term).estimate == approx(b.at(term).estimate, 1e-10));
        CHECK(a.at(term).se == approx(b.at(term).se, 1e-10));
      }
      CHECK(a.r_squared == approx(b.r_squared, 1e-10));
      CHECK(a.sigma == approx(b.sigma, 1e-10));
      // Case-wise results follow their cases.
      for (Eigen::Index i = 0; i < 40; ++i) {
        CHECK(b.leverage(i) == approx(a.leverage(order[static_cast<std::size_t>(i)]), 1e-10));
        CHECK(b.residuals(i) == approx(a.residuals(order[static_cast<std::size_t>(i)]), 1e-10));
      }
    }
  }
}

TEST_CASE("ols: scaling a predictor by c scales its coefficient by 1/c") {
  std::mt19937_64 gen(777);
  for (int rep = 0; rep < 5; ++rep) {
    const data_set d = make_random_data(gen, 30);
    const ols_result base = fit_ols(d.x, d.y, d.terms, true);
    for (double c : {1000.0, 1e-3, -2.5}) {
      for (Eigen::Index j = 1; j < 4; ++j) {
        CAPTURE(c);
        CAPTURE(j);
        Eigen::MatrixXd xs = d.x;
        xs.col(j) *= c;
        const ols_result scaled = fit_ols(xs, d.y, d.terms, true);
        for (Eigen::Index k = 0; k < 4; ++k) {
          const auto& s = scaled.coefficients[static_cast<std::size_t>(k)];
          const auto& b = base.coefficients[static_cast<std::size_t>(k)];
          const double factor = k == j ? 1.0 / c : 1.0;
          CHECK(s.estimate == approx(b.estimate * factor, 1e-10));
          CHECK(s.se == approx(b.se * std::fabs(factor), 1e-10));
          CHECK(s.statistic == approx(b.statistic * (factor < 0 ? -1.0 : 1.0), 1e-9));
        }
        CHECK(scaled.r_squared == approx(base.r_squared, 1e-12));
      }
    }
  }
}

TEST_CASE("ols: adding a constant to y changes only the intercept") {
  std::mt19937_64 gen(4242);
  for (int rep = 0; rep < 5; ++rep) {
    const data_set d = make_random_data(gen, 30);
    const ols_result base = fit_ols(d.x, d.y, d.terms, true, with_diagnostics());
    const double k = 17.25;
    const Eigen::VectorXd shifted_y = d.y.array() + k;
    const ols_result shifted = fit_ols(d.x, shifted_y, d.terms, true, with_diagnostics());
    CHECK(shifted.at("(Intercept)").estimate == approx(base.at("(Intercept)").estimate + k, 1e-10));
    for (const char* term : {"x1", "x2", "x3"}) {
      CHECK(shifted.at(term).estimate == approx(base.at(term).estimate, 1e-10));
    }
    for (const auto& term : d.terms) CHECK(shifted.at(term).se == approx(base.at(term).se, 1e-10));
    for (Eigen::Index i = 0; i < 30; ++i) CHECK(shifted.residuals(i) == approx(base.residuals(i), 1e-10));
    CHECK(shifted.r_squared == approx(base.r_squared, 1e-10));
  }
}

TEST_CASE("ols: HC0 standard errors are sqrt((n-p)/n) times HC1") {
  std::mt19937_64 gen(99);
  for (int rep = 0; rep < 5; ++rep) {
    const data_set d = make_random_data(gen, 25);
    ols_options o0;
    o0.se = se_type::hc0;
    ols_options o1;
    o1.se = se_type::hc1;
    const ols_result hc0 = fit_ols(d.x, d.y, d.terms, true, o0);
    const ols_result hc1 = fit_ols(d.x, d.y, d.terms, true, o1);
    for (const auto& term : d.terms) CHECK(hc0.at(term).se == approx(std::sqrt(21.0 / 25.0) * hc1.at(term).se, 1e-12));
  }
}

TEST_CASE("ols: estimates and SEs agree with the normal equations and the sandwich written out") {
  std::mt19937_64 gen(31337);
  for (int rep = 0; rep < 5; ++rep) {
    const data_set d = make_random_data(gen, 50);
    const Eigen::Index n = 50;
    const double p = 4.0;
    const Eigen::MatrixXd inv = xtx_inverse(d.x);
    const Eigen::VectorXd b = inv * (d.x.transpose() * d.y);
    const Eigen::VectorXd e = d.y - d.x * b;
    const double sigma = std::sqrt(e.squaredNorm() / (static_cast<double>(n) - p));
    const Eigen::VectorXd h = (d.x * inv * d.x.transpose()).diagonal();

    const ols_result classical = fit_ols(d.x, d.y, d.terms, true, with_diagnostics());
    CHECK(classical.sigma == approx(sigma, 1e-10));
    for (Eigen::Index j = 0; j < 4; ++j) {
      const auto& c = classical.coefficients[static_cast<std::size_t>(j)];
      CHECK(c.estimate == approx(b(j), 1e-10));
      CHECK(c.se == approx(sigma * std::sqrt(inv(j, j)), 1e-10));
    }
    // HC3: (X'X)^{-1} X' diag(e^2/(1-h)^2) X (X'X)^{-1}.
    Eigen::VectorXd w(n);
    for (Eigen::Index i = 0; i < n; ++i) w(i) = e(i) * e(i) / ((1.0 - h(i)) * (1.0 - h(i)));
    const Eigen::MatrixXd v = inv * d.x.transpose() * w.asDiagonal() * d.x * inv;
    ols_options o;
    o.se = se_type::hc3;
    const ols_result hc3 = fit_ols(d.x, d.y, d.terms, true, o);
    for (Eigen::Index j = 0; j < 4; ++j) {
      CHECK(hc3.coefficients[static_cast<std::size_t>(j)].se == approx(std::sqrt(v(j, j)), 1e-10));
    }
    // Wald F over the three slopes: b' V^{-1} b / 3.
    const Eigen::VectorXd slopes = b.tail(3);
    const Eigen::MatrixXd v_slopes = v.bottomRightCorner(3, 3);
    const double wald = slopes.dot(v_slopes.ldlt().solve(slopes)) / 3.0;
    CHECK(hc3.wald_f == approx(wald, 1e-9));
    // Leverages, fitted values and residuals.
    for (Eigen::Index i = 0; i < n; ++i) CHECK(classical.leverage(i) == approx(h(i), 1e-10));
    CHECK(classical.leverage.sum() == approx(p, 1e-10));
  }
}

TEST_CASE("ols: per-case diagnostics only when asked for, and asking changes no estimate") {
  std::mt19937_64 gen(1618);
  const data_set d = make_random_data(gen, 25);
  for (se_type type : {se_type::classical, se_type::hc0, se_type::hc3, se_type::hc4}) {
    CAPTURE(socialcure::to_string(type));
    ols_options lean;
    lean.se = type;
    const ols_result a = fit_ols(d.x, d.y, d.terms, true, lean);
    const ols_result b = fit_ols(d.x, d.y, d.terms, true, with_diagnostics(type));
    CHECK(a.fitted.size() == 0);
    CHECK(a.residuals.size() == 0);
    CHECK(a.leverage.size() == 0);
    CHECK(a.cooks_distance.size() == 0);
    CHECK(b.residuals.size() == 25);
    CHECK(b.cooks_distance.size() == 25);
    CHECK(a.rss == b.rss);  // the same computation, bit for bit
    for (std::size_t j = 0; j < a.coefficients.size(); ++j) {
      CHECK(a.coefficients[j].estimate == b.coefficients[j].estimate);
      CHECK(a.coefficients[j].se == b.coefficients[j].se);
    }
  }
}

TEST_CASE("ols: fitted values are X b and fitted plus residuals is y") {
  std::mt19937_64 gen(2718);
  for (int rep = 0; rep < 5; ++rep) {
    const data_set d = make_random_data(gen, 35);
    const ols_result fit = fit_ols(d.x, d.y, d.terms, true, with_diagnostics());
    Eigen::VectorXd b(4);
    for (Eigen::Index j = 0; j < 4; ++j) b(j) = fit.coefficients[static_cast<std::size_t>(j)].estimate;
    const Eigen::VectorXd xb = d.x * b;
    for (Eigen::Index i = 0; i < 35; ++i) {
      CHECK(fit.fitted(i) == approx(xb(i), 1e-10));
      CHECK(fit.fitted(i) + fit.residuals(i) == approx(d.y(i), 1e-12));
    }
    // Residuals are orthogonal to every column of X.
    const Eigen::VectorXd xte = d.x.transpose() * fit.residuals;
    for (Eigen::Index j = 0; j < 4; ++j) CHECK(std::fabs(xte(j)) < 1e-9);
    CHECK(fit.leverage.sum() == approx(4.0, 1e-10));
    CHECK(fit.rss == approx(fit.residuals.squaredNorm(), 1e-12));
  }
}

// ---------------------------------------------------------------------------------------------
// Options, parsing and look-up.
// ---------------------------------------------------------------------------------------------

TEST_CASE("ols: ols_options::validate rejects levels outside (0, 1) and negative settings") {
  CHECK_NOTHROW(ols_options{}.validate());
  for (double level : {0.0, 1.0, -0.5, 1.5, std::nan("")}) {
    CAPTURE(level);
    ols_options o;
    o.level = level;
    CHECK_THROWS_AS(o.validate(), argument_error);
    CHECK_THROWS_AS((void)fit_ols(five_x(true), five_y(), {"(Intercept)", "x"}, true, o), argument_error);
  }
  ols_options tolerance;
  tolerance.tolerance = -1e-10;
  CHECK_THROWS_AS(tolerance.validate(), argument_error);
  ols_options steps;
  steps.refinement_steps = -1;
  CHECK_THROWS_AS(steps.validate(), argument_error);
  ols_options zero_steps;
  zero_steps.refinement_steps = 0;
  CHECK_NOTHROW(zero_steps.validate());
}

TEST_CASE("ols: parse_se_type is case-insensitive and rejects unknown types") {
  CHECK(socialcure::parse_se_type("HC3") == se_type::hc3);
  CHECK(socialcure::parse_se_type("hc0") == se_type::hc0);
  CHECK(socialcure::parse_se_type("Hc4") == se_type::hc4);
  CHECK(socialcure::parse_se_type("Classical") == se_type::classical);
  for (se_type t : {se_type::classical, se_type::hc0, se_type::hc1, se_type::hc2, se_type::hc3, se_type::hc4}) {
    CHECK(socialcure::parse_se_type(socialcure::to_string(t)) == t);
  }
  const std::string m = message_of<argument_error>([] { (void)socialcure::parse_se_type("hc5"); });
  CHECK(contains(m, "hc5"));
  CHECK_THROWS_AS((void)socialcure::parse_se_type(""), argument_error);
  CHECK_THROWS_AS((void)socialcure::parse_se_type("hc"), argument_error);
}

TEST_CASE("ols: bad matrix input is an argument_error") {
  CHECK_THROWS_AS((void)fit_ols(five_x(true), five_y(), {"(Intercept)"}, true), argument_error);
  Eigen::MatrixXd x = five_x(true);
  x(2, 1) = std::nan("");
  CHECK_THROWS_AS((void)fit_ols(x, five_y(), {"(Intercept)", "x"}, true), argument_error);
  CHECK_THROWS_AS((void)fit_ols(five_x(true), five_y().head(4), {"(Intercept)", "x"}, true), argument_error);
}

TEST_CASE("ols: ols_result::at on an unknown term throws listing the terms") {
  const ols_result fit = fit_five();
  CHECK(fit.at("x").term == "x");
  const std::string m = message_of<argument_error>([&] { (void)fit.at("z"); });
  CHECK(contains(m, "'z'"));
  CHECK(contains(m, "(Intercept), x"));
}

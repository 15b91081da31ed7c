// Properties of the models and analyses checked over many random data sets (issue 9, hardening):
//
//   - permuting the rows changes no estimate (OLS with classical and HC3 SEs, Poisson and negative
//     binomial GLMs, Cronbach's alpha, the paired t-test and the whole change analysis, mediation
//     point estimates and their closed-form SEs);
//   - scaling a predictor by c scales its coefficient and SE by 1/c and leaves t unchanged (OLS,
//     Poisson GLM);
//   - adding a constant to Y changes only the intercept (OLS);
//   - bootstrap results are identical for 1, 2 and 8 threads with the same seed (fit_mediation and
//     fit_within_mediation);
//   - a scale score does not depend on the order of the table's columns when items are mapped by name.
//
// Every data set comes from one fixed-seed std::mt19937_64 per test case, so a failure reproduces;
// the data set's number, n and p are in the failure message (INFO).
//
// Tolerance: relative 1e-10, i.e. |a - b| <= 1e-10 * max(|a|, |b|, scale), where `scale` is a
// natural size of the quantity where it could be near zero (a coefficient's standard error, the
// SD of a score), stated at each use. Exact equality (==) where the result must be bit-identical
// (thread counts, scores from the same codes).
//
// Bootstrap (and Monte Carlo) intervals are NOT compared under permutation: a resample draws row
// indices, so permuting the rows legitimately gives different resamples and different intervals.
// Under permutation only the point estimates and the closed-form (Sobel) standard errors are checked.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include "socialcure/analyses/change.hpp"
#include "socialcure/analyses/mediation.hpp"
#include "socialcure/core/missing.hpp"
#include "socialcure/data/table.hpp"
#include "socialcure/measures/reliability.hpp"
#include "socialcure/measures/scale.hpp"
#include "socialcure/measures/scoring.hpp"
#include "socialcure/models/design.hpp"
#include "socialcure/models/glm.hpp"
#include "socialcure/models/ols.hpp"

namespace sc = socialcure;

namespace {

constexpr double rel_tol = 1e-10;
constexpr int data_sets = 50;

/// |a - b| <= rel_tol * max(|a|, |b|, scale); two missing values are equal.
bool close(double a, double b, double scale = 0.0) {
  if (sc::is_missing(a) || sc::is_missing(b)) return sc::is_missing(a) && sc::is_missing(b);
  if (a == b) return true;  // also equal infinities
  return std::fabs(a - b) <= rel_tol * std::max({std::fabs(a), std::fabs(b), std::fabs(scale)});
}

#define CHECK_CLOSE(a, b, scale)                                           \
  do {                                                                     \
    const double check_a_ = (a);                                           \
    const double check_b_ = (b);                                           \
    INFO(#a << " = " << check_a_ << ", " << #b << " = " << check_b_);      \
    CHECK(close(check_a_, check_b_, (scale)));                             \
  } while (false)

std::vector<std::size_t> shuffled_order(std::size_t n, std::mt19937_64& gen) {
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::shuffle(order.begin(), order.end(), gen);
  return order;
}

/// A table of numeric columns.
sc::table make_table(const std::vector<std::pair<std::string, std::vector<double>>>& columns) {
  sc::table t("random");
  for (const auto& [name, values] : columns) t.add(sc::column(name, values));
  return t;
}

std::vector<double> normals(std::size_t n, std::mt19937_64& gen, double mean = 0.0, double sd = 1.0) {
  std::normal_distribution<double> d(mean, sd);
  std::vector<double> v(n);
  for (auto& x : v) x = d(gen);
  return v;
}

/// A regression data set: predictors x1..xp (different scales and means) and y linear in them.
struct regression_data {
  sc::table data;
  sc::model_spec spec;
  std::size_t n = 0;
};

regression_data random_regression(std::mt19937_64& gen, std::size_t n, std::size_t p) {
  std::uniform_real_distribution<double> coef(-2.0, 2.0);
  std::uniform_real_distribution<double> scale(0.1, 50.0);
  std::vector<std::pair<std::string, std::vector<double>>> cols;
  std::vector<double> y = normals(n, gen, 0.0, 1.5);
  const double b0 = coef(gen) * 10.0;
  for (auto& v : y) v += b0;
  regression_data out;
  out.n = n;
  out.spec.response = "y";
  for (std::size_t j = 0; j < p; ++j) {
    const std::string name = "x" + std::to_string(j + 1);
    const double s = scale(gen);
    std::vector<double> x = normals(n, gen, coef(gen) * s, s);
    const double b = coef(gen) / s;
    for (std::size_t i = 0; i < n; ++i) y[i] += b * x[i];
    cols.emplace_back(name, std::move(x));
    out.spec.predictors.push_back(name);
  }
  cols.emplace_back("y", std::move(y));
  out.data = make_table(cols);
  return out;
}

/// A Poisson (theta = infinity) or negative binomial (gamma-mixed) count outcome on p predictors.
regression_data random_counts(std::mt19937_64& gen, std::size_t n, std::size_t p, bool overdispersed) {
  std::uniform_real_distribution<double> coef(-0.4, 0.4);
  std::vector<std::pair<std::string, std::vector<double>>> cols;
  std::vector<double> eta(n, 0.8);
  regression_data out;
  out.n = n;
  out.spec.response = "y";
  for (std::size_t j = 0; j < p; ++j) {
    const std::string name = "x" + std::to_string(j + 1);
    std::vector<double> x = normals(n, gen);
    const double b = coef(gen);
    for (std::size_t i = 0; i < n; ++i) eta[i] += b * x[i];
    cols.emplace_back(name, std::move(x));
    out.spec.predictors.push_back(name);
  }
  std::gamma_distribution<double> frailty(1.5, 1.0 / 1.5);  // mean 1, variance 1/1.5: theta = 1.5
  std::vector<double> y(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double mu = std::exp(eta[i]) * (overdispersed ? frailty(gen) : 1.0);
    std::poisson_distribution<int> pois(mu);
    y[i] = pois(gen);
  }
  if (std::all_of(y.begin(), y.end(), [](double v) { return v == 0.0; })) y[0] = 1.0;
  cols.emplace_back("y", std::move(y));
  out.data = make_table(cols);
  return out;
}

void check_same_coefficients(const std::vector<sc::coefficient>& a, const std::vector<sc::coefficient>& b) {
  REQUIRE(a.size() == b.size());
  for (std::size_t j = 0; j < a.size(); ++j) {
    INFO("term " << a[j].term);
    CHECK(a[j].term == b[j].term);
    const double se = a[j].se;
    CHECK_CLOSE(a[j].estimate, b[j].estimate, se);
    CHECK_CLOSE(a[j].se, b[j].se, 0.0);
    CHECK_CLOSE(a[j].statistic, b[j].statistic, 1.0);
    CHECK_CLOSE(a[j].p, b[j].p, 0.0);
    CHECK_CLOSE(a[j].ci_lower, b[j].ci_lower, se);
    CHECK_CLOSE(a[j].ci_upper, b[j].ci_upper, se);
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Permuting the rows changes no estimate.
// ---------------------------------------------------------------------------------------------

TEST_CASE("properties: permuting the rows changes no OLS estimate, classical or HC3") {
  std::mt19937_64 gen(20240901);
  const std::size_t sizes[] = {8, 15, 40, 120, 500};
  for (int set = 0; set < data_sets; ++set) {
    const std::size_t n = sizes[set % 5];
    const std::size_t p = 1 + static_cast<std::size_t>(set) % std::min<std::size_t>(5, n - 3);
    INFO("data set " << set << ", n = " << n << ", p = " << p);
    const regression_data d = random_regression(gen, n, p);
    const std::vector<std::size_t> order = shuffled_order(n, gen);
    const sc::table permuted = d.data.select_rows(order);
    for (const auto se : {sc::se_type::classical, sc::se_type::hc3}) {
      INFO("se " << sc::to_string(se));
      sc::ols_options o;
      o.se = se;
      o.diagnostics = true;
      const sc::ols_result a = sc::fit_ols(d.data, d.spec, o);
      const sc::ols_result b = sc::fit_ols(permuted, d.spec, o);
      check_same_coefficients(a.coefficients, b.coefficients);
      CHECK_CLOSE(a.sigma, b.sigma, 0.0);
      CHECK_CLOSE(a.r_squared, b.r_squared, 1.0);
      CHECK_CLOSE(a.f_statistic, b.f_statistic, 0.0);
      CHECK_CLOSE(a.wald_f, b.wald_f, 0.0);
      // Case diagnostics move with their rows.
      for (std::size_t i = 0; i < n; ++i) {
        const auto k = static_cast<Eigen::Index>(i);
        const auto from = static_cast<Eigen::Index>(order[i]);
        CHECK_CLOSE(b.residuals(k), a.residuals(from), a.sigma);
        CHECK_CLOSE(b.leverage(k), a.leverage(from), 1.0);
      }
    }
  }
}

TEST_CASE("properties: permuting the rows changes no Poisson or negative binomial GLM estimate") {
  std::mt19937_64 gen(20240902);
  const std::size_t sizes[] = {60, 120, 300};
  for (int set = 0; set < data_sets; ++set) {
    const bool nb = set % 2 == 1;
    const std::size_t n = sizes[set % 3];
    const std::size_t p = 1 + static_cast<std::size_t>(set) % 3;
    INFO("data set " << set << ", n = " << n << ", p = " << p << std::string(nb ? ", negative binomial" : ", Poisson"));
    const regression_data d = random_counts(gen, n, p, nb);
    const sc::table permuted = d.data.select_rows(shuffled_order(n, gen));
    sc::glm_options o;
    o.family = nb ? sc::glm_family::negative_binomial : sc::glm_family::poisson;
    const sc::glm_result a = sc::fit_glm(d.data, d.spec, o);
    const sc::glm_result b = sc::fit_glm(permuted, d.spec, o);
    check_same_coefficients(a.coefficients, b.coefficients);
    CHECK_CLOSE(a.deviance, b.deviance, 1.0);
    CHECK_CLOSE(a.null_deviance, b.null_deviance, 1.0);
    CHECK_CLOSE(a.loglik, b.loglik, 0.0);
    CHECK_CLOSE(a.theta, b.theta, 0.0);
    CHECK_CLOSE(a.se_theta, b.se_theta, 0.0);
  }
}

TEST_CASE("properties: permuting the respondents changes no reliability statistic (alpha, pairwise and listwise)") {
  std::mt19937_64 gen(20240903);
  std::uniform_int_distribution<int> code(1, 5);
  std::bernoulli_distribution missing(0.08);
  for (int set = 0; set < data_sets; ++set) {
    const Eigen::Index n = 10 + 17 * (set % 7);
    const Eigen::Index k = 2 + set % 6;
    INFO("data set " << set << ", n = " << n << ", k = " << k);
    // Items sharing a common factor, with some missing answers.
    Eigen::MatrixXd items(n, k);
    std::normal_distribution<double> z;
    for (Eigen::Index i = 0; i < n; ++i) {
      const double f = z(gen);
      for (Eigen::Index j = 0; j < k; ++j) {
        const double v = std::round(3.0 + f + z(gen));
        items(i, j) = missing(gen) ? sc::missing_value : std::clamp(v, 1.0, 5.0);
      }
    }
    // Every item needs variance: give rows 0 and 1 the extreme codes.
    for (Eigen::Index j = 0; j < k; ++j) {
      items(0, j) = 1.0;
      items(1, j) = 5.0;
    }
    std::vector<std::string> names;
    for (Eigen::Index j = 0; j < k; ++j) names.push_back("i" + std::to_string(j + 1));
    const std::vector<std::size_t> order = shuffled_order(static_cast<std::size_t>(n), gen);
    Eigen::MatrixXd permuted(n, k);
    for (Eigen::Index i = 0; i < n; ++i) permuted.row(i) = items.row(static_cast<Eigen::Index>(order[static_cast<std::size_t>(i)]));
    for (const auto handling : {sc::missing_handling::pairwise, sc::missing_handling::listwise}) {
      INFO(std::string(handling == sc::missing_handling::pairwise ? "pairwise" : "listwise"));
      sc::reliability_options o;
      o.missing = handling;
      const sc::alpha_result a = sc::cronbach_alpha(items, names, o);
      const sc::alpha_result b = sc::cronbach_alpha(permuted, names, o);
      CHECK(a.n == b.n);
      CHECK(a.n_excluded == b.n_excluded);
      CHECK_CLOSE(a.raw_alpha, b.raw_alpha, 1.0);
      CHECK_CLOSE(a.std_alpha, b.std_alpha, 1.0);
      CHECK_CLOSE(a.average_r, b.average_r, 1.0);
      CHECK_CLOSE(a.alpha_ci_lower, b.alpha_ci_lower, 1.0);
      CHECK_CLOSE(a.alpha_ci_upper, b.alpha_ci_upper, 1.0);
      CHECK_CLOSE(a.mean, b.mean, 1.0);
      CHECK_CLOSE(a.sd, b.sd, 0.0);
      REQUIRE(a.items.size() == b.items.size());
      for (std::size_t j = 0; j < a.items.size(); ++j) {
        CHECK(a.items[j].n == b.items[j].n);
        CHECK_CLOSE(a.items[j].mean, b.items[j].mean, 0.0);
        CHECK_CLOSE(a.items[j].sd, b.items[j].sd, 0.0);
        CHECK_CLOSE(a.items[j].r_drop, b.items[j].r_drop, 1.0);
        CHECK_CLOSE(a.items[j].alpha_if_deleted, b.items[j].alpha_if_deleted, 1.0);
        CHECK_CLOSE(a.items[j].std_alpha_if_deleted, b.items[j].std_alpha_if_deleted, 1.0);
      }
    }
  }
}

TEST_CASE("properties: permuting the pairs changes no result of the change analysis") {
  std::mt19937_64 gen(20240904);
  std::bernoulli_distribution missing(0.1);
  std::poisson_distribution<int> visits(3.0);
  for (int set = 0; set < data_sets; ++set) {
    const Eigen::Index n = 5 + 23 * (set % 9);
    const bool counts = set % 3 == 0;
    INFO("data set " << set << ", n = " << n << std::string(counts ? ", counts" : ""));
    Eigen::VectorXd pre(n);
    Eigen::VectorXd post(n);
    std::normal_distribution<double> z;
    for (Eigen::Index i = 0; i < n; ++i) {
      if (counts) {
        pre(i) = visits(gen);
        post(i) = visits(gen);
      } else {
        pre(i) = 20.0 + 4.0 * z(gen);
        post(i) = 0.6 * pre(i) + 7.0 + 3.0 * z(gen);
      }
      if (missing(gen)) (i % 2 == 0 ? pre(i) : post(i)) = sc::missing_value;
    }
    // At least three complete pairs with a varying difference.
    for (Eigen::Index i = 0; i < 3; ++i) {
      pre(i) = counts ? static_cast<double>(i) : 18.0 + static_cast<double>(i);
      post(i) = counts ? static_cast<double>(2 * i + 1) : 21.0 - static_cast<double>(i * i);
    }
    const std::vector<std::size_t> order = shuffled_order(static_cast<std::size_t>(n), gen);
    Eigen::VectorXd pre_p(n);
    Eigen::VectorXd post_p(n);
    for (Eigen::Index i = 0; i < n; ++i) {
      pre_p(i) = pre(static_cast<Eigen::Index>(order[static_cast<std::size_t>(i)]));
      post_p(i) = post(static_cast<Eigen::Index>(order[static_cast<std::size_t>(i)]));
    }
    sc::change_options o;
    o.reliability = 0.8;
    o.better = sc::improvement::lower;
    o.cutoff = counts ? 3.0 : 20.0;
    o.count = counts;
    o.per_person = true;
    const sc::change_result a = sc::analyse_change(pre, post, o);
    const sc::change_result b = sc::analyse_change(pre_p, post_p, o);
    CHECK(a.n == b.n);
    CHECK(a.n_excluded == b.n_excluded);
    const sc::paired_t_result& ta = a.t_test;
    const sc::paired_t_result& tb = b.t_test;
    CHECK_CLOSE(ta.mean_diff, tb.mean_diff, ta.sd_diff);
    CHECK_CLOSE(ta.sd_diff, tb.sd_diff, 0.0);
    CHECK_CLOSE(ta.se_diff, tb.se_diff, 0.0);
    CHECK_CLOSE(ta.t, tb.t, 1.0);
    CHECK_CLOSE(ta.p, tb.p, 0.0);
    CHECK_CLOSE(ta.ci_lower, tb.ci_lower, ta.se_diff);
    CHECK_CLOSE(ta.ci_upper, tb.ci_upper, ta.se_diff);
    CHECK_CLOSE(ta.r_pre_post, tb.r_pre_post, 1.0);
    for (const auto member : {&sc::standardized_change::d_z, &sc::standardized_change::g_z, &sc::standardized_change::d_av,
                              &sc::standardized_change::g_av, &sc::standardized_change::d_rm}) {
      CHECK_CLOSE((a.effects.*member).estimate, (b.effects.*member).estimate, 1.0);
      CHECK_CLOSE((a.effects.*member).ci_lower, (b.effects.*member).ci_lower, 1.0);
      CHECK_CLOSE((a.effects.*member).ci_upper, (b.effects.*member).ci_upper, 1.0);
    }
    CHECK(a.wilcoxon.v == b.wilcoxon.v);
    CHECK_CLOSE(a.wilcoxon.p, b.wilcoxon.p, 0.0);
    REQUIRE(a.category.has_value());
    CHECK(a.category->b == b.category->b);
    CHECK(a.category->c == b.category->c);
    REQUIRE(a.reliable.has_value());
    CHECK(a.reliable->n_improved == b.reliable->n_improved);
    CHECK(a.reliable->n_deteriorated == b.reliable->n_deteriorated);
    if (counts) {
      REQUIRE(a.rate_ratio.has_value());
      CHECK_CLOSE(a.rate_ratio->estimate, b.rate_ratio->estimate, 0.0);
      CHECK_CLOSE(a.rate_ratio->exact_ci_lower, b.rate_ratio->exact_ci_lower, 0.0);
      CHECK_CLOSE(a.rate_ratio->dispersion, b.rate_ratio->dispersion, 0.0);
    }
    // Per-person scores move with their person.
    const double scale = ta.sd_diff;
    for (std::size_t i = 0; i < static_cast<std::size_t>(n); ++i) {
      CHECK_CLOSE(b.scores.raw[i], a.scores.raw[order[i]], scale);
      CHECK_CLOSE(b.scores.residualized[i], a.scores.residualized[order[i]], scale);
      CHECK(b.scores.percent_status[i] == a.scores.percent_status[order[i]]);
    }
  }
}

namespace {

/// X -> M1, M2 -> Y with a covariate C.
sc::table random_mediation(std::mt19937_64& gen, std::size_t n) {
  std::normal_distribution<double> z;
  std::vector<double> x(n), c(n), m1(n), m2(n), y(n);
  for (std::size_t i = 0; i < n; ++i) {
    x[i] = z(gen);
    c[i] = 40.0 + 10.0 * z(gen);
    m1[i] = 0.5 * x[i] + 0.01 * c[i] + z(gen);
    m2[i] = 0.3 * x[i] + 0.4 * m1[i] + z(gen);
    y[i] = 0.2 * x[i] + 0.4 * m1[i] + 0.3 * m2[i] - 0.02 * c[i] + z(gen);
  }
  return make_table({{"x", x}, {"c", c}, {"m1", m1}, {"m2", m2}, {"y", y}});
}

/// Two instances of two mediators and an outcome.
sc::table random_within(std::mt19937_64& gen, std::size_t n) {
  std::normal_distribution<double> z;
  std::vector<double> m1a(n), m1b(n), m2a(n), m2b(n), ya(n), yb(n);
  for (std::size_t i = 0; i < n; ++i) {
    m1a[i] = 10.0 + z(gen);
    m1b[i] = m1a[i] + 0.6 + z(gen);
    m2a[i] = 5.0 + z(gen);
    m2b[i] = m2a[i] + 0.3 * (m1b[i] - m1a[i]) + z(gen);
    ya[i] = 20.0 + z(gen);
    yb[i] = ya[i] - 0.5 * (m1b[i] - m1a[i]) - 0.4 * (m2b[i] - m2a[i]) + z(gen);
  }
  return make_table({{"m1_pre", m1a}, {"m1_post", m1b}, {"m2_pre", m2a}, {"m2_post", m2b}, {"y_pre", ya}, {"y_post", yb}});
}

std::vector<const sc::mediation_effect*> effects_of(const sc::mediation_result& r) {
  std::vector<const sc::mediation_effect*> out;
  for (const auto* group : {&r.indirect, &r.contrasts, &r.standardized}) {
    for (const auto& e : *group) out.push_back(&e);
  }
  return out;
}

}  // namespace

TEST_CASE("properties: permuting the rows changes no mediation point estimate or closed-form SE") {
  // Bootstrap intervals are not compared: resamples index rows (see the file comment). Monte Carlo
  // with few draws keeps the runs short; only the point estimates, the path coefficients with their
  // OLS SEs and the Sobel SEs are compared.
  std::mt19937_64 gen(20240905);
  const std::size_t sizes[] = {12, 30, 80, 200};
  for (int set = 0; set < data_sets; ++set) {
    const std::size_t n = sizes[set % 4];
    const bool serial = set % 2 == 0;
    const bool hc3 = set % 3 == 0;
    INFO("data set " << set << ", n = " << n << std::string(serial ? ", serial" : ", parallel") << std::string(hc3 ? ", hc3" : ""));
    const sc::table data = random_mediation(gen, n);
    const sc::table permuted = data.select_rows(shuffled_order(n, gen));
    sc::mediation_spec spec;
    spec.x = "x";
    spec.mediators = {"m1", "m2"};
    spec.y = "y";
    spec.covariates = {"c"};
    spec.model = serial ? sc::mediation_model::serial : sc::mediation_model::parallel;
    sc::mediation_options o;
    o.ci = sc::ci_method::monte_carlo;
    o.replicates = 100;
    o.seed = 7;
    o.threads = 1;
    o.se = hc3 ? sc::se_type::hc3 : sc::se_type::classical;
    const sc::mediation_result a = sc::fit_mediation(data, spec, o);
    const sc::mediation_result b = sc::fit_mediation(permuted, spec, o);
    REQUIRE(a.paths.size() == b.paths.size());
    for (std::size_t i = 0; i < a.paths.size(); ++i) {
      INFO("path " << a.paths[i].from << " -> " << a.paths[i].to);
      const double se = a.paths[i].value.se;
      CHECK_CLOSE(a.paths[i].value.estimate, b.paths[i].value.estimate, se);
      CHECK_CLOSE(a.paths[i].value.se, b.paths[i].value.se, 0.0);
    }
    CHECK_CLOSE(a.total_effect.estimate, b.total_effect.estimate, a.total_effect.se);
    CHECK_CLOSE(a.total_effect.se, b.total_effect.se, 0.0);
    CHECK_CLOSE(a.direct_effect.estimate, b.direct_effect.estimate, a.direct_effect.se);
    CHECK_CLOSE(a.sd_x, b.sd_x, 0.0);
    CHECK_CLOSE(a.sd_y, b.sd_y, 0.0);
    const auto ea = effects_of(a);
    const auto eb = effects_of(b);
    REQUIRE(ea.size() == eb.size());
    for (std::size_t i = 0; i < ea.size(); ++i) {
      INFO("effect " << ea[i]->label);
      // An indirect effect can be near zero: its scale is the product of its paths' sizes, here
      // of order 0.01 or more; the bootstrap SE of the effect is of that order too.
      CHECK_CLOSE(ea[i]->estimate, eb[i]->estimate, ea[i]->boot_se);
      CHECK_CLOSE(ea[i]->sobel_se, eb[i]->sobel_se, 0.0);
      CHECK_CLOSE(ea[i]->sobel2_se, eb[i]->sobel2_se, 0.0);
      CHECK_CLOSE(ea[i]->sobel_p, eb[i]->sobel_p, 0.0);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Scaling a predictor, shifting the response.
// ---------------------------------------------------------------------------------------------

TEST_CASE("properties: scaling a predictor by c scales its OLS coefficient by 1/c and SE by 1/|c|, |t| unchanged") {
  std::mt19937_64 gen(20240906);
  std::uniform_real_distribution<double> log10c(-4.0, 4.0);
  std::bernoulli_distribution negative(0.3);
  const std::size_t sizes[] = {9, 25, 60, 300};
  for (int set = 0; set < data_sets; ++set) {
    const std::size_t n = sizes[set % 4];
    const std::size_t p = 1 + static_cast<std::size_t>(set) % 4;
    const std::size_t scaled = static_cast<std::size_t>(set) % p;
    const double c = (negative(gen) ? -1.0 : 1.0) * std::pow(10.0, log10c(gen));
    INFO("data set " << set << ", n = " << n << ", p = " << p << ", x" << scaled + 1 << " times " << c);
    const regression_data d = random_regression(gen, n, p);
    const std::string name = d.spec.predictors[scaled];
    std::vector<std::pair<std::string, std::vector<double>>> cols;
    for (const auto& col_name : d.data.names()) {
      const auto v = d.data.numeric(col_name);
      std::vector<double> values(v.begin(), v.end());
      if (col_name == name) {
        for (auto& x : values) x *= c;
      }
      cols.emplace_back(col_name, std::move(values));
    }
    const sc::table scaled_data = make_table(cols);
    for (const auto se : {sc::se_type::classical, sc::se_type::hc3}) {
      INFO("se " << sc::to_string(se));
      sc::ols_options o;
      o.se = se;
      const sc::ols_result a = sc::fit_ols(d.data, d.spec, o);
      const sc::ols_result b = sc::fit_ols(scaled_data, d.spec, o);
      for (std::size_t j = 0; j < a.coefficients.size(); ++j) {
        const sc::coefficient& ca = a.coefficients[j];
        const sc::coefficient& cb = b.coefficients[j];
        INFO("term " << ca.term);
        const double factor = ca.term == name ? 1.0 / c : 1.0;
        const double sign = factor < 0 ? -1.0 : 1.0;  // a negative c flips the sign of t, not its size
        CHECK_CLOSE(cb.estimate, ca.estimate * factor, ca.se * std::fabs(factor));
        CHECK_CLOSE(cb.se, ca.se * std::fabs(factor), 0.0);
        CHECK_CLOSE(cb.statistic, sign * ca.statistic, 1.0);
        CHECK_CLOSE(cb.p, ca.p, 0.0);
        // Standardized coefficients (up to that sign) and VIFs do not depend on units at all.
        CHECK_CLOSE(cb.std_estimate, sign * ca.std_estimate, 1.0);
        CHECK_CLOSE(cb.vif, ca.vif, 1.0);
      }
      CHECK_CLOSE(a.r_squared, b.r_squared, 1.0);
      CHECK_CLOSE(a.sigma, b.sigma, 0.0);
    }
  }
}

TEST_CASE("properties: scaling a predictor by c scales its Poisson GLM coefficient by 1/c and SE by 1/|c|, |z| unchanged") {
  std::mt19937_64 gen(20240907);
  std::uniform_real_distribution<double> log10c(-3.0, 3.0);
  const std::size_t sizes[] = {40, 100, 250};
  for (int set = 0; set < data_sets; ++set) {
    const std::size_t n = sizes[set % 3];
    const std::size_t p = 1 + static_cast<std::size_t>(set) % 3;
    const std::size_t scaled = static_cast<std::size_t>(set) % p;
    const double c = (set % 4 == 1 ? -1.0 : 1.0) * std::pow(10.0, log10c(gen));
    INFO("data set " << set << ", n = " << n << ", p = " << p << ", x" << scaled + 1 << " times " << c);
    const regression_data d = random_counts(gen, n, p, false);
    const std::string name = d.spec.predictors[scaled];
    std::vector<std::pair<std::string, std::vector<double>>> cols;
    for (const auto& col_name : d.data.names()) {
      const auto v = d.data.numeric(col_name);
      std::vector<double> values(v.begin(), v.end());
      if (col_name == name) {
        for (auto& x : values) x *= c;
      }
      cols.emplace_back(col_name, std::move(values));
    }
    sc::glm_options o;
    o.family = sc::glm_family::poisson;
    const sc::glm_result a = sc::fit_glm(d.data, d.spec, o);
    const sc::glm_result b = sc::fit_glm(make_table(cols), d.spec, o);
    for (std::size_t j = 0; j < a.coefficients.size(); ++j) {
      const sc::coefficient& ca = a.coefficients[j];
      const sc::coefficient& cb = b.coefficients[j];
      INFO("term " << ca.term);
      const double factor = ca.term == name ? 1.0 / c : 1.0;
      const double sign = factor < 0 ? -1.0 : 1.0;
      CHECK_CLOSE(cb.estimate, ca.estimate * factor, ca.se * std::fabs(factor));
      CHECK_CLOSE(cb.se, ca.se * std::fabs(factor), 0.0);
      CHECK_CLOSE(cb.statistic, sign * ca.statistic, 1.0);
      CHECK_CLOSE(cb.p, ca.p, 0.0);
    }
    CHECK_CLOSE(a.deviance, b.deviance, 1.0);
  }
}

TEST_CASE("properties: adding a constant to y changes only the OLS intercept") {
  std::mt19937_64 gen(20240908);
  std::uniform_real_distribution<double> shift_size(-3.0, 3.0);
  const std::size_t sizes[] = {7, 20, 50, 400};
  for (int set = 0; set < data_sets; ++set) {
    const std::size_t n = sizes[set % 4];
    const std::size_t p = 1 + static_cast<std::size_t>(set) % std::min<std::size_t>(4, n - 3);
    const double k = (set % 2 == 0 ? 1.0 : -1.0) * std::pow(10.0, shift_size(gen));
    INFO("data set " << set << ", n = " << n << ", p = " << p << ", y + " << k);
    const regression_data d = random_regression(gen, n, p);
    std::vector<std::pair<std::string, std::vector<double>>> cols;
    for (const auto& col_name : d.data.names()) {
      const auto v = d.data.numeric(col_name);
      std::vector<double> values(v.begin(), v.end());
      if (col_name == "y") {
        for (auto& y : values) y += k;
      }
      cols.emplace_back(col_name, std::move(values));
    }
    const sc::table shifted = make_table(cols);
    for (const auto se : {sc::se_type::classical, sc::se_type::hc3}) {
      INFO("se " << sc::to_string(se));
      sc::ols_options o;
      o.se = se;
      o.diagnostics = true;
      const sc::ols_result a = sc::fit_ols(d.data, d.spec, o);
      const sc::ols_result b = sc::fit_ols(shifted, d.spec, o);
      REQUIRE(a.coefficients.front().term == "(Intercept)");
      // The intercept moves by k; its SE does not. Its scale: |k| plus its size, as it is a sum.
      const sc::coefficient& ia = a.coefficients.front();
      const sc::coefficient& ib = b.coefficients.front();
      CHECK_CLOSE(ib.estimate, ia.estimate + k, std::fabs(ia.estimate) + std::fabs(k) + ia.se);
      CHECK_CLOSE(ib.se, ia.se, 0.0);
      for (std::size_t j = 1; j < a.coefficients.size(); ++j) {
        const sc::coefficient& ca = a.coefficients[j];
        const sc::coefficient& cb = b.coefficients[j];
        INFO("term " << ca.term);
        CHECK_CLOSE(cb.estimate, ca.estimate, ca.se);
        CHECK_CLOSE(cb.se, ca.se, 0.0);
        CHECK_CLOSE(cb.statistic, ca.statistic, 1.0);
        CHECK_CLOSE(cb.std_estimate, ca.std_estimate, 1.0);
      }
      CHECK_CLOSE(a.sigma, b.sigma, 0.0);
      CHECK_CLOSE(a.r_squared, b.r_squared, 1.0);
      CHECK_CLOSE(a.f_statistic, b.f_statistic, 0.0);
      for (Eigen::Index i = 0; i < a.residuals.size(); ++i) CHECK_CLOSE(a.residuals(i), b.residuals(i), a.sigma);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Bootstrap results do not depend on the number of threads.
// ---------------------------------------------------------------------------------------------

namespace {

void check_bit_identical(const sc::mediation_result& a, const sc::mediation_result& b) {
  const auto ea = effects_of(a);
  const auto eb = effects_of(b);
  REQUIRE(ea.size() == eb.size());
  for (std::size_t i = 0; i < ea.size(); ++i) {
    INFO("effect " << ea[i]->label);
    CHECK(ea[i]->ci_ok == eb[i]->ci_ok);
    // Bit-identical: the same doubles, or both missing.
    CHECK(((ea[i]->ci_lower == eb[i]->ci_lower) || (std::isnan(ea[i]->ci_lower) && std::isnan(eb[i]->ci_lower))));
    CHECK(((ea[i]->ci_upper == eb[i]->ci_upper) || (std::isnan(ea[i]->ci_upper) && std::isnan(eb[i]->ci_upper))));
    CHECK(((ea[i]->boot_se == eb[i]->boot_se) || (std::isnan(ea[i]->boot_se) && std::isnan(eb[i]->boot_se))));
    CHECK(ea[i]->estimate == eb[i]->estimate);
  }
  CHECK(a.replicates.discarded == b.replicates.discarded);
  CHECK(a.replicates.succeeded == b.replicates.succeeded);
}

/// Fits with 1, 2 and 8 threads (`o` otherwise as given), checks that that many threads ran, and
/// that the results are bit-identical.
template <class Fit>
void check_same_for_1_2_8_threads(Fit&& fit, sc::mediation_options o) {
  o.threads = 1;
  const sc::mediation_result one = fit(o);
  o.threads = 2;
  const sc::mediation_result two = fit(o);
  o.threads = 8;
  const sc::mediation_result eight = fit(o);
  CHECK(one.replicates.threads_used == 1);
  CHECK(two.replicates.threads_used == 2);
  CHECK(eight.replicates.threads_used == 8);
  check_bit_identical(one, two);
  check_bit_identical(one, eight);
}

}  // namespace

// Replicates run in blocks of 256 (bootstrap with n <= 1024, and Monte Carlo) and a run uses at most
// one thread per block: 2049+ replicates make 9 blocks, so that 2 and 8 threads really run (checked
// through threads_used). That is 3 x 2049+ replicates per data set, so these two properties run on
// 24 data sets each (every CI method x model combination three times) rather than 50.
constexpr int thread_data_sets = 24;
constexpr std::size_t thread_replicates = 2049;

TEST_CASE("properties: fit_mediation gives bit-identical intervals and boot SEs for 1, 2 and 8 threads") {
  // n as small as 10 also exercises redrawn (singular) resamples.
  std::mt19937_64 gen(20240909);
  const std::size_t sizes[] = {10, 25, 60, 150};
  const sc::ci_method methods[] = {sc::ci_method::percentile, sc::ci_method::bias_corrected, sc::ci_method::bca,
                                   sc::ci_method::monte_carlo};
  for (int set = 0; set < thread_data_sets; ++set) {
    const std::size_t n = sizes[set % 4];
    const sc::ci_method method = methods[(set / 2) % 4];
    const bool serial = set % 2 == 0;
    INFO("data set " << set << ", n = " << n << ", " << sc::to_string(method) << std::string(serial ? ", serial" : ", parallel"));
    const sc::table data = random_mediation(gen, n);
    sc::mediation_spec spec;
    spec.x = "x";
    spec.mediators = {"m1", "m2"};
    spec.y = "y";
    if (set % 3 == 0) spec.covariates = {"c"};
    spec.model = serial ? sc::mediation_model::serial : sc::mediation_model::parallel;
    sc::mediation_options o;
    o.ci = method;
    o.replicates = thread_replicates + static_cast<std::size_t>(set);
    o.seed = 1000 + static_cast<std::uint64_t>(set);
    o.se = set % 5 == 0 ? sc::se_type::hc3 : sc::se_type::classical;
    check_same_for_1_2_8_threads([&](const sc::mediation_options& with) { return sc::fit_mediation(data, spec, with); },
                                 o);
  }
}

TEST_CASE("properties: fit_within_mediation gives bit-identical intervals and boot SEs for 1, 2 and 8 threads") {
  std::mt19937_64 gen(20240910);
  const std::size_t sizes[] = {8, 20, 50, 120};
  const sc::ci_method methods[] = {sc::ci_method::percentile, sc::ci_method::bca, sc::ci_method::bias_corrected,
                                   sc::ci_method::monte_carlo};
  for (int set = 0; set < thread_data_sets; ++set) {
    const std::size_t n = sizes[set % 4];
    const sc::ci_method method = methods[(set / 2) % 4];
    const bool serial = set % 2 == 0;
    INFO("data set " << set << ", n = " << n << ", " << sc::to_string(method) << std::string(serial ? ", serial" : ", parallel"));
    const sc::table data = random_within(gen, n);
    sc::within_mediation_spec spec;
    spec.mediators = {{"m1_pre", "m1_post"}, {"m2_pre", "m2_post"}};
    spec.y = {"y_pre", "y_post"};
    spec.model = serial ? sc::mediation_model::serial : sc::mediation_model::parallel;
    sc::mediation_options o;
    o.ci = method;
    o.replicates = thread_replicates + static_cast<std::size_t>(set);
    o.seed = 2000 + static_cast<std::uint64_t>(set);
    check_same_for_1_2_8_threads(
        [&](const sc::mediation_options& with) { return sc::fit_within_mediation(data, spec, with); }, o);
  }
}

// ---------------------------------------------------------------------------------------------
// Scale scores do not depend on column order.
// ---------------------------------------------------------------------------------------------

namespace {

/// A random sum or mean scale of k items on min..max with some reversed items, a proration rule,
/// two bands and a subscale of the first half of the items.
sc::scale_definition random_scale(std::mt19937_64& gen, int k) {
  std::uniform_int_distribution<int> lowest(0, 1);
  std::uniform_int_distribution<int> width(2, 6);
  sc::scale_definition s;
  s.id = "random" + std::to_string(k);
  s.name = "random scale";
  s.items = k;
  for (int i = 0; i < k; ++i) s.item_names.push_back("item" + std::to_string(i + 1));
  s.min_code = lowest(gen);
  s.max_code = s.min_code + width(gen);
  for (int i = 1; i <= k; ++i) {
    if (i % 3 == 0) s.reverse_items.push_back(i);
  }
  const bool mean = k % 2 == 0;
  s.rule = mean ? sc::scoring_rule::mean : sc::scoring_rule::sum;
  s.score_min = mean ? s.min_code : k * s.min_code;
  s.score_max = mean ? s.max_code : k * s.max_code;
  s.missing = {sc::missing_policy::prorate, std::max(1, k / 4)};
  const double middle = (s.score_min + s.score_max) / 2.0;
  s.cutoffs = {{"bands", "random", sc::fact_confidence::confirmed,
                {{s.score_min, std::floor(middle), "low"}, {std::floor(middle) + 1.0, s.score_max, "high"}}}};
  const int half = std::max(1, k / 2);
  sc::subscale sub;
  sub.id = "first_half";
  sub.name = "first half";
  for (int i = 1; i <= half; ++i) sub.items.push_back(i);
  sub.score_min = mean ? s.min_code : half * s.min_code;
  sub.score_max = mean ? s.max_code : half * s.max_code;
  sub.missing = {sc::missing_policy::complete_only, 0};
  s.subscales = {sub};
  return s;
}

}  // namespace

TEST_CASE("properties: a scale score does not depend on the order of the columns when items are mapped by name") {
  std::mt19937_64 gen(20240911);
  std::bernoulli_distribution missing(0.12);
  std::bernoulli_distribution invalid(0.02);
  for (int set = 0; set < data_sets; ++set) {
    const int k = 2 + set % 9;
    const std::size_t n = 1 + static_cast<std::size_t>(set) * 7 % 90;
    const sc::scale_definition scale = random_scale(gen, k);
    INFO("data set " << set << ", n = " << n << ", k = " << k << ", codes " << scale.min_code << ".." << scale.max_code);
    std::uniform_int_distribution<int> code(scale.min_code, scale.max_code);
    // Item columns named q1..qk plus two unrelated columns; the table's column order is shuffled.
    std::vector<std::pair<std::string, std::vector<double>>> cols;
    std::vector<std::string> item_columns;
    for (int i = 0; i < k; ++i) {
      const std::string name = "q" + std::to_string(i + 1);
      std::vector<double> v(n);
      for (auto& x : v) {
        x = missing(gen) ? sc::missing_value : code(gen);
        if (invalid(gen)) x = scale.max_code + 1;  // set missing and counted under set_missing
      }
      cols.emplace_back(name, std::move(v));
      item_columns.push_back(name);
    }
    cols.emplace_back("age", normals(n, gen, 50.0, 10.0));
    cols.emplace_back("other", normals(n, gen));
    const sc::table in_order = make_table(cols);
    std::shuffle(cols.begin(), cols.end(), gen);
    const sc::table shuffled = make_table(cols);
    sc::scoring_options o;
    o.on_invalid = sc::invalid_response_policy::set_missing;
    const sc::scale_scores a = sc::score_table(scale, in_order, item_columns, {}, o);
    const sc::scale_scores b = sc::score_table(scale, shuffled, item_columns, {}, o);
    REQUIRE(a.respondents.size() == n);
    REQUIRE(b.respondents.size() == n);
    CHECK(a.n_scored == b.n_scored);
    CHECK(a.n_unscorable == b.n_unscorable);
    CHECK(a.n_prorated == b.n_prorated);
    CHECK(a.n_invalid_set_missing == b.n_invalid_set_missing);
    for (std::size_t r = 0; r < n; ++r) {
      const sc::respondent_score& x = a.respondents[r];
      const sc::respondent_score& y = b.respondents[r];
      INFO("respondent " << x.id);
      // The same codes in the same item order: the scores must be the very same doubles.
      CHECK(((x.score == y.score) || (sc::is_missing(x.score) && sc::is_missing(y.score))));
      CHECK(x.category == y.category);
      CHECK(x.items_answered == y.items_answered);
      CHECK(x.prorated == y.prorated);
      CHECK(x.reason == y.reason);
      REQUIRE(x.subscale_scores.size() == y.subscale_scores.size());
      for (std::size_t s = 0; s < x.subscale_scores.size(); ++s) {
        CHECK(((x.subscale_scores[s] == y.subscale_scores[s]) ||
               (sc::is_missing(x.subscale_scores[s]) && sc::is_missing(y.subscale_scores[s]))));
      }
    }
    // Mapping the items to the wrong columns does change the scores (the property can fail).
    if (k >= 3 && scale.reverse_items.size() > 0 && n >= 20) {
      std::vector<std::string> rotated(item_columns.begin() + 1, item_columns.end());
      rotated.push_back(item_columns.front());
      const sc::scale_scores c = sc::score_table(scale, shuffled, rotated, {}, o);
      bool differs = false;
      for (std::size_t r = 0; r < n; ++r) {
        const double u = a.respondents[r].score;
        const double v = c.respondents[r].score;
        differs = differs || (sc::is_missing(u) != sc::is_missing(v)) || (!sc::is_missing(u) && u != v);
      }
      CHECK(differs);
    }
  }
}

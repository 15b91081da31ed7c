// Weighted refits for the bootstrap (src/models/detail/weighted_glm.hpp, internal).
//
// Reference values: tests/reference/natural_effects/bootstrap.ref.csv, analyses weighted_*, from
// tests/reference/natural_effects/make_bootstrap_reference.R (R 4.2.2: lm, MASS::glm.nb and glm
// with weights = the case counts of one resample drawn by R, data/resample_counts.csv; the
// script checks them against the fits on the repeated rows). Tolerance 1e-8 relative (the
// stopping rules of the iterations differ).
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "models/detail/weighted_glm.hpp"
#include "reference_values.hpp"
#include "socialcure/models/design.hpp"

using namespace socialcure;
using socialcure_test::reference_data;
using socialcure_test::reference_values;

namespace {

const reference_values& ref() {
  static const reference_values r = reference_values::load("natural_effects/bootstrap.ref.csv");
  return r;
}

model_spec spec_of(std::string response, std::vector<std::string> predictors, std::string offset = {}) {
  model_spec s;
  s.response = std::move(response);
  s.predictors = std::move(predictors);
  s.offset = std::move(offset);
  return s;
}

Eigen::VectorXd counts() {
  const table t = reference_data("natural_effects/data/resample_counts.csv");
  return build_model_frame(t, spec_of("count", {})).y;
}

model_frame frame(const std::string& data, model_spec spec) {
  return build_model_frame(reference_data("natural_effects/data/" + data), spec);
}

/// Appends the product of columns `a` and `b` as the term "a:b" (R's name; R lists interactions
/// after the main effects).
void add_product(model_frame& f, const std::string& a, const std::string& b) {
  const auto names = f.term_names();
  const auto at = [&](const std::string& n) { return std::find(names.begin(), names.end(), n) - names.begin(); };
  f.x.conservativeResize(Eigen::NoChange, f.x.cols() + 1);
  f.x.col(f.x.cols() - 1) = f.x.col(at(a)).cwiseProduct(f.x.col(at(b)));
  f.terms.push_back({a + ":" + b, a + ":" + b, {}});
}

void check(const std::string& analysis, const std::string& equation, const model_frame& f, const Eigen::VectorXd& beta) {
  const auto names = f.term_names();
  for (Eigen::Index j = 0; j < beta.size(); ++j) {
    ref().check(beta(j), analysis, equation + ":" + names[static_cast<std::size_t>(j)], 1e-8);
  }
}

/// Starts from the unweighted estimates, as the bootstrap does.
Eigen::VectorXd start(const model_frame& f, glm_family family, double& theta, glm_link link = glm_link::logit) {
  glm_options o;
  o.family = family;
  o.link = link;
  const glm_result r = fit_glm(f, o);
  theta = family == glm_family::negative_binomial ? r.theta : 0.0;
  Eigen::VectorXd b(static_cast<Eigen::Index>(r.coefficients.size()));
  for (Eigen::Index j = 0; j < b.size(); ++j) b(j) = r.coefficients[static_cast<std::size_t>(j)].estimate;
  return b;
}

}  // namespace

TEST_CASE("weighted least squares on case counts is lm(weights = counts), with sigma^2 over n - p") {
  const Eigen::VectorXd w = counts();
  for (const auto& [name, predictors] : std::vector<std::pair<std::string, std::vector<std::string>>>{
           {"belong", {"groups", "age"}}, {"lonely", {"groups", "belong", "age"}}}) {
    const model_frame f = frame("serial_count.csv", spec_of(name, predictors));
    Eigen::VectorXd beta;
    double rss = 0.0;
    REQUIRE(detail::weighted_least_squares(f.x, f.y, w, beta, rss));
    check("weighted_nb_serial", name, f, beta);
    ref().check(rss / (w.sum() - static_cast<double>(beta.size())), "weighted_nb_serial", name + ":sigma2", 1e-10);
  }
}

/// Refits `f` with the resample's counts from the unweighted estimates and checks it against R;
/// returns theta.
double refit_and_check(const model_frame& f, glm_family family, const std::string& analysis, const std::string& equation) {
  double theta = 0.0;
  Eigen::VectorXd beta = start(f, family, theta);
  const detail::glm_refitter refit(f.x, f.y, f.offset, family);
  REQUIRE(refit.fit(counts(), beta, theta));
  check(analysis, equation, f, beta);
  return theta;
}

TEST_CASE("weighted refits of the negative binomial, Poisson with offset and logit outcomes are R's weighted fits") {
  SUBCASE("negative binomial: coefficients and theta") {
    const model_frame f = frame("serial_count.csv", spec_of("visits", {"groups", "belong", "lonely", "age"}));
    ref().check(refit_and_check(f, glm_family::negative_binomial, "weighted_nb_serial", "visits"), "weighted_nb_serial",
                "theta", 1e-7);
  }
  SUBCASE("Poisson with an offset and interactions") {
    model_frame f = frame("parallel.csv", spec_of("y", {"prescribed", "m1", "m2", "c1"}, "log_months"));
    add_product(f, "prescribed", "m1");
    add_product(f, "prescribed", "m2");
    refit_and_check(f, glm_family::poisson, "weighted_poisson_offset", "y");
  }
  SUBCASE("logit") {
    model_frame f = frame("parallel.csv", spec_of("ybin", {"prescribed", "m1", "c1"}));
    add_product(f, "prescribed", "m1");
    refit_and_check(f, glm_family::binomial, "weighted_logit", "ybin");
  }
}

TEST_CASE("a weighted probit refit is R's glm(binomial(link = \"probit\"), weights = counts)") {
  // probit.ref.csv, analysis weighted_probit (make_probit_reference.R); 1e-8 relative.
  static const reference_values probit = reference_values::load("natural_effects/probit.ref.csv");
  model_frame f = frame("parallel.csv", spec_of("ybin", {"prescribed", "m1", "c1"}));
  add_product(f, "prescribed", "m1");
  double theta = 0.0;
  Eigen::VectorXd beta = start(f, glm_family::binomial, theta, glm_link::probit);
  const detail::glm_refitter refit(f.x, f.y, f.offset, glm_family::binomial, glm_link::probit);
  REQUIRE(refit.fit(counts(), beta, theta));
  const auto names = f.term_names();
  for (Eigen::Index j = 0; j < beta.size(); ++j) {
    probit.check(beta(j), "weighted_probit", "ybin:" + names[static_cast<std::size_t>(j)], 1e-8);
  }
}

TEST_CASE("a weighted refit fails, rather than diverging, on a separated or singular resample") {
  // y = 1 exactly when x > 0: the logit diverges; weights that keep one value of x: singular.
  Eigen::MatrixXd x(6, 2);
  x << 1, -2, 1, -1, 1, -0.5, 1, 0.5, 1, 1, 1, 2;
  Eigen::VectorXd y(6);
  y << 0, 0, 0, 1, 1, 1;
  const Eigen::VectorXd none;
  const detail::glm_refitter refit(x, y, none, glm_family::binomial);
  Eigen::VectorXd beta = Eigen::VectorXd::Zero(2);
  double theta = 0.0;
  CHECK_FALSE(refit.fit(Eigen::VectorXd::Ones(6), beta, theta));
  Eigen::VectorXd one_case = Eigen::VectorXd::Zero(6);
  one_case(2) = 6.0;
  beta.setZero();
  CHECK_FALSE(refit.fit(one_case, beta, theta));
  Eigen::VectorXd rows_beta;
  double rss = 0.0;
  CHECK_FALSE(detail::weighted_least_squares(x, y, one_case, rows_beta, rss));
}

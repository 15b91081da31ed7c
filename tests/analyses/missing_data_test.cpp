// Describing missing data, EM moments and Little's MCAR test against R. Reference values:
// tests/reference/missing/missing.ref.csv from tests/reference/missing/make_reference.R (R 4.2.2,
// mice 3.15.0 md.pattern; lavaan 0.6-14's h1 EM lav_mvnorm_missing_h1_estimate_moments with
// absolute tol 1e-12 and its lav_mvnorm_missing_loglik_data; an EM and Little's d^2 written out in
// the script) on R's airquality (6 columns) and a synthetic panel shaped like the study (630 at
// referral, about 30% at follow-up, dropout depending on referral loneliness, 3 empty rows).
// Tolerances: counts and the pattern table exact; means and covariances 1e-8 relative (the
// brief's target; covariances relative to sqrt(s_jj s_kk), so that a near-zero covariance is not
// judged on its own digits); log-likelihood and Little's d^2 and p 1e-9 relative; airquality's
// published d^2 = 35.10617 (Little's test as naniar::mcar_test reports it, 7 digits) 2e-7.

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "reference_values.hpp"
#include "socialcure/analyses/missing_data.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/core/missing.hpp"
#include "support.hpp"

using namespace socialcure_test;

namespace {

const std::vector<std::string> air_vars{"ozone", "solar_r", "wind", "temp", "month", "day"};
const std::vector<std::string> panel_vars{"lonely_t0", "belong_t0", "wellbeing_t0", "lonely_t1", "belong_t1"};

socialcure::table air() { return reference_data("missing/data/airquality.csv"); }
socialcure::table panel() { return reference_data("missing/data/synthetic_panel.csv"); }

const reference_values& ref() {
  static const reference_values r = reference_values::load("missing/missing.ref.csv");
  return r;
}

void check_description(const std::string& a, const socialcure::table& t, const std::vector<std::string>& vars) {
  const auto d = socialcure::describe_missingness(t, vars);
  ref().check_count(d.n_rows, a, "n_rows");
  REQUIRE(d.per_variable.size() == vars.size());
  for (const auto& v : d.per_variable) {
    ref().check_count(v.n_observed, a, "observed_" + v.variable);
    ref().check_count(v.n_missing, a, "missing_" + v.variable);
    CHECK(v.percent_missing == doctest::Approx(100.0 * static_cast<double>(v.n_missing) / static_cast<double>(d.n_rows)));
  }
  REQUIRE(d.pattern_columns.size() == vars.size());
  for (std::size_t j = 0; j < d.pattern_columns.size(); ++j) {
    ref().check_count(j + 1, a, "position_" + d.pattern_columns[j]);
    ref().check_count(d.missing_per_column[j], a, "column_total_" + d.pattern_columns[j]);
  }
  ref().check_count(d.total_missing, a, "total_missing");
  ref().check_count(d.patterns.size(), a, "n_patterns");
  for (std::size_t k = 0; k < d.patterns.size(); ++k) {
    const std::string pk = "pattern_" + std::to_string(k + 1) + "_";
    ref().check_count(d.patterns[k].count, a, pk + "count");
    ref().check_count(d.patterns[k].n_missing, a, pk + "nmis");
    for (std::size_t j = 0; j < vars.size(); ++j) {
      ref().check_count(d.patterns[k].observed[j] ? 1 : 0, a, pk + d.pattern_columns[j]);
    }
  }
}

void check_moments(const std::string& a, const socialcure::em_result& em, const std::string& prefix, double tol) {
  const auto& v = em.variables;
  for (std::size_t j = 0; j < v.size(); ++j) {
    const auto J = static_cast<Eigen::Index>(j);
    ref().check(em.means(J), a, prefix + "mean_" + v[j], tol);
    for (std::size_t k = 0; k <= j; ++k) {
      const auto K = static_cast<Eigen::Index>(k);
      const double scale = std::sqrt(em.covariance(J, J) * em.covariance(K, K));
      const std::string q = prefix + "cov_" + v[j] + "_" + v[k];
      check_absolute(em.covariance(J, K) / scale, ref()(a, q) / scale, tol, a + " / " + q + " (standardized)",
                     ref().file());
    }
  }
}

void check_em(const std::string& a, const socialcure::table& t, const std::vector<std::string>& vars) {
  const auto em = socialcure::em_moments(t, vars);
  CHECK(em.converged);
  CHECK(em.max_change < 1e-12);
  CHECK(em.message.empty());
  ref().check_count(em.n_used, a, "n_used");
  ref().check_count(em.n_dropped_empty, a, "n_dropped_empty");
  CHECK(em.n_rows == t.rows());
  check_moments(a, em, "", 1e-8);
  check_moments(a, em, "own_em_", 1e-8);
  ref().check(em.loglik, a, "loglik", 1e-9);
  const auto little = socialcure::little_mcar_test(t, vars, em);
  ref().check(little.chi_square, a, "little_d2", 1e-9);
  ref().check(little.df, a, "little_df", 0.0);
  ref().check(little.p, a, "little_p", 1e-9);
  CHECK(little.n_used == em.n_used);
}

}  // namespace

TEST_CASE("describe_missingness: the pattern table as mice::md.pattern orders and counts it") {
  check_description("airquality", air(), air_vars);
  check_description("synthetic", panel(), panel_vars);
  const auto d = socialcure::describe_missingness(air(), air_vars);
  CHECK(d.n_complete == 111);
  CHECK(d.pattern_columns.back() == "ozone");  // most missing last
}

TEST_CASE("em_moments: means, covariances (divisor n) and log-likelihood agree with lavaan's h1 EM") {
  check_em("airquality", air(), air_vars);
  check_em("synthetic", panel(), panel_vars);
}

TEST_CASE("em_moments: complete data gives the sample means and ML covariances in one step") {
  socialcure::table t;
  t.add(socialcure::column("a", std::vector<double>{1, 2, 4, 7}));
  t.add(socialcure::column("b", std::vector<double>{2, 1, 5, 3}));
  const auto em = socialcure::em_moments(t, {"a", "b"});
  CHECK(em.converged);
  CHECK(em.means(0) == doctest::Approx(3.5).epsilon(1e-14));
  CHECK(em.covariance(0, 0) == doctest::Approx(5.25).epsilon(1e-14));  // 21 / 4
  CHECK(em.covariance(0, 1) == doctest::Approx(1.625).epsilon(1e-14));  // (sum of cross-products 6.5) / 4
  CHECK(em.means(1) == doctest::Approx(2.75).epsilon(1e-14));
  CHECK(em.n_patterns == 1);
  const auto little = socialcure::little_mcar_test(t, {"a", "b"}, em);
  CHECK(little.df == 0.0);
  CHECK(socialcure::is_missing(little.p));
}

TEST_CASE("little_mcar_test: airquality's published d^2 = 35.10617 on 14 df") {
  const auto little = socialcure::little_mcar_test(air(), air_vars);
  check_relative(little.chi_square, 35.10617, 2e-7, "airquality published d2");
  CHECK(little.df == 14.0);
  CHECK(little.n_patterns == 4);
}

TEST_CASE("missing data: bad input is an error naming what is wrong") {
  socialcure::table t("bad.csv");
  t.add(socialcure::column("a", std::vector<double>{1, 2, 4, 7, 3}));
  t.add(socialcure::column("b", std::vector<double>{2, socialcure::missing_value, 5, 3, 1}));
  t.add(socialcure::column("c", std::vector<double>{3, socialcure::missing_value, 9, 10, 4}));
  t.add(socialcure::column("none", std::vector<double>(5, socialcure::missing_value)));
  t.add(socialcure::column("flat", std::vector<double>{2, 2, 2, socialcure::missing_value, 2}));
  t.add(socialcure::column("txt", std::vector<std::string>{"x", "y", "z", "w", "v"}));
  CHECK_THROWS_WITH_AS(socialcure::em_moments(t, {"a"}), doctest::Contains("at least 2 variables"),
                       socialcure::argument_error);
  CHECK_THROWS_WITH_AS(socialcure::describe_missingness(t, {"a", "txt"}), doctest::Contains("'txt'"),
                       socialcure::argument_error);
  CHECK_THROWS_WITH_AS(socialcure::em_moments(t, {"a", "a"}), doctest::Contains("named twice"),
                       socialcure::argument_error);
  CHECK_THROWS_AS(socialcure::em_moments(t, {"a", "nosuch"}), socialcure::argument_error);
  try {
    (void)socialcure::em_moments(t, {"a", "none"});
    FAIL("no error for a variable missing for everyone");
  } catch (const socialcure::data_error& e) {
    CHECK(e.where().column == "none");
    CHECK(contains(e.what(), "missing for everyone"));
  }
  CHECK_THROWS_WITH_AS(socialcure::em_moments(t, {"a", "flat"}), doctest::Contains("no variance"),
                       socialcure::data_error);
  // c = a + b where both are observed: the covariance of a, b, c is singular
  try {
    (void)socialcure::em_moments(t, {"a", "b", "c"});
    FAIL("no error for a singular covariance");
  } catch (const socialcure::data_error& e) {
    CHECK(contains(e.what(), "not positive definite"));
    CHECK(contains(e.what(), "a, b, c"));
    CHECK(e.where().column == "c");
  }
  socialcure::em_options bad;
  bad.tolerance = 0.0;
  CHECK_THROWS_AS(bad.validate(), socialcure::argument_error);
}

TEST_CASE("em_moments: EM that does not converge is reported with its iterations, never silent") {
  socialcure::em_options options;
  options.max_iterations = 3;
  CHECK_THROWS_WITH_AS(socialcure::em_moments(panel(), panel_vars, options),
                       doctest::Contains("did not converge in 3 iterations"), socialcure::data_error);
  options.require_convergence = false;
  const auto em = socialcure::em_moments(panel(), panel_vars, options);
  CHECK_FALSE(em.converged);
  CHECK(em.iterations == 3);
  CHECK(contains(em.message, "3 iterations"));
  CHECK(em.max_change > options.tolerance);
}

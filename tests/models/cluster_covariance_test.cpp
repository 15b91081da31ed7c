// Cluster-robust covariances (CR1, CR2 with Satterthwaite df) of OLS and GLM fits against R:
// sandwich::vcovCL(type = "HC1") and clubSandwich::vcovCR(type = "CR2") + coef_test(test =
// "Satterthwaite") + conf_int, from tests/reference/cluster/make_reference.R on its synthetic
// practice data (tests/reference/cluster/data/practices.csv). Tolerance: 1e-7 relative on
// estimates, SEs, covariances, df, p-values and interval limits (agreement is typically ~1e-10:
// SOCIALCURE_REFERENCE_SUMMARY=1 prints the largest error). Then the identities with HC1/HC2
// (one case per cluster) and bad input: missing cluster ids, a single cluster, few clusters.

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "reference_values.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/data/csv.hpp"
#include "socialcure/models/cluster_covariance.hpp"
#include "socialcure/models/glm.hpp"
#include "socialcure/models/ols.hpp"
#include "support.hpp"

namespace {

using namespace socialcure;
using socialcure_test::reference_values;

constexpr double tolerance = 1e-7;

const reference_values& reference() {
  static const reference_values ref = reference_values::load("cluster/cluster.ref.csv");
  return ref;
}

const table& practices() {
  static const table t = socialcure_test::reference_data("cluster/data/practices.csv");
  return t;
}

// R's name of a term: "network[T.N02]" is "networkN02".
std::string r_name(const std::string& term) {
  const auto open = term.find("[T.");
  if (open == std::string::npos) return term;
  return term.substr(0, open) + term.substr(open + 3, term.size() - open - 4);
}

model_spec spec_of(const std::string& response, std::vector<std::string> predictors, const std::string& cluster) {
  model_spec spec;
  spec.response = response;
  spec.predictors = std::move(predictors);
  spec.cluster = cluster;
  return spec;
}

// Coefficients (estimate, SE, df, p, interval) and the lower triangle of the covariance.
void check_fit(const std::string& analysis, cluster_se_type type, const std::vector<coefficient>& coefficients,
               const Eigen::MatrixXd& covariance, std::size_t n, const std::optional<cluster_info>& cluster) {
  const reference_values& ref = reference();
  const std::string t = std::string(to_string(type)) + "_";
  REQUIRE(cluster.has_value());
  CHECK(cluster->type == type);
  ref.check_count(cluster->clusters, analysis, "clusters");
  ref.check_count(n, analysis, "n");
  ref.check_count(static_cast<std::size_t>(covariance.rows()), analysis, "rank");
  for (const coefficient& c : coefficients) {
    const std::string name = r_name(c.term);
    ref.check(c.estimate, analysis, "estimate:" + name, tolerance);
    ref.check(c.se, analysis, t + "se:" + name, tolerance);
    ref.check(c.p, analysis, t + "p:" + name, tolerance);
    ref.check(c.ci_lower, analysis, t + "ci_lower:" + name, tolerance);
    ref.check(c.ci_upper, analysis, t + "ci_upper:" + name, tolerance);
    if (type == cluster_se_type::cr2) {
      ref.check(c.df, analysis, "cr2_df:" + name, tolerance);
    } else {
      CHECK(c.df == static_cast<double>(cluster->clusters - 1));
    }
  }
  for (Eigen::Index i = 0; i < covariance.rows(); ++i) {
    for (Eigen::Index j = 0; j <= i; ++j) {
      const std::string q = t + "cov:" + std::to_string(i + 1) + ":" + std::to_string(j + 1);
      const double theirs = ref(analysis, q);
      // Off-diagonal elements near zero are compared relative to the diagonal's scale.
      const double scale = std::sqrt(covariance(i, i) * covariance(j, j));
      socialcure_test::check_absolute(covariance(i, j), theirs, tolerance * scale, analysis + " / " + q,
                                      ref.file());
    }
  }
}

void check_ols(const std::string& analysis, const model_spec& spec, const std::vector<categorical_term>& cats = {}) {
  for (cluster_se_type type : {cluster_se_type::cr1, cluster_se_type::cr2}) {
    CAPTURE(analysis);
    CAPTURE(to_string(type));
    model_spec s = spec;
    s.categorical = cats;
    ols_options options;
    options.cluster_se = type;
    const ols_result fit = fit_ols(practices(), s, options);
    check_fit(analysis, type, fit.coefficients, fit.covariance, fit.n, fit.cluster);
  }
}

void check_glm(const std::string& analysis, const model_spec& spec, glm_family family) {
  for (cluster_se_type type : {cluster_se_type::cr1, cluster_se_type::cr2}) {
    CAPTURE(analysis);
    CAPTURE(to_string(type));
    glm_options options;
    options.family = family;
    options.cluster_se = type;
    const glm_result fit = fit_glm(practices(), spec, options);
    check_fit(analysis, type, fit.coefficients, fit.covariance, fit.n, fit.cluster);
    for (const coefficient& c : fit.coefficients) {
      CHECK(c.exp_ci_lower == doctest::Approx(std::exp(c.ci_lower)).epsilon(1e-14));
    }
    if (family == glm_family::negative_binomial) reference().check(fit.theta, analysis, "theta", tolerance);
  }
}

const std::vector<std::string> linear_terms = {"groups", "age", "female", "deprivation"};

}  // namespace

TEST_CASE("cluster: OLS CR1 and CR2 agree with sandwich and clubSandwich") {
  check_ols("ols_practice", spec_of("score", linear_terms, "practice"));
  check_ols("ols_network", spec_of("score", linear_terms, "network"));
}

TEST_CASE("cluster: OLS with cluster dummies (I - H_gg singular, the pseudo-inverse) agrees with clubSandwich") {
  check_ols("ols_network_dummies", spec_of("score", {"groups", "age", "network"}, "network"), {{"network", ""}});
}

TEST_CASE("cluster: Poisson with an offset, CR1 and CR2, agrees with sandwich and clubSandwich") {
  model_spec spec = spec_of("visits", {"groups", "age", "deprivation"}, "practice");
  spec.offset = "log_months";
  check_glm("poisson_practice", spec, glm_family::poisson);
  spec.cluster = "network";
  check_glm("poisson_network", spec, glm_family::poisson);
}

TEST_CASE("cluster: negative binomial (theta fixed at its estimate), CR1 and CR2, agrees with R") {
  check_glm("nb_practice", spec_of("visits_nb", linear_terms, "practice"), glm_family::negative_binomial);
  check_glm("nb_network", spec_of("visits_nb", linear_terms, "network"), glm_family::negative_binomial);
}

TEST_CASE("cluster: logistic regression, CR1 and CR2, agrees with R") {
  check_glm("logit_practice", spec_of("referred", linear_terms, "practice"), glm_family::binomial);
  check_glm("logit_network", spec_of("referred", linear_terms, "network"), glm_family::binomial);
}

TEST_CASE("cluster: rows with a missing cluster id are excluded and counted, and the fit agrees with R on the rest") {
  const model_spec spec = spec_of("score", linear_terms, "practice_m");
  const ols_result fit = fit_ols(practices(), spec);
  CHECK(fit.n_excluded == 25);
  REQUIRE(fit.missing_by_column.size() == 1);
  CHECK(fit.missing_by_column[0].column == "practice_m");
  CHECK(fit.missing_by_column[0].rows == 25);
  check_ols("ols_missing_ids", spec);
}

TEST_CASE("cluster: an aliased term (dropped as R's lm does) leaves the other coefficients as R has them") {
  table t = practices();
  std::vector<double> twice(t.rows());
  for (std::size_t i = 0; i < twice.size(); ++i) twice[i] = 2.0 * t.numeric("age")[i];
  t.add(column("age_twice", twice));
  for (cluster_se_type type : {cluster_se_type::cr1, cluster_se_type::cr2}) {
    ols_options options;
    options.cluster_se = type;
    options.on_rank_deficiency = rank_policy::drop;
    const ols_result fit =
        fit_ols(t, spec_of("score", {"groups", "age", "age_twice", "female", "deprivation"}, "practice"), options);
    REQUIRE(fit.aliased_terms == std::vector<std::string>{"age_twice"});
    std::vector<coefficient> kept;
    for (const coefficient& c : fit.coefficients) {
      if (!c.aliased) kept.push_back(c);
    }
    check_fit("ols_practice", type, kept, fit.covariance, fit.n, fit.cluster);
  }
}

TEST_CASE("cluster: CR2 refuses a cluster too large to decompose") {
  const std::size_t n = cr2_max_cluster_size + 2;
  std::vector<double> y(n), x(n), g(n, 1.0);
  for (std::size_t i = 0; i < n; ++i) {
    y[i] = static_cast<double>(i % 7);
    x[i] = static_cast<double>(i % 5);
  }
  g[0] = 2.0;
  table t;
  t.add(column("y", y));
  t.add(column("x", x));
  t.add(column("g", g));
  ols_options cr2;
  cr2.cluster_se = cluster_se_type::cr2;
  const std::string message =
      socialcure_test::message_of<argument_error>([&] { (void)fit_ols(t, spec_of("y", {"x"}, "g"), cr2); });
  CHECK(message.find("use CR1") != std::string::npos);
  CHECK(fit_ols(t, spec_of("y", {"x"}, "g")).cluster->clusters == 2);  // CR1 is fine
}

TEST_CASE("cluster: a cluster column that is also a predictor is counted once among the missing") {
  const table t = parse_csv("y,x,g\n1,1,a\n2,3,a\n3,2,b\n5,4,b\n4,5,\n6,7,c\n7,6,c\n", "mem.csv");
  model_spec spec = spec_of("y", {"x", "g"}, "g");
  spec.categorical = {{"g", ""}};
  const ols_result fit = fit_ols(t, spec);
  CHECK(fit.n == 6);
  REQUIRE(fit.missing_by_column.size() == 1);
  CHECK(fit.missing_by_column[0].rows == 1);
  CHECK(fit.cluster->clusters == 3);
}

TEST_CASE("cluster: one case per cluster gives HC1 (CR1) and, for OLS, HC2 (CR2)") {
  // sandwich's identities: with G = n, G/(G-1) (n-1)/(n-k) = n/(n-k), the HC1 factor; and A_g =
  // (1 - h_ii)^{-1/2}, the HC2 weight.
  table t = practices();
  std::vector<double> ids(t.rows());
  for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = static_cast<double>(i + 1);
  t.add(column("person", ids));
  for (auto [type, hc] : {std::pair{cluster_se_type::cr1, se_type::hc1}, std::pair{cluster_se_type::cr2, se_type::hc2}}) {
    ols_options clustered;
    clustered.cluster_se = type;
    ols_options robust;
    robust.se = hc;
    const ols_result a = fit_ols(t, spec_of("score", linear_terms, "person"), clustered);
    const ols_result b = fit_ols(t, spec_of("score", linear_terms, ""), robust);
    for (std::size_t j = 0; j < a.coefficients.size(); ++j) {
      socialcure_test::check_relative(a.coefficients[j].se, b.coefficients[j].se, 1e-10, a.coefficients[j].term);
    }
  }
}

TEST_CASE("cluster: a single cluster is an error naming the column; fewer than 30 clusters carry a note") {
  const table t = parse_csv("y,x,g\n1,1,a\n2,3,a\n3,2,a\n5,4,a\n", "one.csv");
  const std::string message =
      socialcure_test::message_of<data_error>([&] { (void)fit_ols(t, spec_of("y", {"x"}, "g")); });
  CHECK(message.find("one.csv: column 'g'") != std::string::npos);
  CHECK(message.find("all belong to one cluster ('a')") != std::string::npos);
  glm_options poisson;
  CHECK_THROWS_AS((void)fit_glm(t, spec_of("y", {"x"}, "g"), poisson), data_error);

  auto has_note = [](const std::vector<std::string>& notes) {
    for (const auto& n : notes) {
      if (n.find("fewer than 30") != std::string::npos) return true;
    }
    return false;
  };
  CHECK(has_note(fit_ols(practices(), spec_of("score", linear_terms, "network")).notes));
  CHECK_FALSE(has_note(fit_ols(practices(), spec_of("score", linear_terms, "practice")).notes));
  ols_options cr2;
  cr2.cluster_se = cluster_se_type::cr2;
  CHECK(has_note(fit_ols(practices(), spec_of("score", linear_terms, "network"), cr2).notes));
  CHECK(has_note(fit_glm(practices(), spec_of("visits", linear_terms, "network"), poisson).notes));
}

TEST_CASE("cluster: the Wald F is on (q, G - 1) df, and missing with a note when q > G - 1") {
  const ols_result fit = fit_ols(practices(), spec_of("score", linear_terms, "network"));
  CHECK(fit.wald_f_df1 == 4.0);
  CHECK(fit.wald_f_df2 == 11.0);
  CHECK(fit.wald_f > 0.0);
  model_spec dummies = spec_of("score", {"groups", "age", "network"}, "network");
  dummies.categorical = {{"network", ""}};
  const ols_result wide = fit_ols(practices(), dummies);  // 13 terms, 12 clusters
  CHECK(is_missing(wide.wald_f));
  bool noted = false;
  for (const auto& n : wide.notes) noted = noted || n.find("Wald F test is not reported") != std::string::npos;
  CHECK(noted);
}

TEST_CASE("cluster: bad arguments") {
  ols_options hc3;
  hc3.se = se_type::hc3;
  CHECK_THROWS_AS((void)fit_ols(practices(), spec_of("score", linear_terms, "practice"), hc3), argument_error);
  CHECK_THROWS_AS((void)fit_ols(practices(), spec_of("score", linear_terms, "score")), argument_error);
  CHECK(parse_cluster_se_type("CR2") == cluster_se_type::cr2);
  CHECK(to_string(cluster_se_type::cr1) == "cr1");
  CHECK_THROWS_AS((void)parse_cluster_se_type("cr3"), argument_error);
  cluster_assignment one{"g", {0, 0, 0}, {"a"}};
  const Eigen::MatrixXd x = Eigen::MatrixXd::Ones(3, 1);
  const Eigen::VectorXd r = Eigen::VectorXd::Ones(3);
  const Eigen::MatrixXd bread = Eigen::MatrixXd::Identity(1, 1);
  CHECK_THROWS_AS((void)compute_cluster_covariance(x, r, Eigen::VectorXd(), bread, one, cluster_se_type::cr1),
                  argument_error);
  cluster_assignment two{"g", {0, 1}, {"a", "b"}};
  CHECK_THROWS_AS((void)compute_cluster_covariance(x, r, Eigen::VectorXd(), bread, two, cluster_se_type::cr1),
                  argument_error);
}

// Conditional process models (PROCESS 7, 8, 14, 15, 58, 59) in fit_mediation
// (include/socialcure/analyses/mediation.hpp, mediation_spec::moderated_model).
//
// Reference values: tests/reference/conditional/{point,bootstrap}.ref.csv from
// tests/reference/conditional/make_reference.R (R 4.2.2: lm for every equation, the effects as
// products of lm's coefficients at the type-6 16/50/84th percentiles of W, conditional direct
// effects from vcov(lm) and qt/pt; an own case-resampling percentile bootstrap, B = 50000, with
// kernel-density Monte Carlo SEs `_mcse` of every endpoint); data in tests/reference/conditional/data/.
// Tolerances: point estimates and SEs 1e-9 relative; bootstrap endpoints within 5 combined
// Monte Carlo SEs (ours with B = 20000 has about 1.6x R's MC SE); threads: bit-identical.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "reference_values.hpp"
#include "socialcure/analyses/mediation.hpp"
#include "socialcure/core/error.hpp"

using namespace socialcure;
using socialcure_test::reference_data;
using socialcure_test::reference_values;

namespace {

const reference_values& point_ref() {
  static const reference_values r = reference_values::load("conditional/point.ref.csv");
  return r;
}
const reference_values& boot_ref() {
  static const reference_values r = reference_values::load("conditional/bootstrap.ref.csv");
  return r;
}

mediation_spec garcia_spec(int model) {
  mediation_spec s;
  s.x = "prot2";
  s.mediators = {"respappr"};
  s.y = "liking";
  s.w = "sexism";
  s.moderated_model = model;
  return s;
}

mediation_spec synthetic_spec(int model) {
  mediation_spec s;
  s.x = "x";
  s.mediators = {"m1", "m2"};
  s.y = "y";
  s.w = "w";
  s.covariates = {"c1", "c2"};
  s.moderated_model = model;
  return s;
}

mediation_options quick(std::size_t b = 1000) {
  mediation_options o;
  o.replicates = b;
  o.seed = 16;
  return o;
}

/// Every point quantity of `name` the R script wrote.
void check_points(const mediation_result& r, const std::string& name, bool moderated_c) {
  const auto& ref = point_ref();
  for (std::size_t i = 0; i < 3; ++i) ref.check(r.w_values[i], name, "probe" + std::to_string(i + 1), 1e-12);
  for (std::size_t j = 0; j + 1 < r.equations.size(); ++j) {
    for (std::size_t i = 0; i < r.equations[j].coefficients.size(); ++i) {
      const std::string q = "eq" + std::to_string(j + 1) + "_";
      ref.check(r.equations[j].coefficients[i].estimate, name, q + "b" + std::to_string(i + 1), 1e-9);
      ref.check(r.equations[j].coefficients[i].se, name, q + "se" + std::to_string(i + 1), 1e-9);
    }
  }
  const ols_result& y = r.equations.back();
  for (std::size_t i = 0; i < y.coefficients.size(); ++i) {
    ref.check(y.coefficients[i].estimate, name, "y_b" + std::to_string(i + 1), 1e-9);
    ref.check(y.coefficients[i].se, name, "y_se" + std::to_string(i + 1), 1e-9);
  }
  ref.check(y.r_squared, name, "y_r2", 1e-9);
  const std::size_t k = r.mediators.size();
  for (std::size_t e = 0; e < r.conditional_indirect.size(); ++e) {
    const auto& c = r.conditional_indirect[e];
    const std::string who = c.mediator == "total" ? "total" : "ind" + std::to_string(e / 3 + 1);
    ref.check(c.effect.estimate, name, who + "_w" + std::to_string(e % 3 + 1), 1e-9);
  }
  CHECK(r.conditional_indirect.size() == 3 * (k + (k > 1 ? 1 : 0)));
  for (std::size_t j = 0; j < r.index_of_moderated_mediation.size(); ++j) {
    ref.check(r.index_of_moderated_mediation[j].effect.estimate, name, "index" + std::to_string(j + 1), 1e-9);
  }
  for (std::size_t e = 0; e < r.conditional_contrasts.size(); ++e) {
    static const char* pairs[] = {"2_1", "3_1", "3_2"};
    ref.check(r.conditional_contrasts[e].effect.estimate, name,
              "contrast" + std::to_string(e / 3 + 1) + "_" + pairs[e % 3], 1e-9);
  }
  REQUIRE(r.conditional_direct.size() == (moderated_c ? 3u : 0u));
  for (std::size_t i = 0; i < r.conditional_direct.size(); ++i) {
    const coefficient& d = r.conditional_direct[i].effect;
    const std::string s = std::to_string(i + 1);
    ref.check(d.estimate, name, "direct_w" + s, 1e-9);
    ref.check(d.se, name, "direct_se_w" + s, 1e-9);
    ref.check(d.p, name, "direct_p_w" + s, 1e-8);
    ref.check(d.ci_lower, name, "direct_lo_w" + s, 1e-9);
  }
}

}  // namespace

TEST_CASE("conditional process: Garcia models 7, 14, 58 against lm") {
  const table data = reference_data("conditional/data/garcia.csv");
  for (const int model : {7, 14, 58}) {
    CAPTURE(model);
    const mediation_result r = fit_mediation(data, garcia_spec(model), quick(200));
    CHECK(r.moderated_model == model);
    CHECK(r.n == 129);
    CHECK(r.indirect.empty());
    CHECK(r.index_of_moderated_mediation.size() == (model == 58 ? 0u : 1u));
    check_points(r, "garcia" + std::to_string(model), false);
  }
}

TEST_CASE("conditional process: all six models, 2 mediators, 2 covariates, against lm") {
  const table data = reference_data("conditional/data/synthetic.csv");
  for (const int model : {7, 8, 14, 15, 58, 59}) {
    CAPTURE(model);
    const mediation_result r = fit_mediation(data, synthetic_spec(model), quick(200));
    check_points(r, "synthetic" + std::to_string(model), model == 8 || model == 15 || model == 59);
    // Column order: M equations X (W, X*W) covariates; Y: X, mediators, ...
    CHECK(r.equations.back().coefficients[2].term == "m1");
    CHECK(r.equations.back().coefficients.back().term == "c2");
  }
}

TEST_CASE("conditional process: bootstrap endpoints within Monte Carlo error of R's") {
  const table data = reference_data("conditional/data/garcia.csv");
  const auto& ref = boot_ref();
  for (const int model : {7, 14, 58}) {
    CAPTURE(model);
    const std::string name = "garcia" + std::to_string(model);
    mediation_options o = quick(20000);
    const mediation_result r = fit_mediation(data, garcia_spec(model), o);
    const double ours_factor = std::sqrt(ref(name, "replicates") / 20000.0);
    const auto near = [&](const mediation_effect& e, const std::string& q) {
      CAPTURE(q);
      for (const auto& [end, value] : {std::pair{"lo", e.ci_lower}, std::pair{"hi", e.ci_upper}}) {
        const double mcse = ref(name, q + "_" + end + "_mcse");
        const double tol = 5.0 * mcse * std::sqrt(1.0 + ours_factor * ours_factor);
        CHECK(std::fabs(value - ref(name, q + "_" + end)) <= tol);
      }
      CHECK(std::fabs(e.boot_se - ref(name, q + "_se")) <= 0.03 * ref(name, q + "_se"));
    };
    for (std::size_t i = 0; i < 3; ++i) near(r.conditional_indirect[i].effect, "ind1_w" + std::to_string(i + 1));
    if (model != 58) near(r.index_of_moderated_mediation[0].effect, "index1");
    static const char* pairs[] = {"2_1", "3_1", "3_2"};
    for (std::size_t i = 0; i < 3; ++i) near(r.conditional_contrasts[i].effect, std::string("contrast1_") + pairs[i]);
  }
}

TEST_CASE("conditional process: replicates bit-identical for 1, 2 and 4 threads; Monte Carlo too") {
  const table data = reference_data("conditional/data/synthetic.csv");
  for (const ci_method ci : {ci_method::bca, ci_method::monte_carlo}) {
    std::vector<Eigen::MatrixXd> runs;
    for (const unsigned threads : {1u, 2u, 4u}) {
      mediation_options o = quick(2000);
      o.ci = ci;
      o.threads = threads;
      o.keep_replicates = true;
      const mediation_result r = fit_mediation(data, synthetic_spec(59), o);
      REQUIRE(r.replicate_values.rows() == 2000);
      CHECK(r.conditional_indirect.front().effect.ci_ok);
      runs.push_back(r.replicate_values);
    }
    CHECK((runs[0].array() == runs[1].array()).all());
    CHECK((runs[0].array() == runs[2].array()).all());
  }
}

TEST_CASE("conditional process: contrasts are the index times the distance in linear models") {
  const table data = reference_data("conditional/data/synthetic.csv");
  mediation_options o = quick(500);
  o.keep_replicates = true;
  const mediation_result r = fit_mediation(data, synthetic_spec(7), o);
  // Effect columns: 6 conditional + 3 total + 2 indices + 6 contrasts.
  REQUIRE(r.replicate_values.cols() == 17);
  const double d21 = r.w_values[1] - r.w_values[0];
  const Eigen::VectorXd predicted = r.replicate_values.col(9) * d21;
  CHECK((predicted - r.replicate_values.col(11)).cwiseAbs().maxCoeff() < 1e-10);
}

TEST_CASE("conditional process: dichotomous W gives omega(max) - omega(min) as the index") {
  // prot2 (0/1) moderates respappr -> liking with sexism as X: model 58 has an index then.
  const table data = reference_data("conditional/data/garcia.csv");
  mediation_spec s;
  s.x = "sexism";
  s.mediators = {"respappr"};
  s.y = "liking";
  s.w = "prot2";
  s.moderated_model = 58;
  const mediation_result r = fit_mediation(data, s, quick(200));
  REQUIRE(r.w_dichotomous);
  REQUIRE(r.w_values == std::vector<double>{0.0, 1.0});
  REQUIRE(r.index_of_moderated_mediation.size() == 1);
  const double diff = r.conditional_indirect[1].effect.estimate - r.conditional_indirect[0].effect.estimate;
  CHECK(r.index_of_moderated_mediation[0].effect.estimate == doctest::Approx(diff).epsilon(1e-12));
}

TEST_CASE("conditional process: bad input names the variable") {
  const table data = reference_data("conditional/data/garcia.csv");
  mediation_spec s = garcia_spec(7);
  s.w = "prot2";
  CHECK_THROWS_WITH_AS((void)fit_mediation(data, s, quick(200)), doctest::Contains("'prot2' is also X"), argument_error);
  s.w = "respappr";
  CHECK_THROWS_WITH_AS((void)fit_mediation(data, s, quick(200)), doctest::Contains("is also a mediator"), argument_error);
  s.w = "liking";
  CHECK_THROWS_WITH_AS((void)fit_mediation(data, s, quick(200)), doctest::Contains("is also Y"), argument_error);
  s = garcia_spec(9);
  CHECK_THROWS_WITH_AS((void)fit_mediation(data, s, quick(200)), doctest::Contains("moderated_model 9"), argument_error);
  s = garcia_spec(7);
  s.w.clear();
  CHECK_THROWS_AS((void)fit_mediation(data, s, quick(200)), argument_error);
  s = garcia_spec(0);
  CHECK_THROWS_WITH_AS((void)fit_mediation(data, s, quick(200)), doctest::Contains("needs a moderated_model"), argument_error);
}

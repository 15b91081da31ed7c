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

#include <algorithm>
#include <cmath>
#include <span>
#include <string>
#include <utility>
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

/// Garcia with X = sexism and the dichotomous prot2 (0/1) as W.
mediation_spec garcia_dichotomous_spec(int model) {
  mediation_spec s = garcia_spec(model);
  std::swap(s.x, s.w);
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
  const std::size_t np = r.w_values.size();  // 3 percentiles, or the two values of a dichotomous W
  REQUIRE(np == (r.w_dichotomous ? 2u : 3u));
  for (std::size_t i = 0; i < np; ++i) ref.check(r.w_values[i], name, "probe" + std::to_string(i + 1), 1e-12);
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
    const std::string who = c.mediator == "total" ? "total" : "ind" + std::to_string(e / np + 1);
    ref.check(c.effect.estimate, name, who + "_w" + std::to_string(e % np + 1), 1e-9);
  }
  CHECK(r.conditional_indirect.size() == np * (k + (k > 1 ? 1 : 0)));
  for (std::size_t j = 0; j < r.index_of_moderated_mediation.size(); ++j) {
    ref.check(r.index_of_moderated_mediation[j].effect.estimate, name, "index" + std::to_string(j + 1), 1e-9);
  }
  const std::size_t pairs_per_mediator = np * (np - 1) / 2;
  for (std::size_t e = 0; e < r.conditional_contrasts.size(); ++e) {
    static const char* pairs[] = {"2_1", "3_1", "3_2"};
    ref.check(r.conditional_contrasts[e].effect.estimate, name,
              "contrast" + std::to_string(e / pairs_per_mediator + 1) + "_" + pairs[e % pairs_per_mediator], 1e-9);
  }
  REQUIRE(r.conditional_direct.size() == (moderated_c ? np : 0u));
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
  const mediation_spec s = garcia_dichotomous_spec(58);
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

TEST_CASE("conditional process: centring all / continuous (models 7, 59) against lm on centred data") {
  // R centres the data itself (make_reference.R, `center`), then fits lm. Under "continuous" the
  // dichotomous X (prot2) stays raw. The conditional effects at a centred probe value equal the
  // uncentred model's at the same original-scale value (centring reparametrizes the same fit).
  const table data = reference_data("conditional/data/garcia.csv");
  const auto& ref = point_ref();
  for (const int model : {7, 59}) {
    for (const centering c : {centering::all, centering::continuous}) {
      const std::string name = "garcia" + std::to_string(model) + "_" + std::string(to_string(c));
      CAPTURE(name);
      mediation_spec s = garcia_spec(model);
      s.center = c;
      const mediation_result r = fit_mediation(data, s, quick(200));
      check_points(r, name, model == 59);
      std::vector<std::string> expected;
      if (c == centering::all) expected.push_back("prot2");
      expected.push_back("sexism");
      if (model == 59) expected.push_back("respappr");
      CHECK(r.centred);
      CHECK(r.center == c);
      REQUIRE(r.centred_variables == expected);
      for (std::size_t i = 0; i < expected.size(); ++i) ref.check(r.centred_means[i], name, "mean_" + expected[i], 1e-12);
      const std::string raw = "garcia" + std::to_string(model);
      const double mean_w = ref(name, "mean_sexism");
      for (std::size_t i = 0; i < 3; ++i) {
        const std::string at = std::to_string(i + 1);
        ref.check(r.w_values[i] + mean_w, raw, "probe" + at, 1e-12);
        ref.check(r.conditional_indirect[i].effect.estimate, raw, "ind1_w" + at, 1e-9);
        if (model == 59) {
          ref.check(r.conditional_direct[i].effect.estimate, raw, "direct_w" + at, 1e-9);
          ref.check(r.conditional_direct[i].effect.se, raw, "direct_se_w" + at, 1e-9);
        }
      }
      if (model == 7) ref.check(r.index_of_moderated_mediation[0].effect.estimate, raw, "index1", 1e-9);
    }
  }
  // No centring: nothing listed.
  const mediation_result plain = fit_mediation(data, garcia_spec(7), quick(200));
  CHECK_FALSE(plain.centred);
  CHECK(plain.centred_variables.empty());
}

TEST_CASE("conditional process: BC, BCa and Monte Carlo endpoints within Monte Carlo error of R's (models 7, 58)") {
  // R (make_reference.R): BC and BCa from the same 50,000 bootstrap draws as the percentile
  // reference, with z0 = Phi^-1(share strictly below the estimate), the jackknife acceleration
  // (deviations from the mean of the leave-one-out estimates) and the order-statistic rule of
  // docs/methods/mediation.md sections 8-10; Monte Carlo from 50,000 draws of each equation's
  // coefficients from N(coef(lm), vcov(lm)), equations independent.
  // MC SE argument: an endpoint at level q is an order statistic, SD sqrt(q (1 - q) / B) / f(end)
  // (f a kernel density at the endpoint); for BC and BCa the level itself moves with z0, whose SD
  // is sqrt(p0 (1 - p0) / B) / phi(z0), by dq/dz0 (BC: 2 phi(2 z0 +/- z); BCa: phi(.) (1 + 1 /
  // (1 - a u)^2), u = z0 +/- z), added to the first term (an upper bound, whatever their
  // correlation). R's `_mcse` is that at B_R = 50,000; ours at B = 20,000 is sqrt(B_R / B) = 1.58
  // times it, independent of R's, so |ours - R| has SD mcse sqrt(1 + B_R / B) = 1.87 mcse. We allow
  // 5 of those: with about 80 endpoints compared, a false alarm has probability below 1e-4. The
  // acceleration has no Monte Carlo error: it must agree to 1e-9.
  const table data = reference_data("conditional/data/garcia.csv");
  const auto& ref = boot_ref();
  for (const int model : {7, 58}) {
    for (const ci_method ci : {ci_method::bias_corrected, ci_method::bca, ci_method::monte_carlo}) {
      const std::string name = "garcia" + std::to_string(model);
      const std::string kind = ci == ci_method::bias_corrected ? "bc_" : ci == ci_method::bca ? "bca_" : "mc_";
      CAPTURE(name);
      CAPTURE(kind);
      mediation_options o = quick(20000);
      o.ci = ci;
      const mediation_result r = fit_mediation(data, garcia_spec(model), o);
      const double ratio = ref(name, "replicates") / 20000.0;
      const auto near = [&](const mediation_effect& e, const std::string& q) {
        CAPTURE(q);
        REQUIRE(e.ci_ok);
        for (const auto& [end, value] : {std::pair{"lo", e.ci_lower}, std::pair{"hi", e.ci_upper}}) {
          const double tol = 5.0 * ref(name, kind + q + "_" + end + "_mcse") * std::sqrt(1.0 + ratio);
          CHECK(std::fabs(value - ref(name, kind + q + "_" + end)) <= tol);
        }
        if (ci == ci_method::bca) ref.check(e.acceleration, name, "bca_a_" + q, 1e-9);
      };
      for (std::size_t i = 0; i < 3; ++i) near(r.conditional_indirect[i].effect, "ind1_w" + std::to_string(i + 1));
      if (model == 7) near(r.index_of_moderated_mediation[0].effect, "index1");
      static const char* pairs[] = {"2_1", "3_1", "3_2"};
      for (std::size_t i = 0; i < 3; ++i) near(r.conditional_contrasts[i].effect, std::string("contrast1_") + pairs[i]);
    }
  }
}

TEST_CASE("conditional process: a dichotomous W (0/1) in model 15 against lm and R's bootstrap") {
  // X = sexism, M = respappr, W = prot2 (0/1), Y = liking: W moderates M -> Y and X -> Y. The
  // probes are W's two values; the index is omega(1) - omega(0) = a b3; one contrast (2 - 1).
  const table data = reference_data("conditional/data/garcia.csv");
  const mediation_spec s = garcia_dichotomous_spec(15);
  const mediation_result r = fit_mediation(data, s, quick(20000));
  REQUIRE(r.w_dichotomous);
  REQUIRE(r.w_values == std::vector<double>{0.0, 1.0});
  check_points(r, "garcia15_dichotomous", true);
  REQUIRE(r.index_of_moderated_mediation.size() == 1);
  REQUIRE(r.conditional_contrasts.size() == 1);
  CHECK_FALSE(r.direct_johnson_neyman.has_value());
  CHECK(std::any_of(r.notes.begin(), r.notes.end(),
                    [](const std::string& n) { return n.find("'prot2' is dichotomous") != std::string::npos; }));
  const auto& ref = boot_ref();
  const double ratio = ref("garcia15_dichotomous", "replicates") / 20000.0;
  const auto near = [&](const mediation_effect& e, const std::string& q) {
    CAPTURE(q);
    for (const auto& [end, value] : {std::pair{"lo", e.ci_lower}, std::pair{"hi", e.ci_upper}}) {
      const double tol = 5.0 * ref("garcia15_dichotomous", q + "_" + end + "_mcse") * std::sqrt(1.0 + ratio);
      CHECK(std::fabs(value - ref("garcia15_dichotomous", q + "_" + end)) <= tol);
    }
  };
  near(r.conditional_indirect[0].effect, "ind1_w1");
  near(r.conditional_indirect[1].effect, "ind1_w2");
  near(r.index_of_moderated_mediation[0].effect, "index1");
  near(r.conditional_contrasts[0].effect, "contrast1_2_1");
}

namespace {

/// The Johnson-Neyman points of the direct effect c1 + c3 w by the quadratic formula on the
/// coefficients and covariance of Y's equation, with t* taken from R's interval (R's direct
/// effect minus its lower limit, over its SE), kept within [lo, hi].
std::vector<double> jn_closed_form(const mediation_result& r, const std::string& name, double lo, double hi) {
  const ols_result& y = r.equations.back();
  std::size_t x = 0, xw = 0;
  for (std::size_t i = 0; i < y.coefficients.size(); ++i) {
    if (y.coefficients[i].term == r.x) x = i;
    if (y.coefficients[i].term == r.x + "*" + r.w) xw = i;
  }
  REQUIRE(xw != 0);
  const auto& ref = point_ref();
  const double t = (ref(name, "direct_w1") - ref(name, "direct_lo_w1")) / ref(name, "direct_se_w1");
  const auto xi = static_cast<Eigen::Index>(x);
  const auto wi = static_cast<Eigen::Index>(xw);
  const double c1 = y.coefficients[x].estimate;
  const double c3 = y.coefficients[xw].estimate;
  const double a = c3 * c3 - t * t * y.covariance(wi, wi);
  const double b = 2.0 * (c1 * c3 - t * t * y.covariance(xi, wi));
  const double c = c1 * c1 - t * t * y.covariance(xi, xi);
  const double d = b * b - 4.0 * a * c;
  std::vector<double> out;
  if (d < 0) return out;
  for (const double root : {(-b - std::sqrt(d)) / (2.0 * a), (-b + std::sqrt(d)) / (2.0 * a)}) {
    if (root >= lo && root <= hi) out.push_back(root);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("conditional process: Johnson-Neyman of the conditional direct effect (models 8, 15, 59)") {
  // Against the quadratic formula written above and against R's roots of t(w)^2 = t*^2 by uniroot
  // (make_reference.R, jn_points); the percentage of W values below each point against R's too.
  const auto& ref = point_ref();
  const table synthetic = reference_data("conditional/data/synthetic.csv");
  const std::span<const double> w_syn = synthetic.numeric("w");
  const auto [syn_lo, syn_hi] = std::minmax_element(w_syn.begin(), w_syn.end());
  const table garcia = reference_data("conditional/data/garcia.csv");
  struct jn_case {
    std::string name;
    mediation_spec spec;
    double lo, hi;
    double shift;  ///< centred W: the mean subtracted (its points + shift are the raw model's)
  };
  const std::span<const double> sexism = garcia.numeric("sexism");
  const auto [g_lo, g_hi] = std::minmax_element(sexism.begin(), sexism.end());
  std::vector<jn_case> cases;
  for (const int model : {8, 15, 59}) cases.push_back({"synthetic" + std::to_string(model), synthetic_spec(model), *syn_lo, *syn_hi, 0.0});
  cases.push_back({"garcia59", garcia_spec(59), *g_lo, *g_hi, 0.0});
  mediation_spec centred = garcia_spec(59);
  centred.center = centering::all;
  const double mean_w = ref("garcia59_all", "mean_sexism");
  cases.push_back({"garcia59_all", centred, *g_lo - mean_w, *g_hi - mean_w, mean_w});
  std::size_t points_seen = 0;
  for (const jn_case& c : cases) {
    CAPTURE(c.name);
    const table& data = c.name.starts_with("garcia") ? garcia : synthetic;
    const mediation_result r = fit_mediation(data, c.spec, quick(200));
    REQUIRE(r.direct_johnson_neyman.has_value());
    const johnson_neyman_result& jn = *r.direct_johnson_neyman;
    CHECK(jn.minimum == doctest::Approx(c.lo).epsilon(1e-12));
    CHECK(jn.maximum == doctest::Approx(c.hi).epsilon(1e-12));
    CHECK(jn.df == r.equations.back().df_residual);
    const std::vector<double> closed = jn_closed_form(r, c.name, c.lo, c.hi);
    REQUIRE(jn.points.size() == closed.size());
    REQUIRE(static_cast<double>(jn.points.size()) == ref(c.name, "jn_count"));
    for (std::size_t i = 0; i < closed.size(); ++i) {
      const std::string at = std::to_string(i + 1);
      CHECK(jn.points[i].value == doctest::Approx(closed[i]).epsilon(1e-9));
      ref.check(jn.points[i].value, c.name, "jn_point" + at, 1e-8);
      ref.check(jn.points[i].percent_below, c.name, "jn_below" + at, 1e-12);
      if (c.shift != 0.0) ref.check(jn.points[i].value + c.shift, "garcia59", "jn_point" + at, 1e-8);  // same points, raw W
    }
    points_seen += closed.size();
    CHECK(jn.region.size() == 22);
  }
  CHECK(points_seen >= 2);  // the comparison must not be vacuous
  // No conditional direct effect, no Johnson-Neyman.
  CHECK_FALSE(fit_mediation(synthetic, synthetic_spec(58), quick(200)).direct_johnson_neyman.has_value());
}

namespace {

/// Garcia with one extra numeric column.
table garcia_plus(const std::string& name, std::vector<double> values) {
  table t = reference_data("conditional/data/garcia.csv");
  t.add(column(name, std::move(values)));
  return t;
}

bool has_note(const mediation_result& r, const std::string& text) {
  return std::any_of(r.notes.begin(), r.notes.end(), [&](const std::string& n) { return n.find(text) != std::string::npos; });
}

/// No NaN in any conditional effect, index, contrast or direct effect.
bool all_finite(const mediation_result& r) {
  bool ok = true;
  const auto effect = [&](const mediation_effect& e) { ok = ok && std::isfinite(e.estimate) && std::isfinite(e.boot_se); };
  for (const auto& c : r.conditional_indirect) effect(c.effect);
  for (const auto& c : r.index_of_moderated_mediation) effect(c.effect);
  for (const auto& c : r.conditional_contrasts) effect(c.effect);
  for (const auto& d : r.conditional_direct) ok = ok && std::isfinite(d.effect.estimate) && std::isfinite(d.effect.se);
  return ok;
}

}  // namespace

TEST_CASE("conditional process: bad input is an error or a note naming the variable, never a NaN") {
  const table garcia = reference_data("conditional/data/garcia.csv");
  const std::size_t n = garcia.rows();
  SUBCASE("a moderator with no variance") {
    const table t = garcia_plus("flat", std::vector<double>(n, 3.0));
    mediation_spec s = garcia_spec(7);
    s.w = "flat";
    CHECK_THROWS_WITH_AS((void)fit_mediation(t, s, quick(200)), doctest::Contains("moderator 'flat' does not vary"), data_error);
    s.probe.method = probe_method::values;  // given values do not rescue it
    s.probe.values = {3.0};
    CHECK_THROWS_WITH_AS((void)fit_mediation(t, s, quick(200)), doctest::Contains("'flat' does not vary"), data_error);
  }
  SUBCASE("W equal to X, a mediator, Y or a covariate") {
    mediation_spec s = garcia_spec(59);
    for (const auto& [name, role] : std::vector<std::pair<std::string, std::string>>{
             {"prot2", "X"}, {"respappr", "a mediator"}, {"liking", "Y"}}) {
      s.w = name;
      const std::string expected = "'" + name + "' is also " + role;
      CHECK_THROWS_WITH_AS((void)fit_mediation(garcia, s, quick(200)), doctest::Contains(expected.c_str()), argument_error);
    }
    s = garcia_spec(7);
    s.covariates = {"sexism"};
    CHECK_THROWS_WITH_AS((void)fit_mediation(garcia, s, quick(200)), doctest::Contains("'sexism' is also a covariate"),
                         argument_error);
  }
  SUBCASE("a product term collinear with other terms: W a copy of a covariate") {
    const table t = garcia_plus("sexism_copy", std::vector<double>(garcia.numeric("sexism").begin(), garcia.numeric("sexism").end()));
    mediation_spec s = garcia_spec(7);
    s.covariates = {"sexism_copy"};
    const auto message = [&] {
      try {
        (void)fit_mediation(t, s, quick(200));
      } catch (const data_error& e) {
        return std::string(e.what());
      }
      return std::string("no error");
    }();
    CAPTURE(message);
    CHECK(message.find("the equation of 'respappr'") != std::string::npos);
    CHECK(message.find("rank deficient") != std::string::npos);
    CHECK(message.find("sexism_copy") != std::string::npos);
  }
  SUBCASE("percentile probes with too few distinct values of W") {
    // 3 distinct values, 90% of them 2: the 16th, 50th and 84th percentiles are all 2.
    std::vector<double> coarse(n, 2.0);
    for (std::size_t i = 0; i < 6; ++i) coarse[i] = i % 2 == 0 ? 1.0 : 3.0;
    const table t = garcia_plus("coarse", coarse);
    mediation_spec s = garcia_spec(7);
    s.w = "coarse";
    CHECK_THROWS_WITH_AS((void)fit_mediation(t, s, quick(200)),
                         doctest::Contains("moderator 'coarse' has too few distinct values for percentile probes"), data_error);
    s.probe.method = probe_method::mean_sd;  // the remedy the message names works
    const mediation_result r = fit_mediation(t, s, quick(200));
    CHECK(r.w_values.size() == 3);
    CHECK(all_finite(r));
    // Two of three percentiles coinciding: probed once, with a note naming W.
    std::vector<double> lumpy(n, 2.0);
    for (std::size_t i = 0; i < n / 3; ++i) lumpy[i] = 1.0 + static_cast<double>(i % 7) * 0.1;
    const table u = garcia_plus("lumpy", lumpy);
    mediation_spec v = garcia_spec(7);
    v.w = "lumpy";
    const mediation_result rl = fit_mediation(u, v, quick(200));
    CHECK(rl.w_values.size() == 2);
    CHECK(has_note(rl, "percentile of 'lumpy' equals the previous probe value"));
    CHECK(all_finite(rl));
  }
  SUBCASE("a given probe value far outside the data: allowed, with a note") {
    mediation_spec s = garcia_spec(59);
    s.probe.method = probe_method::values;
    s.probe.values = {5.0, 60.0};  // sexism lies in [2.87, 7]
    const mediation_result r = fit_mediation(garcia, s, quick(200));
    REQUIRE(r.w_values == std::vector<double>{5.0, 60.0});
    CHECK(has_note(r, "probe value 60 of 'sexism' is outside the observed range"));
    CHECK_FALSE(has_note(r, "probe value 5 of"));
    CHECK(all_finite(r));
    CHECK(r.conditional_contrasts.size() == 1);
  }
}

TEST_CASE("conditional process: the band is the conditional indirect effect on a grid of W, from the same replicates") {
  // Model 58 (quadratic in W) and model 7 (linear) on Garcia. The band's values of W are the
  // equally spaced grid from W's smallest to its largest value; probing W at exactly those values
  // must give the same estimates and interval endpoints bit for bit (one pass of replicates serves
  // every effect), and asking for a band must leave every other effect unchanged.
  const table data = reference_data("conditional/data/garcia.csv");
  const std::span<const double> sexism = data.numeric("sexism");
  const auto [lo, hi] = std::minmax_element(sexism.begin(), sexism.end());
  for (const int model : {7, 58}) {
    CAPTURE(model);
    mediation_options banded = quick(500);
    banded.band_points = 5;
    banded.ci = ci_method::bca;
    const mediation_result r = fit_mediation(data, garcia_spec(model), banded);
    REQUIRE(r.conditional_indirect_band.size() == 5);
    CHECK(r.conditional_indirect_band.front().w == *lo);
    CHECK(r.conditional_indirect_band.back().w == *hi);
    mediation_spec at_grid = garcia_spec(model);
    at_grid.probe.method = probe_method::values;
    for (const auto& b : r.conditional_indirect_band) at_grid.probe.values.push_back(b.w);
    mediation_options plain = banded;
    plain.band_points = 0;
    const mediation_result g = fit_mediation(data, at_grid, plain);
    REQUIRE(g.conditional_indirect.size() == 5);
    CHECK(g.conditional_indirect_band.empty());
    for (std::size_t i = 0; i < 5; ++i) {
      CAPTURE(i);
      const mediation_effect& band = r.conditional_indirect_band[i].effect;
      const mediation_effect& probed = g.conditional_indirect[i].effect;
      CHECK(r.conditional_indirect_band[i].mediator == "respappr");
      CHECK(r.conditional_indirect_band[i].w == g.conditional_indirect[i].w);
      CHECK(band.estimate == probed.estimate);
      CHECK(band.ci_lower == probed.ci_lower);
      CHECK(band.ci_upper == probed.ci_upper);
      CHECK(band.boot_se == probed.boot_se);
    }
    const mediation_result unbanded = fit_mediation(data, garcia_spec(model), plain);
    REQUIRE(unbanded.conditional_indirect.size() == r.conditional_indirect.size());
    for (std::size_t i = 0; i < r.conditional_indirect.size(); ++i) {
      CHECK(unbanded.conditional_indirect[i].effect.ci_lower == r.conditional_indirect[i].effect.ci_lower);
      CHECK(unbanded.conditional_indirect[i].effect.ci_upper == r.conditional_indirect[i].effect.ci_upper);
    }
  }
  mediation_options one = quick(500);
  one.band_points = 1;
  CHECK_THROWS_WITH_AS(fit_mediation(data, garcia_spec(7), one),
                       doctest::Contains("band_points is 1 (allowed: 0 for no band, or 2 to 1000"), argument_error);
  // A dichotomous W has no band: its two values are the conditional effects.
  mediation_options dich = quick(500);
  dich.band_points = 5;
  CHECK(fit_mediation(data, garcia_dichotomous_spec(15), dich).conditional_indirect_band.empty());
}

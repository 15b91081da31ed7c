// Sensitivity of the ACME to rho (include/socialcure/analyses/mediation_sensitivity.hpp).
//
// Reference values: tests/reference/mediation_sensitivity/point.ref.csv from
// tests/reference/mediation_sensitivity/make_reference.R (R 4.2.2, our own R code): the closed
// forms from lm fits (without X*M in IKY's reduced-form version, rho~ = cor of the reduced-form
// residuals), the ML estimate with rho fixed by optim(), an iterated feasible-GLS SUR with rho
// fixed (as medsens), the delta-method SE written out, and a simulation of 4000 fresh samples
// from the continuous-X data-generating model. Data: tests/reference/mediation/data/tal_or.csv
// (Tal-Or et al. 2010) and tests/reference/mediation_sensitivity/data/synthetic.csv.
// Tolerances: closed forms and delta SEs 1e-10 relative; the root 1e-12; optim's ML 1e-6
// (its own convergence); SUR 1e-4 (medsens-like iterations); the simulation's SD against the mean
// delta-method SE within 3 Monte Carlo SEs.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <optional>
#include <utility>
#include <string>

#include "reference_values.hpp"
#include "socialcure/analyses/mediation.hpp"
#include "socialcure/analyses/mediation_sensitivity.hpp"
#include "socialcure/core/error.hpp"

using namespace socialcure;
using socialcure_test::reference_data;
using socialcure_test::reference_values;

namespace {

const reference_values& ref() {
  static const reference_values r = reference_values::load("mediation_sensitivity/point.ref.csv");
  return r;
}

const table& tal_or() {
  static const table t = reference_data("mediation/data/tal_or.csv");
  return t;
}

const table& synthetic() {
  static const table t = reference_data("mediation_sensitivity/data/synthetic.csv");
  return t;
}

const char* const rho_labels[] = {"-0.90", "-0.50", "-0.20", "+0.00", "+0.10", "+0.30", "+0.60", "+0.95"};
const double rho_values[] = {-0.9, -0.5, -0.2, 0.0, 0.1, 0.3, 0.6, 0.95};

void check_curve(const mediation_sensitivity_result& r, const acme_sensitivity_curve& c, const std::string& a) {
  constexpr double tol = 1e-10;
  CHECK(r.n == ref().count(a, "n"));
  ref().check(c.a, a, "a", tol);
  ref().check(c.b, a, "b", tol);
  ref().check(c.sigma_ratio, a, "sigma_ratio", tol);
  ref().check(c.acme_at_independence, a, "acme_rho0", tol);
  ref().check(c.rho_at_zero, a, "rho_at_zero", 1e-12);
  if (ref().has(a, "rho_tilde")) ref().check(c.rho_at_zero, a, "rho_tilde", 1e-12);
  ref().check(r.r2_mediator, a, "r2_mediator", tol);
  ref().check(r.r2_outcome, a, "r2_outcome", tol);
  ref().check(c.r2_product_at_zero, a, "r2_product_at_zero", 1e-12);
  ref().check(c.r2_total_product_at_zero, a, "r2_total_product_at_zero", 1e-12);
  for (std::size_t k = 0; k < std::size(rho_values); ++k) {
    const acme_sensitivity_point p = acme_at_rho(c, rho_values[k], 0.95);
    ref().check(p.acme, a, std::string("acme:") + rho_labels[k], tol);
    ref().check(p.se, a, std::string("se:") + rho_labels[k], tol);
    CHECK(p.ci_lower == doctest::Approx(p.acme - 1.959963984540054 * p.se).epsilon(1e-14));
  }
  for (const char* label : {"-0.50", "+0.00", "+0.30", "+0.60"}) {
    const double rho = std::stod(label);
    const double acme = acme_at_rho(c, rho, 0.95).acme;
    const double scale = std::fabs(c.acme_at_independence);
    socialcure_test::check_absolute(acme, ref()(a, std::string("ml_acme:") + label), 1e-6 * scale,
                                    a + " / ml_acme:" + label, ref().file());
    socialcure_test::check_absolute(acme, ref()(a, std::string("sur_acme:") + label), 1e-4 * scale,
                                    a + " / sur_acme:" + label, ref().file());
  }
  // The curve is zero at its root, and its grid point at rho = 0 is the product a b.
  CHECK(std::fabs(acme_at_rho(c, c.rho_at_zero, 0.95).acme) < 1e-13 * std::fabs(c.acme_at_independence));
  const auto zero = std::find_if(c.points.begin(), c.points.end(), [](const auto& p) { return p.rho == 0.0; });
  REQUIRE(zero != c.points.end());
  CHECK(zero->acme == doctest::Approx(c.acme_at_independence).epsilon(1e-14));
}

}  // namespace

TEST_CASE("mediation_sensitivity: Tal-Or et al., from the fitted PROCESS model 4, against R") {
  mediation_spec spec;
  spec.x = "cond";
  spec.mediators = {"pmi"};
  spec.y = "reaction";
  mediation_options o;
  o.replicates = 100;
  o.seed = 1;
  for (const bool covariates : {false, true}) {
    if (covariates) spec.covariates = {"gender", "age"};
    const mediation_result m = fit_mediation(tal_or(), spec, o);
    const mediation_sensitivity_result r = mediation_sensitivity(m);
    REQUIRE(r.curves.size() == 1);
    check_curve(r, r.curves[0], covariates ? "tal_or_covariates" : "tal_or");
    CHECK(r.curves[0].label == "acme");
    // At rho = 0: the indirect effect and its first-order Sobel SE.
    CHECK(r.curves[0].acme_at_independence == doctest::Approx(m.indirect[0].estimate).epsilon(1e-13));
    CHECK(acme_at_rho(r.curves[0], 0.0, 0.95).se == doctest::Approx(m.indirect[0].sobel_se).epsilon(1e-12));
    CHECK(r.covariates == spec.covariates);
  }
}

TEST_CASE("mediation_sensitivity: the grid") {
  mediation_sensitivity_spec spec{"x", "m", "y", {"c1", "c2"}, false, std::nullopt};
  const auto r = fit_mediation_sensitivity(synthetic(), spec);
  const auto& points = r.curves[0].points;
  REQUIRE(points.size() == 199);
  CHECK(points.front().rho == doctest::Approx(-0.99).epsilon(1e-15));
  CHECK(points.back().rho == doctest::Approx(0.99).epsilon(1e-15));
  CHECK(points[99].rho == 0.0);
  CHECK(points[140].rho == 0.41);
  CHECK(points[129].rho == 0.3);
  mediation_sensitivity_options coarse;
  coarse.rho_step = 0.1;
  coarse.level = 0.9;
  const auto c = fit_mediation_sensitivity(synthetic(), spec, coarse);
  CHECK(c.curves[0].points.size() == 19);  // -0.9, ..., 0.9 as medsens's default grid
  CHECK(c.curves[0].points[12].rho == 0.3);
  CHECK(c.level == 0.9);
  const auto& p = c.curves[0].points[9];
  CHECK(p.ci_upper - p.acme == doctest::Approx(1.6448536269514722 * p.se).epsilon(1e-12));
  coarse.rho_step = 0.3;
  CHECK(fit_mediation_sensitivity(synthetic(), spec, coarse).curves[0].points.size() == 7);  // +/-0.9, 0.6, 0.3, 0
}

TEST_CASE("mediation_sensitivity: synthetic data with and without X*M, binary and continuous X, against R") {
  mediation_sensitivity_spec spec{"x", "m", "y", {"c1", "c2"}, false, std::nullopt};
  const auto additive = fit_mediation_sensitivity(synthetic(), spec);
  check_curve(additive, additive.curves[0], "synthetic_additive");
  spec.interaction = true;
  const auto both = fit_mediation_sensitivity(synthetic(), spec);
  REQUIRE(both.curves.size() == 2);
  CHECK(both.interaction);
  CHECK(both.curves[0].label == "acme_control");
  CHECK(both.curves[1].label == "acme_treated");
  check_curve(both, both.curves[0], "synthetic_control");
  check_curve(both, both.curves[1], "synthetic_treated");
  mediation_sensitivity_spec dose{"dose", "md", "yd", {"c1"}, true, std::pair{2.0, 3.5}};
  const auto d = fit_mediation_sensitivity(synthetic(), dose);
  CHECK(d.x0 == 2.0);
  CHECK(d.x1 == 3.5);
  CHECK(d.curves[0].contrast == 1.5);
  check_curve(d, d.curves[0], "dose_control");
  check_curve(d, d.curves[1], "dose_treated");
}

TEST_CASE("mediation_sensitivity: the delta-method SE is the sampling SD (R simulation of the model)") {
  // An R-only check of the formula the library implements (the library's SEs match R's formula
  // above): over 4000 fresh samples, the mean delta-method SE against the SD of the estimates.
  for (const char* label : {"-0.50", "+0.00", "+0.30", "+0.60"}) {
    const double sd = ref()("dose_treated", std::string("sim_sd:") + label);
    const double mcse = ref()("dose_treated", std::string("sim_sd_mcse:") + label);
    const double mean_se = ref()("dose_treated", std::string("sim_mean_delta_se:") + label);
    CHECK_MESSAGE(std::fabs(mean_se - sd) < 3.0 * mcse, label << ": mean delta SE " << mean_se << ", SD " << sd);
  }
}

TEST_CASE("mediation_sensitivity: bad input") {
  mediation_sensitivity_options bad;
  bad.rho_step = 0.0;
  CHECK_THROWS_AS(bad.validate(), argument_error);
  bad.rho_step = 0.6;
  CHECK_THROWS_AS(bad.validate(), argument_error);
  bad.rho_step = 0.1;
  bad.level = 1.0;
  CHECK_THROWS_AS(bad.validate(), argument_error);
  mediation_sensitivity_spec spec{"x", "m", "y", {"x"}, false, std::nullopt};
  CHECK_THROWS_WITH_AS((void)fit_mediation_sensitivity(synthetic(), spec), doctest::Contains("'x' is used twice"),
                       argument_error);
  spec.covariates.clear();
  spec.x_values = std::pair{1.0, 1.0};
  CHECK_THROWS_AS((void)fit_mediation_sensitivity(synthetic(), spec), argument_error);
  spec.x_values.reset();
  spec.mediator = "nope";
  CHECK_THROWS_AS((void)fit_mediation_sensitivity(synthetic(), spec), argument_error);
  const auto r = fit_mediation_sensitivity(synthetic(), {"x", "m", "y", {}, false, std::nullopt});
  CHECK_THROWS_AS((void)acme_at_rho(r.curves[0], 1.0, 0.95), argument_error);
  // Serial or two mediators: not this analysis.
  mediation_spec two;
  two.x = "cond";
  two.mediators = {"pmi", "import"};
  two.y = "reaction";
  mediation_options o;
  o.replicates = 100;
  o.seed = 1;
  CHECK_THROWS_WITH_AS((void)mediation_sensitivity(fit_mediation(tal_or(), two, o)),
                       doctest::Contains("PROCESS model 4 with one mediator"), argument_error);
}

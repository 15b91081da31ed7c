// Mediation with a count or binary outcome (include/socialcure/analyses/natural_effects.hpp).
//
// Reference values: tests/reference/natural_effects/point.ref.csv from
// tests/reference/natural_effects/make_reference.R (R 4.2.2: lm for the mediators, MASS::glm.nb
// and glm for the outcome, the effects written out path by path; the logit integrals by R's
// integrate() per person; a brute-force simulation of the counterfactual counts); data in
// tests/reference/natural_effects/data/. Tolerances: coefficients 1e-8 relative (IRLS stopping
// rules differ), effects 1e-8 (log link) and 1e-8 (logit: 40-point Gauss-Hermite against
// integrate()); the simulation within 4 of its Monte Carlo SEs; threads: bit-identical.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "reference_values.hpp"
#include "socialcure/analyses/natural_effects.hpp"
#include "socialcure/core/error.hpp"

using namespace socialcure;
using socialcure_test::reference_data;
using socialcure_test::reference_values;

namespace {

const reference_values& ref() {
  static const reference_values r = reference_values::load("natural_effects/point.ref.csv");
  return r;
}

mediation_options few_replicates(unsigned threads = 1) {
  mediation_options o;
  o.replicates = 40;
  o.seed = 17;
  o.threads = threads;
  return o;
}

const mediation_effect& effect(const std::vector<mediation_effect>& effects, const std::string& label) {
  for (const auto& e : effects) {
    if (e.label == label) return e;
  }
  FAIL("no effect " << label);
  return effects.front();
}

void check_equation(const std::string& analysis, const std::string& name, const std::vector<coefficient>& coefficients) {
  for (const auto& c : coefficients) ref().check(c.estimate, analysis, name + ":" + c.term, 1e-8);
}

void check_effects(const glm_mediation_result& r, const std::string& analysis, double tolerance) {
  ref().check(r.x0 == 0.0 ? 0.0 : r.x0, analysis, "x0", 1e-12);
  ref().check(r.x1, analysis, "x1", 1e-12);
  ref().check(effect(r.ratio_effects, "nde").estimate, analysis, "nde", tolerance);
  ref().check(effect(r.ratio_effects, "nie").estimate, analysis, "nie", tolerance);
  ref().check(effect(r.ratio_effects, "total").estimate, analysis, "ratio_total", tolerance);
  ref().check(effect(r.ratio_effects, "prop_mediated").estimate, analysis, "prop_mediated", tolerance);
  for (const char* q : {"acme_control", "acme_treated", "acme_average", "ade_control", "ade_treated", "ade_average", "total",
                        "prop_mediated_average"}) {
    ref().check(effect(r.causal_effects, q).estimate, analysis, q, tolerance);
  }
}

glm_mediation_spec serial_spec() {
  glm_mediation_spec s;
  s.x = "groups";
  s.mediators = {"belong", "lonely"};
  s.y = "visits";
  s.covariates = {"age"};
  s.model = mediation_model::serial;
  s.family = glm_family::negative_binomial;
  return s;
}

glm_mediation_spec parallel_spec() {
  glm_mediation_spec s;
  s.x = "prescribed";
  s.mediators = {"m1", "m2"};
  s.y = "y";
  s.covariates = {"c1"};
  s.family = glm_family::poisson;
  s.offset = "log_months";
  s.interaction = true;
  return s;
}

}  // namespace

TEST_CASE("a serial chain to a negative binomial count: coefficients, products and natural effects as R's") {
  const auto data = reference_data("natural_effects/data/serial_count.csv");
  const glm_mediation_result r = fit_glm_mediation(data, serial_spec(), few_replicates());
  const std::string a = "nb_serial";
  CHECK(r.n == 630);
  CHECK(r.x_values_rule == "mean -> mean + SD");
  REQUIRE(r.mediator_equations.size() == 2);
  check_equation(a, "belong", r.mediator_equations[0].coefficients);
  check_equation(a, "lonely", r.mediator_equations[1].coefficients);
  check_equation(a, "visits", r.outcome.coefficients);
  ref().check(r.outcome.theta, a, "theta", 1e-7);
  REQUIRE(r.products.size() == 4);
  ref().check(r.products[0].estimate, a, "ind1", 1e-8);
  ref().check(r.products[1].estimate, a, "ind2", 1e-8);
  ref().check(r.products[2].estimate, a, "ind3", 1e-8);
  CHECK(r.products[3].estimate == doctest::Approx(r.products[0].estimate + r.products[1].estimate + r.products[2].estimate));
  check_effects(r, a, 1e-8);
  // Without an interaction the indirect rate ratio is exp(total product of coefficients) x (x1 - x0)
  // (VanderWeele's log-linear result), a check that needs no R.
  CHECK(std::log(effect(r.ratio_effects, "nie").estimate) ==
        doctest::Approx(r.products[3].estimate * (r.x1 - r.x0)).epsilon(1e-12));
  // The closed form against R's brute-force simulation of the counterfactual counts.
  const double se = ref()("nb_serial", "sim_acme_average_se");
  CHECK(std::fabs(effect(r.causal_effects, "acme_average").estimate - ref()("nb_serial", "sim_acme_average")) < 4 * se);
}

TEST_CASE("parallel mediators, a Poisson count with an offset and X*M interactions: effects as R's") {
  const auto data = reference_data("natural_effects/data/parallel.csv");
  const glm_mediation_result r = fit_glm_mediation(data, parallel_spec(), few_replicates());
  const std::string a = "poisson_parallel_offset";
  CHECK(r.x_values_rule == "0 -> 1");
  check_equation(a, "m1", r.mediator_equations[0].coefficients);
  check_equation(a, "m2", r.mediator_equations[1].coefficients);
  for (const auto& c : r.outcome.coefficients) {
    // R names the products prescribed:m1; so do we.
    ref().check(c.estimate, a, "y:" + c.term, 1e-8);
  }
  CHECK(r.products.empty());
  check_effects(r, a, 1e-8);
}

TEST_CASE("one mediator and a logistic outcome with an X*M interaction: Gauss-Hermite against integrate()") {
  const auto data = reference_data("natural_effects/data/parallel.csv");
  glm_mediation_spec s;
  s.x = "prescribed";
  s.mediators = {"m1"};
  s.y = "ybin";
  s.covariates = {"c1"};
  s.family = glm_family::binomial;
  s.interaction = true;
  const glm_mediation_result r = fit_glm_mediation(data, s, few_replicates());
  check_equation("logit_single", "m1", r.mediator_equations[0].coefficients);
  check_equation("logit_single", "ybin", r.outcome.coefficients);
  check_effects(r, "logit_single", 1e-8);
}

TEST_CASE("the bootstrap of a GLM-outcome mediation is the same for any number of threads") {
  const auto data = reference_data("natural_effects/data/serial_count.csv");
  const glm_mediation_result one = fit_glm_mediation(data, serial_spec(), few_replicates(1));
  const glm_mediation_result two = fit_glm_mediation(data, serial_spec(), few_replicates(2));
  CHECK(two.replicates.threads_used == 2);
  REQUIRE(one.causal_effects.size() == two.causal_effects.size());
  for (std::size_t e = 0; e < one.causal_effects.size(); ++e) {
    CHECK(one.causal_effects[e].ci_lower == two.causal_effects[e].ci_lower);
    CHECK(one.causal_effects[e].ci_upper == two.causal_effects[e].ci_upper);
    CHECK(one.causal_effects[e].boot_se == two.causal_effects[e].boot_se);
  }
  // An interval is formed and holds the estimate.
  const auto& acme = one.causal_effects[2];
  CHECK(acme.ci_ok);
  CHECK(acme.ci_lower < acme.estimate);
  CHECK(acme.estimate < acme.ci_upper);
}

TEST_CASE("bootstrap intervals of the negative binomial chain agree with an R bootstrap within Monte Carlo error") {
  // bootstrap.ref.csv (make_bootstrap_reference.R): boot::boot, 2,000 resamples, every model
  // refitted by lm and MASS::glm.nb; each endpoint with its Monte Carlo SE. Ours: 2,000 other
  // resamples, so the two endpoints differ by about sqrt(2) times that SE; allowed 4 of those.
  static const reference_values boot = reference_values::load("natural_effects/bootstrap.ref.csv");
  const auto data = reference_data("natural_effects/data/serial_count.csv");
  mediation_options o;
  o.replicates = 2000;
  o.seed = 5;
  const glm_mediation_result r = fit_glm_mediation(data, serial_spec(), o);
  CHECK(r.replicates.discarded == 0);
  const std::vector<std::pair<const mediation_effect*, std::string>> pairs = {
      {&effect(r.ratio_effects, "nde"), "nde"},
      {&effect(r.ratio_effects, "nie"), "nie"},
      {&effect(r.ratio_effects, "total"), "total_ratio"},
      {&effect(r.causal_effects, "acme_average"), "acme_average"},
      {&effect(r.causal_effects, "total"), "total"}};
  for (const auto& [e, q] : pairs) {
    for (const auto& [ours, side] : {std::pair{e->ci_lower, std::string("ci_lower")}, std::pair{e->ci_upper, std::string("ci_upper")}}) {
      const double theirs = boot("boot_nb_serial", q + ":" + side);
      const double allowed = 4.0 * std::sqrt(2.0) * boot("boot_nb_serial", q + ":" + side + "_mc_se");
      CHECK_MESSAGE(std::fabs(ours - theirs) < allowed, q << " " << side << ": ours " << ours << ", R " << theirs);
    }
    CHECK(e->boot_se == doctest::Approx(boot("boot_nb_serial", q + ":boot_se")).epsilon(0.1));
  }
}

TEST_CASE("GLM-outcome mediation rejects what it cannot fit, naming it") {
  const auto data = reference_data("natural_effects/data/parallel.csv");
  glm_mediation_spec s = parallel_spec();
  s.x_values = std::make_pair(1.0, 1.0);
  CHECK_THROWS_WITH_AS(fit_glm_mediation(data, s, few_replicates()), doctest::Contains("x0 and x1 must differ"),
                       argument_error);
  s = parallel_spec();
  s.family = glm_family::binomial;
  CHECK_THROWS_WITH_AS(fit_glm_mediation(data, s, few_replicates()), doctest::Contains("offset"), argument_error);
  s = parallel_spec();
  s.offset.clear();
  s.y = "log_months";  // not a count
  CHECK_THROWS_WITH_AS(fit_glm_mediation(data, s, few_replicates()), doctest::Contains("log_months"), data_error);
  s = parallel_spec();
  mediation_options mc = few_replicates();
  mc.ci = ci_method::monte_carlo;
  CHECK_THROWS_WITH_AS(fit_glm_mediation(data, s, mc), doctest::Contains("percentile or bias-corrected"), argument_error);
}

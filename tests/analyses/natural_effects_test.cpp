// Mediation with a count or binary outcome (include/socialcure/analyses/natural_effects.hpp).
//
// Reference values: tests/reference/natural_effects/point.ref.csv from
// tests/reference/natural_effects/make_reference.R (R 4.2.2: lm for the mediators, MASS::glm.nb
// and glm for the outcome, the effects written out path by path; the logit integrals by R's
// integrate() per person; a brute-force simulation of the counterfactual counts); probit.ref.csv,
// bca.ref.csv and monte_carlo.ref.csv from make_probit_reference.R, make_bca_reference.R and
// make_monte_carlo_reference.R (each test says what they compute); data in
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

using named_effects = std::vector<std::pair<const mediation_effect*, std::string>>;

/// The effects of `r` that the R scripts write, by their names there (`all`: also acme_control,
/// ade_average and prop_mediated_average, which make_bootstrap_reference.R does not write).
named_effects r_names(const glm_mediation_result& r, bool all) {
  named_effects out = {{&effect(r.ratio_effects, "nde"), "nde"},
                       {&effect(r.ratio_effects, "nie"), "nie"},
                       {&effect(r.ratio_effects, "total"), "total_ratio"},
                       {&effect(r.causal_effects, "acme_average"), "acme_average"},
                       {&effect(r.causal_effects, "total"), "total"}};
  if (!r.products.empty()) out.push_back({&r.products[0], "ind1"});
  for (const char* q : {"acme_control", "ade_average", "prop_mediated_average"}) {
    if (all) out.push_back({&effect(r.causal_effects, q), q});
  }
  return out;
}

/// Each endpoint against R's (quantities "Q:ci_lower", "Q:ci_upper") within `widen` x 4 of R's
/// Monte Carlo SE of it ("..._mc_se").
void check_endpoints(const reference_values& ref_values, const std::string& analysis, const mediation_effect& e,
                     const std::string& q, double widen) {
  for (const auto& [ours, side] : {std::pair{e.ci_lower, std::string("ci_lower")}, std::pair{e.ci_upper, std::string("ci_upper")}}) {
    const double theirs = ref_values(analysis, q + ":" + side);
    const double allowed = 4.0 * widen * ref_values(analysis, q + ":" + side + "_mc_se");
    CHECK_MESSAGE(std::fabs(ours - theirs) < allowed, analysis << " " << q << " " << side << ": ours " << ours << ", R "
                                                                << theirs << ", allowed " << allowed);
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

/// The serial chain of serial_count.csv with `replicates` replicates of `ci` from `seed`.
glm_mediation_result serial_run(std::size_t replicates, std::uint64_t seed, ci_method ci) {
  mediation_options o;
  o.replicates = replicates;
  o.seed = seed;
  o.ci = ci;
  return fit_glm_mediation(reference_data("natural_effects/data/serial_count.csv"), serial_spec(), o);
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

namespace {

const reference_values& probit_ref() {
  static const reference_values r = reference_values::load("natural_effects/probit.ref.csv");
  return r;
}

glm_mediation_spec probit_spec(std::vector<std::string> mediators, bool interaction) {
  glm_mediation_spec s;
  s.x = "prescribed";
  s.mediators = std::move(mediators);
  s.y = "ybin";
  s.covariates = {"c1"};
  s.family = glm_family::binomial;
  s.link = glm_link::probit;
  s.interaction = interaction;
  return s;
}

void check_probit(const glm_mediation_result& r, const std::string& analysis) {
  for (std::size_t j = 0; j < r.mediators.size(); ++j) {
    for (const auto& c : r.mediator_equations[j].coefficients) {
      probit_ref().check(c.estimate, analysis, r.mediators[j] + ":" + c.term, 1e-8);
    }
  }
  for (const auto& c : r.outcome.coefficients) probit_ref().check(c.estimate, analysis, "ybin:" + c.term, 1e-8);
  for (const char* q : {"acme_control", "acme_treated", "acme_average", "ade_control", "ade_treated", "ade_average", "total",
                        "prop_mediated_average"}) {
    probit_ref().check(effect(r.causal_effects, q).estimate, analysis, q, 1e-8);
  }
  CHECK(r.ratio_effects.empty());
  CHECK(r.link == glm_link::probit);
}

}  // namespace

TEST_CASE("a probit outcome: the closed form Phi((eta + b mu) / sqrt(1 + b^2 sigma^2)) against integrate()") {
  // probit.ref.csv (make_probit_reference.R): glm(binomial(link = "probit")), each person's
  // integral by integrate(); 1e-8 relative; and a brute-force simulation within 4 of its SEs.
  const auto data = reference_data("natural_effects/data/parallel.csv");
  const glm_mediation_result single = fit_glm_mediation(data, probit_spec({"m1"}, true), few_replicates());
  check_probit(single, "probit_single");
  CHECK(std::fabs(effect(single.causal_effects, "acme_average").estimate - probit_ref()("probit_single", "sim_acme_average")) <
        4 * probit_ref()("probit_single", "sim_acme_average_se"));
  bool noted = false;
  for (const auto& n : single.notes) noted = noted || n.find("no ratio effects") != std::string::npos;
  CHECK(noted);
  const glm_mediation_result parallel = fit_glm_mediation(data, probit_spec({"m1", "m2"}, false), few_replicates(2));
  check_probit(parallel, "probit_parallel");
  REQUIRE(parallel.products.size() == 3);
  probit_ref().check(parallel.products[0].estimate, "probit_parallel", "ind1", 1e-8);
  probit_ref().check(parallel.products[1].estimate, "probit_parallel", "ind2", 1e-8);
  const auto& acme = effect(parallel.causal_effects, "acme_average");
  CHECK(acme.ci_ok);
  CHECK(acme.ci_lower < acme.estimate);
  CHECK(acme.estimate < acme.ci_upper);
  glm_mediation_spec wrong = probit_spec({"m1"}, false);
  wrong.family = glm_family::poisson;
  wrong.y = "y";
  CHECK_THROWS_WITH_AS(fit_glm_mediation(data, wrong, few_replicates()), doctest::Contains("probit link is for a binomial"),
                       argument_error);
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
  const glm_mediation_result r = serial_run(2000, 5, ci_method::percentile);
  CHECK(r.replicates.discarded == 0);
  for (const auto& [e, q] : r_names(r, false)) {
    if (q == "ind1") continue;  // not in the R bootstrap
    check_endpoints(boot, "boot_nb_serial", *e, q, std::sqrt(2.0));
    CHECK(e->boot_se == doctest::Approx(boot("boot_nb_serial", q + ":boot_se")).epsilon(0.1));
  }
}

TEST_CASE("BCa intervals of the negative binomial chain: the jackknife acceleration as R's, endpoints within Monte Carlo error") {
  // bca.ref.csv (make_bca_reference.R): the acceleration from 630 leave-one-out refits by lm and
  // MASS::glm.nb (to 1e-8 relative; observed below 1e-9), and BCa endpoints of an R bootstrap
  // (2,000 resamples) with that acceleration, each with its Monte Carlo SE (of the quantile and of
  // z0); ours: 2,000 other resamples, allowed 4 sqrt(2) of those SEs.
  static const reference_values bca = reference_values::load("natural_effects/bca.ref.csv");
  const glm_mediation_result r = serial_run(2000, 6, ci_method::bca);
  for (const auto& [e, q] : r_names(r, true)) {
    bca.check(e->acceleration, "bca_nb_serial", q + ":acceleration", 1e-8);
    CHECK(e->ci_ok);
    check_endpoints(bca, "bca_nb_serial", *e, q, std::sqrt(2.0));
  }
}

namespace {

/// Our Monte Carlo endpoints against an R quasi-Bayesian run (monte_carlo.ref.csv, 20,000 draws
/// with MASS::mvrnorm): other random numbers, so the two differ by about
/// sqrt(1 + 20000 / B) of R's Monte Carlo SE; allowed 4 of those.
void check_monte_carlo(const glm_mediation_result& r, const std::string& analysis, std::size_t draws) {
  static const reference_values mc = reference_values::load("natural_effects/monte_carlo.ref.csv");
  const double widen = std::sqrt(1.0 + 20000.0 / static_cast<double>(draws));
  for (const auto& [e, q] : r_names(r, true)) {
    CHECK(e->ci_ok);
    check_endpoints(mc, analysis, *e, q, widen);
    CHECK(e->boot_se == doctest::Approx(mc(analysis, q + ":sd")).epsilon(0.05));
  }
}

}  // namespace

TEST_CASE("Monte Carlo intervals as the R mediation package's quasi-Bayesian draws, within Monte Carlo error") {
  mediation_options o;
  o.replicates = 10000;
  o.seed = 21;
  o.ci = ci_method::monte_carlo;
  const glm_mediation_result serial = serial_run(o.replicates, 21, ci_method::monte_carlo);
  check_monte_carlo(serial, "mc_nb_serial", o.replicates);
  CHECK(serial.replicates.method == ci_method::monte_carlo);
  CHECK(serial.replicates.discarded == 0);
  // The point estimates stay the plug-in values (not the mean of the draws).
  ref().check(effect(serial.causal_effects, "acme_average").estimate, "nb_serial", "acme_average", 1e-8);
  const glm_mediation_result parallel = fit_glm_mediation(reference_data("natural_effects/data/parallel.csv"), parallel_spec(), o);
  check_monte_carlo(parallel, "mc_poisson_parallel", o.replicates);
}

TEST_CASE("Monte Carlo draws of a GLM-outcome mediation are the same for any number of threads") {
  const auto data = reference_data("natural_effects/data/serial_count.csv");
  mediation_options o = few_replicates(1);
  o.replicates = 500;
  o.ci = ci_method::monte_carlo;
  const glm_mediation_result one = fit_glm_mediation(data, serial_spec(), o);
  o.threads = 3;
  const glm_mediation_result three = fit_glm_mediation(data, serial_spec(), o);
  CHECK(three.replicates.threads_used == 3);
  for (std::size_t e = 0; e < one.causal_effects.size(); ++e) {
    CHECK(one.causal_effects[e].ci_lower == three.causal_effects[e].ci_lower);
    CHECK(one.causal_effects[e].ci_upper == three.causal_effects[e].ci_upper);
    CHECK(one.causal_effects[e].boot_se == three.causal_effects[e].boot_se);
  }
  for (std::size_t e = 0; e < one.ratio_effects.size(); ++e) CHECK(one.ratio_effects[e].ci_lower == three.ratio_effects[e].ci_lower);
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
  s.cluster = "c1";
  mediation_options mc = few_replicates();
  mc.ci = ci_method::monte_carlo;
  CHECK_THROWS_WITH_AS(fit_glm_mediation(data, s, mc), doctest::Contains("cannot resample clusters"), argument_error);
}

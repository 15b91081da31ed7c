// Conditional process models with a count or binary outcome
// (include/socialcure/analyses/natural_effects.hpp, moderated_model).
//
// Reference values: tests/reference/natural_effects/conditional.ref.csv from
// tests/reference/natural_effects/make_conditional_reference.R (R 4.2.2: lm for the mediators, glm
// and MASS::glm.nb for the outcome, every effect written out path by path from the coefficients,
// the logit and probit integrals by integrate() per person; an R bootstrap of model 7 by
// boot::boot, 2,000 resamples). Data: tests/reference/natural_effects/data/conditional.csv.
// Tolerances, relative: coefficients 1e-8 (IRLS stopping rules differ; R's probit fit is refitted
// from its estimates until they stop moving, and then agrees to about 1e-15),
// probe values 1e-12,
// effects 1e-8 (log link: closed forms; logit: 40-point Gauss-Hermite against integrate();
// probit: closed form against integrate()); bootstrap endpoints within 4 sqrt(2) of R's Monte
// Carlo SE; threads: bit-identical.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "reference_values.hpp"
#include "socialcure/analyses/natural_effects.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/data/table.hpp"

using namespace socialcure;
using socialcure_test::reference_data;
using socialcure_test::reference_values;

namespace {

const reference_values& ref() {
  static const reference_values r = reference_values::load("natural_effects/conditional.ref.csv");
  return r;
}

const table& data() {
  static const table t = reference_data("natural_effects/data/conditional.csv");
  return t;
}

mediation_options few_replicates(unsigned threads = 1) {
  mediation_options o;
  o.replicates = 40;
  o.seed = 23;
  o.threads = threads;
  return o;
}

glm_mediation_spec spec_of(int model, std::vector<std::string> mediators, std::string y, std::string w, glm_family family,
                           std::string x = "x") {
  glm_mediation_spec s;
  s.x = std::move(x);
  s.mediators = std::move(mediators);
  s.y = std::move(y);
  s.covariates = {"c1"};
  s.moderated_model = model;
  s.w = std::move(w);
  s.family = family;
  return s;
}

glm_mediation_spec model7() {
  glm_mediation_spec s = spec_of(7, {"m1", "m2"}, "y", "w", glm_family::poisson);
  s.exposure = "months";
  return s;
}

const mediation_effect& labelled(const std::vector<mediation_effect>& effects, const std::string& label) {
  for (const auto& e : effects) {
    if (e.label == label) return e;
  }
  FAIL("no effect " << label);
  return effects.front();
}

void check_equations(const glm_mediation_result& r, const std::string& a, double outcome_tolerance = 1e-8) {
  for (const auto& eq : r.mediator_equations) {
    for (const auto& c : eq.coefficients) ref().check(c.estimate, a, eq.response + ":" + c.term, 1e-8);
  }
  for (const auto& c : r.outcome.coefficients) ref().check(c.estimate, a, r.y + ":" + c.term, outcome_tolerance);
}

/// The conditional indirect effects of mediator `m` (R's "omega<j>") and the natural effects at
/// every probe value.
void check_conditional(const glm_mediation_result& r, const std::string& a, bool ratios) {
  REQUIRE(r.conditional_effects.size() == r.w_values.size());
  for (std::size_t i = 0; i < r.w_values.size(); ++i) {
    const std::string at = "@w" + std::to_string(i + 1);
    ref().check(r.w_values[i], a, "w" + std::to_string(i + 1), 1e-12);
    const conditional_natural_effects& c = r.conditional_effects[i];
    CHECK(c.w == r.w_values[i]);
    for (const char* q : {"nde", "nie", "prop_mediated"}) {
      if (ratios) ref().check(labelled(c.ratio_effects, q).estimate, a, q + at, 1e-8);
    }
    if (ratios) ref().check(labelled(c.ratio_effects, "total").estimate, a, "ratio_total" + at, 1e-8);
    CHECK(c.ratio_effects.empty() == !ratios);
    for (const char* q : {"acme_control", "acme_treated", "acme_average", "ade_control", "ade_treated", "ade_average", "total",
                          "prop_mediated_average"}) {
      ref().check(labelled(c.causal_effects, q).estimate, a, q + at, 1e-8);
    }
  }
  for (const auto& e : r.conditional_indirect) {
    const auto i = static_cast<std::size_t>(std::find(r.w_values.begin(), r.w_values.end(), e.w) - r.w_values.begin());
    std::string which = "omega_total";
    for (std::size_t j = 0; j < r.mediators.size(); ++j) {
      if (r.mediators[j] == e.mediator) which = "omega" + std::to_string(j + 1);
    }
    ref().check(e.effect.estimate, a, which + "@w" + std::to_string(i + 1), 1e-8);
  }
  for (const auto& c : r.conditional_contrasts) {
    const auto pos = [&](double w) { return std::find(r.w_values.begin(), r.w_values.end(), w) - r.w_values.begin() + 1; };
    ref().check(c.effect.estimate, a,
                "contrast:" + c.mediator + ":" + std::to_string(pos(c.w_to)) + "-" + std::to_string(pos(c.w_from)), 1e-8);
  }
  for (const auto& ix : r.index_of_moderated_mediation) ref().check(ix.effect.estimate, a, "index:" + ix.mediator, 1e-8);
}

}  // namespace

TEST_CASE("model 7 with a Poisson count and an exposure: coefficients, conditional and natural effects as R's") {
  const glm_mediation_result r = fit_glm_mediation(data(), model7(), few_replicates());
  const std::string a = "m7_poisson";
  check_equations(r, a);
  CHECK(r.moderated_model == 7);
  CHECK(r.w == "w");
  CHECK(r.offset == "log(months)");
  REQUIRE(r.w_values.size() == 3);
  CHECK(r.conditional_indirect.size() == 9);  // m1, m2, total at three values
  CHECK(r.index_of_moderated_mediation.size() == 2);
  CHECK(r.conditional_contrasts.size() == 6);
  CHECK(r.conditional_direct.empty());
  CHECK(r.products.empty());
  CHECK(r.ratio_effects.empty());
  CHECK(r.causal_effects.empty());
  check_conditional(r, a, true);
  // Without an X*M interaction the indirect rate ratio at w is exp(total omega(w)) (x1 - x0 = 1).
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(std::log(labelled(r.conditional_effects[i].ratio_effects, "nie").estimate) ==
          doctest::Approx(r.conditional_indirect[6 + i].effect.estimate).epsilon(1e-12));
  }
  for (const auto& e : r.conditional_indirect) CHECK(e.effect.ci_ok);
}

TEST_CASE("model 14 with a negative binomial count, a continuous X and a 0/1 W: effects as R's") {
  glm_mediation_spec s = spec_of(14, {"mc"}, "visits", "wd", glm_family::negative_binomial, "xc");
  const glm_mediation_result r = fit_glm_mediation(data(), s, few_replicates());
  const std::string a = "m14_nb";
  check_equations(r, a);
  ref().check(r.outcome.theta, a, "theta", 1e-6);
  ref().check(r.x0, a, "x0", 1e-12);
  ref().check(r.x1, a, "x1", 1e-12);
  CHECK(r.w_dichotomous);
  REQUIRE(r.w_values == std::vector<double>{0.0, 1.0});
  CHECK(r.conditional_indirect.size() == 2);  // one mediator: no total
  check_conditional(r, a, true);
  // With a 0/1 W the index is omega(1) - omega(0), the one contrast.
  REQUIRE(r.index_of_moderated_mediation.size() == 1);
  REQUIRE(r.conditional_contrasts.size() == 1);
  CHECK(r.index_of_moderated_mediation[0].effect.estimate ==
        doctest::Approx(r.conditional_contrasts[0].effect.estimate).epsilon(1e-12));
  CHECK(r.index_of_moderated_mediation[0].effect.ci_lower == r.conditional_contrasts[0].effect.ci_lower);
}

TEST_CASE("model 59 with a logistic outcome: Gauss-Hermite against integrate(), direct effects as R's, no index") {
  const glm_mediation_spec s = spec_of(59, {"m1"}, "ybin", "w", glm_family::binomial);
  const glm_mediation_result r = fit_glm_mediation(data(), s, few_replicates());
  const std::string a = "m59_logit";
  check_equations(r, a);
  check_conditional(r, a, true);
  CHECK(r.index_of_moderated_mediation.empty());  // quadratic in w
  CHECK(r.conditional_contrasts.size() == 3);
  REQUIRE(r.conditional_direct.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(r.conditional_direct[i].w == r.w_values[i]);
    ref().check(r.conditional_direct[i].effect.estimate, a, "direct@w" + std::to_string(i + 1), 1e-8);
    CHECK(r.conditional_direct[i].effect.ci_ok);
  }
}

TEST_CASE("model 8 with a probit outcome: probabilities as R's integrate(), no ratio effects") {
  glm_mediation_spec s = spec_of(8, {"m1"}, "yprob", "w", glm_family::binomial);
  s.link = glm_link::probit;
  const glm_mediation_result r = fit_glm_mediation(data(), s, few_replicates());
  const std::string a = "m8_probit";
  check_equations(r, a, 1e-10);
  check_conditional(r, a, false);
  REQUIRE(r.index_of_moderated_mediation.size() == 1);
  for (std::size_t i = 0; i < 3; ++i) ref().check(r.conditional_direct[i].effect.estimate, a, "direct@w" + std::to_string(i + 1), 1e-8);
}

TEST_CASE("model 7's percentile intervals agree with an R bootstrap within Monte Carlo error") {
  // boot_m7_poisson (make_conditional_reference.R): boot::boot, 2,000 resamples, every equation
  // refitted, probe values fixed at the sample's. Ours: 2,000 other resamples, so the endpoints
  // differ by about sqrt(2) times R's Monte Carlo SE of one; allowed 4 of those.
  mediation_options o;
  o.replicates = 2000;
  o.seed = 11;
  const glm_mediation_result r = fit_glm_mediation(data(), model7(), o);
  CHECK(r.replicates.discarded == 0);
  const std::string a = "boot_m7_poisson";
  for (std::size_t i = 0; i < 3; ++i) {
    const std::string at = "@w" + std::to_string(i + 1);
    const conditional_natural_effects& c = r.conditional_effects[i];
    const std::vector<std::pair<const mediation_effect*, std::string>> pairs = {
        {&r.conditional_indirect[i].effect, "omega1"},       {&r.conditional_indirect[3 + i].effect, "omega2"},
        {&r.conditional_indirect[6 + i].effect, "omega_total"}, {&labelled(c.ratio_effects, "nie"), "nie"},
        {&labelled(c.causal_effects, "acme_average"), "acme_average"}, {&labelled(c.causal_effects, "total"), "total"}};
    for (const auto& [e, q] : pairs) {
      for (const auto& [ours, side] : {std::pair{e->ci_lower, std::string("ci_lower")}, std::pair{e->ci_upper, std::string("ci_upper")}}) {
        const double theirs = ref()(a, q + at + ":" + side);
        const double allowed = 4.0 * std::sqrt(2.0) * ref()(a, q + at + ":" + side + "_mc_se");
        CHECK_MESSAGE(std::fabs(ours - theirs) < allowed,
                      q << at << " " << side << ": ours " << ours << ", R " << theirs << ", allowed " << allowed);
      }
      CHECK(e->boot_se == doctest::Approx(ref()(a, q + at + ":boot_se")).epsilon(0.1));
    }
  }
}

TEST_CASE("a conditional process model's bootstrap and Monte Carlo draws are the same for any number of threads") {
  for (const ci_method ci : {ci_method::percentile, ci_method::monte_carlo}) {
    mediation_options o1 = few_replicates(1), o2 = few_replicates(2);
    o1.ci = o2.ci = ci;
    o1.replicates = o2.replicates = 200;  // more than one block of Monte Carlo draws
    const glm_mediation_result one = fit_glm_mediation(data(), model7(), o1);
    const glm_mediation_result two = fit_glm_mediation(data(), model7(), o2);
    CHECK(two.replicates.threads_used == 2);
    REQUIRE(one.conditional_effects.size() == two.conditional_effects.size());
    for (std::size_t i = 0; i < one.conditional_effects.size(); ++i) {
      const auto& a = one.conditional_effects[i].causal_effects;
      const auto& b = two.conditional_effects[i].causal_effects;
      for (std::size_t e = 0; e < a.size(); ++e) {
        CHECK(a[e].ci_lower == b[e].ci_lower);
        CHECK(a[e].ci_upper == b[e].ci_upper);
      }
    }
    for (std::size_t e = 0; e < one.conditional_indirect.size(); ++e) {
      CHECK(one.conditional_indirect[e].effect.boot_se == two.conditional_indirect[e].effect.boot_se);
    }
  }
}

TEST_CASE("BCa intervals of a conditional process model: every effect has an acceleration") {
  mediation_options o = few_replicates();
  o.ci = ci_method::bca;
  const glm_mediation_spec s = spec_of(14, {"mc"}, "visits", "wd", glm_family::negative_binomial, "xc");
  const glm_mediation_result r = fit_glm_mediation(data(), s, o);
  for (const auto& e : r.conditional_indirect) CHECK(std::isfinite(e.effect.acceleration));
  for (const auto& c : r.conditional_effects) {
    for (const auto& e : c.causal_effects) CHECK(std::isfinite(e.acceleration));
  }
}

TEST_CASE("centring reparametrizes a conditional process model: the natural effects at the same W are unchanged") {
  glm_mediation_spec s = spec_of(59, {"m1"}, "ybin", "w", glm_family::binomial);
  const glm_mediation_result raw = fit_glm_mediation(data(), s, few_replicates());
  s.center = centering::all;
  double mean_w = 0.0;
  {
    const glm_mediation_result probe = fit_glm_mediation(data(), s, few_replicates());
    REQUIRE(probe.centred_variables == std::vector<std::string>{"x", "w", "m1"});
    mean_w = probe.centred_means[1];
  }
  s.probe.method = probe_method::values;
  for (const double w : raw.w_values) s.probe.values.push_back(w - mean_w);
  const glm_mediation_result centred = fit_glm_mediation(data(), s, few_replicates());
  CHECK(centred.x0 == raw.x0);
  CHECK(centred.x1 == raw.x1);
  for (std::size_t i = 0; i < raw.w_values.size(); ++i) {
    CHECK(centred.conditional_indirect[i].effect.estimate == doctest::Approx(raw.conditional_indirect[i].effect.estimate).epsilon(1e-9));
    for (std::size_t e = 0; e < raw.conditional_effects[i].causal_effects.size(); ++e) {
      CHECK(centred.conditional_effects[i].causal_effects[e].estimate ==
            doctest::Approx(raw.conditional_effects[i].causal_effects[e].estimate).epsilon(1e-9));
    }
    CHECK(centred.conditional_effects[i].ratio_effects[0].estimate ==
          doctest::Approx(raw.conditional_effects[i].ratio_effects[0].estimate).epsilon(1e-9));
  }
}

TEST_CASE("a conditional process model with a GLM outcome rejects bad settings and excludes a missing W") {
  glm_mediation_spec s = model7();
  s.w = "x";
  CHECK_THROWS_WITH_AS(fit_glm_mediation(data(), s, few_replicates()), doctest::Contains("is also X"), argument_error);
  s = model7();
  s.w.clear();
  CHECK_THROWS_WITH_AS(fit_glm_mediation(data(), s, few_replicates()), doctest::Contains("needs a moderator w"), argument_error);
  s = model7();
  s.moderated_model = 9;
  CHECK_THROWS_WITH_AS(fit_glm_mediation(data(), s, few_replicates()), doctest::Contains("not a conditional process model"),
                       argument_error);
  s = model7();
  s.interaction = true;
  CHECK_THROWS_WITH_AS(fit_glm_mediation(data(), s, few_replicates()), doctest::Contains("X*M interaction is not available"),
                       argument_error);
  s = model7();
  s.model = mediation_model::serial;
  CHECK_THROWS_WITH_AS(fit_glm_mediation(data(), s, few_replicates()), doctest::Contains("parallel mediators"), argument_error);
  s = model7();
  s.moderated_model = 0;
  CHECK_THROWS_WITH_AS(fit_glm_mediation(data(), s, few_replicates()), doctest::Contains("needs a moderated_model"),
                       argument_error);
  s = model7();
  s.w = "months";
  CHECK_THROWS_WITH_AS(fit_glm_mediation(data(), s, few_replicates()), doctest::Contains("used twice"), argument_error);
  // A missing W excludes the case and counts it.
  table t = data();
  std::vector<double> w(t.numeric("w").begin(), t.numeric("w").end());
  w[0] = w[5] = missing_value;
  t.remove("w");
  t.add(column("w", w));
  const glm_mediation_result r = fit_glm_mediation(t, model7(), few_replicates());
  CHECK(r.n == data().rows() - 2);
  CHECK(r.n_excluded == 2);
}

TEST_CASE("every conditional process model: omega(w) and the direct effect from the reported coefficients by name") {
  // (a1 + a3 w)(b1 + b3 w) and c1 + c3 w written out from the fitted equations' named terms, with
  // a3 = 0, b3 = 0 or c3 = 0 where the model does not moderate the path.
  const auto coef = [](const std::vector<coefficient>& cs, const std::string& term) {
    for (const auto& c : cs) {
      if (c.term == term) return c.estimate;
    }
    return 0.0;
  };
  for (const int model : {7, 8, 14, 15, 58, 59}) {
    CAPTURE(model);
    const glm_mediation_spec s = spec_of(model, {"m1", "m2"}, "visits", "w", glm_family::negative_binomial);
    const glm_mediation_result r = fit_glm_mediation(data(), s, few_replicates());
    const bool direct = model == 8 || model == 15 || model == 59;
    CHECK(r.conditional_direct.size() == (direct ? 3u : 0u));
    CHECK(r.index_of_moderated_mediation.size() == (model == 58 || model == 59 ? 0u : 2u));
    for (const auto& e : r.conditional_indirect) {
      if (e.mediator == "total") continue;
      const auto& m = r.mediator_equations[e.mediator == "m1" ? 0 : 1].coefficients;
      const auto& y = r.outcome.coefficients;
      const double a = coef(m, "x") + coef(m, "x*w") * e.w;
      const double b = coef(y, e.mediator) + coef(y, e.mediator + "*w") * e.w;
      CHECK(e.effect.estimate == doctest::Approx(a * b).epsilon(1e-12));
    }
    for (const auto& d : r.conditional_direct) {
      CHECK(d.effect.estimate ==
            doctest::Approx(coef(r.outcome.coefficients, "x") + coef(r.outcome.coefficients, "x*w") * d.w).epsilon(1e-12));
    }
    // Without an X*M term the indirect rate ratio at w is exp(total omega(w)).
    for (std::size_t i = 0; i < 3; ++i) {
      CHECK(std::log(labelled(r.conditional_effects[i].ratio_effects, "nie").estimate) ==
            doctest::Approx(r.conditional_indirect[6 + i].effect.estimate).epsilon(1e-10));
    }
  }
}

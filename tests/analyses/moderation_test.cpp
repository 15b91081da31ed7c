// Moderation (include/socialcure/analyses/moderation.hpp): PROCESS models 1, 2, 3 and the
// two-instance (MEMORE) moderation of a change.
//
// Reference values: tests/reference/moderation/moderation.ref.csv from
// tests/reference/moderation/make_reference.R (R lm / anova / sandwich::vcovHC HC0-HC4,
// quantile(type = 6), a closed-form solve of the Johnson-Neyman quadratic); data psych::Garcia
// (tests/reference/moderation/data/garcia.csv), a synthetic set with covariates and 5 incomplete
// rows (data/synthetic_moderation.csv) and the pre/post survey of tests/reference/change/data.
// The analysis names of the reference file are listed in `cases` below with the settings that
// reproduce them. Tolerances: 1e-9 relative for estimates, SEs, t, F, R^2 (change), CIs, effects
// and JN points (1e-9 absolute for values that are near 0); p-values 1e-8 relative or 1e-13
// absolute; counts and df exact.
#include "socialcure/analyses/moderation.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "reference_values.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/data/csv.hpp"

using namespace socialcure_test;
namespace sc = socialcure;

namespace {

constexpr double tol = 1e-9;

struct reference_case {
  std::string analysis;
  std::string data;  // garcia or synthetic
  sc::moderation_spec spec;
  sc::moderation_options options;
};

sc::moderation_options options_with(sc::centering c, sc::se_type se, sc::probe_method m = sc::probe_method::percentiles,
                                    double level = 0.95) {
  sc::moderation_options o;
  o.center = c;
  o.se = se;
  o.probe.method = m;
  o.level = level;
  return o;
}

std::vector<reference_case> cases() {
  using sc::centering;
  using sc::se_type;
  const sc::moderation_spec g1{1, "prot2", "sexism", "", "liking", {}};
  std::vector<reference_case> out = {
      {"garcia_m1", "garcia", g1, {}},
      {"garcia_m1_sd", "garcia", g1, options_with(centering::none, se_type::classical, sc::probe_method::mean_sd)},
      {"garcia_m1_hc0", "garcia", g1, options_with(centering::none, se_type::hc0)},
      {"garcia_m1_hc1", "garcia", g1, options_with(centering::none, se_type::hc1)},
      {"garcia_m1_hc2", "garcia", g1, options_with(centering::none, se_type::hc2)},
      {"garcia_m1_hc3", "garcia", g1, options_with(centering::none, se_type::hc3)},
      {"garcia_m1_hc4", "garcia", g1, options_with(centering::none, se_type::hc4)},
      {"garcia_m1_center", "garcia", g1,
       options_with(centering::all, se_type::classical, sc::probe_method::percentiles, 0.90)},
      {"garcia_m3_anger", "garcia", {3, "prot2", "sexism", "anger", "liking", {}}, {}},
      {"syn_m1_cov", "synthetic", {1, "x", "w", "", "y", {"c1", "c2"}}, options_with(centering::none, se_type::hc3)},
      {"syn_m2_continuous", "synthetic", {2, "x", "w", "d", "y", {"c1", "c2"}},
       options_with(centering::continuous, se_type::classical)},
      {"syn_m2_none", "synthetic", {2, "x", "w", "d", "y", {"c1", "c2"}}, {}},
      {"syn_m3_all", "synthetic", {3, "x", "w", "z", "y", {"c1"}}, options_with(centering::all, se_type::hc3)},
      {"syn_m3_sd", "synthetic", {3, "x", "w", "z", "y", {"c1"}},
       options_with(centering::none, se_type::classical, sc::probe_method::mean_sd)},
  };
  reference_case given{"garcia_m1_values", "garcia", g1, {}};
  given.options.probe.method = sc::probe_method::values;
  given.options.probe.values = {3.0, 5.0, 8.0};
  out.push_back(given);
  return out;
}

sc::table data_of(const std::string& name) {
  if (name == "garcia") return reference_data("moderation/data/garcia.csv");
  if (name == "synthetic") return reference_data("moderation/data/synthetic_moderation.csv");
  return reference_data("change/data/synthetic_prepost.csv");
}

void check_p(const reference_values& ref, double ours, const std::string& a, const std::string& q) {
  const double theirs = ref(a, q);
  if (theirs < 1e-5) {
    ref.check_abs(ours, a, q, 1e-13);
  } else {
    ref.check(ours, a, q, 1e-8);
  }
}

// effect, se, t, p, ci_lower, ci_upper under `prefix`
template <typename E>
void check_estimate(const reference_values& ref, const E& e, const std::string& a, const std::string& prefix) {
  ref.check_abs(e.effect, a, prefix + "effect", tol * std::max(1.0, std::fabs(ref(a, prefix + "effect"))));
  ref.check(e.se, a, prefix + "se", tol);
  if (ref.has(a, prefix + "t")) ref.check_abs(e.t, a, prefix + "t", tol * std::max(1.0, std::fabs(ref(a, prefix + "t"))));
  check_p(ref, e.p, a, prefix + "p");
  ref.check_abs(e.ci_lower, a, prefix + "ci_lower", tol * std::max(1.0, std::fabs(ref(a, prefix + "ci_lower"))));
  ref.check_abs(e.ci_upper, a, prefix + "ci_upper", tol * std::max(1.0, std::fabs(ref(a, prefix + "ci_upper"))));
}

std::vector<std::string> reference_terms(int model, const std::vector<std::string>& covariates) {
  std::vector<std::string> t = {"intercept", "x", "w", "x*w"};
  if (model >= 2) t.insert(t.end(), {"z", "x*z"});
  if (model == 3) t.insert(t.end(), {"w*z", "x*w*z"});
  t.insert(t.end(), covariates.begin(), covariates.end());
  return t;
}

void check_coefficients(const reference_values& ref, const sc::moderation_result& r, const reference_case& c) {
  const auto names = reference_terms(c.spec.model, c.spec.covariates);
  REQUIRE(r.equation.coefficients.size() == names.size());
  for (std::size_t k = 0; k < names.size(); ++k) {
    const auto& co = r.equation.coefficients[k];
    const std::string p = "coef_" + names[k] + "_";
    ref.check(co.estimate, c.analysis, p + "estimate", tol);
    ref.check(co.se, c.analysis, p + "se", tol);
    ref.check(co.statistic, c.analysis, p + "t", tol);
    check_p(ref, co.p, c.analysis, p + "p");
    ref.check(co.ci_lower, c.analysis, p + "ci_lower", tol);
    ref.check(co.ci_upper, c.analysis, p + "ci_upper", tol);
  }
  ref.check(r.equation.r_squared, c.analysis, "r_squared", tol);
  ref.check(r.equation.df_residual, c.analysis, "df_residual", 0.0);
}

void check_interactions(const reference_values& ref, const sc::moderation_result& r, const std::string& a) {
  const std::vector<std::string> names = r.model == 1   ? std::vector<std::string>{"x*w"}
                                         : r.model == 3 ? std::vector<std::string>{"x*w*z"}
                                                        : std::vector<std::string>{"x*w", "x*z", "both"};
  REQUIRE(r.interactions.size() == names.size());
  for (std::size_t k = 0; k < names.size(); ++k) {
    const auto& i = r.interactions[k];
    const std::string p = "int_" + names[k] + "_";
    ref.check(i.r2_change, a, p + "r2_change", tol);
    ref.check(i.f, a, p + "f", tol);
    ref.check(i.df1, a, p + "df1", 0.0);
    ref.check(i.df2, a, p + "df2", 0.0);
    check_p(ref, i.p, a, p + "p");
  }
}

void check_probes_and_effects(const reference_values& ref, const sc::moderation_result& r, const std::string& a) {
  for (std::size_t k = 0; k < r.w_probes.values.size(); ++k) {
    ref.check_abs(r.w_probes.values[k], a, "probe_w" + std::to_string(k + 1), 1e-12);
  }
  CHECK_FALSE(ref.has(a, "probe_w" + std::to_string(r.w_probes.values.size() + 1)));
  if (r.z_probes) {
    for (std::size_t k = 0; k < r.z_probes->values.size(); ++k) {
      ref.check_abs(r.z_probes->values[k], a, "probe_z" + std::to_string(k + 1), 1e-12);
    }
  }
  REQUIRE(r.conditional_effects.size() == ref.count(a, "cond_count"));
  for (std::size_t k = 0; k < r.conditional_effects.size(); ++k) {
    check_estimate(ref, r.conditional_effects[k], a, "cond" + std::to_string(k + 1) + "_");
  }
  for (std::size_t k = 0; k < r.conditional_interactions.size(); ++k) {
    const std::string p = "condint" + std::to_string(k + 1) + "_";
    check_estimate(ref, r.conditional_interactions[k], a, p);
    ref.check(r.conditional_interactions[k].t * r.conditional_interactions[k].t, a, p + "f", tol);
  }
  if (r.model == 3) CHECK(r.conditional_interactions.size() == r.z_probes->values.size());
}

void check_johnson_neyman(const reference_values& ref, const sc::moderation_result& r, const std::string& a) {
  if (!ref.has(a, "jn_count")) {
    CHECK_FALSE(r.johnson_neyman.has_value());
    return;
  }
  REQUIRE(r.johnson_neyman.has_value());
  const auto& jn = *r.johnson_neyman;
  REQUIRE(jn.points.size() == ref.count(a, "jn_count"));
  for (std::size_t k = 0; k < jn.points.size(); ++k) {
    const std::string p = "jn_point" + std::to_string(k + 1);
    ref.check_abs(jn.points[k].value, a, p, tol * std::max(1.0, std::fabs(ref(a, p))));
    ref.check_abs(jn.points[k].percent_below, a, p + "_below", 1e-10);
    ref.check_abs(jn.points[k].percent_above, a, p + "_above", 1e-10);
  }
  REQUIRE(jn.region.size() == 22);
  for (int row : {1, 5, 12, 22}) {
    const auto& e = jn.region[static_cast<std::size_t>(row - 1)];
    const std::string p = "jn_row" + std::to_string(row) + "_";
    ref.check_abs(e.w, a, p + "w", tol * std::max(1.0, std::fabs(ref(a, p + "w"))));
    check_estimate(ref, e, a, p);
  }
}

void check_plot(const reference_values& ref, const sc::moderation_result& r, const std::string& a) {
  REQUIRE(r.plot.size() == ref.count(a, "plot_count"));
  for (std::size_t k = 0; k < r.plot.size(); ++k) {
    const std::string p = "plot" + std::to_string(k + 1) + "_";
    ref.check_abs(r.plot[k].x, a, p + "x", 1e-12);
    ref.check(r.plot[k].y_hat, a, p + "yhat", tol);
    ref.check(r.plot[k].se, a, p + "se", tol);
  }
}

bool has_note(const sc::moderation_result& r, const std::string& text) {
  for (const auto& n : r.notes) {
    if (n.find(text) != std::string::npos) return true;
  }
  return false;
}

sc::table small_table(const std::string& csv) { return sc::parse_csv(csv, "inline.csv"); }

}  // namespace

TEST_CASE("fit_moderation: PROCESS models 1-3 against R (lm, anova, sandwich, closed-form JN)") {
  const auto ref = reference_values::load("moderation/moderation.ref.csv");
  for (const auto& c : cases()) {
    CAPTURE(c.analysis);
    const sc::moderation_result r = sc::fit_moderation(data_of(c.data), c.spec, c.options);
    ref.check_count(r.n, c.analysis, "n");
    ref.check_count(r.n_excluded, c.analysis, "n_excluded");
    check_coefficients(ref, r, c);
    check_interactions(ref, r, c.analysis);
    check_probes_and_effects(ref, r, c.analysis);
    check_johnson_neyman(ref, r, c.analysis);
    check_plot(ref, r, c.analysis);
  }
}

TEST_CASE("fit_moderation: Garcia as in the verification of Hayes' example (values written here)") {
  const sc::moderation_result r =
      sc::fit_moderation(data_of("garcia"), {1, "prot2", "sexism", "", "liking", {}}, {});
  CHECK(r.equation.coefficients[3].term == "prot2*sexism");
  CHECK(r.equation.coefficients[3].estimate == doctest::Approx(0.833553).epsilon(1e-6));
  CHECK(r.interactions[0].r2_change == doctest::Approx(0.08119242).epsilon(1e-7));
  CHECK(r.interactions[0].f == doctest::Approx(11.71256985).epsilon(1e-9));
  REQUIRE(r.johnson_neyman.has_value());
  CHECK(r.johnson_neyman->points[0].value == doctest::Approx(3.508712).epsilon(1e-6));
  CHECK(r.johnson_neyman->points[1].value == doctest::Approx(4.975297).epsilon(1e-6));
  CHECK(r.johnson_neyman_moderator == "sexism");
  // plot data: X dichotomous -> its two values, fastest; W at the three percentiles
  REQUIRE(r.plot.size() == 6);
  CHECK(r.plot[0].x == 0.0);
  CHECK(r.plot[1].x == 1.0);
  CHECK(r.plot[1].w == 4.25);
  CHECK(r.x_probes.dichotomous);
  // HC3: the R^2 change stays the OLS difference, the F is the robust Wald F (5.507295)
  sc::moderation_options hc3;
  hc3.se = sc::se_type::hc3;
  const sc::moderation_result h = sc::fit_moderation(data_of("garcia"), {1, "prot2", "sexism", "", "liking", {}}, hc3);
  CHECK(h.interactions[0].r2_change == doctest::Approx(0.08119242).epsilon(1e-7));
  CHECK(h.interactions[0].f == doctest::Approx(5.507295).epsilon(1e-6));
  // centring moves b1, b2 but not b3, R^2, the test or the effect at the same raw W
  sc::moderation_options centred;
  centred.center = sc::centering::all;
  const sc::moderation_result c = sc::fit_moderation(data_of("garcia"), {1, "prot2", "sexism", "", "liking", {}}, centred);
  CHECK(c.equation.coefficients[3].estimate == doctest::Approx(r.equation.coefficients[3].estimate).epsilon(1e-12));
  CHECK(c.interactions[0].f == doctest::Approx(r.interactions[0].f).epsilon(1e-10));
  CHECK(c.centred == std::vector<std::string>{"prot2", "sexism"});
  CHECK(c.w_probes.values[0] == doctest::Approx(4.25 - c.centred_means[1]).epsilon(1e-12));
  CHECK(c.conditional_effects[0].effect == doctest::Approx(r.conditional_effects[0].effect).epsilon(1e-10));
  sc::moderation_options continuous;
  continuous.center = sc::centering::continuous;  // prot2 is dichotomous: only sexism is centred
  CHECK(sc::fit_moderation(data_of("garcia"), {1, "prot2", "sexism", "", "liking", {}}, continuous).centred ==
        std::vector<std::string>{"sexism"});
}

TEST_CASE("fit_within_moderation: change of loneliness moderated by age (MEMORE) against R") {
  const auto ref = reference_values::load("moderation/moderation.ref.csv");
  const sc::table t = data_of("prepost");
  struct within_case {
    std::string analysis;
    sc::within_moderation_spec spec;
  };
  const std::vector<within_case> list = {
      {"within_lonely_age", {{"lonely_pre", "lonely_post"}, "age", true}},
      {"within_lonely_age_reversed", {{"lonely_pre", "lonely_post"}, "age", false}},
      {"within_bel1_female", {{"bel1_pre", "bel1_post"}, "female", true}},
  };
  for (const auto& c : list) {
    CAPTURE(c.analysis);
    const sc::moderation_result r = sc::fit_within_moderation(t, c.spec, {});
    ref.check_count(r.n, c.analysis, "n");
    CHECK(r.within);
    const char* names[] = {"intercept", "w"};
    for (std::size_t k = 0; k < 2; ++k) {
      const std::string p = std::string("coef_") + names[k] + "_";
      ref.check(r.equation.coefficients[k].estimate, c.analysis, p + "estimate", tol);
      ref.check(r.equation.coefficients[k].se, c.analysis, p + "se", tol);
      check_p(ref, r.equation.coefficients[k].p, c.analysis, p + "p");
    }
    REQUIRE(r.interactions.size() == 1);
    ref.check(r.interactions[0].r2_change, c.analysis, "int_r2_change", tol);
    ref.check(r.interactions[0].f, c.analysis, "int_f", tol);
    check_p(ref, r.interactions[0].p, c.analysis, "int_p");
    check_probes_and_effects(ref, r, c.analysis);
    check_johnson_neyman(ref, r, c.analysis);
  }
  // reversing the difference flips d0, d1 and theta only
  const auto a = sc::fit_within_moderation(t, list[0].spec, {});
  const auto b = sc::fit_within_moderation(t, list[1].spec, {});
  CHECK(a.y == "lonely_post - lonely_pre");
  CHECK(b.y == "lonely_pre - lonely_post");
  CHECK(a.conditional_effects[1].effect == doctest::Approx(-b.conditional_effects[1].effect).epsilon(1e-12));
  CHECK(a.conditional_effects[1].se == doctest::Approx(b.conditional_effects[1].se).epsilon(1e-12));
}

TEST_CASE("fit_moderation: listwise exclusion is counted by column") {
  const sc::moderation_result r =
      sc::fit_moderation(data_of("synthetic"), {1, "x", "w", "", "y", {"c1", "c2"}}, {});
  CHECK(r.n == 235);
  CHECK(r.n_excluded == 5);
  REQUIRE(r.missing_by_column.size() == 2);
  std::size_t total = 0;
  for (const auto& m : r.missing_by_column) total += m.rows;
  CHECK(total == 5);  // w 2, c1 3
}

TEST_CASE("fit_moderation: bad input is a clear error or note naming the variable") {
  const sc::table g = data_of("garcia");
  // W equal to X or Y by name
  CHECK_THROWS_WITH_AS((void)sc::fit_moderation(g, {1, "prot2", "prot2", "", "liking", {}}, {}),
                       doctest::Contains("'prot2' is both X and W"), sc::argument_error);
  CHECK_THROWS_WITH_AS((void)sc::fit_moderation(g, {1, "prot2", "liking", "", "liking", {}}, {}),
                       doctest::Contains("'liking' is both W and Y"), sc::argument_error);
  CHECK_THROWS_AS((void)sc::fit_moderation(g, {2, "prot2", "sexism", "", "liking", {}}, {}), sc::argument_error);
  CHECK_THROWS_AS((void)sc::fit_moderation(g, {4, "prot2", "sexism", "", "liking", {}}, {}), sc::argument_error);
  CHECK_THROWS_WITH_AS((void)sc::fit_moderation(g, {1, "prot2", "nosuch", "", "liking", {}}, {}),
                       doctest::Contains("nosuch"), sc::argument_error);
  // a moderator with no variance; W with the values of X under another name
  const sc::table t = small_table("x,w,k,y,c\n1,2,5,3,1\n2,4,5,1,2\n3,6,5,4,3\n4,8,5,2,5\n5,10,5,6,4\n6,12,5,3,7\n1,2,5,2,1\n");
  CHECK_THROWS_WITH_AS((void)sc::fit_moderation(t, {1, "x", "k", "", "y", {}}, {}),
                       doctest::Contains("moderator 'k' does not vary"), sc::data_error);
  // a covariate collinear with the product terms' parts: the design error names the terms
  CHECK_THROWS_WITH_AS((void)sc::fit_moderation(t, {1, "x", "w", "", "y", {}}, {}),
                       doctest::Contains("'w'"), sc::data_error);
  const sc::table same = small_table("x,w,y\n1,1,3\n2,2,1\n3,3,4\n4,4,2\n5,5,6\n");
  CHECK_THROWS_WITH_AS((void)sc::fit_moderation(same, {1, "x", "w", "", "y", {}}, {}),
                       doctest::Contains("'w' and 'x' have the same values"), sc::data_error);
  // too few distinct values for percentile probes (all three percentiles equal 1)
  std::string lumpy = "x,w,y\n";
  for (int i = 0; i < 30; ++i) {
    lumpy += std::to_string(i % 7) + "," + (i < 27 ? "1" : std::to_string(i - 25)) + "," + std::to_string((i * 37) % 11) + "\n";
  }
  CHECK_THROWS_WITH_AS((void)sc::fit_moderation(small_table(lumpy), {1, "x", "w", "", "y", {}}, {}),
                       doctest::Contains("'w' has too few distinct values"), sc::data_error);
  // a probe value far outside the data: allowed, with a note
  sc::moderation_options far;
  far.probe.method = sc::probe_method::values;
  far.probe.values = {50.0};
  const auto r = sc::fit_moderation(g, {1, "prot2", "sexism", "", "liking", {}}, far);
  CHECK(has_note(r, "probe value 50 of 'sexism' is outside the observed range"));
  CHECK(std::isfinite(r.conditional_effects[0].effect));
  // a dichotomous moderator: probed at its two values, no Johnson-Neyman (a note)
  const auto d = sc::fit_moderation(g, {1, "sexism", "prot2", "", "liking", {}}, {});
  CHECK(d.w_probes.values == std::vector<double>{0.0, 1.0});
  CHECK_FALSE(d.johnson_neyman.has_value());
  CHECK(has_note(d, "'prot2' is dichotomous"));
  // model 2: no Johnson-Neyman, a note
  const auto m2 = sc::fit_moderation(g, {2, "prot2", "sexism", "anger", "liking", {}}, {});
  CHECK(has_note(m2, "not available for model 2"));
  CHECK(m2.conditional_effects.size() == 3 * m2.z_probes->values.size());  // anger is coarse: 16th = 50th
}

TEST_CASE("fit_moderation: no Johnson-Neyman point within the range is a result") {
  // y does not depend on x at all: the effect of x is never significant
  std::string csv = "x,w,y\n";
  for (int i = 0; i < 40; ++i) {
    csv += std::to_string(i % 5) + "," + std::to_string(i % 8) + "," + std::to_string((i * 7919) % 13) + "\n";
  }
  const auto r = sc::fit_moderation(small_table(csv), {1, "x", "w", "", "y", {}}, {});
  REQUIRE(r.johnson_neyman.has_value());
  CHECK(r.johnson_neyman->region.size() == 22);
  for (const auto& row : r.johnson_neyman->region) CHECK(std::isfinite(row.p));
  CHECK(r.johnson_neyman->summary.find("transition point") != std::string::npos);
}

TEST_CASE("moderation_spec and options: validation and parsing") {
  CHECK(sc::parse_centering("Continuous") == sc::centering::continuous);
  CHECK_THROWS_AS((void)sc::parse_centering("mean"), sc::argument_error);
  CHECK(sc::to_string(sc::centering::all) == "all");
  sc::moderation_spec s{1, "x", "w", "z", "y", {}};
  CHECK_THROWS_WITH_AS(s.validate(), doctest::Contains("model 1 has one moderator"), sc::argument_error);
  s = {1, "x", "w", "", "y", {"w"}};
  CHECK_THROWS_WITH_AS(s.validate(), doctest::Contains("'w' is both W and a covariate"), sc::argument_error);
  sc::moderation_options o;
  o.level = 1.0;
  CHECK_THROWS_AS(o.validate(), sc::argument_error);
  sc::within_moderation_spec w{{"a", "b"}, "a", true};
  CHECK_THROWS_AS(w.validate(), sc::argument_error);
}

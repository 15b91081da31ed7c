// Probing an interaction (include/socialcure/analyses/probing.hpp): probe values as PROCESS 4.x
// chooses them and the Johnson-Neyman technique.
//
// Reference values: tests/reference/moderation/moderation.ref.csv (analysis garcia_m1: R
// quantile(type = 6) and a closed-form solve of the Johnson-Neyman quadratic on lm's estimates for
// psych::Garcia, liking ~ prot2 * sexism; tests/reference/moderation/make_reference.R). Other
// expected values are hand calculations written beside each check. Tolerances: 1e-10 relative
// (JN points, effects, SEs), 1e-12 absolute for the percentages and CI limits near zero.
#include "socialcure/analyses/probing.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "reference_values.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/models/ols.hpp"

using namespace socialcure_test;
namespace sc = socialcure;

namespace {

bool any_note_contains(const std::vector<std::string>& notes, const std::string& text) {
  for (const auto& n : notes) {
    if (n.find(text) != std::string::npos) return true;
  }
  return false;
}

std::vector<double> garcia_sexism() {
  const sc::table t = reference_data("moderation/data/garcia.csv");
  const auto v = t.numeric("sexism");
  return {v.begin(), v.end()};
}

// liking = b0 + b1 prot2 + b2 sexism + b3 prot2 sexism, fitted by the library's OLS (itself checked
// against lm elsewhere); the JN points come from R.
sc::linear_effect garcia_effect(double* df) {
  const sc::table t = reference_data("moderation/data/garcia.csv");
  const auto x = t.numeric("prot2");
  const auto w = t.numeric("sexism");
  const auto y = t.numeric("liking");
  const auto n = static_cast<Eigen::Index>(t.rows());
  Eigen::MatrixXd design(n, 4);
  Eigen::VectorXd response(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto k = static_cast<std::size_t>(i);
    design.row(i) << 1.0, x[k], w[k], x[k] * w[k];
    response(i) = y[k];
  }
  const sc::ols_result fit = sc::fit_ols(design, response, {"(Intercept)", "x", "w", "x*w"}, true);
  *df = fit.df_residual;
  return {fit.coefficients[1].estimate, fit.coefficients[3].estimate, fit.covariance(1, 1), fit.covariance(1, 3),
          fit.covariance(3, 3)};
}

}  // namespace

TEST_CASE("type6_quantile: R's quantile(type = 6), clamped at the ends") {
  const std::vector<double> x = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};  // unsorted on purpose
  // h = p (n + 1): .16 * 11 = 1.76 -> 1 + .76 (2 - 1); .5 * 11 = 5.5 -> 5.5; .84 * 11 = 9.24 -> 9.24
  CHECK(sc::type6_quantile(x, 0.16) == doctest::Approx(1.76).epsilon(1e-14));
  CHECK(sc::type6_quantile(x, 0.50) == doctest::Approx(5.5).epsilon(1e-14));
  CHECK(sc::type6_quantile(x, 0.84) == doctest::Approx(9.24).epsilon(1e-14));
  const std::vector<double> small = {3, 1, 2};  // .16 * 4 = .64 -> below 1: the minimum; .84 * 4 = 3.36 -> maximum
  CHECK(sc::type6_quantile(small, 0.16) == 1.0);
  CHECK(sc::type6_quantile(small, 0.50) == 2.0);
  CHECK(sc::type6_quantile(small, 0.84) == 3.0);
  CHECK_THROWS_AS((void)sc::type6_quantile(std::vector<double>{}, 0.5), sc::argument_error);
  CHECK_THROWS_AS((void)sc::type6_quantile(x, 1.5), sc::argument_error);
}

TEST_CASE("choose_probe_values: Garcia sexism, percentiles and mean +/- SD as PROCESS 4.x (R reference)") {
  const auto ref = reference_values::load("moderation/moderation.ref.csv");
  const std::vector<double> w = garcia_sexism();
  const sc::probe_set p = sc::choose_probe_values(w, "sexism");
  REQUIRE(p.values.size() == 3);
  for (std::size_t k = 0; k < 3; ++k) ref.check(p.values[k], "garcia_m1", "probe_w" + std::to_string(k + 1), 1e-14);
  CHECK(p.labels[0] == "16th percentile");
  CHECK_FALSE(p.dichotomous);
  CHECK(p.notes.empty());
  CHECK(p.minimum == 2.87);
  CHECK(p.maximum == 7.0);

  sc::probe_options sd;
  sd.method = sc::probe_method::mean_sd;
  const sc::probe_set q = sc::choose_probe_values(w, "sexism", sd);
  REQUIRE(q.values.size() == 3);
  for (std::size_t k = 0; k < 3; ++k) ref.check(q.values[k], "garcia_m1_sd", "probe_w" + std::to_string(k + 1), 1e-13);
  CHECK(q.notes.empty());  // mean +/- SD lies within [2.87, 7]
}

TEST_CASE("choose_probe_values: replacement by the minimum, coincident percentiles, dichotomous, given values") {
  // mean 1.1, SD sqrt((8 * 1.21 + 0.01 + 79.21) / 9) = sqrt(88.9 / 9): mean - SD = -2.04 < min 0 -> 0
  const std::vector<double> skewed = {0, 0, 0, 0, 0, 0, 0, 0, 1, 10};
  sc::probe_options sd;
  sd.method = sc::probe_method::mean_sd;
  const sc::probe_set a = sc::choose_probe_values(skewed, "visits", sd);
  REQUIRE(a.values.size() == 3);
  CHECK(a.values[0] == 0.0);
  CHECK(a.values[1] == doctest::Approx(1.1).epsilon(1e-14));
  CHECK(a.values[2] == doctest::Approx(1.1 + std::sqrt(88.9 / 9.0)).epsilon(1e-14));
  CHECK(any_note_contains(a.notes, "below the minimum"));
  CHECK(any_note_contains(a.notes, "'visits'"));

  // n = 10: 16th -> h 1.76 -> 1, 50th -> h 5.5 -> 1, 84th -> x9 + .24 (x10 - x9) = 2.24
  const std::vector<double> coarse = {1, 1, 1, 1, 1, 1, 1, 1, 2, 3};
  const sc::probe_set b = sc::choose_probe_values(coarse, "likert");
  REQUIRE(b.values.size() == 2);
  CHECK(b.values[0] == 1.0);
  CHECK(b.values[1] == doctest::Approx(2.24).epsilon(1e-14));
  CHECK(any_note_contains(b.notes, "probed once"));

  std::vector<double> lumpy(20, 1.0);
  lumpy.push_back(2.0);
  lumpy.push_back(3.0);  // every percentile is 1
  CHECK_THROWS_WITH_AS((void)sc::choose_probe_values(lumpy, "likert"),
                       doctest::Contains("'likert' has too few distinct values"), sc::data_error);
  CHECK_NOTHROW((void)sc::choose_probe_values(lumpy, "likert", sd));

  const std::vector<double> binary = {0, 1, 1, 0, 1};
  const sc::probe_set c = sc::choose_probe_values(binary, "female", sd);
  CHECK(c.dichotomous);
  CHECK(c.values == std::vector<double>{0.0, 1.0});
  CHECK(sc::is_dichotomous(binary));
  CHECK(sc::count_distinct(coarse) == 3);

  sc::probe_options given;
  given.method = sc::probe_method::values;
  given.values = {3.0, 5.0, 8.0};
  const sc::probe_set d = sc::choose_probe_values(garcia_sexism(), "sexism", given);
  CHECK(d.values == given.values);
  REQUIRE(d.notes.size() == 1);  // only 8 is outside [2.87, 7]
  CHECK(any_note_contains(d.notes, "probe value 8 of 'sexism' is outside the observed range"));

  const std::vector<double> constant = {4, 4, 4};
  CHECK_THROWS_WITH_AS((void)sc::choose_probe_values(constant, "age"), doctest::Contains("'age' does not vary"),
                       sc::data_error);
  sc::probe_options bad;
  bad.method = sc::probe_method::values;
  CHECK_THROWS_AS(bad.validate(), sc::argument_error);
  bad.values = {std::numeric_limits<double>::quiet_NaN()};
  CHECK_THROWS_AS(bad.validate(), sc::argument_error);
}

TEST_CASE("johnson_neyman: Garcia, two points, percentages and region table against R") {
  const auto ref = reference_values::load("moderation/moderation.ref.csv");
  double df = 0.0;
  const sc::linear_effect e = garcia_effect(&df);
  const std::vector<double> w = garcia_sexism();
  const sc::johnson_neyman_result jn = sc::johnson_neyman(e, df, 0.95, w);
  REQUIRE(jn.points.size() == ref.count("garcia_m1", "jn_count"));
  for (std::size_t k = 0; k < jn.points.size(); ++k) {
    const std::string p = "jn_point" + std::to_string(k + 1);
    ref.check(jn.points[k].value, "garcia_m1", p, 1e-10);
    ref.check_abs(jn.points[k].percent_below, "garcia_m1", p + "_below", 1e-12);
    ref.check_abs(jn.points[k].percent_above, "garcia_m1", p + "_above", 1e-12);
    // at a transition point |theta / SE| is the critical value (qt(.975, 125) = 1.97912411)
    const sc::conditional_estimate at = sc::evaluate_at(e, jn.points[k].value, df, 0.95);
    CHECK(std::fabs(at.t) == doctest::Approx(1.97912411).epsilon(1e-8));
  }
  REQUIRE(jn.region.size() == 22);
  for (int r : {1, 5, 12, 22}) {
    const auto& row = jn.region[static_cast<std::size_t>(r - 1)];
    const std::string p = "jn_row" + std::to_string(r) + "_";
    ref.check(row.w, "garcia_m1", p + "w", 1e-12);
    ref.check(row.effect, "garcia_m1", p + "effect", 1e-10);
    ref.check(row.se, "garcia_m1", p + "se", 1e-10);
    ref.check(row.p, "garcia_m1", p + "p", 1e-8);
    ref.check_abs(row.ci_lower, "garcia_m1", p + "ci_lower", 1e-10);
    ref.check_abs(row.ci_upper, "garcia_m1", p + "ci_upper", 1e-10);
  }
  // b3 is significant (A > 0): significant outside the roots, i.e. [2.87, 3.5087] and [4.9753, 7]
  CHECK(jn.a > 0.0);
  REQUIRE(jn.significant.size() == 2);
  CHECK(jn.significant[0].lower == 2.87);
  CHECK(jn.significant[1].upper == 7.0);
  CHECK(jn.summary.find("2 transition points") != std::string::npos);
}

TEST_CASE("johnson_neyman: no point in range is a result; one point; everywhere") {
  const std::vector<double> range = {0.0, 1.0, 2.0, 3.0, 4.0};
  const double inf = std::numeric_limits<double>::infinity();  // z critical value 1.959964
  // theta(w) = 0.1 + 0.01 w, SE about 1: never significant (A < 0, C < 0, no real root in range)
  const sc::johnson_neyman_result none = sc::johnson_neyman({0.1, 0.01, 1.0, 0.0, 0.01}, inf, 0.95, range);
  CHECK(none.points.empty());
  CHECK(none.significant.empty());
  CHECK(none.region.size() == 22);
  CHECK(none.region.front().w == 0.0);
  CHECK(none.region.back().w == 4.0);
  CHECK(none.summary == "no transition points within the observed range; significant nowhere in the observed range");
  // theta(w) = 10 + w with SE 1 everywhere (V33 = 0): significant everywhere
  const sc::johnson_neyman_result all = sc::johnson_neyman({10.0, 1.0, 1.0, 0.0, 0.0}, inf, 0.95, range);
  CHECK(all.points.empty());
  REQUIRE(all.significant.size() == 1);
  CHECK(all.significant[0].lower == 0.0);
  CHECK(all.significant[0].upper == 4.0);
  // theta(w) = -2 + w, SE 1 (V33 = 0, A = 1): theta / SE = +/- z at w = 2 -/+ 1.959964; only
  // 0.040036 lies in [0, 4] ... and 3.959964 too: two points, significant outside them
  const sc::johnson_neyman_result two = sc::johnson_neyman({-2.0, 1.0, 1.0, 0.0, 0.0}, inf, 0.95, range);
  const double z = 1.959963984540054;
  REQUIRE(two.points.size() == 2);
  CHECK(two.points[0].value == doctest::Approx(2.0 - z).epsilon(1e-12));
  CHECK(two.points[1].value == doctest::Approx(2.0 + z).epsilon(1e-12));
  CHECK(two.points[0].percent_below == doctest::Approx(20.0));  // only 0 < 0.04
  CHECK(two.points[1].percent_above == doctest::Approx(20.0));  // only 4 > 3.96
  CHECK(two.region.size() == 22);
  // range [0, 3]: one point 0.04 inside, the other outside
  const std::vector<double> shorter = {0.0, 1.5, 3.0};
  const sc::johnson_neyman_result one = sc::johnson_neyman({-2.0, 1.0, 1.0, 0.0, 0.0}, inf, 0.95, shorter);
  REQUIRE(one.points.size() == 1);
  REQUIRE(one.significant.size() == 1);
  CHECK(one.significant[0].upper == doctest::Approx(2.0 - z).epsilon(1e-12));
  // the region table: 21 grid values plus the point
  CHECK(one.region.size() == 22);
  CHECK_THROWS_AS((void)sc::johnson_neyman({0.0, 1.0, 1.0, 0.0, 0.0}, 10.0, 0.95, std::vector<double>{2.0, 2.0}),
                  sc::data_error);
  CHECK_THROWS_AS((void)sc::johnson_neyman({0.0, 1.0, 1.0, 0.0, 0.0}, 10.0, 1.5, range), sc::argument_error);
}

TEST_CASE("critical_value and evaluate_at") {
  CHECK(sc::critical_value(125.0, 0.95) == doctest::Approx(1.97912411).epsilon(1e-8));  // R qt(.975, 125)
  CHECK(sc::critical_value(std::numeric_limits<double>::infinity(), 0.95) ==
        doctest::Approx(1.959963984540054).epsilon(1e-14));
  // theta(2) = 1 + 0.5 * 2 = 2; SE^2 = 0.04 + 2 * 2 * 0.01 + 4 * 0.04 = 0.24
  const sc::conditional_estimate c = sc::evaluate_at({1.0, 0.5, 0.04, 0.01, 0.04}, 2.0, 125.0, 0.95);
  CHECK(c.effect == doctest::Approx(2.0));
  CHECK(c.se == doctest::Approx(std::sqrt(0.24)).epsilon(1e-14));
  CHECK(c.t == doctest::Approx(2.0 / std::sqrt(0.24)).epsilon(1e-14));
  CHECK(c.ci_lower == doctest::Approx(2.0 - 1.97912411 * std::sqrt(0.24)).epsilon(1e-8));
}

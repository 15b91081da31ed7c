// Degenerate data (issue 9, hardening): every case gives a socialcure error whose message names the
// problem (and the column), or a result whose status or note explains each missing value; never a
// silent NaN, a crash, a hang or a wrong number. The cases: a zero-variance predictor (OLS, GLM) or
// item (alpha); n at or below the number of parameters; a mediator identical to X; perfectly
// collinear covariates under both rank policies; all responses missing (scoring, alpha, change);
// one respondent; a count outcome of all zeros (Poisson and negative binomial GLMs, the paired rate
// ratio); values near the top of the double range in a regression; and numbers the CSV reader
// cannot represent.
//
// Regression tests for the bugs these cases found are named "regression: <what broke>".
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "socialcure/analyses/change.hpp"
#include "socialcure/analyses/mediation.hpp"
#include "socialcure/analyses/paired_tests.hpp"
#include "socialcure/study/study.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/core/missing.hpp"
#include "socialcure/data/csv.hpp"
#include "socialcure/data/table.hpp"
#include "socialcure/measures/catalogue.hpp"
#include "socialcure/measures/reliability.hpp"
#include "socialcure/measures/scoring.hpp"
#include "socialcure/models/glm.hpp"
#include "socialcure/models/ols.hpp"
#include "socialcure/report/change_report.hpp"
#include "socialcure/report/study_report.hpp"
#include "support.hpp"

namespace sc = socialcure;
using namespace socialcure_test;

namespace {

constexpr double na = sc::missing_value;

sc::table numeric_table(const std::vector<std::pair<std::string, std::vector<double>>>& columns,
                        const std::string& source = "degenerate.csv") {
  sc::table t(source);
  for (const auto& [name, values] : columns) t.add(sc::column(name, values));
  return t;
}

sc::model_spec spec_of(const std::string& y, const std::vector<std::string>& x) {
  sc::model_spec s;
  s.response = y;
  s.predictors = x;
  return s;
}

/// Every statistic of every non-aliased coefficient is a number (finite, or an infinite statistic).
void check_no_silent_nan(const std::vector<sc::coefficient>& coefficients) {
  for (const auto& c : coefficients) {
    INFO("term " << c.term);
    if (c.aliased) {
      CHECK(sc::is_missing(c.estimate));
      continue;
    }
    CHECK(std::isfinite(c.estimate));
    CHECK(std::isfinite(c.se));
    CHECK_FALSE(std::isnan(c.statistic));
    CHECK_FALSE(std::isnan(c.p));
    CHECK(std::isfinite(c.ci_lower));
    CHECK(std::isfinite(c.ci_upper));
  }
}

/// X = "x" -> M = "m" -> Y = "y".
sc::mediation_spec simple_mediation() {
  sc::mediation_spec spec;
  spec.x = "x";
  spec.mediators = {"m"};
  spec.y = "y";
  return spec;
}

/// 100 bootstrap resamples, seed 1: the degenerate cases fail before resampling.
sc::mediation_options few_replicates() {
  sc::mediation_options o;
  o.replicates = 100;
  o.seed = 1;
  return o;
}

sc::glm_options family(sc::glm_family f) {
  sc::glm_options o;
  o.family = f;
  return o;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Zero-variance predictor.
// ---------------------------------------------------------------------------------------------

TEST_CASE("degenerate: a zero-variance predictor in OLS is a data_error naming it, or an aliased term") {
  const sc::table t = numeric_table({{"y", {1, 3, 2, 5, 4}}, {"age", {4, 1, 3, 2, 5}}, {"dose", {2, 2, 2, 2, 2}}});
  const std::string m = message_of<sc::data_error>([&] { (void)sc::fit_ols(t, spec_of("y", {"age", "dose"})); });
  CHECK(contains(m, "degenerate.csv"));
  CHECK(contains(m, "rank deficient"));
  CHECK(contains(m, "'dose'"));
  sc::ols_options drop;
  drop.on_rank_deficiency = sc::rank_policy::drop;
  const sc::ols_result r = sc::fit_ols(t, spec_of("y", {"age", "dose"}), drop);
  CHECK(r.at("dose").aliased);
  CHECK(join(r.aliased_terms) == "dose");
  check_no_silent_nan(r.coefficients);
}

TEST_CASE("degenerate: a zero-variance predictor in a Poisson or negative binomial GLM is a data_error naming it") {
  // Overdispersed enough for the negative binomial (theta is finite without 'site').
  const sc::table t = numeric_table({{"visits", {0, 3, 1, 7, 2, 9, 0, 4, 12, 1, 0, 0, 15, 2}},
                                     {"age", {30, 41, 25, 62, 37, 70, 22, 48, 75, 33, 50, 40, 30, 20}},
                                     {"site", {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}}});
  for (const auto f : {sc::glm_family::poisson, sc::glm_family::negative_binomial}) {
    INFO(sc::to_string(f));
    const std::string m =
        message_of<sc::data_error>([&] { (void)sc::fit_glm(t, spec_of("visits", {"age", "site"}), family(f)); });
    CHECK(contains(m, "degenerate.csv"));
    CHECK(contains(m, "rank deficient"));
    CHECK(contains(m, "'site'"));
  }
  sc::glm_options drop = family(sc::glm_family::poisson);
  drop.on_rank_deficiency = sc::rank_policy::drop;
  const sc::glm_result r = sc::fit_glm(t, spec_of("visits", {"age", "site"}), drop);
  CHECK(r.at("site").aliased);
  check_no_silent_nan(r.coefficients);
}

// ---------------------------------------------------------------------------------------------
// Zero-variance item.
// ---------------------------------------------------------------------------------------------

TEST_CASE("degenerate: a zero-variance item is a data_error naming the item, pairwise and listwise") {
  Eigen::MatrixXd items(5, 3);
  items << 1, 3, 2, 2, 3, 3, 4, 3, 4, 5, 3, 5, 3, 3, 1;
  for (const auto handling : {sc::missing_handling::pairwise, sc::missing_handling::listwise}) {
    sc::reliability_options o;
    o.missing = handling;
    const auto e = data_error_of([&] { (void)sc::cronbach_alpha(items, {"q1", "q2", "q3"}, o); });
    REQUIRE(e.has_value());
    CHECK(e->where().item == "q2");
    CHECK(contains(e->what(), "'q2'"));
    CHECK(contains(e->what(), "no variance"));
  }
}

// ---------------------------------------------------------------------------------------------
// n at or below the number of parameters.
// ---------------------------------------------------------------------------------------------

TEST_CASE("degenerate: OLS with n equal to the number of coefficients is a data_error saying so") {
  // 3 cases, 3 coefficients: a perfect fit with no residual degrees of freedom.
  const sc::table t = numeric_table({{"y", {1, 4, 2}}, {"a", {1, 2, 3}}, {"b", {5, 3, 4}}});
  const std::string m = message_of<sc::data_error>([&] { (void)sc::fit_ols(t, spec_of("y", {"a", "b"})); });
  CHECK(contains(m, "degenerate.csv"));
  CHECK(contains(m, "3 cases for 3 coefficients"));
  CHECK(contains(m, "no residual degrees of freedom"));
}

TEST_CASE("regression: OLS with fewer cases than coefficients says so instead of blaming collinearity") {
  // 2 cases, 3 coefficients: any third column is a combination of the first two in 2 dimensions,
  // but the problem to report is the sample size, not the variables.
  const sc::table t = numeric_table({{"y", {1, 4}}, {"a", {1, 2}}, {"b", {5, 3}}});
  const std::string m = message_of<sc::data_error>([&] { (void)sc::fit_ols(t, spec_of("y", {"a", "b"})); });
  CHECK(contains(m, "degenerate.csv"));
  CHECK(contains(m, "2 cases for 3 coefficients"));
  sc::ols_options drop;
  drop.on_rank_deficiency = sc::rank_policy::drop;
  const std::string d = message_of<sc::data_error>([&] { (void)sc::fit_ols(t, spec_of("y", {"a", "b"}), drop); });
  CHECK(contains(d, "2 cases for 3 coefficients"));
}

TEST_CASE("degenerate: a GLM with no more cases than coefficients is a data_error saying so") {
  const sc::table t = numeric_table({{"visits", {2, 5}}, {"age", {30, 50}}, {"bmi", {22, 31}}});
  for (const auto f : {sc::glm_family::poisson, sc::glm_family::negative_binomial, sc::glm_family::binomial}) {
    INFO(sc::to_string(f));
    sc::table data = t;
    if (f == sc::glm_family::binomial) data = numeric_table({{"visits", {0, 1}}, {"age", {30, 50}}, {"bmi", {22, 31}}});
    const std::string m =
        message_of<sc::data_error>([&] { (void)sc::fit_glm(data, spec_of("visits", {"age", "bmi"}), family(f)); });
    CHECK(contains(m, "degenerate.csv"));
    CHECK(contains(m, "2 cases for 3 coefficients"));
  }
}

TEST_CASE("regression: a saturated Poisson GLM (n equal to the coefficients) says it has no residual degrees of freedom") {
  // R's glm fits it too (deviance 0 on 0 df); the Wald SEs exist, but the fit cannot be assessed.
  const sc::table t = numeric_table({{"visits", {2, 5}}, {"age", {30, 50}}});
  const sc::glm_result r = sc::fit_glm(t, spec_of("visits", {"age"}), family(sc::glm_family::poisson));
  CHECK(r.df_residual == 0.0);
  check_no_silent_nan(r.coefficients);
  REQUIRE(r.notes.size() == 1);
  CHECK(contains(r.notes[0], "no residual degrees of freedom"));
}

TEST_CASE("degenerate: mediation with fewer cases than coefficients is a data_error") {
  const sc::table t = numeric_table({{"x", {1, 2, 3}}, {"m", {2, 1, 4}}, {"y", {3, 5, 4}}});
  const sc::mediation_spec spec = simple_mediation();
  const sc::mediation_options o = few_replicates();
  const std::string m = message_of<sc::data_error>([&] { (void)sc::fit_mediation(t, spec, o); });
  CHECK(contains(m, "3 cases for 3 coefficients"));
}

// ---------------------------------------------------------------------------------------------
// A mediator identical to X; collinear covariates.
// ---------------------------------------------------------------------------------------------

TEST_CASE("degenerate: a mediator identical to X is a data_error naming the mediator") {
  const sc::table t = numeric_table({{"x", {1, 2, 3, 4, 5, 6, 7, 8}},
                                     {"m", {1, 2, 3, 4, 5, 6, 7, 8}},
                                     {"y", {2, 1, 4, 3, 6, 5, 8, 9}}});
  const sc::mediation_spec spec = simple_mediation();
  const sc::mediation_options o = few_replicates();
  const std::string m = message_of<sc::data_error>([&] { (void)sc::fit_mediation(t, spec, o); });
  CHECK(contains(m, "rank deficient"));
  CHECK(contains(m, "'m' = 1 * x"));
}

TEST_CASE("regression: mediation errors name the data file (a mediator identical to X)") {
  // The equations are fitted from matrices that do not know the file: fit_mediation adds it.
  const sc::table t = numeric_table({{"x", {1, 2, 3, 4, 5, 6, 7, 8}},
                                     {"m", {1, 2, 3, 4, 5, 6, 7, 8}},
                                     {"y", {2, 1, 4, 3, 6, 5, 8, 9}}},
                                    "survey.csv");
  const sc::mediation_spec spec = simple_mediation();
  const sc::mediation_options o = few_replicates();
  const auto e = data_error_of([&] { (void)sc::fit_mediation(t, spec, o); });
  REQUIRE(e.has_value());
  CHECK(e->where().file == "survey.csv");
  CHECK(contains(e->what(), "survey.csv: mediation: "));
}

TEST_CASE("regression: a constant outcome in mediation is a data_error naming it (was infinite standardized effects)") {
  const sc::table t = numeric_table({{"x", {1, 2, 3, 4, 5, 6, 7, 8}},
                                     {"m", {2, 1, 4, 3, 6, 5, 8, 7}},
                                     {"y", {4, 4, 4, 4, 4, 4, 4, 4}},
                                     {"m_pre", {1, 2, 3, 4, 5, 6, 7, 8}},
                                     {"m_post", {2, 2, 5, 4, 7, 6, 9, 9}},
                                     {"y_pre", {3, 1, 4, 1, 5, 9, 2, 6}},
                                     {"y_post", {5, 3, 6, 3, 7, 11, 4, 8}}},
                                    "survey.csv");
  const sc::mediation_options o = few_replicates();
  const sc::mediation_spec spec = simple_mediation();
  const auto between = data_error_of([&] { (void)sc::fit_mediation(t, spec, o); });
  REQUIRE(between.has_value());
  CHECK(between->where().file == "survey.csv");
  CHECK(between->where().column == "y");
  CHECK(contains(between->what(), "the outcome does not vary (every case used has the value 4)"));
  // Within-subject: every person's outcome rose by exactly 2.
  sc::within_mediation_spec within;
  within.mediators = {{"m_pre", "m_post"}};
  within.y = {"y_pre", "y_post"};
  const auto w = data_error_of([&] { (void)sc::fit_within_mediation(t, within, o); });
  REQUIRE(w.has_value());
  CHECK(w->where().file == "survey.csv");
  CHECK(w->where().column == "y_post - y_pre");
  CHECK(contains(w->what(), "the outcome does not vary (every case used has the value 2)"));
}

TEST_CASE("degenerate: perfectly collinear covariates are a data_error naming them, or aliased under drop") {
  const sc::table t = numeric_table({{"y", {3, 1, 4, 1, 5, 9, 2, 6, 5, 3}},
                                     {"height_cm", {160, 172, 181, 158, 169, 190, 175, 166, 177, 183}},
                                     {"height_m", {1.60, 1.72, 1.81, 1.58, 1.69, 1.90, 1.75, 1.66, 1.77, 1.83}},
                                     {"age", {30, 41, 25, 62, 37, 70, 22, 48, 75, 33}}});
  const sc::model_spec s = spec_of("y", {"age", "height_cm", "height_m"});
  const std::string m = message_of<sc::data_error>([&] { (void)sc::fit_ols(t, s); });
  CHECK(contains(m, "'height_m' ="));
  CHECK(contains(m, "height_cm"));
  sc::ols_options drop;
  drop.on_rank_deficiency = sc::rank_policy::drop;
  const sc::ols_result r = sc::fit_ols(t, s, drop);
  CHECK(r.at("height_m").aliased);
  CHECK(join(r.aliased_terms) == "height_m");
  CHECK(r.rank == 3);
  check_no_silent_nan(r.coefficients);
  // GLM the same.
  const sc::table counts = numeric_table({{"y", {3, 1, 4, 1, 5, 9, 2, 6, 5, 3}},
                                          {"height_cm", {160, 172, 181, 158, 169, 190, 175, 166, 177, 183}},
                                          {"height_m", {1.60, 1.72, 1.81, 1.58, 1.69, 1.90, 1.75, 1.66, 1.77, 1.83}},
                                          {"age", {30, 41, 25, 62, 37, 70, 22, 48, 75, 33}}});
  const std::string g = message_of<sc::data_error>([&] { (void)sc::fit_glm(counts, s, family(sc::glm_family::poisson)); });
  CHECK(contains(g, "'height_m'"));
  // In a mediation model the covariates enter every equation: the first equation names them.
  sc::mediation_spec ms;
  ms.x = "age";
  ms.mediators = {"y"};
  ms.y = "height_cm";
  ms.covariates = {"height_m"};
  sc::table med = numeric_table({{"age", {30, 41, 25, 62, 37, 70, 22, 48, 75, 33}},
                                 {"y", {3, 1, 4, 1, 5, 9, 2, 6, 5, 3}},
                                 {"height_cm", {160, 172, 181, 158, 169, 190, 175, 166, 177, 183}},
                                 {"height_m", {1.60, 1.72, 1.81, 1.58, 1.69, 1.90, 1.75, 1.66, 1.77, 1.83}},
                                 {"weight_kg", {60, 72, 81, 58, 69, 90, 75, 66, 77, 83}},
                                 {"weight_g", {60000, 72000, 81000, 58000, 69000, 90000, 75000, 66000, 77000, 83000}}});
  ms.y = "weight_kg";
  ms.covariates = {"height_cm", "height_m"};
  const sc::mediation_options o = few_replicates();
  const std::string c = message_of<sc::data_error>([&] { (void)sc::fit_mediation(med, ms, o); });
  CHECK(contains(c, "'height_m' ="));
}

// ---------------------------------------------------------------------------------------------
// All responses missing.
// ---------------------------------------------------------------------------------------------

TEST_CASE("degenerate: scoring with every response missing keeps every row, unscored, with a reason") {
  const sc::table t = numeric_table({{"u1", {na, na, na}}, {"u2", {na, na, na}}, {"u3", {na, na, na}}});
  const sc::scale_scores s = sc::score_table(sc::find_scale("ucla3"), t, {"u1", "u2", "u3"});
  REQUIRE(s.respondents.size() == 3);
  CHECK(s.n_scored == 0);
  CHECK(s.n_unscorable == 3);
  for (const auto& r : s.respondents) {
    CHECK(sc::is_missing(r.score));
    CHECK_FALSE(r.reason.empty());
    CHECK(r.items_answered == 0);
  }
}

TEST_CASE("degenerate: alpha with every response missing is a data_error naming an item") {
  const Eigen::MatrixXd items = Eigen::MatrixXd::Constant(6, 3, na);
  for (const auto handling : {sc::missing_handling::pairwise, sc::missing_handling::listwise}) {
    sc::reliability_options o;
    o.missing = handling;
    const auto e = data_error_of([&] { (void)sc::cronbach_alpha(items, {"q1", "q2", "q3"}, o); });
    REQUIRE(e.has_value());
    CHECK(e->where().item == "q1");
    CHECK(contains(e->what(), "fewer than 2 answers"));
  }
}

TEST_CASE("degenerate: alpha with one item never answered is a data_error naming that item") {
  Eigen::MatrixXd items(5, 3);
  items << 1, na, 2, 2, na, 3, 4, na, 4, 5, na, 5, 3, na, 1;
  const auto e = data_error_of([&] { (void)sc::cronbach_alpha(items, {"q1", "q2", "q3"}); });
  REQUIRE(e.has_value());
  CHECK(e->where().item == "q2");
}

TEST_CASE("regression: the change analysis with no complete pair does not claim every difference is zero") {
  const Eigen::VectorXd pre = vec({na, 3, na, na});
  const Eigen::VectorXd post = vec({2, na, na, na});
  sc::change_options o;
  o.per_person = true;
  const sc::change_result r = sc::analyse_change(pre, post, o);
  CHECK(r.n == 0);
  CHECK(r.n_excluded == 4);
  CHECK(r.t_test.n == 0);
  CHECK(r.t_test.n_excluded == 4);
  CHECK(sc::is_missing(r.t_test.t));
  CHECK(r.wilcoxon.method == sc::wilcoxon_method::none);
  CHECK(r.wilcoxon.note == "no complete pair: no test");
  CHECK(r.scores.raw.size() == 4);
}

// ---------------------------------------------------------------------------------------------
// One respondent.
// ---------------------------------------------------------------------------------------------

TEST_CASE("degenerate: one respondent") {
  const sc::table one = numeric_table({{"y", {3}}, {"x", {2}}, {"m", {1}}, {"u1", {1}}, {"u2", {2}}, {"u3", {3}}});
  SUBCASE("OLS: no residual degrees of freedom (or a constant predictor)") {
    const std::string m = message_of<sc::data_error>([&] { (void)sc::fit_ols(one, spec_of("y", {})); });
    CHECK(contains(m, "1 cases for 1 coefficients"));
    const std::string m2 = message_of<sc::data_error>([&] { (void)sc::fit_ols(one, spec_of("y", {"x"})); });
    CHECK(contains(m2, "1 cases for 2 coefficients"));
  }
  SUBCASE("GLM: a data_error") {
    const std::string m =
        message_of<sc::data_error>([&] { (void)sc::fit_glm(one, spec_of("y", {"x"}), family(sc::glm_family::poisson)); });
    CHECK(contains(m, "1 cases for 2 coefficients"));
  }
  SUBCASE("scoring: one scored row") {
    const sc::scale_scores s = sc::score_table(sc::find_scale("ucla3"), one, {"u1", "u2", "u3"});
    REQUIRE(s.respondents.size() == 1);
    CHECK(s.respondents[0].score == 6.0);
  }
  SUBCASE("alpha: a data_error naming an item") {
    Eigen::MatrixXd items(1, 3);
    items << 1, 2, 3;
    const auto e = data_error_of([&] { (void)sc::cronbach_alpha(items, {"q1", "q2", "q3"}); });
    REQUIRE(e.has_value());
    CHECK(e->where().item == "q1");
  }
  SUBCASE("change: one pair, the tests that need two are missing and n says why") {
    const sc::change_result r = sc::analyse_change(vec({3}), vec({5}));
    CHECK(r.n == 1);
    CHECK(r.t_test.mean_diff == 2.0);
    CHECK(sc::is_missing(r.t_test.t));
    CHECK(sc::is_missing(r.t_test.p));
    CHECK(sc::is_missing(r.t_test.ci_lower));
    CHECK(sc::is_missing(r.effects.d_z.estimate));
    CHECK(std::isfinite(r.wilcoxon.p));  // one positive difference: V = 1, exact p = 1
    CHECK(r.wilcoxon.p == 1.0);
  }
  SUBCASE("mediation: a data_error") {
    sc::mediation_spec spec;
    spec.x = "x";
    spec.mediators = {"m"};
    spec.y = "y";
    sc::mediation_options o;
    o.replicates = 100;
    o.seed = 1;
    CHECK_THROWS_AS((void)sc::fit_mediation(one, spec, o), sc::data_error);
  }
}

// ---------------------------------------------------------------------------------------------
// A count outcome of all zeros.
// ---------------------------------------------------------------------------------------------

TEST_CASE("degenerate: a count outcome of all zeros is a data_error for Poisson and negative binomial GLMs") {
  const sc::table t = numeric_table({{"visits", {0, 0, 0, 0, 0, 0}}, {"age", {30, 41, 25, 62, 37, 70}}});
  for (const auto f : {sc::glm_family::poisson, sc::glm_family::negative_binomial}) {
    INFO(sc::to_string(f));
    const std::string m =
        message_of<sc::data_error>([&] { (void)sc::fit_glm(t, spec_of("visits", {"age"}), family(f)); });
    CHECK(contains(m, "degenerate.csv"));
    CHECK(contains(m, "'visits'"));
    CHECK(contains(m, "every count is zero"));
  }
}

TEST_CASE("regression: the paired rate ratio of all-zero counts says why it has no estimate") {
  const Eigen::VectorXd zeros = vec({0, 0, 0, 0, na});
  const sc::rate_ratio_result r = sc::paired_rate_ratio(zeros, zeros);
  CHECK(r.n == 4);
  CHECK(r.n_contributing == 0);
  CHECK(sc::is_missing(r.estimate));
  CHECK(sc::is_missing(r.exact_ci_lower));
  CHECK(contains(r.note, "no events"));
  // Events after only: the IRR is infinite in principle, and missing here, with a note.
  const sc::rate_ratio_result after = sc::paired_rate_ratio(vec({0, 0, 0}), vec({1, 0, 2}));
  CHECK(sc::is_missing(after.estimate));
  CHECK(contains(after.note, "no events before"));
  // Events before only: IRR 0, the Wald interval cannot be computed on the log scale.
  const sc::rate_ratio_result before = sc::paired_rate_ratio(vec({1, 0, 2}), vec({0, 0, 0}));
  CHECK(before.estimate == 0.0);
  CHECK(sc::is_missing(before.ci_lower));
  CHECK(contains(before.note, "no events after"));
  // Through the change analysis.
  sc::change_options o;
  o.count = true;
  const sc::change_result c = sc::analyse_change(zeros, zeros, o);
  REQUIRE(c.rate_ratio.has_value());
  CHECK(contains(c.rate_ratio->note, "no events"));
  CHECK(c.wilcoxon.note == "every difference is zero: no test");
}

// ---------------------------------------------------------------------------------------------
// Values near the top of the double range.
// ---------------------------------------------------------------------------------------------

TEST_CASE("regression: OLS on a predictor near 1e300 names it as too large instead of calling it constant zero") {
  // The squares of x overflow a double; the column used to read as zero ("'x' = 0 (the column is
  // constant zero)"). Classical and HC3 the same.
  const sc::table t = numeric_table({{"y", {5.1, 7.9, 11.2, 13.8, 17.1, 19.9}},
                                     {"x", {1e300, 2e300, 3e300, 4e300, 5e300, 6e300}}});
  for (const auto se : {sc::se_type::classical, sc::se_type::hc3}) {
    sc::ols_options o;
    o.se = se;
    const auto e = data_error_of([&] { (void)sc::fit_ols(t, spec_of("y", {"x"}), o); });
    REQUIRE(e.has_value());
    CHECK(e->where().file == "degenerate.csv");
    CHECK(contains(e->what(), "model for 'y'"));
    CHECK(contains(e->what(), "the values of 'x' are too large (largest |value| 6e+300)"));
    CHECK_FALSE(contains(e->what(), "constant zero"));
  }
  // 1e200 too (its squares overflow), while 1e150 still fits exactly as x / 1e150 would.
  const sc::table t200 = numeric_table({{"y", {5.1, 7.9, 11.2, 13.8, 17.1, 19.9}},
                                        {"x", {1e200, 2e200, 3e200, 4e200, 5e200, 6e200}}});
  CHECK(contains(message_of<sc::data_error>([&] { (void)sc::fit_ols(t200, spec_of("y", {"x"})); }), "too large"));
  const sc::table t150 = numeric_table({{"y", {5.1, 7.9, 11.2, 13.8, 17.1, 19.9}},
                                        {"x", {1e150, 2e150, 3e150, 4e150, 5e150, 6e150}}});
  const sc::table t1 = numeric_table({{"y", {5.1, 7.9, 11.2, 13.8, 17.1, 19.9}}, {"x", {1, 2, 3, 4, 5, 6}}});
  const sc::ols_result big = sc::fit_ols(t150, spec_of("y", {"x"}));
  const sc::ols_result unit = sc::fit_ols(t1, spec_of("y", {"x"}));
  check_no_silent_nan(big.coefficients);
  CHECK(big.at("x").estimate * 1e150 == doctest::Approx(unit.at("x").estimate).epsilon(1e-12));
  CHECK(big.at("x").statistic == doctest::Approx(unit.at("x").statistic).epsilon(1e-12));
}

TEST_CASE("regression: OLS on a predictor near 1e-300 names it as too small instead of calling it constant zero") {
  for (const double unit : {1e-300, 1e-310}) {  // the second is subnormal
    INFO("unit " << unit);
    const sc::table t = numeric_table({{"y", {5.1, 7.9, 11.2, 13.8, 17.1, 19.9}},
                                       {"x", {unit, 2 * unit, 3 * unit, 4 * unit, 5 * unit, 6 * unit}}});
    const std::string m = message_of<sc::data_error>([&] { (void)sc::fit_ols(t, spec_of("y", {"x"})); });
    CHECK(contains(m, "the values of 'x' are too small"));
    CHECK_FALSE(contains(m, "constant zero"));
  }
}

TEST_CASE("regression: OLS on a response near 1e300 is a data_error, not NaN or infinite estimates") {
  // Used to give estimates of -inf and NaN (1e300) or t = 0, p = 1 with infinite SEs (1e160).
  for (const double unit : {1e300, 1e160}) {
    INFO("unit " << unit);
    const sc::table t = numeric_table({{"y", {5.1 * unit, 7.9 * unit, 11.2 * unit, 13.8 * unit, 17.1 * unit, 19.9 * unit}},
                                       {"x", {1, 2, 3, 4, 5, 6}}});
    const std::string m = message_of<sc::data_error>([&] { (void)sc::fit_ols(t, spec_of("y", {"x"})); });
    CHECK(contains(m, "model for 'y'"));
    CHECK(contains(m, "the values of the response are too large"));
  }
}

TEST_CASE("regression: HC3 standard errors that overflow are a data_error, not NaN") {
  // x and y both of order 1e150: every sum of squares is finite, but the HC meat (e^2 x^2) is not.
  const sc::table t = numeric_table({{"y", {5.1e150, 7.0e150, 11.9e150, 13.1e150, 17.8e150, 19.2e150}},
                                     {"x", {1e150, 2e150, 3e150, 4e150, 5e150, 6e150}}});
  sc::ols_options o;
  o.se = sc::se_type::hc3;
  const std::string m = message_of<sc::data_error>([&] { (void)sc::fit_ols(t, spec_of("y", {"x"}), o); });
  CHECK(contains(m, "model for 'y'"));
  CHECK(contains(m, "overflows double precision"));
}

TEST_CASE("regression: a GLM predictor near 1e300 is named as too large, not as collinear") {
  const sc::table t = numeric_table({{"visits", {1, 3, 5, 2, 4}}, {"dose", {1e300, 2e300, 3e300, 4e300, 1.5e300}}});
  for (const auto f : {sc::glm_family::poisson, sc::glm_family::negative_binomial}) {
    INFO(sc::to_string(f));
    const std::string m =
        message_of<sc::data_error>([&] { (void)sc::fit_glm(t, spec_of("visits", {"dose"}), family(f)); });
    CHECK(contains(m, "degenerate.csv"));
    CHECK(contains(m, "the values of 'dose' are too large"));
    CHECK_FALSE(contains(m, "linear combination"));
  }
}

TEST_CASE("regression: a constant response has no overall F test (was infinite with p = 0)") {
  const sc::table t = numeric_table({{"y", {5, 5, 5, 5, 5}}, {"x", {1, 2, 3, 4, 6}}});
  const sc::ols_result r = sc::fit_ols(t, spec_of("y", {"x"}));
  CHECK(sc::is_missing(r.f_statistic));
  CHECK(sc::is_missing(r.f_p));
  CHECK(sc::is_missing(r.r_squared));
  REQUIRE(r.notes.size() == 1);
  CHECK(contains(r.notes[0], "the response does not vary"));
  CHECK(contains(r.notes[0], "overall F"));
}

TEST_CASE("regression: alpha of items near 1e300 names the item instead of blaming missing answers") {
  Eigen::MatrixXd items(4, 2);
  items << 1e300, 2e300, -1e300, 1e300, 1e308, -1e308, 3, 4;
  const auto e = data_error_of([&] { (void)sc::cronbach_alpha(items, {"q1", "q2"}); });
  REQUIRE(e.has_value());
  CHECK(e->where().item == "q1");
  CHECK(contains(e->what(), "too large"));
  CHECK_FALSE(contains(e->what(), "cases in common"));
}

TEST_CASE("regression: the change analysis of values near 1e300 is an error, not an SD of 0 or t = 0") {
  // The differences overflowed (SD read as 0 from NaN) or their squares did (SD infinite, t = 0, p = 1).
  const std::string overflow = message_of<sc::argument_error>(
      [] { (void)sc::analyse_change(vec({1e300, -1e300, 1e308, 3}), vec({-1e300, 1e300, -1e308, 4})); });
  CHECK(contains(overflow, "too large"));
  const std::string squares =
      message_of<sc::argument_error>([] { (void)sc::paired_t_test(vec({1e300, -1e300, 3}), vec({-1e300, 1e300, 4})); });
  CHECK(contains(squares, "paired_t_test"));
  CHECK(contains(squares, "too large (largest |value| 1e+300)"));
}

TEST_CASE("regression: a Poisson GLM on a count too large to be exact names the row (was a convergence failure)") {
  const sc::table t = numeric_table({{"visits", {1, 3, 1e20, 2}}, {"age", {30, 41, 25, 62}}});
  const auto e = data_error_of([&] { (void)sc::fit_glm(t, spec_of("visits", {"age"}), family(sc::glm_family::poisson)); });
  REQUIRE(e.has_value());
  CHECK(e->where().column == "visits");
  CHECK(e->where().file == "degenerate.csv");
  CHECK(e->value() == "1e+20");
  CHECK(contains(e->what(), "a count must be a non-negative whole number up to 2^53"));
}

// ---------------------------------------------------------------------------------------------
// Numbers the CSV reader cannot represent.
// ---------------------------------------------------------------------------------------------

TEST_CASE("degenerate: csv: 1e400 is rejected at parse time with file, line, column and value") {
  const auto e = data_error_of([] { (void)sc::parse_csv("id,score\na,1\nb,1e400\n", "big.csv"); });
  REQUIRE(e.has_value());
  CHECK(e->where().file == "big.csv");
  CHECK(e->where().line == 3);
  CHECK(e->where().column == "score");
  CHECK(e->value() == "1e400");
}

TEST_CASE("degenerate: csv: -1e400 and 1e-400 are rejected at parse time with their location") {
  for (const std::string v : {"-1e400", "1e-400"}) {
    INFO(v);
    const auto e = data_error_of([&] { (void)sc::parse_csv("score\n2\n" + v + "\n", "tiny.csv"); });
    REQUIRE(e.has_value());
    CHECK(e->where().line == 3);
    CHECK(e->where().column == "score");
    CHECK(e->value() == v);
  }
}

TEST_CASE("degenerate: csv: a huge integer is rejected at parse time with its location") {
  // 123456789012345678901234567890 (an overflowing count) is no double exactly: the reader
  // rejects it with the file, line, column and value, whatever the column is used for.
  sc::csv_options o;
  o.id_column = "id";
  for (const char* value : {"123456789012345678901234567890", "9007199254740993", "-18446744073709551616"}) {
    CAPTURE(value);
    const std::string text = std::string("id,visits_pre,visits_post\nA,1,2\nB,") + value + ",3\n";
    const auto e = data_error_of([&] { (void)sc::parse_csv(text, "counts.csv", o); });
    REQUIRE(e.has_value());
    CHECK(e->where().file == "counts.csv");
    CHECK(e->where().line == 3);
    CHECK(e->where().column == "visits_pre");
    CHECK(e->value() == value);
    CHECK(contains(e->what(), "whole number too large to be stored exactly"));
  }
  // 2^53 itself is exact and read.
  const sc::table exact = sc::parse_csv("id,visits_pre\nA,9007199254740992\n", "counts.csv", o);
  CHECK(exact.get("visits_pre").numbers()[0] == 9007199254740992.0);
}

TEST_CASE("degenerate: a count beyond 2^53 written with an exponent is rejected where it is used as a count") {
  // With an exponent the reader takes it as an approximate value; as a count (read by
  // read_change_data with counts) it is an error naming the file, line, column and respondent.
  sc::csv_options o;
  o.id_column = "id";
  const sc::table t = sc::parse_csv("id,visits_pre,visits_post\nA,1,2\nB,1.2e16,3\n", "counts.csv", o);
  const auto e = data_error_of([&] { (void)sc::read_change_data(t, "visits_pre", "visits_post", "id", true); });
  REQUIRE(e.has_value());
  CHECK(e->where().file == "counts.csv");
  CHECK(e->where().line == 3);
  CHECK(e->where().column == "visits_pre");
  CHECK(e->where().respondent == "B");
  CHECK(contains(e->what(), "a count must be a non-negative whole number up to 2^53"));
}

TEST_CASE("regression: a count in a study that is not a count names the file, line, column and respondent") {
  // run_study passed counts to the paired rate ratio, whose argument_error could only name a
  // position ("pre count 2.5 at position 2"); a whole number beyond 2^53 was called "not whole".
  const auto path = std::filesystem::temp_directory_path() / "socialcure_degenerate_counts.csv";
  for (const std::string bad : {"2.5", "1.2e16"}) {  // (a whole number beyond 2^53 in digits fails at parse time)
    INFO(bad);
    {
      std::ofstream out(path);
      out << "id,age,gp_t0,gp_t1\nA,30,1,2\nB,40," << bad << ",3\nC,50,0,0\n";
    }
    sc::study_definition study;
    study.data.wide_file = path.string();
    study.counts = {{"gp", "gp"}};
    const auto e = data_error_of([&] { (void)sc::run_study(study); });
    REQUIRE(e.has_value());
    CHECK(e->where().file == path.string());
    CHECK(e->where().line == 3);
    CHECK(e->where().column == "gp_t0");
    CHECK(e->where().respondent == "B");
    CHECK(contains(e->what(), "a count must be a non-negative whole number up to 2^53"));
  }
  std::filesystem::remove(path);
}

TEST_CASE("regression: the change and study reports say why the rate ratio of all-zero counts is missing") {
  sc::change_options o;
  o.count = true;
  const Eigen::VectorXd zeros = vec({0, 0, 0, 0});
  const std::string text = sc::change_text(sc::analyse_change(zeros, zeros, o), "pre", "post");
  CHECK(contains(text, "note: no events before or after: no rate ratio"));
  CHECK(contains(sc::change_json(sc::analyse_change(zeros, zeros, o), "pre", "post"),
                 "\"note\": \"no events before or after: no rate ratio\""));
  // A study whose count outcome is zero for everyone: the report says so instead of "a rise of NA%".
  const auto path = std::filesystem::temp_directory_path() / "socialcure_degenerate_zero_counts.csv";
  {
    std::ofstream out(path);
    out << "id,age,gp_t0,gp_t1\nA,30,0,0\nB,40,0,0\nC,50,0,0\nD,60,0,0\n";
  }
  sc::study_definition study;
  study.data.wide_file = path.string();
  study.counts = {{"gp", "gp"}};
  const sc::study_result r = sc::run_study(study);
  REQUIRE(r.changes.size() == 1);
  REQUIRE(r.changes[0].result.rate_ratio.has_value());
  CHECK(r.changes[0].result.rate_ratio->note == "no events before or after: no rate ratio");
  const sc::study_report report = sc::make_study_report(r);
  CHECK(contains(report.markdown, "gp: no events before or after: no rate ratio"));
  CHECK_FALSE(contains(report.markdown, "a rise of NA"));
  std::filesystem::remove(path);
}

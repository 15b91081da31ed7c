// Paired t-test, Wilcoxon signed-rank, McNemar and the paired rate ratio against R. Reference
// values: tests/reference/change/{paired,mcnemar,rate_ratio}.ref.csv from
// tests/reference/change/make_reference.R (R 4.2.2: t.test, wilcox.test, mcnemar.test, binom.test,
// glm) and effects_extra.ref.csv (90% t CI) from make_reference_extra.R (R 4.2.2); data in
// tests/reference/change/data/. Sign convention D = post - pre. Tolerances: closed forms and
// p-values 1e-12 relative (t quantiles / tails from Boost against R's pt / qt; the z and
// chi-square tails 1e-12 too); counts and flags exact (the reference's tie-group count of the
// loneliness differences counted on exact doubles); the exact binomial p and Clopper-Pearson
// limits 1e-12; the log IRR against R's iterative glm coefficient 1e-10 (the README checks 1e-8).

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <map>
#include <string>

#include <Eigen/Core>

#include "reference_values.hpp"
#include "socialcure/analyses/paired_tests.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/core/missing.hpp"
#include "support.hpp"

using namespace socialcure_test;

namespace {

constexpr double closed = 1e-12;
const double na = socialcure::missing_value;
const double inf = std::numeric_limits<double>::infinity();

}  // namespace

TEST_CASE("paired t-test agrees with R t.test(post, pre, paired = TRUE) on every data set") {
  const auto ref = reference_values::load("change/paired.ref.csv");
  for (const auto& set : paired_sets()) {
    CAPTURE(set);
    const auto data = load_change_pairs(set);
    const auto r = socialcure::paired_t_test(data.pre, data.post);
    ref.check_count(r.n, set, "n");
    CHECK(r.n_excluded == 0);
    ref.check(r.mean_pre, set, "mean_pre", closed);
    ref.check(r.mean_post, set, "mean_post", closed);
    ref.check(r.sd_pre, set, "sd_pre", closed);
    ref.check(r.sd_post, set, "sd_post", closed);
    ref.check(r.r_pre_post, set, "r_pre_post", closed);  // lonely: r = -6e-4, still 1.4e-14
    ref.check(r.mean_diff, set, "mean_diff", closed);
    ref.check(r.sd_diff, set, "sd_diff", closed);
    ref.check(r.t, set, "t", closed);
    ref.check(r.df, set, "df", 0.0);
    ref.check(r.p, set, "p", closed);
    ref.check(r.ci_lower, set, "ci_lower", closed);
    ref.check(r.ci_upper, set, "ci_upper", closed);
    CHECK(r.se_diff == doctest::Approx(r.sd_diff / std::sqrt(static_cast<double>(r.n))).epsilon(1e-15));
    CHECK(r.level == 0.95);
  }
}

TEST_CASE("paired t-test: the level changes the CI as t.test(conf.level = 0.9)") {
  const auto extra = reference_values::load("change/effects_extra.ref.csv");
  const auto data = load_change_pairs("sleep");
  const auto r90 = socialcure::paired_t_test(data.pre, data.post, 0.90);
  extra.check(r90.ci_lower, "sleep", "t_ci_lower_90", closed);
  extra.check(r90.ci_upper, "sleep", "t_ci_upper_90", closed);
  CHECK(r90.level == 0.90);
  const auto r95 = socialcure::paired_t_test(data.pre, data.post, 0.95);
  extra.check(r95.ci_lower, "sleep", "t_ci_lower_95", closed);
  extra.check(r95.ci_upper, "sleep", "t_ci_upper_95", closed);
}

TEST_CASE("paired t-test: hand-computed example, missing pairs and degenerate cases") {
  // D = {1, 2, 3}: mean 2, SD 1, SE 1/sqrt(3), t = 2 sqrt(3), df 2. The 4th pair has a missing
  // member and is excluded.
  const auto r = socialcure::paired_t_test(vec({1, 2, 3, 5}), vec({2, 4, 6, na}));
  CHECK(r.n == 3);
  CHECK(r.n_excluded == 1);
  CHECK(r.mean_diff == doctest::Approx(2.0).epsilon(1e-15));
  CHECK(r.sd_diff == doctest::Approx(1.0).epsilon(1e-15));
  CHECK(r.t == doctest::Approx(2.0 * std::sqrt(3.0)).epsilon(1e-14));
  CHECK(r.df == 2.0);
  // pre and post are exactly linearly related: r = 1.
  CHECK(r.r_pre_post == doctest::Approx(1.0).epsilon(1e-15));
  // No variation in D: t and p missing, the CI collapses to the mean change.
  const auto flat = socialcure::paired_t_test(vec({1, 2, 3}), vec({2, 3, 4}));
  CHECK(flat.mean_diff == doctest::Approx(1.0));
  CHECK(socialcure::is_missing(flat.t));
  CHECK(socialcure::is_missing(flat.p));
  // One pair: no test.
  const auto one = socialcure::paired_t_test(vec({1}), vec({2}));
  CHECK(one.n == 1);
  CHECK(socialcure::is_missing(one.t));
  CHECK(socialcure::is_missing(one.df));
}

TEST_CASE("paired t-test: errors on unequal lengths, infinite values and a bad level") {
  const auto unequal = message_of<socialcure::argument_error>(
      [] { (void)socialcure::paired_t_test(vec({1, 2, 3}), vec({1, 2})); });
  CHECK(contains(unequal, "3"));
  CHECK(contains(unequal, "2"));
  const auto infinite = message_of<socialcure::argument_error>(
      [] { (void)socialcure::paired_t_test(vec({1, 2, 3}), vec({1, inf, 2})); });
  CHECK(contains(infinite, "infinite"));
  CHECK(contains(infinite, "pair 2"));
  for (double level : {0.0, 1.0, -0.1, 95.0, na}) {
    CAPTURE(level);
    const auto message = message_of<socialcure::argument_error>(
        [level] { (void)socialcure::paired_t_test(vec({1, 2, 3}), vec({2, 3, 5}), level); });
    CHECK(contains(message, "level"));
  }
}

TEST_CASE("Wilcoxon signed-rank agrees with R wilcox.test(post, pre, paired = TRUE) with its defaults") {
  const auto ref = reference_values::load("change/paired.ref.csv");
  for (const auto& set : paired_sets()) {
    CAPTURE(set);
    const auto data = load_change_pairs(set);
    const auto w = socialcure::wilcoxon_signed_rank(data.pre, data.post);
    ref.check_count(w.n_nonzero, set, "wilcox_n_nonzero");
    ref.check_count(w.n_zeros, set, "wilcox_n_zeros");
    ref.check_count(w.has_ties ? 1 : 0, set, "wilcox_has_ties");
    // Tie groups among the exact doubles of |D| (R: rle(sort(abs(nz))), as rank() sees them). For
    // synthetic_lonely the 15-digit text would show 5 groups (0.2999999999999998 and
    // 0.30000000000000027 print alike) but only 0.97 and 1.76 tie exactly: 2, as here.
    ref.check_count(w.n_tie_groups, set, "wilcox_n_tie_groups");
    CHECK(w.n == w.n_nonzero + w.n_zeros);
    ref.check(w.v, set, "wilcox_V", 0.0);
    ref.check(w.p, set, "wilcox_p", closed);
    ref.check(w.sigma, set, "wilcox_sigma", closed);
    const bool exact = ref.count(set, "wilcox_exact_used") == 1;
    CHECK((w.method == socialcure::wilcoxon_method::exact) == exact);
    if (!exact) CHECK(w.method == socialcure::wilcoxon_method::normal_corrected);
    // R warns "cannot compute exact p-value with ties / zeroes" exactly when it tried the exact
    // test (n < 50) and could not; our note says the same.
    const bool warned_ties = ref.count(set, "wilcox_warning_ties") == 1;
    const bool warned_zeros = ref.count(set, "wilcox_warning_zeroes") == 1;
    CHECK(w.note.empty() == !(warned_ties || warned_zeros));
    CHECK(contains(w.note, "ties") == warned_ties);
    CHECK(contains(w.note, "zeros") == warned_zeros);
    if (exact) {
      CHECK(socialcure::is_missing(w.z));
      ref.check(w.p, set, "wilcox_p_exact", closed);
    }

    // Forced normal approximation, with and without the continuity correction.
    socialcure::wilcoxon_options cc;
    cc.exact = socialcure::wilcoxon_options::exact_policy::never;
    const auto wc = socialcure::wilcoxon_signed_rank(data.pre, data.post, cc);
    CHECK(wc.method == socialcure::wilcoxon_method::normal_corrected);
    CHECK(wc.note.empty());
    ref.check(wc.z, set, "wilcox_z_cc", closed);
    ref.check(wc.p, set, "wilcox_p_normal_cc", closed);
    socialcure::wilcoxon_options nocc = cc;
    nocc.correct = false;
    const auto wn = socialcure::wilcoxon_signed_rank(data.pre, data.post, nocc);
    CHECK(wn.method == socialcure::wilcoxon_method::normal);
    ref.check(wn.z, set, "wilcox_z_nocc", closed);
    ref.check(wn.p, set, "wilcox_p_normal_nocc", closed);
  }
  // R's own ?wilcox.test orientation, wilcox.test(x, y, paired = TRUE): V = 40, p = 0.0390625.
  const auto data = load_change_pairs("depression_x_minus_y");
  const auto w = socialcure::wilcoxon_signed_rank(data.pre, data.post);
  ref.check(w.v, "depression_x_minus_y", "wilcox_V", 0.0);
  ref.check(w.p, "depression_x_minus_y", "wilcox_p", closed);
  CHECK(w.method == socialcure::wilcoxon_method::exact);
}

TEST_CASE("Wilcoxon: exact = always with ties at n >= 50 falls back to the normal approximation with a note") {
  // R: wilcox.test(..., exact = TRUE) with ties warns and uses the corrected normal approximation,
  // i.e. the same p as the default at n >= 50.
  const auto ref = reference_values::load("change/paired.ref.csv");
  const auto data = load_change_pairs("synthetic_lonely");
  socialcure::wilcoxon_options always;
  always.exact = socialcure::wilcoxon_options::exact_policy::always;
  const auto w = socialcure::wilcoxon_signed_rank(data.pre, data.post, always);
  CHECK(w.method == socialcure::wilcoxon_method::normal_corrected);
  CHECK(contains(w.note, "ties"));
  CHECK_FALSE(contains(w.note, "zeros"));
  ref.check(w.p, "synthetic_lonely", "wilcox_p", closed);
}

TEST_CASE("Wilcoxon: hand-computed example, all-zero differences and errors") {
  // D = {1, -2, 3, 4}: ranks 1, 2, 3, 4; V = 1 + 3 + 4 = 8; exact two-sided p = 2 P(V >= 8) =
  // 2 P(V <= 2) = 2 x 3/16 (V <= 2: subsets {}, {1}, {2} of {1, 2, 3, 4}).
  const auto w = socialcure::wilcoxon_signed_rank(vec({0, 2, 0, 0}), vec({1, 0, 3, 4}));
  CHECK(w.v == 8.0);
  CHECK(w.method == socialcure::wilcoxon_method::exact);
  CHECK(w.p == doctest::Approx(6.0 / 16.0).epsilon(1e-15));
  // sigma^2 = n(n+1)(2n+1)/24 = 4 x 5 x 9 / 24 = 7.5.
  CHECK(w.sigma == doctest::Approx(std::sqrt(7.5)).epsilon(1e-15));

  // Every difference zero: no test (R: wilcox.test errors / gives NaN).
  const auto zero = socialcure::wilcoxon_signed_rank(vec({1, 2, 3}), vec({1, 2, 3}));
  CHECK(zero.method == socialcure::wilcoxon_method::none);
  CHECK(zero.n == 3);
  CHECK(zero.n_zeros == 3);
  CHECK(zero.n_nonzero == 0);
  CHECK(socialcure::is_missing(zero.p));
  CHECK(socialcure::is_missing(zero.v));
  CHECK_FALSE(zero.note.empty());
  CHECK(socialcure::to_string(zero.method) == "none");

  // Missing pairs are excluded and counted.
  const auto partial = socialcure::wilcoxon_signed_rank(vec({0, 2, 0, 0, na}), vec({1, 0, 3, 4, 7}));
  CHECK(partial.n == 4);
  CHECK(partial.n_excluded == 1);
  CHECK(partial.v == 8.0);

  CHECK_THROWS_AS((void)socialcure::wilcoxon_signed_rank(vec({1, 2}), vec({1, 2, 3})), socialcure::argument_error);
  CHECK_THROWS_AS((void)socialcure::wilcoxon_signed_rank(vec({1, -inf}), vec({1, 2})), socialcure::argument_error);
}

TEST_CASE("McNemar agrees with R mcnemar.test and binom.test") {
  const auto ref = reference_values::load("change/mcnemar.ref.csv");
  for (const std::string set : {"synthetic_dep", "performance"}) {
    CAPTURE(set);
    const auto data = load_change_pairs(set);
    const auto m = socialcure::mcnemar_test(data.pre, data.post);
    ref.check_count(m.n, set, "n");
    ref.check_count(m.n00, set, "n00");
    ref.check_count(m.n01, set, "n01");
    ref.check_count(m.n10, set, "n10");
    ref.check_count(m.n11, set, "n11");
    ref.check_count(m.b, set, "b_1to0");
    ref.check_count(m.c, set, "c_0to1");
    ref.check(m.chi2_corrected, set, "chi2_cc", closed);
    ref.check(m.df, set, "df", 0.0);
    ref.check(m.p_corrected, set, "p_cc", closed);
    ref.check(m.chi2, set, "chi2_nocc", closed);
    ref.check(m.p, set, "p_nocc", closed);
    ref.check(m.p_exact, set, "p_exact_binomial", closed);
    ref.check(m.odds_ratio, set, "paired_odds_ratio_b_over_c", closed);
    ref.check(m.odds_ratio_ci_lower, set, "paired_or_exact_ci_lower", closed);
    ref.check(m.odds_ratio_ci_upper, set, "paired_or_exact_ci_upper", closed);
    ref.check(m.prop_pre, set, "prop_pre", closed);
    ref.check(m.prop_post, set, "prop_post", closed);
  }
}

TEST_CASE("McNemar: hand-computed cases, b + c = 0 and errors") {
  // b = 3 (1 -> 0), c = 1 (0 -> 1): chi2 = (3 - 1)^2 / 4 = 1, corrected (2 - 1)^2 / 4 = 0.25,
  // exact p = 2 P(X <= 1 | 4, 1/2) = 2 x 5/16 = 0.625, odds ratio 3.
  const auto m = socialcure::mcnemar_test(vec({1, 1, 1, 0, 1, 0}), vec({0, 0, 0, 1, 1, 0}));
  CHECK(m.b == 3);
  CHECK(m.c == 1);
  CHECK(m.n11 == 1);
  CHECK(m.n00 == 1);
  CHECK(m.chi2 == doctest::Approx(1.0).epsilon(1e-15));
  CHECK(m.chi2_corrected == doctest::Approx(0.25).epsilon(1e-15));
  CHECK(m.p_exact == doctest::Approx(0.625).epsilon(1e-14));
  CHECK(m.odds_ratio == doctest::Approx(3.0).epsilon(1e-15));
  CHECK(m.prop_pre == doctest::Approx(4.0 / 6.0).epsilon(1e-15));
  CHECK(m.prop_post == doctest::Approx(2.0 / 6.0).epsilon(1e-15));

  // b = c = 2: R does not correct (the corrected statistic would be 1/4, not 0): chi2 = 0, p = 1.
  const auto equal = socialcure::mcnemar_test(vec({1, 1, 0, 0}), vec({0, 0, 1, 1}));
  CHECK(equal.chi2 == 0.0);
  CHECK(equal.chi2_corrected == 0.0);
  CHECK(equal.p_corrected == doctest::Approx(1.0));
  CHECK(equal.p_exact == 1.0);

  // c = 0: no odds ratio.
  const auto no_c = socialcure::mcnemar_test(vec({1, 1, 0}), vec({0, 0, 0}));
  CHECK(socialcure::is_missing(no_c.odds_ratio));

  // b + c = 0: every statistic missing, the table and proportions still there; missing pairs excluded.
  const auto none = socialcure::mcnemar_test(vec({1, 0, 1, na}), vec({1, 0, 1, 0}));
  CHECK(none.n == 3);
  CHECK(none.n_excluded == 1);
  CHECK(none.b + none.c == 0);
  CHECK(socialcure::is_missing(none.chi2));
  CHECK(socialcure::is_missing(none.p));
  CHECK(socialcure::is_missing(none.chi2_corrected));
  CHECK(socialcure::is_missing(none.p_corrected));
  CHECK(socialcure::is_missing(none.p_exact));
  CHECK(socialcure::is_missing(none.odds_ratio));
  CHECK(socialcure::is_missing(none.odds_ratio_ci_lower));
  CHECK(none.prop_pre == doctest::Approx(2.0 / 3.0));

  // A value other than 0 or 1 names its position and value.
  const auto two = message_of<socialcure::argument_error>(
      [] { (void)socialcure::mcnemar_test(vec({1, 0, 1}), vec({1, 2, 0})); });
  CHECK(contains(two, "2"));
  CHECK(contains(two, "position 2"));
  CHECK(contains(two, "post"));
  CHECK_THROWS_AS((void)socialcure::mcnemar_test(vec({1, 0}), vec({1, 0, 1})), socialcure::argument_error);
  CHECK_THROWS_AS((void)socialcure::mcnemar_test(vec({1, inf}), vec({1, 0})), socialcure::argument_error);
  CHECK_THROWS_AS((void)socialcure::mcnemar_test(vec({1, 0}), vec({1, 0}), 1.0), socialcure::argument_error);
}

TEST_CASE("paired rate ratio agrees with R (conditional Poisson, binom.test, glm)") {
  const auto ref = reference_values::load("change/rate_ratio.ref.csv");
  const std::string set = "synthetic_gp";
  const auto data = load_change_pairs("synthetic_gp");
  const auto r = socialcure::paired_rate_ratio(data.pre, data.post);
  ref.check_count(r.n, set, "n");
  ref.check_count(r.n_contributing, set, "n_contributing");
  ref.check(r.s_pre, set, "S_pre", 0.0);
  ref.check(r.s_post, set, "S_post", 0.0);
  ref.check(r.estimate, set, "irr", closed);
  ref.check(r.se_log, set, "se_log_irr", closed);
  ref.check(r.ci_lower, set, "wald_ci_lower", closed);
  ref.check(r.ci_upper, set, "wald_ci_upper", closed);
  ref.check(r.exact_ci_lower, set, "exact_ci_lower", closed);
  ref.check(r.exact_ci_upper, set, "exact_ci_upper", closed);
  ref.check(r.exact_p, set, "exact_p_irr_eq_1", closed);
  ref.check(r.percent_change, set, "pct_change", closed);
  ref.check(r.percent_change_ci_lower, set, "pct_change_wald_ci_lower", closed);
  ref.check(r.percent_change_ci_upper, set, "pct_change_wald_ci_upper", closed);
  ref.check(std::log(r.estimate), set, "glm_fe_log_irr", 1e-10);  // IRLS-converged; observed 2e-16
  ref.check(r.pearson_chi2, set, "pearson_chi2_conditional_binomial", closed);
  ref.check(r.pearson_df, set, "pearson_df", 0.0);
  ref.check(r.dispersion, set, "pearson_dispersion", closed);
  // The same percent change as paired.ref.csv's percent change of the means (computed in another order).
  const auto paired = reference_values::load("change/paired.ref.csv");
  paired.check(r.percent_change, set, "pct_change_of_means", closed);
}

TEST_CASE("paired rate ratio: hand-computed example, exposures, zero totals and errors") {
  // S_pre = 3, S_post = 4 (the third person 0 + 0 carries nothing): IRR 4/3, SE sqrt(1/3 + 1/4).
  const auto r = socialcure::paired_rate_ratio(vec({2, 0, 1, 0}), vec({1, 0, 3, 0}));
  CHECK(r.n == 4);
  CHECK(r.n_contributing == 2);
  CHECK(r.estimate == doctest::Approx(4.0 / 3.0).epsilon(1e-15));
  CHECK(r.se_log == doctest::Approx(std::sqrt(1.0 / 3.0 + 1.0 / 4.0)).epsilon(1e-15));
  CHECK(r.percent_change == doctest::Approx(100.0 / 3.0).epsilon(1e-14));
  // Exact p: 4 of 7 against 1/2: 2 P(X <= 3) = 2 x 64/128 = 1.
  CHECK(r.exact_p == doctest::Approx(1.0));
  // p = 4/7; person 1: n 3, post 1, e = 12/7; person 2: n 4, post 3, e = 16/7;
  // chi2 = (1 - 12/7)^2 / (12/7 x 3/7) + (3 - 16/7)^2 / (16/7 x 3/7) = (25/49)/(36/49) + (25/49)/(48/49)
  //      = 25/36 + 25/48.
  CHECK(r.pearson_chi2 == doctest::Approx(25.0 / 36.0 + 25.0 / 48.0).epsilon(1e-14));
  CHECK(r.pearson_df == 1.0);

  // A pre period twice as long: IRR = (4 / 1) / (3 / 2) = 8/3, and no exact p (unequal exposures).
  socialcure::rate_ratio_options longer;
  longer.exposure_pre = 2.0;
  const auto e = socialcure::paired_rate_ratio(vec({2, 0, 1, 0}), vec({1, 0, 3, 0}), longer);
  CHECK(e.estimate == doctest::Approx(8.0 / 3.0).epsilon(1e-15));
  CHECK(socialcure::is_missing(e.exact_p));

  // Zero pre total: no ratio (missing, never infinite).
  const auto zero_pre = socialcure::paired_rate_ratio(vec({0, 0, 0}), vec({1, 2, 0}));
  CHECK(zero_pre.s_pre == 0.0);
  CHECK(zero_pre.s_post == 3.0);
  CHECK(socialcure::is_missing(zero_pre.estimate));
  CHECK(socialcure::is_missing(zero_pre.percent_change));
  CHECK(socialcure::is_missing(zero_pre.se_log));
  CHECK(socialcure::is_missing(zero_pre.ci_lower));
  CHECK(socialcure::is_missing(zero_pre.ci_upper));
  CHECK(socialcure::is_missing(zero_pre.exact_ci_upper));  // Clopper-Pearson upper p = 1
  CHECK_FALSE(std::isinf(zero_pre.exact_ci_lower));
  // Nothing at all: everything missing.
  const auto nothing = socialcure::paired_rate_ratio(vec({0, 0}), vec({0, 0}));
  CHECK(nothing.n_contributing == 0);
  CHECK(socialcure::is_missing(nothing.estimate));
  CHECK(socialcure::is_missing(nothing.exact_p));

  // Counts must be non-negative whole numbers.
  const auto negative = message_of<socialcure::argument_error>(
      [] { (void)socialcure::paired_rate_ratio(vec({1, -1}), vec({0, 2})); });
  CHECK(contains(negative, "-1"));
  CHECK(contains(negative, "position 2"));
  const auto fraction = message_of<socialcure::argument_error>(
      [] { (void)socialcure::paired_rate_ratio(vec({1, 2}), vec({2.5, 2})); });
  CHECK(contains(fraction, "2.5"));
  CHECK(contains(fraction, "position 1"));
  CHECK_THROWS_AS((void)socialcure::paired_rate_ratio(vec({1, 2}), vec({1})), socialcure::argument_error);
  CHECK_THROWS_AS((void)socialcure::paired_rate_ratio(vec({1, inf}), vec({1, 2})), socialcure::argument_error);
  socialcure::rate_ratio_options bad_level;
  bad_level.level = 1.5;
  CHECK_THROWS_AS((void)socialcure::paired_rate_ratio(vec({1, 2}), vec({1, 2}), bad_level), socialcure::argument_error);
  socialcure::rate_ratio_options bad_exposure;
  bad_exposure.exposure_post = 0.0;
  CHECK_THROWS_AS((void)socialcure::paired_rate_ratio(vec({1, 2}), vec({1, 2}), bad_exposure),
                  socialcure::argument_error);
}

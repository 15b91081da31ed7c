// Noncentral t, its noncentrality CI, Clopper-Pearson limits, the exact binomial p and the
// signed-rank distribution against R. Reference values: tests/reference/change/distributions.ref.csv
// and data/{noncentral_t,signrank,clopper_pearson}_grid.csv written by
// tests/reference/change/make_reference_extra.R (R 4.2.2: pt, integrate, psignrank, binom.test),
// and the ncp limits of paired.ref.csv from make_reference.R (R 4.2.2, uniroot(tol = 1e-13) on pt).
// Tolerances (as the README advises): the noncentral-t cdf against R's pt (AS 243, only accurate in
// absolute terms) 1e-11 absolute, and against the independent quadrature value 1e-10 relative
// everywhere, down to 1e-38;
// ncp limits 1e-9 relative against uniroot; signed-rank cdf 1e-15 absolute and, in the lower half,
// 1e-14 relative; Clopper-Pearson limits and binomial p 1e-13 relative (0 and 1 exactly).

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <string>

#include "reference_values.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/core/missing.hpp"
#include "socialcure/data/csv.hpp"
#include "socialcure/core/distributions.hpp"

using namespace socialcure_test;

namespace {

const std::string dist_file = "change/distributions.ref.csv";

}  // namespace

TEST_CASE("distributions: noncentral t cdf agrees with R pt (absolute) and the quadrature (relative)") {
  const auto ref = reference_values::load(dist_file);
  // t, df and ncp as written (R format()), so that they name the reference quantities.
  socialcure::csv_options options;
  options.text_columns = {"t", "df", "ncp"};
  const auto grid = reference_data("change/data/noncentral_t_grid.csv", options);
  REQUIRE(grid.rows() == 120);
  std::size_t tiny = 0;
  for (std::size_t i = 0; i < grid.rows(); ++i) {
    const std::string t_text = grid.text("t")[i];
    const std::string df_text = grid.text("df")[i];
    const std::string ncp_text = grid.text("ncp")[i];
    const std::string name = "t" + t_text + "_df" + df_text + "_ncp" + ncp_text;
    const double cdf_r = grid.numeric("cdf")[i];
    CHECK_MESSAGE(cdf_r == ref("noncentral_t", "cdf_" + name), "grid and ref file disagree at " << name);
    const double ours = socialcure::noncentral_t_cdf(std::stod(t_text), std::stod(df_text), std::stod(ncp_text));
    ref.check_abs(ours, "noncentral_t", "cdf_" + name, 1e-11);
    // The quadrature is accurate in relative terms even far in the lower tail (down to 1e-38),
    // where pt is not (README: 15 points off by more than 1e-6 relative). Ours is within 1e-10
    // relative wherever the cdf is at least 1e-9 (6.7e-12 at 2.0e-8, 1.2e-13 at 9.0e-7, where pt
    // is 2.5e-6 and 1.6e-7 off).
    const double quad = ref("noncentral_t", "cdf_quad_" + name);
    // Far in the lower tail (t < 0 < ncp, cdf < 1e-8) the value comes from quadrature: relative
    // accuracy holds down to 1e-38 (R's pt returns 0 or 1e-16 there).
    if (quad < 1e-9) ++tiny;
    ref.check(ours, "noncentral_t", "cdf_quad_" + name, 1e-10);
  }
  // The grid's points below 1e-9: t = -3 with ncp 10 (4) and with ncp 3.5 at df 59, 629 (2); t = -0.5,
  // 0 and 1.2 with ncp 10 (4 each).
  CHECK(tiny == 18);
}

TEST_CASE("distributions: noncentral t cdf, hand-computable values and edge cases") {
  // P(T <= 0) = Phi(-ncp) for any df: Phi(0) = 1/2.
  CHECK(socialcure::noncentral_t_cdf(0.0, 7.0, 0.0) == doctest::Approx(0.5).epsilon(1e-15));
  // ncp = 0 is the central t: P(T <= -|t|) = p_two_sided / 2.
  CHECK(socialcure::noncentral_t_cdf(-2.0, 9.0, 0.0) ==
        doctest::Approx(socialcure::t_two_sided_p(-2.0, 9.0) / 2.0).epsilon(1e-13));
  CHECK(socialcure::noncentral_t_cdf(INFINITY, 9.0, 1.0) == 1.0);
  CHECK(socialcure::noncentral_t_cdf(-INFINITY, 9.0, 1.0) == 0.0);
  CHECK(socialcure::is_missing(socialcure::noncentral_t_cdf(socialcure::missing_value, 9.0, 1.0)));
  CHECK(socialcure::is_missing(socialcure::noncentral_t_cdf(1.0, 0.0, 1.0)));
  CHECK(socialcure::is_missing(socialcure::noncentral_t_cdf(1.0, -3.0, 1.0)));
}

TEST_CASE("distributions: noncentrality CI agrees with R's uniroot limits") {
  const auto paired = reference_values::load("change/paired.ref.csv");
  for (const char* set : {"sleep", "depression", "synthetic_lonely", "synthetic_belonging_sum",
                          "synthetic_belonging_sum_id1to30", "synthetic_gp"}) {
    CAPTURE(set);
    const auto limits = socialcure::noncentral_t_ncp_limits(paired(set, "t"), paired(set, "df"), 0.95);
    paired.check(limits.lower, set, "ncp_lower", 1e-9);
    paired.check(limits.upper, set, "ncp_upper", 1e-9);
    // The defining equations: P(T_{df, L} <= t) = 0.975 and P(T_{df, U} <= t) = 0.025.
    CHECK(socialcure::noncentral_t_cdf(paired(set, "t"), paired(set, "df"), limits.lower) ==
          doctest::Approx(0.975).epsilon(1e-12));
    CHECK(socialcure::noncentral_t_cdf(paired(set, "t"), paired(set, "df"), limits.upper) ==
          doctest::Approx(0.025).epsilon(1e-12));
  }
}

TEST_CASE("distributions: noncentrality CI edge cases give missing limits") {
  for (double level : {0.0, 1.0, -0.5, 1.5, socialcure::missing_value}) {
    CAPTURE(level);
    const auto limits = socialcure::noncentral_t_ncp_limits(2.0, 9.0, level);
    CHECK(socialcure::is_missing(limits.lower));
    CHECK(socialcure::is_missing(limits.upper));
  }
  const auto infinite = socialcure::noncentral_t_ncp_limits(INFINITY, 9.0, 0.95);
  CHECK(socialcure::is_missing(infinite.lower));
  CHECK(socialcure::is_missing(infinite.upper));
  const auto no_df = socialcure::noncentral_t_ncp_limits(2.0, 0.0, 0.95);
  CHECK(socialcure::is_missing(no_df.lower));
  // t = 0 is symmetric: the limits are -U, U.
  const auto zero = socialcure::noncentral_t_ncp_limits(0.0, 9.0, 0.95);
  CHECK(zero.lower == doctest::Approx(-zero.upper).epsilon(1e-12));
  CHECK(zero.upper > 0);
}

TEST_CASE("distributions: signed-rank cdf agrees with R psignrank on the whole grid") {
  const auto ref = reference_values::load(dist_file);
  const auto grid = reference_data("change/data/signrank_grid.csv");
  REQUIRE(grid.rows() == 931);
  const auto n = grid.numeric("n");
  const auto v = grid.numeric("v");
  const auto lower = grid.numeric("lower");
  for (std::size_t i = 0; i < grid.rows(); ++i) {
    const auto ni = static_cast<std::size_t>(n[i]);
    const std::string name = "lower_n" + std::to_string(ni) + "_v" + std::to_string(static_cast<long>(v[i]));
    CHECK_MESSAGE(lower[i] == ref("signrank", name), "grid and ref file disagree at " << name);
    const double ours = socialcure::signed_rank_cdf(v[i], ni);
    // R's values differ from the exact rational by up to 1.1e-16 (README): absolute 1e-15, and in
    // the lower half (where R does not compute 1 - p) relative 1e-14, which keeps 2^-49 honest.
    ref.check_abs(ours, "signrank", name, 1e-15);
    if (v[i] <= n[i] * (n[i] + 1) / 4.0) {
      check_relative(ours, lower[i], 1e-14, "signrank " + name + " (relative)");
    }
  }
}

TEST_CASE("distributions: signed-rank cdf, hand-computable values and errors") {
  // P(V <= 0) = P(no positive difference) = 2^-n.
  CHECK(socialcure::signed_rank_cdf(0.0, 10) == std::ldexp(1.0, -10));
  // n = 3: V over the 8 subsets of {1, 2, 3} is 0, 1, 2, 3, 3, 4, 5, 6, so P(V <= 3) = 5/8.
  CHECK(socialcure::signed_rank_cdf(3.0, 3) == doctest::Approx(5.0 / 8.0).epsilon(1e-15));
  // Non-integer v is rounded down, as psignrank does: P(V <= 3.5) = P(V <= 3).
  CHECK(socialcure::signed_rank_cdf(3.5, 3) == doctest::Approx(5.0 / 8.0).epsilon(1e-15));
  CHECK(socialcure::signed_rank_cdf(-1.0, 3) == 0.0);
  CHECK(socialcure::signed_rank_cdf(6.0, 3) == 1.0);
  CHECK(socialcure::is_missing(socialcure::signed_rank_cdf(socialcure::missing_value, 3)));
  CHECK(socialcure::signed_rank_cdf(0.0, 1000) >= 0.0);
  CHECK_THROWS_AS((void)socialcure::signed_rank_cdf(10.0, 1001), socialcure::argument_error);

  // R's ?wilcox.test example (paired.ref.csv): depression, V = 40 of D = x - y with 9 pairs,
  // alternative "greater": P(V >= 40) = 1 - P(V <= 39); two-sided p of V = 5 for D = y - x: 2 P(V <= 5).
  const auto paired = reference_values::load("change/paired.ref.csv");
  paired.check(1.0 - socialcure::signed_rank_cdf(39.0, 9), "depression_x_minus_y", "wilcox_p_greater", 1e-14);
  paired.check(2.0 * socialcure::signed_rank_cdf(5.0, 9), "depression", "wilcox_p_exact", 1e-14);
}

TEST_CASE("distributions: Clopper-Pearson limits and the binomial p agree with R binom.test") {
  const auto ref = reference_values::load(dist_file);
  socialcure::csv_options options;
  options.text_columns = {"level"};  // as written ("0.95", "0.9"), to name the reference quantities
  const auto grid = reference_data("change/data/clopper_pearson_grid.csv", options);
  REQUIRE(grid.rows() == 16);
  for (std::size_t i = 0; i < grid.rows(); ++i) {
    const auto x = static_cast<std::size_t>(grid.numeric("x")[i]);
    const auto n = static_cast<std::size_t>(grid.numeric("n")[i]);
    const std::string level_text = grid.text("level")[i];
    const std::string xn = "_x" + std::to_string(x) + "_n" + std::to_string(n);
    const auto limits = socialcure::clopper_pearson(x, n, std::stod(level_text));
    CHECK(grid.numeric("lower")[i] == ref("clopper_pearson", "lower" + xn + "_level" + level_text));
    ref.check(limits.lower, "clopper_pearson", "lower" + xn + "_level" + level_text, 1e-13);
    ref.check(limits.upper, "clopper_pearson", "upper" + xn + "_level" + level_text, 1e-13);
    if (x == 0) CHECK(limits.lower == 0.0);
    if (x == n) CHECK(limits.upper == 1.0);
    ref.check(socialcure::binomial_half_two_sided_p(x, n), "clopper_pearson", "p" + xn, 1e-13);
  }
}

TEST_CASE("distributions: Clopper-Pearson and binomial p, hand-computable values and edge cases") {
  // x = 0 of n: upper limit solves (1 - p)^n = alpha/2, so p = 1 - (alpha/2)^(1/n); n = 1: 1 - 0.025.
  const auto one = socialcure::clopper_pearson(0, 1, 0.95);
  CHECK(one.lower == 0.0);
  CHECK(one.upper == doctest::Approx(0.975).epsilon(1e-14));
  const auto ten = socialcure::clopper_pearson(0, 10, 0.95);
  CHECK(ten.upper == doctest::Approx(1.0 - std::pow(0.025, 0.1)).epsilon(1e-13));
  // Two-sided p of 0 out of 10: 2 x 2^-10 = 2^-9; of 5 out of 10: 1.
  CHECK(socialcure::binomial_half_two_sided_p(0, 10) == doctest::Approx(std::ldexp(1.0, -9)).epsilon(1e-14));
  CHECK(socialcure::binomial_half_two_sided_p(5, 10) == 1.0);
  // 1 out of 3: 2 x (1 + 3)/8 = 1, capped at 1.
  CHECK(socialcure::binomial_half_two_sided_p(1, 3) == 1.0);
  // No trials, more successes than trials or a level outside (0, 1): missing.
  CHECK(socialcure::is_missing(socialcure::binomial_half_two_sided_p(0, 0)));
  CHECK(socialcure::is_missing(socialcure::binomial_half_two_sided_p(4, 3)));
  CHECK(socialcure::is_missing(socialcure::clopper_pearson(0, 0, 0.95).lower));
  CHECK(socialcure::is_missing(socialcure::clopper_pearson(0, 0, 0.95).upper));
  CHECK(socialcure::is_missing(socialcure::clopper_pearson(4, 3, 0.95).lower));
  CHECK(socialcure::is_missing(socialcure::clopper_pearson(1, 3, 1.0).lower));
  CHECK(socialcure::is_missing(socialcure::clopper_pearson(1, 3, 0.0).upper));
}

TEST_CASE("noncentral t beyond what the series can evaluate gives missing values, not an exception") {
  // Regression: Boost's non_central_t throws (itrunc overflow) for a noncentrality near 1e6; a mean
  // change of a million standard errors (a near-constant difference) must not abort the analysis.
  const auto limits = socialcure::noncentral_t_ncp_limits(1e6, 5, 0.95);
  CHECK(socialcure::is_missing(limits.lower));
  CHECK(socialcure::is_missing(limits.upper));
  CHECK(socialcure::is_missing(socialcure::noncentral_t_cdf(1e6, 5, 1e6)));
  // Still fine at t = 1000 (a bracket wide enough, limits on either side of t).
  const auto wide = socialcure::noncentral_t_ncp_limits(1000, 5, 0.95);
  CHECK(wide.lower < 1000);
  CHECK(wide.upper > 1000);
}

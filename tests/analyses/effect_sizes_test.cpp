// Standardized mean change (d_z = SRM, g_z, d_av, g_av, d_rm) and their CIs against R. Reference
// values: tests/reference/change/paired.ref.csv from tests/reference/change/make_reference.R
// (R 4.2.2, effectsize 0.8.3 cohens_d / hedges_g with paired = TRUE; noncentral-t limits by
// uniroot(tol = 1e-13) on pt) and effects_extra.ref.csv from make_reference_extra.R (R 4.2.2: d_av,
// g_av, d_rm CIs and the 90% d_z CI). Tolerances: estimates and J 1e-12 relative (closed forms);
// noncentral-t CIs 1e-9 relative against the uniroot limits; against effectsize's own CI (solved by
// optim, 5e-9 to 1.3e-7 away from the root) 1e-6 absolute, as the README advises.

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>

#include <Eigen/Core>

#include "reference_values.hpp"
#include "socialcure/analyses/effect_sizes.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/core/missing.hpp"
#include "support.hpp"

using namespace socialcure_test;

namespace {

constexpr double closed = 1e-12;
constexpr double noncentral = 1e-9;
constexpr double optim = 1e-6;
const double na = socialcure::missing_value;

}  // namespace

TEST_CASE("standardized mean change agrees with R (formulas, uniroot noncentral-t CIs)") {
  const auto ref = reference_values::load("change/paired.ref.csv");
  const auto extra = reference_values::load("change/effects_extra.ref.csv");
  for (const auto& set : paired_sets()) {
    CAPTURE(set);
    const auto data = load_change_pairs(set);
    const auto e = socialcure::standardized_mean_change(data.pre, data.post);
    ref.check_count(e.n, set, "n");
    ref.check(e.r_pre_post, set, "r_pre_post", closed);
    ref.check(e.hedges_j, set, "J_exact", closed);
    ref.check(e.hedges_j_approx, set, "J_approx", closed);

    ref.check(e.d_z.estimate, set, "d_z", closed);
    ref.check(e.d_z.ci_lower, set, "d_z_ci_lower", noncentral);
    ref.check(e.d_z.ci_upper, set, "d_z_ci_upper", noncentral);
    CHECK(e.d_z.ci_method == socialcure::effect_ci_method::noncentral_t);
    ref.check(e.srm.estimate, set, "srm", closed);
    CHECK(e.srm.ci_lower == e.d_z.ci_lower);
    CHECK(e.srm.ci_upper == e.d_z.ci_upper);

    ref.check(e.g_z.estimate, set, "g_z", closed);
    ref.check(e.g_z.ci_lower, set, "g_z_ci_lower", noncentral);
    ref.check(e.g_z.ci_upper, set, "g_z_ci_upper", noncentral);
    CHECK(e.g_z.ci_method == socialcure::effect_ci_method::noncentral_t_hedges);

    ref.check(e.d_av.estimate, set, "d_av", closed);
    // effects_extra.ref.csv has no rows for the id 1-30 subset.
    const bool has_extra = extra.has(set, "d_av_ci_lower");
    CHECK(has_extra == (set != "synthetic_belonging_sum_id1to30"));
    if (has_extra) {
      extra.check(e.d_av.ci_lower, set, "d_av_ci_lower", noncentral);
      extra.check(e.d_av.ci_upper, set, "d_av_ci_upper", noncentral);
      extra.check(e.g_av.ci_lower, set, "g_av_ci_lower", noncentral);
      extra.check(e.g_av.ci_upper, set, "g_av_ci_upper", noncentral);
      extra.check(e.d_rm.ci_lower, set, "d_rm_ci_lower", noncentral);
      extra.check(e.d_rm.ci_upper, set, "d_rm_ci_upper", noncentral);
    }
    CHECK(e.d_av.ci_method == socialcure::effect_ci_method::noncentral_t_sd_known);
    ref.check(e.g_av.estimate, set, "g_av", closed);
    CHECK(e.g_av.ci_method == socialcure::effect_ci_method::noncentral_t_hedges);

    ref.check(e.d_rm.estimate, set, "d_rm", closed);
    ref.check(e.d_rm.ci_lower, set, "d_rm_ci_lower", noncentral);
    ref.check(e.d_rm.ci_upper, set, "d_rm_ci_upper", noncentral);
    CHECK(e.d_rm.ci_method == socialcure::effect_ci_method::noncentral_t_r_known);

    // effectsize 0.8.3: the same estimates; its CI limits only to optim's precision.
    ref.check(e.d_z.estimate, set, "effectsize_cohens_d", closed);
    ref.check(e.g_z.estimate, set, "effectsize_hedges_g", closed);
    ref.check_abs(e.d_z.ci_lower, set, "effectsize_cohens_d_ci_lower", optim);
    ref.check_abs(e.d_z.ci_upper, set, "effectsize_cohens_d_ci_upper", optim);
    ref.check_abs(e.g_z.ci_lower, set, "effectsize_hedges_g_ci_lower", optim);
    ref.check_abs(e.g_z.ci_upper, set, "effectsize_hedges_g_ci_upper", optim);
  }
}

TEST_CASE("standardized mean change: the level changes the noncentral-t CI (90%)") {
  const auto extra = reference_values::load("change/effects_extra.ref.csv");
  const auto data = load_change_pairs("sleep");
  const auto e90 = socialcure::standardized_mean_change(data.pre, data.post, 0.90);
  CHECK(e90.level == 0.90);
  extra.check(e90.d_z.ci_lower, "sleep", "d_z_ci_lower_90", noncentral);
  extra.check(e90.d_z.ci_upper, "sleep", "d_z_ci_upper_90", noncentral);
  const auto e95 = socialcure::standardized_mean_change(data.pre, data.post, 0.95);
  extra.check(e95.d_z.ci_lower, "sleep", "d_z_ci_lower_95", noncentral);
  extra.check(e95.d_z.ci_upper, "sleep", "d_z_ci_upper_95", noncentral);
}

TEST_CASE("Hedges' J: hand-computable values") {
  // J(2) = Gamma(1) / (1 x Gamma(1/2)) = 1/sqrt(pi); J(3) = Gamma(3/2) / (sqrt(3/2) Gamma(1)) =
  // (sqrt(pi)/2) / sqrt(3/2).
  const double pi = std::acos(-1.0);
  CHECK(socialcure::hedges_j(2.0) == doctest::Approx(1.0 / std::sqrt(pi)).epsilon(1e-14));
  CHECK(socialcure::hedges_j(3.0) == doctest::Approx(std::sqrt(pi) / 2.0 / std::sqrt(1.5)).epsilon(1e-14));
  // J -> 1 - 3/(4 df - 1) for large df: at df = 1000 they differ by O(df^-2) ~ 1e-6 at most.
  CHECK(socialcure::hedges_j(1000.0) == doctest::Approx(1.0 - 3.0 / 3999.0).epsilon(1e-6));
  CHECK(socialcure::is_missing(socialcure::hedges_j(1.0)));
  CHECK(socialcure::is_missing(socialcure::hedges_j(0.5)));
  CHECK(socialcure::is_missing(socialcure::hedges_j(na)));
}

TEST_CASE("standardized mean change: hand-computed example and degenerate cases") {
  // pre {1, 2, 3, 4}, post {2, 4, 4, 6}: D = {1, 2, 1, 2}: mean 1.5, SD sqrt(1/3) -> d_z = 1.5 sqrt(3).
  // S1 = SD{1,2,3,4} = sqrt(5/3), S2 = SD{2,4,4,6} = sqrt(8/3): d_av = 1.5 / ((S1 + S2)/2).
  const auto e = socialcure::standardized_mean_change(vec({1, 2, 3, 4}), vec({2, 4, 4, 6}));
  CHECK(e.n == 4);
  CHECK(e.d_z.estimate == doctest::Approx(1.5 * std::sqrt(3.0)).epsilon(1e-14));
  CHECK(e.srm.estimate == e.d_z.estimate);
  const double s_av = (std::sqrt(5.0 / 3.0) + std::sqrt(8.0 / 3.0)) / 2.0;
  CHECK(e.d_av.estimate == doctest::Approx(1.5 / s_av).epsilon(1e-14));
  CHECK(e.g_z.estimate == doctest::Approx(socialcure::hedges_j(3.0) * e.d_z.estimate).epsilon(1e-14));
  CHECK(e.hedges_j_approx == doctest::Approx(1.0 - 3.0 / 11.0).epsilon(1e-15));
  CHECK(e.d_z.ci_lower < e.d_z.estimate);
  CHECK(e.d_z.estimate < e.d_z.ci_upper);

  // No variation in D: d_z, g_z, d_rm missing; d_av still defined (no CI).
  const auto flat = socialcure::standardized_mean_change(vec({1, 2, 3, 4}), vec({2, 3, 4, 5}));
  CHECK(socialcure::is_missing(flat.d_z.estimate));
  CHECK(socialcure::is_missing(flat.d_z.ci_lower));
  CHECK(socialcure::is_missing(flat.g_z.estimate));
  CHECK(flat.d_av.estimate == doctest::Approx(1.0 / std::sqrt(5.0 / 3.0)).epsilon(1e-14));
  CHECK(socialcure::is_missing(flat.d_av.ci_lower));

  // Fewer than 3 pairs (missing pairs do not count): nothing computed, n and n_excluded reported.
  const auto two = socialcure::standardized_mean_change(vec({1, 2, na}), vec({2, 5, 3}));
  CHECK(two.n == 2);
  CHECK(two.n_excluded == 1);
  CHECK(socialcure::is_missing(two.d_z.estimate));
  CHECK(socialcure::is_missing(two.hedges_j));

  CHECK(socialcure::to_string(socialcure::effect_ci_method::noncentral_t_sd_known) == "noncentral_t_sd_known");
}

TEST_CASE("standardized mean change: errors on unequal lengths, infinite values and a bad level") {
  CHECK_THROWS_AS((void)socialcure::standardized_mean_change(vec({1, 2, 3}), vec({1, 2})),
                  socialcure::argument_error);
  const auto infinite = message_of<socialcure::argument_error>([] {
    (void)socialcure::standardized_mean_change(vec({1, 2, 3}), vec({1, 2, std::numeric_limits<double>::infinity()}));
  });
  CHECK(contains(infinite, "infinite"));
  for (double level : {0.0, 1.0, 1.2, -1.0}) {
    CAPTURE(level);
    CHECK_THROWS_AS((void)socialcure::standardized_mean_change(vec({1, 2, 3}), vec({2, 2, 5}), level),
                    socialcure::argument_error);
  }
}

TEST_CASE("every effect size names its CI method even when too few pairs give no estimate") {
  const auto e = socialcure::standardized_mean_change(vec({1, 2}), vec({2, 4}));
  CHECK(e.d_z.ci_method == socialcure::effect_ci_method::noncentral_t);
  CHECK(e.g_av.ci_method == socialcure::effect_ci_method::noncentral_t_hedges);
  CHECK(e.d_av.ci_method == socialcure::effect_ci_method::noncentral_t_sd_known);
  CHECK(e.d_rm.ci_method == socialcure::effect_ci_method::noncentral_t_r_known);
  CHECK(socialcure::is_missing(e.d_z.estimate));
}

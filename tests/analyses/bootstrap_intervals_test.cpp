// Bootstrap intervals with PROCESS's conventions (docs/methods/mediation.md, sections 8-10). Expected values are
// order statistics chosen by hand from the index rules: lower = round(B q) (R's round, halves to
// even), upper = trunc(B q) + 1, 1-based; z0 = Phi^-1(share strictly below the estimate); BCa
// with acceleration 0 equals BC. The acceleration is checked against a hand computation.
#include "socialcure/analyses/bootstrap_intervals.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <numeric>
#include <vector>

#include "socialcure/core/error.hpp"
#include "socialcure/core/distributions.hpp"
#include "support.hpp"

using namespace socialcure_test;

namespace {

/// 1, 2, ..., b: element k (1-based) is k, so an endpoint names its order statistic.
std::vector<double> ranks(std::size_t b) {
  std::vector<double> v(b);
  std::iota(v.begin(), v.end(), 1.0);
  return v;
}

}  // namespace

TEST_CASE("percentile interval takes PROCESS's order statistics") {
  // B = 5000, 95%: elements 125 and 4876; B = 1000: 25 and 976 (docs/methods/mediation.md, section 8).
  auto ci = socialcure::percentile_interval(ranks(5000), 0.95);
  CHECK(ci.ok);
  CHECK(ci.lower == 125);
  CHECK(ci.upper == 4876);
  ci = socialcure::percentile_interval(ranks(1000), 0.95);
  CHECK(ci.lower == 25);
  CHECK(ci.upper == 976);
  // B = 10000, 90%: round(500) = 500, trunc(9500) + 1 = 9501.
  ci = socialcure::percentile_interval(ranks(10000), 0.90);
  CHECK(ci.lower == 500);
  CHECK(ci.upper == 9501);
  // Halves round to even, as R's round(): at level 0.5, q = 0.25 exactly; B = 10 gives 2.5 -> 2,
  // B = 14 gives 3.5 -> 4; upper trunc(7.5) + 1 = 8.
  ci = socialcure::percentile_interval(ranks(10), 0.5);
  CHECK(ci.lower == 2);
  CHECK(ci.upper == 8);
  CHECK(socialcure::lower_index(14, 0.25) == 4);
  // At 95%, (1 - 0.95) / 2 is 0.025000000000000022 in doubles; B q is taken as on paper, so
  // B = 100 gives the tie 2.5 -> element 2 (R: round(100 * 0.025) = 2) and B = 1060 gives 26.5 -> 26.
  CHECK(socialcure::percentile_interval(ranks(100), 0.95).lower == 2);
  CHECK(socialcure::percentile_interval(ranks(1060), 0.95).lower == 26);
  CHECK(socialcure::percentile_interval(ranks(1060), 0.95).upper == 1034);  // trunc(1033.5) + 1
}

TEST_CASE("percentile interval: too few replicates is a problem, not a number") {
  const auto ci = socialcure::percentile_interval(ranks(10), 0.95);  // round(0.25) = 0: no element 0
  CHECK_FALSE(ci.ok);
  CHECK(socialcure::is_missing(ci.lower));
  CHECK(contains(ci.problem, "too few replicates"));
  CHECK_FALSE(socialcure::percentile_interval({}, 0.95).ok);
  CHECK(contains(message_of<socialcure::argument_error>([] { (void)socialcure::percentile_interval(ranks(10), 1.0); }),
                 "level 1 is outside (0, 1)"));
}

TEST_CASE("bias-corrected interval: z0 from the share strictly below the estimate") {
  // 1000 replicates 1..1000, estimate 300.5: 300 below, p0 = 0.3, z0 = Phi^-1(0.3).
  const auto v = ranks(1000);
  const double z0 = socialcure::normal_quantile(0.3);
  const double z = socialcure::normal_quantile(0.975);
  const auto lo = static_cast<double>(std::nearbyint(1000 * socialcure::normal_cdf(2 * z0 - z)));
  const auto hi = std::trunc(1000 * socialcure::normal_cdf(2 * z0 + z)) + 1;
  const auto ci = socialcure::bias_corrected_interval(v, 300.5, 0.95);
  CHECK(ci.ok);
  CHECK(ci.lower == lo);
  CHECK(ci.upper == hi);
  // Ties with the estimate are not below it: estimate 301 has the same 300 strictly below.
  const auto tied = socialcure::bias_corrected_interval(v, 301.0, 0.95);
  CHECK(tied.lower == ci.lower);
  CHECK(tied.upper == ci.upper);
  // With p0 = 1/2 (estimate 500.5) BC is the percentile interval.
  const auto half = socialcure::bias_corrected_interval(v, 500.5, 0.95);
  CHECK(half.lower == 25);
  CHECK(half.upper == 976);
}

TEST_CASE("bias-corrected interval: every replicate on one side is an error in the result") {
  const auto v = ranks(1000);
  auto ci = socialcure::bias_corrected_interval(v, 0.5, 0.95);  // none below
  CHECK_FALSE(ci.ok);
  CHECK(socialcure::is_missing(ci.lower));
  CHECK(contains(ci.problem, "no replicate is below the estimate"));
  ci = socialcure::bias_corrected_interval(v, 1000.5, 0.95);  // all below
  CHECK_FALSE(ci.ok);
  CHECK(contains(ci.problem, "every replicate is below the estimate"));
  // All replicates equal to the estimate: none strictly below.
  const std::vector<double> same(200, 3.0);
  CHECK_FALSE(socialcure::bias_corrected_interval(same, 3.0, 0.95).ok);
}

TEST_CASE("bias-corrected interval: an extreme z0 clamps to 1..B with a warning") {
  // p0 = 1/1000 (estimate 1.5): the lower level Phi(2 z0 - 1.96) is about 1e-8, index 0 -> 1.
  const auto ci = socialcure::bias_corrected_interval(ranks(1000), 1.5, 0.95);
  CHECK(ci.ok);
  CHECK(ci.lower == 1);
  CHECK(contains(ci.problem, "clamped"));
}

TEST_CASE("BCa with zero acceleration equals BC; a positive acceleration moves both limits up") {
  const auto v = ranks(2000);
  const auto bc = socialcure::bias_corrected_interval(v, 900.5, 0.95);
  const auto bca0 = socialcure::bca_interval(v, 900.5, 0.0, 0.95);
  CHECK(bca0.lower == bc.lower);
  CHECK(bca0.upper == bc.upper);
  // a = 0.05: q = Phi(z0 + (z0 + z) / (1 - a (z0 + z))) by hand.
  const double z0 = socialcure::normal_quantile(900.0 / 2000.0);
  const double z = socialcure::normal_quantile(0.975);
  const auto level = [&](double zq) { return socialcure::normal_cdf(z0 + (z0 + zq) / (1 - 0.05 * (z0 + zq))); };
  const auto bca = socialcure::bca_interval(v, 900.5, 0.05, 0.95);
  CHECK(bca.lower == std::nearbyint(2000 * level(-z)));
  CHECK(bca.upper == std::trunc(2000 * level(z)) + 1);
  CHECK(bca.lower > bc.lower);
  CHECK(bca.upper > bc.upper);
  CHECK_FALSE(socialcure::bca_interval(v, 900.5, socialcure::missing_value, 0.95).ok);
}

TEST_CASE("jackknife acceleration by hand") {
  // t = {1, 2, 3, 10}: mean 4, d = mean - t = {3, 2, 1, -6}; sum d^2 = 50, sum d^3 = 27 + 8 + 1 - 216 = -180;
  // a = -180 / (6 * 50^1.5) = -0.0848528...
  const std::vector<double> t = {1, 2, 3, 10};
  CHECK(socialcure::jackknife_acceleration(t) == doctest::Approx(-180.0 / (6.0 * std::pow(50.0, 1.5))).epsilon(1e-15));
  CHECK(socialcure::jackknife_acceleration(std::vector<double>{2, 2, 2}) == 0.0);
  CHECK(socialcure::is_missing(socialcure::jackknife_acceleration(std::vector<double>{2})));
  // replicate SD (n - 1): {1, 2, 3, 10}: var = (9 + 4 + 1 + 36) / 3.
  CHECK(socialcure::replicate_sd(t) == doctest::Approx(std::sqrt(50.0 / 3.0)).epsilon(1e-15));
}

TEST_CASE("CI method names") {
  CHECK(socialcure::parse_ci_method("bc") == socialcure::ci_method::bias_corrected);
  CHECK(socialcure::parse_ci_method("monte-carlo") == socialcure::ci_method::monte_carlo);
  CHECK(socialcure::to_string(socialcure::ci_method::bca) == "bca");
  CHECK(contains(message_of<socialcure::argument_error>([] { (void)socialcure::parse_ci_method("normal"); }),
                 "unknown CI method 'normal'"));
}

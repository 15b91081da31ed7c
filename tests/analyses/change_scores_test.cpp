// Per-person change scores (raw, percent, residualized) against R. Reference values:
// tests/reference/change/residualized.ref.csv from tests/reference/change/make_reference_extra.R
// (R 4.2.2: residuals of lm(post ~ pre)) and the percent-change quantities of paired.ref.csv from
// make_reference.R (R 4.2.2). Tolerances: intercept, slope and the percent changes 1e-12 relative
// (closed forms); residuals 1e-12 relative to the residuals' own SD (a residual near 0 has no
// meaningful relative error, so the error is scaled by the spread of the residuals); counts exact.

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>

#include <Eigen/Core>

#include "reference_values.hpp"
#include "socialcure/analyses/change_scores.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/core/missing.hpp"
#include "support.hpp"

using namespace socialcure_test;

namespace {

constexpr double closed = 1e-12;
const double na = socialcure::missing_value;

}  // namespace

TEST_CASE("residualized change agrees with the residuals of R lm(post ~ pre)") {
  const auto ref = reference_values::load("change/residualized.ref.csv");
  for (const std::string set : {"synthetic_lonely", "sleep"}) {
    CAPTURE(set);
    const auto data = load_change_pairs(set);
    const auto s = socialcure::compute_change_scores(data.pre, data.post);
    ref.check_count(s.n, set, "n");
    ref.check(s.residual_intercept, set, "intercept", closed);
    ref.check(s.residual_slope, set, "slope", closed);  // lonely: slope -6.8e-4 from a near-zero covariance
    // The spread of R's residuals, to scale the error of residuals near 0.
    double sum2 = 0.0;
    for (double id : data.ids) {
      const double r = ref(set, "resid_id" + std::to_string(static_cast<long>(id)));
      sum2 += r * r;
    }
    const double spread = std::sqrt(sum2 / static_cast<double>(data.ids.size() - 1));
    REQUIRE(spread > 0);
    REQUIRE(ref.quantities(set, "resid_id").size() == data.ids.size());
    double largest = 0.0;
    for (std::size_t i = 0; i < data.ids.size(); ++i) {
      const std::string quantity = "resid_id" + std::to_string(static_cast<long>(data.ids[i]));
      const double theirs = ref(set, quantity);
      const double err = std::fabs(s.residualized[i] - theirs) / spread;
      largest = std::max(largest, err);
      summary().record("change/residualized.ref.csv", set + " / " + quantity, s.residualized[i], theirs);
      CHECK_MESSAGE(err <= closed, set << " / " << quantity << ": ours " << s.residualized[i] << ", R " << theirs
                                       << ", error / SD " << err);
    }
    MESSAGE(set << ": largest residual error relative to their SD " << largest);
  }
}

TEST_CASE("percent change: both summaries and the zero-baseline count agree with R") {
  const auto ref = reference_values::load("change/paired.ref.csv");
  for (const auto& set : paired_sets()) {
    CAPTURE(set);
    const auto data = load_change_pairs(set);
    const auto s = socialcure::compute_change_scores(data.pre, data.post);
    ref.check(s.percent_change_of_means, set, "pct_change_of_means", closed);
    ref.check(s.mean_percent_change, set, "mean_individual_pct_change", closed);
    ref.check_count(s.n_percent_undefined, set, "n_pct_excluded_pre_zero");
    // Raw change is post - pre, person by person, in input order.
    std::size_t zero_status = 0;
    for (Eigen::Index i = 0; i < data.pre.size(); ++i) {
      const auto k = static_cast<std::size_t>(i);
      CHECK(s.raw[k] == data.post(i) - data.pre(i));
      if (s.percent_status[k] == socialcure::percent_change_status::zero_baseline) {
        ++zero_status;
        CHECK(data.pre(i) == 0.0);
        CHECK(socialcure::is_missing(s.percent[k]));
      } else {
        CHECK(s.percent[k] == doctest::Approx(100.0 * (data.post(i) - data.pre(i)) / data.pre(i)).epsilon(1e-15));
      }
    }
    CHECK(zero_status == s.n_percent_undefined);
  }
}

TEST_CASE("change scores: zero baseline, missing values and a hand-computed regression") {
  // pre {2, 0, 4, na}, post {3, 5, 2, 1}: person 2 has pre = 0 (percent missing, counted, never
  // infinite), person 4 is not assessed. Percent changes 50 and -50: mean 0. Means of the three
  // assessed: pre 2, post 10/3: percent change of means 100 (10/3 - 2)/2 = 200/3.
  const auto s = socialcure::compute_change_scores(vec({2, 0, 4, na}), vec({3, 5, 2, 1}));
  CHECK(s.n == 3);
  CHECK(s.n_excluded == 1);
  CHECK(s.n_percent_undefined == 1);
  CHECK(s.percent_status[0] == socialcure::percent_change_status::defined);
  CHECK(s.percent_status[1] == socialcure::percent_change_status::zero_baseline);
  CHECK(s.percent_status[3] == socialcure::percent_change_status::not_assessed);
  CHECK(socialcure::to_string(s.percent_status[1]) == "zero_baseline");
  CHECK(socialcure::is_missing(s.percent[1]));
  CHECK_FALSE(std::isinf(s.percent[1]));
  CHECK(s.raw[1] == 5.0);  // raw change is defined at a zero baseline
  CHECK(socialcure::is_missing(s.raw[3]));
  CHECK(socialcure::is_missing(s.percent[3]));
  CHECK(socialcure::is_missing(s.residualized[3]));
  CHECK(s.percent[0] == doctest::Approx(50.0).epsilon(1e-15));
  CHECK(s.percent[2] == doctest::Approx(-50.0).epsilon(1e-15));
  CHECK(s.mean_percent_change == doctest::Approx(0.0));
  CHECK(s.percent_change_of_means == doctest::Approx(200.0 / 3.0).epsilon(1e-14));
  // Regression of post {3, 5, 2} on pre {2, 0, 4}: centred x {0, -2, 2}, y {-1/3, 5/3, -4/3};
  // slope = (0 - 10/3 - 8/3) / 8 = -3/4; intercept = 10/3 + 3/4 x 2 = 29/6;
  // residuals y - slope x = {-1/3, 5/3 - 3/2, -4/3 + 3/2} = {-1/3, 1/6, 1/6}.
  CHECK(s.residual_slope == doctest::Approx(-0.75).epsilon(1e-14));
  CHECK(s.residual_intercept == doctest::Approx(29.0 / 6.0).epsilon(1e-14));
  CHECK(s.residualized[0] == doctest::Approx(-1.0 / 3.0).epsilon(1e-14));
  CHECK(s.residualized[1] == doctest::Approx(1.0 / 6.0).epsilon(1e-14));
  CHECK(s.residualized[2] == doctest::Approx(1.0 / 6.0).epsilon(1e-14));

  // Everyone at a zero baseline: no percent change at all, nothing infinite.
  const auto zeros = socialcure::compute_change_scores(vec({0, 0}), vec({1, 2}));
  CHECK(zeros.n_percent_undefined == 2);
  CHECK(socialcure::is_missing(zeros.mean_percent_change));
  CHECK(socialcure::is_missing(zeros.percent_change_of_means));
  // pre does not vary: no residualized change.
  CHECK(socialcure::is_missing(zeros.residual_slope));
  CHECK(socialcure::is_missing(zeros.residualized[0]));
}

TEST_CASE("change scores: errors on unequal lengths and infinite values") {
  CHECK_THROWS_AS((void)socialcure::compute_change_scores(vec({1, 2, 3}), vec({1, 2})), socialcure::argument_error);
  const auto message = message_of<socialcure::argument_error>([] {
    (void)socialcure::compute_change_scores(vec({1, std::numeric_limits<double>::infinity()}), vec({1, 2}));
  });
  CHECK(contains(message, "infinite"));
  CHECK(contains(message, "compute_change_scores"));
}

// Attrition (completers versus non-completers at baseline) against R. Reference values:
// tests/reference/change/attrition.ref.csv from tests/reference/change/make_reference_extra.R
// (R 4.2.2: t.test Welch, chisq.test with and without correct, a base-R Yang & Dalton SMD checked
// against MASS 7.3.58.2 ginv) on examples/data/panel_wide.csv (630 patients) and the synthetic
// survey with completed = (id %% 3 != 0). Tolerances: means, SDs, Welch t / df / p / CI, SMDs,
// chi-square statistics and p-values, Cramér's V and the smallest expected count 1e-12 relative;
// counts exact. The Yates-corrected 2 x 2 statistic of the synthetic data is 0 in exact
// arithmetic (every |O - E| = 1/3); R gives 6.3e-31 and p = 1 - 6.7e-16, so chi2 and p are
// compared there with an absolute tolerance of 1e-12 (README).

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "reference_values.hpp"
#include "socialcure/analyses/attrition.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/core/missing.hpp"
#include "socialcure/data/csv.hpp"
#include "support.hpp"

using namespace socialcure_test;

namespace {

constexpr double closed = 1e-12;

// examples/data/panel_wide.csv with ucla_t0 = ucla1_t0 + ucla2_t0 + ucla3_t0 (missing when an item is).
socialcure::table panel() {
  socialcure::csv_options options;
  options.id_column = "id";
  auto t = socialcure::read_csv(std::string(SOCIALCURE_SOURCE_DIR) + "/examples/data/panel_wide.csv", options);
  const auto a = t.numeric("ucla1_t0");
  const auto b = t.numeric("ucla2_t0");
  const auto c = t.numeric("ucla3_t0");
  std::vector<double> sum(t.rows());
  for (std::size_t i = 0; i < t.rows(); ++i) sum[i] = a[i] + b[i] + c[i];  // NaN propagates
  t.add(socialcure::column("ucla_t0", sum));
  return t;
}

// The synthetic survey with completed = 1 unless id is a multiple of 3.
socialcure::table synthetic() {
  auto t = reference_data("change/data/synthetic_prepost.csv");
  const auto id = t.numeric("id");
  std::vector<double> completed(t.rows());
  for (std::size_t i = 0; i < t.rows(); ++i) completed[i] = std::fmod(id[i], 3.0) != 0.0 ? 1.0 : 0.0;
  t.add(socialcure::column("completed", completed));
  return t;
}

void check_numeric(const reference_values& ref, const std::string& a, const socialcure::attrition_variable& v) {
  CAPTURE(a);
  CHECK_FALSE(v.categorical);
  ref.check_count(v.n_completed, a, "n_completed");
  ref.check_count(v.n_dropped, a, "n_dropped");
  ref.check_count(v.n_missing, a, "n_missing");
  ref.check(v.mean_completed, a, "mean_completed", closed);
  ref.check(v.sd_completed, a, "sd_completed", closed);
  ref.check(v.mean_dropped, a, "mean_dropped", closed);
  ref.check(v.sd_dropped, a, "sd_dropped", closed);
  ref.check(v.mean_diff, a, "mean_diff", closed);
  ref.check(v.t, a, "t", closed);
  ref.check(v.df, a, "df", closed);
  ref.check(v.p, a, "p", closed);
  ref.check(v.ci_lower, a, "ci_lower", closed);
  ref.check(v.ci_upper, a, "ci_upper", closed);
  ref.check(v.smd, a, "smd", closed);
  CHECK(v.warning.empty());
}

// The categorical quantities; `absolute_chi2` for the synthetic Yates case (R's 6.3e-31 for 0).
void check_categorical(const reference_values& ref, const std::string& a, const socialcure::attrition_variable& v,
                       bool absolute_chi2) {
  CAPTURE(a);
  CHECK(v.categorical);
  ref.check_count(v.n_completed, a, "n_completed");
  ref.check_count(v.n_dropped, a, "n_dropped");
  ref.check_count(v.n_missing, a, "n_missing");
  ref.check_count(v.levels.size(), a, "n_levels");
  for (const auto& level : v.levels) {
    ref.check_count(level.completed, a, "count_completed_" + level.level);
    ref.check_count(level.dropped, a, "count_dropped_" + level.level);
  }
  CHECK(v.yates_corrected == (ref.count(a, "is_2x2") == 1));
  if (absolute_chi2) {
    ref.check_abs(v.chi2, a, "chi2", 1e-12);
    ref.check_abs(v.p, a, "p", 1e-12);
  } else {
    ref.check(v.chi2, a, "chi2", closed);
    ref.check(v.p, a, "p", closed);
  }
  ref.check(v.df, a, "df", 0.0);
  ref.check(v.chi2_uncorrected, a, "chi2_nocc", closed);
  ref.check(v.p_uncorrected, a, "p_nocc", closed);
  ref.check(v.min_expected, a, "min_expected", closed);
  ref.check(v.cramers_v, a, "cramers_v", closed);
  ref.check(v.smd, a, "smd", closed);
  const bool warned = ref.count(a, "chisq_warning") == 1;
  CHECK(contains(v.warning, "expected count") == warned);
}

}  // namespace

TEST_CASE("attrition on the panel agrees with R (Welch t-tests, chi-square, SMDs)") {
  const auto ref = reference_values::load("change/attrition.ref.csv");
  const auto t = panel();
  const auto r = socialcure::compare_attrition(t, {"completed", socialcure::completion_rule::kind::flag},
                                               {"ucla_t0", "gp_visits_t0", "age", "gender"}, {}, "id");
  CHECK(r.n_rows == 630);
  CHECK(r.n_completed == 164);  // README: completed 164 = 1 / 466 = 0
  CHECK(r.n_dropped == 466);
  CHECK(r.n_status_missing == 0);
  REQUIRE(r.variables.size() == 4);
  CHECK(r.variables[0].variable == "ucla_t0");
  check_numeric(ref, "attrition_ucla_t0", r.variables[0]);
  check_numeric(ref, "attrition_gp_visits_t0", r.variables[1]);
  check_numeric(ref, "attrition_age", r.variables[2]);
  // gender: a 2 x 3 table with a sparse level (min expected 2.34 < 5: R warns); no Yates.
  check_categorical(ref, "attrition_gender", r.variables[3], false);
  REQUIRE(r.variables[3].levels.size() == 3);
  CHECK(r.variables[3].levels[0].level == "female");
  CHECK(r.variables[3].levels[2].level == "other");
  CHECK(r.variables[3].chi2 == r.variables[3].chi2_uncorrected);
}

TEST_CASE("attrition on the synthetic survey agrees with R, including the Yates-corrected 2 x 2") {
  const auto ref = reference_values::load("change/attrition.ref.csv");
  const auto t = synthetic();
  socialcure::attrition_options options;
  options.categorical = {"female"};
  const auto r = socialcure::compare_attrition(t, {"completed", socialcure::completion_rule::kind::flag},
                                               {"age", "lonely_pre", "female"}, options);
  CHECK(r.n_completed == 40);
  CHECK(r.n_dropped == 20);
  check_numeric(ref, "synthetic_attrition_age", r.variables[0]);
  check_numeric(ref, "synthetic_attrition_lonely_pre", r.variables[1]);
  check_categorical(ref, "synthetic_attrition_female", r.variables[2], true);
  // Numeric levels are named as numbers.
  REQUIRE(r.variables[2].levels.size() == 2);
  CHECK(r.variables[2].levels[0].level == "0");
  CHECK(r.variables[2].levels[1].level == "1");

  // correct = FALSE: the uncorrected statistic is the one reported.
  options.yates = false;
  const auto u = socialcure::compare_attrition(t, {"completed", socialcure::completion_rule::kind::flag}, {"female"},
                                               options);
  CHECK_FALSE(u.variables[0].yates_corrected);
  ref.check(u.variables[0].chi2, "synthetic_attrition_female", "chi2_nocc", closed);
  ref.check(u.variables[0].p, "synthetic_attrition_female", "p_nocc", closed);
}

namespace {

// A small table to compute by hand. Lines: 1 header, 2 R1, ..., 11 R10.
// completed: R1, R2, R3, R7 (4); dropped: R4, R5, R8, R9, R10 (5); unknown: R6.
const char* const hand_csv =
    "id,completed,score,sex,follow\n"
    "R1,1,1,f,3\n"
    "R2,1,2,f,2\n"
    "R3,1,3,m,\n"
    "R4,0,4,m,\n"
    "R5,0,6,m,1\n"
    "R6,,9,f,\n"
    "R7,1,,f,4\n"
    "R8,0,,m,\n"
    "R9,0,,f,\n"
    "R10,0,,,\n";

socialcure::table hand_table() {
  socialcure::csv_options options;
  options.id_column = "id";
  return socialcure::parse_csv(hand_csv, "hand.csv", options);
}

}  // namespace

TEST_CASE("attrition: hand-computed numeric and categorical comparisons, missing values and unknown status") {
  const auto r = socialcure::compare_attrition(hand_table(), {"completed", socialcure::completion_rule::kind::flag},
                                               {"score", "sex"}, {}, "id");
  CHECK(r.n_rows == 10);
  CHECK(r.n_completed == 4);
  CHECK(r.n_dropped == 5);
  CHECK(r.n_status_missing == 1);  // R6: no completion flag, excluded from everything

  // score: completers {1, 2, 3} (R7 missing), dropouts {4, 6} (R8-R10 missing): n_missing 4.
  // Means 2 and 5, variances 1 and 2; SE^2 = 1/3 + 2/2 = 4/3; t = -3 / sqrt(4/3);
  // Welch df = (4/3)^2 / ((1/3)^2 / 2 + 1^2 / 1) = (16/9) / (19/18) = 32/19; SMD = -3 / sqrt(3/2).
  const auto& score = r.variables[0];
  CHECK(score.n_completed == 3);
  CHECK(score.n_dropped == 2);
  CHECK(score.n_missing == 4);
  CHECK(score.mean_diff == doctest::Approx(-3.0).epsilon(1e-15));
  CHECK(score.sd_dropped == doctest::Approx(std::sqrt(2.0)).epsilon(1e-15));
  CHECK(score.t == doctest::Approx(-3.0 / std::sqrt(4.0 / 3.0)).epsilon(1e-14));
  CHECK(score.df == doctest::Approx(32.0 / 19.0).epsilon(1e-14));
  CHECK(score.smd == doctest::Approx(-3.0 / std::sqrt(1.5)).epsilon(1e-14));

  // sex: completers f 3 (R1, R2, R7), m 1 (R3); dropouts f 1 (R9), m 3 (R4, R5, R8); R10 missing.
  // Every expected count is 2 and every |O - E| = 1: chi2 = 4 x 1/2 = 2; Yates subtracts 0.5:
  // 4 x 0.25/2 = 0.5; P(chi2_1 > x) = erfc(sqrt(x/2)); V = sqrt(2/8) = 1/2; min expected 2 < 5
  // (warning); Yang & Dalton without the first level (f): p1 = 1/4, p2 = 3/4,
  // SMD = 1/2 / sqrt((3/16 + 3/16)/2) = 2/sqrt(3).
  const auto& sex = r.variables[1];
  CHECK(sex.categorical);
  CHECK(sex.n_completed == 4);
  CHECK(sex.n_dropped == 4);
  CHECK(sex.n_missing == 1);
  REQUIRE(sex.levels.size() == 2);
  CHECK(sex.levels[0].level == "f");
  CHECK(sex.levels[0].completed == 3);
  CHECK(sex.levels[0].dropped == 1);
  CHECK(sex.chi2_uncorrected == doctest::Approx(2.0).epsilon(1e-15));
  CHECK(sex.p_uncorrected == doctest::Approx(std::erfc(1.0)).epsilon(1e-14));
  CHECK(sex.yates_corrected);
  CHECK(sex.chi2 == doctest::Approx(0.5).epsilon(1e-15));
  CHECK(sex.p == doctest::Approx(std::erfc(0.5)).epsilon(1e-14));
  CHECK(sex.df == 1.0);
  CHECK(sex.cramers_v == doctest::Approx(0.5).epsilon(1e-15));
  CHECK(sex.min_expected == doctest::Approx(2.0).epsilon(1e-15));
  CHECK(contains(sex.warning, "expected count"));
  CHECK(sex.smd == doctest::Approx(2.0 / std::sqrt(3.0)).epsilon(1e-14));
}

TEST_CASE("attrition: the 'present' rule completes everyone with a follow-up value") {
  // follow present: R1, R2, R5, R7 completed; the other 6 dropped (a missing value is a dropout, not unknown).
  const auto r = socialcure::compare_attrition(hand_table(), {"follow", socialcure::completion_rule::kind::present},
                                               {"sex", "score"});
  CHECK(r.rule == socialcure::completion_rule::kind::present);
  CHECK(r.n_completed == 4);
  CHECK(r.n_dropped == 6);
  CHECK(r.n_status_missing == 0);
  // sex among completers: f R1, R2, R7; m R5. Among dropouts: f R6, R9; m R3, R4, R8; R10 missing.
  const auto& sex = r.variables[0];
  REQUIRE(sex.levels.size() == 2);
  CHECK(sex.levels[0].completed == 3);
  CHECK(sex.levels[1].completed == 1);
  CHECK(sex.levels[0].dropped == 2);
  CHECK(sex.levels[1].dropped == 3);
  CHECK(sex.n_missing == 1);
  // score among completers {1, 2, 6} (R7 missing), dropouts {3, 4, 9} (R8-R10 missing).
  const auto& score = r.variables[1];
  CHECK(score.n_completed == 3);
  CHECK(score.n_dropped == 3);
  CHECK(score.n_missing == 4);
  CHECK(score.mean_completed == doctest::Approx(3.0).epsilon(1e-15));
  CHECK(score.mean_dropped == doctest::Approx(16.0 / 3.0).epsilon(1e-15));
}

TEST_CASE("attrition: a completion flag other than 0 or 1 is a data error naming line, column, respondent, value") {
  const std::string text = "id,completed,score\nR1,1,3\nR2,2,4\nR3,0,5\n";
  socialcure::csv_options options;
  options.id_column = "id";
  const auto t = socialcure::parse_csv(text, "panel.csv", options);
  const auto e = data_error_of([&] {
    (void)socialcure::compare_attrition(t, {"completed", socialcure::completion_rule::kind::flag}, {"score"}, {}, "id");
  });
  REQUIRE(e.has_value());
  CHECK(e->where().file == "panel.csv");
  CHECK(e->where().line == 3);
  CHECK(e->where().column == "completed");
  CHECK(e->where().respondent == "R2");
  CHECK(e->value() == "2");
  CHECK(contains(e->what(), "panel.csv:3"));
  CHECK(contains(e->what(), "\"2\""));
  // 0.5 is not a flag either.
  const auto half = socialcure::parse_csv("completed,score\n1,3\n0.5,4\n", "half.csv");
  const auto h = data_error_of([&] {
    (void)socialcure::compare_attrition(half, {"completed", socialcure::completion_rule::kind::flag}, {"score"});
  });
  REQUIRE(h.has_value());
  CHECK(h->where().line == 3);
  CHECK(h->value() == "0.5");
}

TEST_CASE("attrition: argument errors") {
  const auto t = hand_table();
  const socialcure::completion_rule flag{"completed", socialcure::completion_rule::kind::flag};
  CHECK(contains(message_of<socialcure::argument_error>(
                     [&] { (void)socialcure::compare_attrition(t, flag, {"score", "weight"}); }),
                 "weight"));
  CHECK_THROWS_AS((void)socialcure::compare_attrition(t, {"done", socialcure::completion_rule::kind::flag}, {"score"}),
                  socialcure::argument_error);
  CHECK_THROWS_AS((void)socialcure::compare_attrition(t, flag, {}), socialcure::argument_error);
  CHECK(contains(message_of<socialcure::argument_error>(
                     [&] { (void)socialcure::compare_attrition(t, flag, {"score", "completed"}); }),
                 "completion column"));
  socialcure::attrition_options not_listed;
  not_listed.categorical = {"sex"};
  CHECK_THROWS_AS((void)socialcure::compare_attrition(t, flag, {"score"}, not_listed), socialcure::argument_error);
  socialcure::attrition_options bad_level;
  bad_level.level = 1.0;
  CHECK(contains(message_of<socialcure::argument_error>(
                     [&] { (void)socialcure::compare_attrition(t, flag, {"score"}, bad_level); }),
                 "level"));
}

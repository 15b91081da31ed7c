// The whole change analysis (analyse_change) and reading its data (read_change_data). Reference
// values: tests/reference/change/{paired,mcnemar,rate_ratio,rci,effects_extra,residualized}.ref.csv
// from tests/reference/change/make_reference.R and make_reference_extra.R (R 4.2.2, effectsize
// 0.8.3), on the synthetic survey and the sleep data. analyse_change must give the same numbers as
// R for every part it ties together. Tolerances: closed forms 1e-12 relative; noncentral-t CIs 1e-9
// relative (against uniroot); counts exact. The error cases check the messages (file, line, column,
// respondent and value of a bad count).

#include <doctest/doctest.h>

#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>

#include <Eigen/Core>

#include "reference_values.hpp"
#include "socialcure/analyses/change.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/core/missing.hpp"
#include "socialcure/data/csv.hpp"
#include "support.hpp"

using namespace socialcure_test;

namespace {

constexpr double closed = 1e-12;
constexpr double noncentral = 1e-9;
const double na = socialcure::missing_value;

// Bit for bit, so that a missing value (NaN) equals itself.
bool same_bits(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }

socialcure::table synthetic_with_ids() {
  socialcure::csv_options options;
  options.id_column = "id";
  return reference_data("change/data/synthetic_prepost.csv", options);
}

}  // namespace

TEST_CASE("analyse_change: loneliness on the synthetic survey agrees with R in every part") {
  const auto paired = reference_values::load("change/paired.ref.csv");
  const auto rci = reference_values::load("change/rci.ref.csv");
  const auto residual = reference_values::load("change/residualized.ref.csv");
  const auto data = socialcure::read_change_data(synthetic_with_ids(), "lonely_pre", "lonely_post", "id");
  REQUIRE(data.ids.size() == 60);
  CHECK(data.ids[0] == "1");
  socialcure::change_options options;
  options.reliability = 0.8;
  options.better = socialcure::improvement::lower;
  options.criterion = socialcure::clinical_criterion::a;
  options.per_person = true;  // for rc below
  const auto r = socialcure::analyse_change(data.pre, data.post, options);
  const std::string set = "synthetic_lonely";
  paired.check_count(r.n, set, "n");
  CHECK(r.n_excluded == 0);
  // Scores.
  paired.check(r.scores.percent_change_of_means, set, "pct_change_of_means", closed);
  paired.check(r.scores.mean_percent_change, set, "mean_individual_pct_change", closed);
  residual.check(r.scores.residual_slope, set, "slope", closed);
  residual.check(r.scores.residual_intercept, set, "intercept", closed);
  // t-test.
  paired.check(r.t_test.t, set, "t", closed);
  paired.check(r.t_test.p, set, "p", closed);
  paired.check(r.t_test.ci_lower, set, "ci_lower", closed);
  paired.check(r.t_test.ci_upper, set, "ci_upper", closed);
  // Effect sizes.
  paired.check(r.effects.d_z.estimate, set, "d_z", closed);
  paired.check(r.effects.d_z.ci_lower, set, "d_z_ci_lower", noncentral);
  paired.check(r.effects.d_z.ci_upper, set, "d_z_ci_upper", noncentral);
  paired.check(r.effects.g_av.estimate, set, "g_av", closed);
  paired.check(r.effects.d_rm.estimate, set, "d_rm", closed);
  // Wilcoxon.
  paired.check(r.wilcoxon.v, set, "wilcox_V", 0.0);
  paired.check(r.wilcoxon.p, set, "wilcox_p", closed);
  // Reliable and clinically significant change (criterion a from the sample baseline).
  REQUIRE(r.reliable.has_value());
  const std::string a = "synthetic_lonely_rxx0.8";
  rci.check(r.reliable->s_diff, a, "s_diff", closed);
  rci.check_count(r.reliable->n_improved, a, "n_improved");
  rci.check_count(r.reliable->n_deteriorated, a, "n_deteriorated");
  rci.check(r.reliable->cutoff, a, "cutoff_a", closed);
  rci.check_count(r.reliable->n_recovered, a, "n_recovered_a");
  rci.check(r.reliable->rc[0], a, "rc_id" + data.ids[0], closed);
  rci.check(r.reliable->rc[59], a, "rc_id" + data.ids[59], closed);
  // Neither a cut-off nor counts were asked for.
  CHECK_FALSE(r.category.has_value());
  CHECK_FALSE(r.rate_ratio.has_value());
  CHECK(r.options.reliability == 0.8);
}

TEST_CASE("analyse_change: a cut-off gives McNemar of the category, a count the rate ratio") {
  const auto mcnemar = reference_values::load("change/mcnemar.ref.csv");
  const auto rate = reference_values::load("change/rate_ratio.ref.csv");
  const auto paired = reference_values::load("change/paired.ref.csv");
  const auto table = synthetic_with_ids();
  // dep_pre / dep_post are 0/1: "at or above 1" is the category itself.
  const auto dep = socialcure::read_change_data(table, "dep_pre", "dep_post", "id");
  socialcure::change_options with_cutoff;
  with_cutoff.cutoff = 1.0;
  const auto d = socialcure::analyse_change(dep.pre, dep.post, with_cutoff);
  REQUIRE(d.category.has_value());
  CHECK_FALSE(d.reliable.has_value());
  mcnemar.check_count(d.category->b, "synthetic_dep", "b_1to0");
  mcnemar.check_count(d.category->c, "synthetic_dep", "c_0to1");
  mcnemar.check(d.category->chi2_corrected, "synthetic_dep", "chi2_cc", closed);
  mcnemar.check(d.category->p_corrected, "synthetic_dep", "p_cc", closed);
  mcnemar.check(d.category->p_exact, "synthetic_dep", "p_exact_binomial", closed);
  mcnemar.check(d.category->odds_ratio_ci_upper, "synthetic_dep", "paired_or_exact_ci_upper", closed);

  const auto gp = socialcure::read_change_data(table, "gp_pre", "gp_post", "id", /*counts=*/true);
  socialcure::change_options counts;
  counts.count = true;
  const auto g = socialcure::analyse_change(gp.pre, gp.post, counts);
  REQUIRE(g.rate_ratio.has_value());
  rate.check_count(g.rate_ratio->n_contributing, "synthetic_gp", "n_contributing");
  rate.check(g.rate_ratio->estimate, "synthetic_gp", "irr", closed);
  rate.check(g.rate_ratio->exact_ci_lower, "synthetic_gp", "exact_ci_lower", closed);
  rate.check(g.rate_ratio->dispersion, "synthetic_gp", "pearson_dispersion", closed);
  paired.check(g.t_test.t, "synthetic_gp", "t", closed);
  paired.check(g.wilcoxon.p, "synthetic_gp", "wilcox_p", closed);
  paired.check_count(g.scores.n_percent_undefined, "synthetic_gp", "n_pct_excluded_pre_zero");
}

TEST_CASE("analyse_change: the level reaches the t-test and the effect sizes (sleep, 90%)") {
  const auto extra = reference_values::load("change/effects_extra.ref.csv");
  const auto table = reference_data("change/data/sleep.csv");
  const auto data = socialcure::read_change_data(table, "pre", "post");
  CHECK(data.ids.front() == "1");  // no id column: row numbers
  CHECK(data.ids.back() == "10");
  socialcure::change_options options;
  options.level = 0.90;
  const auto r = socialcure::analyse_change(data.pre, data.post, options);
  extra.check(r.t_test.ci_lower, "sleep", "t_ci_lower_90", closed);
  extra.check(r.t_test.ci_upper, "sleep", "t_ci_upper_90", closed);
  extra.check(r.effects.d_z.ci_lower, "sleep", "d_z_ci_lower_90", noncentral);
  extra.check(r.effects.d_z.ci_upper, "sleep", "d_z_ci_upper_90", noncentral);
}

TEST_CASE("analyse_change: missing pairs are excluded and counted by every part") {
  // pre {1, 2, na, 4, 0}, post {2, 4, 5, na, 3}: 3 pairs (the 5th has a zero baseline).
  socialcure::change_options options;
  options.reliability = 0.7;
  options.cutoff = 2.0;
  options.per_person = true;
  const auto r = socialcure::analyse_change(vec({1, 2, na, 4, 0}), vec({2, 4, 5, na, 3}), options);
  CHECK(r.n == 3);
  CHECK(r.n_excluded == 2);
  CHECK(r.t_test.n_excluded == 2);
  CHECK(r.effects.n_excluded == 2);
  CHECK(r.wilcoxon.n_excluded == 2);
  CHECK(r.reliable->n_excluded == 2);
  CHECK(r.category->n_excluded == 2);
  CHECK(r.scores.n_percent_undefined == 1);
  CHECK(r.scores.percent_status[4] == socialcure::percent_change_status::zero_baseline);
  CHECK(socialcure::is_missing(r.scores.percent[4]));
  // D = {1, 2, 3}: mean 2.
  CHECK(r.t_test.mean_diff == doctest::Approx(2.0).epsilon(1e-15));
  // Category "at or above 2": pre {0, 1, 0} -> post {1, 1, 1}: c = 2 (0 -> 1), b = 0.
  CHECK(r.category->b == 0);
  CHECK(r.category->c == 2);
}

TEST_CASE("analyse_change: without per_person the per-person vectors stay empty and the summaries are the same") {
  const auto table = synthetic_with_ids();
  // Loneliness (no zero baseline) and GP visits (counts with zero baselines), both with reliable
  // and clinically significant change (criterion a) and a cut-off.
  for (const bool counts : {false, true}) {
    const auto data = counts ? socialcure::read_change_data(table, "gp_pre", "gp_post", "id", true)
                             : socialcure::read_change_data(table, "lonely_pre", "lonely_post", "id");
    INFO((counts ? "gp visits" : "loneliness"));
    socialcure::change_options options;
    options.reliability = 0.8;
    options.better = socialcure::improvement::lower;
    options.criterion = socialcure::clinical_criterion::a;
    options.cutoff = counts ? 3.0 : 20.0;
    options.count = counts;
    const auto lean = socialcure::analyse_change(data.pre, data.post, options);
    options.per_person = true;
    const auto full = socialcure::analyse_change(data.pre, data.post, options);
    CHECK(lean.scores.raw.empty());
    CHECK(lean.scores.percent.empty());
    CHECK(lean.scores.percent_status.empty());
    CHECK(lean.scores.residualized.empty());
    REQUIRE(full.scores.raw.size() == 60);
    const socialcure::change_scores& a = lean.scores;
    const socialcure::change_scores& b = full.scores;
    CHECK(a.n == b.n);
    CHECK(a.n_excluded == b.n_excluded);
    CHECK(a.n_percent_undefined == b.n_percent_undefined);
    CHECK(same_bits(a.mean_percent_change, b.mean_percent_change));
    CHECK(same_bits(a.percent_change_of_means, b.percent_change_of_means));
    CHECK(same_bits(a.residual_intercept, b.residual_intercept));
    CHECK(same_bits(a.residual_slope, b.residual_slope));
    REQUIRE(lean.reliable.has_value());
    REQUIRE(full.reliable.has_value());
    const socialcure::reliable_change_result& x = *lean.reliable;
    const socialcure::reliable_change_result& y = *full.reliable;
    CHECK(x.rc.empty());
    CHECK(x.classes.empty());
    CHECK(x.outcomes.empty());
    REQUIRE(y.classes.size() == 60);
    REQUIRE(y.outcomes.size() == 60);
    for (const auto& [p, q] : {std::pair{x.sem, y.sem}, {x.s_diff, y.s_diff}, {x.sd_pre, y.sd_pre},
                               {x.mean_pre, y.mean_pre}, {x.min_reliable_change, y.min_reliable_change},
                               {x.cutoff, y.cutoff}}) {
      CHECK(same_bits(p, q));
    }
    // The counts without the vectors are the counts of the vectors' classes.
    std::size_t increased = 0;
    std::size_t decreased = 0;
    std::size_t recovered = 0;
    for (std::size_t i = 0; i < 60; ++i) {
      increased += y.classes[i] == socialcure::reliable_change_class::increased ? 1U : 0U;
      decreased += y.classes[i] == socialcure::reliable_change_class::decreased ? 1U : 0U;
      recovered += y.outcomes[i] == socialcure::change_outcome::recovered ? 1U : 0U;
    }
    CHECK(x.n_increased == increased);
    CHECK(x.n_decreased == decreased);
    CHECK(x.n_recovered == recovered);
    CHECK(x.n_unchanged == y.n_unchanged);
    CHECK(x.n_improved == y.n_improved);
    CHECK(x.n_deteriorated == y.n_deteriorated);
    CHECK(x.n_improved_only == y.n_improved_only);
    CHECK(x.n_improved == decreased);  // lower is better
  }
}

TEST_CASE("change_person_table needs a result computed with per_person") {
  const auto pre = vec({1, 2, 3});
  const auto post = vec({2, 2, 5});
  const auto lean = socialcure::analyse_change(pre, post);
  const std::string message = message_of<socialcure::argument_error>(
      [&] { (void)socialcure::change_person_table(lean, pre, post, {"a", "b", "c"}); });
  CHECK(contains(message, "change_person_table"));
  CHECK(contains(message, "per_person = true"));
  socialcure::change_options keep;
  keep.per_person = true;
  const auto full = socialcure::analyse_change(pre, post, keep);
  CHECK(socialcure::change_person_table(full, pre, post, {"a", "b", "c"}).rows() == 3);
}

TEST_CASE("analyse_change: invalid settings and data are argument errors") {
  const auto pre = vec({1, 2, 3, 4});
  const auto post = vec({2, 2, 5, 3});
  const auto error_of = [&](const socialcure::change_options& o) {
    return message_of<socialcure::argument_error>([&] { (void)socialcure::analyse_change(pre, post, o); });
  };
  socialcure::change_options o;
  o.level = 1.0;
  CHECK(contains(error_of(o), "level"));
  o.level = 0.0;
  CHECK(contains(error_of(o), "level"));
  o.level = 0.95;
  o.criterion = socialcure::clinical_criterion::a;  // no reliability
  CHECK(contains(error_of(o), "reliability"));
  o.reliability = 1.0;
  o.better = socialcure::improvement::lower;
  CHECK(contains(error_of(o), "reliability 1"));
  o.reliability = 0.8;
  o.criterion = socialcure::clinical_criterion::b;  // no functional norm
  CHECK(contains(error_of(o), "functional"));
  o.criterion = socialcure::clinical_criterion::a;
  o.better = socialcure::improvement::none;  // criterion without a better direction
  CHECK(contains(error_of(o), "better direction"));
  socialcure::change_options cut;
  cut.cutoff = std::numeric_limits<double>::infinity();
  CHECK(contains(error_of(cut), "cut-off"));
  socialcure::change_options count;
  count.count = true;
  count.exposure_pre = 0.0;
  CHECK(contains(error_of(count), "exposure"));

  socialcure::change_options counts;
  counts.count = true;
  CHECK(contains(message_of<socialcure::argument_error>(
                     [&] { (void)socialcure::analyse_change(vec({1, 2}), vec({2.5, 1}), counts); }),
                 "2.5"));
  CHECK(contains(message_of<socialcure::argument_error>(
                     [&] { (void)socialcure::analyse_change(vec({1, -1}), vec({2, 1}), counts); }),
                 "-1"));
  CHECK_THROWS_AS((void)socialcure::analyse_change(vec({1, 2, 3}), vec({1, 2})), socialcure::argument_error);
  CHECK_THROWS_AS((void)socialcure::analyse_change(vec({1, 2, 3}), vec({1, 2, std::numeric_limits<double>::infinity()})),
                  socialcure::argument_error);
}

TEST_CASE("read_change_data: a bad count is a data error naming file, line, column, respondent and value") {
  // Lines: 1 header, 2 A1, 3 A2, 4 A3.
  const std::string text = "id,gp_pre,gp_post,note\nA1,1,2,x\nA2,3,2.5,y\nA3,-1,0,z\n";
  socialcure::csv_options options;
  options.id_column = "id";
  const auto t = socialcure::parse_csv(text, "visits.csv", options);

  // Not counts: 2.5 and -1 are fine.
  const auto plain = socialcure::read_change_data(t, "gp_pre", "gp_post", "id");
  CHECK(plain.post(1) == 2.5);
  CHECK(plain.ids[1] == "A2");

  // pre is checked first: -1 on line 4.
  const auto negative = data_error_of([&] { (void)socialcure::read_change_data(t, "gp_pre", "gp_post", "id", true); });
  REQUIRE(negative.has_value());
  CHECK(negative->where().file == "visits.csv");
  CHECK(negative->where().line == 4);
  CHECK(negative->where().column == "gp_pre");
  CHECK(negative->where().respondent == "A3");
  CHECK(negative->value() == "-1");
  const std::string message = negative->what();
  CHECK(contains(message, "visits.csv:4"));
  CHECK(contains(message, "gp_pre"));
  CHECK(contains(message, "A3"));
  CHECK(contains(message, "\"-1\""));

  // Only post has a bad value (2.5 on line 3): read post as "pre" to make it the first column checked.
  const auto fraction = data_error_of([&] { (void)socialcure::read_change_data(t, "gp_post", "gp_post", "id", true); });
  REQUIRE(fraction.has_value());
  CHECK(fraction->where().line == 3);
  CHECK(fraction->where().column == "gp_post");
  CHECK(fraction->where().respondent == "A2");
  CHECK(fraction->value() == "2.5");
  CHECK(contains(fraction->what(), "visits.csv:3"));
  CHECK(contains(fraction->what(), "\"2.5\""));

  // Without an id column the message still has file, line, column and value.
  const auto no_id = data_error_of([&] { (void)socialcure::read_change_data(t, "gp_post", "gp_post", "", true); });
  REQUIRE(no_id.has_value());
  CHECK(no_id->where().line == 3);
  CHECK(no_id->value() == "2.5");

  // Unknown or text columns are argument errors.
  CHECK(contains(message_of<socialcure::argument_error>(
                     [&] { (void)socialcure::read_change_data(t, "gp_before", "gp_post", "id"); }),
                 "gp_before"));
  CHECK_THROWS_AS((void)socialcure::read_change_data(t, "gp_pre", "note", "id"), socialcure::argument_error);
  CHECK_THROWS_AS((void)socialcure::read_change_data(t, "gp_pre", "gp_post", "respondent"), socialcure::argument_error);
}

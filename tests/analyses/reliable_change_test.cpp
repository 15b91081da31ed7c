// Reliable change index and clinically significant change (Jacobson & Truax 1991) against R.
// Reference values: tests/reference/change/rci.ref.csv from tests/reference/change/make_reference.R
// (R 4.2.2; psych 2.2.9 for the alpha cross-check) and clinical.ref.csv from
// make_reference_extra.R (R 4.2.2), on the synthetic survey (loneliness with r_xx = 0.8, lower is
// better; belonging item mean with r_xx = raw Cronbach alpha of bel1_pre..bel4_pre, higher is
// better). Tolerances: SD, SEM, S_diff, cut-offs and every RC 1e-12 relative (closed forms); cut-off
// b of loneliness exactly (the README's 2.5999999999999996); counts and classes exact.

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "reference_values.hpp"
#include "socialcure/analyses/reliable_change.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/core/missing.hpp"
#include "socialcure/measures/reliability.hpp"
#include "support.hpp"

using namespace socialcure_test;

namespace {

constexpr double closed = 1e-12;
const double na = socialcure::missing_value;

const std::vector<std::string> bel_pre = {"bel1_pre", "bel2_pre", "bel3_pre", "bel4_pre"};
const std::vector<std::string> bel_post = {"bel1_post", "bel2_post", "bel3_post", "bel4_post"};

// One analysis of the reference files: data, reliability and which direction is better.
struct rci_case {
  std::string analysis;
  change_pairs data;
  double rxx = 0.0;
  socialcure::improvement better = socialcure::improvement::none;
};

// Belonging item means (R rowMeans of bel1..bel4; integer sums divided by 4 are exact).
change_pairs belonging_means() {
  const auto t = reference_data("change/data/synthetic_prepost.csv");
  change_pairs out;
  out.pre = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(t.rows()));
  out.post = out.pre;
  for (std::size_t j = 0; j < 4; ++j) {
    out.pre += column_vector(t, bel_pre[j]);
    out.post += column_vector(t, bel_post[j]);
  }
  out.pre /= 4.0;
  out.post /= 4.0;
  const auto ids = t.numeric("id");
  out.ids.assign(ids.begin(), ids.end());
  return out;
}

std::vector<rci_case> cases(const reference_values& ref) {
  return {{"synthetic_lonely_rxx0.8", load_change_pairs("synthetic_lonely"), ref("synthetic_lonely_rxx0.8", "rxx"),
           socialcure::improvement::lower},
          {"synthetic_belonging_alpha", belonging_means(), ref("synthetic_belonging_alpha", "rxx"),
           socialcure::improvement::higher}};
}

std::string id_text(double id) { return std::to_string(static_cast<long>(id)); }

}  // namespace

TEST_CASE("reliable change index agrees with R (sample baseline SD, criterion a from the sample)") {
  const auto ref = reference_values::load("change/rci.ref.csv");
  for (const auto& c : cases(ref)) {
    CAPTURE(c.analysis);
    const std::string& a = c.analysis;
    socialcure::reliable_change_options options;
    options.reliability = c.rxx;
    options.better = c.better;
    options.criterion = socialcure::clinical_criterion::a;  // M1, s1 from the sample baseline
    const auto r = socialcure::reliable_change(c.data.pre, c.data.post, options);
    ref.check_count(r.n, a, "n");
    CHECK(r.n_excluded == 0);
    CHECK(r.sd_pre_from_sample);
    ref.check(r.reliability, a, "rxx", 0.0);
    ref.check(r.sd_pre, a, "sd_pre", closed);
    ref.check(r.mean_pre, a, "mean_pre", closed);
    ref.check(r.sem, a, "sem", closed);
    ref.check(r.s_diff, a, "s_diff", closed);
    ref.check(r.min_reliable_change, a, "min_reliable_diff", closed);
    ref.check_count(r.n_improved, a, "n_improved");
    ref.check_count(r.n_deteriorated, a, "n_deteriorated");
    ref.check_count(r.n_unchanged, a, "n_unchanged");
    ref.check(r.cutoff, a, "cutoff_a", closed);
    ref.check_count(r.n_recovered, a, "n_recovered_a");
    ref.check_count(r.n_improved_only, a, "n_improved_only_a");
    REQUIRE(ref.quantities(a, "rc_id").size() == c.data.ids.size());
    for (std::size_t i = 0; i < c.data.ids.size(); ++i) {
      ref.check(r.rc[i], a, "rc_id" + id_text(c.data.ids[i]), closed);
    }
    // Direction: lower = better means improved = decreased.
    const bool lower = c.better == socialcure::improvement::lower;
    CHECK(r.n_improved == (lower ? r.n_decreased : r.n_increased));
    CHECK(r.n_deteriorated == (lower ? r.n_increased : r.n_decreased));
  }
}

TEST_CASE("reliable change: the reliability of belonging is Cronbach's alpha of the pre items") {
  // rci.ref.csv's r_xx = base-R alpha (= psych::alpha raw_alpha); our measures module agrees.
  const auto ref = reference_values::load("change/rci.ref.csv");
  const auto t = reference_data("change/data/synthetic_prepost.csv");
  const Eigen::MatrixXd items = socialcure::item_matrix(t, bel_pre);
  const auto alpha = socialcure::cronbach_alpha(items, bel_pre);
  ref.check(alpha.raw_alpha, "synthetic_belonging_alpha", "rxx", closed);
}

TEST_CASE("reliable change is scale-invariant: the belonging sum score gives the same RC") {
  const auto ref = reference_values::load("change/rci.ref.csv");
  const auto data = load_change_pairs("synthetic_belonging_sum");
  socialcure::reliable_change_options options;
  options.reliability = ref("synthetic_belonging_alpha", "rxx");
  options.better = socialcure::improvement::higher;
  const auto r = socialcure::reliable_change(data.pre, data.post, options);
  for (std::size_t i = 0; i < data.ids.size(); ++i) {
    ref.check(r.rc[i], "synthetic_belonging_alpha", "rc_id" + id_text(data.ids[i]), closed);
  }
  ref.check_count(r.n_improved, "synthetic_belonging_alpha", "n_improved");
  ref.check(r.s_diff / 4.0, "synthetic_belonging_alpha", "s_diff", closed);  // sum = 4 x mean
  CHECK(r.outcomes.empty());  // no criterion: no clinical outcomes
}

TEST_CASE("clinically significant change with external norms, criteria a, b and c, agrees with R") {
  const auto ref = reference_values::load("change/clinical.ref.csv");
  const auto rci = reference_values::load("change/rci.ref.csv");
  for (const auto& c : cases(rci)) {
    CAPTURE(c.analysis);
    const std::string& a = c.analysis;
    CHECK(ref.count(a, "higher_is_better") == (c.better == socialcure::improvement::higher ? 1u : 0u));
    ref.check(c.rxx, a, "rxx", 0.0);
    for (const auto& [criterion, x] : {std::pair{socialcure::clinical_criterion::a, std::string("a")},
                                       std::pair{socialcure::clinical_criterion::b, std::string("b")},
                                       std::pair{socialcure::clinical_criterion::c, std::string("c")}}) {
      CAPTURE(x);
      socialcure::reliable_change_options options;
      options.reliability = c.rxx;
      options.better = c.better;
      options.criterion = criterion;
      options.dysfunctional = {ref(a, "M1"), ref(a, "s1")};
      options.functional = {ref(a, "M0"), ref(a, "s0")};
      const auto r = socialcure::reliable_change(c.data.pre, c.data.post, options);
      ref.check_count(r.n, a, "n");
      ref.check(r.s_diff, a, "s_diff", closed);
      ref.check(r.cutoff, a, "cutoff_" + x, 1e-15);
      ref.check_count(r.n_recovered, a, "n_recovered_" + x);
      ref.check_count(r.n_improved_only, a, "n_improved_" + x);
      ref.check_count(r.n_unchanged, a, "n_unchanged_" + x);
      ref.check_count(r.n_deteriorated, a, "n_deteriorated_" + x);
      // The diagnostic: posts within 1e-9 of the cut-off (2 belonging posts equal cut-off a = 6).
      std::size_t at_cutoff = 0;
      for (Eigen::Index i = 0; i < c.data.post.size(); ++i) {
        if (std::fabs(c.data.post(i) - r.cutoff) < 1e-9) ++at_cutoff;
      }
      ref.check_count(at_cutoff, a, "n_post_at_cutoff_" + x);
      REQUIRE(r.outcomes.size() == c.data.ids.size());
      for (std::size_t i = 0; i < c.data.ids.size(); ++i) {
        // R's classes: 1 recovered, 2 improved, 3 unchanged, 4 deteriorated.
        const std::size_t theirs = ref.count(a, "class_" + x + "_id" + id_text(c.data.ids[i]));
        std::size_t ours = 0;
        switch (r.outcomes[i]) {
          case socialcure::change_outcome::recovered: ours = 1; break;
          case socialcure::change_outcome::improved: ours = 2; break;
          case socialcure::change_outcome::unchanged: ours = 3; break;
          case socialcure::change_outcome::deteriorated: ours = 4; break;
          case socialcure::change_outcome::not_assessed: ours = 0; break;
        }
        CHECK_MESSAGE(ours == theirs, a << " criterion " << x << " id " << id_text(c.data.ids[i]) << ": ours "
                                        << socialcure::to_string(r.outcomes[i]) << ", R class " << theirs);
      }
    }
  }
  // Cut-off b of loneliness in doubles, exactly as the README computes it: 1.4 + 2 x 0.6.
  socialcure::reliable_change_options b;
  b.reliability = 0.8;
  b.better = socialcure::improvement::lower;
  b.criterion = socialcure::clinical_criterion::b;
  b.functional = {1.4, 0.6};
  const auto data = load_change_pairs("synthetic_lonely");
  CHECK(socialcure::reliable_change(data.pre, data.post, b).cutoff == ref("synthetic_lonely_rxx0.8", "cutoff_b"));
}

TEST_CASE("reliable change: hand-computed example with a norm SD, missing pairs and criterion b") {
  // sd_pre 10 (norm), r_xx 0.5: SEM = 10 sqrt(0.5), S_diff = sqrt(2) SEM = 10, so RC = D / 10.
  // D = {-25, -15, 0, 19, 30, -30, missing}: RC {-2.5, -1.5, 0, 1.9, 3, -3}: lower is better, so
  // decreased = improved (2), increased = deteriorated (1), unchanged 3, 1 not assessed.
  // Criterion b (functional M0 50, s0 5): cut-off 50 + 2 x 5 = 60; the post 65 is not beyond it
  // (improved only), the post 50 is (recovered).
  socialcure::reliable_change_options options;
  options.reliability = 0.5;
  options.sd_pre = 10.0;
  options.better = socialcure::improvement::lower;
  options.criterion = socialcure::clinical_criterion::b;
  options.functional = {50.0, 5.0};
  const auto r = socialcure::reliable_change(vec({90, 70, 60, 40, 40, 80, na}), vec({65, 55, 60, 59, 70, 50, 30}),
                                             options);
  CHECK(r.n == 6);
  CHECK(r.n_excluded == 1);
  CHECK_FALSE(r.sd_pre_from_sample);
  CHECK(r.sd_pre == 10.0);
  CHECK(r.s_diff == doctest::Approx(10.0).epsilon(1e-15));
  CHECK(r.min_reliable_change == doctest::Approx(19.6).epsilon(1e-15));
  CHECK(r.rc[0] == doctest::Approx(-2.5).epsilon(1e-15));
  CHECK(r.rc[3] == doctest::Approx(1.9).epsilon(1e-15));
  CHECK(socialcure::is_missing(r.rc[6]));
  CHECK(r.classes[0] == socialcure::reliable_change_class::decreased);
  CHECK(r.classes[1] == socialcure::reliable_change_class::unchanged);
  CHECK(r.classes[3] == socialcure::reliable_change_class::unchanged);
  CHECK(r.classes[4] == socialcure::reliable_change_class::increased);
  CHECK(r.classes[6] == socialcure::reliable_change_class::not_assessed);
  CHECK(r.n_decreased == 2);
  CHECK(r.n_increased == 1);
  CHECK(r.n_unchanged == 3);
  CHECK(r.n_improved == 2);
  CHECK(r.n_deteriorated == 1);
  CHECK(r.cutoff == 60.0);
  CHECK(r.outcomes[0] == socialcure::change_outcome::improved);
  CHECK(r.outcomes[5] == socialcure::change_outcome::recovered);
  CHECK(r.outcomes[4] == socialcure::change_outcome::deteriorated);
  CHECK(r.outcomes[2] == socialcure::change_outcome::unchanged);
  CHECK(r.outcomes[6] == socialcure::change_outcome::not_assessed);
  CHECK(r.n_recovered == 1);
  CHECK(r.n_improved_only == 1);
  CHECK(socialcure::to_string(r.outcomes[5]) == "recovered");
  CHECK(socialcure::to_string(r.criterion) == "b");

  // Without a better direction: reliable increases / decreases only, nothing improved.
  socialcure::reliable_change_options plain;
  plain.reliability = 0.5;
  plain.sd_pre = 10.0;
  const auto p = socialcure::reliable_change(vec({90, 70, 60, 40, 40, 80, na}), vec({65, 55, 60, 59, 70, 50, 30}),
                                             plain);
  CHECK(p.n_decreased == 2);
  CHECK(p.n_improved == 0);
  CHECK(p.n_deteriorated == 0);
  CHECK(p.outcomes.empty());
  CHECK(socialcure::is_missing(p.cutoff));
}

TEST_CASE("reliable change: invalid options and data are argument errors naming the problem") {
  const auto pre = vec({1, 2, 3, 4});
  const auto post = vec({2, 2, 5, 3});
  const auto error_of = [&](const socialcure::reliable_change_options& o) {
    return message_of<socialcure::argument_error>([&] { (void)socialcure::reliable_change(pre, post, o); });
  };
  socialcure::reliable_change_options o;
  CHECK(contains(error_of(o), "not given"));  // reliability missing
  o.reliability = 1.0;
  CHECK(contains(error_of(o), "reliability 1"));
  o.reliability = -0.1;
  CHECK(contains(error_of(o), "reliability"));
  o.reliability = 0.8;
  o.sd_pre = 0.0;
  CHECK(contains(error_of(o), "sd_pre"));
  o.sd_pre = na;
  o.critical = 0.0;
  CHECK(contains(error_of(o), "critical"));
  o.critical = 1.96;

  o.criterion = socialcure::clinical_criterion::a;  // no better direction
  CHECK(contains(error_of(o), "better direction"));
  o.better = socialcure::improvement::higher;
  o.criterion = socialcure::clinical_criterion::b;  // no functional norm
  CHECK(contains(error_of(o), "functional"));
  o.criterion = socialcure::clinical_criterion::c;
  o.functional = {5.0, 1.0};  // c also needs the dysfunctional norm
  CHECK(contains(error_of(o), "dysfunctional"));
  o.dysfunctional = {3.0, na};  // a mean without an SD
  CHECK(contains(error_of(o), "dysfunctional"));
  o.dysfunctional = {3.0, -1.0};
  CHECK(contains(error_of(o), "SD"));
  o.dysfunctional = {3.0, 1.0};
  CHECK_NOTHROW((void)socialcure::reliable_change(pre, post, o));

  socialcure::reliable_change_options ok;
  ok.reliability = 0.8;
  CHECK_THROWS_AS((void)socialcure::reliable_change(vec({1, 2, 3}), vec({1, 2}), ok), socialcure::argument_error);
  CHECK(contains(message_of<socialcure::argument_error>([&] {
                   (void)socialcure::reliable_change(vec({1, std::numeric_limits<double>::infinity()}), vec({1, 2}), ok);
                 }),
                 "infinite"));
  // The sample SD needs 2 pairs and must be positive.
  CHECK(contains(message_of<socialcure::argument_error>(
                     [&] { (void)socialcure::reliable_change(vec({1, na}), vec({2, 3}), ok); }),
                 "fewer than 2"));
  CHECK(contains(message_of<socialcure::argument_error>(
                     [&] { (void)socialcure::reliable_change(vec({2, 2, 2}), vec({1, 2, 3}), ok); }),
                 "sd_pre"));
}

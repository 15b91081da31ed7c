// Group memberships: a hand-computed fixture (tests/reference/groups/hand_fixture_expected.md, with
// the arithmetic written out) and an independent base-R implementation run on the bundled sample
// (tests/reference/groups/reference_metrics.R -> person_metrics.csv, cohort_summary.csv).
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "socialcure/data/csv.hpp"
#include "socialcure/data/sample.hpp"
#include "socialcure/measures/groups.hpp"
#include "support.hpp"

using namespace socialcure_test;
using socialcure::is_missing;

namespace {

const std::string dir = std::string(SOCIALCURE_TEST_DIR) + "/reference/groups/";

socialcure::group_columns sample_columns() {
  socialcure::group_columns c;
  c.category = "category";
  c.identification = "identification";
  c.pathway = "pathway";
  return c;
}

socialcure::csv_options text_options() {
  socialcure::csv_options o;
  o.text_columns = {"id", "wave", "group", "category"};
  return o;
}

std::size_t person(const socialcure::group_results& r, const std::string& id) {
  for (std::size_t i = 0; i < r.people.size(); ++i) {
    if (r.people[i] == id) return i;
  }
  FAIL("no person " << id);
  return 0;
}

}  // namespace

TEST_CASE("groups: normalised names ignore case and extra spaces") {
  CHECK(socialcure::normalise_group_name("  Walking   Group ") == "walking group");
  CHECK(socialcure::normalise_group_name("walking\tgroup") == "walking group");
  CHECK(socialcure::normalise_group_name("") == "");
}

TEST_CASE("groups: the hand fixture, metric by metric") {
  const auto t = socialcure::read_csv(dir + "hand_fixture.csv", text_options());
  const auto panel = socialcure::read_group_panel(t, sample_columns());
  const auto r = socialcure::analyse_groups(panel);
  REQUIRE(r.waves == std::vector<std::string>{"t0", "t1"});
  const auto h1 = person(r, "H1"), h2 = person(r, "H2"), h3 = person(r, "H3"), h4 = person(r, "H4");
  // H1 t0: 3 groups, ids 6, 4, 6: sum 16, mean 16/3, 2 highly identified, 2 categories, Blau 4/9.
  const auto& a = r.metrics[h1][0];
  CHECK(a.n_groups == 3);
  CHECK(a.sum_id == 16);
  CHECK(a.mean_id == doctest::Approx(16.0 / 3.0).epsilon(1e-15));
  CHECK(a.n_high_id == 2);
  CHECK(a.n_categories == 2);
  CHECK(a.blau == doctest::Approx(4.0 / 9.0).epsilon(1e-15));
  CHECK(a.n_pathway == 0);
  // Changes for H1 (hand_fixture_expected.md): Blau 2/3 - 4/9 = 2/9, categories 3 - 2 = 1, pathway 1 - 0 = 1.
  CHECK(r.transitions[h1].change.blau == doctest::Approx(2.0 / 9.0).epsilon(1e-14));
  CHECK(r.transitions[h1].change.n_categories == 1);
  CHECK(r.transitions[h1].change.n_pathway == 1);
  // H1 t1: Blau 2/3, 1 pathway group; transition: maintained 2 ("Walking Group " = "walking  group"),
  // gained 1, lost 1, continuity 2/3, net change 0.
  CHECK(r.metrics[h1][1].blau == doctest::Approx(2.0 / 3.0).epsilon(1e-15));
  CHECK(r.metrics[h1][1].n_pathway == 1);
  CHECK(r.transitions[h1].maintained == 2);
  CHECK(r.transitions[h1].gained == 1);
  CHECK(r.transitions[h1].lost == 1);
  CHECK(r.transitions[h1].continuity == doctest::Approx(2.0 / 3.0).epsilon(1e-15));
  CHECK(r.transitions[h1].net_change == 0);
  // H2 t0: surveyed with zero groups: 0 groups, no mean identification, Blau missing;
  // t1: ids {5, missing}: sum 5, mean 5; transition gained 2, continuity missing.
  CHECK(r.metrics[h2][0].surveyed);
  CHECK(r.metrics[h2][0].n_groups == 0);
  CHECK(is_missing(r.metrics[h2][0].mean_id));
  CHECK(is_missing(r.metrics[h2][0].blau));
  CHECK(r.metrics[h2][1].sum_id == 5);
  CHECK(r.metrics[h2][1].mean_id == 5);
  CHECK(r.transitions[h2].gained == 2);
  CHECK(is_missing(r.transitions[h2].continuity));
  // H3 not surveyed at t1: every t1 metric and the transition missing.
  CHECK_FALSE(r.metrics[h3][1].surveyed);
  CHECK(is_missing(r.metrics[h3][1].n_groups));
  CHECK(is_missing(r.transitions[h3].maintained));
  // H4: lost both groups: continuity 0/2 = 0, net change -2.
  CHECK(r.transitions[h4].lost == 2);
  CHECK(r.transitions[h4].continuity == 0);
  CHECK(r.transitions[h4].net_change == -2);
  // Cohort: 3 of 4 surveyed at both; 2 of them (H1, H2) gained a group.
  CHECK(r.n_both == 3);
  CHECK(r.share_gained_any == doctest::Approx(2.0 / 3.0).epsilon(1e-15));
}

TEST_CASE("groups: every person of the sample agrees with the independent R implementation") {
  const auto data = socialcure::read_sample("groups_long.csv", text_options());
  const auto r = socialcure::analyse_groups(socialcure::read_group_panel(data, sample_columns()));
  socialcure::csv_options ref_options;
  ref_options.id_column = "id";
  const auto ref = socialcure::read_csv(dir + "person_metrics.csv", ref_options);
  const auto ours = socialcure::group_results_table(r);
  REQUIRE(ours.rows() == ref.rows());
  std::size_t compared = 0;
  for (const auto& name : {"surveyed_t0", "n_groups_t0", "n_high_id_t0", "mean_id_t0", "sum_id_t0", "n_categories_t0",
                           "blau_t0", "n_pathway_t0", "surveyed_t1", "n_groups_t1", "n_high_id_t1", "mean_id_t1",
                           "sum_id_t1", "n_categories_t1", "blau_t1", "n_pathway_t1", "maintained", "gained", "lost",
                           "continuity", "net_change", "change_n_high_id", "change_mean_id", "change_sum_id",
                           "change_n_categories", "change_blau", "change_n_pathway"}) {
    const auto a = ours.numeric(name);
    const auto b = ref.numeric(name);
    for (std::size_t i = 0; i < ref.rows(); ++i) {
      REQUIRE(ours.text("id")[i] == ref.text("id")[i]);
      CAPTURE(name);
      CAPTURE(ref.text("id")[i]);
      CHECK(is_missing(a[i]) == is_missing(b[i]));
      if (!is_missing(a[i]) && !is_missing(b[i])) CHECK(a[i] == doctest::Approx(b[i]).epsilon(1e-14));
      ++compared;
    }
  }
  MESSAGE(compared << " person metrics compared with the R implementation");
  // Cohort summary (cohort_summary.csv): means 1400/630 and 464/164, share gained 99/164.
  CHECK(r.summaries[0].n_surveyed == 630);
  CHECK(r.summaries[0].mean_groups == doctest::Approx(1400.0 / 630.0).epsilon(1e-15));
  CHECK(r.summaries[0].sd_groups == doctest::Approx(1.5050993813290499).epsilon(1e-14));
  CHECK(r.summaries[1].mean_groups == doctest::Approx(464.0 / 164.0).epsilon(1e-15));
  CHECK(r.summaries[1].sd_groups == doctest::Approx(1.6265049891484116).epsilon(1e-14));
  CHECK(r.summaries[0].distribution.at(0) == 78);
  CHECK(r.summaries[1].distribution.at(7) == 3);
  CHECK(r.share_gained_any == doctest::Approx(99.0 / 164.0).epsilon(1e-15));
}

TEST_CASE("groups: bad rows are errors naming the row, or excluded and counted") {
  const std::string text =
      "id,wave,group,category,identification,pathway\n"
      "A,t0,Choir,arts_music,5,0\n"
      "A,t0,  choir ,arts_music,6,0\n"  // the same group again (line 3)
      "B,t2,Gym,sport,4,0\n"            // unknown wave (line 4)
      "C,t0,Gym,sport,9,0\n";           // identification outside 1..7 (line 5)
  const auto t = socialcure::parse_csv(text, "bad_groups.csv", text_options());
  socialcure::group_options options;
  options.waves = {"t0", "t1"};
  const std::string dup = message_of<socialcure::data_error>(
      [&] { (void)socialcure::read_group_panel(t, sample_columns(), options); });
  CHECK(contains(dup, "bad_groups.csv:3"));
  CHECK(contains(dup, "respondent 'A'"));
  CHECK(contains(dup, "first on line 2"));
  options.on_invalid = socialcure::group_options::invalid_policy::exclude;
  const auto panel = socialcure::read_group_panel(t, sample_columns(), options);
  CHECK(panel.rows_excluded == 3);
  REQUIRE(panel.exclusions.size() == 3);
  CHECK(contains(panel.exclusions[1], "bad_groups.csv:4"));
  CHECK(contains(panel.exclusions[1], "unknown wave"));
  CHECK(contains(panel.exclusions[2], "bad_groups.csv:5"));
  CHECK(contains(panel.exclusions[2], "\"9\""));
  CHECK(contains(panel.exclusions[2], "1..7"));
  // A person with only excluded rows was still seen (C was surveyed at t0 with no valid group).
  const auto r = socialcure::analyse_groups(panel, "t0", "t1", options);
  CHECK(r.rows_excluded == 3);
  CHECK(contains(message_of<socialcure::argument_error>([&] { (void)socialcure::analyse_groups(panel, "t0", "t9"); }),
                 "waves: t0, t1"));
}

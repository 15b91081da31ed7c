// "Every row in, every row out" (issue 9, hardening): every per-respondent output keeps every input
// row, in input order, with a missing value and a reason (or a status column) where no result
// exists, and the counts add up:
//
//   - scoring: score_table gives one respondent_score per row; n_scored + n_unscorable = rows, and
//     exactly the unscored rows carry a reason;
//   - change: change_person_table has a row for every person, including those with a missing pre or
//     post value (percent_change_status and rc_class "not_assessed");
//   - groups: group_results_table has a row for everyone in the long file, with surveyed_<wave>
//     telling "no group" from "not surveyed";
//   - the study: run_study's analysis table keeps all 630 respondents of the bundled study.
//
// The command-line tool's --out files are counted in tests/cli/row_accounting.cmake.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "socialcure/analyses/change.hpp"
#include "socialcure/study/study.hpp"
#include "socialcure/study/study_file.hpp"
#include "socialcure/core/missing.hpp"
#include "socialcure/data/csv.hpp"
#include "socialcure/data/table.hpp"
#include "socialcure/measures/catalogue.hpp"
#include "socialcure/measures/groups.hpp"
#include "socialcure/measures/scoring.hpp"
#include "support.hpp"

namespace sc = socialcure;
using namespace socialcure_test;

namespace {

const std::string sample_dir = std::string(SOCIALCURE_SOURCE_DIR) + "/examples/data/";

sc::table sample_wide() {
  sc::csv_options o;
  o.id_column = "id";
  o.text_columns = {"gender"};
  return sc::read_csv(sample_dir + "panel_wide.csv", o);
}

/// Checks the invariants of a scored table of `rows` rows.
void check_score_accounting(const sc::scale_scores& s, std::size_t rows) {
  REQUIRE(s.respondents.size() == rows);
  CHECK(s.n_scored + s.n_unscorable == rows);
  std::size_t scored = 0;
  std::size_t prorated = 0;
  for (const auto& r : s.respondents) {
    INFO("respondent " << r.id);
    if (sc::is_missing(r.score)) {
      CHECK_FALSE(r.reason.empty());
      CHECK(r.category.empty());
    } else {
      CHECK(r.reason.empty());
      CHECK(std::isfinite(r.score));
      ++scored;
    }
    prorated += r.prorated ? 1 : 0;
  }
  CHECK(scored == s.n_scored);
  CHECK(prorated == s.n_prorated);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Scoring.
// ---------------------------------------------------------------------------------------------

TEST_CASE("row accounting: score_table keeps every row of the sample, with a reason for each unscored one") {
  const sc::table data = sample_wide();
  REQUIRE(data.rows() == 630);
  for (const auto& wave : {"t0", "t1"}) {
    INFO("wave " << wave);
    std::vector<std::string> items;
    for (int i = 1; i <= 3; ++i) items.push_back("ucla" + std::to_string(i) + "_" + wave);
    const sc::scale_scores s = sc::score_table(sc::find_scale("ucla3"), data, items, "id");
    check_score_accounting(s, 630);
    // Ids in file order.
    const auto ids = data.text("id");
    for (std::size_t r = 0; r < data.rows(); ++r) CHECK(s.respondents[r].id == ids[r]);
    // At t1 most of the panel was not surveyed: they are kept, unscored, with a reason.
    if (std::string(wave) == "t1") CHECK(s.n_unscorable >= 466);
  }
}

TEST_CASE("row accounting: score_table keeps all-missing, partly missing and invalid rows, with reasons") {
  // 4 items coded 1..5, prorated with at most 1 missing.
  sc::scale_definition scale;
  scale.id = "four";
  scale.name = "four items";
  scale.items = 4;
  scale.min_code = 1;
  scale.max_code = 5;
  scale.score_min = 4;
  scale.score_max = 20;
  scale.missing = {sc::missing_policy::prorate, 1};
  // Rows: complete; one missing (prorated); two missing; all missing; an invalid code set missing
  // (then one missing: prorated); two invalid codes (unscorable).
  const sc::table data = read_id_as_text(
      "id,a,b,c,d\n"
      "r1,1,2,3,4\n"
      "r2,1,NA,3,4\n"
      "r3,NA,NA,3,4\n"
      "r4,NA,NA,NA,NA\n"
      "r5,1,9,3,4\n"
      "r6,0,9,3,4\n",
      "rows.csv");
  sc::scoring_options o;
  o.on_invalid = sc::invalid_response_policy::set_missing;
  const sc::scale_scores s = sc::score_table(scale, data, {"a", "b", "c", "d"}, "id", o);
  check_score_accounting(s, 6);
  CHECK(s.n_scored == 3);
  CHECK(s.n_unscorable == 3);
  CHECK(s.n_invalid_set_missing == 3);
  CHECK(s.respondents[3].id == "r4");
  CHECK(s.respondents[3].items_answered == 0);
  CHECK_FALSE(s.respondents[3].reason.empty());
  // Without an id column the rows are named by their number.
  const sc::scale_scores unnamed = sc::score_table(scale, data, {"a", "b", "c", "d"}, {}, o);
  check_score_accounting(unnamed, 6);
  CHECK(unnamed.respondents[5].id == "row 6");
}

TEST_CASE("row accounting: score_table on random tables keeps every row") {
  std::mt19937_64 gen(20240920);
  std::bernoulli_distribution missing(0.3);
  std::uniform_int_distribution<int> code(0, 6);  // 0 and 6 are outside the scale's 1..5
  const sc::scale_definition scale = sc::find_scale("ucla3");
  for (int set = 0; set < 50; ++set) {
    const std::size_t n = 1 + static_cast<std::size_t>(set) * 13 % 200;
    INFO("data set " << set << ", n = " << n);
    sc::table data("random");
    for (const auto& name : {"u1", "u2", "u3"}) {
      std::vector<double> v(n);
      for (auto& x : v) x = missing(gen) ? sc::missing_value : code(gen);
      data.add(sc::column(name, v));
    }
    sc::scoring_options o;
    o.on_invalid = sc::invalid_response_policy::set_missing;
    check_score_accounting(sc::score_table(scale, data, {"u1", "u2", "u3"}, {}, o), n);
  }
}

// ---------------------------------------------------------------------------------------------
// Change.
// ---------------------------------------------------------------------------------------------

TEST_CASE("row accounting: change_person_table keeps every person of the sample, with a status for the unassessed") {
  const sc::table data = sample_wide();
  for (const bool counts : {false, true}) {
    const std::string pre = counts ? "gp_visits_t0" : "ucla1_t0";
    const std::string post = counts ? "gp_visits_t1" : "ucla1_t1";
    INFO(pre << " -> " << post);
    const sc::change_data d = sc::read_change_data(data, pre, post, "id", counts);
    sc::change_options o;
    o.reliability = 0.8;
    o.better = sc::improvement::lower;
    o.count = counts;
    o.per_person = true;
    const sc::change_result r = sc::analyse_change(d.pre, d.post, o);
    const sc::table t = sc::change_person_table(r, d.pre, d.post, d.ids, "id");
    REQUIRE(t.rows() == 630);
    CHECK(r.n + r.n_excluded == 630);
    CHECK(r.n_excluded >= 466);
    const auto ids = t.text("id");
    const auto change = t.numeric("change");
    const auto status = t.text("percent_change_status");
    const auto rc_class = t.text("rc_class");
    const auto improvement = t.text("improvement");
    const auto source_ids = data.text("id");
    std::size_t not_assessed = 0;
    for (std::size_t i = 0; i < t.rows(); ++i) {
      INFO("row " << i + 1);
      CHECK(ids[i] == source_ids[i]);
      const bool pair = !sc::is_missing(d.pre(static_cast<Eigen::Index>(i))) &&
                        !sc::is_missing(d.post(static_cast<Eigen::Index>(i)));
      CHECK(sc::is_missing(change[i]) == !pair);
      if (!pair) {
        ++not_assessed;
        CHECK(status[i] == "not_assessed");
        CHECK(rc_class[i] == "not_assessed");
        CHECK(improvement[i] == "not_assessed");
      } else {
        CHECK(status[i] != "not_assessed");
        CHECK(rc_class[i] != "not_assessed");
        // A missing percent change has its reason: a zero baseline.
        if (sc::is_missing(t.numeric("percent_change")[i])) CHECK(status[i] == "zero_baseline");
      }
    }
    CHECK(not_assessed == r.n_excluded);
  }
}

TEST_CASE("row accounting: change_person_table keeps a person with both values missing and an all-missing sample") {
  const Eigen::VectorXd pre = vec({1, sc::missing_value, 3, sc::missing_value});
  const Eigen::VectorXd post = vec({2, 5, sc::missing_value, sc::missing_value});
  const std::vector<std::string> ids = {"a", "b", "c", "d"};
  sc::change_options keep;
  keep.per_person = true;
  const sc::change_result r = sc::analyse_change(pre, post, keep);
  const sc::table t = sc::change_person_table(r, pre, post, ids);
  CHECK(t.rows() == 4);
  CHECK(r.n == 1);
  CHECK(r.n_excluded == 3);
  CHECK(t.text("percent_change_status")[3] == "not_assessed");

  const Eigen::VectorXd none = vec({sc::missing_value, sc::missing_value, sc::missing_value});
  const sc::change_result empty = sc::analyse_change(none, none, keep);
  const sc::table te = sc::change_person_table(empty, none, none, {"x", "y", "z"});
  CHECK(te.rows() == 3);
  CHECK(empty.n == 0);
  CHECK(empty.n_excluded == 3);
  for (std::size_t i = 0; i < 3; ++i) CHECK(te.text("percent_change_status")[i] == "not_assessed");
}

// ---------------------------------------------------------------------------------------------
// Groups.
// ---------------------------------------------------------------------------------------------

namespace {

sc::group_columns sample_group_columns() {
  sc::group_columns c;
  c.category = "category";
  c.identification = "identification";
  c.pathway = "pathway";
  return c;
}

sc::table sample_groups() {
  sc::csv_options o;
  o.text_columns = {"id", "wave", "group", "category"};
  return sc::read_csv(sample_dir + "groups_long.csv", o);
}

std::set<std::string> distinct(std::span<const std::string> values) { return {values.begin(), values.end()}; }

}  // namespace

TEST_CASE("row accounting: group_results_table has a row for everyone in the long file") {
  const sc::table long_data = sample_groups();
  const std::set<std::string> people = distinct(long_data.text("id"));
  const sc::group_panel panel = sc::read_group_panel(long_data, sample_group_columns());
  CHECK(panel.rows_read == long_data.rows());
  CHECK(panel.rows_excluded == 0);
  const sc::group_results results = sc::analyse_groups(panel);
  const sc::table t = sc::group_results_table(results);
  CHECK(t.rows() == people.size());
  CHECK(distinct(t.text("id")) == people);
  // Everyone in the panel is in the long file at the first wave; a missing metric at t1 goes with
  // surveyed_t1 = 0.
  const auto surveyed_t1 = t.numeric("surveyed_t1");
  const auto groups_t1 = t.numeric("n_groups_t1");
  const auto gained = t.numeric("gained");
  for (std::size_t i = 0; i < t.rows(); ++i) {
    INFO("person " << t.text("id")[i]);
    CHECK(sc::is_missing(groups_t1[i]) == (surveyed_t1[i] == 0.0));
    CHECK(sc::is_missing(gained[i]) == (surveyed_t1[i] == 0.0 || t.numeric("surveyed_t0")[i] == 0.0));
  }
}

TEST_CASE("regression: a person whose every group row is excluded is kept in the group table, unsurveyed") {
  // Under invalid_policy::exclude, P3's only row has an unknown wave and P4's only group has an
  // identification outside 1..7: both rows are excluded and counted, and both people stay in the
  // output (P3 used to vanish). P3 has no valid row at all: not surveyed at any wave, so every
  // metric is missing and surveyed_<wave> = 0 says why.
  const sc::table long_data = read_id_as_text(
      "id,wave,group,identification\n"
      "P1,t0,choir,5\n"
      "P1,t1,choir,6\n"
      "P2,t0,,\n"
      "P2,t1,gym,3\n"
      "P3,t9,choir,4\n"
      "P4,t0,choir,12\n",
      "groups.csv");
  sc::group_columns columns;
  columns.identification = "identification";
  sc::group_options o;
  o.waves = {"t0", "t1"};
  o.on_invalid = sc::group_options::invalid_policy::exclude;
  const sc::group_panel panel = sc::read_group_panel(long_data, columns, o);
  CHECK(panel.rows_read == 6);
  CHECK(panel.rows_excluded == 2);
  CHECK(panel.exclusions.size() == 2);
  const sc::table t = sc::group_results_table(sc::analyse_groups(panel, {}, {}, o));
  CHECK(t.rows() == 4);
  CHECK(join(std::vector<std::string>(t.text("id").begin(), t.text("id").end())) == "P1, P2, P3, P4");
  const auto row_of = [&](const std::string& id) {
    const auto ids = t.text("id");
    return static_cast<std::size_t>(std::find(ids.begin(), ids.end(), id) - ids.begin());
  };
  const std::size_t p3 = row_of("P3");
  REQUIRE(p3 < t.rows());
  CHECK(t.numeric("surveyed_t0")[p3] == 0.0);
  CHECK(t.numeric("surveyed_t1")[p3] == 0.0);
  CHECK(sc::is_missing(t.numeric("n_groups_t0")[p3]));
  // P4 was surveyed at t0, but the one group it listed was excluded: its t0 counts are missing,
  // not 0 groups (they were 0 before, as if P4 had said "no group").
  const std::size_t p4 = row_of("P4");
  REQUIRE(p4 < t.rows());
  CHECK(t.numeric("surveyed_t0")[p4] == 1.0);
  CHECK(sc::is_missing(t.numeric("n_groups_t0")[p4]));
  CHECK(sc::is_missing(t.numeric("mean_id_t0")[p4]));
  // P2, who said "no group" at t0, has 0 groups there.
  CHECK(t.numeric("n_groups_t0")[row_of("P2")] == 0.0);
}

// ---------------------------------------------------------------------------------------------
// The study.
// ---------------------------------------------------------------------------------------------

TEST_CASE("row accounting: run_study's analysis table keeps all 630 respondents of the bundled study") {
  sc::study_definition study = sc::load_study(sample_dir + "study.toml");
  study.settings.replicates = 100;  // only the rows are checked here
  study.settings.threads = 2;
  const sc::study_result r = sc::run_study(study);
  CHECK(r.analysis.rows() == 630);
  CHECK(r.n_first == 630);
  CHECK(r.n_second + (r.n_first - r.n_both) == 630);
  const sc::table wide = sample_wide();
  const auto ids = r.analysis.text("id");
  const auto source_ids = wide.text("id");
  REQUIRE(ids.size() == source_ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) CHECK(ids[i] == source_ids[i]);
  // Every scale keeps every respondent at both waves; every model says how many rows it had.
  for (const auto& s : r.scales) {
    for (const auto& w : s.waves) {
      INFO("scale " << s.scale.name);
      check_score_accounting(w.scores, 630);
    }
  }
  for (const auto& c : r.changes) {
    INFO("change of " << c.measure);
    CHECK(c.result.n + c.result.n_excluded == 630);
    CHECK(c.result.scores.raw.empty());  // the study writes no per-person change table
  }
  for (const auto& m : r.models) {
    INFO("model " << m.model.name);
    CHECK(m.n_rows == 630);
  }
  // A measure's change is missing exactly where one of its waves is.
  for (const std::string measure : {"loneliness", "belonging", "exits", "groups", "gp_visits"}) {
    INFO("measure " << measure);
    const auto a = r.analysis.numeric(measure + "_t0");
    const auto b = r.analysis.numeric(measure + "_t1");
    const auto d = r.analysis.numeric(measure + "_change");
    for (std::size_t i = 0; i < r.analysis.rows(); ++i) {
      CHECK(sc::is_missing(d[i]) == (sc::is_missing(a[i]) || sc::is_missing(b[i])));
    }
  }
}

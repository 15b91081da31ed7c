// Tests of include/socialcure/study/stages.hpp: each stage called on its own on the bundled study
// gives exactly run_study's numbers, and R's (tests/reference/study/bundled_study.ref.csv, written
// by tests/reference/study/make_reference.R; see study_test.cpp for its versions and tolerances);
// the analysis table from two wave files equals the one from the wide file; tables in memory;
// the model kinds; errors that name the file, line and column.

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <fstream>
#include <string>
#include <variant>
#include <vector>

#include "reference_values.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/core/missing.hpp"
#include "socialcure/data/csv.hpp"
#include "socialcure/measures/catalogue.hpp"
#include "socialcure/measures/scale_loader.hpp"
#include "socialcure/study/stages.hpp"
#include "socialcure/study/study_file.hpp"
#include "support.hpp"

using namespace socialcure_test;
namespace sc = socialcure;

namespace {

constexpr double closed = 1e-9;
const std::string data_dir = std::string(SOCIALCURE_SOURCE_DIR) + "/examples/data";

const reference_values& ref() {
  static const reference_values values = reference_values::load("study/bundled_study.ref.csv");
  return values;
}

sc::study_definition bundled_study() {
  sc::study_definition study = sc::load_study(data_dir + "/study.toml");
  study.settings.replicates = 200;
  study.settings.threads = 2;
  return study;
}

const sc::study_result& bundled_result() {
  static const sc::study_result result = sc::run_study(bundled_study());
  return result;
}

const sc::study_table& bundled_table() {
  static const sc::study_table table = sc::build_study_table(bundled_study());
  return table;
}

// Bitwise the same numbers (missing where both are missing).
bool same(double a, double b) { return a == b || (sc::is_missing(a) && sc::is_missing(b)); }

// The columns `names` (default: all of a) are in both tables with the same values.
void check_same_columns(const sc::table& a, const sc::table& b, std::vector<std::string> names = {}) {
  REQUIRE(a.rows() == b.rows());
  if (names.empty()) names = a.names();
  for (const auto& name : names) {
    INFO("column " << name);
    REQUIRE(b.has(name));
    const auto& x = a.get(name);
    const auto& y = b.get(name);
    REQUIRE(x.is_numeric() == y.is_numeric());
    if (!x.is_numeric()) {
      CHECK(std::vector<std::string>(x.strings().begin(), x.strings().end()) ==
            std::vector<std::string>(y.strings().begin(), y.strings().end()));
      continue;
    }
    std::size_t differ = 0;
    for (std::size_t r = 0; r < a.rows(); ++r) differ += same(x.numbers()[r], y.numbers()[r]) ? 0U : 1U;
    CHECK(differ == 0);
  }
}

// The bundled study's person and measure columns, laid out as two wave files.
sc::study_definition wave_file_study() {
  sc::study_definition study;
  study.data.wave_files = {data_dir + "/panel_t0.csv", data_dir + "/panel_t1.csv"};  // gender: read as text
  study.data.groups_file = data_dir + "/groups_long.csv";
  study.scales.push_back({"loneliness", "ucla3", sc::find_scale("ucla3"), {"ucla1", "ucla2", "ucla3"}});
  study.scales.push_back(
      {"belonging", "belonging4", sc::load_scale(data_dir + "/belonging.json"), {"belong1", "belong2", "belong3", "belong4"}});
  study.counts.push_back({"gp_visits", "gp_visits"});
  study.covariates = {"age", "gender"};
  return study;
}

}  // namespace

TEST_CASE("build_study_table: the table, counts and notes of run_study") {
  const auto& t = bundled_table();
  const auto& r = bundled_result();
  check_same_columns(r.analysis, t.analysis);
  CHECK(t.analysis.names() == r.analysis.names());
  CHECK(t.n_first == r.n_first);
  CHECK(t.n_second == r.n_second);
  CHECK(t.n_both == r.n_both);
  CHECK(t.n_second_only == r.n_second_only);
  ref().check_count(t.analysis.rows(), "panel", "n_rows");
  ref().check_count(t.n_first, "panel", "n_t0");
  ref().check_count(t.n_second, "panel", "n_t1");
  CHECK(t.present_column == "present_t1");
  std::vector<std::string> measures;
  for (const auto& m : t.measures) measures.push_back(m.name);
  CHECK(join(measures) == "loneliness, belonging, exits, groups, gp_visits");
  CHECK(t.measures.front().kind == sc::study_measure_kind::scale);
  CHECK(t.measures[3].kind == sc::study_measure_kind::groups);
  CHECK(t.measures.back().kind == sc::study_measure_kind::count);
  CHECK(t.measures.back().better == sc::improvement::lower);
  REQUIRE(t.groups.has_value());
  REQUIRE(t.scores.size() == 3);
  // R's column sums of the measure columns.
  for (const std::string column : {"loneliness_change", "groups_t0", "gp_visits_t1"}) {
    double sum = 0.0;
    for (double v : t.analysis.numeric(column)) sum += sc::is_missing(v) ? 0.0 : v;
    ref().check(sum, "column_" + column, "sum", closed);
  }
  // run_study's notes are the table's, then the attrition stage's (none here).
  const auto attrition = sc::study_attrition(bundled_study(), t);
  std::vector<std::string> notes = t.notes;
  notes.insert(notes.end(), attrition.notes.begin(), attrition.notes.end());
  CHECK(notes == r.notes);
  CHECK(attrition.notes.empty());
}

TEST_CASE("study_attrition: run_study's comparison, R's t.test") {
  const auto a = sc::study_attrition(bundled_study(), bundled_table());
  const auto& r = bundled_result();
  REQUIRE(a.comparison.has_value());
  REQUIRE(r.attrition.has_value());
  CHECK(a.comparison->n_completed == 164);
  CHECK(a.comparison->n_dropped == 466);
  REQUIRE(a.comparison->variables.size() == r.attrition->variables.size());
  for (std::size_t i = 0; i < a.comparison->variables.size(); ++i) {
    const auto& x = a.comparison->variables[i];
    const auto& y = r.attrition->variables[i];
    INFO(x.variable);
    CHECK(x.variable == y.variable);
    CHECK(same(x.p, y.p));
    CHECK(same(x.smd, y.smd));
  }
  ref().check(a.comparison->variables.at(2).t, "attrition_loneliness_t0", "t", closed);
}

TEST_CASE("study_attrition: nobody dropped out is a note, not a comparison") {
  sc::study_definition study = bundled_study();
  study.completed.clear();  // present at t1
  sc::study_inputs inputs = sc::read_study_inputs(study);
  // Keep only the completers in the wide table: everyone is present at both waves.
  const auto completed = inputs.wide->numeric("completed");
  std::vector<std::size_t> rows;
  for (std::size_t r = 0; r < completed.size(); ++r) {
    if (completed[r] == 1.0) rows.push_back(r);
  }
  inputs.wide = inputs.wide->select_rows(rows);
  const auto a = sc::study_attrition(study, sc::build_study_table(study, inputs));
  CHECK_FALSE(a.comparison.has_value());
  REQUIRE(a.notes.size() == 1);
  CHECK(a.notes[0] == "no attrition comparison: 164 completer(s) and 0 non-completer(s) at t0");
}

TEST_CASE("study_measures: run_study's scores, means, SDs and reliability; R's values") {
  const auto scales = sc::study_measures(bundled_study(), bundled_table());
  const auto& r = bundled_result();
  REQUIRE(scales.size() == r.scales.size());
  for (std::size_t i = 0; i < scales.size(); ++i) {
    for (std::size_t w = 0; w < 2; ++w) {
      const auto& x = scales[i].waves[w];
      const auto& y = r.scales[i].waves[w];
      const std::string a = "scale_" + scales[i].scale.name + "_" + (w == 0 ? "t0" : "t1");
      INFO(a);
      CHECK(x.n == y.n);
      CHECK(same(x.mean, y.mean));
      CHECK(same(x.sd, y.sd));
      REQUIRE(x.alpha.has_value());
      CHECK(same(x.alpha->raw_alpha, y.alpha->raw_alpha));
      REQUIRE(x.omega.has_value());
      CHECK(same(x.omega->omega_total, y.omega->omega_total));
      CHECK(x.scores.n_prorated == y.scores.n_prorated);
      ref().check_count(x.n, a, "n");
      ref().check(x.mean, a, "mean", closed);
      ref().check(x.sd, a, "sd", closed);
      ref().check(x.alpha->raw_alpha, a, "raw_alpha", closed);
      ref().check(x.omega->omega_total, a, "omega_total", closed);
    }
  }
}

TEST_CASE("study_changes: run_study's changes, R's paired tests; no reliable change without the scales") {
  const auto study = bundled_study();
  const auto& t = bundled_table();
  const auto changes = sc::study_changes(study, t, sc::study_measures(study, t));
  const auto& r = bundled_result();
  REQUIRE(changes.size() == r.changes.size());
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const auto& x = changes[i];
    INFO(x.measure);
    CHECK(x.measure == r.changes[i].measure);
    CHECK(x.count == r.changes[i].count);
    CHECK(same(x.reliability, r.changes[i].reliability));
    CHECK(same(x.result.t_test.t, r.changes[i].result.t_test.t));
    CHECK(x.result.reliable.has_value() == r.changes[i].result.reliable.has_value());
    ref().check(x.result.t_test.mean_diff, "change_" + x.measure, "mean_diff", closed);
    ref().check(x.result.t_test.t, "change_" + x.measure, "t", closed);
  }
  ref().check(changes[0].reliability, "rci_loneliness", "reliability", closed);
  // Without the scales' results there is no alpha, hence no reliable change.
  const auto bare = sc::study_changes(study, t, {});
  CHECK_FALSE(bare[0].result.reliable.has_value());
  CHECK(sc::is_missing(bare[0].reliability));
  CHECK(same(bare[0].result.t_test.t, changes[0].result.t_test.t));
}

TEST_CASE("fit_study_model: each model of run_study, one at a time") {
  const auto study = bundled_study();
  const auto& t = bundled_table();
  const auto& r = bundled_result();
  REQUIRE(r.models.size() == study.models.size());
  for (std::size_t i = 0; i < study.models.size(); ++i) {
    const auto fit = sc::fit_study_model(study, study.models[i], t);
    const auto& expected = r.models[i];
    INFO(fit.model.name);
    CHECK(fit.model.name == expected.model.name);
    CHECK(fit.n_rows == expected.n_rows);
    CHECK(fit.fit.index() == expected.fit.index());
    if (const auto* m = fit.mediation()) {
      REQUIRE(expected.mediation() != nullptr);
      REQUIRE(m->indirect.size() == expected.mediation()->indirect.size());
      for (std::size_t k = 0; k < m->indirect.size(); ++k) {
        CHECK(same(m->indirect[k].estimate, expected.mediation()->indirect[k].estimate));
        CHECK(same(m->indirect[k].ci_lower, expected.mediation()->indirect[k].ci_lower));  // same seed
        CHECK(same(m->indirect[k].ci_upper, expected.mediation()->indirect[k].ci_upper));
      }
    }
    if (const auto* o = fit.ols()) {
      REQUIRE(expected.ols() != nullptr);
      CHECK(same(o->at("groups_t0").estimate, expected.ols()->at("groups_t0").estimate));
      ref().check(o->at("groups_t0").se, "model_belonging_on_groups", "se_groups_t0", closed);
    }
    if (const auto* g = fit.glm()) {
      REQUIRE(expected.glm() != nullptr);
      CHECK(same(g->theta, expected.glm()->theta));
    }
  }
  const auto social_cure = sc::fit_study_model(study, study.models[0], t);
  REQUIRE(social_cure.mediation() != nullptr);
  ref().check(social_cure.mediation()->indirect[2].estimate, "mediation_social_cure", "ind_a1d21b2", closed);
}

TEST_CASE("fit_study_model: the kinds of model, and their results") {
  const auto study = bundled_study();
  const auto& t = bundled_table();
  SUBCASE("type names") {
    CHECK(sc::study_model{"a", sc::study_mediation{}}.type() == "mediation");
    CHECK(sc::study_model{"b", sc::study_within_mediation{}}.type() == "within_mediation");
    CHECK(sc::study_model{"c", sc::study_regression{}}.type() == "regression");
    CHECK(std::holds_alternative<sc::study_mediation>(sc::study_model{}.spec));  // the default kind
  }
  SUBCASE("a regression with a family is a GLM, without one OLS; a text predictor is categorical") {
    sc::study_regression poisson;
    poisson.y = "gp_visits_t0";
    poisson.x = {"loneliness_t0"};
    poisson.family = sc::glm_family::poisson;
    const auto glm = sc::fit_study_model(study, {"p", poisson}, t);
    REQUIRE(glm.glm() != nullptr);
    CHECK(glm.ols() == nullptr);
    CHECK(glm.mediation() == nullptr);
    CHECK(glm.glm()->family == sc::glm_family::poisson);
    sc::study_regression linear;
    linear.y = "belonging_t0";
    linear.x = {"gender"};
    linear.covariates = {"age"};
    linear.se = sc::se_type::hc1;
    const auto ols = sc::fit_study_model(study, {"l", linear}, t);
    REQUIRE(ols.ols() != nullptr);
    CHECK(ols.ols()->se == sc::se_type::hc1);
    // gender has 3 levels: 2 contrasts, the intercept and age.
    CHECK(ols.ols()->coefficients.size() == 4);
    CHECK(ols.ols()->coefficients.back().term == "age");
  }
  SUBCASE("a within-subject model names measures; a model outside the study's list fits too") {
    sc::study_within_mediation within;
    within.mediators = {"belonging"};
    within.y = "loneliness";
    within.model = sc::mediation_model::parallel;
    const auto fit = sc::fit_study_model(study, {"w", within}, t);
    REQUIRE(fit.mediation() != nullptr);
    CHECK(fit.mediation()->within);
    ref().check(fit.mediation()->indirect[0].estimate, "within", "ind", closed);
  }
  SUBCASE("progress is called and can cancel") {
    std::size_t calls = 0;
    const auto fit = sc::fit_study_model(study, study.models[0], t, [&calls](std::size_t, std::size_t) {
      ++calls;
      return false;
    });
    CHECK(calls >= 1);
    REQUIRE(fit.mediation() != nullptr);
    CHECK(fit.mediation()->replicates.cancelled);
  }
}

TEST_CASE("build_study_table: two wave files give the wide file's measure columns") {
  const sc::study_table waves = sc::build_study_table(wave_file_study());
  const auto& wide = bundled_table();
  REQUIRE(waves.analysis.rows() == wide.analysis.rows());
  for (const std::string m : {"loneliness", "belonging", "groups", "gp_visits"}) {
    for (const std::string suffix : {"_t0", "_t1", "_change"}) {
      INFO(m << suffix);
      const auto a = waves.analysis.numeric(m + suffix);
      const auto b = wide.analysis.numeric(m + suffix);
      std::size_t differ = 0;
      for (std::size_t r = 0; r < a.size(); ++r) differ += same(a[r], b[r]) ? 0U : 1U;
      CHECK(differ == 0);
    }
  }
  CHECK(waves.analysis.has("present_t1"));
  CHECK_FALSE(waves.analysis.has("completed"));
  // In memory: the same tables read by the caller.
  const auto study = wave_file_study();
  sc::csv_options options;
  options.id_column = "id";
  sc::study_inputs inputs;
  inputs.waves = {sc::read_csv(study.data.wave_files[0], options), sc::read_csv(study.data.wave_files[1], options)};
  const sc::study_table in_memory = sc::build_study_table(study, inputs);
  check_same_columns(in_memory.analysis, waves.analysis);  // no group table: no groups_* columns
  CHECK_FALSE(in_memory.analysis.has("groups_t0"));
  // Person columns: the first file's columns not measured at the second.
  CHECK(join(waves.person_columns) == "id, age, gender");
  CHECK(join(wide.person_columns) == "id, age, gender, completed");
  check_same_columns(waves.analysis, wide.analysis, {"age", "gender"});
}

TEST_CASE("build_study_table: errors name the file, line, column and respondent") {
  const temp_dir dir("socialcure_stages_test");
  const std::string t0 = dir.file("t0.csv");
  const std::string t1 = dir.file("t1.csv");
  std::ofstream(t0) << "id,age,v\nA,30,1\nB,40,2\n";
  std::ofstream(t1) << "id,v\nA,0.5\nB,1\n";
  sc::study_definition study;
  study.data.wave_files = {t0, t1};
  study.counts.push_back({"visits", "v"});
  SUBCASE("a count that is not a whole number") {
    const auto e = data_error_of([&] { (void)sc::build_study_table(study); });
    REQUIRE(e.has_value());
    CHECK(e->where().file == t1);
    CHECK(e->where().line == 2);
    CHECK(e->where().column == "v");  // one file per wave: the column as the file names it
    CHECK(e->where().respondent == "A");
  }
  SUBCASE("an unknown count column lists the file's columns") {
    study.counts = {{"visits", "w"}};
    const std::string msg = message_of<sc::argument_error>([&] { (void)sc::build_study_table(study); });
    CHECK(contains(msg, "count 'visits' at t0: no column 'w' in " + t0));
    CHECK(contains(msg, "available: id, age, v"));
  }
  SUBCASE("an unknown covariate, in the attrition stage") {
    study.counts.clear();
    study.covariates = {"sex"};
    const auto table = sc::build_study_table(study);
    const std::string msg = message_of<sc::argument_error>([&] { (void)sc::study_attrition(study, table); });
    CHECK(contains(msg, "covariates: no column 'sex' among the person columns; available: id, age"));
  }
  SUBCASE("neither or both layouts of inputs") {
    CHECK(contains(message_of<sc::argument_error>([&] { (void)sc::build_study_table(study, sc::study_inputs{}); }),
                   "give either one wide table or one table per wave"));
  }
  SUBCASE("a model naming a column the table lacks") {
    study.counts.clear();
    const auto table = sc::build_study_table(study);
    sc::study_regression regression;
    regression.y = "v_t1";
    regression.x = {"age"};
    const sc::study_model m{"r", regression};
    const std::string msg = message_of<sc::argument_error>([&] { (void)sc::fit_study_model(study, m, table); });
    CHECK(contains(msg, "model 'r': no column 'v_t1' in the analysis table; available: id, age, present_t1"));
  }
}

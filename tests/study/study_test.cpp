// Tests of include/socialcure/study/study.hpp: run_study on the bundled study
// (examples/data/study.toml) against independent values from R, the analysis table, the notes,
// the errors for an unknown column, and bootstrap results that do not depend on the threads.
//
// Reference values: tests/reference/study/bundled_study.ref.csv, written by
// tests/reference/study/make_reference.R (R 4.2.2, psych 2.2.9, MASS 7.3.58.2, sandwich 3.0.2),
// which scores the scales, counts the groups and fits every analysis from the raw CSV files with
// R's own functions (psych::alpha, t.test, wilcox.test, binom.test, chisq.test, lm with
// sandwich::vcovHC HC3, MASS::glm.nb polished to convergence, lm for the mediation equations).
// Tolerances (relative): closed forms and one-pass estimates 1e-9; omega (the one-factor loadings
// are a closed form for 3 items and a converged iteration for 4) 1e-9; the negative binomial
// model (alternating Newton/IRLS on both sides) 1e-8; counts exact. Bootstrap intervals are not
// compared with R (different random numbers); the bootstrap runs 200 replicates (1000 where the
// threads are compared).

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <variant>
#include <vector>

#include "reference_values.hpp"
#include "socialcure/study/study.hpp"
#include "socialcure/study/study_file.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/core/missing.hpp"
#include "socialcure/measures/catalogue.hpp"
#include "support.hpp"
#include "support/stat_writer.hpp"

using namespace socialcure_test;
namespace sc = socialcure;

namespace {

constexpr double closed = 1e-9;
constexpr double iterative = 1e-8;

using names = std::vector<std::string>;
const names scale_names{"loneliness", "belonging", "exits"};
const names measure_names{"loneliness", "belonging", "exits", "groups", "gp_visits"};

const std::string study_path = std::string(SOCIALCURE_SOURCE_DIR) + "/examples/data/study.toml";

sc::study_definition bundled_study(unsigned threads = 2, std::size_t replicates = 200) {
  sc::study_definition study = sc::load_study(study_path);
  study.settings.replicates = replicates;
  study.settings.threads = threads;
  return study;
}

// The bundled study run once (replicates 200, 2 threads), shared by the test cases.
const sc::study_result& bundled_result() {
  static const sc::study_result result = sc::run_study(bundled_study());
  return result;
}

const reference_values& ref() {
  static const reference_values values = reference_values::load("study/bundled_study.ref.csv");
  return values;
}

const sc::study_scale_result& scale_of(const sc::study_result& r, const std::string& name) {
  const auto it = std::find_if(r.scales.begin(), r.scales.end(), [&](const auto& s) { return s.scale.name == name; });
  REQUIRE_MESSAGE(it != r.scales.end(), "no scale " << name);
  return *it;
}

const sc::study_change& change_of(const sc::study_result& r, const std::string& measure) {
  const auto it = std::find_if(r.changes.begin(), r.changes.end(), [&](const auto& c) { return c.measure == measure; });
  REQUIRE_MESSAGE(it != r.changes.end(), "no change of " << measure);
  return *it;
}

const sc::study_model_result& model_of(const sc::study_result& r, const std::string& name) {
  const auto it = std::find_if(r.models.begin(), r.models.end(), [&](const auto& m) { return m.model.name == name; });
  REQUIRE_MESSAGE(it != r.models.end(), "no model " << name);
  return *it;
}

const sc::attrition_variable& attrition_of(const sc::study_result& r, const std::string& variable) {
  REQUIRE(r.attrition.has_value());
  const auto& vars = r.attrition->variables;
  const auto it = std::find_if(vars.begin(), vars.end(), [&](const auto& v) { return v.variable == variable; });
  REQUIRE_MESSAGE(it != vars.end(), "no attrition variable " << variable);
  return *it;
}

// R's term names: "intercept" for "(Intercept)".
std::string r_term(const std::string& term) { return term == "(Intercept)" ? "intercept" : term; }

// Estimate, SE, statistic and p of every coefficient of an OLS fit against R's rows
// "<stat>_<term>" of `analysis` (statistic named `t`).
void check_ols(const sc::ols_result& fit, const std::string& analysis, bool with_ci = false) {
  for (const auto& c : fit.coefficients) {
    const std::string t = r_term(c.term);
    INFO(analysis << " term " << c.term);
    ref().check(c.estimate, analysis, "estimate_" + t, closed);
    ref().check(c.se, analysis, "se_" + t, closed);
    ref().check(c.statistic, analysis, "t_" + t, closed);
    ref().check(c.p, analysis, "p_" + t, closed);
    if (with_ci) {
      ref().check(c.ci_lower, analysis, "ci_lower_" + t, closed);
      ref().check(c.ci_upper, analysis, "ci_upper_" + t, closed);
    }
  }
  CHECK(ref().quantities(analysis, "estimate_").size() == fit.coefficients.size());
}

// Everything a mediation result carries from its bootstrap, for comparing two runs.
std::vector<double> bootstrap_values(const sc::mediation_result& m) {
  std::vector<double> out;
  for (const auto* effects : {&m.indirect, &m.contrasts, &m.standardized}) {
    for (const auto& e : *effects) {
      out.insert(out.end(), {e.estimate, e.boot_se, e.ci_lower, e.ci_upper});
    }
  }
  return out;
}

// A small study in code over the sample panel (for the error cases).
sc::study_definition panel_study() {
  sc::study_definition study;
  study.title = "errors";
  study.data.wide_file = std::string(SOCIALCURE_SOURCE_DIR) + "/examples/data/panel_wide.csv";
  study.data.text_columns = {"gender"};
  study.completed = "completed";
  sc::study_scale lonely;
  lonely.name = "loneliness";
  lonely.scale = "ucla3";
  lonely.definition = sc::find_scale("ucla3");
  lonely.items = {"ucla1", "ucla2", "ucla3"};
  study.scales.push_back(lonely);
  study.counts.push_back({"gp_visits", ""});
  study.settings.replicates = 200;
  study.settings.seed = 1;
  return study;
}

}  // namespace

TEST_CASE("run_study: the bundled study keeps every respondent in file order") {
  const auto& r = bundled_result();
  ref().check_count(r.analysis.rows(), "panel", "n_rows");
  ref().check_count(r.n_first, "panel", "n_t0");
  ref().check_count(r.n_second, "panel", "n_t1");
  ref().check_count(r.n_both, "panel", "n_t1");
  REQUIRE(r.attrition.has_value());
  ref().check_count(r.attrition->n_completed, "panel", "n_completed");
  CHECK(r.n_second_only == 0);
  REQUIRE(r.analysis.rows() == 630);
  const auto ids = r.analysis.text("id");
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const std::string number = std::to_string(i + 1);
    const std::string expected = "P" + std::string(4 - std::min<std::size_t>(4, number.size()), '0') + number;
    if (ids[i] != expected) FAIL_CHECK("row " << i + 1 << ": id " << ids[i] << ", expected " << expected);
  }
  // Person columns, then three columns per measure.
  for (const auto& name : names{"age", "gender", "completed"}) CHECK_MESSAGE(r.analysis.has(name), name);
  for (const auto& m : measure_names) {
    for (const auto& suffix : names{"t0", "t1", "change"}) {
      const std::string column = m + "_" + suffix;
      REQUIRE_MESSAGE(r.analysis.has(column), column);
      const auto values = r.analysis.numeric(column);
      std::size_t n = 0;
      double sum = 0.0;
      for (double v : values) {
        if (sc::is_missing(v)) continue;
        ++n;
        sum += v;
      }
      const std::string a = "column_" + column;
      ref().check_count(n, a, "n");
      ref().check(sum, a, "sum", closed);
      ref().check(sum / static_cast<double>(n), a, "mean", closed);
    }
  }
  // Completers only at t1: present_t1 is the completion flag in this data.
  const auto completed = r.analysis.numeric("completed");
  const auto present = r.analysis.numeric("present_t1");
  const auto gp_t1 = r.analysis.numeric("gp_visits_t1");
  for (std::size_t i = 0; i < r.analysis.rows(); ++i) {
    if (completed[i] != present[i] || (completed[i] == 1.0) == sc::is_missing(gp_t1[i])) {
      FAIL_CHECK("row " << i + 1 << ": completed " << completed[i] << ", present " << present[i] << ", gp_visits_t1 "
                        << gp_t1[i]);
    }
  }
}

TEST_CASE("run_study: the notes count the unscorable and prorated scores") {
  const auto& r = bundled_result();
  const std::string notes = join(r.notes);
  INFO("notes: " << notes);
  for (const auto& scale : scale_names) {
    for (const auto& wave : names{"t0", "t1"}) {
      const std::string a = "scale_" + scale + "_" + wave;
      const std::size_t unscorable = ref().count(a, "n_unscorable");
      const std::size_t prorated = ref().count(a, "n_prorated");
      const std::string head = "scale '" + scale + "' at " + wave + ": ";
      const std::string unscored_note = head + std::to_string(unscorable) + " respondent(s) present but not scorable";
      const std::string prorated_note = head + std::to_string(prorated) + " score(s) prorated";
      CHECK_MESSAGE(contains(notes, unscored_note) == (unscorable > 0), unscored_note);
      CHECK_MESSAGE(contains(notes, prorated_note) == (prorated > 0), prorated_note);
    }
  }
  // The R values behind these notes: UCLA and EXITS are complete-only, belonging is prorated.
  CHECK(ref().count("scale_loneliness_t0", "n_unscorable") > 0);
  CHECK(ref().count("scale_belonging_t0", "n_prorated") > 0);
  // Everyone of the panel is in the group file, and every row of it is valid.
  CHECK_FALSE(contains(notes, "no row in the group file"));
  CHECK_FALSE(contains(notes, "not in the panel"));
  CHECK_FALSE(contains(notes, "excluded as invalid"));
}

TEST_CASE("run_study: scale scores and reliability at each wave agree with R") {
  const auto& r = bundled_result();
  for (const auto& name : scale_names) {
    const auto& s = scale_of(r, name);
    for (std::size_t w = 0; w < 2; ++w) {
      const std::string a = "scale_" + name + "_" + (w == 0 ? "t0" : "t1");
      INFO(a);
      const auto& wave = s.waves[w];
      // The scores cover every row of the table; the statistics are of those present at the wave.
      const auto present = r.analysis.numeric("present_t1");
      std::size_t n_present = 0;
      std::size_t unscorable = 0;
      REQUIRE(wave.scores.respondents.size() == r.analysis.rows());
      for (std::size_t i = 0; i < r.analysis.rows(); ++i) {
        if (w == 1 && present[i] != 1.0) continue;
        ++n_present;
        unscorable += sc::is_missing(wave.scores.respondents[i].score) ? 1U : 0U;
      }
      ref().check_count(n_present, a, "n_present");
      ref().check_count(unscorable, a, "n_unscorable");
      ref().check_count(wave.n, a, "n");
      ref().check_count(wave.scores.n_prorated, a, "n_prorated");
      ref().check(wave.mean, a, "mean", closed);
      ref().check(wave.sd, a, "sd", closed);
      REQUIRE(wave.alpha.has_value());
      ref().check(wave.alpha->raw_alpha, a, "raw_alpha", closed);
      ref().check(wave.alpha->std_alpha, a, "std_alpha", closed);
      ref().check_count(wave.alpha->n, a, "alpha_n");
      REQUIRE(wave.omega.has_value());
      CHECK_FALSE(wave.omega->heywood);
      ref().check(wave.omega->omega_total, a, "omega_total", closed);
      REQUIRE(wave.omega->loadings.size() == s.scale.items.size());
      for (std::size_t i = 0; i < s.scale.items.size(); ++i) {
        ref().check(wave.omega->loadings[i], a, "loading_" + s.scale.items[i], closed);
      }
    }
  }
}

TEST_CASE("run_study: completers and non-completers are compared as R's t.test and chisq.test") {
  const auto& r = bundled_result();
  REQUIRE(r.attrition.has_value());
  CHECK(r.attrition->completion_column == "completed");
  CHECK(r.attrition->n_rows == 630);
  CHECK(r.attrition->n_completed == 164);
  CHECK(r.attrition->n_dropped == 466);
  const std::vector<std::string> numeric = {"age", "loneliness_t0", "belonging_t0", "exits_t0", "groups_t0",
                                            "gp_visits_t0"};
  for (const auto& name : numeric) {
    const auto& v = attrition_of(r, name);
    const std::string a = "attrition_" + name;
    INFO(a);
    CHECK_FALSE(v.categorical);
    ref().check_count(v.n_completed, a, "n_completed");
    ref().check_count(v.n_dropped, a, "n_dropped");
    ref().check_count(v.n_missing, a, "n_missing");
    ref().check(v.mean_completed, a, "mean_completed", closed);
    ref().check(v.mean_dropped, a, "mean_dropped", closed);
    ref().check(v.sd_completed, a, "sd_completed", closed);
    ref().check(v.sd_dropped, a, "sd_dropped", closed);
    ref().check(v.t, a, "t", closed);
    ref().check(v.df, a, "df", closed);
    ref().check(v.p, a, "p", closed);
    ref().check(v.ci_lower, a, "ci_lower", closed);
    ref().check(v.ci_upper, a, "ci_upper", closed);
    ref().check(v.smd, a, "smd", closed);
  }
  const auto& g = attrition_of(r, "gender");
  const std::string a = "attrition_gender";
  CHECK(g.categorical);
  CHECK_FALSE(g.yates_corrected);  // 2 x 3: no continuity correction
  ref().check(g.chi2, a, "chi2", closed);
  ref().check(g.df, a, "df", 0.0);
  ref().check(g.chi2_uncorrected, a, "chi2", closed);
  ref().check(g.p, a, "p", closed);
  ref().check(g.cramers_v, a, "cramers_v", closed);
  ref().check(g.min_expected, a, "min_expected", closed);
  CHECK(contains(g.warning, "below 5"));
  REQUIRE(g.levels.size() == 3);
  for (const auto& level : g.levels) {
    ref().check_count(level.completed, a, "completed_" + level.level);
    ref().check_count(level.dropped, a, "dropped_" + level.level);
  }
  // Every variable of the study is compared: the covariates, then every measure at t0.
  std::vector<std::string> names;
  for (const auto& v : r.attrition->variables) names.push_back(v.variable);
  CHECK(join(names) == "age, gender, loneliness_t0, belonging_t0, exits_t0, groups_t0, gp_visits_t0");
}

TEST_CASE("run_study: the change of every measure agrees with R's paired tests") {
  const auto& r = bundled_result();
  std::vector<std::string> order;
  for (const auto& c : r.changes) order.push_back(c.measure);
  CHECK(join(order) == "loneliness, belonging, exits, groups, gp_visits");
  for (const auto& m : measure_names) {
    const auto& c = change_of(r, m);
    const auto& res = c.result;
    const std::string a = "change_" + m;
    INFO(a);
    ref().check_count(res.n, a, "n");
    ref().check_count(res.n_excluded, a, "n_excluded");
    ref().check(res.t_test.mean_pre, a, "mean_pre", closed);
    ref().check(res.t_test.mean_post, a, "mean_post", closed);
    ref().check(res.t_test.mean_diff, a, "mean_diff", closed);
    ref().check(res.t_test.sd_diff, a, "sd_diff", closed);
    ref().check(res.t_test.t, a, "t", closed);
    ref().check(res.t_test.df, a, "df", closed);
    ref().check(res.t_test.p, a, "p", closed);
    ref().check(res.t_test.ci_lower, a, "ci_lower", closed);
    ref().check(res.t_test.ci_upper, a, "ci_upper", closed);
    // R's default: normal approximation with continuity correction (n >= 50, ties and zeros).
    CHECK(res.wilcoxon.method == sc::wilcoxon_method::normal_corrected);
    ref().check(res.wilcoxon.v, a, "wilcox_V", closed);
    ref().check(res.wilcoxon.p, a, "wilcox_p", closed);
    ref().check_count(res.wilcoxon.n_zeros, a, "wilcox_n_zeros");
    CHECK(c.count == (m == "gp_visits"));
    CHECK(res.rate_ratio.has_value() == (m == "gp_visits"));
  }
  const auto& gp = change_of(r, "gp_visits").result;
  REQUIRE(gp.rate_ratio.has_value());
  const auto& rr = *gp.rate_ratio;
  const std::string a = "change_gp_visits";
  ref().check_count(rr.n_contributing, a, "n_contributing");
  ref().check(rr.s_pre, a, "S_pre", 0.0);
  ref().check(rr.s_post, a, "S_post", 0.0);
  ref().check(rr.estimate, a, "irr", closed);
  ref().check(rr.se_log, a, "se_log_irr", closed);
  ref().check(rr.ci_lower, a, "irr_ci_lower", closed);
  ref().check(rr.ci_upper, a, "irr_ci_upper", closed);
  ref().check(rr.exact_p, a, "irr_exact_p", closed);
  ref().check(rr.exact_ci_lower, a, "irr_exact_ci_lower", closed);
  ref().check(rr.exact_ci_upper, a, "irr_exact_ci_upper", closed);
}

TEST_CASE("run_study: reliable change uses alpha at t0 and the baseline SD of the pairs") {
  const auto& r = bundled_result();
  for (const auto& name : scale_names) {
    const auto& c = change_of(r, name);
    const std::string a = "rci_" + name;
    INFO(a);
    REQUIRE(c.result.reliable.has_value());
    const auto& rc = *c.result.reliable;
    ref().check(c.reliability, a, "reliability", closed);
    ref().check(rc.reliability, a, "reliability", closed);
    ref().check_count(rc.n, a, "n");
    CHECK(rc.sd_pre_from_sample);
    ref().check(rc.sd_pre, a, "sd_pre", closed);
    ref().check(rc.sem, a, "sem", closed);
    ref().check(rc.s_diff, a, "s_diff", closed);
    ref().check(rc.min_reliable_change, a, "min_reliable_change", closed);
    ref().check_count(rc.n_increased, a, "n_increased");
    ref().check_count(rc.n_decreased, a, "n_decreased");
    ref().check_count(rc.n_unchanged, a, "n_unchanged");
    ref().check_count(rc.n_improved, a, "n_improved");
    ref().check_count(rc.n_deteriorated, a, "n_deteriorated");
  }
  // Lower loneliness is better: an improvement is a decrease.
  const auto& lonely = *change_of(r, "loneliness").result.reliable;
  CHECK(lonely.better == sc::improvement::lower);
  CHECK(lonely.n_improved == lonely.n_decreased);
  // Counts and the group count have no reliability.
  CHECK_FALSE(change_of(r, "groups").result.reliable.has_value());
  CHECK_FALSE(change_of(r, "gp_visits").result.reliable.has_value());
}

TEST_CASE("run_study: the regressions agree with lm + sandwich HC3 and MASS::glm.nb") {
  const auto& r = bundled_result();
  const auto& lin = model_of(r, "belonging_on_groups");
  REQUIRE(lin.ols() != nullptr);
  CHECK(lin.glm() == nullptr);
  const std::string a = "model_belonging_on_groups";
  CHECK(lin.ols()->se == sc::se_type::hc3);
  ref().check_count(lin.ols()->n, a, "n");
  ref().check_count(lin.ols()->n_excluded, a, "n_excluded");
  ref().check(lin.ols()->df_residual, a, "df_residual", closed);
  ref().check(lin.ols()->r_squared, a, "r_squared", closed);
  check_ols(*lin.ols(), a, /*with_ci=*/true);

  const auto& nb = model_of(r, "gp_visits_t0");
  REQUIRE(nb.glm() != nullptr);
  const auto& g = *nb.glm();
  const std::string b = "model_gp_visits_t0";
  CHECK(g.family == sc::glm_family::negative_binomial);
  ref().check_count(g.n, b, "n");
  ref().check_count(g.n_excluded, b, "n_excluded");
  ref().check(g.theta, b, "theta", iterative);
  ref().check(g.se_theta, b, "se_theta", iterative);
  ref().check(g.deviance, b, "deviance", iterative);
  for (const auto& c : g.coefficients) {
    const std::string t = r_term(c.term);
    INFO("term " << c.term);
    ref().check(c.estimate, b, "estimate_" + t, iterative);
    ref().check(c.se, b, "se_" + t, iterative);
    ref().check(c.statistic, b, "z_" + t, iterative);
    ref().check(c.p, b, "p_" + t, iterative);
  }
  CHECK(g.coefficients.size() == 3);
}

TEST_CASE("run_study: the serial mediation of change scores agrees with R's lm") {
  const auto& r = bundled_result();
  const auto& model = model_of(r, "social_cure");
  REQUIRE(model.mediation() != nullptr);
  const auto& m = *model.mediation();
  const std::string a = "mediation_social_cure";
  CHECK(m.model == sc::mediation_model::serial);
  ref().check_count(m.n, a, "n");
  ref().check_count(m.n_excluded, a, "n_excluded");
  REQUIRE(m.equations.size() == 3);
  for (const auto& eq : m.equations) check_ols(eq, a + "_" + eq.response);
  check_ols(m.total_model, a + "_total");
  for (const auto& eq : m.equations) ref().check(eq.r_squared, a + "_" + eq.response, "r_squared", closed);
  ref().check(m.total_model.r_squared, a + "_total", "r_squared", closed);
  // Specific indirect effects in PROCESS order, then the total indirect effect.
  REQUIRE(m.indirect.size() == 4);
  const auto path = [](const sc::mediation_effect& e) { return join(e.path); };
  CHECK(path(m.indirect[0]) == "groups_change, belonging_change, gp_visits_change");
  CHECK(path(m.indirect[1]) == "groups_change, loneliness_change, gp_visits_change");
  CHECK(path(m.indirect[2]) == "groups_change, belonging_change, loneliness_change, gp_visits_change");
  ref().check(m.indirect[0].estimate, a, "ind_a1b1", closed);
  ref().check(m.indirect[1].estimate, a, "ind_a2b2", closed);
  ref().check(m.indirect[2].estimate, a, "ind_a1d21b2", closed);
  ref().check(m.indirect[3].estimate, a, "ind_total", closed);
  ref().check(m.direct_effect.estimate, a, "direct", closed);
  ref().check(m.total_effect.estimate, a, "total", closed);
  ref().check(m.sd_x, a, "sd_x", closed);
  ref().check(m.sd_y, a, "sd_y", closed);
  // The bootstrap ran as asked (its intervals are not compared with R).
  CHECK(m.replicates.requested == 200);
  CHECK(m.replicates.succeeded == 200);
  CHECK(m.replicates.seed == 20191126U);
  for (const auto& e : m.indirect) CHECK_MESSAGE(e.ci_ok, e.label << ": " << e.ci_problem);
}

TEST_CASE("run_study: the within-subject model is MEMORE's (centred average of the instances)") {
  const auto& r = bundled_result();
  const auto& model = model_of(r, "within");
  REQUIRE(model.mediation() != nullptr);
  const auto& m = *model.mediation();
  const std::string a = "within";
  CHECK(m.within);
  ref().check_count(m.n, a, "n");
  ref().check_count(m.n_excluded, a, "n_excluded");
  REQUIRE(m.equations.size() == 2);
  const auto& a_eq = m.equations[0].coefficients.at(0);
  ref().check(a_eq.estimate, a, "a", closed);
  ref().check(a_eq.se, a, "a_se", closed);
  const auto& y_eq = m.equations[1];
  CHECK(y_eq.response == "loneliness_t1 - loneliness_t0");
  const auto& b = y_eq.at("belonging_t1 - belonging_t0");
  ref().check(b.estimate, a, "b", closed);
  ref().check(b.se, a, "b_se", closed);
  ref().check(b.p, a, "b_p", closed);
  const auto& d = y_eq.at("mean(belonging_t0, belonging_t1)");
  ref().check(d.estimate, a, "d_avg", closed);
  ref().check(d.se, a, "d_avg_se", closed);
  ref().check(y_eq.r_squared, a, "r2_y", closed);
  ref().check(m.direct_effect.estimate, a, "direct", closed);
  ref().check(m.direct_effect.se, a, "direct_se", closed);
  ref().check(m.total_effect.estimate, a, "total", closed);
  ref().check(m.total_effect.se, a, "total_se", closed);
  REQUIRE(m.indirect.size() == 2);  // the one specific effect, then the total indirect effect
  ref().check(m.indirect[0].estimate, a, "ind", closed);
  ref().check(m.indirect[1].estimate, a, "ind", closed);
}

TEST_CASE("run_study: bootstrap results are the same for 1 and 3 threads with the same seed") {
  // 1000 replicates: the bootstrap hands out blocks of up to 256 replicates, so 200 would be one
  // block on one thread whatever was asked; 1000 are 4 blocks, enough for 3 threads.
  auto study = bundled_study(1, 1000);
  // Only the bootstrapped models matter here.
  std::erase_if(study.models, [](const sc::study_model& m) { return std::holds_alternative<sc::study_regression>(m.spec); });
  REQUIRE(study.models.size() == 2);
  const auto one = sc::run_study(study);
  study.settings.threads = 3;
  const auto three = sc::run_study(study);
  REQUIRE(one.models.size() == 2);
  REQUIRE(three.models.size() == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    INFO("model " << one.models[i].model.name);
    REQUIRE(one.models[i].mediation() != nullptr);
    REQUIRE(three.models[i].mediation() != nullptr);
    const auto& a = *one.models[i].mediation();
    const auto& b = *three.models[i].mediation();
    CHECK(a.replicates.threads_used == 1);
    CHECK(b.replicates.threads_used == 3);
    CHECK(a.replicates.succeeded == b.replicates.succeeded);
    CHECK(a.replicates.discarded == b.replicates.discarded);
    const auto x = bootstrap_values(a);
    const auto y = bootstrap_values(b);
    REQUIRE(x.size() == y.size());
    REQUIRE(!x.empty());
    for (std::size_t k = 0; k < x.size(); ++k) {
      // Bitwise equal (NaN where both have none).
      const bool same = x[k] == y[k] || (sc::is_missing(x[k]) && sc::is_missing(y[k]));
      CHECK_MESSAGE(same, "value " << k << ": 1 thread " << x[k] << ", 3 threads " << y[k]);
    }
  }
  // A different seed gives different intervals (the comparison above can fail).
  study.settings.seed += 1;
  const auto other = sc::run_study(study);
  CHECK(bootstrap_values(*other.models[0].mediation()) != bootstrap_values(*one.models[0].mediation()));
}

TEST_CASE("run_study: a missing column is an argument_error listing the available columns") {
  SUBCASE("a count column") {
    auto study = panel_study();
    study.counts = {{"gp", "gp_visitz"}};
    const std::string msg = message_of<sc::argument_error>([&] { (void)sc::run_study(study); });
    CHECK(contains(msg, "count 'gp' at t0"));
    CHECK(contains(msg, "no column 'gp_visitz'"));
    CHECK(contains(msg, "available: "));
    CHECK(contains(msg, "gp_visits"));
    CHECK(contains(msg, "ucla1"));
  }
  SUBCASE("a regression variable") {
    auto study = panel_study();
    sc::study_regression m;
    m.y = "gp_visits_t1";
    m.x = {"loneliness_t9"};
    study.models.push_back({"visits", m});
    const std::string msg = message_of<sc::argument_error>([&] { (void)sc::run_study(study); });
    CHECK(contains(msg, "model 'visits'"));
    CHECK(contains(msg, "no column 'loneliness_t9' in the analysis table"));
    CHECK(contains(msg, "available: "));
    CHECK(contains(msg, "loneliness_t0"));
    CHECK(contains(msg, "gp_visits_change"));
  }
  SUBCASE("a mediation variable") {
    auto study = panel_study();
    sc::study_mediation m;
    m.x = "groups_change";  // no group file in this study
    m.mediators = {"loneliness_change"};
    m.y = "gp_visits_change";
    m.model = sc::mediation_model::parallel;
    study.models.push_back({"chain", m});
    const std::string msg = message_of<sc::argument_error>([&] { (void)sc::run_study(study); });
    CHECK(contains(msg, "model 'chain'"));
    CHECK(contains(msg, "no column 'groups_change'"));
    CHECK(contains(msg, "loneliness_change"));
  }
  SUBCASE("a covariate") {
    auto study = panel_study();
    study.covariates = {"age", "sex"};
    const std::string msg = message_of<sc::argument_error>([&] { (void)sc::run_study(study); });
    CHECK(contains(msg, "covariates: no column 'sex'"));
    CHECK(contains(msg, "available: "));
    CHECK(contains(msg, "gender"));
  }
  SUBCASE("the study in code runs once the names are right") {
    const auto r = sc::run_study(panel_study());
    CHECK(r.analysis.rows() == 630);
    ref().check(change_of(r, "loneliness").result.t_test.t, "change_loneliness", "t", closed);
    ref().check(change_of(r, "gp_visits").result.rate_ratio->estimate, "change_gp_visits", "irr", closed);
  }
}

TEST_CASE("run_study: an unknown item column names the scale and lists the available columns") {
  auto study = panel_study();
  study.scales[0].items = {"ucla1", "ucla2", "ucla9"};
  const std::string msg = message_of<sc::argument_error>([&] { (void)sc::run_study(study); });
  CHECK(contains(msg, "scale 'loneliness'"));
  CHECK(contains(msg, "no item column 'ucla9'"));
  CHECK(contains(msg, "available: "));
  CHECK(contains(msg, "ucla3"));
  CHECK(contains(msg, "belong1"));
}

TEST_CASE("run_study: the reference file names its generator") {
  const auto& values = ref();
  CHECK(values.size() > 400);
  CHECK(contains(values.comment(), "make_reference.R"));
  CHECK(contains(values.comment(), "R 4.2.2"));
}

TEST_CASE("run_study: the study's missing codes apply to SPSS and Stata files as to CSV files") {
  // Before read_table, a study's missing codes were applied to delimited files only.
  temp_dir dir("socialcure_study_test");
  sc::table t("wide");
  t.add(sc::column("id", std::vector<std::string>{"A", "B", "C", "D"}));
  t.add(sc::column("gp_t0", std::vector<double>{1, -99, 0, 2}));
  t.add(sc::column("gp_t1", std::vector<double>{2, 3, 0, 1}));
  for (const char* name : {"wide.sav", "wide.dta"}) {
    CAPTURE(name);
    const std::string path = dir.file(name);
    write_stat_file(path, t);
    sc::study_definition study;
    study.data.wide_file = path;
    study.counts = {{"gp", "gp"}};
    // Without the code, -99 is a value and not a count: the error names the file, case and column.
    const auto e = data_error_of([&] { (void)sc::run_study(study); });
    REQUIRE(e.has_value());
    CHECK(e->where().file == path);
    CHECK(e->where().line == 2);
    CHECK(e->where().column == "gp_t0");
    CHECK(e->where().respondent == "B");
    study.data.missing_codes = {"", "NA", "-99"};
    const sc::study_result r = sc::run_study(study);
    CHECK(missing_of(r.analysis, "gp_t0") == std::vector<bool>{false, true, false, false});
    CHECK(missing_of(r.analysis, "gp_change") == std::vector<bool>{false, true, false, false});
  }
}

TEST_CASE("run_study: a study reads the bundled sample files as sample:NAME, whatever its folder") {
  sc::study_definition study;
  study.data.wide_file = "sample:panel_wide.csv";
  study.counts = {{"gp_visits", "gp_visits"}};
  const sc::study_result r = sc::run_study(study, "/no/such/folder");
  CHECK(r.analysis.rows() == 630);  // examples/data/README.md: 630 patients
  CHECK(r.n_first == 630);
}

// The whole analysis of the bundled social-prescribing study, step by step, through the library:
// sample and attrition, scales and their reliability, group memberships, pre/post change, the
// Social Cure's regression and mediation models, and last a check that the estimates recover the
// true values of the program that generated these synthetic data (examples/data/README.md).
// To analyse your own study, replace read_sample with socialcure::read_csv and rename the columns.
//
// Run:  study_on_sample [STUDY.toml]   (default examples/data/study.toml, from the repository root)

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <exception>
#include <iostream>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include "socialcure/analyses/attrition.hpp"
#include "socialcure/analyses/change.hpp"
#include "socialcure/analyses/mediation.hpp"
#include "socialcure/study/study.hpp"
#include "socialcure/study/study_file.hpp"
#include "socialcure/core/missing.hpp"
#include "socialcure/data/sample.hpp"
#include "socialcure/measures/catalogue.hpp"
#include "socialcure/measures/groups.hpp"
#include "socialcure/measures/reliability.hpp"
#include "socialcure/measures/scoring.hpp"
#include "socialcure/models/glm.hpp"
#include "socialcure/models/ols.hpp"
#include "socialcure/report/attrition_report.hpp"
#include "socialcure/report/groups_report.hpp"
#include "socialcure/report/regression_report.hpp"
#include "socialcure/report/study_report.hpp"
#include "socialcure/report/text_table.hpp"

namespace {

using socialcure::format_fixed;
constexpr double z975 = 1.959963984540054;  // 97.5% normal quantile, for the Wald intervals below

std::string interval(double lower, double upper, int decimals = 3) {
  return "[" + format_fixed(lower, decimals) + ", " + format_fixed(upper, decimals) + "]";
}

void heading(const std::string& title) { std::cout << "\n" << title << "\n" << std::string(title.size(), '=') << "\n"; }

// Column names STEM1_WAVE..STEMk_WAVE.
std::vector<std::string> items(const std::string& stem, int k, const std::string& wave) {
  std::vector<std::string> names;
  for (int i = 1; i <= k; ++i) names.push_back(stem + std::to_string(i) + "_" + wave);
  return names;
}

Eigen::VectorXd column_vector(const socialcure::table& data, const std::string& name) {
  const auto v = data.numeric(name);
  return Eigen::Map<const Eigen::VectorXd>(v.data(), static_cast<Eigen::Index>(v.size()));
}

// A model: `response` on `predictors`, with an intercept.
socialcure::model_spec model(std::string response, std::vector<std::string> predictors) {
  socialcure::model_spec spec;
  spec.response = std::move(response);
  spec.predictors = std::move(predictors);
  return spec;
}

// A scale, its item stem and the name of its score in the analysis table.
struct scale_columns {
  std::string name;
  std::string stem;
  const socialcure::scale_definition* scale;
};

// One row of the truth check: a generating value, its estimate and the estimate's 95% CI.
struct truth_check {
  std::string parameter;
  double truth;
  double estimate;
  double lower;
  double upper;
  std::string note;  // how it was estimated, or why it is not expected to match
};

// A check with a normal (Wald) interval from a standard error, or with a coefficient's own interval.
truth_check with_se(std::string parameter, double truth, double estimate, double se, std::string note) {
  return {std::move(parameter), truth, estimate, estimate - z975 * se, estimate + z975 * se, std::move(note)};
}
truth_check of(std::string parameter, double truth, const socialcure::coefficient& c, std::string note) {
  return {std::move(parameter), truth, c.estimate, c.ci_lower, c.ci_upper, std::move(note)};
}

// Prints the checks with their notes; returns how many CIs contain the truth.
int print_checks(const std::vector<truth_check>& checks) {
  socialcure::text_table t({"parameter", "truth", "estimate", "95% CI", "truth in CI"});
  int inside = 0;
  for (const auto& c : checks) {
    const bool in = c.lower <= c.truth && c.truth <= c.upper;
    inside += in ? 1 : 0;
    t.add_row({c.parameter, format_fixed(c.truth, 3), format_fixed(c.estimate, 3), interval(c.lower, c.upper),
               in ? "inside" : "outside"});
  }
  std::cout << t.str();
  for (const auto& c : checks) std::cout << "  - " << c.parameter << ": " << c.note << "\n";
  return inside;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    // 1. Data: one wide row per patient (wave columns end in _t0, _t1) and the long group file.
    socialcure::csv_options options;
    options.id_column = "id";
    const socialcure::table wide = socialcure::read_sample("panel_wide.csv", options);
    socialcure::csv_options long_options;
    long_options.text_columns = {"id", "wave", "group", "category"};
    socialcure::group_columns group_cols;  // id, wave, group by default
    group_cols.category = "category";
    group_cols.identification = "identification";
    group_cols.pathway = "pathway";
    const auto group_data = socialcure::read_sample("groups_long.csv", long_options);
    const auto groups = socialcure::analyse_groups(socialcure::read_group_panel(group_data, group_cols), "t0", "t1");

    // The analysis table: the wide file plus each measure per wave (MEASURE_t0, MEASURE_t1).
    socialcure::table study = wide;
    socialcure::scale_definition belonging;  // defined in code: four 1-7 items, their mean, one may be missing
    belonging.id = "belonging";
    belonging.name = "Community belonging (4 items)";
    belonging.items = 4;
    belonging.min_code = 1;
    belonging.max_code = 7;
    belonging.rule = socialcure::scoring_rule::mean;
    belonging.score_min = 1;
    belonging.score_max = 7;
    belonging.better = socialcure::improvement::higher;
    belonging.missing = {socialcure::missing_policy::prorate, 1};
    belonging.validate();
    const socialcure::scale_definition& ucla3 = socialcure::find_scale("ucla3");  // sum of 3 items (1-3), 3-9

    // 2. Scales per wave: score every patient, and Cronbach's alpha (pairwise deletion, Feldt CI).
    socialcure::text_table scale_table({"wave", "scale", "scored", "alpha", "95% CI"});
    double alpha_ucla_t0 = 0.0;
    for (const std::string wave : {"t0", "t1"}) {
      for (const auto& [name, stem, scale] : {scale_columns{"loneliness", "ucla", &ucla3},
                                              scale_columns{"belonging", "belong", &belonging}}) {
        const auto columns = items(stem, scale->items, wave);
        const auto scored = socialcure::score_table(*scale, wide, columns, "id");
        std::vector<double> score;
        for (const auto& r : scored.respondents) score.push_back(r.score);
        study.add(socialcure::column(name + "_" + wave, score));
        const auto alpha = socialcure::cronbach_alpha(socialcure::item_matrix(wide, columns), columns);
        if (scale == &ucla3 && wave == "t0") alpha_ucla_t0 = alpha.raw_alpha;  // for reliable change
        scale_table.add_row({wave, scale->id, std::to_string(scored.n_scored), format_fixed(alpha.raw_alpha, 3),
                             interval(alpha.alpha_ci_lower, alpha.alpha_ci_upper)});
      }
    }

    // 3. Groups per wave: each patient's number of groups (missing when not surveyed at that wave).
    std::map<std::string, std::size_t> person;
    for (std::size_t p = 0; p < groups.people.size(); ++p) person[groups.people[p]] = p;
    for (std::size_t w = 0; w < groups.waves.size(); ++w) {
      std::vector<double> n_groups;
      for (const auto& id : wide.text("id")) {
        const auto it = person.find(id);
        n_groups.push_back(it == person.end() ? socialcure::missing_value : groups.metrics[it->second][w].n_groups);
      }
      study.add(socialcure::column("groups_" + groups.waves[w], n_groups));
    }
    // Change scores t1 - t0 for the mediation model (missing for those lost to follow-up).
    for (const std::string m : {"groups", "belonging", "loneliness", "gp_visits"}) {
      const auto pre = column_vector(study, m + "_t0");
      const Eigen::VectorXd change = column_vector(study, m + "_t1") - pre;  // NaN (missing) stays NaN
      study.add(socialcure::column(m + "_change", std::vector<double>(change.begin(), change.end())));
    }

    heading("1. Sample and attrition");
    const auto attrition = socialcure::compare_attrition(
        study, {"completed", socialcure::completion_rule::kind::flag},
        {"age", "gender", "loneliness_t0", "belonging_t0", "groups_t0", "gp_visits_t0"}, {}, "id");
    std::cout << socialcure::attrition_text(attrition);

    heading("2. Scales per wave");
    std::cout << scale_table.str();

    heading("3. Group memberships per wave");
    std::cout << socialcure::groups_text(groups);

    // 4. Change among completers: paired t-test and d_z for each measure; reliable change for
    // loneliness (from the baseline alpha); GP appointments as a count (paired rate ratio).
    heading("4. Change from t0 to t1 (completers)");
    socialcure::text_table change_table({"measure", "n", "mean t0", "mean t1", "change", "95% CI", "p", "d_z"});
    socialcure::change_result lonely, gp;
    for (const std::string m : {"loneliness", "belonging", "groups", "gp_visits"}) {
      socialcure::change_options settings;
      if (m == "loneliness") {
        settings.better = ucla3.better;
        settings.reliability = alpha_ucla_t0;
      }
      settings.count = m == "gp_visits";
      const auto r =
          socialcure::analyse_change(column_vector(study, m + "_t0"), column_vector(study, m + "_t1"), settings);
      change_table.add_row({m, std::to_string(r.n), format_fixed(r.t_test.mean_pre, 3),
                            format_fixed(r.t_test.mean_post, 3), format_fixed(r.t_test.mean_diff, 3),
                            interval(r.t_test.ci_lower, r.t_test.ci_upper), socialcure::format_p(r.t_test.p),
                            format_fixed(r.effects.d_z.estimate, 3)});
      if (m == "loneliness") lonely = r;
      if (m == "gp_visits") gp = r;
    }
    std::cout << change_table.str();
    const auto& rc = *lonely.reliable;
    std::cout << "Loneliness, reliable change (alpha " << format_fixed(rc.reliability, 3) << ", change beyond "
              << format_fixed(rc.min_reliable_change, 2) << " points): " << rc.n_improved << " improved, "
              << rc.n_deteriorated << " deteriorated, " << rc.n_unchanged << " unchanged\n";
    // The Wald CI assumes Poisson counts; for over-dispersed ones (dispersion > 1) widen it by sqrt(dispersion).
    const auto& rr = *gp.rate_ratio;
    const double widen = std::sqrt(std::max(1.0, rr.dispersion)) * rr.se_log * z975;
    const double rr_lower = rr.estimate * std::exp(-widen), rr_upper = rr.estimate * std::exp(widen);
    std::cout << "GP appointments: " << rr.s_pre << " -> " << rr.s_post << ", rate ratio "
              << format_fixed(rr.estimate, 3) << ", Wald 95% CI " << interval(rr.ci_lower, rr.ci_upper)
              << "; dispersion " << format_fixed(rr.dispersion, 2) << ", CI widened by its square root "
              << interval(rr_lower, rr_upper) << "\n";

    // 5a. Baseline models (all 630 patients at t0).
    heading("5. Models");
    socialcure::glm_options nb;
    nb.family = socialcure::glm_family::negative_binomial;
    const auto gp_fit = socialcure::fit_glm(study, model("gp_visits_t0", {"loneliness_t0", "age"}), nb);
    std::cout << socialcure::regression_text(gp_fit) << "\n";
    socialcure::ols_options hc3;
    hc3.se = socialcure::se_type::hc3;
    const auto belong_fit = socialcure::fit_ols(study, model("belonging_t0", {"groups_t0"}), hc3);
    std::cout << socialcure::regression_text(belong_fit) << "\n";

    // 5b. Serial mediation on change scores: groups -> belonging -> loneliness -> GP visits, age as
    // a covariate, 5,000 percentile bootstrap resamples with a fixed seed (same for any thread count).
    socialcure::mediation_spec spec;
    spec.x = "groups_change";
    spec.mediators = {"belonging_change", "loneliness_change"};
    spec.y = "gp_visits_change";
    spec.covariates = {"age"};
    spec.model = socialcure::mediation_model::serial;
    socialcure::mediation_options boot;
    boot.replicates = 5000;
    boot.seed = 20191126;
    const auto med = socialcure::fit_mediation(study, spec, boot);
    std::cout << "Serial mediation, n = " << med.n << " (" << med.n_excluded << " excluded: missing values), "
              << med.replicates.succeeded << " bootstrap resamples, seed " << med.replicates.seed << "\n";
    socialcure::text_table paths({"path", "estimate", "95% CI"});
    for (const auto& p : med.paths) {
      paths.add_row({p.from + " -> " + p.to, format_fixed(p.value.estimate, 4),
                     interval(p.value.ci_lower, p.value.ci_upper, 4)});
    }
    paths.add_row({"total effect c", format_fixed(med.total_effect.estimate, 4),
                   interval(med.total_effect.ci_lower, med.total_effect.ci_upper, 4)});
    for (const auto& e : med.indirect) {
      std::string path;
      for (const auto& v : e.path) path += (path.empty() ? "" : " -> ") + v;
      paths.add_row({"indirect " + path, format_fixed(e.estimate, 4), interval(e.ci_lower, e.ci_upper, 4)});
    }
    std::cout << paths.str();

    // 6. Generator truth versus estimate. Recoverable: group counts are exact, belonging has 4 items
    // on a 7-point scale, and the person effect u_i is independent of the groups (and cancels in
    // the change model).
    heading("6. Generator truth vs estimate");
    const auto& t0 = groups.summaries[0];
    double kept = 0, lost = 0, gained = 0, gained_sq = 0, pathway = 0;
    for (std::size_t p = 0; p < groups.people.size(); ++p) {
      const auto& tr = groups.transitions[p];
      if (socialcure::is_missing(tr.gained)) continue;  // not surveyed at t1
      kept += tr.maintained;
      lost += tr.lost;
      gained += tr.gained;
      gained_sq += tr.gained * tr.gained;
      pathway += groups.metrics[p][1].n_pathway;
    }
    const double n_both = static_cast<double>(groups.n_both);  // surveyed at t0 and t1
    const double p_keep = kept / (kept + lost), p_path = pathway / gained, mean_gain = gained / n_both;
    const double sd_gain = std::sqrt((gained_sq - n_both * mean_gain * mean_gain) / (n_both - 1));
    const double n_rows = static_cast<double>(attrition.n_rows);
    const double p_complete = static_cast<double>(attrition.n_completed) / n_rows;
    const auto se_p = [](double p, double n) { return std::sqrt(p * (1 - p) / n); };  // binomial (Wald)
    const std::vector<truth_check> recovered = {
        with_se("groups at t0, Poisson mean", 2.3, t0.mean_groups,
                t0.sd_groups / std::sqrt(static_cast<double>(t0.n_surveyed)), "mean of all 630 patients"),
        with_se("P(group kept to t1)", 0.80, p_keep, se_p(p_keep, kept + lost), "kept / held at t0, completers"),
        with_se("groups gained, Poisson mean", 0.9, mean_gain, sd_gain / std::sqrt(n_both),
                "completers (gains do not depend on dropout)"),
        with_se("P(new group via pathway)", 0.5, p_path, se_p(p_path, gained), "among the groups gained"),
        with_se("completion rate (alpha -0.80)", 0.2822, p_complete, se_p(p_complete, n_rows),
                "expected rate for alpha = -0.80 (README)"),
        of("belonging at 0 groups, t0", 2.6, belong_fit.at("(Intercept)"),
           "OLS intercept (HC3); items clamped at 1 lift it by about 0.02"),
        of("belonging per group, t0", 0.40, belong_fit.at("groups_t0"), "OLS slope, all 630 at t0 (HC3)"),
        of("belonging per group, change a1", 0.40, med.equations[0].at("groups_change"),
           "mediation path a1 (with age); u_i cancels in the change"),
        {"GP rate ratio t1/t0, completers", 0.748, rr.estimate, rr_lower, rr_upper,
         "README's expected ratio for completers (-25.2%), not exp(-0.30) = 0.741: their totals also "
         "carry the loneliness shift; CI widened for over-dispersion"},
    };
    std::cout << "Recovered (estimable without bias from the observed data):\n";
    const int recovered_inside = print_checks(recovered);

    // Attenuated by design: the latent scores are observed through coarse, noisy items.
    const auto lonely_fit = socialcure::fit_ols(study, model("loneliness_t0", {"belonging_t0"}), hc3);
    socialcure::glm_options logit;
    logit.family = socialcure::glm_family::binomial;
    const auto dropout = socialcure::fit_glm(study, model("completed", {"loneliness_t0"}), logit);
    const std::vector<truth_check> attenuated = {
        of("loneliness per belonging unit", -0.70, lonely_fit.at("belonging_t0"),
           "OLS at t0 (HC3); item noise in belonging and the 3-category UCLA items flatten the slope"),
        of("log GP visits per loneliness", 0.18, gp_fit.at("loneliness_t0"),
           "NB at t0; the UCLA-3 sum measures latent loneliness with error (alpha " + format_fixed(alpha_ucla_t0, 2) +
               ")"),
        with_se("NB size theta", 2.0, gp_fit.theta, gp_fit.se_theta,
                "w_i and the loneliness the UCLA-3 misses add over-dispersion at one wave: theta is lower"),
        of("dropout logit per loneliness", -0.45, dropout.at("loneliness_t0"),
           "dropout depends on latent loneliness; the observed score is a noisy proxy"),
    };
    std::cout << "\nAttenuated by design, not expected to match:\n";
    const int attenuated_inside = print_checks(attenuated);
    std::cout << "\nSummary: " << recovered_inside << " of " << recovered.size()
              << " recoverable parameters inside their 95% CI; " << attenuated_inside << " of " << attenuated.size()
              << " attenuated ones inside (not counted as recovery).\n";

    // 7. The same study in a few lines: the study file names the data, scales, counts and models;
    //    run_study does steps 1-5 and make_study_report renders Markdown, HTML, JSON and figures
    //    (what `socialcure report` writes).
    heading("7. The same study from examples/data/study.toml (run_study)");
    const std::string study_file = argc > 1 ? argv[1] : "examples/data/study.toml";
    socialcure::study_definition definition = socialcure::load_study(study_file);
    definition.settings.replicates = 1000;
    const socialcure::study_result result = socialcure::run_study(definition);
    const socialcure::study_report report = socialcure::make_study_report(result);
    const auto& social_cure = *result.models.at(0).mediation();
    const double a1_study = social_cure.equations[0].at("groups_change").estimate;
    const double slope_study = result.models.at(2).ols()->at("groups_t0").estimate;
    std::cout << "path a1: " << format_fixed(a1_study, 6) << " (above: "
              << format_fixed(med.equations[0].at("groups_change").estimate, 6) << "); belonging per group at t0: "
              << format_fixed(slope_study, 6) << " (above: " << format_fixed(belong_fit.at("groups_t0").estimate, 6)
              << ")\n"
              << report.sentences.size() << " APA sentences, " << report.figures.size() << " figures, "
              << report.html.size() / 1024 << " KB of HTML; the first sentence:\n  " << report.sentences.front() << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}

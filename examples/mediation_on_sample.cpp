// The Social Cure's serial mediation on the bundled social-prescribing sample: did gaining groups
// between referral (t0) and four months later (t1) reduce GP appointments through more community
// belonging and then less loneliness? Change scores (t1 - t0) of every variable, PROCESS model 6
// with age as a covariate, 5,000 bootstrap resamples; then the same chain as a two-instance
// within-subject model (MEMORE), mediators and outcome measured at both waves; then the chain to
// the appointments at four months as a count (negative binomial, baseline appointments and age as
// covariates), with the natural effects as rate ratios and in appointments per patient.
//
// The analysis table comes from the study layer (build_study_table) over tables already in
// memory (the bundled sample); the models are fitted with the mediation functions themselves.
//
// Run:  mediation_on_sample

#include <exception>
#include <iostream>
#include <string>

#include "socialcure/analyses/mediation.hpp"
#include "socialcure/analyses/natural_effects.hpp"
#include "socialcure/data/sample.hpp"
#include "socialcure/measures/catalogue.hpp"
#include "socialcure/report/mediation_report.hpp"
#include "socialcure/report/natural_effects_report.hpp"
#include "socialcure/study/stages.hpp"

int main() {
  try {
    // The data: one wide row per patient (wave columns end in _t0, _t1) and the long group file.
    socialcure::study_inputs inputs;
    socialcure::csv_options options;
    options.id_column = "id";
    inputs.wide = socialcure::read_sample("panel_wide.csv", options);
    socialcure::csv_options long_options;
    long_options.text_columns = {"id", "wave", "group", "category"};
    inputs.groups = socialcure::read_sample("groups_long.csv", long_options);

    // Belonging: mean of four 1-7 items (one may be missing); loneliness: UCLA-3 from the catalogue.
    socialcure::scale_definition belonging;
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

    // The analysis table: per patient, for each measure M the columns M_t0, M_t1 and M_change
    // (t1 - t0; missing for those lost to follow-up), "groups" counted from the group file.
    socialcure::study_definition study;
    study.scales.push_back({"belonging", "belonging", belonging, {"belong1", "belong2", "belong3", "belong4"}});
    study.scales.push_back({"loneliness", "ucla3", socialcure::find_scale("ucla3"), {"ucla1", "ucla2", "ucla3"}});
    study.counts.push_back({"gp_visits", "gp_visits"});
    const socialcure::study_table table = socialcure::build_study_table(study, inputs);
    const socialcure::table& analysis = table.analysis;
    std::cout << analysis.rows() << " patients (" << table.n_both << " at both waves); columns:";
    for (const auto& name : analysis.names()) std::cout << " " << name;
    std::cout << "\n\n";

    // Serial mediation on change scores (non-completers have no t1: excluded and counted).
    socialcure::mediation_spec spec;
    spec.x = "groups_change";
    spec.mediators = {"belonging_change", "loneliness_change"};
    spec.y = "gp_visits_change";
    spec.covariates = {"age"};
    spec.model = socialcure::mediation_model::serial;
    socialcure::mediation_options settings;
    settings.seed = 20191126;  // any seed; results are the same for any number of threads
    const auto serial = socialcure::fit_mediation(analysis, spec, settings);
    std::cout << socialcure::mediation_text(serial) << "\n";

    // Within-subject (MEMORE): belonging then loneliness, GP visits as the outcome, t1 - t0.
    socialcure::within_mediation_spec within;
    within.mediators = {{"belonging_t0", "belonging_t1"}, {"loneliness_t0", "loneliness_t1"}};
    within.y = {"gp_visits_t0", "gp_visits_t1"};
    within.model = socialcure::mediation_model::serial;
    const auto memore = socialcure::fit_within_mediation(analysis, within, settings);
    std::cout << "Within-subject serial mediation (t1 - t0), n = " << memore.n << ":\n";
    for (const auto& e : memore.indirect) {
      std::string path;
      for (const auto& v : e.path) path += (path.empty() ? "" : " -> ") + v;
      std::cout << "  " << e.label << "  " << e.estimate << "  95% CI [" << e.ci_lower << ", " << e.ci_upper << "]  "
                << path << "\n";
    }

    // The outcome as a count: appointments at t1 (negative binomial), adjusted for those at t0.
    socialcure::glm_mediation_spec counts;
    counts.x = "groups_change";
    counts.mediators = {"belonging_change", "loneliness_change"};
    counts.y = "gp_visits_t1";
    counts.covariates = {"gp_visits_t0", "age"};
    counts.model = socialcure::mediation_model::serial;
    counts.family = socialcure::glm_family::negative_binomial;
    const auto count_chain = socialcure::fit_glm_mediation(analysis, counts, settings);
    std::cout << "\n" << socialcure::glm_mediation_text(count_chain);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}

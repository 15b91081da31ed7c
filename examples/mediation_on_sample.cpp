// The Social Cure's serial mediation on the bundled social-prescribing sample: did gaining groups
// between referral (t0) and four months later (t1) reduce GP appointments through more community
// belonging and then less loneliness? Change scores (t1 - t0) of every variable, PROCESS model 6
// with age as a covariate, 5,000 bootstrap resamples; then the same chain as a two-instance
// within-subject model (MEMORE), mediators and outcome measured at both waves.
//
// Run:  mediation_on_sample

#include <exception>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "socialcure/analyses/mediation.hpp"
#include "socialcure/data/sample.hpp"
#include "socialcure/measures/catalogue.hpp"
#include "socialcure/measures/groups.hpp"
#include "socialcure/measures/scoring.hpp"
#include "socialcure/report/mediation_report.hpp"

namespace {

/// A score per row of `data` for the items named STEM1_WAVE..STEMk_WAVE.
std::vector<double> scores(const socialcure::scale_definition& scale, const socialcure::table& data,
                           const std::string& stem, int items, const std::string& wave) {
  std::vector<std::string> columns;
  for (int i = 1; i <= items; ++i) columns.push_back(stem + std::to_string(i) + "_" + wave);
  std::vector<double> out;
  for (const auto& r : socialcure::score_table(scale, data, columns).respondents) out.push_back(r.score);
  return out;
}

}  // namespace

int main() {
  try {
    socialcure::csv_options options;
    options.id_column = "id";
    const socialcure::table wide = socialcure::read_sample("panel_wide.csv", options);

    // Number of groups per person at each wave, from the long group file.
    socialcure::csv_options long_options;
    long_options.text_columns = {"id", "wave", "group", "category"};
    const auto groups = socialcure::analyse_groups(
        socialcure::read_group_panel(socialcure::read_sample("groups_long.csv", long_options), {}), "t0", "t1");
    std::map<std::string, std::size_t> person;
    for (std::size_t p = 0; p < groups.people.size(); ++p) person[groups.people[p]] = p;

    // Belonging: mean of four 1-7 items; loneliness: UCLA-3 from the catalogue.
    socialcure::scale_definition belonging;
    belonging.id = "belonging";
    belonging.name = "Community belonging (4 items)";
    belonging.items = 4;
    belonging.min_code = 1;
    belonging.max_code = 7;
    belonging.rule = socialcure::scoring_rule::mean;
    belonging.score_min = 1;
    belonging.score_max = 7;
    belonging.missing = {socialcure::missing_policy::prorate, 1};
    const auto& ucla3 = socialcure::find_scale("ucla3");

    socialcure::table analysis("sample: change scores");
    std::vector<std::string> ids(wide.text("id").begin(), wide.text("id").end());
    analysis.add(socialcure::column("id", ids));
    analysis.add(socialcure::column("age", std::vector<double>(wide.numeric("age").begin(), wide.numeric("age").end())));
    for (const std::string wave : {"t0", "t1"}) {
      std::vector<double> n_groups;
      const std::size_t w = wave == "t0" ? 0 : 1;
      for (const auto& id : ids) {
        const auto it = person.find(id);
        n_groups.push_back(it == person.end() ? socialcure::missing_value : groups.metrics[it->second][w].n_groups);
      }
      analysis.add(socialcure::column("groups_" + wave, n_groups));
      analysis.add(socialcure::column("belonging_" + wave, scores(belonging, wide, "belong", 4, wave)));
      analysis.add(socialcure::column("lonely_" + wave, scores(ucla3, wide, "ucla", 3, wave)));
      const auto gp = wide.numeric("gp_visits_" + wave);
      analysis.add(socialcure::column("gp_" + wave, std::vector<double>(gp.begin(), gp.end())));
    }
    for (const std::string v : {"groups", "belonging", "lonely", "gp"}) {
      const auto a = analysis.numeric(v + "_t0");
      const auto b = analysis.numeric(v + "_t1");
      std::vector<double> d(a.size());
      for (std::size_t i = 0; i < a.size(); ++i) d[i] = b[i] - a[i];  // missing stays missing (NaN)
      analysis.add(socialcure::column("change_" + v, d));
    }

    // Serial mediation on change scores (non-completers have no t1: excluded and counted).
    socialcure::mediation_spec spec;
    spec.x = "change_groups";
    spec.mediators = {"change_belonging", "change_lonely"};
    spec.y = "change_gp";
    spec.covariates = {"age"};
    spec.model = socialcure::mediation_model::serial;
    socialcure::mediation_options settings;
    settings.seed = 20191126;  // any seed; results are the same for any number of threads
    const auto serial = socialcure::fit_mediation(analysis, spec, settings);
    std::cout << socialcure::mediation_text(serial) << "\n";

    // Within-subject (MEMORE): belonging then loneliness, GP visits as the outcome, t1 - t0.
    socialcure::within_mediation_spec within;
    within.mediators = {{"belonging_t0", "belonging_t1"}, {"lonely_t0", "lonely_t1"}};
    within.y = {"gp_t0", "gp_t1"};
    within.model = socialcure::mediation_model::serial;
    const auto memore = socialcure::fit_within_mediation(analysis, within, settings);
    std::cout << "Within-subject serial mediation (t1 - t0), n = " << memore.n << ":\n";
    for (const auto& e : memore.indirect) {
      std::string path;
      for (const auto& v : e.path) path += (path.empty() ? "" : " -> ") + v;
      std::cout << "  " << e.label << "  " << e.estimate << "  95% CI [" << e.ci_lower << ", " << e.ci_upper << "]  "
                << path << "\n";
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}

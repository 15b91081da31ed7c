// The pre/post workflow through the public study stages: two wave files joined by id, two scales
// scored at each wave with their reliability, the change of every measure, and the Social Cure's
// serial mediation of change scores: groups -> belonging -> loneliness -> GP visits.
//
// Run:  study_stages [DATA_FOLDER]   (default examples/data: run it from the repository root)

#include <exception>
#include <iostream>
#include <string>

#include "socialcure/socialcure.hpp"  // the whole public API

int main(int argc, char** argv) try {
  namespace sc = socialcure;
  const std::string folder = argc > 1 ? argv[1] : "examples/data";  // file names below are relative to it

  sc::study_definition study;                                       // waves "t0" and "t1", ids in "id"
  study.data.wave_files = {"panel_t0.csv", "panel_t1.csv"};         // one file per wave
  study.data.groups_file = "groups_long.csv";                       // one row per person, wave and group
  study.scales.push_back({"loneliness", "ucla3", sc::find_scale("ucla3"), {"ucla1", "ucla2", "ucla3"}});
  study.scales.push_back({"belonging", "belonging4", sc::load_scale(folder + "/belonging.json"),
                          {"belong1", "belong2", "belong3", "belong4"}});
  study.counts.push_back({"gp_visits", "gp_visits"});
  study.settings.seed = 20191126;

  // The analysis table: per measure M the columns M_t0, M_t1 and M_change.
  const sc::study_table table = sc::build_study_table(study, folder);
  const auto scales = sc::study_measures(study, table);             // scores, mean, SD, alpha, omega
  for (const auto& s : scales) {
    std::cout << s.scale.name << " at t0:\n" << sc::reliability_text(*s.waves[0].alpha, &*s.waves[0].omega);
  }
  for (const auto& c : sc::study_changes(study, table, scales)) {  // t1 - t0 of every measure
    std::cout << "\n" << c.measure << ":\n" << sc::change_text(c.result, c.measure + "_t0", c.measure + "_t1");
  }

  const sc::study_model chain{"social_cure", sc::study_mediation{.x = "groups_change",
                                                                  .mediators = {"belonging_change", "loneliness_change"},
                                                                  .y = "gp_visits_change",
                                                                  .covariates = {"age"},
                                                                  .model = sc::mediation_model::serial}};
  const sc::study_model_result fit = sc::fit_study_model(study, chain, table);  // 5,000 bootstrap resamples
  std::cout << "\n" << sc::mediation_text(*fit.mediation());
  return 0;
} catch (const std::exception& e) {
  std::cerr << "error: " << e.what() << "\n";
  return 1;
}

// For whom does the social cure work? Two moderation analyses on the bundled social-prescribing
// sample, baseline (t0) and four months later (t1):
//  1. PROCESS model 1: does the link between baseline belonging (X, first item) and baseline
//     loneliness (Y, first UCLA item) depend on age (W)? Conditional effects at the 16th, 50th and
//     84th percentiles of age, Johnson-Neyman points, and the simple-slopes figure.
//  2. Two-instance moderation (MEMORE): does the change in GP visits from t0 to t1 (post - pre)
//     depend on age?
// Cases with a missing value are excluded listwise and counted in both.
//
// Run:  moderation_on_sample   (writes moderation_slopes.svg in the working directory)

#include <exception>
#include <fstream>
#include <iostream>

#include "socialcure/analyses/moderation.hpp"
#include "socialcure/data/sample.hpp"
#include "socialcure/report/moderation_report.hpp"

int main() {
  try {
    socialcure::csv_options options;
    options.text_columns = {"id", "gender"};
    const socialcure::table panel = socialcure::read_sample("panel_wide.csv", options);

    socialcure::moderation_spec spec;
    spec.model = 1;
    spec.x = "belong1_t0";
    spec.w = "age";
    spec.y = "ucla1_t0";
    socialcure::moderation_options settings;
    settings.center = socialcure::centering::continuous;
    settings.se = socialcure::se_type::hc3;
    const socialcure::moderation_result between = socialcure::fit_moderation(panel, spec, settings);
    std::cout << socialcure::moderation_text(between) << "\n";
    std::ofstream("moderation_slopes.svg") << socialcure::simple_slopes_svg(between);

    socialcure::within_moderation_spec change;
    change.y = {"gp_visits_t0", "gp_visits_t1"};
    change.w = "age";
    const socialcure::moderation_result within = socialcure::fit_within_moderation(panel, change);
    std::cout << socialcure::moderation_text(within);
  } catch (const std::exception& e) {
    std::cerr << "moderation_on_sample: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

// Change from referral (t0) to four months later (t1) on the bundled social-prescribing sample:
// who completed the follow-up and do they differ from those who left (attrition); how much did
// loneliness (UCLA-3) change, with effect sizes, the Wilcoxon test and each person's reliable
// change; and the change in GP appointments as a rate ratio ("x% fewer appointments").
//
// Run:  change_on_sample

#include <exception>
#include <iostream>
#include <vector>

#include <Eigen/Core>

#include "socialcure/analyses/attrition.hpp"
#include "socialcure/analyses/change.hpp"
#include "socialcure/data/sample.hpp"
#include "socialcure/measures/catalogue.hpp"
#include "socialcure/measures/reliability.hpp"
#include "socialcure/measures/scoring.hpp"
#include "socialcure/report/attrition_report.hpp"
#include "socialcure/report/change_report.hpp"
#include "socialcure/report/text_table.hpp"

int main() {
  try {
    socialcure::csv_options options;
    options.id_column = "id";
    const socialcure::table wide = socialcure::read_sample("panel_wide.csv", options);

    // 1. Attrition: completers versus everyone else, on baseline variables.
    const auto attrition = socialcure::compare_attrition(
        wide, {"completed", socialcure::completion_rule::kind::flag}, {"age", "gender", "gp_visits_t0"}, {}, "id");
    std::cout << socialcure::attrition_text(attrition) << "\n";

    // 2. Loneliness: UCLA-3 scores at both waves; the scale says lower is better.
    const socialcure::scale_definition& ucla3 = socialcure::find_scale("ucla3");
    const auto t0 = socialcure::score_table(ucla3, wide, {"ucla1_t0", "ucla2_t0", "ucla3_t0"}, "id");
    const auto t1 = socialcure::score_table(ucla3, wide, {"ucla1_t1", "ucla2_t1", "ucla3_t1"}, "id");
    Eigen::VectorXd pre(static_cast<Eigen::Index>(wide.rows()));
    Eigen::VectorXd post(static_cast<Eigen::Index>(wide.rows()));
    for (std::size_t i = 0; i < wide.rows(); ++i) {
      pre(static_cast<Eigen::Index>(i)) = t0.respondents[i].score;
      post(static_cast<Eigen::Index>(i)) = t1.respondents[i].score;
    }
    // Reliability for the reliable change index: Cronbach's alpha of the baseline items.
    const auto alpha = socialcure::cronbach_alpha(socialcure::item_matrix(wide, {"ucla1_t0", "ucla2_t0", "ucla3_t0"}),
                                                  {"ucla1", "ucla2", "ucla3"});
    socialcure::change_options change;
    change.better = ucla3.better;
    change.reliability = alpha.raw_alpha;
    change.criterion = socialcure::clinical_criterion::a;  // beyond 2 SD of the baseline, in the better direction
    change.cutoff = 6;  // McNemar: "lonely" = a UCLA-3 score of 6 or more, before and after
    const auto lonely = socialcure::analyse_change(pre, post, change);
    std::cout << socialcure::change_text(lonely, "UCLA-3 at t0", "UCLA-3 at t1") << "\n";

    // 3. GP appointments: a count, so add the paired rate ratio.
    const auto visits = socialcure::read_change_data(wide, "gp_visits_t0", "gp_visits_t1", "id", true);
    socialcure::change_options counts;
    counts.count = true;
    counts.better = socialcure::improvement::lower;
    const auto gp = socialcure::analyse_change(visits.pre, visits.post, counts);
    const auto& rr = *gp.rate_ratio;
    std::cout << "GP appointments: " << socialcure::format_fixed(-rr.percent_change, 1) << "% fewer after four months "
              << "(rate ratio " << socialcure::format_fixed(rr.estimate, 3) << ", 95% CI "
              << socialcure::format_fixed(rr.ci_lower, 3) << " to " << socialcure::format_fixed(rr.ci_upper, 3) << "; "
              << gp.n << " completers, " << gp.n_excluded << " without a follow-up)\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}

// Validated scales on the bundled social-prescribing sample: score UCLA-3 loneliness from the
// catalogue and a community-belonging scale defined in code, at both waves; check their
// reliability (alpha with its Feldt CI, omega total) and their test-retest agreement.
//
// Run:  scales_on_sample

#include <exception>
#include <iostream>
#include <vector>

#include "socialcure/core/missing.hpp"
#include "socialcure/data/sample.hpp"
#include "socialcure/data/waves.hpp"
#include "socialcure/measures/catalogue.hpp"
#include "socialcure/measures/reliability.hpp"
#include "socialcure/measures/scoring.hpp"
#include "socialcure/report/measures_report.hpp"
#include "socialcure/report/text_table.hpp"

int main() {
  try {
    socialcure::csv_options options;
    options.id_column = "id";
    const socialcure::table wide = socialcure::read_sample("panel_wide.csv", options);

    // A custom scale: four community-belonging items coded 1..7, scored as their mean, prorated
    // when at most one item is missing.
    socialcure::scale_definition belonging;
    belonging.id = "belonging";
    belonging.name = "Community belonging (4 items, sample data)";
    belonging.items = 4;
    belonging.min_code = 1;
    belonging.max_code = 7;
    belonging.rule = socialcure::scoring_rule::mean;
    belonging.score_min = 1;
    belonging.score_max = 7;
    belonging.higher_means = "stronger belonging";
    belonging.better = socialcure::improvement::higher;
    belonging.missing = {socialcure::missing_policy::prorate, 1};
    belonging.validate();

    const socialcure::scale_definition& ucla3 = socialcure::find_scale("ucla3");
    for (const char* wave : {"t0", "t1"}) {
      const std::string w = wave;
      const auto lonely = socialcure::score_table(ucla3, wide, {"ucla1_" + w, "ucla2_" + w, "ucla3_" + w}, "id");
      const auto belong = socialcure::score_table(
          belonging, wide, {"belong1_" + w, "belong2_" + w, "belong3_" + w, "belong4_" + w}, "id");
      std::cout << "Wave " << w << "\n" << socialcure::scores_text(lonely) << socialcure::scores_text(belong);

      const auto items = socialcure::item_matrix(wide, {"belong1_" + w, "belong2_" + w, "belong3_" + w, "belong4_" + w});
      const auto alpha = socialcure::cronbach_alpha(items, {"belong1", "belong2", "belong3", "belong4"});
      const auto omega = socialcure::omega_total(items);
      std::cout << "\n" << socialcure::reliability_text(alpha, &omega) << "\n";
    }

    // Test-retest agreement of the belonging score among completers (ICC(2,1), ICC(3,1), r).
    const auto t0 = socialcure::score_table(belonging, wide, {"belong1_t0", "belong2_t0", "belong3_t0", "belong4_t0"});
    const auto t1 = socialcure::score_table(belonging, wide, {"belong1_t1", "belong2_t1", "belong3_t1", "belong4_t1"});
    Eigen::MatrixXd pairs(static_cast<Eigen::Index>(wide.rows()), 2);
    for (std::size_t i = 0; i < wide.rows(); ++i) {
      pairs(static_cast<Eigen::Index>(i), 0) = t0.respondents[i].score;
      pairs(static_cast<Eigen::Index>(i), 1) = t1.respondents[i].score;
    }
    const auto icc = socialcure::intraclass_correlation(pairs);
    const auto r = socialcure::pearson_correlation(pairs.col(0), pairs.col(1));
    std::cout << "Belonging, test-retest over four months (n = " << icc.n << " completers, " << icc.n_excluded
              << " without both scores):\n"
              << "  ICC(2,1) = " << socialcure::format_fixed(icc.at("ICC2").icc, 3) << " ["
              << socialcure::format_fixed(icc.at("ICC2").ci_lower, 3) << ", "
              << socialcure::format_fixed(icc.at("ICC2").ci_upper, 3) << "], ICC(3,1) = "
              << socialcure::format_fixed(icc.at("ICC3").icc, 3) << ", r = " << socialcure::format_fixed(r.r, 3) << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}

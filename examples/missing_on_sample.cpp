// Missing data in the bundled social-prescribing sample: who answered which loneliness and
// belonging items at referral (t0) and four months later (t1), the pattern table (as R's
// mice::md.pattern), the maximum-likelihood (EM) means and covariances that use every
// respondent, and Little's test of missing completely at random.
//
// Run:  missing_on_sample

#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "socialcure/analyses/missing_data.hpp"
#include "socialcure/data/sample.hpp"
#include "socialcure/report/missing_report.hpp"

int main() {
  try {
    socialcure::csv_options options;
    options.id_column = "id";
    const socialcure::table wide = socialcure::read_sample("panel_wide.csv", options);
    const std::vector<std::string> vars{"age", "ucla1_t0", "belong1_t0", "ucla1_t1", "belong1_t1"};

    socialcure::missing_data_report report;
    report.source = wide.source();
    report.description = socialcure::describe_missingness(wide, vars);
    report.em = socialcure::em_moments(wide, vars);  // tolerance 1e-12, divisor n
    report.little = socialcure::little_mcar_test(wide, vars, report.em);
    std::cout << socialcure::missing_text(report);

    // The EM mean of a follow-up item uses the referral answers of those who left; the mean of
    // the completers alone does not.
    std::cout << "\nEM mean of ucla1_t1: " << report.em.means(3) << " (from " << report.em.n_used << " respondents)\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "missing_on_sample: " << e.what() << "\n";
    return 1;
  }
}

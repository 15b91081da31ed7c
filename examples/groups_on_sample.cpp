// Group memberships on the bundled sample: how many groups people belong to at referral and four
// months later, and which groups they kept, gained and lost (social identity continuity and gain).
//
// Run:  groups_on_sample

#include <exception>
#include <iostream>

#include "socialcure/data/sample.hpp"
#include "socialcure/measures/groups.hpp"
#include "socialcure/report/groups_report.hpp"
#include "socialcure/report/text_table.hpp"

int main() {
  try {
    socialcure::csv_options options;
    options.text_columns = {"id", "wave", "group", "category"};
    const socialcure::table long_data = socialcure::read_sample("groups_long.csv", options);

    socialcure::group_columns columns;  // id, wave, group by default
    columns.category = "category";
    columns.identification = "identification";
    columns.pathway = "pathway";
    socialcure::group_options settings;
    settings.high_identification = 5;  // identification 5-7 of 7 counts as highly identified

    const auto panel = socialcure::read_group_panel(long_data, columns, settings);
    const auto results = socialcure::analyse_groups(panel, "t0", "t1", settings);
    std::cout << socialcure::groups_text(results) << "\n";

    // The per-person table joins with scale scores by id (e.g. as a predictor in a regression).
    const socialcure::table per_person = socialcure::group_results_table(results);
    const auto continuity = per_person.numeric("continuity");
    double sum = 0.0;
    int n = 0;
    for (double c : continuity) {
      if (!socialcure::is_missing(c)) {
        sum += c;
        ++n;
      }
    }
    std::cout << "Mean continuity (share of referral groups kept), " << n
              << " people with a group at referral: " << socialcure::format_fixed(sum / n, 3) << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}

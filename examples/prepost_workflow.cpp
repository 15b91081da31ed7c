// The main example: the pre/post workflow on the bundled social-prescribing sample.
//
// It reads the two waves (referral, t0, and four months later, t1), matches them by patient id,
// reports who was lost to follow-up, and prints descriptive statistics per wave.
//
// Run:  prepost_workflow                       (the bundled sample, embedded in the library)
//       prepost_workflow T0.csv T1.csv [ID]    (your own two wave files, joined by ID, default "id")

#include <exception>
#include <iostream>
#include <string>

#include "socialcure/data/csv.hpp"
#include "socialcure/data/describe.hpp"
#include "socialcure/data/sample.hpp"
#include "socialcure/data/waves.hpp"
#include "socialcure/report/describe_report.hpp"

int main(int argc, char** argv) {
  try {
    const std::string id = argc > 3 ? argv[3] : "id";
    socialcure::csv_options options;
    options.id_column = id;  // ids are text, present and unique: checked on reading
    options.missing_codes.push_back("-99");

    const bool own_files = argc > 2;
    const socialcure::table t0 =
        own_files ? socialcure::read_csv(argv[1], options) : socialcure::read_sample("panel_t0.csv", options);
    const socialcure::table t1 =
        own_files ? socialcure::read_csv(argv[2], options) : socialcure::read_sample("panel_t1.csv", options);

    socialcure::join_options join;
    join.id_column = id;
    join.waves = {"t0", "t1"};
    const socialcure::wave_pair pair = socialcure::join_waves(t0, t1, join);

    std::cout << "socialcure pre/post workflow\n"
              << "============================\n\n"
              << "Waves: " << t0.source() << " (" << t0.rows() << " respondents) and " << t1.source() << " ("
              << t1.rows() << " respondents)\n"
              << "Matched by '" << id << "': " << pair.n_both << " in both waves, " << pair.only_first.size()
              << " at t0 only (lost to follow-up), " << pair.only_second.size() << " at t1 only\n\n";

    // Descriptives of everyone at each wave, then of the completers at t0 (who stayed).
    const auto completers = pair.rows_in_both();
    std::cout << "Wave t0, all respondents\n------------------------\n"
              << socialcure::describe_text(socialcure::describe(t0)) << "\n"
              << "Wave t0, completers only\n------------------------\n"
              << socialcure::describe_text(socialcure::describe(pair.first.select_rows(completers))) << "\n"
              << "Wave t1\n-------\n"
              << socialcure::describe_text(socialcure::describe(t1));
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}

// Reading survey files and matching waves: CSV with missing codes, one wide file split by suffix,
// long <-> wide conversion, and the errors a bad file gives.
//
// Run:  read_and_match_waves

#include <exception>
#include <iostream>

#include "socialcure/core/error.hpp"
#include "socialcure/data/csv.hpp"
#include "socialcure/data/reshape.hpp"
#include "socialcure/data/sample.hpp"
#include "socialcure/data/waves.hpp"

int main() {
  try {
    // One wide file: wave variables end in _t0 / _t1; age and gender do not change.
    socialcure::csv_options options;
    options.id_column = "id";
    const socialcure::table wide = socialcure::read_sample("panel_wide.csv", options);
    const socialcure::wave_pair pair = socialcure::split_waves(wide, {"id", {"t0", "t1"}, "_"});
    std::cout << "wide file: " << wide.rows() << " rows, " << wide.cols() << " columns\n"
              << "  person-level columns: " << pair.person.cols() - 1 << ", per-wave columns: "
              << pair.first.cols() - 1 << "\n"
              << "  in both waves: " << pair.n_both << ", t0 only: " << pair.only_first.size() << "\n";

    // Long format: one row per person and wave, then back to wide.
    const socialcure::table long_data = socialcure::wide_to_long(wide, {"id", {"t0", "t1"}, "_", "wave"});
    socialcure::long_to_wide_options back;
    back.columns = {"ucla1", "ucla2", "ucla3"};
    const socialcure::table wide_again = socialcure::long_to_wide(long_data, back);
    std::cout << "long format: " << long_data.rows() << " rows; back to wide (UCLA items): " << wide_again.rows()
              << " rows, " << wide_again.cols() << " columns\n";

    // A bad value is an error that names the file, line, column and value.
    try {
      static_cast<void>(socialcure::parse_csv("id,age\nP1,54\nP2,5O\n", "typo.csv"));
    } catch (const socialcure::data_error& e) {
      std::cout << "a typo gives: " << e.what() << "\n";
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}

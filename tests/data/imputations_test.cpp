// Splitting a long file of imputations (include/socialcure/data/imputations.hpp): the long files
// of tests/reference/pooling/data/ written by mice::complete(action = "long") (with and without
// include = TRUE), and hand-made files with gaps.
#include <doctest/doctest.h>

#include <string>

#include "reference_values.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/data/csv.hpp"
#include "socialcure/data/imputations.hpp"

using namespace socialcure;

namespace {

imputation_split split_text(const std::string& text) {
  return split_imputations(parse_csv(text, "long.csv"), ".imp");
}

}  // namespace

TEST_CASE("imputations: mice's long file splits into m tables of n rows") {
  const auto s = split_imputations(socialcure_test::reference_data("pooling/data/nhanes_long.csv"), ".imp");
  REQUIRE(s.imputations.size() == 5);
  CHECK(s.rows_per_imputation == 25);
  CHECK(s.original_rows == 0);
  CHECK(s.notes.empty());
  CHECK(s.imputations[2].numeric(".imp")[0] == 3.0);
  CHECK(s.imputations[2].numeric(".id")[24] == 25.0);
  CHECK(s.imputations[2].source_line(0) == 2 + 2 * 25);  // header, then imputations 1 and 2
}

TEST_CASE("imputations: the original data (.imp = 0, include = TRUE) is left out with a note") {
  const auto s = split_imputations(socialcure_test::reference_data("pooling/data/nhanes_long_include.csv"), ".imp");
  CHECK(s.imputations.size() == 5);
  CHECK(s.original_rows == 25);
  REQUIRE(s.notes.size() == 1);
  CHECK(s.notes[0].find("25 rows of imputation 0") != std::string::npos);
  CHECK(s.imputations[0].numeric("bmi")[0] == doctest::Approx(27.2).epsilon(1e-3) );  // imputed, not missing
}

TEST_CASE("imputations: gaps in the imputation column are errors naming the line or the imputation") {
  CHECK_THROWS_WITH_AS(static_cast<void>(split_text(".imp,y\n1,2\n,3\n2,4\n2,5\n")),
                       doctest::Contains("long.csv:3"), data_error);
  CHECK_THROWS_WITH_AS(static_cast<void>(split_text(".imp,y\n1,2\n1.5,3\n2,4\n2,5\n")),
                       doctest::Contains("not a whole number"), data_error);
  CHECK_THROWS_WITH_AS(static_cast<void>(split_text(".imp,y\n1,2\n-1,3\n2,4\n2,5\n")),
                       doctest::Contains("long.csv:3"), data_error);
  CHECK_THROWS_WITH_AS(static_cast<void>(split_text(".imp,y\n1,2\nfirst,3\n2,4\n2,5\n")),
                       doctest::Contains("\"first\""), data_error);
  CHECK_THROWS_WITH_AS(static_cast<void>(split_text(".imp,y\n1,2\n1,3\n3,4\n3,5\n")),
                       doctest::Contains("imputation 2 is absent"), data_error);
  CHECK_THROWS_WITH_AS(static_cast<void>(split_text(".imp,y\n1,2\n1,3\n2,4\n")),
                       doctest::Contains("imputation 2 has 1 rows but imputation 1 has 2"), data_error);
  CHECK_THROWS_WITH_AS(static_cast<void>(split_text(".imp,y\n1,2\n1,3\n")), doctest::Contains("a single imputation"),
                       data_error);
  CHECK_THROWS_WITH_AS(static_cast<void>(split_text(".imp,y\n0,2\n0,3\n")), doctest::Contains("no imputed data"),
                       data_error);
  CHECK_THROWS_AS(static_cast<void>(split_imputations(parse_csv(".imp,y\n1,2\n", "x.csv"), "imp")), argument_error);
}

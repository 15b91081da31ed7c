// Scoring: hand-computed cases on small scale definitions built in the test.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "socialcure/core/missing.hpp"
#include "socialcure/data/csv.hpp"
#include "socialcure/measures/catalogue.hpp"
#include "socialcure/measures/scoring.hpp"
#include "support.hpp"

using namespace socialcure_test;
using socialcure::missing_value;

namespace {

// A 4-item 1..5 sum scale, item 2 reversed, prorated with at most 1 missing; bands 4-9 low,
// 10-14 medium, 15-20 high.
socialcure::scale_definition sum_scale() {
  socialcure::scale_definition s;
  s.id = "test4";
  s.name = "test scale";
  s.items = 4;
  s.item_names = {"i1", "i2", "i3", "i4"};
  s.min_code = 1;
  s.max_code = 5;
  s.reverse_items = {2};
  s.rule = socialcure::scoring_rule::sum;
  s.score_min = 4;
  s.score_max = 20;
  s.missing = {socialcure::missing_policy::prorate, 1};
  s.cutoffs = {{"bands", "test", socialcure::fact_confidence::confirmed,
                {{4, 9, "low"}, {10, 14, "medium"}, {15, 20, "high"}}}};
  s.subscales = {{"first_two", "items 1-2", {1, 2}, 2, 10, {socialcure::missing_policy::complete_only, 0}, {}}};
  return s;
}

}  // namespace

TEST_CASE("scoring: sum with a reversed item, category and subscale") {
  // codes 4, 2, 5, 3: item 2 reversed to 6 - 2 = 4; sum 4 + 4 + 5 + 3 = 16 -> "high";
  // subscale items 1-2: 4 + 4 = 8.
  const std::vector<double> r = {4, 2, 5, 3};
  const auto s = socialcure::score_respondent(sum_scale(), r);
  CHECK(s.score == 16.0);
  CHECK(s.category == "high");
  CHECK(s.items_answered == 4);
  CHECK_FALSE(s.prorated);
  REQUIRE(s.subscale_scores.size() == 1);
  CHECK(s.subscale_scores[0] == 8.0);
}

TEST_CASE("scoring: reverse-keying codes near the limits of int does not overflow") {
  // Regression (found by tests/fuzz/fuzz_scale_loader, which scores every definition it loads):
  // (min_code + max_code) - code was computed with min_code + max_code in int, which overflows for
  // a valid definition with codes near INT_MAX (undefined behaviour; in practice a wrong score).
  socialcure::scale_definition s;
  s.id = "big";
  s.name = "codes near INT_MAX";
  s.items = 2;
  s.min_code = 2147483646;
  s.max_code = 2147483647;
  s.reverse_items = {1};
  s.score_min = 4294967292.0;
  s.score_max = 4294967294.0;
  REQUIRE_NOTHROW(s.validate());
  // Item 1 reversed: (2147483646 + 2147483647) - 2147483647 = 2147483646; sum 4294967293.
  const std::vector<double> r = {2147483647.0, 2147483647.0};
  CHECK(socialcure::score_respondent(s, r).score == 4294967293.0);
}

TEST_CASE("scoring: proration with one missing item, none with two") {
  // codes 4, NA, 5, 3: answered mean (4 + 5 + 3)/3 = 4, prorated sum 4 * 4 = 16.
  const std::vector<double> one = {4, missing_value, 5, 3};
  const auto s = socialcure::score_respondent(sum_scale(), one);
  CHECK(s.score == 16.0);
  CHECK(s.prorated);
  CHECK(s.items_answered == 3);
  CHECK(socialcure::is_missing(s.subscale_scores[0]));  // the subscale needs both items
  const std::vector<double> two = {4, missing_value, missing_value, 3};
  const auto t = socialcure::score_respondent(sum_scale(), two);
  CHECK(socialcure::is_missing(t.score));
  CHECK(contains(t.reason, "2 of 4 items missing"));
  CHECK(t.category.empty());
}

TEST_CASE("scoring: an out-of-range or fractional code is an error naming respondent, item, value and codes") {
  const std::vector<double> r = {4, 7, 5, 3};
  const std::string what = message_of<socialcure::data_error>([&] {
    (void)socialcure::score_respondent(sum_scale(), r, {}, {"f.csv", 12, {}, "P7", {}});
  });
  CHECK(contains(what, "f.csv:12"));
  CHECK(contains(what, "respondent 'P7'"));
  CHECK(contains(what, "item 'i2'"));
  CHECK(contains(what, "\"7\""));
  CHECK(contains(what, "integer codes 1..5"));
  const std::vector<double> half = {4, 2.5, 5, 3};
  CHECK(contains(message_of<socialcure::data_error>([&] { (void)socialcure::score_respondent(sum_scale(), half); }),
                 "\"2.5\""));
}

TEST_CASE("scoring: set_missing policy counts the invalid response and prorates") {
  socialcure::scoring_options options;
  options.on_invalid = socialcure::invalid_response_policy::set_missing;
  const std::vector<double> r = {4, 9, 5, 3};
  const auto s = socialcure::score_respondent(sum_scale(), r, options);
  CHECK(s.invalid_set_missing == 1);
  CHECK(s.score == 16.0);  // as with item 2 missing: (4 + 5 + 3) / 3 * 4
  CHECK(s.prorated);
}

TEST_CASE("scoring: mean rule and a band gap takes the lower band") {
  auto s = sum_scale();
  s.rule = socialcure::scoring_rule::mean;
  s.score_min = 1;
  s.score_max = 5;
  s.cutoffs = {{"bands", "test", socialcure::fact_confidence::confirmed, {{1, 2.6, "low"}, {2.8, 5, "high"}}}};
  // codes 3, 4, 3, 2: item 2 reversed to 6 - 4 = 2; mean (3 + 2 + 3 + 2)/4 = 2.5 -> "low".
  const std::vector<double> r = {3, 4, 3, 2};
  const auto a = socialcure::score_respondent(s, r);
  CHECK(a.score == 2.5);
  CHECK(a.category == "low");
  // codes 3, 3, 3, 2: reversed 3, 3, 3, 2; mean 11/4 = 2.75 lies between 2.6 and 2.8 -> the lower band.
  const std::vector<double> gap = {3, 3, 3, 2};
  const auto b = socialcure::score_respondent(s, gap);
  CHECK(b.score == 2.75);
  CHECK(b.category == "low");
  // codes 3, 3, 3, 3: mean 3 -> "high".
  const std::vector<double> three = {3, 3, 3, 3};
  CHECK(socialcure::score_respondent(s, three).category == "high");
}

TEST_CASE("scoring: dichotomous count as De Jong Gierveld, counting answered items") {
  socialcure::scale_definition s;
  s.id = "dich3";
  s.name = "dichotomous test";
  s.items = 3;
  s.min_code = 1;
  s.max_code = 3;
  s.rule = socialcure::scoring_rule::dichotomous_count;
  // item 1 negative (codes 2, 3 score 1); items 2, 3 positive (codes 1, 2 score 1).
  s.scoring_codes = {{2, 3}, {1, 2}, {1, 2}};
  s.score_min = 0;
  s.score_max = 3;
  s.missing = {socialcure::missing_policy::count_answered, 1};
  // codes 2, 3, 1: item 1 -> 1, item 2 -> 0, item 3 -> 1: score 2.
  const std::vector<double> r = {2, 3, 1};
  CHECK(socialcure::score_respondent(s, r).score == 2.0);
  // codes 1, NA, 2: 0 + 1 = 1 (not prorated).
  const std::vector<double> m = {1, missing_value, 2};
  const auto a = socialcure::score_respondent(s, m);
  CHECK(a.score == 1.0);
  CHECK_FALSE(a.prorated);
}

TEST_CASE("scoring: lookup conversion of the raw sum") {
  socialcure::scale_definition s;
  s.id = "look2";
  s.name = "lookup test";
  s.items = 2;
  s.min_code = 1;
  s.max_code = 2;
  s.rule = socialcure::scoring_rule::lookup;
  s.conversion = {{2, 10.0}, {3, 15.5}, {4, 20.0}};
  s.score_min = 10;
  s.score_max = 20;
  const std::vector<double> r = {1, 2};  // raw 3 -> 15.5
  CHECK(socialcure::score_respondent(s, r).score == 15.5);
}

TEST_CASE("scoring: a table keeps every row, maps items by name and counts the unscorable") {
  const auto t = socialcure::parse_csv("id,i4,i3,i2,i1\nA,3,5,2,4\nB,3,,,4\nC,1,1,1,1\n", "t.csv",
                                       {',', {"", "NA"}, {"id"}, {}, {}, {}});
  const auto scores = socialcure::score_table(sum_scale(), t, {"i1", "i2", "i3", "i4"}, "id");
  REQUIRE(scores.respondents.size() == 3);
  CHECK(scores.respondents[0].id == "A");
  CHECK(scores.respondents[0].score == 16.0);  // same codes as the first test, columns in another order
  CHECK(socialcure::is_missing(scores.respondents[1].score));
  CHECK(scores.respondents[2].score == 1 + 5 + 1 + 1);  // item 2 reversed: 6 - 1 = 5
  CHECK(scores.n_scored == 2);
  CHECK(scores.n_unscorable == 1);
  // An invalid code in the table names file, line and column.
  const auto bad = socialcure::parse_csv("id,i1,i2,i3,i4\nA,1,1,1,1\nB,1,6,1,1\n", "bad.csv",
                                         {',', {"", "NA"}, {"id"}, {}, {}, {}});
  const std::string what = message_of<socialcure::data_error>(
      [&] { (void)socialcure::score_table(sum_scale(), bad, {"i1", "i2", "i3", "i4"}, "id"); });
  CHECK(contains(what, "bad.csv:3"));
  CHECK(contains(what, "column 'i2'"));
  CHECK(contains(what, "respondent 'B'"));
}

TEST_CASE("scoring: De Jong Gierveld 6 from the catalogue, by the manual's dichotomous rule") {
  // docs/methods/scales.md: 6-item order E S S E S E; emotional items score 1 for "more or less" (2) or
  // "yes" (3), social items for "more or less" (2) or "no" (1). Codes 3, 3, 1, 2, 3, 1:
  // E1 3 -> 1, S2 3 -> 0, S3 1 -> 1, E4 2 -> 1, S5 3 -> 0, E6 1 -> 0: total 3 (band 2-4 "moderately
  // lonely"), emotional 1 + 1 + 0 = 2, social 0 + 1 + 0 = 1.
  const auto& djg6 = socialcure::find_scale("djg6");
  const std::vector<double> r = {3, 3, 1, 2, 3, 1};
  const auto s = socialcure::score_respondent(djg6, r);
  CHECK(s.score == 3.0);
  CHECK(s.category == "moderately lonely");
  REQUIRE(s.subscale_scores.size() == 2);
  CHECK(s.subscale_scores[0] + s.subscale_scores[1] == 3.0);
  const bool emotional_first = djg6.subscales[0].id == "emotional";
  CHECK(s.subscale_scores[emotional_first ? 0 : 1] == 2.0);
  CHECK(s.subscale_scores[emotional_first ? 1 : 0] == 1.0);
  // One item missing: the total counts the answered items (no proration); the subscale with the
  // missing item is not scorable. Codes NA, 3, 1, 2, 3, 1: total 0 + 1 + 1 + 0 + 0 = 2.
  const std::vector<double> m = {socialcure::missing_value, 3, 1, 2, 3, 1};
  const auto t = socialcure::score_respondent(djg6, m);
  CHECK(t.score == 2.0);
  CHECK_FALSE(t.prorated);
  CHECK(socialcure::is_missing(t.subscale_scores[emotional_first ? 0 : 1]));
}

TEST_CASE("scoring: SWEMWBS raw sum converted by the metric table from the catalogue") {
  // docs/methods/scales.md: raw 21 -> 19.25; raw 7 -> 7.00; raw 35 -> 35.00.
  const auto& swemwbs = socialcure::find_scale("swemwbs");
  const std::vector<double> threes(7, 3.0);
  CHECK(socialcure::score_respondent(swemwbs, threes).score == 19.25);
  const std::vector<double> ones(7, 1.0);
  CHECK(socialcure::score_respondent(swemwbs, ones).score == 7.0);
  const std::vector<double> fives(7, 5.0);
  CHECK(socialcure::score_respondent(swemwbs, fives).score == 35.0);
}

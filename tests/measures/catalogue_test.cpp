// Tests of include/socialcure/measures/catalogue.hpp. Expected values are written here from the
// published sources of each scale (summarised in docs/methods/scales.md), not taken from the catalogue files.
#include "socialcure/measures/catalogue.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "socialcure/core/error.hpp"
#include "socialcure/measures/scale_loader.hpp"
#include "support/scale_fields.hpp"
#include "support.hpp"

using socialcure::argument_error;
using socialcure::cutoff_set;
using socialcure::fact_confidence;
using socialcure::find_scale;
using socialcure::improvement;
using socialcure::missing_policy;
using socialcure::scale_catalogue;
using socialcure::scale_definition;
using socialcure::scoring_rule;
using socialcure::subscale;
using socialcure_test::contains;
using socialcure_test::message_of;

namespace {

struct band {
  double min;
  double max;
};

void check_bands(const cutoff_set& set, const std::vector<band>& expected) {
  REQUIRE(set.categories.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CHECK(set.categories[i].min == expected[i].min);
    CHECK(set.categories[i].max == expected[i].max);
  }
}

const subscale& sub(const scale_definition& s, const std::string& id) {
  for (const auto& x : s.subscales) {
    if (x.id == id) return x;
  }
  FAIL("no subscale " << id << " in " << s.id);
  throw;  // not reached
}

bool has_unconfirmed_fact(const scale_definition& s, const std::string& part) {
  return std::any_of(s.facts.begin(), s.facts.end(), [&](const auto& f) {
    return f.confidence == fact_confidence::unconfirmed && contains(f.what, part);
  });
}

}  // namespace

TEST_CASE("catalogue: every entry validates") {
  REQUIRE_FALSE(scale_catalogue().empty());
  for (const auto& s : scale_catalogue()) {
    CAPTURE(s.id);
    CHECK_NOTHROW(s.validate());
  }
}

TEST_CASE("catalogue: ids are unique and every entry has names, a direction and item names") {
  std::set<std::string> ids;
  for (const auto& s : scale_catalogue()) {
    CAPTURE(s.id);
    CHECK(ids.insert(s.id).second);
    CHECK_FALSE(s.name.empty());
    CHECK_FALSE(s.citation.empty());
    CHECK_FALSE(s.higher_means.empty());
    CHECK(s.item_names.size() == static_cast<std::size_t>(s.items));
  }
}

TEST_CASE("catalogue: the entries the brief asks for are present") {
  for (const char* id : {"ucla3", "ucla20_v3", "djg11", "djg6", "ons_lonely_direct", "exits", "sisi", "ident_doosje4",
                         "cchs_belong", "mspss", "wemwbs", "swemwbs", "phq9", "gad7", "ons4"}) {
    CAPTURE(id);
    CHECK_NOTHROW((void)find_scale(id));
  }
}

TEST_CASE("catalogue: find_scale returns the entry and lists the ids on a miss") {
  CHECK(find_scale("djg6").items == 6);
  CHECK(&find_scale("phq9") == &find_scale("phq9"));
  const auto m = message_of<argument_error>([] { (void)find_scale("nope"); });
  CHECK(contains(m, "'nope'"));
  for (const auto& s : scale_catalogue()) CHECK(contains(m, s.id));
  CHECK(contains(m, "ucla3, "));
}

TEST_CASE("catalogue: unconfirmed cut-off sets are marked, and such entries report has_unconfirmed") {
  for (const auto& s : scale_catalogue()) {
    CAPTURE(s.id);
    bool any = std::any_of(s.facts.begin(), s.facts.end(),
                           [](const auto& f) { return f.confidence == fact_confidence::unconfirmed; });
    for (const auto& c : s.cutoffs) any = any || c.confidence == fact_confidence::unconfirmed;
    CHECK(s.has_unconfirmed() == any);
  }
}

// docs/methods/scales.md: 3 items, codes 1..3, sum 3..9, higher = lonelier; convention 3-5 / 6-9.
TEST_CASE("catalogue: ucla3") {
  const auto& s = find_scale("ucla3");
  CHECK(s.items == 3);
  CHECK(s.min_code == 1);
  CHECK(s.max_code == 3);
  CHECK(s.reverse_items.empty());
  CHECK(s.rule == scoring_rule::sum);
  CHECK(s.score_min == 3);
  CHECK(s.score_max == 9);
  CHECK(s.higher_means == "lonelier");
  CHECK(s.better == improvement::lower);
  CHECK(s.item_names == std::vector<std::string>{"ucla1", "ucla2", "ucla3"});
  REQUIRE_FALSE(s.cutoffs.empty());
  check_bands(s.cutoffs[0], {{3, 5}, {6, 9}});
  // "Missing items: none published; require all 3 [U]"
  CHECK(s.missing.policy == missing_policy::complete_only);
  CHECK(has_unconfirmed_fact(s, "missing"));
  // Three-band scheme 3-5 / 6-7 / 8-9 must not be shipped.
  for (const auto& c : s.cutoffs) CHECK(c.categories.size() != 3);
}

// docs/methods/scales.md: codes 1..4, reverse 1, 5, 6, 9, 10, 15, 16, 19, 20, sum 20..80.
TEST_CASE("catalogue: ucla20_v3") {
  const auto& s = find_scale("ucla20_v3");
  CHECK(s.items == 20);
  CHECK(s.min_code == 1);
  CHECK(s.max_code == 4);
  CHECK(s.reverse_items == std::vector<int>{1, 5, 6, 9, 10, 15, 16, 19, 20});
  CHECK(s.score_min == 20);
  CHECK(s.score_max == 80);
  CHECK(s.better == improvement::lower);
  CHECK(s.cutoffs.empty());
}

// docs/methods/scales.md: 11-item keys and bands 0-2 / 3-8 / 9-10 / 11; emotional 2,3,5,6,9,10 scoring codes
// {2,3}; social 1,4,7,8,11 scoring codes {1,2} (3-option coding 1 = no, 2 = more or less, 3 = yes).
TEST_CASE("catalogue: djg11") {
  const auto& s = find_scale("djg11");
  CHECK(s.items == 11);
  CHECK(s.min_code == 1);
  CHECK(s.max_code == 3);
  CHECK(s.rule == scoring_rule::dichotomous_count);
  const std::vector<int> yes_or_neutral = {2, 3};
  const std::vector<int> no_or_neutral = {1, 2};
  REQUIRE(s.scoring_codes.size() == 11);
  for (int i : {2, 3, 5, 6, 9, 10}) CHECK(s.scoring_codes[static_cast<std::size_t>(i - 1)] == yes_or_neutral);
  for (int i : {1, 4, 7, 8, 11}) CHECK(s.scoring_codes[static_cast<std::size_t>(i - 1)] == no_or_neutral);
  CHECK(sub(s, "emotional").items == std::vector<int>{2, 3, 5, 6, 9, 10});
  CHECK(sub(s, "social").items == std::vector<int>{1, 4, 7, 8, 11});
  CHECK(sub(s, "emotional").score_max == 6);
  CHECK(sub(s, "social").score_max == 5);
  CHECK(s.score_min == 0);
  CHECK(s.score_max == 11);
  // Total valid with <= 1 missing; subscales only when complete.
  CHECK(s.missing.policy == missing_policy::count_answered);
  CHECK(s.missing.max_missing == 1);
  CHECK(sub(s, "emotional").missing.policy == missing_policy::complete_only);
  CHECK(sub(s, "social").missing.policy == missing_policy::complete_only);
  REQUIRE_FALSE(s.cutoffs.empty());
  check_bands(s.cutoffs[0], {{0, 2}, {3, 8}, {9, 10}, {11, 11}});
  CHECK(s.better == improvement::lower);
}

// docs/methods/scales.md: 6-item order 1 E, 2 S, 3 S, 4 E, 5 S, 6 E; total 0-1 / 2-4 / 5-6; subscales 0 / 1-3.
TEST_CASE("catalogue: djg6") {
  const auto& s = find_scale("djg6");
  CHECK(s.items == 6);
  CHECK(s.rule == scoring_rule::dichotomous_count);
  REQUIRE(s.scoring_codes.size() == 6);
  for (int i : {1, 4, 6}) CHECK(s.scoring_codes[static_cast<std::size_t>(i - 1)] == std::vector<int>{2, 3});
  for (int i : {2, 3, 5}) CHECK(s.scoring_codes[static_cast<std::size_t>(i - 1)] == std::vector<int>{1, 2});
  REQUIRE(s.subscales.size() == 2);
  CHECK(sub(s, "emotional").items == std::vector<int>{1, 4, 6});
  CHECK(sub(s, "social").items == std::vector<int>{2, 3, 5});
  for (const auto& x : s.subscales) {
    CAPTURE(x.id);
    CHECK(x.score_min == 0);
    CHECK(x.score_max == 3);
    CHECK(x.missing.policy == missing_policy::complete_only);
    REQUIRE(x.cutoffs.size() == 1);
    check_bands(x.cutoffs[0], {{0, 0}, {1, 3}});
    CHECK(x.cutoffs[0].confidence == fact_confidence::single_source);  // [1]
  }
  CHECK(s.score_min == 0);
  CHECK(s.score_max == 6);
  CHECK(s.missing.policy == missing_policy::count_answered);
  CHECK(s.missing.max_missing == 1);
  REQUIRE_FALSE(s.cutoffs.empty());
  check_bands(s.cutoffs[0], {{0, 1}, {2, 4}, {5, 6}});
  CHECK(s.cutoffs[0].confidence == fact_confidence::confirmed);
}

// docs/methods/scales.md: 5 options in ONS order; numeric codes unconfirmed.
TEST_CASE("catalogue: ons_lonely_direct") {
  const auto& s = find_scale("ons_lonely_direct");
  CHECK(s.items == 1);
  CHECK(s.options.size() == 5);
  CHECK(s.max_code - s.min_code + 1 == 5);
  CHECK(has_unconfirmed_fact(s, "codes"));
  for (const auto& c : s.cutoffs) CHECK(c.confidence == fact_confidence::unconfirmed);
}

// docs/methods/scales.md: 4 MGM items; codes 1..7, mean score, no reverse items are all unconfirmed.
TEST_CASE("catalogue: exits codes are flagged unconfirmed") {
  const auto& s = find_scale("exits");
  CHECK(s.items == 4);
  CHECK(s.min_code == 1);
  CHECK(s.max_code == 7);
  CHECK(s.has_unconfirmed());
  CHECK(has_unconfirmed_fact(s, "codes 1"));
  CHECK(has_unconfirmed_fact(s, "mean"));
  CHECK(has_unconfirmed_fact(s, "reverse"));
  CHECK(has_unconfirmed_fact(s, "licence"));
  CHECK(s.cutoffs.empty());
  CHECK(s.better == improvement::higher);
}

// docs/methods/scales.md: single item, 7-point; anchors unconfirmed. Doosje: 4 items, details unconfirmed.
TEST_CASE("catalogue: identification scales") {
  const auto& sisi = find_scale("sisi");
  CHECK(sisi.items == 1);
  CHECK(sisi.max_code - sisi.min_code + 1 == 7);
  CHECK(has_unconfirmed_fact(sisi, "anchors"));
  const auto& d = find_scale("ident_doosje4");
  CHECK(d.items == 4);
  CHECK(d.rule == scoring_rule::mean);
  CHECK(d.reverse_items.empty());
  CHECK(d.has_unconfirmed());
  CHECK(d.better == improvement::higher);
}

// docs/methods/scales.md: CCHS belonging, 4 options, codes 1..4 with 1 = very strong unconfirmed.
TEST_CASE("catalogue: community belonging") {
  const auto& s = find_scale("cchs_belong");
  CHECK(s.items == 1);
  CHECK(s.options.size() == 4);
  CHECK(s.better == improvement::higher);
  CHECK(has_unconfirmed_fact(s, "codes"));
  for (const auto& c : s.cutoffs) CHECK(c.confidence == fact_confidence::unconfirmed);
}

// docs/methods/scales.md: subscales SO 1,2,5,10; Family 3,4,8,11; Friends 6,7,9,12; means 1..7; 1-2.9 / 3-5 / 5.1-7.
TEST_CASE("catalogue: mspss") {
  const auto& s = find_scale("mspss");
  CHECK(s.items == 12);
  CHECK(s.min_code == 1);
  CHECK(s.max_code == 7);
  CHECK(s.reverse_items.empty());
  CHECK(s.rule == scoring_rule::mean);
  CHECK(sub(s, "significant_other").items == std::vector<int>{1, 2, 5, 10});
  CHECK(sub(s, "family").items == std::vector<int>{3, 4, 8, 11});
  CHECK(sub(s, "friends").items == std::vector<int>{6, 7, 9, 12});
  CHECK(s.score_min == 1);
  CHECK(s.score_max == 7);
  REQUIRE_FALSE(s.cutoffs.empty());
  check_bands(s.cutoffs[0], {{1, 2.9}, {3, 5}, {5.1, 7}});
  CHECK(s.better == improvement::higher);
}

// docs/methods/scales.md: 14 items 1..5, sum 14..70, bands <=40 / 41-44 / 45-59 / >=60.
TEST_CASE("catalogue: wemwbs") {
  const auto& s = find_scale("wemwbs");
  CHECK(s.items == 14);
  CHECK(s.min_code == 1);
  CHECK(s.max_code == 5);
  CHECK(s.reverse_items.empty());
  CHECK(s.score_min == 14);
  CHECK(s.score_max == 70);
  REQUIRE_FALSE(s.cutoffs.empty());
  check_bands(s.cutoffs[0], {{14, 40}, {41, 44}, {45, 59}, {60, 70}});
  CHECK(s.better == improvement::higher);
}

// docs/methods/scales.md: raw 7 -> 7.00, 20 -> 18.59, 29 -> 26.02 (not 25.99), 35 -> 35.00; bands unconfirmed.
TEST_CASE("catalogue: swemwbs conversion table") {
  const auto& s = find_scale("swemwbs");
  CHECK(s.items == 7);
  CHECK(s.rule == scoring_rule::lookup);
  REQUIRE(s.conversion.size() == 29);
  auto converted = [&s](double raw) {
    for (const auto& [r, c] : s.conversion) {
      if (r == raw) return c;
    }
    FAIL("no raw " << raw);
    return -1.0;
  };
  CHECK(s.conversion.front().first == 7);
  CHECK(s.conversion.back().first == 35);
  CHECK(converted(7) == doctest::Approx(7.00).epsilon(1e-12));
  CHECK(converted(20) == doctest::Approx(18.59).epsilon(1e-12));
  CHECK(converted(29) == doctest::Approx(26.02).epsilon(1e-12));
  CHECK(converted(35) == doctest::Approx(35.00).epsilon(1e-12));
  CHECK(s.score_min == 7);
  CHECK(s.score_max == 35);
  for (const auto& c : s.cutoffs) CHECK(c.confidence == fact_confidence::unconfirmed);
}

// docs/methods/scales.md: 0..3, sum 0..27, 0-4 / 5-9 / 10-14 / 15-19 / 20-27.
TEST_CASE("catalogue: phq9 bands") {
  const auto& s = find_scale("phq9");
  CHECK(s.items == 9);
  CHECK(s.min_code == 0);
  CHECK(s.max_code == 3);
  CHECK(s.score_min == 0);
  CHECK(s.score_max == 27);
  REQUIRE_FALSE(s.cutoffs.empty());
  check_bands(s.cutoffs[0], {{0, 4}, {5, 9}, {10, 14}, {15, 19}, {20, 27}});
  CHECK(s.better == improvement::lower);
  CHECK(has_unconfirmed_fact(s, "missing"));
}

// docs/methods/scales.md: 0..3, sum 0..21, 0-4 / 5-9 / 10-14 / 15-21.
TEST_CASE("catalogue: gad7 bands") {
  const auto& s = find_scale("gad7");
  CHECK(s.items == 7);
  CHECK(s.score_max == 21);
  REQUIRE_FALSE(s.cutoffs.empty());
  check_bands(s.cutoffs[0], {{0, 4}, {5, 9}, {10, 14}, {15, 21}});
  CHECK(s.better == improvement::lower);
}

// docs/methods/scales.md: four 0..10 items, no composite; thresholds 0-4 / 5-6 / 7-8 / 9-10, anxiety 0-1 / 2-3 / 4-5 / 6-10.
TEST_CASE("catalogue: ons4") {
  const auto& s = find_scale("ons4");
  CHECK(s.items == 4);
  CHECK(s.min_code == 0);
  CHECK(s.max_code == 10);
  CHECK(s.rule == scoring_rule::none);
  REQUIRE(s.subscales.size() == 4);
  for (int i = 0; i < 3; ++i) {
    const auto& x = s.subscales[static_cast<std::size_t>(i)];
    CAPTURE(x.id);
    CHECK(x.items == std::vector<int>{i + 1});
    REQUIRE(x.cutoffs.size() == 1);
    check_bands(x.cutoffs[0], {{0, 4}, {5, 6}, {7, 8}, {9, 10}});
    CHECK(x.cutoffs[0].confidence == fact_confidence::single_source);
  }
  const auto& anxiety = sub(s, "anxiety");
  CHECK(anxiety.items == std::vector<int>{4});
  REQUIRE(anxiety.cutoffs.size() == 1);
  check_bands(anxiety.cutoffs[0], {{0, 1}, {2, 3}, {4, 5}, {6, 10}});
}

// The catalogue is the JSON files of data/scales/ (embedded at build time): each entry equals the
// file of its id read with load_scale, field by field, and every file there is an entry.
TEST_CASE("catalogue: every entry is data/scales/<id>.json, and every file there is an entry") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(SOCIALCURE_SOURCE_DIR) / "data" / "scales";
  std::set<std::string> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".json") files.insert(entry.path().stem().string());
  }
  std::set<std::string> ids;
  for (const auto& s : scale_catalogue()) {
    CAPTURE(s.id);
    ids.insert(s.id);
    const scale_definition from_file = socialcure::load_scale((dir / (s.id + ".json")).string());
    CHECK(socialcure_test::scale_fields(from_file) == socialcure_test::scale_fields(s));
  }
  CHECK(files == ids);
  CHECK(ids.size() == 16);
}

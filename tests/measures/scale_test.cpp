// Tests of include/socialcure/measures/scale.hpp: to_string, has_unconfirmed and validate().
// Each problem validate() must catch has a test that it throws argument_error naming the scale
// and the field.
#include "socialcure/measures/scale.hpp"

#include <doctest/doctest.h>

#include <functional>
#include <string>

#include "socialcure/core/error.hpp"
#include "support.hpp"

using socialcure::argument_error;
using socialcure::cutoff_set;
using socialcure::fact_confidence;
using socialcure::improvement;
using socialcure::missing_policy;
using socialcure::scale_definition;
using socialcure::scoring_rule;
using socialcure::subscale;
using socialcure_test::contains;
using socialcure_test::message_of;

namespace {

// A coherent 4-item 1..5 scale with a subscale and cut-offs.
scale_definition base() {
  scale_definition s;
  s.id = "test";
  s.name = "test scale";
  s.items = 4;
  s.item_names = {"t1", "t2", "t3", "t4"};
  s.min_code = 1;
  s.max_code = 5;
  s.options = {{1, "never"}, {5, "always"}};
  s.reverse_items = {2, 4};
  s.rule = scoring_rule::sum;
  subscale sub;
  sub.id = "first";
  sub.items = {1, 2};
  sub.score_min = 2;
  sub.score_max = 10;
  sub.cutoffs = {cutoff_set{"bands", "", fact_confidence::confirmed, {{2, 5, "low"}, {6, 10, "high"}}}};
  s.subscales = {sub};
  s.score_min = 4;
  s.score_max = 20;
  s.better = improvement::higher;
  s.cutoffs = {cutoff_set{"bands", "", fact_confidence::confirmed, {{4, 9, "low"}, {10, 14, "mid"}, {15, 20, "high"}}}};
  s.missing = {missing_policy::prorate, 1};
  return s;
}

// The message validate() throws for the base scale changed by `change`.
std::string problem(const std::function<void(scale_definition&)>& change) {
  scale_definition s = base();
  change(s);
  return message_of<argument_error>([&] { s.validate(); });
}

// Two-item 0..1 dichotomous scale.
scale_definition dichotomous() {
  scale_definition s;
  s.id = "dich";
  s.items = 2;
  s.min_code = 0;
  s.max_code = 1;
  s.rule = scoring_rule::dichotomous_count;
  s.scoring_codes = {{1}, {0}};
  s.score_min = 0;
  s.score_max = 2;
  return s;
}

// Two-item 1..3 lookup scale: raw sums 2..6.
scale_definition lookup() {
  scale_definition s;
  s.id = "look";
  s.items = 2;
  s.min_code = 1;
  s.max_code = 3;
  s.rule = scoring_rule::lookup;
  s.conversion = {{2, 0.0}, {3, 1.5}, {4, 2.5}, {5, 3.5}, {6, 5.0}};
  s.score_min = 0;
  s.score_max = 5;
  return s;
}

}  // namespace

TEST_CASE("scale: to_string gives the documented names") {
  CHECK(socialcure::to_string(fact_confidence::confirmed) == "confirmed");
  CHECK(socialcure::to_string(fact_confidence::single_source) == "single_source");
  CHECK(socialcure::to_string(fact_confidence::unconfirmed) == "unconfirmed");
  CHECK(socialcure::to_string(scoring_rule::sum) == "sum");
  CHECK(socialcure::to_string(scoring_rule::mean) == "mean");
  CHECK(socialcure::to_string(scoring_rule::dichotomous_count) == "dichotomous_count");
  CHECK(socialcure::to_string(scoring_rule::lookup) == "lookup");
  CHECK(socialcure::to_string(scoring_rule::none) == "none");
  CHECK(socialcure::to_string(missing_policy::complete_only) == "complete_only");
  CHECK(socialcure::to_string(missing_policy::prorate) == "prorate");
  CHECK(socialcure::to_string(missing_policy::count_answered) == "count_answered");
  CHECK(socialcure::to_string(improvement::lower) == "lower");
  CHECK(socialcure::to_string(improvement::higher) == "higher");
  CHECK(socialcure::to_string(improvement::none) == "none");
}

TEST_CASE("scale: has_unconfirmed looks at facts and at the confidence of cut-off sets") {
  scale_definition s = base();
  CHECK_FALSE(s.has_unconfirmed());
  s.facts = {{"codes", fact_confidence::single_source}};
  CHECK_FALSE(s.has_unconfirmed());
  s.facts.push_back({"licence", fact_confidence::unconfirmed});
  CHECK(s.has_unconfirmed());

  s = base();
  s.cutoffs[0].confidence = fact_confidence::unconfirmed;
  CHECK(s.has_unconfirmed());
  s = base();
  s.subscales[0].cutoffs[0].confidence = fact_confidence::unconfirmed;
  CHECK(s.has_unconfirmed());
}

TEST_CASE("scale: coherent definitions validate") {
  CHECK_NOTHROW(base().validate());
  CHECK_NOTHROW(dichotomous().validate());
  CHECK_NOTHROW(lookup().validate());
  scale_definition s = base();
  s.item_names.clear();  // names are optional
  s.options.clear();
  s.cutoffs.clear();
  CHECK_NOTHROW(s.validate());
}

TEST_CASE("scale: validate names the scale, the field and the problem") {
  const auto m = problem([](scale_definition& s) { s.reverse_items = {2, 7}; });
  CHECK(m == "scale 'test': reverse_items: item 7 is outside 1..4");
}

TEST_CASE("scale: empty id") {
  const auto m = problem([](scale_definition& s) { s.id.clear(); });
  CHECK(contains(m, "id: is empty"));
}

TEST_CASE("scale: fewer than one item") {
  for (int n : {0, -3}) {
    const auto m = problem([n](scale_definition& s) {
      s.items = n;
      s.item_names.clear();
    });
    CHECK(contains(m, "scale 'test': items: "));
    CHECK(contains(m, "below 1"));
  }
}

TEST_CASE("scale: min_code above max_code") {
  const auto m = problem([](scale_definition& s) {
    s.min_code = 6;
    s.options.clear();
  });
  CHECK(contains(m, "scale 'test': min_code: 6 is above max_code 5"));
}

TEST_CASE("scale: item_names of the wrong size") {
  CHECK(contains(problem([](scale_definition& s) { s.item_names.pop_back(); }), "item_names: 3 names for 4 items"));
  CHECK(contains(problem([](scale_definition& s) { s.item_names.push_back("t5"); }), "item_names: 5 names for 4 items"));
}

TEST_CASE("scale: option codes outside the code range or repeated") {
  CHECK(contains(problem([](scale_definition& s) { s.options.push_back({6, "x"}); }),
                 "options[2].code: 6 is outside 1..5"));
  CHECK(contains(problem([](scale_definition& s) { s.options.push_back({0, "x"}); }),
                 "options[2].code: 0 is outside 1..5"));
  CHECK(contains(problem([](scale_definition& s) { s.options.push_back({1, "again"}); }),
                 "options[2].code: 1 is repeated"));
}

TEST_CASE("scale: reverse_items outside 1..items or repeated") {
  CHECK(contains(problem([](scale_definition& s) { s.reverse_items = {0}; }), "reverse_items: item 0 is outside 1..4"));
  CHECK(contains(problem([](scale_definition& s) { s.reverse_items = {5}; }), "reverse_items: item 5 is outside 1..4"));
  CHECK(contains(problem([](scale_definition& s) { s.reverse_items = {2, 3, 2}; }), "reverse_items: item 2 is repeated"));
}

TEST_CASE("scale: dichotomous_count needs one list of scoring codes per item, within the code range") {
  scale_definition s = dichotomous();
  s.scoring_codes.pop_back();
  CHECK(contains(message_of<argument_error>([&] { s.validate(); }), "scale 'dich': scoring_codes: 1 lists for 2 items"));

  s = dichotomous();
  s.scoring_codes.push_back({1});
  CHECK(contains(message_of<argument_error>([&] { s.validate(); }), "scoring_codes: 3 lists for 2 items"));

  s = dichotomous();
  s.scoring_codes[1] = {0, 2};
  CHECK(contains(message_of<argument_error>([&] { s.validate(); }), "scoring_codes[1]: code 2 is outside 0..1"));

  s = dichotomous();
  s.scoring_codes[0] = {1, 1};
  CHECK(contains(message_of<argument_error>([&] { s.validate(); }), "scoring_codes[0]: code 1 is repeated"));
}

TEST_CASE("scale: scoring codes or a conversion that the rule would ignore") {
  CHECK(contains(problem([](scale_definition& s) { s.scoring_codes = {{1}, {1}, {1}, {1}}; }),
                 "scoring_codes: given, but only used with rule dichotomous_count"));
  CHECK(contains(problem([](scale_definition& s) { s.conversion = {{4, 4.0}}; }),
                 "conversion: given, but only used with rule lookup"));
}

TEST_CASE("scale: lookup needs every attainable raw sum in increasing order") {
  scale_definition s = lookup();
  s.conversion.pop_back();  // raw 6 not covered
  auto m = message_of<argument_error>([&] { s.validate(); });
  CHECK(contains(m, "scale 'look': conversion: 4 entries"));
  CHECK(contains(m, "2..6"));

  s = lookup();
  std::swap(s.conversion[1], s.conversion[2]);  // 2, 4, 3, 5, 6
  CHECK(contains(message_of<argument_error>([&] { s.validate(); }), "conversion[1]: raw sum 4 where 3 was expected"));

  s = lookup();
  s.conversion[0].first = 1;  // 1, 3, 4, 5, 6: the first raw sum is not attainable, 2 is missing
  CHECK(contains(message_of<argument_error>([&] { s.validate(); }), "conversion[0]: raw sum 1 where 2 was expected"));

  s = lookup();
  s.conversion.clear();
  CHECK(contains(message_of<argument_error>([&] { s.validate(); }), "conversion: 0 entries"));
}

TEST_CASE("scale: subscale items outside 1..items or repeated within a subscale") {
  CHECK(contains(problem([](scale_definition& s) { s.subscales[0].items = {1, 9}; }),
                 "subscales[0].items: item 9 is outside 1..4"));
  CHECK(contains(problem([](scale_definition& s) { s.subscales[0].items = {3, 3}; }),
                 "subscales[0].items: item 3 is repeated"));
  CHECK(contains(problem([](scale_definition& s) { s.subscales[0].items.clear(); }), "subscales[0].items: no items"));
  // Items may appear in several subscales.
  scale_definition s = base();
  s.subscales.push_back(s.subscales[0]);
  s.subscales[1].id = "again";
  CHECK_NOTHROW(s.validate());
  s.subscales[1].id = "first";
  CHECK(contains(message_of<argument_error>([&] { s.validate(); }), "subscales[1].id: 'first' is repeated"));
}

TEST_CASE("scale: score_min above score_max") {
  CHECK(contains(problem([](scale_definition& s) {
                   s.score_min = 21;
                   s.cutoffs.clear();
                 }),
                 "scale 'test': score_min: 21 is above score_max 20"));
  CHECK(contains(problem([](scale_definition& s) {
                   s.subscales[0].score_min = 11;
                   s.subscales[0].cutoffs.clear();
                 }),
                 "subscales[0].score_min: 11 is above score_max 10"));
}

TEST_CASE("scale: cut-off categories out of order, overlapping, or with min above max") {
  CHECK(contains(problem([](scale_definition& s) { std::swap(s.cutoffs[0].categories[0], s.cutoffs[0].categories[1]); }),
                 "cutoffs[0].categories[1]: not in increasing order"));
  CHECK(contains(problem([](scale_definition& s) { s.cutoffs[0].categories[1].min = 9; }),
                 "cutoffs[0].categories[1]: overlaps the previous category (4..9 and 9..14)"));
  CHECK(contains(problem([](scale_definition& s) { s.cutoffs[0].categories[2] = {15, 14.5, "high"}; }),
                 "cutoffs[0].categories[2]: min 15 is above max 14.5"));
  CHECK(contains(problem([](scale_definition& s) { s.subscales[0].cutoffs[0].categories[1].min = 4.5; }),
                 "subscales[0].cutoffs[0].categories[1]: overlaps"));
  CHECK(contains(problem([](scale_definition& s) { s.cutoffs[0].categories[2].max = 21; }),
                 "cutoffs[0].categories[2]: band 15..21 is outside the score range 4..20"));
  CHECK(contains(problem([](scale_definition& s) { s.cutoffs[0].categories.clear(); }),
                 "cutoffs[0].categories: no categories"));
}

TEST_CASE("scale: complete_only with max_missing other than 0") {
  const auto m = problem([](scale_definition& s) { s.missing = {missing_policy::complete_only, 1}; });
  CHECK(contains(m, "missing.max_missing: 1 with policy complete_only"));
  CHECK(contains(problem([](scale_definition& s) { s.subscales[0].missing = {missing_policy::complete_only, 1}; }),
                 "subscales[0].missing.max_missing"));
}

TEST_CASE("scale: max_missing negative or not below the number of items") {
  CHECK(contains(problem([](scale_definition& s) { s.missing = {missing_policy::prorate, -1}; }),
                 "missing.max_missing: -1 is negative"));
  CHECK(contains(problem([](scale_definition& s) { s.missing = {missing_policy::prorate, 4}; }),
                 "missing.max_missing: 4 is not below the number of items (4)"));
  CHECK(contains(problem([](scale_definition& s) { s.missing = {missing_policy::count_answered, 5}; }),
                 "missing.max_missing: 5 is not below the number of items (4)"));
  // A subscale counts its own items.
  CHECK(contains(problem([](scale_definition& s) { s.subscales[0].missing = {missing_policy::prorate, 2}; }),
                 "subscales[0].missing.max_missing: 2 is not below the number of items (2)"));
  CHECK_NOTHROW([] {
    scale_definition s = base();
    s.missing = {missing_policy::prorate, 3};
    s.validate();
  }());
}

TEST_CASE("scale: prorate is not meaningful with dichotomous_count or lookup") {
  scale_definition s = dichotomous();
  s.missing = {missing_policy::prorate, 1};
  CHECK(contains(message_of<argument_error>([&] { s.validate(); }),
                 "scale 'dich': missing.policy: prorate is not meaningful with rule dichotomous_count"));
  s.missing = {missing_policy::count_answered, 1};
  CHECK_NOTHROW(s.validate());

  s = lookup();
  s.missing = {missing_policy::prorate, 1};
  CHECK(contains(message_of<argument_error>([&] { s.validate(); }),
                 "missing.policy: prorate is not meaningful with rule lookup"));
}

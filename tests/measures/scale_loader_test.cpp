// Tests of include/socialcure/measures/scale_loader.hpp: round trips of every catalogue entry,
// a custom scale from a JSON string, and the data_error of each malformed case.
#include "socialcure/measures/scale_loader.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "socialcure/core/error.hpp"
#include "socialcure/measures/catalogue.hpp"
#include "support.hpp"

using socialcure::data_error;
using socialcure::fact_confidence;
using socialcure::improvement;
using socialcure::load_scale;
using socialcure::missing_policy;
using socialcure::scale_definition;
using socialcure::scale_from_json;
using socialcure::scale_to_json;
using socialcure::scoring_rule;
using socialcure_test::contains;
using socialcure_test::data_error_of;
using socialcure_test::message_of;

namespace {

void check_same(const socialcure::cutoff_set& a, const socialcure::cutoff_set& b) {
  CHECK(a.name == b.name);
  CHECK(a.source == b.source);
  CHECK(a.confidence == b.confidence);
  REQUIRE(a.categories.size() == b.categories.size());
  for (std::size_t i = 0; i < a.categories.size(); ++i) {
    CHECK(a.categories[i].min == b.categories[i].min);
    CHECK(a.categories[i].max == b.categories[i].max);
    CHECK(a.categories[i].label == b.categories[i].label);
  }
}

void check_same(const std::vector<socialcure::cutoff_set>& a, const std::vector<socialcure::cutoff_set>& b) {
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) check_same(a[i], b[i]);
}

// Field by field (the struct has no operator==).
void check_same(const scale_definition& a, const scale_definition& b) {
  CHECK(a.id == b.id);
  CHECK(a.name == b.name);
  CHECK(a.citation == b.citation);
  CHECK(a.construct == b.construct);
  CHECK(a.items == b.items);
  CHECK(a.item_names == b.item_names);
  CHECK(a.min_code == b.min_code);
  CHECK(a.max_code == b.max_code);
  REQUIRE(a.options.size() == b.options.size());
  for (std::size_t i = 0; i < a.options.size(); ++i) {
    CHECK(a.options[i].code == b.options[i].code);
    CHECK(a.options[i].label == b.options[i].label);
  }
  CHECK(a.reverse_items == b.reverse_items);
  CHECK(a.rule == b.rule);
  CHECK(a.scoring_codes == b.scoring_codes);
  CHECK(a.conversion == b.conversion);  // exact: doubles are written so that they read back unchanged
  REQUIRE(a.subscales.size() == b.subscales.size());
  for (std::size_t i = 0; i < a.subscales.size(); ++i) {
    const auto& x = a.subscales[i];
    const auto& y = b.subscales[i];
    CHECK(x.id == y.id);
    CHECK(x.name == y.name);
    CHECK(x.items == y.items);
    CHECK(x.score_min == y.score_min);
    CHECK(x.score_max == y.score_max);
    CHECK(x.missing.policy == y.missing.policy);
    CHECK(x.missing.max_missing == y.missing.max_missing);
    check_same(x.cutoffs, y.cutoffs);
  }
  CHECK(a.score_min == b.score_min);
  CHECK(a.score_max == b.score_max);
  CHECK(a.higher_means == b.higher_means);
  CHECK(a.better == b.better);
  check_same(a.cutoffs, b.cutoffs);
  CHECK(a.missing.policy == b.missing.policy);
  CHECK(a.missing.max_missing == b.missing.max_missing);
  REQUIRE(a.facts.size() == b.facts.size());
  for (std::size_t i = 0; i < a.facts.size(); ++i) {
    CHECK(a.facts[i].what == b.facts[i].what);
    CHECK(a.facts[i].confidence == b.facts[i].confidence);
  }
  CHECK(a.licence == b.licence);
}

const char* const custom = R"({
  "id": "my3",
  "name": "My 3-item scale",
  "items": 3,
  "item_names": ["m1", "m2", "m3"],
  "min_code": 1,
  "max_code": 5,
  "options": [{"code": 1, "label": "never"}, {"code": 5}],
  "reverse_items": [2],
  "rule": "mean",
  "subscales": [{"id": "pair", "items": [1, 3], "score_min": 1, "score_max": 5,
                 "missing": {"policy": "complete_only"}}],
  "score_min": 1,
  "score_max": 5,
  "higher_means": "more",
  "better": "higher",
  "cutoffs": [{"name": "bands", "confidence": "unconfirmed",
               "categories": [{"min": 1, "max": 2.5, "label": "low"}, {"min": 2.6, "max": 5}]}],
  "missing": {"policy": "prorate", "max_missing": 1},
  "facts": [{"what": "codes", "confidence": "single_source"}, {"what": "anchors"}]
})";

// The smallest valid definition; malformed cases are built by replacing a part of it.
std::string minimal(const std::string& extra = {}) {
  return R"({"id": "m", "name": "m", "items": 3, "min_code": 1, "max_code": 3, "rule": "sum", "score_min": 3,
 "score_max": 9)" +
         extra + "}";
}

std::string error_of(const std::string& text) {
  return message_of<data_error>([&] { (void)scale_from_json(text, "my.json"); });
}

}  // namespace

TEST_CASE("scale_loader: every catalogue entry survives a round trip through JSON") {
  for (const auto& s : socialcure::scale_catalogue()) {
    CAPTURE(s.id);
    const std::string text = scale_to_json(s);
    const scale_definition back = scale_from_json(text, s.id + ".json");
    check_same(back, s);
    CHECK(scale_to_json(back) == text);
  }
}

TEST_CASE("scale_loader: a custom scale from a JSON string") {
  const scale_definition s = scale_from_json(custom, "<string>");
  CHECK(s.id == "my3");
  CHECK(s.name == "My 3-item scale");
  CHECK(s.citation.empty());
  CHECK(s.items == 3);
  CHECK(s.item_names == std::vector<std::string>{"m1", "m2", "m3"});
  CHECK(s.min_code == 1);
  CHECK(s.max_code == 5);
  REQUIRE(s.options.size() == 2);
  CHECK(s.options[0].label == "never");
  CHECK(s.options[1].code == 5);
  CHECK(s.options[1].label.empty());
  CHECK(s.reverse_items == std::vector<int>{2});
  CHECK(s.rule == scoring_rule::mean);
  REQUIRE(s.subscales.size() == 1);
  CHECK(s.subscales[0].items == std::vector<int>{1, 3});
  CHECK(s.subscales[0].missing.policy == missing_policy::complete_only);
  CHECK(s.subscales[0].missing.max_missing == 0);
  CHECK(s.better == improvement::higher);
  REQUIRE(s.cutoffs.size() == 1);
  CHECK(s.cutoffs[0].confidence == fact_confidence::unconfirmed);
  CHECK(s.cutoffs[0].categories[0].max == 2.5);
  CHECK(s.cutoffs[0].categories[1].min == 2.6);
  CHECK(s.missing.policy == missing_policy::prorate);
  CHECK(s.missing.max_missing == 1);
  REQUIRE(s.facts.size() == 2);
  CHECK(s.facts[0].confidence == fact_confidence::single_source);
  CHECK(s.facts[1].confidence == fact_confidence::confirmed);  // the struct's default
  CHECK(s.has_unconfirmed());
}

TEST_CASE("scale_loader: a conversion table as [raw, converted] pairs") {
  const auto s = scale_from_json(
      R"({"id": "l", "name": "l", "items": 1, "min_code": 0, "max_code": 2, "rule": "lookup",
          "conversion": [[0, 0.5], [1, 1.25], [2, 3]], "score_min": 0, "score_max": 3})",
      "<string>");
  REQUIRE(s.conversion.size() == 3);
  CHECK(s.conversion[1] == std::pair<double, double>{1.0, 1.25});
  CHECK(contains(error_of(R"({"id": "l", "name": "l", "items": 1, "min_code": 0, "max_code": 2, "rule": "lookup",
          "conversion": [[0, 0.5], [1], [2, 3]], "score_min": 0, "score_max": 3})"),
                 "conversion[1]: expected a [raw, converted] pair"));
}

TEST_CASE("scale_loader: the minimal definition used below is valid") {
  CHECK_NOTHROW((void)scale_from_json(minimal(), "my.json"));
}

TEST_CASE("scale_loader: a syntax error names the file and the line") {
  // Line 3 has a missing comma after the value.
  const std::string text = "{\n  \"id\": \"x\",\n  \"name\": \"x\" \"items\": 3\n}";
  const auto e = data_error_of([&] { (void)scale_from_json(text, "bad.json"); });
  REQUIRE(e.has_value());
  CHECK(e->where().file == "bad.json");
  CHECK(e->where().line == 3);
  CHECK(contains(e->what(), "bad.json:3: JSON syntax error"));

  // Unterminated object: the error is at the end, on the last line.
  const auto end = data_error_of([] { (void)scale_from_json("{\n\"id\": \"x\",\n", "cut.json"); });
  REQUIRE(end.has_value());
  CHECK(end->where().line == 3);

  const auto first = data_error_of([] { (void)scale_from_json("nonsense", "n.json"); });
  REQUIRE(first.has_value());
  CHECK(first->where().line == 1);
}

TEST_CASE("scale_loader: a number beyond the range of a double is a data_error naming the file and the line") {
  // Regression (found by tests/fuzz/fuzz_scale_loader): nlohmann's number overflow
  // (out_of_range.406) escaped as a nlohmann::json exception instead of a data_error.
  const auto e = data_error_of([] { (void)scale_from_json("{\"id\": \"m\",\n \"score_min\": -1e999}", "big.json"); });
  REQUIRE(e.has_value());
  CHECK(e->where().file == "big.json");
  CHECK(e->where().line == 2);
  CHECK(contains(e->what(), "big.json:2: JSON number out of the range of a double at character "));
  CHECK(contains(e->what(), "1e999"));
}

TEST_CASE("scale_loader: unknown keys name the path and list the allowed keys") {
  auto m = error_of(minimal(R"(, "colour": "red")"));
  CHECK(contains(m, "my.json: colour: unknown key 'colour'"));
  CHECK(contains(m, "allowed: id, name, citation"));

  m = error_of(minimal(R"(, "subscales": [{"id": "a", "items": [1]}, {"id": "b", "items": [2], "weight": 2}])"));
  CHECK(contains(m, "subscales[1].weight: unknown key 'weight'"));
  CHECK(contains(m, "allowed: id, name, items, score_min, score_max, missing, cutoffs"));

  m = error_of(minimal(R"(, "missing": {"policy": "complete_only", "max": 0})"));
  CHECK(contains(m, "missing.max: unknown key 'max'"));
  CHECK(contains(m, "(allowed: policy, max_missing)"));
}

TEST_CASE("scale_loader: values of the wrong type name the path") {
  auto m = error_of(minimal(R"(, "subscales": [{"id": "a", "items": [1]}, {"id": "b", "items": [1, 2, "3"]}])"));
  CHECK(contains(m, "my.json: subscales[1].items[2]: expected an integer, found a string"));
  CHECK(contains(m, "\"3\""));

  m = error_of(R"({"id": "m", "name": "m", "items": "3", "min_code": 1, "max_code": 3, "rule": "sum"})");
  CHECK(contains(m, "items: expected an integer, found a string"));

  m = error_of(R"({"id": "m", "name": "m", "items": 3.5, "min_code": 1, "max_code": 3, "rule": "sum"})");
  CHECK(contains(m, "items: expected an integer, found a number"));

  m = error_of(minimal(R"(, "cutoffs": [{"categories": [{"min": 3, "max": "five"}]}])"));
  CHECK(contains(m, "cutoffs[0].categories[0].max: expected a number, found a string"));

  m = error_of(minimal(R"(, "reverse_items": 2)"));
  CHECK(contains(m, "reverse_items: expected an array of integers, found an integer"));

  m = error_of("[1, 2]");
  CHECK(contains(m, "my.json: (top level): expected an object, found an array"));

}

TEST_CASE("scale_loader: repeated keys are errors naming the path") {
  auto m = error_of(minimal(R"(, "items": 3)"));
  CHECK(contains(m, "my.json: items: repeated key 'items'"));
  m = error_of(minimal(R"(, "subscales": [{"id": "a", "items": [1]}, {"id": "b", "items": [2], "id": "c"}])"));
  CHECK(contains(m, "subscales[1].id: repeated key 'id'"));
  m = error_of(minimal(R"(, "cutoffs": [{"categories": [{"min": 3, "max": 4}, {"min": 5, "max": 6, "min": 7}]}])"));
  CHECK(contains(m, "cutoffs[0].categories[1].min: repeated key 'min'"));
}

TEST_CASE("scale_loader: enum values must be one of the documented strings") {
  auto m = error_of(R"({"id": "m", "name": "m", "items": 3, "min_code": 1, "max_code": 3, "rule": "total"})");
  CHECK(contains(m, "rule: unknown value: \"total\" (allowed: sum, mean, dichotomous_count, lookup, none)"));
  m = error_of(minimal(R"(, "facts": [{"what": "x", "confidence": "sure"}])"));
  CHECK(contains(m, "facts[0].confidence: unknown value: \"sure\" (allowed: confirmed, single_source, unconfirmed)"));
  m = error_of(minimal(R"(, "better": "up")"));
  CHECK(contains(m, "better: unknown value"));
  m = error_of(minimal(R"(, "missing": {"policy": "drop"})"));
  CHECK(contains(m, "missing.policy: unknown value"));
}

TEST_CASE("scale_loader: missing required keys are named") {
  for (const char* key : {"id", "name", "items", "min_code", "max_code", "rule"}) {
    CAPTURE(key);
    std::string text = R"({"id": "m", "name": "m", "items": 3, "min_code": 1, "max_code": 3, "rule": "sum"})";
    const std::string needle = std::string("\"") + key + "\": ";
    const auto at = text.find(needle);
    REQUIRE(at != std::string::npos);
    const auto comma = text.find_first_of(",}", at);
    text.erase(at, comma - at + (text[comma] == ',' ? 2 : 0));
    if (text.find(", }") != std::string::npos) text.replace(text.find(", }"), 3, "}");
    const auto m = error_of(text);
    CHECK(contains(m, std::string("my.json: ") + key + ": required key '" + key + "' is missing"));
  }
  CHECK(contains(error_of(minimal(R"(, "subscales": [{"id": "a"}])")),
                 "subscales[0].items: required key 'items' is missing"));
}

TEST_CASE("scale_loader: an invalid definition names the file and the problem") {
  const auto e = data_error_of([] { (void)scale_from_json(minimal(R"(, "reverse_items": [9])"), "my.json"); });
  REQUIRE(e.has_value());
  CHECK(e->where().file == "my.json");
  CHECK(contains(e->what(), "my.json: invalid scale definition: scale 'm': reverse_items: item 9 is outside 1..3"));
}

TEST_CASE("scale_loader: load_scale reads a file and names it in errors") {
  const auto dir = std::filesystem::temp_directory_path();
  const auto good = (dir / "socialcure_scale_loader_test_good.json").string();
  const auto bad = (dir / "socialcure_scale_loader_test_bad.json").string();
  {
    std::ofstream(good) << custom;
    std::ofstream(bad) << "{\n\"id\": \"x\",\n\"name\": \"x\",\n\"items\": 3,\n\"min_code\": 1,\n\"max_code\": 3,\n"
                          "\"rule\": \"sum\",\n\"reverse_items\": [9]\n}\n";
  }
  CHECK(load_scale(good).id == "my3");
  const auto m = message_of<data_error>([&] { (void)load_scale(bad); });
  CHECK(contains(m, bad + ": invalid scale definition"));
  CHECK(contains(m, "reverse_items: item 9 is outside 1..3"));
  std::remove(good.c_str());
  std::remove(bad.c_str());

  const auto missing = (dir / "socialcure_scale_loader_test_no_such_file.json").string();
  CHECK(contains(message_of<data_error>([&] { (void)load_scale(missing); }), missing + ": cannot open"));
}

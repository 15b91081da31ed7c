// Tests of include/socialcure/report/measures_report.hpp: catalogue_json, scale_json (reads back
// through scale_from_json), scores_json and scores_csv for a hand-made scale with values
// calculated by hand, and reliability_json / reliability_text (schema, documented keys, numbers
// read back bit-identical, omega null when absent).
#include "socialcure/report/measures_report.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "socialcure/core/missing.hpp"
#include "socialcure/measures/catalogue.hpp"
#include "socialcure/measures/reliability.hpp"
#include "socialcure/measures/scale_loader.hpp"
#include "socialcure/measures/scoring.hpp"
#include "support.hpp"

using nlohmann::json;
using socialcure::alpha_result;
using socialcure::catalogue_json;
using socialcure::catalogue_text;
using socialcure::omega_result;
using socialcure::reliability_json;
using socialcure::reliability_text;
using socialcure::scale_catalogue;
using socialcure::scale_definition;
using socialcure::scale_from_json;
using socialcure::scale_json;
using socialcure::scale_scores;
using socialcure::scores_csv;
using socialcure::scores_json;
using socialcure::scores_text;
using socialcure_test::contains;
using socialcure_test::join;

namespace {

/// Bit-identical comparison of doubles (a JSON number must read back to the same double).
bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

/// A 4-item sum scale, codes 1..5, item 2 reverse-keyed (6 - code), prorated with at most 1 item
/// missing, bands 4-11 "low" and 12-20 "high", and a subscale "pos" of items 1 and 3 (every item
/// needed).
scale_definition t4_scale() {
  scale_definition s;
  s.id = "t4";
  s.name = "Test 4-item scale";
  s.construct = "test";
  s.items = 4;
  s.min_code = 1;
  s.max_code = 5;
  s.reverse_items = {2};
  s.rule = socialcure::scoring_rule::sum;
  s.score_min = 4;
  s.score_max = 20;
  s.higher_means = "more";
  s.cutoffs = {{"test bands", "hand-made", socialcure::fact_confidence::confirmed, {{4, 11, "low"}, {12, 20, "high"}}}};
  s.missing = {socialcure::missing_policy::prorate, 1};
  socialcure::subscale pos;
  pos.id = "pos";
  pos.name = "items 1 and 3";
  pos.items = {1, 3};
  pos.score_min = 2;
  pos.score_max = 10;
  s.subscales = {pos};
  s.validate();
  return s;
}

// Respondents (q2 reversed as 6 - q2):
//   A: 1,2,3,4   -> 1 + 4 + 3 + 4 = 12, "high", 4 answered; pos = 1 + 3 = 4
//   B: 5,NA,5,4  -> 3 answered, sum 14, prorated 14 / 3 * 4 = 56/3 = 18.67, "high"; pos = 10
//   C: NA,NA,1,1 -> 2 of 4 missing > 1 allowed: no score, 2 answered; pos missing (item 1 missing)
//   D: 2,5,1,1   -> 2 + 1 + 1 + 1 = 5, "low"; pos = 3
const char* const t4_data =
    "id,q1,q2,q3,q4\n"
    "A,1,2,3,4\n"
    "B,5,,5,4\n"
    "C,,,1,1\n"
    "D,2,5,1,1\n";

scale_scores t4_scores() {
  const auto data = socialcure_test::read_id_as_text(t4_data, "t4.csv");
  return socialcure::score_table(t4_scale(), data, {"q1", "q2", "q3", "q4"}, "id");
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

/// A 6 x 3 matrix of item responses (no missing values).
Eigen::MatrixXd small_items() {
  Eigen::MatrixXd x(6, 3);
  x << 1, 2, 2,  //
      2, 2, 3,   //
      3, 4, 3,   //
      4, 3, 5,   //
      5, 5, 4,   //
      2, 1, 2;
  return x;
}

}  // namespace

TEST_CASE("catalogue_json: schema and one entry per catalogue scale, in order") {
  const auto& catalogue = scale_catalogue();
  const json j = json::parse(catalogue_json(catalogue));
  CHECK(j.at("schema") == "socialcure.scales/1");
  REQUIRE(j.at("scales").is_array());
  REQUIRE(j.at("scales").size() == catalogue.size());
  std::vector<std::string> got, expected;
  for (const auto& s : j.at("scales")) got.push_back(s.at("id").get<std::string>());
  for (const auto& s : catalogue) expected.push_back(s.id);
  CHECK(join(got) == join(expected));
  for (std::size_t i = 0; i < catalogue.size(); ++i) {
    const auto& e = j.at("scales")[i];
    CAPTURE(catalogue[i].id);
    for (const char* key : {"id", "name", "construct", "items", "codes", "rule", "score_min", "score_max",
                            "higher_means", "unconfirmed"}) {
      CHECK_MESSAGE(e.contains(key), key);
    }
    CHECK(e.at("items") == catalogue[i].items);
    CHECK(e.at("codes") == json::array({catalogue[i].min_code, catalogue[i].max_code}));
    CHECK(e.at("unconfirmed").is_array());
  }
  // The empty catalogue is still a valid document.
  const json empty = json::parse(catalogue_json({}));
  CHECK(empty.at("schema") == "socialcure.scales/1");
  CHECK(empty.at("scales").empty());
}

TEST_CASE("catalogue_text lists every id") {
  const std::string text = catalogue_text(scale_catalogue());
  for (const auto& s : scale_catalogue()) CHECK_MESSAGE(contains(text, s.id), s.id);
}

TEST_CASE("scale_json: schema, and the definition reads back through scale_from_json") {
  std::vector<scale_definition> scales = scale_catalogue();
  scales.push_back(t4_scale());
  for (const auto& s : scales) {
    CAPTURE(s.id);
    json j = json::parse(scale_json(s));
    CHECK(j.at("schema") == "socialcure.scale/1");
    CHECK(nlohmann::ordered_json::parse(scale_json(s)).begin().key() == "schema");  // written first
    j.erase("schema");
    const scale_definition back = scale_from_json(j.dump(), "<scale_json " + s.id + ">");
    CHECK(back.id == s.id);
    CHECK(back.name == s.name);
    CHECK(back.items == s.items);
    CHECK(back.min_code == s.min_code);
    CHECK(back.max_code == s.max_code);
    CHECK(back.reverse_items == s.reverse_items);
    CHECK(back.rule == s.rule);
    CHECK(back.subscales.size() == s.subscales.size());
    CHECK(back.cutoffs.size() == s.cutoffs.size());
  }
  // With the schema key left in, the loader refuses it (unknown keys are errors).
  const std::string with_schema = scale_json(t4_scale());
  CHECK(contains(socialcure_test::message_of<socialcure::data_error>(
                     [&] { (void)scale_from_json(with_schema, "with_schema.json"); }),
                 "schema"));
}

TEST_CASE("scores_json: schema, counts and per-respondent values of a hand calculation") {
  const json j = json::parse(scores_json(t4_scores()));
  CHECK(j.at("schema") == "socialcure.scores/1");
  CHECK(j.at("scale") == "t4");
  CHECK(j.at("n") == 4);
  CHECK(j.at("n_scored") == 3);
  CHECK(j.at("n_unscorable") == 1);
  CHECK(j.at("n_invalid_set_missing") == 0);
  CHECK(j.at("n_prorated") == 1);
  const json& r = j.at("respondents");
  REQUIRE(r.size() == 4);

  CHECK(r[0].at("id") == "A");
  CHECK(r[0].at("score").get<double>() == 12.0);
  CHECK(r[0].at("category") == "high");
  CHECK(r[0].at("items_answered") == 4);
  CHECK(r[0].at("prorated") == false);
  CHECK(r[0].at("reason").is_null());
  CHECK(r[0].at("subscales").at("pos").get<double>() == 4.0);

  CHECK(r[1].at("id") == "B");
  CHECK(r[1].at("score").get<double>() == doctest::Approx(56.0 / 3.0).epsilon(1e-14));
  CHECK(r[1].at("category") == "high");
  CHECK(r[1].at("items_answered") == 3);
  CHECK(r[1].at("prorated") == true);
  CHECK(r[1].at("reason").is_null());
  CHECK(r[1].at("subscales").at("pos").get<double>() == 10.0);

  CHECK(r[2].at("id") == "C");
  CHECK(r[2].at("score").is_null());
  CHECK(r[2].at("category").is_null());
  CHECK(r[2].at("items_answered") == 2);
  CHECK(r[2].at("prorated") == false);
  REQUIRE(r[2].at("reason").is_string());
  CHECK(r[2].at("reason") == "2 of 4 items missing (at most 1 allowed)");
  CHECK(r[2].at("subscales").at("pos").is_null());

  CHECK(r[3].at("id") == "D");
  CHECK(r[3].at("score").get<double>() == 5.0);
  CHECK(r[3].at("category") == "low");
  CHECK(r[3].at("items_answered") == 4);
  CHECK(r[3].at("prorated") == false);
  CHECK(r[3].at("subscales").at("pos").get<double>() == 3.0);
}

TEST_CASE("scores_csv: every row kept, an empty field for a missing score, the documented columns") {
  const scale_scores scores = t4_scores();
  const std::string csv = scores_csv(scores, "id");
  const auto lines = lines_of(csv);
  REQUIRE(lines.size() == scores.respondents.size() + 1);
  CHECK(lines[0] == "id,t4,t4_category,t4_items_answered,t4_prorated,t4_reason,t4_pos");
  CHECK(lines[1].rfind("A,12,high,4,0,", 0) == 0);
  CHECK(lines[3].rfind("C,,,2,0,", 0) == 0);  // no score, no category
  CHECK(lines[4].rfind("D,5,low,4,0,", 0) == 0);

  // Read back: the missing score is missing, the prorated one is 56/3.
  const auto back = socialcure_test::read_id_as_text(csv, "scores.csv");
  REQUIRE(back.rows() == 4);
  CHECK(join(socialcure_test::strings_of(back, "id")) == "A, B, C, D");
  CHECK(socialcure_test::missing_of(back, "t4") == std::vector<bool>{false, false, true, false});
  const auto score = back.get("t4").numbers();
  CHECK(score[1] == doctest::Approx(56.0 / 3.0).epsilon(1e-9));
  CHECK(socialcure_test::missing_of(back, "t4_pos") == std::vector<bool>{false, false, true, false});
  CHECK(contains(csv, "2 of 4 items missing (at most 1 allowed)"));

  // The id column takes the given name.
  CHECK(lines_of(scores_csv(scores, "pid"))[0].rfind("pid,t4,", 0) == 0);
}

TEST_CASE("scores_text: counts and the reason") {
  const std::string text = scores_text(t4_scores());
  CHECK(contains(text, "t4"));
  CHECK(contains(text, "4 respondents"));
  CHECK(contains(text, "3 scored"));
  CHECK(contains(text, "1 not scorable"));
  CHECK(contains(text, "2 of 4 items missing (at most 1 allowed)"));
}

TEST_CASE("reliability_json: schema, keys and numbers read back bit-identical") {
  const Eigen::MatrixXd x = small_items();
  const std::vector<std::string> names{"item_a", "item_b", "item_c"};
  const alpha_result a = socialcure::cronbach_alpha(x, names);
  const omega_result o = socialcure::omega_total(x);
  const json j = json::parse(reliability_json(a, &o));

  CHECK(j.at("schema") == "socialcure.reliability/1");
  for (const char* key : {"n", "n_excluded", "k", "missing", "level", "alpha", "std_alpha", "average_r", "alpha_ci",
                          "omega_total", "omega_estimator", "loadings", "mean", "sd", "sem", "items"}) {
    CHECK_MESSAGE(j.contains(key), key);
  }
  CHECK(j.at("n") == 6);
  CHECK(j.at("k") == 3);
  CHECK(j.at("missing") == "pairwise");
  CHECK(same_bits(j.at("alpha").get<double>(), a.raw_alpha));
  CHECK(same_bits(j.at("std_alpha").get<double>(), a.std_alpha));
  CHECK(same_bits(j.at("average_r").get<double>(), a.average_r));
  REQUIRE(j.at("alpha_ci").is_array());
  REQUIRE(j.at("alpha_ci").size() == 2);
  CHECK(same_bits(j.at("alpha_ci")[0].get<double>(), a.alpha_ci_lower));
  CHECK(same_bits(j.at("alpha_ci")[1].get<double>(), a.alpha_ci_upper));
  CHECK(same_bits(j.at("omega_total").get<double>(), o.omega_total));
  CHECK(same_bits(j.at("mean").get<double>(), a.mean));
  CHECK(same_bits(j.at("sd").get<double>(), a.sd));
  REQUIRE(j.at("loadings").size() == 3);
  REQUIRE(j.at("items").size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    const json& item = j.at("items")[i];
    CHECK(item.at("item") == names[i]);
    CHECK(item.at("n") == 6);
    CHECK(same_bits(item.at("r_drop").get<double>(), a.items[i].r_drop));
    CHECK(same_bits(item.at("alpha_if_deleted").get<double>(), a.items[i].alpha_if_deleted));
    CHECK(same_bits(item.at("mean").get<double>(), a.items[i].mean));
    CHECK(same_bits(item.at("sd").get<double>(), a.items[i].sd));
  }

  // Hand calculation for this matrix: item variances 13/6, 13/6, 41/30 (sum 171/30); the total
  // score 5,7,10,12,14,5 has variance 85/6; alpha = 3/2 (1 - (171/30) / (85/6)) = 381/425 = 0.896471.
  CHECK(j.at("alpha").get<double>() == doctest::Approx(381.0 / 425.0));
  CHECK(j.at("mean").get<double>() == doctest::Approx(53.0 / 18.0));
}

TEST_CASE("reliability_json: bit-identical awkward values, null omega without one") {
  alpha_result a;
  a.n = 10;
  a.n_excluded = 2;
  a.k = 2;
  a.missing = socialcure::missing_handling::listwise;
  a.level = 0.9;
  a.raw_alpha = 0.1 + 0.2;  // 0.30000000000000004
  a.std_alpha = 1.0 / 3.0;
  a.average_r = 0.70301844605730412;
  a.alpha_ci_lower = std::nextafter(0.25, 0.0);
  a.alpha_ci_upper = 2.0 / 3.0;
  a.mean = 4.6520952380952378;
  a.sd = 0.89840187707455144;
  a.items = {{"x1", 10, 1.1, 0.7, 1.0 / 7.0, std::nan(""), std::nan("")}, {"x2", 9, 2.2, 0.3, 0.1, 0.2, 0.3}};

  const json j = json::parse(reliability_json(a, nullptr));
  CHECK(j.at("schema") == "socialcure.reliability/1");
  CHECK(j.at("n") == 10);
  CHECK(j.at("n_excluded") == 2);
  CHECK(j.at("k") == 2);
  CHECK(j.at("missing") == "listwise");
  CHECK(same_bits(j.at("level").get<double>(), 0.9));
  CHECK(same_bits(j.at("alpha").get<double>(), a.raw_alpha));
  CHECK(same_bits(j.at("std_alpha").get<double>(), a.std_alpha));
  CHECK(same_bits(j.at("average_r").get<double>(), a.average_r));
  CHECK(same_bits(j.at("alpha_ci")[0].get<double>(), a.alpha_ci_lower));
  CHECK(same_bits(j.at("alpha_ci")[1].get<double>(), a.alpha_ci_upper));
  CHECK(same_bits(j.at("mean").get<double>(), a.mean));
  CHECK(same_bits(j.at("sd").get<double>(), a.sd));
  CHECK(j.at("omega_total").is_null());
  CHECK(j.at("omega_estimator").is_null());
  CHECK(j.at("loadings").is_null());
  REQUIRE(j.at("items").size() == 2);
  CHECK(j.at("items")[0].at("item") == "x1");
  CHECK(same_bits(j.at("items")[0].at("r_drop").get<double>(), 1.0 / 7.0));
  CHECK(j.at("items")[0].at("alpha_if_deleted").is_null());  // not finite -> null
  CHECK(same_bits(j.at("items")[1].at("alpha_if_deleted").get<double>(), 0.2));
  CHECK(j.at("items")[1].at("n") == 9);
}

TEST_CASE("reliability_text: names alpha, omega when given, and every item") {
  const Eigen::MatrixXd x = small_items();
  const std::vector<std::string> names{"item_a", "item_b", "item_c"};
  const alpha_result a = socialcure::cronbach_alpha(x, names);
  const omega_result o = socialcure::omega_total(x);
  const std::string with_omega = reliability_text(a, &o);
  CHECK(contains(with_omega, "Cronbach's alpha"));
  CHECK(contains(with_omega, "omega total"));
  for (const auto& n : names) CHECK_MESSAGE(contains(with_omega, n), n);
  const std::string without = reliability_text(a, nullptr);
  CHECK(contains(without, "Cronbach's alpha"));
  CHECK_FALSE(contains(without, "omega total"));
  for (const auto& n : names) CHECK_MESSAGE(contains(without, n), n);
}

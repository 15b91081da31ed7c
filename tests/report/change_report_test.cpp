// Tests of include/socialcure/report/change_report.hpp and attrition_report.hpp: the JSON carries
// every key the issue and the header document, numbers read back bit-identical to the result
// structs, optional parts are null when not asked for, missing statistics are null, and the text
// names the methods and exclusions. Input: a small hand-made pre/post set (values below).
#include "socialcure/report/change_report.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstring>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "socialcure/analyses/attrition.hpp"
#include "socialcure/core/missing.hpp"
#include "socialcure/report/attrition_report.hpp"
#include "support.hpp"

using nlohmann::json;
using socialcure_test::contains;

namespace {

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// Eight people; the last has no post value and the fourth a zero baseline.
Eigen::VectorXd pre_values() {
  Eigen::VectorXd v(8);
  v << 3, 5, 2, 0, 4, 6, 1, 3;
  return v;
}
Eigen::VectorXd post_values() {
  Eigen::VectorXd v(8);
  v << 1, 4, 2, 1, 2, 3, 1, socialcure::missing_value;
  return v;
}

// Every part of the change analysis: reliable and clinically significant change, a cut-off, counts.
socialcure::change_options every_part() {
  socialcure::change_options options;
  options.reliability = 0.8;
  options.better = socialcure::improvement::lower;
  options.criterion = socialcure::clinical_criterion::a;
  options.cutoff = 3;
  options.count = true;
  return options;
}

}  // namespace

TEST_CASE("change_json has the documented keys, values bit-identical to the result") {
  socialcure::change_options options = every_part();
  const auto result = socialcure::analyse_change(pre_values(), post_values(), options);
  const json j = json::parse(socialcure::change_json(result, "visits_t0", "visits_t1"));
  CHECK(j["schema"] == "socialcure.change/1");
  CHECK(j["pre"] == "visits_t0");
  CHECK(j["n"] == 7);
  CHECK(j["n_excluded"] == 1);
  for (const char* key : {"mean_pre", "mean_post", "mean_diff", "sd_diff", "t", "df", "p", "ci_lower", "ci_upper", "d_z",
                          "d_av", "d_rm", "g_av", "srm"}) {
    INFO(key);
    REQUIRE(j.contains(key));
    CHECK(j[key].is_number());
  }
  CHECK(same_bits(j["t"].get<double>(), result.t_test.t));
  CHECK(same_bits(j["d_z"].get<double>(), result.effects.d_z.estimate));
  CHECK(same_bits(j["effect_sizes"]["d_av"]["ci_lower"].get<double>(), result.effects.d_av.ci_lower));
  CHECK(j["effect_sizes"]["d_rm"]["ci_method"] == "noncentral_t_r_known");
  CHECK(j["wilcoxon"]["V"].is_number());
  CHECK(j["wilcoxon"]["method"] == std::string(socialcure::to_string(result.wilcoxon.method)));
  // One zero baseline among the 7 analysed.
  CHECK(j["percent_change"]["n_zero_baseline"] == 1);
  const json& rci = j["rci"];
  for (const char* key : {"se_diff", "improved", "deteriorated", "unchanged"}) CHECK(rci.contains(key));
  CHECK(same_bits(rci["se_diff"].get<double>(), result.reliable->s_diff));
  CHECK(rci["improved"] == result.reliable->n_improved);
  CHECK(rci["clinical"]["criterion"] == "a");
  CHECK(j["mcnemar"]["cutoff"] == 3.0);
  const json& rr = j["rate_ratio"];
  for (const char* key : {"estimate", "ci_lower", "ci_upper", "percent_change"}) CHECK(rr[key].is_number());
  // Hand check: totals over the 7 complete pairs: pre 21, post 14, so IRR = 14/21.
  CHECK(rr["estimate"].get<double>() == doctest::Approx(14.0 / 21.0).epsilon(1e-15));
}

TEST_CASE("change_json: optional parts null when not asked for; missing statistics null") {
  Eigen::VectorXd pre(3);
  Eigen::VectorXd post(3);
  pre << 1, 2, 3;
  post << 2, 3, 4;  // D constant: no t, no d_z, SD of D is 0
  const auto result = socialcure::analyse_change(pre, post);
  const json j = json::parse(socialcure::change_json(result, "a", "b"));
  CHECK(j["rci"].is_null());
  CHECK(j["mcnemar"].is_null());
  CHECK(j["rate_ratio"].is_null());
  CHECK(j["t"].is_null());
  CHECK(j["d_z"].is_null());
  CHECK(j["sd_diff"] == 0.0);
}

TEST_CASE("change_json: improved and deteriorated are null without a better direction") {
  socialcure::change_options options;
  options.reliability = 0.7;
  const auto result = socialcure::analyse_change(pre_values(), post_values(), options);
  const json j = json::parse(socialcure::change_json(result, "a", "b"));
  CHECK(j["rci"]["improved"].is_null());
  CHECK(j["rci"]["deteriorated"].is_null());
  CHECK(j["rci"]["decreased"].is_number());
  CHECK(j["rci"]["clinical"].is_null());
}

TEST_CASE("change_text names the exclusions, methods and parts") {
  socialcure::change_options options;
  options.reliability = 0.8;
  options.better = socialcure::improvement::lower;
  options.count = true;
  const auto result = socialcure::analyse_change(pre_values(), post_values(), options);
  const std::string text = socialcure::change_text(result, "visits_t0", "visits_t1");
  CHECK(contains(text, "Change from visits_t0 to visits_t1: 7 pairs (1 excluded: missing pre or post)"));
  CHECK(contains(text, "Paired t-test: t(6) = "));
  CHECK(contains(text, "noncentral_t_sd_known"));
  CHECK(contains(text, "Wilcoxon signed-rank"));
  CHECK(contains(text, "1 persons with a zero baseline excluded"));
  CHECK(contains(text, "lower is better"));
  CHECK(contains(text, "Rate ratio (post / pre): 0.6667"));
  CHECK_FALSE(contains(text, "McNemar"));
}

TEST_CASE("change_json and change_text are the same with and without the per-person values") {
  socialcure::change_options options = every_part();
  const auto lean = socialcure::analyse_change(pre_values(), post_values(), options);
  options.per_person = true;
  const auto full = socialcure::analyse_change(pre_values(), post_values(), options);
  REQUIRE(lean.scores.raw.empty());
  REQUIRE(full.scores.raw.size() == 8);
  CHECK(socialcure::change_json(lean, "pre", "post") == socialcure::change_json(full, "pre", "post"));
  CHECK(socialcure::change_text(lean, "pre", "post") == socialcure::change_text(full, "pre", "post"));
}

TEST_CASE("change_csv writes one row per input person with the statuses") {
  socialcure::change_options options;
  options.reliability = 0.8;
  options.better = socialcure::improvement::lower;
  options.per_person = true;
  const Eigen::VectorXd pre = pre_values();
  const Eigen::VectorXd post = post_values();
  const auto result = socialcure::analyse_change(pre, post, options);
  const std::vector<std::string> ids = {"a", "b", "c", "d", "e", "f", "g", "h"};
  const std::string csv = socialcure::change_csv(socialcure::change_person_table(result, pre, post, ids, "person"));
  CHECK(contains(csv, "person,pre,post,change,percent_change,percent_change_status,residualized_change,rc,rc_class,improvement\n"));
  CHECK(contains(csv, "\nd,0,1,1,,zero_baseline,"));
  CHECK(contains(csv, "\nh,3,,,,not_assessed,,,not_assessed,not_assessed"));
  CHECK(contains(csv, "\na,3,1,-2,-66.66666666666667,defined,"));
}

TEST_CASE("attrition_json and attrition_text") {
  const socialcure::table t = socialcure::parse_csv(
      "completed,age,sex\n1,40,f\n0,50,m\n1,61,f\n0,33,m\n1,,m\n0,45,f\n,70,f\n", "att.csv");
  const auto result = socialcure::compare_attrition(t, {"completed", socialcure::completion_rule::kind::flag}, {"age", "sex"});
  const json j = json::parse(socialcure::attrition_json(result));
  CHECK(j["schema"] == "socialcure.attrition/1");
  CHECK(j["n_completed"] == 3);
  CHECK(j["n_dropped"] == 3);
  CHECK(j["n_status_missing"] == 1);
  REQUIRE(j["variables"].size() == 2);
  CHECK(j["variables"][0]["variable"] == "age");
  CHECK(j["variables"][0]["test"] == "welch_t");
  CHECK(j["variables"][0]["n_missing"] == 1);
  CHECK(same_bits(j["variables"][0]["t"].get<double>(), result.variables[0].t));
  CHECK(j["variables"][1]["test"] == "chi_square");
  CHECK(j["variables"][1]["levels"][0]["level"] == "f");
  CHECK(j["variables"][1]["yates_corrected"] == true);
  const std::string text = socialcure::attrition_text(result);
  CHECK(contains(text, "3 completed, 3 dropped out of 7 rows"));
  CHECK(contains(text, "1 rows with an unknown status excluded"));
  CHECK(contains(text, "age: 1 rows without a value excluded."));
  CHECK(contains(text, "(Yates-corrected)"));
}

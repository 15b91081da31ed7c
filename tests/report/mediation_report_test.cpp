// Tests of include/socialcure/report/mediation_report.hpp: the JSON carries every key the issue
// and the header document, with numbers that read back bit-identical to the mediation_result
// (tolerance 0: same bits), standardized effects null for within-subject models, and the text has
// PROCESS's block order and names the seed and the number of replicates.
//
// Input: the reference data of tests/reference/mediation/ (data/tal_or.csv = psych::Tal_Or,
// data/dohle.csv, written by tests/reference/mediation/make_reference.R, R 4.2.2). The numbers
// themselves are checked against R in tests/analyses/mediation_test.cpp; here only their transport.
#include "socialcure/report/mediation_report.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstring>
#include <string>
#include <vector>

#include "reference_values.hpp"
#include "socialcure/analyses/mediation.hpp"
#include "socialcure/core/missing.hpp"
#include "support.hpp"

using nlohmann::json;
using socialcure_test::contains;
using socialcure_test::reference_data;
namespace sc = socialcure;

namespace {

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

/// A JSON number equal (bit for bit) to `v`, or null when v is missing.
void check_number(const json& j, double v, const std::string& what) {
  INFO(what);
  if (sc::is_missing(v)) {
    CHECK(j.is_null());
    return;
  }
  REQUIRE(j.is_number());
  CHECK(same_bits(j.get<double>(), v));
}

void check_coefficient(const json& j, const sc::coefficient& c, const std::string& what) {
  for (const char* key : {"estimate", "se", "t", "p", "ci_lower", "ci_upper"}) {
    INFO(what << "." << key);
    REQUIRE(j.contains(key));
  }
  check_number(j["estimate"], c.estimate, what + ".estimate");
  check_number(j["se"], c.se, what + ".se");
  check_number(j["t"], c.statistic, what + ".t");
  check_number(j["p"], c.p, what + ".p");
  check_number(j["ci_lower"], c.ci_lower, what + ".ci_lower");
  check_number(j["ci_upper"], c.ci_upper, what + ".ci_upper");
}

/// The estimate, interval and its problem of an effect, bit-identical.
void check_interval(const json& j, const sc::mediation_effect& e, const std::string& what) {
  check_number(j["estimate"], e.estimate, what + ".estimate");
  check_number(j["boot_se"], e.boot_se, what + ".boot_se");
  check_number(j["ci_lower"], e.ci_lower, what + ".ci_lower");
  check_number(j["ci_upper"], e.ci_upper, what + ".ci_upper");
  CHECK(j["ci_ok"] == e.ci_ok);
  CHECK(j["ci_problem"] == e.ci_problem);
}

void check_effect(const json& j, const sc::mediation_effect& e, bool contrast) {
  const std::string what = e.label;
  for (const char* key : {"label", "estimate", "boot_se", "ci_lower", "ci_upper", "ci_ok", "ci_problem"}) {
    INFO(what << "." << key);
    REQUIRE(j.contains(key));
  }
  CHECK(j["label"] == e.label);
  REQUIRE(j.contains(contrast ? "of" : "path"));
  CHECK(j[contrast ? "of" : "path"].get<std::vector<std::string>>() == e.path);
  check_interval(j, e, what);
  if (sc::is_missing(e.acceleration)) {
    CHECK_FALSE(j.contains("acceleration"));
  } else {
    REQUIRE(j.contains("acceleration"));
    check_number(j["acceleration"], e.acceleration, what + ".acceleration");
  }
  if (contrast) return;
  REQUIRE(j.contains("sobel"));
  if (sc::is_missing(e.sobel_se)) {
    CHECK(j["sobel"].is_null());
  } else {
    const json& s = j["sobel"];
    check_number(s["se"], e.sobel_se, what + ".sobel.se");
    check_number(s["z"], e.sobel_z, what + ".sobel.z");
    check_number(s["p"], e.sobel_p, what + ".sobel.p");
    check_number(s["se_second_order"], e.sobel2_se, what + ".sobel.se_second_order");
    check_number(s["z_second_order"], e.sobel2_z, what + ".sobel.z_second_order");
    check_number(s["p_second_order"], e.sobel2_p, what + ".sobel.p_second_order");
  }
}

/// pmi serial with a covariate and a few missing values, BCa (so that accelerations appear).
sc::mediation_result serial_result() {
  const sc::table full = reference_data("mediation/data/tal_or.csv");
  sc::table t("tal_or with holes");
  for (const auto& name : full.names()) {
    const auto v = full.numeric(name);
    std::vector<double> values(v.begin(), v.end());
    if (name == "pmi") values[7] = sc::missing_value;
    if (name == "age") values[11] = sc::missing_value;
    t.add(sc::column(name, std::move(values)));
  }
  const sc::mediation_spec spec{"cond", {"import", "pmi"}, "reaction", {"age"}, sc::mediation_model::serial};
  sc::mediation_options o;
  o.replicates = 1000;
  o.seed = 12345;
  o.ci = sc::ci_method::bca;
  o.threads = 2;
  return sc::fit_mediation(t, spec, o);
}

sc::mediation_result within_result() {
  sc::within_mediation_spec w;
  w.mediators = {{"hazard_simple", "hazard_complex"}};
  w.y = {"willing_simple", "willing_complex"};
  sc::mediation_options o;
  o.replicates = 1000;
  o.seed = 777;
  o.threads = 1;
  return sc::fit_within_mediation(reference_data("mediation/data/dohle.csv"), w, o);
}


/// A conditional process model (PROCESS 7-59) on the reference data of
/// tests/reference/conditional/ (garcia.csv = psych::Garcia; synthetic.csv: 2 mediators, 2
/// covariates; written by tests/reference/conditional/make_reference.R, R 4.2.2).
sc::mediation_result conditional_result(int model, const char* data, sc::centering center = sc::centering::none) {
  const auto parallel = sc::mediation_model::parallel;
  sc::mediation_spec s = std::string(data) == "garcia"
                             ? sc::mediation_spec{"prot2", {"respappr"}, "liking", {}, parallel, model, "sexism"}
                             : sc::mediation_spec{"x", {"m1", "m2"}, "y", {"c1", "c2"}, parallel, model, "w"};
  s.center = center;
  sc::mediation_options o;
  o.replicates = 1000;
  o.seed = 16;
  o.threads = 2;
  return sc::fit_mediation(reference_data("conditional/data/" + std::string(data) + ".csv"), s, o);
}

/// Each block found in `text` after the previous one.
void check_order(const std::string& text, const std::vector<std::string>& blocks) {
  std::size_t at = 0;
  for (const auto& block : blocks) {
    INFO(block);
    const std::size_t found = text.find(block, at);
    REQUIRE(found != std::string::npos);
    at = found + 1;
  }
}

}  // namespace

TEST_SUITE("mediation_report") {

TEST_CASE("mediation_json has every documented key, values bit-identical to the result") {
  const auto r = serial_result();
  REQUIRE(r.n_excluded == 2);
  const json j = json::parse(sc::mediation_json(r));
  for (const char* key : {"schema", "n", "n_excluded", "missing_by_column", "model", "design", "x", "mediators", "y",
                          "covariates", "level", "se_type", "equations", "paths", "total_effect", "direct_effect",
                          "indirect_effects", "contrasts", "standardized", "bootstrap", "notes"}) {
    INFO(key);
    CHECK(j.contains(key));
  }
  CHECK(j["schema"] == "socialcure.mediation/1");
  CHECK(j["n"] == r.n);
  CHECK(j["n"] == 121);
  CHECK(j["n_excluded"] == 2);
  REQUIRE(j["missing_by_column"].size() == r.missing_by_column.size());
  for (std::size_t i = 0; i < r.missing_by_column.size(); ++i) {
    CHECK(j["missing_by_column"][i]["column"] == r.missing_by_column[i].column);
    CHECK(j["missing_by_column"][i]["rows"] == r.missing_by_column[i].rows);
  }
  CHECK(j["model"] == "serial");
  CHECK(j["design"] == "between");
  CHECK(j["x"] == "cond");
  CHECK(j["mediators"] == json({"import", "pmi"}));
  CHECK(j["y"] == "reaction");
  CHECK(j["covariates"] == json({"age"}));
  check_number(j["level"], 0.95, "level");
  CHECK(j["se_type"] == "classical");

  // Equations: the mediators', Y's, then the total-effect model.
  REQUIRE(j["equations"].size() == r.equations.size() + 1);
  for (std::size_t e = 0; e <= r.equations.size(); ++e) {
    const sc::ols_result& fit = e < r.equations.size() ? r.equations[e] : r.total_model;
    const json& je = j["equations"][e];
    INFO("equation " << e << " " << fit.response);
    CHECK(je["outcome"] == fit.response);
    CHECK(je["total_effect_model"] == (e == r.equations.size()));
    check_number(je["r_squared"], fit.r_squared, "r_squared");
    check_number(je["f"], fit.f_statistic, "f");
    check_number(je["df1"], fit.f_df1, "df1");
    check_number(je["df2"], fit.f_df2, "df2");
    check_number(je["p"], fit.f_p, "p");
    check_number(je["mse"], fit.sigma * fit.sigma, "mse");
    REQUIRE(je["coefficients"].size() == fit.coefficients.size());
    for (std::size_t i = 0; i < fit.coefficients.size(); ++i) {
      CHECK(je["coefficients"][i]["term"] == fit.coefficients[i].term);
      check_coefficient(je["coefficients"][i], fit.coefficients[i], fit.coefficients[i].term);
    }
  }
  CHECK(j["equations"][0]["outcome"] == "import");
  CHECK(j["equations"][1]["outcome"] == "pmi");
  CHECK(j["equations"][2]["outcome"] == "reaction");

  // Paths [from, to, estimate, se, t, p, ci_lower, ci_upper].
  REQUIRE(j["paths"].size() == r.paths.size());
  CHECK(r.paths.size() == 6);  // cond->import, cond->pmi, import->pmi, cond->reaction, import->reaction, pmi->reaction
  for (std::size_t i = 0; i < r.paths.size(); ++i) {
    const json& p = j["paths"][i];
    CHECK(p["from"] == r.paths[i].from);
    CHECK(p["to"] == r.paths[i].to);
    check_coefficient(p, r.paths[i].value, r.paths[i].from + " -> " + r.paths[i].to);
  }
  check_coefficient(j["total_effect"], r.total_effect, "total_effect");
  check_coefficient(j["direct_effect"], r.direct_effect, "direct_effect");

  // Indirect effects [path, estimate, boot_se, ci_lower, ci_upper], the total with path ["total"].
  REQUIRE(j["indirect_effects"].size() == r.indirect.size());
  CHECK(r.indirect.size() == 4);
  for (std::size_t i = 0; i < r.indirect.size(); ++i) check_effect(j["indirect_effects"][i], r.indirect[i], false);
  CHECK(j["indirect_effects"][0]["path"] == json({"cond", "import", "reaction"}));
  CHECK(j["indirect_effects"][2]["path"] == json({"cond", "import", "pmi", "reaction"}));
  CHECK(j["indirect_effects"].back()["path"] == json({"total"}));
  CHECK(j["indirect_effects"][0]["sobel"].is_object());
  CHECK(j["indirect_effects"][2]["sobel"].is_null());  // two mediators on the path
  CHECK(j["indirect_effects"][0].contains("acceleration"));

  REQUIRE(j["contrasts"].size() == r.contrasts.size());
  CHECK(r.contrasts.size() == 3);
  for (std::size_t i = 0; i < r.contrasts.size(); ++i) check_effect(j["contrasts"][i], r.contrasts[i], true);
  CHECK(j["contrasts"][0]["of"] == json({"ind1", "ind2"}));

  // Standardized {sd_x, sd_y, partial, complete}.
  const json& s = j["standardized"];
  REQUIRE(s.is_object());
  check_number(s["sd_x"], r.sd_x, "sd_x");
  check_number(s["sd_y"], r.sd_y, "sd_y");
  REQUIRE(s["partial"].size() == r.indirect.size());
  REQUIRE(s["complete"].size() == r.indirect.size());
  REQUIRE(r.standardized.size() == 2 * r.indirect.size());
  for (std::size_t i = 0; i < r.indirect.size(); ++i) {
    check_effect(s["partial"][i], r.standardized[i], false);
    check_effect(s["complete"][i], r.standardized[r.indirect.size() + i], false);
  }

  // Bootstrap {samples, seed, ci_method, level, threads, failed, ...}.
  const json& b = j["bootstrap"];
  for (const char* key : {"samples", "succeeded", "seed", "seed_given", "ci_method", "level", "threads", "failed",
                          "cancelled", "error"}) {
    INFO(key);
    CHECK(b.contains(key));
  }
  CHECK(b["samples"] == 1000);
  CHECK(b["succeeded"] == 1000);
  CHECK(b["seed"] == 12345);
  CHECK(b["seed_given"] == true);
  CHECK(b["ci_method"] == "bca");
  check_number(b["level"], 0.95, "bootstrap.level");
  CHECK(b["threads"] == r.replicates.threads_used);
  CHECK(b["threads"] == 2);
  CHECK(b["failed"] == r.replicates.discarded);
  CHECK(b["cancelled"] == false);
  CHECK(b["error"] == "");
  CHECK(j["notes"].size() == r.notes.size());
}

TEST_CASE("mediation_json: within-subject models have no standardized effects, a large seed survives") {
  auto r = within_result();
  const json j = json::parse(sc::mediation_json(r));
  CHECK(j["design"] == "within");
  CHECK(j["model"] == "parallel");
  CHECK(j["x"] == "instance");
  CHECK(j["y"] == "willing_complex - willing_simple");
  CHECK(j["mediators"] == json({"hazard_complex - hazard_simple"}));
  CHECK(j["covariates"].empty());
  CHECK(j["standardized"].is_null());
  REQUIRE(j["indirect_effects"].size() == 2);
  check_effect(j["indirect_effects"][0], r.indirect[0], false);
  check_effect(j["indirect_effects"][1], r.indirect[1], false);
  CHECK(j["contrasts"].empty());
  CHECK_FALSE(j["indirect_effects"][0].contains("acceleration"));  // percentile
  CHECK(j["bootstrap"]["ci_method"] == "percentile");
  check_coefficient(j["total_effect"], r.total_effect, "total_effect");
  check_coefficient(j["direct_effect"], r.direct_effect, "direct_effect");
  // A 64-bit seed (drawn seeds use all 64 bits) is written exactly.
  sc::mediation_options o;
  o.replicates = 1000;
  o.seed = 0xFEDCBA9876543210ULL;
  o.threads = 1;
  sc::within_mediation_spec w;
  w.mediators = {{"hazard_simple", "hazard_complex"}};
  w.y = {"willing_simple", "willing_complex"};
  r = sc::fit_within_mediation(reference_data("mediation/data/dohle.csv"), w, o);
  const json big = json::parse(sc::mediation_json(r));
  CHECK(big["bootstrap"]["seed"].get<std::uint64_t>() == 0xFEDCBA9876543210ULL);
}

TEST_CASE("mediation_json: a cancelled run has null intervals and says so") {
  const sc::table t = reference_data("mediation/data/tal_or.csv");
  const sc::mediation_spec spec{"cond", {"pmi"}, "reaction", {}, sc::mediation_model::parallel};
  sc::mediation_options o;
  o.replicates = 5000;
  o.seed = 1;
  o.threads = 1;
  o.progress = [](std::size_t, std::size_t) { return false; };
  const auto r = sc::fit_mediation(t, spec, o);
  const json j = json::parse(sc::mediation_json(r));
  CHECK(j["bootstrap"]["cancelled"] == true);
  CHECK(j["bootstrap"]["succeeded"] == 0);
  for (const auto& e : j["indirect_effects"]) {
    CHECK(e["ci_lower"].is_null());
    CHECK(e["ci_upper"].is_null());
    CHECK(e["boot_se"].is_null());
    CHECK(e["ci_ok"] == false);
    CHECK(e["ci_problem"] == "cancelled");
    CHECK(e["estimate"].is_number());
  }
}

TEST_CASE("mediation_text follows PROCESS's block order and names the seed and the replicates") {
  const auto r = serial_result();
  const std::string text = sc::mediation_text(r);
  // Each OUTCOME VARIABLE block in equation order, then the total effect model, the effects, the
  // key and the notes.
  std::vector<std::string> blocks;
  for (const auto& e : r.equations) blocks.push_back("OUTCOME VARIABLE:\n " + e.response + "\n");
  blocks.push_back("TOTAL EFFECT MODEL\nOUTCOME VARIABLE:\n reaction\n");
  blocks.push_back("TOTAL, DIRECT, AND INDIRECT EFFECTS OF X ON Y");
  blocks.push_back("Total effect of X on Y");
  blocks.push_back("Direct effect of X on Y");
  blocks.push_back("Indirect effect(s) of X on Y:");
  blocks.push_back("Partially standardized indirect effect(s) of X on Y:");
  blocks.push_back("Completely standardized indirect effect(s) of X on Y:");
  blocks.push_back("Indirect effect key:");
  blocks.push_back("ANALYSIS NOTES AND ERRORS");
  check_order(text, blocks);
  CHECK(blocks[0] == "OUTCOME VARIABLE:\n import\n");
  // The key names every path and contrast.
  CHECK(contains(text, "ind1  cond -> import -> reaction"));
  CHECK(contains(text, "ind2  cond -> pmi -> reaction"));
  CHECK(contains(text, "ind3  cond -> import -> pmi -> reaction"));
  CHECK(contains(text, "(C1)  ind1 - ind2"));
  CHECK(contains(text, "(C3)  ind2 - ind3"));
  // Seed, replicates, method, level, exclusions.
  CHECK(contains(text, "Random number seed: 12345"));
  CHECK(contains(text, "bootstrap samples for bca confidence intervals: 1000"));
  CHECK(contains(text, "95.0000"));
  CHECK(contains(text, "2 cases excluded"));
  CHECK(contains(text, "BootLLCI"));
  CHECK(contains(text, "Normal theory tests"));
  CHECK(contains(text, "PROCESS model 6"));

  // Monte Carlo names its samples and its columns; a drawn seed is reported with a hint.
  const sc::table t = reference_data("mediation/data/tal_or.csv");
  const sc::mediation_spec spec{"cond", {"import", "pmi"}, "reaction", {}, sc::mediation_model::parallel};
  sc::mediation_options o;
  o.replicates = 2000;
  o.ci = sc::ci_method::monte_carlo;
  o.threads = 1;
  const auto mc = sc::fit_mediation(t, spec, o);
  const std::string mtext = sc::mediation_text(mc);
  CHECK(contains(mtext, "Monte Carlo samples for monte_carlo confidence intervals: 2000"));
  CHECK(contains(mtext, "MCLLCI"));
  CHECK(contains(mtext, "Random number seed: " + std::to_string(mc.replicates.seed) + " (drawn"));
  CHECK(contains(mtext, "PROCESS model 4"));
  CHECK_FALSE(contains(mtext, "Covariates:"));

  // Within-subject text: no standardized blocks.
  const std::string wtext = sc::mediation_text(within_result());
  CHECK(contains(wtext, "MEMORE"));
  CHECK(contains(wtext, "OUTCOME VARIABLE:\n hazard_complex - hazard_simple\n"));
  CHECK(contains(wtext, "OUTCOME VARIABLE:\n willing_complex - willing_simple\n"));
  CHECK_FALSE(contains(wtext, "standardized indirect"));
  CHECK(contains(wtext, "Random number seed: 777"));
  CHECK(contains(wtext, "ANALYSIS NOTES AND ERRORS"));
}


TEST_CASE("mediation_json of model 8: moderator, conditional direct and indirect effects, index, contrasts") {
  const auto r = conditional_result(8, "synthetic");
  REQUIRE(r.conditional_direct.size() == 3);
  REQUIRE(r.index_of_moderated_mediation.size() == 2);
  const json j = json::parse(sc::mediation_json(r));
  CHECK(j["schema"] == "socialcure.mediation/1");
  CHECK(j["process_model"] == 8);
  CHECK(j["model"] == "parallel");
  const json& m = j["moderator"];
  CHECK(m["name"] == "w");
  REQUIRE(m["values"].size() == r.w_values.size());
  for (std::size_t i = 0; i < r.w_values.size(); ++i) check_number(m["values"][i], r.w_values[i], "moderator.values");
  CHECK(m["labels"].get<std::vector<std::string>>() == r.w_labels);
  CHECK(m["probe"] == "percentiles");
  CHECK(m["dichotomous"] == false);
  CHECK(m["center"] == "none");
  CHECK(m["centred"].empty());
  // No total effect model, and what the model does not estimate is null, never an empty array.
  REQUIRE(j["equations"].size() == r.equations.size());
  for (const auto& e : j["equations"]) CHECK(e["total_effect_model"] == false);
  CHECK(j["total_effect"].is_null());
  CHECK(j["indirect_effects"].is_null());
  CHECK(j["standardized"].is_null());
  CHECK(j["direct_effect"].is_null());  // it depends on W in model 8
  const json& direct = j["conditional_direct_effects"];
  REQUIRE(direct.size() == r.conditional_direct.size());
  for (std::size_t i = 0; i < direct.size(); ++i) {
    const sc::coefficient& c = r.conditional_direct[i].effect;
    check_number(direct[i]["w"], r.conditional_direct[i].w, "direct.w");
    check_number(direct[i]["effect"], c.estimate, "direct.effect");
    check_number(direct[i]["se"], c.se, "direct.se");
    check_number(direct[i]["t"], c.statistic, "direct.t");
    check_number(direct[i]["p"], c.p, "direct.p");
    check_number(direct[i]["ci_lower"], c.ci_lower, "direct.ci_lower");
    check_number(direct[i]["ci_upper"], c.ci_upper, "direct.ci_upper");
  }
  const json& conditional = j["conditional_indirect_effects"];
  REQUIRE(conditional.size() == r.conditional_indirect.size());
  CHECK(conditional.size() == 9);  // m1, m2 and their total at 3 values
  for (std::size_t i = 0; i < conditional.size(); ++i) {
    CHECK(conditional[i]["mediator"] == r.conditional_indirect[i].mediator);
    check_number(conditional[i]["w"], r.conditional_indirect[i].w, "conditional.w");
    check_interval(conditional[i], r.conditional_indirect[i].effect, "conditional");
  }
  CHECK(conditional[8]["mediator"] == "total");
  const json& index = j["index_of_moderated_mediation"];
  REQUIRE(index.size() == 2);
  for (std::size_t i = 0; i < index.size(); ++i) {
    CHECK(index[i]["mediator"] == r.index_of_moderated_mediation[i].mediator);
    check_interval(index[i], r.index_of_moderated_mediation[i].effect, "index");
  }
  const json& contrasts = j["contrasts"];
  REQUIRE(contrasts.size() == r.conditional_contrasts.size());
  CHECK(contrasts.size() == 6);  // 3 pairs of W values per mediator
  for (std::size_t i = 0; i < contrasts.size(); ++i) {
    CHECK(contrasts[i]["mediator"] == r.conditional_contrasts[i].mediator);
    check_number(contrasts[i]["w_from"], r.conditional_contrasts[i].w_from, "contrast.w_from");
    check_number(contrasts[i]["w_to"], r.conditional_contrasts[i].w_to, "contrast.w_to");
    check_interval(contrasts[i], r.conditional_contrasts[i].effect, "contrast");
  }
  // Every null is explained.
  const std::string notes = j["notes"].dump();
  CHECK(contains(notes, "total_effect, indirect_effects and standardized are null"));
  CHECK(contains(notes, "direct_effect is null"));
  CHECK_FALSE(contains(notes, "index_of_moderated_mediation is null"));
  CHECK_FALSE(contains(sc::mediation_json(r), "NaN"));
}

TEST_CASE("mediation_json of model 58: no index (quadratic in W), contrasts between W values, direct effect") {
  const auto r = conditional_result(58, "garcia", sc::centering::all);
  const json j = json::parse(sc::mediation_json(r));
  CHECK(j["process_model"] == 58);
  CHECK(j["index_of_moderated_mediation"].is_null());
  CHECK(contains(j["notes"].dump(), "index_of_moderated_mediation is null: in model 58 the indirect effect is quadratic"));
  CHECK(j["conditional_direct_effects"].is_null());
  check_coefficient(j["direct_effect"], r.direct_effect, "direct_effect");
  REQUIRE(j["contrasts"].size() == 3);
  // w_to is the later probe value: (2, 1), (3, 1), (3, 2).
  check_number(j["contrasts"][0]["w_from"], r.w_values[0], "w_from");
  check_number(j["contrasts"][0]["w_to"], r.w_values[1], "w_to");
  check_number(j["contrasts"][2]["w_from"], r.w_values[1], "w_from");
  check_number(j["contrasts"][2]["w_to"], r.w_values[2], "w_to");
  // Centring: the variables centred, with the means subtracted.
  const json& m = j["moderator"];
  CHECK(m["center"] == "all");
  REQUIRE(m["centred"].size() == r.centred_variables.size());
  for (std::size_t k = 0; k < r.centred_variables.size(); ++k) {
    check_number(m["centred"][r.centred_variables[k]], r.centred_means[k], "centred mean");
  }
  CHECK(m["centred"].contains("sexism"));
}

TEST_CASE("mediation_text of a conditional process model in PROCESS's order") {
  const auto r = conditional_result(8, "synthetic");
  const std::string text = sc::mediation_text(r);
  check_order(text, {"Conditional process analysis, PROCESS model 8", "    W : w\n", "OUTCOME VARIABLE:\n m1\n",
                     "OUTCOME VARIABLE:\n m2\n", "OUTCOME VARIABLE:\n y\n", "DIRECT AND INDIRECT EFFECTS OF X ON Y",
                     "Conditional direct effect(s) of X on Y:", "Conditional indirect effects of X on Y:",
                     "INDIRECT EFFECT:\n x -> m1 -> y", "Index of moderated mediation", "Pairwise contrasts",
                     "INDIRECT EFFECT:\n x -> m2 -> y", "Index of moderated mediation",
                     "INDIRECT EFFECT:\n TOTAL", "ANALYSIS NOTES AND ERRORS",
                     "W values in conditional tables are the 16th, 50th and 84th percentiles",
                     "No variables were mean centred", "Random number seed: 16"});
  CHECK_FALSE(contains(text, "TOTAL EFFECT MODEL"));
  CHECK_FALSE(contains(text, "Total effect of X on Y"));
  CHECK_FALSE(contains(text, "standardized"));
  // R lm (tests/reference/conditional/point.ref.csv, synthetic8): index1 0.10459, direct effect
  // at the 84th percentile 1.29347; the probe values 2.0083, 3.9365, 6.1312.
  CHECK(contains(text, "0.1046"));
  CHECK(contains(text, "1.2935"));
  CHECK(contains(text, "6.1312"));
  CHECK_FALSE(contains(text, "nan"));

  // Model 58 (Garcia, R: ind1 at the 16th percentile 0.21487, contrast (3, 1) 0.77119): the
  // contrasts replace the index, and the direct effect does not depend on W.
  const std::string t58 = sc::mediation_text(conditional_result(58, "garcia"));
  check_order(t58, {"DIRECT AND INDIRECT EFFECTS OF X ON Y", "Direct effect of X on Y",
                    "INDIRECT EFFECT:\n prot2 -> respappr -> liking", "0.2149", "Pairwise contrasts", "0.7712",
                    "No index of moderated mediation: in model 58"});
  CHECK_FALSE(contains(t58, "Index of moderated mediation:"));
  CHECK_FALSE(contains(t58, "Conditional direct effect"));
  CHECK_FALSE(contains(t58, "INDIRECT EFFECT:\n TOTAL"));  // one mediator: no total

  // Centring is named with the means.
  const std::string centred = sc::mediation_text(conditional_result(7, "garcia", sc::centering::all));
  CHECK(contains(centred, "Variables mean centred prior to analysis (all): prot2 (mean "));
  CHECK(contains(centred, "sexism (mean "));
}

}  // TEST_SUITE

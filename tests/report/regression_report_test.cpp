// Tests of include/socialcure/report/regression_report.hpp: regression_json (schema, documented
// keys, numbers read back bit-identical, null for statistics that do not exist) and
// regression_text (terms, model summaries, aliased terms) for OLS and every GLM family.
#include "socialcure/report/regression_report.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "socialcure/data/csv.hpp"
#include "socialcure/models/glm.hpp"
#include "socialcure/models/ols.hpp"

using nlohmann::json;
using socialcure::coefficient;
using socialcure::fit_glm;
using socialcure::fit_ols;
using socialcure::glm_family;
using socialcure::glm_options;
using socialcure::glm_result;
using socialcure::model_spec;
using socialcure::ols_options;
using socialcure::ols_result;
using socialcure::parse_csv;
using socialcure::regression_json;
using socialcure::regression_text;

namespace {

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }
bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A finite double must be a JSON number that reads back bit-identical; anything else null.
void check_number(const json& object, const char* key, double value) {
  CAPTURE(key);
  REQUIRE(object.contains(key));
  const json& v = object.at(key);
  if (std::isfinite(value)) {
    REQUIRE(v.is_number());
    const double back = v.get<double>();
    CHECK_MESSAGE(same_bits(back, value), key << ": JSON " << back << " vs " << value);
  } else {
    CHECK(v.is_null());
  }
}

model_spec make_spec(std::string y, std::vector<std::string> x, std::vector<socialcure::categorical_term> cat = {}) {
  model_spec s;
  s.response = std::move(y);
  s.predictors = std::move(x);
  s.categorical = std::move(cat);
  return s;
}

// Common to OLS and GLMs: header, coefficients (with or without the exp_* and OLS extras).
void check_common(const json& j, const std::string& response, std::size_t n, std::size_t n_excluded,
                  const std::vector<coefficient>& coefficients, const std::vector<std::string>& aliased, double level,
                  bool ols) {
  REQUIRE(j.is_object());
  CHECK(j.at("schema") == "socialcure.regression/1");
  CHECK(j.at("response") == response);
  REQUIRE(j.at("n").is_number_integer());
  CHECK(j.at("n").get<std::size_t>() == n);
  REQUIRE(j.at("n_excluded").is_number_integer());
  CHECK(j.at("n_excluded").get<std::size_t>() == n_excluded);
  CHECK(j.at("missing_by_column").is_object());
  CHECK(j.at("link").is_string());
  CHECK(j.at("se_type").is_string());
  check_number(j, "level", level);
  CHECK(j.at("notes").is_array());
  CHECK(j.at("aliased_terms") == json(aliased));

  const json& list = j.at("coefficients");
  REQUIRE(list.is_array());
  REQUIRE(list.size() == coefficients.size());
  for (std::size_t k = 0; k < coefficients.size(); ++k) {
    const coefficient& c = coefficients[k];
    const json& e = list[k];
    CAPTURE(c.term);
    CHECK(e.at("term") == c.term);
    check_number(e, "estimate", c.estimate);
    check_number(e, "se", c.se);
    check_number(e, "statistic", c.statistic);
    check_number(e, "p", c.p);
    check_number(e, "ci_lower", c.ci_lower);
    check_number(e, "ci_upper", c.ci_upper);
    CHECK(e.at("statistic_type") == (ols ? "t" : "z"));
    CHECK(e.at("aliased") == c.aliased);
    if (ols) {
      check_number(e, "std_estimate", c.std_estimate);
      check_number(e, "vif", c.vif);
      CHECK_FALSE(e.contains("exp_estimate"));
    } else {
      check_number(e, "exp_estimate", c.exp_estimate);
      check_number(e, "exp_ci_lower", c.exp_ci_lower);
      check_number(e, "exp_ci_upper", c.exp_ci_upper);
      CHECK_FALSE(e.contains("std_estimate"));
    }
  }
}

void check_ols_json(const ols_result& fit) {
  const json j = json::parse(regression_json(fit));
  check_common(j, fit.response, fit.n, fit.n_excluded, fit.coefficients, fit.aliased_terms, fit.level, true);
  CHECK(j.at("family") == "gaussian");
  CHECK(j.at("link") == "identity");
  CHECK(j.at("se_type") == std::string(socialcure::to_string(fit.se)));
  check_number(j, "r_squared", fit.r_squared);
  check_number(j, "adj_r_squared", fit.adj_r_squared);
  check_number(j, "sigma", fit.sigma);
  check_number(j, "df_residual", fit.df_residual);
  check_number(j, "f_statistic", fit.f_statistic);
  check_number(j, "f_df1", fit.f_df1);
  check_number(j, "f_df2", fit.f_df2);
  check_number(j, "f_p", fit.f_p);
  if (fit.se != socialcure::se_type::classical) {
    check_number(j, "wald_f", fit.wald_f);
    check_number(j, "wald_f_p", fit.wald_f_p);
    CHECK(j.at("wald_f").is_number());
  } else if (j.contains("wald_f")) {
    CHECK(j.at("wald_f").is_null());
  }
  CHECK_FALSE(j.contains("deviance"));
  CHECK_FALSE(j.contains("theta"));
}

void check_glm_json(const glm_result& fit) {
  const json j = json::parse(regression_json(fit));
  check_common(j, fit.response, fit.n, fit.n_excluded, fit.coefficients, fit.aliased_terms, fit.level, false);
  CHECK(j.at("family") == std::string(socialcure::to_string(fit.family)));
  CHECK(j.at("link") == (fit.family == glm_family::binomial ? "logit" : "log"));
  check_number(j, "deviance", fit.deviance);
  check_number(j, "null_deviance", fit.null_deviance);
  check_number(j, "df_residual", fit.df_residual);
  check_number(j, "df_null", fit.df_null);
  check_number(j, "aic", fit.aic);
  check_number(j, "loglik", fit.loglik);
  check_number(j, "pearson_chi2", fit.pearson_chi2);
  REQUIRE(j.at("iterations").is_number_integer());
  CHECK(j.at("iterations").get<int>() == fit.iterations);
  if (fit.family == glm_family::negative_binomial) {
    check_number(j, "theta", fit.theta);
    check_number(j, "se_theta", fit.se_theta);
    CHECK(j.at("theta").is_number());
    CHECK(j.at("se_theta").is_number());
  } else if (j.contains("theta")) {
    CHECK(j.at("theta").is_null());
  }
  CHECK_FALSE(j.contains("r_squared"));
}

// y = 2, 4, 5, 4, 5 on x = 1..5 with a three-level g and one row excluded (missing x, line 4).
const char* const ols_csv =
    "y,x,g\n"
    "2,1,a\n"
    "4,2,b\n"
    "9,NA,c\n"
    "5,3,c\n"
    "4,4,a\n"
    "5,5,b\n"
    "6,6,c\n";

// The 2x2 table of glm_test.cpp (a = 6, b = 4, c = 3, d = 9).
std::string binary_csv() {
  std::string csv = "y,x\n";
  for (int i = 0; i < 6; ++i) csv += "1,1\n";
  for (int i = 0; i < 4; ++i) csv += "0,1\n";
  for (int i = 0; i < 3; ++i) csv += "1,0\n";
  for (int i = 0; i < 9; ++i) csv += "0,0\n";
  return csv;
}

const char* const count_csv = "y,x\n0,1\n7,2\n1,3\n0,4\n12,5\n2,6\n0,7\n25,8\n3,9\n1,10\n9,11\n0,12\n";

glm_result fit_family(glm_family family) {
  glm_options o;
  o.family = family;
  if (family == glm_family::binomial) return fit_glm(parse_csv(binary_csv(), "bin.csv"), make_spec("y", {"x"}), o);
  return fit_glm(parse_csv(count_csv, "counts.csv"), make_spec("y", {"x"}), o);
}

}  // namespace

TEST_CASE("regression report: OLS JSON has the schema, the documented keys and exact numbers") {
  const ols_result fit = fit_ols(parse_csv(ols_csv, "ols.csv"), make_spec("y", {"x", "g"}, {{"g", ""}}));
  REQUIRE(fit.n_excluded == 1);
  check_ols_json(fit);
  const json j = json::parse(regression_json(fit));
  CHECK(j.at("coefficients")[0].at("term") == "(Intercept)");
  CHECK(j.at("missing_by_column") == json::parse(R"({"x": 1})"));
  CHECK(j.at("se_type") == "classical");
  // The intercept has no standardized estimate or VIF: null.
  CHECK(j.at("coefficients")[0].at("std_estimate").is_null());
  CHECK(j.at("coefficients")[0].at("vif").is_null());
}

TEST_CASE("regression report: OLS JSON under HC3 standard errors has the Wald F") {
  ols_options o;
  o.se = socialcure::se_type::hc3;
  const ols_result fit = fit_ols(parse_csv(ols_csv, "ols.csv"), make_spec("y", {"x"}), o);
  check_ols_json(fit);
  const json j = json::parse(regression_json(fit));
  CHECK(j.at("se_type") == "hc3");
}

TEST_CASE("regression report: GLM JSON for each family has the schema, the documented keys and exact numbers") {
  for (glm_family family : {glm_family::binomial, glm_family::poisson, glm_family::negative_binomial}) {
    CAPTURE(socialcure::to_string(family));
    const glm_result fit = fit_family(family);
    check_glm_json(fit);
    const json j = json::parse(regression_json(fit));
    CHECK(j.at("coefficients")[0].at("term") == "(Intercept)");
    CHECK(j.at("se_type") == "classical");
  }
}

TEST_CASE("regression report: aliased terms are null in JSON and \"(aliased)\" in text") {
  // x2 = 2 * x1 + 3.
  const char* csv = "y,x1,x2\n2,1,5\n4,2,7\n5,3,9\n4,4,11\n5,5,13\n7,6,15\n";
  ols_options o;
  o.on_rank_deficiency = socialcure::rank_policy::drop;
  const ols_result fit = fit_ols(parse_csv(csv, "c.csv"), make_spec("y", {"x1", "x2"}), o);
  REQUIRE(fit.aliased_terms == std::vector<std::string>{"x2"});
  check_ols_json(fit);
  const json j = json::parse(regression_json(fit));
  const json& x2 = j.at("coefficients")[2];
  CHECK(x2.at("term") == "x2");
  CHECK(x2.at("aliased") == true);
  CHECK(x2.at("estimate").is_null());
  CHECK(x2.at("se").is_null());
  CHECK(x2.at("p").is_null());
  CHECK(j.at("aliased_terms") == json::parse(R"(["x2"])"));

  const std::string text = regression_text(fit);
  CHECK(contains(text, "(aliased)"));
  // The row of x2 holds "(aliased)", and the line is the term's own.
  const auto at = text.find("\nx2 ");
  REQUIRE(at != std::string::npos);
  const std::string line = text.substr(at + 1, text.find('\n', at + 1) - at - 1);
  CHECK(contains(line, "(aliased)"));

  glm_options g;
  g.family = glm_family::poisson;
  g.on_rank_deficiency = socialcure::rank_policy::drop;
  const glm_result gfit = fit_glm(parse_csv(csv, "c.csv"), make_spec("y", {"x1", "x2"}), g);
  REQUIRE(gfit.aliased_terms == std::vector<std::string>{"x2"});
  check_glm_json(gfit);
  CHECK(contains(regression_text(gfit), "(aliased)"));
}

TEST_CASE("regression report: OLS text names every term and the model summary") {
  const ols_result fit = fit_ols(parse_csv(ols_csv, "ols.csv"), make_spec("y", {"x", "g"}, {{"g", ""}}));
  const std::string text = regression_text(fit);
  for (const char* term : {"(Intercept)", "x", "g[T.b]", "g[T.c]"}) CHECK(contains(text, term));
  CHECK(contains(text, "R-squared"));
  CHECK(contains(text, "F-statistic"));
  CHECK(contains(text, "n = 6"));
  CHECK(contains(text, "1 excluded"));
  CHECK_FALSE(contains(text, "(aliased)"));
  CHECK_FALSE(contains(text, "Wald F"));

  ols_options o;
  o.se = socialcure::se_type::hc3;
  CHECK(contains(regression_text(fit_ols(parse_csv(ols_csv, "ols.csv"), make_spec("y", {"x"}), o)), "Wald F"));
}

TEST_CASE("regression report: GLM text names every term, the deviance and theta for negbin") {
  for (glm_family family : {glm_family::binomial, glm_family::poisson, glm_family::negative_binomial}) {
    CAPTURE(socialcure::to_string(family));
    const glm_result fit = fit_family(family);
    const std::string text = regression_text(fit);
    CHECK(contains(text, "(Intercept)"));
    CHECK(contains(text, "\nx "));
    CHECK(contains(text, "Deviance"));
    CHECK(contains(text, "AIC"));
    CHECK_FALSE(contains(text, "R-squared"));
    CHECK(contains(text, family == glm_family::binomial ? "odds ratio" : "rate ratio"));
    CHECK(contains(text, "theta") == (family == glm_family::negative_binomial));
  }
}

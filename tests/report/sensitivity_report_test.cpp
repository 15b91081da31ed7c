// Tests of include/socialcure/report/sensitivity_report.hpp: the sensitivity analysis as text,
// JSON (keys, the exact root, the whole grid) and SVG (one band per curve, the root marked,
// balanced), and E-values in the regression report. Numbers are the library's, checked against R
// in tests/analyses/mediation_sensitivity_test.cpp and evalues_test.cpp; here only their placement.
#include "socialcure/report/sensitivity_report.hpp"

#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "reference_values.hpp"
#include "socialcure/models/glm.hpp"
#include "socialcure/models/ols.hpp"
#include "socialcure/report/text_table.hpp"
#include "support.hpp"

using namespace socialcure;
using socialcure_test::contains;
using socialcure_test::count;

namespace {

mediation_sensitivity_result sensitivity(bool interaction) {
  static const table t = socialcure_test::reference_data("mediation_sensitivity/data/synthetic.csv");
  return fit_mediation_sensitivity(t, {"x", "m", "y", {"c1"}, interaction, std::nullopt});
}

void check_balanced(const std::string& svg) {
  CHECK(svg.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
  CHECK(svg.substr(svg.size() - 7) == "</svg>\n");
  CHECK(count(svg, "<g") == count(svg, "</g>"));
  CHECK(count(svg, "<text") == count(svg, "</text>"));
  CHECK_FALSE(contains(svg, "nan"));
}

}  // namespace

TEST_CASE("sensitivity report: text and JSON of the ACME against rho") {
  const auto r = sensitivity(false);
  const std::string text = mediation_sensitivity_text(r);
  CHECK(contains(text, "Imai, Keele & Yamamoto (2010)"));
  CHECK(contains(text, "ACME = 0 at rho = " + format_fixed(r.curves[0].rho_at_zero, 4)));
  CHECK(count(text, "\n-0.") + count(text, "\n0.") >= 19);  // the rows at -0.9, ..., 0.9
  const auto j = nlohmann::json::parse(mediation_sensitivity_json(r));
  CHECK(j["method"] == "imai_keele_yamamoto_2010");
  CHECK(j["ci_method"] == "delta");
  CHECK(j["rho_at_zero"].get<double>() == r.curves[0].rho_at_zero);
  CHECK(j["r2_product_at_zero"].get<double>() == r.curves[0].r2_product_at_zero);
  CHECK(j["curve"].size() == 199);
  CHECK(j["curve"][99]["rho"].get<double>() == 0.0);
  CHECK(j["curve"][99]["acme"].get<double>() == r.curves[0].acme_at_independence);
  CHECK_FALSE(j.contains("curves"));
  const auto both = nlohmann::json::parse(mediation_sensitivity_json(sensitivity(true)));
  REQUIRE(both["curves"].size() == 2);
  CHECK(both["curves"][1]["label"] == "acme_treated");
  CHECK(both["label"] == "acme_control");
}

TEST_CASE("sensitivity report: the figure") {
  const std::string one = acme_sensitivity_svg(sensitivity(false));
  check_balanced(one);
  CHECK(count(one, "<polygon") == 1);
  CHECK(count(one, "class=\"root\"") == 1);
  CHECK(contains(one, "clip-path"));
  const std::string two = acme_sensitivity_svg(sensitivity(true));
  check_balanced(two);
  CHECK(count(two, "<polygon") == 2);
  CHECK(contains(two, "acme_treated"));
}

TEST_CASE("sensitivity report: E-values in the regression report") {
  const table t = socialcure_test::reference_data("evalues/mtcars.csv");
  model_spec spec;
  spec.response = "carb";
  spec.predictors = {"wt"};
  glm_options o;
  o.family = glm_family::poisson;
  const glm_result fit = fit_glm(t, spec, o);
  const auto evalues = regression_evalues(fit, true);
  REQUIRE(evalues.size() == 1);
  const auto j = nlohmann::json::parse(regression_json(fit, evalues, "how"));
  CHECK(j["evalue_method"] == "how");
  CHECK(j["coefficients"][0]["evalue"].is_null());
  CHECK(j["coefficients"][1]["evalue"]["estimate"].get<double>() == evalues[0].evalue.evalue_estimate);
  CHECK(j["coefficients"][1]["evalue"]["measure"] == "rate_ratio");
  const std::string text = evalues_text(evalues, "how");
  CHECK(contains(text, "E-values (VanderWeele & Ding 2017): how"));
  CHECK(contains(text, format_fixed(evalues[0].evalue.evalue_estimate, 3)));
}

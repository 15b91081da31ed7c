// Tests of include/socialcure/report/path_diagram.hpp on Hayes' pmi data (serial import -> pmi,
// tests/reference/mediation/data/tal_or.csv). The coefficients shown are R lm's (point.ref.csv,
// pmi_serial: a1 = 0.626790, a2 = 0.353581, d21 = 0.196148, b1 = 0.324422, b2 = 0.396526,
// c' = 0.103391, c = 0.495690) at 3 decimals; which paths are solid follows their 95% CIs (p of a1
// 0.045, a2 0.131, d21 0.004, b1 < 1e-4, b2 < 1e-4, c' 0.666: a2 and c' dashed).
#include "socialcure/report/path_diagram.hpp"

#include <doctest/doctest.h>

#include <string>

#include "reference_values.hpp"
#include "socialcure/data/csv.hpp"
#include "support.hpp"

using socialcure_test::contains;
using socialcure_test::count;
using socialcure_test::reference_data;

namespace {

socialcure::mediation_result pmi_serial() {
  const auto data = reference_data("mediation/data/tal_or.csv");
  socialcure::mediation_spec spec;
  spec.x = "cond";
  spec.mediators = {"import", "pmi"};
  spec.y = "reaction";
  spec.model = socialcure::mediation_model::serial;
  socialcure::mediation_options options;
  options.seed = 11;
  options.replicates = 1000;
  return socialcure::fit_mediation(data, spec, options);
}

}  // namespace

TEST_CASE("path diagram as DOT: every path with its coefficient, non-significant ones dashed") {
  const std::string dot = socialcure::mediation_dot(pmi_serial());
  CHECK(contains(dot, "digraph mediation {"));
  CHECK(contains(dot, "n0 [label=\"cond\"]"));
  CHECK(contains(dot, "n3 [label=\"reaction\"]"));
  CHECK(contains(dot, "n0 -> n1 [label=\"a1 = 0.627\"];"));
  CHECK(contains(dot, "n0 -> n2 [label=\"a2 = 0.354\", style=dashed];"));
  CHECK(contains(dot, "n1 -> n2 [label=\"d21 = 0.196\"];"));
  CHECK(contains(dot, "n1 -> n3 [label=\"b1 = 0.324\"];"));
  CHECK(contains(dot, "n2 -> n3 [label=\"b2 = 0.397\"];"));
  CHECK(contains(dot, "n0 -> n3 [label=\"c' = 0.103 (c = 0.496)\", style=dashed];"));
  CHECK(count(dot, " -> ") == 6);
  CHECK(contains(dot, "ind3: cond \u2192 import \u2192 pmi \u2192 reaction = 0.049, 95% CI ["));
  CHECK(contains(dot, "Total indirect effect = 0.392, 95% CI ["));
}

TEST_CASE("path diagram as SVG: standalone, balanced, one group per path, dashed where not significant") {
  const std::string svg = socialcure::mediation_svg(pmi_serial());
  CHECK(svg.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
  CHECK(svg.substr(svg.size() - 7) == "</svg>\n");
  CHECK(count(svg, "<g class=\"path\">") == 6);
  CHECK(count(svg, "<g class=\"variable\">") == 4);
  CHECK(count(svg, "stroke-dasharray") == 2);
  CHECK(count(svg, "<g") == count(svg, "</g>"));
  CHECK(count(svg, "<text") == count(svg, "</text>"));
  CHECK_FALSE(contains(svg, "<script"));
  CHECK_FALSE(contains(svg, "href"));
  CHECK(contains(svg, ">a1 = 0.627</text>"));
  CHECK(contains(svg, ">c' = 0.103 (c = 0.496)</text>"));
}

TEST_CASE("path diagram escapes names for XML and DOT") {
  const socialcure::table data = socialcure::parse_csv(
      "x,m<1&2,\"y \"\"q\"\"\"\n1,2,3\n2,3,5\n3,3,4\n4,6,9\n5,5,8\n6,8,12\n7,8,11\n8,9,15\n", "names.csv");
  socialcure::mediation_spec spec;
  spec.x = "x";
  spec.mediators = {"m<1&2"};
  spec.y = "y \"q\"";
  socialcure::mediation_options options;
  options.seed = 1;
  options.replicates = 200;
  const auto r = socialcure::fit_mediation(data, spec, options);
  const std::string svg = socialcure::mediation_svg(r);
  CHECK(contains(svg, ">m&lt;1&amp;2</text>"));
  CHECK(contains(svg, ">y &quot;q&quot;</text>"));
  CHECK_FALSE(contains(svg, "m<1"));
  const std::string dot = socialcure::mediation_dot(r);
  CHECK(contains(dot, "[label=\"y \\\"q\\\"\"]"));
}

TEST_CASE("path diagram of a within-subject model draws the instance contrast as X") {
  const auto data = reference_data("mediation/data/dohle.csv");
  socialcure::within_mediation_spec spec;
  spec.mediators = {{"hazard_simple", "hazard_complex"}};
  spec.y = {"willing_simple", "willing_complex"};
  socialcure::mediation_options options;
  options.seed = 2;
  options.replicates = 500;
  const std::string dot = socialcure::mediation_dot(socialcure::fit_within_mediation(data, spec, options));
  // MEMORE reference (shared README): a = 0.8, b = -0.598128, c' = -0.085134, c = -0.563636.
  CHECK(contains(dot, "n0 [label=\"instance\"]"));
  CHECK(contains(dot, "n1 [label=\"hazard_complex - hazard_simple\"]"));
  CHECK(contains(dot, "n0 -> n1 [label=\"a1 = 0.800\"];"));
  CHECK(contains(dot, "n1 -> n2 [label=\"b1 = -0.598\"];"));
  CHECK(contains(dot, "n0 -> n2 [label=\"c' = -0.085 (c = -0.564)\", style=dashed];"));
}

// Model 59 on Garcia (tests/reference/conditional/data/garcia.csv; R lm, point.ref.csv garcia59:
// a1 = -2.686641, X*W in M's equation 0.809984 (p 0.005), c' = -2.561846, b1 = 0.183165, M*W
// 0.034145, X*W in Y's equation 0.491708; only the first product term's CI excludes 0).
TEST_CASE("path diagram of a conditional process model draws W onto the paths it moderates") {
  socialcure::mediation_spec spec;
  spec.x = "prot2";
  spec.mediators = {"respappr"};
  spec.y = "liking";
  spec.w = "sexism";
  spec.moderated_model = 59;
  socialcure::mediation_options options;
  options.seed = 11;
  options.replicates = 1000;
  const auto r = socialcure::fit_mediation(reference_data("conditional/data/garcia.csv"), spec, options);
  const std::string dot = socialcure::mediation_dot(r);
  CHECK(contains(dot, "w [label=\"sexism\"];"));
  CHECK(contains(dot, "n0 -> p0 [arrowhead=none, label=\"a1 = -2.687\", style=dashed];"));
  CHECK(contains(dot, "w -> p0 [label=\"prot2*sexism = 0.810\"];"));
  CHECK(contains(dot, "n0 -> p1 [arrowhead=none, label=\"c' = -2.562\", style=dashed];"));
  CHECK(contains(dot, "w -> p1 [label=\"prot2*sexism = 0.492\", style=dashed];"));
  CHECK(contains(dot, "n1 -> p2 [arrowhead=none, label=\"b1 = 0.183\", style=dashed];"));
  CHECK(contains(dot, "w -> p2 [label=\"respappr*sexism = 0.034\", style=dashed];"));
  CHECK(count(dot, " -> ") == 9);
  CHECK_FALSE(contains(dot, "(c = "));  // no total effect model in a conditional process model
  CHECK(contains(dot, "Indirect effect through respappr at sexism = 4.250: "));
  const std::string svg = socialcure::mediation_svg(r);
  CHECK(count(svg, "<g class=\"variable\">") == 4);
  CHECK(count(svg, "<g class=\"moderation\">") == 3);
  CHECK(count(svg, "<g class=\"path\">") == 3);
  CHECK(count(svg, "<g") == count(svg, "</g>"));
  CHECK_FALSE(contains(svg, "nan"));

  // Model 7: W moderates only X -> M.
  spec.moderated_model = 7;
  const std::string dot7 = socialcure::mediation_dot(socialcure::fit_mediation(reference_data("conditional/data/garcia.csv"), spec, options));
  CHECK(count(dot7, "w -> ") == 1);
  CHECK(contains(dot7, "Index of moderated mediation (respappr): 0.326, 95% CI ["));
}

// Moderation and conditional process models in a study: the study file's keys and their located
// errors, fit_study_model giving exactly what fit_moderation / fit_mediation give when called
// directly, and the report's sections, sentences and figures for them. The models are added to a
// copy of the bundled study in the test (the bundled study file itself is unchanged).

#include <doctest/doctest.h>

#include <string>

#include "socialcure/analyses/mediation.hpp"
#include "socialcure/analyses/moderation.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/report/process_figures.hpp"
#include "socialcure/report/study_report.hpp"
#include "socialcure/study/stages.hpp"
#include "socialcure/study/study_file.hpp"
#include "support.hpp"

namespace sc = socialcure;
using socialcure_test::contains;

namespace {

const std::string data_dir = std::string(SOCIALCURE_SOURCE_DIR) + "/examples/data";

const std::string head = R"(
[data]
file = "panel_wide.csv"
[[counts]]
name = "gp_visits"
)";

std::string error_of(const std::string& text) {
  try {
    (void)sc::parse_study(head + text, "s.toml");
  } catch (const sc::data_error& e) {
    return e.what();
  }
  return "no error";
}

sc::study_definition study_with_models() {
  sc::study_definition study = sc::load_study(data_dir + "/study.toml");
  study.models.clear();
  study.settings.replicates = 200;
  study.settings.threads = 2;
  sc::study_moderation mod;
  mod.x = "groups_change";
  mod.w = "age";
  mod.y = "belonging_change";
  mod.probe.method = sc::probe_method::mean_sd;
  study.models.push_back({"moderated", mod});
  sc::study_mediation med;
  med.x = "groups_change";
  med.mediators = {"belonging_change"};
  med.y = "loneliness_change";
  med.model = sc::mediation_model::parallel;
  med.moderated_model = 7;
  med.w = "age";
  study.models.push_back({"conditional", med});
  return study;
}

const sc::study_result& result() {
  static const sc::study_result r = sc::run_study(study_with_models());
  return r;
}

}  // namespace

TEST_CASE("study file: a moderation model and a model-7 mediation") {
  const sc::study_definition s = sc::parse_study(head + R"(
[[models]]
name = "m1"
type = "moderation"
x = "groups_change"
w = "age"
z = "gp_visits_t0"
y = "gp_visits_change"
model = 3
covariates = ["gp_visits_t1"]
center = "continuous"
probe = [30, 50]
se = "hc3"
level = 0.9

[[models]]
name = "m7"
type = "mediation"
x = "groups_change"
mediators = ["gp_visits_t1"]
y = "gp_visits_change"
model = 7
w = "age"
probe = "sd"
center = "all"
)", "s.toml");
  REQUIRE(s.models.size() == 2);
  const auto& m = std::get<sc::study_moderation>(s.models[0].spec);
  CHECK(s.models[0].type() == "moderation");
  CHECK(m.model == 3);
  CHECK(m.z == "gp_visits_t0");
  CHECK(m.center == sc::centering::continuous);
  CHECK(m.probe.method == sc::probe_method::values);
  CHECK(m.probe.values == std::vector<double>{30.0, 50.0});
  CHECK(m.se == sc::se_type::hc3);
  CHECK(m.level == doctest::Approx(0.9));
  const auto& d = std::get<sc::study_mediation>(s.models[1].spec);
  CHECK(d.moderated_model == 7);
  CHECK(d.model == sc::mediation_model::parallel);
  CHECK(d.w == "age");
  CHECK(d.probe.method == sc::probe_method::mean_sd);
  CHECK(d.center == sc::centering::all);
}

TEST_CASE("study file: errors of moderation keys name the line, the key and what is allowed") {
  const std::string base = "[[models]]\nname = \"m\"\ntype = \"moderation\"\nx = \"a\"\nw = \"b\"\ny = \"c\"\n";
  // head is 5 lines (a leading newline), so [[models]] is line 6 and the seventh key of base, model, line 12.
  CHECK(contains(error_of(base + "model = 4\n"), "s.toml:12: models[1].model: unknown moderation model"));
  CHECK(contains(error_of(base + "model = 4\n"), "1, 2, 3"));
  CHECK(contains(error_of(base + "center = \"some\"\n"), "none, all, continuous"));
  CHECK(contains(error_of(base + "probe = \"deciles\"\n"), "models[1].probe: unknown probe rule"));
  CHECK(contains(error_of(base + "level = 1.5\n"), "models[1].level: must lie strictly between 0 and 1"));
  CHECK(contains(error_of(base + "mediators = [\"m\"]\n"), "unknown key for a model of type 'moderation'"));
  CHECK(contains(error_of(base + "z = \"d\"\n"), "models[1] 'm'"));  // z with model 1: validate, located
  CHECK(contains(error_of("[[models]]\nname = \"m\"\ntype = \"moderation\"\nx = \"a\"\ny = \"c\"\n"),
                 "required key 'w' is missing"));
  const std::string med = "[[models]]\nname = \"d\"\ntype = \"mediation\"\nx = \"a\"\nmediators = [\"m\"]\ny = \"c\"\n";
  CHECK(contains(error_of(med + "model = 5\n"), "unknown PROCESS model"));
  CHECK(contains(error_of(med + "model = 5\n"), "7, 8, 14, 15, 58, 59"));
  CHECK(contains(error_of(med + "model = 7\n"), "needs a moderator w"));
  CHECK(contains(error_of(med + "w = \"b\"\n"), "needs a moderated_model"));
  CHECK(contains(error_of(med + "model = 7\nw = \"a\"\n"), "is also X"));
  CHECK(contains(error_of(med + "model = 7\nw = \"b\"\ncenter = true\n"), "models[1].center: expected a string"));
  CHECK(contains(error_of(med + "model = 7\nw = \"b\"\ncenter = \"x\"\n"), "none, all, continuous"));
}

TEST_CASE("study: a moderation and a model-7 mediation give what fit_moderation and fit_mediation give") {
  const sc::study_result& r = result();
  REQUIRE(r.models.size() == 2);
  const sc::moderation_result* mod = r.models[0].moderation();
  REQUIRE(mod != nullptr);
  sc::moderation_options o;
  o.probe.method = sc::probe_method::mean_sd;
  o.level = r.study.settings.level;
  const sc::moderation_result direct = sc::fit_moderation(r.analysis, {1, "groups_change", "age", "", "belonging_change", {}}, o);
  REQUIRE(mod->conditional_effects.size() == direct.conditional_effects.size());
  for (std::size_t i = 0; i < direct.conditional_effects.size(); ++i) {
    CHECK(mod->conditional_effects[i].effect == direct.conditional_effects[i].effect);
    CHECK(mod->conditional_effects[i].ci_upper == direct.conditional_effects[i].ci_upper);
  }
  CHECK(mod->interactions.at(0).f == direct.interactions.at(0).f);
  CHECK(mod->equation.coefficients.at(3).estimate == direct.equation.coefficients.at(3).estimate);

  const sc::mediation_result* med = r.models[1].mediation();
  REQUIRE(med != nullptr);
  sc::mediation_spec spec{"groups_change", {"belonging_change"}, "loneliness_change", {}, sc::mediation_model::parallel, 7, "age"};
  sc::mediation_options mo;
  mo.replicates = 200;
  mo.seed = r.study.settings.seed;
  mo.threads = 1;  // the replicates are the same for any number of threads
  const sc::mediation_result md = sc::fit_mediation(r.analysis, spec, mo);
  REQUIRE(med->conditional_indirect.size() == md.conditional_indirect.size());
  CHECK(med->conditional_indirect.size() == 3);  // one mediator at the 16th, 50th, 84th percentiles
  for (std::size_t i = 0; i < md.conditional_indirect.size(); ++i) {
    CHECK(med->conditional_indirect[i].effect.estimate == md.conditional_indirect[i].effect.estimate);
    CHECK(med->conditional_indirect[i].effect.ci_lower == md.conditional_indirect[i].effect.ci_lower);
  }
  REQUIRE(med->index_of_moderated_mediation.size() == 1);
  CHECK(med->index_of_moderated_mediation[0].effect.ci_upper == md.index_of_moderated_mediation[0].effect.ci_upper);
  // The study also bootstraps the band for its figure (the effects above are unchanged by it).
  CHECK(md.conditional_indirect_band.empty());
  CHECK(med->conditional_indirect_band.size() == sc::figure_band_points);
}

TEST_CASE("study report: moderation and conditional process sections, sentences and figures") {
  const sc::study_report rep = sc::make_study_report(result());
  CHECK(contains(rep.markdown, "## Moderation models"));
  CHECK(contains(rep.markdown, "### moderated: moderation (PROCESS model 1) of belonging_change"));
  CHECK(contains(rep.markdown, "Test of the interaction"));
  CHECK(contains(rep.markdown, "Conditional effects of groups_change on belonging_change"));
  CHECK(contains(rep.markdown, "Johnson-Neyman (the effect of groups_change over age"));
  CHECK(contains(rep.markdown, "conditional process model (PROCESS model 7, W = age)"));
  CHECK(contains(rep.markdown, "Conditional indirect effects of groups_change on loneliness_change at values of age"));
  CHECK(contains(rep.markdown, "Index of moderated mediation"));
  bool moderation_sentence = false, index_sentence = false;
  for (const auto& s : rep.sentences) {
    moderation_sentence = moderation_sentence ||
                          (contains(s, "the effect of groups_change on belonging_change depended on age, b = ") &&
                           contains(s, "ΔR² = ") && contains(s, ", F(1, ") && contains(s, "(mean - 1 SD"));
    index_sentence = index_sentence || contains(s, "had an index of moderated mediation by age of");
  }
  CHECK(moderation_sentence);
  CHECK(index_sentence);
  std::vector<std::string> files;
  for (const auto& f : rep.figures) {
    files.push_back(f.file);
    CHECK(f.svg.rfind("<?xml", 0) == 0);
    CHECK(contains(f.svg, "</svg>"));
  }
  CHECK(std::find(files.begin(), files.end(), "figures/moderation_moderated.svg") != files.end());
  CHECK(std::find(files.begin(), files.end(), "figures/johnson_neyman_moderated.svg") != files.end());
  CHECK(std::find(files.begin(), files.end(), "figures/conditional_indirect_conditional.svg") != files.end());
  CHECK(contains(rep.json, "\"schema\": \"socialcure.moderation/1\""));
}

TEST_CASE("conditional_indirect_svg: points, intervals and labels; not for an unmoderated model") {
  const sc::mediation_result& med = *result().models[1].mediation();
  const std::string svg = sc::conditional_indirect_svg(med);
  CHECK(svg.rfind("<?xml", 0) == 0);
  CHECK(socialcure_test::count(svg, "class=\"estimate\"") == 3);
  CHECK(socialcure_test::count(svg, "class=\"interval\"") == 3);
  CHECK(contains(svg, "indirect effect through belonging_change"));
  CHECK(contains(svg, ">age</text>"));
  CHECK(contains(svg, "the band at 25 values of age across its range"));
  // The band's polygon runs along the grid's upper ends and back along its lower ends: 2 x 25 points.
  const auto polygon = svg.find("<polygon fill=");
  REQUIRE(polygon != std::string::npos);
  const std::string points = svg.substr(polygon, svg.find("\"/>", polygon) - polygon);
  CHECK(socialcure_test::count(points, ",") == 2 * sc::figure_band_points);
  sc::mediation_result probed_only = med;  // without a band the points are joined
  probed_only.conditional_indirect_band.clear();
  CHECK(contains(sc::conditional_indirect_svg(probed_only), "joined between the probed values"));
  sc::mediation_result plain;
  CHECK_THROWS_AS((void)sc::conditional_indirect_svg(plain), sc::argument_error);
}

// A mediation with a count outcome and clustered models in a study: the study file's keys
// (family, offset / exposure, x_values, interaction, cluster, cluster_se) and their located errors,
// the fits against R, and the report's section, sentence and results.json for them.
//
// Data: the R reference data sets tests/reference/natural_effects/data/serial_count.csv (a serial
// chain to a negative binomial count, n = 630) and tests/reference/cluster/data/practices.csv
// (patients in 40 practices), each written by the test into a study's wide file: the same rows
// with an id column and a pair of wave markers (seen_t0, seen_t1 = 1), so that the data columns
// are the analysis table's person columns. Reference values: natural_effects/point.ref.csv
// (make_reference.R: lm, MASS::glm.nb and the effects written out path by path; tolerance 1e-8
// relative, as tests/analyses/natural_effects_test.cpp) and cluster/cluster.ref.csv
// (make_reference.R: sandwich::vcovCL HC1 and clubSandwich CR2; 1e-8 relative).

#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "reference_values.hpp"
#include "socialcure/analyses/mediation.hpp"
#include "socialcure/analyses/natural_effects.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/report/natural_effects_report.hpp"
#include "socialcure/report/study_report.hpp"
#include "socialcure/report/text_table.hpp"
#include "socialcure/study/stages.hpp"
#include "socialcure/study/study_file.hpp"
#include "support.hpp"

namespace sc = socialcure;
using socialcure_test::contains;
using socialcure_test::reference_values;

namespace {

const reference_values& natural_ref() {
  static const reference_values r = reference_values::load("natural_effects/point.ref.csv");
  return r;
}

const reference_values& cluster_ref() {
  static const reference_values r = reference_values::load("cluster/cluster.ref.csv");
  return r;
}

const socialcure_test::temp_dir& folder() {
  static const socialcure_test::temp_dir dir("study_glm_mediation");
  return dir;
}

// The reference data set as a study's wide file: "id" and the wave markers added to every row.
std::string panel_file(const std::string& reference_csv, const std::string& name) {
  std::ifstream in(socialcure_test::reference_dir() + reference_csv);
  REQUIRE(in.good());
  const std::string path = folder().file(name);
  std::ofstream out(path);
  std::string line;
  std::size_t row = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    out << (row == 0 ? std::string("id") : "R" + std::to_string(row)) << "," << line
        << (row == 0 ? ",seen_t0,seen_t1" : ",1,1") << "\n";
    ++row;
  }
  return path;
}

const std::string& serial_file() {
  static const std::string path = panel_file("natural_effects/data/serial_count.csv", "serial_count.csv");
  return path;
}

const std::string& practices_file() {
  static const std::string path = panel_file("cluster/data/practices.csv", "practices.csv");
  return path;
}

const std::string settings = R"(
[settings]
replicates = 200
seed = 5
threads = 2
)";

const std::string chain = R"(
[[models]]
name = "visits_chain"
type = "mediation"
family = "negbin"
x = "groups"
mediators = ["belong", "lonely"]
y = "visits"
covariates = ["age"]
)";

sc::study_definition serial_study(const std::string& models = chain) {
  return sc::parse_study("[data]\nfile = \"" + serial_file() + "\"\n" + settings + models, "glm.toml");
}

const sc::study_result& serial_result() {
  static const sc::study_result r = sc::run_study(serial_study());
  return r;
}

std::string error_of(const std::string& models) {
  try {
    (void)sc::parse_study("[data]\nfile = \"panel.csv\"\n" + models, "s.toml");
  } catch (const sc::data_error& e) {
    return e.what();
  }
  return "no error";
}

const sc::mediation_effect& effect(const std::vector<sc::mediation_effect>& effects, const std::string& label) {
  for (const auto& e : effects) {
    if (e.label == label) return e;
  }
  FAIL("no effect " << label);
  return effects.front();
}

}  // namespace

TEST_CASE("study file: a mediation with family negbin is a GLM-outcome mediation with its keys") {
  const sc::study_definition s = sc::parse_study(R"(
[data]
file = "panel.csv"
[[models]]
name = "chain"
type = "mediation"
family = "negbin"
x = "groups_change"
mediators = ["belonging_change", "loneliness_change"]
y = "gp_visits_t1"
covariates = ["gp_visits_t0"]
exposure = "months"
x_values = [0, 2]
interaction = true
cluster = "practice"
[[models]]
name = "plain"
type = "mediation"
family = "gaussian"
x = "groups_change"
mediators = ["belonging_change"]
y = "loneliness_change"
cluster = "practice"
[[models]]
name = "odds"
type = "mediation"
family = "binomial"
x = "groups_change"
mediators = ["belonging_change"]
y = "referred"
model = 4
)",
                                                 "s.toml");
  REQUIRE(s.models.size() == 3);
  const auto* glm = std::get_if<sc::study_glm_mediation>(&s.models[0].spec);
  REQUIRE(glm != nullptr);
  CHECK(s.models[0].type() == "mediation");
  CHECK(glm->family == sc::glm_family::negative_binomial);
  CHECK(glm->model == sc::mediation_model::serial);
  CHECK(glm->exposure == "months");
  CHECK(glm->offset.empty());
  REQUIRE(glm->x_values.has_value());
  CHECK(glm->x_values->first == 0.0);
  CHECK(glm->x_values->second == 2.0);
  CHECK(glm->interaction);
  CHECK(glm->cluster == "practice");
  const auto* plain = std::get_if<sc::study_mediation>(&s.models[1].spec);
  REQUIRE(plain != nullptr);
  CHECK(plain->cluster == "practice");
  const auto* odds = std::get_if<sc::study_glm_mediation>(&s.models[2].spec);
  REQUIRE(odds != nullptr);
  CHECK(odds->family == sc::glm_family::binomial);
  CHECK(odds->model == sc::mediation_model::parallel);
  CHECK_FALSE(odds->interaction);
}

TEST_CASE("study file: errors of GLM-outcome mediation and cluster keys name the file, line and key") {
  const std::string m = "[[models]]\nname = \"m\"\ntype = \"mediation\"\nx = \"x\"\nmediators = [\"a\"]\ny = \"y\"\n";
  const std::string r = "[[models]]\nname = \"r\"\ntype = \"regression\"\ny = \"y\"\nx = \"x\"\n";
  auto check = [](const std::string& message, std::initializer_list<const char*> parts) {
    for (const char* part : parts) CHECK_MESSAGE(contains(message, part), message);
  };
  check(error_of(m + "family = \"gamma\"\n"),
        {"s.toml:9: models[1].family: unknown mediation family", "gamma", "negbin", "binomial"});
  check(error_of(m + "offset = \"t\"\n"), {"s.toml:9: models[1].offset: applies to a mediation with a count or binary"});
  check(error_of(m + "family = \"poisson\"\nw = \"age\"\n"),
        {"s.toml:10: models[1].w:", "has a moderator only in a conditional process model"});
  check(error_of(m + "family = \"poisson\"\nmodel = 7\n"), {"s.toml:3: models[1] 'm':", "model 7 needs a moderator w"});
  check(error_of(m + "family = \"poisson\"\nmodel = 9\n"), {"s.toml:10: models[1].model: unknown PROCESS model", "58, 59"});
  check(error_of(m + "family = \"poisson\"\nmodel = 7\nw = \"age\"\ninteraction = true\n"),
        {"s.toml:3: models[1] 'm':", "X*M interaction is not available"});
  check(error_of(m + "family = \"poisson\"\nx_values = [1, 1]\n"), {"s.toml:10: models[1].x_values: x0 and x1 must differ"});
  check(error_of(m + "family = \"poisson\"\nx_values = [1]\n"), {"s.toml:10: models[1].x_values: two values are needed"});
  check(error_of(m + "family = \"poisson\"\ninteraction = 1\n"),
        {"s.toml:10: models[1].interaction: expected a boolean", "found an integer"});
  check(error_of(m + "family = \"poisson\"\nlink = \"probit\"\n"),
        {"s.toml:10: models[1].link: a link is chosen for a binary outcome (family = \"binomial\") only", "probit"});
  check(error_of(m + "family = \"binomial\"\nlink = \"cloglog\"\n"),
        {"s.toml:10: models[1].link: unknown link", "cloglog", "logit, probit"});
  {
    const sc::study_definition probit = sc::parse_study("[data]\nfile = \"panel.csv\"\n" + m +
                                                        "family = \"binomial\"\nlink = \"probit\"\n", "s.toml");
    REQUIRE(probit.models.size() == 1);
    const auto* glm = std::get_if<sc::study_glm_mediation>(&probit.models[0].spec);
    REQUIRE(glm != nullptr);
    CHECK(glm->link == sc::glm_link::probit);
  }
  check(error_of(m + "family = \"binomial\"\nexposure = \"months\"\n"), {"s.toml:3: models[1] 'm':", "binomial"});
  check(error_of("[settings]\nci = \"monte_carlo\"\n" + m + "cluster = \"practice\"\n"),
        {"s.toml:5: models[1] 'm' cluster: a cluster bootstrap has no Monte Carlo intervals"});
  check(error_of(r + "cluster = \"practice\"\nse = \"hc1\"\n"), {"s.toml:9: models[1].se: 'se' does not apply with 'cluster'"});
  check(error_of(r + "cluster_se = \"cr2\"\n"), {"s.toml:8: models[1].cluster_se: given without 'cluster'"});
  check(error_of(r + "cluster = \"practice\"\ncluster_se = \"cr3\"\n"),
        {"s.toml:9: models[1].cluster_se: unknown cluster-robust standard-error type", "cr1, cr2"});
  check(error_of("[[models]]\nname = \"mod\"\ntype = \"moderation\"\nx = \"x\"\nw = \"w\"\ny = \"y\"\ncluster = \"p\"\n"),
        {"s.toml:9: models[1].cluster: unknown key for a model of type 'moderation'"});
  check(error_of("[[models]]\nname = \"t\"\ntype = \"glm\"\n"), {"unknown model type", "mediation, within_mediation"});
}

TEST_CASE("study: a negbin mediation of the serial chain agrees with R (glm.nb, effects path by path)") {
  const sc::study_result& r = serial_result();
  REQUIRE(r.models.size() == 1);
  const sc::glm_mediation_result* res = r.models[0].glm_mediation();
  REQUIRE(res != nullptr);
  CHECK(r.models[0].mediation() == nullptr);
  CHECK(res->n == 630);
  CHECK(res->family == sc::glm_family::negative_binomial);
  CHECK(res->model == sc::mediation_model::serial);
  const auto& ref = natural_ref();
  const std::string a = "nb_serial";
  for (std::size_t j = 0; j < 2; ++j) {
    for (const auto& c : res->mediator_equations[j].coefficients) {
      ref.check(c.estimate, a, (j == 0 ? "belong:" : "lonely:") + c.term, 1e-8);
    }
  }
  for (const auto& c : res->outcome.coefficients) ref.check(c.estimate, a, "visits:" + c.term, 1e-8);
  ref.check(res->outcome.theta, a, "theta", 1e-8);
  ref.check(res->x0, a, "x0", 1e-12);
  ref.check(res->x1, a, "x1", 1e-12);
  ref.check(effect(res->ratio_effects, "nde").estimate, a, "nde", 1e-8);
  ref.check(effect(res->ratio_effects, "nie").estimate, a, "nie", 1e-8);
  ref.check(effect(res->ratio_effects, "total").estimate, a, "ratio_total", 1e-8);
  ref.check(effect(res->ratio_effects, "prop_mediated").estimate, a, "prop_mediated", 1e-8);
  for (const char* q : {"acme_control", "acme_treated", "acme_average", "ade_control", "ade_treated", "ade_average", "total",
                        "prop_mediated_average"}) {
    ref.check(effect(res->causal_effects, q).estimate, a, q, 1e-8);
  }
  // The study's settings reach the bootstrap: what fit_glm_mediation gives called directly.
  sc::glm_mediation_spec spec;
  spec.x = "groups";
  spec.mediators = {"belong", "lonely"};
  spec.y = "visits";
  spec.covariates = {"age"};
  spec.model = sc::mediation_model::serial;
  spec.family = sc::glm_family::negative_binomial;
  sc::mediation_options options;
  options.replicates = 200;
  options.seed = 5;
  options.threads = 1;
  const sc::glm_mediation_result direct = sc::fit_glm_mediation(r.analysis, spec, options);
  CHECK(res->replicates.succeeded == 200);
  for (const char* q : {"nde", "nie", "total"}) {
    CHECK(effect(res->ratio_effects, q).ci_lower == effect(direct.ratio_effects, q).ci_lower);
    CHECK(effect(res->ratio_effects, q).ci_upper == effect(direct.ratio_effects, q).ci_upper);
  }
}

TEST_CASE("study report: a negbin mediation gives its rate ratios, response-scale effects and one sentence") {
  const sc::study_result& r = serial_result();
  const sc::glm_mediation_result& res = *r.models[0].glm_mediation();
  const sc::study_report report = sc::make_study_report(r);
  CHECK(contains(report.markdown, "visits_chain: serial mediation with a negative binomial outcome"));
  CHECK(contains(report.markdown, "Natural effects as rate ratios, X from"));
  CHECK(contains(report.markdown, "Natural effects on the expected count of visits, averaged over the 630 people"));
  CHECK(contains(report.markdown, "ACME (average)"));
  CHECK(contains(report.markdown, "indirect (NIE)"));
  CHECK(contains(report.markdown, "Rate ratio 95% CI"));
  // One sentence for the model, in the outcome's terms, with R's point values (rounded).
  std::size_t mine = 0;
  std::string sentence;
  for (const auto& s : report.sentences) {
    if (contains(s, "visits_chain")) {
      ++mine;
      sentence = s;
    }
  }
  REQUIRE(mine == 1);
  const auto& ref = natural_ref();
  const double total = ref("nb_serial", "ratio_total");
  const double nie = ref("nb_serial", "nie");
  const double te = ref("nb_serial", "total");
  const std::string percent = sc::format_fixed(100.0 * std::fabs(total - 1.0), 1);
  INFO(sentence);
  CHECK(contains(sentence, "raising groups from " + sc::format_significant(ref("nb_serial", "x0"), 4) + " to " +
                               sc::format_significant(ref("nb_serial", "x1"), 4) + " (mean -> mean + SD) went with " +
                               percent + "% " + (total < 1.0 ? "fewer" : "more") + " visits (rate ratio " +
                               sc::format_fixed(total, 3) + ", 95% CI "));
  CHECK(contains(sentence, sc::format_fixed(100.0 * ref("nb_serial", "prop_mediated"), 1) + "% of it through belong and lonely, an indirect effect of " +
                               sc::format_fixed(100.0 * std::fabs(nie - 1.0), 1) + "% fewer visits (rate ratio " +
                               sc::format_fixed(nie, 3) + ", 95% CI "));
  CHECK(contains(sentence, "averaged over the 630 people that is " + sc::format_fixed(std::fabs(te), 2) +
                               (te < 0 ? " fewer" : " more") + " visits per person"));
  CHECK(contains(sentence, "of which " + sc::format_fixed(std::fabs(ref("nb_serial", "acme_average")), 2)));
  CHECK(contains(sentence, "percentile bootstrap CIs, 200 resamples, seed 5"));
  // results.json embeds the model's own JSON (glm_mediation_json).
  const auto json = nlohmann::json::parse(report.json);
  const auto& model = json["models"][0];
  CHECK(model["type"] == "mediation");
  const auto& result = model["result"];
  CHECK(result == nlohmann::json::parse(sc::glm_mediation_json(res)));
  CHECK(result["family"] == "negbin");
  CHECK(result["ratio_effects"][2]["label"] == "total");
  CHECK(result["ratio_effects"][2]["estimate"].get<double>() == doctest::Approx(total).epsilon(1e-8));
  bool noted = false;
  for (const auto& n : json["notes"]) noted = noted || contains(n.get<std::string>(), "visits_chain: 200 of 200 resamples");
  CHECK(noted);
}

TEST_CASE("study: cluster = \"practice\" gives R's cluster-robust SEs (CR1, and CR2 when asked)") {
  const auto regression = [](const std::string& name, const std::string& y, const std::string& extra) {
    return "[[models]]\nname = \"" + name + "\"\ntype = \"regression\"\ny = \"" + y +
           "\"\nx = [\"groups\", \"age\", \"female\", \"deprivation\"]\n" + extra;
  };
  const sc::study_definition study = sc::parse_study(
      "[data]\nfile = \"" + practices_file() + "\"\ntext = [\"practice\", \"network\", \"practice_m\"]\n" +
          regression("score_cr1", "score", "cluster = \"practice\"\n") +
          regression("score_cr2", "score", "cluster = \"network\"\ncluster_se = \"cr2\"\n") +
          regression("visits_nb", "visits_nb", "family = \"negbin\"\ncluster = \"practice\"\n"),
      "cluster.toml");
  const sc::study_table data = sc::build_study_table(study);
  const auto& ref = cluster_ref();
  const sc::study_model_result cr1 = sc::fit_study_model(study, study.models[0], data);
  REQUIRE(cr1.ols() != nullptr);
  REQUIRE(cr1.ols()->cluster.has_value());
  CHECK(cr1.ols()->cluster->clusters == 40);
  for (const auto& c : cr1.ols()->coefficients) ref.check(c.se, "ols_practice", "cr1_se:" + c.term, 1e-8);
  const sc::study_model_result cr2 = sc::fit_study_model(study, study.models[1], data);
  REQUIRE(cr2.ols() != nullptr);
  for (const auto& c : cr2.ols()->coefficients) {
    ref.check(c.se, "ols_network", "cr2_se:" + c.term, 1e-8);
    ref.check(c.df, "ols_network", "cr2_df:" + c.term, 1e-8);
  }
  const sc::study_model_result nb = sc::fit_study_model(study, study.models[2], data);
  REQUIRE(nb.glm() != nullptr);
  for (const auto& c : nb.glm()->coefficients) ref.check(c.se, "nb_practice", "cr1_se:" + c.term, 1e-8);
  // The report names the covariance and the t tests on G - 1 df (not HC3, not z).
  sc::study_result r;
  r.study = study;
  r.analysis = data.analysis;
  r.models = {cr1, cr2, nb};
  const sc::study_report report = sc::make_study_report(r);
  CHECK(contains(report.markdown, "Coefficients (cluster-robust CR1 standard errors, 40 clusters of practice, t tests on 39 df)"));
  CHECK(contains(report.markdown, "Coefficients (cluster-robust CR2 standard errors, 12 clusters of network, Satterthwaite df)"));
  std::size_t t39 = 0;
  for (const auto& sentence : report.sentences) {
    if (contains(sentence, "(score_cr1,") || contains(sentence, "(visits_nb,")) t39 += contains(sentence, ", t(39) = ") ? 1 : 0;
  }
  CHECK(t39 == 8);
}

TEST_CASE("study: a mediation's cluster reaches the cluster bootstrap (as fit_mediation called directly)") {
  sc::study_definition study = sc::parse_study("[data]\nfile = \"" + practices_file() + R"("
text = ["practice", "network", "practice_m"]
[settings]
replicates = 100
seed = 3
threads = 2
[[models]]
name = "by_practice"
type = "mediation"
x = "groups"
mediators = ["score"]
y = "visits_nb"
cluster = "practice"
[[models]]
name = "nb_by_practice"
type = "mediation"
family = "negbin"
x = "groups"
mediators = ["score"]
y = "visits_nb"
cluster = "practice"
)",
                                               "cluster.toml");
  const sc::study_table data = sc::build_study_table(study);
  sc::mediation_options options;
  options.replicates = 100;
  options.seed = 3;
  options.threads = 1;
  const sc::study_model_result linear = sc::fit_study_model(study, study.models[0], data);
  REQUIRE(linear.mediation() != nullptr);
  CHECK(linear.mediation()->replicates.cluster == "practice");
  CHECK(linear.mediation()->replicates.clusters == 40);
  sc::mediation_spec spec;
  spec.x = "groups";
  spec.mediators = {"score"};
  spec.y = "visits_nb";
  spec.cluster = "practice";
  const sc::mediation_result direct = sc::fit_mediation(data.analysis, spec, options);
  CHECK(linear.mediation()->indirect[0].ci_lower == direct.indirect[0].ci_lower);
  CHECK(linear.mediation()->indirect[0].ci_upper == direct.indirect[0].ci_upper);
  const sc::study_model_result nb = sc::fit_study_model(study, study.models[1], data);
  REQUIRE(nb.glm_mediation() != nullptr);
  CHECK(nb.glm_mediation()->replicates.clusters == 40);
  sc::study_result r;
  r.study = study;
  r.analysis = data.analysis;
  r.models = {nb};
  const auto json = nlohmann::json::parse(sc::make_study_report(r).json);
  CHECK(json["models"][0]["result"]["bootstrap"]["cluster"] == "practice");
  bool noted = false;
  for (const auto& n : json["notes"]) {
    noted = noted || contains(n.get<std::string>(), "nb_by_practice: 100 of 100 resamples succeeded (0 redrawn), whole "
                                                    "clusters of practice resampled (40 clusters), seed 3");
  }
  CHECK(noted);
}

TEST_CASE("study report: direct and indirect effects in opposite directions give no share mediated") {
  // The bundled sample: appointments at t1 on the chain of change scores (its ratio-scale
  // proportion mediated is negative: the indirect effect points against the total).
  sc::study_definition study = sc::load_study(std::string(SOCIALCURE_SOURCE_DIR) + "/examples/data/study.toml");
  study.models.clear();
  study.settings.replicates = 100;
  study.settings.threads = 2;
  sc::study_glm_mediation m;
  m.x = "groups_change";
  m.mediators = {"belonging_change", "loneliness_change"};
  m.y = "gp_visits_t1";
  m.covariates = {"gp_visits_t0", "age"};
  study.models.push_back({"appointments", m});
  const sc::study_result r = sc::run_study(study);
  const sc::glm_mediation_result& res = *r.models.at(0).glm_mediation();
  const double share = effect(res.ratio_effects, "prop_mediated").estimate;
  REQUIRE((share < 0.0 || share > 1.0));
  const sc::study_report report = sc::make_study_report(r);
  std::string sentence;
  for (const auto& s : report.sentences) {
    if (contains(s, "In appointments")) sentence = s;
  }
  INFO(sentence);
  CHECK(contains(sentence, "with an indirect effect through belonging_change and loneliness_change of "));
  CHECK(contains(sentence, "(the direct and indirect effects point in opposite directions: no share mediated)"));
  CHECK_FALSE(contains(sentence, "% of it through"));
  CHECK(contains(sentence, "), with "));
}

TEST_CASE("study report: a probit mediation gives response-scale effects and a sentence without ratios") {
  // probit.ref.csv (make_probit_reference.R, probit_single): ACME average and total effect.
  static const socialcure_test::reference_values probit_ref =
      socialcure_test::reference_values::load("natural_effects/probit.ref.csv");
  static const std::string path = panel_file("natural_effects/data/parallel.csv", "parallel.csv");
  const sc::study_definition study = sc::parse_study("[data]\nfile = \"" + path + "\"\n" + settings + R"(
[[models]]
name = "probit_chain"
type = "mediation"
family = "binomial"
link = "probit"
x = "prescribed"
mediators = ["m1"]
y = "ybin"
covariates = ["c1"]
interaction = true
)", "probit.toml");
  const sc::study_result r = sc::run_study(study);
  const sc::glm_mediation_result& res = *r.models[0].glm_mediation();
  CHECK(res.ratio_effects.empty());
  probit_ref.check(effect(res.causal_effects, "acme_average").estimate, "probit_single", "acme_average", 1e-8);
  probit_ref.check(effect(res.causal_effects, "total").estimate, "probit_single", "total", 1e-8);
  const sc::study_report report = sc::make_study_report(r);
  CHECK_FALSE(contains(report.markdown, "Natural effects as odds ratios"));
  CHECK(contains(report.markdown, "Natural effects on the probability of ybin"));
  std::string sentence;
  for (const auto& s : report.sentences) {
    if (contains(s, "probit_chain")) sentence = s;
  }
  INFO(sentence);
  const double te = probit_ref("probit_single", "total");
  CHECK(contains(sentence, "went with " + sc::format_fixed(100.0 * std::fabs(te), 1) + " percentage points " +
                               (te < 0 ? "lower" : "higher") + " probability of ybin"));
  CHECK_FALSE(contains(sentence, "odds ratio"));
}

TEST_CASE("study: a conditional process model with a Poisson count agrees with R and reports each value of W") {
  // natural_effects/conditional.ref.csv (make_conditional_reference.R): model 7, Poisson with the
  // exposure months, two mediators; 1e-8 relative as tests/analyses/conditional_natural_effects_test.cpp.
  static const reference_values cref = reference_values::load("natural_effects/conditional.ref.csv");
  const std::string file = panel_file("natural_effects/data/conditional.csv", "conditional.csv");
  const sc::study_definition study = sc::parse_study("[data]\nfile = \"" + file + "\"\n" + settings + R"(
[[models]]
name = "visits_by_w"
type = "mediation"
family = "poisson"
model = 7
w = "w"
x = "x"
mediators = ["m1", "m2"]
y = "y"
covariates = ["c1"]
exposure = "months"
)", "conditional.toml");
  const auto* spec = std::get_if<sc::study_glm_mediation>(&study.models[0].spec);
  REQUIRE(spec != nullptr);
  CHECK(spec->moderated_model == 7);
  CHECK(spec->w == "w");
  const sc::study_result r = sc::run_study(study);
  const sc::glm_mediation_result* res = r.models[0].glm_mediation();
  REQUIRE(res != nullptr);
  REQUIRE(res->conditional_effects.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    const std::string at = "@w" + std::to_string(i + 1);
    cref.check(effect(res->conditional_effects[i].ratio_effects, "nie").estimate, "m7_poisson", "nie" + at, 1e-8);
    cref.check(effect(res->conditional_effects[i].causal_effects, "acme_average").estimate, "m7_poisson", "acme_average" + at,
               1e-8);
    cref.check(res->conditional_indirect[i].effect.estimate, "m7_poisson", "omega1" + at, 1e-8);
  }
  const sc::study_report report = sc::make_study_report(r);
  CHECK(contains(report.markdown, "visits_by_w: conditional process model (PROCESS model 7, W = w) with a Poisson outcome"));
  CHECK(contains(report.markdown, "Conditional indirect effects of x on y at values of w"));
  CHECK(contains(report.markdown, "Index of moderated mediation"));
  CHECK(contains(report.markdown, "Natural effects as rate ratios, X from 0 to 1, w = 2.02, the covariates at their means"));
  std::size_t mine = 0;
  for (const auto& s : report.sentences) {
    if (!contains(s, "visits_by_w")) continue;
    ++mine;
    CHECK_MESSAGE(contains(s, "(PROCESS model 7, Poisson outcome, n = 500;"), s);
    CHECK_MESSAGE(contains(s, ", with w = "), s);
  }
  CHECK(mine == 3);
  const auto json = nlohmann::json::parse(report.json);
  CHECK(json["models"][0]["result"]["process_model"] == 7);
  CHECK(json["models"][0]["result"]["conditional_causal_effects"].size() == 24);
}

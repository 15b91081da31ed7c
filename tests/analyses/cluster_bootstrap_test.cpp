// The cluster bootstrap of mediation models (mediation_spec::cluster, glm_mediation_spec::cluster):
// whole clusters resampled with replacement, every model refitted.
//
// Reference values: tests/reference/cluster/bootstrap.ref.csv from
// tests/reference/cluster/make_bootstrap_reference.R (R 4.2.2: boot::boot over the 40 practices
// of tests/reference/cluster/data/practices.csv, 2,000 resamples, lm and MASS::glm.nb refitted,
// the effects written out there), each percentile endpoint with its Monte Carlo SE. Ours use other
// random numbers and B replicates, so an endpoint may differ by sqrt(1 + 2000 / B) of those SEs;
// 4 of them are allowed. Without R: clusters of one case each reproduce the case bootstrap exactly.
// The BCa acceleration leaving one practice out: tests/reference/natural_effects/bca.ref.csv
// (make_bca_reference.R, 40 leave-one-practice-out refits by lm and MASS::glm.nb).
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "reference_values.hpp"
#include "socialcure/analyses/mediation.hpp"
#include "socialcure/analyses/natural_effects.hpp"
#include "socialcure/core/error.hpp"

using namespace socialcure;
using socialcure_test::reference_data;
using socialcure_test::reference_values;

namespace {

const reference_values& ref() {
  static const reference_values r = reference_values::load("cluster/bootstrap.ref.csv");
  return r;
}

void check_endpoints(const mediation_effect& e, const std::string& analysis, const std::string& quantity,
                     std::size_t replicates) {
  const double widen = std::sqrt(1.0 + 2000.0 / static_cast<double>(replicates));
  ref().check(e.estimate, analysis, quantity + ":estimate", 1e-8);
  for (const auto& [ours, side] : {std::pair{e.ci_lower, std::string("ci_lower")}, std::pair{e.ci_upper, std::string("ci_upper")}}) {
    const double theirs = ref()(analysis, quantity + ":" + side);
    const double allowed = 4.0 * widen * ref()(analysis, quantity + ":" + side + "_mc_se");
    CHECK_MESSAGE(std::fabs(ours - theirs) < allowed, analysis << " " << quantity << " " << side << ": ours " << ours
                                                                  << ", R " << theirs << ", allowed " << allowed);
  }
  CHECK(e.boot_se == doctest::Approx(ref()(analysis, quantity + ":boot_se")).epsilon(0.1));
}

mediation_spec gaussian_spec() {
  mediation_spec s;
  s.x = "groups";
  s.mediators = {"score"};
  s.y = "visits";
  s.covariates = {"age"};
  s.cluster = "practice";
  return s;
}

glm_mediation_spec negbin_spec() {
  glm_mediation_spec s;
  s.x = "groups";
  s.mediators = {"score"};
  s.y = "visits_nb";
  s.covariates = {"age"};
  s.family = glm_family::negative_binomial;
  s.cluster = "practice";
  return s;
}

mediation_options options(std::size_t replicates, std::uint64_t seed) {
  mediation_options o;
  o.replicates = replicates;
  o.seed = seed;
  return o;
}

/// The table with a column "case" that gives every row its own cluster.
table with_case_ids(table t) {
  std::vector<double> ids(t.rows());
  for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = static_cast<double>(i);
  t.add(column("case", ids));
  return t;
}

}  // namespace

TEST_CASE("the cluster bootstrap of model 4 resamples practices as R's boot over practice ids does") {
  const auto data = reference_data("cluster/data/practices.csv");
  const mediation_result r = fit_mediation(data, gaussian_spec(), options(4000, 11));
  CHECK(r.replicates.cluster == "practice");
  CHECK(r.replicates.clusters == 40);
  CHECK(r.notes.empty());
  REQUIRE(!r.indirect.empty());
  check_endpoints(r.indirect[0], "cluster_gaussian", "ab", 4000);
}

TEST_CASE("the cluster bootstrap of a negative binomial outcome agrees with R's within Monte Carlo error") {
  const auto data = reference_data("cluster/data/practices.csv");
  const glm_mediation_result r = fit_glm_mediation(data, negbin_spec(), options(2000, 12));
  CHECK(r.replicates.clusters == 40);
  for (const auto& e : r.ratio_effects) {
    if (e.label == "nie") check_endpoints(e, "cluster_negbin", "nie", 2000);
  }
  for (const auto& e : r.causal_effects) {
    if (e.label == "acme_average") check_endpoints(e, "cluster_negbin", "acme_average", 2000);
  }
}

TEST_CASE("clusters of one case each give exactly the case bootstrap, and BCa leaves one cluster out") {
  const auto data = with_case_ids(reference_data("cluster/data/practices.csv"));
  mediation_spec by_case = gaussian_spec();
  by_case.cluster = "case";
  mediation_spec plain = gaussian_spec();
  plain.cluster.clear();
  for (const ci_method method : {ci_method::percentile, ci_method::bca}) {
    mediation_options o = options(300, 13);
    o.ci = method;
    const mediation_result a = fit_mediation(data, by_case, o);
    const mediation_result b = fit_mediation(data, plain, o);
    CHECK(a.replicates.clusters == data.rows());
    CHECK(a.indirect[0].ci_lower == b.indirect[0].ci_lower);
    CHECK(a.indirect[0].ci_upper == b.indirect[0].ci_upper);
    CHECK(a.indirect[0].boot_se == b.indirect[0].boot_se);
  }
  glm_mediation_spec g_case = negbin_spec();
  g_case.cluster = "case";
  glm_mediation_spec g_plain = negbin_spec();
  g_plain.cluster.clear();
  const glm_mediation_result a = fit_glm_mediation(data, g_case, options(100, 14));
  const glm_mediation_result b = fit_glm_mediation(data, g_plain, options(100, 14));
  for (std::size_t e = 0; e < a.causal_effects.size(); ++e) CHECK(a.causal_effects[e].ci_lower == b.causal_effects[e].ci_lower);
  // Leaving one practice out differs from leaving one case out: the BCa acceleration changes.
  mediation_options o = options(300, 13);
  o.ci = ci_method::bca;
  const double by_practice = fit_mediation(data, gaussian_spec(), o).indirect[0].acceleration;
  const double by_row = fit_mediation(data, plain, o).indirect[0].acceleration;
  CHECK(std::isfinite(by_practice));
  CHECK(by_practice != by_row);
}

TEST_CASE("BCa with a cluster column leaves one practice out, as R's leave-one-practice-out refits") {
  static const reference_values bca = reference_values::load("natural_effects/bca.ref.csv");
  const auto data = reference_data("cluster/data/practices.csv");
  const glm_mediation_spec s = negbin_spec();
  mediation_options o = options(40, 15);
  o.threads = 2;
  o.ci = ci_method::bca;
  const glm_mediation_result r = fit_glm_mediation(data, s, o);
  // make_bca_reference.R: 40 refits by lm and MASS::glm.nb, each without one practice; 1e-8 relative.
  for (const auto& e : r.ratio_effects) {
    if (e.label == "nie") bca.check(e.acceleration, "bca_cluster_negbin", "nie:acceleration", 1e-8);
  }
  for (const auto& e : r.causal_effects) {
    if (e.label == "acme_average") bca.check(e.acceleration, "bca_cluster_negbin", "acme_average:acceleration", 1e-8);
  }
  // The same for any number of threads.
  o.threads = 1;
  const glm_mediation_result one = fit_glm_mediation(data, s, o);
  for (std::size_t e = 0; e < r.causal_effects.size(); ++e) {
    CHECK(one.causal_effects[e].acceleration == r.causal_effects[e].acceleration);
    CHECK(one.causal_effects[e].ci_lower == r.causal_effects[e].ci_lower);
  }
}

TEST_CASE("a cluster bootstrap notes few clusters, counts missing ids and refuses Monte Carlo intervals") {
  const auto data = reference_data("cluster/data/practices.csv");
  mediation_spec by_network = gaussian_spec();
  by_network.cluster = "network";
  const mediation_result r = fit_mediation(data, by_network, options(200, 15));
  CHECK(r.replicates.clusters == 12);
  REQUIRE(r.notes.size() == 1);
  CHECK(r.notes[0].find("12 clusters of network") != std::string::npos);
  mediation_spec with_missing = gaussian_spec();
  with_missing.cluster = "practice_m";
  const mediation_result m = fit_mediation(data, with_missing, options(200, 15));
  CHECK(m.n + m.n_excluded == data.rows());
  CHECK(m.n_excluded > 0);
  mediation_options mc = options(200, 15);
  mc.ci = ci_method::monte_carlo;
  CHECK_THROWS_AS((void)fit_mediation(data, gaussian_spec(), mc), argument_error);
}

// Mediation analysis (include/socialcure/analyses/mediation.hpp): PROCESS models 4 and 6 and
// MEMORE two-instance within-subject models.
//
// Reference values: tests/reference/mediation/{point,bootstrap}.ref.csv from
// tests/reference/mediation/make_reference.R (R 4.2.2 Patched r83330: lm / summary.lm / confint,
// sandwich 3.0.2 vcovHC HC3, an own .lm.fit case-resampling bootstrap with B = 200000, 20-batch
// Monte Carlo SEs `_mcse`, leave-one-out jackknife acceleration `_jack_a` (docs/methods/mediation.md 10), and a
// Monte Carlo CI with R = 200000); data in tests/reference/mediation/data/.
//
// Tolerances:
// - point estimates, SEs, t, CIs, R2, F, effects, contrasts, standardized effects, Sobel tests,
//   HC3 SEs: 1e-10 relative; p-values 1e-10 relative or 1e-14 absolute (tiny p); df and counts
//   exact;
// - c = c' + total indirect: 1e-12 (relative to max(1, |c|));
// - BCa acceleration against `_jack_a` (deterministic): 1e-9 relative;
// - bootstrap / Monte Carlo endpoints and SEs: within 5 combined Monte Carlo SEs, see
//   `mc_tolerance` below (our B = 50000 is 4x smaller than R's, so our MC SE is about 2x R's);
// - properties (threads, seeds, kept replicates): bit-identical where stated.
//
// Set SOCIALCURE_REFERENCE_SUMMARY to print the largest deviations (relative, and in units of the
// combined Monte Carlo SE for the bootstrap).
#include "socialcure/analyses/mediation.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "reference_values.hpp"
#include "socialcure/analyses/bootstrap_intervals.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/core/missing.hpp"
#include "socialcure/data/csv.hpp"
#include "socialcure/data/table.hpp"
#include "support.hpp"

using namespace socialcure_test;
namespace sc = socialcure;

namespace {

constexpr double tol = 1e-10;        // relative, point estimates and OLS inference
constexpr double p_abs_tol = 1e-14;  // absolute, for tiny p-values
constexpr double jack_tol = 1e-9;    // relative, BCa acceleration
constexpr double identity_tol = 1e-12;

// ---------------------------------------------------------------------------------------------
// The analyses of point.ref.csv (README "Analyses").
// ---------------------------------------------------------------------------------------------

sc::table tal_or() { return reference_data("mediation/data/tal_or.csv"); }
sc::table synthetic_change() { return reference_data("mediation/data/synthetic_change.csv"); }
sc::table dohle() { return reference_data("mediation/data/dohle.csv"); }

/// synthetic_prepost.csv plus bel_pre / bel_post = mean of bel1..4 (R's rowMeans; the items are
/// whole numbers, so the sum of four is exact and the mean is the same in any order).
sc::table synthetic_prepost() {
  sc::table t = reference_data("mediation/data/synthetic_prepost.csv");
  for (const char* when : {"pre", "post"}) {
    std::vector<double> mean(t.rows(), 0.0);
    for (int item = 1; item <= 4; ++item) {
      const auto v = t.numeric("bel" + std::to_string(item) + "_" + when);
      for (std::size_t i = 0; i < t.rows(); ++i) mean[i] += v[i];
    }
    for (double& m : mean) m /= 4.0;
    t.add(sc::column(std::string("bel_") + when, std::move(mean)));
  }
  return t;
}

struct analysis {
  std::string name;
  bool within = false;
  sc::mediation_spec between;
  sc::within_mediation_spec within_spec;
};

const std::vector<std::string>& point_analyses() {
  static const std::vector<std::string> names = {
      "pmi_simple",         "pmi_parallel",      "pmi_serial",          "pmi_parallel_cov",
      "synthetic_serial3",  "synthetic_serial3m", "synthetic_parallel3", "dohle_memore",
      "synthetic_memore_parallel", "synthetic_memore_serial"};
  return names;
}

analysis analysis_of(const std::string& name) {
  analysis a;
  a.name = name;
  auto& s = a.between;
  if (name == "pmi_simple") {
    s = {"cond", {"pmi"}, "reaction", {}, sc::mediation_model::parallel};
  } else if (name == "pmi_parallel") {
    s = {"cond", {"import", "pmi"}, "reaction", {}, sc::mediation_model::parallel};
  } else if (name == "pmi_serial") {
    s = {"cond", {"import", "pmi"}, "reaction", {}, sc::mediation_model::serial};
  } else if (name == "pmi_parallel_cov") {
    s = {"cond", {"import", "pmi"}, "reaction", {"gender", "age"}, sc::mediation_model::parallel};
  } else if (name == "synthetic_serial3") {
    s = {"d_grp", {"d_bel", "d_lonely"}, "d_gp", {"age", "female"}, sc::mediation_model::serial};
  } else if (name == "synthetic_serial3m") {
    s = {"grp_post", {"bel1_post", "bel2_post", "lonely_post"}, "gp_post", {"age"}, sc::mediation_model::serial};
  } else if (name == "synthetic_parallel3") {
    s = {"grp_post", {"bel1_post", "bel2_post", "lonely_post"}, "gp_post", {"age", "female"},
         sc::mediation_model::parallel};
  } else {
    a.within = true;
    auto& w = a.within_spec;
    if (name == "dohle_memore") {
      // README: differences complex - simple = second - first (our default direction).
      w.mediators = {{"hazard_simple", "hazard_complex"}};
      w.y = {"willing_simple", "willing_complex"};
    } else {
      // README: differences post - pre.
      w.mediators = {{"bel_pre", "bel_post"}, {"lonely_pre", "lonely_post"}};
      w.y = {"gp_pre", "gp_post"};
      w.model = name == "synthetic_memore_serial" ? sc::mediation_model::serial : sc::mediation_model::parallel;
      REQUIRE((name == "synthetic_memore_parallel" || name == "synthetic_memore_serial"));
    }
    w.second_minus_first = true;
  }
  return a;
}

sc::table data_of(const std::string& name) {
  if (name.rfind("pmi_", 0) == 0) return tal_or();
  if (name == "synthetic_serial3") return synthetic_change();
  if (name == "dohle_memore") return dohle();
  return synthetic_prepost();
}

sc::mediation_result run(const analysis& a, const sc::table& data, const sc::mediation_options& options) {
  return a.within ? sc::fit_within_mediation(data, a.within_spec, options) : sc::fit_mediation(data, a.between, options);
}

sc::mediation_result run(const std::string& name, const sc::mediation_options& options) {
  return run(analysis_of(name), data_of(name), options);
}

/// Fast settings for point tests (the intervals are not checked there).
sc::mediation_options point_options() {
  sc::mediation_options o;
  o.replicates = 1000;
  o.seed = 20261126;
  o.threads = 1;
  return o;
}

// ---------------------------------------------------------------------------------------------
// Names of our results in the reference files.
// ---------------------------------------------------------------------------------------------

/// R's term name of one of our coefficients ("intercept", a column name, or MEMORE's md<j>/mc<j>).
std::string r_term(const analysis& a, const sc::mediation_result& r, const std::string& term) {
  if (term == "(Intercept)") return "intercept";
  if (!a.within) return term;
  for (std::size_t j = 0; j < r.mediators.size(); ++j) {
    const auto& m = a.within_spec.mediators[j];
    if (term == r.mediators[j]) return "md" + std::to_string(j + 1);
    if (term == "mean(" + m.first + ", " + m.second + ")") return "mc" + std::to_string(j + 1);
  }
  FAIL("unexpected term " << term);
  return {};
}

/// R's label of equation e (0..k-1 mediators, k = Y), or of the total-effect model (e = -1).
std::string r_equation(const analysis& a, const sc::mediation_result& r, int e) {
  if (e < 0) return "total";
  const auto k = static_cast<int>(r.mediators.size());
  if (a.within) return e == k ? "yd" : "md" + std::to_string(e + 1);
  return e == k ? a.between.y : a.between.mediators[static_cast<std::size_t>(e)];
}

/// R's name of a specific indirect effect (from its path, never from its index) or "ind_total".
std::string r_indirect(const analysis& a, const sc::mediation_result& r, const sc::mediation_effect& e) {
  if (e.path == std::vector<std::string>{"total"}) return "ind_total";
  REQUIRE(e.path.size() >= 3);
  std::string name = "ind";
  if (!a.within) {
    for (const auto& v : e.path) name += "_" + v;
    return name;
  }
  CHECK(e.path.front() == "instance");
  CHECK(e.path.back() == r.y);
  for (std::size_t i = 1; i + 1 < e.path.size(); ++i) {
    const auto it = std::find(r.mediators.begin(), r.mediators.end(), e.path[i]);
    REQUIRE(it != r.mediators.end());
    name += "_m" + std::to_string(it - r.mediators.begin() + 1);
  }
  return name;
}

const sc::mediation_effect& indirect_labelled(const sc::mediation_result& r, const std::string& label) {
  for (const auto& e : r.indirect) {
    if (e.label == label) return e;
  }
  FAIL("no indirect effect labelled " << label);
  return r.indirect.front();
}

/// R's name of a contrast Ind_i - Ind_j: contrast_<i>_minus_<j> with R's (PROCESS) indices.
std::string r_contrast(const analysis& a, const sc::mediation_result& r, const reference_values& point,
                       const sc::mediation_effect& c) {
  REQUIRE(c.path.size() == 2);
  const auto i = point.count(a.name, r_indirect(a, r, indirect_labelled(r, c.path[0])) + "_index");
  const auto j = point.count(a.name, r_indirect(a, r, indirect_labelled(r, c.path[1])) + "_index");
  CHECK(i < j);
  return "contrast_" + std::to_string(i) + "_minus_" + std::to_string(j);
}

/// R's name of a standardized effect, "partial(ind1)" -> std_partial_<R name of ind1>.
std::string r_standardized(const analysis& a, const sc::mediation_result& r, const sc::mediation_effect& s) {
  const bool complete = s.label.rfind("complete(", 0) == 0;
  const bool partial = s.label.rfind("partial(", 0) == 0;
  REQUIRE((complete || partial));
  REQUIRE(s.label.back() == ')');
  const std::size_t open = s.label.find('(');
  const std::string base = s.label.substr(open + 1, s.label.size() - open - 2);
  const auto& e = indirect_labelled(r, base);
  CHECK(s.path == e.path);
  return std::string(complete ? "std_complete_" : "std_partial_") + r_indirect(a, r, e);
}

// ---------------------------------------------------------------------------------------------
// Comparisons.
// ---------------------------------------------------------------------------------------------

void check_p(const reference_values& ref, double ours, const std::string& a, const std::string& q) {
  if (relative_error(ours, ref(a, q)) <= tol) {
    ref.check(ours, a, q, tol);
  } else {
    ref.check_abs(ours, a, q, p_abs_tol);
  }
}

/// estimate, se, t, p, ci_lower, ci_upper of `prefix` (and its df when given).
void check_coefficient(const reference_values& ref, const std::string& a, const std::string& prefix,
                       const sc::coefficient& c, double df = sc::missing_value) {
  ref.check(c.estimate, a, prefix + "_estimate", tol);
  ref.check(c.se, a, prefix + "_se", tol);
  ref.check(c.statistic, a, prefix + "_t", tol);
  check_p(ref, c.p, a, prefix + "_p");
  ref.check(c.ci_lower, a, prefix + "_ci_lower", tol);
  ref.check(c.ci_upper, a, prefix + "_ci_upper", tol);
  if (!sc::is_missing(df)) ref.check(df, a, prefix + "_df", 0.0);
}

std::size_t count_suffix(const reference_values& ref, const std::string& a, const std::string& prefix,
                         const std::string& suffix) {
  std::size_t n = 0;
  for (const auto& q : ref.quantities(a, prefix)) {
    if (q.size() >= suffix.size() && q.compare(q.size() - suffix.size(), suffix.size(), suffix) == 0) ++n;
  }
  return n;
}

void check_equation(const reference_values& ref, const analysis& a, const sc::mediation_result& r,
                    const sc::ols_result& fit, int e) {
  const std::string label = r_equation(a, r, e);
  const std::string eq = "eq_" + label;
  INFO("equation " << label);
  for (const auto& c : fit.coefficients) check_coefficient(ref, a.name, eq + "_" + r_term(a, r, c.term), c);
  CHECK(count_suffix(ref, a.name, eq + "_", "_estimate") == fit.coefficients.size());
  ref.check_count(fit.n, a.name, eq + "_n");
  ref.check(fit.df_residual, a.name, eq + "_df2", 0.0);
  ref.check(fit.sigma, a.name, eq + "_resid_sd", tol);
  ref.check(fit.sigma * fit.sigma, a.name, eq + "_mse", tol);
  if (ref.has(a.name, eq + "_r2")) {
    ref.check(fit.r_squared, a.name, eq + "_r2", tol);
    ref.check(fit.adj_r_squared, a.name, eq + "_r2_adj", tol);
    ref.check(fit.f_statistic, a.name, eq + "_f", tol);
    ref.check(fit.f_df1, a.name, eq + "_df1", 0.0);
    ref.check(fit.f_df2, a.name, eq + "_df2", 0.0);
    check_p(ref, fit.f_p, a.name, eq + "_p");
  } else {
    CHECK(fit.coefficients.size() == 1);  // R gives no R2/F for intercept-only equations
  }
}

void check_sobel(const reference_values& ref, const std::string& a, const std::string& ind, const sc::mediation_effect& e) {
  ref.check(e.sobel_se, a, "sobel1_" + ind + "_se", tol);
  ref.check(e.sobel_z, a, "sobel1_" + ind + "_z", tol);
  check_p(ref, e.sobel_p, a, "sobel1_" + ind + "_p");
  ref.check(e.sobel2_se, a, "sobel2_" + ind + "_se", tol);
  ref.check(e.sobel2_z, a, "sobel2_" + ind + "_z", tol);
  check_p(ref, e.sobel2_p, a, "sobel2_" + ind + "_p");
}

void check_point(const std::string& name, const sc::mediation_options& options = point_options()) {
  const auto ref = reference_values::load("mediation/point.ref.csv");
  const analysis a = analysis_of(name);
  const auto r = run(name, options);
  const std::size_t k = r.mediators.size();
  const bool serial = r.model == sc::mediation_model::serial;
  ref.check_count(r.n, name, "n");
  ref.check_count(k, name, "k_mediators");
  ref.check_count(serial ? 1 : 0, name, "serial");
  CHECK(r.within == a.within);
  CHECK(r.n_excluded == 0);

  // Every equation, then the total-effect model.
  REQUIRE(r.equations.size() == k + 1);
  for (std::size_t e = 0; e <= k; ++e) check_equation(ref, a, r, r.equations[e], static_cast<int>(e));
  check_equation(ref, a, r, r.total_model, -1);

  // Direct (c') and total (c) effects.
  check_coefficient(ref, name, "direct", r.direct_effect, r.equations.back().df_residual);
  check_coefficient(ref, name, "total", r.total_effect, r.total_model.df_residual);

  // Paths.
  std::size_t expected_paths = 2 * k + 1 + (serial ? k * (k - 1) / 2 : 0);
  if (a.within && serial) expected_paths = 2 * k + 2;  // MEMORE serial: d21 only
  CHECK(r.paths.size() == expected_paths);
  for (const auto& p : r.paths) {
    INFO("path " << p.from << " -> " << p.to);
    if (!a.within) {
      check_coefficient(ref, name, "eq_" + p.to + "_" + p.from, p.value);
      continue;
    }
    const auto pos = [&](const std::string& m) {
      const auto it = std::find(r.mediators.begin(), r.mediators.end(), m);
      REQUIRE(it != r.mediators.end());
      return std::to_string(it - r.mediators.begin() + 1);
    };
    std::string prefix;
    if (p.from == "instance" && p.to == r.y) {
      prefix = "direct";
    } else if (p.from == "instance") {
      prefix = "a" + pos(p.to);
    } else if (p.to == r.y) {
      prefix = "b" + pos(p.from);
    } else {
      prefix = "d" + pos(p.to) + pos(p.from);
    }
    check_coefficient(ref, name, prefix, p.value, prefix[0] == 'a' ? r.equations[std::stoul(prefix.substr(1)) - 1].df_residual
                                                   : prefix == "d21" ? r.equations[1].df_residual
                                                                     : r.equations.back().df_residual);
  }
  if (a.within) {
    // d_j (coefficient of the centred average in the Y equation), g21, R2 of Y.
    for (std::size_t j = 0; j < k; ++j) {
      const auto& m = a.within_spec.mediators[j];
      const auto& d = r.equations.back().at("mean(" + m.first + ", " + m.second + ")");
      check_coefficient(ref, name, "d" + std::to_string(j + 1), d, r.equations.back().df_residual);
    }
    if (serial) {
      const auto& m = a.within_spec.mediators[0];
      check_coefficient(ref, name, "g21", r.equations[1].at("mean(" + m.first + ", " + m.second + ")"),
                        r.equations[1].df_residual);
    }
    ref.check(r.equations.back().r_squared, name, "r2_y", tol);
  }

  // Specific indirect effects (by path), PROCESS order, then the total indirect effect.
  const std::size_t specific = r.indirect.size() - 1;
  CHECK(specific == count_suffix(ref, name, "ind_", "_index"));
  CHECK(specific == (serial ? (a.within ? 3 : (std::size_t{1} << k) - 1) : k));
  for (std::size_t i = 0; i < r.indirect.size(); ++i) {
    const auto& e = r.indirect[i];
    const std::string ind = r_indirect(a, r, e);
    INFO("indirect effect " << e.label << " = " << ind);
    ref.check(e.estimate, name, ind, tol);
    if (i == specific) {
      CHECK(e.label == "total");
      CHECK(sc::is_missing(e.sobel_se));
      continue;
    }
    CHECK(e.label == "ind" + std::to_string(i + 1));
    ref.check_count(i + 1, name, ind + "_index");
    if (!a.within) ref.check_count(e.path.size() - 2, name, ind + "_length");
    if (e.path.size() == 3) {
      check_sobel(ref, name, ind, e);
    } else {
      CHECK(sc::is_missing(e.sobel_se));  // normal-theory tests only for single-mediator paths
      CHECK(sc::is_missing(e.sobel2_se));
    }
  }
  ref.check(r.direct_effect.estimate + r.indirect.back().estimate, name, "check_direct_plus_ind_total", tol);

  // Contrasts Ind_i - Ind_j, i < j, in PROCESS order.
  REQUIRE(r.contrasts.size() == specific * (specific - 1) / 2);
  CHECK(r.contrasts.size() == count_suffix(ref, name, "contrast_", "") - count_suffix(ref, name, "contrast_abs_", ""));
  std::size_t c = 0;
  for (std::size_t i = 0; i < specific; ++i) {
    for (std::size_t j = i + 1; j < specific; ++j, ++c) {
      const auto& con = r.contrasts[c];
      CHECK(con.label == r.indirect[i].label + " - " + r.indirect[j].label);
      CHECK(con.path == std::vector<std::string>{r.indirect[i].label, r.indirect[j].label});
      const std::string q = r_contrast(a, r, ref, con);
      CHECK(q == "contrast_" + std::to_string(i + 1) + "_minus_" + std::to_string(j + 1));
      ref.check(con.estimate, name, q, tol);
    }
  }

  // Standardized effects (between-subject only): partial for every indirect effect and the total,
  // then complete.
  if (a.within) {
    CHECK(r.standardized.empty());
    CHECK(sc::is_missing(r.sd_x));
    CHECK(sc::is_missing(r.sd_y));
  } else {
    ref.check(r.sd_x, name, "sd_x", tol);
    ref.check(r.sd_y, name, "sd_y", tol);
    REQUIRE(r.standardized.size() == 2 * r.indirect.size());
    for (std::size_t i = 0; i < r.standardized.size(); ++i) {
      const auto& s = r.standardized[i];
      const bool complete = i >= r.indirect.size();
      CHECK(s.label == std::string(complete ? "complete(" : "partial(") + r.indirect[i % r.indirect.size()].label + ")");
      ref.check(s.estimate, name, r_standardized(a, r, s), tol);
    }
    // PROCESS's standardized direct and total effects are not part of the result; they follow
    // from sd_x and sd_y.
    ref.check(r.direct_effect.estimate / r.sd_y, name, "std_partial_direct", tol);
    ref.check(r.direct_effect.estimate * r.sd_x / r.sd_y, name, "std_complete_direct", tol);
    ref.check(r.total_effect.estimate / r.sd_y, name, "std_partial_total", tol);
    ref.check(r.total_effect.estimate * r.sd_x / r.sd_y, name, "std_complete_total", tol);
  }
}

/// The largest deviation (in combined MC SE units) per run, for the summary.
struct mc_record {
  double worst = 0.0;
  std::string what;
  std::size_t checks = 0;
};

std::map<std::string, mc_record>& mc_records() {
  static std::map<std::string, mc_record> records;
  static struct printer {
    ~printer() {
      if (std::getenv("SOCIALCURE_REFERENCE_SUMMARY") == nullptr) return;
      for (const auto& [run, rec] : mc_records()) {
        std::printf("bootstrap %-34s %3zu checks; largest |ours - R| = %.2f combined MC SE (%s)\n", run.c_str(),
                    rec.checks, rec.worst, rec.what.c_str());
      }
    }
  } p;
  (void)p;
  return records;
}

/// Bootstrap agreement: R used B = 200000 and reports `<stat>_mcse` from 20 batches. Our run uses
/// B = 50000, 4x fewer replicates, so the Monte Carlo SE of our value is about 2 mcse_R; the
/// difference of the two independent runs has SD sqrt(mcse_R^2 + (2 mcse_R)^2) = sqrt(5) mcse_R,
/// and we allow 5 of these.
///
/// Caveat: a 20-batch SD is itself uncertain (~16%), and for some BC/BCa endpoints R's mcse is
/// clearly too small. synthetic_serial3 ind_total bca_lower: mcse_R = 0.00047, but 60 runs of ours
/// with B = 50000 (seeds 1000-1059) have SD 0.0018, i.e. an MC SE of ~0.0009 at B = 200000; their
/// mean differs from R's value by -0.0013 = -1.4 SD of the difference. With the fixed seed of the test (7002)
/// that endpoint sits at 3.99 of our units (the largest of all checks); it is not a disagreement.
void check_monte_carlo(const reference_values& ref, const std::string& run, const std::string& a, double ours,
                       const std::string& q) {
  const double theirs = ref(a, q);
  const double mcse = ref(a, q + "_mcse");
  REQUIRE(mcse > 0.0);
  const double combined = std::sqrt(mcse * mcse + (2.0 * mcse) * (2.0 * mcse));
  const double units = std::fabs(ours - theirs) / combined;
  // (Not recorded in the relative-error summary of the file: reported in MC SE units instead.)
  if (std::getenv("SOCIALCURE_REFERENCE_TRACE") != nullptr) {
    std::printf("trace %s | %s / %s | ours %.17g | R %.17g | %.3f combined MC SE\n", ref.file().c_str(), a.c_str(),
                q.c_str(), ours, theirs, units);
  }
  auto& rec = mc_records()[run];
  ++rec.checks;
  if (!(units <= rec.worst)) {
    rec.worst = units;
    rec.what = a + " / " + q;
  }
  CHECK_MESSAGE(units <= 5.0, a << " / " << q << ": ours " << doctest::toString(ours) << ", R "
                                << doctest::toString(theirs) << ", difference " << ours - theirs << " = " << units
                                << " combined MC SE (mcse_R " << mcse << ")");
}

constexpr std::size_t agreement_b = 50000;

const char* stat_prefix(sc::ci_method m) {
  switch (m) {
    case sc::ci_method::percentile: return "pct";
    case sc::ci_method::bias_corrected: return "bc";
    case sc::ci_method::bca: return "bca";
    case sc::ci_method::monte_carlo: return "mc";
  }
  return "";
}

void check_bootstrap(const std::string& name, sc::ci_method method, std::uint64_t seed) {
  const auto point = reference_values::load("mediation/point.ref.csv");
  const auto boot = reference_values::load("mediation/bootstrap.ref.csv");
  const analysis a = analysis_of(name);
  sc::mediation_options o;
  o.replicates = agreement_b;
  o.seed = seed;
  o.ci = method;
  const auto r = run(name, o);
  boot.check_count(r.n, name, "n");
  CHECK(r.replicates.requested == agreement_b);
  CHECK(r.replicates.succeeded == agreement_b);
  CHECK_FALSE(r.replicates.cancelled);
  CHECK(r.replicates.error.empty());
  if (method != sc::ci_method::monte_carlo) boot.check_count(r.replicates.discarded, name, "n_redrawn");
  const std::string run_name = name + " " + std::string(sc::to_string(method));
  const std::string stat = stat_prefix(method);
  std::vector<std::pair<std::string, const sc::mediation_effect*>> effects;
  for (const auto& e : r.indirect) effects.emplace_back(r_indirect(a, r, e), &e);
  for (const auto& e : r.contrasts) effects.emplace_back(r_contrast(a, r, point, e), &e);
  for (const auto& e : r.standardized) effects.emplace_back(r_standardized(a, r, e), &e);
  std::size_t compared = 0;
  for (const auto& [q, e] : effects) {
    INFO(run_name << ": " << e->label << " = " << q);
    if (method == sc::ci_method::monte_carlo) {
      if (!boot.has(name, q + "_mc_lower")) continue;
      ++compared;
      CHECK(e->ci_ok);
      check_monte_carlo(boot, run_name, name, e->boot_se, q + "_mc_se");
      check_monte_carlo(boot, run_name, name, e->ci_lower, q + "_mc_lower");
      check_monte_carlo(boot, run_name, name, e->ci_upper, q + "_mc_upper");
      continue;
    }
    if (!boot.has(name, q + "_estimate")) {
      // dohle_memore: R bootstraps only ind_m1; with one mediator our total equals it.
      CHECK((a.within && e->label == "total"));
      continue;
    }
    ++compared;
    CHECK(e->ci_ok);
    CHECK(e->ci_problem.empty());
    boot.check(e->estimate, name, q + "_estimate", tol);
    check_monte_carlo(boot, run_name, name, e->boot_se, q + "_boot_se");
    check_monte_carlo(boot, run_name, name, e->ci_lower, q + "_" + stat + "_lower");
    check_monte_carlo(boot, run_name, name, e->ci_upper, q + "_" + stat + "_upper");
    if (method == sc::ci_method::bca) {
      boot.check(e->acceleration, name, q + "_jack_a", jack_tol);
    } else {
      CHECK(sc::is_missing(e->acceleration));
    }
  }
  // Every effect R bootstrapped was compared.
  const std::size_t expected =
      method == sc::ci_method::monte_carlo ? count_suffix(boot, name, "", "_mc_lower") : count_suffix(boot, name, "", "_jack_a");
  CHECK(compared == expected);
  CHECK(compared > 0);
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

/// All effects of a result, in order.
std::vector<const sc::mediation_effect*> all_effects(const sc::mediation_result& r) {
  std::vector<const sc::mediation_effect*> out;
  for (const auto* group : {&r.indirect, &r.contrasts, &r.standardized}) {
    for (const auto& e : *group) out.push_back(&e);
  }
  return out;
}

void check_identical_intervals(const sc::mediation_result& x, const sc::mediation_result& y) {
  const auto ex = all_effects(x);
  const auto ey = all_effects(y);
  REQUIRE(ex.size() == ey.size());
  for (std::size_t i = 0; i < ex.size(); ++i) {
    INFO(ex[i]->label);
    CHECK(same_bits(ex[i]->ci_lower, ey[i]->ci_lower));
    CHECK(same_bits(ex[i]->ci_upper, ey[i]->ci_upper));
    CHECK(same_bits(ex[i]->boot_se, ey[i]->boot_se));
    CHECK(ex[i]->ci_ok == ey[i]->ci_ok);
  }
}

}  // namespace

TEST_SUITE("mediation") {

// ---------------------------------------------------------------------------------------------
// 1. Point estimates.
// ---------------------------------------------------------------------------------------------

TEST_CASE("mediation point estimates agree with R for every analysis of point.ref.csv") {
  const auto ref = reference_values::load("mediation/point.ref.csv");
  // Every analysis of the file is covered: their rows add up to the whole file.
  std::size_t rows = 0;
  for (const auto& name : point_analyses()) {
    CHECK(ref.has(name, "n"));
    rows += ref.quantities(name).size();
  }
  CHECK(rows == ref.size());
  for (const auto& name : point_analyses()) {
    SUBCASE(name.c_str()) { check_point(name); }
  }
}

TEST_CASE("mediation: HC3 standard errors of pmi_parallel_cov's Y equation agree with sandwich::vcovHC") {
  const auto ref = reference_values::load("mediation/point.ref.csv");
  const std::string name = "pmi_parallel_cov";
  auto o = point_options();
  o.se = sc::se_type::hc3;
  const auto r = run(name, o);
  const auto classical = run(name, point_options());
  CHECK(r.se == sc::se_type::hc3);
  const auto& y = r.equations.back();
  CHECK(y.se == sc::se_type::hc3);
  REQUIRE(y.coefficients.size() == 6);
  for (std::size_t i = 0; i < y.coefficients.size(); ++i) {
    const auto& c = y.coefficients[i];
    const std::string term = c.term == "(Intercept)" ? "intercept" : c.term;
    ref.check(c.se, name, "eq_reaction_" + term + "_se_hc3", tol);
    ref.check(c.estimate, name, "eq_reaction_" + term + "_estimate", tol);  // estimates unchanged
    CHECK(c.se != classical.equations.back().coefficients[i].se);
  }
  CHECK(count_suffix(ref, name, "eq_reaction_", "_se_hc3") == y.coefficients.size());
  // The direct effect and the b paths carry the HC3 SEs, the indirect effects are unchanged.
  ref.check(r.direct_effect.se, name, "eq_reaction_cond_se_hc3", tol);
  for (std::size_t i = 0; i < r.indirect.size(); ++i) CHECK(r.indirect[i].estimate == classical.indirect[i].estimate);
}

// ---------------------------------------------------------------------------------------------
// 2. Bootstrap and Monte Carlo intervals within Monte Carlo error of R's B = 200000 run.
// ---------------------------------------------------------------------------------------------

TEST_CASE("mediation bootstrap intervals agree with R's B = 200000 run within Monte Carlo error") {
  const std::vector<std::pair<std::string, std::uint64_t>> analyses = {
      {"pmi_parallel_cov", 7001}, {"synthetic_serial3", 7002}, {"dohle_memore", 7003}};
  for (const auto& [name, seed] : analyses) {
    for (const auto method : {sc::ci_method::percentile, sc::ci_method::bias_corrected, sc::ci_method::bca}) {
      const std::string sub = name + " " + std::string(sc::to_string(method));
      SUBCASE(sub.c_str()) { check_bootstrap(name, method, seed); }
    }
  }
}

TEST_CASE("mediation Monte Carlo intervals of pmi_parallel_cov agree with R's R = 200000 run") {
  check_bootstrap("pmi_parallel_cov", sc::ci_method::monte_carlo, 7004);
}

// ---------------------------------------------------------------------------------------------
// 3. Properties.
// ---------------------------------------------------------------------------------------------

TEST_CASE("mediation: c = c' + total indirect effect in every analysis") {
  for (const auto& name : point_analyses()) {
    INFO(name);
    const auto r = run(name, point_options());
    const double c = r.total_effect.estimate;
    const double sum = r.direct_effect.estimate + r.indirect.back().estimate;
    CHECK(std::fabs(c - sum) <= identity_tol * std::max(1.0, std::fabs(c)));
    // The total indirect effect is the sum of the specific ones.
    double specific = 0.0;
    for (std::size_t i = 0; i + 1 < r.indirect.size(); ++i) specific += r.indirect[i].estimate;
    CHECK(std::fabs(r.indirect.back().estimate - specific) <= identity_tol * std::max(1.0, std::fabs(specific)));
  }
}

TEST_CASE("mediation: the same seed gives bit-identical intervals for 1, 2 and 3 threads") {
  for (const std::string name : {"synthetic_serial3", "dohle_memore"}) {
    for (const auto method : {sc::ci_method::bca, sc::ci_method::monte_carlo}) {
      INFO(name << " " << sc::to_string(method));
      sc::mediation_options o;
      o.replicates = 3000;
      o.seed = 424242;
      o.ci = method;
      o.keep_replicates = true;
      o.threads = 1;
      const auto one = run(name, o);
      o.threads = 2;
      const auto two = run(name, o);
      o.threads = 3;
      const auto three = run(name, o);
      CHECK(one.replicates.threads_used == 1);
      CHECK(two.replicates.threads_used == 2);
      CHECK(three.replicates.threads_used == 3);
      check_identical_intervals(one, two);
      check_identical_intervals(one, three);
      CHECK((one.replicate_values == two.replicate_values));
      CHECK((one.replicate_values == three.replicate_values));
      for (const auto* e : all_effects(one)) CHECK(e->ci_ok);
    }
  }
}

TEST_CASE("mediation: a different seed gives different intervals, the seed is reported") {
  sc::mediation_options o = point_options();
  const auto first = run("pmi_parallel_cov", o);
  o.seed = *o.seed + 1;
  const auto second = run("pmi_parallel_cov", o);
  CHECK(first.replicates.seed == 20261126);
  CHECK(first.replicates.seed_given);
  CHECK(second.replicates.seed == 20261127);
  bool differ = false;
  for (std::size_t i = 0; i < first.indirect.size(); ++i) {
    differ = differ || first.indirect[i].ci_lower != second.indirect[i].ci_lower ||
             first.indirect[i].ci_upper != second.indirect[i].ci_upper;
    CHECK(first.indirect[i].boot_se != second.indirect[i].boot_se);
    CHECK(first.indirect[i].estimate == second.indirect[i].estimate);
  }
  CHECK(differ);
  // Without a seed one is drawn and reported; using it reproduces the run.
  sc::mediation_options drawn = point_options();
  drawn.seed.reset();
  const auto d = run("pmi_parallel_cov", drawn);
  CHECK_FALSE(d.replicates.seed_given);
  drawn.seed = d.replicates.seed;
  const auto again = run("pmi_parallel_cov", drawn);
  check_identical_intervals(d, again);
}

TEST_CASE("mediation: kept replicates give the reported percentile endpoints at PROCESS's indices") {
  sc::mediation_options o = point_options();
  o.keep_replicates = true;
  const auto r = run("pmi_serial", o);
  const auto effects = all_effects(r);
  REQUIRE(r.replicate_values.rows() == 1000);
  REQUIRE(r.replicate_values.cols() == static_cast<Eigen::Index>(effects.size()));
  CHECK(effects.size() == 4 + 3 + 8);  // 3 specific + total, 3 contrasts, 2 x 4 standardized
  // B = 1000 at 95%: elements round(25) = 25 and trunc(975) + 1 = 976 (1-based).
  CHECK(sc::lower_index(1000, 0.025) == 25);
  CHECK(sc::upper_index(1000, 0.975) == 976);
  for (std::size_t e = 0; e < effects.size(); ++e) {
    INFO(effects[e]->label);
    const Eigen::VectorXd col = r.replicate_values.col(static_cast<Eigen::Index>(e));
    std::vector<double> sorted(col.data(), col.data() + col.size());
    // BootSE: the SD of the replicates in draw order (summing sorted values rounds differently).
    CHECK(same_bits(sc::replicate_sd(sorted), effects[e]->boot_se));
    std::sort(sorted.begin(), sorted.end());
    CHECK(same_bits(sorted[24], effects[e]->ci_lower));
    CHECK(same_bits(sorted[975], effects[e]->ci_upper));
  }
  // Without keep_replicates nothing is kept.
  const auto without = run("pmi_serial", point_options());
  CHECK(without.replicate_values.size() == 0);
}

TEST_CASE("mediation: the progress callback is called and can cancel the run") {
  sc::mediation_options o = point_options();
  o.replicates = 2000;
  std::size_t calls = 0;
  std::size_t last_done = 0;
  std::size_t last_total = 0;
  o.progress = [&](std::size_t done, std::size_t total) {
    ++calls;
    CHECK(done > last_done);
    last_done = done;
    last_total = total;
    return true;
  };
  const auto r = run("pmi_parallel_cov", o);
  CHECK(calls > 0);
  CHECK(last_done == 2000);
  CHECK(last_total == 2000);
  CHECK_FALSE(r.replicates.cancelled);
  // Same intervals as without a callback.
  sc::mediation_options plain = point_options();
  plain.replicates = 2000;
  check_identical_intervals(r, run("pmi_parallel_cov", plain));

  for (const unsigned threads : {1u, 2u}) {
    INFO("threads " << threads);
    sc::mediation_options cancel = point_options();
    cancel.replicates = 20000;
    cancel.threads = threads;
    cancel.keep_replicates = true;
    std::size_t cancel_calls = 0;
    cancel.progress = [&](std::size_t, std::size_t) {
      ++cancel_calls;
      return false;
    };
    const auto c = run("pmi_parallel_cov", cancel);
    CHECK(cancel_calls >= 1);
    CHECK(c.replicates.cancelled);
    CHECK(c.replicates.succeeded == 0);
    CHECK(c.replicate_values.size() == 0);
    for (const auto* e : all_effects(c)) {
      INFO(e->label);
      CHECK_FALSE(e->ci_ok);
      CHECK(sc::is_missing(e->ci_lower));
      CHECK(sc::is_missing(e->ci_upper));
      CHECK(sc::is_missing(e->boot_se));
      CHECK(e->ci_problem == "cancelled");
      CHECK_FALSE(sc::is_missing(e->estimate));  // the point estimates are still there
    }
  }
}

TEST_CASE("mediation: singular resamples are redrawn, counted and reproducible") {
  // Eight cases, binary X with two 1s: a resample has constant X with probability
  // (6/8)^8 + (2/8)^8 ~ 0.1, which makes both designs singular.
  const std::vector<double> x = {0, 0, 0, 1, 0, 0, 1, 0};
  const std::vector<double> m = {2.1, 3.4, 1.9, 4.2, 2.8, 3.1, 5.0, 2.2};
  const std::vector<double> y = {1.0, 2.5, 1.2, 3.9, 2.0, 2.2, 4.1, 1.4};
  sc::table t("tiny");
  t.add(sc::column("x", x));
  t.add(sc::column("m", m));
  t.add(sc::column("y", y));
  const sc::mediation_spec spec{"x", {"m"}, "y", {}, sc::mediation_model::parallel};
  sc::mediation_options o;
  o.replicates = 2000;
  o.seed = 99;
  o.ci = sc::ci_method::bca;
  o.threads = 1;
  const auto r = sc::fit_mediation(t, spec, o);
  CHECK(r.replicates.discarded > 0);
  // Expected 2000 p / (1 - p) = 223 redraws with p = (6/8)^8 + (2/8)^8 = 0.1001 (SD ~16); 233 here.
  CHECK(r.replicates.discarded > 150);
  CHECK(r.replicates.discarded < 300);
  CHECK(r.replicates.succeeded == 2000);
  CHECK(r.replicates.error.empty());
  CHECK(r.n == 8);
  bool noted = false;
  for (const auto& note : r.notes) noted = noted || contains(note, std::to_string(r.replicates.discarded) + " resamples");
  CHECK(noted);
  o.threads = 2;
  const auto again = sc::fit_mediation(t, spec, o);
  CHECK(again.replicates.discarded == r.replicates.discarded);
  check_identical_intervals(r, again);
  // BCa: leaving out one of the two X = 1 cases keeps the design regular, so the acceleration exists.
  CHECK_FALSE(sc::is_missing(r.indirect[0].acceleration));
  CHECK(r.indirect[0].ci_ok);
}

TEST_CASE("mediation: cases with a missing model variable are excluded listwise and counted") {
  sc::table full = tal_or();
  const std::string cols[] = {"cond", "pmi", "import", "reaction", "gender", "age"};
  // NaN in pmi (rows 3 and 10), reaction (rows 10 and 40) and age (row 5; not in the model).
  sc::table t("tal_or with holes");
  const std::vector<std::size_t> missing_pmi = {3, 10};
  const std::vector<std::size_t> missing_reaction = {10, 40};
  for (const auto& c : cols) {
    const auto v = full.numeric(c);
    std::vector<double> values(v.begin(), v.end());
    if (c == "pmi") {
      for (auto i : missing_pmi) values[i] = sc::missing_value;
    }
    if (c == "reaction") {
      for (auto i : missing_reaction) values[i] = sc::missing_value;
    }
    if (c == "age") values[5] = sc::missing_value;
    t.add(sc::column(c, std::move(values)));
  }
  const sc::mediation_spec spec{"cond", {"import", "pmi"}, "reaction", {"gender"}, sc::mediation_model::serial};
  const auto r = sc::fit_mediation(t, spec, point_options());
  CHECK(r.n == 120);
  CHECK(r.n_excluded == 3);
  std::map<std::string, std::size_t> by_column;
  for (const auto& m : r.missing_by_column) by_column[m.column] = m.rows;
  CHECK(by_column.size() == 2);
  CHECK(by_column["pmi"] == 2);
  CHECK(by_column["reaction"] == 2);
  for (const auto& e : r.equations) CHECK(e.n == 120);
  CHECK(r.total_model.n == 120);
  // Same as fitting the complete cases only.
  std::vector<std::size_t> keep;
  for (std::size_t i = 0; i < t.rows(); ++i) {
    if (i != 3 && i != 10 && i != 40) keep.push_back(i);
  }
  const auto complete = sc::fit_mediation(full.select_rows(keep), spec, point_options());
  CHECK(complete.n_excluded == 0);
  for (std::size_t i = 0; i < r.indirect.size(); ++i) {
    CHECK(r.indirect[i].estimate == doctest::Approx(complete.indirect[i].estimate).epsilon(1e-13));
  }
  CHECK(r.total_effect.estimate == doctest::Approx(complete.total_effect.estimate).epsilon(1e-13));
  CHECK(r.direct_effect.se == doctest::Approx(complete.direct_effect.se).epsilon(1e-13));
  CHECK(r.sd_y == doctest::Approx(complete.sd_y).epsilon(1e-13));
  check_identical_intervals(r, complete);

  // Within-subject: a missing second instance of the outcome excludes that person.
  sc::table d = dohle();
  const auto w = d.numeric("willing_complex");
  std::vector<double> wv(w.begin(), w.end());
  wv[0] = sc::missing_value;
  d.remove("willing_complex");
  d.add(sc::column("willing_complex", std::move(wv)));
  const auto wr = sc::fit_within_mediation(d, analysis_of("dohle_memore").within_spec, point_options());
  CHECK(wr.n == 21);
  CHECK(wr.n_excluded == 1);
  REQUIRE(wr.missing_by_column.size() == 1);
  CHECK(wr.missing_by_column[0].column == "willing_complex");
  CHECK(wr.missing_by_column[0].rows == 1);
}

TEST_CASE("mediation: invalid models and settings are argument errors") {
  const sc::table t = tal_or();
  const auto between_error = [&](const sc::mediation_spec& s, const sc::mediation_options& o = point_options()) {
    return message_of<sc::argument_error>([&] { (void)sc::fit_mediation(t, s, o); });
  };
  const sc::mediation_spec good{"cond", {"import", "pmi"}, "reaction", {}, sc::mediation_model::serial};

  // Unknown column: named, with the available columns listed.
  auto s = good;
  s.mediators = {"import", "pmj"};
  const std::string unknown = between_error(s);
  CHECK(contains(unknown, "pmj"));
  CHECK(contains(unknown, "reaction"));
  CHECK(contains(unknown, "gender"));

  // Serial with 1 or 5 mediators.
  s = good;
  s.mediators = {"pmi"};
  CHECK(contains(between_error(s), "2 to 4"));
  s.mediators = {"import", "pmi", "gender", "age", "cond2"};
  CHECK(contains(between_error(s), "2 to 4"));
  // A parallel model with 1 mediator is fine.
  s = good;
  s.model = sc::mediation_model::parallel;
  s.mediators = {"pmi"};
  CHECK_NOTHROW((void)sc::fit_mediation(t, s, point_options()));
  s.mediators = {};
  CHECK(contains(between_error(s), "no mediators"));

  // A variable used twice (as mediator and covariate, as X and Y, twice as mediator).
  s = good;
  s.covariates = {"pmi"};
  CHECK(contains(between_error(s), "'pmi' is used twice"));
  s = good;
  s.y = "cond";
  CHECK(contains(between_error(s), "'cond' is used twice"));
  s = good;
  s.mediators = {"pmi", "pmi"};
  CHECK(contains(between_error(s), "used twice"));

  // Level outside (0, 1).
  for (const double level : {0.0, 1.0, 1.5, -0.2, std::numeric_limits<double>::quiet_NaN()}) {
    INFO("level " << level);
    auto o = point_options();
    o.level = level;
    CHECK(contains(between_error(good, o), "level"));
  }
  // Too few replicates for the level.
  auto few = point_options();
  few.replicates = 10;
  const std::string too_few = between_error(good, few);
  CHECK(contains(too_few, "10 replicates are too few"));
  CHECK(contains(too_few, "95"));
  few.replicates = 0;
  CHECK(contains(between_error(good, few), "too few"));
  few.replicates = 40;  // 95%: elements 1 and 40 exist
  CHECK_NOTHROW((void)sc::fit_mediation(t, good, few));

  // Within-subject serial with 3 mediators.
  sc::within_mediation_spec w;
  w.mediators = {{"bel_pre", "bel_post"}, {"lonely_pre", "lonely_post"}, {"grp_pre", "grp_post"}};
  w.y = {"gp_pre", "gp_post"};
  w.model = sc::mediation_model::serial;
  const sc::table syn = synthetic_prepost();
  CHECK(contains(message_of<sc::argument_error>([&] { (void)sc::fit_within_mediation(syn, w, point_options()); }),
                 "exactly 2 mediators"));
  w.model = sc::mediation_model::parallel;  // fine in parallel
  CHECK_NOTHROW((void)sc::fit_within_mediation(syn, w, point_options()));
  w.mediators = {{"bel_pre", "bel_post"}, {"bel_post", "lonely_post"}};
  CHECK(contains(message_of<sc::argument_error>([&] { (void)sc::fit_within_mediation(syn, w, point_options()); }),
                 "'bel_post' is used twice"));

  // A text column as X.
  sc::csv_options text;
  text.text_columns = {"cond"};
  const sc::table with_text = reference_data("mediation/data/tal_or.csv", text);
  const std::string text_error =
      message_of<sc::argument_error>([&] { (void)sc::fit_mediation(with_text, good, point_options()); });
  CHECK(contains(text_error, "cond"));
  CHECK(contains(text_error, "text"));
}

}  // TEST_SUITE

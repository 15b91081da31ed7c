// Reliability against R psych 2.2.9 (alpha, omega with nfactors = 1, ICC with lmer = FALSE) and
// cor.test: reference values from tests/reference/reliability/make_reference.R (see its README):
// psychTools::bfi's five scales with their reverse-keyed items (2,800 respondents, with missing
// answers), the synthetic pre/post belonging items, Shrout & Fleiss's (1979) ratings and
// datasets::sleep as two occasions. Tolerances: 1e-9 relative for closed forms; omega against the
// fully converged minres solution 1e-8, against psych's own loadings 2e-5 (psych's optimiser stops early: up to 1.1e-5 off).

#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "socialcure/core/missing.hpp"
#include "socialcure/data/csv.hpp"
#include "socialcure/measures/reliability.hpp"
#include "support.hpp"

using namespace socialcure_test;

namespace {

const std::string dir = std::string(SOCIALCURE_TEST_DIR) + "/reference/reliability/";

using reference = std::map<std::tuple<std::string, std::string, std::string>, double>;

reference read_reference(const std::string& file) {
  std::ifstream in(dir + file);
  REQUIRE(in.good());
  std::string comment;
  std::getline(in, comment);
  std::stringstream rest;
  rest << in.rdbuf();
  socialcure::csv_options options;
  options.text_columns = {"analysis", "item", "quantity"};
  const auto t = socialcure::parse_csv(rest.str(), file, options);
  reference out;
  for (std::size_t i = 0; i < t.rows(); ++i) {
    out[{t.text("analysis")[i], t.text("item")[i], t.text("quantity")[i]}] = t.numeric("value")[i];
  }
  return out;
}

double ref(const reference& r, const std::string& analysis, const std::string& item, const std::string& quantity) {
  const auto it = r.find({analysis, item, quantity});
  REQUIRE_MESSAGE(it != r.end(), "no reference for " << analysis << " / " << item << " / " << quantity);
  return it->second;
}

void check_close(double ours, double theirs, double tolerance, const std::string& what) {
  const double err = std::fabs(ours - theirs) / std::max(std::fabs(theirs), 1e-300);
  CHECK_MESSAGE(err <= tolerance, what << ": ours " << ours << ", R " << theirs << ", relative error " << err);
}

struct scale_data {
  std::string analysis;
  std::string file;
  std::vector<std::string> items;
  std::vector<std::string> reverse;
};

const std::vector<scale_data> bfi = {
    {"bfi_A", "bfi_A.csv", {"A1", "A2", "A3", "A4", "A5"}, {"A1"}},
    {"bfi_C", "bfi_C.csv", {"C1", "C2", "C3", "C4", "C5"}, {"C4", "C5"}},
    {"bfi_E", "bfi_E.csv", {"E1", "E2", "E3", "E4", "E5"}, {"E1", "E2"}},
    {"bfi_N", "bfi_N.csv", {"N1", "N2", "N3", "N4", "N5"}, {}},
    {"bfi_O", "bfi_O.csv", {"O1", "O2", "O3", "O4", "O5"}, {"O2", "O5"}},
    {"synthetic_bel_pre", "synthetic_bel.csv", {"bel1_pre", "bel2_pre", "bel3_pre", "bel4_pre"}, {}},
};

Eigen::MatrixXd load_items(const scale_data& s) {
  const auto t = socialcure::read_csv(dir + "data/" + s.file);
  return socialcure::item_matrix(t, s.items, s.reverse, 1, 6);
}

void check_alpha(const scale_data& s, socialcure::missing_handling missing, const std::string& analysis,
                 const reference& r) {
  socialcure::reliability_options options;
  options.missing = missing;
  const auto a = socialcure::cronbach_alpha(load_items(s), s.items, options);
  const double tol = 1e-9;
  check_close(static_cast<double>(a.n), ref(r, analysis, ".scale", "n"), 0, analysis + " n");
  check_close(a.raw_alpha, ref(r, analysis, ".scale", "raw_alpha"), tol, analysis + " raw_alpha");
  check_close(a.std_alpha, ref(r, analysis, ".scale", "std_alpha"), tol, analysis + " std_alpha");
  check_close(a.average_r, ref(r, analysis, ".scale", "average_r"), tol, analysis + " average_r");
  check_close(a.alpha_ci_lower, ref(r, analysis, ".scale", "alpha_ci_lower"), tol, analysis + " ci lower");
  check_close(a.alpha_ci_upper, ref(r, analysis, ".scale", "alpha_ci_upper"), tol, analysis + " ci upper");
  check_close(a.mean, ref(r, analysis, ".scale", "mean"), tol, analysis + " mean");
  check_close(a.sd, ref(r, analysis, ".scale", "sd"), tol, analysis + " sd");
  for (const auto& item : a.items) {
    check_close(item.r_drop, ref(r, analysis, item.item, "r_drop"), tol, analysis + " r_drop " + item.item);
    check_close(item.alpha_if_deleted, ref(r, analysis, item.item, "raw_alpha_if_deleted"), tol,
                analysis + " alpha if deleted " + item.item);
    check_close(item.std_alpha_if_deleted, ref(r, analysis, item.item, "std_alpha_if_deleted"), tol,
                analysis + " std alpha if deleted " + item.item);
    check_close(item.mean, ref(r, analysis, item.item, "item_mean"), tol, analysis + " item mean " + item.item);
    check_close(item.sd, ref(r, analysis, item.item, "item_sd"), tol, analysis + " item sd " + item.item);
  }
}

}  // namespace

TEST_CASE("reliability: alpha with pairwise deletion agrees with psych::alpha") {
  const auto r = read_reference("alpha.ref.csv");
  for (const auto& s : bfi) check_alpha(s, socialcure::missing_handling::pairwise, s.analysis, r);
}

TEST_CASE("reliability: alpha with listwise deletion agrees with psych::alpha(na.omit(x))") {
  const auto r = read_reference("alpha.ref.csv");
  for (const auto& s : bfi) {
    if (s.analysis == "synthetic_bel_pre" || s.analysis.rfind("bfi", 0) == 0) {
      check_alpha(s, socialcure::missing_handling::listwise, s.analysis + "_listwise", r);
    }
  }
}

TEST_CASE("reliability: omega total from the one-factor minres model agrees with psych::omega(nfactors = 1)") {
  const auto r = read_reference("omega.ref.csv");
  for (const auto& s : bfi) {
    const auto o = socialcure::omega_total(load_items(s));
    CAPTURE(s.analysis);
    check_close(o.omega_total, ref(r, s.analysis, ".scale", "omega_total_minres_converged"), 1e-8,
                s.analysis + " omega (converged minres)");
    check_close(o.omega_total, ref(r, s.analysis, ".scale", "omega_total"), 1e-6, s.analysis + " omega (psych)");
    for (std::size_t j = 0; j < s.items.size(); ++j) {
      check_close(o.loadings[j], ref(r, s.analysis, s.items[j], "loading_minres_converged"), 1e-7,
                  s.analysis + " loading " + s.items[j]);
      check_close(o.loadings[j], ref(r, s.analysis, s.items[j], "loading"), 2e-5, s.analysis + " psych loading");
    }
    CHECK_FALSE(o.heywood);
  }
}

TEST_CASE("reliability: Spearman-Brown and the standard error of measurement") {
  const auto r = read_reference("spearman_brown_sem.ref.csv");
  const auto a = read_reference("alpha.ref.csv");
  for (const auto& s : bfi) {
    const double alpha = ref(a, s.analysis, ".scale", "raw_alpha");
    check_close(socialcure::spearman_brown(alpha, 2.0), ref(r, s.analysis, ".scale", "spearman_brown_2"), 1e-12,
                s.analysis + " SB x2");
    check_close(socialcure::spearman_brown(alpha, 0.5), ref(r, s.analysis, ".scale", "spearman_brown_half"), 1e-12,
                s.analysis + " SB x0.5");
    check_close(socialcure::standard_error_of_measurement(ref(a, s.analysis, ".scale", "sd"), alpha),
                ref(r, s.analysis, ".scale", "sem"), 1e-12, s.analysis + " SEM");
  }
}

TEST_CASE("reliability: the six ICCs agree with psych::ICC(lmer = FALSE), and Shrout & Fleiss's table") {
  const auto r = read_reference("icc.ref.csv");
  struct icc_data {
    std::string analysis;
    std::string file;
    std::vector<std::string> columns;
    bool row_means;  // synthetic: the pre and post means of bel1..4
  };
  const std::vector<icc_data> sets = {
      {"sf", "sf.csv", {"J1", "J2", "J3", "J4"}, false},
      {"sleep_pairs", "sleep_pairs.csv", {"t1", "t2"}, false},
      {"synthetic_bel_pre_items", "synthetic_bel.csv", {"bel1_pre", "bel2_pre", "bel3_pre", "bel4_pre"}, false},
  };
  for (const auto& set : sets) {
    const auto t = socialcure::read_csv(dir + "data/" + set.file);
    const auto icc = socialcure::intraclass_correlation(socialcure::item_matrix(t, set.columns));
    for (const auto& e : icc.estimates) {
      const std::string what = set.analysis + " " + e.type;
      check_close(e.icc, ref(r, set.analysis, e.type, "icc"), 1e-9, what + " icc");
      check_close(e.f, ref(r, set.analysis, e.type, "F"), 1e-9, what + " F");
      check_close(e.p, ref(r, set.analysis, e.type, "p"), 1e-8, what + " p");
      check_close(e.ci_lower, ref(r, set.analysis, e.type, "lower"), 1e-8, what + " lower");
      check_close(e.ci_upper, ref(r, set.analysis, e.type, "upper"), 1e-8, what + " upper");
    }
  }
  // Shrout & Fleiss (1979), Table 4: .17, .29, .71, .44, .62, .91 (two decimals).
  const auto sf = socialcure::read_csv(dir + "data/sf.csv");
  const auto icc = socialcure::intraclass_correlation(socialcure::item_matrix(sf, {"J1", "J2", "J3", "J4"}));
  const double published[] = {0.17, 0.29, 0.71, 0.44, 0.62, 0.91};
  for (std::size_t i = 0; i < 6; ++i) CHECK(std::round(icc.estimates[i].icc * 100) / 100 == doctest::Approx(published[i]));
}

TEST_CASE("reliability: test-retest Pearson r agrees with cor.test") {
  const auto r = read_reference("icc.ref.csv");
  const auto t = socialcure::read_csv(dir + "data/sleep_pairs.csv");
  const auto m = socialcure::item_matrix(t, {"t1", "t2"});
  const auto c = socialcure::pearson_correlation(m.col(0), m.col(1));
  check_close(c.r, ref(r, "sleep_pairs", ".model", "pearson_r"), 1e-12, "r");
  check_close(c.t, ref(r, "sleep_pairs", ".model", "pearson_t"), 1e-10, "t");
  check_close(c.p, ref(r, "sleep_pairs", ".model", "pearson_p"), 1e-9, "p");
  check_close(c.ci_lower, ref(r, "sleep_pairs", ".model", "pearson_ci_lower"), 1e-10, "ci lower");
  check_close(c.ci_upper, ref(r, "sleep_pairs", ".model", "pearson_ci_upper"), 1e-10, "ci upper");
}

TEST_CASE("reliability: errors and degenerate items") {
  Eigen::MatrixXd constant(4, 3);
  constant << 1, 2, 3, 1, 3, 4, 1, 2, 2, 1, 4, 5;  // first item never varies
  CHECK(contains(message_of<socialcure::data_error>(
                     [&] { (void)socialcure::cronbach_alpha(constant, {"a", "b", "c"}); }),
                 "no variance"));
  CHECK(contains(message_of<socialcure::argument_error>(
                     [&] { (void)socialcure::cronbach_alpha(constant.leftCols(1), {"a"}); }),
                 "at least 2 items"));
  socialcure::reliability_options bad;
  bad.level = 1.0;
  CHECK_THROWS_AS(bad.validate(), socialcure::argument_error);
}

TEST_CASE("reliability: a respondent with no answer at all is excluded and counted, not part of n") {
  // Rows 1-4 answered; row 5 empty. Alpha and its CI must equal those of rows 1-4 alone.
  const double na = socialcure::missing_value;
  Eigen::MatrixXd with_empty(5, 3);
  with_empty << 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 4, na, na, na;
  const Eigen::MatrixXd answered = with_empty.topRows(4);
  const auto a = socialcure::cronbach_alpha(with_empty, {"a", "b", "c"});
  const auto b = socialcure::cronbach_alpha(answered, {"a", "b", "c"});
  CHECK(a.n == 4);
  CHECK(a.n_excluded == 1);
  CHECK(a.raw_alpha == b.raw_alpha);
  CHECK(a.alpha_ci_lower == b.alpha_ci_lower);
}

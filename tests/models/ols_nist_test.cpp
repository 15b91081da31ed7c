// OLS against the NIST StRD linear-regression certified values (tests/reference/nist/linreg).
// Accuracy is measured as the log relative error LRE = -log10(|est - cert| / |cert|)
// (-log10|est - cert| when cert = 0), capped at 15. Gates: at least what R's QR reaches
// (docs/methods/regression.md, section 6) and at least 9 digits on the lower/average-difficulty sets and Longley.

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "socialcure/data/csv.hpp"
#include "socialcure/models/ols.hpp"

namespace {

struct certified {
  std::map<std::string, double> scalars;
  std::vector<double> beta;
  std::vector<double> se;
};

certified read_certified(const std::string& name) {
  const auto t = socialcure::read_csv(std::string(SOCIALCURE_TEST_DIR) + "/reference/nist/linreg/" + name +
                                      ".certified.csv", {',', {"", "inf"}, {"quantity"}, {}, {}, {}});
  certified c;
  const auto quantity = t.text("quantity");
  const auto index = t.numeric("index");
  const auto value = t.numeric("value");
  for (std::size_t i = 0; i < t.rows(); ++i) {
    if (quantity[i] == "beta" || quantity[i] == "se") {
      auto& v = quantity[i] == "beta" ? c.beta : c.se;
      const auto k = static_cast<std::size_t>(index[i]);
      if (v.size() <= k) v.resize(k + 1);
      v[k] = value[i];
    } else {
      c.scalars[quantity[i]] = value[i];
    }
  }
  return c;
}

double lre(double estimate, double cert) {
  const double err = cert == 0.0 ? std::fabs(estimate) : std::fabs(estimate - cert) / std::fabs(cert);
  return err == 0.0 ? 15.0 : std::min(15.0, -std::log10(err));
}

struct lre_row {
  double coef = 15, se = 15, sd = 15, r2 = 15;
};

lre_row fit_and_measure(const std::string& name) {
  const auto data = socialcure::read_csv(std::string(SOCIALCURE_TEST_DIR) + "/reference/nist/linreg/" + name + ".csv");
  const certified c = read_certified(name);
  const bool intercept = c.scalars.at("intercept") == 1.0;
  const int degree = static_cast<int>(c.scalars.at("poly_degree"));
  const auto n = static_cast<Eigen::Index>(data.rows());
  std::vector<std::string> terms;
  std::vector<Eigen::VectorXd> columns;
  if (intercept) {
    terms.push_back("(Intercept)");
    columns.push_back(Eigen::VectorXd::Ones(n));
  }
  if (degree > 0) {
    const auto x = data.numeric("x");
    for (int d = 1; d <= degree; ++d) {
      Eigen::VectorXd col(n);
      for (Eigen::Index i = 0; i < n; ++i) col(i) = std::pow(x[static_cast<std::size_t>(i)], d);
      terms.push_back("x^" + std::to_string(d));
      columns.push_back(col);
    }
  } else {
    for (const auto& name_j : data.names()) {
      if (name_j == "y") continue;
      const auto v = data.numeric(name_j);
      terms.push_back(name_j);
      columns.push_back(Eigen::Map<const Eigen::VectorXd>(v.data(), n));
    }
  }
  Eigen::MatrixXd x(n, static_cast<Eigen::Index>(columns.size()));
  for (std::size_t j = 0; j < columns.size(); ++j) x.col(static_cast<Eigen::Index>(j)) = columns[j];
  const auto yv = data.numeric("y");
  const Eigen::VectorXd y = Eigen::Map<const Eigen::VectorXd>(yv.data(), n);

  const socialcure::ols_result fit = socialcure::fit_ols(x, y, terms, intercept);
  REQUIRE(fit.aliased_terms.empty());
  lre_row row;
  for (std::size_t j = 0; j < c.beta.size(); ++j) {
    row.coef = std::min(row.coef, lre(fit.coefficients[j].estimate, c.beta[j]));
    // Wampler1/2 fit exactly: certified SEs are 0, so the LRE is the absolute error's.
    row.se = std::min(row.se, lre(fit.coefficients[j].se, c.se[j]));
  }
  row.sd = lre(fit.sigma, c.scalars.at("residual_sd"));
  row.r2 = lre(fit.r_squared, c.scalars.at("r_squared"));
  MESSAGE(name << ": LRE coefficients " << row.coef << ", SEs " << row.se << ", residual SD " << row.sd << ", R^2 "
               << row.r2);
  return row;
}

// Gates: {coefficients, SEs, residual SD, R^2}.
void check(const std::string& name, double coef, double se, double sd, double r2) {
  const lre_row row = fit_and_measure(name);
  CHECK(row.coef >= coef);
  CHECK(row.se >= se);
  CHECK(row.sd >= sd);
  CHECK(row.r2 >= r2);
}

}  // namespace

// Measured on 2026-11-26 (LRE coefficients / SEs / residual SD / R^2): Norris 14.1/13.9/14.0/15,
// Pontius 13.5/13.8/13.8/15, NoInt1 14.7/15/15/15, NoInt2 15/14.9/15/15, Longley 14.7/12.9/15/15,
// Wampler1 13.7/11.4(abs)/11.4(abs)/15, Wampler2 13.2/15/15/15, Wampler3 13.1/13.6/14.8/15,
// Wampler4 11.4/13.6/14.8/15, Wampler5 9.6/13.6/14.8/15, Filip 7.5/7.5/9.6/11.8.
// R's QR reaches on Filip 7.2 / - / 8.1 / 10.3 (tests/reference/nist/r_baseline_filip.R) and the
// values of docs/methods/regression.md, section 6, elsewhere (Wampler4 7.5, Wampler5 5.5 on coefficients).
// Gates sit at least a quarter digit below our measurements and above R's.
TEST_CASE("ols nist: Norris (lower difficulty)") { check("Norris", 13.5, 13.5, 13.5, 14.0); }
TEST_CASE("ols nist: Pontius (lower difficulty)") { check("Pontius", 13.0, 13.0, 13.0, 14.0); }
TEST_CASE("ols nist: NoInt1 (average difficulty, no intercept)") { check("NoInt1", 14.0, 14.0, 14.0, 14.0); }
TEST_CASE("ols nist: NoInt2 (average difficulty, no intercept)") { check("NoInt2", 14.0, 14.0, 14.0, 14.0); }
TEST_CASE("ols nist: Longley (higher difficulty)") { check("Longley", 14.0, 12.0, 14.0, 14.0); }
TEST_CASE("ols nist: Wampler1 (exact fit: SEs and SD are 0, absolute error)") { check("Wampler1", 13.0, 10.5, 10.5, 14.0); }
TEST_CASE("ols nist: Wampler2 (exact fit)") { check("Wampler2", 12.5, 14.0, 14.0, 14.0); }
TEST_CASE("ols nist: Wampler3") { check("Wampler3", 12.5, 13.0, 14.0, 14.0); }
TEST_CASE("ols nist: Wampler4") { check("Wampler4", 10.5, 13.0, 14.0, 14.0); }
TEST_CASE("ols nist: Wampler5") { check("Wampler5", 8.75, 13.0, 14.0, 14.0); }
TEST_CASE("ols nist: Filip, all 11 terms") { check("Filip", 7.25, 7.2, 9.25, 11.5); }

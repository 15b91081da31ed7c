// Tests of the threaded passes of a large OLS fit (ols_options::threads, build_model_frame's
// threads; core/detail/parallel.hpp): a design of more than 65,536 cases is cut into chunks of
// 65,536 that threads take, so these tests use 150,000 cases (three chunks). The numbers must be
// identical for 1 and 2 threads, agree with the normal equations and the sandwich written out
// here, and a case with leverage 1 must be named the same way on any thread count. The test names
// start with "ols_threads", which puts this file into the ThreadSanitizer stage of CI.
#include "socialcure/models/ols.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <Eigen/Cholesky>
#include <Eigen/Core>

#include "socialcure/core/error.hpp"
#include "socialcure/data/table.hpp"
#include "socialcure/models/design.hpp"

namespace {

constexpr Eigen::Index cases = 150000;

struct design {
  Eigen::MatrixXd x;  // intercept and three predictors
  Eigen::VectorXd y;
  std::vector<std::string> terms{"(Intercept)", "a", "b", "c"};
};

design make_design(std::uint64_t seed) {
  std::mt19937_64 gen(seed);
  std::normal_distribution<double> normal;
  design d;
  d.x.resize(cases, 4);
  d.y.resize(cases);
  for (Eigen::Index i = 0; i < cases; ++i) {
    const double a = normal(gen);
    const double b = 40.0 + 10.0 * normal(gen);
    const double c = 0.5 * a + normal(gen);
    d.x.row(i) << 1.0, a, b, c;
    d.y(i) = 2.0 + 0.3 * a - 0.05 * b + 0.2 * c + (1.0 + std::fabs(a)) * normal(gen);
  }
  return d;
}

socialcure::ols_result fit(const design& d, unsigned threads) {
  socialcure::ols_options options;
  options.se = socialcure::se_type::hc3;
  options.diagnostics = true;
  options.threads = threads;
  return socialcure::fit_ols(d.x, d.y, d.terms, true, options);
}

}  // namespace

TEST_CASE("ols_threads: 150,000 cases give the same numbers, bit for bit, on 1 and 2 threads") {
  const design d = make_design(20261204);
  const socialcure::ols_result one = fit(d, 1);
  const socialcure::ols_result two = fit(d, 2);
  for (std::size_t j = 0; j < one.coefficients.size(); ++j) {
    CHECK(one.coefficients[j].estimate == two.coefficients[j].estimate);
    CHECK(one.coefficients[j].se == two.coefficients[j].se);
    if (j > 0) CHECK(one.coefficients[j].std_estimate == two.coefficients[j].std_estimate);  // none for the intercept
  }
  CHECK(one.covariance == two.covariance);
  CHECK(one.rss == two.rss);
  CHECK(one.r_squared == two.r_squared);
  CHECK(one.residuals == two.residuals);
  CHECK(one.leverage == two.leverage);
  CHECK(one.cooks_distance == two.cooks_distance);
}

TEST_CASE("ols_threads: the chunked passes agree with the normal equations and the HC3 sandwich written out") {
  const design d = make_design(7);
  const socialcure::ols_result result = fit(d, 2);
  // Independent route: (X'X)^{-1} X'y by LDLT, the leverages x_i'(X'X)^{-1}x_i and the HC3 meat
  // sum e_i^2 / (1 - h_i)^2 x_i x_i' over every case in one plain loop.
  const Eigen::MatrixXd xtx_inv = (d.x.transpose() * d.x).ldlt().solve(Eigen::MatrixXd::Identity(4, 4));
  const Eigen::VectorXd b = xtx_inv * (d.x.transpose() * d.y);
  const Eigen::VectorXd e = d.y - d.x * b;
  Eigen::MatrixXd meat = Eigen::MatrixXd::Zero(4, 4);
  for (Eigen::Index i = 0; i < cases; ++i) {
    const Eigen::VectorXd xi = d.x.row(i).transpose();
    const double h = xi.dot(xtx_inv * xi);
    meat += (e(i) * e(i) / ((1.0 - h) * (1.0 - h))) * (xi * xi.transpose());
    if (i % 49999 == 0) CHECK(result.leverage(i) == doctest::Approx(h).epsilon(1e-10));
  }
  const Eigen::MatrixXd covariance = xtx_inv * meat * xtx_inv;
  for (Eigen::Index j = 0; j < 4; ++j) {
    const auto& c = result.coefficients[static_cast<std::size_t>(j)];
    CHECK(c.estimate == doctest::Approx(b(j)).epsilon(1e-10));
    CHECK(c.se == doctest::Approx(std::sqrt(covariance(j, j))).epsilon(1e-9));
  }
  CHECK(result.rss == doctest::Approx(e.squaredNorm()).epsilon(1e-10));
}

TEST_CASE("ols_threads: a case with leverage 1 is named the same way on any thread count") {
  design d = make_design(11);
  // Two one-case dummies, in the second and third chunks: each case has leverage 1; the error
  // names the first of them whichever thread reaches its chunk first.
  d.x.conservativeResize(Eigen::NoChange, 6);
  d.x.col(4).setZero();
  d.x.col(5).setZero();
  d.x(70000, 4) = 1.0;
  d.x(140000, 5) = 1.0;
  d.terms.push_back("first_alone");
  d.terms.push_back("second_alone");
  for (unsigned threads : {1u, 2u}) {
    CAPTURE(threads);
    try {
      (void)fit(d, threads);
      FAIL("a case with leverage 1 must be an error under HC3");
    } catch (const socialcure::data_error& e) {
      CHECK(std::string(e.what()).find("case 70001 has leverage 1") != std::string::npos);
    }
  }
}

TEST_CASE("ols_threads: the model frame of a long table is the same on 1 and 2 threads") {
  const design d = make_design(3);
  socialcure::table data;
  for (Eigen::Index j = 1; j < 4; ++j) {
    std::vector<double> values(d.x.col(j).data(), d.x.col(j).data() + cases);
    data.add(socialcure::column(d.terms[static_cast<std::size_t>(j)], std::move(values)));
  }
  data.add(socialcure::column("y", std::vector<double>(d.y.data(), d.y.data() + cases)));
  socialcure::model_spec spec;
  spec.response = "y";
  spec.predictors = {"a", "b", "c"};
  const socialcure::model_frame one = socialcure::build_model_frame(data, spec, 1);
  const socialcure::model_frame two = socialcure::build_model_frame(data, spec, 2);
  CHECK(one.x == two.x);
  CHECK(one.y == two.y);
  CHECK(one.x == d.x);
}

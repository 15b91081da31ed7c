#include "models/detail/weighted_glm.hpp"

#include <algorithm>
#include <cmath>

#include <Eigen/Cholesky>

#include "models/detail/links.hpp"
#include "models/detail/nb_theta.hpp"

namespace socialcure::detail {

namespace {

constexpr double singular_pivot = 1e-12;
constexpr double tolerance = 1e-10;
constexpr int max_iterations = 50;

/// Solves (X'WX) b = X'Wz by Cholesky; false when a pivot shows a (near-)dependent column.
bool solve_normal(const Eigen::MatrixXd& x, const Eigen::VectorXd& weight, const Eigen::VectorXd& z, Eigen::VectorXd& beta) {
  const Eigen::MatrixXd xw = x.array().colwise() * weight.array();
  const Eigen::MatrixXd a = xw.transpose() * x;
  const Eigen::LLT<Eigen::MatrixXd> llt(a);
  if (llt.info() != Eigen::Success) return false;
  const Eigen::MatrixXd l = llt.matrixL();
  for (Eigen::Index j = 0; j < a.rows(); ++j) {
    if (!(l(j, j) * l(j, j) > singular_pivot * a(j, j))) return false;
  }
  beta = llt.solve(xw.transpose() * z);
  return beta.allFinite();
}

double relative_change(const Eigen::VectorXd& now, const Eigen::VectorXd& before) {
  return ((now - before).array().abs() / (now.array().abs() + 1e-3)).maxCoeff();
}

}  // namespace

bool weighted_least_squares(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const Eigen::VectorXd& w,
                            Eigen::VectorXd& beta, double& rss) {
  if (!solve_normal(x, w, y, beta)) return false;
  rss = w.dot((y - x * beta).array().square().matrix());
  return std::isfinite(rss);
}

glm_refitter::glm_refitter(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const Eigen::VectorXd& offset,
                           glm_family family, glm_link link)
    : x_(x),
      y_(y),
      offset_(offset.size() == y.size() ? offset : Eigen::VectorXd::Zero(y.size())),
      family_(family),
      probit_(family == glm_family::binomial && link == glm_link::probit) {
  if (family_ != glm_family::negative_binomial) return;
  levels_ = levels_of(y).values;
  level_of_.resize(static_cast<std::size_t>(y.size()));
  for (Eigen::Index i = 0; i < y.size(); ++i) {
    level_of_[static_cast<std::size_t>(i)] =
        static_cast<int>(std::lower_bound(levels_.begin(), levels_.end(), y(i)) - levels_.begin());
  }
}

double glm_refitter::mean(double eta) const {
  if (probit_) return probit_mean(eta);
  return family_ == glm_family::binomial ? logit_mean(eta) : std::exp(eta);
}

struct glm_refitter::cases {
  Eigen::MatrixXd x;
  Eigen::VectorXd y, offset, w;
  count_levels levels;  // negative binomial: the distinct counts, each with the summed w of its cases
};

glm_refitter::cases glm_refitter::drawn(const Eigen::VectorXd& w) const {
  std::vector<Eigen::Index> rows;
  for (Eigen::Index i = 0; i < w.size(); ++i) {
    if (w(i) > 0.0) rows.push_back(i);
  }
  cases c;
  c.x = x_(rows, Eigen::all);
  c.y = y_(rows);
  c.offset = offset_(rows);
  c.w = w(rows);
  if (family_ == glm_family::negative_binomial) {
    c.levels.values = levels_;
    c.levels.weights.assign(levels_.size(), 0.0);
    for (const Eigen::Index i : rows) c.levels.weights[static_cast<std::size_t>(level_of_[static_cast<std::size_t>(i)])] += w(i);
  }
  return c;
}

bool glm_refitter::irls_step(const cases& c, double theta, Eigen::VectorXd& beta, Eigen::VectorXd& mu, double& change) const {
  const bool binomial = family_ == glm_family::binomial;
  const Eigen::Index n = c.y.size();
  Eigen::VectorXd eta = c.x * beta + c.offset, weight(n), z(n), next;
  for (Eigen::Index i = 0; i < n; ++i) {
    // W = w mu'^2 / V and z = eta - offset + (y - mu) / mu' with mu' = d mu / d eta.
    const double m = mu(i);
    const double derivative = probit_ ? probit_mean_derivative(eta(i)) : (binomial ? m * (1.0 - m) : m);
    const double variance = binomial ? m * (1.0 - m) : (family_ == glm_family::poisson ? m : m + m * m / theta);
    weight(i) = c.w(i) * derivative * derivative / variance;
    z(i) = eta(i) - c.offset(i) + (c.y(i) - m) / derivative;
  }
  if (!solve_normal(c.x, weight, z, next)) return false;
  // Step halving while a mean leaves its range (exp overflow).
  for (int halving = 0;; ++halving) {
    mu = (c.x * next + c.offset).unaryExpr([this](double e) { return mean(e); });
    if (mu.allFinite() && (binomial || (mu.array() > 0.0).all())) break;
    if (halving == 30) return false;
    next = 0.5 * (next + beta);
  }
  change = relative_change(next, beta);
  beta = next;
  return true;
}

bool glm_refitter::theta_step(const cases& c, const Eigen::VectorXd& mu, double& theta, double& change) const {
  const theta_score s = nb_theta_score(theta, c.levels, c.y, mu, c.w);
  const double step = s.score / s.info;
  const double next = std::fabs(theta + step);
  if (!std::isfinite(next) || next > 1e10) return false;
  change = std::fabs(next - theta) / next;
  theta = next;
  return true;
}

bool glm_refitter::fit(const Eigen::VectorXd& w, Eigen::VectorXd& beta, double& theta) const {
  const cases c = drawn(w);
  const bool binomial = family_ == glm_family::binomial;
  const bool negbin = family_ == glm_family::negative_binomial;
  Eigen::VectorXd mu = (c.x * beta + c.offset).unaryExpr([this](double e) { return mean(e); });
  for (int iteration = 0; iteration < max_iterations; ++iteration) {
    double change = 0.0, theta_change = 0.0;
    if (!irls_step(c, theta, beta, mu, change)) return false;
    if (negbin && !theta_step(c, mu, theta, theta_change)) return false;
    if (change < tolerance && theta_change < tolerance) {
      if (!binomial) return true;
      return (mu.array() >= 1e-10 && mu.array() <= 1.0 - 1e-10).all();  // otherwise separated
    }
  }
  return false;
}

}  // namespace socialcure::detail

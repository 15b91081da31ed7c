#pragma once
/// \file
/// \brief Internal: the score and information in theta of the negative binomial (NB2)
/// log-likelihood at fixed means, as MASS::theta.ml computes them, shared by fit_glm and the
/// bootstrap's weighted refits. The digamma and trigamma terms depend on y only through its value,
/// so they are evaluated once per distinct count, weighted by the total weight of its cases.

#include <algorithm>
#include <cmath>
#include <vector>

#include <Eigen/Core>
#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/trigamma.hpp>

namespace socialcure::detail {

/// \brief The distinct values of a count and the total weight of the cases at each.
struct count_levels {
  std::vector<double> values;   ///< increasing
  std::vector<double> weights;  ///< per value
};

/// \brief The distinct values of y, each with how many cases have it.
inline count_levels levels_of(const Eigen::VectorXd& y) {
  count_levels out;
  out.values.assign(y.data(), y.data() + y.size());
  std::sort(out.values.begin(), out.values.end());
  out.values.erase(std::unique(out.values.begin(), out.values.end()), out.values.end());
  out.weights.assign(out.values.size(), 0.0);
  for (Eigen::Index i = 0; i < y.size(); ++i) {
    out.weights[static_cast<std::size_t>(std::lower_bound(out.values.begin(), out.values.end(), y(i)) - out.values.begin())] += 1.0;
  }
  return out;
}

/// \brief Score and (observed) information of theta.
struct theta_score {
  double score = 0.0;
  double info = 0.0;
};

/// \brief The score and information at `theta` for cases y with means mu and case weights w (empty:
/// every case weight 1); `levels` holds the distinct values of y with the summed weights of their cases.
inline theta_score nb_theta_score(double theta, const count_levels& levels, const Eigen::VectorXd& y, const Eigen::VectorXd& mu,
                                  const Eigen::VectorXd& w) {
  using boost::math::digamma;
  using boost::math::trigamma;
  const double digamma_th = digamma(theta);
  const double trigamma_th = trigamma(theta);
  theta_score out;
  for (std::size_t l = 0; l < levels.values.size(); ++l) {
    if (levels.weights[l] == 0.0) continue;
    out.score += levels.weights[l] * (digamma(theta + levels.values[l]) - digamma_th);
    out.info += levels.weights[l] * (trigamma_th - trigamma(theta + levels.values[l]));
  }
  const double log_th = std::log(theta);
  const bool weighted = w.size() > 0;
  for (Eigen::Index i = 0; i < y.size(); ++i) {
    const double inv = 1.0 / (mu(i) + theta);
    const double weight = weighted ? w(i) : 1.0;
    out.score += weight * (log_th + 1.0 - std::log(theta + mu(i)) - (y(i) + theta) * inv);
    out.info += weight * (-1.0 / theta + 2.0 * inv - (y(i) + theta) * inv * inv);
  }
  return out;
}

}  // namespace socialcure::detail

#pragma once
/// \file
/// \brief Internal: refits of a linear model or a GLM on the same cases with case weights, for the
/// bootstrap. A resample is a vector of counts w (how often each case was drawn), so a refit needs
/// no copy of the data: the weighted fit with weights w equals the fit on the resampled rows.
///
/// Lean by design (the full fit, with its checks, standard errors and messages, is fit_ols /
/// fit_glm): normal equations solved by Cholesky (a column whose squared relative distance from the
/// others is below 1e-12 makes the refit fail), IRLS warm-started from the full-sample estimates,
/// and for the negative binomial theta by Newton's method on the weighted profile score,
/// alternating one IRLS step with one Newton step (beta and theta are orthogonal in the information,
/// so the alternation converges about as fast as a joint Newton method). Only the drawn cases
/// (w > 0) enter the computations. A refit fails (returns false) on a singular design,
/// separation (a fitted probability of a drawn case within 1e-10 of 0 or 1), theta above 1e10, or
/// no convergence; the caller redraws the resample.

#include <vector>

#include <Eigen/Core>

#include "socialcure/models/glm.hpp"

namespace socialcure::detail {

/// \brief Weighted least squares: b minimizing sum_i w_i (y_i - x_i'b)^2 and that sum (the RSS).
/// \returns false when X'WX is singular.
[[nodiscard]] bool weighted_least_squares(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const Eigen::VectorXd& w,
                                          Eigen::VectorXd& beta, double& rss);

/// \brief A GLM (binomial with a logit or probit link, Poisson or NB2 log link) on fixed cases,
/// refitted with case weights.
class glm_refitter {
 public:
  /// \param offset empty or one value per case.
  glm_refitter(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const Eigen::VectorXd& offset, glm_family family,
               glm_link link = glm_link::logit);

  /// \brief Fits with case weights `w` (counts, >= 0), starting from `beta` and (negative binomial)
  /// `theta`, which hold the estimates on success.
  /// \returns false when the fit fails (see the file comment); `beta` and `theta` are then unspecified.
  [[nodiscard]] bool fit(const Eigen::VectorXd& w, Eigen::VectorXd& beta, double& theta) const;

 private:
  struct cases;  // the drawn cases (w > 0) of one refit, packed
  [[nodiscard]] cases drawn(const Eigen::VectorXd& w) const;
  [[nodiscard]] bool irls_step(const cases& c, double theta, Eigen::VectorXd& beta, Eigen::VectorXd& mu, double& change) const;
  [[nodiscard]] bool theta_step(const cases& c, const Eigen::VectorXd& mu, double& theta, double& change) const;
  [[nodiscard]] double mean(double eta) const;

  const Eigen::MatrixXd& x_;
  const Eigen::VectorXd& y_;
  Eigen::VectorXd offset_;
  glm_family family_;
  bool probit_;
  std::vector<double> levels_;  // distinct values of y (negative binomial)
  std::vector<int> level_of_;   // per case, its index in levels_
};

}  // namespace socialcure::detail

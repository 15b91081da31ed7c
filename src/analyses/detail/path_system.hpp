#pragma once
// Internal: a system of OLS equations over the same cases (a mediation model), its effects as
// sums of products of path coefficients, and their bootstrap, jackknife and Monte Carlo
// replicates.
//
// The bootstrap works on cross-products. The model's variables z_0 = 1, z_1..z_{p-1} are
// standardized once (mean 0, SD 1 over the sample); a resample is a vector of case counts w, and
// S = Z' diag(w) Z holds the normal equations of every equation of the model. For a block of
// replicates the q = p(p+1)/2 distinct entries of all their S come from one matrix product
// P' W, where P (n x q) holds the products z_k z_l of each case and W (n x block) the counts: the
// work of a replicate is n q multiply-adds in a dense product, then a few tiny Cholesky solves.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "analyses/detail/resample.hpp"

namespace socialcure::detail {

/// One OLS equation: outcome column, regressor columns (column 0 = the intercept, listed first),
/// and the regressors whose resample mean is added back into the intercept (MEMORE's centred
/// mediator averages: the intercept is then the value at their mean).
struct path_equation {
  std::size_t outcome = 0;
  std::vector<std::size_t> regressors;
  std::vector<std::size_t> centred;
};

/// A coefficient of an equation: (equation, position among its regressors).
struct coefficient_ref {
  std::size_t equation = 0;
  std::size_t position = 0;
};

/// weight x the product of the coefficients.
struct effect_term {
  double weight = 1.0;
  std::vector<coefficient_ref> factors;
};

/// An effect: the sum of its terms, times SD(numerator column) / SD(denominator column) when
/// these are given (standardized effects; SDs of the resample).
struct effect_definition {
  std::vector<effect_term> terms;
  std::size_t sd_numerator = 0;    ///< 0 = none
  std::size_t sd_denominator = 0;  ///< 0 = none
};

/// The model: the data (n x p, column 0 all ones) and its equations.
struct path_system {
  Eigen::MatrixXd z;
  std::vector<path_equation> equations;
  resample_units units;  ///< what a bootstrap resample draws (cases, or clusters of them)
};

/// The paths from X through k mediators to Y, as lists of mediator indices: each mediator alone
/// (parallel), or every increasing chain (serial), by length and then lexicographically - PROCESS
/// 4.3's order (for three mediators: 1, 2, 3, 1-2, 1-3, 2-3, 1-2-3).
[[nodiscard]] std::vector<std::vector<std::size_t>> mediator_paths(std::size_t k, bool serial);

/// A square root R of a covariance, R R' = V (symmetric eigen-decomposition; eigenvalues below 0
/// from rounding taken as 0), for drawing from N(b, V).
[[nodiscard]] Eigen::MatrixXd covariance_root(const Eigen::MatrixXd& v);

/// The value of every effect from the equations' coefficients (raw scale) and the SDs of the columns.
void evaluate_effects_into(const std::vector<effect_definition>& effects, const std::vector<Eigen::VectorXd>& coefficients,
                           const Eigen::VectorXd& sds, Eigen::VectorXd& out);
[[nodiscard]] Eigen::VectorXd evaluate_effects(const std::vector<effect_definition>& effects,
                                               const std::vector<Eigen::VectorXd>& coefficients,
                                               const Eigen::VectorXd& sds);

/// Settings of a replicate run.
struct replicate_settings {
  std::size_t replicates = 5000;
  std::uint64_t seed = 0;
  unsigned threads = 1;
  int max_attempts = 100;  ///< draws per replicate before giving up (a singular resample is redrawn)
  /// Called after each block of replicates with (done, total), and at large n also between the
  /// replicates of a block (done unchanged); false cancels. Called under a lock.
  std::function<bool(std::size_t, std::size_t)> progress;
};

/// Replicates of every effect (rows = replicates, in index order).
struct replicate_output {
  Eigen::MatrixXd effects;
  std::size_t discarded = 0;  ///< resamples redrawn because a design was singular or an outcome constant
  bool cancelled = false;
  unsigned threads_used = 1;
  std::string error;  ///< a replicate that never succeeded (then `effects` is empty)
};

/// Case-resampling bootstrap replicates.
[[nodiscard]] replicate_output bootstrap_replicates(const path_system& system,
                                                    const std::vector<effect_definition>& effects,
                                                    const replicate_settings& settings);

/// Leave-one-out (jackknife) estimates of every effect (rows = left-out case, or left-out cluster
/// when the system resamples clusters); a row is missing (NaN) when leaving it out makes a design
/// singular.
[[nodiscard]] Eigen::MatrixXd jackknife_replicates(const path_system& system,
                                                   const std::vector<effect_definition>& effects);

/// Monte Carlo replicates: each equation's coefficients drawn from N(estimate, covariance),
/// independently across equations; the SDs are held at the sample's.
[[nodiscard]] replicate_output monte_carlo_replicates(const std::vector<Eigen::VectorXd>& estimates,
                                                      const std::vector<Eigen::MatrixXd>& covariances,
                                                      const Eigen::VectorXd& sds,
                                                      const std::vector<effect_definition>& effects,
                                                      const replicate_settings& settings);

}  // namespace socialcure::detail

#pragma once
/// \file
/// \brief Internal: least squares by column-pivoting Householder QR on unit-norm columns, with
/// rank detection and optional iterative refinement in extended precision.

#include <cstddef>
#include <vector>

#include <Eigen/Core>

namespace socialcure::detail {

/// \brief A least-squares fit of y on the columns of X.
struct least_squares {
  std::size_t rank = 0;
  /// Columns of X retained (in their original order); the others are linear combinations of them.
  std::vector<Eigen::Index> kept;
  std::vector<Eigen::Index> dropped;
  /// Coefficients of all columns (NaN for dropped columns).
  Eigen::VectorXd coef;
  /// Residuals y - X b.
  Eigen::VectorXd residuals;
  /// (X_k' X_k)^{-1} over the kept columns (rank x rank, in the order of `kept`).
  Eigen::MatrixXd xtx_inverse;
  /// 1-norm condition number of the triangular factor of the unit-norm columns.
  double condition = 0.0;
  /// Leverages h_ii (diagonal of the hat matrix; empty unless asked for).
  Eigen::VectorXd leverage;
  /// For each dropped column, the weights on the kept columns that reproduce it.
  std::vector<Eigen::VectorXd> dependencies;
};

/// \brief Options of solve_least_squares.
struct least_squares_options {
  /// A pivot counts as zero when |R_kk| <= tolerance * |R_11| (columns scaled to unit norm first).
  double tolerance = 1e-10;
  /// Rounds of iterative refinement with residuals accumulated in long double (0 = none).
  int refinement_steps = 2;
  /// Whether to compute the leverages.
  bool want_leverage = true;
};

/// \brief Solves min ||y - X b||. Columns of zero norm are dropped.
[[nodiscard]] least_squares solve_least_squares(const Eigen::Ref<const Eigen::MatrixXd>& x,
                                                const Eigen::Ref<const Eigen::VectorXd>& y,
                                                const least_squares_options& options);

/// \brief Residuals y - X b accumulated in long double, then rounded.
[[nodiscard]] Eigen::VectorXd precise_residuals(const Eigen::Ref<const Eigen::MatrixXd>& x,
                                                const Eigen::Ref<const Eigen::VectorXd>& y,
                                                const Eigen::Ref<const Eigen::VectorXd>& b);

}  // namespace socialcure::detail

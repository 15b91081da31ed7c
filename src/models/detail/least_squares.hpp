#pragma once
/// \file
/// \brief Internal: (weighted) least squares by Householder QR, with column pivoting for rank
/// detection and iterative refinement in extended precision.
///
/// Algorithm. The columns are scaled to unit (weighted) norm. The triangular factor of [X y] is
/// computed by a tall-skinny QR (TSQR: Householder QR of row blocks that fit in cache, then QR of
/// their stacked triangles), which never forms X'X; its last column holds Q'y. Column-pivoting
/// QR of the p x p triangle then orders the columns and reveals the rank: a pivot with
/// |R_kk| <= tolerance * |R_11| marks a column as a combination of the earlier ones. The solution
/// is refined by the corrected seminormal equations, b += R^{-1} R^{-T} X'(y - X b), with X'r and
/// the residuals accumulated in long double, while the corrections keep shrinking (skipped when
/// cond(R)^2 * eps is not small, where the iteration would not converge).

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
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
  /// Residuals y - X b (unweighted; empty unless asked for).
  Eigen::VectorXd residuals;
  /// (X_k' W X_k)^{-1} over the kept columns (rank x rank, in the order of `kept`).
  Eigen::MatrixXd xtx_inverse;
  /// 1-norm condition number of the triangular factor of the unit-norm columns.
  double condition = 0.0;
  /// F = D^{-1} R^{-1} (rank x rank): the leverage of case i is h_ii = || w_i^{1/2} x_i' F ||^2 over
  /// the kept columns (see for_each_block_with_leverage).
  Eigen::MatrixXd leverage_factor;
  /// For each dropped column, the weights on the kept columns that reproduce it.
  std::vector<Eigen::VectorXd> dependencies;
};

/// \brief Options of solve_least_squares.
struct least_squares_options {
  /// A pivot counts as zero when |R_kk| <= tolerance * |R_11| (columns scaled to unit norm first).
  double tolerance = 1e-10;
  /// Most rounds of iterative refinement in extended precision (0 = none).
  int refinement_steps = 6;
  /// Whether to return the residuals (the refinement computes them in any case when it runs).
  bool want_residuals = true;
  /// Threads for the passes over the rows of a large X (chunks of 65,536 rows, row_chunks; 0:
  /// every hardware thread). The result is the same for any number.
  unsigned threads = 1;
  /// The columns' sums of squares when the caller has them already (column_sums_of_squares; an
  /// unweighted fit only): saves a pass over X. Empty: computed here.
  Eigen::VectorXd column_sums_of_squares{};
};

/// \brief Solves min sum_i w_i (y_i - x_i'b)^2 (w = 1 when `weights` is empty). Columns of zero
/// norm are dropped. Weights must be positive and finite.
[[nodiscard]] least_squares solve_least_squares(const Eigen::Ref<const Eigen::MatrixXd>& x,
                                                const Eigen::Ref<const Eigen::VectorXd>& y,
                                                const least_squares_options& options,
                                                const Eigen::Ref<const Eigen::VectorXd>& weights = Eigen::VectorXd());

/// \brief Solves the weighted normal equations (X_k' W X_k) b = X_k' W z over the columns `kept` of
/// X by their Cholesky factor, a block of rows at a time: a fraction of the work of the QR, for the
/// intermediate steps of IRLS on a well-conditioned design (its relative error is about cond^2 eps,
/// cond that of the unit-norm columns). Empty when the matrix is not numerically positive definite.
[[nodiscard]] std::optional<Eigen::VectorXd> solve_weighted_normal_equations(const Eigen::Ref<const Eigen::MatrixXd>& x,
                                                                           const std::vector<Eigen::Index>& kept,
                                                                           const Eigen::VectorXd& z,
                                                                           const Eigen::VectorXd& w);

/// \brief "<n> cases for <p> coefficients: fewer cases than coefficients, so they cannot all be
/// estimated" (OLS and GLMs say it before fitting, rather than naming a column as collinear).
[[nodiscard]] std::string fewer_cases_problem(Eigen::Index n, Eigen::Index p);

/// \brief A column whose sum of squares leaves the range of a double: it overflows (values beyond
/// about 1e154), or falls below the smallest normal double although the column is not zero (values
/// below about 1e-154), where its inverse would overflow. Such a column cannot be scaled to unit norm:
/// it would read as infinite or as constant zero.
struct column_magnitude {
  Eigen::Index column = -1;  ///< -1 when every column is fine
  double largest = 0.0;      ///< the largest |value| of that column
  bool too_large = false;    ///< overflow (else underflow)
};

/// \brief The sum of squares of each column of `x` (NaN or infinite for a column with a value that
/// is not finite, or whose squares overflow); a column per thread for a long X.
[[nodiscard]] Eigen::VectorXd column_sums_of_squares(const Eigen::Ref<const Eigen::MatrixXd>& x, unsigned threads = 1);

/// \brief The first column of `x` whose sum of squares overflows or underflows (see column_magnitude).
[[nodiscard]] column_magnitude find_column_out_of_range(const Eigen::Ref<const Eigen::MatrixXd>& x);
/// \brief The same from the sums of squares already computed (column_sums_of_squares(x)).
[[nodiscard]] column_magnitude find_column_out_of_range(const Eigen::Ref<const Eigen::MatrixXd>& x,
                                                        const Eigen::VectorXd& sums_of_squares);

/// \brief "the values of <what> are too large (largest |value| 1e+300) for sums of squares in double
/// precision: rescale the variable (e.g. other units)", or "too small" for an underflow; `what` is
/// e.g. "'age'" or "the response".
[[nodiscard]] std::string magnitude_problem(const column_magnitude& m, const std::string& what);

/// \brief A block of rows of the kept columns of X: `column[k][i]` is row `first + i` of the k-th
/// kept column, for i < count (pointers into X; nothing is copied).
struct row_block {
  Eigen::Index first = 0;
  Eigen::Index count = 0;
  std::vector<const double*> column;
};

/// \brief Called with a block of rows, their leverages (empty unless asked for) and the chunk of
/// rows the block belongs to (row_chunks).
using block_visitor = std::function<void(const row_block& block, const Eigen::VectorXd& h, std::size_t chunk)>;

/// \brief The number of chunks of 65,536 rows (64 blocks of 1,024) that n rows are cut into, at least
/// one. The rows of a chunk are always taken in order by one thread; different chunks may be taken
/// by different threads at once. A sum over rows that is summed per chunk and then over the chunks
/// in their order is the same for any thread count (and for n <= 65,536 it is the plain sum in row
/// order).
[[nodiscard]] std::size_t row_chunks(Eigen::Index n);

/// \brief One pass over the kept columns of an unweighted fit's X, a block of rows at a time, with
/// the leverages of the block's rows when `with_leverage` (else `h` is empty): what the HC
/// covariances and the diagnostics need, without storing an n-vector. The chunks run on up to
/// `threads` threads (0: every hardware thread), so `visit` must keep what it sums per chunk; an
/// exception it throws reaches the caller (that of the lowest chunk when several throw).
void for_each_block_with_leverage(const Eigen::Ref<const Eigen::MatrixXd>& x, const least_squares& fit,
                                  bool with_leverage, unsigned threads, const block_visitor& visit);

/// \brief sum += B' diag(w) B for the block's rows B (count x rank) and weights w[0..count): the
/// symmetric rank x rank cross-product, each entry of one triangle a dot product of w_i x_ij with
/// x_ik over the block (in four lanes), mirrored to the other: half the products of a general
/// matrix product, on the rows of X in place.
void add_weighted_cross_product(const row_block& block, const double* w, Eigen::MatrixXd& sum);

}  // namespace socialcure::detail

#include "socialcure/models/detail/least_squares.hpp"

#include <algorithm>
#include <cmath>
#include <utility>
#include <limits>

#include <Eigen/QR>

namespace socialcure::detail {

Eigen::VectorXd precise_residuals(const Eigen::Ref<const Eigen::MatrixXd>& x, const Eigen::Ref<const Eigen::VectorXd>& y,
                                  const Eigen::Ref<const Eigen::VectorXd>& b) {
  const Eigen::Index n = x.rows();
  const Eigen::Index p = x.cols();
  Eigen::VectorXd r(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    long double acc = y(i);
    for (Eigen::Index j = 0; j < p; ++j) acc -= static_cast<long double>(x(i, j)) * b(j);
    r(i) = static_cast<double>(acc);
  }
  return r;
}

least_squares solve_least_squares(const Eigen::Ref<const Eigen::MatrixXd>& x, const Eigen::Ref<const Eigen::VectorXd>& y,
                                  const least_squares_options& options) {
  const Eigen::Index n = x.rows();
  const Eigen::Index p = x.cols();
  least_squares out;

  // Scale the columns to unit norm: the rank decision and the pivoting then ignore units.
  Eigen::VectorXd scale = x.colwise().norm().transpose();
  std::vector<Eigen::Index> nonzero;
  for (Eigen::Index j = 0; j < p; ++j) {
    if (scale(j) > 0 && std::isfinite(scale(j))) nonzero.push_back(j);
  }
  Eigen::MatrixXd xs(n, static_cast<Eigen::Index>(nonzero.size()));
  for (std::size_t k = 0; k < nonzero.size(); ++k) {
    xs.col(static_cast<Eigen::Index>(k)) = x.col(nonzero[k]) / scale(nonzero[k]);
  }
  Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(xs);
  const Eigen::MatrixXd& packed = qr.matrixQR();
  const auto& perm = qr.colsPermutation().indices();
  const Eigen::Index m = xs.cols();
  const double r11 = m > 0 ? std::fabs(packed(0, 0)) : 0.0;
  Eigen::Index rank = 0;
  while (rank < std::min(m, n) && std::fabs(packed(rank, rank)) > options.tolerance * r11) ++rank;
  out.rank = static_cast<std::size_t>(rank);

  // Kept columns (original indices, in pivot order for the triangular solves).
  std::vector<Eigen::Index> pivot_kept(static_cast<std::size_t>(rank));
  for (Eigen::Index k = 0; k < rank; ++k) pivot_kept[static_cast<std::size_t>(k)] = nonzero[static_cast<std::size_t>(perm(k))];
  const Eigen::MatrixXd r = packed.topLeftCorner(rank, rank).triangularView<Eigen::Upper>();
  const Eigen::MatrixXd r_inv =
      r.triangularView<Eigen::Upper>().solve(Eigen::MatrixXd::Identity(rank, rank));

  // Solve in the pivoted, scaled coordinates: b_s = R^{-1} Q1' y.
  auto solve = [&](const Eigen::VectorXd& rhs) {
    Eigen::VectorXd qty = rhs;
    qty.applyOnTheLeft(qr.householderQ().setLength(rank).adjoint());
    return Eigen::VectorXd(r.triangularView<Eigen::Upper>().solve(qty.head(rank)));
  };
  // Coefficients in original units, over the kept columns in pivot order.
  Eigen::MatrixXd x_kept(n, rank);
  for (Eigen::Index k = 0; k < rank; ++k) x_kept.col(k) = x.col(pivot_kept[static_cast<std::size_t>(k)]);
  Eigen::VectorXd inv_scale(rank);
  for (Eigen::Index k = 0; k < rank; ++k) inv_scale(k) = 1.0 / scale(pivot_kept[static_cast<std::size_t>(k)]);
  Eigen::VectorXd b = solve(y).cwiseProduct(inv_scale);
  Eigen::VectorXd residuals = precise_residuals(x_kept, y, b);

  // Iterative refinement of the augmented system [I X; X' 0][r; b] = [y; 0] (Bjorck 1967), with
  // both equations' residuals accumulated in long double. Unlike refining b alone, this recovers
  // full accuracy on large-residual problems too.
  const auto householder = qr.householderQ().setLength(rank);
  // The refinement converges when cond(R) * eps is well below 1; beyond that (NIST Filip) its
  // steps only move the solution around within its error, so it is skipped.
  const double condition = r.cwiseAbs().colwise().sum().maxCoeff() * r_inv.cwiseAbs().colwise().sum().maxCoeff();
  out.condition = condition;
  const int steps = condition * std::numeric_limits<double>::epsilon() < 1e-8 ? options.refinement_steps : 0;
  double last_step = std::numeric_limits<double>::infinity();
  for (int step = 0; step < steps; ++step) {
    Eigen::VectorXd f(n);  // y - r - X b
    for (Eigen::Index i = 0; i < n; ++i) {
      long double acc = static_cast<long double>(y(i)) - residuals(i);
      for (Eigen::Index k = 0; k < rank; ++k) acc -= static_cast<long double>(x_kept(i, k)) * b(k);
      f(i) = static_cast<double>(acc);
    }
    Eigen::VectorXd g(rank);  // -Xs' r
    for (Eigen::Index k = 0; k < rank; ++k) {
      long double acc = 0.0L;
      for (Eigen::Index i = 0; i < n; ++i) acc -= static_cast<long double>(x_kept(i, k)) * residuals(i);
      g(k) = static_cast<double>(acc * inv_scale(k));
    }
    const Eigen::VectorXd h = r.transpose().triangularView<Eigen::Lower>().solve(g);
    Eigen::VectorXd d = f;
    d.applyOnTheLeft(householder.adjoint());
    const Eigen::VectorXd delta = r.triangularView<Eigen::Upper>().solve(d.head(rank) - h);
    // Stop when the corrections stop shrinking (no further digits to gain).
    const double size = delta.norm();
    if (!(size < 0.5 * last_step) && step > 0) break;
    last_step = size;
    d.head(rank) = h;
    d.applyOnTheLeft(householder);
    residuals += d;
    b += delta.cwiseProduct(inv_scale);
  }
  out.residuals = precise_residuals(x_kept, y, b);

  // Back to the original column order.
  out.coef = Eigen::VectorXd::Constant(p, std::numeric_limits<double>::quiet_NaN());
  std::vector<Eigen::Index> order(static_cast<std::size_t>(rank));  // order[k] = pivot position of k-th kept
  {
    std::vector<std::pair<Eigen::Index, Eigen::Index>> pairs;
    for (Eigen::Index k = 0; k < rank; ++k) pairs.emplace_back(pivot_kept[static_cast<std::size_t>(k)], k);
    std::sort(pairs.begin(), pairs.end());
    for (std::size_t k = 0; k < pairs.size(); ++k) {
      out.kept.push_back(pairs[k].first);
      order[k] = pairs[k].second;
    }
  }
  for (Eigen::Index k = 0; k < rank; ++k) out.coef(pivot_kept[static_cast<std::size_t>(k)]) = b(k);
  for (Eigen::Index j = 0; j < p; ++j) {
    if (std::find(out.kept.begin(), out.kept.end(), j) == out.kept.end()) out.dropped.push_back(j);
  }

  // (X_k'X_k)^{-1} = D^{-1} R^{-1} R^{-T} D^{-1} in pivot order, then reordered to `kept` order.
  const Eigen::MatrixXd inv_pivot = inv_scale.asDiagonal() * (r_inv * r_inv.transpose()) * inv_scale.asDiagonal();
  out.xtx_inverse.resize(rank, rank);
  for (Eigen::Index a = 0; a < rank; ++a) {
    for (Eigen::Index c = 0; c < rank; ++c) {
      out.xtx_inverse(a, c) = inv_pivot(order[static_cast<std::size_t>(a)], order[static_cast<std::size_t>(c)]);
    }
  }
  if (options.want_leverage) {
    // h_ii = squared norm of row i of Q1, Q1 formed from the Householder reflectors.
    const Eigen::MatrixXd q1 = qr.householderQ().setLength(rank) * Eigen::MatrixXd::Identity(n, rank);
    out.leverage = q1.rowwise().squaredNorm();
  }
  // Dependencies of each dropped column on the kept ones (least-squares weights, original units).
  for (Eigen::Index j : out.dropped) {
    Eigen::VectorXd w = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(out.kept.size()));
    if (scale(j) > 0 && rank > 0) {
      const Eigen::VectorXd w_pivot = solve(x.col(j)).cwiseProduct(inv_scale);
      for (Eigen::Index k = 0; k < rank; ++k) w(k) = w_pivot(order[static_cast<std::size_t>(k)]);
    }
    out.dependencies.push_back(std::move(w));
  }
  return out;
}

}  // namespace socialcure::detail

#include "models/detail/least_squares.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include <Eigen/Cholesky>
#include <Eigen/QR>

#include "core/detail/parallel.hpp"
#include "socialcure/core/number.hpp"

namespace socialcure::detail {

namespace {

constexpr Eigen::Index block_rows = 1024;
// Rows are handed to threads in chunks of this many blocks (65,536 rows); sums over rows are summed
// within a chunk in row order and then over the chunks in their order, whatever the thread count.
constexpr Eigen::Index blocks_per_chunk = 64;

}  // namespace

std::size_t row_chunks(Eigen::Index n) {
  const Eigen::Index chunk_rows = block_rows * blocks_per_chunk;
  return static_cast<std::size_t>(std::max<Eigen::Index>(1, (n + chunk_rows - 1) / chunk_rows));
}

namespace {

// Calls visit(first, count) for the blocks of rows [first, first + count) of a chunk of the n rows,
// in order.
template <class Visit>
void for_blocks_of_chunk(std::size_t chunk, Eigen::Index n, Visit&& visit) {
  const Eigen::Index chunk_first = static_cast<Eigen::Index>(chunk) * block_rows * blocks_per_chunk;
  const Eigen::Index chunk_last = std::min(n, chunk_first + block_rows * blocks_per_chunk);
  for (Eigen::Index first = chunk_first; first < chunk_last; first += block_rows) {
    visit(first, std::min(block_rows, chunk_last - first));
  }
}

// Triangular factor R (m x m, m = columns of the block) of the rows of `a`, by TSQR.
// `fill(first, count, block)` writes rows [first, first + count) into `block` (count x m); it is
// called from up to `threads` threads at once (chunks of rows), each block's triangle being the same
// whichever thread computes it.
template <typename Fill>
Eigen::MatrixXd tsqr_r(Eigen::Index n, Eigen::Index m, unsigned threads, Fill&& fill) {
  Eigen::MatrixXd stacked(0, m);
  std::vector<Eigen::MatrixXd> triangles(static_cast<std::size_t>((n + block_rows - 1) / block_rows));
  run_pieces(row_chunks(n), threads, [&](std::size_t chunk) {
    Eigen::MatrixXd block;
    for_blocks_of_chunk(chunk, n, [&](Eigen::Index first, Eigen::Index count) {
      block.resize(count, m);
      fill(first, count, block);
      Eigen::HouseholderQR<Eigen::Ref<Eigen::MatrixXd>> qr(block);  // in place
      const Eigen::Index k = std::min(count, m);
      triangles[static_cast<std::size_t>(first / block_rows)] = qr.matrixQR().topRows(k).triangularView<Eigen::Upper>();
    });
  });
  if (triangles.size() == 1) {
    Eigen::MatrixXd r = Eigen::MatrixXd::Zero(m, m);
    r.topRows(triangles[0].rows()) = triangles[0];
    return r;
  }
  // Reduce the stacked triangles (a few thousand rows at most) with one more QR.
  Eigen::Index rows = 0;
  for (const auto& t : triangles) rows += t.rows();
  stacked.resize(rows, m);
  Eigen::Index at = 0;
  for (const auto& t : triangles) {
    stacked.middleRows(at, t.rows()) = t;
    at += t.rows();
  }
  const Eigen::HouseholderQR<Eigen::MatrixXd> qr(stacked);
  Eigen::MatrixXd r = Eigen::MatrixXd::Zero(m, m);
  const Eigen::Index k = std::min(rows, m);
  r.topRows(k) = qr.matrixQR().topRows(k).triangularView<Eigen::Upper>();
  return r;
}

}  // namespace

namespace {

// r[i - first] = y_i - sum_k b_k x_ik for i in [first, last): each residual stays in a register while the
// columns are subtracted in order, two rows at a time so that their chains overlap.
void block_residuals(const std::vector<const double*>& col, const std::vector<long double>& bk,
                     const Eigen::Ref<const Eigen::VectorXd>& y, Eigen::Index first, Eigen::Index last,
                     long double* r) {
  const std::size_t m = col.size();
  Eigen::Index i = first;
  for (; i + 2 <= last; i += 2) {
    long double r0 = y(i);
    long double r1 = y(i + 1);
    for (std::size_t k = 0; k < m; ++k) {
      const long double b_k = bk[k];
      r0 -= b_k * col[k][i];
      r1 -= b_k * col[k][i + 1];
    }
    r[i - first] = r0;
    r[i + 1 - first] = r1;
  }
  for (; i < last; ++i) {
    long double ri = y(i);
    for (std::size_t k = 0; k < m; ++k) ri -= bk[k] * col[k][i];
    r[i - first] = ri;
  }
}

// g_k += sum over i in [first, last), in order, of (x_ik r_i) w_i (w_i = 1 without weights); four
// sums at a time, in registers.
void block_gradient(const std::vector<const double*>& col, const Eigen::Ref<const Eigen::VectorXd>& weights,
                    Eigen::Index first, Eigen::Index last, const long double* r, std::vector<long double>& g) {
  const std::size_t m = col.size();
  const bool weighted = weights.size() > 0;
  auto term = [&](const double* c, Eigen::Index i) {
    const long double t = static_cast<long double>(c[i]) * r[i - first];
    return weighted ? t * weights(i) : t;
  };
  std::size_t k = 0;
  for (; k + 4 <= m; k += 4) {
    long double g0 = g[k], g1 = g[k + 1], g2 = g[k + 2], g3 = g[k + 3];
    const double *c0 = col[k], *c1 = col[k + 1], *c2 = col[k + 2], *c3 = col[k + 3];
    for (Eigen::Index i = first; i < last; ++i) {
      g0 += term(c0, i);
      g1 += term(c1, i);
      g2 += term(c2, i);
      g3 += term(c3, i);
    }
    g[k] = g0;
    g[k + 1] = g1;
    g[k + 2] = g2;
    g[k + 3] = g3;
  }
  for (; k < m; ++k) {
    long double gk = g[k];
    for (Eigen::Index i = first; i < last; ++i) gk += term(col[k], i);
    g[k] = gk;
  }
}

// r = y - X b in long double (the products of doubles are exact in long double's 64-bit mantissa
// up to one rounding per term), stored rounded to double in `rounded`, and, when `gradient` is
// given, g_k = sum_i x_ik r_i (w_i) from the unrounded residuals. A block of rows at a time: the
// block's residuals in long double live only in a small buffer while the columns pass over them;
// every sum runs over i in order, as a column-by-column pass would.
void long_residuals(const Eigen::Ref<const Eigen::MatrixXd>& x, const std::vector<Eigen::Index>& columns,
                    const Eigen::Ref<const Eigen::VectorXd>& y, const Eigen::Ref<const Eigen::VectorXd>& b,
                    const Eigen::Ref<const Eigen::VectorXd>& weights, unsigned threads, Eigen::VectorXd& rounded,
                    std::vector<long double>* gradient) {
  const Eigen::Index n = x.rows();
  const std::size_t m = columns.size();
  rounded.resize(n);
  std::vector<const double*> col(m);
  std::vector<long double> bk(m);
  for (std::size_t k = 0; k < m; ++k) {
    col[k] = x.col(columns[k]).data();
    bk[k] = b(static_cast<Eigen::Index>(k));
  }
  // Each chunk sums its own gradient (its rows in order); the chunks' sums are added in order.
  std::vector<std::vector<long double>> partial(row_chunks(n), std::vector<long double>(gradient ? m : 0, 0.0L));
  run_pieces(partial.size(), threads, [&](std::size_t chunk) {
    std::vector<long double> buffer(static_cast<std::size_t>(std::min(block_rows, n)));
    for_blocks_of_chunk(chunk, n, [&](Eigen::Index first, Eigen::Index count) {
      long double* r = buffer.data();  // r[i - first] for i in [first, first + count)
      block_residuals(col, bk, y, first, first + count, r);
      for (Eigen::Index i = first; i < first + count; ++i) rounded(i) = static_cast<double>(r[i - first]);
      if (gradient != nullptr) block_gradient(col, weights, first, first + count, r, partial[chunk]);
    });
  });
  if (gradient == nullptr) return;
  gradient->assign(m, 0.0L);
  for (const auto& p : partial) {
    for (std::size_t k = 0; k < m; ++k) (*gradient)[k] += p[k];
  }
}

// r -= X d over the given columns, a block of rows at a time (the block of r stays in cache while
// the columns pass over it), in double: for a correction d far below b, the products are far below
// the rounding of r, so this is as accurate as a new sweep in long double.
void subtract_correction(const Eigen::Ref<const Eigen::MatrixXd>& x, const std::vector<Eigen::Index>& columns,
                         const Eigen::VectorXd& d, unsigned threads, Eigen::VectorXd& r) {
  const Eigen::Index n = x.rows();
  run_pieces(row_chunks(n), threads, [&](std::size_t chunk) {
    for_blocks_of_chunk(chunk, n, [&](Eigen::Index first, Eigen::Index count) {
      auto block = r.segment(first, count);
      for (std::size_t k = 0; k < columns.size(); ++k) {
        block -= d(static_cast<Eigen::Index>(k)) * x.col(columns[k]).segment(first, count);
      }
    });
  });
}

}  // namespace

Eigen::VectorXd column_sums_of_squares(const Eigen::Ref<const Eigen::MatrixXd>& x, unsigned threads) {
  Eigen::VectorXd out(x.cols());
  run_pieces(static_cast<std::size_t>(x.cols()), row_chunks(x.rows()) > 1 ? threads : 1,
             [&](std::size_t j) { out(static_cast<Eigen::Index>(j)) = x.col(static_cast<Eigen::Index>(j)).squaredNorm(); });
  return out;
}

column_magnitude find_column_out_of_range(const Eigen::Ref<const Eigen::MatrixXd>& x) {
  return find_column_out_of_range(x, column_sums_of_squares(x));
}

column_magnitude find_column_out_of_range(const Eigen::Ref<const Eigen::MatrixXd>& x,
                                          const Eigen::VectorXd& sums_of_squares) {
  column_magnitude out;
  for (Eigen::Index j = 0; j < x.cols(); ++j) {
    const double sum_of_squares = sums_of_squares(j);
    // Below the smallest normal double the sum's inverse (in (X'X)^{-1}) would overflow.
    if (std::isfinite(sum_of_squares) &&
        (sum_of_squares >= std::numeric_limits<double>::min() || x.col(j).isZero(0.0))) {
      continue;
    }
    out.column = j;
    out.largest = x.col(j).cwiseAbs().maxCoeff();
    out.too_large = !std::isfinite(sum_of_squares);
    return out;
  }
  return out;
}

std::string fewer_cases_problem(Eigen::Index n, Eigen::Index p) {
  return std::to_string(n) + " cases for " + std::to_string(p) +
         " coefficients: fewer cases than coefficients, so they cannot all be estimated";
}

std::string magnitude_problem(const column_magnitude& m, const std::string& what) {
  return "the values of " + what + " are too " + (m.too_large ? "large" : "small") + " (largest |value| " +
         format_number(m.largest) +
         ") for sums of squares in double precision: rescale the variable (e.g. other units)";
}

namespace {

// h[i] = sum_j t_ij^2 for the block's rows, with t_ij = sum_{k <= j} x_ik f_kj (f upper triangular);
// `t` holds one column of t at a time (block.count values).
void block_leverages(const row_block& block, const Eigen::MatrixXd& f, double* t, Eigen::VectorXd& h) {
  const auto rank = static_cast<Eigen::Index>(block.column.size());
  const Eigen::Index count = block.count;
  h.setZero(count);
  for (Eigen::Index j = 0; j < rank; ++j) {
    for (Eigen::Index k = 0; k <= j; ++k) {
      const double* c = block.column[static_cast<std::size_t>(k)];
      const double fk = f(k, j);
      if (k == 0) {
        for (Eigen::Index i = 0; i < count; ++i) t[i] = c[i] * fk;
      } else {
        for (Eigen::Index i = 0; i < count; ++i) t[i] += c[i] * fk;
      }
    }
    for (Eigen::Index i = 0; i < count; ++i) h(i) += t[i] * t[i];
  }
}

}  // namespace

void for_each_block_with_leverage(const Eigen::Ref<const Eigen::MatrixXd>& x, const least_squares& fit,
                                  bool with_leverage, unsigned threads, const block_visitor& visit) {
  const Eigen::Index n = x.rows();
  const auto rank = static_cast<Eigen::Index>(fit.kept.size());
  run_pieces(row_chunks(n), threads, [&](std::size_t chunk) {
    row_block block;
    block.column.resize(static_cast<std::size_t>(rank));
    Eigen::VectorXd h;
    std::vector<double> t(static_cast<std::size_t>(std::min(block_rows, n)));
    for_blocks_of_chunk(chunk, n, [&](Eigen::Index first, Eigen::Index count) {
      block.first = first;
      block.count = count;
      for (Eigen::Index k = 0; k < rank; ++k) {
        block.column[static_cast<std::size_t>(k)] = x.col(fit.kept[static_cast<std::size_t>(k)]).data() + first;
      }
      if (with_leverage) block_leverages(block, fit.leverage_factor, t.data(), h);
      visit(block, h, chunk);
    });
  });
}

namespace {

// sum_i a_i b_i over i < count in four lanes (lane k takes i = k, k + 4, ...), added at the end:
// independent chains the processor runs side by side, and the same sums on any instruction set.
double lane_dot(const double* a, const double* b, Eigen::Index count) {
  double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
  Eigen::Index i = 0;
  for (; i + 4 <= count; i += 4) {
    s0 += a[i] * b[i];
    s1 += a[i + 1] * b[i + 1];
    s2 += a[i + 2] * b[i + 2];
    s3 += a[i + 3] * b[i + 3];
  }
  for (; i < count; ++i) s0 += a[i] * b[i];
  return (s0 + s1) + (s2 + s3);
}

}  // namespace

void add_weighted_cross_product(const row_block& block, const double* w, Eigen::MatrixXd& sum) {
  const auto rank = static_cast<Eigen::Index>(block.column.size());
  const Eigen::Index count = block.count;
  std::vector<double> weighted(static_cast<std::size_t>(count));  // w_i x_ij of one column j
  for (Eigen::Index j = 0; j < rank; ++j) {
    const double* cj = block.column[static_cast<std::size_t>(j)];
    for (Eigen::Index i = 0; i < count; ++i) weighted[static_cast<std::size_t>(i)] = w[i] * cj[i];
    for (Eigen::Index k = j; k < rank; ++k) {
      const double term = lane_dot(weighted.data(), block.column[static_cast<std::size_t>(k)], count);
      sum(j, k) += term;
      if (k != j) sum(k, j) += term;
    }
  }
}

std::optional<Eigen::VectorXd> solve_weighted_normal_equations(const Eigen::Ref<const Eigen::MatrixXd>& x,
                                                               const std::vector<Eigen::Index>& kept,
                                                               const Eigen::VectorXd& z, const Eigen::VectorXd& w) {
  const Eigen::Index n = x.rows();
  const auto r = static_cast<Eigen::Index>(kept.size());
  Eigen::MatrixXd cross = Eigen::MatrixXd::Zero(r, r);
  Eigen::VectorXd rhs = Eigen::VectorXd::Zero(r);
  row_block block;
  block.column.resize(kept.size());
  std::vector<double> wz(static_cast<std::size_t>(std::min(block_rows, n)));  // w_i z_i of the block
  for (Eigen::Index first = 0; first < n; first += block_rows) {
    block.first = first;
    block.count = std::min(block_rows, n - first);
    for (std::size_t k = 0; k < kept.size(); ++k) block.column[k] = x.col(kept[k]).data() + first;
    add_weighted_cross_product(block, w.data() + first, cross);
    for (Eigen::Index i = 0; i < block.count; ++i) wz[static_cast<std::size_t>(i)] = w(first + i) * z(first + i);
    for (std::size_t k = 0; k < kept.size(); ++k) {
      rhs(static_cast<Eigen::Index>(k)) += lane_dot(wz.data(), block.column[k], block.count);
    }
  }
  const Eigen::LLT<Eigen::MatrixXd> cholesky(cross);
  if (cholesky.info() != Eigen::Success) return std::nullopt;
  Eigen::VectorXd solution = cholesky.solve(rhs);
  if (!solution.allFinite()) return std::nullopt;
  return solution;
}

least_squares solve_least_squares(const Eigen::Ref<const Eigen::MatrixXd>& x, const Eigen::Ref<const Eigen::VectorXd>& y,
                                  const least_squares_options& options, const Eigen::Ref<const Eigen::VectorXd>& weights) {
  const Eigen::Index n = x.rows();
  const Eigen::Index p = x.cols();
  const bool weighted = weights.size() > 0;
  least_squares out;
  Eigen::VectorXd sqrt_w;
  if (weighted) sqrt_w = weights.cwiseSqrt();

  // Scale the (weighted) columns to unit norm: the rank decision and the pivoting ignore units.
  Eigen::VectorXd scale(p);
  const bool have_sums = !weighted && options.column_sums_of_squares.size() == p;
  for (Eigen::Index j = 0; j < p; ++j) {
    if (weighted) {
      scale(j) = x.col(j).cwiseProduct(sqrt_w).norm();
    } else {
      scale(j) = have_sums ? std::sqrt(options.column_sums_of_squares(j)) : x.col(j).norm();
    }
  }
  std::vector<Eigen::Index> nonzero;
  for (Eigen::Index j = 0; j < p; ++j) {
    if (scale(j) > 0 && std::isfinite(scale(j))) nonzero.push_back(j);
  }
  const auto m = static_cast<Eigen::Index>(nonzero.size());

  // R of [W^{1/2} X_s, W^{1/2} y] by TSQR; its last column is Q'y.
  const Eigen::MatrixXd r_full = tsqr_r(n, m + 1, options.threads, [&](Eigen::Index first, Eigen::Index count, Eigen::MatrixXd& block) {
    for (Eigen::Index k = 0; k < m; ++k) {
      const Eigen::Index j = nonzero[static_cast<std::size_t>(k)];
      block.col(k) = x.col(j).segment(first, count) / scale(j);
    }
    block.col(m) = y.segment(first, count);
    if (weighted) block.array().colwise() *= sqrt_w.segment(first, count).array();
  });
  // Rank, as R's lm (LINPACK dqrdc2, "limited pivoting"): columns are taken in their order, and a
  // column is dropped when its distance from the span of the columns kept before it is at most
  // `tolerance` times its norm. The columns of the triangle have the angles of X's columns, so the
  // test runs on the small m x m triangle (Gram-Schmidt with reorthogonalisation).
  std::vector<Eigen::Index> kept_local;  // positions among the nonzero columns
  std::vector<Eigen::Index> dropped_local;
  {
    Eigen::MatrixXd basis(m, 0);
    for (Eigen::Index k = 0; k < m; ++k) {
      Eigen::VectorXd v = r_full.col(k).head(m);
      const double norm = v.norm();
      for (int pass = 0; pass < 2; ++pass) v -= basis * (basis.transpose() * v);
      const double distance = v.norm();
      if (norm > 0 && distance > options.tolerance * norm) {
        basis.conservativeResize(Eigen::NoChange, basis.cols() + 1);
        basis.col(basis.cols() - 1) = v / distance;
        kept_local.push_back(k);
      } else {
        dropped_local.push_back(k);
      }
    }
  }
  const auto rank = static_cast<Eigen::Index>(kept_local.size());
  out.rank = static_cast<std::size_t>(rank);

  // The triangle of [kept, dropped, y] (a QR of the small triangle's columns in that order): its
  // leading block is R of the kept columns, then R^{-T}-transformed dropped columns and Q'y.
  const auto n_dropped = static_cast<Eigen::Index>(dropped_local.size());
  Eigen::MatrixXd ordered(m, m + 1);
  for (Eigen::Index k = 0; k < rank; ++k) ordered.col(k) = r_full.col(kept_local[static_cast<std::size_t>(k)]).head(m);
  for (Eigen::Index k = 0; k < n_dropped; ++k) {
    ordered.col(rank + k) = r_full.col(dropped_local[static_cast<std::size_t>(k)]).head(m);
  }
  ordered.col(m) = r_full.col(m).head(m);
  const Eigen::HouseholderQR<Eigen::MatrixXd> small_qr(ordered);
  const Eigen::MatrixXd& packed = small_qr.matrixQR();

  // pivot_kept[k]: original column of the k-th kept column (original order).
  std::vector<Eigen::Index> pivot_kept(static_cast<std::size_t>(rank));
  for (Eigen::Index k = 0; k < rank; ++k) {
    pivot_kept[static_cast<std::size_t>(k)] = nonzero[static_cast<std::size_t>(kept_local[static_cast<std::size_t>(k)])];
  }
  const Eigen::MatrixXd r = packed.topLeftCorner(rank, rank).triangularView<Eigen::Upper>();
  const Eigen::MatrixXd r_inv = r.triangularView<Eigen::Upper>().solve(Eigen::MatrixXd::Identity(rank, rank));
  Eigen::VectorXd inv_scale(rank);
  for (Eigen::Index k = 0; k < rank; ++k) inv_scale(k) = 1.0 / scale(pivot_kept[static_cast<std::size_t>(k)]);

  // b (original units) from R b = (Q'y)_kept.
  Eigen::VectorXd b = r.triangularView<Eigen::Upper>().solve(packed.col(m).head(rank)).cwiseProduct(inv_scale);

  // Corrected seminormal equations: b += D^{-1} R^{-1} R^{-T} D^{-1} X' W (y - X b).
  out.condition = rank > 0 ? r.cwiseAbs().colwise().sum().maxCoeff() * r_inv.cwiseAbs().colwise().sum().maxCoeff() : 0.0;
  const double eps = std::numeric_limits<double>::epsilon();
  const double contraction = out.condition * out.condition * eps;  // how much one step shrinks the error, about
  const int steps = contraction < 1e-3 ? options.refinement_steps : 0;
  // A well-conditioned fit needs one step: the error of the QR solution (about cond * eps, times the
  // rounding growth of the long sums) shrinks by the contraction factor, below the rounding of b.
  const bool one_step_enough = contraction < 1e-10;
  // Each pass computes the residuals of the current b and, when another step follows, the
  // gradient from them in the same sweep over X.
  Eigen::VectorXd residuals;  // rounded; rewritten by every pass
  std::vector<long double> gradient;
  const bool need_residuals = options.want_residuals || steps > 0;
  if (need_residuals) long_residuals(x, pivot_kept, y, b, weights, options.threads, residuals, steps > 0 ? &gradient : nullptr);
  double last = std::numeric_limits<double>::infinity();
  for (int step = 0; step < steps; ++step) {
    Eigen::VectorXd g(rank);  // D^{-1} X' W r, from the unrounded residuals
    for (Eigen::Index k = 0; k < rank; ++k) g(k) = static_cast<double>(gradient[static_cast<std::size_t>(k)]) * inv_scale(k);
    const Eigen::VectorXd h = r.transpose().triangularView<Eigen::Lower>().solve(g);
    const Eigen::VectorXd delta = r.triangularView<Eigen::Upper>().solve(h);
    const double size = delta.norm();
    if (!(size < 0.5 * last)) break;  // no more digits to gain
    last = size;
    b += delta.cwiseProduct(inv_scale);
    if (one_step_enough) {
      if (options.want_residuals) subtract_correction(x, pivot_kept, delta.cwiseProduct(inv_scale), options.threads, residuals);
      break;
    }
    // A correction at the rounding level of b (scaled) ends the refinement without another pass.
    const bool done = size <= 4.0 * eps * (b.cwiseQuotient(inv_scale)).norm() || step + 1 == steps;
    if (done && !options.want_residuals) break;
    long_residuals(x, pivot_kept, y, b, weights, options.threads, residuals, done ? nullptr : &gradient);
    if (done) break;
  }
  if (options.want_residuals) out.residuals = std::move(residuals);

  out.kept = pivot_kept;
  out.coef = Eigen::VectorXd::Constant(p, std::numeric_limits<double>::quiet_NaN());
  for (Eigen::Index k = 0; k < rank; ++k) out.coef(pivot_kept[static_cast<std::size_t>(k)]) = b(k);
  for (Eigen::Index j = 0; j < p; ++j) {
    if (std::find(out.kept.begin(), out.kept.end(), j) == out.kept.end()) out.dropped.push_back(j);
  }
  // (X_k' W X_k)^{-1} = D^{-1} R^{-1} R^{-T} D^{-1}.
  out.xtx_inverse = inv_scale.asDiagonal() * (r_inv * r_inv.transpose()) * inv_scale.asDiagonal();
  // h_ii = || w_i^{1/2} x_i' D^{-1} R^{-1} ||^2 (for_each_block_with_leverage).
  out.leverage_factor = inv_scale.asDiagonal() * r_inv;
  // Dependencies of each dropped column on the kept ones: R w = R12 (scaled), then unscaled.
  for (Eigen::Index j : out.dropped) {
    Eigen::VectorXd w = Eigen::VectorXd::Zero(rank);
    const auto it = std::find(nonzero.begin(), nonzero.end(), j);
    if (it != nonzero.end() && rank > 0) {
      const auto local = static_cast<Eigen::Index>(it - nonzero.begin());
      const auto position = static_cast<Eigen::Index>(
          std::find(dropped_local.begin(), dropped_local.end(), local) - dropped_local.begin());
      w = r.triangularView<Eigen::Upper>().solve(packed.col(rank + position).head(rank)).cwiseProduct(inv_scale) *
          scale(j);
    }
    out.dependencies.push_back(std::move(w));
  }
  return out;
}

}  // namespace socialcure::detail

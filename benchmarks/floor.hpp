#pragma once
// The bootstrap floor shared by the mediation benchmarks: a minimal kernel that only draws the
// library's resamples (its Philox streams, one per replicate, 2 threads) and accumulates each
// resample's cross-products S = Z' diag(w) Z of a model's columns Z (n x p), with nothing else (no
// solves, no effects, no intervals). Every model the library bootstraps by cross-products needs at
// least this. Written three ways and the fastest counts:
//   gemm   - as the library: per block of replicates an n x block matrix of case counts, then one
//            matrix product of the n x q case products against it (run with the library's block
//            size and with blocks of 16, which keep the counts in L2 at n = 630);
//   direct - per draw, add the drawn case's q products into the replicate's accumulator;
//   sparse - per replicate, integer case counts, then add count x products over the drawn cases.
// report_floor prints, with a prefix for the model, "floor_gemm N seconds checksum block" (twice),
// "floor_direct N seconds checksum", "floor_sparse ...", "draws_only N seconds checksum" (draws
// only, no products) and "floor N seconds kind" (the fastest).
#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include <Eigen/Core>

#include "analyses/detail/random_stream.hpp"
#include "timing.hpp"

namespace socialcure_bench {

/// What every floor kernel shares: the replicates, their seed and the threads.
struct floor_run {
  std::size_t replicates = 10000;
  std::uint64_t seed = 0;
  static constexpr unsigned threads = 2;
};

/// Runs body(thread, first, count) over blocks of `per_block` replicates on the run's threads
/// (blocks handed out by an atomic counter, as the library does) and sums the returned values.
template <class Body>
double run_blocks(const floor_run& run, std::size_t per_block, Body body) {
  const std::size_t blocks = (run.replicates + per_block - 1) / per_block;
  std::atomic<std::size_t> next{0};
  std::array<double, floor_run::threads> partial{};
  const auto worker = [&](unsigned t) {
    double s = 0.0;
    for (std::size_t b; (b = next.fetch_add(1)) < blocks;) {
      const std::size_t first = b * per_block;
      s += body(t, first, std::min(per_block, run.replicates - first));
    }
    partial[t] = s;
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < floor_run::threads; ++t) pool.emplace_back(worker, t);
  for (auto& th : pool) th.join();
  double s = 0.0;
  for (double v : partial) s += v;
  return s;
}

inline socialcure::detail::random_stream resample_stream(const floor_run& run, std::size_t replicate) {
  return {run.seed, replicate, 0, socialcure::detail::stream_purpose::resample};
}

/// The q = p (p + 1) / 2 distinct products of the model columns, per case.
template <int Q>
struct floor_input {
  Eigen::Index n = 0;
  Eigen::MatrixXd products;                                        // n x Q, column-major
  Eigen::Matrix<double, Eigen::Dynamic, Q, Eigen::RowMajor> rows;  // the same, one case per row
};

template <int Q>
floor_input<Q> make_floor_input(const Eigen::MatrixXd& z) {
  floor_input<Q> in;
  in.n = z.rows();
  in.products.resize(in.n, Q);
  int t = 0;
  for (Eigen::Index k = 0; k < z.cols(); ++k) {
    for (Eigen::Index l = k; l < z.cols(); ++l) in.products.col(t++) = z.col(k).cwiseProduct(z.col(l));
  }
  in.rows = in.products;
  return in;
}

/// The library's way: counts of a block of replicates, then P' W.
template <int Q>
double floor_gemm(const floor_run& run, const floor_input<Q>& in, std::size_t per_block) {
  const auto n32 = static_cast<std::uint32_t>(in.n);
  std::array<Eigen::MatrixXd, floor_run::threads> counts;
  std::array<Eigen::MatrixXd, floor_run::threads> packed;
  for (unsigned t = 0; t < floor_run::threads; ++t) {
    counts[t].resize(in.n, static_cast<Eigen::Index>(per_block));
    packed[t].resize(Q, static_cast<Eigen::Index>(per_block));
  }
  return run_blocks(run, per_block, [&](unsigned t, std::size_t first, std::size_t count) {
    const auto c = static_cast<Eigen::Index>(count);
    auto w = counts[t].leftCols(c);
    w.setZero();
    for (Eigen::Index r = 0; r < c; ++r) {
      auto stream = resample_stream(run, first + static_cast<std::size_t>(r));
      double* column = w.col(r).data();
      for (Eigen::Index i = 0; i < in.n; ++i) column[stream.below(n32)] += 1.0;
    }
    auto s = packed[t].leftCols(c);
    s.noalias() = in.products.transpose() * w;
    return s.sum();
  });
}

/// Per draw, add the drawn case's products.
template <int Q>
double floor_direct(const floor_run& run, const floor_input<Q>& in) {
  const auto n32 = static_cast<std::uint32_t>(in.n);
  const double* rows = in.rows.data();
  return run_blocks(run, 64, [&](unsigned, std::size_t first, std::size_t count) {
    double s = 0.0;
    for (std::size_t r = first; r < first + count; ++r) {
      auto stream = resample_stream(run, r);
      alignas(64) double acc[Q] = {};
      for (Eigen::Index i = 0; i < in.n; ++i) {
        const double* row = rows + static_cast<std::size_t>(Q) * stream.below(n32);
        for (int k = 0; k < Q; ++k) acc[k] += row[k];
      }
      for (double v : acc) s += v;
    }
    return s;
  });
}

/// Per replicate, integer counts, then count x products over the cases drawn.
template <int Q>
double floor_sparse(const floor_run& run, const floor_input<Q>& in) {
  const auto n32 = static_cast<std::uint32_t>(in.n);
  const double* rows = in.rows.data();
  std::array<std::vector<std::uint32_t>, floor_run::threads> counts;
  for (auto& c : counts) c.assign(static_cast<std::size_t>(in.n), 0);
  return run_blocks(run, 64, [&](unsigned t, std::size_t first, std::size_t count) {
    std::uint32_t* w = counts[t].data();
    double s = 0.0;
    for (std::size_t r = first; r < first + count; ++r) {
      auto stream = resample_stream(run, r);
      for (Eigen::Index i = 0; i < in.n; ++i) ++w[stream.below(n32)];
      alignas(64) double acc[Q] = {};
      for (Eigen::Index i = 0; i < in.n; ++i) {
        if (w[i] == 0) continue;
        const double m = w[i];
        w[i] = 0;
        const double* row = rows + static_cast<std::size_t>(Q) * static_cast<std::size_t>(i);
        for (int k = 0; k < Q; ++k) acc[k] += m * row[k];
      }
      for (double v : acc) s += v;
    }
    return s;
  });
}

/// Only the draws (each replicate's n indices from its stream), no products.
inline double draws_only(const floor_run& run, Eigen::Index n) {
  const auto n32 = static_cast<std::uint32_t>(n);
  return run_blocks(run, 64, [&](unsigned, std::size_t first, std::size_t count) {
    std::uint64_t s = 0;
    for (std::size_t r = first; r < first + count; ++r) {
      auto stream = resample_stream(run, r);
      for (Eigen::Index i = 0; i < n; ++i) s += stream.below(n32);
    }
    return static_cast<double>(s);
  });
}

/// Times every kernel on the model columns z (P of them, the intercept included), medians of
/// `reps` runs, prints the lines described at the top (each name after `prefix`) and returns the
/// fastest floor's seconds.
template <int P>
double report_floor(const floor_run& run, const Eigen::MatrixXd& z, int reps, const std::string& prefix = "") {
  constexpr int q = P * (P + 1) / 2;
  const auto in = make_floor_input<q>(z);
  const auto n = static_cast<std::size_t>(in.n);
  const char* pre = prefix.c_str();
  // The library's block size (count matrix near 2 MB).
  const std::size_t per_block = std::clamp<std::size_t>(262144 / n, 8, 256);
  double check = 0.0;
  const double t_lib = median_seconds(reps, [&] { check = floor_gemm(run, in, per_block); });
  std::printf("%sfloor_gemm %zu %.4f %.9e %zu\n", pre, n, t_lib, check, per_block);
  const double t_16 = median_seconds(reps, [&] { check = floor_gemm(run, in, 16); });
  std::printf("%sfloor_gemm %zu %.4f %.9e 16\n", pre, n, t_16, check);
  const double t_gemm = std::min(t_lib, t_16);
  const double t_direct = median_seconds(reps, [&] { check = floor_direct(run, in); });
  std::printf("%sfloor_direct %zu %.4f %.9e\n", pre, n, t_direct, check);
  const double t_sparse = median_seconds(reps, [&] { check = floor_sparse(run, in); });
  std::printf("%sfloor_sparse %zu %.4f %.9e\n", pre, n, t_sparse, check);
  const double t_draws = median_seconds(reps, [&] { check = draws_only(run, in.n); });
  std::printf("%sdraws_only %zu %.4f %.9e\n", pre, n, t_draws, check);
  const double best = std::min({t_gemm, t_direct, t_sparse});
  const std::string kind = best == t_direct ? "direct"
                           : best == t_sparse ? "sparse"
                                              : "gemm/" + std::to_string(best == t_16 ? 16 : per_block);
  std::printf("%sfloor %zu %.4f %s\n", pre, n, best, kind.c_str());
  return best;
}

}  // namespace socialcure_bench

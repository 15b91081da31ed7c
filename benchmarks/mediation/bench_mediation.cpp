// socialcure side of the mediation benchmarks: a serial model (PROCESS model 6) with two mediators
// and two covariates, 10,000 bootstrap replicates with percentile intervals, from the table already
// in memory; and the floor, a minimal kernel that only draws the same resamples (the library's
// Philox streams, one per replicate) and accumulates each resample's cross-products
// S = Z' diag(w) Z of the 7 model columns (1, x, c1, c2, m1, m2, y), with nothing else (no solves,
// no effects, no intervals). The floor is written three ways and the fastest counts:
//   gemm   - as the library: per block of replicates an n x block matrix of case counts, then one
//            matrix product of the n x 28 case products against it (run with the library's block
//            size and with blocks of 16, which keep the counts in L2 at n = 630);
//   direct - per draw, add the drawn case's 28 products into the replicate's accumulator;
//   sparse - per replicate, integer case counts, then add count x products over the drawn cases.
// Data from make_data.R. Usage: bench_mediation DATADIR REPS [REPLICATES]   (default 10,000)
// -> per n: "socialcure_t2 N seconds ind1 ind2 ind3 ind3_lower ind3_upper discarded",
//    "socialcure_t1 ...", "floor_gemm N seconds checksum block", "floor_gemm N ... 16", "floor_direct N
//    seconds checksum", "floor_sparse ...",
//    "draws_only N seconds checksum" (2 threads; draws only, no products) and "floor N seconds kind".
#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include <Eigen/Core>

#include "../timing.hpp"
#include "analyses/detail/random_stream.hpp"
#include "socialcure/analyses/mediation.hpp"
#include "socialcure/data/csv.hpp"

using socialcure_bench::median_seconds;

namespace {

std::size_t replicates = 10000;  // argv[3] overrides (smoke runs)
constexpr std::uint64_t seed = 20261126;
constexpr unsigned threads = 2;
constexpr int p = 7;                  // 1, x, c1, c2, m1, m2, y
constexpr int q = p * (p + 1) / 2;    // distinct entries of S

using socialcure::detail::random_stream;
using socialcure::detail::stream_purpose;

/// Runs body(thread, first, count) over blocks of `per_block` replicates on `threads` threads
/// (blocks handed out by an atomic counter, as the library does) and sums the returned values.
template <class Body>
double run_blocks(std::size_t per_block, Body body) {
  const std::size_t blocks = (replicates + per_block - 1) / per_block;
  std::atomic<std::size_t> next{0};
  std::array<double, threads> partial{};
  const auto worker = [&](unsigned t) {
    double s = 0.0;
    for (std::size_t b; (b = next.fetch_add(1)) < blocks;) {
      const std::size_t first = b * per_block;
      s += body(t, first, std::min(per_block, replicates - first));
    }
    partial[t] = s;
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker, t);
  for (auto& th : pool) th.join();
  double s = 0.0;
  for (double v : partial) s += v;
  return s;
}

struct floor_input {
  Eigen::Index n = 0;
  Eigen::MatrixXd products;                                           // n x q, column-major
  Eigen::Matrix<double, Eigen::Dynamic, q, Eigen::RowMajor> rows;     // the same, one case per row
};

floor_input make_floor_input(const socialcure::table& data) {
  floor_input in;
  const char* names[] = {"x", "c1", "c2", "m1", "m2", "y"};
  in.n = static_cast<Eigen::Index>(data.get("x").size());
  Eigen::MatrixXd z(in.n, p);
  z.col(0).setOnes();
  for (int j = 1; j < p; ++j) {
    const auto v = data.get(names[j - 1]).numbers();
    z.col(j) = Eigen::Map<const Eigen::VectorXd>(v.data(), in.n);
  }
  in.products.resize(in.n, q);
  int t = 0;
  for (int k = 0; k < p; ++k) {
    for (int l = k; l < p; ++l) in.products.col(t++) = z.col(k).cwiseProduct(z.col(l));
  }
  in.rows = in.products;
  return in;
}

/// The library's way: counts of a block of replicates, then P' W.
double floor_gemm(const floor_input& in, std::size_t per_block) {
  const auto n32 = static_cast<std::uint32_t>(in.n);
  std::array<Eigen::MatrixXd, threads> counts;
  std::array<Eigen::MatrixXd, threads> packed;
  for (unsigned t = 0; t < threads; ++t) {
    counts[t].resize(in.n, static_cast<Eigen::Index>(per_block));
    packed[t].resize(q, static_cast<Eigen::Index>(per_block));
  }
  return run_blocks(per_block, [&](unsigned t, std::size_t first, std::size_t count) {
    const auto c = static_cast<Eigen::Index>(count);
    auto w = counts[t].leftCols(c);
    w.setZero();
    for (Eigen::Index r = 0; r < c; ++r) {
      random_stream stream(seed, first + static_cast<std::size_t>(r), 0, stream_purpose::resample);
      double* column = w.col(r).data();
      for (Eigen::Index i = 0; i < in.n; ++i) column[stream.below(n32)] += 1.0;
    }
    auto s = packed[t].leftCols(c);
    s.noalias() = in.products.transpose() * w;
    return s.sum();
  });
}

/// Per draw, add the drawn case's products.
double floor_direct(const floor_input& in) {
  const auto n32 = static_cast<std::uint32_t>(in.n);
  const double* rows = in.rows.data();
  return run_blocks(64, [&](unsigned, std::size_t first, std::size_t count) {
    double s = 0.0;
    for (std::size_t r = first; r < first + count; ++r) {
      random_stream stream(seed, r, 0, stream_purpose::resample);
      alignas(64) double acc[q] = {};
      for (Eigen::Index i = 0; i < in.n; ++i) {
        const double* row = rows + static_cast<std::size_t>(q) * stream.below(n32);
        for (int k = 0; k < q; ++k) acc[k] += row[k];
      }
      for (double v : acc) s += v;
    }
    return s;
  });
}

/// Per replicate, integer counts, then count x products over the cases drawn.
double floor_sparse(const floor_input& in) {
  const auto n32 = static_cast<std::uint32_t>(in.n);
  const double* rows = in.rows.data();
  std::array<std::vector<std::uint32_t>, threads> counts;
  for (auto& c : counts) c.assign(static_cast<std::size_t>(in.n), 0);
  return run_blocks(64, [&](unsigned t, std::size_t first, std::size_t count) {
    std::uint32_t* w = counts[t].data();
    double s = 0.0;
    for (std::size_t r = first; r < first + count; ++r) {
      random_stream stream(seed, r, 0, stream_purpose::resample);
      for (Eigen::Index i = 0; i < in.n; ++i) ++w[stream.below(n32)];
      alignas(64) double acc[q] = {};
      for (Eigen::Index i = 0; i < in.n; ++i) {
        if (w[i] == 0) continue;
        const double m = w[i];
        w[i] = 0;
        const double* row = rows + static_cast<std::size_t>(q) * static_cast<std::size_t>(i);
        for (int k = 0; k < q; ++k) acc[k] += m * row[k];
      }
      for (double v : acc) s += v;
    }
    return s;
  });
}

/// Only the draws (each replicate's n indices from its stream), no products.
double draws_only(const floor_input& in) {
  const auto n32 = static_cast<std::uint32_t>(in.n);
  return run_blocks(64, [&](unsigned, std::size_t first, std::size_t count) {
    std::uint64_t s = 0;
    for (std::size_t r = first; r < first + count; ++r) {
      random_stream stream(seed, r, 0, stream_purpose::resample);
      for (Eigen::Index i = 0; i < in.n; ++i) s += stream.below(n32);
    }
    return static_cast<double>(s);
  });
}

void run(const std::string& path, int reps) {
  const auto data = socialcure::read_csv(path);
  const auto n = data.get("x").size();

  socialcure::mediation_spec spec;
  spec.x = "x";
  spec.mediators = {"m1", "m2"};
  spec.y = "y";
  spec.covariates = {"c1", "c2"};
  spec.model = socialcure::mediation_model::serial;
  socialcure::mediation_options options;
  options.replicates = replicates;
  options.seed = seed;
  options.ci = socialcure::ci_method::percentile;
  for (const unsigned t : {2u, 1u}) {
    options.threads = t;
    socialcure::mediation_result r;
    const double sec = median_seconds(reps, [&] { r = socialcure::fit_mediation(data, spec, options); });
    std::printf("socialcure_t%u %zu %.4f %.10f %.10f %.10f %.6f %.6f %zu\n", t, n, sec, r.indirect[0].estimate,
                r.indirect[1].estimate, r.indirect[2].estimate, r.indirect[2].ci_lower, r.indirect[2].ci_upper,
                r.replicates.discarded);
  }

  const floor_input in = make_floor_input(data);
  // The library's block size (count matrix near 2 MB).
  const std::size_t per_block = std::clamp<std::size_t>(262144 / n, 8, 256);
  double check = 0.0;
  const double t_lib = median_seconds(reps, [&] { check = floor_gemm(in, per_block); });
  std::printf("floor_gemm %zu %.4f %.9e %zu\n", n, t_lib, check, per_block);
  const double t_16 = median_seconds(reps, [&] { check = floor_gemm(in, 16); });
  std::printf("floor_gemm %zu %.4f %.9e 16\n", n, t_16, check);
  const double t_gemm = std::min(t_lib, t_16);
  const double t_direct = median_seconds(reps, [&] { check = floor_direct(in); });
  std::printf("floor_direct %zu %.4f %.9e\n", n, t_direct, check);
  const double t_sparse = median_seconds(reps, [&] { check = floor_sparse(in); });
  std::printf("floor_sparse %zu %.4f %.9e\n", n, t_sparse, check);
  const double t_draws = median_seconds(reps, [&] { check = draws_only(in); });
  std::printf("draws_only %zu %.4f %.9e\n", n, t_draws, check);
  const double best = std::min({t_gemm, t_direct, t_sparse});
  const std::string kind = best == t_direct ? "direct"
                           : best == t_sparse ? "sparse"
                                              : "gemm/" + std::to_string(best == t_16 ? 16 : per_block);
  std::printf("floor %zu %.4f %s\n", n, best, kind.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: bench_mediation DATADIR REPS [REPLICATES]\n");
    return 2;
  }
  const std::string dir = argv[1];
  const int reps = std::stoi(argv[2]);
  if (argc > 3) replicates = std::stoul(argv[3]);
  for (const char* file : {"mediation_630.csv", "mediation_10000.csv"}) run(dir + "/" + file, reps);
  return 0;
}

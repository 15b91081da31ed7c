#include "analyses/detail/path_system.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>

#include "analyses/detail/random_stream.hpp"
#include "analyses/detail/replicate_blocks.hpp"

namespace socialcure::detail {

namespace {

constexpr double singular_pivot = 1e-12;  // squared relative distance of a regressor from the others

/// The standardized data and everything a solve needs, shared by all replicates.
struct prepared {
  Eigen::Index n = 0;
  Eigen::Index p = 0;
  Eigen::VectorXd mean;  // raw column means (0 for the intercept)
  Eigen::VectorXd sd;    // raw column SDs (1 for the intercept and constant columns)
  Eigen::MatrixXd zs;    // standardized data
  std::vector<std::pair<Eigen::Index, Eigen::Index>> pairs;  // (k, l), k <= l
  Eigen::MatrixXd products;                                  // n x q
};

prepared prepare(const path_system& system) {
  prepared out;
  out.n = system.z.rows();
  out.p = system.z.cols();
  out.mean = Eigen::VectorXd::Zero(out.p);
  out.sd = Eigen::VectorXd::Ones(out.p);
  out.zs = system.z;
  const double n = static_cast<double>(out.n);
  for (Eigen::Index j = 1; j < out.p; ++j) {
    const double m = system.z.col(j).mean();
    const double ss = (system.z.col(j).array() - m).square().sum();
    const double s = n > 1 ? std::sqrt(ss / (n - 1.0)) : 0.0;
    out.mean(j) = m;
    out.sd(j) = s > 0 ? s : 1.0;
    out.zs.col(j) = (system.z.col(j).array() - m) / out.sd(j);
  }
  for (Eigen::Index k = 0; k < out.p; ++k) {
    for (Eigen::Index l = k; l < out.p; ++l) out.pairs.emplace_back(k, l);
  }
  out.products.resize(out.n, static_cast<Eigen::Index>(out.pairs.size()));
  for (std::size_t t = 0; t < out.pairs.size(); ++t) {
    out.products.col(static_cast<Eigen::Index>(t)) =
        out.zs.col(out.pairs[t].first).cwiseProduct(out.zs.col(out.pairs[t].second));
  }
  return out;
}

/// Per-thread scratch space, reused from replicate to replicate (no allocation in the hot loop).
struct workspace {
  Eigen::MatrixXd s;
  std::vector<Eigen::VectorXd> coefficients;
  Eigen::VectorXd sds;
  std::vector<Eigen::MatrixXd> a;  // per equation: normal-equation matrix
  std::vector<Eigen::VectorXd> b;  // and right-hand side
  std::vector<Eigen::LLT<Eigen::MatrixXd>> llt;
  Eigen::VectorXd effects;
};

void unpack(const prepared& d, const Eigen::Ref<const Eigen::VectorXd>& packed, Eigen::MatrixXd& s) {
  s.resize(d.p, d.p);
  for (std::size_t t = 0; t < d.pairs.size(); ++t) {
    const auto [k, l] = d.pairs[t];
    s(k, l) = s(l, k) = packed(static_cast<Eigen::Index>(t));
  }
}

/// Solves every equation from the standardized cross-products S (S(0,0) = total weight); false
/// when a design is singular or an outcome constant in this (re)sample.
bool solve_all(const path_system& system, const prepared& d, workspace& w) {
  const Eigen::MatrixXd& s = w.s;
  const double total = s(0, 0);
  if (!(total > 1.0)) return false;
  // Resample SDs (raw scale) of every column.
  w.sds.resize(d.p);
  w.sds(0) = 0.0;
  for (Eigen::Index j = 1; j < d.p; ++j) {
    const double var = (s(j, j) - s(0, j) * s(0, j) / total) / (total - 1.0);
    w.sds(j) = d.sd(j) * std::sqrt(std::max(var, 0.0));
  }
  const std::size_t equations = system.equations.size();
  w.coefficients.resize(equations);
  w.a.resize(equations);
  w.b.resize(equations);
  w.llt.resize(equations);
  for (std::size_t e = 0; e < equations; ++e) {
    const path_equation& eq = system.equations[e];
    const auto o = static_cast<Eigen::Index>(eq.outcome);
    const auto r = static_cast<Eigen::Index>(eq.regressors.size());
    if (!(w.sds(o) > 1e-6 * d.sd(o))) return false;  // constant outcome in this resample
    Eigen::MatrixXd& a = w.a[e];
    Eigen::VectorXd& b = w.b[e];
    a.resize(r, r);
    b.resize(r);
    for (Eigen::Index i = 0; i < r; ++i) {
      const auto ri = static_cast<Eigen::Index>(eq.regressors[static_cast<std::size_t>(i)]);
      b(i) = s(ri, o);
      for (Eigen::Index j = 0; j < r; ++j) a(i, j) = s(ri, static_cast<Eigen::Index>(eq.regressors[static_cast<std::size_t>(j)]));
    }
    Eigen::LLT<Eigen::MatrixXd>& llt = w.llt[e];
    llt.compute(a);
    if (llt.info() != Eigen::Success) return false;
    const auto& l = llt.matrixLLT();
    for (Eigen::Index i = 0; i < r; ++i) {
      if (!(l(i, i) * l(i, i) > singular_pivot * a(i, i))) return false;
    }
    llt.solveInPlace(b);
    const Eigen::VectorXd& beta_std = b;
    // Back to the raw scale: slope_j = s_o b*_j / s_j; intercept = m_o + s_o b*_0 - sum slope_j m_j,
    // plus slope_j x (resample mean of x_j) for the centred regressors.
    Eigen::VectorXd& beta = w.coefficients[e];
    beta.resize(r);
    const double so = d.sd(o);
    double intercept = d.mean(o);
    bool has_intercept = false;
    for (Eigen::Index i = 0; i < r; ++i) {
      const auto j = static_cast<Eigen::Index>(eq.regressors[static_cast<std::size_t>(i)]);
      if (j == 0) {
        intercept += so * beta_std(i);
        has_intercept = true;
        continue;
      }
      beta(i) = so * beta_std(i) / d.sd(j);
      intercept -= beta(i) * d.mean(j);
    }
    for (const std::size_t c : eq.centred) {
      const auto j = static_cast<Eigen::Index>(c);
      const auto pos = std::find(eq.regressors.begin(), eq.regressors.end(), c) - eq.regressors.begin();
      intercept += beta(pos) * (d.mean(j) + d.sd(j) * s(0, j) / total);
    }
    if (has_intercept) beta(0) = intercept;
  }
  return true;
}

}  // namespace

std::vector<std::vector<std::size_t>> mediator_paths(std::size_t k, bool serial) {
  std::vector<std::vector<std::size_t>> out;
  if (!serial) {
    for (std::size_t j = 0; j < k; ++j) out.push_back({j});
    return out;
  }
  for (std::size_t mask = 1; mask < (std::size_t{1} << k); ++mask) {
    std::vector<std::size_t> s;
    for (std::size_t j = 0; j < k; ++j) {
      if (mask & (std::size_t{1} << j)) s.push_back(j);
    }
    out.push_back(s);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.size() != b.size() ? a.size() < b.size() : a < b; });
  return out;
}

Eigen::MatrixXd covariance_root(const Eigen::MatrixXd& v) {
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(v);
  return eig.eigenvectors() * eig.eigenvalues().cwiseMax(0.0).cwiseSqrt().asDiagonal();
}

void evaluate_effects_into(const std::vector<effect_definition>& effects, const std::vector<Eigen::VectorXd>& coefficients,
                           const Eigen::VectorXd& sds, Eigen::VectorXd& out) {
  out.resize(static_cast<Eigen::Index>(effects.size()));
  for (std::size_t k = 0; k < effects.size(); ++k) {
    const effect_definition& e = effects[k];
    double value = 0.0;
    for (const effect_term& term : e.terms) {
      double product = term.weight;
      for (const coefficient_ref& f : term.factors) product *= coefficients[f.equation](static_cast<Eigen::Index>(f.position));
      value += product;
    }
    if (e.sd_numerator != 0) value *= sds(static_cast<Eigen::Index>(e.sd_numerator));
    if (e.sd_denominator != 0) value /= sds(static_cast<Eigen::Index>(e.sd_denominator));
    out(static_cast<Eigen::Index>(k)) = value;
  }
}

Eigen::VectorXd evaluate_effects(const std::vector<effect_definition>& effects,
                                 const std::vector<Eigen::VectorXd>& coefficients, const Eigen::VectorXd& sds) {
  Eigen::VectorXd out;
  evaluate_effects_into(effects, coefficients, sds, out);
  return out;
}

replicate_output bootstrap_replicates(const path_system& system, const std::vector<effect_definition>& effects,
                                      const replicate_settings& settings) {
  const prepared d = prepare(system);
  replicate_output out;
  const std::size_t b = settings.replicates;
  out.effects.resize(static_cast<Eigen::Index>(b), static_cast<Eigen::Index>(effects.size()));
  // Blocks of replicates sized so that the count matrix stays near 2 MB.
  const std::size_t per_block =
      std::clamp<std::size_t>(static_cast<std::size_t>(262144 / std::max<Eigen::Index>(d.n, 1)), 8, 256);
  const std::size_t blocks = (b + per_block - 1) / per_block;
  const unsigned threads = threads_for(settings.threads, blocks);
  // At large n (blocks of 8 replicates, each tens of milliseconds) progress is also asked between
  // the replicates of a block, about every 2^18 draws.
  const std::size_t poll_every = std::max<std::size_t>(1, static_cast<std::size_t>(262144 / std::max<Eigen::Index>(d.n, 1)));
  const auto work = [&](std::size_t block, std::string& error, const auto& keep_going) -> std::size_t {
    thread_local workspace w;
    const std::size_t first = block * per_block;
    const std::size_t count = std::min(per_block, b - first);
    Eigen::MatrixXd counts = Eigen::MatrixXd::Zero(d.n, static_cast<Eigen::Index>(count));
    for (std::size_t c = 0; c < count; ++c) {
      if (c > 0 && c % poll_every == 0 && !keep_going()) return 0;
      random_stream stream(settings.seed, first + c, 0, stream_purpose::resample);
      add_resample_counts(stream, system.units, d.n, counts.col(static_cast<Eigen::Index>(c)).data());
    }
    const Eigen::MatrixXd packed = d.products.transpose() * counts;
    std::size_t discarded = 0;
    Eigen::VectorXd single(d.n);
    for (std::size_t c = 0; c < count; ++c) {
      const std::size_t replicate = first + c;
      unpack(d, packed.col(static_cast<Eigen::Index>(c)), w.s);
      bool ok = solve_all(system, d, w);
      for (int attempt = 1; !ok && attempt < settings.max_attempts; ++attempt) {
        ++discarded;
        random_stream stream(settings.seed, replicate, static_cast<std::uint32_t>(attempt), stream_purpose::resample);
        single.setZero();
        add_resample_counts(stream, system.units, d.n, single.data());
        const Eigen::VectorXd packed_single = d.products.transpose() * single;
        unpack(d, packed_single, w.s);
        ok = solve_all(system, d, w);
      }
      if (!ok) {
        ++discarded;
        error = "replicate " + std::to_string(replicate + 1) + ": " + std::to_string(settings.max_attempts) +
                " resamples in a row had a singular design or a constant variable";
        return discarded;
      }
      evaluate_effects_into(effects, w.coefficients, w.sds, w.effects);
      out.effects.row(static_cast<Eigen::Index>(replicate)) = w.effects.transpose();
    }
    return discarded;
  };
  run_blocks(blocks, per_block, b, threads, settings.progress, out, work);
  if (!out.error.empty()) out.effects.resize(0, 0);
  return out;
}

Eigen::MatrixXd jackknife_replicates(const path_system& system, const std::vector<effect_definition>& effects) {
  const prepared d = prepare(system);
  const Eigen::MatrixXd full = d.zs.transpose() * d.zs;
  const auto units = static_cast<Eigen::Index>(system.units.count(static_cast<std::size_t>(d.n)));
  Eigen::MatrixXd out(units, static_cast<Eigen::Index>(effects.size()));
  workspace w;
  for (Eigen::Index i = 0; i < units; ++i) {
    w.s = full;
    if (system.units.by_cluster()) {
      for (const Eigen::Index c : system.units.clusters[static_cast<std::size_t>(i)]) w.s -= d.zs.row(c).transpose() * d.zs.row(c);
    } else {
      w.s -= d.zs.row(i).transpose() * d.zs.row(i);
    }
    if (solve_all(system, d, w)) {
      out.row(i) = evaluate_effects(effects, w.coefficients, w.sds).transpose();
    } else {
      out.row(i).setConstant(std::numeric_limits<double>::quiet_NaN());
    }
  }
  return out;
}

replicate_output monte_carlo_replicates(const std::vector<Eigen::VectorXd>& estimates,
                                        const std::vector<Eigen::MatrixXd>& covariances, const Eigen::VectorXd& sds,
                                        const std::vector<effect_definition>& effects,
                                        const replicate_settings& settings) {
  replicate_output out;
  const std::size_t b = settings.replicates;
  out.effects.resize(static_cast<Eigen::Index>(b), static_cast<Eigen::Index>(effects.size()));
  std::vector<Eigen::MatrixXd> roots;
  for (const auto& c : covariances) roots.push_back(covariance_root(c));
  const std::size_t per_block = 256;
  const std::size_t blocks = (b + per_block - 1) / per_block;
  const unsigned threads = threads_for(settings.threads, blocks);
  const auto work = [&](std::size_t block, std::string&, const auto& /*keep_going*/) -> std::size_t {
    std::vector<Eigen::VectorXd> drawn = estimates;
    const std::size_t first = block * per_block;
    const std::size_t count = std::min(per_block, b - first);
    for (std::size_t c = 0; c < count; ++c) {
      random_stream stream(settings.seed, first + c, 0, stream_purpose::monte_carlo);
      for (std::size_t e = 0; e < estimates.size(); ++e) {
        Eigen::VectorXd z(estimates[e].size());
        for (Eigen::Index k = 0; k < z.size(); ++k) z(k) = stream.normal();
        drawn[e] = estimates[e] + roots[e] * z;
      }
      out.effects.row(static_cast<Eigen::Index>(first + c)) = evaluate_effects(effects, drawn, sds).transpose();
    }
    return 0;
  };
  run_blocks(blocks, per_block, b, threads, settings.progress, out, work);
  return out;
}

}  // namespace socialcure::detail

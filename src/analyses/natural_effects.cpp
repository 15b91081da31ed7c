#include "socialcure/analyses/natural_effects.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <set>
#include <span>

#include <Eigen/Eigenvalues>
#include <Eigen/LU>

#include "analyses/detail/effect_interval.hpp"
#include "analyses/detail/glm_mediation_engine.hpp"
#include "analyses/detail/path_system.hpp"
#include "analyses/detail/random_stream.hpp"
#include "analyses/detail/replicate_blocks.hpp"
#include "analyses/detail/resample.hpp"
#include "models/detail/weighted_glm.hpp"
#include "socialcure/analyses/bootstrap_intervals.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/core/number.hpp"
#include "socialcure/data/describe.hpp"
#include "socialcure/models/design.hpp"

namespace socialcure {

mediation_spec detail::as_mediation_spec(const glm_mediation_spec& s) {
  mediation_spec m;
  m.x = s.x;
  m.mediators = s.mediators;
  m.y = s.y;
  m.covariates = s.covariates;
  m.model = s.model;
  m.moderated_model = s.moderated_model;
  m.w = s.w;
  m.probe = s.probe;
  m.center = s.center;
  return m;
}

namespace {

/// A moderated model: the conditions of mediation_spec (model number, W, parallel mediators,
/// probe values), and no X*M interaction.
void validate_moderated(const glm_mediation_spec& s) {
  const mediation_spec m = detail::as_mediation_spec(s);
  try {
    m.validate();
  } catch (const argument_error& e) {
    std::string what = e.what();
    if (what.rfind("mediation_spec: ", 0) == 0) what = what.substr(16);
    throw argument_error("glm mediation: " + what);
  }
  if (s.interaction) {
    throw argument_error("glm mediation: the X*M interaction is not available with a conditional process model (model " +
                         std::to_string(s.moderated_model) + "); W moderates the paths the model names");
  }
}

}  // namespace

void glm_mediation_spec::validate() const {
  if (moderated_model == 0 && !w.empty()) {
    throw argument_error("glm mediation: a moderator w ('" + w + "') needs a moderated_model (7, 8, 14, 15, 58 or 59)");
  }
  if (moderated_model != 0) validate_moderated(*this);
  if (x.empty() || y.empty()) throw argument_error("glm mediation: x and y must be named");
  if (mediators.empty()) throw argument_error("glm mediation: at least one mediator is needed");
  if (mediators.size() > 10) throw argument_error("glm mediation: at most 10 mediators, got " + std::to_string(mediators.size()));
  if (model == mediation_model::serial && (mediators.size() < 2 || mediators.size() > 4)) {
    throw argument_error("glm mediation: a serial model takes 2-4 mediators, got " + std::to_string(mediators.size()));
  }
  std::set<std::string> seen;
  std::vector<std::string> names = {x, y};
  names.insert(names.end(), mediators.begin(), mediators.end());
  names.insert(names.end(), covariates.begin(), covariates.end());
  if (!offset.empty()) names.push_back(offset);
  if (!exposure.empty()) names.push_back(exposure);
  if (!w.empty()) names.push_back(w);
  for (const auto& name : names) {
    if (name.empty()) throw argument_error("glm mediation: a variable name is empty");
    if (!seen.insert(name).second) throw argument_error("glm mediation: '" + name + "' is used twice in the model");
  }
  if ((!offset.empty() || !exposure.empty()) && family == glm_family::binomial) {
    throw argument_error("glm mediation: an offset or exposure is for count outcomes (poisson, negbin), not binomial");
  }
  if (!offset.empty() && !exposure.empty()) {
    throw argument_error("glm mediation: give an offset or an exposure (whose log is the offset), not both");
  }
  if (link == glm_link::probit && family != glm_family::binomial) {
    throw argument_error("glm mediation: the probit link is for a binomial outcome, not " + std::string(to_string(family)));
  }
  if (x_values && !(x_values->first != x_values->second)) {
    throw argument_error("glm mediation: x0 and x1 must differ, got " + format_number(x_values->first) + " twice");
  }
}

// The engine's pieces under their short names here.
using sample_data = detail::glm_sample;
using parts = detail::glm_parts;
using designs = detail::glm_designs;
using full_fit = detail::glm_full_fit;
using effect_inputs = detail::glm_effect_inputs;

detail::glm_sample detail::read_glm_sample(const table& data, const glm_mediation_spec& spec) {
  model_spec ms;
  ms.response = spec.y;
  ms.predictors.push_back(spec.x);
  ms.predictors.insert(ms.predictors.end(), spec.covariates.begin(), spec.covariates.end());
  ms.predictors.insert(ms.predictors.end(), spec.mediators.begin(), spec.mediators.end());
  if (!spec.w.empty()) ms.predictors.push_back(spec.w);
  ms.offset = spec.exposure.empty() ? spec.offset : spec.exposure;
  ms.cluster = spec.cluster;
  sample_data d;
  d.frame = build_model_frame(data, ms);
  const Eigen::Index n = d.frame.x.rows();
  const auto c = static_cast<Eigen::Index>(spec.covariates.size());
  const auto k = static_cast<Eigen::Index>(spec.mediators.size());
  d.base = d.frame.x.leftCols(2 + c);
  d.m = d.frame.x.middleCols(2 + c, k);
  d.y = d.frame.y;
  d.units = detail::units_of(d.frame.clusters);
  d.offset = d.frame.offset.size() == n ? d.frame.offset : Eigen::VectorXd::Zero(n);
  for (Eigen::Index i = 0; !spec.exposure.empty() && i < n; ++i) {
    if (!(d.offset(i) > 0.0)) {
      throw data_error(d.frame.where(i, spec.exposure), "an exposure must be positive (its log is the offset)",
                       format_number(d.offset(i)), "> 0");
    }
    d.offset(i) = std::log(d.offset(i));
  }
  return d;
}

namespace {

Eigen::MatrixXd mediator_design(const sample_data& d, std::size_t j, bool serial) {
  const auto c = d.base.cols() - 2;
  const Eigen::Index earlier = serial ? static_cast<Eigen::Index>(j) : 0;
  Eigen::MatrixXd x(d.base.rows(), 2 + earlier + c);
  x.leftCols(2) = d.base.leftCols(2);
  if (earlier > 0) x.middleCols(2, earlier) = d.m.leftCols(earlier);
  x.rightCols(c) = d.base.rightCols(c);
  return x;
}

Eigen::MatrixXd outcome_design(const sample_data& d, bool interaction) {
  const auto c = d.base.cols() - 2;
  const auto k = d.m.cols();
  const Eigen::Index products = interaction ? k : 0;
  Eigen::MatrixXd x(d.base.rows(), 2 + k + products + c);
  x.leftCols(2) = d.base.leftCols(2);
  x.middleCols(2, k) = d.m;
  for (Eigen::Index j = 0; j < products; ++j) x.col(2 + k + j) = x.col(1).cwiseProduct(x.col(2 + j));
  x.rightCols(c) = d.base.rightCols(c);
  return x;
}

std::vector<std::string> mediator_terms(const glm_mediation_spec& spec, std::size_t j) {
  std::vector<std::string> t = {"(Intercept)", spec.x};
  if (spec.model == mediation_model::serial) t.insert(t.end(), spec.mediators.begin(), spec.mediators.begin() + static_cast<long>(j));
  t.insert(t.end(), spec.covariates.begin(), spec.covariates.end());
  return t;
}

std::vector<std::string> outcome_terms(const glm_mediation_spec& spec) {
  std::vector<std::string> t = {"(Intercept)", spec.x};
  t.insert(t.end(), spec.mediators.begin(), spec.mediators.end());
  if (spec.interaction) {
    for (const auto& m : spec.mediators) t.push_back(spec.x + ":" + m);
  }
  t.insert(t.end(), spec.covariates.begin(), spec.covariates.end());
  return t;
}

designs designs_of(const sample_data& d, const glm_mediation_spec& spec) {
  designs out;
  for (std::size_t j = 0; j < spec.mediators.size(); ++j) {
    out.mediator.push_back(mediator_design(d, j, spec.model == mediation_model::serial));
    out.mediator_terms.push_back(mediator_terms(spec, j));
  }
  out.outcome = outcome_design(d, spec.interaction);
  out.outcome_terms = outcome_terms(spec);
  return out;
}

glm_result fit_outcome(const sample_data& d, const designs& x, const glm_mediation_spec& spec, const glm_options& o) {
  model_frame f = d.frame;
  f.x = x.outcome;
  f.terms.clear();
  for (const auto& name : x.outcome_terms) f.terms.push_back({name, name, {}});
  f.offset = spec.offset.empty() && spec.exposure.empty() ? Eigen::VectorXd() : d.offset;
  return fit_glm(f, o);
}

}  // namespace

detail::glm_full_fit detail::fit_glm_equations(const glm_sample& d, const glm_designs& x, const glm_mediation_spec& spec,
                                               const glm_options& o) {
  full_fit out;
  const std::size_t k = spec.mediators.size();
  out.p.sigma2.resize(static_cast<Eigen::Index>(k));
  for (std::size_t j = 0; j < k; ++j) {
    ols_result fit = fit_ols(x.mediator[j], d.m.col(static_cast<Eigen::Index>(j)), x.mediator_terms[j], true);
    fit.response = spec.mediators[j];
    Eigen::VectorXd b(x.mediator[j].cols());
    for (Eigen::Index t = 0; t < b.size(); ++t) b(t) = fit.coefficients[static_cast<std::size_t>(t)].estimate;
    out.p.sigma2(static_cast<Eigen::Index>(j)) = fit.rss / fit.df_residual;
    out.p.mediator.push_back(std::move(b));
    out.mediators.push_back(std::move(fit));
  }
  out.outcome = fit_outcome(d, x, spec, o);
  out.p.theta = spec.family == glm_family::negative_binomial ? out.outcome.theta : 0.0;
  out.p.outcome.resize(static_cast<Eigen::Index>(out.outcome.coefficients.size()));
  for (std::size_t t = 0; t < out.outcome.coefficients.size(); ++t) {
    out.p.outcome(static_cast<Eigen::Index>(t)) = out.outcome.coefficients[t].estimate;
  }
  return out;
}

namespace {

/// The mediators' joint normal distribution given x and C: mean base_i + slope x, covariance
/// sigma (the reduced form of the mediator equations).
struct reduced_form {
  Eigen::MatrixXd base;   // n x k
  Eigen::VectorXd slope;  // k
  Eigen::MatrixXd sigma;  // k x k
  Eigen::VectorXd mean_base;  // at the covariate means
};

/// The reduced form at the coefficients `p`; `covariate_means`: the covariates' means in the
/// (re)sample.
reduced_form reduce(const parts& p, const sample_data& d, const Eigen::VectorXd& covariate_means, bool serial) {
  const auto k = static_cast<Eigen::Index>(p.mediator.size());
  const Eigen::Index c = d.base.cols() - 2;
  Eigen::MatrixXd coupling = Eigen::MatrixXd::Identity(k, k);  // I - D
  Eigen::VectorXd alpha(k), a(k);
  Eigen::MatrixXd gamma(k, c);
  for (Eigen::Index j = 0; j < k; ++j) {
    const Eigen::VectorXd& b = p.mediator[static_cast<std::size_t>(j)];
    const Eigen::Index earlier = serial ? j : 0;
    alpha(j) = b(0);
    a(j) = b(1);
    for (Eigen::Index l = 0; l < earlier; ++l) coupling(j, l) = -b(2 + l);
    gamma.row(j) = b.tail(c).transpose();
  }
  const Eigen::MatrixXd l = coupling.inverse();
  const auto cov = d.base.rightCols(c);
  reduced_form r;
  r.base = ((cov * gamma.transpose()).rowwise() + alpha.transpose()) * l.transpose();
  r.slope = l * a;
  r.sigma = l * p.sigma2.asDiagonal() * l.transpose();
  r.mean_base = l * (alpha + gamma * covariate_means);
  return r;
}

/// Nodes and weights of 40-point Gauss-Hermite quadrature (weight exp(-u^2)), by Golub-Welsch.
const std::pair<Eigen::VectorXd, Eigen::VectorXd>& hermite_rule() {
  static const auto rule = [] {
    constexpr int points = 40;
    Eigen::MatrixXd jacobi = Eigen::MatrixXd::Zero(points, points);
    for (int i = 1; i < points; ++i) jacobi(i, i - 1) = jacobi(i - 1, i) = std::sqrt(i / 2.0);
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(jacobi);
    const Eigen::VectorXd weights = eig.eigenvectors().row(0).transpose().array().square();  // times sqrt(pi), / sqrt(pi)
    return std::make_pair(Eigen::VectorXd(eig.eigenvalues()), weights);
  }();
  return rule;
}

/// E[g^-1(eta + Z)] for Z ~ N(0, v), per case: exp(eta + v/2) (log), Phi(eta / sqrt(1 + v))
/// (probit), Gauss-Hermite (logit).
Eigen::VectorXd expected_response(const Eigen::VectorXd& eta, double v, const glm_mediation_spec& spec) {
  if (spec.family != glm_family::binomial) return (eta.array() + v / 2.0).exp();
  if (spec.link == glm_link::probit) {
    const double scale = 1.0 / std::sqrt(1.0 + v);
    return eta.unaryExpr([scale](double e) { return 0.5 * std::erfc(-e * scale * 0.70710678118654752440); });
  }
  const auto& [nodes, weights] = hermite_rule();
  Eigen::VectorXd out = Eigen::VectorXd::Zero(eta.size());
  const double scale = std::sqrt(2.0 * v);
  for (Eigen::Index q = 0; q < nodes.size(); ++q) {
    out.array() += weights(q) / (1.0 + (-(eta.array() + scale * nodes(q))).exp());
  }
  return out;
}

/// The model's coefficients in named pieces.
struct outcome_parts {
  double intercept = 0.0;
  double x = 0.0;
  Eigen::VectorXd m, xm, c;
};

outcome_parts split_outcome(const Eigen::VectorXd& theta, Eigen::Index k, bool interaction) {
  outcome_parts o;
  o.intercept = theta(0);
  o.x = theta(1);
  o.m = theta.segment(2, k);
  o.xm = interaction ? Eigen::VectorXd(theta.segment(2 + k, k)) : Eigen::VectorXd::Zero(k);
  o.c = theta.tail(theta.size() - 2 - k - (interaction ? k : 0));
  return o;
}

/// The products of coefficients along each path (a_first, d between consecutive mediators,
/// theta_last), then their total.
Eigen::VectorXd path_products(const parts& p, const Eigen::VectorXd& theta_m, const std::vector<std::vector<std::size_t>>& paths) {
  Eigen::VectorXd out(static_cast<Eigen::Index>(paths.size()) + 1);
  double total = 0.0;
  for (std::size_t t = 0; t < paths.size(); ++t) {
    const auto& path = paths[t];
    double v = p.mediator[path.front()](1);
    for (std::size_t s = 1; s < path.size(); ++s) v *= p.mediator[path[s]](2 + static_cast<Eigen::Index>(path[s - 1]));
    out(static_cast<Eigen::Index>(t)) = v * theta_m(static_cast<Eigen::Index>(path.back()));
    total += out(static_cast<Eigen::Index>(t));
  }
  out(out.size() - 1) = total;
  return out;
}

}  // namespace

Eigen::VectorXd detail::natural_effects_of(const glm_parts& p, const Eigen::VectorXd& w, const glm_effect_inputs& in,
                                           const std::vector<std::vector<std::size_t>>& paths) {
  const auto k = static_cast<Eigen::Index>(p.mediator.size());
  const bool serial = in.spec.model == mediation_model::serial;
  const Eigen::Index c = in.d.base.cols() - 2;
  const auto cov = in.d.base.rightCols(c);
  const double total_weight = w.sum();
  // The covariates' means in the (re)sample, each case counted w_i times.
  const Eigen::VectorXd covariate_means = cov.transpose() * w / total_weight;
  const reduced_form r = reduce(p, in.d, covariate_means, serial);
  const outcome_parts o = split_outcome(p.outcome, k, in.spec.interaction);
  const Eigen::VectorXd fixed = (cov * o.c).array() + o.intercept + in.d.offset.array();
  const double fixed_mean = o.intercept + covariate_means.dot(o.c);
  // E_i(x, x'): outcome at x with the mediators at their distribution under x'; and the
  // log-linear value at the covariate means (offset 0) for the ratios.
  const auto response = [&](double x, double xm) {
    const Eigen::VectorXd b = o.m + o.xm * x;
    const Eigen::VectorXd eta = fixed.array() + o.x * x + (r.base * b).array() + r.slope.dot(b) * xm;
    return w.dot(expected_response(eta, b.dot(r.sigma * b), in.spec)) / total_weight;
  };
  const auto log_ratio_point = [&](double x, double xm) {
    const Eigen::VectorXd b = o.m + o.xm * x;
    return fixed_mean + o.x * x + b.dot(r.mean_base + r.slope * xm) + b.dot(r.sigma * b) / 2.0;
  };
  const double x0 = in.x0, x1 = in.x1;
  const Eigen::VectorXd products = in.spec.interaction ? Eigen::VectorXd() : path_products(p, o.m, paths);
  const double nde = std::exp(log_ratio_point(x1, x0) - log_ratio_point(x0, x0));
  const double nie = std::exp(log_ratio_point(x1, x1) - log_ratio_point(x1, x0));
  const double e00 = response(x0, x0), e01 = response(x0, x1), e10 = response(x1, x0), e11 = response(x1, x1);
  const double acme0 = e01 - e00, acme1 = e11 - e10, ade0 = e10 - e00, ade1 = e11 - e01, total = e11 - e00;
  Eigen::VectorXd out(products.size() + 12);
  out.head(products.size()) = products;
  out.tail(12) << nde, nie, nde * nie, nde * (nie - 1.0) / (nde * nie - 1.0), acme0, acme1, (acme0 + acme1) / 2.0, ade0,
      ade1, (ade0 + ade1) / 2.0, total, (acme0 + acme1) / 2.0 / total;
  return out;
}

namespace {

/// Refits every equation with case weights `w`, starting from the estimates in `p`; false when one
/// cannot be fitted (a singular design, a constant mediator, an outcome model that fails).
bool refit(const sample_data& d, const designs& x, const detail::glm_refitter& outcome, const Eigen::VectorXd& w, parts& p) {
  const double n = w.sum();
  for (std::size_t j = 0; j < p.mediator.size(); ++j) {
    const auto jj = static_cast<Eigen::Index>(j);
    double rss = 0.0;
    if (!detail::weighted_least_squares(x.mediator[j], d.m.col(jj), w, p.mediator[j], rss)) return false;
    const double df = n - static_cast<double>(x.mediator[j].cols());
    if (!(rss > 0.0) || !(df > 0.0)) return false;
    p.sigma2(jj) = rss / df;
  }
  return outcome.fit(w, p.outcome, p.theta);
}

/// The bootstrap: replicate r resamples the cases from its own stream (attempt 0, 1, ... when a
/// resample cannot be fitted), as counts per case, and refits every equation warm-started from the
/// full-sample estimates.
detail::replicate_output bootstrap(const sample_data& d, const designs& x, const parts& start, const glm_mediation_spec& spec,
                                   const detail::glm_effect_function& effects_of, const mediation_options& options,
                                   std::uint64_t seed, Eigen::Index effects) {
  const detail::glm_refitter outcome(x.outcome, d.y, d.offset, spec.family, spec.link);
  const std::size_t b = options.replicates;
  constexpr std::uint32_t max_attempts = 100;
  detail::replicate_output out;
  out.effects.resize(static_cast<Eigen::Index>(b), effects);
  const std::size_t per_block = 16;
  const std::size_t blocks = (b + per_block - 1) / per_block;
  const auto work = [&](std::size_t block, std::string& error, const auto& keep_going) -> std::size_t {
    std::size_t discarded = 0;
    Eigen::VectorXd w(d.y.size());
    const std::size_t first = block * per_block;
    for (std::size_t r = first; r < std::min(b, first + per_block); ++r) {
      if (r > first && !keep_going()) return discarded;
      bool ok = false;
      for (std::uint32_t attempt = 0; !ok && attempt < max_attempts; ++attempt) {
        detail::random_stream stream(seed, r, attempt, detail::stream_purpose::resample);
        w.setZero();
        detail::add_resample_counts(stream, d.units, w.size(), w.data());
        parts p = start;
        ok = refit(d, x, outcome, w, p);
        if (ok) {
          out.effects.row(static_cast<Eigen::Index>(r)) = effects_of(p, w).transpose();
        } else {
          ++discarded;
        }
      }
      if (!ok) {
        error = "replicate " + std::to_string(r + 1) + ": " + std::to_string(max_attempts) +
                " resamples in a row could not be fitted";
        return discarded;
      }
    }
    return discarded;
  };
  detail::run_blocks(blocks, per_block, b, detail::threads_for(options.threads, blocks), options.progress, out, work);
  return out;
}

/// Monte Carlo (the quasi-Bayesian draws of the R mediation package): draw r takes every
/// equation's coefficients from N(estimate, covariance), independently across equations (the
/// mediators in order, then the outcome), from its own stream keyed by (seed, r), with sigma_j^2
/// and theta fixed at their estimates, and evaluates every effect exactly.
detail::replicate_output monte_carlo(const sample_data& d, const full_fit& fit, const detail::glm_effect_function& effects_of,
                                     const mediation_options& options, std::uint64_t seed, Eigen::Index effects) {
  std::vector<Eigen::MatrixXd> roots;
  for (const auto& m : fit.mediators) roots.push_back(detail::covariance_root(m.covariance));
  roots.push_back(detail::covariance_root(fit.outcome.covariance));
  const std::size_t b = options.replicates;
  detail::replicate_output out;
  out.effects.resize(static_cast<Eigen::Index>(b), effects);
  const std::size_t per_block = 64;
  const std::size_t blocks = (b + per_block - 1) / per_block;
  const Eigen::VectorXd ones = Eigen::VectorXd::Ones(d.y.size());
  const auto draw = [](detail::random_stream& stream, const Eigen::VectorXd& estimate, const Eigen::MatrixXd& root) {
    Eigen::VectorXd z(estimate.size());
    for (Eigen::Index k = 0; k < z.size(); ++k) z(k) = stream.normal();
    return Eigen::VectorXd(estimate + root * z);
  };
  const auto work = [&](std::size_t block, std::string&, const auto& keep_going) -> std::size_t {
    const std::size_t first = block * per_block;
    for (std::size_t r = first; r < std::min(b, first + per_block); ++r) {
      if (r > first && !keep_going()) return 0;
      detail::random_stream stream(seed, r, 0, detail::stream_purpose::monte_carlo);
      parts p = fit.p;
      for (std::size_t j = 0; j < p.mediator.size(); ++j) p.mediator[j] = draw(stream, fit.p.mediator[j], roots[j]);
      p.outcome = draw(stream, fit.p.outcome, roots.back());
      out.effects.row(static_cast<Eigen::Index>(r)) = effects_of(p, ones).transpose();
    }
    return 0;
  };
  detail::run_blocks(blocks, per_block, b, detail::threads_for(options.threads, blocks), options.progress, out, work);
  return out;
}

/// The jackknife: every effect with one unit (a case, or a whole cluster) left out, each refit
/// warm-started from the full-sample estimates (weights 1, the unit's cases 0); a row of NaN when a
/// refit fails. Rows are independent, so the blocks may run on any number of threads.
detail::replicate_output jackknife(const sample_data& d, const designs& x, const parts& start, const glm_mediation_spec& spec,
                                   const detail::glm_effect_function& effects_of, const mediation_options& options,
                                   Eigen::Index effects) {
  const detail::glm_refitter outcome(x.outcome, d.y, d.offset, spec.family, spec.link);
  const auto n = d.y.size();
  const std::size_t units = d.units.count(static_cast<std::size_t>(n));
  detail::replicate_output out;
  out.effects.resize(static_cast<Eigen::Index>(units), effects);
  const std::size_t per_block = 16;
  const std::size_t blocks = (units + per_block - 1) / per_block;
  const auto work = [&](std::size_t block, std::string&, const auto&) -> std::size_t {
    Eigen::VectorXd w(n);
    for (std::size_t u = block * per_block; u < std::min(units, (block + 1) * per_block); ++u) {
      w.setOnes();
      if (d.units.by_cluster()) {
        for (const Eigen::Index i : d.units.clusters[u]) w(i) = 0.0;
      } else {
        w(static_cast<Eigen::Index>(u)) = 0.0;
      }
      parts p = start;
      const auto row = static_cast<Eigen::Index>(u);
      if (refit(d, x, outcome, w, p)) {
        out.effects.row(row) = effects_of(p, w).transpose();
      } else {
        out.effects.row(row).setConstant(std::numeric_limits<double>::quiet_NaN());
      }
    }
    return 0;
  };
  detail::run_blocks(blocks, per_block, units, detail::threads_for(options.threads, blocks), {}, out, work);
  return out;
}

/// x0 -> x1: given; 0 -> 1 for a 0/1 X; else mean -> mean + SD.
void choose_x_values(const sample_data& d, const glm_mediation_spec& spec, glm_mediation_result& out) {
  const Eigen::VectorXd x = d.base.col(1);
  if (spec.x_values) {
    std::tie(out.x0, out.x1) = *spec.x_values;
    out.x_values_rule = "given";
    return;
  }
  const bool binary = (x.array() == 0.0 || x.array() == 1.0).all() && (x.array() == 0.0).any() && (x.array() == 1.0).any();
  if (binary) {
    out.x0 = 0.0;
    out.x1 = 1.0;
    out.x_values_rule = "0 -> 1";
    return;
  }
  const mean_sd m = mean_and_sd(std::span<const double>(x.data(), static_cast<std::size_t>(x.size())));
  if (!(m.sd > 0.0)) throw data_error(d.frame.where(0, spec.x), "glm mediation: " + spec.x + " does not vary");
  out.x0 = m.mean;
  out.x1 = m.mean + m.sd;
  out.x_values_rule = "mean -> mean + SD";
}

std::vector<std::string> effect_labels(std::size_t paths, bool interaction) {
  std::vector<std::string> out;
  if (!interaction) {
    for (std::size_t t = 0; t < paths; ++t) out.push_back("ind" + std::to_string(t + 1));
    out.push_back("total");
  }
  for (const char* l : {"nde", "nie", "total", "prop_mediated", "acme_control", "acme_treated", "acme_average", "ade_control",
                        "ade_treated", "ade_average", "total", "prop_mediated_average"}) {
    out.emplace_back(l);
  }
  return out;
}

}  // namespace

glm_mediation_result detail::describe_glm_mediation(const glm_sample& d, const glm_mediation_spec& spec,
                                                    const mediation_options& options) {
  glm_mediation_result out;
  out.x = spec.x;
  out.mediators = spec.mediators;
  out.y = spec.y;
  out.covariates = spec.covariates;
  out.model = spec.model;
  out.family = spec.family;
  out.link = spec.link;
  out.offset = spec.exposure.empty() ? spec.offset : "log(" + spec.exposure + ")";
  out.interaction = spec.interaction;
  out.n = static_cast<std::size_t>(d.y.size());
  out.n_excluded = d.frame.n_excluded;
  out.missing_by_column = d.frame.missing_by_column;
  out.level = options.level;
  choose_x_values(d, spec, out);
  return out;
}

detail::glm_effect_run detail::run_glm_replicates(const glm_sample& d, const glm_designs& x, const glm_full_fit& fit,
                                                  const glm_mediation_spec& spec, const mediation_options& options,
                                                  const glm_effect_function& effects, Eigen::Index count) {
  const std::uint64_t seed = options.seed.value_or(std::random_device{}());
  glm_effect_run run;
  run.replicates = options.ci == ci_method::monte_carlo ? monte_carlo(d, fit, effects, options, seed, count)
                                                        : bootstrap(d, x, fit.p, spec, effects, options, seed, count);
  const replicate_output& boot = run.replicates;
  run.usable = boot.error.empty() && !boot.cancelled;
  run.summary = {options.ci,   options.replicates, run.usable ? options.replicates : 0, boot.discarded, seed,
                 options.seed.has_value(), options.level, boot.threads_used, boot.cancelled, boot.error,
                 spec.cluster, d.units.clusters.size()};
  run.acceleration = Eigen::VectorXd::Constant(count, missing_value);
  if (run.usable && options.ci == ci_method::bca) {
    const Eigen::VectorXd a = jackknife_accelerations(jackknife(d, x, fit.p, spec, effects, options, count).effects);
    if (a.size() == 0) {
      run.problem = "a leave-one-out refit failed: no BCa acceleration";
    } else {
      run.acceleration = a;
    }
  }
  return run;
}

mediation_effect detail::summarize_glm_effect(const glm_effect_run& run, Eigen::Index e, double estimate, std::string label,
                                              const mediation_options& options) {
  mediation_effect effect;
  effect.label = std::move(label);
  effect.estimate = estimate;
  if (run.usable) {
    const auto column = run.replicates.effects.col(e);
    set_interval(effect, std::vector<double>(column.data(), column.data() + column.size()), options.ci, options.level,
                 run.acceleration(e), run.problem);
  } else {
    effect.ci_problem = run.replicates.cancelled ? "cancelled" : run.replicates.error;
  }
  return effect;
}

namespace {

/// Summarizes every effect and files it under products, ratio effects (none for a probit outcome)
/// or causal effects.
void file_effects(glm_mediation_result& out, const Eigen::VectorXd& estimate, const detail::glm_effect_run& run,
                  const std::vector<std::vector<std::size_t>>& paths, const glm_mediation_spec& spec,
                  const mediation_options& options) {
  const auto labels = effect_labels(paths.size(), spec.interaction);
  const std::size_t products = spec.interaction ? 0 : paths.size() + 1;
  for (Eigen::Index e = 0; e < estimate.size(); ++e) {
    const auto k = static_cast<std::size_t>(e);
    mediation_effect effect = detail::summarize_glm_effect(run, e, estimate(e), labels[k], options);
    if (k < paths.size() && !spec.interaction) {
      effect.path = {spec.x};
      for (const std::size_t j : paths[k]) effect.path.push_back(spec.mediators[j]);
      effect.path.push_back(spec.y);
    } else if (k == paths.size() && !spec.interaction) {
      effect.path = {"total"};
    }
    if (k < products) {
      out.products.push_back(std::move(effect));
    } else if (k < products + 4) {
      if (spec.link != glm_link::probit) out.ratio_effects.push_back(std::move(effect));
    } else {
      out.causal_effects.push_back(std::move(effect));
    }
  }
}

}  // namespace

void detail::add_glm_notes(glm_mediation_result& out, const glm_sample& d, const glm_mediation_spec& spec,
                           const mediation_options& options) {
  if (const std::string note = detail::few_clusters_note(d.units, spec.cluster); !note.empty()) out.notes.push_back(note);
  if (spec.interaction) out.notes.push_back("products of coefficients are not reported with the X*M interaction");
  if (spec.link == glm_link::probit) {
    out.notes.push_back("probit link: no ratio effects (a difference of probits is no rate or odds ratio); the "
                        "products of coefficients are on the probit scale; the causal effects are probabilities");
  }
  if (options.ci == ci_method::monte_carlo) {
    out.notes.push_back("Monte Carlo: each equation's coefficients drawn from N(estimate, covariance), independently "
                        "across equations, the mediators' residual variances" +
                        std::string(spec.family == glm_family::negative_binomial ? " and theta" : "") +
                        " fixed at their estimates; every effect computed exactly per draw");
  }
}

glm_mediation_result fit_glm_mediation(const table& data, const glm_mediation_spec& spec, const mediation_options& options) {
  spec.validate();
  options.validate();
  if (spec.moderated_model != 0) return detail::fit_conditional_glm_mediation(data, spec, options);
  const sample_data d = detail::read_glm_sample(data, spec);
  detail::require_resampling_intervals(options.ci, d.units, "glm mediation");
  glm_mediation_result out = detail::describe_glm_mediation(d, spec, options);
  glm_options o;
  o.family = spec.family;
  o.link = spec.link;
  o.level = options.level;
  const designs x = designs_of(d, spec);
  full_fit fit = detail::fit_glm_equations(d, x, spec, o);
  const auto paths = detail::mediator_paths(spec.mediators.size(), spec.model == mediation_model::serial);
  const effect_inputs in{d, spec, out.x0, out.x1};
  const detail::glm_effect_function effects = [&](const parts& p, const Eigen::VectorXd& w) {
    return detail::natural_effects_of(p, w, in, paths);
  };
  const Eigen::VectorXd estimate = effects(fit.p, Eigen::VectorXd::Ones(d.y.size()));
  const detail::glm_effect_run run = detail::run_glm_replicates(d, x, fit, spec, options, effects, estimate.size());
  out.replicates = run.summary;
  file_effects(out, estimate, run, paths, spec, options);
  detail::add_glm_notes(out, d, spec, options);
  out.mediator_equations = std::move(fit.mediators);
  out.outcome = std::move(fit.outcome);
  return out;
}

}  // namespace socialcure

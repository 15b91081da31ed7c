#include "socialcure/models/glm.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <utility>


#include "models/detail/cluster_inference.hpp"
#include "models/detail/least_squares.hpp"
#include "models/detail/links.hpp"
#include "models/detail/nb_theta.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/core/number.hpp"
#include "socialcure/core/distributions.hpp"

namespace socialcure {

std::string_view to_string(glm_family family) noexcept {
  switch (family) {
    case glm_family::binomial: return "binomial";
    case glm_family::poisson: return "poisson";
    case glm_family::negative_binomial: return "negbin";
  }
  return "poisson";
}

std::string_view to_string(glm_link link) noexcept { return link == glm_link::probit ? "probit" : "logit"; }

glm_link parse_glm_link(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  if (lower == "logit") return glm_link::logit;
  if (lower == "probit") return glm_link::probit;
  throw argument_error("unknown link '" + std::string(text) + "' (allowed: logit, probit)");
}

std::string_view link_name(glm_family family, glm_link link) noexcept {
  return family == glm_family::binomial ? to_string(link) : "log";
}

glm_family parse_glm_family(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  if (lower == "binomial" || lower == "logit" || lower == "logistic") return glm_family::binomial;
  if (lower == "poisson") return glm_family::poisson;
  if (lower == "negbin" || lower == "negative_binomial" || lower == "nb" || lower == "nb2") {
    return glm_family::negative_binomial;
  }
  throw argument_error("unknown GLM family '" + std::string(text) + "' (allowed: binomial, poisson, negbin)");
}

void glm_options::validate() const {
  check_level(level, "glm_options");
  if (!(tolerance > 0.0) || !(rank_tolerance >= 0.0)) throw argument_error("GLM tolerances must be positive");
  if (max_iterations < 1 || max_alternations < 1) throw argument_error("GLM iteration limits must be at least 1");
  if (link == glm_link::probit && family != glm_family::binomial) {
    throw argument_error("GLM: the probit link is for a binomial outcome, not " + std::string(to_string(family)));
  }
}

const coefficient& glm_result::at(std::string_view term) const { return find_coefficient(coefficients, term); }

namespace {

constexpr double infinite_theta = std::numeric_limits<double>::infinity();

// The family at a fixed theta (theta = infinity for Poisson, unused for binomial).
struct family_model {
  glm_family family;
  double theta = infinite_theta;
  glm_link binomial_link = glm_link::logit;

  [[nodiscard]] bool is_binomial() const { return family == glm_family::binomial; }
  [[nodiscard]] bool is_probit() const { return is_binomial() && binomial_link == glm_link::probit; }
  // The binomial means keep eta in the range where fitted probabilities stay inside (0, 1)
  // (models/detail/links.hpp).
  [[nodiscard]] double mean(double eta) const {
    if (is_probit()) return detail::probit_mean(eta);
    return is_binomial() ? detail::logit_mean(eta) : std::exp(eta);
  }
  [[nodiscard]] double link(double mu) const {
    if (is_probit()) return normal_quantile(mu);
    return is_binomial() ? std::log(mu / (1.0 - mu)) : std::log(mu);
  }
  // d eta / d mu at mu = mean(eta) (the probit's from eta, which is more accurate near 0 and 1)
  [[nodiscard]] double link_derivative(double mu, double eta) const {
    if (is_probit()) return 1.0 / detail::probit_mean_derivative(eta);
    return is_binomial() ? 1.0 / (mu * (1.0 - mu)) : 1.0 / mu;
  }
  [[nodiscard]] double variance(double mu) const {
    if (is_binomial()) return mu * (1.0 - mu);
    return std::isinf(theta) ? mu : mu + mu * mu / theta;
  }
  [[nodiscard]] bool valid_mean(double mu) const {
    return std::isfinite(mu) && mu > 0.0 && (!is_binomial() || mu < 1.0);
  }
  // Unit deviance contribution.
  [[nodiscard]] double unit_deviance(double y, double mu) const {
    auto y_log_y_over = [](double a, double b) { return a > 0.0 ? a * std::log(a / b) : 0.0; };
    if (is_binomial()) return 2.0 * (y_log_y_over(y, mu) + y_log_y_over(1.0 - y, 1.0 - mu));
    if (std::isinf(theta)) return 2.0 * (y_log_y_over(y, mu) - (y - mu));
    return 2.0 * (y_log_y_over(y, mu) - (y + theta) * std::log((y + theta) / (mu + theta)));
  }
  [[nodiscard]] double log_density(double y, double mu) const {
    if (is_binomial()) return y > 0.5 ? std::log(mu) : std::log1p(-mu);
    const double y_log_mu = y > 0.0 ? y * std::log(mu) : 0.0;
    if (std::isinf(theta)) return y_log_mu - mu - std::lgamma(y + 1.0);
    return std::lgamma(theta + y) - std::lgamma(theta) - std::lgamma(y + 1.0) + theta * std::log(theta) + y_log_mu -
           (theta + y) * std::log(theta + mu);
  }
};

struct irls_state {
  Eigen::VectorXd beta;  // all columns (NaN for dropped)
  Eigen::VectorXd eta;
  Eigen::VectorXd mu;
  detail::least_squares last;  // the weighted fit at the final weights
  double deviance = 0.0;
  int iterations = 0;
};

bool separated(const Eigen::VectorXd& mu) {
  for (Eigen::Index i = 0; i < mu.size(); ++i) {
    if (mu(i) < 1e-10 || mu(i) > 1.0 - 1e-10) return true;
  }
  return false;
}

data_error separation_error(const std::string& what, const Eigen::VectorXd& mu) {
  std::size_t extreme = 0;
  for (Eigen::Index i = 0; i < mu.size(); ++i) extreme += (mu(i) < 1e-10 || mu(i) > 1.0 - 1e-10) ? 1 : 0;
  return data_error({}, what + ": (quasi-)complete separation: the fitted probability of " + std::to_string(extreme) +
                            " case(s) is 0 or 1, so the estimates diverge (remove or combine the predictor that "
                            "separates the outcome)");
}

double total_deviance(const family_model& f, const Eigen::VectorXd& y, const Eigen::VectorXd& mu) {
  double d = 0.0;
  for (Eigen::Index i = 0; i < y.size(); ++i) d += f.unit_deviance(y(i), mu(i));
  return d;
}

// Whether the deviance at valid means `mu` is certainly finite, so that step halving need not sum
// it: with every mean in [1e-290, 1e290] and counts at most 2^53, no ratio y/mu or (y + theta) /
// (mu + theta) overflows and no unit deviance exceeds about 1e291, so neither does their sum for
// any n below 1e16. Outside that range the deviance is summed and checked.
bool deviance_surely_finite(const Eigen::VectorXd& mu) {
  return mu.size() > 0 && mu.minCoeff() >= 1e-290 && mu.maxCoeff() <= 1e290;
}

// The working weights and response of an IRLS step at means mu (linear predictor eta).
struct working_data {
  Eigen::VectorXd w;
  Eigen::VectorXd z;
};

working_data working(const family_model& f, const Eigen::VectorXd& y, const Eigen::VectorXd& offset,
                     const Eigen::VectorXd& mu, const Eigen::VectorXd& eta) {
  const Eigen::Index n = y.size();
  const bool has_offset = offset.size() > 0;
  working_data d{Eigen::VectorXd(n), Eigen::VectorXd(n)};
  for (Eigen::Index i = 0; i < n; ++i) {
    const double gprime = f.link_derivative(mu(i), eta(i));
    d.w(i) = 1.0 / (gprime * gprime * f.variance(mu(i)));
    d.z(i) = eta(i) - (has_offset ? offset(i) : 0.0) + (y(i) - mu(i)) * gprime;
  }
  return d;
}

// The coefficients of successive IRLS steps (every column; 0 for a dropped one). The first step is
// a QR fit, which finds the dropped columns and the condition of the design; when that is small
// (cond^2 eps < 1e-10, so that the normal equations lose at most about 1e-10 relatively, far below
// the convergence tolerance), later steps solve the weighted normal equations of the kept columns
// by Cholesky instead, at a fraction of the cost. The fit whose estimates and covariance are
// reported is a QR fit in any case (weighted_fit), so this changes only the path to convergence.
class irls_steps {
 public:
  irls_steps(const Eigen::MatrixXd& x, const detail::least_squares_options& options) : x_(x), options_(options) {}

  Eigen::VectorXd next(const working_data& d) {
    if (!kept_.empty()) {
      if (const auto b = detail::solve_weighted_normal_equations(x_, kept_, d.z, d.w)) {
        Eigen::VectorXd beta = Eigen::VectorXd::Zero(x_.cols());
        for (std::size_t k = 0; k < kept_.size(); ++k) beta(kept_[k]) = (*b)(static_cast<Eigen::Index>(k));
        return beta;
      }
    }
    const detail::least_squares ls = detail::solve_least_squares(x_, d.z, options_, d.w);
    const double eps = std::numeric_limits<double>::epsilon();
    kept_ = ls.condition * ls.condition * eps < 1e-10 ? ls.kept : std::vector<Eigen::Index>{};
    Eigen::VectorXd beta = ls.coef;
    for (Eigen::Index j = 0; j < beta.size(); ++j) {
      if (std::isnan(beta(j))) beta(j) = 0.0;  // a dropped column contributes nothing
    }
    return beta;
  }

 private:
  const Eigen::MatrixXd& x_;
  const detail::least_squares_options& options_;
  std::vector<Eigen::Index> kept_;  // empty: the next step is a QR fit
};

// Whether an IRLS run ends with the weighted fit whose covariance and dropped columns the result
// reports (the final fit), or only needs the means it converged to (the negative binomial's
// alternations with theta, which the final fit at the last theta follows).
enum class irls_end { covariance_fit, means_only };

// IRLS from a starting eta; `x` includes every column, `offset` may be empty.
irls_state irls(const family_model& f, const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                const Eigen::VectorXd& offset, Eigen::VectorXd eta, const glm_options& options,
                const std::string& what, irls_end end = irls_end::covariance_fit) {
  const Eigen::Index n = x.rows();
  const Eigen::Index p = x.cols();
  const bool has_offset = offset.size() > 0;
  irls_state s;
  s.eta = std::move(eta);
  s.mu = s.eta.unaryExpr([&](double e) { return f.mean(e); });
  s.beta = Eigen::VectorXd::Zero(p);
  detail::least_squares_options ls_options;
  ls_options.tolerance = options.rank_tolerance;
  ls_options.refinement_steps = 0;
  ls_options.want_residuals = false;

  auto weighted_fit = [&](const Eigen::VectorXd& mu, const Eigen::VectorXd& eta_now) {
    const working_data d = working(f, y, offset, mu, eta_now);
    return detail::solve_least_squares(x, d.z, ls_options, d.w);
  };
  irls_steps steps(x, ls_options);

  bool converged = false;
  for (int iter = 1; iter <= options.max_iterations; ++iter) {
    s.iterations = iter;
    Eigen::VectorXd beta_new = steps.next(working(f, y, offset, s.mu, s.eta));
    // Step halving while the deviance is not finite or the means leave their range.
    Eigen::VectorXd eta_new;
    Eigen::VectorXd mu_new;
    double dev_new = infinite_theta;
    for (int halving = 0; halving < 30; ++halving) {
      eta_new = x * beta_new;
      if (has_offset) eta_new += offset;
      mu_new = eta_new.unaryExpr([&](double e) { return f.mean(e); });
      bool valid = true;
      for (Eigen::Index i = 0; i < n && valid; ++i) valid = f.valid_mean(mu_new(i));
      // Only whether the deviance is finite matters here (the deviance reported is summed at the end).
      if (valid) dev_new = deviance_surely_finite(mu_new) ? 0.0 : total_deviance(f, y, mu_new);
      if (valid && std::isfinite(dev_new)) break;
      beta_new = 0.5 * (beta_new + s.beta);
    }
    if (!std::isfinite(dev_new)) {
      throw data_error({}, what + ": the fit failed (fitted means left their range even after step halving)");
    }
    double change = 0.0;
    for (Eigen::Index j = 0; j < p; ++j) {
      change = std::max(change, std::fabs(beta_new(j) - s.beta(j)) / (std::fabs(beta_new(j)) + 1e-3));
    }
    s.beta = std::move(beta_new);
    s.eta = std::move(eta_new);
    s.mu = std::move(mu_new);
    if (iter > 1 && change < options.tolerance) {
      converged = true;
      break;
    }
  }
  if (!converged) {
    if (f.is_binomial() && separated(s.mu)) throw separation_error(what, s.mu);
    throw data_error({}, what + ": IRLS did not converge in " + std::to_string(options.max_iterations) + " iterations");
  }
  if (end == irls_end::means_only) return s;  // (its deviance is not asked for)
  // One more weighted fit at the estimates: the coefficients and covariance both come from it, so
  // they agree on which columns (if any) were dropped.
  s.last = weighted_fit(s.mu, s.eta);
  s.beta = s.last.coef;
  Eigen::VectorXd beta_used = s.beta;
  for (Eigen::Index j = 0; j < p; ++j) {
    if (std::isnan(beta_used(j))) beta_used(j) = 0.0;
  }
  s.eta = x * beta_used;
  if (has_offset) s.eta += offset;
  s.mu = s.eta.unaryExpr([&](double e) { return f.mean(e); });
  s.deviance = total_deviance(f, y, s.mu);
  return s;
}

Eigen::VectorXd start_eta(const family_model& f, const Eigen::VectorXd& y) {
  return y.unaryExpr([&](double v) { return f.is_binomial() ? f.link((v + 0.5) / 2.0) : std::log(v + 0.1); });
}

// Newton-Raphson for theta given mu (MASS::theta.ml, run to a tight tolerance).
struct theta_estimate {
  double theta = 0.0;
  double se = 0.0;
  bool diverged = false;
};

// `levels`: the distinct counts with their frequencies, built once per fit (detail::levels_of).
theta_estimate theta_ml(const Eigen::VectorXd& y, const detail::count_levels& levels, const Eigen::VectorXd& mu,
                        double start, double tolerance) {
  const Eigen::Index n = y.size();
  const Eigen::VectorXd unweighted;
  auto score_info = [&](double th, double& score, double& info) {
    const detail::theta_score s = detail::nb_theta_score(th, levels, y, mu, unweighted);
    score = s.score;
    info = s.info;
  };
  double theta = start;
  if (!(theta > 0.0) || !std::isfinite(theta)) {
    double s = 0.0;
    for (Eigen::Index i = 0; i < n; ++i) s += (y(i) / mu(i) - 1.0) * (y(i) / mu(i) - 1.0);
    theta = static_cast<double>(n) / s;
  }
  theta_estimate out;
  for (int iter = 0; iter < 200; ++iter) {
    double score = 0.0;
    double info = 0.0;
    score_info(theta, score, info);
    const double step = score / info;
    theta = std::fabs(theta + step);
    if (!std::isfinite(theta) || theta > 1e10) {
      out.diverged = true;
      return out;
    }
    if (std::fabs(step) <= tolerance * theta) break;
  }
  double score = 0.0;
  double info = 0.0;
  score_info(theta, score, info);
  out.theta = theta;
  out.se = std::sqrt(1.0 / info);
  return out;
}

void check_outcome(const model_frame& frame, glm_family family) {
  for (Eigen::Index i = 0; i < frame.y.size(); ++i) {
    const double v = frame.y(i);
    if (family == glm_family::binomial) {
      if (v != 0.0 && v != 1.0) {
        throw data_error(frame.where(i, frame.response), "a binary outcome must be 0 or 1", format_number(v), "0, 1");
      }
    } else {
      require_count(v, frame.where(i, frame.response));
    }
  }
}

// The cluster-robust covariance at the estimates: the working design has rows (dmu/deta)_i x_i,
// variances V(mu_i) and response residuals y - mu (clubSandwich's working model for a glm).
cluster_covariance glm_cluster_covariance(const family_model& f, const model_frame& frame, const irls_state& s,
                                          cluster_se_type type) {
  const Eigen::Index n = frame.x.rows();
  Eigen::VectorXd dmu_deta(n);
  Eigen::VectorXd variance(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    dmu_deta(i) = 1.0 / f.link_derivative(s.mu(i), s.eta(i));
    variance(i) = f.variance(s.mu(i));
  }
  return compute_cluster_covariance(detail::working_design(frame.x, s.last.kept, dmu_deta), frame.y - s.mu, variance,
                                    s.last.xtx_inverse, frame.clusters, type);
}

}  // namespace

namespace {

glm_result fit_glm_impl(const model_frame& frame, const glm_options& options) {
  check_outcome(frame, options.family);
  const std::string what = "model for '" + frame.response + "'";
  const Eigen::Index n = frame.x.rows();
  const Eigen::Index p = frame.x.cols();
  const bool binomial = options.family == glm_family::binomial;
  if (binomial && (frame.y.sum() == 0.0 || frame.y.sum() == static_cast<double>(n))) {
    throw data_error({}, what + ": the binary outcome takes only one value");
  }
  if (!binomial && frame.y.sum() == 0.0) {
    throw data_error({}, what + ": every count is zero; a count model cannot be fitted");
  }
  if (n < p && options.on_rank_deficiency == rank_policy::error) {
    throw data_error({}, what + ": " + detail::fewer_cases_problem(n, p));
  }
  if (const detail::column_magnitude m = detail::find_column_out_of_range(frame.x); m.column >= 0) {
    const std::string& term = frame.terms[static_cast<std::size_t>(m.column)].name;
    throw data_error({}, what + ": " + detail::magnitude_problem(m, "'" + term + "'"));
  }

  glm_result out;
  out.response = frame.response;
  out.family = options.family;
  out.link = options.link;
  out.n = static_cast<std::size_t>(n);
  out.n_excluded = frame.n_excluded;
  out.missing_by_column = frame.missing_by_column;
  out.rows = frame.rows;
  out.intercept = frame.intercept;
  out.has_offset = frame.offset.size() > 0;
  out.level = options.level;

  family_model f{binomial ? glm_family::binomial : glm_family::poisson, infinite_theta, options.link};
  const bool negbin = options.family == glm_family::negative_binomial;
  irls_state s = irls(f, frame.x, frame.y, frame.offset, start_eta(f, frame.y), options, what,
                      negbin ? irls_end::means_only : irls_end::covariance_fit);
  out.iterations = s.iterations;

  theta_estimate th;
  if (options.family == glm_family::negative_binomial) {
    f.family = glm_family::negative_binomial;
    const detail::count_levels frequency = detail::levels_of(frame.y);
    th = theta_ml(frame.y, frequency, s.mu, 0.0, 1e-13);
    bool settled = false;
    for (int round = 0; round < options.max_alternations && !th.diverged; ++round) {
      f.theta = th.theta;
      s = irls(f, frame.x, frame.y, frame.offset, s.eta, options, what, irls_end::means_only);
      out.iterations += s.iterations;
      const theta_estimate next = theta_ml(frame.y, frequency, s.mu, th.theta, 1e-13);
      if (next.diverged) {
        th.diverged = true;
        break;
      }
      const double change = std::fabs(next.theta - th.theta) / next.theta;
      th = next;
      if (change < options.tolerance) {
        settled = true;
        break;
      }
    }
    if (th.diverged) {
      throw data_error({}, what + ": theta grows without bound (the counts show no overdispersion); "
                                  "fit a Poisson model instead");
    }
    if (!settled) {
      throw data_error({}, what + ": the negative binomial fit did not settle in " +
                               std::to_string(options.max_alternations) + " alternations of IRLS and theta");
    }
    f.theta = th.theta;
    s = irls(f, frame.x, frame.y, frame.offset, s.eta, options, what);  // coefficients at the final theta
    out.theta = th.theta;
    out.se_theta = th.se;
  }

  if (binomial && separated(s.mu)) throw separation_error(what, s.mu);

  const detail::least_squares& ls = s.last;
  if (!ls.dropped.empty() && options.on_rank_deficiency == rank_policy::error) {
    std::string names;
    for (Eigen::Index j : ls.dropped) names += (names.empty() ? "'" : ", '") + frame.terms[static_cast<std::size_t>(j)].name + "'";
    throw data_error({}, what + ": the design matrix is rank deficient: " + names +
                             " is a linear combination of earlier terms (remove it, or let it be dropped as R's glm does: "
                             "--drop-collinear, rank_policy::drop)");
  }
  for (Eigen::Index j : ls.dropped) out.aliased_terms.push_back(frame.terms[static_cast<std::size_t>(j)].name);
  out.rank = ls.rank;
  out.covariance = ls.xtx_inverse;
  Eigen::VectorXd df = Eigen::VectorXd::Constant(static_cast<Eigen::Index>(ls.rank), infinite_theta);  // z tests
  if (!frame.clusters.empty()) {
    const cluster_covariance clustered = glm_cluster_covariance(f, frame, s, options.cluster_se);
    out.covariance = clustered.covariance;
    df = clustered.df;
    out.cluster = detail::describe_clustering(frame.clusters, options.cluster_se, out.notes);
  }
  out.deviance = s.deviance;
  out.df_residual = static_cast<double>(n) - static_cast<double>(ls.rank);
  out.df_null = static_cast<double>(n) - (frame.intercept ? 1.0 : 0.0);
  if (out.df_residual < 1) {
    out.notes.push_back(std::to_string(n) + " cases for " + std::to_string(ls.rank) +
                        " estimated coefficients: no residual degrees of freedom (a saturated model, deviance 0; "
                        "its fit cannot be assessed)");
  }
  out.loglik = 0.0;
  out.pearson_chi2 = 0.0;
  for (Eigen::Index i = 0; i < n; ++i) {
    out.loglik += f.log_density(frame.y(i), s.mu(i));
    const double r = frame.y(i) - s.mu(i);
    out.pearson_chi2 += r * r / f.variance(s.mu(i));
  }
  const double parameters = static_cast<double>(ls.rank) + (options.family == glm_family::negative_binomial ? 1.0 : 0.0);
  out.aic = -2.0 * out.loglik + 2.0 * parameters;

  // Null deviance: intercept (and offset) only, at the same theta. Without an offset its fitted
  // mean is the mean of y, whatever the family and link (R's glm.fit takes it so); with one it is
  // fitted by IRLS.
  {
    if (frame.intercept && !out.has_offset) {
      out.null_deviance = total_deviance(f, frame.y, Eigen::VectorXd::Constant(n, frame.y.mean()));
    } else if (frame.intercept) {
      const Eigen::MatrixXd x0 = Eigen::MatrixXd::Ones(n, 1);
      const irls_state null_fit = irls(f, x0, frame.y, frame.offset, start_eta(f, frame.y), options, what + " (null)");
      out.null_deviance = null_fit.deviance;
    } else {
      Eigen::VectorXd eta0 = out.has_offset ? frame.offset : Eigen::VectorXd::Zero(n);
      out.null_deviance = total_deviance(f, frame.y, eta0.unaryExpr([&](double e) { return f.mean(e); }));
    }
  }

  out.coefficients.resize(static_cast<std::size_t>(p));
  for (Eigen::Index j = 0; j < p; ++j) {
    out.coefficients[static_cast<std::size_t>(j)].term = frame.terms[static_cast<std::size_t>(j)].name;
  }
  for (Eigen::Index j : ls.dropped) out.coefficients[static_cast<std::size_t>(j)].aliased = true;
  for (std::size_t k = 0; k < ls.kept.size(); ++k) {
    const Eigen::Index j = ls.kept[k];
    coefficient& c = out.coefficients[static_cast<std::size_t>(j)];
    c.estimate = s.beta(j);
    const auto kk = static_cast<Eigen::Index>(k);
    detail::set_inference(c, std::sqrt(out.covariance(kk, kk)), df(kk), options.level);
    if (f.is_probit()) continue;  // exp of a probit coefficient is no ratio
    c.exp_estimate = std::exp(c.estimate);
    c.exp_ci_lower = std::exp(c.ci_lower);
    c.exp_ci_upper = std::exp(c.ci_upper);
  }
  if (options.diagnostics) {
    out.fitted = std::move(s.mu);
    out.linear_predictor = std::move(s.eta);
  }
  return out;
}

}  // namespace

glm_result fit_glm(const model_frame& frame, const glm_options& options) {
  options.validate();
  try {
    return fit_glm_impl(frame, options);
  } catch (const data_error& e) {
    if (!e.where().file.empty()) throw;
    throw data_error({frame.source, 0, {}, {}, {}}, e.problem());  // name the data set
  }
}

glm_result fit_glm(const table& data, const model_spec& spec, const glm_options& options) {
  options.validate();
  return fit_glm(build_model_frame(data, spec), options);
}

}  // namespace socialcure

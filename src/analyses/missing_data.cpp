#include "socialcure/analyses/missing_data.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <set>
#include <string>
#include <vector>

#include <Eigen/Cholesky>

#include "socialcure/core/distributions.hpp"
#include "socialcure/core/error.hpp"

namespace socialcure {

namespace {

using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::VectorXd;

Index idx(std::size_t i) { return static_cast<Index>(i); }

/// The variables as an n x p matrix (NaN = missing), after checking them.
MatrixXd variable_matrix(const table& data, const std::vector<std::string>& variables, const char* who) {
  if (variables.size() < 2) {
    throw argument_error(std::string(who) + ": at least 2 variables are needed, " + std::to_string(variables.size()) +
                         " given");
  }
  std::set<std::string> seen;
  MatrixXd y(idx(data.rows()), idx(variables.size()));
  for (std::size_t j = 0; j < variables.size(); ++j) {
    const std::string& name = variables[j];
    if (!seen.insert(name).second) throw argument_error(std::string(who) + ": variable '" + name + "' is named twice");
    const column& col = data.get(name);
    if (!col.is_numeric()) {
      throw argument_error(std::string(who) + ": variable '" + name + "' in " + data.source() +
                           " is a text column; only numeric variables can be used");
    }
    const auto values = col.numbers();
    for (std::size_t i = 0; i < data.rows(); ++i) y(idx(i), idx(j)) = values[i];
  }
  return y;
}

/// Rows grouped by their pattern of observed variables (rows with nothing observed left out).
struct pattern_group {
  std::vector<Index> observed;  ///< indices of the observed variables
  std::vector<Index> missing;
  std::vector<Index> rows;
};

std::vector<pattern_group> group_patterns(const MatrixXd& y, std::size_t& n_empty) {
  std::map<std::vector<bool>, pattern_group> groups;
  n_empty = 0;
  for (Index i = 0; i < y.rows(); ++i) {
    std::vector<bool> mask(static_cast<std::size_t>(y.cols()));
    for (Index j = 0; j < y.cols(); ++j) mask[static_cast<std::size_t>(j)] = !is_missing(y(i, j));
    if (std::none_of(mask.begin(), mask.end(), [](bool b) { return b; })) {
      ++n_empty;
      continue;
    }
    auto& g = groups[mask];
    if (g.rows.empty()) {
      for (Index j = 0; j < y.cols(); ++j) (mask[static_cast<std::size_t>(j)] ? g.observed : g.missing).push_back(j);
    }
    g.rows.push_back(i);
  }
  std::vector<pattern_group> out;
  for (auto& [mask, g] : groups) out.push_back(std::move(g));
  return out;
}

MatrixXd block(const MatrixXd& s, const std::vector<Index>& r, const std::vector<Index>& c) { return s(r, c); }

/// Throws naming the variables when a covariance is not positive definite: the first variable
/// that makes the leading block singular, with the ones before it.
void require_positive_definite(const MatrixXd& sigma, const std::vector<std::string>& names, const std::string& when,
                               const std::string& source) {
  const VectorXd inv_sd = sigma.diagonal().cwiseSqrt().cwiseInverse();
  const MatrixXd corr = inv_sd.asDiagonal() * sigma * inv_sd.asDiagonal();
  for (Index k = 1; k <= sigma.rows(); ++k) {
    Eigen::LLT<MatrixXd> llt(corr.topLeftCorner(k, k));
    // L(k,k)^2 is 1 - R^2 of variable k on the ones before it
    const bool ok = llt.info() == Eigen::Success && llt.matrixL().toDenseMatrix()(k - 1, k - 1) > 1e-7;
    if (ok) continue;
    std::string list;
    for (Index j = 0; j < k; ++j) list += (j == 0 ? "" : ", ") + names[static_cast<std::size_t>(j)];
    throw data_error(location{source, 0, names[static_cast<std::size_t>(k - 1)], {}, {}},
                     "the covariance matrix of " + list + " " + when +
                         " is not positive definite: '" + names[static_cast<std::size_t>(k - 1)] +
                         "' is (nearly) a linear function of the variables before it");
  }
}

/// Available-case means and variances, pairwise covariances (divisor n); zero covariances when
/// the pairwise matrix is not positive definite.
void start_values(const MatrixXd& y, const table& data, const std::vector<std::string>& names, VectorXd& mu,
                  MatrixXd& sigma) {
  const Index p = y.cols();
  mu = VectorXd::Zero(p);
  sigma = MatrixXd::Zero(p, p);
  for (Index j = 0; j < p; ++j) {
    double sum = 0.0;
    double n = 0.0;
    for (Index i = 0; i < y.rows(); ++i) {
      if (!is_missing(y(i, j))) {
        sum += y(i, j);
        n += 1.0;
      }
    }
    const std::string& name = names[static_cast<std::size_t>(j)];
    if (n == 0.0) throw data_error(location{data.source(), 0, name, {}, {}}, "the variable is missing for everyone");
    mu(j) = sum / n;
  }
  for (Index j = 0; j < p; ++j) {
    for (Index k = 0; k <= j; ++k) {
      double sxy = 0.0;
      double sx = 0.0;
      double sy = 0.0;
      double n = 0.0;
      for (Index i = 0; i < y.rows(); ++i) {
        if (is_missing(y(i, j)) || is_missing(y(i, k))) continue;
        sx += y(i, j);
        sy += y(i, k);
        sxy += (y(i, j) - mu(j)) * (y(i, k) - mu(k));
        n += 1.0;
      }
      // centred at the available-case means, corrected to the pair's own means
      sigma(j, k) = sigma(k, j) = n > 0 ? sxy / n - (sx / n - mu(j)) * (sy / n - mu(k)) : 0.0;
    }
    if (!(sigma(j, j) > 0.0)) {
      throw data_error(location{data.source(), 0, names[static_cast<std::size_t>(j)], {}, {}},
                       "the variable has no variance among its observed values");
    }
  }
  Eigen::LLT<MatrixXd> llt(sigma);
  if (llt.info() != Eigen::Success) sigma = MatrixXd(sigma.diagonal().asDiagonal());
}

/// One EM iteration: the E-step's sufficient statistics and the M-step.
void em_step(const MatrixXd& y, const std::vector<pattern_group>& groups, std::size_t n_used, VectorXd& mu,
             MatrixXd& sigma, const std::vector<std::string>& names, const std::string& source) {
  const Index p = y.cols();
  VectorXd t1 = VectorXd::Zero(p);
  MatrixXd t2 = MatrixXd::Zero(p, p);
  for (const auto& g : groups) {
    MatrixXd b;  // regression of the missing on the observed
    MatrixXd c;  // residual covariance of the missing
    if (!g.missing.empty()) {
      Eigen::LLT<MatrixXd> llt(block(sigma, g.observed, g.observed));
      if (llt.info() != Eigen::Success) {
        require_positive_definite(sigma, names, "during EM", source);
        throw data_error(location{source, 0, {}, {}, {}},
                         "EM: the covariance matrix of the observed variables of a pattern is not positive definite");
      }
      b = llt.solve(block(sigma, g.observed, g.missing)).transpose();
      c = block(sigma, g.missing, g.missing) - b * block(sigma, g.observed, g.missing);
    }
    VectorXd yi(p);
    for (const Index i : g.rows) {
      for (const Index j : g.observed) yi(j) = y(i, j);
      if (!g.missing.empty()) {
        VectorXd dev(idx(g.observed.size()));
        for (std::size_t a = 0; a < g.observed.size(); ++a) dev(idx(a)) = y(i, g.observed[a]) - mu(g.observed[a]);
        const VectorXd fitted = mu(g.missing) + b * dev;
        for (std::size_t a = 0; a < g.missing.size(); ++a) yi(g.missing[a]) = fitted(idx(a));
      }
      t1 += yi;
      t2.noalias() += yi * yi.transpose();
    }
    if (!g.missing.empty()) t2(g.missing, g.missing) += static_cast<double>(g.rows.size()) * c;
  }
  const double n = static_cast<double>(n_used);
  mu = t1 / n;
  sigma = t2 / n - mu * mu.transpose();
  sigma = (sigma + sigma.transpose()).eval() / 2.0;
}

/// Largest standardized change between two sets of moments.
double standardized_change(const VectorXd& mu0, const MatrixXd& s0, const VectorXd& mu1, const MatrixXd& s1) {
  double out = 0.0;
  for (Index j = 0; j < mu0.size(); ++j) {
    out = std::max(out, std::fabs(mu1(j) - mu0(j)) / std::sqrt(s0(j, j)));
    for (Index k = 0; k <= j; ++k) out = std::max(out, std::fabs(s1(j, k) - s0(j, k)) / std::sqrt(s0(j, j) * s0(k, k)));
  }
  return out;
}

/// Observed-data log-likelihood, with the 2 pi constant.
double observed_loglik(const MatrixXd& y, const std::vector<pattern_group>& groups, const VectorXd& mu,
                       const MatrixXd& sigma) {
  double out = 0.0;
  for (const auto& g : groups) {
    Eigen::LLT<MatrixXd> llt(block(sigma, g.observed, g.observed));
    const double logdet = 2.0 * llt.matrixL().toDenseMatrix().diagonal().array().log().sum();
    const double po = static_cast<double>(g.observed.size());
    for (const Index i : g.rows) {
      VectorXd dev(idx(g.observed.size()));
      for (std::size_t a = 0; a < g.observed.size(); ++a) dev(idx(a)) = y(i, g.observed[a]) - mu(g.observed[a]);
      out -= 0.5 * (po * std::log(2.0 * std::numbers::pi) + logdet + dev.dot(llt.solve(dev)));
    }
  }
  return out;
}

}  // namespace

void em_options::validate() const {
  if (!(tolerance > 0.0 && tolerance < 1.0)) {
    throw argument_error("em_options: tolerance " + std::to_string(tolerance) + " is outside (0, 1)");
  }
  if (max_iterations < 1) throw argument_error("em_options: max_iterations must be at least 1");
}

missingness_description describe_missingness(const table& data, const std::vector<std::string>& variables) {
  const MatrixXd y = variable_matrix(data, variables, "describe_missingness");
  missingness_description out;
  out.variables = variables;
  out.n_rows = data.rows();
  const std::size_t p = variables.size();
  std::vector<std::size_t> nmis(p, 0);
  for (std::size_t j = 0; j < p; ++j) {
    for (Index i = 0; i < y.rows(); ++i) nmis[j] += is_missing(y(i, idx(j))) ? 1 : 0;
    const double pct = data.rows() == 0 ? 0.0 : 100.0 * static_cast<double>(nmis[j]) / static_cast<double>(data.rows());
    out.per_variable.push_back({variables[j], data.rows() - nmis[j], nmis[j], pct});
    out.total_missing += nmis[j];
  }
  std::vector<std::size_t> order(p);
  for (std::size_t j = 0; j < p; ++j) order[j] = j;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return nmis[a] < nmis[b]; });
  for (const std::size_t j : order) {
    out.pattern_columns.push_back(variables[j]);
    out.missing_per_column.push_back(nmis[j]);
  }
  std::map<std::string, std::size_t> counts;  // missing-indicator string -> rows, sorted as md.pattern sorts
  for (Index i = 0; i < y.rows(); ++i) {
    std::string key;
    for (const std::size_t j : order) key += is_missing(y(i, idx(j))) ? '1' : '0';
    ++counts[key];
  }
  for (const auto& [key, count] : counts) {
    missing_pattern pattern;
    pattern.count = count;
    for (const char c : key) pattern.observed.push_back(c == '0');
    pattern.n_missing = static_cast<std::size_t>(std::count(key.begin(), key.end(), '1'));
    if (pattern.n_missing == 0) out.n_complete = count;
    out.patterns.push_back(std::move(pattern));
  }
  return out;
}

em_result em_moments(const table& data, const std::vector<std::string>& variables, const em_options& options) {
  options.validate();
  const MatrixXd y = variable_matrix(data, variables, "em_moments");
  em_result out;
  out.variables = variables;
  out.tolerance = options.tolerance;
  out.n_rows = data.rows();
  const auto groups = group_patterns(y, out.n_dropped_empty);
  out.n_used = out.n_rows - out.n_dropped_empty;
  out.n_patterns = groups.size();
  VectorXd mu;
  MatrixXd sigma;
  start_values(y, data, variables, mu, sigma);
  while (out.iterations < options.max_iterations) {
    const VectorXd mu0 = mu;
    const MatrixXd sigma0 = sigma;
    em_step(y, groups, out.n_used, mu, sigma, variables, data.source());
    ++out.iterations;
    out.max_change = standardized_change(mu0, sigma0, mu, sigma);
    if (out.max_change < options.tolerance) {
      out.converged = true;
      break;
    }
  }
  require_positive_definite(sigma, variables, "at the EM estimates", data.source());
  out.means = mu;
  out.covariance = sigma;
  out.loglik = observed_loglik(y, groups, mu, sigma);
  if (!out.converged) {
    out.message = "EM did not converge in " + std::to_string(out.iterations) + " iterations (largest change " +
                  std::to_string(out.max_change) + ", tolerance " + std::to_string(options.tolerance) + ")";
    if (options.require_convergence) throw data_error(location{data.source(), 0, {}, {}, {}}, out.message);
  }
  return out;
}

little_mcar_result little_mcar_test(const table& data, const std::vector<std::string>& variables, const em_result& em) {
  if (em.variables != variables) {
    throw argument_error("little_mcar_test: the EM estimates were computed for other variables");
  }
  const MatrixXd y = variable_matrix(data, variables, "little_mcar_test");
  std::size_t n_empty = 0;
  const auto groups = group_patterns(y, n_empty);
  little_mcar_result out;
  out.n_patterns = groups.size();
  out.n_used = data.rows() - n_empty;
  double d2 = 0.0;
  double df = -static_cast<double>(variables.size());
  for (const auto& g : groups) {
    VectorXd dev = VectorXd::Zero(idx(g.observed.size()));
    for (const Index i : g.rows) {
      for (std::size_t a = 0; a < g.observed.size(); ++a) dev(idx(a)) += y(i, g.observed[a]);
    }
    const double n_p = static_cast<double>(g.rows.size());
    dev = dev / n_p - em.means(g.observed);
    Eigen::LLT<MatrixXd> llt(block(em.covariance, g.observed, g.observed));
    d2 += n_p * dev.dot(llt.solve(dev));
    df += static_cast<double>(g.observed.size());
  }
  out.chi_square = d2;
  out.df = df;
  out.p = df > 0 ? chi_square_upper_p(d2, df) : missing_value;
  return out;
}

little_mcar_result little_mcar_test(const table& data, const std::vector<std::string>& variables,
                                    const em_options& options) {
  return little_mcar_test(data, variables, em_moments(data, variables, options));
}

}  // namespace socialcure

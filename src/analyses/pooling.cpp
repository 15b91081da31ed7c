#include "socialcure/analyses/pooling.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "socialcure/analyses/change.hpp"
#include "socialcure/analyses/paired_tests.hpp"
#include "socialcure/core/distributions.hpp"
#include "socialcure/core/error.hpp"

namespace socialcure {

namespace {

template <class Fit>
imputation_estimates non_aliased(const Fit& fit) {
  imputation_estimates out;
  std::vector<double> estimate;
  for (const auto& c : fit.coefficients) {
    if (c.aliased) continue;
    out.terms.push_back(c.term);
    estimate.push_back(c.estimate);
  }
  out.estimate = Eigen::Map<const Eigen::VectorXd>(estimate.data(), static_cast<Eigen::Index>(estimate.size()));
  out.covariance = fit.covariance;
  return out;
}

std::string imputation_label(std::size_t i) { return "imputation " + std::to_string(i + 1); }

// Same terms in the same order as the first imputation, sizes that match, finite numbers.
void check_imputation(const imputation_estimates& first, const imputation_estimates& imp, std::size_t i) {
  const auto k = static_cast<Eigen::Index>(imp.terms.size());
  if (imp.estimate.size() != k || imp.covariance.rows() != k || imp.covariance.cols() != k) {
    throw argument_error("pool_estimates: " + imputation_label(i) + " has " + std::to_string(k) + " terms but " +
                         std::to_string(imp.estimate.size()) + " estimates and a " +
                         std::to_string(imp.covariance.rows()) + " x " + std::to_string(imp.covariance.cols()) +
                         " covariance");
  }
  for (std::size_t j = 0; j < std::max(first.terms.size(), imp.terms.size()); ++j) {
    const std::string theirs = j < imp.terms.size() ? imp.terms[j] : "(none)";
    const std::string ours = j < first.terms.size() ? first.terms[j] : "(none)";
    if (theirs != ours) {
      throw argument_error("pool_estimates: the parameters differ between imputations: term " + std::to_string(j + 1) +
                           " is '" + ours + "' in imputation 1 but '" + theirs + "' in " + imputation_label(i) +
                           " (a term aliased or a level absent in one imputation?)");
    }
  }
  for (Eigen::Index j = 0; j < k; ++j) {
    const double v = imp.covariance(j, j);
    if (!std::isfinite(imp.estimate(j)) || !std::isfinite(v) || v < 0) {
      throw argument_error("pool_estimates: " + imputation_label(i) + ", term '" + imp.terms[j] +
                           "': the estimate and its variance must be finite (variance >= 0), not " +
                           std::to_string(imp.estimate(j)) + " and " + std::to_string(v));
    }
  }
}

// mice's barnard.rubin(): lambda floored at 1e-4 for the large-sample df only.
double barnard_rubin_df(double m, double lambda, double df_complete) {
  const double floored = std::max(lambda, 1e-4);
  const double df_old = (m - 1.0) / (floored * floored);
  if (std::isinf(df_complete)) return df_old;
  const double df_obs = (df_complete + 1.0) / (df_complete + 3.0) * df_complete * (1.0 - lambda);
  return df_old * df_obs / (df_old + df_obs);
}

pooled_estimate pool_one(std::string term, double q_bar, double u_bar, double b, double m,
                         const pooling_options& options) {
  pooled_estimate e;
  e.term = std::move(term);
  e.estimate = q_bar;
  e.within = u_bar;
  e.between = b;
  e.total = u_bar + (1.0 + 1.0 / m) * b;
  e.se = std::sqrt(e.total);
  e.riv = (1.0 + 1.0 / m) * b / u_bar;
  e.lambda = (1.0 + 1.0 / m) * b / e.total;
  e.df = barnard_rubin_df(m, e.lambda, options.df_complete);
  e.fmi = (e.riv + 2.0 / (e.df + 3.0)) / (e.riv + 1.0);
  const double df = std::max(e.df, 0.001);
  e.statistic = q_bar / e.se;
  e.p = t_two_sided_p(e.statistic, df);
  const double half = t_quantile(1.0 - (1.0 - options.level) / 2.0, df) * e.se;
  e.ci_lower = q_bar - half;
  e.ci_upper = q_bar + half;
  return e;
}

void add_notes(std::vector<std::string>& to, const std::vector<std::string>& notes, const std::string& prefix) {
  for (const auto& n : notes) {
    const std::string line = prefix + n;
    if (std::find(to.begin(), to.end(), line) == to.end()) to.push_back(line);
  }
}

// Fits every imputation with `fit`, pools, and fills what every regression shares.
template <class Fit>
pooled_regression pool_fits(const imputation_split& data, double level, Fit fit) {
  if (data.imputations.size() < 2) {
    throw argument_error("pooling a regression needs at least 2 imputations, got " +
                         std::to_string(data.imputations.size()));
  }
  pooled_regression out;
  out.imputation_column = data.column;
  out.notes = data.notes;
  std::vector<imputation_estimates> estimates;
  double df_complete = 0.0;
  for (std::size_t i = 0; i < data.imputations.size(); ++i) {
    const auto f = fit(data.imputations[i]);
    estimates.push_back(estimates_of(f));
    const std::string where = "imputation " + std::to_string(i + 1) + ": ";
    add_notes(out.notes, f.notes, i == 0 ? std::string() : where);
    if (i > 0 && f.n != out.n) {
      out.notes.push_back(where + std::to_string(f.n) + " cases used, " + std::to_string(out.n) +
                          " in imputation 1 (missing values left in the imputed data?)");
    }
    if (i > 0) continue;
    out.response = f.response;
    out.n = f.n;
    out.n_excluded = f.n_excluded;
    out.missing_by_column = f.missing_by_column;
    out.aliased_terms = f.aliased_terms;
    df_complete = f.df_residual;
  }
  pooling_options options;
  options.df_complete = df_complete > 0 ? df_complete : std::numeric_limits<double>::infinity();
  options.level = level;
  if (!(df_complete > 0)) out.notes.push_back("no residual degrees of freedom: nu_com taken as infinite");
  out.pooled = pool_estimates(estimates, options);
  add_notes(out.notes, out.pooled.notes, "");
  return out;
}

}  // namespace

pooled_regression pool_ols(const imputation_split& data, const model_spec& spec, const ols_options& options) {
  pooled_regression out =
      pool_fits(data, options.level, [&](const table& t) { return fit_ols(t, spec, options); });
  out.se_type = spec.cluster.empty() ? std::string(to_string(options.se)) : std::string(to_string(options.cluster_se));
  return out;
}

pooled_regression pool_glm(const imputation_split& data, const model_spec& spec, const glm_options& options) {
  pooled_regression out =
      pool_fits(data, options.level, [&](const table& t) { return fit_glm(t, spec, options); });
  out.family = std::string(to_string(options.family));
  out.link = std::string(link_name(options.family, options.link));
  out.se_type = spec.cluster.empty() ? "classical" : std::string(to_string(options.cluster_se));
  out.exponentiate = !(options.family == glm_family::binomial && options.link == glm_link::probit);
  return out;
}

pooled_change pool_change(const imputation_split& data, const std::string& pre, const std::string& post,
                          double level) {
  if (data.imputations.size() < 2) {
    throw argument_error("pooling a change needs at least 2 imputations, got " +
                         std::to_string(data.imputations.size()));
  }
  pooled_change out;
  out.pre = pre;
  out.post = post;
  out.imputation_column = data.column;
  out.notes = data.notes;
  std::vector<imputation_estimates> estimates;
  for (std::size_t i = 0; i < data.imputations.size(); ++i) {
    const change_data d = read_change_data(data.imputations[i], pre, post);
    const paired_t_result t = paired_t_test(d.pre, d.post, level);
    const std::string where = "imputation " + std::to_string(i + 1);
    if (t.n < 3 || !(t.sd_diff > 0)) {
      throw argument_error(where + ": the change " + pre + " -> " + post + " needs 3 pairs and some variation (" +
                           std::to_string(t.n) + " pairs)");
    }
    const double n = static_cast<double>(t.n);
    const double d_z = t.mean_diff / t.sd_diff;
    const std::vector<double> est = {t.mean_diff, d_z};
    const std::vector<double> se = {t.se_diff, std::sqrt(1.0 / n + d_z * d_z / (2.0 * n))};
    estimates.push_back(estimates_from_se({"mean_change", "d_z"}, est, se));
    if (i == 0) {
      out.n = t.n;
      out.n_excluded = t.n_excluded;
    } else if (t.n != out.n) {
      out.notes.push_back(where + ": " + std::to_string(t.n) + " pairs, " + std::to_string(out.n) +
                          " in imputation 1 (missing values left in the imputed data?)");
    }
  }
  pooling_options options;
  options.df_complete = static_cast<double>(out.n) - 1.0;
  options.level = level;
  out.pooled = pool_estimates(estimates, options);
  return out;
}

imputation_estimates estimates_from_se(std::vector<std::string> terms, std::span<const double> estimate,
                                       std::span<const double> se) {
  if (terms.size() != estimate.size() || terms.size() != se.size()) {
    throw argument_error("estimates_from_se: " + std::to_string(terms.size()) + " terms, " +
                         std::to_string(estimate.size()) + " estimates and " + std::to_string(se.size()) +
                         " standard errors");
  }
  imputation_estimates out;
  out.terms = std::move(terms);
  const auto k = static_cast<Eigen::Index>(estimate.size());
  out.estimate = Eigen::Map<const Eigen::VectorXd>(estimate.data(), k);
  const Eigen::VectorXd s = Eigen::Map<const Eigen::VectorXd>(se.data(), k);
  out.covariance = s.array().square().matrix().asDiagonal();
  return out;
}

imputation_estimates estimates_of(const ols_result& fit) { return non_aliased(fit); }
imputation_estimates estimates_of(const glm_result& fit) { return non_aliased(fit); }

void pooling_options::validate() const {
  if (!(df_complete > 0)) {
    throw argument_error("pooling: the complete-data degrees of freedom must be positive (or infinite), not " +
                         std::to_string(df_complete));
  }
  check_level(level, "pooling");
}

const pooled_estimate& pooling_result::at(const std::string& term) const {
  for (const auto& e : estimates) {
    if (e.term == term) return e;
  }
  std::string known;
  for (const auto& e : estimates) known += (known.empty() ? "" : ", ") + e.term;
  throw argument_error("no pooled estimate of '" + term + "' (pooled: " + known + ")");
}

pooling_result pool_estimates(std::span<const imputation_estimates> imputations, const pooling_options& options) {
  options.validate();
  if (imputations.size() < 2) {
    throw argument_error("pool_estimates: Rubin's rules need at least 2 imputations, got " +
                         std::to_string(imputations.size()));
  }
  for (std::size_t i = 0; i < imputations.size(); ++i) check_imputation(imputations[0], imputations[i], i);
  const double m = static_cast<double>(imputations.size());
  const auto k = static_cast<Eigen::Index>(imputations[0].terms.size());
  Eigen::VectorXd q_bar = Eigen::VectorXd::Zero(k);
  Eigen::MatrixXd u_bar = Eigen::MatrixXd::Zero(k, k);
  for (const auto& imp : imputations) {
    q_bar += imp.estimate;
    u_bar += imp.covariance;
  }
  q_bar /= m;
  u_bar /= m;
  Eigen::MatrixXd b = Eigen::MatrixXd::Zero(k, k);
  for (const auto& imp : imputations) {
    const Eigen::VectorXd d = imp.estimate - q_bar;
    b += d * d.transpose();
  }
  b /= m - 1.0;
  pooling_result out;
  out.m = imputations.size();
  out.df_complete = options.df_complete;
  out.level = options.level;
  out.total_covariance = u_bar + (1.0 + 1.0 / m) * b;
  for (Eigen::Index j = 0; j < k; ++j) {
    out.estimates.push_back(pool_one(imputations[0].terms[j], q_bar(j), u_bar(j, j), b(j, j), m, options));
    if (u_bar(j, j) == 0.0) {
      out.notes.push_back("term '" + imputations[0].terms[j] +
                          "' has no within-imputation variance: riv is not defined");
    }
  }
  return out;
}

}  // namespace socialcure

#include "socialcure/models/ols.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <utility>

#include <Eigen/LU>

#include "core/detail/parallel.hpp"
#include "models/detail/cluster_inference.hpp"
#include "models/detail/least_squares.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/core/number.hpp"
#include "socialcure/data/describe.hpp"
#include "socialcure/core/distributions.hpp"

namespace socialcure {

std::string_view to_string(se_type type) noexcept {
  switch (type) {
    case se_type::classical: return "classical";
    case se_type::hc0: return "hc0";
    case se_type::hc1: return "hc1";
    case se_type::hc2: return "hc2";
    case se_type::hc3: return "hc3";
    case se_type::hc4: return "hc4";
  }
  return "classical";
}

se_type parse_se_type(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  for (se_type t : {se_type::classical, se_type::hc0, se_type::hc1, se_type::hc2, se_type::hc3, se_type::hc4}) {
    if (lower == to_string(t)) return t;
  }
  throw argument_error("unknown standard-error type '" + std::string(text) +
                       "' (allowed: classical, hc0, hc1, hc2, hc3, hc4)");
}

void ols_options::validate() const {
  check_level(level, "ols_options");
  if (!(tolerance >= 0.0)) throw argument_error("the rank tolerance must be >= 0");
  if (refinement_steps < 0) throw argument_error("refinement_steps must be >= 0");
}

const coefficient& ols_result::at(std::string_view term) const { return find_coefficient(coefficients, term); }

namespace {

std::string collinearity_message(const detail::least_squares& ls, const std::vector<std::string>& terms) {
  std::string message = "the design matrix is rank deficient:";
  for (std::size_t d = 0; d < ls.dropped.size(); ++d) {
    const Eigen::VectorXd& w = ls.dependencies[d];
    const double largest = w.size() > 0 ? w.cwiseAbs().maxCoeff() : 0.0;
    std::string parts;
    for (Eigen::Index k = 0; k < w.size(); ++k) {
      if (std::fabs(w(k)) > 1e-8 * largest && largest > 0) {
        parts += (parts.empty() ? "" : " + ") + format_number(w(k)) + " * " +
                 terms[static_cast<std::size_t>(ls.kept[static_cast<std::size_t>(k)])];
      }
    }
    message += (d == 0 ? " " : "; ") + std::string("'") + terms[static_cast<std::size_t>(ls.dropped[d])] + "' = " +
               (parts.empty() ? "0 (the column is constant zero)" : parts);
  }
  return message + " (remove the redundant term, or let it be dropped as R's lm does: --drop-collinear, "
                   "rank_policy::drop)";
}

double hc_weight(se_type type, double e, double h, double n, double p) {
  const double e2 = e * e;
  const double one_minus_h = 1.0 - h;
  switch (type) {
    case se_type::hc0: return e2;
    case se_type::hc1: return e2 * n / (n - p);
    case se_type::hc2: return e2 / one_minus_h;
    case se_type::hc3: return e2 / (one_minus_h * one_minus_h);
    case se_type::hc4: return e2 / std::pow(one_minus_h, std::min(4.0, n * h / p));
    case se_type::classical: return e2;
  }
  return e2;
}

bool needs_leverage(se_type type) { return type == se_type::hc2 || type == se_type::hc3 || type == se_type::hc4; }

// One pass over the design: the HC meat X' diag(w) X (unless the covariance is classical) and, with
// `diagnostics`, the per-case diagnostics (fitted values, residuals, leverages, Cook's distances
// e_i^2 h_ii / (p sigma^2 (1 - h_ii)^2)) stored in `out`. \throws data_error on a case with
// leverage 1 under HC2-HC4.
Eigen::MatrixXd hc_meat_and_diagnostics(ols_result& out, const Eigen::Ref<const Eigen::MatrixXd>& x,
                                        const Eigen::Ref<const Eigen::VectorXd>& y, detail::least_squares& ls,
                                        se_type type, bool diagnostics, double sigma2, unsigned threads) {
  const Eigen::Index n_index = x.rows();
  const double n = static_cast<double>(n_index);
  const double p = static_cast<double>(ls.rank);
  const auto r = static_cast<Eigen::Index>(ls.rank);
  const bool meat_wanted = type != se_type::classical;
  const Eigen::VectorXd& e = ls.residuals;
  // Each chunk of cases sums its own meat; the chunks' meats are added in order at the end.
  std::vector<Eigen::MatrixXd> meats(detail::row_chunks(n_index), Eigen::MatrixXd::Zero(r, r));
  if (diagnostics) {
    out.leverage.resize(n_index);
    out.cooks_distance.resize(n_index);
  }
  detail::for_each_block_with_leverage(
      x, ls, needs_leverage(type) || diagnostics, threads,
      [&](const detail::row_block& block, const Eigen::VectorXd& h, std::size_t chunk) {
        const Eigen::Index first = block.first;
        const Eigen::Index count = block.count;
        if (needs_leverage(type)) {
          for (Eigen::Index i = 0; i < count; ++i) {
            if (1.0 - h(i) <= 1e-12) {
              throw data_error({}, "case " + std::to_string(first + i + 1) + " has leverage 1, so " +
                                       std::string(to_string(type)) +
                                       " standard errors are undefined (use hc0 or hc1, or remove the case)");
            }
          }
        }
        if (meat_wanted) {
          Eigen::VectorXd w(count);
          for (Eigen::Index i = 0; i < count; ++i) w(i) = hc_weight(type, e(first + i), h.size() > 0 ? h(i) : 0.0, n, p);
          detail::add_weighted_cross_product(block, w.data(), meats[chunk]);
        }
        if (!diagnostics) return;
        out.leverage.segment(first, count) = h;
        for (Eigen::Index i = 0; i < count; ++i) {
          const double hi = h(i);
          const double ei = e(first + i);
          out.cooks_distance(first + i) = ei * ei * hi / (p * sigma2 * (1.0 - hi) * (1.0 - hi));
        }
      });
  Eigen::MatrixXd meat = Eigen::MatrixXd::Zero(r, r);
  for (const auto& m : meats) meat += m;
  if (diagnostics) {
    out.residuals = std::move(ls.residuals);
    out.fitted = y - out.residuals;
  }
  return meat;
}

// Wald F over the kept non-intercept terms under the robust covariance, on (q, df2) df; missing
// (with a note) when the covariance of a cluster-robust fit cannot have full rank (q > G - 1).
void set_wald_f(ols_result& out, const detail::least_squares& ls, Eigen::Index first, double df2) {
  const Eigen::Index q = static_cast<Eigen::Index>(ls.rank) - first;
  out.wald_f_df1 = static_cast<double>(q);
  out.wald_f_df2 = df2;
  if (out.cluster && static_cast<double>(q) > df2) {
    out.notes.push_back("the Wald F test is not reported: " + std::to_string(q) + " terms but only " +
                        std::to_string(out.cluster->clusters) + " clusters, so their cluster-robust covariance is singular");
    return;
  }
  Eigen::VectorXd b(q);
  for (Eigen::Index k = 0; k < q; ++k) b(k) = ls.coef(ls.kept[static_cast<std::size_t>(k + first)]);
  const Eigen::MatrixXd v = out.covariance.bottomRightCorner(q, q);
  out.wald_f = b.dot(v.fullPivLu().solve(b)) / static_cast<double>(q);
  out.wald_f_p = f_upper_p(out.wald_f, static_cast<double>(q), df2);
}

ols_result fit_ols_impl(const Eigen::Ref<const Eigen::MatrixXd>& x, const Eigen::Ref<const Eigen::VectorXd>& y,
                        const std::vector<std::string>& terms, bool intercept, const ols_options& options,
                        const cluster_assignment* clusters) {
  options.validate();
  if (clusters != nullptr && options.se != se_type::classical) {
    throw argument_error("choose either " + std::string(to_string(options.se)) +
                         " or cluster-robust standard errors, not both (a cluster column was given)");
  }
  if (static_cast<Eigen::Index>(terms.size()) != x.cols()) {
    throw argument_error("fit_ols: " + std::to_string(terms.size()) + " term names for " + std::to_string(x.cols()) +
                         " columns");
  }
  if (x.rows() != y.size()) throw argument_error("fit_ols: X and y have different numbers of rows");
  // A value that is not finite makes its column's sum of squares NaN or infinite, so only then is
  // the column searched (one pass over X gives both checks and the scales of the fit).
  Eigen::VectorXd sums_of_squares = detail::column_sums_of_squares(x, options.threads);
  if ((!sums_of_squares.allFinite() && !x.allFinite()) || !y.allFinite()) {
    throw argument_error("fit_ols: X and y must be finite (no missing values)");
  }
  // Fewer cases than coefficients: the design is rank deficient whatever the variables, so say
  // what is wrong (the sample size) rather than which column happened to be dropped.
  if (x.rows() < x.cols() && options.on_rank_deficiency == rank_policy::error) {
    throw data_error({}, detail::fewer_cases_problem(x.rows(), x.cols()));
  }
  // Values whose squares leave the range of a double would read as a constant zero or infinite
  // column (a wrong collinearity message) or give infinite or NaN estimates.
  if (const detail::column_magnitude m = detail::find_column_out_of_range(x, sums_of_squares); m.column >= 0) {
    throw data_error({}, detail::magnitude_problem(m, "'" + terms[static_cast<std::size_t>(m.column)] + "'"));
  }
  if (const detail::column_magnitude m = detail::find_column_out_of_range(y); m.column >= 0) {
    throw data_error({}, detail::magnitude_problem(m, "the response"));
  }

  detail::least_squares_options ls_options;
  ls_options.tolerance = options.tolerance;
  ls_options.refinement_steps = options.refinement_steps;
  ls_options.column_sums_of_squares = std::move(sums_of_squares);
  ls_options.threads = options.threads;
  detail::least_squares ls = detail::solve_least_squares(x, y, ls_options);
  if (!ls.dropped.empty() && options.on_rank_deficiency == rank_policy::error) {
    throw data_error({}, collinearity_message(ls, terms));
  }

  ols_result out;
  const auto n_index = x.rows();
  const double n = static_cast<double>(n_index);
  const double p = static_cast<double>(ls.rank);
  out.n = static_cast<std::size_t>(n_index);
  out.intercept = intercept;
  out.se = options.se;
  out.level = options.level;
  out.rank = ls.rank;
  out.df_residual = n - p;
  if (out.df_residual < 1) {
    throw data_error({}, std::to_string(out.n) + " cases for " + std::to_string(x.cols()) + " coefficients" +
                             (ls.dropped.empty() ? std::string() : " (" + std::to_string(ls.rank) + " estimable)") +
                             ": no residual degrees of freedom");
  }
  for (Eigen::Index j : ls.dropped) out.aliased_terms.push_back(terms[static_cast<std::size_t>(j)]);

  const Eigen::VectorXd& e = ls.residuals;
  long double rss = 0.0L;
  for (Eigen::Index i = 0; i < n_index; ++i) rss += static_cast<long double>(e(i)) * e(i);
  out.rss = static_cast<double>(rss);
  const double sigma2 = out.rss / out.df_residual;
  out.sigma = std::sqrt(sigma2);

  // R^2 = 1 - RSS/TSS and the overall F from MSS = TSS - RSS, with TSS about the mean when the
  // model has an intercept and about zero otherwise (summary.lm's conventions).
  const bool has_intercept_kept = intercept && std::find(ls.kept.begin(), ls.kept.end(), 0) != ls.kept.end();
  const mean_sd y_stats = mean_and_sd(std::span<const double>(y.data(), out.n));
  const double centre = has_intercept_kept ? y_stats.mean : 0.0;
  long double tss = 0.0L;
  for (Eigen::Index i = 0; i < n_index; ++i) {
    const long double d = static_cast<long double>(y(i)) - centre;
    tss += d * d;
  }
  const long double mss = tss - rss;
  const double df_model = p - (has_intercept_kept ? 1.0 : 0.0);
  // 0/0 for a constant response; exactly 0 for a model of the mean alone (RSS = TSS, whose rounding
  // would otherwise leave a value near 1e-19; R's summary.lm gives 0 from its MSS).
  if (tss > 0.0L) {
    out.r_squared = df_model > 0 ? static_cast<double>(1.0L - rss / tss) : 0.0;
  } else {
    out.r_squared = missing_value;
  }
  out.adj_r_squared = 1.0 - (1.0 - out.r_squared) * (n - (has_intercept_kept ? 1.0 : 0.0)) / out.df_residual;
  out.f_df1 = df_model;
  out.f_df2 = out.df_residual;
  if (df_model > 0 && tss > 0.0L) {
    out.f_statistic = out.rss == 0.0 ? std::numeric_limits<double>::infinity()
                                     : static_cast<double>(mss / df_model) / sigma2;
    out.f_p = f_upper_p(out.f_statistic, out.f_df1, out.f_df2);
  } else {
    out.f_statistic = out.f_p = missing_value;  // a constant response: F = 0/0, not infinite (R: NaN)
  }
  if (tss == 0.0L) {
    out.notes.push_back("the response does not vary: R-squared, the overall F test and the t tests are undefined");
  }

  // Cluster-robust covariance (before the residuals may move into the result below).
  std::optional<cluster_covariance> clustered;
  if (clusters != nullptr) {
    clustered = compute_cluster_covariance(detail::working_design(x, ls.kept, Eigen::VectorXd()), ls.residuals,
                                           Eigen::VectorXd(), ls.xtx_inverse, *clusters, options.cluster_se);
    out.cluster = detail::describe_clustering(*clusters, options.cluster_se, out.notes);
  }

  // Covariance of the kept coefficients; the pass over the design that the HC meat needs also
  // gives the diagnostics, when asked for (the residuals move into the result last).
  const Eigen::Index r = static_cast<Eigen::Index>(ls.rank);
  if (options.se != se_type::classical || options.diagnostics) {
    const Eigen::MatrixXd meat = hc_meat_and_diagnostics(out, x, y, ls, options.se, options.diagnostics, sigma2,
                                                         options.threads);
    if (options.se != se_type::classical) out.covariance = ls.xtx_inverse * meat * ls.xtx_inverse;
  }
  if (options.se == se_type::classical) out.covariance = clustered ? clustered->covariance : sigma2 * ls.xtx_inverse;
  if (!out.covariance.allFinite()) {  // e.g. squared residuals times squared values beyond 1e308 (HC)
    throw data_error({}, "the covariance of the estimates overflows double precision (values too large): rescale the "
                         "variables (e.g. other units)");
  }

  // Coefficient table: t tests on n - p df, or on the cluster-robust df.
  Eigen::VectorXd x_sd = Eigen::VectorXd::Constant(x.cols(), missing_value);
  const Eigen::Index first_sd = intercept ? 1 : 0;  // the intercept's SD is not used
  // A column per piece of work, on more threads only when the columns are long.
  const unsigned sd_threads = detail::row_chunks(n_index) > 1 ? options.threads : 1;
  detail::run_pieces(static_cast<std::size_t>(x.cols() - first_sd), sd_threads, [&](std::size_t piece) {
    const Eigen::Index j = first_sd + static_cast<Eigen::Index>(piece);
    if (x.innerStride() == 1) {
      x_sd(j) = mean_and_sd(std::span<const double>(x.col(j).data(), out.n)).sd;
    } else {
      const Eigen::VectorXd column = x.col(j);
      x_sd(j) = mean_and_sd(std::span<const double>(column.data(), out.n)).sd;
    }
  });
  out.coefficients.resize(terms.size());
  for (std::size_t j = 0; j < terms.size(); ++j) out.coefficients[j].term = terms[j];
  for (Eigen::Index j : ls.dropped) out.coefficients[static_cast<std::size_t>(j)].aliased = true;
  for (Eigen::Index k = 0; k < r; ++k) {
    const Eigen::Index j = ls.kept[static_cast<std::size_t>(k)];
    coefficient& c = out.coefficients[static_cast<std::size_t>(j)];
    c.estimate = ls.coef(j);
    detail::set_inference(c, std::sqrt(out.covariance(k, k)), clustered ? clustered->df(k) : out.df_residual,
                          options.level);
    if (!(intercept && j == 0)) c.std_estimate = c.estimate * x_sd(j) / y_stats.sd;
  }

  // Variance inflation factors: with an intercept, the predictor block of (X'X)^{-1} is the inverse
  // of the centred cross-product matrix, so VIF_j = [(X'X)^{-1}]_jj * sum_i (x_ij - mean_j)^2.
  if (has_intercept_kept && r >= 2) {
    for (Eigen::Index k = 1; k < r; ++k) {
      const Eigen::Index j = ls.kept[static_cast<std::size_t>(k)];
      out.coefficients[static_cast<std::size_t>(j)].vif = ls.xtx_inverse(k, k) * x_sd(j) * x_sd(j) * (n - 1.0);
    }
  }


  // Wald F under the robust covariance (the intercept is kept[0] when kept).
  if ((options.se != se_type::classical || clustered) && df_model > 0) {
    set_wald_f(out, ls, has_intercept_kept ? 1 : 0,
               clustered ? static_cast<double>(clustered->clusters) - 1.0 : out.df_residual);
  }
  return out;
}

}  // namespace

ols_result fit_ols(const Eigen::Ref<const Eigen::MatrixXd>& x, const Eigen::Ref<const Eigen::VectorXd>& y,
                   const std::vector<std::string>& terms, bool intercept, const ols_options& options) {
  return fit_ols_impl(x, y, terms, intercept, options, nullptr);
}

ols_result fit_ols(const model_frame& frame, const ols_options& options) {
  ols_result out;
  try {
    out = fit_ols_impl(frame.x, frame.y, frame.term_names(), frame.intercept, options,
                       frame.clusters.empty() ? nullptr : &frame.clusters);
  } catch (const data_error& e) {
    throw data_error({frame.source, 0, {}, {}, {}}, "model for '" + frame.response + "': " + e.problem(), e.value(),
                     e.allowed());
  }
  out.response = frame.response;
  out.n_excluded = frame.n_excluded;
  out.missing_by_column = frame.missing_by_column;
  out.rows = frame.rows;
  return out;
}

ols_result fit_ols(const table& data, const model_spec& spec, const ols_options& options) {
  options.validate();
  return fit_ols(build_model_frame(data, spec, options.threads), options);
}

}  // namespace socialcure

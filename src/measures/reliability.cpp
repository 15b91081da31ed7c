#include "socialcure/measures/reliability.hpp"

#include <algorithm>
#include <cmath>

#include <Eigen/Eigenvalues>
#include <Eigen/LU>

#include "socialcure/core/error.hpp"
#include "socialcure/core/missing.hpp"
#include "socialcure/core/number.hpp"
#include "socialcure/data/describe.hpp"
#include "socialcure/core/distributions.hpp"

namespace socialcure {

void reliability_options::validate() const {
  check_level(level, "reliability_options");
}

Eigen::MatrixXd item_matrix(const table& data, const std::vector<std::string>& columns,
                            const std::vector<std::string>& reverse, double min_code, double max_code) {
  for (const auto& r : reverse) {
    if (std::find(columns.begin(), columns.end(), r) == columns.end()) {
      throw argument_error("the reverse-keyed item '" + r + "' is not among the items");
    }
  }
  if (!reverse.empty() && !(min_code < max_code)) {
    throw argument_error("reverse-keying needs the response range (min < max), not " + format_number(min_code) + ".." +
                         format_number(max_code));
  }
  Eigen::MatrixXd out(static_cast<Eigen::Index>(data.rows()), static_cast<Eigen::Index>(columns.size()));
  for (std::size_t j = 0; j < columns.size(); ++j) {
    const column& c = data.get(columns[j]);
    if (!c.is_numeric()) throw argument_error(data.source() + ": item column '" + columns[j] + "' is text");
    const bool rev = std::find(reverse.begin(), reverse.end(), columns[j]) != reverse.end();
    const auto values = c.numbers();
    for (std::size_t i = 0; i < values.size(); ++i) {
      const double v = values[i];
      out(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = rev && !is_missing(v) ? min_code + max_code - v : v;
    }
  }
  return out;
}

namespace {

// Covariance matrix with pairwise or listwise deletion (R's cov(use = "pairwise" / "complete")).
Eigen::MatrixXd covariance(const Eigen::MatrixXd& x) {
  const Eigen::Index k = x.cols();
  if (x.rows() >= 2 && !x.hasNaN()) {  // complete data: one centred cross-product
    const Eigen::MatrixXd centred = x.rowwise() - x.colwise().mean();
    return (centred.transpose() * centred) / static_cast<double>(x.rows() - 1);
  }
  Eigen::MatrixXd c(k, k);
  for (Eigen::Index a = 0; a < k; ++a) {
    for (Eigen::Index b = a; b < k; ++b) {
      double sa = 0.0, sb = 0.0;
      std::size_t m = 0;
      for (Eigen::Index i = 0; i < x.rows(); ++i) {
        if (is_missing(x(i, a)) || is_missing(x(i, b))) continue;
        sa += x(i, a);
        sb += x(i, b);
        ++m;
      }
      double cov = missing_value;
      if (m >= 2) {
        const double ma = sa / static_cast<double>(m);
        const double mb = sb / static_cast<double>(m);
        double s = 0.0;
        for (Eigen::Index i = 0; i < x.rows(); ++i) {
          if (is_missing(x(i, a)) || is_missing(x(i, b))) continue;
          s += (x(i, a) - ma) * (x(i, b) - mb);
        }
        cov = s / static_cast<double>(m - 1);
      }
      c(a, b) = c(b, a) = cov;
    }
  }
  return c;
}

// Correlation matrix with each pair's correlation from the cases answering both items (R's
// cor(use = "pairwise"): means and SDs from those cases too).
Eigen::MatrixXd pairwise_correlation(const Eigen::MatrixXd& x) {
  const Eigen::Index k = x.cols();
  Eigen::MatrixXd r = Eigen::MatrixXd::Identity(k, k);
  for (Eigen::Index a = 0; a < k; ++a) {
    for (Eigen::Index b = a + 1; b < k; ++b) {
      Eigen::MatrixXd pair(x.rows(), 2);
      Eigen::Index m = 0;
      for (Eigen::Index i = 0; i < x.rows(); ++i) {
        if (is_missing(x(i, a)) || is_missing(x(i, b))) continue;
        pair(m, 0) = x(i, a);
        pair(m, 1) = x(i, b);
        ++m;
      }
      double value = missing_value;
      if (m >= 2) {
        const Eigen::MatrixXd centred = pair.topRows(m).rowwise() - pair.topRows(m).colwise().mean();
        value = centred.col(0).dot(centred.col(1)) / (centred.col(0).norm() * centred.col(1).norm());
      }
      r(a, b) = r(b, a) = value;
    }
  }
  return r;
}

Eigen::MatrixXd to_correlation(const Eigen::MatrixXd& c) {
  const Eigen::VectorXd inv_sd = c.diagonal().cwiseSqrt().cwiseInverse();
  return inv_sd.asDiagonal() * c * inv_sd.asDiagonal();
}

double raw_alpha_of(const Eigen::MatrixXd& c) {
  const double k = static_cast<double>(c.rows());
  return k / (k - 1.0) * (1.0 - c.trace() / c.sum());
}

double std_alpha_of(const Eigen::MatrixXd& r) {
  const double k = static_cast<double>(r.rows());
  return k / (k - 1.0) * (1.0 - k / r.sum());
}

Eigen::MatrixXd drop(const Eigen::MatrixXd& m, Eigen::Index i) {
  const Eigen::Index k = m.rows();
  Eigen::MatrixXd out(k - 1, k - 1);
  for (Eigen::Index a = 0, ra = 0; a < k; ++a) {
    if (a == i) continue;
    for (Eigen::Index b = 0, rb = 0; b < k; ++b) {
      if (b == i) continue;
      out(ra, rb++) = m(a, b);
    }
    ++ra;
  }
  return out;
}

// Rows kept under the missing-data rule; `any` keeps rows with at least one answer.
std::vector<Eigen::Index> usable_rows(const Eigen::MatrixXd& x, bool complete) {
  std::vector<Eigen::Index> rows;
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    Eigen::Index answered = 0;
    for (Eigen::Index j = 0; j < x.cols(); ++j) answered += is_missing(x(i, j)) ? 0 : 1;
    if (complete ? answered == x.cols() : answered > 0) rows.push_back(i);
  }
  return rows;
}

Eigen::MatrixXd take_rows(const Eigen::MatrixXd& x, const std::vector<Eigen::Index>& rows) {
  Eigen::MatrixXd out(static_cast<Eigen::Index>(rows.size()), x.cols());
  for (std::size_t r = 0; r < rows.size(); ++r) out.row(static_cast<Eigen::Index>(r)) = x.row(rows[r]);
  return out;
}

}  // namespace

alpha_result cronbach_alpha(const Eigen::Ref<const Eigen::MatrixXd>& items, const std::vector<std::string>& names,
                            const reliability_options& options) {
  options.validate();
  const Eigen::Index k = items.cols();
  if (k < 2) throw argument_error("alpha needs at least 2 items, not " + std::to_string(k));
  if (static_cast<Eigen::Index>(names.size()) != k) {
    throw argument_error("alpha: " + std::to_string(names.size()) + " names for " + std::to_string(k) + " items");
  }
  // Pairwise (psych's default): rows with at least one answer (psych also counts wholly empty rows
  // in the n of its Feldt CI; here they are excluded and counted); listwise: complete rows.
  const bool listwise = options.missing == missing_handling::listwise;
  const Eigen::MatrixXd x = take_rows(items, usable_rows(items, listwise));
  alpha_result out;
  out.n = static_cast<std::size_t>(x.rows());
  out.n_excluded = static_cast<std::size_t>(items.rows()) - out.n;
  out.k = static_cast<std::size_t>(k);
  out.missing = options.missing;
  out.level = options.level;
  const Eigen::MatrixXd c = covariance(x);
  for (Eigen::Index j = 0; j < k; ++j) {
    const std::string& name = names[static_cast<std::size_t>(j)];
    const Eigen::Index answered = x.rows() - x.col(j).array().isNaN().count();
    if (answered >= 2 && !std::isfinite(c(j, j))) {  // not "no variance": the squares overflowed
      throw data_error({{}, 0, name, {}, name},
                       "the item's values are too large for its variance in double precision, so alpha is undefined",
                       format_number(x.col(j).array().isNaN().select(0.0, x.col(j).array().abs()).maxCoeff()));
    }
    if (!(c(j, j) > 0.0)) {
      throw data_error({{}, 0, name, {}, name},
                       "the item has no variance (or fewer than 2 answers), so alpha is undefined");
    }
  }
  if (!c.allFinite()) throw data_error({}, "two items have fewer than 2 cases in common, so alpha is undefined");
  if (!std::isfinite(c.sum())) {
    throw data_error({}, "the items' values are too large for the total variance in double precision, so alpha is "
                         "undefined");
  }
  const Eigen::MatrixXd r = to_correlation(c);
  out.raw_alpha = raw_alpha_of(c);
  out.std_alpha = std_alpha_of(r);
  out.average_r = (r.sum() - static_cast<double>(k)) / static_cast<double>(k * (k - 1));

  // Feldt CI on (n - 1, (n - 1)(k - 1)) df.
  const double n = static_cast<double>(out.n);
  const double df1 = n - 1.0;
  const double df2 = (n - 1.0) * (static_cast<double>(k) - 1.0);
  const double tail = (1.0 - options.level) / 2.0;
  out.alpha_ci_lower = 1.0 - (1.0 - out.raw_alpha) * f_quantile(1.0 - tail, df1, df2);
  out.alpha_ci_upper = 1.0 - (1.0 - out.raw_alpha) * f_quantile(tail, df1, df2);

  // Respondents' mean of their answered items.
  std::vector<double> person_means;
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    double s = 0.0;
    int m = 0;
    for (Eigen::Index j = 0; j < k; ++j) {
      if (!is_missing(x(i, j))) {
        s += x(i, j);
        ++m;
      }
    }
    if (m > 0) person_means.push_back(s / m);
  }
  const mean_sd total = mean_and_sd(person_means);
  out.mean = total.mean;
  out.sd = total.sd;

  for (Eigen::Index j = 0; j < k; ++j) {
    item_statistics s;
    s.item = names[static_cast<std::size_t>(j)];
    const Eigen::VectorXd column = x.col(j);
    const mean_sd m = mean_and_sd(std::span<const double>(column.data(), static_cast<std::size_t>(column.size())));
    s.n = m.n;
    s.mean = m.mean;
    s.sd = m.sd;
    const Eigen::MatrixXd c_rest = drop(c, j);
    s.r_drop = (c.row(j).sum() - c(j, j)) / std::sqrt(c(j, j) * c_rest.sum());
    if (k > 2) {
      s.alpha_if_deleted = raw_alpha_of(c_rest);
      s.std_alpha_if_deleted = std_alpha_of(drop(r, j));
    } else {
      s.alpha_if_deleted = s.std_alpha_if_deleted = missing_value;
    }
    out.items.push_back(std::move(s));
  }
  return out;
}

omega_result omega_total(const Eigen::Ref<const Eigen::MatrixXd>& items, const reliability_options& options) {
  options.validate();
  const Eigen::Index k = items.cols();
  if (k < 3) throw argument_error("a one-factor omega needs at least 3 items, not " + std::to_string(k));
  const bool listwise = options.missing == missing_handling::listwise;
  const auto rows = usable_rows(items, listwise);
  const Eigen::MatrixXd x = take_rows(items, rows);
  const Eigen::MatrixXd c = covariance(x);
  if (!c.allFinite() || (c.diagonal().array() <= 0.0).any()) {
    throw data_error({}, "an item has no variance or too few answers, so omega is undefined");
  }
  const Eigen::MatrixXd r = listwise ? to_correlation(c) : pairwise_correlation(x);
  const Eigen::FullPivLU<Eigen::MatrixXd> lu(r);
  if (!lu.isInvertible()) throw data_error({}, "the item correlation matrix is singular, so omega is undefined");
  const Eigen::MatrixXd r_inv = lu.inverse();

  omega_result out;
  out.n = rows.size();
  // Iterated principal-axis factoring from squared multiple correlations (converges to minres).
  Eigen::VectorXd h = (1.0 - r_inv.diagonal().cwiseInverse().array()).matrix();
  Eigen::VectorXd l(k);
  for (int iter = 1; iter <= 10000; ++iter) {
    Eigen::MatrixXd reduced = r;
    reduced.diagonal() = h;
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(reduced);
    const double lambda = eig.eigenvalues()(k - 1);
    l = eig.eigenvectors().col(k - 1) * std::sqrt(std::max(lambda, 0.0));
    if (l.sum() < 0) l = -l;
    Eigen::VectorXd next = l.cwiseProduct(l);
    // Uniquenesses are bounded below at 0.005 (psych's bound): communalities at most 0.995.
    for (Eigen::Index j = 0; j < k; ++j) {
      if (next(j) > 0.995) {
        next(j) = 0.995;
        out.heywood = true;
      }
    }
    const double change = (next - h).cwiseAbs().maxCoeff();
    h = next;
    out.iterations = iter;
    if (change < 1e-14) break;
  }
  out.loadings.assign(l.data(), l.data() + k);
  const double uniqueness = static_cast<double>(k) - h.sum();
  out.omega_total = 1.0 - uniqueness / r.sum();
  return out;
}

double spearman_brown(double reliability, double factor) {
  return factor * reliability / (1.0 + (factor - 1.0) * reliability);
}

double standard_error_of_measurement(double sd, double reliability) { return sd * std::sqrt(1.0 - reliability); }

const icc_estimate& icc_result::at(const std::string& type) const {
  for (const auto& e : estimates) {
    if (e.type == type) return e;
  }
  throw argument_error("no ICC of type '" + type + "' (ICC1, ICC2, ICC3, ICC1k, ICC2k, ICC3k)");
}

icc_result intraclass_correlation(const Eigen::Ref<const Eigen::MatrixXd>& ratings, double level) {
  check_level(level, "intraclass_correlation");
  const auto rows = usable_rows(ratings, true);
  const Eigen::MatrixXd x = take_rows(ratings, rows);
  icc_result out;
  out.n = rows.size();
  out.n_excluded = static_cast<std::size_t>(ratings.rows()) - out.n;
  out.k = static_cast<std::size_t>(x.cols());
  out.level = level;
  const double n = static_cast<double>(out.n);
  const double k = static_cast<double>(out.k);
  if (out.k < 2 || out.n < 2) throw data_error({}, "ICCs need at least 2 targets with complete ratings on at least 2 occasions");
  const double grand = x.mean();
  const Eigen::VectorXd row_means = x.rowwise().mean();
  const Eigen::RowVectorXd col_means = x.colwise().mean();
  const double ss_total = (x.array() - grand).square().sum();
  const double ss_rows = k * (row_means.array() - grand).square().sum();
  const double ss_cols = n * (col_means.array() - grand).square().sum();
  const double ss_error = ss_total - ss_rows - ss_cols;
  out.msr = ss_rows / (n - 1.0);
  out.msc = ss_cols / (k - 1.0);
  out.mse = ss_error / ((n - 1.0) * (k - 1.0));
  out.msw = (ss_cols + ss_error) / (n * (k - 1.0));
  const double tail = (1.0 - level) / 2.0;
  const double msr = out.msr, msc = out.msc, mse = out.mse, msw = out.msw;

  // One-way (ICC1) and two-way mixed consistency (ICC3).
  auto one_or_three = [&](const char* single, const char* average, double within, double df2) {
    const double f = msr / within;
    const double fl = f / f_quantile(1.0 - tail, n - 1.0, df2);
    const double fu = f * f_quantile(1.0 - tail, df2, n - 1.0);
    const double p = f_upper_p(f, n - 1.0, df2);
    out.estimates.push_back({single, (msr - within) / (msr + (k - 1.0) * within), f, n - 1.0, df2, p,
                             (fl - 1.0) / (fl + k - 1.0), (fu - 1.0) / (fu + k - 1.0)});
    out.estimates.push_back({average, (msr - within) / msr, f, n - 1.0, df2, p, 1.0 - 1.0 / fl, 1.0 - 1.0 / fu});
  };
  one_or_three("ICC1", "ICC1k", msw, n * (k - 1.0));
  const double df_e = (n - 1.0) * (k - 1.0);
  // ICC2 (two-way random, absolute agreement) with Satterthwaite df.
  const double f2 = msr / mse;
  const double icc2 = (msr - mse) / (msr + (k - 1.0) * mse + k * (msc - mse) / n);
  const double fj = msc / mse;
  const double a = k * icc2 * fj + n * (1.0 + (k - 1.0) * icc2) - k * icc2;
  const double v = df_e * a * a / ((n - 1.0) * k * k * icc2 * icc2 * fj * fj +
                                   std::pow(n * (1.0 + (k - 1.0) * icc2) - k * icc2, 2.0));
  const double f_star = f_quantile(1.0 - tail, n - 1.0, v);
  const double f_2star = f_quantile(1.0 - tail, v, n - 1.0);
  const double lower = n * (msr - f_star * mse) / (f_star * (k * msc + (k * n - k - n) * mse) + n * msr);
  const double upper = n * (f_2star * msr - mse) / (k * msc + (k * n - k - n) * mse + n * f_2star * msr);
  const double p2 = f_upper_p(f2, n - 1.0, df_e);
  out.estimates.insert(out.estimates.begin() + 1, {"ICC2", icc2, f2, n - 1.0, df_e, p2, lower, upper});
  one_or_three("ICC3", "ICC3k", mse, df_e);
  out.estimates.push_back({"ICC2k", (msr - mse) / (msr + (msc - mse) / n), f2, n - 1.0, df_e, p2,
                           k * lower / (1.0 + (k - 1.0) * lower), k * upper / (1.0 + (k - 1.0) * upper)});
  // Order: ICC1, ICC2, ICC3, ICC1k, ICC2k, ICC3k.
  const std::vector<std::string> order = {"ICC1", "ICC2", "ICC3", "ICC1k", "ICC2k", "ICC3k"};
  std::vector<icc_estimate> sorted;
  for (const auto& name : order) sorted.push_back(out.at(name));
  out.estimates = std::move(sorted);
  return out;
}

correlation_result pearson_correlation(const Eigen::Ref<const Eigen::VectorXd>& x, const Eigen::Ref<const Eigen::VectorXd>& y,
                                       double level) {
  if (x.size() != y.size()) throw argument_error("pearson_correlation: x and y differ in length");
  Eigen::MatrixXd xy(x.size(), 2);
  xy.col(0) = x;
  xy.col(1) = y;
  const auto rows = usable_rows(xy, true);
  const Eigen::MatrixXd d = take_rows(xy, rows);
  correlation_result out;
  out.n = rows.size();
  out.n_excluded = static_cast<std::size_t>(x.size()) - out.n;
  if (out.n < 3) throw data_error({}, "a correlation test needs at least 3 complete pairs");
  const Eigen::MatrixXd c = covariance(d);
  out.r = c(0, 1) / std::sqrt(c(0, 0) * c(1, 1));
  out.df = static_cast<double>(out.n) - 2.0;
  out.t = out.r * std::sqrt(out.df / (1.0 - out.r * out.r));
  out.p = t_two_sided_p(out.t, out.df);
  const double z = std::atanh(out.r);
  const double se = 1.0 / std::sqrt(static_cast<double>(out.n) - 3.0);
  const double q = normal_quantile(1.0 - (1.0 - level) / 2.0);
  out.ci_lower = std::tanh(z - q * se);
  out.ci_upper = std::tanh(z + q * se);
  return out;
}

}  // namespace socialcure

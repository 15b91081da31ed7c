#include "socialcure/analyses/paired_tests.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "analyses/detail/pairs.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/core/number.hpp"
#include "socialcure/core/distributions.hpp"

namespace socialcure {

paired_t_result paired_t_test(const Eigen::Ref<const Eigen::VectorXd>& pre, const Eigen::Ref<const Eigen::VectorXd>& post,
                              double level) {
  check_level(level, "paired_t_test");
  const detail::complete_pairs pairs = detail::collect_pairs(pre, post, "paired_t_test");
  paired_t_result out;
  out.level = level;
  out.n = pairs.rows.size();
  out.n_excluded = pairs.n_excluded;
  if (out.n == 0) return out;
  const Eigen::VectorXd d = pairs.post - pairs.pre;
  const auto m_pre = detail::mean_sd_of(pairs.pre);
  const auto m_post = detail::mean_sd_of(pairs.post);
  const auto m_d = detail::mean_sd_of(d);
  out.mean_pre = m_pre.mean;
  out.mean_post = m_post.mean;
  out.sd_pre = m_pre.sd;
  out.sd_post = m_post.sd;
  out.mean_diff = m_d.mean;
  out.sd_diff = m_d.sd;
  out.r_pre_post = detail::correlation_of(pairs.pre, pairs.post);
  if (out.n < 2) return out;
  const double n = static_cast<double>(out.n);
  out.df = n - 1.0;
  out.se_diff = out.sd_diff / std::sqrt(n);
  const double half = t_quantile(1.0 - (1.0 - level) / 2.0, out.df) * out.se_diff;
  out.ci_lower = out.mean_diff - half;
  out.ci_upper = out.mean_diff + half;
  if (out.se_diff > 0) {
    out.t = out.mean_diff / out.se_diff;
    out.p = t_two_sided_p(out.t, out.df);
  }
  return out;
}

std::string_view to_string(wilcoxon_method method) noexcept {
  switch (method) {
    case wilcoxon_method::exact: return "exact";
    case wilcoxon_method::normal_corrected: return "normal_corrected";
    case wilcoxon_method::normal: return "normal";
    case wilcoxon_method::none: return "none";
  }
  return "none";
}

wilcoxon_result wilcoxon_signed_rank(const Eigen::Ref<const Eigen::VectorXd>& pre,
                                     const Eigen::Ref<const Eigen::VectorXd>& post, const wilcoxon_options& options) {
  const detail::complete_pairs pairs = detail::collect_pairs(pre, post, "wilcoxon_signed_rank");
  wilcoxon_result out;
  out.n = pairs.rows.size();
  out.n_excluded = pairs.n_excluded;
  // D = post - pre as exact doubles (ties are decided on these, as R with digits.rank = Inf).
  std::vector<double> d;
  d.reserve(out.n);
  for (Eigen::Index i = 0; i < pairs.pre.size(); ++i) {
    const double x = pairs.post(i) - pairs.pre(i);
    if (x == 0.0) {
      ++out.n_zeros;
    } else {
      d.push_back(x);
    }
  }
  out.n_nonzero = d.size();
  const std::size_t n = d.size();
  if (n == 0) {
    out.note = out.n == 0 ? "no complete pair: no test" : "every difference is zero: no test";
    return out;
  }
  // Average ranks of |D|.
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return std::fabs(d[a]) < std::fabs(d[b]); });
  std::vector<double> rank(n);
  double tie_term = 0.0;  // sum over tie groups of t^3 - t
  for (std::size_t start = 0; start < n;) {
    std::size_t end = start + 1;
    while (end < n && std::fabs(d[order[end]]) == std::fabs(d[order[start]])) ++end;
    const double average = (static_cast<double>(start + 1) + static_cast<double>(end)) / 2.0;
    for (std::size_t k = start; k < end; ++k) rank[order[k]] = average;
    const auto t = static_cast<double>(end - start);
    if (end - start > 1) {
      ++out.n_tie_groups;
      tie_term += t * t * t - t;
    }
    start = end;
  }
  out.has_ties = out.n_tie_groups > 0;
  double v = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    if (d[i] > 0) v += rank[i];
  }
  out.v = v;
  const double nn = static_cast<double>(n);
  const double centre = nn * (nn + 1.0) / 4.0;
  out.sigma = std::sqrt(nn * (nn + 1.0) * (2.0 * nn + 1.0) / 24.0 - tie_term / 48.0);

  bool exact = false;
  switch (options.exact) {
    case wilcoxon_options::exact_policy::automatic: exact = n < 50; break;
    case wilcoxon_options::exact_policy::always: exact = true; break;
    case wilcoxon_options::exact_policy::never: exact = false; break;
  }
  if (exact && !out.has_ties && out.n_zeros == 0 && n <= 1000) {
    out.method = wilcoxon_method::exact;
    // The distribution is symmetric about n(n+1)/4: take the tail V lies in.
    const double total = nn * (nn + 1.0) / 2.0;
    const double tail = v > centre ? signed_rank_cdf(total - v, n) : signed_rank_cdf(v, n);
    out.p = std::min(1.0, 2.0 * tail);
    return out;
  }
  if (exact) {
    std::string why;
    if (out.has_ties) why = "ties";
    if (out.n_zeros > 0) why += std::string(why.empty() ? "" : " and ") + "zeros";
    if (why.empty()) why = "more than 1000 differences";
    out.note = "cannot compute the exact p-value with " + why + ": normal approximation used";
  }
  out.method = options.correct ? wilcoxon_method::normal_corrected : wilcoxon_method::normal;
  const double deviation = v - centre;
  const double correction = options.correct ? (deviation > 0 ? 0.5 : deviation < 0 ? -0.5 : 0.0) : 0.0;
  if (out.sigma > 0) {
    out.z = (deviation - correction) / out.sigma;
    out.p = z_two_sided_p(out.z);
  }
  return out;
}

mcnemar_result mcnemar_test(const Eigen::Ref<const Eigen::VectorXd>& pre, const Eigen::Ref<const Eigen::VectorXd>& post,
                            double level) {
  check_level(level, "mcnemar_test");
  const detail::complete_pairs pairs = detail::collect_pairs(pre, post, "mcnemar_test");
  mcnemar_result out;
  out.level = level;
  out.n = pairs.rows.size();
  out.n_excluded = pairs.n_excluded;
  detail::require_each(pairs, [](double v) { return v == 0.0 || v == 1.0; }, "mcnemar_test", "value", "0 or 1");
  for (std::size_t k = 0; k < out.n; ++k) {
    const double a = pairs.pre(static_cast<Eigen::Index>(k));
    const double b = pairs.post(static_cast<Eigen::Index>(k));
    if (a == 0 && b == 0) ++out.n00;
    if (a == 0 && b == 1) ++out.n01;
    if (a == 1 && b == 0) ++out.n10;
    if (a == 1 && b == 1) ++out.n11;
  }
  out.b = out.n10;
  out.c = out.n01;
  if (out.n > 0) {
    out.prop_pre = static_cast<double>(out.n10 + out.n11) / static_cast<double>(out.n);
    out.prop_post = static_cast<double>(out.n01 + out.n11) / static_cast<double>(out.n);
  }
  const std::size_t discordant = out.b + out.c;
  if (discordant == 0) return out;
  const double b = static_cast<double>(out.b);
  const double c = static_cast<double>(out.c);
  out.chi2 = (b - c) * (b - c) / (b + c);
  out.p = chi_square_upper_p(out.chi2, 1.0);
  // R corrects only when b != c (with b = c the corrected statistic would be 1/(b + c), not 0).
  const double corrected = out.b != out.c ? std::fabs(b - c) - 1.0 : 0.0;
  out.chi2_corrected = corrected * corrected / (b + c);
  out.p_corrected = chi_square_upper_p(out.chi2_corrected, 1.0);
  out.p_exact = binomial_half_two_sided_p(out.b, discordant);
  const confidence_limits limits = clopper_pearson(out.b, discordant, level);
  const auto odds = [](double p) { return p < 1.0 ? p / (1.0 - p) : missing_value; };
  if (out.c > 0) out.odds_ratio = b / c;
  out.odds_ratio_ci_lower = odds(limits.lower);
  out.odds_ratio_ci_upper = odds(limits.upper);
  return out;
}

void rate_ratio_options::validate() const {
  check_level(level, "rate_ratio_options");
  if (!(exposure_pre > 0) || !(exposure_post > 0) || std::isinf(exposure_pre) || std::isinf(exposure_post)) {
    throw argument_error("rate_ratio_options: exposures must be positive and finite (pre " +
                         format_number(exposure_pre) + ", post " + format_number(exposure_post) + ")");
  }
}

rate_ratio_result paired_rate_ratio(const Eigen::Ref<const Eigen::VectorXd>& pre,
                                    const Eigen::Ref<const Eigen::VectorXd>& post, const rate_ratio_options& options) {
  options.validate();
  const detail::complete_pairs pairs = detail::collect_pairs(pre, post, "paired_rate_ratio");
  rate_ratio_result out;
  out.level = options.level;
  out.exposure_pre = options.exposure_pre;
  out.exposure_post = options.exposure_post;
  out.n = pairs.rows.size();
  out.n_excluded = pairs.n_excluded;
  detail::require_each(pairs, is_count, "paired_rate_ratio", "count", count_rule);
  for (std::size_t k = 0; k < out.n; ++k) {
    const double a = pairs.pre(static_cast<Eigen::Index>(k));
    const double b = pairs.post(static_cast<Eigen::Index>(k));
    if (a + b > 0) ++out.n_contributing;
    out.s_pre += a;
    out.s_post += b;
  }
  const double total = out.s_pre + out.s_post;
  if (total == 0) {
    out.note = out.n == 0 ? "no complete pair: no rate ratio" : "no events before or after: no rate ratio";
    return out;
  }
  if (out.s_pre == 0) {
    out.note = "no events before: the rate ratio is infinite (no estimate, no Wald interval, no upper exact limit)";
  } else if (out.s_post == 0) {
    out.note = "no events after: the rate ratio is 0 (no Wald interval on the log scale)";
  }
  const double exposure_ratio = options.exposure_pre / options.exposure_post;  // T_pre / T_post
  const double z = normal_quantile(1.0 - (1.0 - options.level) / 2.0);
  if (out.s_pre > 0) {
    out.estimate = out.s_post / out.s_pre * exposure_ratio;
    out.percent_change = 100.0 * (out.estimate - 1.0);
  }
  if (out.s_pre > 0 && out.s_post > 0) {
    out.se_log = std::sqrt(1.0 / out.s_pre + 1.0 / out.s_post);
    out.ci_lower = std::exp(std::log(out.estimate) - z * out.se_log);
    out.ci_upper = std::exp(std::log(out.estimate) + z * out.se_log);
    out.percent_change_ci_lower = 100.0 * (out.ci_lower - 1.0);
    out.percent_change_ci_upper = 100.0 * (out.ci_upper - 1.0);
    out.evalue = evalue_risk_ratio(out.estimate, out.ci_lower, out.ci_upper, 1.0, evalue_measure::rate_ratio);
  }
  // Exact: S_post | S_pre + S_post ~ Binomial(total, p), p = IRR T_post / (T_pre + IRR T_post).
  const auto s_post = static_cast<std::size_t>(out.s_post);
  const auto s_all = static_cast<std::size_t>(total);
  const confidence_limits limits = clopper_pearson(s_post, s_all, options.level);
  const auto irr_of = [&](double p) { return p < 1.0 ? p / (1.0 - p) * exposure_ratio : missing_value; };
  out.exact_ci_lower = irr_of(limits.lower);
  out.exact_ci_upper = irr_of(limits.upper);
  if (options.exposure_pre == options.exposure_post) out.exact_p = binomial_half_two_sided_p(s_post, s_all);
  // Pearson dispersion of the conditional binomial: post_i out of n_i = pre_i + post_i.
  const double p = out.s_post / total;
  if (out.n_contributing >= 2 && p > 0 && p < 1) {
    double chi2 = 0.0;
    for (Eigen::Index k = 0; k < pairs.pre.size(); ++k) {
      const double n_i = pairs.pre(k) + pairs.post(k);
      if (n_i == 0) continue;
      const double e = n_i * p;
      chi2 += (pairs.post(k) - e) * (pairs.post(k) - e) / (e * (1.0 - p));
    }
    out.pearson_chi2 = chi2;
    out.pearson_df = static_cast<double>(out.n_contributing) - 1.0;
    out.dispersion = chi2 / out.pearson_df;
  }
  return out;
}

}  // namespace socialcure

#include "socialcure/analyses/change_scores.hpp"

#include "analyses/detail/change_parts.hpp"
#include "analyses/detail/pairs.hpp"

namespace socialcure {

std::string_view to_string(percent_change_status status) noexcept {
  switch (status) {
    case percent_change_status::defined: return "defined";
    case percent_change_status::zero_baseline: return "zero_baseline";
    case percent_change_status::not_assessed: return "not_assessed";
  }
  return "not_assessed";
}

change_scores compute_change_scores(const Eigen::Ref<const Eigen::VectorXd>& pre,
                                    const Eigen::Ref<const Eigen::VectorXd>& post) {
  return detail::change_scores_of(pre, post, true);
}

change_scores detail::change_scores_of(const Eigen::Ref<const Eigen::VectorXd>& pre,
                                       const Eigen::Ref<const Eigen::VectorXd>& post, bool per_person) {
  const detail::complete_pairs pairs = detail::collect_pairs(pre, post, "compute_change_scores");
  change_scores out;
  out.n = pairs.rows.size();
  out.n_excluded = pairs.n_excluded;
  if (per_person) {
    const auto size = static_cast<std::size_t>(pre.size());
    out.raw.assign(size, missing_value);
    out.percent.assign(size, missing_value);
    out.percent_status.assign(size, percent_change_status::not_assessed);
    out.residualized.assign(size, missing_value);
  }
  if (out.n == 0) return out;

  Eigen::VectorXd defined(static_cast<Eigen::Index>(out.n));
  Eigen::Index n_defined = 0;
  for (std::size_t k = 0; k < out.n; ++k) {
    const auto i = static_cast<Eigen::Index>(k);
    const std::size_t row = pairs.rows[k];
    if (per_person) out.raw[row] = pairs.post(i) - pairs.pre(i);
    if (pairs.pre(i) == 0.0) {
      if (per_person) out.percent_status[row] = percent_change_status::zero_baseline;
      ++out.n_percent_undefined;
      continue;
    }
    const double percent = 100.0 * (pairs.post(i) - pairs.pre(i)) / pairs.pre(i);
    if (per_person) {
      out.percent_status[row] = percent_change_status::defined;
      out.percent[row] = percent;
    }
    defined(n_defined++) = percent;
  }
  if (n_defined > 0) out.mean_percent_change = detail::mean_sd_of(defined.head(n_defined)).mean;
  const double mean_pre = detail::mean_sd_of(pairs.pre).mean;
  const double mean_post = detail::mean_sd_of(pairs.post).mean;
  if (mean_pre != 0.0) out.percent_change_of_means = 100.0 * (mean_post - mean_pre) / mean_pre;

  // Residualized change: simple regression on centred values.
  const Eigen::ArrayXd x = pairs.pre.array() - mean_pre;
  const Eigen::ArrayXd y = pairs.post.array() - mean_post;
  const double sxx = x.square().sum();
  if (out.n >= 2 && sxx > 0) {
    out.residual_slope = (x * y).sum() / sxx;
    out.residual_intercept = mean_post - out.residual_slope * mean_pre;
    for (std::size_t k = 0; per_person && k < out.n; ++k) {
      const auto i = static_cast<Eigen::Index>(k);
      out.residualized[pairs.rows[k]] = y(i) - out.residual_slope * x(i);
    }
  }
  return out;
}

}  // namespace socialcure

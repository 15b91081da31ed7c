#include "socialcure/analyses/effect_sizes.hpp"

#include <cmath>

#include "socialcure/analyses/paired_tests.hpp"
#include "socialcure/core/distributions.hpp"

namespace socialcure {

std::string_view to_string(effect_ci_method method) noexcept {
  switch (method) {
    case effect_ci_method::noncentral_t: return "noncentral_t";
    case effect_ci_method::noncentral_t_hedges: return "noncentral_t_hedges";
    case effect_ci_method::noncentral_t_sd_known: return "noncentral_t_sd_known";
    case effect_ci_method::noncentral_t_r_known: return "noncentral_t_r_known";
  }
  return "noncentral_t";
}

double hedges_j(double df) {
  if (is_missing(df) || df <= 1) return missing_value;
  return std::exp(std::lgamma(df / 2.0) - std::lgamma((df - 1.0) / 2.0)) / std::sqrt(df / 2.0);
}

standardized_change standardized_mean_change(const Eigen::Ref<const Eigen::VectorXd>& pre,
                                             const Eigen::Ref<const Eigen::VectorXd>& post, double level) {
  const paired_t_result t = paired_t_test(pre, post, level);
  standardized_change out;
  out.n = t.n;
  out.n_excluded = t.n_excluded;
  out.level = level;
  out.r_pre_post = t.r_pre_post;
  out.d_z.ci_method = out.srm.ci_method = effect_ci_method::noncentral_t;
  out.g_z.ci_method = out.g_av.ci_method = effect_ci_method::noncentral_t_hedges;
  out.d_av.ci_method = effect_ci_method::noncentral_t_sd_known;
  out.d_rm.ci_method = effect_ci_method::noncentral_t_r_known;
  if (t.n < 3) return out;
  const double n = static_cast<double>(t.n);
  const double df = n - 1.0;
  out.hedges_j = hedges_j(df);
  out.hedges_j_approx = 1.0 - 3.0 / (4.0 * df - 1.0);
  const double j = out.hedges_j;

  // Standardized by S_D, with the exact noncentral-t CI.
  confidence_limits z_limits;
  if (t.sd_diff > 0) {
    out.d_z.estimate = t.mean_diff / t.sd_diff;
    const confidence_limits ncp = noncentral_t_ncp_limits(t.t, df, level);
    z_limits = {ncp.lower / std::sqrt(n), ncp.upper / std::sqrt(n)};
    out.d_z.ci_lower = z_limits.lower;
    out.d_z.ci_upper = z_limits.upper;
  }
  out.srm = out.d_z;
  // The other effects: their own estimate, with the d_z limits times the same factor (S_D / their
  // standardizer, times J for g); without variation in D there are no limits (missing stays missing).
  const auto set = [&](effect_size& e, double estimate, double factor) {
    e.estimate = estimate;
    e.ci_lower = z_limits.lower * factor;
    e.ci_upper = z_limits.upper * factor;
  };
  if (t.sd_diff > 0) set(out.g_z, j * out.d_z.estimate, j);
  const double s_av = (t.sd_pre + t.sd_post) / 2.0;
  if (s_av > 0) {
    const double d_av = t.mean_diff / s_av;
    set(out.d_av, d_av, t.sd_diff / s_av);
    set(out.g_av, j * d_av, j * t.sd_diff / s_av);
  }
  if (t.sd_diff > 0 && !is_missing(t.r_pre_post)) {
    const double factor = std::sqrt(2.0 * (1.0 - t.r_pre_post));
    set(out.d_rm, out.d_z.estimate * factor, factor);
  }
  return out;
}

}  // namespace socialcure

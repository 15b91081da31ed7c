#pragma once
/// \file
/// \brief Standardized mean change in a pre/post design (Lakens 2013; docs/methods/change.md, section 4), each with
/// a confidence interval whose method is named.
///
/// With D = post - pre, M_D and S_D its mean and SD, S1 and S2 the pre and post SDs and r their
/// correlation:
/// - d_z = M_D / S_D = t / sqrt(n), the same number as the standardized response mean (SRM);
///   exact CI from the noncentral t (Steiger & Fouladi 1997) divided by sqrt(n).
/// - g_z = J d_z, Hedges' correction with the exact J = Gamma(df/2) / (sqrt(df/2) Gamma((df-1)/2)),
///   df = n - 1 (as R effectsize::hedges_g(paired = TRUE)); CI = J x the d_z limits.
/// - d_av = M_D / ((S1 + S2)/2) and g_av = J d_av. No exact pivot exists; the CI rescales the
///   noncentral-t limits of the standardized mean to the average SD, treating the SDs as known:
///   d_av limits = d_z limits x S_D / ((S1 + S2)/2).
/// - d_rm = d_z sqrt(2 (1 - r)); CI = d_z limits x sqrt(2 (1 - r)), treating r as known.

#include <cstddef>
#include <string_view>

#include <Eigen/Core>

#include "socialcure/core/missing.hpp"

namespace socialcure {

/// \brief How an effect-size CI was computed.
enum class effect_ci_method {
  noncentral_t,                 ///< exact, noncentral t (d_z, SRM)
  noncentral_t_hedges,          ///< noncentral-t limits times Hedges' J (g_z, g_av)
  noncentral_t_sd_known,        ///< noncentral-t limits rescaled to another standardizer taken as known (d_av)
  noncentral_t_r_known,         ///< noncentral-t limits times sqrt(2(1 - r)), r taken as known (d_rm)
};

/// \brief "noncentral_t", "noncentral_t_hedges", "noncentral_t_sd_known", "noncentral_t_r_known".
[[nodiscard]] std::string_view to_string(effect_ci_method method) noexcept;

/// \brief One effect size with its CI.
struct effect_size {
  double estimate = missing_value;
  double ci_lower = missing_value;
  double ci_upper = missing_value;
  effect_ci_method ci_method = effect_ci_method::noncentral_t;
};

/// \brief The standardized mean changes of a pre/post sample.
struct standardized_change {
  std::size_t n = 0;
  std::size_t n_excluded = 0;  ///< pairs with a missing member
  double level = 0.95;
  double r_pre_post = missing_value;
  double hedges_j = missing_value;         ///< exact J, df = n - 1
  double hedges_j_approx = missing_value;  ///< 1 - 3 / (4 df - 1)
  effect_size d_z;
  effect_size srm;  ///< standardized response mean: the same value and CI as d_z
  effect_size g_z;
  effect_size d_av;
  effect_size g_av;
  effect_size d_rm;
};

/// \brief The standardized mean changes. Needs 3 pairs (J needs df >= 2); values are missing where
/// a standardizer is zero.
/// \throws argument_error on unequal lengths, an infinite value or a level outside (0, 1).
[[nodiscard]] standardized_change standardized_mean_change(const Eigen::Ref<const Eigen::VectorXd>& pre,
                                                           const Eigen::Ref<const Eigen::VectorXd>& post,
                                                           double level = 0.95);

/// \brief Hedges' exact small-sample factor J(df) = Gamma(df/2) / (sqrt(df/2) Gamma((df-1)/2)).
/// Missing for df <= 1.
[[nodiscard]] double hedges_j(double df);

}  // namespace socialcure

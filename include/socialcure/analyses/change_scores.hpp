#pragma once
/// \file
/// \brief Each person's change between pre and post (docs/methods/change.md, section 2): raw change post - pre,
/// percent change 100 (post - pre) / pre, and residualized change (the residual of post regressed
/// on pre by OLS with an intercept: the part of post not predicted by pre).
///
/// Percent change is undefined at a zero baseline: it is then missing, with the reason recorded
/// and counted, never infinite. The two sample summaries of percent change are named apart: the
/// mean of the individual percent changes (over defined ones) and the percent change of the means,
/// 100 (mean post - mean pre) / mean pre; they differ.

#include <cstddef>
#include <string_view>
#include <vector>

#include <Eigen/Core>

#include "socialcure/core/missing.hpp"

namespace socialcure {

/// \brief Why a person's percent change is (not) defined.
enum class percent_change_status { defined, zero_baseline, not_assessed };

/// \brief "defined", "zero_baseline" (pre = 0), "not_assessed" (pre or post missing).
[[nodiscard]] std::string_view to_string(percent_change_status status) noexcept;

/// \brief Per-person change scores (vectors indexed by input position) and their summaries.
struct change_scores {
  std::size_t n = 0;           ///< persons with pre and post
  std::size_t n_excluded = 0;  ///< persons with a missing pre or post (every score missing)
  std::vector<double> raw;
  std::vector<double> percent;
  std::vector<percent_change_status> percent_status;
  std::vector<double> residualized;
  std::size_t n_percent_undefined = 0;         ///< assessed persons with pre = 0
  double mean_percent_change = missing_value;  ///< mean of the defined individual percent changes
  double percent_change_of_means = missing_value;
  double residual_intercept = missing_value;  ///< post = intercept + slope pre + residual
  double residual_slope = missing_value;      ///< missing (and residuals too) when pre does not vary
};

/// \brief The change scores. \throws argument_error on unequal lengths or an infinite value.
[[nodiscard]] change_scores compute_change_scores(const Eigen::Ref<const Eigen::VectorXd>& pre,
                                                  const Eigen::Ref<const Eigen::VectorXd>& post);

}  // namespace socialcure

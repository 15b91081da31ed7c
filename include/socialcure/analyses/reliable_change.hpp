#pragma once
/// \file
/// \brief Reliable and clinically significant change of each person (Jacobson & Truax 1991;
/// docs/methods/change.md, sections 8-9).
///
/// SE_m = SD_pre sqrt(1 - r_xx) with SD_pre the baseline SD (of the sample, or of a norm group
/// when given) and r_xx a reliability (given, or Cronbach's alpha from the measures module);
/// S_diff = sqrt(2) SE_m; RC_i = (post_i - pre_i) / S_diff. |RC| > critical (1.96) is a reliable
/// change (strict inequality); its direction is an improvement or a deterioration according to
/// which direction is better for the scale (lower loneliness, more groups).
///
/// Clinically significant change needs a cut-off between the dysfunctional population (M1, s1)
/// and the functional one (M0, s0): a = M1 -/+ 2 s1 (beyond the dysfunctional mean, in the better
/// direction; without given norms M1, s1 are the sample's baseline mean and SD), b = M0 +/- 2 s0
/// (within the functional range), c = (s0 M1 + s1 M0) / (s0 + s1). A person is recovered when
/// reliably improved and post lies strictly beyond the cut-off in the better direction; improved
/// when only reliably improved; unchanged; or deteriorated.
///
/// "The sample" is the persons with both pre and post (the pairs analysed): its baseline mean and
/// SD give SD_pre when no norm SD is given, and (M1, s1) for criterion a when no dysfunctional
/// norms are given.

#include <cstddef>
#include <string_view>
#include <vector>

#include <Eigen/Core>

#include "socialcure/core/missing.hpp"
#include "socialcure/measures/scale.hpp"

namespace socialcure {

/// \brief A person's reliable change (not_assessed: a missing pre or post).
enum class reliable_change_class { increased, decreased, unchanged, not_assessed };

/// \brief A person's change as an improvement, given which direction is better.
enum class change_outcome { recovered, improved, unchanged, deteriorated, not_assessed };

/// \brief Jacobson & Truax's cut-off criteria.
enum class clinical_criterion { none, a, b, c };

/// \brief "increased", "decreased", "unchanged", "not_assessed".
[[nodiscard]] std::string_view to_string(reliable_change_class value) noexcept;
/// \brief "recovered", "improved", "unchanged", "deteriorated", "not_assessed".
[[nodiscard]] std::string_view to_string(change_outcome value) noexcept;
/// \brief "none", "a", "b", "c".
[[nodiscard]] std::string_view to_string(clinical_criterion value) noexcept;

/// \brief A population's mean and SD on the scale.
struct norm_group {
  double mean = missing_value;
  double sd = missing_value;
  [[nodiscard]] bool given() const { return !is_missing(mean) && !is_missing(sd); }
};

/// \brief Settings of the reliable change index.
struct reliable_change_options {
  double reliability = missing_value;  ///< r_xx in [0, 1) (required)
  double sd_pre = missing_value;       ///< baseline SD of a norm group; missing: the sample's
  improvement better = improvement::none;  ///< needed for improved/deteriorated and clinical change
  double critical = 1.96;                  ///< |RC| must exceed this
  clinical_criterion criterion = clinical_criterion::none;
  norm_group dysfunctional;  ///< M1, s1 (criteria a, c; a falls back to the sample baseline)
  norm_group functional;     ///< M0, s0 (criteria b, c)
  /// \throws argument_error naming the bad setting (reliability outside [0, 1), a non-positive SD or
  /// critical value, a criterion without the norms it needs or without a better direction).
  void validate() const;
};

/// \brief Reliable (and clinically significant) change of every person.
struct reliable_change_result {
  std::size_t n = 0;           ///< persons with pre and post
  std::size_t n_excluded = 0;  ///< persons with a missing pre or post (not assessed)
  double reliability = missing_value;
  double sd_pre = missing_value;
  bool sd_pre_from_sample = true;
  double mean_pre = missing_value;  ///< sample baseline mean
  double sem = missing_value;       ///< SE of measurement
  double s_diff = missing_value;    ///< SE of a difference
  double critical = 1.96;
  double min_reliable_change = missing_value;  ///< critical x s_diff, in scale units
  improvement better = improvement::none;
  std::vector<double> rc;                       ///< per input position (missing when not assessed)
  std::vector<reliable_change_class> classes;   ///< per input position
  std::size_t n_increased = 0;
  std::size_t n_decreased = 0;
  std::size_t n_unchanged = 0;
  std::size_t n_improved = 0;      ///< reliable change in the better direction (0 when better is none)
  std::size_t n_deteriorated = 0;
  clinical_criterion criterion = clinical_criterion::none;
  double cutoff = missing_value;
  std::vector<change_outcome> outcomes;  ///< per input position (empty without a criterion)
  std::size_t n_recovered = 0;           ///< reliably improved and beyond the cut-off
  std::size_t n_improved_only = 0;       ///< reliably improved, not beyond the cut-off
};

/// \brief The reliable change index of each pair.
/// \throws argument_error on unequal lengths, an infinite value or invalid options; with the sample
/// SD, fewer than 2 complete pairs or a zero baseline SD is an argument_error too.
[[nodiscard]] reliable_change_result reliable_change(const Eigen::Ref<const Eigen::VectorXd>& pre,
                                                     const Eigen::Ref<const Eigen::VectorXd>& post,
                                                     const reliable_change_options& options);

}  // namespace socialcure

#pragma once
/// \file
/// \brief The whole pre/post change analysis of one measure in one call: per-person change scores
/// (raw, percent, residualized, reliable change and clinical outcome), the paired t-test, the
/// standardized mean changes, the Wilcoxon signed-rank test, McNemar's test of a category defined
/// by a cut-off, and the paired rate ratio for counts. Each part is also available on its own
/// (change_scores.hpp, reliable_change.hpp, paired_tests.hpp, effect_sizes.hpp).

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "socialcure/analyses/change_scores.hpp"
#include "socialcure/analyses/effect_sizes.hpp"
#include "socialcure/analyses/paired_tests.hpp"
#include "socialcure/analyses/reliable_change.hpp"
#include "socialcure/core/missing.hpp"
#include "socialcure/data/table.hpp"
#include "socialcure/measures/scale.hpp"

namespace socialcure {

/// \brief Settings of the change analysis. Defaults as R's t.test / wilcox.test / mcnemar.test.
struct change_options {
  double level = 0.95;
  improvement better = improvement::none;  ///< which direction is an improvement (from the scale, or given)
  /// Reliable change: computed when a reliability is given (sd_pre, critical and the clinical
  /// settings as in reliable_change_options).
  double reliability = missing_value;
  double sd_pre = missing_value;
  double critical = 1.96;
  clinical_criterion criterion = clinical_criterion::none;
  norm_group dysfunctional;
  norm_group functional;
  /// McNemar's test of the category "at or above the cut-off" before and after, when given.
  double cutoff = missing_value;
  /// The measure is a count (e.g. GP appointments): adds the paired rate ratio.
  bool count = false;
  double exposure_pre = 1.0;
  double exposure_post = 1.0;
  wilcoxon_options wilcoxon;
  /// Keep the per-person vectors (scores.raw, percent, percent_status, residualized; reliable->rc,
  /// classes, outcomes), which change_person_table needs. When false (the default) the result keeps
  /// only the summaries (n, means, counts, percent change of the means, mean individual percent
  /// change, the residualized-change regression, the reliable and clinical change counts, the
  /// tests), which are identical either way, and its size does not grow with n.
  bool per_person = false;
  /// \throws argument_error naming the bad setting.
  void validate() const;
};

/// \brief Everything the change analysis found.
struct change_result {
  std::size_t n = 0;           ///< pairs analysed
  std::size_t n_excluded = 0;  ///< pairs with a missing pre or post
  change_options options;
  change_scores scores;  ///< its per-person vectors are empty unless options.per_person
  paired_t_result t_test;
  standardized_change effects;
  wilcoxon_result wilcoxon;
  std::optional<reliable_change_result> reliable;  ///< with a reliability (per-person vectors as scores)
  std::optional<mcnemar_result> category;          ///< with a cut-off
  std::optional<rate_ratio_result> rate_ratio;     ///< for counts
};

/// \brief Runs the change analysis on two equally long vectors (missing values as NaN).
/// \throws argument_error on unequal lengths, an infinite value, invalid options, or (for counts)
/// a value that is not a non-negative whole number.
[[nodiscard]] change_result analyse_change(const Eigen::Ref<const Eigen::VectorXd>& pre,
                                           const Eigen::Ref<const Eigen::VectorXd>& post,
                                           const change_options& options = {});

/// \brief One row per person: `id_column` (the ids), pre, post, change (post - pre),
/// percent_change with percent_change_status (defined / zero_baseline / not_assessed),
/// residualized_change, and with reliable change rc and rc_class (increased / decreased /
/// unchanged / not_assessed), improvement (improved / deteriorated / unchanged, when the better
/// direction is known) and outcome (recovered / improved / unchanged / deteriorated, with a
/// clinical criterion). `result` must come from analyse_change with change_options::per_person =
/// true. \throws argument_error when it does not, or when the ids do not match the analysed length.
[[nodiscard]] table change_person_table(const change_result& result, const Eigen::Ref<const Eigen::VectorXd>& pre,
                                        const Eigen::Ref<const Eigen::VectorXd>& post,
                                        const std::vector<std::string>& ids, const std::string& id_column = "id");

/// \brief The pre and post values of a table, with each row's respondent id.
struct change_data {
  Eigen::VectorXd pre;
  Eigen::VectorXd post;
  std::vector<std::string> ids;  ///< the id column's values, or the row numbers (1-based) without one
};

/// \brief Reads two numeric columns of a table for analyse_change. With `counts`, every observed
/// value must be a non-negative whole number.
/// \throws argument_error on an unknown or text column; data_error naming file, line, column,
/// respondent and value for a bad count.
[[nodiscard]] change_data read_change_data(const table& data, const std::string& pre, const std::string& post,
                                           const std::string& id_column = {}, bool counts = false);

}  // namespace socialcure

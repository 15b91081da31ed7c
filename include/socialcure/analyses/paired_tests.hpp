#pragma once
/// \file
/// \brief Tests of change in a pre/post design (docs/methods/change.md, sections 3, 5-7): the paired t-test,
/// the Wilcoxon signed-rank test with R's `wilcox.test(paired = TRUE)` conventions, McNemar's test
/// for a category before and after, and the paired rate ratio for counts.
///
/// Sign convention everywhere: D = post - pre. Pairs with a missing member are excluded and
/// counted (`n_excluded`); `n` is the number of pairs used.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <Eigen/Core>

#include "socialcure/analyses/evalues.hpp"
#include "socialcure/core/missing.hpp"

namespace socialcure {

/// \brief Paired t-test of the mean change (R `t.test(post, pre, paired = TRUE)`).
struct paired_t_result {
  std::size_t n = 0;
  std::size_t n_excluded = 0;  ///< pairs with a missing member
  double level = 0.95;
  double mean_pre = missing_value;
  double mean_post = missing_value;
  double sd_pre = missing_value;  ///< sample SDs (n - 1)
  double sd_post = missing_value;
  double r_pre_post = missing_value;  ///< Pearson correlation of pre and post
  double mean_diff = missing_value;   ///< mean of D = post - pre
  double sd_diff = missing_value;
  double se_diff = missing_value;  ///< sd_diff / sqrt(n)
  double t = missing_value;
  double df = missing_value;  ///< n - 1
  double p = missing_value;   ///< two-sided
  double ci_lower = missing_value;  ///< CI of the mean change
  double ci_upper = missing_value;
};

/// \brief The paired t-test. Needs 2 pairs; with no variation in D, t and p are missing.
/// \throws argument_error on unequal lengths, an infinite value or a level outside (0, 1).
[[nodiscard]] paired_t_result paired_t_test(const Eigen::Ref<const Eigen::VectorXd>& pre,
                                            const Eigen::Ref<const Eigen::VectorXd>& post, double level = 0.95);

/// \brief How the Wilcoxon p-value was computed.
enum class wilcoxon_method {
  exact,             ///< exact null distribution of V
  normal_corrected,  ///< normal approximation, tie-corrected variance, continuity correction 0.5
  normal,            ///< normal approximation, tie-corrected variance, no continuity correction
  none,              ///< no non-zero difference: no test
};

/// \brief "exact", "normal_corrected", "normal", "none".
[[nodiscard]] std::string_view to_string(wilcoxon_method method) noexcept;

/// \brief Settings of the Wilcoxon signed-rank test, R's defaults.
struct wilcoxon_options {
  /// automatic: exact when fewer than 50 non-zero differences (R `exact = NULL`); always: try the
  /// exact test at any n (`exact = TRUE`); never: normal approximation (`exact = FALSE`). Ties or
  /// zeros make the exact test impossible: then the normal approximation is used and `note` says so.
  enum class exact_policy { automatic, always, never } exact = exact_policy::automatic;
  bool correct = true;  ///< continuity correction of the normal approximation
};

/// \brief The Wilcoxon signed-rank test of D = post - pre around 0.
struct wilcoxon_result {
  std::size_t n = 0;           ///< pairs used (zeros included)
  std::size_t n_excluded = 0;  ///< pairs with a missing member
  std::size_t n_zeros = 0;     ///< D = 0: dropped before ranking, as R does
  std::size_t n_nonzero = 0;   ///< ranked differences
  bool has_ties = false;       ///< tied |D| among the non-zero differences (exact doubles)
  std::size_t n_tie_groups = 0;
  double v = missing_value;      ///< sum of the ranks of the positive differences (R's V)
  double sigma = missing_value;  ///< SD of V under H0, tie-corrected
  double z = missing_value;      ///< normal approximation (missing for the exact test)
  double p = missing_value;      ///< two-sided
  wilcoxon_method method = wilcoxon_method::none;
  std::string note;  ///< why the exact test was not used, when it was asked for (R's warning)
};

/// \brief The Wilcoxon signed-rank test.
/// \throws argument_error on unequal lengths or an infinite value.
[[nodiscard]] wilcoxon_result wilcoxon_signed_rank(const Eigen::Ref<const Eigen::VectorXd>& pre,
                                                   const Eigen::Ref<const Eigen::VectorXd>& post,
                                                   const wilcoxon_options& options = {});

/// \brief McNemar's test for a binary category (0/1) before and after, with the paired odds ratio.
struct mcnemar_result {
  std::size_t n = 0;
  std::size_t n_excluded = 0;
  double level = 0.95;
  std::size_t n00 = 0;  ///< first index pre, second post
  std::size_t n01 = 0;
  std::size_t n10 = 0;
  std::size_t n11 = 0;
  std::size_t b = 0;  ///< 1 -> 0 (n10)
  std::size_t c = 0;  ///< 0 -> 1 (n01)
  double chi2_corrected = missing_value;  ///< (|b - c| - 1)^2 / (b + c), uncorrected when b = c (R's default)
  double p_corrected = missing_value;
  double chi2 = missing_value;  ///< (b - c)^2 / (b + c)
  double p = missing_value;
  double df = 1.0;
  double p_exact = missing_value;      ///< exact binomial test of b out of b + c against 1/2
  double odds_ratio = missing_value;   ///< b / c (missing when c = 0)
  double odds_ratio_ci_lower = missing_value;  ///< from the Clopper-Pearson limits of b / (b + c)
  double odds_ratio_ci_upper = missing_value;
  double prop_pre = missing_value;  ///< proportion of 1s before
  double prop_post = missing_value;
};

/// \brief McNemar's test. Statistics are missing when b + c = 0.
/// \throws argument_error on unequal lengths or a value other than 0, 1 or missing (naming its position).
[[nodiscard]] mcnemar_result mcnemar_test(const Eigen::Ref<const Eigen::VectorXd>& pre,
                                          const Eigen::Ref<const Eigen::VectorXd>& post, double level = 0.95);

/// \brief Settings of the paired rate ratio.
struct rate_ratio_options {
  double level = 0.95;
  double exposure_pre = 1.0;  ///< length of the pre period (e.g. months); only the ratio matters
  double exposure_post = 1.0;
  void validate() const;
};

/// \brief Paired rate ratio of counts (post rate / pre rate) from the conditional Poisson model
/// (docs/methods/change.md, section 7): IRR = (S_post / T_post) / (S_pre / T_pre) over the persons with at least one
/// event, Wald CI on the log scale, exact CI from the Clopper-Pearson limits of S_post out of
/// S_pre + S_post, and the Pearson dispersion of the conditional binomial (values well above 1
/// mean the Wald and exact CIs are too narrow).
struct rate_ratio_result {
  std::size_t n = 0;               ///< pairs used
  std::size_t n_excluded = 0;      ///< pairs with a missing member
  std::size_t n_contributing = 0;  ///< persons with pre + post > 0 (0 + 0 carry no information)
  double level = 0.95;
  double exposure_pre = 1.0;
  double exposure_post = 1.0;
  double s_pre = 0.0;  ///< total count before
  double s_post = 0.0;
  double estimate = missing_value;  ///< IRR
  double se_log = missing_value;    ///< SE of log IRR: sqrt(1/S_pre + 1/S_post)
  double ci_lower = missing_value;  ///< Wald
  double ci_upper = missing_value;
  double exact_ci_lower = missing_value;
  double exact_ci_upper = missing_value;
  double exact_p = missing_value;  ///< exact test of IRR = 1 (equal exposures only; missing otherwise)
  double percent_change = missing_value;  ///< 100 (IRR - 1); negative = fewer events
  double percent_change_ci_lower = missing_value;  ///< from the Wald CI
  double percent_change_ci_upper = missing_value;
  double pearson_chi2 = missing_value;  ///< conditional-binomial Pearson statistic
  double pearson_df = missing_value;    ///< n_contributing - 1
  double dispersion = missing_value;    ///< pearson_chi2 / pearson_df
  /// E-values (VanderWeele & Ding 2017) of the IRR and of its Wald limit nearer 1, the IRR taken as
  /// a risk ratio (evalues.hpp); none when there is no Wald interval.
  std::optional<evalue_result> evalue;
  /// Why the estimate or an interval is missing (no events at all, or none before or after);
  /// empty otherwise.
  std::string note;
};

/// \brief The paired rate ratio.
/// \throws argument_error on unequal lengths or a value that is not a non-negative whole number.
[[nodiscard]] rate_ratio_result paired_rate_ratio(const Eigen::Ref<const Eigen::VectorXd>& pre,
                                                  const Eigen::Ref<const Eigen::VectorXd>& post,
                                                  const rate_ratio_options& options = {});

}  // namespace socialcure

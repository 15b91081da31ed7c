#pragma once
/// \file
/// \brief Reliability of multi-item scales and test-retest agreement between waves, as R's psych
/// package computes them (docs/methods/reliability.md).
///
/// - Cronbach's alpha, raw and standardized, from the item covariance matrix C (pairwise deletion by
///   default, as psych::alpha; listwise on request): alpha = k/(k-1) (1 - tr C / 1'C1); standardized
///   from R = cov2cor(C). Feldt (1965) CI on (n - 1, (n - 1)(k - 1)) df. Alpha if an item is deleted;
///   corrected item-total correlation r_drop = (sum_j C_ij - C_ii) / sqrt(C_ii 1'C_{-i}1).
/// - Omega total from a one-factor model fitted by minres to the item correlation matrix (iterated
///   principal-axis factoring, which converges to the minres solution), reported as psych::omega
///   with nfactors = 1 does: omega_t = 1 - sum(1 - l_i^2) / 1'R1.
/// - Spearman-Brown, standard error of measurement.
/// - Intraclass correlations ICC(1,1) ... ICC(3,k) with F tests and CIs (Shrout & Fleiss 1979, as
///   psych::ICC with lmer = FALSE), Pearson r with its Fisher-z CI; rows with a missing value are
///   excluded and counted.

#include <cstddef>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "socialcure/data/table.hpp"

namespace socialcure {

/// \brief How missing item responses are handled.
enum class missing_handling {
  pairwise,  ///< each covariance from the cases answering both items (psych's default)
  listwise,  ///< only cases answering every item
};

/// \brief Settings of the reliability analyses.
struct reliability_options {
  double level = 0.95;
  missing_handling missing = missing_handling::pairwise;
  /// \throws argument_error on a level outside (0, 1).
  void validate() const;
};

/// \brief The items of a scale from table columns (missing values as NaN), with the listed columns
/// reverse-keyed as (min_code + max_code) - x.
/// \throws argument_error on an unknown or text column, or a reverse column not among `columns`.
[[nodiscard]] Eigen::MatrixXd item_matrix(const table& data, const std::vector<std::string>& columns,
                                          const std::vector<std::string>& reverse = {}, double min_code = 0,
                                          double max_code = 0);

/// \brief Statistics of one item within its scale.
struct item_statistics {
  std::string item;
  std::size_t n = 0;  ///< cases answering the item
  double mean = 0.0;
  double sd = 0.0;
  double r_drop = 0.0;            ///< corrected item-total correlation
  double alpha_if_deleted = 0.0;  ///< raw alpha of the other items
  double std_alpha_if_deleted = 0.0;
};

/// \brief Cronbach's alpha and item statistics.
struct alpha_result {
  /// Cases used (listwise: complete cases; pairwise: cases with any answer, which is the n of the
  /// Feldt CI; psych would also count rows with no answer at all).
  std::size_t n = 0;
  std::size_t n_excluded = 0;  ///< cases excluded (no answer at all, or listwise incomplete)
  std::size_t k = 0;           ///< items
  missing_handling missing = missing_handling::pairwise;
  double level = 0.95;
  double raw_alpha = 0.0;
  double std_alpha = 0.0;
  double average_r = 0.0;       ///< mean inter-item correlation
  double alpha_ci_lower = 0.0;  ///< Feldt CI of raw alpha
  double alpha_ci_upper = 0.0;
  double mean = 0.0;  ///< mean of the respondents' item means (answered items), as psych
  double sd = 0.0;    ///< SD of the respondents' item means
  std::vector<item_statistics> items;
};

/// \brief Cronbach's alpha of the columns of `items` (rows = respondents, NaN = missing).
/// \throws argument_error with fewer than 2 items or names of the wrong length; data_error when an
/// item has zero variance or fewer than 2 cases.
[[nodiscard]] alpha_result cronbach_alpha(const Eigen::Ref<const Eigen::MatrixXd>& items,
                                          const std::vector<std::string>& names,
                                          const reliability_options& options = {});

/// \brief Omega total from a one-factor model.
struct omega_result {
  std::size_t n = 0;
  double omega_total = 0.0;
  std::vector<double> loadings;  ///< standardized one-factor loadings
  bool heywood = false;          ///< a uniqueness reached its bound (0.005)
  int iterations = 0;
  std::string estimator = "minres one-factor model (iterated principal axis); omega_t = 1 - sum(u)/1'R1";
};

/// \brief Omega total (see the file comment). \throws data_error on a singular correlation matrix.
[[nodiscard]] omega_result omega_total(const Eigen::Ref<const Eigen::MatrixXd>& items,
                                       const reliability_options& options = {});

/// \brief Spearman-Brown: reliability of a test lengthened by `factor`.
[[nodiscard]] double spearman_brown(double reliability, double factor);

/// \brief Standard error of measurement SD sqrt(1 - reliability).
[[nodiscard]] double standard_error_of_measurement(double sd, double reliability);

/// \brief One intraclass correlation with its F test and CI.
struct icc_estimate {
  std::string type;  ///< "ICC1", "ICC2", "ICC3", "ICC1k", "ICC2k", "ICC3k"
  double icc = 0.0;
  double f = 0.0;
  double df1 = 0.0;
  double df2 = 0.0;
  double p = 0.0;
  double ci_lower = 0.0;
  double ci_upper = 0.0;
};

/// \brief All six ICCs of an n x k ratings matrix (targets x raters or occasions).
struct icc_result {
  std::size_t n = 0;           ///< targets with complete ratings
  std::size_t n_excluded = 0;  ///< targets with a missing rating
  std::size_t k = 0;
  double level = 0.95;
  double msr = 0.0, msc = 0.0, mse = 0.0, msw = 0.0;
  std::vector<icc_estimate> estimates;  ///< ICC1, ICC2, ICC3, ICC1k, ICC2k, ICC3k
  [[nodiscard]] const icc_estimate& at(const std::string& type) const;
};

/// \brief Intraclass correlations (Shrout & Fleiss 1979) with F-based CIs (Satterthwaite df for ICC2).
[[nodiscard]] icc_result intraclass_correlation(const Eigen::Ref<const Eigen::MatrixXd>& ratings, double level = 0.95);

/// \brief Pearson's r of complete pairs with its t test and Fisher-z CI (as R's cor.test).
struct correlation_result {
  std::size_t n = 0;
  std::size_t n_excluded = 0;
  double r = 0.0;
  double t = 0.0;
  double df = 0.0;
  double p = 0.0;
  double ci_lower = 0.0;
  double ci_upper = 0.0;
};

/// \brief Pearson correlation of two columns (rows with either value missing are excluded).
[[nodiscard]] correlation_result pearson_correlation(const Eigen::Ref<const Eigen::VectorXd>& x,
                                                     const Eigen::Ref<const Eigen::VectorXd>& y, double level = 0.95);

}  // namespace socialcure

#pragma once
/// \file
/// \brief Describing missing data: who answered what (per variable and per pattern, ordered as R's
/// `mice::md.pattern`), maximum-likelihood means and covariances under multivariate normality by
/// EM for any pattern (Little & Rubin 2002, ch. 8), and Little's (1988) test of missing completely
/// at random. Method notes: docs/methods/missing_data.md.
///
/// This sits in the analyses layer, not in models: it describes a data set (like attrition) and
/// its EM moments are the input of later analyses (FIML regression and mediation), not a model
/// of an outcome.
///
/// Conventions: covariances with divisor n (maximum likelihood); EM starts from the available-case
/// means and variances and the pairwise covariances (zero covariances when those do not form a
/// positive-definite matrix); it stops when every mean has moved by less than `tolerance`
/// standard deviations and every covariance by less than `tolerance` times sqrt(s_jj s_kk) in one
/// iteration. Rows with none of the variables observed are dropped and counted.

#include <cstddef>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "socialcure/core/missing.hpp"
#include "socialcure/data/table.hpp"

namespace socialcure {

/// \brief Observed and missing counts of one variable.
struct missing_variable_summary {
  std::string variable;
  std::size_t n_observed = 0;
  std::size_t n_missing = 0;
  double percent_missing = 0.0;  ///< 100 n_missing / rows
};

/// \brief One pattern of observed (true) and missing (false) variables, in the pattern table's
/// column order (missingness_description::pattern_columns).
struct missing_pattern {
  std::vector<bool> observed;
  std::size_t count = 0;      ///< rows with this pattern
  std::size_t n_missing = 0;  ///< variables missing in this pattern
};

/// \brief Per-variable counts and the pattern table.
struct missingness_description {
  std::vector<std::string> variables;  ///< as given
  std::size_t n_rows = 0;
  std::vector<missing_variable_summary> per_variable;  ///< in the order given
  /// The pattern table's columns: the variables by increasing number missing (ties in the order
  /// given), as md.pattern sorts them.
  std::vector<std::string> pattern_columns;
  /// Patterns as md.pattern orders them: by their missing-indicator string (1 = missing) over
  /// pattern_columns, so the complete pattern comes first.
  std::vector<missing_pattern> patterns;
  std::vector<std::size_t> missing_per_column;  ///< totals under pattern_columns (md.pattern's last row)
  std::size_t total_missing = 0;                ///< missing cells over all variables
  std::size_t n_complete = 0;                   ///< rows with every variable observed
};

/// \brief Settings of the EM algorithm.
struct em_options {
  double tolerance = 1e-12;           ///< largest standardized change of a mean or covariance at convergence
  std::size_t max_iterations = 10000;
  /// When true (the default) EM that has not converged after max_iterations is a data_error
  /// naming the iterations; when false the result is returned with converged = false.
  bool require_convergence = true;
  /// \throws argument_error unless 0 < tolerance < 1 and max_iterations >= 1.
  void validate() const;
};

/// \brief Maximum-likelihood means and covariances (divisor n) from every row with a value.
struct em_result {
  std::vector<std::string> variables;
  Eigen::VectorXd means;
  Eigen::MatrixXd covariance;  ///< divisor n
  std::size_t iterations = 0;
  bool converged = false;
  double max_change = missing_value;  ///< standardized change in the last iteration
  double tolerance = 0.0;
  double loglik = missing_value;  ///< observed-data log-likelihood at the estimates, with the 2 pi constant
  std::size_t n_rows = 0;
  std::size_t n_used = 0;           ///< rows with at least one variable observed
  std::size_t n_dropped_empty = 0;  ///< rows with nothing observed (dropped)
  std::size_t n_patterns = 0;       ///< patterns among the rows used
  std::string message;              ///< empty, or why the estimate is not converged
};

/// \brief Little's (1988) chi-square test of missing completely at random.
struct little_mcar_result {
  double chi_square = missing_value;  ///< d^2
  double df = missing_value;          ///< sum over patterns of the variables observed, minus p
  double p = missing_value;           ///< upper tail of chi-square(df)
  std::size_t n_patterns = 0;         ///< patterns with something observed
  std::size_t n_used = 0;
};

/// \brief Counts per variable and the pattern table.
/// \throws argument_error on fewer than 2 variables, a repeated or unknown variable, or a text column.
[[nodiscard]] missingness_description describe_missingness(const table& data, const std::vector<std::string>& variables);

/// \brief EM estimates of the means and covariances.
/// \throws argument_error as describe_missingness and on invalid options; data_error naming the
/// variable for one that is missing for everyone or has no variance among its observed values,
/// naming the variables of a covariance that is not positive definite, and naming the
/// iterations for EM that does not converge (unless options.require_convergence is false).
[[nodiscard]] em_result em_moments(const table& data, const std::vector<std::string>& variables,
                                   const em_options& options = {});

/// \brief Little's test from EM estimates already computed on the same table and variables.
/// \throws argument_error when `em` was computed for other variables.
[[nodiscard]] little_mcar_result little_mcar_test(const table& data, const std::vector<std::string>& variables,
                                                  const em_result& em);

/// \brief Little's test, computing the EM estimates first.
[[nodiscard]] little_mcar_result little_mcar_test(const table& data, const std::vector<std::string>& variables,
                                                  const em_options& options = {});

}  // namespace socialcure

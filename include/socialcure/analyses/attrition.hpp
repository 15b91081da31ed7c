#pragma once
/// \file
/// \brief Attrition: do the people who completed the follow-up differ at baseline from those who
/// left? Completers versus non-completers on every named baseline variable.
///
/// - A numeric variable: means and SDs of both groups, Welch's t-test of completed - dropped (R
///   `t.test(x[completed], x[dropped])`, Welch-Satterthwaite df) and the standardized difference
///   (mean_c - mean_d) / sqrt((sd_c^2 + sd_d^2) / 2), signed.
/// - A categorical variable (a text column, or a numeric one named as categorical): counts per
///   level, Pearson's chi-square test of the 2 x k table (R `chisq.test`: with R's default Yates
///   correction for a 2 x 2 table, which subtracts min(0.5, min |O - E|) from every |O - E|; the
///   uncorrected statistic is reported too), Cramér's V from the uncorrected statistic, the smallest
///   expected count (below 5 the chi-square approximation is doubtful: a warning is recorded), and
///   the Yang & Dalton (2012) standardized difference of the level proportions (as R tableone).
/// Rows with a missing value are excluded from that variable's comparison and counted; rows with an
/// unknown completion status are excluded from everything and counted.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "socialcure/core/missing.hpp"
#include "socialcure/data/table.hpp"

namespace socialcure {

/// \brief Who completed the follow-up.
struct completion_rule {
  std::string column;
  /// flag: the column holds 1 (completed) or 0 (dropped out); anything else is a data error.
  /// present: completed when the column (e.g. a follow-up score) has a value.
  enum class kind { flag, present } rule = kind::flag;
};

/// \brief Settings of the attrition comparison.
struct attrition_options {
  double level = 0.95;
  bool yates = true;                     ///< Yates correction for 2 x 2 tables (R's default)
  std::vector<std::string> categorical;  ///< numeric columns to treat as categories (e.g. 0/1 sex)
  void validate() const;
};

/// \brief One level of a categorical variable.
struct attrition_level {
  std::string level;
  std::size_t completed = 0;
  std::size_t dropped = 0;
};

/// \brief The comparison on one variable.
struct attrition_variable {
  std::string variable;
  bool categorical = false;
  std::size_t n_completed = 0;  ///< with a value
  std::size_t n_dropped = 0;
  std::size_t n_missing = 0;    ///< excluded: no value
  // numeric
  double mean_completed = missing_value;
  double sd_completed = missing_value;
  double mean_dropped = missing_value;
  double sd_dropped = missing_value;
  double mean_diff = missing_value;  ///< completed - dropped
  double t = missing_value;          ///< Welch
  double df = missing_value;
  double p = missing_value;  ///< two-sided; for a categorical variable, of the chi-square test reported in chi2
  double ci_lower = missing_value;
  double ci_upper = missing_value;
  double smd = missing_value;  ///< standardized difference (numeric: signed; categorical: Yang & Dalton, >= 0)
  // categorical
  std::vector<attrition_level> levels;  ///< sorted by level text (numbers in numeric order)
  double chi2 = missing_value;          ///< Yates-corrected for a 2 x 2 table when attrition_options::yates
  bool yates_corrected = false;
  double chi2_uncorrected = missing_value;
  double p_uncorrected = missing_value;
  double cramers_v = missing_value;
  double min_expected = missing_value;
  std::string warning;  ///< e.g. an expected count below 5, or a group without anyone
};

/// \brief The comparison on every variable, in the order given.
struct attrition_result {
  std::string completion_column;
  completion_rule::kind rule = completion_rule::kind::flag;
  double level = 0.95;
  std::size_t n_rows = 0;
  std::size_t n_completed = 0;
  std::size_t n_dropped = 0;
  std::size_t n_status_missing = 0;  ///< rows with a missing completion flag (excluded)
  std::vector<attrition_variable> variables;
};

/// \brief Compares completers with non-completers.
/// \throws argument_error on an unknown column, no variables, or the completion column among the
/// variables; data_error naming file, line, column, respondent and value for a completion flag
/// other than 0 or 1.
[[nodiscard]] attrition_result compare_attrition(const table& data, const completion_rule& completion,
                                                 const std::vector<std::string>& variables,
                                                 const attrition_options& options = {},
                                                 const std::string& id_column = {});

}  // namespace socialcure

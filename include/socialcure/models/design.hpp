#pragma once
/// \file
/// \brief Model frames: design matrices built from named table columns.
///
/// Numeric predictors enter as they are; categorical predictors are dummy (treatment) coded
/// against a reference level, with terms named `column[T.level]` as in statsmodels/patsy. Levels
/// are the values seen among the rows used, sorted (numbers numerically, text bytewise, i.e. the
/// C locale); the reference is the first level unless one is named. Cases with a missing value on
/// any variable of the model (response, predictors, offset, cluster id) are excluded listwise and
/// counted.

#include <cstddef>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "socialcure/core/error.hpp"
#include "socialcure/data/table.hpp"

namespace socialcure {

/// \brief A categorical predictor and its reference level (empty: the first level).
struct categorical_term {
  std::string column;
  std::string reference;
};

/// \brief What goes into a model.
struct model_spec {
  std::string response;
  /// Predictors in order; those named in `categorical` are dummy coded.
  std::vector<std::string> predictors;
  std::vector<categorical_term> categorical;
  bool intercept = true;
  /// Optional offset column, added to the linear predictor with coefficient 1 (e.g. log exposure).
  std::string offset;
  /// Optional cluster column (numbers or text, e.g. a practice code): cases with equal values form
  /// a cluster, and the fit reports cluster-robust standard errors (cluster_covariance.hpp).
  std::string cluster;

  /// \throws argument_error on an empty response, a repeated name, a categorical column that is not
  /// a predictor, a cluster column that is the response or the offset, or a model with no terms at all.
  void validate() const;
};

/// \brief Rows with a missing value in one column (a row may be counted under several columns).
struct missing_count {
  std::string column;
  std::size_t rows = 0;
};

/// \brief Where a term of the design matrix came from.
struct term_info {
  std::string name;    ///< "(Intercept)", the column name, or "column[T.level]"
  std::string column;  ///< source column (empty for the intercept)
  std::string level;   ///< level of a dummy column (empty otherwise)
};

/// \brief Which cluster each case used belongs to (empty when the model has no cluster column).
struct cluster_assignment {
  std::string column;                 ///< the cluster column
  std::vector<Eigen::Index> of_case;  ///< cluster (0 .. count - 1, in order of first appearance) of each case used
  std::vector<std::string> labels;    ///< the value of the cluster column for each cluster
  [[nodiscard]] std::size_t count() const noexcept { return labels.size(); }
  [[nodiscard]] bool empty() const noexcept { return labels.empty(); }
};

/// \brief The design matrix, response and offset over the rows used.
struct model_frame {
  Eigen::MatrixXd x;       ///< n x p design matrix (intercept column first when present)
  Eigen::VectorXd y;       ///< response
  Eigen::VectorXd offset;  ///< offset (size 0 when the model has none)
  std::vector<term_info> terms;
  bool intercept = true;
  std::string response;
  std::string source;              ///< the table's source (file name), for messages
  std::vector<std::size_t> rows;  ///< rows of the table used, in order
  std::vector<std::size_t> lines; ///< source line of each row used (0 when unknown)
  std::size_t n_excluded = 0;     ///< rows excluded listwise
  std::vector<missing_count> missing_by_column;  ///< why rows were excluded (columns with any missing)
  cluster_assignment clusters;                   ///< the cases' clusters (when the spec names a cluster column)

  /// \brief Where case i (0-based, among the cases used) came from, for messages.
  [[nodiscard]] location where(Eigen::Index i, const std::string& column = {}) const;

  /// \brief Term names in order.
  [[nodiscard]] std::vector<std::string> term_names() const;
};

/// \brief Builds the model frame.
/// \throws argument_error on an unknown column (listing the available ones), a text column used as
/// a numeric predictor or response, or a reference level that does not occur; data_error when no
/// case is complete, or when the cases used fall into a single cluster.
/// The columns of a long design (more than 65,536 cases) are copied on up to `threads` threads
/// (0: every hardware thread); the frame is the same for any number.
[[nodiscard]] model_frame build_model_frame(const table& data, const model_spec& spec, unsigned threads = 0);

}  // namespace socialcure

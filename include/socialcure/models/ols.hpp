#pragma once
/// \file
/// \brief Ordinary least squares with classical and heteroskedasticity-consistent (HC0-HC4)
/// standard errors, standardized coefficients and (when asked for) per-case diagnostics.
///
/// Estimation uses column-pivoting Householder QR on unit-norm columns, never the normal equations,
/// followed by iterative refinement with residuals accumulated in long double. A pivot with
/// |R_kk| <= tolerance * |R_11| marks a term as a linear combination of earlier ones (rank
/// deficiency): by default that is an error naming the terms involved; with rank_policy::drop the
/// term is reported as aliased (all its statistics missing), as R's lm does.
///
/// Formulas (docs/methods/regression.md, sections 3-5): sigma^2 = RSS/(n - p); V = sigma^2 (X'X)^{-1};
/// V_HC = (X'X)^{-1} X' diag(w) X (X'X)^{-1} with w = e^2 (HC0), e^2 n/(n-p) (HC1), e^2/(1-h)
/// (HC2), e^2/(1-h)^2 (HC3), e^2/(1-h)^delta, delta = min(4, n h/p) (HC4), p counting the intercept;
/// tests and intervals use Student t on n - p df whatever the covariance. R^2 = MSS/(MSS + RSS),
/// with MSS about the mean when there is an intercept and about zero otherwise (R's summary.lm).
/// The overall F is the classical one; under an HC covariance the Wald F, b' V^{-1} b / q over
/// the non-intercept terms on (q, n - p) df, is reported beside it.
///
/// A model frame with a cluster column (model_spec::cluster) gets the cluster-robust covariance of
/// ols_options::cluster_se instead (cluster_covariance.hpp): CR1 with t tests on G - 1 df, or CR2
/// with Satterthwaite df per coefficient; its Wald F is on (q, G - 1) df.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <Eigen/Core>

#include "socialcure/models/cluster_covariance.hpp"
#include "socialcure/models/coefficient.hpp"
#include "socialcure/models/design.hpp"

namespace socialcure {

/// \brief Which covariance matrix the standard errors come from.
enum class se_type { classical, hc0, hc1, hc2, hc3, hc4 };

/// \brief "classical", "hc0", ..., "hc4".
[[nodiscard]] std::string_view to_string(se_type type) noexcept;

/// \brief Parses "classical" or "hc0".."hc4" (case-insensitive). \throws argument_error otherwise.
[[nodiscard]] se_type parse_se_type(std::string_view text);

/// \brief What to do when a term is a linear combination of others.
enum class rank_policy {
  error,  ///< throw a data_error naming the collinear terms (default)
  drop,   ///< drop the term and report it as aliased, as R's lm does
};

/// \brief Settings of an OLS fit.
struct ols_options {
  se_type se = se_type::classical;
  /// The cluster-robust covariance used when the model frame has a cluster column (then `se` must
  /// be classical).
  cluster_se_type cluster_se = cluster_se_type::cr1;
  double level = 0.95;  ///< confidence level of the intervals, in (0, 1)
  rank_policy on_rank_deficiency = rank_policy::error;
  double tolerance = 1e-10;  ///< relative pivot size below which a term counts as collinear
  int refinement_steps = 6;  ///< most rounds of iterative refinement in extended precision (stops when converged)
  /// Whether to keep the per-case diagnostics (fitted values, residuals, leverages, Cook's
  /// distances) in the result. Off by default: a fit computes only what its estimates, standard
  /// errors and tests need (the leverages of HC2-HC4 are computed and used, but not kept).
  bool diagnostics = false;
  /// Threads for the passes over the cases of a large design (more than 65,536 cases: the cases
  /// are cut into chunks of 65,536, each summed in case order and the chunks added in their
  /// order); 0: every hardware thread. Every number is the same for any thread count.
  unsigned threads = 0;
  /// \throws argument_error on a level outside (0, 1), a negative tolerance or refinement count.
  void validate() const;
};

/// \brief The result of an OLS fit.
struct ols_result {
  std::string response;
  std::size_t n = 0;           ///< cases used
  std::size_t n_excluded = 0;  ///< cases excluded listwise (missing values)
  std::vector<missing_count> missing_by_column;
  std::vector<std::size_t> rows;  ///< rows of the table used (empty when fitted from matrices)
  bool intercept = true;
  se_type se = se_type::classical;
  double level = 0.95;
  std::vector<coefficient> coefficients;  ///< one per term, in design order (aliased ones included)
  std::vector<std::string> aliased_terms;  ///< terms dropped as linear combinations of others
  std::size_t rank = 0;
  double df_residual = 0.0;
  double rss = 0.0;            ///< residual sum of squares
  double sigma = 0.0;          ///< residual standard error sqrt(RSS / df)
  double r_squared = 0.0;
  double adj_r_squared = 0.0;
  double f_statistic = 0.0;    ///< classical overall F (infinite when RSS = 0)
  double f_df1 = 0.0;
  double f_df2 = 0.0;
  double f_p = 0.0;
  double wald_f = missing_value;  ///< Wald F under the HC or cluster covariance (missing when classical)
  double wald_f_p = missing_value;
  double wald_f_df1 = missing_value;  ///< q, the non-intercept terms
  double wald_f_df2 = missing_value;  ///< n - p (HC) or G - 1 (cluster-robust)
  /// The clustering, when the covariance is cluster-robust (then `se` is classical and unused).
  std::optional<cluster_info> cluster;
  /// Covariance of the estimates of the non-aliased terms (in design order), of the chosen type.
  Eigen::MatrixXd covariance;
  /// Per-case diagnostics, one entry per case used; empty unless ols_options::diagnostics is set.
  Eigen::VectorXd fitted;
  Eigen::VectorXd residuals;       ///< y - fitted
  Eigen::VectorXd leverage;        ///< h_ii
  Eigen::VectorXd cooks_distance;  ///< e_i^2 h_ii / (p sigma^2 (1 - h_ii)^2)
  std::vector<std::string> notes;  ///< anything the reader should know (e.g. zero total variance)

  /// \brief The coefficient of `term`. \throws argument_error listing the terms on a miss.
  [[nodiscard]] const coefficient& at(std::string_view term) const;
};

/// \brief Fits OLS to a model frame (see build_model_frame); cluster-robust when the frame has clusters.
/// \throws argument_error when the frame has clusters and options.se is not classical;
/// data_error on rank deficiency (under rank_policy::error; fewer cases than coefficients is
/// reported as such), no residual degrees of freedom, a case with leverage 1 under HC2-HC4, or
/// values too large or too small for sums of squares in double precision (naming the variable).
[[nodiscard]] ols_result fit_ols(const model_frame& frame, const ols_options& options = {});

/// \brief Builds the model frame from a table and fits OLS.
[[nodiscard]] ols_result fit_ols(const table& data, const model_spec& spec, const ols_options& options = {});

/// \brief Fits OLS to a design matrix (intercept column included by the caller when wanted).
/// `terms` names the columns; `intercept` says whether column 0 is the intercept.
[[nodiscard]] ols_result fit_ols(const Eigen::Ref<const Eigen::MatrixXd>& x, const Eigen::Ref<const Eigen::VectorXd>& y,
                                 const std::vector<std::string>& terms, bool intercept,
                                 const ols_options& options = {});

}  // namespace socialcure

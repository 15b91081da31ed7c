#pragma once
/// \file
/// \brief Cluster-robust covariance of regression estimates, for OLS and GLMs: CR1 (the sandwich
/// with the small-sample factor of Stata and `sandwich::vcovCL(type = "HC1")`) with t tests on
/// G - 1 df, and CR2 (Bell & McCaffrey's bias-reduced linearization, as `clubSandwich::vcovCR(type
/// = "CR2")`) with Satterthwaite df per coefficient (`clubSandwich::coef_test(test =
/// "Satterthwaite")`).
///
/// Notation (docs/methods/regression.md, section 12): cases i in clusters g = 1..G, n cases, k
/// estimated coefficients. The working model has rows x~_i = (dmu/deta)_i x_i, variances v_i =
/// V(mu_i), residuals r_i = y_i - mu_i, and bread M = (X~' W X~)^{-1} with W = diag(1/v) (OLS:
/// x~ = x, v = 1, r = e, M = (X'X)^{-1}). The estimating function of cluster g is
/// u_g = X~_g' W_g r_g (sandwich's `estfun`, summed over the cluster).
/// - CR1: V = G/(G-1) (n-1)/(n-k) M (sum_g u_g u_g') M, for OLS and GLMs alike (vcovCL's own
///   default for a GLM, HC0, omits (n-1)/(n-k)); tests and intervals on t(G - 1).
/// - CR2: with Theta_g = diag(v_g) and B_g = Theta_g^{1/2} (Theta_g - X~_g M X~_g') Theta_g^{1/2},
///   A_g = Theta_g^{1/2} B_g^{-1/2} Theta_g^{1/2}, where the inverse square root is taken over the
///   eigenvalues above 1e-12 only (a pseudo-inverse, as clubSandwich: needed when cluster-level
///   dummies make I - H_gg singular); V = M (sum_g X~_g' W_g A_g r_g r_g' A_g W_g X~_g) M, with no
///   further factor. For OLS A_g = (I - H_gg)^{-1/2}.
/// - Satterthwaite df of coefficient j: with F_g = A_g W_g X~_g M, d_g = sum_i v_i (F_g e_j)_i^2,
///   r_g = X~_g' F_g e_j and P = diag(d) - R' M R (R = [r_1 .. r_G]), df = (tr P)^2 / sum P_gh^2.
/// The dispersion (theta of the negative binomial) is treated as known, as both R packages do.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <Eigen/Core>

#include "socialcure/models/design.hpp"

namespace socialcure {

/// \brief Which cluster-robust covariance.
enum class cluster_se_type {
  cr1,  ///< sandwich x G/(G-1) (n-1)/(n-k); t tests on G - 1 df
  cr2,  ///< Bell-McCaffrey bias-reduced linearization; Satterthwaite df per coefficient
};

/// \brief "cr1" or "cr2".
[[nodiscard]] std::string_view to_string(cluster_se_type type) noexcept;

/// \brief Parses "cr1" or "cr2" (case-insensitive). \throws argument_error otherwise.
[[nodiscard]] cluster_se_type parse_cluster_se_type(std::string_view text);

/// \brief Below this many clusters a result carries a note that CR1 is liberal.
inline constexpr std::size_t few_clusters = 30;

/// \brief CR2 decomposes each cluster's n_g x n_g block (O(n_g^3)): a larger cluster is refused.
inline constexpr std::size_t cr2_max_cluster_size = 5000;

/// \brief What a fit with a cluster column reports about its clustering.
struct cluster_info {
  std::string column;     ///< the cluster column
  cluster_se_type type = cluster_se_type::cr1;
  std::size_t clusters = 0;  ///< G, the number of clusters among the cases used
};

/// \brief A cluster-robust covariance and the degrees of freedom of the t test of each coefficient.
struct cluster_covariance {
  cluster_se_type type = cluster_se_type::cr1;
  std::size_t n = 0;         ///< cases
  std::size_t clusters = 0;  ///< G
  double adjustment = 1.0;   ///< CR1: G/(G-1) (n-1)/(n-k); CR2: 1
  Eigen::MatrixXd covariance;  ///< k x k, in the order of the columns of the working design
  Eigen::VectorXd df;          ///< per coefficient: G - 1 (CR1) or Satterthwaite (CR2)
};

/// \brief The cluster-robust covariance from a fitted working model (see the file comment).
/// \param x          the working design X~ (n x k, estimable columns only)
/// \param residuals  the response residuals y - mu (n)
/// \param variance   V(mu_i) (n), or empty for OLS (all 1)
/// \param bread      M = (X~' W X~)^{-1} (k x k)
/// \param clusters   the cluster of each case (of_case of size n, at least 2 clusters)
/// \throws argument_error on inconsistent sizes, fewer than 2 clusters, a non-positive variance, or
/// (CR2) a cluster of more than cr2_max_cluster_size cases.
[[nodiscard]] cluster_covariance compute_cluster_covariance(const Eigen::Ref<const Eigen::MatrixXd>& x,
                                                            const Eigen::Ref<const Eigen::VectorXd>& residuals,
                                                            const Eigen::Ref<const Eigen::VectorXd>& variance,
                                                            const Eigen::Ref<const Eigen::MatrixXd>& bread,
                                                            const cluster_assignment& clusters, cluster_se_type type);

/// \brief The note a clustered result carries when G < few_clusters (empty otherwise).
[[nodiscard]] std::string few_clusters_note(const cluster_info& info);

}  // namespace socialcure

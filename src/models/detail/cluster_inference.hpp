#pragma once
/// \file
/// \brief Internal: what OLS and GLM fits share when they report cluster-robust inference.

#include <string>
#include <vector>

#include <Eigen/Core>

#include "socialcure/models/cluster_covariance.hpp"
#include "socialcure/models/coefficient.hpp"

namespace socialcure::detail {

/// \brief The kept columns of `x`, each row i multiplied by `row_scale(i)` when `row_scale` is not
/// empty (a GLM's dmu/deta): the working design of compute_cluster_covariance.
[[nodiscard]] Eigen::MatrixXd working_design(const Eigen::Ref<const Eigen::MatrixXd>& x,
                                             const std::vector<Eigen::Index>& kept,
                                             const Eigen::Ref<const Eigen::VectorXd>& row_scale);

/// \brief Sets the SE, t statistic, df, p-value and interval of `c` from its estimate, for a t test
/// on `df` degrees of freedom, or a z test when df is infinite (a NaN or non-positive df leaves the
/// p-value and interval missing); returns the critical value used.
double set_inference(coefficient& c, double se, double df, double level);

/// \brief The clustering a result reports, and its note (appended to `notes`) when G is small.
[[nodiscard]] cluster_info describe_clustering(const cluster_assignment& clusters, cluster_se_type type,
                                               std::vector<std::string>& notes);

}  // namespace socialcure::detail

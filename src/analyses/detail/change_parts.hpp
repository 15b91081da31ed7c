#pragma once
/// \file
/// \brief The change scores and the reliable change index with or without their per-person vectors,
/// for analyse_change (change_options::per_person). The summaries are the same either way.

#include <Eigen/Core>

#include "socialcure/analyses/change_scores.hpp"
#include "socialcure/analyses/reliable_change.hpp"

namespace socialcure::detail {

/// \brief compute_change_scores; without `per_person` raw, percent, percent_status and
/// residualized stay empty.
[[nodiscard]] change_scores change_scores_of(const Eigen::Ref<const Eigen::VectorXd>& pre,
                                             const Eigen::Ref<const Eigen::VectorXd>& post, bool per_person);

/// \brief reliable_change; without `per_person` rc, classes and outcomes stay empty.
[[nodiscard]] reliable_change_result reliable_change_of(const Eigen::Ref<const Eigen::VectorXd>& pre,
                                                        const Eigen::Ref<const Eigen::VectorXd>& post,
                                                        const reliable_change_options& options, bool per_person);

}  // namespace socialcure::detail

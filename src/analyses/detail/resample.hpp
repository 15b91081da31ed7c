#pragma once
/// \file
/// \brief Internal: what a bootstrap resample draws - cases, or whole clusters (the cluster
/// bootstrap: G cluster labels drawn with replacement, every case of a drawn cluster taken, a
/// cluster drawn twice counted twice) - as case counts.

#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "analyses/detail/random_stream.hpp"
#include "socialcure/analyses/bootstrap_intervals.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/models/cluster_covariance.hpp"
#include "socialcure/models/design.hpp"

namespace socialcure::detail {

/// \brief The units a resample draws: empty `clusters` means the cases themselves.
struct resample_units {
  std::vector<std::vector<Eigen::Index>> clusters;  ///< the cases of each cluster
  [[nodiscard]] bool by_cluster() const noexcept { return !clusters.empty(); }
  /// \brief The number of units: clusters, or `n` cases.
  [[nodiscard]] std::size_t count(std::size_t n) const noexcept { return by_cluster() ? clusters.size() : n; }
};

/// \brief The clusters of a model frame's cases (none when the frame has no cluster column).
inline resample_units units_of(const cluster_assignment& assignment) {
  resample_units u;
  if (assignment.of_case.empty()) return u;
  u.clusters.resize(assignment.labels.size());
  for (std::size_t i = 0; i < assignment.of_case.size(); ++i) {
    u.clusters[static_cast<std::size_t>(assignment.of_case[i])].push_back(static_cast<Eigen::Index>(i));
  }
  return u;
}

/// \brief Adds one resample's counts to `counts` (one per case, zeroed by the caller): n draws of a
/// case, or G draws of a cluster each adding 1 to every case in it.
inline void add_resample_counts(random_stream& stream, const resample_units& units, Eigen::Index n, double* counts) {
  if (!units.by_cluster()) {
    const auto cases = static_cast<std::uint32_t>(n);
    for (Eigen::Index i = 0; i < n; ++i) counts[stream.below(cases)] += 1.0;
    return;
  }
  const auto g = static_cast<std::uint32_t>(units.clusters.size());
  for (std::uint32_t k = 0; k < g; ++k) {
    for (const Eigen::Index i : units.clusters[stream.below(g)]) counts[i] += 1.0;
  }
}

/// \brief Monte Carlo intervals draw from the coefficients' covariance, so they cannot resample
/// clusters. \throws argument_error (`what` names the analysis) for Monte Carlo with clusters.
inline void require_resampling_intervals(ci_method method, const resample_units& units, const std::string& what) {
  if (units.by_cluster() && method == ci_method::monte_carlo) {
    throw argument_error(what + ": Monte Carlo intervals draw from the coefficients' covariance and cannot resample "
                                "clusters; with a cluster column use bootstrap intervals (percentile, bc or bca)");
  }
}

/// \brief The note a cluster bootstrap of fewer than few_clusters clusters carries (empty otherwise).
inline std::string few_clusters_note(const resample_units& units, const std::string& column) {
  if (!units.by_cluster() || units.clusters.size() >= few_clusters) return {};
  return "the bootstrap resampled " + std::to_string(units.clusters.size()) + " clusters of " + column +
         "; with fewer than " + std::to_string(few_clusters) + " its intervals can be too narrow";
}

}  // namespace socialcure::detail

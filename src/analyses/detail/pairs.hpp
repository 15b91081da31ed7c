#pragma once
/// \file
/// \brief Internal: the complete (pre, post) pairs of two equally long vectors.

#include <cmath>
#include <cstddef>
#include <string_view>
#include <vector>

#include <Eigen/Core>

#include "socialcure/core/error.hpp"
#include "socialcure/core/missing.hpp"
#include "socialcure/core/number.hpp"

namespace socialcure::detail {

/// \brief The pairs with both members observed, in input order, and how many were not.
struct complete_pairs {
  Eigen::VectorXd pre;
  Eigen::VectorXd post;
  std::vector<std::size_t> rows;  ///< input position of each pair
  std::size_t n_excluded = 0;     ///< pairs with a missing member
};

/// \brief Collects the complete pairs. \throws argument_error naming `who` when the lengths differ,
/// a value is infinite, or the values are too large for sums of squares in double precision.
[[nodiscard]] complete_pairs collect_pairs(const Eigen::Ref<const Eigen::VectorXd>& pre,
                                           const Eigen::Ref<const Eigen::VectorXd>& post, std::string_view who);

/// \brief Checks every pre and post value of the pairs. \throws argument_error
/// "<who>: <pre|post> <noun> <value> at position <k> is not <rule>" for the first value `allowed`
/// rejects (k = 1-based input position).
void require_each(const complete_pairs& pairs, bool (*allowed)(double), std::string_view who, std::string_view noun,
                  std::string_view rule);

/// \brief Mean and sample SD (n - 1) of a vector without missing values (missing with n < 2 for the SD).
struct moments {
  double mean = 0.0;
  double sd = 0.0;
};
[[nodiscard]] moments mean_sd_of(const Eigen::VectorXd& values);

/// \brief Pearson correlation of two complete vectors (missing when either has no variance).
[[nodiscard]] double correlation_of(const Eigen::VectorXd& x, const Eigen::VectorXd& y);

}  // namespace socialcure::detail

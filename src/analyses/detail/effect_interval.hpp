#pragma once
/// \file
/// \brief Internal: an effect's bootstrap (or Monte Carlo) summary from its replicates - the SE,
/// the interval of the chosen method, the BCa acceleration from the jackknife - shared by every
/// mediation model (mediation.cpp, natural_effects.cpp).

#include <algorithm>
#include <span>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "socialcure/analyses/bootstrap_intervals.hpp"
#include "socialcure/analyses/mediation.hpp"

namespace socialcure::detail {

/// \brief The jackknife acceleration of each column of the leave-one-out estimates `jack`; empty
/// when a leave-one-out fit failed (a NaN in `jack`).
inline Eigen::VectorXd jackknife_accelerations(const Eigen::MatrixXd& jack) {
  if (jack.hasNaN()) return {};
  Eigen::VectorXd a(jack.cols());
  for (Eigen::Index e = 0; e < a.size(); ++e) {
    const Eigen::VectorXd col = jack.col(e);
    a(e) = jackknife_acceleration(std::span<const double>(col.data(), static_cast<std::size_t>(col.size())));
  }
  return a;
}

/// \brief Sets e.boot_se and e's interval of `method` (percentile for Monte Carlo draws too) from
/// the effect's replicates; for BCa also e.acceleration, and no interval but `bca_problem` when
/// that is not empty.
inline void set_interval(mediation_effect& e, std::vector<double> values, ci_method method, double level,
                         double acceleration, const std::string& bca_problem) {
  e.boot_se = replicate_sd(values);
  std::sort(values.begin(), values.end());
  bootstrap_interval ci;
  switch (method) {
    case ci_method::percentile:
    case ci_method::monte_carlo: ci = percentile_interval(values, level); break;
    case ci_method::bias_corrected: ci = bias_corrected_interval(values, e.estimate, level); break;
    case ci_method::bca:
      e.acceleration = acceleration;
      if (bca_problem.empty()) {
        ci = bca_interval(values, e.estimate, acceleration, level);
      } else {
        ci.problem = bca_problem;
      }
      break;
  }
  e.ci_lower = ci.lower;
  e.ci_upper = ci.upper;
  e.ci_ok = ci.ok;
  e.ci_problem = ci.problem;
}

}  // namespace socialcure::detail

#pragma once
/// \file
/// \brief Internal: the probit link's mean and its derivative, as R's binomial(link = "probit"):
/// mu = Phi(eta) with eta held within +-8.1259 (= -Phi^-1(2^-52)), so that mu stays inside (0, 1),
/// and d mu / d eta = phi(eta), at least 2^-52.

#include <algorithm>
#include <cmath>

namespace socialcure::detail {

inline constexpr double probit_bound = 8.125890664701906;  // -qnorm(.Machine$double.eps)
inline constexpr double probit_floor = 2.220446049250313e-16;  // .Machine$double.eps

/// \brief Phi(eta), eta clamped to +-probit_bound.
[[nodiscard]] inline double probit_mean(double eta) {
  return 0.5 * std::erfc(-std::clamp(eta, -probit_bound, probit_bound) * 0.70710678118654752440);
}

/// \brief phi(eta), at least 2^-52.
[[nodiscard]] inline double probit_mean_derivative(double eta) {
  return std::max(0.39894228040143267794 * std::exp(-0.5 * eta * eta), probit_floor);
}

}  // namespace socialcure::detail

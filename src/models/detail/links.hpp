#pragma once
/// \file
/// \brief Internal: the means of the binomial links, shared by fit_glm and the bootstrap's refits.
/// Logit: mu = 1 / (1 + exp(-eta)) with eta held within +-30 (as R's logit link), so that fitted
/// probabilities stay inside (0, 1) and separation shows as probabilities within 1e-13 of 0 or 1.
/// Probit, as R's binomial(link = "probit"): mu = Phi(eta) with eta held within +-8.1259
/// (= -Phi^-1(2^-52)), so that mu stays inside (0, 1), and d mu / d eta = phi(eta), at least 2^-52.

#include <algorithm>
#include <cmath>

namespace socialcure::detail {

inline constexpr double probit_bound = 8.125890664701906;  // -qnorm(.Machine$double.eps)
inline constexpr double probit_floor = 2.220446049250313e-16;  // .Machine$double.eps

/// \brief expit(eta), eta clamped to +-30.
[[nodiscard]] inline double logit_mean(double eta) { return 1.0 / (1.0 + std::exp(-std::clamp(eta, -30.0, 30.0))); }

/// \brief Phi(eta), eta clamped to +-probit_bound.
[[nodiscard]] inline double probit_mean(double eta) {
  return 0.5 * std::erfc(-std::clamp(eta, -probit_bound, probit_bound) * 0.70710678118654752440);
}

/// \brief phi(eta), at least 2^-52.
[[nodiscard]] inline double probit_mean_derivative(double eta) {
  return std::max(0.39894228040143267794 * std::exp(-0.5 * eta * eta), probit_floor);
}

}  // namespace socialcure::detail

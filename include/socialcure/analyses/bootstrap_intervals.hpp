#pragma once
/// \file
/// \brief Confidence intervals from bootstrap (or Monte Carlo) replicates, with PROCESS's
/// conventions (docs/methods/mediation.md, sections 8-10).
///
/// Endpoints are order statistics, without interpolation (PROCESS's index rule): with B sorted
/// replicates and levels q_lo, q_hi, lower = element round(B q_lo) and upper = element
/// trunc(B q_hi) + 1 (1-based; `round` as R's, halves to even; B q taken as in exact decimal
/// arithmetic, so at 95% B = 100 gives the tie 2.5 and element 2, not 2.5000000000000022 -> 3). Percentile: q = alpha/2,
/// 1 - alpha/2 (B = 5000 at 95%: elements 125 and 4876). Bias-corrected: z0 = Phi^-1(p0) with p0
/// the share of replicates strictly below the estimate, q = Phi(2 z0 -/+ z_{1-alpha/2}). BCa: q =
/// Phi(z0 + (z0 + z) / (1 - a (z0 + z))), z = z_{alpha/2}, z_{1-alpha/2}, with the jackknife
/// acceleration a. An interval that cannot be formed (p0 = 0 or 1: every replicate on one side of
/// the estimate; an index outside 1..B) is reported with `ok = false` and a reason, never as a
/// silent number; BC/BCa indices that fall outside 1..B are clamped with a warning, as PROCESS does.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "socialcure/core/missing.hpp"

namespace socialcure {

/// \brief How an interval for an indirect effect is formed.
enum class ci_method { percentile, bias_corrected, bca, monte_carlo };

/// \brief "percentile", "bias_corrected", "bca", "monte_carlo".
[[nodiscard]] std::string_view to_string(ci_method method) noexcept;

/// \brief Parses "percentile", "bc" / "bias_corrected", "bca", "monte-carlo" / "monte_carlo" / "mc".
/// \throws argument_error listing the choices.
[[nodiscard]] ci_method parse_ci_method(std::string_view text);

/// \brief A bootstrap interval and whether it could be formed.
struct bootstrap_interval {
  double lower = missing_value;
  double upper = missing_value;
  bool ok = false;
  std::string problem;  ///< why not ok, or a warning (e.g. an index clamped to 1..B)
};

/// \brief The 1-based order statistic PROCESS takes for the lower limit at level q: round(B q).
[[nodiscard]] long long lower_index(std::size_t replicates, double q);
/// \brief The 1-based order statistic PROCESS takes for the upper limit at level q: trunc(B q) + 1.
[[nodiscard]] long long upper_index(std::size_t replicates, double q);

/// \brief Percentile interval from replicates sorted in increasing order.
[[nodiscard]] bootstrap_interval percentile_interval(std::span<const double> sorted, double level);

/// \brief Bias-corrected percentile interval (strict '<' for p0).
[[nodiscard]] bootstrap_interval bias_corrected_interval(std::span<const double> sorted, double estimate, double level);

/// \brief BCa interval, given the acceleration (see jackknife_acceleration).
[[nodiscard]] bootstrap_interval bca_interval(std::span<const double> sorted, double estimate, double acceleration,
                                              double level);

/// \brief Jackknife acceleration a = sum (m - t_i)^3 / (6 [sum (m - t_i)^2]^{3/2}) of the
/// leave-one-out estimates t_i (m their mean); 0 when they do not vary.
[[nodiscard]] double jackknife_acceleration(std::span<const double> leave_one_out);

/// \brief Standard deviation of the replicates (n - 1), PROCESS's "BootSE".
[[nodiscard]] double replicate_sd(std::span<const double> replicates);

}  // namespace socialcure

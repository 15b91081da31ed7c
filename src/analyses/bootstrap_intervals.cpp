#include "socialcure/analyses/bootstrap_intervals.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "socialcure/core/error.hpp"
#include "socialcure/core/number.hpp"
#include "socialcure/data/describe.hpp"
#include "socialcure/core/distributions.hpp"

namespace socialcure {

std::string_view to_string(ci_method method) noexcept {
  switch (method) {
    case ci_method::percentile: return "percentile";
    case ci_method::bias_corrected: return "bias_corrected";
    case ci_method::bca: return "bca";
    case ci_method::monte_carlo: return "monte_carlo";
  }
  return "percentile";
}

ci_method parse_ci_method(std::string_view text) {
  if (text == "percentile") return ci_method::percentile;
  if (text == "bc" || text == "bias_corrected" || text == "bias-corrected") return ci_method::bias_corrected;
  if (text == "bca") return ci_method::bca;
  if (text == "monte-carlo" || text == "monte_carlo" || text == "mc") return ci_method::monte_carlo;
  throw argument_error("unknown CI method '" + std::string(text) + "' (percentile, bc, bca or monte-carlo)");
}

namespace {

/// B q as in exact decimal arithmetic: (1 - 0.95) / 2 is 0.025000000000000022 in doubles, so
/// 100 q would be 2.5000000000000022; snapping to 9 decimals makes it the tie 2.5 it is on paper.
double position(std::size_t replicates, double q) {
  const double raw = static_cast<double>(replicates) * q;
  const double snapped = std::nearbyint(raw * 1e9) / 1e9;
  return std::fabs(snapped - raw) <= 1e-9 * std::max(1.0, std::fabs(raw)) ? snapped : raw;
}

}  // namespace

long long lower_index(std::size_t replicates, double q) {
  // R's round(): halves to even, which is the default floating-point rounding mode.
  return static_cast<long long>(std::nearbyint(position(replicates, q)));
}

long long upper_index(std::size_t replicates, double q) {
  return static_cast<long long>(std::trunc(position(replicates, q))) + 1;
}

namespace {

/// The interval at levels (q_lo, q_hi); `clamp`: indices outside 1..B are clamped with a warning
/// (BC, BCa), otherwise they make the interval impossible (percentile).
bootstrap_interval at_levels(std::span<const double> sorted, double q_lo, double q_hi, bool clamp) {
  bootstrap_interval out;
  const std::size_t b = sorted.size();
  if (b == 0) {
    out.problem = "no replicates";
    return out;
  }
  long long lo = lower_index(b, q_lo);
  long long hi = upper_index(b, q_hi);
  const auto last = static_cast<long long>(b);
  if (lo < 1 || hi > last) {
    if (!clamp) {
      out.problem = "too few replicates for this level: order statistic " + std::to_string(lo < 1 ? lo : hi) +
                    " of " + std::to_string(b) + " (use more replicates)";
      return out;
    }
    out.problem = "an interval index fell outside 1.." + std::to_string(b) + " and was clamped (use more replicates)";
    lo = std::clamp(lo, 1LL, last);
    hi = std::clamp(hi, 1LL, last);
  }
  if (lo > last) lo = last;
  if (hi < 1) hi = 1;
  out.lower = sorted[static_cast<std::size_t>(lo - 1)];
  out.upper = sorted[static_cast<std::size_t>(hi - 1)];
  out.ok = true;
  return out;
}

/// z0 = Phi^-1(share strictly below the estimate); missing (with a reason) when infinite.
double bias_z0(std::span<const double> sorted, double estimate, std::string& problem) {
  const auto below = static_cast<double>(std::lower_bound(sorted.begin(), sorted.end(), estimate) - sorted.begin());
  const double p0 = below / static_cast<double>(sorted.size());
  if (p0 <= 0.0 || p0 >= 1.0) {
    problem = std::string("the bias correction is infinite: ") +
              (p0 <= 0.0 ? "no replicate is below the estimate" : "every replicate is below the estimate");
    return missing_value;
  }
  return normal_quantile(p0);
}

}  // namespace

bootstrap_interval percentile_interval(std::span<const double> sorted, double level) {
  check_level(level, "percentile_interval");
  const double alpha = 1.0 - level;
  return at_levels(sorted, alpha / 2.0, 1.0 - alpha / 2.0, false);
}

bootstrap_interval bias_corrected_interval(std::span<const double> sorted, double estimate, double level) {
  check_level(level, "bias_corrected_interval");
  bootstrap_interval out;
  if (sorted.empty()) {
    out.problem = "no replicates";
    return out;
  }
  const double z0 = bias_z0(sorted, estimate, out.problem);
  if (is_missing(z0)) return out;
  const double z = normal_quantile(1.0 - (1.0 - level) / 2.0);
  return at_levels(sorted, normal_cdf(2.0 * z0 - z), normal_cdf(2.0 * z0 + z), true);
}

bootstrap_interval bca_interval(std::span<const double> sorted, double estimate, double acceleration, double level) {
  check_level(level, "bca_interval");
  bootstrap_interval out;
  if (sorted.empty()) {
    out.problem = "no replicates";
    return out;
  }
  if (is_missing(acceleration) || std::isinf(acceleration)) {
    out.problem = "the acceleration is undefined";
    return out;
  }
  const double z0 = bias_z0(sorted, estimate, out.problem);
  if (is_missing(z0)) return out;
  const double z = normal_quantile(1.0 - (1.0 - level) / 2.0);
  const auto adjusted = [&](double zq) {
    const double s = z0 + zq;
    const double denominator = 1.0 - acceleration * s;
    return denominator > 0 ? normal_cdf(z0 + s / denominator) : (s > 0 ? 1.0 : 0.0);
  };
  return at_levels(sorted, adjusted(-z), adjusted(z), true);
}

double jackknife_acceleration(std::span<const double> leave_one_out) {
  if (leave_one_out.size() < 2) return missing_value;
  double mean = 0.0;
  for (double t : leave_one_out) mean += t;
  mean /= static_cast<double>(leave_one_out.size());
  double s2 = 0.0;
  double s3 = 0.0;
  for (double t : leave_one_out) {
    const double d = mean - t;
    s2 += d * d;
    s3 += d * d * d;
  }
  if (!(s2 > 0)) return 0.0;
  return s3 / (6.0 * std::pow(s2, 1.5));
}

double replicate_sd(std::span<const double> replicates) { return mean_and_sd(replicates).sd; }

}  // namespace socialcure

#include "analyses/detail/pairs.hpp"

#include <algorithm>
#include <cmath>
#include <span>
#include <string>

#include "socialcure/core/error.hpp"
#include "socialcure/core/missing.hpp"
#include "socialcure/core/number.hpp"
#include "socialcure/data/describe.hpp"

namespace socialcure::detail {

complete_pairs collect_pairs(const Eigen::Ref<const Eigen::VectorXd>& pre, const Eigen::Ref<const Eigen::VectorXd>& post,
                             std::string_view who) {
  if (pre.size() != post.size()) {
    throw argument_error(std::string(who) + ": pre has " + std::to_string(pre.size()) + " values but post has " +
                         std::to_string(post.size()));
  }
  complete_pairs out;
  const auto n = static_cast<std::size_t>(pre.size());
  out.rows.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double a = pre(static_cast<Eigen::Index>(i));
    const double b = post(static_cast<Eigen::Index>(i));
    if (std::isinf(a) || std::isinf(b)) {
      throw argument_error(std::string(who) + ": pair " + std::to_string(i + 1) + " has an infinite value");
    }
    if (is_missing(a) || is_missing(b)) {
      ++out.n_excluded;
      continue;
    }
    out.rows.push_back(i);
  }
  out.pre.resize(static_cast<Eigen::Index>(out.rows.size()));
  out.post.resize(static_cast<Eigen::Index>(out.rows.size()));
  for (std::size_t k = 0; k < out.rows.size(); ++k) {
    out.pre(static_cast<Eigen::Index>(k)) = pre(static_cast<Eigen::Index>(out.rows[k]));
    out.post(static_cast<Eigen::Index>(k)) = post(static_cast<Eigen::Index>(out.rows[k]));
  }
  // Values beyond about 1e154 overflow the sums of squares (or their differences overflow): the SDs
  // would be infinite (t = 0, p = 1) or NaN read as 0, without a word.
  if (!std::isfinite(out.pre.squaredNorm() + out.post.squaredNorm() + (out.post - out.pre).squaredNorm())) {
    const double largest = std::max(out.pre.cwiseAbs().maxCoeff(), out.post.cwiseAbs().maxCoeff());
    throw argument_error(std::string(who) + ": the values are too large (largest |value| " + format_number(largest) +
                         ") for sums of squares in double precision: rescale them (e.g. other units)");
  }
  return out;
}

void require_each(const complete_pairs& pairs, bool (*allowed)(double), std::string_view who, std::string_view noun,
                  std::string_view rule) {
  for (std::size_t k = 0; k < pairs.rows.size(); ++k) {
    for (const bool is_pre : {true, false}) {
      const double value = (is_pre ? pairs.pre : pairs.post)(static_cast<Eigen::Index>(k));
      if (allowed(value)) continue;
      throw argument_error(std::string(who) + ": " + (is_pre ? "pre " : "post ") + std::string(noun) + " " +
                           format_number(value) + " at position " + std::to_string(pairs.rows[k] + 1) + " is not " +
                           std::string(rule));
    }
  }
}

moments mean_sd_of(const Eigen::VectorXd& values) {
  const mean_sd m = mean_and_sd(std::span<const double>(values.data(), static_cast<std::size_t>(values.size())));
  return {m.mean, m.sd};
}

double correlation_of(const Eigen::VectorXd& x, const Eigen::VectorXd& y) {
  if (x.size() < 2) return missing_value;
  const double mx = mean_sd_of(x).mean;
  const double my = mean_sd_of(y).mean;
  const Eigen::ArrayXd dx = x.array() - mx;
  const Eigen::ArrayXd dy = y.array() - my;
  const double sxx = dx.square().sum();
  const double syy = dy.square().sum();
  if (!(sxx > 0) || !(syy > 0)) return missing_value;
  return (dx * dy).sum() / std::sqrt(sxx * syy);
}

}  // namespace socialcure::detail

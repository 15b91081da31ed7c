#include "socialcure/data/describe.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "socialcure/core/missing.hpp"

namespace socialcure {

mean_sd mean_and_sd(std::span<const double> values) noexcept {
  mean_sd out;
  double sum = 0.0;
  for (double v : values) {
    if (is_missing(v)) continue;
    sum += v;
    ++out.n;
  }
  if (out.n == 0) return {0, missing_value, missing_value};
  const double n = static_cast<double>(out.n);
  double rough = sum / n;
  if (!std::isfinite(rough)) {  // the sum overflowed: average the values divided by n instead
    rough = 0.0;
    for (double v : values) {
      if (!is_missing(v)) rough += v / n;
    }
  }
  // Second pass: squared deviations, and the sum of deviations that corrects rounding in `rough`,
  // of the values divided by `scale`.
  auto spread = [&](double scale) {
    const double centre = rough / scale;
    double dev = 0.0;
    double dev2 = 0.0;
    auto accumulate = [&](auto scaled) {
      for (double v : values) {
        if (is_missing(v)) continue;
        const double d = scaled(v) - centre;
        dev += d;
        dev2 += d * d;
      }
    };
    if (scale == 1.0) {
      accumulate([](double v) { return v; });  // v / 1 == v: the same sums without a division
    } else {
      accumulate([scale](double v) { return v / scale; });
    }
    out.mean = scale * (centre + dev / n);
    out.sd = out.n < 2 ? missing_value : scale * std::sqrt(std::max(0.0, (dev2 - dev * dev / n) / (n - 1.0)));
    return std::isfinite(dev2) && std::isfinite(dev);
  };
  if (!spread(1.0)) {
    // Squared deviations beyond the range of a double (values near 1e154 and more): the same pass
    // on values divided by the largest magnitude, rather than an infinite or NaN spread.
    double scale = 0.0;
    for (double v : values) {
      if (!is_missing(v)) scale = std::max(scale, std::fabs(v));
    }
    (void)spread(scale);
  }
  return out;
}

column_summary describe(const column& c) {
  column_summary s;
  s.name = c.name();
  s.type = c.type();
  s.n_missing = c.missing_count();
  s.n = c.size() - s.n_missing;
  if (!c.is_numeric()) {
    std::unordered_set<std::string> seen;
    for (std::size_t i = 0; i < c.size(); ++i) {
      if (!c.is_missing(i)) seen.insert(c.strings()[i]);
    }
    s.distinct = seen.size();
    s.min = s.max = s.mean = s.sd = missing_value;
    return s;
  }
  const auto values = c.numbers();
  s.min = missing_value;
  s.max = missing_value;
  for (double v : values) {
    if (is_missing(v)) continue;
    s.min = is_missing(s.min) ? v : std::min(s.min, v);
    s.max = is_missing(s.max) ? v : std::max(s.max, v);
  }
  const mean_sd m = mean_and_sd(values);
  s.mean = m.mean;
  s.sd = m.sd;
  return s;
}

table_summary describe(const table& data) {
  table_summary out;
  out.source = data.source();
  out.rows = data.rows();
  out.columns.reserve(data.cols());
  for (std::size_t j = 0; j < data.cols(); ++j) out.columns.push_back(describe(data.at(j)));
  return out;
}

table_summary describe(const stat_file& file) {
  table_summary out = describe(file.data);
  for (const auto& v : file.variables) {
    if (!v.value_labels.empty()) out.value_labels.push_back({v.name, v.value_labels});
  }
  return out;
}

}  // namespace socialcure

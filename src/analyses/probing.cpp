#include "socialcure/analyses/probing.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>

#include "socialcure/core/distributions.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/data/describe.hpp"

namespace socialcure {

std::string_view to_string(probe_method method) noexcept {
  switch (method) {
    case probe_method::percentiles: return "percentiles";
    case probe_method::mean_sd: return "mean_sd";
    case probe_method::values: return "values";
  }
  return "percentiles";
}

std::string_view to_string(centering c) noexcept {
  switch (c) {
    case centering::none: return "none";
    case centering::all: return "all";
    case centering::continuous: return "continuous";
  }
  return "none";
}

centering parse_centering(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  for (centering c : {centering::none, centering::all, centering::continuous}) {
    if (lower == to_string(c)) return c;
  }
  throw argument_error("unknown centring '" + std::string(text) + "' (allowed: none, all, continuous)");
}

void probe_options::validate() const {
  if (method == probe_method::values && values.empty()) {
    throw argument_error("probe_options: probe_method::values needs at least one value");
  }
  if (method != probe_method::values && !values.empty()) {
    throw argument_error("probe_options: values are given but the method is " + std::string(to_string(method)));
  }
  for (double v : values) {
    if (!std::isfinite(v)) throw argument_error("probe_options: a probe value must be finite");
  }
}

namespace {

std::string short_number(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", v);
  return buffer;
}

std::vector<double> sorted_finite(std::span<const double> values) {
  std::vector<double> out;
  out.reserve(values.size());
  for (double v : values) {
    if (std::isfinite(v)) out.push_back(v);
  }
  std::sort(out.begin(), out.end());
  return out;
}

double type6_sorted(const std::vector<double>& x, double p) {
  // R's quantile(type = 6): h = p (n + 1), with R's fuzz against representation error.
  const double n = static_cast<double>(x.size());
  const double fuzz = 4.0 * std::numeric_limits<double>::epsilon();
  const double h = p * (n + 1.0);
  const double j = std::floor(h + fuzz);
  double f = h - j;
  if (std::fabs(f) < fuzz) f = 0.0;
  if (j < 1.0) return x.front();
  if (j >= n) return x.back();
  const auto k = static_cast<std::size_t>(j);  // 1-based index of the lower order statistic
  return f == 0.0 ? x[k - 1] : x[k - 1] + f * (x[k] - x[k - 1]);
}

void add_percentiles(probe_set& out, const std::vector<double>& x) {
  static constexpr double ps[] = {0.16, 0.50, 0.84};
  static constexpr const char* names[] = {"16th percentile", "50th percentile", "84th percentile"};
  for (std::size_t i = 0; i < 3; ++i) {
    const double v = type6_sorted(x, ps[i]);
    if (!out.values.empty() && v == out.values.back()) {
      out.labels.back() += " = " + std::string(names[i]);
      out.notes.push_back("the " + std::string(names[i]) + " of '" + out.variable +
                          "' equals the previous probe value (" + short_number(v) + "): probed once");
      continue;
    }
    out.values.push_back(v);
    out.labels.emplace_back(names[i]);
  }
  if (out.values.size() == 1) {
    throw data_error({}, "moderator '" + out.variable +
                             "' has too few distinct values for percentile probes: its 16th, 50th and 84th "
                             "percentiles all equal " + short_number(out.values.front()) +
                             " (probe at the mean and +/- 1 SD, or at given values)");
  }
}

void add_mean_sd(probe_set& out) {
  const double below = out.mean - out.sd;
  const double above = out.mean + out.sd;
  if (below < out.minimum) {
    out.values.push_back(out.minimum);
    out.labels.emplace_back("minimum (mean - 1 SD is below it)");
    out.notes.push_back("one SD below the mean of '" + out.variable + "' (" + short_number(below) +
                        ") is below the minimum observed, so the minimum (" + short_number(out.minimum) +
                        ") is used");
  } else {
    out.values.push_back(below);
    out.labels.emplace_back("mean - 1 SD");
  }
  out.values.push_back(out.mean);
  out.labels.emplace_back("mean");
  if (above > out.maximum) {
    out.values.push_back(out.maximum);
    out.labels.emplace_back("maximum (mean + 1 SD is above it)");
    out.notes.push_back("one SD above the mean of '" + out.variable + "' (" + short_number(above) +
                        ") is above the maximum observed, so the maximum (" + short_number(out.maximum) +
                        ") is used");
  } else {
    out.values.push_back(above);
    out.labels.emplace_back("mean + 1 SD");
  }
}

void add_given(probe_set& out, const std::vector<double>& given) {
  for (double v : given) {
    out.values.push_back(v);
    out.labels.emplace_back("value");
    if (v < out.minimum || v > out.maximum) {
      out.notes.push_back("probe value " + short_number(v) + " of '" + out.variable +
                          "' is outside the observed range [" + short_number(out.minimum) + ", " +
                          short_number(out.maximum) + "]: the conditional effect there is an extrapolation");
    }
  }
}

}  // namespace

std::size_t count_distinct(std::span<const double> values) {
  const std::vector<double> x = sorted_finite(values);
  std::size_t k = x.empty() ? 0 : 1;
  for (std::size_t i = 1; i < x.size(); ++i) k += x[i] != x[i - 1] ? 1 : 0;
  return k;
}

bool is_dichotomous(std::span<const double> values) { return count_distinct(values) == 2; }

double type6_quantile(std::span<const double> values, double p) {
  if (!(p >= 0.0 && p <= 1.0)) throw argument_error("type6_quantile: p must be in [0, 1]");
  const std::vector<double> x = sorted_finite(values);
  if (x.empty()) throw argument_error("type6_quantile: no values");
  return type6_sorted(x, p);
}

probe_set choose_probe_values(std::span<const double> values, std::string_view variable, const probe_options& options) {
  options.validate();
  probe_set out;
  out.variable = std::string(variable);
  out.method = options.method;
  const std::vector<double> x = sorted_finite(values);
  if (x.empty()) throw argument_error("choose_probe_values: no values of '" + out.variable + "'");
  out.minimum = x.front();
  out.maximum = x.back();
  const mean_sd m = mean_and_sd(std::span<const double>(x.data(), x.size()));
  out.mean = m.mean;
  out.sd = x.size() > 1 ? m.sd : missing_value;
  if (out.minimum == out.maximum) {
    throw data_error({}, "moderator '" + out.variable + "' does not vary (every value is " +
                             short_number(out.minimum) + "): there is nothing to probe");
  }
  if (options.method == probe_method::values) {
    add_given(out, options.values);
    return out;
  }
  if (count_distinct(x) == 2) {
    out.dichotomous = true;
    out.values = {out.minimum, out.maximum};
    out.labels = {"lower value", "upper value"};
    out.notes.push_back("'" + out.variable + "' is dichotomous: probed at its two values");
    return out;
  }
  if (options.method == probe_method::percentiles) {
    add_percentiles(out, x);
  } else {
    add_mean_sd(out);
  }
  return out;
}

double critical_value(double df, double level) {
  check_level(level, "critical_value");
  if (!(df > 0.0)) throw argument_error("critical_value: df must be > 0");
  const double prob = 1.0 - (1.0 - level) / 2.0;
  return std::isinf(df) ? normal_quantile(prob) : t_quantile(prob, df);
}

namespace {

conditional_estimate evaluate_with(const linear_effect& e, double w, double df, double crit) {
  conditional_estimate out;
  out.w = w;
  out.effect = e.intercept + e.slope * w;
  const double var = e.var_intercept + 2.0 * w * e.covariance + w * w * e.var_slope;
  out.se = std::sqrt(std::max(var, 0.0));
  if (out.se > 0.0) {
    out.t = out.effect / out.se;
    out.p = std::isinf(df) ? z_two_sided_p(out.t) : t_two_sided_p(out.t, df);
  }
  out.ci_lower = out.effect - crit * out.se;
  out.ci_upper = out.effect + crit * out.se;
  return out;
}

// Real roots of a w^2 + b w + c = 0 (a linear equation when a is exactly 0), increasing, by the
// cancellation-free formula q = -(b + sign(b) sqrt(d)) / 2, roots q / a and c / q.
std::vector<double> real_roots(double a, double b, double c) {
  if (a == 0.0) {
    if (b == 0.0) return {};
    return {-c / b};
  }
  const double d = b * b - 4.0 * a * c;
  if (d < 0.0) return {};
  const double q = -0.5 * (b + std::copysign(std::sqrt(d), b));
  std::vector<double> out;
  out.push_back(q / a);
  if (q != 0.0) out.push_back(c / q);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<conditional_estimate> region_table(const linear_effect& e, const johnson_neyman_result& jn) {
  const std::size_t rows = 22;
  const std::size_t grid = rows - jn.points.size();
  std::vector<double> w;
  for (std::size_t i = 0; i < grid; ++i) {
    const double t = static_cast<double>(i) / static_cast<double>(grid - 1);
    w.push_back(i + 1 == grid ? jn.maximum : jn.minimum + t * (jn.maximum - jn.minimum));
  }
  for (const jn_point& p : jn.points) {
    if (std::find(w.begin(), w.end(), p.value) == w.end()) w.push_back(p.value);
  }
  std::sort(w.begin(), w.end());
  std::vector<conditional_estimate> out;
  out.reserve(w.size());
  for (double v : w) out.push_back(evaluate_with(e, v, jn.df, jn.critical_value));
  return out;
}

void describe_regions(johnson_neyman_result& jn) {
  std::vector<double> cuts = {jn.minimum};
  for (const jn_point& p : jn.points) cuts.push_back(p.value);
  cuts.push_back(jn.maximum);
  for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
    if (cuts[i + 1] <= cuts[i]) continue;
    const double mid = 0.5 * (cuts[i] + cuts[i + 1]);
    if (jn.a * mid * mid + jn.b * mid + jn.c <= 0.0) continue;
    if (!jn.significant.empty() && jn.significant.back().upper == cuts[i]) {
      jn.significant.back().upper = cuts[i + 1];
    } else {
      jn.significant.push_back({cuts[i], cuts[i + 1]});
    }
  }
  std::string where;
  if (jn.significant.empty()) {
    where = "significant nowhere in the observed range";
  } else if (jn.significant.size() == 1 && jn.significant[0].lower == jn.minimum &&
             jn.significant[0].upper == jn.maximum) {
    where = "significant over the whole observed range";
  } else {
    where = "significant for";
    for (std::size_t i = 0; i < jn.significant.size(); ++i) {
      where += (i == 0 ? " " : " and ") + ("[" + short_number(jn.significant[i].lower) + ", " +
                                           short_number(jn.significant[i].upper) + "]");
    }
  }
  const std::size_t k = jn.points.size();
  jn.summary = (k == 0 ? std::string("no transition points within the observed range")
                       : std::to_string(k) + " transition point" + (k == 1 ? "" : "s") + " within the observed range") +
               "; " + where;
}

}  // namespace

conditional_estimate evaluate_at(const linear_effect& effect, double w, double df, double level) {
  return evaluate_with(effect, w, df, critical_value(df, level));
}

johnson_neyman_result johnson_neyman(const linear_effect& effect, double df, double level,
                                     std::span<const double> observed) {
  johnson_neyman_result out;
  out.critical_value = critical_value(df, level);
  out.df = df;
  out.level = level;
  for (double v : {effect.intercept, effect.slope, effect.var_intercept, effect.covariance, effect.var_slope}) {
    if (!std::isfinite(v)) throw argument_error("johnson_neyman: the effect and its covariance must be finite");
  }
  const std::vector<double> x = sorted_finite(observed);
  if (x.empty()) throw argument_error("johnson_neyman: no observed moderator values");
  out.minimum = x.front();
  out.maximum = x.back();
  if (out.minimum == out.maximum) {
    throw data_error({}, "johnson_neyman: the moderator does not vary (every value is " + short_number(out.minimum) +
                             ")");
  }
  const double t2 = out.critical_value * out.critical_value;
  out.a = effect.slope * effect.slope - t2 * effect.var_slope;
  out.b = 2.0 * (effect.intercept * effect.slope - t2 * effect.covariance);
  out.c = effect.intercept * effect.intercept - t2 * effect.var_intercept;
  const double n = static_cast<double>(x.size());
  for (double r : real_roots(out.a, out.b, out.c)) {
    if (r < out.minimum || r > out.maximum) continue;
    jn_point p;
    p.value = r;
    const auto below = std::lower_bound(x.begin(), x.end(), r) - x.begin();
    const auto above = x.end() - std::upper_bound(x.begin(), x.end(), r);
    p.percent_below = 100.0 * static_cast<double>(below) / n;
    p.percent_above = 100.0 * static_cast<double>(above) / n;
    out.points.push_back(p);
  }
  describe_regions(out);
  out.region = region_table(effect, out);
  return out;
}

}  // namespace socialcure

#include "socialcure/analyses/moderation.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <span>

#include <Eigen/LU>

#include "socialcure/core/distributions.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/core/number.hpp"
#include "socialcure/data/describe.hpp"

namespace socialcure {

namespace {

void require_distinct_names(const std::vector<std::pair<std::string, std::string>>& roles, const char* who) {
  for (std::size_t i = 0; i < roles.size(); ++i) {
    if (roles[i].second.empty()) throw argument_error(std::string(who) + ": " + roles[i].first + " is not named");
    for (std::size_t j = 0; j < i; ++j) {
      if (roles[i].second == roles[j].second) {
        throw argument_error(std::string(who) + ": '" + roles[i].second + "' is both " + roles[j].first + " and " +
                             roles[i].first + " (each variable may have one role)");
      }
    }
  }
}

}  // namespace

void moderation_spec::validate() const {
  if (model < 1 || model > 3) {
    throw argument_error("moderation_spec: model " + std::to_string(model) + " is not a moderation model (allowed: 1, 2, 3)");
  }
  if (model == 1 && !z.empty()) throw argument_error("moderation_spec: model 1 has one moderator; Z ('" + z + "') is for models 2 and 3");
  std::vector<std::pair<std::string, std::string>> roles = {{"X", x}, {"W", w}, {"Y", y}};
  if (model > 1) roles.emplace_back("Z", z);
  for (const auto& c : covariates) roles.emplace_back("a covariate", c);
  require_distinct_names(roles, "moderation_spec");
}

void moderation_options::validate() const {
  check_level(level, "moderation_options");
  probe.validate();
  for (double v : z_values) {
    if (!std::isfinite(v)) throw argument_error("moderation_options: a probe value of Z must be finite");
  }
}

void within_moderation_spec::validate() const {
  require_distinct_names({{"the first instance of Y", y.first}, {"the second instance of Y", y.second}, {"W", w}},
                         "within_moderation_spec");
}

namespace {

using Eigen::Index;

std::span<const double> span_of(const Eigen::VectorXd& v) {
  return {v.data(), static_cast<std::size_t>(v.size())};
}

std::string short_number(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", v);
  return buffer;
}

void require_variation(const Eigen::VectorXd& v, const std::string& name, const std::string& role) {
  if (count_distinct(span_of(v)) < 2) {
    throw data_error({}, role + " '" + name + "' does not vary (every analysed value is " +
                             short_number(v.size() > 0 ? v(0) : missing_value) + "): a moderation model needs variation");
  }
}

// One row of the design in PROCESS's order: 1, x, w, xw, [z, xz, [wz, xwz]], covariates.
void fill_row(int model, double x, double w, double z, const Eigen::VectorXd& covariates, Eigen::Ref<Eigen::RowVectorXd, 0, Eigen::InnerStride<>> row) {
  Index k = 0;
  row(k++) = 1.0;
  row(k++) = x;
  row(k++) = w;
  row(k++) = x * w;
  if (model >= 2) {
    row(k++) = z;
    row(k++) = x * z;
  }
  if (model == 3) {
    row(k++) = w * z;
    row(k++) = x * w * z;
  }
  row.tail(covariates.size()) = covariates.transpose();
}

Index product_columns(int model) { return model == 1 ? 4 : model == 2 ? 6 : 8; }

std::vector<std::string> term_names(const moderation_spec& s) {
  std::vector<std::string> names = {"(Intercept)", s.x, s.w, s.x + "*" + s.w};
  if (s.model >= 2) names.insert(names.end(), {s.z, s.x + "*" + s.z});
  if (s.model == 3) names.insert(names.end(), {s.w + "*" + s.z, s.x + "*" + s.w + "*" + s.z});
  names.insert(names.end(), s.covariates.begin(), s.covariates.end());
  return names;
}

// The analysed values: after listwise deletion and centring.
struct analysed {
  Eigen::VectorXd x, w, z, y;
  Eigen::MatrixXd covariates;  // n x k
};

void centre(Eigen::VectorXd& v, const std::string& name, centering c, moderation_result& out) {
  if (c == centering::none || (c == centering::continuous && is_dichotomous(span_of(v)))) return;
  const double m = mean_and_sd(span_of(v)).mean;
  v.array() -= m;
  out.centred.push_back(name);
  out.centred_means.push_back(m);
}

Eigen::MatrixXd design_of(int model, const analysed& a) {
  const Index n = a.y.size();
  Eigen::MatrixXd x(n, product_columns(model) + a.covariates.cols());
  for (Index i = 0; i < n; ++i) {
    fill_row(model, a.x(i), a.w(i), model >= 2 ? a.z(i) : 0.0, a.covariates.row(i).transpose(), x.row(i));
  }
  return x;
}

ols_result fit_equation(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const std::vector<std::string>& names,
                        const ols_options& options, const std::string& response) {
  try {
    return fit_ols(x, y, names, true, options);
  } catch (const data_error& e) {
    throw data_error(e.where(), "moderation model for '" + response + "': " + e.problem(), e.value(), e.allowed());
  }
}

// R^2 change of dropping `columns` (an OLS refit) and the Wald F of their coefficients under the
// fit's covariance (the classical F when the covariance is classical).
interaction_test test_columns(const ols_result& fit, const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                              const std::vector<Index>& columns, std::string term) {
  interaction_test out;
  out.term = std::move(term);
  std::vector<Index> keep;
  std::vector<std::string> names;
  for (Index j = 0; j < x.cols(); ++j) {
    if (std::find(columns.begin(), columns.end(), j) != columns.end()) continue;
    keep.push_back(j);
    names.push_back(fit.coefficients[static_cast<std::size_t>(j)].term);
  }
  Eigen::MatrixXd reduced_x(x.rows(), static_cast<Index>(keep.size()));
  for (std::size_t k = 0; k < keep.size(); ++k) reduced_x.col(static_cast<Index>(k)) = x.col(keep[k]);
  const ols_result reduced = fit_ols(reduced_x, y, names, true, ols_options{});
  out.r2_change = fit.r_squared - reduced.r_squared;
  const auto q = static_cast<Index>(columns.size());
  Eigen::VectorXd b(q);
  Eigen::MatrixXd v(q, q);
  for (Index i = 0; i < q; ++i) {
    b(i) = fit.coefficients[static_cast<std::size_t>(columns[static_cast<std::size_t>(i)])].estimate;
    for (Index j = 0; j < q; ++j) v(i, j) = fit.covariance(columns[static_cast<std::size_t>(i)], columns[static_cast<std::size_t>(j)]);
  }
  out.df1 = static_cast<double>(q);
  out.df2 = fit.df_residual;
  if (fit.se == se_type::classical) {
    out.f = (out.r2_change / out.df1) / ((1.0 - fit.r_squared) / out.df2);
  } else {
    out.f = b.dot(v.fullPivLu().solve(b)) / out.df1;
  }
  out.p = f_upper_p(out.f, out.df1, out.df2);
  return out;
}

std::vector<interaction_test> interaction_tests(const moderation_spec& s, const ols_result& fit,
                                                const Eigen::MatrixXd& x, const Eigen::VectorXd& y) {
  const auto& t = fit.coefficients;
  if (s.model == 1) return {test_columns(fit, x, y, {3}, t[3].term)};
  if (s.model == 3) return {test_columns(fit, x, y, {7}, t[7].term)};
  return {test_columns(fit, x, y, {3}, t[3].term), test_columns(fit, x, y, {5}, t[5].term),
          test_columns(fit, x, y, {3, 5}, "both")};
}

conditional_estimate linear_combination(const ols_result& fit, const Eigen::VectorXd& g, double crit) {
  conditional_estimate out;
  Eigen::VectorXd b(g.size());
  for (Index j = 0; j < g.size(); ++j) b(j) = fit.coefficients[static_cast<std::size_t>(j)].estimate;
  out.effect = g.dot(b);
  out.se = std::sqrt(std::max(g.dot(fit.covariance * g), 0.0));
  if (out.se > 0.0) {
    out.t = out.effect / out.se;
    out.p = t_two_sided_p(out.t, fit.df_residual);
  }
  out.ci_lower = out.effect - crit * out.se;
  out.ci_upper = out.effect + crit * out.se;
  return out;
}

linear_effect linear_effect_of(const ols_result& fit, Index i, Index j) {
  return {fit.coefficients[static_cast<std::size_t>(i)].estimate, fit.coefficients[static_cast<std::size_t>(j)].estimate,
          fit.covariance(i, i), fit.covariance(i, j), fit.covariance(j, j)};
}

void add_conditional_effects(moderation_result& out, int model, double crit) {
  const std::vector<double> zs = out.z_probes ? out.z_probes->values : std::vector<double>{missing_value};
  const Index p = out.equation.covariance.rows();
  for (double w : out.w_probes.values) {
    for (double z : zs) {
      Eigen::VectorXd g = Eigen::VectorXd::Zero(p);
      g(1) = 1.0;
      g(3) = w;
      if (model >= 2) g(5) = z;
      if (model == 3) g(7) = w * z;
      const conditional_estimate e = linear_combination(out.equation, g, crit);
      out.conditional_effects.push_back({w, z, e.effect, e.se, e.t, e.p, e.ci_lower, e.ci_upper});
    }
  }
  if (model != 3) return;
  for (double z : out.z_probes->values) {
    Eigen::VectorXd g = Eigen::VectorXd::Zero(p);
    g(3) = 1.0;
    g(7) = z;
    conditional_estimate e = linear_combination(out.equation, g, crit);
    e.w = z;
    out.conditional_interactions.push_back(e);
  }
}

void add_johnson_neyman(moderation_result& out, const analysed& a, int model) {
  if (model == 2) {
    out.notes.push_back("Johnson-Neyman is not available for model 2 (the effect of X depends on two moderators)");
    return;
  }
  const bool over_z = model == 3;
  const Eigen::VectorXd& m = over_z ? a.z : a.w;
  const std::string& name = over_z ? out.z : out.w;
  if (is_dichotomous(span_of(m))) {
    out.notes.push_back("Johnson-Neyman is not computed: '" + name + "' is dichotomous");
    return;
  }
  const linear_effect e = out.within ? linear_effect_of(out.equation, 0, 1)
                                     : over_z ? linear_effect_of(out.equation, 3, 7) : linear_effect_of(out.equation, 1, 3);
  out.johnson_neyman = johnson_neyman(e, out.equation.df_residual, out.level, span_of(m));
  out.johnson_neyman_moderator = name;
}

void add_plot_data(moderation_result& out, const analysed& a, int model, double crit) {
  Eigen::VectorXd cov_means(a.covariates.cols());
  for (Index j = 0; j < a.covariates.cols(); ++j) cov_means(j) = a.covariates.col(j).mean();
  const std::vector<double> zs = out.z_probes ? out.z_probes->values : std::vector<double>{missing_value};
  Eigen::RowVectorXd row(product_columns(model) + cov_means.size());
  for (double w : out.w_probes.values) {
    for (double z : zs) {
      for (double x : out.x_probes.values) {
        fill_row(model, x, w, model >= 2 ? z : 0.0, cov_means, row);
        const conditional_estimate e = linear_combination(out.equation, row.transpose(), crit);
        out.plot.push_back({x, w, z, e.effect, e.se, e.ci_lower, e.ci_upper});
      }
    }
  }
}

// Given values of Z when there are any; else W's rule, percentiles when W's values are given.
probe_set probes_of(const Eigen::VectorXd& v, const std::string& name, const probe_options& options,
                    const std::vector<double>& given) {
  if (given.empty()) {
    return choose_probe_values(span_of(v), name, options.method == probe_method::values ? probe_options{} : options);
  }
  probe_options o;
  o.method = probe_method::values;
  o.values = given;
  return choose_probe_values(span_of(v), name, o);
}

// The settings and the sample accounting every moderation result reports.
void describe_sample(moderation_result& out, const model_frame& frame, const moderation_options& options) {
  out.center = options.center;
  out.se = options.se;
  out.level = options.level;
  out.n = frame.rows.size();
  out.n_excluded = frame.n_excluded;
  out.missing_by_column = frame.missing_by_column;
}

void collect_probe_notes(moderation_result& out) {
  out.notes.insert(out.notes.end(), out.w_probes.notes.begin(), out.w_probes.notes.end());
  if (out.z_probes) out.notes.insert(out.notes.end(), out.z_probes->notes.begin(), out.z_probes->notes.end());
}

analysed analysed_of(const model_frame& frame, const moderation_spec& spec) {
  analysed a;
  a.y = frame.y;
  a.x = frame.x.col(1);
  a.w = frame.x.col(2);
  const Index first_cov = spec.model >= 2 ? 4 : 3;
  if (spec.model >= 2) a.z = frame.x.col(3);
  a.covariates = frame.x.rightCols(frame.x.cols() - first_cov);
  return a;
}

void require_different_columns(const analysed& a, const moderation_spec& s) {
  const std::vector<std::pair<const Eigen::VectorXd*, std::string>> v = {
      {&a.x, s.x}, {&a.w, s.w}, {&a.y, s.y}, {&a.z, s.z}};
  for (std::size_t i = 0; i < v.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (v[i].first->size() > 0 && *v[i].first == *v[j].first) {
        throw data_error({}, "'" + v[i].second + "' and '" + v[j].second +
                                 "' have the same values in every analysed case: a variable cannot moderate itself");
      }
    }
  }
}

}  // namespace

moderation_result fit_moderation(const table& data, const moderation_spec& spec, const moderation_options& options) {
  spec.validate();
  options.validate();
  model_spec ms;
  ms.response = spec.y;
  ms.predictors = {spec.x, spec.w};
  if (spec.model >= 2) ms.predictors.push_back(spec.z);
  ms.predictors.insert(ms.predictors.end(), spec.covariates.begin(), spec.covariates.end());
  const model_frame frame = build_model_frame(data, ms);
  analysed a = analysed_of(frame, spec);
  require_different_columns(a, spec);
  require_variation(a.x, spec.x, "X");
  require_variation(a.w, spec.w, "moderator");
  if (spec.model >= 2) require_variation(a.z, spec.z, "moderator");

  moderation_result out;
  out.model = spec.model;
  out.x = spec.x;
  out.w = spec.w;
  out.z = spec.z;
  out.y = spec.y;
  out.covariates = spec.covariates;
  describe_sample(out, frame, options);
  centre(a.x, spec.x, options.center, out);
  centre(a.w, spec.w, options.center, out);
  if (spec.model >= 2) centre(a.z, spec.z, options.center, out);

  const Eigen::MatrixXd x = design_of(spec.model, a);
  ols_options ols;
  ols.se = options.se;
  ols.level = options.level;
  out.equation = fit_equation(x, a.y, term_names(spec), ols, spec.y);
  out.equation.response = spec.y;
  out.equation.n_excluded = frame.n_excluded;
  out.equation.missing_by_column = frame.missing_by_column;
  out.interactions = interaction_tests(spec, out.equation, x, a.y);

  out.w_probes = choose_probe_values(span_of(a.w), spec.w, options.probe);
  if (spec.model >= 2) out.z_probes = probes_of(a.z, spec.z, options.probe, options.z_values);
  out.x_probes = probes_of(a.x, spec.x, options.probe, {});
  collect_probe_notes(out);
  const double crit = critical_value(out.equation.df_residual, options.level);
  add_conditional_effects(out, spec.model, crit);
  if (options.johnson_neyman) add_johnson_neyman(out, a, spec.model);
  add_plot_data(out, a, spec.model, crit);
  out.notes.insert(out.notes.end(), out.equation.notes.begin(), out.equation.notes.end());
  return out;
}

moderation_result fit_within_moderation(const table& data, const within_moderation_spec& spec,
                                        const moderation_options& options) {
  spec.validate();
  options.validate();
  model_spec ms;
  ms.response = spec.y.second;
  ms.predictors = {spec.y.first, spec.w};
  const model_frame frame = build_model_frame(data, ms);
  analysed a;
  a.w = frame.x.col(2);
  a.y = spec.second_minus_first ? Eigen::VectorXd(frame.y - frame.x.col(1)) : Eigen::VectorXd(frame.x.col(1) - frame.y);
  require_variation(a.w, spec.w, "moderator");

  moderation_result out;
  out.model = 0;
  out.within = true;
  out.x = spec.second_minus_first ? "instance (second - first)" : "instance (first - second)";
  out.w = spec.w;
  out.y = spec.second_minus_first ? spec.y.second + " - " + spec.y.first : spec.y.first + " - " + spec.y.second;
  describe_sample(out, frame, options);
  centre(a.w, spec.w, options.center, out);

  Eigen::MatrixXd x(a.y.size(), 2);
  x.col(0).setOnes();
  x.col(1) = a.w;
  ols_options ols;
  ols.se = options.se;
  ols.level = options.level;
  out.equation = fit_equation(x, a.y, {"(Intercept)", spec.w}, ols, out.y);
  out.equation.response = out.y;
  out.equation.n_excluded = frame.n_excluded;
  out.equation.missing_by_column = frame.missing_by_column;
  out.interactions = {test_columns(out.equation, x, a.y, {1}, spec.w)};
  out.w_probes = choose_probe_values(span_of(a.w), spec.w, options.probe);
  collect_probe_notes(out);
  const double crit = critical_value(out.equation.df_residual, options.level);
  for (double w : out.w_probes.values) {
    const conditional_estimate e = linear_combination(out.equation, Eigen::Vector2d(1.0, w), crit);
    out.conditional_effects.push_back({w, missing_value, e.effect, e.se, e.t, e.p, e.ci_lower, e.ci_upper});
  }
  if (options.johnson_neyman) add_johnson_neyman(out, a, 1);
  out.notes.insert(out.notes.end(), out.equation.notes.begin(), out.equation.notes.end());
  return out;
}

}  // namespace socialcure

#include "socialcure/analyses/mediation_sensitivity.hpp"

#include <algorithm>
#include <cstddef>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include "socialcure/core/distributions.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/core/number.hpp"
#include "socialcure/models/design.hpp"

namespace socialcure {

namespace {

// The position of `term` among the equation's coefficients, which is also its row in the
// covariance (no term may be aliased).
Eigen::Index term_index(const ols_result& equation, const std::string& term, const char* which) {
  if (!equation.aliased_terms.empty()) {
    throw argument_error(std::string("mediation_sensitivity: the ") + which + " equation has aliased terms");
  }
  for (std::size_t k = 0; k < equation.coefficients.size(); ++k) {
    if (equation.coefficients[k].term == term) return static_cast<Eigen::Index>(k);
  }
  throw argument_error(std::string("mediation_sensitivity: the ") + which + " equation (of " + equation.response +
                       ") has no term '" + term + "'");
}

// The grid k * step, |k step| < 1, computed from k (no accumulated rounding); k / m when the step
// is 1 / m for a whole m (so that 0.3 is the double nearest 0.3, not 3 * 0.1).
std::vector<double> rho_grid(double step) {
  const auto k_max = static_cast<long>(std::ceil(1.0 / step - 1e-9)) - 1;
  const double m = std::round(1.0 / step);
  const bool reciprocal = std::fabs(1.0 / step - m) < 1e-9;
  std::vector<double> grid;
  for (long k = -k_max; k <= k_max; ++k) {
    grid.push_back(reciprocal ? static_cast<double>(k) / m : static_cast<double>(k) * step);
  }
  return grid;
}

// The curve at X = t (missing: no X*M term) from the two equations.
acme_sensitivity_curve make_curve(const ols_result& m_eq, const ols_result& y_eq, const mediation_sensitivity_terms& terms,
                                  double t, const mediation_sensitivity_options& options) {
  acme_sensitivity_curve c;
  c.t = t;
  c.contrast = terms.x1 - terms.x0;
  const Eigen::Index ia = term_index(m_eq, terms.x, "mediator");
  const Eigen::Index ib = term_index(y_eq, terms.mediator, "outcome");
  c.a = m_eq.coefficients[static_cast<std::size_t>(ia)].estimate;
  c.var_a = m_eq.covariance(ia, ia);
  c.b = y_eq.coefficients[static_cast<std::size_t>(ib)].estimate;
  c.var_b = y_eq.covariance(ib, ib);
  if (!terms.interaction.empty()) {
    const Eigen::Index ik = term_index(y_eq, terms.interaction, "outcome");
    c.b += y_eq.coefficients[static_cast<std::size_t>(ik)].estimate * t;
    c.var_b += t * t * y_eq.covariance(ik, ik) + 2.0 * t * y_eq.covariance(ib, ik);
  }
  c.sigma_ratio = std::sqrt(y_eq.rss / m_eq.rss);
  c.var_sigma_ratio = c.sigma_ratio * c.sigma_ratio * (0.5 / y_eq.df_residual + 0.5 / m_eq.df_residual);
  c.acme_at_independence = c.contrast * c.a * c.b;
  if (c.a != 0.0) {
    const double s = c.b / c.sigma_ratio;
    c.rho_at_zero = s / std::sqrt(1.0 + s * s);
    c.r2_product_at_zero = c.rho_at_zero * c.rho_at_zero;
    c.r2_total_product_at_zero = c.r2_product_at_zero * (1.0 - m_eq.r_squared) * (1.0 - y_eq.r_squared);
  }
  for (const double rho : rho_grid(options.rho_step)) c.points.push_back(acme_at_rho(c, rho, options.level));
  return c;
}

void check_equations(const ols_result& m_eq, const ols_result& y_eq, const mediation_sensitivity_terms& terms) {
  if (m_eq.n != y_eq.n) {
    throw argument_error("mediation_sensitivity: the mediator equation has " + std::to_string(m_eq.n) +
                         " cases and the outcome equation " + std::to_string(y_eq.n) + "; fit both on the same cases");
  }
  if (!(terms.x1 != terms.x0) || !std::isfinite(terms.x0) || !std::isfinite(terms.x1)) {
    throw argument_error("mediation_sensitivity: x0 = " + format_number(terms.x0) + " and x1 = " +
                         format_number(terms.x1) + " must be different finite values");
  }
  for (const ols_result* eq : {&m_eq, &y_eq}) {
    if (!(eq->rss > 0.0) || !(eq->df_residual > 0.0)) {
      throw data_error(location{}, "mediation_sensitivity: the equation of " + eq->response +
                                       " fits exactly (no residual variance), so the correlation of the errors is "
                                       "not defined");
    }
  }
}

}  // namespace

void mediation_sensitivity_options::validate() const {
  if (!(rho_step > 0.0 && rho_step <= 0.5)) {
    throw argument_error("mediation_sensitivity: rho_step " + format_number(rho_step) + " is outside (0, 0.5]");
  }
  check_level(level, "mediation_sensitivity");
}

acme_sensitivity_point acme_at_rho(const acme_sensitivity_curve& c, double rho, double level) {
  if (!(std::fabs(rho) < 1.0)) {
    throw argument_error("acme_at_rho: rho " + format_number(rho) + " is not inside (-1, 1)");
  }
  check_level(level, "acme_at_rho");
  const double q = rho / std::sqrt(1.0 - rho * rho);
  const double b = c.b - q * c.sigma_ratio;
  const double var_b = c.var_b + q * q * c.var_sigma_ratio;
  acme_sensitivity_point p;
  p.rho = rho;
  p.acme = c.contrast * c.a * b;
  p.se = std::fabs(c.contrast) * std::sqrt(b * b * c.var_a + c.a * c.a * var_b);
  const double z = normal_quantile(0.5 + level / 2.0);
  p.ci_lower = p.acme - z * p.se;
  p.ci_upper = p.acme + z * p.se;
  return p;
}

mediation_sensitivity_result mediation_sensitivity(const ols_result& m_eq, const ols_result& y_eq,
                                                   const mediation_sensitivity_terms& terms,
                                                   const mediation_sensitivity_options& options) {
  options.validate();
  check_equations(m_eq, y_eq, terms);
  mediation_sensitivity_result r;
  r.x = terms.x;
  r.mediator = terms.mediator;
  r.y = y_eq.response;
  r.interaction = !terms.interaction.empty();
  r.x0 = terms.x0;
  r.x1 = terms.x1;
  r.n = y_eq.n;
  r.level = options.level;
  r.rho_step = options.rho_step;
  r.r2_mediator = m_eq.r_squared;
  r.r2_outcome = y_eq.r_squared;
  r.se = y_eq.se;
  if (r.interaction) {
    r.curves.push_back(make_curve(m_eq, y_eq, terms, terms.x0, options));
    r.curves.back().label = "acme_control";
    r.curves.push_back(make_curve(m_eq, y_eq, terms, terms.x1, options));
    r.curves.back().label = "acme_treated";
  } else {
    r.curves.push_back(make_curve(m_eq, y_eq, terms, missing_value, options));
    r.curves.back().label = "acme";
  }
  if (r.curves.front().a == 0.0) {
    r.notes.push_back("the X -> M coefficient is 0: the ACME is 0 for every rho");
  }
  return r;
}

mediation_sensitivity_result mediation_sensitivity(const mediation_result& result,
                                                   const mediation_sensitivity_options& options) {
  if (result.within || result.moderated_model != 0 || result.model != mediation_model::parallel ||
      result.mediators.size() != 1 || result.equations.size() != 2) {
    throw argument_error("mediation_sensitivity: the sensitivity analysis is for PROCESS model 4 with one mediator "
                         "(between subjects, no moderator)");
  }
  mediation_sensitivity_result r =
      mediation_sensitivity(result.equations[0], result.equations[1], {result.x, result.mediators[0], {}, 0.0, 1.0},
                            options);
  r.covariates = result.covariates;
  return r;
}

void mediation_sensitivity_spec::validate() const {
  std::vector<std::string> names{x, mediator, y};
  names.insert(names.end(), covariates.begin(), covariates.end());
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i].empty()) throw argument_error("mediation_sensitivity: a variable name is empty");
    if (std::find(names.begin() + static_cast<std::ptrdiff_t>(i) + 1, names.end(), names[i]) != names.end()) {
      throw argument_error("mediation_sensitivity: '" + names[i] + "' is used twice in the model");
    }
  }
  if (x_values && !(x_values->first != x_values->second)) {
    throw argument_error("mediation_sensitivity: x0 = " + format_number(x_values->first) + " equals x1");
  }
}

mediation_sensitivity_result fit_mediation_sensitivity(const table& data, const mediation_sensitivity_spec& spec,
                                                       const mediation_sensitivity_options& options) {
  spec.validate();
  options.validate();
  model_spec frame_spec;
  frame_spec.response = spec.y;
  frame_spec.predictors = {spec.x, spec.mediator};
  frame_spec.predictors.insert(frame_spec.predictors.end(), spec.covariates.begin(), spec.covariates.end());
  const model_frame frame = build_model_frame(data, frame_spec);  // columns: 1, X, M, C...
  const Eigen::Index n = frame.x.rows();
  const Eigen::Index k = static_cast<Eigen::Index>(spec.covariates.size());
  // Mediator: 1, X, C; outcome: 1, X, M, (X M), C.
  const Eigen::Index extra = spec.interaction ? 1 : 0;
  Eigen::MatrixXd xm(n, 2 + k);
  xm.leftCols(2) = frame.x.leftCols(2);
  xm.rightCols(k) = frame.x.rightCols(k);
  std::vector<std::string> m_terms{"(Intercept)", spec.x};
  m_terms.insert(m_terms.end(), spec.covariates.begin(), spec.covariates.end());
  const std::string product = spec.x + ":" + spec.mediator;
  Eigen::MatrixXd xy(n, 3 + extra + k);
  xy.leftCols(3) = frame.x.leftCols(3);
  if (spec.interaction) xy.col(3) = frame.x.col(1).cwiseProduct(frame.x.col(2));
  xy.rightCols(k) = frame.x.rightCols(k);
  std::vector<std::string> y_terms{"(Intercept)", spec.x, spec.mediator};
  if (spec.interaction) y_terms.push_back(product);
  y_terms.insert(y_terms.end(), spec.covariates.begin(), spec.covariates.end());
  ols_result m_eq = fit_ols(xm, frame.x.col(2), m_terms, true);
  m_eq.response = spec.mediator;
  ols_result y_eq = fit_ols(xy, frame.y, y_terms, true);
  y_eq.response = spec.y;
  const auto [x0, x1] = spec.x_values.value_or(std::pair{0.0, 1.0});
  mediation_sensitivity_result r = mediation_sensitivity(
      m_eq, y_eq, {spec.x, spec.mediator, spec.interaction ? product : std::string(), x0, x1}, options);
  r.covariates = spec.covariates;
  if (frame.n_excluded > 0) {
    r.notes.push_back(std::to_string(frame.n_excluded) + " cases excluded for missing values");
  }
  return r;
}

}  // namespace socialcure

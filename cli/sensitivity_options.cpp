#include "sensitivity_options.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "socialcure/core/number.hpp"
#include "socialcure/report/mediation_report.hpp"
#include "socialcure/report/regression_report.hpp"
#include "socialcure/report/sensitivity_report.hpp"

namespace socialcure::cli {

namespace {

// The response values of the rows a fit used.
std::vector<double> response_of(const table& data, const std::string& response, const std::vector<std::size_t>& rows) {
  const auto y = data.numeric(response);
  std::vector<double> out;
  out.reserve(rows.size());
  for (const std::size_t row : rows) out.push_back(y[row]);
  return out;
}

double mean_of(const std::vector<double>& v) {
  double sum = 0.0;
  for (const double x : v) sum += x;
  return sum / static_cast<double>(v.size());
}

double sd_of(const std::vector<double>& v) {
  const double m = mean_of(v);
  double ss = 0.0;
  for (const double x : v) ss += (x - m) * (x - m);
  return std::sqrt(ss / static_cast<double>(v.size() - 1));
}

}  // namespace

void add_sensitivity_options(CLI::App& command, sensitivity_settings& s) {
  command.add_flag("--sensitivity", s.enabled,
                   "Sensitivity of the indirect effect to an unmeasured confounder of M and Y: the ACME against rho "
                   "(Imai, Keele & Yamamoto 2010; --model parallel with one mediator)");
  command.add_option("--sensitivity-svg", s.svg, "Write the ACME against rho, with its band, as SVG to this file "
                                                 "(implies --sensitivity)");
  command.add_option("--rho-step", s.rho_step, "Spacing of the grid of rho for --sensitivity (default 0.01)")
      ->check(CLI::Range(1e-4, 0.5));
}

void check_sensitivity_options(const CLI::App& command, int process_model, std::size_t mediators,
                               const std::string& family) {
  for (const char* option : {"--sensitivity", "--sensitivity-svg", "--rho-step"}) {
    if (command.count(option) > 0 && family != "gaussian") {
      throw CLI::ValidationError(option, "is for a linear outcome (--family gaussian); the closed form of Imai, Keele "
                                         "& Yamamoto needs a linear mediator and outcome, not --family " + family);
    }
    if (command.count(option) > 0 && (process_model != 4 || mediators != 1)) {
      throw CLI::ValidationError(option, "is for a simple mediation model (--model parallel, PROCESS model 4) with "
                                         "one mediator; " + std::to_string(mediators) + " mediators given, PROCESS "
                                         "model " + std::to_string(process_model));
    }
  }
}

std::optional<mediation_sensitivity_result> sensitivity_of(const sensitivity_settings& s,
                                                           const mediation_result& result, double level) {
  if (!s.enabled && s.svg.empty()) return std::nullopt;
  mediation_sensitivity_options o;
  o.rho_step = s.rho_step;
  o.level = level;
  return mediation_sensitivity(result, o);
}

std::string mediation_output(const mediation_result& result,
                             const std::optional<mediation_sensitivity_result>& sensitivity, output_format format) {
  if (format == output_format::json) return sensitivity ? mediation_json(result, *sensitivity) : mediation_json(result);
  return mediation_text(result) + (sensitivity ? mediation_sensitivity_text(*sensitivity) : std::string());
}

void add_evalue_option(CLI::App& command, bool& evalue) {
  command.add_flag("--evalue", evalue,
                   "E-values of the coefficients (VanderWeele & Ding 2017): rate or odds ratios of GLMs, standardized "
                   "coefficients b / SD(y) of OLS");
}

std::string regression_output(const ols_result& fit, const table& data, output_format format, bool evalue) {
  const bool json = format == output_format::json;
  if (!evalue) return json ? regression_json(fit) : regression_text(fit);
  const double sd_y = sd_of(response_of(data, fit.response, fit.rows));
  const auto evalues = regression_evalues(fit, sd_y);
  const std::string how = "standardized difference d = b / SD(" + fit.response + ") per unit of each predictor (SD " +
                          format_number(sd_y) + "), RR = exp(0.91 d), limits exp(0.91 d -/+ 1.78 SE(d))";
  return json ? regression_json(fit, evalues, how) : regression_text(fit) + evalues_text(evalues, how);
}

std::string regression_output(const glm_result& fit, const table& data, output_format format, bool evalue) {
  const bool json = format == output_format::json;
  if (!evalue) return json ? regression_json(fit) : regression_text(fit);
  std::string how = "rate ratio per unit of each predictor, taken as a risk ratio (Wald interval)";
  bool rare = true;
  if (fit.family == glm_family::binomial) {
    const double prevalence = mean_of(response_of(data, fit.response, fit.rows));
    rare = std::min(prevalence, 1.0 - prevalence) < 0.15;
    how = "odds ratio per unit of each predictor (Wald interval); " + fit.response + " = 1 in " +
          format_number(std::round(1000.0 * prevalence) / 10.0) + "% of the cases, so " +
          (rare ? "a rare outcome (below 15%): the odds ratio is taken as a risk ratio"
                : "a common outcome: RR = sqrt(OR) (VanderWeele 2017)");
  }
  const auto evalues = regression_evalues(fit, rare);
  return json ? regression_json(fit, evalues, how) : regression_text(fit) + evalues_text(evalues, how);
}

}  // namespace socialcure::cli

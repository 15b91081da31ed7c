#pragma once
// The sensitivity options: `mediate --sensitivity [--sensitivity-svg FILE] [--rho-step S]` (the
// ACME against rho, PROCESS model 4 with one mediator) and `regress --evalue` (E-values of the
// coefficients), their checks and their output.

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "common.hpp"
#include "socialcure/analyses/mediation.hpp"
#include "socialcure/analyses/mediation_sensitivity.hpp"
#include "socialcure/data/table.hpp"
#include "socialcure/models/glm.hpp"
#include "socialcure/models/ols.hpp"

namespace socialcure::cli {

struct sensitivity_settings {
  bool enabled = false;  // --sensitivity
  std::string svg;       // --sensitivity-svg FILE (implies --sensitivity)
  double rho_step = 0.01;
};

/// Adds --sensitivity, --sensitivity-svg and --rho-step to `mediate`.
void add_sensitivity_options(CLI::App& command, sensitivity_settings& s);

/// --sensitivity (and its companions) only for PROCESS model 4 with one mediator and a gaussian
/// outcome (`family`, as --family names it).
void check_sensitivity_options(const CLI::App& command, int process_model, std::size_t mediators,
                               const std::string& family);

/// The analysis of `result` when asked for (none otherwise), its interval at `level`.
[[nodiscard]] std::optional<mediation_sensitivity_result> sensitivity_of(const sensitivity_settings& s,
                                                                         const mediation_result& result, double level);

/// The mediation report, with the sensitivity analysis when there is one.
[[nodiscard]] std::string mediation_output(const mediation_result& result,
                                           const std::optional<mediation_sensitivity_result>& sensitivity,
                                           output_format format);

/// Adds --evalue to `regress`.
void add_evalue_option(CLI::App& command, bool& evalue);

/// The regression report, with the coefficients' E-values when `evalue` (the outcome's SD, or for a
/// binary outcome its prevalence, from `data`'s rows used in the fit).
[[nodiscard]] std::string regression_output(const ols_result& fit, const table& data, output_format format, bool evalue);
[[nodiscard]] std::string regression_output(const glm_result& fit, const table& data, output_format format, bool evalue);

}  // namespace socialcure::cli

#pragma once
// The moderator options shared by `moderate`, `moderate-within` and the conditional process models
// of `mediate` (--center, --probe), declared once here, and their parsing.

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "socialcure/analyses/probing.hpp"

namespace socialcure::cli {

/// Adds --center none|all|continuous (PROCESS center 0, 1, 2), default as initialised.
void add_center_option(CLI::App& command, std::string& center);

/// Adds --probe percentiles|sd|V1,V2,... (the moderator values of the conditional effects).
void add_probe_option(CLI::App& command, std::vector<std::string>& probe);

/// The numbers of a comma-separated option; a text that is not a number is a usage error naming
/// `option` and the value.
[[nodiscard]] std::vector<double> numbers_of(const std::vector<std::string>& texts, const char* option);

/// The probe rule --probe names: "percentiles", "sd", or the values given.
[[nodiscard]] probe_options probe_of(const std::vector<std::string>& probe);

}  // namespace socialcure::cli

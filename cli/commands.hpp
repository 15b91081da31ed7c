#pragma once
// The subcommands of the socialcure tool; each adds itself to the application.

#include <CLI/CLI.hpp>

namespace socialcure::cli {

void add_describe_command(CLI::App& app);
void add_regress_command(CLI::App& app);
void add_scales_command(CLI::App& app);
void add_score_command(CLI::App& app);
void add_reliability_command(CLI::App& app);
void add_groups_command(CLI::App& app);
void add_change_command(CLI::App& app);
void add_attrition_command(CLI::App& app);
void add_missing_command(CLI::App& app);
void add_mediate_command(CLI::App& app);
void add_mediate_within_command(CLI::App& app);
void add_moderate_command(CLI::App& app);
void add_moderate_within_command(CLI::App& app);
void add_report_command(CLI::App& app);

}  // namespace socialcure::cli

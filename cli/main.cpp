// socialcure: the command-line tool. Exit codes: 0 success, 1 data or runtime error (one line on
// stderr naming where), 2 usage error, 130 interrupted (Ctrl-C; nothing written).

#include <exception>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "interrupt.hpp"
#include "output_files.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/core/version.hpp"

int main(int argc, char** argv) {
  socialcure::cli::install_signal_handlers();
  socialcure::cli::install_checked_standard_output();
  CLI::App app{"socialcure: statistics of the Social Cure (group memberships, scales, change, mediation)",
               "socialcure"};
  app.set_version_flag("--version", std::string("socialcure ") + socialcure::version_string);
  app.require_subcommand(1);
  app.footer(
      "Exit codes: 0 success, 1 data or runtime error, 2 usage error, 130 interrupted (nothing written).\n"
      "FILE may be sample:NAME to use a bundled sample file (sample:panel_wide.csv, sample:panel_t0.csv,\n"
      "sample:panel_t1.csv, sample:groups_long.csv).");
  socialcure::cli::add_describe_command(app);
  socialcure::cli::add_regress_command(app);
  socialcure::cli::add_scales_command(app);
  socialcure::cli::add_score_command(app);
  socialcure::cli::add_reliability_command(app);
  socialcure::cli::add_groups_command(app);
  socialcure::cli::add_change_command(app);
  socialcure::cli::add_attrition_command(app);
  socialcure::cli::add_missing_command(app);
  socialcure::cli::add_mediate_command(app);
  socialcure::cli::add_mediate_within_command(app);
  socialcure::cli::add_moderate_command(app);
  socialcure::cli::add_moderate_within_command(app);
  socialcure::cli::add_report_command(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  } catch (const socialcure::cli::interrupted_error& e) {
    std::cerr << "socialcure: " << e.what() << "\n";
    return socialcure::cli::interrupted_exit_code;
  } catch (const socialcure::data_error& e) {
    std::cerr << "socialcure: error: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "socialcure: error: " << e.what() << "\n";
    return 1;
  }
  std::string problem;
  if (!socialcure::cli::flush_standard_output(problem)) {
    std::cerr << "socialcure: error: " << problem << "\n";
    return 1;
  }
  return 0;
}

#include <iostream>
#include <memory>

#include "commands.hpp"
#include "common.hpp"
#include "socialcure/analyses/missing_data.hpp"
#include "socialcure/report/missing_report.hpp"

namespace socialcure::cli {

namespace {
struct missing_settings {
  data_options data;
  output_format format = output_format::text;
  std::vector<std::string> vars;
  em_options em;  // the library's defaults, set by --em-tolerance and --em-max-iterations
};
}  // namespace

void add_missing_command(CLI::App& app) {
  auto* command = app.add_subcommand(
      "missing", "Missing data: counts and patterns (as mice::md.pattern), EM means and covariances, Little's MCAR test");
  auto s = std::make_shared<missing_settings>();
  add_data_file_option(*command, s->data.path, " with one row per person");
  command->add_option("--vars", s->vars, "Numeric variables, comma-separated (at least 2)")->delimiter(',')->required();
  command->add_option("--em-tolerance", s->em.tolerance, "EM convergence: largest standardized change (default 1e-12)")
      ->check(CLI::Range(1e-15, 0.1));
  command->add_option("--em-max-iterations", s->em.max_iterations, "EM iteration limit (default 10000)")
      ->check(CLI::Range(1, 10000000));
  add_data_options(*command, s->data);
  add_format_option(*command, s->format);
  command->callback([s] {
    const table t = load_table(s->data, s->vars);
    missing_data_report report;
    report.source = t.source();
    report.description = describe_missingness(t, s->vars);
    report.em = em_moments(t, s->vars, s->em);
    report.little = little_mcar_test(t, s->vars, report.em);
    std::cout << (s->format == output_format::json ? missing_json(report) : missing_text(report));
  });
}

}  // namespace socialcure::cli

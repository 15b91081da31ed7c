#include <iostream>
#include <memory>

#include "commands.hpp"
#include "common.hpp"
#include "socialcure/analyses/attrition.hpp"
#include "socialcure/report/attrition_report.hpp"

namespace socialcure::cli {

namespace {
struct attrition_settings {
  data_options data;
  output_format format = output_format::text;
  std::string completed;
  std::string completed_if_present;
  std::vector<std::string> vars;
  std::vector<std::string> categorical;
  double level = 0.95;
  bool no_yates = false;
};
}  // namespace

void add_attrition_command(CLI::App& app) {
  auto* command = app.add_subcommand(
      "attrition", "Completers versus non-completers on baseline variables (Welch t / chi-square, standardized differences)");
  auto s = std::make_shared<attrition_settings>();
  add_data_file_option(*command, s->data.path, " with one row per person");
  auto* flag = command->add_option("--completed", s->completed, "Completion flag column: 1 completed, 0 dropped out");
  auto* present = command->add_option("--completed-if-present", s->completed_if_present,
                                      "Completed when this column (e.g. a follow-up measure) has a value");
  flag->excludes(present);
  present->excludes(flag);
  command->add_option("--vars", s->vars, "Baseline variables, comma-separated (text columns are categorical)")
      ->delimiter(',')
      ->required();
  command->add_option("--categorical", s->categorical, "Numeric variables to treat as categories, comma-separated")
      ->delimiter(',');
  add_level_option(*command, s->level);
  command->add_flag("--no-yates", s->no_yates, "No continuity correction for 2 x 2 tables (R: correct = FALSE)");
  add_data_options(*command, s->data);
  add_format_option(*command, s->format);
  command->callback([s] {
    if (s->completed.empty() && s->completed_if_present.empty()) {
      throw CLI::ValidationError("--completed", "give --completed COL or --completed-if-present COL");
    }
    const table t = load_table(s->data);
    completion_rule rule;
    rule.column = s->completed.empty() ? s->completed_if_present : s->completed;
    rule.rule = s->completed.empty() ? completion_rule::kind::present : completion_rule::kind::flag;
    attrition_options options;
    options.level = s->level;
    options.yates = !s->no_yates;
    options.categorical = s->categorical;
    const attrition_result result = compare_attrition(t, rule, s->vars, options, s->data.id_column);
    std::cout << (s->format == output_format::json ? attrition_json(result) : attrition_text(result));
  });
}

}  // namespace socialcure::cli

#include <iostream>
#include <memory>

#include "commands.hpp"
#include "common.hpp"
#include "output_files.hpp"
#include "socialcure/measures/groups.hpp"
#include "socialcure/report/change_figures.hpp"
#include "socialcure/report/groups_report.hpp"

namespace socialcure::cli {

namespace {
struct groups_settings {
  data_options data;
  group_columns columns;
  double threshold = 5.0;
  std::string from;
  std::string to;
  std::string format = "text";
  std::string out;
  std::string svg;
  std::string on_invalid = "error";
  std::vector<std::string> waves;
};
}  // namespace

void add_groups_command(CLI::App& app) {
  auto* command = app.add_subcommand("groups", "Group memberships per wave, and groups maintained, gained and lost");
  auto s = std::make_shared<groups_settings>();
  add_data_file_option(*command, s->data.path, " in long form: one row per person x wave x group");
  command->add_option("--id", s->columns.id, "Person id column")->required();
  command->add_option("--wave", s->columns.wave, "Wave column")->required();
  command->add_option("--group", s->columns.group, "Group name column (empty: no group at that wave)")->required();
  command->add_option("--group-id", s->columns.group_id, "Stable group id column (matched before names)");
  command->add_option("--category", s->columns.category, "Group category column");
  command->add_option("--identification", s->columns.identification, "Identification column (codes 1-7)");
  command->add_option("--pathway", s->columns.pathway, "Joined through the pathway (0/1) column");
  command->add_option("--threshold", s->threshold, "Highly identified: identification at or above this (default 5)");
  command->add_option("--waves", s->waves,
                      "The waves, in order, comma-separated; any other wave value is a bad row (default: as found)")
      ->delimiter(',');
  command->add_option("--from", s->from, "First wave of the transition (default: the first wave)");
  command->add_option("--to", s->to, "Second wave of the transition (default: the second wave)");
  command->add_option("--on-invalid", s->on_invalid, "A bad row: error (default) or exclude (counted)")
      ->check(CLI::IsMember({"error", "exclude"}));
  command->add_option("--format", s->format, "text (default), json or csv")->check(CLI::IsMember({"text", "json", "csv"}));
  command->add_option("--out", s->out, "Write the per-person CSV to this file");
  command->add_option("--svg", s->svg, "Write the distribution of group counts per wave as SVG");
  add_missing_option(*command, s->data.missing);
  add_delimiter_option(*command, s->data.delimiter);
  command->callback([s] {
    data_options data = s->data;
    data.text_columns = {s->columns.id, s->columns.wave, s->columns.group};
    if (!s->columns.category.empty()) data.text_columns.push_back(s->columns.category);
    if (!s->columns.group_id.empty()) data.text_columns.push_back(s->columns.group_id);
    const table t = load_table(data);
    group_options options;
    options.high_identification = s->threshold;
    options.waves = s->waves;
    options.on_invalid = s->on_invalid == "exclude" ? group_options::invalid_policy::exclude
                                                    : group_options::invalid_policy::error;
    const group_results results = analyse_groups(read_group_panel(t, s->columns, options), s->from, s->to, options);
    output_files files;  // both files, or neither
    if (!s->out.empty()) files.add(s->out, groups_csv(results, s->columns.id));
    if (!s->svg.empty()) files.add(s->svg, group_counts_svg(results));
    files.commit();
    if (s->format == "json") {
      std::cout << groups_json(results);
    } else if (s->format == "csv") {
      std::cout << groups_csv(results, s->columns.id);
    } else {
      std::cout << groups_text(results);
    }
  });
}

}  // namespace socialcure::cli

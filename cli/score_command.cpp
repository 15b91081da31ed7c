#include <iostream>
#include <memory>

#include "commands.hpp"
#include "common.hpp"
#include "socialcure/measures/catalogue.hpp"
#include "socialcure/measures/scale_loader.hpp"
#include "socialcure/measures/scoring.hpp"
#include "socialcure/report/measures_report.hpp"

namespace socialcure::cli {

namespace {

struct score_settings {
  data_options data;
  output_format format = output_format::text;
  bool csv = true;
  std::string scale;
  std::string scale_file;
  std::vector<std::string> items;
  std::string on_invalid = "error";
  std::string out;
};

}  // namespace

void add_score_command(CLI::App& app) {
  auto* command = app.add_subcommand("score", "Score a validated scale for every respondent");
  auto s = std::make_shared<score_settings>();
  add_data_file_option(*command, s->data.path);
  command->add_option("--scale", s->scale, "Catalogue scale id (see `socialcure scales`)");
  command->add_option("--scale-file", s->scale_file, "A custom scale definition (JSON)");
  command->add_option("--items", s->items, "Item columns in the scale's item order, comma-separated")
      ->delimiter(',')
      ->required();
  command->add_option("--on-invalid", s->on_invalid, "A response outside the codes: error (default) or missing")
      ->check(CLI::IsMember({"error", "missing"}));
  command->add_option("--out", s->out, "Write the per-respondent scores (CSV) to this file");
  add_data_options(*command, s->data);
  // Per-respondent CSV by default; --format text prints a summary, --format json the whole result.
  auto* format = add_format_option(*command, s->format, "Output: csv (default), text (summary) or json");
  command->callback([s, format] {
    if (s->scale.empty() == s->scale_file.empty()) {
      throw CLI::ValidationError("--scale/--scale-file", "give exactly one of --scale or --scale-file");
    }
    const scale_definition scale = s->scale.empty() ? load_scale(s->scale_file) : find_scale(s->scale);
    const table t = load_table(s->data);
    scoring_options options;
    options.on_invalid = s->on_invalid == "missing" ? invalid_response_policy::set_missing : invalid_response_policy::error;
    const scale_scores scores = score_table(scale, t, s->items, s->data.id_column, options);
    const std::string id_name = s->data.id_column.empty() ? "row" : s->data.id_column;
    if (!s->out.empty()) write_text_file(s->out, scores_csv(scores, id_name));
    if (format->count() == 0) {
      if (s->out.empty()) std::cout << scores_csv(scores, id_name);
      else std::cout << scores_text(scores);
      return;
    }
    std::cout << (s->format == output_format::json ? scores_json(scores) : scores_text(scores));
  });
}

}  // namespace socialcure::cli

#include <iostream>
#include <memory>

#include "commands.hpp"
#include "common.hpp"
#include "socialcure/measures/catalogue.hpp"
#include "socialcure/report/measures_report.hpp"

namespace socialcure::cli {

void add_scales_command(CLI::App& app) {
  auto* command = app.add_subcommand("scales", "List the validated-scale catalogue, or show one definition");
  auto id = std::make_shared<std::string>();
  auto format = std::make_shared<output_format>(output_format::text);
  command->add_option("ID", *id, "A scale id (e.g. ucla3) to show its definition");
  add_format_option(*command, *format);
  command->callback([id, format] {
    const bool json = *format == output_format::json;
    if (id->empty()) {
      std::cout << (json ? catalogue_json(scale_catalogue()) : catalogue_text(scale_catalogue()));
      return;
    }
    const scale_definition& scale = find_scale(*id);
    std::cout << (json ? scale_json(scale) : scale_text(scale));
  });
}

}  // namespace socialcure::cli

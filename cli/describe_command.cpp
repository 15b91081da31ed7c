#include <iostream>
#include <memory>

#include "commands.hpp"
#include "common.hpp"
#include "socialcure/data/describe.hpp"
#include "socialcure/report/describe_report.hpp"

namespace socialcure::cli {

void add_describe_command(CLI::App& app) {
  auto* command = app.add_subcommand("describe", "Each column's type, n, missing count, min, max, mean and sd");
  auto data = std::make_shared<data_options>();
  auto format = std::make_shared<output_format>(output_format::text);
  command->add_option("FILE", data->path, "CSV/TSV file with a header row, SPSS (.sav, .zsav, .por) or Stata (.dta) file, or sample:NAME for bundled data")
      ->required();
  add_data_options(*command, *data);
  add_format_option(*command, *format);
  command->callback([data, format] {
    const table_summary summary = describe(load_data(*data));
    std::cout << (*format == output_format::json ? describe_json(summary) : describe_text(summary));
  });
}

}  // namespace socialcure::cli

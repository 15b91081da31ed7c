#pragma once
// Shared pieces of the socialcure command-line tool: data options and output formats.

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "socialcure/data/csv.hpp"
#include "socialcure/data/table.hpp"

namespace socialcure::cli {

/// Output formats every subcommand offers through --format.
enum class output_format { text, json };

/// The data-reading options every subcommand that reads a file offers.
struct data_options {
  std::string path;  ///< a file, or "sample:NAME" for a bundled sample file
  std::vector<std::string> missing;
  std::vector<std::string> text_columns;
  std::string id_column;
  std::string delimiter;
};

/// Adds --missing, --text, --id and --delimiter to a subcommand.
void add_data_options(CLI::App& command, data_options& options);

/// Adds --format text|json to a subcommand.
void add_format_option(CLI::App& command, output_format& format);

/// Writes `text` to `path` (nothing when `path` is empty). Throws data_error naming the file when
/// it cannot be opened.
void write_text_file(const std::string& path, const std::string& text);

/// Reads the table the options describe. Throws socialcure errors on bad data.
[[nodiscard]] table load_table(const data_options& options);

}  // namespace socialcure::cli

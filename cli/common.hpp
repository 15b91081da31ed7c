#pragma once
// Shared pieces of the socialcure command-line tool: data options and output formats.

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "socialcure/data/csv.hpp"
#include "socialcure/data/stat_file.hpp"
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

/// Writes `text` to `path` whole or not at all (nothing when `path` is empty; see output_files).
/// Throws data_error naming the file and the reason when it cannot be written.
void write_text_file(const std::string& path, const std::string& text);

/// A progress line on stderr ("LABEL done/total, rate, time left"), redrawn at most 5 times a
/// second and cleared at the end; empty (no progress shown) when `quiet` or stderr is not a terminal.
[[nodiscard]] std::function<bool(std::size_t, std::size_t)> progress_line(bool quiet, const std::string& label);

/// Reads the table the options describe: a CSV/TSV file, a bundled sample, or an SPSS (.sav,
/// .zsav, .por) or Stata (.dta) file chosen by its extension (case-insensitive). For SPSS/Stata
/// files --id and --text apply, --missing codes are extra missing codes (a numeric code such as
/// -99 also makes equal numbers missing), and --delimiter is an error. Throws socialcure errors on
/// bad data. `columns`, when not empty, are the only columns kept (with the id column): the file
/// is still read whole and checked record by record, but memory grows with the columns an analysis
/// uses, not with the file's width; a column not in the file is an error listing those that are.
[[nodiscard]] table load_table(const data_options& options, const std::vector<std::string>& columns = {});

/// As load_table, with the variable information (labels, value labels, missing counts) of an
/// SPSS/Stata file; `variables` is empty and `format` is "CSV" for delimited text.
[[nodiscard]] stat_file load_data(const data_options& options);

}  // namespace socialcure::cli

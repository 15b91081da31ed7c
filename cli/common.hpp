#pragma once
// Shared pieces of the socialcure command-line tool: the options every subcommand shares (declared
// once, here), reading the data, output formats.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "socialcure/data/read_table.hpp"
#include "socialcure/data/stat_file.hpp"
#include "socialcure/data/table.hpp"

namespace socialcure::cli {

/// Output formats every subcommand offers through --format.
enum class output_format { text, json };

/// The data-reading options every subcommand that reads a file offers.
struct data_options {
  std::string path;  ///< a file, or "sample:NAME" for a bundled sample file
  std::vector<std::string> missing;  ///< --missing CODES, added to the defaults "" and "NA"
  std::vector<std::string> text_columns;
  std::string id_column;
  std::string delimiter;
};

// The options shared by the subcommands, each declared here once.

/// Adds --data FILE (required); `what` describes the file's layout, e.g. " with one row per person".
void add_data_file_option(CLI::App& command, std::string& path, const std::string& what = {});

/// Adds --missing CODES (comma-separated missing-value codes; see read_table.hpp for the rule).
void add_missing_option(CLI::App& command, std::vector<std::string>& codes);

/// Adds --delimiter C (CSV/TSV files only).
void add_delimiter_option(CLI::App& command, std::string& delimiter);

/// Adds --missing, --text, --id and --delimiter to a subcommand.
void add_data_options(CLI::App& command, data_options& options);

/// Adds --format text|json to a subcommand (`what`: its help text, when not the default one).
CLI::Option* add_format_option(CLI::App& command, output_format& format, const std::string& what = {});

/// Adds --level (a confidence level in [0.5, 0.9999999], default as initialised).
void add_level_option(CLI::App& command, double& level);

/// Adds --seed N, setting `seed` and `given`; `what` is its help text.
void add_seed_option(CLI::App& command, std::uint64_t& seed, bool& given, const std::string& what);

/// Adds --threads N (bootstrap threads; results do not depend on it).
void add_threads_option(CLI::App& command, unsigned& threads);

/// Adds --quiet (no progress line on stderr).
void add_quiet_option(CLI::App& command, bool& quiet);

/// Writes `text` to `path` whole or not at all (nothing when `path` is empty; see output_files).
/// Throws data_error naming the file and the reason when it cannot be written.
void write_text_file(const std::string& path, const std::string& text);

/// A progress line on stderr ("LABEL done/total, rate, time left"), redrawn at most 5 times a
/// second and cleared at the end; empty (no progress shown) when `quiet` or stderr is not a terminal.
[[nodiscard]] std::function<bool(std::size_t, std::size_t)> progress_line(bool quiet, const std::string& label);

/// The read_options the data options describe: the --missing codes added to the defaults ("" and
/// "NA"), --text, --id, --delimiter (one character or 'tab'; anything else is an argument_error).
/// `columns`, when not empty, are the only columns kept (with the id column).
[[nodiscard]] read_options read_options_of(const data_options& options, const std::vector<std::string>& columns = {});

/// Reads the table the options describe through read_table (CSV/TSV, SPSS, Stata or sample:NAME,
/// with one rule for missing codes in every format). `columns`, when not empty, are the only
/// columns kept (with the id column): the file is still read whole and checked record by record,
/// but memory grows with the columns an analysis uses, not with the file's width; a column not in
/// the file is an error listing those that are.
[[nodiscard]] table load_table(const data_options& options, const std::vector<std::string>& columns = {});

/// As load_table, with the variable information (labels, value labels, missing counts) of an
/// SPSS/Stata file (read_table_with_metadata); `variables` is empty and `format` is "CSV" for
/// delimited text.
[[nodiscard]] stat_file load_data(const data_options& options);

}  // namespace socialcure::cli

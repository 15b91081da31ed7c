#include "common.hpp"

#include <algorithm>
#include <map>

#include "output_files.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/data/sample.hpp"

namespace socialcure::cli {

void add_data_options(CLI::App& command, data_options& options) {
  command
      .add_option("--missing", options.missing,
                  "Extra codes meaning 'missing', comma-separated (e.g. -99,999,.); the empty field and NA always are "
                  "(in SPSS/Stata files: the empty text, system and user-defined missing values)")
      ->delimiter(',');
  command.add_option("--text", options.text_columns, "Columns to read as text, comma-separated")->delimiter(',');
  command.add_option("--id", options.id_column, "Respondent id column (text; ids must be present and unique)");
  command.add_option("--delimiter", options.delimiter,
                     "Field delimiter of CSV/TSV files: ',', ';', 'tab' (default: by file name)");
}

void add_format_option(CLI::App& command, output_format& format) {
  const std::map<std::string, output_format> formats{{"text", output_format::text}, {"json", output_format::json}};
  command.add_option("--format", format, "Output format: text (default) or json")
      ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case));
}

namespace {

constexpr std::string_view sample_prefix = "sample:";

// The names once each, in order (an analysis may name a column twice, e.g. as X and covariate).
std::vector<std::string> unique(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const auto& name : names) {
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  return out;
}

// An SPSS/Stata file (bundled samples are CSV).
bool is_stat_input(const data_options& options) {
  return !options.path.starts_with(sample_prefix) && is_stat_file(options.path);
}

stat_file load_stat_file(const data_options& options, const std::vector<std::string>& columns = {}) {
  if (!options.delimiter.empty()) {
    throw argument_error("--delimiter applies to CSV/TSV files only, not to the SPSS/Stata file '" + options.path +
                         "'");
  }
  stat_file_options stat;
  stat.id_column = options.id_column;
  stat.text_columns = options.text_columns;
  stat.missing_codes = options.missing;
  stat.columns = unique(columns);
  return read_stat_file(options.path, stat);
}

}  // namespace

stat_file load_data(const data_options& options) {
  if (is_stat_input(options)) return load_stat_file(options);
  stat_file out;
  out.data = load_table(options);
  out.format = "CSV";
  out.rows = out.data.rows();
  return out;
}

table load_table(const data_options& options, const std::vector<std::string>& columns) {
  if (is_stat_input(options)) return load_stat_file(options, columns).data;
  csv_options csv;
  for (const auto& code : options.missing) {
    if (std::find(csv.missing_codes.begin(), csv.missing_codes.end(), code) == csv.missing_codes.end()) {
      csv.missing_codes.push_back(code);
    }
  }
  csv.text_columns = options.text_columns;
  csv.id_column = options.id_column;
  csv.columns = unique(columns);
  if (options.delimiter == "tab" || options.delimiter == "\\t") {
    csv.delimiter = '\t';
  } else if (options.delimiter.size() == 1) {
    csv.delimiter = options.delimiter.front();
  } else if (!options.delimiter.empty()) {
    throw argument_error("--delimiter takes one character or 'tab', not '" + options.delimiter + "'");
  }
  if (options.path.starts_with(sample_prefix)) return read_sample(options.path.substr(sample_prefix.size()), csv);
  return read_csv(options.path, csv);
}

void write_text_file(const std::string& path, const std::string& text) {
  if (path.empty()) return;
  output_files files;
  files.add(path, text);
  files.commit();
}

}  // namespace socialcure::cli

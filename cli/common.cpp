#include "common.hpp"

#include <algorithm>
#include <map>

#include "output_files.hpp"
#include "socialcure/core/error.hpp"

namespace socialcure::cli {

void add_data_file_option(CLI::App& command, std::string& path, const std::string& what) {
  command
      .add_option("--data", path,
                  "CSV/TSV, SPSS (.sav/.zsav/.por) or Stata (.dta) file" + what + ", or sample:NAME for bundled data")
      ->required();
}

void add_missing_option(CLI::App& command, std::vector<std::string>& codes) {
  command
      .add_option("--missing", codes,
                  "Missing-value codes, comma-separated (e.g. -99,999,.), added to the empty field and NA: a value "
                  "equal to a code is missing in every format, and a numeric code also makes equal numbers missing "
                  "(SPSS/Stata system and user-defined missing values are missing too)")
      ->delimiter(',');
}

void add_delimiter_option(CLI::App& command, std::string& delimiter) {
  command.add_option("--delimiter", delimiter, "Field delimiter of CSV/TSV files: ',', ';', 'tab' (default: by file name)");
}

void add_data_options(CLI::App& command, data_options& options) {
  add_missing_option(command, options.missing);
  command.add_option("--text", options.text_columns, "Columns to read as text, comma-separated")->delimiter(',');
  command.add_option("--id", options.id_column, "Respondent id column (text; ids must be present and unique)");
  add_delimiter_option(command, options.delimiter);
}

CLI::Option* add_format_option(CLI::App& command, output_format& format, const std::string& what) {
  const std::map<std::string, output_format> formats{{"text", output_format::text}, {"json", output_format::json}};
  return command.add_option("--format", format, what.empty() ? "Output format: text (default) or json" : what)
      ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case));
}

void add_level_option(CLI::App& command, double& level) {
  command.add_option("--level", level, "Confidence level (default 0.95)")->check(CLI::Range(0.5, 0.9999999));
}

void add_seed_option(CLI::App& command, std::uint64_t& seed, bool& given, const std::string& what) {
  command.add_option_function<std::uint64_t>(
      "--seed",
      [&seed, &given](const std::uint64_t& v) {
        seed = v;
        given = true;
      },
      what);
}

void add_threads_option(CLI::App& command, unsigned& threads) {
  command.add_option("--threads", threads, "Threads for the bootstrap and for the passes over a large data set (default: all; results do not depend on it)");
}

void add_quiet_option(CLI::App& command, bool& quiet) {
  command.add_flag("--quiet", quiet, "No progress line on stderr (it is shown only when stderr is a terminal)");
}

read_options read_options_of(const data_options& options, const std::vector<std::string>& columns) {
  read_options out;
  for (const auto& code : options.missing) {
    if (std::find(out.missing_codes.begin(), out.missing_codes.end(), code) == out.missing_codes.end()) {
      out.missing_codes.push_back(code);
    }
  }
  out.text_columns = options.text_columns;
  out.id_column = options.id_column;
  out.columns = columns;
  if (options.delimiter == "tab" || options.delimiter == "\\t") {
    out.delimiter = '\t';
  } else if (options.delimiter.size() == 1) {
    out.delimiter = options.delimiter.front();
  } else if (!options.delimiter.empty()) {
    throw argument_error("--delimiter takes one character or 'tab', not '" + options.delimiter + "'");
  }
  return out;
}

stat_file load_data(const data_options& options) {
  return read_table_with_metadata(options.path, read_options_of(options));
}

table load_table(const data_options& options, const std::vector<std::string>& columns) {
  return read_table(options.path, read_options_of(options, columns));
}

void write_text_file(const std::string& path, const std::string& text) {
  if (path.empty()) return;
  output_files files;
  files.add(path, text);
  files.commit();
}

}  // namespace socialcure::cli

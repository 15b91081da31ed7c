#include "socialcure/data/read_table.hpp"

#include <algorithm>
#include <utility>

#include "socialcure/core/error.hpp"
#include "socialcure/data/csv.hpp"
#include "socialcure/data/sample.hpp"

namespace socialcure {

namespace {

// The names once each, in order (an analysis may name a column twice, e.g. as X and covariate).
std::vector<std::string> unique(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const auto& name : names) {
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  return out;
}

void check_names(const std::vector<std::string>& names, const char* what) {
  for (const auto& name : names) {
    if (name.empty()) throw argument_error(std::string("read_options: an empty name among the ") + what);
  }
}

csv_options csv_options_of(const read_options& options) {
  csv_options out;
  out.delimiter = options.delimiter;
  out.missing_codes = options.missing_codes;
  out.text_columns = unique(options.text_columns);
  out.id_column = options.id_column;
  out.columns = unique(options.columns);
  return out;
}

stat_file_options stat_options_of(const read_options& options) {
  stat_file_options out;
  out.id_column = options.id_column;
  out.columns = unique(options.columns);
  out.text_columns = unique(options.text_columns);
  out.missing_codes = options.missing_codes;
  out.user_missing_as_missing = options.user_missing_as_missing;
  return out;
}

}  // namespace

void read_options::validate() const {
  if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
    throw argument_error("read_options: the delimiter cannot be a double quote or a line end");
  }
  check_names(columns, "requested columns");
  check_names(text_columns, "text columns");
}

stat_file read_table_with_metadata(const std::string& path, const read_options& options) {
  options.validate();
  const bool sample = path.starts_with(sample_prefix);
  if (!sample && is_stat_file(path)) {
    if (options.delimiter != '\0') {
      throw argument_error("a delimiter applies to CSV/TSV files only, not to the SPSS/Stata file '" + path + "'");
    }
    return read_stat_file(path, stat_options_of(options));
  }
  const csv_options csv = csv_options_of(options);
  stat_file out;
  out.data = sample ? read_sample(path.substr(sample_prefix.size()), csv) : read_csv(path, csv);
  out.format = "CSV";
  out.rows = out.data.rows();
  return out;
}

table read_table(const std::string& path, const read_options& options) {
  return std::move(read_table_with_metadata(path, options).data);
}

}  // namespace socialcure

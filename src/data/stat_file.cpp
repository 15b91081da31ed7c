#include "socialcure/data/stat_file.hpp"

#include <readstat.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <exception>
#include <fstream>
#include <memory>
#include <numeric>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "socialcure/core/error.hpp"
#include "socialcure/core/missing.hpp"
#include "socialcure/core/number.hpp"
#include "data/detail/input.hpp"

namespace socialcure {

namespace {

enum class stat_kind { sav, por, dta, unknown };

bool ends_with_ci(std::string_view s, std::string_view suffix) noexcept {
  if (s.size() < suffix.size()) return false;
  return std::equal(suffix.begin(), suffix.end(), s.end() - static_cast<std::ptrdiff_t>(suffix.size()),
                    [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); });
}

stat_kind kind_of(std::string_view path) noexcept {
  if (ends_with_ci(path, ".sav") || ends_with_ci(path, ".zsav")) return stat_kind::sav;
  if (ends_with_ci(path, ".por")) return stat_kind::por;
  if (ends_with_ci(path, ".dta")) return stat_kind::dta;
  return stat_kind::unknown;
}

std::string kind_name(stat_kind kind) {
  switch (kind) {
    case stat_kind::sav: return "SPSS sav";
    case stat_kind::por: return "SPSS por";
    case stat_kind::dta: return "Stata dta";
    case stat_kind::unknown: break;
  }
  return "unknown";
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// A number from a numeric ReadStat value. Floats (Stata "float" storage) go through their
// shortest decimal form, so that a float stored for 2.3 reads as 2.3.
double number_of(readstat_value_t value) {
  if (readstat_value_type(value) != READSTAT_TYPE_FLOAT) return readstat_double_value(value);
  const float f = readstat_float_value(value);
  if (!std::isfinite(f)) return static_cast<double>(f);
  char buffer[64];
  const auto written = std::to_chars(buffer, buffer + sizeof buffer, f);
  double d = static_cast<double>(f);
  std::from_chars(buffer, written.ptr, d);
  return d;
}

std::string text_of(const char* text) { return text == nullptr ? std::string() : std::string(text); }

// A number as text: whole numbers up to 2^53 in plain digits (an id 1000000 stays "1000000"),
// others in their shortest form.
std::string number_text(double value) {
  if (value == std::trunc(value) && std::fabs(value) <= max_exact_integer) {
    return std::to_string(static_cast<long long>(value));
  }
  return format_number(value);
}


// One kept variable while its values arrive.
struct variable_builder {
  stat_variable_info info;
  std::string label_set;
  bool numeric_in_file = true;
  std::vector<double> numbers;
  std::vector<std::string> strings;
  std::vector<bool> text_missing;

  void put_number(std::size_t row, double value) {
    if (numbers.size() <= row) numbers.resize(row + 1, missing_value);
    numbers[row] = value;
  }
  void put_text(std::size_t row, std::string value, bool missing) {
    if (strings.size() <= row) {
      strings.resize(row + 1);
      text_missing.resize(row + 1, true);
    }
    strings[row] = std::move(value);
    text_missing[row] = missing;
  }
};

// Collects what ReadStat's callbacks deliver and builds the stat_file. Exceptions never cross
// ReadStat's C frames: a callback stores the exception and asks ReadStat to stop.
class stat_reader {
 public:
  stat_reader(std::string path, const stat_file_options& options, stat_kind kind)
      : path_(std::move(path)), options_(options), kind_(kind), codes_(options.missing_codes) {}

  stat_file read() {
    std::unique_ptr<readstat_parser_t, decltype(&readstat_parser_free)> parser(readstat_parser_init(),
                                                                               &readstat_parser_free);
    if (!parser) throw std::bad_alloc();
    readstat_set_metadata_handler(parser.get(), &stat_reader::metadata_handler);
    readstat_set_variable_handler(parser.get(), &stat_reader::variable_handler);
    readstat_set_value_handler(parser.get(), &stat_reader::value_handler);
    readstat_set_value_label_handler(parser.get(), &stat_reader::value_label_handler);
    readstat_set_error_handler(parser.get(), &stat_reader::error_handler);
    readstat_error_t status = READSTAT_OK;
    switch (kind_) {
      case stat_kind::sav: status = readstat_parse_sav(parser.get(), path_.c_str(), this); break;
      case stat_kind::por: status = readstat_parse_por(parser.get(), path_.c_str(), this); break;
      case stat_kind::dta: status = readstat_parse_dta(parser.get(), path_.c_str(), this); break;
      case stat_kind::unknown: break;
    }
    if (failure_) std::rethrow_exception(failure_);
    if (status != READSTAT_OK) {
      std::string detail = readstat_error_message(status);
      if (!parser_message_.empty()) detail += "; " + parser_message_;
      throw data_error({path_, 0, {}, {}, {}}, "not a valid " + kind_name(kind_) + " file, or a damaged one (ReadStat: " +
                                                   detail + ")");
    }
    return finish();
  }

 private:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  template <class F>
  static int guarded(void* ctx, F&& f) {
    auto* self = static_cast<stat_reader*>(ctx);
    try {
      return f(*self);
    } catch (...) {
      self->failure_ = std::current_exception();
      return READSTAT_HANDLER_ABORT;
    }
  }

  static int metadata_handler(readstat_metadata_t* metadata, void* ctx) {
    return guarded(ctx, [&](stat_reader& self) {
      self.compressed_ = readstat_get_compression(metadata) == READSTAT_COMPRESS_BINARY;
      self.file_label_ = text_of(readstat_get_file_label(metadata));
      return READSTAT_HANDLER_OK;
    });
  }

  static int variable_handler(int index, readstat_variable_t* variable, const char* val_labels, void* ctx) {
    return guarded(ctx, [&](stat_reader& self) { return self.on_variable(index, variable, val_labels); });
  }

  static int value_handler(int obs_index, readstat_variable_t* variable, readstat_value_t value, void* ctx) {
    return guarded(ctx, [&](stat_reader& self) { return self.on_value(obs_index, variable, value); });
  }

  static int value_label_handler(const char* val_labels, readstat_value_t value, const char* label, void* ctx) {
    return guarded(ctx, [&](stat_reader& self) {
      const bool numeric = readstat_value_type_class(value) == READSTAT_TYPE_CLASS_NUMERIC;
      if (numeric && readstat_value_is_system_missing(value) == 0 && readstat_value_is_tagged_missing(value) == 0) {
        self.label_sets_[text_of(val_labels)].push_back({number_of(value), text_of(label)});
      }
      return READSTAT_HANDLER_OK;
    });
  }

  static void error_handler(const char* message, void* ctx) {
    auto* self = static_cast<stat_reader*>(ctx);
    std::string text = text_of(message);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
    if (text.empty()) return;
    try {
      self->parser_message_ += (self->parser_message_.empty() ? "" : "; ") + text;
    } catch (...) {  // a message is a courtesy; out of memory is reported by ReadStat's status
    }
  }

  bool wanted(const std::string& name) const {
    return options_.columns.empty() || contains(options_.columns, name) || name == options_.id_column;
  }

  int on_variable(int index, readstat_variable_t* variable, const char* val_labels) {
    const std::string name = text_of(readstat_variable_get_name(variable));
    if (!name_set_.insert(name).second) {
      throw data_error({path_, 0, name, {}, {}}, "duplicate variable name", name, "unique variable names");
    }
    all_names_.push_back(name);
    const auto at = static_cast<std::size_t>(index);
    if (slot_.size() <= at) slot_.resize(at + 1, npos);
    if (!wanted(name)) return READSTAT_HANDLER_SKIP_VARIABLE;
    variable_builder b;
    b.info.name = name;
    b.info.label = text_of(readstat_variable_get_label(variable));
    b.numeric_in_file = readstat_variable_get_type_class(variable) == READSTAT_TYPE_CLASS_NUMERIC;
    const bool as_text = !b.numeric_in_file || name == options_.id_column || contains(options_.text_columns, name);
    b.info.type = as_text ? column_type::text : column_type::numeric;
    b.label_set = text_of(val_labels);
    slot_[at] = builders_.size();
    builders_.push_back(std::move(b));
    return READSTAT_HANDLER_OK;
  }

  int on_value(int obs_index, readstat_variable_t* variable, readstat_value_t value) {
    if (!requested_checked_) check_requested();
    const auto at = static_cast<std::size_t>(readstat_variable_get_index(variable));
    if (at >= slot_.size() || slot_[at] == npos) return READSTAT_HANDLER_OK;
    variable_builder& b = builders_[slot_[at]];
    const auto row = static_cast<std::size_t>(obs_index);
    rows_ = std::max(rows_, row + 1);
    if (!b.numeric_in_file) {
      std::string text = text_of(readstat_string_value(value));
      if (kind_ != stat_kind::dta) {
        while (!text.empty() && text.back() == ' ') text.pop_back();  // SPSS pads strings with blanks
      }
      bool missing = false;
      if (text.empty()) {
        ++b.info.system_missing;
        missing = true;
      } else if (readstat_value_is_defined_missing(value, variable) != 0) {
        ++b.info.user_missing;
        missing = options_.user_missing_as_missing;
      }
      if (!missing && codes_.matches(text)) {
        ++b.info.coded_missing;
        missing = true;
      }
      b.put_text(row, missing ? std::string() : std::move(text), missing);
      return READSTAT_HANDLER_OK;
    }
    const double number = numeric_entry(b, variable, value, row);
    if (b.info.type == column_type::text) {
      const bool missing = is_missing(number);
      b.put_text(row, missing ? std::string() : number_text(number), missing);
    } else {
      b.put_number(row, number);
    }
    return READSTAT_HANDLER_OK;
  }

  // The value of a numeric entry, or missing_value (counted by its kind).
  double numeric_entry(variable_builder& b, readstat_variable_t* variable, readstat_value_t value,
                       std::size_t row) const {
    if (readstat_value_is_tagged_missing(value) != 0) {
      ++b.info.user_missing;
      return missing_value;
    }
    if (readstat_value_is_system_missing(value) != 0) {
      ++b.info.system_missing;
      return missing_value;
    }
    const double number = number_of(value);
    if (std::isnan(number)) {
      ++b.info.system_missing;
      return missing_value;
    }
    if (std::isinf(number)) {
      throw data_error({path_, row + 1, b.info.name, {}, {}}, "value is infinite", number > 0 ? "inf" : "-inf",
                       "a finite number, or a missing value");
    }
    if (readstat_value_is_defined_missing(value, variable) != 0) {
      ++b.info.user_missing;
      if (options_.user_missing_as_missing) return missing_value;
    }
    if (codes_.matches(number)) {
      ++b.info.coded_missing;
      return missing_value;
    }
    return number;
  }

  void check_requested() {
    requested_checked_ = true;
    auto require = [&](const std::string& name, const char* role) {
      if (name.empty() || name_set_.count(name) != 0) return;
      throw detail::no_such_column(path_, name, role, all_names_);
    };
    require(options_.id_column, "the id column");
    for (const auto& name : options_.columns) require(name, "");
    for (const auto& name : options_.text_columns) require(name, "a text column");
  }

  stat_file finish() {
    if (all_names_.empty()) throw data_error({path_, 0, {}, {}, {}}, "the file has no variables");
    if (!requested_checked_) check_requested();
    if (rows_ == 0) throw data_error({path_, 0, {}, {}, {}}, "the file has variables but no cases (rows)");
    stat_file out;
    out.format = kind_ == stat_kind::sav && compressed_ ? "SPSS zsav" : kind_name(kind_);
    out.file_label = file_label_;
    out.rows = rows_;
    out.data = table(path_);
    for (auto& b : builders_) {
      if (b.info.type == column_type::numeric) {
        b.numbers.resize(rows_, missing_value);
        out.data.add(column(b.info.name, std::move(b.numbers)));
      } else {
        b.strings.resize(rows_);
        b.text_missing.resize(rows_, true);
        out.data.add(column(b.info.name, std::move(b.strings), std::move(b.text_missing)));
      }
      if (b.numeric_in_file && !b.label_set.empty()) {
        if (const auto it = label_sets_.find(b.label_set); it != label_sets_.end()) b.info.value_labels = it->second;
      }
      out.variables.push_back(std::move(b.info));
    }
    std::vector<std::size_t> cases(rows_);
    std::iota(cases.begin(), cases.end(), std::size_t{1});
    out.data.set_source_lines(std::move(cases));
    if (!options_.id_column.empty()) check_ids(out.data);
    return out;
  }

  void check_ids(const table& t) const { detail::check_respondent_ids(t, options_.id_column, path_, "row"); }

  std::string path_;
  const stat_file_options& options_;
  stat_kind kind_;
  detail::missing_codes codes_;
  std::vector<std::string> all_names_;
  std::unordered_set<std::string> name_set_;
  std::vector<std::size_t> slot_;  // file variable index -> builder, or npos when skipped
  std::vector<variable_builder> builders_;
  std::unordered_map<std::string, std::vector<value_label>> label_sets_;
  std::size_t rows_ = 0;
  bool requested_checked_ = false;
  bool compressed_ = false;
  std::string file_label_;
  std::string parser_message_;
  std::exception_ptr failure_;
};

}  // namespace

void stat_file_options::validate() const {
  auto check = [](const std::vector<std::string>& names, const char* what) {
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i].empty()) throw argument_error(std::string("an empty name among the ") + what);
      if (std::find(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(i), names[i]) !=
          names.begin() + static_cast<std::ptrdiff_t>(i)) {
        throw argument_error("column '" + names[i] + "' is named twice among the " + what);
      }
    }
  };
  check(columns, "requested columns");
  check(text_columns, "text columns");
}

bool is_stat_file(std::string_view path) noexcept { return kind_of(path) != stat_kind::unknown; }

stat_file read_stat_file(const std::string& path, const stat_file_options& options) {
  options.validate();
  const stat_kind kind = kind_of(path);
  if (kind == stat_kind::unknown) {
    throw argument_error(path + ": not an SPSS (.sav, .zsav, .por) or Stata (.dta) file name");
  }
  if (!std::ifstream(path, std::ios::binary)) {
    throw data_error({path, 0, {}, {}, {}}, "cannot open the file for reading");
  }
  return stat_reader(path, options, kind).read();
}

}  // namespace socialcure

#include "support/stat_writer.hpp"

#include <readstat.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <memory>
#include <stdexcept>

#include "socialcure/core/missing.hpp"

namespace socialcure_test {

namespace {

enum class format { sav, zsav, por, dta };

bool ends_with_ci(const std::string& s, const std::string& suffix) {
  if (s.size() < suffix.size()) return false;
  return std::equal(suffix.begin(), suffix.end(), s.end() - static_cast<std::ptrdiff_t>(suffix.size()),
                    [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); });
}

format format_of(const std::string& path) {
  if (ends_with_ci(path, ".zsav")) return format::zsav;
  if (ends_with_ci(path, ".sav")) return format::sav;
  if (ends_with_ci(path, ".por")) return format::por;
  if (ends_with_ci(path, ".dta")) return format::dta;
  throw std::runtime_error(path + ": the file name must end with .sav, .zsav, .por or .dta");
}

ssize_t write_bytes(const void* bytes, size_t length, void* ctx) {
  auto* file = static_cast<std::FILE*>(ctx);
  return std::fwrite(bytes, 1, length, file) == length ? static_cast<ssize_t>(length) : -1;
}

struct file_closer {
  void operator()(std::FILE* f) const noexcept { std::fclose(f); }
};
struct writer_freer {
  void operator()(readstat_writer_t* w) const noexcept { readstat_writer_free(w); }
};

bool user_missing(const stat_column_extras& extras, double value) {
  if (std::find(extras.missing_values.begin(), extras.missing_values.end(), value) != extras.missing_values.end()) {
    return true;
  }
  return std::any_of(extras.missing_ranges.begin(), extras.missing_ranges.end(),
                     [&](const auto& r) { return value >= r.first && value <= r.second; });
}

}  // namespace

void write_stat_file(const std::string& path, const socialcure::table& data, const stat_write_options& options) {
  const format kind = format_of(path);
  auto check = [&](readstat_error_t status, const char* step) {
    if (status != READSTAT_OK) {
      throw std::runtime_error(path + ": " + step + ": " + readstat_error_message(status));
    }
  };
  std::unique_ptr<std::FILE, file_closer> file(std::fopen(path.c_str(), "wb"));
  if (!file) throw std::runtime_error(path + ": cannot open the file for writing");
  std::unique_ptr<readstat_writer_t, writer_freer> writer(readstat_writer_init());
  check(readstat_set_data_writer(writer.get(), &write_bytes), "setting the data writer");
  if (!options.file_label.empty()) {
    check(readstat_writer_set_file_label(writer.get(), options.file_label.c_str()), "setting the file label");
  }
  if (kind == format::zsav) {
    check(readstat_writer_set_compression(writer.get(), READSTAT_COMPRESS_BINARY), "setting compression");
  }
  const stat_column_extras none;
  std::vector<readstat_variable_t*> variables;
  for (std::size_t j = 0; j < data.cols(); ++j) {
    const socialcure::column& c = data.at(j);
    const auto found = options.extras.find(c.name());
    const stat_column_extras& extras = found == options.extras.end() ? none : found->second;
    readstat_variable_t* variable = nullptr;
    if (c.is_numeric()) {
      variable = readstat_add_variable(writer.get(), c.name().c_str(),
                                       extras.as_float ? READSTAT_TYPE_FLOAT : READSTAT_TYPE_DOUBLE, 0);
      if (!extras.value_labels.empty()) {
        // Stata labels integers only: its label sets are int32.
        const bool stata = kind == format::dta;
        readstat_label_set_t* set = readstat_add_label_set(
            writer.get(), stata ? READSTAT_TYPE_INT32 : READSTAT_TYPE_DOUBLE, (c.name() + "_lbl").c_str());
        for (const auto& vl : extras.value_labels) {
          if (stata) {
            readstat_label_int32_value(set, static_cast<int32_t>(vl.value), vl.label.c_str());
          } else {
            readstat_label_double_value(set, vl.value, vl.label.c_str());
          }
        }
        readstat_variable_set_label_set(variable, set);
      }
      if (kind != format::dta) {
        for (double v : extras.missing_values) {
          check(readstat_variable_add_missing_double_value(variable, v), "declaring a missing value");
        }
        for (const auto& [lo, hi] : extras.missing_ranges) {
          check(readstat_variable_add_missing_double_range(variable, lo, hi), "declaring a missing range");
        }
      }
    } else {
      std::size_t width = 1;
      for (const auto& s : c.strings()) width = std::max(width, s.size());
      variable = readstat_add_variable(writer.get(), c.name().c_str(), READSTAT_TYPE_STRING, width);
      if (variable != nullptr && kind != format::dta) {
        for (const auto& text : extras.missing_strings) {
          check(readstat_variable_add_missing_string_value(variable, text.c_str()), "declaring a missing text");
        }
      }
    }
    if (variable == nullptr) throw std::runtime_error(path + ": cannot add variable '" + c.name() + "'");
    if (!extras.label.empty()) readstat_variable_set_label(variable, extras.label.c_str());
    variables.push_back(variable);
  }

  const auto rows = static_cast<long>(data.rows());
  switch (kind) {
    case format::sav:
    case format::zsav: check(readstat_begin_writing_sav(writer.get(), file.get(), rows), "starting"); break;
    case format::por: check(readstat_begin_writing_por(writer.get(), file.get(), rows), "starting"); break;
    case format::dta: check(readstat_begin_writing_dta(writer.get(), file.get(), rows), "starting"); break;
  }
  for (std::size_t i = 0; i < data.rows(); ++i) {
    check(readstat_begin_row(writer.get()), "starting a row");
    for (std::size_t j = 0; j < data.cols(); ++j) {
      const socialcure::column& c = data.at(j);
      readstat_variable_t* variable = variables[j];
      const auto found = options.extras.find(c.name());
      const stat_column_extras& extras = found == options.extras.end() ? none : found->second;
      if (!c.is_numeric()) {
        check(readstat_insert_string_value(writer.get(), variable, c.is_missing(i) ? "" : c.strings()[i].c_str()),
              "writing a string");
        continue;
      }
      const double value = c.numbers()[i];
      if (const auto tag = extras.tagged_missing.find(i); tag != extras.tagged_missing.end()) {
        check(readstat_insert_tagged_missing_value(writer.get(), variable, tag->second), "writing a tagged missing");
      } else if (socialcure::is_missing(value)) {
        check(readstat_insert_missing_value(writer.get(), variable), "writing a missing value");
      } else if (kind == format::dta && user_missing(extras, value)) {
        check(readstat_insert_tagged_missing_value(writer.get(), variable, 'a'), "writing a tagged missing");
      } else if (extras.as_float) {
        check(readstat_insert_float_value(writer.get(), variable, static_cast<float>(value)), "writing a number");
      } else {
        check(readstat_insert_double_value(writer.get(), variable, value), "writing a number");
      }
    }
    check(readstat_end_row(writer.get()), "ending a row");
  }
  check(readstat_end_writing(writer.get()), "finishing");
  if (std::fflush(file.get()) != 0) throw std::runtime_error(path + ": writing failed");
}

}  // namespace socialcure_test

#include "socialcure/data/csv.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <optional>
#include <sstream>
#include <unordered_map>
#include <utility>

#include "socialcure/core/error.hpp"
#include "socialcure/core/missing.hpp"
#include "socialcure/core/number.hpp"
#include "data/detail/input.hpp"

namespace socialcure {

namespace {

// ---------------------------------------------------------------------------------------------
// Records: a buffered reader over a stream that splits RFC 4180 records into fields.
// ---------------------------------------------------------------------------------------------
struct field {
  std::string text;
  bool quoted = false;
};

class record_reader {
 public:
  record_reader(std::istream& in, std::string source, char delimiter)
      : in_(in), source_(std::move(source)), delimiter_(static_cast<unsigned char>(delimiter)) {}

  // Column names, once the header is read: errors inside a field then name its column.
  void set_names(std::vector<std::string> names) { names_ = std::move(names); }

  // Reads the next non-blank record into `fields`; returns false at the end of the input.
  // `line()` is then the physical line on which the record started.
  bool next(std::vector<field>& fields) {
    for (;;) {
      fields.clear();
      if (peek() == eof) return false;
      record_line_ = line_;
      if (at_line_end()) {  // a blank line
        consume_line_end();
        continue;
      }
      read_record(fields);
      return true;
    }
  }

  [[nodiscard]] std::size_t line() const noexcept { return record_line_; }

  // Skips a UTF-8 byte-order mark at the very start.
  void skip_bom() {
    if (peek() != 0xEF) return;
    get();
    if (get() != 0xBB || get() != 0xBF) {
      throw data_error({source_, 1, {}, {}, {}}, "the file starts with a broken UTF-8 byte-order mark");
    }
  }

 private:
  static constexpr int eof = -1;

  int peek() {
    if (pos_ == size_) fill();
    return pos_ == size_ ? eof : static_cast<unsigned char>(buffer_[pos_]);
  }
  int get() {
    const int c = peek();
    if (c != eof) ++pos_;
    return c;
  }
  void fill() {
    in_.read(buffer_, sizeof buffer_);
    size_ = static_cast<std::size_t>(in_.gcount());
    pos_ = 0;
  }
  bool at_line_end() {
    const int c = peek();
    return c == '\n' || c == '\r';
  }
  // Consumes LF, CRLF or a lone CR.
  void consume_line_end() {
    if (get() == '\r' && peek() == '\n') get();
    ++line_;
  }

  void read_record(std::vector<field>& fields) {
    for (;;) {
      fields.push_back(read_field(fields.size()));
      const int c = peek();
      if (c == delimiter_) {
        get();
        continue;
      }
      if (c == eof) return;
      consume_line_end();
      return;
    }
  }

  bool is_space(int c) const noexcept { return (c == ' ' || c == '\t') && c != delimiter_; }

  [[nodiscard]] location at(std::size_t line, std::size_t index) const {
    return {source_, line, index < names_.size() ? names_[index] : std::string(), {}, {}};
  }

  field read_field(std::size_t index) {
    field f;
    while (is_space(peek())) get();
    if (peek() == '"') return read_quoted(index);
    for (int c = peek(); c != eof && c != delimiter_ && c != '\n' && c != '\r'; c = peek()) {
      if (c == '"') {
        throw data_error(at(line_, index), "a double quote inside an unquoted field", f.text + '"',
                         "quote the whole field and double the inner quotes (RFC 4180)");
      }
      f.text.push_back(static_cast<char>(get()));
    }
    while (!f.text.empty() && is_space(static_cast<unsigned char>(f.text.back()))) f.text.pop_back();
    return f;
  }

  field read_quoted(std::size_t index) {
    field f;
    f.quoted = true;
    const std::size_t start_line = line_;
    get();  // the opening quote
    for (;;) {
      const int c = get();
      if (c == eof) {
        throw data_error(at(start_line, index), "unterminated quoted field (the closing double quote is missing)",
                         abbreviate(f.text));
      }
      if (c == '"') {
        if (peek() == '"') {
          get();
          f.text.push_back('"');
          continue;
        }
        break;
      }
      if (c == '\n' || (c == '\r' && peek() != '\n')) ++line_;
      f.text.push_back(static_cast<char>(c));
    }
    while (is_space(peek())) get();
    const int next = peek();
    if (next != eof && next != delimiter_ && next != '\n' && next != '\r') {
      throw data_error(at(line_, index), "unexpected text after a closing double quote",
                       "\"" + abbreviate(f.text) + "\"" + static_cast<char>(next),
                       "a delimiter or the end of the line");
    }
    return f;
  }

  static std::string abbreviate(const std::string& s) {
    return s.size() <= 40 ? s : s.substr(0, 40) + "...";
  }

  std::istream& in_;
  std::string source_;
  int delimiter_;
  std::vector<std::string> names_;
  char buffer_[1 << 16]{};
  std::size_t pos_ = 0;
  std::size_t size_ = 0;
  std::size_t line_ = 1;
  std::size_t record_line_ = 1;
};

// ---------------------------------------------------------------------------------------------
// Columns: type inference while streaming (see the rules in csv.hpp).
// ---------------------------------------------------------------------------------------------
enum class column_state { undecided, numeric, text };

struct first_seen {
  std::string value;
  std::size_t line = 0;
};

struct column_builder {
  std::string name;
  bool force_text = false;
  bool force_numeric = false;
  column_state state = column_state::undecided;
  std::size_t missing_so_far = 0;  // while undecided
  std::vector<double> numbers;
  std::vector<std::string> strings;
  std::vector<bool> text_missing;
  first_seen first_number;
  first_seen first_text;
};


class table_builder {
 public:
  table_builder(std::string source, const csv_options& options)
      : source_(std::move(source)), options_(options), missing_(options.missing_codes) {}

  void set_header(const std::vector<field>& header, std::size_t line) {
    std::unordered_map<std::string, std::size_t> seen;
    for (std::size_t j = 0; j < header.size(); ++j) {
      const std::string& name = header[j].text;
      if (name.empty()) {
        throw data_error({source_, line, {}, {}, {}},
                         "column " + std::to_string(j + 1) + " of the header row has no name");
      }
      if (const auto it = seen.find(name); it != seen.end()) {
        throw data_error({source_, line, name, {}, {}},
                         "duplicate column name (columns " + std::to_string(it->second + 1) + " and " +
                             std::to_string(j + 1) + ")",
                         name, "unique column names");
      }
      seen.emplace(name, j);
    }
    width_ = header.size();
    slot_.assign(width_, npos);
    auto wanted = [&](const std::string& name) {
      return options_.columns.empty() ||
             std::find(options_.columns.begin(), options_.columns.end(), name) != options_.columns.end() ||
             name == options_.id_column;
    };
    for (std::size_t j = 0; j < width_; ++j) {
      const std::string& name = header[j].text;
      if (!wanted(name)) continue;
      slot_[j] = builders_.size();
      column_builder b;
      b.name = name;
      b.force_text = name == options_.id_column || contains(options_.text_columns, name);
      b.force_numeric = contains(options_.numeric_columns, name);
      if (b.force_text) b.state = column_state::text;
      builders_.push_back(std::move(b));
    }
    auto require = [&](const std::string& name, const char* role) {
      if (!name.empty() && seen.find(name) == seen.end()) {
        std::vector<std::string> available;
        for (const auto& f : header) available.push_back(f.text);
        throw detail::no_such_column(source_, name, role, available);
      }
    };
    require(options_.id_column, "the id column");
    for (const auto& name : options_.columns) require(name, "");
    for (const auto& name : options_.text_columns) require(name, "a text column");
    for (const auto& name : options_.numeric_columns) require(name, "a numeric column");
  }

  void add_record(const std::vector<field>& record, std::size_t line) {
    if (record.size() != width_) {
      throw data_error({source_, line, {}, {}, {}},
                       "the row has " + std::to_string(record.size()) + " field" + (record.size() == 1 ? "" : "s") +
                           ", the header has " + std::to_string(width_));
    }
    for (std::size_t j = 0; j < width_; ++j) {
      if (slot_[j] != npos) add_value(builders_[slot_[j]], record[j].text, line);
    }
    lines_.push_back(line);
  }

  table finish() {
    table out(source_);
    for (auto& b : builders_) {
      if (b.state == column_state::undecided) to_numeric(b);
      if (b.state == column_state::numeric) {
        out.add(column(b.name, std::move(b.numbers)));
      } else {
        if (b.force_numeric) {
          throw data_error({source_, b.first_text.line, b.name, {}, {}}, "value is not a number", b.first_text.value,
                           "a decimal number, or a missing code: " + missing_.describe());
        }
        out.add(column(b.name, std::move(b.strings), std::move(b.text_missing)));
      }
    }
    out.set_source_lines(std::move(lines_));
    if (!options_.id_column.empty()) check_ids(out);
    return out;
  }

 private:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  static bool contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
  }

  void add_value(column_builder& b, const std::string& text, std::size_t line) {
    if (b.force_text) {
      const bool is_missing = missing_.matches(text);
      b.strings.push_back(is_missing ? std::string() : text);
      b.text_missing.push_back(is_missing);
      if (!is_missing && b.first_text.line == 0) b.first_text = {text, line};
      return;
    }
    if (missing_.matches(text)) {
      add_missing(b);
      return;
    }
    const parsed_number parsed = parse_number(text);
    if (parsed.status == number_status::out_of_range) {
      throw data_error({source_, line, b.name, {}, {}}, "number out of the range of a double", text,
                       "magnitudes between about 2.2e-308 and 1.8e308, or zero");
    }
    if (parsed.status == number_status::inexact_integer) {
      throw data_error({source_, line, b.name, {}, {}},
                       "whole number too large to be stored exactly (beyond 2^53, not every whole number is a double)",
                       text,
                       "whole numbers up to " + format_number(max_exact_integer) +
                           " in magnitude, or an approximate value written with an exponent, e.g. 1.2e19");
    }
    if (parsed.status == number_status::ok && missing_.matches(parsed.value)) {
      add_missing(b);  // a numeric missing code written differently ("-99.0" for "-99")
      return;
    }
    if (parsed.status == number_status::ok) {
      if (b.first_number.line == 0) b.first_number = {text, line};
      if (b.state == column_state::text) throw mixed(b);
      if (b.state == column_state::undecided) to_numeric(b);
      b.numbers.push_back(parsed.value);
      return;
    }
    // Not a number.
    if (b.first_text.line == 0) b.first_text = {text, line};
    if (b.state == column_state::numeric || b.force_numeric) throw mixed(b);
    to_text(b);
    b.strings.push_back(text);
    b.text_missing.push_back(false);
  }

  static void add_missing(column_builder& b) {
    switch (b.state) {
      case column_state::numeric: b.numbers.push_back(missing_value); break;
      case column_state::text:
        b.strings.emplace_back();
        b.text_missing.push_back(true);
        break;
      case column_state::undecided: ++b.missing_so_far; break;
    }
  }

  void to_numeric(column_builder& b) {
    b.numbers.assign(b.missing_so_far, missing_value);
    b.state = column_state::numeric;
  }

  void to_text(column_builder& b) {
    if (b.state == column_state::text) return;
    b.strings.assign(b.missing_so_far, std::string());
    b.text_missing.assign(b.missing_so_far, true);
    b.state = column_state::text;
  }

  data_error mixed(const column_builder& b) const {
    std::string allowed = "a decimal number, or a missing code: " + missing_.describe();
    if (b.first_number.line != 0) {
      allowed += "; the column holds numbers (line " + std::to_string(b.first_number.line) + ": \"" +
                 b.first_number.value + "\"): declare it as text if it is not numeric";
    }
    return data_error({source_, b.first_text.line, b.name, {}, {}}, "value is not a number", b.first_text.value,
                      allowed);
  }

  void check_ids(const table& t) const { detail::check_respondent_ids(t, options_.id_column, source_, "line"); }

  std::string source_;
  const csv_options& options_;
  detail::missing_codes missing_;
  std::size_t width_ = 0;
  std::vector<std::size_t> slot_;
  std::vector<column_builder> builders_;
  std::vector<std::size_t> lines_;
};

bool ends_with_ci(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  return std::equal(suffix.begin(), suffix.end(), s.end() - static_cast<std::ptrdiff_t>(suffix.size()),
                    [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); });
}

}  // namespace

void csv_options::validate() const {
  if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
    throw argument_error("the delimiter cannot be a double quote or a line end");
  }
  for (const auto& name : text_columns) {
    if (std::find(numeric_columns.begin(), numeric_columns.end(), name) != numeric_columns.end()) {
      throw argument_error("column '" + name + "' is declared both text and numeric");
    }
  }
  if (!id_column.empty() &&
      std::find(numeric_columns.begin(), numeric_columns.end(), id_column) != numeric_columns.end()) {
    throw argument_error("the id column '" + id_column + "' is read as text and cannot be declared numeric");
  }
}

char delimiter_for(std::string_view path) noexcept {
  return ends_with_ci(path, ".tsv") || ends_with_ci(path, ".tab") ? '\t' : ',';
}

table read_csv(std::istream& in, const std::string& source, const csv_options& options) {
  options.validate();
  const char delimiter = options.delimiter != '\0' ? options.delimiter : delimiter_for(source);
  record_reader reader(in, source, delimiter);
  reader.skip_bom();
  std::vector<field> record;
  if (!reader.next(record)) {
    throw data_error({source, 1, {}, {}, {}}, "the file is empty (a header row is required on line 1)");
  }
  table_builder builder(source, options);
  const std::size_t header_line = reader.line();
  builder.set_header(record, header_line);
  std::vector<std::string> names;
  for (const auto& f : record) names.push_back(f.text);
  reader.set_names(std::move(names));
  std::size_t data_rows = 0;
  while (reader.next(record)) {
    builder.add_record(record, reader.line());
    ++data_rows;
  }
  if (in.bad()) throw data_error({source, 0, {}, {}, {}}, "reading failed (I/O error)");
  if (data_rows == 0) {
    throw data_error({source, header_line, {}, {}, {}}, "the file has a header row but no data rows");
  }
  return builder.finish();
}

table read_csv(const std::string& path, const csv_options& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw data_error({path, 0, {}, {}, {}}, "cannot open the file for reading");
  return read_csv(in, path, options);
}

table parse_csv(std::string_view text, const std::string& source, const csv_options& options) {
  std::istringstream in{std::string(text)};
  return read_csv(in, source, options);
}

namespace {
// `first`: the field starts the file, where a leading byte 0xEF would be read as (part of) a UTF-8
// byte-order mark.
std::string quote_if_needed(const std::string& s, char delimiter, bool first = false) {
  const bool needs = s.find_first_of(std::string{delimiter, '"', '\n', '\r'}) != std::string::npos ||
                     (!s.empty() && (s.front() == ' ' || s.back() == ' ' || s.front() == '\t' || s.back() == '\t')) ||
                     (first && !s.empty() && s.front() == '\xEF');
  if (!needs) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}
}  // namespace

void write_csv(std::ostream& out, const table& data, char delimiter) {
  for (std::size_t j = 0; j < data.cols(); ++j) {
    if (j > 0) out << delimiter;
    out << quote_if_needed(data.at(j).name(), delimiter, j == 0);
  }
  out << '\n';
  for (std::size_t i = 0; i < data.rows(); ++i) {
    for (std::size_t j = 0; j < data.cols(); ++j) {
      if (j > 0) out << delimiter;
      const column& c = data.at(j);
      if (c.is_missing(i)) continue;
      out << (c.is_numeric() ? format_number(c.numbers()[i]) : quote_if_needed(c.strings()[i], delimiter));
    }
    out << '\n';
  }
}

}  // namespace socialcure

#include "socialcure/data/table.hpp"

#include <algorithm>
#include <utility>

#include "socialcure/core/error.hpp"
#include "socialcure/core/missing.hpp"
#include "socialcure/core/number.hpp"

namespace socialcure {

std::string_view to_string(column_type type) noexcept {
  return type == column_type::numeric ? "numeric" : "text";
}

column::column(std::string name, std::vector<double> values)
    : name_(std::move(name)), type_(column_type::numeric), numbers_(std::move(values)) {}

column::column(std::string name, std::vector<std::string> values, std::vector<bool> missing)
    : name_(std::move(name)), type_(column_type::text), strings_(std::move(values)), text_missing_(std::move(missing)) {
  if (text_missing_.empty()) {
    text_missing_.assign(strings_.size(), false);
  } else if (text_missing_.size() != strings_.size()) {
    throw argument_error("column '" + name_ + "': " + std::to_string(text_missing_.size()) +
                         " missing flags for " + std::to_string(strings_.size()) + " values");
  }
}

std::size_t column::size() const noexcept { return is_numeric() ? numbers_.size() : strings_.size(); }

bool column::is_missing(std::size_t row) const {
  return is_numeric() ? socialcure::is_missing(numbers_.at(row)) : text_missing_.at(row);
}

std::size_t column::missing_count() const noexcept {
  if (is_numeric()) {
    return static_cast<std::size_t>(
        std::count_if(numbers_.begin(), numbers_.end(), [](double v) { return socialcure::is_missing(v); }));
  }
  return static_cast<std::size_t>(std::count(text_missing_.begin(), text_missing_.end(), true));
}

std::span<const double> column::numbers() const {
  if (!is_numeric()) throw argument_error("column '" + name_ + "' is text, not numeric");
  return numbers_;
}

std::span<const std::string> column::strings() const {
  if (is_numeric()) throw argument_error("column '" + name_ + "' is numeric, not text");
  return strings_;
}

std::string column::entry_text(std::size_t row) const {
  return is_numeric() ? format_number(numbers_.at(row)) : strings_.at(row);
}

std::vector<std::string> table::names() const {
  std::vector<std::string> out;
  out.reserve(columns_.size());
  for (const auto& c : columns_) out.push_back(c.name());
  return out;
}

std::size_t table::index_of(std::string_view name) const noexcept {
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i].name() == name) return i;
  }
  return columns_.size();
}

bool table::has(std::string_view name) const noexcept { return index_of(name) < columns_.size(); }

const column& table::get(std::string_view name) const {
  const std::size_t i = index_of(name);
  if (i == columns_.size()) {
    std::string available;
    for (const auto& c : columns_) available += (available.empty() ? "" : ", ") + c.name();
    std::string where = source_.empty() ? std::string() : source_ + ": ";
    throw argument_error(where + "no column named '" + std::string(name) + "' (available: " +
                         (available.empty() ? "none" : available) + ")");
  }
  return columns_[i];
}

std::span<const double> table::numeric(std::string_view name) const {
  const column& c = get(name);
  if (!c.is_numeric()) {
    throw argument_error((source_.empty() ? std::string() : source_ + ": ") + "column '" + c.name() +
                         "' is text, not numeric (a number was needed)");
  }
  return c.numbers();
}

std::span<const std::string> table::text(std::string_view name) const {
  const column& c = get(name);
  if (c.is_numeric()) {
    throw argument_error((source_.empty() ? std::string() : source_ + ": ") + "column '" + c.name() +
                         "' is numeric, not text");
  }
  return c.strings();
}

void table::add(column col) {
  if (has(col.name())) throw argument_error("duplicate column name '" + col.name() + "'");
  if (columns_.empty() && lines_.empty()) {
    rows_ = col.size();
  } else if (col.size() != rows_) {
    throw argument_error("column '" + col.name() + "' has " + std::to_string(col.size()) +
                         " rows, the table has " + std::to_string(rows_));
  }
  columns_.push_back(std::move(col));
}

void table::remove(std::string_view name) {
  const std::size_t i = index_of(name);
  if (i < columns_.size()) columns_.erase(columns_.begin() + static_cast<std::ptrdiff_t>(i));
}

void table::rename(std::string_view from, std::string to) {
  const std::size_t i = index_of(from);
  if (i == columns_.size()) (void)get(from);  // throws with the list of names
  if (from == to) return;
  if (has(to)) throw argument_error("cannot rename '" + std::string(from) + "': a column '" + to + "' exists");
  columns_[i].rename(std::move(to));
}

std::size_t table::source_line(std::size_t row) const noexcept { return row < lines_.size() ? lines_[row] : 0; }

void table::set_source_lines(std::vector<std::size_t> lines) {
  if (!(columns_.empty() && lines_.empty()) && lines.size() != rows_) {
    throw argument_error("source lines: " + std::to_string(lines.size()) + " given for " +
                         std::to_string(rows_) + " rows");
  }
  rows_ = lines.size();
  lines_ = std::move(lines);
}

column column::gather(std::span<const std::size_t> rows) const {
  const std::size_t n = size();
  for (std::size_t r : rows) {
    if (r != table::no_row && r >= n) {
      throw argument_error("column '" + name_ + "': row " + std::to_string(r) + " selected from " +
                           std::to_string(n) + " rows");
    }
  }
  if (is_numeric()) {
    std::vector<double> v;
    v.reserve(rows.size());
    for (std::size_t r : rows) v.push_back(r == table::no_row ? missing_value : numbers_[r]);
    return column(name_, std::move(v));
  }
  std::vector<std::string> v;
  std::vector<bool> m;
  v.reserve(rows.size());
  m.reserve(rows.size());
  for (std::size_t r : rows) {
    const bool absent = r == table::no_row;
    v.push_back(absent ? std::string() : strings_[r]);
    m.push_back(absent || text_missing_[r]);
  }
  return column(name_, std::move(v), std::move(m));
}

table table::select_rows(std::span<const std::size_t> rows) const {
  for (std::size_t r : rows) {
    if (r != no_row && r >= rows_) {
      throw argument_error("row " + std::to_string(r) + " selected from a table of " + std::to_string(rows_) + " rows");
    }
  }
  table out(source_);
  for (const auto& c : columns_) out.add(c.gather(rows));
  std::vector<std::size_t> l;
  l.reserve(rows.size());
  for (std::size_t r : rows) l.push_back(r == no_row ? 0 : source_line(r));
  out.set_source_lines(std::move(l));
  return out;
}

}  // namespace socialcure

#pragma once
/// \file
/// \brief A small column table: named numeric columns (doubles, NaN = missing) and text columns
/// (ids, labels, with an explicit missing flag), with the source line of every row.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace socialcure {

/// \brief The type of a column.
enum class column_type { numeric, text };

/// \brief "numeric" or "text".
[[nodiscard]] std::string_view to_string(column_type type) noexcept;

/// \brief One named column. Numeric columns hold doubles with socialcure::missing_value for a
/// missing entry; text columns hold strings with a separate missing flag per entry.
class column {
 public:
  /// \brief A numeric column.
  column(std::string name, std::vector<double> values);
  /// \brief A text column; `missing` is empty (nothing missing) or has one flag per value.
  column(std::string name, std::vector<std::string> values, std::vector<bool> missing = {});

  [[nodiscard]] const std::string& name() const noexcept { return name_; }
  [[nodiscard]] column_type type() const noexcept { return type_; }
  [[nodiscard]] std::size_t size() const noexcept;
  [[nodiscard]] bool is_numeric() const noexcept { return type_ == column_type::numeric; }
  /// \brief Whether entry `row` is missing.
  [[nodiscard]] bool is_missing(std::size_t row) const;
  /// \brief Number of missing entries.
  [[nodiscard]] std::size_t missing_count() const noexcept;

  /// \brief The values of a numeric column. \throws argument_error for a text column.
  [[nodiscard]] std::span<const double> numbers() const;
  /// \brief The values of a text column (missing entries are empty strings).
  /// \throws argument_error for a numeric column.
  [[nodiscard]] std::span<const std::string> strings() const;
  /// \brief Entry `row` as text: a number in its shortest form ("NA" when missing), a text as
  /// stored ("" when missing).
  [[nodiscard]] std::string entry_text(std::size_t row) const;

  void rename(std::string name) { name_ = std::move(name); }

  /// \brief A new column with the entries at `rows`, in that order; table::no_row gives a
  /// missing entry. \throws argument_error on a row out of range.
  [[nodiscard]] column gather(std::span<const std::size_t> rows) const;

 private:
  std::string name_;
  column_type type_;
  std::vector<double> numbers_;
  std::vector<std::string> strings_;
  std::vector<bool> text_missing_;
};

/// \brief A table of equally long named columns, with where its rows came from.
///
/// Column names are unique. Every row remembers its source line (1-based physical line in the
/// file it was read from, 0 when the table was built in code) so that later errors can say
/// where a value came from.
class table {
 public:
  /// \brief A row index meaning "no row": selecting it gives an all-missing row.
  static constexpr std::size_t no_row = static_cast<std::size_t>(-1);

  table() = default;
  /// \brief An empty table labelled with its source (a file name, used in messages).
  explicit table(std::string source) : source_(std::move(source)) {}

  [[nodiscard]] std::size_t rows() const noexcept { return rows_; }
  [[nodiscard]] std::size_t cols() const noexcept { return columns_.size(); }
  [[nodiscard]] const std::string& source() const noexcept { return source_; }
  void set_source(std::string source) { source_ = std::move(source); }

  /// \brief The column names in order.
  [[nodiscard]] std::vector<std::string> names() const;
  [[nodiscard]] bool has(std::string_view name) const noexcept;
  /// \brief Position of a column, or cols() when absent.
  [[nodiscard]] std::size_t index_of(std::string_view name) const noexcept;

  /// \brief The column called `name`.
  /// \throws argument_error naming the table's source and listing the available names.
  [[nodiscard]] const column& get(std::string_view name) const;
  [[nodiscard]] const column& at(std::size_t index) const { return columns_.at(index); }
  /// \brief Values of a numeric column. \throws argument_error when absent or text.
  [[nodiscard]] std::span<const double> numeric(std::string_view name) const;
  /// \brief Values of a text column. \throws argument_error when absent or numeric.
  [[nodiscard]] std::span<const std::string> text(std::string_view name) const;

  /// \brief Appends a column. The first column fixes the row count; later ones must match.
  /// \throws argument_error on a duplicate name or a length mismatch.
  void add(column col);
  /// \brief Removes a column if present.
  void remove(std::string_view name);
  /// \brief Renames a column. \throws argument_error when absent or when the new name exists.
  void rename(std::string_view from, std::string to);

  /// \brief Source line of each row (empty, or one per row).
  [[nodiscard]] std::span<const std::size_t> source_lines() const noexcept { return lines_; }
  /// \brief Source line of `row` (0 when unknown).
  [[nodiscard]] std::size_t source_line(std::size_t row) const noexcept;
  /// \brief Sets the source line of every row. \throws argument_error on a length mismatch.
  void set_source_lines(std::vector<std::size_t> lines);

  /// \brief A new table with the given rows in the given order (row indices may repeat;
  /// table::no_row gives an all-missing row with source line 0).
  /// \throws argument_error on a row out of range.
  [[nodiscard]] table select_rows(std::span<const std::size_t> rows) const;

 private:
  std::string source_;
  std::vector<column> columns_;
  std::vector<std::size_t> lines_;
  std::size_t rows_ = 0;
};

}  // namespace socialcure

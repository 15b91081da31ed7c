#pragma once
/// \file
/// \brief Aligned plain-text tables and number formatting for reports.

#include <string>
#include <vector>

namespace socialcure {

/// \brief Column alignment in a text_table.
enum class alignment { left, right };

/// \brief A plain-text table with a header row, aligned columns and a rule under the header.
class text_table {
 public:
  /// \param header     column titles
  /// \param alignments one per column; empty: first column left, the others right
  explicit text_table(std::vector<std::string> header, std::vector<alignment> alignments = {});

  /// \brief Appends a row. \throws argument_error when the cell count differs from the header's.
  void add_row(std::vector<std::string> cells);

  /// \brief The table as text, one line per row, each ending in '\n'.
  [[nodiscard]] std::string str() const;

 private:
  std::vector<std::string> header_;
  std::vector<alignment> alignments_;
  std::vector<std::vector<std::string>> rows_;
};

/// \brief `value` with `decimals` digits after the point; "NA" when missing, "Inf"/"-Inf" when
/// infinite.
[[nodiscard]] std::string format_fixed(double value, int decimals);

/// \brief `value` with `digits` significant digits (like R's print), "NA" when missing.
[[nodiscard]] std::string format_significant(double value, int digits);

/// \brief A p-value with 3 significant digits, "< 1e-16" below that (as R prints), "NA" when missing.
[[nodiscard]] std::string format_p(double p);

}  // namespace socialcure

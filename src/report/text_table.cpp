#include "socialcure/report/text_table.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

#include "socialcure/core/error.hpp"
#include "socialcure/core/missing.hpp"

namespace socialcure {

text_table::text_table(std::vector<std::string> header, std::vector<alignment> alignments)
    : header_(std::move(header)), alignments_(std::move(alignments)) {
  if (alignments_.empty()) {
    alignments_.assign(header_.size(), alignment::right);
    if (!alignments_.empty()) alignments_.front() = alignment::left;
  }
  if (alignments_.size() != header_.size()) {
    throw argument_error("text_table: " + std::to_string(alignments_.size()) + " alignments for " +
                         std::to_string(header_.size()) + " columns");
  }
}

void text_table::add_row(std::vector<std::string> cells) {
  if (cells.size() != header_.size()) {
    throw argument_error("text_table: a row of " + std::to_string(cells.size()) + " cells for " +
                         std::to_string(header_.size()) + " columns");
  }
  rows_.push_back(std::move(cells));
}

std::string text_table::str() const {
  std::vector<std::size_t> width(header_.size());
  for (std::size_t j = 0; j < header_.size(); ++j) {
    width[j] = header_[j].size();
    for (const auto& row : rows_) width[j] = std::max(width[j], row[j].size());
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t j = 0; j < cells.size(); ++j) {
      if (j > 0) out += "  ";
      const std::string pad(width[j] - cells[j].size(), ' ');
      out += alignments_[j] == alignment::left ? cells[j] + pad : pad + cells[j];
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::string out = line(header_);
  std::size_t total = 0;
  for (std::size_t w : width) total += w;
  out += std::string(total + 2 * (width.empty() ? 0 : width.size() - 1), '-') + "\n";
  for (const auto& row : rows_) out += line(row);
  return out;
}

namespace {
std::string non_finite(double value) {
  if (is_missing(value)) return "NA";
  return value > 0 ? "Inf" : "-Inf";
}
}  // namespace

std::string format_fixed(double value, int decimals) {
  if (!std::isfinite(value)) return non_finite(value);
  const int digits = std::clamp(decimals, 0, 17);
  std::string out(static_cast<std::size_t>(std::snprintf(nullptr, 0, "%.*f", digits, value)) + 1, '\0');
  std::snprintf(out.data(), out.size(), "%.*f", digits, value);
  out.pop_back();  // the terminating NUL
  if (out.find_first_not_of("-0.") == std::string::npos && out.front() == '-') out.erase(0, 1);  // no "-0.00"
  return out;
}

std::string format_significant(double value, int digits) {
  if (!std::isfinite(value)) return non_finite(value);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*g", std::clamp(digits, 1, 17), value);
  return buffer;
}

std::string format_p(double p) {
  if (is_missing(p)) return "NA";
  if (p < 1e-16) return "< 1e-16";
  return format_significant(p, 3);
}

}  // namespace socialcure

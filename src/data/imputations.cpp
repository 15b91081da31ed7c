#include "socialcure/data/imputations.hpp"

#include <cmath>
#include <map>

#include "socialcure/core/error.hpp"
#include "socialcure/core/missing.hpp"

namespace socialcure {

namespace {

location where(const table& t, std::string_view column, std::size_t row) {
  location l;
  l.file = t.source();
  l.line = t.source_line(row);
  l.column = std::string(column);
  return l;
}

// The imputation number of every row, checked to be a whole number >= 0.
std::vector<std::size_t> imputation_numbers(const table& t, std::string_view name) {
  const column& c = t.get(name);
  std::vector<std::size_t> out(t.rows());
  for (std::size_t row = 0; row < t.rows(); ++row) {
    if (c.is_missing(row)) {
      throw data_error(where(t, name, row), "the imputation number is missing", "", "0, 1, 2, ... (0: original data)");
    }
    if (!c.is_numeric()) {
      throw data_error(where(t, name, row), "the imputation number is not a number", c.entry_text(row),
                       "0, 1, 2, ... (0: original data)");
    }
    const double v = c.numbers()[row];
    if (!(v >= 0) || v != std::floor(v) || v > 1e9) {
      throw data_error(where(t, name, row), "the imputation number is not a whole number >= 0", c.entry_text(row),
                       "0, 1, 2, ... (0: original data)");
    }
    out[row] = static_cast<std::size_t>(v);
  }
  return out;
}

location file_only(const table& t, std::string_view column) {
  location l;
  l.file = t.source();
  l.column = std::string(column);
  return l;
}

// Imputations 1..m all present, m >= 2, equally many rows each.
void check_imputation_rows(const table& t, std::string_view name,
                           const std::map<std::size_t, std::vector<std::size_t>>& rows) {
  const std::size_t m = rows.empty() ? 0 : rows.rbegin()->first;
  if (rows.size() < 2) {
    throw data_error(file_only(t, name),
                     m == 0 ? "no imputed data (only imputation 0, the original data)"
                            : "a single imputation (" + std::to_string(m) + "): pooling needs at least 2");
  }
  if (rows.size() != m) {
    for (std::size_t k = 1; k <= m; ++k) {
      if (rows.count(k) == 0) {
        throw data_error(file_only(t, name), "imputation " + std::to_string(k) + " is absent although imputation " +
                                                 std::to_string(m) + " is present (numbers must run 1..m)");
      }
    }
  }
  const std::size_t n = rows.begin()->second.size();
  for (const auto& [k, r] : rows) {
    if (r.size() != n) {
      throw data_error(file_only(t, name), "imputation " + std::to_string(k) + " has " + std::to_string(r.size()) +
                                               " rows but imputation 1 has " + std::to_string(n) +
                                               " (first row of imputation " + std::to_string(k) + " at line " +
                                               std::to_string(t.source_line(r.front())) + ")");
    }
  }
}

}  // namespace

imputation_split split_imputations(const table& t, std::string_view column) {
  if (!t.has(column)) {
    throw argument_error("the imputation column '" + std::string(column) + "' is not in " + t.source());
  }
  const auto numbers = imputation_numbers(t, column);
  std::map<std::size_t, std::vector<std::size_t>> rows;
  std::size_t original = 0;
  for (std::size_t row = 0; row < numbers.size(); ++row) {
    if (numbers[row] == 0) {
      ++original;
    } else {
      rows[numbers[row]].push_back(row);
    }
  }
  check_imputation_rows(t, column, rows);
  imputation_split out;
  out.column = std::string(column);
  out.rows_per_imputation = rows.begin()->second.size();
  out.original_rows = original;
  for (const auto& [k, r] : rows) out.imputations.push_back(t.select_rows(r));
  if (original > 0) {
    out.notes.push_back(std::to_string(original) + " rows of imputation 0 (the original, incomplete data) left out");
  }
  return out;
}

}  // namespace socialcure

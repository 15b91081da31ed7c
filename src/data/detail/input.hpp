#pragma once
// Internal to the data layer: what the CSV and the SPSS/Stata readers share.

#include <algorithm>
#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include "socialcure/core/error.hpp"
#include "socialcure/core/number.hpp"
#include "socialcure/data/table.hpp"

namespace socialcure::detail {

/// Missing-value codes: texts, and the numbers among them (so "-99" also matches -99.0).
class missing_codes {
 public:
  explicit missing_codes(const std::vector<std::string>& codes) : codes_(codes) {
    for (const auto& code : codes) {
      const auto parsed = parse_number(code);
      if (parsed.status == number_status::ok) numbers_.push_back(parsed.value);
    }
  }
  [[nodiscard]] bool matches(const std::string& text) const {
    return std::find(codes_.begin(), codes_.end(), text) != codes_.end();
  }
  [[nodiscard]] bool matches(double value) const {
    return std::find(numbers_.begin(), numbers_.end(), value) != numbers_.end();
  }
  /// The codes quoted and comma-separated, for messages.
  [[nodiscard]] std::string describe() const {
    std::string out;
    for (const auto& code : codes_) out += (out.empty() ? "\"" : ", \"") + code + "\"";
    return out;
  }

 private:
  std::vector<std::string> codes_;
  std::vector<double> numbers_;
};

/// "<source>: no column named '<name>' (<role>; available: a, b, c)"; without a role (a column an
/// analysis asked for) worded as table::get words it: "(available: a, b, c)".
inline argument_error no_such_column(const std::string& source, const std::string& name, const std::string& role,
                                     const std::vector<std::string>& available) {
  std::string names;
  for (const auto& n : available) names += (names.empty() ? "" : ", ") + n;
  return argument_error(source + ": no column named '" + name + "' (" + (role.empty() ? "" : role + "; ") +
                        "available: " + names + ")");
}

/// Checks that every row of the text column `id_column` has an id that is not missing and not
/// repeated. Errors name `source`, the row's source line and, for a repeat, the first one
/// (`unit`: "line" in a text file, "row" in an SPSS/Stata file).
inline void check_respondent_ids(const table& data, const std::string& id_column, const std::string& source,
                                 const std::string& unit) {
  const column& ids = data.get(id_column);
  std::unordered_map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < data.rows(); ++i) {
    if (ids.is_missing(i)) {
      throw data_error({source, data.source_line(i), id_column, {}, {}}, "respondent id is missing", ids.strings()[i],
                       "a non-empty id that is not a missing code");
    }
    const auto [it, inserted] = seen.emplace(ids.strings()[i], i);
    if (!inserted) {
      throw data_error({source, data.source_line(i), id_column, ids.strings()[i], {}},
                       "duplicate respondent id (first on " + unit + " " + std::to_string(data.source_line(it->second)) +
                           ")",
                       ids.strings()[i], "one row per respondent");
    }
  }
}

}  // namespace socialcure::detail

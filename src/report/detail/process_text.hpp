#pragma once
/// \file
/// \brief Internal: pieces of the PROCESS-style text output shared by the mediation and the
/// moderation reports.

#include <cstddef>
#include <string>
#include <vector>

#include "socialcure/analyses/probing.hpp"
#include "socialcure/report/text_table.hpp"

namespace socialcure::detail {

/// \brief The line of asterisks between PROCESS's output sections.
inline constexpr const char* process_rule =
    "**************************************************************************\n";

/// \brief A value with four decimals, as PROCESS prints coefficients.
inline std::string f4(double v) { return format_fixed(v, 4); }

/// \brief How the moderator values of the conditional tables were chosen, e.g. "the mean and +/- 1 SD".
inline std::string probe_rule_text(probe_method method, bool dichotomous) {
  if (dichotomous) return "its two values (dichotomous)";
  switch (method) {
    case probe_method::percentiles: return "the 16th, 50th and 84th percentiles";
    case probe_method::mean_sd: return "the mean and +/- 1 SD";
    case probe_method::values: return "the values given";
  }
  return "";
}

/// \brief The notes line on centring: none, or each centred variable with the mean subtracted.
inline std::string centring_text(centering rule, const std::vector<std::string>& centred, const std::vector<double>& means) {
  if (centred.empty()) return "No variables were mean centred prior to analysis.\n";
  std::string out = "Variables mean centred prior to analysis (" + std::string(to_string(rule)) + "):";
  for (std::size_t k = 0; k < centred.size() && k < means.size(); ++k) {
    out += " " + centred[k] + " (mean " + f4(means[k]) + ")";
  }
  return out + "\n";
}

}  // namespace socialcure::detail

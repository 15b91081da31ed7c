#pragma once
/// \file
/// \brief Internal: pieces of the PROCESS-style text output shared by the mediation and the
/// moderation reports.

#include <cstddef>
#include <sstream>
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

/// \brief The Johnson-Neyman block in PROCESS's words: the transition points with the percentages of
/// the moderator below and above each, then the effect at values across the observed range. `what`
/// names the effect probed, e.g. "effect" (of X), "X*W interaction", "direct effect of X on Y".
inline void johnson_neyman_text(std::ostringstream& out, const johnson_neyman_result& jn, const std::string& moderator,
                                const std::string& what) {
  out << "\nModerator value(s) defining Johnson-Neyman significance region(s) (" << moderator
      << (what == "effect" ? "" : ", for the conditional " + what) << "):\n";
  if (jn.points.empty()) {
    out << " There are no statistical significance transition points within the observed range of the moderator.\n";
  } else {
    text_table p({"Value", "% below", "% above"}, std::vector<alignment>(3, alignment::right));
    for (const auto& pt : jn.points) p.add_row({f4(pt.value), f4(pt.percent_below), f4(pt.percent_above)});
    out << p.str();
  }
  out << " (" << jn.summary << "; critical t " << f4(jn.critical_value) << ")\n";
  out << "\nConditional " << what << " at values of the moderator:\n";
  text_table t({moderator, "Effect", "se", "t", "p", "LLCI", "ULCI"}, std::vector<alignment>(7, alignment::right));
  for (const auto& e : jn.region) {
    t.add_row({f4(e.w), f4(e.effect), f4(e.se), f4(e.t), f4(e.p), f4(e.ci_lower), f4(e.ci_upper)});
  }
  out << t.str();
}

}  // namespace socialcure::detail

#include "socialcure/report/attrition_report.hpp"

#include <sstream>

#include <nlohmann/json.hpp>

#include "report/detail/json_number.hpp"
#include "report/detail/json_values.hpp"
#include "socialcure/core/number.hpp"
#include "socialcure/report/text_table.hpp"

namespace socialcure {

namespace {
using json = nlohmann::ordered_json;
using detail::json_number;

std::string count_and_share(std::size_t count, std::size_t total) {
  return std::to_string(count) + " (" + format_fixed(total > 0 ? 100.0 * static_cast<double>(count) / static_cast<double>(total) : missing_value, 1) + "%)";
}
}  // namespace

std::string attrition_text(const attrition_result& r) {
  std::ostringstream out;
  out << "Attrition: " << r.n_completed << " completed, " << r.n_dropped << " dropped out of " << r.n_rows << " rows ("
      << (r.rule == completion_rule::kind::flag ? "flag " : "value present in ") << r.completion_column << ")";
  if (r.n_status_missing > 0) out << "; " << r.n_status_missing << " rows with an unknown status excluded";
  out << "\n\n";
  text_table numeric({"variable", "n (c/d)", "completed M (SD)", "dropped M (SD)", "diff", "Welch t", "df", "p", "SMD"});
  bool any_numeric = false;
  for (const auto& v : r.variables) {
    if (v.categorical) continue;
    any_numeric = true;
    numeric.add_row({v.variable, std::to_string(v.n_completed) + "/" + std::to_string(v.n_dropped),
                     format_fixed(v.mean_completed, 3) + " (" + format_fixed(v.sd_completed, 3) + ")",
                     format_fixed(v.mean_dropped, 3) + " (" + format_fixed(v.sd_dropped, 3) + ")",
                     format_fixed(v.mean_diff, 3), format_fixed(v.t, 3), format_fixed(v.df, 1), format_p(v.p),
                     format_fixed(v.smd, 3)});
  }
  if (any_numeric) out << numeric.str();
  for (const auto& v : r.variables) {
    if (!v.categorical) continue;
    out << "\n" << v.variable << ": chi2(" << format_number(v.df) << ") = " << format_fixed(v.chi2, 3)
        << (v.yates_corrected ? " (Yates-corrected)" : "") << ", p = " << format_p(v.p)
        << ", Cramer's V = " << format_fixed(v.cramers_v, 3) << ", SMD = " << format_fixed(v.smd, 3) << "\n";
    text_table levels({"level", "completed", "dropped"});
    for (const auto& l : v.levels) {
      levels.add_row({l.level, count_and_share(l.completed, v.n_completed), count_and_share(l.dropped, v.n_dropped)});
    }
    out << levels.str();
  }
  bool header = false;
  for (const auto& v : r.variables) {
    if (v.n_missing == 0 && v.warning.empty()) continue;
    if (!header) out << "\nNotes:\n";
    header = true;
    out << "  " << v.variable << ":";
    if (v.n_missing > 0) out << " " << v.n_missing << " rows without a value excluded.";
    if (!v.warning.empty()) out << " " << v.warning << ".";
    out << "\n";
  }
  return out.str();
}

detail::json_value detail::attrition_json_value(const attrition_result& r) {
  json j;
  j["schema"] = "socialcure.attrition/1";
  j["completion_column"] = r.completion_column;
  j["rule"] = r.rule == completion_rule::kind::flag ? "flag" : "present";
  j["level"] = r.level;
  j["n_rows"] = r.n_rows;
  j["n_completed"] = r.n_completed;
  j["n_dropped"] = r.n_dropped;
  j["n_status_missing"] = r.n_status_missing;
  json vars = json::array();
  for (const auto& v : r.variables) {
    json x;
    x["variable"] = v.variable;
    x["type"] = v.categorical ? "categorical" : "numeric";
    x["n_completed"] = v.n_completed;
    x["n_dropped"] = v.n_dropped;
    x["n_missing"] = v.n_missing;
    if (v.categorical) {
      json levels = json::array();
      for (const auto& l : v.levels) levels.push_back({{"level", l.level}, {"completed", l.completed}, {"dropped", l.dropped}});
      x["levels"] = std::move(levels);
      x["test"] = "chi_square";
      x["chi2"] = json_number(v.chi2);
      x["yates_corrected"] = v.yates_corrected;
      x["df"] = json_number(v.df);
      x["p"] = json_number(v.p);
      x["chi2_uncorrected"] = json_number(v.chi2_uncorrected);
      x["p_uncorrected"] = json_number(v.p_uncorrected);
      x["cramers_v"] = json_number(v.cramers_v);
      x["min_expected"] = json_number(v.min_expected);
    } else {
      x["mean_completed"] = json_number(v.mean_completed);
      x["sd_completed"] = json_number(v.sd_completed);
      x["mean_dropped"] = json_number(v.mean_dropped);
      x["sd_dropped"] = json_number(v.sd_dropped);
      x["mean_diff"] = json_number(v.mean_diff);
      x["test"] = "welch_t";
      x["t"] = json_number(v.t);
      x["df"] = json_number(v.df);
      x["p"] = json_number(v.p);
      x["ci_lower"] = json_number(v.ci_lower);
      x["ci_upper"] = json_number(v.ci_upper);
    }
    x["smd"] = json_number(v.smd);
    x["warning"] = v.warning;
    vars.push_back(std::move(x));
  }
  j["variables"] = std::move(vars);
  return j;
}

std::string attrition_json(const attrition_result& r) {
  return detail::dump_json(detail::attrition_json_value(r));
}

}  // namespace socialcure

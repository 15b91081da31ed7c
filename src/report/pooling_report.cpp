#include "socialcure/report/pooling_report.hpp"

#include "report/detail/json_number.hpp"
#include "report/detail/json_values.hpp"
#include "report/detail/pooled_values.hpp"
#include "socialcure/core/number.hpp"

namespace socialcure {

namespace {

const char* const d_z_variance = "1/n + d_z^2 / (2n) in each imputation (large-sample variance of d_z)";

}  // namespace

std::string change_text(const pooled_change& r) {
  std::string out = "Change from " + r.pre + " to " + r.post + ", pooled over " + std::to_string(r.pooled.m) +
                    " imputations (column '" + r.imputation_column + "') by Rubin's rules\n";
  out += std::to_string(r.n) + " pairs in each imputation";
  if (r.n_excluded > 0) out += " (" + std::to_string(r.n_excluded) + " excluded: missing pre or post)";
  out += "; t tests on Barnard-Rubin df (complete-data df " + format_number(r.pooled.df_complete) + ")\n\n";
  out += detail::pooled_table(r.pooled);
  out += "\nmean_change: post - pre, within variance s_D^2 / n;\n"
         "d_z: mean change / SD of the change, within variance " +
         std::string(d_z_variance) + ".\n" + detail::pooling_legend();
  for (const auto& n : r.notes) out += "Note: " + n + ".\n";
  return out;
}

std::string change_json(const pooled_change& r) {
  nlohmann::ordered_json j;
  j["schema"] = "socialcure.change_pooled/1";
  j["pre"] = r.pre;
  j["post"] = r.post;
  j["n"] = r.n;
  j["n_excluded"] = r.n_excluded;
  j["level"] = r.pooled.level;
  j["missing_method"] = "mi";
  j["imputations"] = r.pooled.m;
  j["imputation_column"] = r.imputation_column;
  j["pooling_rule"] = r.pooled.rule;
  j["df_complete"] = detail::json_number(r.pooled.df_complete);
  for (const auto& e : r.pooled.estimates) {
    auto value = detail::pooled_estimate_json(e);
    detail::add_pooling_json(value, e);
    j[e.term] = std::move(value);
  }
  j["d_z_variance"] = d_z_variance;
  j["notes"] = r.notes;
  return detail::dump_json(j);
}

}  // namespace socialcure

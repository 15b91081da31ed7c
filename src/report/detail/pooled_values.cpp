#include "report/detail/pooled_values.hpp"

#include <cmath>

#include "report/detail/json_number.hpp"
#include "socialcure/core/number.hpp"
#include "socialcure/report/text_table.hpp"

namespace socialcure::detail {

std::string pooled_table(const pooling_result& pooled, const char* exp_label) {
  std::vector<std::string> header = {"term", "estimate", "se", "t", "df", "p",
                                     "CI " + format_significant(100.0 * pooled.level, 4) + "% lower", "upper",
                                     "fmi", "riv", "lambda"};
  if (exp_label != nullptr) header.insert(header.end(), {exp_label, "lower", "upper"});
  text_table t(header);
  for (const auto& e : pooled.estimates) {
    std::vector<std::string> row = {e.term, format_significant(e.estimate, 6), format_significant(e.se, 6),
                                    format_fixed(e.statistic, 3), format_significant(e.df, 4), format_p(e.p),
                                    format_significant(e.ci_lower, 6), format_significant(e.ci_upper, 6),
                                    format_fixed(e.fmi, 3), format_fixed(e.riv, 3), format_fixed(e.lambda, 3)};
    if (exp_label != nullptr) {
      row.insert(row.end(), {format_significant(std::exp(e.estimate), 6), format_significant(std::exp(e.ci_lower), 6),
                             format_significant(std::exp(e.ci_upper), 6)});
    }
    t.add_row(row);
  }
  return t.str();
}

nlohmann::ordered_json pooled_estimate_json(const pooled_estimate& e) {
  nlohmann::ordered_json j;
  j["estimate"] = json_number(e.estimate);
  j["se"] = json_number(e.se);
  j["statistic"] = json_number(e.statistic);
  j["statistic_type"] = "t";
  j["df"] = json_number(e.df);
  j["p"] = json_number(e.p);
  j["ci_lower"] = json_number(e.ci_lower);
  j["ci_upper"] = json_number(e.ci_upper);
  return j;
}

void add_pooling_json(nlohmann::ordered_json& j, const pooled_estimate& e) {
  j["fmi"] = json_number(e.fmi);
  j["riv"] = json_number(e.riv);
  j["lambda"] = json_number(e.lambda);
  j["within"] = json_number(e.within);
  j["between"] = json_number(e.between);
}

std::string pooling_legend() {
  return "fmi: fraction of missing information; riv: relative increase in variance due to missingness;\n"
         "lambda: proportion of the total variance due to missingness.\n";
}

}  // namespace socialcure::detail

#include "socialcure/report/describe_report.hpp"

#include <nlohmann/json.hpp>

#include "report/detail/json_number.hpp"
#include "report/detail/json_values.hpp"
#include "socialcure/core/number.hpp"
#include "socialcure/report/text_table.hpp"

namespace socialcure {

std::string describe_text(const table_summary& summary) {
  text_table t({"column", "type", "n", "missing", "min", "max", "mean", "sd"},
               {alignment::left, alignment::left, alignment::right, alignment::right, alignment::right,
                alignment::right, alignment::right, alignment::right});
  for (const auto& c : summary.columns) {
    const bool numeric = c.type == column_type::numeric;
    auto number = [&](double v) { return numeric ? format_significant(v, 6) : std::string(); };
    t.add_row({c.name, numeric ? "numeric" : "text (" + std::to_string(c.distinct) + " distinct)", std::to_string(c.n),
               std::to_string(c.n_missing), number(c.min), number(c.max), number(c.mean), number(c.sd)});
  }
  std::string out = summary.source + ": " + std::to_string(summary.rows) + " rows, " +
                    std::to_string(summary.columns.size()) + " columns\n\n" + t.str();
  if (!summary.value_labels.empty()) {
    out += "\nValue labels\n";
    for (const auto& c : summary.value_labels) {
      for (const auto& vl : c.labels) out += "  " + c.name + ": " + format_number(vl.value) + " = " + vl.label + "\n";
    }
  }
  return out;
}

detail::json_value detail::describe_json_value(const table_summary& summary) {
  nlohmann::ordered_json columns = nlohmann::ordered_json::array();
  for (const auto& c : summary.columns) {
    const bool numeric = c.type == column_type::numeric;
    nlohmann::ordered_json j;
    j["name"] = c.name;
    j["type"] = std::string(to_string(c.type));
    j["n"] = c.n;
    j["n_missing"] = c.n_missing;
    j["min"] = detail::json_number(c.min);
    j["max"] = detail::json_number(c.max);
    j["mean"] = detail::json_number(c.mean);
    j["sd"] = detail::json_number(c.sd);
    j["distinct"] = numeric ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(c.distinct);
    columns.push_back(std::move(j));
  }
  nlohmann::ordered_json out;
  out["schema"] = "socialcure.describe/1";
  out["source"] = summary.source;
  out["rows"] = summary.rows;
  out["columns"] = std::move(columns);
  nlohmann::ordered_json labels = nlohmann::ordered_json::object();
  for (const auto& c : summary.value_labels) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& vl : c.labels) list.push_back({{"value", detail::json_number(vl.value)}, {"label", vl.label}});
    labels[c.name] = std::move(list);
  }
  out["value_labels"] = std::move(labels);
  return out;
}

std::string describe_json(const table_summary& summary) {
  return detail::dump_json(detail::describe_json_value(summary));
}

}  // namespace socialcure

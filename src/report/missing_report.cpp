#include "socialcure/report/missing_report.hpp"

#include <sstream>

#include <nlohmann/json.hpp>

#include "report/detail/json_number.hpp"
#include "socialcure/core/number.hpp"
#include "socialcure/report/text_table.hpp"

namespace socialcure {

namespace {
using json = nlohmann::ordered_json;
using detail::json_number;
using Eigen::Index;

std::string pattern_text(const missingness_description& d) {
  std::vector<std::string> header{"count"};
  header.insert(header.end(), d.pattern_columns.begin(), d.pattern_columns.end());
  header.push_back("n missing");
  text_table patterns(header);
  for (const auto& p : d.patterns) {
    std::vector<std::string> row{std::to_string(p.count)};
    for (const bool o : p.observed) row.push_back(o ? "1" : "0");
    row.push_back(std::to_string(p.n_missing));
    patterns.add_row(row);
  }
  std::vector<std::string> totals{"missing"};
  for (const std::size_t m : d.missing_per_column) totals.push_back(std::to_string(m));
  totals.push_back(std::to_string(d.total_missing));
  patterns.add_row(totals);
  return patterns.str();
}

std::string moments_text(const em_result& em) {
  std::vector<std::string> header{"variable", "mean"};
  header.insert(header.end(), em.variables.begin(), em.variables.end());
  text_table t(header);
  for (std::size_t j = 0; j < em.variables.size(); ++j) {
    std::vector<std::string> row{em.variables[j], format_fixed(em.means(static_cast<Index>(j)), 4)};
    for (std::size_t k = 0; k < em.variables.size(); ++k) {
      row.push_back(format_fixed(em.covariance(static_cast<Index>(j), static_cast<Index>(k)), 4));
    }
    t.add_row(row);
  }
  return t.str();
}
}  // namespace

std::string missing_text(const missing_data_report& r) {
  const auto& d = r.description;
  std::ostringstream out;
  out << "Missing data: " << d.n_rows << " rows, " << d.n_complete << " complete on all " << d.variables.size()
      << " variables\n\n";
  text_table vars({"variable", "observed", "missing", "% missing"});
  for (const auto& v : d.per_variable) {
    vars.add_row({v.variable, std::to_string(v.n_observed), std::to_string(v.n_missing), format_fixed(v.percent_missing, 1)});
  }
  out << vars.str() << "\nPatterns (1 = observed, 0 = missing; as mice::md.pattern orders them):\n"
      << pattern_text(d);
  const auto& em = r.em;
  out << "\nEM means and covariances (maximum likelihood, divisor n) from " << em.n_used << " rows";
  if (em.n_dropped_empty > 0) out << " (" << em.n_dropped_empty << " rows with nothing observed dropped)";
  out << ":\n" << moments_text(em);
  out << (em.converged ? "converged" : "NOT converged") << " in " << em.iterations << " iterations (largest change "
      << format_significant(em.max_change, 3) << ", tolerance " << format_number(em.tolerance) << "); log-likelihood "
      << format_fixed(em.loglik, 4) << "\n";
  if (!em.message.empty()) out << "Warning: " << em.message << "\n";
  out << "\nLittle's MCAR test: chi2(" << format_number(r.little.df) << ") = " << format_fixed(r.little.chi_square, 3)
      << ", p = " << format_p(r.little.p) << " (" << r.little.n_patterns << " patterns)\n";
  return out.str();
}

std::string missing_json(const missing_data_report& r) {
  const auto& d = r.description;
  json j;
  j["schema"] = "socialcure.missing/1";
  j["source"] = r.source;
  j["n_rows"] = d.n_rows;
  json vars = json::array();
  for (const auto& v : d.per_variable) {
    vars.push_back({{"variable", v.variable}, {"n_observed", v.n_observed}, {"n_missing", v.n_missing},
                    {"percent_missing", json_number(v.percent_missing)}});
  }
  j["variables"] = std::move(vars);
  json rows = json::array();
  for (const auto& p : d.patterns) {
    json observed = json::array();
    for (const bool o : p.observed) observed.push_back(o ? 1 : 0);
    rows.push_back({{"observed", std::move(observed)}, {"count", p.count}, {"n_missing", p.n_missing}});
  }
  j["patterns"] = {{"columns", d.pattern_columns}, {"rows", std::move(rows)},
                   {"missing_per_column", d.missing_per_column}, {"total_missing", d.total_missing},
                   {"n_complete", d.n_complete}};
  const auto& em = r.em;
  json means = json::array();
  json cov = json::array();
  for (Index a = 0; a < em.means.size(); ++a) {
    means.push_back(json_number(em.means(a)));
    json row = json::array();
    for (Index b = 0; b < em.means.size(); ++b) row.push_back(json_number(em.covariance(a, b)));
    cov.push_back(std::move(row));
  }
  j["em"] = {{"variables", em.variables},       {"means", std::move(means)},
             {"covariance", std::move(cov)},    {"iterations", em.iterations},
             {"converged", em.converged},       {"max_change", json_number(em.max_change)},
             {"tolerance", em.tolerance},       {"loglik", json_number(em.loglik)},
             {"n_used", em.n_used},             {"n_dropped_empty", em.n_dropped_empty},
             {"message", em.message}};
  j["little_mcar"] = {{"chi_square", json_number(r.little.chi_square)}, {"df", json_number(r.little.df)},
                      {"p", json_number(r.little.p)}, {"n_patterns", r.little.n_patterns}};
  return detail::dump_json(j);
}

}  // namespace socialcure

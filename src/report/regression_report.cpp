#include "socialcure/report/regression_report.hpp"

#include <cmath>

#include <nlohmann/json.hpp>

#include "report/detail/json_number.hpp"
#include "report/detail/json_values.hpp"
#include "report/detail/pooled_values.hpp"
#include "socialcure/core/number.hpp"
#include "socialcure/report/text_table.hpp"

namespace socialcure {

namespace {

using json = nlohmann::ordered_json;
using detail::json_number;

std::string level_percent(double level) { return format_significant(100.0 * level, 4) + "%"; }

std::string exclusion_line(std::size_t n, std::size_t excluded, const std::vector<missing_count>& missing) {
  std::string line = "n = " + std::to_string(n) + " (" + std::to_string(excluded) + " excluded listwise";
  if (!missing.empty()) {
    line += ": missing";
    for (std::size_t k = 0; k < missing.size(); ++k) {
      line += (k == 0 ? " " : ", ") + missing[k].column + " " + std::to_string(missing[k].rows);
    }
  }
  return line + ")";
}

// The coefficient table; `exp` adds the exponentiated columns with their label, `with_df` the df
// of each t test (cluster-robust fits, whose df may differ between coefficients).
std::string coefficient_table(const std::vector<coefficient>& coefficients, const char* statistic, double level,
                              const char* exp_label, bool with_df = false) {
  std::vector<std::string> header = {"term", "estimate", "se", statistic, "p",
                                     "CI " + level_percent(level) + " lower", "upper"};
  if (with_df) header.insert(header.begin() + 4, "df");
  if (exp_label != nullptr) {
    header.insert(header.end(), {exp_label, "lower", "upper"});
  }
  text_table t(header);
  for (const auto& c : coefficients) {
    if (c.aliased) {
      std::vector<std::string> row(header.size(), "");
      row[0] = c.term;
      row[1] = "(aliased)";
      t.add_row(row);
      continue;
    }
    std::vector<std::string> row = {c.term,
                                    format_significant(c.estimate, 6),
                                    format_significant(c.se, 6),
                                    format_fixed(c.statistic, 3),
                                    format_p(c.p),
                                    format_significant(c.ci_lower, 6),
                                    format_significant(c.ci_upper, 6)};
    if (with_df) row.insert(row.begin() + 4, format_significant(c.df, 4));
    if (exp_label != nullptr) {
      row.insert(row.end(), {format_significant(c.exp_estimate, 6), format_significant(c.exp_ci_lower, 6),
                             format_significant(c.exp_ci_upper, 6)});
    }
    t.add_row(row);
  }
  return t.str();
}

std::string notes_text(const std::vector<std::string>& aliased, const std::vector<std::string>& notes) {
  std::string out;
  for (const auto& a : aliased) out += "Note: '" + a + "' was dropped as a linear combination of other terms.\n";
  for (const auto& n : notes) out += "Note: " + n + ".\n";
  return out;
}

// The clustering in words: "cr1, clustered by 'practice' (40 clusters), t tests on 39 df".
std::string clustering_text(const cluster_info& c) {
  return std::string(to_string(c.type)) + ", clustered by '" + c.column + "' (" + std::to_string(c.clusters) +
         " clusters), t tests on " +
         (c.type == cluster_se_type::cr1 ? std::to_string(c.clusters - 1) + " df" : "Satterthwaite df");
}

void add_clustering_json(json& j, const std::optional<cluster_info>& c, const std::string& unclustered) {
  j["covariance"] = c ? std::string(to_string(c->type)) : unclustered;
  j["cluster"] = c ? json(c->column) : json(nullptr);
  j["clusters"] = c ? json(c->clusters) : json(nullptr);
}

// `statistic_type`: "t" (OLS, and GLMs with cluster-robust SEs) or "z".
json coefficients_json(const std::vector<coefficient>& coefficients, bool ols, bool exp, const char* statistic_type) {
  json list = json::array();
  for (const auto& c : coefficients) {
    json j;
    j["term"] = c.term;
    j["estimate"] = json_number(c.estimate);
    j["se"] = json_number(c.se);
    j["statistic"] = json_number(c.statistic);
    j["statistic_type"] = statistic_type;
    j["df"] = json_number(c.df);
    j["p"] = json_number(c.p);
    j["ci_lower"] = json_number(c.ci_lower);
    j["ci_upper"] = json_number(c.ci_upper);
    j["aliased"] = c.aliased;
    if (ols) {
      j["std_estimate"] = json_number(c.std_estimate);
      j["vif"] = json_number(c.vif);
    }
    if (exp) {
      j["exp_estimate"] = json_number(c.exp_estimate);
      j["exp_ci_lower"] = json_number(c.exp_ci_lower);
      j["exp_ci_upper"] = json_number(c.exp_ci_upper);
    }
    list.push_back(std::move(j));
  }
  return list;
}

json header_json(const std::string& response, std::size_t n, std::size_t excluded,
                 const std::vector<missing_count>& missing) {
  json j;
  j["schema"] = "socialcure.regression/1";
  j["response"] = response;
  j["n"] = n;
  j["n_excluded"] = excluded;
  json m = json::object();
  for (const auto& c : missing) m[c.column] = c.rows;
  j["missing_by_column"] = std::move(m);
  return j;
}

json pooled_coefficients_json(const pooled_regression& fit) {
  json list = json::array();
  for (const auto& e : fit.pooled.estimates) {
    json j;
    j["term"] = e.term;
    j.update(detail::pooled_estimate_json(e));
    j["aliased"] = false;
    if (fit.family == "gaussian") {
      j["std_estimate"] = nullptr;
      j["vif"] = nullptr;
    }
    if (fit.exponentiate) {
      j["exp_estimate"] = json_number(std::exp(e.estimate));
      j["exp_ci_lower"] = json_number(std::exp(e.ci_lower));
      j["exp_ci_upper"] = json_number(std::exp(e.ci_upper));
    }
    detail::add_pooling_json(j, e);
    list.push_back(std::move(j));
  }
  return list;
}

bool probit(const glm_result& fit) { return fit.family == glm_family::binomial && fit.link == glm_link::probit; }

}  // namespace

std::string regression_text(const ols_result& fit) {
  std::string out = "Linear regression (OLS) of " + fit.response + "\n";
  out += exclusion_line(fit.n, fit.n_excluded, fit.missing_by_column) + "; standard errors: " +
         (fit.cluster ? clustering_text(*fit.cluster) : std::string(to_string(fit.se))) + "\n\n";
  out += coefficient_table(fit.coefficients, "t", fit.level, nullptr, fit.cluster.has_value());
  out += "\nResidual standard error: " + format_significant(fit.sigma, 6) + " on " +
         format_number(fit.df_residual) + " degrees of freedom\n";
  out += "R-squared: " + format_significant(fit.r_squared, 6) +
         ", adjusted R-squared: " + format_significant(fit.adj_r_squared, 6) + "\n";
  out += "F-statistic: " + format_significant(fit.f_statistic, 6) + " on " + format_number(fit.f_df1) + " and " +
         format_number(fit.f_df2) + " DF, p-value: " + format_p(fit.f_p) + "\n";
  if (!is_missing(fit.wald_f)) {
    const std::string type(fit.cluster ? to_string(fit.cluster->type) : to_string(fit.se));
    out += "Wald F (" + type + "): " + format_significant(fit.wald_f, 6) + " on " + format_number(fit.wald_f_df1) +
           " and " + format_number(fit.wald_f_df2) + " DF, p-value: " + format_p(fit.wald_f_p) + "\n";
  }
  return out + notes_text(fit.aliased_terms, fit.notes);
}

std::string regression_text(const glm_result& fit) {
  const char* names[] = {"Logistic regression (binomial, logit link)", "Poisson regression (log link)",
                         "Negative binomial regression (NB2, log link)"};
  std::string out = std::string(probit(fit) ? "Probit regression (binomial, probit link)" : names[static_cast<int>(fit.family)]) +
                    " of " + fit.response +
                    (fit.has_offset ? " (with offset)" : "") + "\n";
  out += exclusion_line(fit.n, fit.n_excluded, fit.missing_by_column) +
         (fit.cluster ? "; cluster-robust standard errors: " + clustering_text(*fit.cluster)
                      : std::string("; Wald z tests and intervals")) +
         "\n\n";
  out += coefficient_table(fit.coefficients, fit.cluster ? "t" : "z", fit.level,
                           probit(fit) ? nullptr : fit.family == glm_family::binomial ? "odds ratio" : "rate ratio",
                           fit.cluster.has_value());
  out += "\nDeviance: " + format_significant(fit.deviance, 7) + " on " + format_number(fit.df_residual) +
         " DF (null: " + format_significant(fit.null_deviance, 7) + " on " + format_number(fit.df_null) + " DF)\n";
  out += "Log-likelihood: " + format_significant(fit.loglik, 7) + ", AIC: " + format_significant(fit.aic, 7) + "\n";
  if (fit.family == glm_family::negative_binomial) {
    out += "theta: " + format_significant(fit.theta, 6) + " (SE " + format_significant(fit.se_theta, 6) +
           "); Var(y) = mu + mu^2/theta\n";
  }
  return out + notes_text(fit.aliased_terms, fit.notes);
}

detail::json_value detail::regression_json_value(const ols_result& fit) {
  json j = header_json(fit.response, fit.n, fit.n_excluded, fit.missing_by_column);
  j["family"] = "gaussian";
  j["link"] = "identity";
  j["se_type"] = fit.cluster ? std::string(to_string(fit.cluster->type)) : std::string(to_string(fit.se));
  add_clustering_json(j, fit.cluster, std::string(to_string(fit.se)));
  j["level"] = fit.level;
  j["coefficients"] = coefficients_json(fit.coefficients, true, false, "t");
  j["aliased_terms"] = fit.aliased_terms;
  j["r_squared"] = json_number(fit.r_squared);
  j["adj_r_squared"] = json_number(fit.adj_r_squared);
  j["sigma"] = json_number(fit.sigma);
  j["df_residual"] = json_number(fit.df_residual);
  j["f_statistic"] = json_number(fit.f_statistic);
  j["f_df1"] = json_number(fit.f_df1);
  j["f_df2"] = json_number(fit.f_df2);
  j["f_p"] = json_number(fit.f_p);
  j["wald_f"] = json_number(fit.wald_f);
  j["wald_f_p"] = json_number(fit.wald_f_p);
  j["wald_f_df1"] = json_number(fit.wald_f_df1);
  j["wald_f_df2"] = json_number(fit.wald_f_df2);
  j["notes"] = fit.notes;
  return j;
}

std::string regression_json(const ols_result& fit) {
  return detail::dump_json(detail::regression_json_value(fit));
}

detail::json_value detail::regression_json_value(const glm_result& fit) {
  json j = header_json(fit.response, fit.n, fit.n_excluded, fit.missing_by_column);
  j["family"] = std::string(to_string(fit.family));
  j["link"] = std::string(link_name(fit.family, fit.link));
  j["se_type"] = fit.cluster ? std::string(to_string(fit.cluster->type)) : "classical";
  add_clustering_json(j, fit.cluster, "classical");
  j["level"] = fit.level;
  j["coefficients"] = coefficients_json(fit.coefficients, false, !probit(fit), fit.cluster ? "t" : "z");
  j["aliased_terms"] = fit.aliased_terms;
  j["deviance"] = json_number(fit.deviance);
  j["null_deviance"] = json_number(fit.null_deviance);
  j["df_residual"] = json_number(fit.df_residual);
  j["df_null"] = json_number(fit.df_null);
  j["aic"] = json_number(fit.aic);
  j["loglik"] = json_number(fit.loglik);
  j["pearson_chi2"] = json_number(fit.pearson_chi2);
  j["iterations"] = fit.iterations;
  j["theta"] = json_number(fit.theta);
  j["se_theta"] = json_number(fit.se_theta);
  j["notes"] = fit.notes;
  return j;
}

std::string regression_json(const glm_result& fit) {
  return detail::dump_json(detail::regression_json_value(fit));
}

std::string regression_text(const pooled_regression& fit) {
  const std::string model = fit.family == "gaussian" ? "Linear regression (OLS)"
                                                      : std::string("GLM (") + fit.family + ", " + fit.link + " link)";
  std::string out = model + " of " + fit.response + ", pooled over " + std::to_string(fit.pooled.m) +
                    " imputations (column '" + fit.imputation_column + "') by Rubin's rules\n";
  out += exclusion_line(fit.n, fit.n_excluded, fit.missing_by_column) + " in each imputation; standard errors: " +
         fit.se_type + " within imputations; t tests on Barnard-Rubin df (complete-data df " +
         format_number(fit.pooled.df_complete) + ")\n\n";
  const char* exp_label = fit.family == "binomial" ? "odds ratio" : "rate ratio";
  out += detail::pooled_table(fit.pooled, fit.exponentiate ? exp_label : nullptr);
  out += "\n" + detail::pooling_legend();
  return out + notes_text(fit.aliased_terms, fit.notes);
}

std::string regression_json(const pooled_regression& fit) {
  json j = header_json(fit.response, fit.n, fit.n_excluded, fit.missing_by_column);
  j["family"] = fit.family;
  j["link"] = fit.link;
  j["se_type"] = fit.se_type;
  j["covariance"] = fit.se_type;
  j["cluster"] = nullptr;
  j["clusters"] = nullptr;
  j["level"] = fit.pooled.level;
  j["missing_method"] = "mi";
  j["imputations"] = fit.pooled.m;
  j["imputation_column"] = fit.imputation_column;
  j["pooling_rule"] = fit.pooled.rule;
  j["df_complete"] = json_number(fit.pooled.df_complete);
  j["coefficients"] = pooled_coefficients_json(fit);
  j["aliased_terms"] = fit.aliased_terms;
  const char* gaussian[] = {"r_squared", "adj_r_squared", "sigma", "f_statistic", "f_df1", "f_df2", "f_p",
                            "wald_f", "wald_f_p", "wald_f_df1", "wald_f_df2"};
  const char* glm[] = {"deviance", "null_deviance", "df_null", "aic", "loglik", "pearson_chi2", "iterations",
                       "theta", "se_theta"};
  j["df_residual"] = json_number(fit.pooled.df_complete);
  if (fit.family == "gaussian") {
    for (const char* key : gaussian) j[key] = nullptr;
  } else {
    for (const char* key : glm) j[key] = nullptr;
  }
  j["notes"] = fit.notes;
  return detail::dump_json(j);
}

}  // namespace socialcure

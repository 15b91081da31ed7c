#include "socialcure/report/mediation_report.hpp"

#include <sstream>

#include <nlohmann/json.hpp>

#include "report/detail/json_number.hpp"
#include "report/detail/json_values.hpp"
#include "report/detail/process_text.hpp"
#include "socialcure/core/number.hpp"
#include "socialcure/report/text_table.hpp"

namespace socialcure {

namespace {

using json = nlohmann::ordered_json;
using detail::json_number;

using detail::f4;
const char* const rule = detail::process_rule;

void equation_text(std::ostringstream& out, const ols_result& fit, const char* title = nullptr) {
  out << rule << (title != nullptr ? title : "OUTCOME VARIABLE:") << "\n " << fit.response << "\n\n";
  out << "Model Summary\n";
  text_table summary({"R", "R-sq", "MSE", "F", "df1", "df2", "p"}, std::vector<alignment>(7, alignment::right));
  summary.add_row({f4(std::sqrt(fit.r_squared)), f4(fit.r_squared), f4(fit.sigma * fit.sigma), f4(fit.f_statistic),
                   format_number(fit.f_df1), format_number(fit.f_df2), f4(fit.f_p)});
  out << summary.str() << "\nModel\n";
  text_table t({"", "coeff", "se", "t", "p", "LLCI", "ULCI"});
  for (const auto& c : fit.coefficients) {
    t.add_row({c.term == "(Intercept)" ? "constant" : c.term, f4(c.estimate), f4(c.se), f4(c.statistic), f4(c.p),
               f4(c.ci_lower), f4(c.ci_upper)});
  }
  out << t.str() << "\n";
}

std::string ci_label(const mediation_result& r, bool lower) {
  const bool mc = r.replicates.method == ci_method::monte_carlo;
  return std::string(mc ? "MC" : "Boot") + (lower ? "LLCI" : "ULCI");
}

void effects_table(std::ostringstream& out, const mediation_result& r, const std::vector<mediation_effect>& effects,
                   const char* title) {
  if (effects.empty()) return;
  out << "\n" << title << "\n";
  const bool mc = r.replicates.method == ci_method::monte_carlo;
  text_table t({"", "Effect", mc ? "MCSE" : "BootSE", ci_label(r, true), ci_label(r, false)});
  for (const auto& e : effects) {
    t.add_row({e.label == "total" ? "TOTAL" : e.label, f4(e.estimate), f4(e.boot_se), f4(e.ci_lower), f4(e.ci_upper)});
  }
  out << t.str();
}

std::string path_text(const std::vector<std::string>& path) {
  std::string s;
  for (const auto& v : path) s += (s.empty() ? "" : " -> ") + v;
  return s;
}

json coefficient_json(const coefficient& c) {
  return {{"estimate", json_number(c.estimate)}, {"se", json_number(c.se)},         {"t", json_number(c.statistic)},
          {"p", json_number(c.p)},               {"ci_lower", json_number(c.ci_lower)}, {"ci_upper", json_number(c.ci_upper)}};
}

json effect_json(const mediation_effect& e, bool contrast) {
  json j;
  j["label"] = e.label;
  j[contrast ? "of" : "path"] = e.path;
  j["estimate"] = json_number(e.estimate);
  j["boot_se"] = json_number(e.boot_se);
  j["ci_lower"] = json_number(e.ci_lower);
  j["ci_upper"] = json_number(e.ci_upper);
  j["ci_ok"] = e.ci_ok;
  j["ci_problem"] = e.ci_problem;
  if (!is_missing(e.acceleration)) j["acceleration"] = json_number(e.acceleration);
  if (!contrast) {
    if (is_missing(e.sobel_se)) {
      j["sobel"] = nullptr;
    } else {
      j["sobel"] = {{"se", json_number(e.sobel_se)},         {"z", json_number(e.sobel_z)},
                    {"p", json_number(e.sobel_p)},           {"se_second_order", json_number(e.sobel2_se)},
                    {"z_second_order", json_number(e.sobel2_z)}, {"p_second_order", json_number(e.sobel2_p)}};
    }
  }
  return j;
}

}  // namespace

std::string mediation_text(const mediation_result& r) {
  std::ostringstream out;
  if (r.within) {
    out << "Within-subject mediation (MEMORE), " << to_string(r.model) << " mediators\n";
  } else {
    out << "Mediation, PROCESS model " << (r.model == mediation_model::serial ? "6 (serial)" : "4 (parallel)") << "\n";
  }
  out << "    Y : " << r.y << "\n    X : " << r.x << "\n";
  for (std::size_t j = 0; j < r.mediators.size(); ++j) out << "   M" << j + 1 << " : " << r.mediators[j] << "\n";
  if (!r.covariates.empty()) {
    out << "Covariates:\n  ";
    for (const auto& c : r.covariates) out << " " << c;
    out << "\n";
  }
  out << "\nSample size: " << r.n;
  if (r.n_excluded > 0) {
    out << " (" << r.n_excluded << " cases excluded for missing values:";
    for (const auto& m : r.missing_by_column) out << " " << m.column << " " << m.rows;
    out << ")";
  }
  out << "\n";
  if (r.se != se_type::classical) out << "Heteroscedasticity-consistent standard errors: " << to_string(r.se) << "\n";
  out << "\n";
  for (const auto& e : r.equations) equation_text(out, e);
  equation_text(out, r.total_model, "TOTAL EFFECT MODEL\nOUTCOME VARIABLE:");
  out << rule << "TOTAL, DIRECT, AND INDIRECT EFFECTS OF X ON Y\n\n";
  const std::pair<const char*, const coefficient*> effects[] = {{"Total effect of X on Y", &r.total_effect},
                                                                {"Direct effect of X on Y", &r.direct_effect}};
  for (const auto& [title, c] : effects) {
    out << title << "\n";
    text_table t({"Effect", "se", "t", "p", "LLCI", "ULCI"}, std::vector<alignment>(6, alignment::right));
    t.add_row({f4(c->estimate), f4(c->se), f4(c->statistic), f4(c->p), f4(c->ci_lower), f4(c->ci_upper)});
    out << t.str() << "\n";
  }
  std::vector<mediation_effect> with_contrasts = r.indirect;
  for (std::size_t i = 0; i < r.contrasts.size(); ++i) {
    mediation_effect c = r.contrasts[i];
    c.label = "(C" + std::to_string(i + 1) + ")";
    with_contrasts.push_back(c);
  }
  effects_table(out, r, with_contrasts, "Indirect effect(s) of X on Y:");
  std::vector<mediation_effect> partial;
  std::vector<mediation_effect> complete;
  for (const auto& e : r.standardized) {
    mediation_effect s = e;
    const bool is_complete = e.label.rfind("complete(", 0) == 0;
    s.label = e.label.substr(is_complete ? 9 : 8, e.label.size() - (is_complete ? 10 : 9));
    (is_complete ? complete : partial).push_back(s);
  }
  effects_table(out, r, partial, "Partially standardized indirect effect(s) of X on Y:");
  effects_table(out, r, complete, "Completely standardized indirect effect(s) of X on Y:");
  out << "\nIndirect effect key:\n";
  for (const auto& e : r.indirect) {
    if (e.label != "total") out << "  " << e.label << "  " << path_text(e.path) << "\n";
  }
  for (std::size_t i = 0; i < r.contrasts.size(); ++i) {
    out << "  (C" << i + 1 << ")  " << r.contrasts[i].label << "\n";
  }
  bool any_sobel = false;
  for (const auto& e : r.indirect) any_sobel = any_sobel || !is_missing(e.sobel_se);
  if (any_sobel) {
    out << "\nNormal theory tests for indirect effect(s) (second-order SE; first-order Sobel in brackets):\n";
    text_table t({"", "Effect", "se", "Z", "p", "[se", "Z", "p]"});
    for (const auto& e : r.indirect) {
      if (is_missing(e.sobel_se)) continue;
      t.add_row({e.label, f4(e.estimate), f4(e.sobel2_se), f4(e.sobel2_z), f4(e.sobel2_p), f4(e.sobel_se), f4(e.sobel_z),
                 f4(e.sobel_p)});
    }
    out << t.str();
  }
  out << "\n" << rule << "ANALYSIS NOTES AND ERRORS\n\n";
  out << "Level of confidence for all confidence intervals in output: " << format_fixed(100.0 * r.level, 4) << "\n";
  const replicate_summary& b = r.replicates;
  out << "Number of " << (b.method == ci_method::monte_carlo ? "Monte Carlo samples" : "bootstrap samples") << " for "
      << to_string(b.method) << " confidence intervals: " << b.requested << "\n";
  out << "Random number seed: " << b.seed << (b.seed_given ? "" : " (drawn; give --seed to repeat)") << "; threads: "
      << b.threads_used << "\n";
  for (const auto& e : r.indirect) {
    if (!e.ci_problem.empty()) out << "Note (" << e.label << "): " << e.ci_problem << "\n";
  }
  for (const auto& note : r.notes) out << "Note: " << note << "\n";
  return out.str();
}

detail::json_value detail::mediation_json_value(const mediation_result& r) {
  json j;
  j["schema"] = "socialcure.mediation/1";
  j["n"] = r.n;
  j["n_excluded"] = r.n_excluded;
  json missing = json::array();
  for (const auto& m : r.missing_by_column) missing.push_back({{"column", m.column}, {"rows", m.rows}});
  j["missing_by_column"] = std::move(missing);
  j["model"] = to_string(r.model);
  j["design"] = r.within ? "within" : "between";
  j["x"] = r.x;
  j["mediators"] = r.mediators;
  j["y"] = r.y;
  j["covariates"] = r.covariates;
  j["level"] = r.level;
  j["se_type"] = to_string(r.se);
  json equations = json::array();
  std::vector<const ols_result*> fits;
  for (const auto& e : r.equations) fits.push_back(&e);
  fits.push_back(&r.total_model);
  for (const ols_result* f : fits) {
    json coefs = json::array();
    for (const auto& c : f->coefficients) {
      json cj = coefficient_json(c);
      cj["term"] = c.term;
      coefs.push_back(std::move(cj));
    }
    equations.push_back({{"outcome", f->response},
                         {"total_effect_model", f == &r.total_model},
                         {"r_squared", json_number(f->r_squared)},
                         {"f", json_number(f->f_statistic)},
                         {"df1", json_number(f->f_df1)},
                         {"df2", json_number(f->f_df2)},
                         {"p", json_number(f->f_p)},
                         {"mse", json_number(f->sigma * f->sigma)},
                         {"coefficients", std::move(coefs)}});
  }
  j["equations"] = std::move(equations);
  json paths = json::array();
  for (const auto& p : r.paths) {
    json pj = {{"from", p.from}, {"to", p.to}};
    pj.update(coefficient_json(p.value));
    paths.push_back(std::move(pj));
  }
  j["paths"] = std::move(paths);
  j["total_effect"] = coefficient_json(r.total_effect);
  j["direct_effect"] = coefficient_json(r.direct_effect);
  json indirect = json::array();
  for (const auto& e : r.indirect) indirect.push_back(effect_json(e, false));
  j["indirect_effects"] = std::move(indirect);
  json contrasts = json::array();
  for (const auto& e : r.contrasts) contrasts.push_back(effect_json(e, true));
  j["contrasts"] = std::move(contrasts);
  if (r.within) {
    j["standardized"] = nullptr;
  } else {
    json partial = json::array();
    json complete = json::array();
    for (const auto& e : r.standardized) {
      (e.label.rfind("complete(", 0) == 0 ? complete : partial).push_back(effect_json(e, false));
    }
    j["standardized"] = {{"sd_x", json_number(r.sd_x)}, {"sd_y", json_number(r.sd_y)}, {"partial", partial}, {"complete", complete}};
  }
  const replicate_summary& b = r.replicates;
  j["bootstrap"] = {{"samples", b.requested},
                    {"succeeded", b.succeeded},
                    {"seed", b.seed},
                    {"seed_given", b.seed_given},
                    {"ci_method", to_string(b.method)},
                    {"level", b.level},
                    {"threads", b.threads_used},
                    {"failed", b.discarded},
                    {"cancelled", b.cancelled},
                    {"error", b.error}};
  j["notes"] = r.notes;
  return j;
}

std::string mediation_json(const mediation_result& r) {
  return detail::dump_json(detail::mediation_json_value(r));
}

}  // namespace socialcure

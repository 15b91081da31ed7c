#include "socialcure/report/mediation_report.hpp"

#include <cmath>
#include <sstream>

#include <nlohmann/json.hpp>

#include "report/detail/json_number.hpp"
#include "report/detail/conditional_process_view.hpp"
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

}  // namespace

void detail::add_sample_json(json_value& j, std::size_t n, std::size_t excluded, const std::vector<missing_count>& missing) {
  j["n"] = n;
  j["n_excluded"] = excluded;
  json_value columns = json_value::array();
  for (const auto& m : missing) columns.push_back({{"column", m.column}, {"rows", m.rows}});
  j["missing_by_column"] = std::move(columns);
}

detail::json_value detail::replicates_json_value(const replicate_summary& b) {
  return {{"samples", b.requested}, {"succeeded", b.succeeded},     {"seed", b.seed},
          {"seed_given", b.seed_given}, {"ci_method", to_string(b.method)}, {"level", b.level},
          {"threads", b.threads_used}, {"failed", b.discarded},      {"cancelled", b.cancelled},
          {"error", b.error},          {"cluster", b.cluster.empty() ? json_value(nullptr) : json_value(b.cluster)},
          {"clusters", b.cluster.empty() ? json_value(nullptr) : json_value(b.clusters)}};
}

void detail::add_interval_json(json_value& j, const mediation_effect& e) {
  j["estimate"] = json_number(e.estimate);
  j["boot_se"] = json_number(e.boot_se);
  j["ci_lower"] = json_number(e.ci_lower);
  j["ci_upper"] = json_number(e.ci_upper);
  j["ci_ok"] = e.ci_ok;
  j["ci_problem"] = e.ci_problem;
  if (!is_missing(e.acceleration)) j["acceleration"] = json_number(e.acceleration);
}

namespace {
using detail::add_interval_json;

json effect_json(const mediation_effect& e, bool contrast) {
  json j;
  j["label"] = e.label;
  j[contrast ? "of" : "path"] = e.path;
  add_interval_json(j, e);
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


void header_text(std::ostringstream& out, const mediation_result& r) {
  if (r.within) {
    out << "Within-subject mediation (MEMORE), " << to_string(r.model) << " mediators\n";
  } else if (r.moderated_model != 0) {
    out << "Conditional process analysis, PROCESS model " << r.moderated_model << " (parallel mediators)\n";
  } else {
    out << "Mediation, PROCESS model " << (r.model == mediation_model::serial ? "6 (serial)" : "4 (parallel)") << "\n";
  }
  out << "    Y : " << r.y << "\n    X : " << r.x << "\n";
  for (std::size_t j = 0; j < r.mediators.size(); ++j) out << "   M" << j + 1 << " : " << r.mediators[j] << "\n";
  if (r.moderated_model != 0) out << "    W : " << r.w << "\n";
  detail::covariates_and_sample_text(out, r.covariates, r.n, r.n_excluded, r.missing_by_column);
  if (r.se != se_type::classical) out << "Heteroscedasticity-consistent standard errors: " << to_string(r.se) << "\n";
  out << "\n";
}

void coefficient_row_text(std::ostringstream& out, const char* title, const coefficient& c) {
  out << title << "\n";
  text_table t({"Effect", "se", "t", "p", "LLCI", "ULCI"}, std::vector<alignment>(6, alignment::right));
  t.add_row({f4(c.estimate), f4(c.se), f4(c.statistic), f4(c.p), f4(c.ci_lower), f4(c.ci_upper)});
  out << t.str() << "\n";
}

void sobel_text(std::ostringstream& out, const mediation_result& r) {
  bool any_sobel = false;
  for (const auto& e : r.indirect) any_sobel = any_sobel || !is_missing(e.sobel_se);
  if (!any_sobel) return;
  out << "\nNormal theory tests for indirect effect(s) (second-order SE; first-order Sobel in brackets):\n";
  text_table t({"", "Effect", "se", "Z", "p", "[se", "Z", "p]"});
  for (const auto& e : r.indirect) {
    if (is_missing(e.sobel_se)) continue;
    t.add_row({e.label, f4(e.estimate), f4(e.sobel2_se), f4(e.sobel2_z), f4(e.sobel2_p), f4(e.sobel_se), f4(e.sobel_z),
               f4(e.sobel_p)});
  }
  out << t.str();
}

/// PROCESS models 4 and 6 and MEMORE: the total, direct and indirect effects.
void effects_text(std::ostringstream& out, const mediation_result& r) {
  out << rule << "TOTAL, DIRECT, AND INDIRECT EFFECTS OF X ON Y\n\n";
  coefficient_row_text(out, "Total effect of X on Y", r.total_effect);
  coefficient_row_text(out, "Direct effect of X on Y", r.direct_effect);
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
  sobel_text(out, r);
}

std::vector<std::string> boot_row(std::vector<std::string> first, const mediation_effect& e) {
  first.insert(first.end(), {f4(e.boot_se), f4(e.ci_lower), f4(e.ci_upper)});
  return first;
}

/// PROCESS models 7-59: the direct effect (conditional for 8, 15, 59), then the conditional
/// indirect effects per mediator with the index or the contrasts.
void conditional_process_text(std::ostringstream& out, const mediation_result& r) {
  out << rule << "DIRECT AND INDIRECT EFFECTS OF X ON Y\n\n";
  if (r.conditional_direct.empty()) {
    coefficient_row_text(out, "Direct effect of X on Y", r.direct_effect);
  } else {
    out << "Conditional direct effect(s) of X on Y:\n";
    text_table t({r.w, "Effect", "se", "t", "p", "LLCI", "ULCI"}, std::vector<alignment>(7, alignment::right));
    for (const auto& d : r.conditional_direct) {
      const coefficient& c = d.effect;
      t.add_row({f4(d.w), f4(c.estimate), f4(c.se), f4(c.statistic), f4(c.p), f4(c.ci_lower), f4(c.ci_upper)});
    }
    out << t.str();
    if (r.direct_johnson_neyman) detail::johnson_neyman_text(out, *r.direct_johnson_neyman, r.w, "direct effect of X on Y");
    out << "\n";
  }
  out << "Conditional indirect effects of X on Y:\n";
  std::vector<std::string> mediators = r.mediators;
  if (r.mediators.size() > 1) mediators.push_back("total");
  for (const auto& m : mediators) detail::conditional_indirect_text(out, detail::view_of(r, false), m);
}

/// The problem or warning of each effect whose interval has one.
void effect_notes_text(std::ostringstream& out, const mediation_result& r) {
  for (const auto& e : r.indirect) {
    if (!e.ci_problem.empty()) out << "Note (" << e.label << "): " << e.ci_problem << "\n";
  }
  for (const auto& c : r.conditional_indirect) {
    if (!c.effect.ci_problem.empty()) {
      out << "Note (" << c.mediator << " at " << r.w << " = " << f4(c.w) << "): " << c.effect.ci_problem << "\n";
    }
  }
  for (const auto& i : r.index_of_moderated_mediation) {
    if (!i.effect.ci_problem.empty()) out << "Note (index, " << i.mediator << "): " << i.effect.ci_problem << "\n";
  }
  for (const auto& k : r.conditional_contrasts) {
    if (!k.effect.ci_problem.empty()) {
      out << "Note (" << k.mediator << ", contrast " << f4(k.w_to) << " - " << f4(k.w_from) << "): " << k.effect.ci_problem
          << "\n";
    }
  }
}

void notes_text(std::ostringstream& out, const mediation_result& r) {
  out << "\n" << rule << "ANALYSIS NOTES AND ERRORS\n\n";
  out << "Level of confidence for all confidence intervals in output: " << format_fixed(100.0 * r.level, 4) << "\n";
  if (r.moderated_model != 0) {
    detail::conditional_notes_text(out, detail::view_of(r, false), r.moderated_model);
  }
  detail::replicates_text(out, r.replicates);
  effect_notes_text(out, r);
  for (const auto& note : r.notes) out << "Note: " << note << "\n";
}


/// Every equation (each mediator's, Y's, then the total effect model when it was fitted).
json equations_json(const mediation_result& r) {
  json equations = json::array();
  std::vector<const ols_result*> fits;
  for (const auto& e : r.equations) fits.push_back(&e);
  if (r.moderated_model == 0) fits.push_back(&r.total_model);
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
  return equations;
}

/// PROCESS models 4 and 6 and MEMORE: total, direct and indirect effects, contrasts, standardized.
void add_effects_json(json& j, const mediation_result& r) {
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
}

/// PROCESS models 7-59: the direct effect (unconditional, or null and conditional_direct_effects
/// for 8, 15, 59), the conditional indirect effects, the index, the contrasts between W values.
/// What the model does not estimate is null (see not_estimated_notes).
void add_conditional_json(json& j, const mediation_result& r) {
  j["total_effect"] = nullptr;
  j["direct_effect"] = r.conditional_direct.empty() ? coefficient_json(r.direct_effect) : json(nullptr);
  json direct = json::array();
  for (const auto& d : r.conditional_direct) {
    const coefficient& c = d.effect;
    direct.push_back({{"w", json_number(d.w)},         {"effect", json_number(c.estimate)},
                      {"se", json_number(c.se)},       {"t", json_number(c.statistic)},
                      {"p", json_number(c.p)},         {"ci_lower", json_number(c.ci_lower)},
                      {"ci_upper", json_number(c.ci_upper)}});
  }
  j["conditional_direct_effects"] = r.conditional_direct.empty() ? json(nullptr) : direct;
  j["direct_johnson_neyman"] =
      r.direct_johnson_neyman ? detail::johnson_neyman_json_value(*r.direct_johnson_neyman) : json(nullptr);
  j["indirect_effects"] = nullptr;
  detail::add_conditional_indirect_json(j, detail::view_of(r, false));
  json band = json::array();
  for (const auto& c : r.conditional_indirect_band) {
    json e = {{"mediator", c.mediator}, {"w", json_number(c.w)}};
    add_interval_json(e, c.effect);
    band.push_back(std::move(e));
  }
  j["conditional_indirect_band"] = r.conditional_indirect_band.empty() ? json(nullptr) : band;
  j["standardized"] = nullptr;
}

/// Why the keys of a conditional process model that are null are null.
std::vector<std::string> not_estimated_notes(const mediation_result& r) {
  std::vector<std::string> notes = {
      "total_effect, indirect_effects and standardized are null: in a conditional process model the indirect "
      "effect depends on the moderator (see conditional_indirect_effects), and no total effect model is fitted"};
  if (!r.conditional_direct.empty()) {
    notes.emplace_back("direct_effect is null: the direct effect depends on the moderator (see conditional_direct_effects)");
  }
  if (r.index_of_moderated_mediation.empty()) {
    notes.push_back("index_of_moderated_mediation is null: in model " + std::to_string(r.moderated_model) +
                    " the indirect effect is quadratic in the moderator (see contrasts)");
  }
  if (r.conditional_contrasts.empty()) notes.emplace_back("contrasts is null: not asked for");
  if (r.conditional_indirect_band.empty()) {
    notes.emplace_back(r.w_dichotomous ? "conditional_indirect_band is null: W is dichotomous"
                                       : "conditional_indirect_band is null: not asked for");
  }
  if (!r.direct_johnson_neyman) {
    notes.emplace_back(r.conditional_direct.empty()
                           ? "direct_johnson_neyman is null: the direct effect is not moderated in model " +
                                 std::to_string(r.moderated_model)
                           : (r.w_dichotomous ? "direct_johnson_neyman is null: W is dichotomous"
                                             : "direct_johnson_neyman is null: not asked for"));
  }
  return notes;
}

}  // namespace

std::string mediation_text(const mediation_result& r) {
  std::ostringstream out;
  header_text(out, r);
  for (const auto& e : r.equations) detail::process_equation_text(out, e);
  if (r.moderated_model != 0) {
    conditional_process_text(out, r);
  } else {
    detail::process_equation_text(out, r.total_model, "TOTAL EFFECT MODEL\nOUTCOME VARIABLE:");
    effects_text(out, r);
  }
  notes_text(out, r);
  return out.str();
}

detail::json_value detail::mediation_json_value(const mediation_result& r) {
  const bool moderated = r.moderated_model != 0;
  json j;
  j["schema"] = "socialcure.mediation/1";
  detail::add_sample_json(j, r.n, r.n_excluded, r.missing_by_column);
  j["model"] = to_string(r.model);
  if (moderated) j["process_model"] = r.moderated_model;
  j["design"] = r.within ? "within" : "between";
  j["x"] = r.x;
  j["mediators"] = r.mediators;
  j["y"] = r.y;
  j["covariates"] = r.covariates;
  if (moderated) j["moderator"] = detail::moderator_json_value(detail::view_of(r, false));
  j["level"] = r.level;
  j["se_type"] = to_string(r.se);
  j["equations"] = equations_json(r);
  json paths = json::array();
  for (const auto& p : r.paths) {
    json pj = {{"from", p.from}, {"to", p.to}};
    pj.update(coefficient_json(p.value));
    paths.push_back(std::move(pj));
  }
  j["paths"] = std::move(paths);
  if (moderated) {
    add_conditional_json(j, r);
  } else {
    add_effects_json(j, r);
  }
  j["bootstrap"] = detail::replicates_json_value(r.replicates);
  j["notes"] = r.notes;
  if (moderated) {
    for (const auto& note : not_estimated_notes(r)) j["notes"].push_back(note);
  }
  return j;
}

std::vector<std::string> detail::boot_columns(ci_method method, std::vector<std::string> first) {
  const bool mc = method == ci_method::monte_carlo;
  first.insert(first.end(), {mc ? "MCSE" : "BootSE", mc ? "MCLLCI" : "BootLLCI", mc ? "MCULCI" : "BootULCI"});
  return first;
}

void detail::conditional_indirect_text(std::ostringstream& out, const conditional_view& v, const std::string& mediator) {
  out << "\nINDIRECT EFFECT:\n ";
  if (mediator == "total") {
    out << "TOTAL (the sum over the mediators)\n\n";
  } else {
    out << path_text({v.x, mediator, v.y}) << "\n\n";
  }
  std::vector<std::string> columns = boot_columns(v.method, {v.w, "Effect"});
  if (v.exponentiate) columns.insert(columns.end(), {"exp(Effect)", "exp(LLCI)", "exp(ULCI)"});
  text_table t(columns, std::vector<alignment>(columns.size(), alignment::right));
  for (const auto& c : v.indirect) {
    if (c.mediator != mediator) continue;
    std::vector<std::string> row = boot_row({f4(c.w), f4(c.effect.estimate)}, c.effect);
    if (v.exponentiate) {
      row.insert(row.end(), {f4(std::exp(c.effect.estimate)), f4(std::exp(c.effect.ci_lower)), f4(std::exp(c.effect.ci_upper))});
    }
    t.add_row(row);
  }
  out << t.str();
  for (const auto& i : v.index) {
    if (i.mediator != mediator) continue;
    out << "\n    Index of moderated mediation" << (v.w_dichotomous ? " (difference between the two values of W)" : "")
        << ":\n";
    text_table x(boot_columns(v.method, {"", "Index"}));
    x.add_row(boot_row({v.w, f4(i.effect.estimate)}, i.effect));
    out << x.str();
  }
  bool header = false;
  text_table c(boot_columns(v.method, {v.w + " (1)", v.w + " (2)", "Contrast"}), std::vector<alignment>(6, alignment::right));
  for (const auto& k : v.contrasts) {
    if (k.mediator != mediator) continue;
    header = true;
    c.add_row(boot_row({f4(k.w_from), f4(k.w_to), f4(k.effect.estimate)}, k.effect));
  }
  if (header) out << "\n    Pairwise contrasts between conditional indirect effects (Effect(2) - Effect(1)):\n" << c.str();
}

void detail::conditional_notes_text(std::ostringstream& out, const conditional_view& v, int model) {
  out << "W values in conditional tables are " << probe_rule_text(v.w_probe, v.w_dichotomous) << " (analysed metric).\n";
  out << centring_text(v.center, v.centred_variables, v.centred_means);
  if (v.index.empty()) {
    out << "No index of moderated mediation: in model " << model
        << " the indirect effect is quadratic in W; the pairwise contrasts compare its values.\n";
  }
}

detail::json_value detail::moderator_json_value(const conditional_view& v) {
  json values = json::array();
  for (const double w : v.w_values) values.push_back(json_number(w));
  json centred = json::object();
  for (std::size_t k = 0; k < v.centred_variables.size() && k < v.centred_means.size(); ++k) {
    centred[v.centred_variables[k]] = json_number(v.centred_means[k]);
  }
  return {{"name", v.w},           {"values", std::move(values)}, {"labels", v.w_labels},
          {"probe", to_string(v.w_probe)}, {"dichotomous", v.w_dichotomous}, {"center", to_string(v.center)},
          {"centred", std::move(centred)}};
}

void detail::add_conditional_indirect_json(json_value& j, const conditional_view& v) {
  json conditional = json::array();
  for (const auto& c : v.indirect) {
    json e = {{"mediator", c.mediator}, {"w", json_number(c.w)}};
    add_interval_json(e, c.effect);
    if (v.exponentiate) {
      e["exp_estimate"] = json_number(std::exp(c.effect.estimate));
      e["exp_ci_lower"] = json_number(std::exp(c.effect.ci_lower));
      e["exp_ci_upper"] = json_number(std::exp(c.effect.ci_upper));
    }
    conditional.push_back(std::move(e));
  }
  j["conditional_indirect_effects"] = std::move(conditional);
  json index = json::array();
  for (const auto& i : v.index) {
    json e = {{"mediator", i.mediator}};
    add_interval_json(e, i.effect);
    index.push_back(std::move(e));
  }
  j["index_of_moderated_mediation"] = v.index.empty() ? json(nullptr) : index;
  json contrasts = json::array();
  for (const auto& k : v.contrasts) {
    json e = {{"mediator", k.mediator}, {"w_from", json_number(k.w_from)}, {"w_to", json_number(k.w_to)}};
    add_interval_json(e, k.effect);
    contrasts.push_back(std::move(e));
  }
  j["contrasts"] = v.contrasts.empty() ? json(nullptr) : contrasts;
}

std::string mediation_json(const mediation_result& r) {
  return detail::dump_json(detail::mediation_json_value(r));
}

}  // namespace socialcure

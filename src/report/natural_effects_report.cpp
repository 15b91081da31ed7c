#include "socialcure/report/natural_effects_report.hpp"

#include <cmath>
#include <sstream>

#include <nlohmann/json.hpp>

#include "report/detail/conditional_process_view.hpp"
#include "report/detail/json_number.hpp"
#include "report/detail/json_values.hpp"
#include "report/detail/natural_effects_text.hpp"
#include "report/detail/process_text.hpp"
#include "socialcure/core/number.hpp"
#include "socialcure/report/regression_report.hpp"
#include "socialcure/report/text_table.hpp"

namespace socialcure {

namespace detail {

const mediation_effect* find_effect(const std::vector<mediation_effect>& effects, const std::string& label) {
  for (const auto& e : effects) {
    if (e.label == label) return &e;
  }
  return nullptr;
}

std::string natural_ci_text(const mediation_effect& e, double level, int decimals) {
  return format_significant(100.0 * level, 4) + "% CI " + format_fixed(e.ci_lower, decimals) + " to " +
         format_fixed(e.ci_upper, decimals);
}

std::string ratio_words(const glm_mediation_result& r, const mediation_effect& e) {
  const bool binary = r.family == glm_family::binomial;
  const double percent = 100.0 * std::fabs(e.estimate - 1.0);
  const std::string direction = binary ? (e.estimate < 1.0 ? "lower odds of " : "higher odds of ")
                                       : (e.estimate < 1.0 ? "fewer " : "more ");
  return format_fixed(percent, 1) + "% " + direction + r.y + " (" + (binary ? "odds ratio " : "rate ratio ") +
         format_fixed(e.estimate, 3) + ", " + natural_ci_text(e, r.level, 3) + ")";
}

std::string response_words(const glm_mediation_result& r, const mediation_effect& e) {
  if (r.family == glm_family::binomial) {
    return format_fixed(100.0 * std::fabs(e.estimate), 1) + " percentage points " + (e.estimate < 0 ? "lower" : "higher") +
           " probability of " + r.y;
  }
  return format_fixed(std::fabs(e.estimate), 2) + (e.estimate < 0 ? " fewer " : " more ") + r.y + " per person";
}

}  // namespace detail

namespace {

using json = nlohmann::ordered_json;
using detail::f4;
using detail::find_effect;
using detail::json_number;
using detail::natural_ci_text;
using detail::ratio_words;
using detail::response_words;

bool binary(const glm_mediation_result& r) { return r.family == glm_family::binomial; }
bool probit(const glm_mediation_result& r) { return binary(r) && r.link == glm_link::probit; }

std::string family_text(const glm_mediation_result& r) {
  switch (r.family) {
    case glm_family::binomial:
      return probit(r) ? "a binary outcome (probit link)" : "a binary outcome (logistic, logit link)";
    case glm_family::poisson: return "a count outcome (Poisson, log link)";
    case glm_family::negative_binomial: return "a count outcome (negative binomial NB2, log link)";
  }
  return "";
}

bool moderated(const glm_mediation_result& r) { return r.moderated_model != 0; }

void header_text(std::ostringstream& out, const glm_mediation_result& r) {
  out << "Mediation with " << family_text(r) << ", PROCESS model ";
  if (moderated(r)) {
    out << r.moderated_model << " (conditional process, parallel mediators)\n";
  } else {
    out << (r.model == mediation_model::serial ? "6 (serial)" : "4 (parallel)") << " mediators\n";
  }
  out << "    Y : " << r.y << (r.offset.empty() ? "" : " (offset " + r.offset + ")") << "\n    X : " << r.x << "\n";
  for (std::size_t j = 0; j < r.mediators.size(); ++j) out << "   M" << j + 1 << " : " << r.mediators[j] << "\n";
  if (moderated(r)) out << "    W : " << r.w << "\n";
  if (r.interaction) out << "The outcome model has the X*M interaction of X with each mediator.\n";
  detail::covariates_and_sample_text(out, r.covariates, r.n, r.n_excluded, r.missing_by_column);
  out << "\n";
}

std::vector<std::string> boot_columns(std::vector<std::string> first) {
  first.insert(first.end(), {"BootSE", "BootLLCI", "BootULCI"});
  return first;
}

void products_text(std::ostringstream& out, const glm_mediation_result& r) {
  if (r.products.empty()) return;
  out << "\nIndirect effects of X on Y: products of coefficients on the "
      << (probit(r) ? "probit" : binary(r) ? "log-odds" : "log-rate") << " scale, per unit of X\n";
  std::vector<std::string> columns = boot_columns({"", "Effect"});
  if (!probit(r)) columns.insert(columns.end(), {"exp(Effect)", "exp(LLCI)", "exp(ULCI)"});
  text_table t(columns);
  for (const auto& e : r.products) {
    std::vector<std::string> row = {e.label == "total" ? "TOTAL" : e.label, f4(e.estimate), f4(e.boot_se), f4(e.ci_lower),
                                    f4(e.ci_upper)};
    if (!probit(r)) row.insert(row.end(), {f4(std::exp(e.estimate)), f4(std::exp(e.ci_lower)), f4(std::exp(e.ci_upper))});
    t.add_row(row);
  }
  out << t.str();
  if (r.mediators.size() > 1) {
    out << "\nIndirect effect key:\n";
    for (const auto& e : r.products) {
      if (e.label == "total") continue;
      out << " " << e.label << " ";
      for (std::size_t k = 0; k < e.path.size(); ++k) out << (k == 0 ? " " : " -> ") << e.path[k];
      out << "\n";
    }
  }
}

void effects_block(std::ostringstream& out, const std::vector<mediation_effect>& effects, const char* title,
                   const std::vector<std::pair<const char*, const char*>>& names) {
  if (effects.empty()) return;  // no ratio effects for a probit outcome
  out << "\n" << title << "\n";
  text_table t(boot_columns({"", "Effect"}));
  for (const auto& [label, name] : names) {
    const mediation_effect* e = find_effect(effects, label);
    if (e != nullptr) t.add_row({name, f4(e->estimate), f4(e->boot_se), f4(e->ci_lower), f4(e->ci_upper)});
  }
  out << t.str();
}

/// The main effects in words; `at`: the moderator's value they hold at (empty for model 4 or 6).
void words_text(std::ostringstream& out, const glm_mediation_result& r, const std::vector<mediation_effect>& ratio,
                const std::vector<mediation_effect>& causal, const std::string& at = {}) {
  const mediation_effect* total = find_effect(ratio, "total");
  const mediation_effect* nie = find_effect(ratio, "nie");
  const mediation_effect* nde = find_effect(ratio, "nde");
  const mediation_effect* te = find_effect(causal, "total");
  const mediation_effect* acme = find_effect(causal, "acme_average");
  if (te == nullptr || acme == nullptr) return;
  const bool ratios = total != nullptr && nie != nullptr && nde != nullptr;
  if (!ratios && !probit(r)) return;
  out << "\nIn words" << (at.empty() ? "" : ", with " + at) << ":\n";
  out << "  Raising " << r.x << " from " << format_significant(r.x0, 4) << " to " << format_significant(r.x1, 4) << " ("
      << r.x_values_rule << ") goes with";
  if (ratios) {
    out << " " << ratio_words(r, *total) << ";\n";
    out << "  through the mediators: " << ratio_words(r, *nie) << ";\n";
    out << "  directly: " << ratio_words(r, *nde) << ".\n";
  }
  const int decimals = binary(r) ? 3 : 2;
  const char* unit = binary(r) ? "" : " per person";
  out << (ratios ? "  Averaged over the " + std::to_string(r.n) + " people that is " : std::string(", averaged over the ") +
                                                                                            std::to_string(r.n) + " people,\n  ")
      << response_words(r, *te)
      << (binary(r) || r.offset.empty() ? "" : " over each one's own exposure") << " (a change of "
      << format_fixed(te->estimate, decimals) << unit << ", " << natural_ci_text(*te, r.level, decimals) << "),\n  of which "
      << response_words(r, *acme) << " through the mediators (" << format_fixed(acme->estimate, decimals) << ", "
      << natural_ci_text(*acme, r.level, decimals) << ").\n";
  if (binary(r) && !probit(r) && at.empty()) {
    out << "  Odds ratios of natural effects approximate ratios only for a rare outcome (under about 10%); the\n"
           "  probability differences are exact.\n";
  }
}

void notes_text(std::ostringstream& out, const glm_mediation_result& r) {
  out << "\n" << detail::process_rule << "ANALYSIS NOTES AND ERRORS\n\n";
  out << "Level of confidence for all confidence intervals in output: " << format_fixed(100.0 * r.level, 4) << "\n";
  out << "X changes from x0 = " << format_significant(r.x0, 6) << " to x1 = " << format_significant(r.x1, 6) << " ("
      << r.x_values_rule << "); " << (probit(r) ? "" : "ratios at the covariate means, ")
      << "response-scale effects averaged over the sample.\n";
  if (moderated(r)) {
    detail::conditional_notes_text(out, detail::view_of(r, false), r.moderated_model);
    if (binary(r) && !probit(r)) {
      out << "Odds ratios of natural effects approximate ratios only for a rare outcome (under about 10%); the "
             "probability differences are exact.\n";
    }
  }
  const replicate_summary& b = r.replicates;
  detail::replicates_text(out, b);
  if (b.discarded > 0) out << "Resamples redrawn because a model could not be fitted: " << b.discarded << "\n";
  const char* run = b.method == ci_method::monte_carlo ? "the Monte Carlo run" : "the bootstrap";
  if (!b.error.empty()) out << "Note: " << run << " failed: " << b.error << "\n";
  if (b.cancelled) out << "Note: " << run << " was cancelled; no intervals\n";
  for (const auto& note : r.notes) out << "Note: " << note << "\n";
}

/// The ratio and response-scale tables; `at`: ", with W = w" or empty.
void natural_blocks(std::ostringstream& out, const glm_mediation_result& r, const std::vector<mediation_effect>& ratio,
                    const std::vector<mediation_effect>& causal, const std::string& at) {
  effects_block(out, ratio,
                (binary(r) ? "Natural effects as odds ratios (at the covariate means" + at + "; a rare-outcome approximation)"
                           : "Natural effects as rate ratios (at the covariate means" + at + ")").c_str(),
                detail::ratio_effect_rows);
  effects_block(out, causal,
                (binary(r) ? "Natural effects on the probability of Y (averaged over the sample" + at + ")"
                           : "Natural effects on the expected count of Y (averaged over the sample" + at + ")").c_str(),
                detail::causal_effect_rows);
}

/// Models 8, 15, 59: c1 + c3 w at each W value, bootstrapped, with exp() but for probit.
void conditional_direct_text(std::ostringstream& out, const glm_mediation_result& r) {
  if (r.conditional_direct.empty()) return;
  out << "\nConditional direct effects of X on Y (" << (probit(r) ? "probit" : binary(r) ? "log-odds" : "log-rate")
      << " scale, per unit of X):\n";
  std::vector<std::string> columns = boot_columns({r.w, "Effect"});
  if (!probit(r)) columns.insert(columns.end(), {"exp(Effect)", "exp(LLCI)", "exp(ULCI)"});
  text_table t(columns, std::vector<alignment>(columns.size(), alignment::right));
  for (const auto& d : r.conditional_direct) {
    const mediation_effect& e = d.effect;
    std::vector<std::string> row = {f4(d.w), f4(e.estimate), f4(e.boot_se), f4(e.ci_lower), f4(e.ci_upper)};
    if (!probit(r)) row.insert(row.end(), {f4(std::exp(e.estimate)), f4(std::exp(e.ci_lower)), f4(std::exp(e.ci_upper))});
    t.add_row(row);
  }
  out << t.str();
}

/// A conditional process model: the direct effects, the conditional indirect effects (linear
/// predictor scale) by mediator, then the natural effects and their words at each W value.
void conditional_text(std::ostringstream& out, const glm_mediation_result& r) {
  conditional_direct_text(out, r);
  out << "\nConditional indirect effects of X on Y (products of coefficients on the "
      << (probit(r) ? "probit" : binary(r) ? "log-odds" : "log-rate") << " scale, per unit of X):\n";
  std::vector<std::string> mediators = r.mediators;
  if (r.mediators.size() > 1) mediators.push_back("total");
  for (const auto& m : mediators) detail::conditional_indirect_text(out, detail::view_of(r, !probit(r)), m);
  for (const auto& c : r.conditional_effects) {
    const std::string at = r.w + " = " + format_significant(c.w, 4);
    out << "\n" << detail::process_rule << "NATURAL EFFECTS OF X FROM " << format_significant(r.x0, 4) << " TO "
        << format_significant(r.x1, 4) << " WITH " << at << "\n";
    natural_blocks(out, r, c.ratio_effects, c.causal_effects, ", " + at);
    words_text(out, r, c.ratio_effects, c.causal_effects, at);
  }
}

/// Each effect {label, (path), estimate, ..., (exp_estimate, exp_ci_lower, exp_ci_upper)}.
json effects_json(const std::vector<mediation_effect>& effects, bool products, bool exponentiate = false) {
  json out = json::array();
  for (const mediation_effect& e : effects) {
    json j;
    j["label"] = e.label;
    if (products) j["path"] = e.path;
    detail::add_interval_json(j, e);
    if (exponentiate) {
      j["exp_estimate"] = json_number(std::exp(e.estimate));
      j["exp_ci_lower"] = json_number(std::exp(e.ci_lower));
      j["exp_ci_upper"] = json_number(std::exp(e.ci_upper));
    }
    out.push_back(std::move(j));
  }
  return out;
}

/// Effects at W values, each entry with its `w` first.
json at_w_json(double w, const std::vector<mediation_effect>& effects, bool exponentiate) {
  json out = json::array();
  for (const json& e : effects_json(effects, false, exponentiate)) {
    json entry = {{"w", json_number(w)}};
    entry.update(e);
    out.push_back(std::move(entry));
  }
  return out;
}

/// A conditional process model: process_model, moderator, the linear-predictor effects (as the
/// gaussian report's keys) and the natural effects at each W value.
void add_conditional_json(json& j, const glm_mediation_result& r) {
  j["process_model"] = r.moderated_model;
  j["moderator"] = detail::moderator_json_value(detail::view_of(r, false));
  detail::add_conditional_indirect_json(j, detail::view_of(r, !probit(r)));
  json direct = json::array();
  for (const auto& d : r.conditional_direct) {
    for (json& e : at_w_json(d.w, {d.effect}, !probit(r))) direct.push_back(std::move(e));
  }
  j["conditional_direct_effects"] = r.conditional_direct.empty() ? json(nullptr) : direct;
  json ratio = json::array();
  json causal = json::array();
  for (const auto& c : r.conditional_effects) {
    for (json& e : at_w_json(c.w, c.ratio_effects, false)) ratio.push_back(std::move(e));
    for (json& e : at_w_json(c.w, c.causal_effects, false)) causal.push_back(std::move(e));
  }
  j["conditional_ratio_effects"] = std::move(ratio);
  j["conditional_causal_effects"] = std::move(causal);
}

}  // namespace

std::string glm_mediation_text(const glm_mediation_result& r) {
  std::ostringstream out;
  header_text(out, r);
  for (const auto& e : r.mediator_equations) detail::process_equation_text(out, e);
  out << detail::process_rule << "OUTCOME VARIABLE:\n " << r.y << "\n\n" << regression_text(r.outcome);
  out << "\n" << detail::process_rule << "EFFECTS OF X FROM " << format_significant(r.x0, 4) << " TO "
      << format_significant(r.x1, 4) << "\n";
  if (moderated(r)) {
    conditional_text(out, r);
  } else {
    products_text(out, r);
    natural_blocks(out, r, r.ratio_effects, r.causal_effects, "");
    words_text(out, r, r.ratio_effects, r.causal_effects);
  }
  notes_text(out, r);
  return out.str();
}

namespace detail {

json_value glm_mediation_json_value(const glm_mediation_result& r) {
  json j;
  j["schema"] = "socialcure.mediation/1";
  detail::add_sample_json(j, r.n, r.n_excluded, r.missing_by_column);
  j["model"] = to_string(r.model);
  j["design"] = "between";
  j["x"] = r.x;
  j["mediators"] = r.mediators;
  j["y"] = r.y;
  j["covariates"] = r.covariates;
  j["level"] = r.level;
  j["family"] = std::string(to_string(r.family));
  j["link"] = std::string(link_name(r.family, r.link));
  j["offset"] = r.offset.empty() ? json(nullptr) : json(r.offset);
  j["interaction"] = r.interaction;
  j["x0"] = json_number(r.x0);
  j["x1"] = json_number(r.x1);
  j["x_values_rule"] = r.x_values_rule;
  json equations = json::array();
  for (const auto& e : r.mediator_equations) equations.push_back(detail::regression_json_value(e));
  equations.push_back(detail::regression_json_value(r.outcome));
  j["equations"] = std::move(equations);
  j["indirect_effects"] = effects_json(r.products, true, !probit(r));
  j["ratio_effects"] = effects_json(r.ratio_effects, false);
  j["causal_effects"] = effects_json(r.causal_effects, false);
  if (moderated(r)) add_conditional_json(j, r);
  j["bootstrap"] = detail::replicates_json_value(r.replicates);
  j["notes"] = r.notes;
  return j;
}

}  // namespace detail

std::string glm_mediation_json(const glm_mediation_result& r) { return detail::dump_json(detail::glm_mediation_json_value(r)); }

}  // namespace socialcure

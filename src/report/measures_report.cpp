#include "socialcure/report/measures_report.hpp"

#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "report/detail/json_number.hpp"
#include "report/detail/json_values.hpp"
#include "measures/detail/scale_json.hpp"
#include "socialcure/core/missing.hpp"
#include "socialcure/core/number.hpp"
#include "socialcure/data/csv.hpp"
#include "socialcure/measures/scale_loader.hpp"
#include "socialcure/report/text_table.hpp"

namespace socialcure {

namespace {

using json = nlohmann::ordered_json;
using detail::json_number;

std::string codes_of(const scale_definition& s) { return std::to_string(s.min_code) + ".." + std::to_string(s.max_code); }

std::vector<std::string> unconfirmed_facts(const scale_definition& s) {
  std::vector<std::string> out;
  for (const auto& f : s.facts) {
    if (f.confidence == fact_confidence::unconfirmed) out.push_back(f.what);
  }
  return out;
}

}  // namespace

std::string catalogue_text(const std::vector<scale_definition>& scales) {
  text_table t({"id", "items", "codes", "rule", "range", "unconfirmed facts", "name"},
               {alignment::left, alignment::right, alignment::right, alignment::left, alignment::right,
                alignment::right, alignment::left});
  for (const auto& s : scales) {
    t.add_row({s.id, std::to_string(s.items), codes_of(s), std::string(to_string(s.rule)),
               format_number(s.score_min) + "-" + format_number(s.score_max),
               std::to_string(unconfirmed_facts(s).size()), s.name});
  }
  return t.str() + "\n`socialcure scales ID` shows a definition with its sources and every unconfirmed fact.\n";
}

detail::json_value detail::catalogue_json_value(const std::vector<scale_definition>& scales) {
  json list = json::array();
  for (const auto& s : scales) {
    json j;
    j["id"] = s.id;
    j["name"] = s.name;
    j["construct"] = s.construct;
    j["items"] = s.items;
    j["codes"] = {s.min_code, s.max_code};
    j["rule"] = std::string(to_string(s.rule));
    j["score_min"] = s.score_min;
    j["score_max"] = s.score_max;
    j["higher_means"] = s.higher_means;
    j["unconfirmed"] = unconfirmed_facts(s);
    list.push_back(std::move(j));
  }
  json out;
  out["schema"] = "socialcure.scales/1";
  out["scales"] = std::move(list);
  return out;
}

std::string catalogue_json(const std::vector<scale_definition>& scales) {
  return detail::dump_json(detail::catalogue_json_value(scales));
}

std::string scale_text(const scale_definition& s) {
  std::ostringstream out;
  out << s.id << ": " << s.name << "\n"
      << "citation: " << s.citation << "\n"
      << "construct: " << s.construct << "\n"
      << "items: " << s.items << ", codes " << codes_of(s) << ", scoring: " << to_string(s.rule)
      << ", score range " << format_number(s.score_min) << "-" << format_number(s.score_max)
      << ", higher = " << s.higher_means << "\n";
  if (!s.reverse_items.empty()) {
    out << "reverse-keyed items:";
    for (int i : s.reverse_items) out << " " << i;
    out << "\n";
  }
  out << "missing items: " << to_string(s.missing.policy) << " (at most " << s.missing.max_missing << ")\n";
  for (const auto& sub : s.subscales) {
    out << "subscale " << sub.id << " (" << sub.name << "): items";
    for (int i : sub.items) out << " " << i;
    out << ", range " << format_number(sub.score_min) << "-" << format_number(sub.score_max) << "\n";
  }
  for (const auto& c : s.cutoffs) {
    out << "cut-offs '" << c.name << "' [" << to_string(c.confidence) << "] (" << c.source << "):";
    for (const auto& band : c.categories) {
      out << " " << format_number(band.min) << "-" << format_number(band.max) << " " << band.label << ";";
    }
    out << "\n";
  }
  for (const auto& f : s.facts) {
    if (f.confidence != fact_confidence::confirmed) out << "note [" << to_string(f.confidence) << "]: " << f.what << "\n";
  }
  if (!s.licence.empty()) out << "licence: " << s.licence << "\n";
  return out.str();
}

detail::json_value detail::scale_json_value(const scale_definition& scale) {
  const json j = scale_definition_json(scale);
  json out;
  out["schema"] = "socialcure.scale/1";
  for (auto it = j.begin(); it != j.end(); ++it) out[it.key()] = it.value();
  return out;
}

std::string scale_json(const scale_definition& scale) {
  return detail::dump_json(detail::scale_json_value(scale));
}

std::string scores_csv(const scale_scores& scores, const std::string& id_column) {
  table t("scores");
  std::vector<std::string> ids, categories, reasons;
  std::vector<double> score, answered, prorated;
  std::vector<bool> category_missing, reason_missing;
  std::vector<std::vector<double>> subs(scores.subscale_ids.size());
  for (const auto& r : scores.respondents) {
    ids.push_back(r.id);
    score.push_back(r.score);
    categories.push_back(r.category);
    category_missing.push_back(r.category.empty());
    answered.push_back(r.items_answered);
    prorated.push_back(r.prorated ? 1.0 : 0.0);
    reasons.push_back(r.reason);
    reason_missing.push_back(r.reason.empty());
    for (std::size_t k = 0; k < subs.size(); ++k) {
      subs[k].push_back(k < r.subscale_scores.size() ? r.subscale_scores[k] : missing_value);
    }
  }
  t.add(column(id_column, std::move(ids)));
  t.add(column(scores.scale_id, std::move(score)));
  t.add(column(scores.scale_id + "_category", std::move(categories), std::move(category_missing)));
  t.add(column(scores.scale_id + "_items_answered", std::move(answered)));
  t.add(column(scores.scale_id + "_prorated", std::move(prorated)));
  t.add(column(scores.scale_id + "_reason", std::move(reasons), std::move(reason_missing)));
  for (std::size_t k = 0; k < subs.size(); ++k) {
    t.add(column(scores.scale_id + "_" + scores.subscale_ids[k], std::move(subs[k])));
  }
  std::ostringstream out;
  write_csv(out, t);
  return out.str();
}

detail::json_value detail::scores_json_value(const scale_scores& scores) {
  json list = json::array();
  for (const auto& r : scores.respondents) {
    json j;
    j["id"] = r.id;
    j["score"] = json_number(r.score);
    j["category"] = r.category.empty() ? json(nullptr) : json(r.category);
    j["items_answered"] = r.items_answered;
    j["prorated"] = r.prorated;
    j["reason"] = r.reason.empty() ? json(nullptr) : json(r.reason);
    json subs = json::object();
    for (std::size_t k = 0; k < scores.subscale_ids.size() && k < r.subscale_scores.size(); ++k) {
      subs[scores.subscale_ids[k]] = json_number(r.subscale_scores[k]);
    }
    j["subscales"] = std::move(subs);
    list.push_back(std::move(j));
  }
  json out;
  out["schema"] = "socialcure.scores/1";
  out["scale"] = scores.scale_id;
  out["n"] = scores.respondents.size();
  out["n_scored"] = scores.n_scored;
  out["n_unscorable"] = scores.n_unscorable;
  out["n_invalid_set_missing"] = scores.n_invalid_set_missing;
  out["n_prorated"] = scores.n_prorated;
  out["respondents"] = std::move(list);
  return out;
}

std::string scores_json(const scale_scores& scores) {
  return detail::dump_json(detail::scores_json_value(scores));
}

std::string scores_text(const scale_scores& scores) {
  std::ostringstream out;
  out << "scale " << scores.scale_id << ": " << scores.respondents.size() << " respondents, " << scores.n_scored
      << " scored (" << scores.n_prorated << " prorated), " << scores.n_unscorable << " not scorable, "
      << scores.n_invalid_set_missing << " invalid responses set missing\n";
  std::map<std::string, std::size_t> reasons;
  for (const auto& r : scores.respondents) {
    if (!r.reason.empty()) ++reasons[r.reason];
  }
  for (const auto& [reason, count] : reasons) out << "  not scorable (" << count << "): " << reason << "\n";
  return out.str();
}

std::string reliability_text(const alpha_result& a, const omega_result* omega) {
  std::ostringstream out;
  out << "Reliability of " << a.k << " items, n = " << a.n << " (" << a.n_excluded << " excluded; "
      << (a.missing == missing_handling::pairwise ? "pairwise" : "listwise") << " deletion)\n"
      << "Cronbach's alpha (raw): " << format_fixed(a.raw_alpha, 4) << ", " << format_significant(100 * a.level, 3)
      << "% Feldt CI [" << format_fixed(a.alpha_ci_lower, 4) << ", " << format_fixed(a.alpha_ci_upper, 4) << "]\n"
      << "standardized alpha: " << format_fixed(a.std_alpha, 4) << ", average inter-item r: "
      << format_fixed(a.average_r, 4) << "\n";
  if (omega != nullptr) {
    out << "omega total: " << format_fixed(omega->omega_total, 4) << " (" << omega->estimator << ")\n";
  }
  out << "scale mean " << format_significant(a.mean, 5) << ", SD " << format_significant(a.sd, 5)
      << ", SEM " << format_significant(standard_error_of_measurement(a.sd, a.raw_alpha), 4) << "\n\n";
  text_table t({"item", "n", "mean", "sd", "r_drop", "alpha if deleted"});
  for (const auto& i : a.items) {
    t.add_row({i.item, std::to_string(i.n), format_fixed(i.mean, 3), format_fixed(i.sd, 3), format_fixed(i.r_drop, 3),
               format_fixed(i.alpha_if_deleted, 3)});
  }
  return out.str() + t.str();
}

detail::json_value detail::reliability_json_value(const alpha_result& a, const omega_result* omega) {
  json items = json::array();
  for (const auto& i : a.items) {
    json j;
    j["item"] = i.item;
    j["n"] = i.n;
    j["mean"] = json_number(i.mean);
    j["sd"] = json_number(i.sd);
    j["r_drop"] = json_number(i.r_drop);
    j["alpha_if_deleted"] = json_number(i.alpha_if_deleted);
    j["std_alpha_if_deleted"] = json_number(i.std_alpha_if_deleted);
    items.push_back(std::move(j));
  }
  json out;
  out["schema"] = "socialcure.reliability/1";
  out["n"] = a.n;
  out["n_excluded"] = a.n_excluded;
  out["k"] = a.k;
  out["missing"] = a.missing == missing_handling::pairwise ? "pairwise" : "listwise";
  out["level"] = a.level;
  out["alpha"] = json_number(a.raw_alpha);
  out["std_alpha"] = json_number(a.std_alpha);
  out["average_r"] = json_number(a.average_r);
  out["alpha_ci"] = {json_number(a.alpha_ci_lower), json_number(a.alpha_ci_upper)};
  out["omega_total"] = omega != nullptr ? json_number(omega->omega_total) : json(nullptr);
  out["omega_estimator"] = omega != nullptr ? json(omega->estimator) : json(nullptr);
  out["loadings"] = omega != nullptr ? json(omega->loadings) : json(nullptr);
  out["mean"] = json_number(a.mean);
  out["sd"] = json_number(a.sd);
  out["sem"] = json_number(standard_error_of_measurement(a.sd, a.raw_alpha));
  out["items"] = std::move(items);
  return out;
}

std::string reliability_json(const alpha_result& a, const omega_result* omega) {
  return detail::dump_json(detail::reliability_json_value(a, omega));
}

}  // namespace socialcure

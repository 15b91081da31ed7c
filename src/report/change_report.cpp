#include "socialcure/report/change_report.hpp"

#include <sstream>

#include <nlohmann/json.hpp>

#include "report/detail/json_number.hpp"
#include "report/detail/json_values.hpp"
#include "socialcure/core/number.hpp"
#include "socialcure/data/csv.hpp"
#include "socialcure/report/text_table.hpp"

namespace socialcure {

namespace {

using json = nlohmann::ordered_json;
using detail::json_number;

std::string level_percent(double level) { return format_number(100.0 * level) + "%"; }

std::string interval(double lower, double upper, int decimals) {
  return "[" + format_fixed(lower, decimals) + ", " + format_fixed(upper, decimals) + "]";
}

std::string wilcoxon_method_text(const wilcoxon_result& w) {
  switch (w.method) {
    case wilcoxon_method::exact: return "exact";
    case wilcoxon_method::normal_corrected: return "normal approximation with continuity correction";
    case wilcoxon_method::normal: return "normal approximation";
    case wilcoxon_method::none: return "no test";
  }
  return "";
}

std::string better_text(improvement better) {
  switch (better) {
    case improvement::lower: return "lower is better";
    case improvement::higher: return "higher is better";
    case improvement::none: return "direction of improvement not given";
  }
  return "";
}

void text_reliable(std::ostringstream& out, const reliable_change_result& r) {
  out << "\nReliable change (Jacobson & Truax): r_xx = " << format_fixed(r.reliability, 3) << ", SD_pre = "
      << format_fixed(r.sd_pre, 4) << (r.sd_pre_from_sample ? " (sample baseline)" : " (given)")
      << ", SE_m = " << format_fixed(r.sem, 4) << ", S_diff = " << format_fixed(r.s_diff, 4) << "\n";
  out << "  a reliable change exceeds " << format_fixed(r.min_reliable_change, 4) << " (|RC| > "
      << format_number(r.critical) << "); " << better_text(r.better) << "\n";
  if (r.better == improvement::none) {
    out << "  increased " << r.n_increased << ", decreased " << r.n_decreased << ", unchanged " << r.n_unchanged << "\n";
  } else {
    out << "  improved " << r.n_improved << ", deteriorated " << r.n_deteriorated << ", unchanged " << r.n_unchanged
        << "\n";
  }
  if (r.criterion != clinical_criterion::none) {
    out << "  clinically significant change (criterion " << to_string(r.criterion) << ", cut-off "
        << format_fixed(r.cutoff, 4) << "): recovered " << r.n_recovered << ", improved " << r.n_improved_only
        << ", unchanged " << r.n_unchanged << ", deteriorated " << r.n_deteriorated << "\n";
  }
  if (r.n_excluded > 0) out << "  " << r.n_excluded << " persons not assessed (missing pre or post)\n";
}

}  // namespace

std::string change_text(const change_result& r, const std::string& pre, const std::string& post) {
  std::ostringstream out;
  const paired_t_result& t = r.t_test;
  out << "Change from " << pre << " to " << post << ": " << r.n << " pairs";
  if (r.n_excluded > 0) out << " (" << r.n_excluded << " excluded: missing pre or post)";
  out << "\n\n";
  text_table means({"", "pre", "post", "change"});
  means.add_row({"mean", format_fixed(t.mean_pre, 4), format_fixed(t.mean_post, 4), format_fixed(t.mean_diff, 4)});
  means.add_row({"sd", format_fixed(t.sd_pre, 4), format_fixed(t.sd_post, 4), format_fixed(t.sd_diff, 4)});
  out << means.str();
  out << "r(pre, post) = " << format_fixed(t.r_pre_post, 4) << "\n\n";
  out << "Paired t-test: t(" << format_number(t.df) << ") = " << format_fixed(t.t, 4) << ", p = " << format_p(t.p)
      << "; mean change " << format_fixed(t.mean_diff, 4) << ", " << level_percent(t.level) << " CI "
      << interval(t.ci_lower, t.ci_upper, 4) << "\n\n";
  const standardized_change& e = r.effects;
  text_table effects({"effect size", "estimate", level_percent(e.level) + " CI", "CI method"});
  const std::pair<const char*, const effect_size*> rows[] = {{"d_z (= SRM)", &e.d_z}, {"g_z", &e.g_z},
                                                             {"d_av", &e.d_av},        {"g_av", &e.g_av},
                                                             {"d_rm", &e.d_rm}};
  for (const auto& [name, es] : rows) {
    effects.add_row({name, format_fixed(es->estimate, 4), interval(es->ci_lower, es->ci_upper, 4),
                     std::string(to_string(es->ci_method))});
  }
  out << effects.str();
  out << "Hedges' J = " << format_fixed(e.hedges_j, 6) << " (exact, df = " << format_number(t.df) << ")\n\n";
  const wilcoxon_result& w = r.wilcoxon;
  out << "Wilcoxon signed-rank: V = " << format_number(w.v) << ", p = " << format_p(w.p) << " ("
      << wilcoxon_method_text(w) << (w.n_zeros > 0 ? "; " + std::to_string(w.n_zeros) + " zero differences dropped" : "")
      << (w.has_ties ? "; " + std::to_string(w.n_tie_groups) + " tie groups" : "") << ")\n";
  if (!w.note.empty()) out << "  note: " << w.note << "\n";
  const change_scores& s = r.scores;
  out << "Percent change: of the means " << format_fixed(s.percent_change_of_means, 2)
      << "%; mean of the individual percent changes " << format_fixed(s.mean_percent_change, 2) << "%";
  if (s.n_percent_undefined > 0) out << " (" << s.n_percent_undefined << " persons with a zero baseline excluded)";
  out << "\n";
  if (r.reliable) text_reliable(out, *r.reliable);
  if (r.category) {
    const mcnemar_result& m = *r.category;
    out << "\nMcNemar, category 'at or above " << format_number(r.options.cutoff) << "': " << m.n11 + m.n10
        << " before, " << m.n11 + m.n01 << " after (of " << m.n << "); left the category " << m.b << ", entered "
        << m.c << "\n";
    out << "  chi2 = " << format_fixed(m.chi2_corrected, 4) << " (continuity-corrected), p = " << format_p(m.p_corrected)
        << "; uncorrected chi2 = " << format_fixed(m.chi2, 4) << ", p = " << format_p(m.p)
        << "; exact p = " << format_p(m.p_exact) << "\n";
    out << "  paired odds ratio b/c = " << format_fixed(m.odds_ratio, 4) << ", " << level_percent(m.level)
        << " CI " << interval(m.odds_ratio_ci_lower, m.odds_ratio_ci_upper, 4) << " (exact)\n";
  }
  if (r.rate_ratio) {
    const rate_ratio_result& q = *r.rate_ratio;
    out << "\nRate ratio (post / pre): " << format_fixed(q.estimate, 4) << ", " << level_percent(q.level) << " CI "
        << interval(q.ci_lower, q.ci_upper, 4) << " (Wald), " << interval(q.exact_ci_lower, q.exact_ci_upper, 4)
        << " (exact); change " << format_fixed(q.percent_change, 1) << "% "
        << interval(q.percent_change_ci_lower, q.percent_change_ci_upper, 1) << "\n";
    out << "  events " << format_number(q.s_pre) << " before, " << format_number(q.s_post) << " after; "
        << q.n_contributing << " of " << q.n << " persons with any event; exact p = " << format_p(q.exact_p)
        << "; dispersion " << format_fixed(q.dispersion, 3)
        << (q.dispersion > 1.5 ? " (extra-binomial variation: the CIs are too narrow)" : "") << "\n";
    if (q.evalue) {
      out << "  E-value " << format_fixed(q.evalue->evalue_estimate, 3) << " (CI limit nearer 1: "
          << format_fixed(q.evalue->evalue_ci, 3)
          << "): an unmeasured confounder would need a risk ratio this large with both the period and the count to "
             "explain the change away (VanderWeele & Ding 2017)\n";
    }
    if (!q.note.empty()) out << "  note: " << q.note << "\n";
  }
  return out.str();
}

detail::json_value detail::change_json_value(const change_result& r, const std::string& pre, const std::string& post) {
  const paired_t_result& t = r.t_test;
  const standardized_change& e = r.effects;
  json j;
  j["schema"] = "socialcure.change/1";
  j["pre"] = pre;
  j["post"] = post;
  j["n"] = r.n;
  j["n_excluded"] = r.n_excluded;
  j["level"] = t.level;
  const std::pair<const char*, double> t_fields[] = {
      {"mean_pre", t.mean_pre}, {"mean_post", t.mean_post}, {"sd_pre", t.sd_pre},     {"sd_post", t.sd_post},
      {"r_pre_post", t.r_pre_post}, {"mean_diff", t.mean_diff}, {"sd_diff", t.sd_diff}, {"se_diff", t.se_diff},
      {"t", t.t},               {"df", t.df},               {"p", t.p},               {"ci_lower", t.ci_lower},
      {"ci_upper", t.ci_upper}};
  for (const auto& [name, value] : t_fields) j[name] = json_number(value);
  const std::pair<const char*, const effect_size*> effects[] = {{"d_z", &e.d_z},   {"srm", &e.srm},   {"g_z", &e.g_z},
                                                                {"d_av", &e.d_av}, {"g_av", &e.g_av}, {"d_rm", &e.d_rm}};
  json detail = json::object();
  for (const auto& [name, es] : effects) {
    j[name] = json_number(es->estimate);
    detail[name] = {{"estimate", json_number(es->estimate)},
                    {"ci_lower", json_number(es->ci_lower)},
                    {"ci_upper", json_number(es->ci_upper)},
                    {"ci_method", to_string(es->ci_method)}};
  }
  j["effect_sizes"] = std::move(detail);
  j["hedges_j"] = json_number(e.hedges_j);
  j["percent_change"] = {{"of_means", json_number(r.scores.percent_change_of_means)},
                         {"mean_individual", json_number(r.scores.mean_percent_change)},
                         {"n_zero_baseline", r.scores.n_percent_undefined}};
  j["residualized"] = {{"intercept", json_number(r.scores.residual_intercept)},
                       {"slope", json_number(r.scores.residual_slope)}};
  const wilcoxon_result& w = r.wilcoxon;
  j["wilcoxon"] = {{"V", json_number(w.v)},         {"p", json_number(w.p)},
                   {"method", to_string(w.method)}, {"z", json_number(w.z)},
                   {"n_nonzero", w.n_nonzero},      {"n_zeros", w.n_zeros},
                   {"ties", w.has_ties},            {"note", w.note}};
  if (r.reliable) {
    const reliable_change_result& q = *r.reliable;
    const bool directed = q.better != improvement::none;
    json rci = {{"reliability", json_number(q.reliability)},
                {"sd_pre", json_number(q.sd_pre)},
                {"sd_pre_source", q.sd_pre_from_sample ? "sample" : "given"},
                {"sem", json_number(q.sem)},
                {"se_diff", json_number(q.s_diff)},
                {"min_reliable_change", json_number(q.min_reliable_change)},
                {"critical", json_number(q.critical)},
                {"better", to_string(q.better)},
                {"increased", q.n_increased},
                {"decreased", q.n_decreased},
                {"unchanged", q.n_unchanged},
                {"improved", directed ? json(q.n_improved) : json(nullptr)},
                {"deteriorated", directed ? json(q.n_deteriorated) : json(nullptr)},
                {"not_assessed", q.n_excluded}};
    if (q.criterion == clinical_criterion::none) {
      rci["clinical"] = nullptr;
    } else {
      rci["clinical"] = {{"criterion", to_string(q.criterion)}, {"cutoff", json_number(q.cutoff)},
                         {"recovered", q.n_recovered},          {"improved", q.n_improved_only},
                         {"unchanged", q.n_unchanged},          {"deteriorated", q.n_deteriorated}};
    }
    j["rci"] = std::move(rci);
  } else {
    j["rci"] = nullptr;
  }
  if (r.category) {
    const mcnemar_result& m = *r.category;
    j["mcnemar"] = {{"cutoff", json_number(r.options.cutoff)},
                    {"category", "at or above the cut-off"},
                    {"n", m.n},
                    {"n00", m.n00},
                    {"n01", m.n01},
                    {"n10", m.n10},
                    {"n11", m.n11},
                    {"b", m.b},
                    {"c", m.c},
                    {"chi2", json_number(m.chi2)},
                    {"p", json_number(m.p)},
                    {"chi2_corrected", json_number(m.chi2_corrected)},
                    {"p_corrected", json_number(m.p_corrected)},
                    {"p_exact", json_number(m.p_exact)},
                    {"odds_ratio", json_number(m.odds_ratio)},
                    {"odds_ratio_ci_lower", json_number(m.odds_ratio_ci_lower)},
                    {"odds_ratio_ci_upper", json_number(m.odds_ratio_ci_upper)},
                    {"prop_pre", json_number(m.prop_pre)},
                    {"prop_post", json_number(m.prop_post)}};
  } else {
    j["mcnemar"] = nullptr;
  }
  if (r.rate_ratio) {
    const rate_ratio_result& q = *r.rate_ratio;
    j["rate_ratio"] = {{"estimate", json_number(q.estimate)},
                       {"ci_lower", json_number(q.ci_lower)},
                       {"ci_upper", json_number(q.ci_upper)},
                       {"ci_method", "wald"},
                       {"exact_ci_lower", json_number(q.exact_ci_lower)},
                       {"exact_ci_upper", json_number(q.exact_ci_upper)},
                       {"exact_p", json_number(q.exact_p)},
                       {"percent_change", json_number(q.percent_change)},
                       {"percent_change_ci_lower", json_number(q.percent_change_ci_lower)},
                       {"percent_change_ci_upper", json_number(q.percent_change_ci_upper)},
                       {"s_pre", json_number(q.s_pre)},
                       {"s_post", json_number(q.s_post)},
                       {"n_contributing", q.n_contributing},
                       {"se_log", json_number(q.se_log)},
                       {"pearson_chi2", json_number(q.pearson_chi2)},
                       {"pearson_df", json_number(q.pearson_df)},
                       {"dispersion", json_number(q.dispersion)},
                       {"evalue", q.evalue ? detail::evalue_json_value(*q.evalue) : json(nullptr)},
                       {"note", q.note}};
  } else {
    j["rate_ratio"] = nullptr;
  }
  return j;
}

std::string change_json(const change_result& r, const std::string& pre, const std::string& post) {
  return detail::dump_json(detail::change_json_value(r, pre, post));
}

std::string change_csv(const table& people) {
  std::ostringstream out;
  write_csv(out, people);
  return out.str();
}

}  // namespace socialcure

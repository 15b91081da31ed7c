#include "socialcure/report/study_report.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/detail/document.hpp"
#include "report/detail/json_number.hpp"
#include "report/detail/json_values.hpp"
#include "report/detail/natural_effects_text.hpp"
#include "socialcure/core/missing.hpp"
#include "socialcure/report/attrition_report.hpp"
#include "socialcure/report/change_figures.hpp"
#include "socialcure/report/change_report.hpp"
#include "socialcure/report/groups_report.hpp"
#include "socialcure/report/measures_report.hpp"
#include "socialcure/report/mediation_report.hpp"
#include "socialcure/report/moderation_report.hpp"
#include "socialcure/report/path_diagram.hpp"
#include "socialcure/report/process_figures.hpp"
#include "socialcure/report/regression_report.hpp"
#include "socialcure/report/text_table.hpp"

namespace socialcure {

namespace {

using detail::doc_figure;
using detail::doc_table;
using detail::document;

// ---- numbers -------------------------------------------------------------------------------

// Decimals of an estimate by its size (see the header).
int decimals_for(double x) {
  if (!std::isfinite(x)) return 2;
  const double a = std::fabs(x);
  if (a >= 100.0) return 1;
  if (a >= 1.0 || a == 0.0) return 2;
  if (a >= 0.01) return 3;
  return 4;
}

std::string num(double x, int decimals) { return is_missing(x) ? "NA" : format_fixed(x, decimals); }
std::string est(double x) { return num(x, decimals_for(x)); }
std::string interval(double lower, double upper, int decimals) {
  return "[" + num(lower, decimals) + ", " + num(upper, decimals) + "]";
}
std::string count(std::size_t n) { return std::to_string(n); }

// p in a table: 3 decimals, or the estimate's when it has more ("< .001" below 10^-decimals),
// without the leading zero.
std::string p_cell(double p, int estimate_decimals = 3) {
  if (is_missing(p)) return "NA";
  const int decimals = std::max(3, estimate_decimals);
  const double smallest = std::pow(10.0, -decimals);
  if (p < smallest) return "< " + format_fixed(smallest, decimals).substr(1);
  std::string text = format_fixed(p, decimals);
  if (text.rfind("0.", 0) == 0) text.erase(0, 1);
  return text;
}

// "p = .012" / "p < .001".
std::string apa_p(double p) {
  if (is_missing(p)) return "p not available";
  const std::string cell = p_cell(p);
  return cell.front() == '<' ? "p " + cell : "p = " + cell;
}

std::string level_text(double level) { return format_significant(100.0 * level, 3) + "%"; }
std::string interval_header(double level) { return level_text(level) + " CI"; }

std::string mean_sd(double mean, double sd) { return est(mean) + " (" + num(sd, decimals_for(mean)) + ")"; }

std::string names_text(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

std::string arrow_path(const std::vector<std::string>& path) {
  std::string out;
  for (const auto& p : path) out += (out.empty() ? "" : " → ") + p;
  return out;
}

// ---- sections -------------------------------------------------------------------------------

// The pattern table (as mice::md.pattern) among the first wave's respondents, and Little's test.
void missingness_section(document& doc, const study_result& r) {
  if (!r.missingness) return;
  const missingness_description& d = *r.missingness;
  doc_table t;
  t.caption = "Missing-data patterns of the " + count(d.n_rows) + " respondents at " + r.study.waves[0];
  t.header = {"Respondents"};
  t.header.insert(t.header.end(), d.pattern_columns.begin(), d.pattern_columns.end());
  t.header.push_back("Missing");
  for (const auto& p : d.patterns) {
    std::vector<std::string> row{count(p.count)};
    for (const bool o : p.observed) row.push_back(o ? "1" : "0");
    row.push_back(count(p.n_missing));
    t.rows.push_back(std::move(row));
  }
  std::vector<std::string> totals{"Missing"};
  for (const std::size_t m : d.missing_per_column) totals.push_back(count(m));
  totals.push_back(count(d.total_missing));
  t.rows.push_back(std::move(totals));
  t.note = "1 = observed, 0 = missing; columns by increasing number missing, as mice::md.pattern.";
  if (r.little_mcar && !is_missing(r.little_mcar->p)) {
    const little_mcar_result& l = *r.little_mcar;
    t.note += " Little's MCAR test (maximum-likelihood EM moments): χ²(" + num(l.df, 0) + ") = " +
              num(l.chi_square, 2) + ", " + apa_p(l.p) + ".";
  }
  doc.add_table(std::move(t));
}

void sample_section(document& doc, const study_result& r, std::vector<std::string>& sentences) {
  const auto& w = r.study.waves;
  doc.heading(2, "Sample and attrition");
  std::string text = count(r.n_first) + " respondents took part at " + w[0] + " and " + count(r.n_second) + " at " +
                     w[1] + "; " + count(r.n_both) + " took part at both";
  if (r.n_first > 0) {
    text += " (" + format_fixed(100.0 * static_cast<double>(r.n_both) / static_cast<double>(r.n_first), 1) + "% of " +
            w[0] + ")";
  }
  doc.paragraph(text + ".");
  if (!r.attrition) return;
  const attrition_result& a = *r.attrition;
  doc_table t;
  t.caption = "Completers (" + count(a.n_completed) + ") and non-completers (" + count(a.n_dropped) + ") at " + w[0];
  t.header = {"Variable", "Completers", "Non-completers", "Difference " + interval_header(a.level), "Test", "p", "SMD"};
  std::vector<std::string> differing;
  for (const auto& v : a.variables) {
    if (v.categorical) {
      t.rows.push_back({v.variable, "n = " + count(v.n_completed), "n = " + count(v.n_dropped), "",
                        "χ²(" + count(v.levels.empty() ? 0 : v.levels.size() - 1) + ") = " + num(v.chi2, 2), p_cell(v.p),
                        num(v.smd, 2)});
      for (const auto& level : v.levels) {
        const auto share = [](std::size_t k, std::size_t n) {
          return n == 0 ? std::string("NA") : format_fixed(100.0 * static_cast<double>(k) / static_cast<double>(n), 1) + "%";
        };
        t.rows.push_back({"  " + level.level, count(level.completed) + " (" + share(level.completed, v.n_completed) + ")",
                          count(level.dropped) + " (" + share(level.dropped, v.n_dropped) + ")", "", "", "", ""});
      }
    } else {
      const int d = decimals_for(v.mean_completed);
      t.rows.push_back({v.variable, mean_sd(v.mean_completed, v.sd_completed) + ", n = " + count(v.n_completed),
                        mean_sd(v.mean_dropped, v.sd_dropped) + ", n = " + count(v.n_dropped),
                        num(v.mean_diff, d) + " " + interval(v.ci_lower, v.ci_upper, d),
                        "t(" + num(v.df, 1) + ") = " + num(v.t, 2), p_cell(v.p), num(v.smd, 2)});
    }
    if (!is_missing(v.p) && v.p < 1.0 - a.level) differing.push_back(v.variable);
  }
  t.note = "Numeric: mean (SD), Welch t test, standardized mean difference (completers - non-completers). "
           "Categorical: counts (column %), chi-square test" +
           std::string(a.variables.empty() ? "" : " (Yates-corrected for 2 x 2 tables)") +
           ", SMD of Yang & Dalton. Rows without a value are excluded per variable.";
  doc.add_table(std::move(t));
  missingness_section(doc, r);
  std::string sentence = "Of " + count(a.n_completed + a.n_dropped) + " respondents at " + w[0] + ", " +
                         count(a.n_completed) + " completed the follow-up; completers and non-completers ";
  if (differing.empty()) {
    sentence += "did not differ significantly on any baseline variable compared.";
  } else {
    sentence += "differed on ";
    for (std::size_t i = 0; i < differing.size(); ++i) {
      const auto it = std::find_if(a.variables.begin(), a.variables.end(),
                                   [&](const attrition_variable& v) { return v.variable == differing[i]; });
      sentence += (i == 0 ? "" : (i + 1 == differing.size() ? " and " : ", ")) + differing[i] + " (" + apa_p(it->p) +
                  ", SMD = " + num(it->smd, 2) + ")";
    }
    sentence += ".";
  }
  sentences.push_back(sentence);
}

void scales_section(document& doc, const study_result& r) {
  if (r.scales.empty()) return;
  const auto& w = r.study.waves;
  doc.heading(2, "Scale scores per wave");
  doc_table t;
  t.caption = "Scale scores and internal consistency";
  t.header = {"Scale", "Wave", "n", "Not scorable", "M", "SD", "α " + interval_header(r.study.settings.level), "ω total"};
  for (const auto& s : r.scales) {
    for (std::size_t wave = 0; wave < 2; ++wave) {
      const auto& sw = s.waves[wave];
      const std::size_t present = wave == 0 ? r.n_first : r.n_second;
      std::string alpha = "NA";
      if (sw.alpha) alpha = num(sw.alpha->raw_alpha, 2) + " " + interval(sw.alpha->alpha_ci_lower, sw.alpha->alpha_ci_upper, 2);
      t.rows.push_back({s.scale.name + " (" + s.scale.definition->id + ")", w[wave], count(sw.n),
                        count(present >= sw.n ? present - sw.n : 0), est(sw.mean), num(sw.sd, decimals_for(sw.mean)), alpha,
                        sw.omega ? num(sw.omega->omega_total, 2) : "NA"});
    }
  }
  t.note = "Scores by each scale's scoring rule (missing items as the scale's missing rule allows). Alpha: raw alpha "
           "with pairwise covariances and its Feldt CI; omega total from a one-factor model.";
  doc.add_table(std::move(t));
  std::vector<std::string> notes;
  for (const auto& s : r.scales) {
    for (std::size_t wave = 0; wave < 2; ++wave) {
      if (!s.waves[wave].reliability_note.empty())
        notes.push_back(s.scale.name + " at " + w[wave] + ": " + s.waves[wave].reliability_note);
    }
  }
  doc.list(std::move(notes));
}

void groups_section(document& doc, const study_result& r, std::vector<study_figure>& figures) {
  if (!r.groups) return;
  const group_results& g = *r.groups;
  doc.heading(2, "Group memberships");
  doc_table t;
  t.caption = "Number of groups per wave";
  int top = 0;
  for (const auto& s : g.summaries) {
    for (const auto& [k, n] : s.distribution) top = std::max(top, k);
  }
  top = std::min(top, 6);
  t.header = {"Wave", "Surveyed", "M (SD)"};
  for (int k = 0; k <= top; ++k) t.header.push_back(k == 6 ? "6+" : std::to_string(k));
  for (const auto& s : g.summaries) {
    std::vector<std::string> row{s.wave, count(s.n_surveyed), mean_sd(s.mean_groups, s.sd_groups)};
    for (int k = 0; k <= top; ++k) {
      std::size_t n = 0;
      for (const auto& [groups, people] : s.distribution) {
        if (groups == k || (k == 6 && groups > 6)) n += people;
      }
      row.push_back(count(n));
    }
    t.rows.push_back(std::move(row));
  }
  doc.add_table(std::move(t));
  double maintained = 0.0;
  double gained = 0.0;
  double lost = 0.0;
  std::size_t n = 0;
  for (const auto& tr : g.transitions) {
    if (is_missing(tr.maintained)) continue;
    maintained += tr.maintained;
    gained += tr.gained;
    lost += tr.lost;
    ++n;
  }
  if (n > 0) {
    const double k = static_cast<double>(n);
    doc.paragraph("Of the " + count(g.n_both) + " respondents surveyed at " + g.from + " and " + g.to + ", " +
                  format_fixed(100.0 * g.share_gained_any, 1) + "% joined at least one new group. On average they kept " +
                  format_fixed(maintained / k, 2) + " groups, joined " + format_fixed(gained / k, 2) + " and left " +
                  format_fixed(lost / k, 2) + ".");
  }
  study_figure f{"figures/groups.svg", "Number of groups per respondent at each wave", group_counts_svg(g)};
  doc.add_figure({f.file, f.caption, f.svg});
  figures.push_back(std::move(f));
}

std::string measure_label(const study_result& r, const std::string& measure) {
  for (const auto& s : r.scales) {
    if (s.scale.name == measure) return measure + " (" + s.scale.definition->id + ")";
  }
  return measure;
}

void change_section(document& doc, const study_result& r, std::vector<study_figure>& figures,
                    std::vector<std::string>& sentences) {
  if (r.changes.empty()) return;
  const auto& w = r.study.waves;
  const double level = r.study.settings.level;
  doc.heading(2, "Change from " + w[0] + " to " + w[1]);
  doc_table t;
  t.caption = "Mean change (" + w[1] + " - " + w[0] + ") among respondents with both values";
  t.header = {"Measure", "n", "M (SD) " + w[0], "M (SD) " + w[1], "Change " + interval_header(level), "t (df)", "p",
              "d_z " + interval_header(level), "Wilcoxon p"};
  for (const auto& c : r.changes) {
    const auto& tt = c.result.t_test;
    const int d = std::max(decimals_for(tt.mean_pre), decimals_for(tt.mean_diff));
    const auto& dz = c.result.effects.d_z;
    t.rows.push_back({measure_label(r, c.measure), count(tt.n), mean_sd(tt.mean_pre, tt.sd_pre),
                      mean_sd(tt.mean_post, tt.sd_post), num(tt.mean_diff, d) + " " + interval(tt.ci_lower, tt.ci_upper, d),
                      num(tt.t, 2) + " (" + num(tt.df, 0) + ")", p_cell(tt.p, d),
                      num(dz.estimate, 2) + " " + interval(dz.ci_lower, dz.ci_upper, 2), p_cell(c.result.wilcoxon.p)});
    std::string sentence = "Mean " + c.measure + " changed from M = " + est(tt.mean_pre) + " (SD = " +
                           num(tt.sd_pre, decimals_for(tt.mean_pre)) + ") at " + w[0] + " to M = " + est(tt.mean_post) +
                           " (SD = " + num(tt.sd_post, decimals_for(tt.mean_pre)) + ") at " + w[1] + ", a mean change of " +
                           num(tt.mean_diff, d) + ", " + level_text(level) + " CI " + interval(tt.ci_lower, tt.ci_upper, d) +
                           ", t(" + num(tt.df, 0) + ") = " + num(tt.t, 2) + ", " + apa_p(tt.p) + ", d_z = " +
                           num(dz.estimate, 2) + ", " + level_text(level) + " CI " + interval(dz.ci_lower, dz.ci_upper, 2) +
                           " (n = " + count(tt.n) + ").";
    if (!c.count) sentences.push_back(sentence);
  }
  t.note = "n excludes respondents without both values (for most, absent at " + w[1] +
           "). d_z = mean change / SD of change, noncentral-t CI. Wilcoxon signed-rank test as R's wilcox.test.";
  doc.add_table(std::move(t));

  doc_table rc;
  rc.caption = "Reliable change (Jacobson & Truax), reliability = alpha at " + w[0];
  rc.header = {"Measure", "Assessed", "Reliability", "Reliable change >", "Improved", "Unchanged", "Deteriorated"};
  for (const auto& c : r.changes) {
    if (!c.result.reliable) continue;
    const auto& rel = *c.result.reliable;
    const bool directed = rel.better != improvement::none;
    rc.rows.push_back({measure_label(r, c.measure), count(rel.n), num(rel.reliability, 2),
                       est(rel.min_reliable_change), count(directed ? rel.n_improved : rel.n_increased),
                       count(rel.n_unchanged), count(directed ? rel.n_deteriorated : rel.n_decreased)});
    sentences.push_back("Of " + count(rel.n) + " respondents with " + c.measure + " at both waves, " +
                        count(directed ? rel.n_improved : rel.n_increased) + " showed reliable " +
                        (directed ? "improvement" : "increase") + " and " +
                        count(directed ? rel.n_deteriorated : rel.n_decreased) + " reliable " +
                        (directed ? "deterioration" : "decrease") + " (reliable change index, |RC| > " +
                        num(rel.critical, 2) + ").");
  }
  if (!rc.rows.empty()) {
    rc.note = "Improved / deteriorated: reliable change in the scale's better / worse direction; SD of " + w[0] +
              " from the analysed pairs.";
    doc.add_table(std::move(rc));
  }

  doc_table counts;
  counts.caption = "Count outcomes: paired rate ratio (" + w[1] + " / " + w[0] + ")";
  counts.header = {"Measure", "n", "Total " + w[0], "Total " + w[1], "Rate ratio " + interval_header(level),
                   "Change % " + interval_header(level), "Exact p"};
  for (const auto& c : r.changes) {
    if (!c.result.rate_ratio) continue;
    const auto& rr = *c.result.rate_ratio;
    counts.rows.push_back({c.measure, count(rr.n), num(rr.s_pre, 0), num(rr.s_post, 0),
                           num(rr.estimate, 3) + " " + interval(rr.ci_lower, rr.ci_upper, 3),
                           num(rr.percent_change, 1) + " " + interval(rr.percent_change_ci_lower, rr.percent_change_ci_upper, 1),
                           p_cell(rr.exact_p)});
    if (!rr.note.empty()) {  // no events (at all, before or after): say why the numbers are missing
      sentences.push_back("Total " + c.measure + " went from " + num(rr.s_pre, 0) + " to " + num(rr.s_post, 0) +
                          " among the " + count(rr.n) + " respondents counted at both waves: " + rr.note + ".");
      counts.note += (counts.note.empty() ? "" : " ") + c.measure + ": " + rr.note + ".";
      continue;
    }
    sentences.push_back("Total " + c.measure + " went from " + num(rr.s_pre, 0) + " to " + num(rr.s_post, 0) +
                        " among the " + count(rr.n) + " respondents counted at both waves, " +
                        (rr.percent_change < 0 ? "a fall of " : "a rise of ") + num(std::fabs(rr.percent_change), 1) +
                        "% (rate ratio = " + num(rr.estimate, 3) + ", " + level_text(level) + " CI " +
                        interval(rr.ci_lower, rr.ci_upper, 3) + ", exact " + apa_p(rr.exact_p) + ").");
  }
  if (!counts.rows.empty()) {
    counts.note = "Wald CI of the rate ratio on the log scale; exact test conditional on each person's total." +
                  (counts.note.empty() ? std::string() : " " + counts.note);
    doc.add_table(std::move(counts));
  }

  std::vector<change_panel> panels;
  for (const auto& c : r.changes) {
    change_panel p;
    p.title = c.measure;
    const auto pre = r.analysis.numeric(c.measure + "_" + w[0]);
    const auto post = r.analysis.numeric(c.measure + "_" + w[1]);
    p.pre = Eigen::Map<const Eigen::VectorXd>(pre.data(), static_cast<Eigen::Index>(pre.size()));
    p.post = Eigen::Map<const Eigen::VectorXd>(post.data(), static_cast<Eigen::Index>(post.size()));
    panels.push_back(std::move(p));
  }
  change_figure_options options;
  options.pre_label = w[0];
  options.post_label = w[1];
  options.level = level;
  study_figure f{"figures/change.svg",
                 "Change of each measure: one line per respondent with both values, means with " + level_text(level) + " CIs",
                 change_slope_svg(panels, options)};
  doc.add_figure({f.file, f.caption, f.svg});
  figures.push_back(std::move(f));
}

void coefficient_table(document& doc, const std::string& caption, const std::vector<coefficient>& coefs, double level,
                       bool z, bool ratio, const std::string& ratio_name, const std::string& note) {
  doc_table t;
  t.caption = caption;
  t.header = {"Term", "b", "SE", z ? "z" : "t", "p", interval_header(level)};
  if (ratio) t.header.push_back(ratio_name + " " + interval_header(level));
  for (const auto& c : coefs) {
    if (c.aliased) {
      t.rows.push_back({c.term, "aliased", "", "", "", ""});
      if (ratio) t.rows.back().push_back("");
      continue;
    }
    const int d = decimals_for(c.estimate);
    std::vector<std::string> row{c.term, num(c.estimate, d), num(c.se, d), num(c.statistic, 2), p_cell(c.p, d),
                                 interval(c.ci_lower, c.ci_upper, d)};
    if (ratio) {
      const int e = decimals_for(c.exp_estimate);
      row.push_back(num(c.exp_estimate, e) + " " + interval(c.exp_ci_lower, c.exp_ci_upper, e));
    }
    t.rows.push_back(std::move(row));
  }
  t.note = note;
  doc.add_table(std::move(t));
}

std::string excluded_text(std::size_t n, std::size_t excluded, const std::vector<missing_count>& by_column) {
  std::string text = "n = " + count(n) + " used, " + count(excluded) + " excluded for missing values";
  std::string columns;
  for (const auto& m : by_column) {
    if (m.rows > 0) columns += (columns.empty() ? "" : ", ") + m.column + ": " + count(m.rows);
  }
  if (!columns.empty()) text += " (" + columns + ")";
  return text;
}

// "cluster-robust CR1 standard errors, 40 clusters of practice, t tests on 39 df".
std::string cluster_text(const cluster_info& c) {
  return "cluster-robust " + std::string(c.type == cluster_se_type::cr1 ? "CR1" : "CR2") + " standard errors, " +
         count(c.clusters) + " clusters of " + c.column +
         (c.type == cluster_se_type::cr1 ? ", t tests on " + count(c.clusters - 1) + " df" : ", Satterthwaite df");
}

// "t(39) = 2.10" for a test on df degrees of freedom (1 decimal when they are not whole).
std::string t_text(double df, double t) {
  return "t(" + num(df, df == std::floor(df) ? 0 : 1) + ") = " + num(t, 2);
}

void regression_section(document& doc, const study_result& r, std::vector<std::string>& sentences) {
  bool any = false;
  for (const auto& m : r.models) any = any || m.ols() != nullptr || m.glm() != nullptr;
  if (!any) return;
  const double level = r.study.settings.level;
  doc.heading(2, "Regression models");
  for (const auto& m : r.models) {
    if (m.ols() != nullptr) {
      const auto& f = *m.ols();
      doc.heading(3, m.model.name + ": linear regression of " + f.response);
      coefficient_table(doc,
                        "Coefficients (" + (f.cluster ? cluster_text(*f.cluster) : std::string(to_string(f.se)) +
                                                                                        " standard errors") + ")",
                        f.coefficients, level, false, false, "",
                        excluded_text(f.n, f.n_excluded, f.missing_by_column) + "; R² = " + num(f.r_squared, 3) +
                            ", adjusted R² = " + num(f.adj_r_squared, 3) + ".");
      for (const auto& c : f.coefficients) {
        if (c.term == "(Intercept)" || c.aliased) continue;
        const int d = decimals_for(c.estimate);
        sentences.push_back("In the linear regression of " + f.response + " (" + m.model.name + ", n = " + count(f.n) +
                            "), " + c.term + " had b = " + num(c.estimate, d) + ", " + level_text(level) + " CI " +
                            interval(c.ci_lower, c.ci_upper, d) + ", " +
                            t_text(f.cluster ? c.df : f.df_residual, c.statistic) + ", " + apa_p(c.p) + ".");
      }
    }
    if (m.glm() != nullptr) {
      const auto& f = *m.glm();
      const bool binomial = f.family == glm_family::binomial;
      const std::string family = f.family == glm_family::negative_binomial ? "negative binomial"
                                 : binomial                                 ? "logistic"
                                                                            : "Poisson";
      const std::string ratio = binomial ? "Odds ratio" : "Rate ratio";
      doc.heading(3, m.model.name + ": " + family + " regression of " + f.response);
      std::string note = excluded_text(f.n, f.n_excluded, f.missing_by_column) + "; deviance " + num(f.deviance, 2) +
                         " on " + num(f.df_residual, 0) + " df, AIC " + num(f.aic, 1);
      if (!is_missing(f.theta)) note += ", theta = " + est(f.theta) + " (SE " + num(f.se_theta, decimals_for(f.theta)) + ")";
      coefficient_table(doc, f.cluster ? "Coefficients (" + cluster_text(*f.cluster) + ")" : "Coefficients (Wald z tests and CIs)",
                        f.coefficients, level, !f.cluster, true, ratio, note + ".");
      for (const auto& c : f.coefficients) {
        if (c.term == "(Intercept)" || c.aliased) continue;
        const int e = decimals_for(c.exp_estimate);
        sentences.push_back("In the " + family + " regression of " + f.response + " (" + m.model.name + ", n = " +
                            count(f.n) + "), each unit of " + c.term + " went with " + (binomial ? "an odds" : "a rate") +
                            " ratio of " + num(c.exp_estimate, e) + ", " + level_text(level) + " CI " +
                            interval(c.exp_ci_lower, c.exp_ci_upper, e) + ", " +
                            (f.cluster ? t_text(c.df, c.statistic) : "z = " + num(c.statistic, 2)) + ", " + apa_p(c.p) +
                            ".");
      }
    }
  }
}

// "b = 0.12, 95% CI [0.01, 0.23], p = .034".
std::string effect_clause(double b, double lower, double upper, double p, double level) {
  const int d = decimals_for(b);
  return "b = " + num(b, d) + ", " + level_text(level) + " CI " + interval(lower, upper, d) + ", " + apa_p(p);
}

// "0.12, 95% percentile bootstrap CI [0.01, 0.23] (excluding zero)" or the reason for no CI.
std::string boot_clause(const mediation_effect& e, const std::string& method, double level) {
  const int d = decimals_for(e.estimate);
  if (!e.ci_ok) return num(e.estimate, d) + " (no interval: " + e.ci_problem + ")";
  return num(e.estimate, d) + ", " + level_text(level) + " " + method + " CI " + interval(e.ci_lower, e.ci_upper, d) + " (" +
         ((e.ci_lower > 0.0 || e.ci_upper < 0.0) ? "excluding" : "including") + " zero)";
}

std::vector<std::string> boot_row(std::vector<std::string> row, const mediation_effect& e) {
  const int d = decimals_for(e.estimate);
  row.insert(row.end(), {num(e.estimate, d), num(e.boot_se, d), e.ci_ok ? interval(e.ci_lower, e.ci_upper, d) : "NA (" + e.ci_problem + ")"});
  return row;
}

/// The conditional indirect effects, the index and the contrasts of a conditional process model
/// (a mediation_result or a glm_mediation_result: the same member names).
template <class Result>
void conditional_indirect_tables(document& doc, const Result& res, const std::string& method) {
  const double level = res.level;
  const std::string resamples = " (" + method + " CIs, " + count(res.replicates.succeeded) + " replicates)";
  doc_table ind;
  ind.caption = "Conditional indirect effects of " + res.x + " on " + res.y + " at values of " + res.w + resamples;
  ind.header = {"Mediator", res.w, "Estimate", "Boot SE", interval_header(level)};
  for (const auto& e : res.conditional_indirect) ind.rows.push_back(boot_row({e.mediator, est(e.w)}, e.effect));
  doc.add_table(std::move(ind));
  if (!res.index_of_moderated_mediation.empty()) {
    doc_table index;
    index.caption = "Index of moderated mediation" + resamples;
    index.header = {"Mediator", "Index", "Boot SE", interval_header(level)};
    for (const auto& e : res.index_of_moderated_mediation) index.rows.push_back(boot_row({e.mediator}, e.effect));
    doc.add_table(std::move(index));
  }
  if (!res.conditional_contrasts.empty()) {
    doc_table contrasts;
    contrasts.caption = "Contrasts of conditional indirect effects (later minus earlier value of " + res.w + ")" + resamples;
    contrasts.header = {"Mediator", "Contrast", "Estimate", "Boot SE", interval_header(level)};
    for (const auto& e : res.conditional_contrasts) {
      contrasts.rows.push_back(boot_row({e.mediator, res.w + " = " + est(e.w_to) + " vs " + est(e.w_from)}, e.effect));
    }
    doc.add_table(std::move(contrasts));
  }
}

void conditional_process_tables(document& doc, const mediation_result& res, const std::string& method) {
  const double level = res.level;
  conditional_indirect_tables(doc, res, method);
  if (!res.conditional_direct.empty()) {
    doc_table direct;
    direct.caption = "Conditional direct effects of " + res.x + " on " + res.y;
    direct.header = {res.w, "Effect", "SE", "t", "p", interval_header(level)};
    for (const auto& e : res.conditional_direct) {
      const auto& c = e.effect;
      const int d = decimals_for(c.estimate);
      direct.rows.push_back({est(e.w), num(c.estimate, d), num(c.se, d), num(c.statistic, 2), p_cell(c.p, d),
                             interval(c.ci_lower, c.ci_upper, d)});
    }
    doc.add_table(std::move(direct));
  }
}

void conditional_process_sentences(const study_model_result& m, const mediation_result& res, const std::string& method,
                                   std::vector<std::string>& sentences) {
  const std::string head = "In " + m.model.name + " (PROCESS model " + std::to_string(res.moderated_model) + ", n = " +
                           count(res.n) + "; " + count(res.replicates.succeeded) + " replicates, seed " +
                           std::to_string(res.replicates.seed) + "), ";
  for (const auto& mediator : res.mediators) {
    std::string sentence = head + "the indirect effect of " + res.x + " on " + res.y + " through " + mediator;
    const auto index = std::find_if(res.index_of_moderated_mediation.begin(), res.index_of_moderated_mediation.end(),
                                    [&](const auto& i) { return i.mediator == mediator; });
    if (index != res.index_of_moderated_mediation.end()) {
      sentence += " had an index of moderated mediation by " + res.w + " of " + boot_clause(index->effect, method, res.level);
    } else {
      sentence += " was quadratic in " + res.w + " (no index; see the contrasts)";
    }
    std::string at;
    for (const auto& e : res.conditional_indirect) {
      if (e.mediator != mediator) continue;
      at += (at.empty() ? "" : "; ") + std::string("at ") + res.w + " = " + est(e.w) + ", " + boot_clause(e.effect, method, res.level);
    }
    sentences.push_back(sentence + "; the conditional indirect effect was " + at + ".");
  }
  if (res.conditional_direct.empty()) return;
  std::string direct;
  for (const auto& e : res.conditional_direct) {
    const auto& c = e.effect;
    direct += (direct.empty() ? "" : "; ") + std::string("at ") + res.w + " = " + est(e.w) + ", " +
              effect_clause(c.estimate, c.ci_lower, c.ci_upper, c.p, res.level);
  }
  sentences.push_back(head + "the direct effect of " + res.x + " on " + res.y + " was " + direct + ".");
}

void conditional_process_part(document& doc, const study_model_result& m, const mediation_result& res,
                              std::vector<study_figure>& figures, std::vector<std::string>& sentences) {
  const std::string method = res.replicates.method == ci_method::monte_carlo
                                 ? "Monte Carlo"
                                 : std::string(to_string(res.replicates.method)) + " bootstrap";
  conditional_process_tables(doc, res, method);
  conditional_process_sentences(m, res, method, sentences);
  if (res.conditional_indirect.empty()) return;
  study_figure f{"figures/conditional_indirect_" + m.model.name + ".svg",
                 "Conditional indirect effects of " + m.model.name + " against " + res.w + ", with " +
                     level_text(res.level) + " " + method + " intervals at the probed values" +
                     (res.conditional_indirect_band.empty() ? "" : " and as a band across the range of " + res.w),
                 conditional_indirect_svg(res)};
  doc.add_figure({f.file, f.caption, f.svg});
  figures.push_back(std::move(f));
}

// ---- mediation with a count or binary outcome -----------------------------------------------

std::string glm_family_name(glm_family family) {
  switch (family) {
    case glm_family::negative_binomial: return "negative binomial";
    case glm_family::poisson: return "Poisson";
    case glm_family::binomial: return "logistic";
  }
  return "";
}

std::string replicates_clause(const replicate_summary& rep) {
  return std::string(to_string(rep.method)) + " bootstrap CIs, " + count(rep.succeeded) + " resamples" +
         (rep.cluster.empty() ? "" : " of " + count(rep.clusters) + " clusters (" + rep.cluster + ")") + ", seed " +
         std::to_string(rep.seed);
}

void natural_effects_table(document& doc, std::string caption, const std::vector<mediation_effect>& effects,
                           const std::vector<std::pair<const char*, const char*>>& rows, double level) {
  if (effects.empty()) return;  // no ratio effects for a probit outcome
  doc_table t;
  t.caption = std::move(caption);
  t.header = {"Effect", "Estimate", "Boot SE", interval_header(level)};
  for (const auto& [label, name] : rows) {
    if (const mediation_effect* e = detail::find_effect(effects, label)) t.rows.push_back(boot_row({name}, *e));
  }
  doc.add_table(std::move(t));
}

// "In m (serial mediation, negative binomial outcome, n = 630; ...), raising X from 0.4524 to 2.287
// (mean -> mean + SD) went with 24.5% fewer Y (rate ratio ...), 31.9% of it through M1 and M2, an
// indirect effect of 9.4% fewer Y (rate ratio ...); averaged over the 630 people that is 0.97
// fewer Y per person (...), of which 0.34 fewer Y per person through the mediators (...)."
// A conditional process model: "In m (PROCESS model 7, Poisson outcome, ...), with W = 2.02,
// raising ...", once per probe value (`at`: "W = 2.02"; empty for models 4 and 6).
std::string glm_mediation_sentence(const study_model_result& m, const glm_mediation_result& res,
                                   const std::vector<mediation_effect>& ratio, const std::vector<mediation_effect>& causal,
                                   const std::string& at = {}) {
  const mediation_effect* total = detail::find_effect(ratio, "total");
  const mediation_effect* nie = detail::find_effect(ratio, "nie");
  const mediation_effect* share = detail::find_effect(ratio, "prop_mediated");
  const mediation_effect* te = detail::find_effect(causal, "total");
  const mediation_effect* acme = detail::find_effect(causal, "acme_average");
  if (te == nullptr || acme == nullptr) return {};
  const bool binary = res.family == glm_family::binomial;
  const int d = binary ? 3 : 2;
  const std::string kind = res.moderated_model != 0 ? "PROCESS model " + std::to_string(res.moderated_model)
                                                    : std::string(to_string(res.model)) + " mediation";
  const std::string opening = "In " + m.model.name + " (" + kind + ", " + glm_family_name(res.family) + " outcome, n = " +
                              count(res.n) + "; " + replicates_clause(res.replicates) + ")" +
                              (at.empty() ? "" : ", with " + at) + ", raising " + res.x + " from " +
                              format_significant(res.x0, 4) + " to " + format_significant(res.x1, 4) + " (" +
                              res.x_values_rule + ") went with ";
  if (total == nullptr || nie == nullptr || share == nullptr) {  // probit: the response scale only
    return opening + detail::response_words(res, *te) + " (" + num(te->estimate, d) + ", " +
           detail::natural_ci_text(*te, res.level, d) + "), of which " + detail::response_words(res, *acme) +
           " through the mediators (" + num(acme->estimate, d) + ", " + detail::natural_ci_text(*acme, res.level, d) + ").";
  }
  std::string mediators;
  for (std::size_t j = 0; j < res.mediators.size(); ++j) {
    mediators += (j == 0 ? "" : (j + 1 == res.mediators.size() ? " and " : ", ")) + res.mediators[j];
  }
  // A share only when the direct and indirect effects point the same way.
  const bool share_ok = std::isfinite(share->estimate) && share->estimate >= 0.0 && share->estimate <= 1.0;
  const std::string indirect =
      share_ok ? num(100.0 * share->estimate, 1) + "% of it through " + mediators + ", an indirect effect of " +
                     detail::ratio_words(res, *nie)
               : "with an indirect effect through " + mediators + " of " + detail::ratio_words(res, *nie) +
                     " (the direct and indirect effects point in opposite directions: no share mediated)";
  return opening + detail::ratio_words(res, *total) + ", " + indirect + "; averaged over the " +
         count(res.n) + " people that is " + detail::response_words(res, *te) + " (" + num(te->estimate, d) + ", " +
         detail::natural_ci_text(*te, res.level, d) + (share_ok ? "), of which " : "), with ") +
         detail::response_words(res, *acme) +
         " through the mediators (" + num(acme->estimate, d) + ", " + detail::natural_ci_text(*acme, res.level, d) + ").";
}

/// A conditional process model with a count or binary outcome: the conditional indirect effects
/// (linear-predictor scale), index and contrasts, the bootstrapped conditional direct effects,
/// then at each probe value of W the natural effects and one sentence.
void glm_conditional_part(document& doc, const study_model_result& m, const glm_mediation_result& res,
                          std::vector<std::string>& sentences) {
  const double level = res.level;
  const bool binary = res.family == glm_family::binomial;
  const std::string scale = binary ? (res.link == glm_link::probit ? "probit" : "log-odds") : "log-rate";
  conditional_indirect_tables(doc, res, std::string(to_string(res.replicates.method)) + " bootstrap");
  if (!res.conditional_direct.empty()) {
    doc_table direct;
    direct.caption = "Conditional direct effects of " + res.x + " on " + res.y + " (" + scale + " scale)";
    direct.header = {res.w, "Estimate", "Boot SE", interval_header(level)};
    for (const auto& d : res.conditional_direct) direct.rows.push_back(boot_row({est(d.w)}, d.effect));
    doc.add_table(std::move(direct));
  }
  const std::string resamples = " (" + replicates_clause(res.replicates) + ")";
  for (const auto& c : res.conditional_effects) {
    const std::string at = res.w + " = " + format_significant(c.w, 4);
    natural_effects_table(doc,
                          std::string("Natural effects as ") + (binary ? "odds" : "rate") + " ratios, X from " +
                              format_significant(res.x0, 4) + " to " + format_significant(res.x1, 4) + ", " + at +
                              ", the covariates at their means" + resamples,
                          c.ratio_effects, detail::ratio_effect_rows, level);
    natural_effects_table(doc,
                          std::string("Natural effects on the ") + (binary ? "probability" : "expected count") + " of " +
                              res.y + ", averaged over the " + count(res.n) + " people with " + at + resamples,
                          c.causal_effects, detail::causal_effect_rows, level);
    const std::string sentence = glm_mediation_sentence(m, res, c.ratio_effects, c.causal_effects, at);
    if (!sentence.empty()) {
      doc.paragraph(sentence);
      sentences.push_back(sentence);
    }
  }
}

void glm_mediation_part(document& doc, const study_model_result& m, const glm_mediation_result& res,
                        std::vector<std::string>& sentences) {
  const double level = res.level;
  const bool binary = res.family == glm_family::binomial;
  const bool moderated = res.moderated_model != 0;
  doc.heading(3, m.model.name + ": " +
                     (moderated ? "conditional process model (PROCESS model " + std::to_string(res.moderated_model) +
                                      ", W = " + res.w + ")"
                                : std::string(to_string(res.model)) + " mediation") +
                     " with a " + glm_family_name(res.family) + " outcome");
  doc.paragraph("X = " + res.x + ", mediators: " + names_text(res.mediators) + ", Y = " + res.y +
                (res.offset.empty() ? "" : " (offset " + res.offset + ")") +
                (res.covariates.empty() ? "" : ", covariates in every equation: " + names_text(res.covariates)) +
                (res.interaction ? "; the outcome model has the X*M interactions" : "") + ". " +
                excluded_text(res.n, res.n_excluded, res.missing_by_column) + ". X changes from x0 = " +
                format_significant(res.x0, 6) + " to x1 = " + format_significant(res.x1, 6) + " (" + res.x_values_rule + ").");
  for (const auto& e : res.mediator_equations) {
    coefficient_table(doc, "Equation of " + e.response + " (OLS)", e.coefficients, level, false, false, "",
                      "R² = " + num(e.r_squared, 3) + ".");
  }
  const glm_result& y = res.outcome;
  std::string note = "Deviance " + num(y.deviance, 2) + " on " + num(y.df_residual, 0) + " df";
  if (!is_missing(y.theta)) note += ", theta = " + est(y.theta) + " (SE " + num(y.se_theta, decimals_for(y.theta)) + ")";
  const bool probit = binary && res.link == glm_link::probit;
  coefficient_table(doc,
                    "Equation of " + y.response + " (" + glm_family_name(res.family) + (probit ? " probit" : "") +
                        " regression, Wald z tests)",
                    y.coefficients, level, true, !probit, binary ? "Odds ratio" : "Rate ratio", note + ".");
  if (moderated) {
    glm_conditional_part(doc, m, res, sentences);
    return;
  }
  const std::string resamples = " (" + replicates_clause(res.replicates) + ")";
  natural_effects_table(doc,
                        std::string("Natural effects as ") + (binary ? "odds" : "rate") + " ratios, X from " +
                            format_significant(res.x0, 4) + " to " + format_significant(res.x1, 4) +
                            ", at the covariate means" + resamples,
                        res.ratio_effects, detail::ratio_effect_rows, level);
  natural_effects_table(doc,
                        std::string("Natural effects on the ") + (binary ? "probability" : "expected count") + " of " +
                            res.y + ", averaged over the " + count(res.n) + " people" + resamples,
                        res.causal_effects, detail::causal_effect_rows, level);
  const std::string sentence = glm_mediation_sentence(m, res, res.ratio_effects, res.causal_effects);
  if (!sentence.empty()) {
    doc.paragraph(sentence);
    sentences.push_back(sentence);
  }
}

void mediation_section(document& doc, const study_result& r, std::vector<study_figure>& figures,
                       std::vector<std::string>& sentences) {
  bool any = false;
  for (const auto& m : r.models) any = any || m.mediation() != nullptr || m.glm_mediation() != nullptr;
  if (!any) return;
  doc.heading(2, "Mediation models");
  for (const auto& m : r.models) {
    if (m.glm_mediation() != nullptr) glm_mediation_part(doc, m, *m.glm_mediation(), sentences);
    if (m.mediation() == nullptr) continue;
    const mediation_result& res = *m.mediation();
    const double level = res.level;
    const std::string kind = res.moderated_model != 0
                                 ? "conditional process model (PROCESS model " + std::to_string(res.moderated_model) +
                                       ", W = " + res.w + ")"
                                 : std::string(res.within ? "within-subject " : "") + std::string(to_string(res.model)) +
                                       " mediation";
    doc.heading(3, m.model.name + ": " + kind);
    std::string mediators;
    for (const auto& x : res.mediators) mediators += (mediators.empty() ? "" : ", ") + x;
    doc.paragraph((res.within ? "Differences " + r.study.waves[1] + " - " + r.study.waves[0] + ". " : "X = " + res.x + ", ") +
                  "mediators: " + mediators + ", Y = " + res.y +
                  (res.covariates.empty() ? "" : ", covariates in every equation: " + [&] {
                    std::string c;
                    for (const auto& x : res.covariates) c += (c.empty() ? "" : ", ") + x;
                    return c;
                  }()) +
                  ". " + excluded_text(res.n, res.n_excluded, res.missing_by_column) + ".");
    doc_table paths;
    paths.caption = "Path coefficients";
    paths.header = {"Path", "b", "SE", "t", "p", interval_header(level)};
    for (const auto& p : res.paths) {
      const auto& c = p.value;
      const int d = decimals_for(c.estimate);
      paths.rows.push_back({p.from + " → " + p.to, num(c.estimate, d), num(c.se, d), num(c.statistic, 2), p_cell(c.p, d),
                            interval(c.ci_lower, c.ci_upper, d)});
    }
    for (const auto* c : {&res.total_effect, &res.direct_effect}) {
      if (is_missing(c->estimate)) continue;
      const int d = decimals_for(c->estimate);
      paths.rows.push_back({c == &res.total_effect ? "total effect (c)" : "direct effect (c')", num(c->estimate, d),
                            num(c->se, d), num(c->statistic, 2), p_cell(c->p, d), interval(c->ci_lower, c->ci_upper, d)});
    }
    doc.add_table(std::move(paths));
    if (res.moderated_model != 0) {
      conditional_process_part(doc, m, res, figures, sentences);
      continue;
    }
    doc_table ind;
    const std::string method = std::string(to_string(res.replicates.method));
    ind.caption = "Indirect effects (" + method + " bootstrap CIs, " + count(res.replicates.succeeded) + " resamples)";
    ind.header = {"Effect", "Path", "Estimate", "Boot SE", interval_header(level)};
    for (const auto& e : res.indirect) {
      const int d = decimals_for(e.estimate);
      ind.rows.push_back({e.label, arrow_path(e.path), num(e.estimate, d), num(e.boot_se, d),
                          e.ci_ok ? interval(e.ci_lower, e.ci_upper, d) : "NA (" + e.ci_problem + ")"});
      std::string sentence;
      if (e.label == "total") {
        sentence = "In " + m.model.name + ", the total indirect effect was " + num(e.estimate, d);
      } else {
        sentence = "In " + m.model.name + ", the indirect effect " + arrow_path(e.path) + " was " + num(e.estimate, d);
      }
      if (e.ci_ok) {
        sentence += ", " + level_text(level) + " " + method + " bootstrap CI " + interval(e.ci_lower, e.ci_upper, d) + " (" +
                    ((e.ci_lower > 0.0 || e.ci_upper < 0.0) ? "excluding" : "including") + " zero; " +
                    count(res.replicates.succeeded) + " resamples, seed " + std::to_string(res.replicates.seed) + ").";
      } else {
        sentence += " (no bootstrap CI: " + e.ci_problem + ").";
      }
      sentences.push_back(sentence);
    }
    for (const auto& e : res.contrasts) {
      const int d = decimals_for(e.estimate);
      ind.rows.push_back({e.label, "contrast", num(e.estimate, d), num(e.boot_se, d),
                          e.ci_ok ? interval(e.ci_lower, e.ci_upper, d) : "NA"});
    }
    doc.add_table(std::move(ind));
    study_figure f{"figures/mediation_" + m.model.name + ".svg",
                   "Path diagram of " + m.model.name + " (" + kind +
                       "): solid paths have a CI excluding zero, dashed paths do not",
                   mediation_svg(res)};
    doc.add_figure({f.file, f.caption, f.svg});
    figures.push_back(std::move(f));
  }
}

// ---- moderation ------------------------------------------------------------------------------

// "4.25 (16th percentile)": a probed value with what it is.
std::string probe_text(const probe_set& probes, double value) {
  std::string out = est(value);
  const auto at = std::find(probes.values.begin(), probes.values.end(), value);
  if (at != probes.values.end()) {
    const auto i = static_cast<std::size_t>(at - probes.values.begin());
    if (i < probes.labels.size() && !probes.labels[i].empty() && probes.labels[i] != "value") out += " (" + probes.labels[i] + ")";
  }
  return out;
}

// "W = 4.25 (16th percentile)" or, for models 2 and 3, "W = 4.25 (...) and Z = 3 (...)".
std::string moderator_values(const moderation_result& res, const conditional_effect& e) {
  std::string out = res.w + " = " + probe_text(res.w_probes, e.w);
  if (res.model >= 2 && res.z_probes) out += " and " + res.z + " = " + probe_text(*res.z_probes, e.z);
  return out;
}

void moderation_tables(document& doc, const moderation_result& res) {
  const double level = res.level;
  const auto& f = res.equation;
  coefficient_table(doc, "Coefficients (" + std::string(to_string(res.se)) + " standard errors)", f.coefficients, level, false,
                    false, "",
                    excluded_text(res.n, res.n_excluded, res.missing_by_column) + "; R² = " + num(f.r_squared, 3) + ".");
  doc_table tests;
  tests.caption = "Test of the interaction" + std::string(res.interactions.size() > 1 ? "s" : "");
  tests.header = {"Term", "ΔR²", "F", "df1", "df2", "p"};
  for (const auto& i : res.interactions) {
    tests.rows.push_back({i.term, num(i.r2_change, 3), num(i.f, 2), num(i.df1, 0), num(i.df2, 0), p_cell(i.p)});
  }
  if (res.se != se_type::classical) tests.note = "F is the " + std::string(to_string(res.se)) + " Wald F; ΔR² is the OLS difference.";
  doc.add_table(std::move(tests));
  if (!res.conditional_interactions.empty()) {
    doc_table ci;
    ci.caption = "Conditional " + res.x + "*" + res.w + " interaction at values of " + res.z;
    ci.header = {res.z, "Effect", "SE", "t", "p", interval_header(level)};
    for (const auto& e : res.conditional_interactions) {
      const int d = decimals_for(e.effect);
      ci.rows.push_back({probe_text(*res.z_probes, e.w), num(e.effect, d), num(e.se, d), num(e.t, 2), p_cell(e.p, d),
                         interval(e.ci_lower, e.ci_upper, d)});
    }
    doc.add_table(std::move(ci));
  }
  doc_table ce;
  ce.caption = "Conditional effects of " + res.x + " on " + res.y;
  ce.header = {res.w};
  if (res.model >= 2) ce.header.push_back(res.z);
  ce.header.insert(ce.header.end(), {"Effect", "SE", "t", "p", interval_header(level)});
  for (const auto& e : res.conditional_effects) {
    const int d = decimals_for(e.effect);
    std::vector<std::string> row{probe_text(res.w_probes, e.w)};
    if (res.model >= 2 && res.z_probes) row.push_back(probe_text(*res.z_probes, e.z));
    row.insert(row.end(), {num(e.effect, d), num(e.se, d), num(e.t, 2), p_cell(e.p, d), interval(e.ci_lower, e.ci_upper, d)});
    ce.rows.push_back(std::move(row));
  }
  doc.add_table(std::move(ce));
}

// The Johnson-Neyman paragraph: the transition points with the share of the sample on each side.
std::string johnson_neyman_text(const moderation_result& res) {
  const johnson_neyman_result& jn = *res.johnson_neyman;
  const std::string what = res.model == 3 ? "the conditional " + res.x + "*" + res.w + " interaction" : "the effect of " + res.x;
  std::string text = "Johnson-Neyman (" + what + " over " + res.johnson_neyman_moderator + ", observed range " +
                     est(jn.minimum) + " to " + est(jn.maximum) + "): ";
  if (jn.points.empty()) return text + jn.summary + ".";
  std::string points;
  for (const auto& p : jn.points) {
    points += (points.empty() ? "" : "; ") + res.johnson_neyman_moderator + " = " + est(p.value) + " (" +
              num(p.percent_below, 1) + "% of the sample below, " + num(p.percent_above, 1) + "% above)";
  }
  return text + "transition point" + (jn.points.size() > 1 ? "s " : " ") + points + "; " + jn.summary + ".";
}

void moderation_sentences(const study_model_result& m, const moderation_result& res, std::vector<std::string>& sentences) {
  std::string conditional;
  for (const auto& e : res.conditional_effects) {
    conditional += (conditional.empty() ? "" : "; ") + std::string("at ") + moderator_values(res, e) + ", " +
                   effect_clause(e.effect, e.ci_lower, e.ci_upper, e.p, res.level);
  }
  const std::string head = "In " + m.model.name + " (n = " + count(res.n) + "), ";
  for (const auto& i : res.interactions) {
    std::string sentence = head + (i.term == "both" ? "the interactions of " + res.x + " with " + res.w + " and " + res.z +
                                                          " jointly had"
                                                    : "the effect of " + res.x + " on " + res.y + " depended on " +
                                                          i.term.substr(i.term.find('*') + 1) + ", ");
    const auto c = std::find_if(res.equation.coefficients.begin(), res.equation.coefficients.end(),
                                [&i](const coefficient& k) { return k.term == i.term; });
    if (c != res.equation.coefficients.end()) sentence += effect_clause(c->estimate, c->ci_lower, c->ci_upper, c->p, res.level) + ", ";
    sentence += (i.term == "both" ? " " : "") + std::string("ΔR² = ") + num(i.r2_change, 3) + ", F(" + num(i.df1, 0) + ", " +
                num(i.df2, 0) + ") = " + num(i.f, 2) + ", " + apa_p(i.p);
    if (res.model == 1) sentence += "; " + conditional;
    sentences.push_back(sentence + ".");
  }
  if (res.model != 1 && !conditional.empty()) {
    sentences.push_back(head + "the conditional effect of " + res.x + " on " + res.y + " was: " + conditional + ".");
  }
  if (res.johnson_neyman) sentences.push_back("In " + m.model.name + ", " + johnson_neyman_text(res));
}

void moderation_section(document& doc, const study_result& r, std::vector<study_figure>& figures,
                        std::vector<std::string>& sentences) {
  bool any = false;
  for (const auto& m : r.models) any = any || m.moderation() != nullptr;
  if (!any) return;
  doc.heading(2, "Moderation models");
  for (const auto& m : r.models) {
    if (m.moderation() == nullptr) continue;
    const moderation_result& res = *m.moderation();
    doc.heading(3, m.model.name + ": moderation (PROCESS model " + std::to_string(res.model) + ") of " + res.y);
    std::string design = "X = " + res.x + ", W = " + res.w + (res.model >= 2 ? ", Z = " + res.z : "") + ", Y = " + res.y;
    if (!res.covariates.empty()) design += ", covariates: " + names_text(res.covariates);
    design += "; centring: " + std::string(to_string(res.center));
    if (!res.centred.empty()) design += " (" + names_text(res.centred) + ")";
    doc.paragraph(design + "; moderator values: " + std::string(to_string(res.w_probes.method)) + ".");
    moderation_tables(doc, res);
    if (res.johnson_neyman) doc.paragraph(johnson_neyman_text(res));
    moderation_sentences(m, res, sentences);
    if (!res.plot.empty()) {
      study_figure f{"figures/moderation_" + m.model.name + ".svg",
                     "Simple slopes of " + m.model.name + ": predicted " + res.y + " against " + res.x + " at values of " +
                         res.w + ", with " + level_text(res.level) + " confidence bands",
                     simple_slopes_svg(res)};
      doc.add_figure({f.file, f.caption, f.svg});
      figures.push_back(std::move(f));
    }
    if (res.johnson_neyman) {
      study_figure f{"figures/johnson_neyman_" + m.model.name + ".svg",
                     "Johnson-Neyman plot of " + m.model.name + ": the conditional effect against " +
                         res.johnson_neyman_moderator + " with its " + level_text(res.level) +
                         " confidence band; shaded where significant",
                     johnson_neyman_svg(res)};
      doc.add_figure({f.file, f.caption, f.svg});
      figures.push_back(std::move(f));
    }
  }
}

std::vector<std::string> study_notes(const study_result& r) {
  std::vector<std::string> notes = r.notes;
  const auto& s = r.study.settings;
  bool bootstrap = false;
  for (const auto& m : r.models) {
    const replicate_summary* rep = m.mediation() != nullptr       ? &m.mediation()->replicates
                                   : m.glm_mediation() != nullptr ? &m.glm_mediation()->replicates
                                                                  : nullptr;
    if (rep == nullptr) continue;
    bootstrap = true;
    notes.push_back(m.model.name + ": " + count(rep->succeeded) + " of " + count(rep->requested) + " resamples succeeded (" +
                    count(rep->discarded) + " redrawn)" +
                    (rep->cluster.empty() ? "" : ", whole clusters of " + rep->cluster + " resampled (" + count(rep->clusters) +
                                                     " clusters)") +
                    ", seed " + std::to_string(rep->seed) + ", " +
                    count(rep->threads_used) + " thread(s); results are identical for any number of threads.");
    const auto& model_notes = m.mediation() != nullptr ? m.mediation()->notes : m.glm_mediation()->notes;
    for (const auto& n : model_notes) notes.push_back(m.model.name + ": " + n);
  }
  for (const auto& m : r.models) {
    if (m.ols() != nullptr) {
      for (const auto& n : m.ols()->notes) notes.push_back(m.model.name + ": " + n);
    }
    if (m.glm() != nullptr) {
      for (const auto& n : m.glm()->notes) notes.push_back(m.model.name + ": " + n);
    }
    if (m.moderation() != nullptr) {
      for (const auto& n : m.moderation()->notes) notes.push_back(m.model.name + ": " + n);
    }
  }
  for (const auto& c : r.changes) {
    if (!c.result.wilcoxon.note.empty()) notes.push_back(c.measure + ": " + c.result.wilcoxon.note);
    if (c.result.scores.n_percent_undefined > 0) {
      notes.push_back(c.measure + ": " + count(c.result.scores.n_percent_undefined) +
                      " respondent(s) with a baseline of 0 have no percent change");
    }
  }
  if (r.attrition) {
    for (const auto& v : r.attrition->variables) {
      if (!v.warning.empty()) notes.push_back("attrition, " + v.variable + ": " + v.warning);
    }
  }
  if (!bootstrap) notes.push_back("No bootstrap was run.");
  notes.push_back("Confidence level " + level_text(s.level) + " throughout.");
  return notes;
}

// ---- JSON ------------------------------------------------------------------------------------

nlohmann::ordered_json study_json(const study_result& r, const std::vector<std::string>& sentences,
                          const std::vector<std::string>& notes, const std::vector<study_figure>& figures) {
  using json = nlohmann::ordered_json;
  const auto& st = r.study;
  json out;
  out["schema"] = "socialcure.study/1";
  out["title"] = st.title;
  out["waves"] = {st.waves[0], st.waves[1]};
  out["id_column"] = st.id_column;
  out["settings"] = {{"level", st.settings.level},
                     {"replicates", st.settings.replicates},
                     {"seed", st.settings.seed},
                     {"ci", std::string(to_string(st.settings.ci))}};
  out["sample"] = {{"n_first", r.n_first},
                   {"n_second", r.n_second},
                   {"n_both", r.n_both},
                   {"n_second_only", r.n_second_only},
                   {"n_rows", r.analysis.rows()}};
  out["attrition"] = r.attrition ? detail::attrition_json_value(*r.attrition) : json(nullptr);
  json scales = json::array();
  for (const auto& s : r.scales) {
    json entry{{"name", s.scale.name}, {"scale", s.scale.definition->id}, {"items", s.scale.items}};
    json waves = json::array();
    for (std::size_t w = 0; w < 2; ++w) {
      const auto& sw = s.waves[w];
      json wave{{"wave", st.waves[w]},
                {"n", sw.n},
                {"mean", detail::json_number(sw.mean)},
                {"sd", detail::json_number(sw.sd)},
                {"n_prorated", sw.scores.n_prorated}};
      wave["reliability"] = sw.alpha ? detail::reliability_json_value(*sw.alpha, sw.omega ? &*sw.omega : nullptr)
                                     : json(nullptr);
      if (!sw.reliability_note.empty()) wave["reliability_note"] = sw.reliability_note;
      waves.push_back(std::move(wave));
    }
    entry["waves"] = std::move(waves);
    scales.push_back(std::move(entry));
  }
  out["scales"] = std::move(scales);
  if (r.groups) {
    json groups = detail::groups_json_value(*r.groups);
    out["groups"] = std::move(groups);
  } else {
    out["groups"] = nullptr;
  }
  json changes = json::array();
  for (const auto& c : r.changes) {
    changes.push_back({{"measure", c.measure},
                       {"count", c.count},
                       {"result", detail::change_json_value(c.result, c.measure + "_" + st.waves[0], c.measure + "_" + st.waves[1])}});
  }
  out["change"] = std::move(changes);
  json models = json::array();
  for (const auto& m : r.models) {
    json entry{{"name", m.model.name}, {"type", std::string(m.model.type())}};
    if (m.mediation() != nullptr) entry["result"] = detail::mediation_json_value(*m.mediation());
    if (m.ols() != nullptr) entry["result"] = detail::regression_json_value(*m.ols());
    if (m.glm() != nullptr) entry["result"] = detail::regression_json_value(*m.glm());
    if (m.moderation() != nullptr) entry["result"] = detail::moderation_json_value(*m.moderation());
    if (m.glm_mediation() != nullptr) entry["result"] = detail::glm_mediation_json_value(*m.glm_mediation());
    models.push_back(std::move(entry));
  }
  out["models"] = std::move(models);
  out["sentences"] = sentences;
  out["notes"] = notes;
  json files = json::array();
  for (const auto& f : figures) files.push_back({{"file", f.file}, {"caption", f.caption}});
  out["figures"] = std::move(files);
  return out;
}

}  // namespace

study_report make_study_report(const study_result& result) {
  study_report out;
  document doc;
  const std::string title = result.study.title.empty() ? "Pre/post study report" : result.study.title;
  doc.heading(1, title);
  doc.paragraph("Waves " + result.study.waves[0] + " and " + result.study.waves[1] + "; " +
                std::to_string(result.analysis.rows()) + " respondents in the analysis table. Made by socialcure.");
  std::vector<std::string> sentences;
  sample_section(doc, result, sentences);
  scales_section(doc, result);
  groups_section(doc, result, out.figures);
  change_section(doc, result, out.figures, sentences);
  regression_section(doc, result, sentences);
  mediation_section(doc, result, out.figures, sentences);
  moderation_section(doc, result, out.figures, sentences);
  doc.heading(2, "Results in APA style");
  doc.list(sentences);
  const std::vector<std::string> notes = study_notes(result);
  doc.heading(2, "Notes");
  doc.list(notes);
  out.markdown = detail::render_markdown(doc);
  out.html = detail::render_html(doc, title);
  out.json = detail::dump_json(study_json(result, sentences, notes, out.figures));
  out.sentences = std::move(sentences);
  return out;
}

}  // namespace socialcure

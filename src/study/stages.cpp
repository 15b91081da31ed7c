// The stages of a study after the analysis table: attrition, measures and reliability, change,
// models (the table itself: study_table.cpp).

#include "socialcure/study/stages.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include "socialcure/core/error.hpp"
#include "socialcure/core/missing.hpp"
#include "socialcure/data/describe.hpp"
#include "socialcure/models/design.hpp"
#include "study/detail/checks.hpp"

namespace socialcure {

namespace {

using detail::joined;

// ---- attrition ------------------------------------------------------------------------------------

// The variables compared: the covariates (but the completion column), then every measure at the
// first wave.
std::vector<std::string> attrition_variables(const study_definition& study, const study_table& data,
                                             const std::string& completion) {
  std::vector<std::string> variables;
  for (const auto& c : study.covariates) {
    if (!data.analysis.has(c)) {
      throw argument_error("study: covariates: no column '" + c + "' among the person columns; available: " +
                           joined(data.person_columns));
    }
    if (c != completion) variables.push_back(c);
  }
  for (const auto& m : data.measures) variables.push_back(m.name + "_" + study.waves[0]);
  return variables;
}

// The missing-data patterns among the first wave's respondents on the numeric covariates and every
// measure at both waves, with Little's test; EM trouble (a singular covariance, no convergence)
// leaves the test out with a note, it does not stop the study.
void add_missingness(const study_definition& study, const study_table& data, const table& baseline,
                     const std::string& completion, study_attrition_result& out) {
  std::vector<std::string> variables;
  const auto add = [&](const std::string& name) {
    if (name != completion && baseline.has(name) && baseline.get(name).is_numeric()) variables.push_back(name);
  };
  for (const auto& c : study.covariates) add(c);
  for (const auto& m : data.measures) {
    add(m.name + "_" + study.waves[0]);
    add(m.name + "_" + study.waves[1]);
  }
  if (variables.size() < 2) return;
  out.missingness = describe_missingness(baseline, variables);
  try {
    out.little_mcar = little_mcar_test(baseline, variables);
  } catch (const data_error& e) {
    out.notes.push_back(std::string("no Little's MCAR test: ") + e.what());
  }
}

// ---- measures -------------------------------------------------------------------------------------

// Alpha and omega of a scale at one wave among the rows present.
void add_reliability(const study_scale& scale, const table& wave_data, const std::vector<std::size_t>& rows,
                     double level, study_scale_wave& out) {
  if (scale.items.size() < 2) {
    out.reliability_note = "a single item: no internal consistency";
    return;
  }
  const scale_definition& def = *scale.definition;
  std::vector<std::string> reverse;
  for (const int item : def.reverse_items) {
    if (item >= 1 && static_cast<std::size_t>(item) <= scale.items.size()) reverse.push_back(scale.items[item - 1]);
  }
  const Eigen::MatrixXd items =
      item_matrix(wave_data.select_rows(rows), scale.items, reverse, def.min_code, def.max_code);
  reliability_options options;
  options.level = level;
  try {
    out.alpha = cronbach_alpha(items, scale.items, options);
  } catch (const data_error& e) {
    out.reliability_note = std::string("no alpha: ") + e.what();
    return;
  }
  if (scale.items.size() >= 3) {
    try {
      out.omega = omega_total(items, options);
    } catch (const data_error& e) {
      out.reliability_note = std::string("no omega: ") + e.what();
    }
  }
}

// A scale at one wave: its scores, their summary among the respondents present, reliability.
study_scale_wave scale_wave(const study_scale& scale, const scale_scores& scores, const table& wave_data,
                            const std::vector<bool>& present, double level) {
  study_scale_wave out;
  out.scores = scores;
  std::vector<double> values;
  std::vector<std::size_t> rows;
  for (std::size_t r = 0; r < present.size(); ++r) {
    if (!present[r]) continue;
    rows.push_back(r);
    values.push_back(scores.respondents[r].score);
  }
  const mean_sd summary = mean_and_sd(values);
  out.n = summary.n;
  out.mean = summary.mean;
  out.sd = summary.sd;
  add_reliability(scale, wave_data, rows, level, out);
  return out;
}

// ---- models ---------------------------------------------------------------------------------------

void require_columns(const table& data, const std::string& model, const std::vector<std::string>& columns) {
  for (const auto& c : columns) {
    if (!data.has(c)) {
      throw argument_error("study: model '" + model + "': no column '" + c +
                           "' in the analysis table; available: " + joined(data.names()));
    }
  }
}

// What fits a model: the study (waves, settings), the table, the model's name, the bootstrap settings.
struct fit_context {
  const study_definition& study;
  const table& analysis;
  const std::string& name;
  const mediation_options& bootstrap;
};

study_model_fit fit(const study_mediation& m, const fit_context& c) {
  std::vector<std::string> columns{m.x, m.y};
  columns.insert(columns.end(), m.mediators.begin(), m.mediators.end());
  columns.insert(columns.end(), m.covariates.begin(), m.covariates.end());
  if (!m.w.empty()) columns.push_back(m.w);
  require_columns(c.analysis, c.name, columns);
  mediation_options options = c.bootstrap;
  if (m.moderated_model != 0) options.band_points = figure_band_points;
  return fit_mediation(
      c.analysis, {m.x, m.mediators, m.y, m.covariates, m.model, m.moderated_model, m.w, m.probe, m.center, m.cluster},
      options);
}

study_model_fit fit(const study_glm_mediation& m, const fit_context& c) {
  std::vector<std::string> columns{m.x, m.y};
  columns.insert(columns.end(), m.mediators.begin(), m.mediators.end());
  columns.insert(columns.end(), m.covariates.begin(), m.covariates.end());
  for (const std::string* extra : {&m.offset, &m.exposure, &m.cluster}) {
    if (!extra->empty()) columns.push_back(*extra);
  }
  require_columns(c.analysis, c.name, columns);
  return fit_glm_mediation(c.analysis, detail::glm_mediation_spec_of(m), c.bootstrap);
}

study_model_fit fit(const study_moderation& m, const fit_context& c) {
  std::vector<std::string> columns{m.x, m.w, m.y};
  if (!m.z.empty()) columns.push_back(m.z);
  columns.insert(columns.end(), m.covariates.begin(), m.covariates.end());
  require_columns(c.analysis, c.name, columns);
  moderation_options options;
  options.center = m.center;
  options.se = m.se;
  options.level = m.level.value_or(c.study.settings.level);
  options.probe = m.probe;
  return fit_moderation(c.analysis, {m.model, m.x, m.w, m.z, m.y, m.covariates}, options);
}

study_model_fit fit(const study_within_mediation& m, const fit_context& c) {
  const auto& w = c.study.waves;
  within_mediation_spec spec;
  for (const auto& name : m.mediators) spec.mediators.push_back({name + "_" + w[0], name + "_" + w[1]});
  spec.y = {m.y + "_" + w[0], m.y + "_" + w[1]};
  spec.model = m.model;
  spec.cluster = m.cluster;
  if (!m.cluster.empty()) require_columns(c.analysis, c.name, {m.cluster});
  return fit_within_mediation(c.analysis, spec, c.bootstrap);
}

study_model_fit fit(const study_regression& m, const fit_context& c) {
  model_spec spec;
  spec.response = m.y;
  spec.predictors = m.x;
  spec.predictors.insert(spec.predictors.end(), m.covariates.begin(), m.covariates.end());
  spec.cluster = m.cluster;
  std::vector<std::string> columns = spec.predictors;
  columns.push_back(m.y);
  if (!m.cluster.empty()) columns.push_back(m.cluster);
  require_columns(c.analysis, c.name, columns);
  for (const auto& p : spec.predictors) {
    if (!c.analysis.get(p).is_numeric()) spec.categorical.push_back({p, ""});  // text: categorical terms
  }
  if (m.family) {
    glm_options glm;
    glm.family = *m.family;
    glm.level = c.study.settings.level;
    glm.cluster_se = m.cluster_se;
    return fit_glm(c.analysis, spec, glm);
  }
  ols_options ols;
  ols.se = m.cluster.empty() ? m.se : se_type::classical;  // clustered: the cluster-robust covariance instead
  ols.cluster_se = m.cluster_se;
  ols.level = c.study.settings.level;
  return fit_ols(c.analysis, spec, ols);
}

}  // namespace

study_attrition_result study_attrition(const study_definition& study, const study_table& data) {
  completion_rule rule;
  rule.column = study.completed.empty() ? data.present_column : study.completed;
  rule.rule = completion_rule::kind::flag;
  const table& analysis = data.analysis;
  if (!analysis.has(rule.column)) {
    throw argument_error("study: completed: no column '" + rule.column + "' among the person columns; available: " +
                         joined(analysis.names()));
  }
  const std::vector<std::string> variables = attrition_variables(study, data, rule.column);
  const std::vector<bool>& baseline = data.panel.in_first;
  std::size_t completed = 0;
  std::size_t dropped = 0;
  const column& flag = analysis.get(rule.column);
  for (std::size_t r = 0; r < analysis.rows(); ++r) {
    if (!baseline[r] || flag.is_missing(r) || !flag.is_numeric()) continue;
    (flag.numbers()[r] == 1.0 ? completed : dropped) += 1;
  }
  study_attrition_result out;
  if (completed == 0 || dropped == 0 || variables.empty()) {
    out.notes.push_back("no attrition comparison: " + std::to_string(completed) + " completer(s) and " +
                        std::to_string(dropped) + " non-completer(s) at " + study.waves[0]);
    return out;
  }
  std::vector<std::size_t> baseline_rows;
  for (std::size_t r = 0; r < analysis.rows(); ++r) {
    if (baseline[r]) baseline_rows.push_back(r);
  }
  attrition_options options;
  options.level = study.settings.level;
  const table baseline_table = analysis.select_rows(baseline_rows);
  out.comparison = compare_attrition(baseline_table, rule, variables, options, study.id_column);
  add_missingness(study, data, baseline_table, rule.column, out);
  return out;
}

std::vector<study_scale_result> study_measures(const study_definition& study, const study_table& data) {
  std::vector<study_scale_result> out;
  const wave_pair& panel = data.panel;
  for (std::size_t i = 0; i < study.scales.size() && i < data.scores.size(); ++i) {
    study_scale_result result;
    result.scale = study.scales[i];
    const double level = study.settings.level;
    result.waves[0] = scale_wave(result.scale, data.scores[i][0], panel.first, panel.in_first, level);
    result.waves[1] = scale_wave(result.scale, data.scores[i][1], panel.second, panel.in_second, level);
    out.push_back(std::move(result));
  }
  return out;
}

std::vector<study_change> study_changes(const study_definition& study, const study_table& data,
                                        const std::vector<study_scale_result>& scales) {
  std::vector<study_change> out;
  for (const auto& m : data.measures) {
    study_change c;
    c.measure = m.name;
    c.count = m.kind == study_measure_kind::count;
    c.reliability = missing_value;
    if (m.kind == study_measure_kind::scale) {
      const auto s = std::find_if(scales.begin(), scales.end(), [&m](const auto& r) { return r.scale.name == m.name; });
      if (s != scales.end() && s->waves[0].alpha) c.reliability = s->waves[0].alpha->raw_alpha;
    }
    change_options options;
    options.level = study.settings.level;
    options.better = m.better;
    options.count = c.count;
    if (!is_missing(c.reliability)) options.reliability = c.reliability;
    const std::span<const double> pre = data.analysis.numeric(m.name + "_" + study.waves[0]);
    const std::span<const double> post = data.analysis.numeric(m.name + "_" + study.waves[1]);
    const auto size = static_cast<Eigen::Index>(pre.size());
    c.result = analyse_change(Eigen::Map<const Eigen::VectorXd>(pre.data(), size),
                              Eigen::Map<const Eigen::VectorXd>(post.data(), size), options);
    out.push_back(std::move(c));
  }
  return out;
}

study_model_result fit_study_model(const study_definition& study, const study_model& model, const study_table& data,
                                   const std::function<bool(std::size_t, std::size_t)>& progress) {
  mediation_options bootstrap;
  bootstrap.replicates = study.settings.replicates;
  bootstrap.seed = study.settings.seed;
  bootstrap.ci = study.settings.ci;
  bootstrap.level = study.settings.level;
  bootstrap.threads = study.settings.threads;
  bootstrap.progress = progress;
  const fit_context context{study, data.analysis, model.name, bootstrap};
  study_model_result out;
  out.model = model;
  out.n_rows = data.analysis.rows();
  out.fit = std::visit([&context](const auto& kind) { return fit(kind, context); }, model.spec);
  return out;
}

}  // namespace socialcure

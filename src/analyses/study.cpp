#include "socialcure/analyses/study.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <utility>

#include "analyses/detail/pairs.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/core/missing.hpp"
#include "socialcure/core/number.hpp"
#include "socialcure/data/csv.hpp"
#include "socialcure/data/stat_file.hpp"
#include "socialcure/data/waves.hpp"
#include "socialcure/models/design.hpp"

namespace socialcure {

std::string_view to_string(study_model_kind kind) noexcept {
  switch (kind) {
    case study_model_kind::mediation: return "mediation";
    case study_model_kind::within_mediation: return "within_mediation";
    case study_model_kind::regression: return "regression";
  }
  return "?";
}

namespace {

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

bool is_label(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
  });
}

// Throws argument_error "study: <field>: <what>".
[[noreturn]] void bad(const std::string& field, const std::string& what) {
  throw argument_error("study: " + field + ": " + what);
}

}  // namespace

void study_definition::validate() const {
  if (id_column.empty()) bad("id", "the id column must be named");
  if (waves[0].empty() || waves[1].empty()) bad("waves", "two wave names are needed");
  if (waves[0] == waves[1]) bad("waves", "the two waves have the same name '" + waves[0] + "'");
  const bool wide = !data.wide_file.empty();
  const bool per_wave = !data.wave_files[0].empty() || !data.wave_files[1].empty();
  if (wide == per_wave) bad("data", "give either one wide file (file) or one file per wave (files)");
  if (per_wave && (data.wave_files[0].empty() || data.wave_files[1].empty()))
    bad("data.files", "one file per wave is needed (2 files)");
  if (wide && data.separator.empty()) bad("data.separator", "must not be empty");
  if (!data.groups_file.empty() && (data.groups_columns.id.empty() || data.groups_columns.wave.empty() ||
                                    data.groups_columns.group.empty()))
    bad("data.group_columns", "the id, wave and group columns must be named");
  if (!(settings.level > 0.0 && settings.level < 1.0))
    bad("settings.level", "must lie strictly between 0 and 1");
  if (settings.replicates < 1) bad("settings.replicates", "must be at least 1");

  std::set<std::string> measures;
  const auto add_measure = [&](const std::string& field, const std::string& name) {
    if (!is_label(name)) bad(field, "the name '" + name + "' must be letters, digits, '_' or '-'");
    if (name == "groups" && !data.groups_file.empty())
      bad(field, "the name 'groups' is taken by the group count of the group file");
    if (!measures.insert(name).second) bad(field, "the name '" + name + "' is used twice");
  };
  for (std::size_t i = 0; i < scales.size(); ++i) {
    const auto& s = scales[i];
    const std::string field = "scales[" + std::to_string(i + 1) + "]";
    add_measure(field, s.name);
    if (!s.definition) bad(field, "scale '" + s.name + "' has no definition");
    if (s.items.size() != static_cast<std::size_t>(s.definition->items))
      bad(field, "scale '" + s.name + "' (" + s.definition->id + ") has " + std::to_string(s.definition->items) +
                     " items, 'items' lists " + std::to_string(s.items.size()));
  }
  for (std::size_t i = 0; i < counts.size(); ++i) {
    add_measure("counts[" + std::to_string(i + 1) + "]", counts[i].name);
  }
  std::set<std::string> model_names;
  for (std::size_t i = 0; i < models.size(); ++i) {
    const auto& m = models[i];
    const std::string field = "models[" + std::to_string(i + 1) + "]";
    if (!is_label(m.name)) bad(field, "the name '" + m.name + "' must be letters, digits, '_' or '-'");
    if (!model_names.insert(m.name).second) bad(field, "the model name '" + m.name + "' is used twice");
    switch (m.kind) {
      case study_model_kind::mediation: {
        mediation_spec spec{m.x, m.mediators, m.y, m.covariates, m.model};
        try {
          spec.validate();
        } catch (const argument_error& e) {
          bad(field + " '" + m.name + "'", e.what());
        }
        break;
      }
      case study_model_kind::within_mediation:
        if (m.mediators.empty() || m.y.empty()) bad(field, "a within-subject model needs mediators and y");
        if (m.model == mediation_model::serial && m.mediators.size() != 2)
          bad(field, "a serial within-subject model needs exactly 2 mediators");
        for (const auto& name : m.mediators) {
          if (!measures.contains(name) && !(name == "groups" && !data.groups_file.empty()))
            bad(field, "'" + name + "' is not a measure of the study (a within-subject model names measures)");
        }
        if (!measures.contains(m.y) && !(m.y == "groups" && !data.groups_file.empty()))
          bad(field, "'" + m.y + "' is not a measure of the study (a within-subject model names measures)");
        break;
      case study_model_kind::regression:
        if (m.y.empty() || m.x_terms.empty()) bad(field, "a regression needs y and at least one predictor in x");
        break;
    }
  }
}

namespace {

table read_data_file(const std::string& path, const study_definition& study) {
  if (is_stat_file(path)) {
    stat_file_options options;
    options.id_column = study.id_column;
    options.text_columns = study.data.text_columns;
    return read_stat_file(path, options).data;
  }
  csv_options options;
  options.id_column = study.id_column;
  options.missing_codes = study.data.missing_codes;
  options.text_columns = study.data.text_columns;
  return read_csv(path, options);
}

std::string resolved(const std::string& path, const std::string& base) {
  if (path.empty() || base.empty() || std::filesystem::path(path).is_absolute()) return path;
  return (std::filesystem::path(base) / path).string();
}

// Values of a numeric column of `data` for the rows of the analysis table, or an error listing
// what the table has.
std::vector<double> numeric_column(const table& data, const std::string& name, const std::string& what) {
  if (!data.has(name)) {
    auto names = data.names();
    throw argument_error("study: " + what + ": no column '" + name + "' in " + data.source() +
                         "; available: " + joined(names));
  }
  const column& col = data.get(name);
  if (!col.is_numeric())
    throw argument_error("study: " + what + ": column '" + name + "' of " + data.source() + " is text, not numeric");
  return {col.numbers().begin(), col.numbers().end()};
}

struct mean_sd {
  std::size_t n = 0;
  double mean = 0.0;
  double sd = missing_value;
};

mean_sd summarise(const std::vector<double>& values) {
  mean_sd out;
  double sum = 0.0;
  for (double v : values) {
    if (!is_missing(v)) {
      ++out.n;
      sum += v;
    }
  }
  if (out.n == 0) {
    out.mean = missing_value;
    return out;
  }
  out.mean = sum / static_cast<double>(out.n);
  if (out.n > 1) {
    double ss = 0.0;
    for (double v : values) {
      if (!is_missing(v)) ss += (v - out.mean) * (v - out.mean);
    }
    out.sd = std::sqrt(ss / static_cast<double>(out.n - 1));
  }
  return out;
}

// The scale at one wave: scores of everyone (absent respondents get a missing score) and the
// reliability among the respondents present.
study_scale_wave score_wave(const study_scale& scale, const table& wave_data, const std::vector<bool>& present,
                            const std::string& id_column, double level) {
  study_scale_wave out;
  const scale_definition& def = *scale.definition;
  for (const auto& item : scale.items) {
    if (!wave_data.has(item)) {
      throw argument_error("study: scale '" + scale.name + "': no item column '" + item + "' in " + wave_data.source() +
                           "; available: " + joined(wave_data.names()));
    }
  }
  out.scores = score_table(def, wave_data, scale.items, id_column);
  std::vector<double> values;
  std::vector<std::size_t> rows;
  for (std::size_t r = 0; r < present.size(); ++r) {
    if (!present[r]) continue;
    rows.push_back(r);
    values.push_back(out.scores.respondents[r].score);
  }
  const mean_sd s = summarise(values);
  out.n = s.n;
  out.mean = s.mean;
  out.sd = s.sd;
  if (scale.items.size() < 2) {
    out.reliability_note = "a single item: no internal consistency";
    return out;
  }
  const table present_rows = wave_data.select_rows(rows);
  std::vector<std::string> reverse;
  for (std::size_t i = 0; i < def.reverse_items.size(); ++i) {
    const int item = def.reverse_items[i];
    if (item >= 1 && static_cast<std::size_t>(item) <= scale.items.size()) reverse.push_back(scale.items[item - 1]);
  }
  const Eigen::MatrixXd items = item_matrix(present_rows, scale.items, reverse, def.min_code, def.max_code);
  reliability_options options;
  options.level = level;
  try {
    out.alpha = cronbach_alpha(items, scale.items, options);
  } catch (const data_error& e) {
    out.reliability_note = std::string("no alpha: ") + e.what();
    return out;
  }
  if (scale.items.size() >= 3) {
    try {
      out.omega = omega_total(items, options);
    } catch (const data_error& e) {
      out.reliability_note = std::string("no omega: ") + e.what();
    }
  }
  return out;
}

// Rows of the analysis table that name a text column among `columns`: categorical terms.
std::vector<categorical_term> text_terms(const table& data, const std::vector<std::string>& columns) {
  std::vector<categorical_term> terms;
  for (const auto& c : columns) {
    if (data.has(c) && !data.get(c).is_numeric()) terms.push_back({c, ""});
  }
  return terms;
}

void require_columns(const table& data, const std::string& model, const std::vector<std::string>& columns) {
  for (const auto& c : columns) {
    if (!data.has(c)) {
      throw argument_error("study: model '" + model + "': no column '" + c +
                           "' in the analysis table; available: " + joined(data.names()));
    }
  }
}

}  // namespace

study_result run_study(const study_definition& study, const std::string& base_directory,
                       const std::function<bool(std::size_t, std::size_t, std::size_t)>& progress) {
  study.validate();
  study_result out;
  out.study = study;
  const auto& w = study.waves;

  // The panel: two waves aligned by respondent.
  wave_pair panel;
  if (!study.data.wide_file.empty()) {
    const table wide = read_data_file(resolved(study.data.wide_file, base_directory), study);
    split_options options;
    options.id_column = study.id_column;
    options.waves = w;
    options.separator = study.data.separator;
    panel = split_waves(wide, options);
  } else {
    const table first = read_data_file(resolved(study.data.wave_files[0], base_directory), study);
    const table second = read_data_file(resolved(study.data.wave_files[1], base_directory), study);
    join_options options;
    options.id_column = study.id_column;
    options.waves = w;
    panel = join_waves(first, second, options);
  }
  const std::size_t rows = panel.ids.size();
  for (std::size_t r = 0; r < rows; ++r) {
    out.n_first += panel.in_first[r] ? 1U : 0U;
    out.n_second += panel.in_second[r] ? 1U : 0U;
  }
  out.n_both = panel.n_both;
  out.n_second_only = panel.only_second.size();
  if (out.n_second_only > 0) {
    out.notes.push_back(std::to_string(out.n_second_only) + " respondent(s) took part in wave " + w[1] + " only (" +
                        joined(panel.only_second) + "); they are kept in the analysis table");
  }

  // The analysis table: person columns, then the measures.
  table& analysis = out.analysis;
  analysis = panel.person;
  analysis.set_source("the analysis table");
  std::vector<double> present_second(rows);
  for (std::size_t r = 0; r < rows; ++r) present_second[r] = panel.in_second[r] ? 1.0 : 0.0;
  const std::string present_name = "present_" + w[1];
  if (!analysis.has(present_name)) analysis.add(column(present_name, present_second));

  struct measure_columns {
    std::string name;
    std::vector<double> pre;
    std::vector<double> post;
    bool count = false;
    improvement better = improvement::none;
    double reliability = missing_value;
  };
  std::vector<measure_columns> measures;

  for (const auto& scale : study.scales) {
    study_scale_result result;
    result.scale = scale;
    result.waves[0] = score_wave(scale, panel.first, panel.in_first, study.id_column, study.settings.level);
    result.waves[1] = score_wave(scale, panel.second, panel.in_second, study.id_column, study.settings.level);
    measure_columns m;
    m.name = scale.name;
    for (std::size_t r = 0; r < rows; ++r) {
      m.pre.push_back(panel.in_first[r] ? result.waves[0].scores.respondents[r].score : missing_value);
      m.post.push_back(panel.in_second[r] ? result.waves[1].scores.respondents[r].score : missing_value);
    }
    m.better = scale.definition->better;
    if (result.waves[0].alpha) m.reliability = result.waves[0].alpha->raw_alpha;
    for (int wave = 0; wave < 2; ++wave) {
      const auto& wr = result.waves[static_cast<std::size_t>(wave)];
      const std::vector<bool>& present = wave == 0 ? panel.in_first : panel.in_second;
      std::size_t unscored = 0;
      for (std::size_t r = 0; r < rows; ++r) {
        if (present[r] && is_missing(wr.scores.respondents[r].score)) ++unscored;
      }
      if (unscored > 0) {
        out.notes.push_back("scale '" + scale.name + "' at " + w[static_cast<std::size_t>(wave)] + ": " +
                            std::to_string(unscored) + " respondent(s) present but not scorable (too many missing items)");
      }
      if (wr.scores.n_prorated > 0) {
        out.notes.push_back("scale '" + scale.name + "' at " + w[static_cast<std::size_t>(wave)] + ": " +
                            std::to_string(wr.scores.n_prorated) + " score(s) prorated over missing items");
      }
    }
    measures.push_back(std::move(m));
    out.scales.push_back(std::move(result));
  }

  if (!study.data.groups_file.empty()) {
    csv_options options;
    options.missing_codes = study.data.missing_codes;
    const auto& gc = study.data.groups_columns;
    for (const std::string* c : {&gc.id, &gc.wave, &gc.group, &gc.group_id, &gc.category}) {
      if (!c->empty()) options.text_columns.push_back(*c);
    }
    const std::string groups_path = resolved(study.data.groups_file, base_directory);
    const table long_groups = is_stat_file(groups_path) ? read_stat_file(groups_path).data : read_csv(groups_path, options);
    group_options group_settings;
    group_settings.waves = {w[0], w[1]};
    const group_panel groups_panel = read_group_panel(long_groups, gc, group_settings);
    out.groups = analyse_groups(groups_panel, w[0], w[1], group_settings);
    std::unordered_map<std::string, std::size_t> person;
    for (std::size_t p = 0; p < out.groups->people.size(); ++p) person.emplace(out.groups->people[p], p);
    measure_columns m;
    m.name = "groups";
    m.better = improvement::higher;
    std::size_t not_in_groups = 0;
    for (std::size_t r = 0; r < rows; ++r) {
      const auto it = person.find(panel.ids[r]);
      if (it == person.end()) {
        ++not_in_groups;
        m.pre.push_back(missing_value);
        m.post.push_back(missing_value);
        continue;
      }
      const auto& metrics = out.groups->metrics[it->second];
      m.pre.push_back(panel.in_first[r] && metrics[0].surveyed ? metrics[0].n_groups : missing_value);
      m.post.push_back(panel.in_second[r] && metrics[1].surveyed ? metrics[1].n_groups : missing_value);
    }
    if (not_in_groups > 0) {
      out.notes.push_back(std::to_string(not_in_groups) + " respondent(s) of the panel have no row in the group file " +
                          "(their group counts are missing)");
    }
    std::set<std::string> in_panel(panel.ids.begin(), panel.ids.end());
    std::size_t unknown = 0;
    for (const auto& id : out.groups->people) unknown += in_panel.contains(id) ? 0U : 1U;
    if (unknown > 0) {
      out.notes.push_back(std::to_string(unknown) + " respondent(s) of the group file are not in the panel (not analysed)");
    }
    if (out.groups->rows_excluded > 0) {
      out.notes.push_back(std::to_string(out.groups->rows_excluded) + " row(s) of the group file excluded as invalid");
    }
    measures.push_back(std::move(m));
  }

  for (const auto& count : study.counts) {
    const std::string stem = count.column.empty() ? count.name : count.column;
    measure_columns m;
    m.name = count.name;
    m.count = true;
    m.better = improvement::lower;
    const auto pre = numeric_column(panel.first, stem, "count '" + count.name + "' at " + w[0]);
    const auto post = numeric_column(panel.second, stem, "count '" + count.name + "' at " + w[1]);
    for (std::size_t r = 0; r < rows; ++r) {
      m.pre.push_back(panel.in_first[r] ? pre[r] : missing_value);
      m.post.push_back(panel.in_second[r] ? post[r] : missing_value);
    }
    // Every count is checked here, where its file, line and column are known (the paired rate
    // ratio could only name a position).
    for (std::size_t wave = 0; wave < 2; ++wave) {
      const table& data = wave == 0 ? panel.first : panel.second;
      const std::vector<double>& values = wave == 0 ? m.pre : m.post;
      const std::string column_name = study.data.wide_file.empty() ? stem : stem + study.data.separator + w[wave];
      for (std::size_t r = 0; r < rows; ++r) {
        detail::require_count(values[r], {data.source(), data.source_line(r), column_name, panel.ids[r], {}});
      }
    }
    measures.push_back(std::move(m));
  }

  // Measure columns and their change.
  for (const auto& m : measures) {
    std::vector<double> change(rows, missing_value);
    for (std::size_t r = 0; r < rows; ++r) {
      if (!is_missing(m.pre[r]) && !is_missing(m.post[r])) change[r] = m.post[r] - m.pre[r];
    }
    for (const std::string& name : {m.name + "_" + w[0], m.name + "_" + w[1], m.name + "_change"}) {
      if (analysis.has(name)) {
        throw argument_error("study: the measure column '" + name + "' clashes with a column of the data; rename the measure '" +
                             m.name + "'");
      }
    }
    analysis.add(column(m.name + "_" + w[0], m.pre));
    analysis.add(column(m.name + "_" + w[1], m.post));
    analysis.add(column(m.name + "_change", change));

    study_change c;
    c.measure = m.name;
    c.count = m.count;
    c.reliability = m.reliability;
    change_options options;
    options.level = study.settings.level;
    options.better = m.better;
    options.count = m.count;
    if (!is_missing(m.reliability)) options.reliability = m.reliability;
    const Eigen::Map<const Eigen::VectorXd> pre(m.pre.data(), static_cast<Eigen::Index>(rows));
    const Eigen::Map<const Eigen::VectorXd> post(m.post.data(), static_cast<Eigen::Index>(rows));
    c.result = analyse_change(pre, post, options);
    out.changes.push_back(std::move(c));
  }

  // Completers and non-completers.
  {
    completion_rule rule;
    rule.column = study.completed.empty() ? present_name : study.completed;
    rule.rule = completion_rule::kind::flag;
    if (!analysis.has(rule.column)) {
      throw argument_error("study: completed: no column '" + rule.column + "' among the person columns; available: " +
                           joined(analysis.names()));
    }
    std::vector<std::string> variables;
    for (const auto& c : study.covariates) {
      if (!analysis.has(c)) {
        throw argument_error("study: covariates: no column '" + c + "' among the person columns; available: " +
                             joined(panel.person.names()));
      }
      if (c != rule.column) variables.push_back(c);
    }
    for (const auto& m : measures) variables.push_back(m.name + "_" + w[0]);
    std::size_t completed = 0;
    std::size_t dropped = 0;
    const column& flag = analysis.get(rule.column);
    for (std::size_t r = 0; r < rows; ++r) {
      if (!panel.in_first[r] || flag.is_missing(r) || !flag.is_numeric()) continue;
      (flag.numbers()[r] == 1.0 ? completed : dropped) += 1;
    }
    if (completed > 0 && dropped > 0 && !variables.empty()) {
      std::vector<std::size_t> baseline_rows;
      for (std::size_t r = 0; r < rows; ++r) {
        if (panel.in_first[r]) baseline_rows.push_back(r);
      }
      attrition_options options;
      options.level = study.settings.level;
      out.attrition = compare_attrition(analysis.select_rows(baseline_rows), rule, variables, options, study.id_column);
    } else {
      out.notes.push_back("no attrition comparison: " + std::to_string(completed) + " completer(s) and " +
                          std::to_string(dropped) + " non-completer(s) at " + w[0]);
    }
  }

  // The models.
  for (std::size_t i = 0; i < study.models.size(); ++i) {
    const study_model& m = study.models[i];
    study_model_result result;
    result.model = m;
    result.n_rows = rows;
    mediation_options options;
    options.replicates = study.settings.replicates;
    options.seed = study.settings.seed;
    options.ci = study.settings.ci;
    options.level = study.settings.level;
    options.threads = study.settings.threads;
    if (progress) {
      options.progress = [&progress, i](std::size_t done, std::size_t total) { return progress(i, done, total); };
    }
    switch (m.kind) {
      case study_model_kind::mediation: {
        std::vector<std::string> columns{m.x, m.y};
        columns.insert(columns.end(), m.mediators.begin(), m.mediators.end());
        columns.insert(columns.end(), m.covariates.begin(), m.covariates.end());
        require_columns(analysis, m.name, columns);
        result.mediation = fit_mediation(analysis, {m.x, m.mediators, m.y, m.covariates, m.model}, options);
        break;
      }
      case study_model_kind::within_mediation: {
        within_mediation_spec spec;
        for (const auto& name : m.mediators) spec.mediators.push_back({name + "_" + w[0], name + "_" + w[1]});
        spec.y = {m.y + "_" + w[0], m.y + "_" + w[1]};
        spec.model = m.model;
        result.mediation = fit_within_mediation(analysis, spec, options);
        break;
      }
      case study_model_kind::regression: {
        model_spec spec;
        spec.response = m.y;
        spec.predictors = m.x_terms;
        spec.predictors.insert(spec.predictors.end(), m.covariates.begin(), m.covariates.end());
        std::vector<std::string> columns = spec.predictors;
        columns.push_back(m.y);
        require_columns(analysis, m.name, columns);
        spec.categorical = text_terms(analysis, spec.predictors);
        if (m.family) {
          glm_options glm;
          glm.family = *m.family;
          glm.level = study.settings.level;
          result.glm = fit_glm(analysis, spec, glm);
        } else {
          ols_options ols;
          ols.se = m.se;
          ols.level = study.settings.level;
          result.ols = fit_ols(analysis, spec, ols);
        }
        break;
      }
    }
    out.models.push_back(std::move(result));
  }
  return out;
}

}  // namespace socialcure

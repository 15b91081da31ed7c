#include "socialcure/study/study.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <utility>

#include "socialcure/core/error.hpp"
#include "socialcure/study/stages.hpp"
#include "study/detail/checks.hpp"

namespace socialcure {

std::string_view study_model::type() const noexcept {
  return std::visit([](const auto& kind) { return std::decay_t<decltype(kind)>::type; }, spec);
}

namespace detail {

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

}  // namespace detail

namespace {

bool is_label(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
  });
}

// Throws argument_error "study: <field>: <what>".
[[noreturn]] void bad(const std::string& field, const std::string& what) {
  throw argument_error("study: " + field + ": " + what);
}

// The names of the study's measures, checked: labels, unique, "groups" reserved for the group
// count when there is a group file.
std::set<std::string> checked_measures(const study_definition& study, bool has_groups) {
  std::set<std::string> measures;
  const auto add_measure = [&](const std::string& field, const std::string& name) {
    if (!is_label(name)) bad(field, "the name '" + name + "' must be letters, digits, '_' or '-'");
    if (name == "groups" && has_groups) bad(field, "the name 'groups' is taken by the group count of the group file");
    if (!measures.insert(name).second) bad(field, "the name '" + name + "' is used twice");
  };
  for (std::size_t i = 0; i < study.scales.size(); ++i) {
    const auto& s = study.scales[i];
    const std::string field = "scales[" + std::to_string(i + 1) + "]";
    add_measure(field, s.name);
    if (!s.definition) bad(field, "scale '" + s.name + "' has no definition");
    if (s.items.size() != static_cast<std::size_t>(s.definition->items))
      bad(field, "scale '" + s.name + "' (" + s.definition->id + ") has " + std::to_string(s.definition->items) +
                     " items, 'items' lists " + std::to_string(s.items.size()));
  }
  for (std::size_t i = 0; i < study.counts.size(); ++i) {
    add_measure("counts[" + std::to_string(i + 1) + "]", study.counts[i].name);
  }
  if (has_groups) measures.insert("groups");
  return measures;
}

// The checks of each kind of model: `field` is "models[i]", `measures` the study's measures.
void check_model(const study_mediation& m, const std::string& field, const std::string& name,
                 const std::set<std::string>& /*measures*/) {
  const mediation_spec spec{m.x, m.mediators, m.y, m.covariates, m.model, m.moderated_model, m.w, m.probe, m.center};
  try {
    spec.validate();
  } catch (const argument_error& e) {
    bad(field + " '" + name + "'", e.what());
  }
}

void check_model(const study_glm_mediation& m, const std::string& field, const std::string& name,
                 const std::set<std::string>& /*measures*/) {
  try {
    detail::glm_mediation_spec_of(m).validate();
  } catch (const argument_error& e) {
    bad(field + " '" + name + "'", e.what());
  }
}

void check_model(const study_moderation& m, const std::string& field, const std::string& name,
                 const std::set<std::string>& /*measures*/) {
  const moderation_spec spec{m.model, m.x, m.w, m.z, m.y, m.covariates};
  moderation_options options;
  options.probe = m.probe;
  if (m.level) options.level = *m.level;
  try {
    spec.validate();
    options.validate();
  } catch (const argument_error& e) {
    bad(field + " '" + name + "'", e.what());
  }
}

void check_model(const study_within_mediation& m, const std::string& field, const std::string& /*name*/,
                 const std::set<std::string>& measures) {
  if (m.mediators.empty() || m.y.empty()) bad(field, "a within-subject model needs mediators and y");
  if (m.model == mediation_model::serial && m.mediators.size() != 2)
    bad(field, "a serial within-subject model needs exactly 2 mediators");
  for (const auto& measure : m.mediators) {
    if (!measures.contains(measure))
      bad(field, "'" + measure + "' is not a measure of the study (a within-subject model names measures)");
  }
  if (!measures.contains(m.y))
    bad(field, "'" + m.y + "' is not a measure of the study (a within-subject model names measures)");
}

void check_model(const study_regression& m, const std::string& field, const std::string& /*name*/,
                 const std::set<std::string>& /*measures*/) {
  if (m.y.empty() || m.x.empty()) bad(field, "a regression needs y and at least one predictor in x");
}

}  // namespace

namespace detail {

glm_mediation_spec glm_mediation_spec_of(const study_glm_mediation& m) {
  glm_mediation_spec spec;
  spec.x = m.x;
  spec.mediators = m.mediators;
  spec.y = m.y;
  spec.covariates = m.covariates;
  spec.model = m.model;
  spec.family = m.family;
  spec.link = m.link;
  spec.offset = m.offset;
  spec.exposure = m.exposure;
  spec.interaction = m.interaction;
  spec.cluster = m.cluster;
  spec.moderated_model = m.moderated_model;
  spec.w = m.w;
  spec.probe = m.probe;
  spec.center = m.center;
  spec.x_values = m.x_values;
  return spec;
}

std::string model_cluster(const study_model_spec& spec) {
  return std::visit(
      [](const auto& kind) -> std::string {
        if constexpr (requires { kind.cluster; }) {
          return kind.cluster;
        } else {
          return {};
        }
      },
      spec);
}

void validate_study_design(const study_definition& study, bool has_groups) {
  if (study.id_column.empty()) bad("id", "the id column must be named");
  const auto& w = study.waves;
  if (w[0].empty() || w[1].empty()) bad("waves", "two wave names are needed");
  if (w[0] == w[1]) bad("waves", "the two waves have the same name '" + w[0] + "'");
  const auto& gc = study.data.groups_columns;
  if (has_groups && (gc.id.empty() || gc.wave.empty() || gc.group.empty()))
    bad("data.group_columns", "the id, wave and group columns must be named");
  if (!(study.settings.level > 0.0 && study.settings.level < 1.0))
    bad("settings.level", "must lie strictly between 0 and 1");
  if (study.settings.replicates < 1) bad("settings.replicates", "must be at least 1");
  const std::set<std::string> measures = checked_measures(study, has_groups);
  std::set<std::string> model_names;
  for (std::size_t i = 0; i < study.models.size(); ++i) {
    const auto& m = study.models[i];
    const std::string field = "models[" + std::to_string(i + 1) + "]";
    if (!is_label(m.name)) bad(field, "the name '" + m.name + "' must be letters, digits, '_' or '-'");
    if (!model_names.insert(m.name).second) bad(field, "the model name '" + m.name + "' is used twice");
    std::visit([&](const auto& kind) { check_model(kind, field, m.name, measures); }, m.spec);
    const bool bootstrap = !std::holds_alternative<study_regression>(m.spec);
    if (bootstrap && study.settings.ci == ci_method::monte_carlo && !model_cluster(m.spec).empty()) {
      bad(field + " '" + m.name + "' cluster", "a cluster bootstrap has no Monte Carlo intervals (settings.ci = "
                                                "\"monte_carlo\"); use percentile, bias_corrected or bca");
    }
  }
}

}  // namespace detail

void study_definition::validate() const {
  const bool wide = !data.wide_file.empty();
  const bool per_wave = !data.wave_files[0].empty() || !data.wave_files[1].empty();
  if (wide == per_wave) bad("data", "give either one wide file (file) or one file per wave (files)");
  if (per_wave && (data.wave_files[0].empty() || data.wave_files[1].empty()))
    bad("data.files", "one file per wave is needed (2 files)");
  if (wide && data.separator.empty()) bad("data.separator", "must not be empty");
  detail::validate_study_design(*this, !data.groups_file.empty());
}

study_result run_study(const study_definition& study, const std::string& base_directory,
                       const std::function<bool(std::size_t, std::size_t, std::size_t)>& progress) {
  study.validate();
  study_table data = build_study_table(study, read_study_inputs(study, base_directory));
  study_attrition_result attrition = study_attrition(study, data);
  study_result out;
  out.study = study;
  out.scales = study_measures(study, data);
  out.changes = study_changes(study, data, out.scales);
  for (std::size_t i = 0; i < study.models.size(); ++i) {
    std::function<bool(std::size_t, std::size_t)> model_progress;
    if (progress) model_progress = [&progress, i](std::size_t done, std::size_t total) { return progress(i, done, total); };
    out.models.push_back(fit_study_model(study, study.models[i], data, model_progress));
  }
  out.analysis = std::move(data.analysis);
  out.n_first = data.n_first;
  out.n_second = data.n_second;
  out.n_both = data.n_both;
  out.n_second_only = data.n_second_only;
  out.attrition = std::move(attrition.comparison);
  out.missingness = std::move(attrition.missingness);
  out.little_mcar = std::move(attrition.little_mcar);
  out.groups = std::move(data.groups);
  out.notes = std::move(data.notes);
  out.notes.insert(out.notes.end(), attrition.notes.begin(), attrition.notes.end());
  return out;
}

}  // namespace socialcure

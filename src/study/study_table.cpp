// The first two stages of a study: reading its files (read_study_inputs) and building the
// analysis table (build_study_table).

#include <cstddef>
#include <filesystem>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "socialcure/core/error.hpp"
#include "socialcure/core/missing.hpp"
#include "socialcure/core/number.hpp"
#include "socialcure/data/read_table.hpp"
#include "socialcure/study/stages.hpp"
#include "study/detail/checks.hpp"

namespace socialcure {

namespace {

using detail::joined;

// ---- reading: every file of a study is read here ----------------------------------------------

table read_data_file(const std::string& path, const study_definition& study) {
  read_options options;
  options.id_column = study.id_column;
  options.missing_codes = study.data.missing_codes;
  options.text_columns = study.data.text_columns;
  return read_table(path, options);
}

table read_groups_file(const std::string& path, const study_definition& study) {
  read_options options;
  options.missing_codes = study.data.missing_codes;
  const auto& gc = study.data.groups_columns;
  for (const std::string* c : {&gc.id, &gc.wave, &gc.group, &gc.group_id, &gc.category}) {
    if (!c->empty()) options.text_columns.push_back(*c);
  }
  return read_table(path, options);
}

std::string resolved(const std::string& path, const std::string& base) {
  if (path.empty() || base.empty() || path.starts_with(sample_prefix) || std::filesystem::path(path).is_absolute())
    return path;
  return (std::filesystem::path(base) / path).string();
}

// ---- the panel ------------------------------------------------------------------------------------

wave_pair make_panel(const study_definition& study, const study_inputs& inputs) {
  if (inputs.wide.has_value() == inputs.waves.has_value()) {
    throw argument_error("study: data: give either one wide table or one table per wave");
  }
  if (inputs.wide) {
    split_options options;
    options.id_column = study.id_column;
    options.waves = study.waves;
    options.separator = study.data.separator;
    return split_waves(*inputs.wide, options);
  }
  join_options options;
  options.id_column = study.id_column;
  options.waves = study.waves;
  return join_waves((*inputs.waves)[0], (*inputs.waves)[1], options);
}

// The numbers of respondents, the note on those at the second wave only, and the person columns
// with present_<wave2>; `per_wave`: the panel was joined from one table per wave.
void start_table(const study_definition& study, bool per_wave, study_table& out) {
  const wave_pair& panel = out.panel;
  for (std::size_t r = 0; r < panel.ids.size(); ++r) {
    out.n_first += panel.in_first[r] ? 1U : 0U;
    out.n_second += panel.in_second[r] ? 1U : 0U;
  }
  out.n_both = panel.n_both;
  out.n_second_only = panel.only_second.size();
  if (out.n_second_only > 0) {
    out.notes.push_back(std::to_string(out.n_second_only) + " respondent(s) took part in wave " + study.waves[1] +
                        " only (" + joined(panel.only_second) + "); they are kept in the analysis table");
  }
  out.analysis = panel.person;
  out.analysis.set_source("the analysis table");
  if (per_wave) {  // the first wave's columns not measured at the second are person columns
    for (const auto& name : panel.first.names()) {
      if (!out.analysis.has(name) && !panel.second.has(name)) out.analysis.add(panel.first.get(name));
    }
  }
  out.person_columns = out.analysis.names();
  std::vector<double> present(panel.ids.size());
  for (std::size_t r = 0; r < present.size(); ++r) present[r] = panel.in_second[r] ? 1.0 : 0.0;
  out.present_column = "present_" + study.waves[1];
  if (!out.analysis.has(out.present_column)) out.analysis.add(column(out.present_column, present));
}

// ---- the measures -------------------------------------------------------------------------------

// A measure's values at both waves, one per row of the panel (missing where absent).
struct measure_values {
  study_measure measure;
  std::vector<double> pre;
  std::vector<double> post;
};

// The value of row r at a wave, or missing when the respondent was absent.
double at_wave(const std::vector<bool>& present, std::size_t r, double value) {
  return present[r] ? value : missing_value;
}

// Scores one scale at both waves; notes the unscorable and prorated scores.
measure_values scale_measure(const study_definition& study, const study_scale& scale, study_table& out) {
  const wave_pair& panel = out.panel;
  std::array<scale_scores, 2> scores;
  for (std::size_t w = 0; w < 2; ++w) {
    const table& wave_data = w == 0 ? panel.first : panel.second;
    for (const auto& item : scale.items) {
      if (!wave_data.has(item)) {
        throw argument_error("study: scale '" + scale.name + "': no item column '" + item + "' in " +
                             wave_data.source() + "; available: " + joined(wave_data.names()));
      }
    }
    scores[w] = score_table(*scale.definition, wave_data, scale.items, study.id_column);
  }
  measure_values m{{scale.name, study_measure_kind::scale, scale.definition->better}, {}, {}};
  for (std::size_t r = 0; r < panel.ids.size(); ++r) {
    m.pre.push_back(at_wave(panel.in_first, r, scores[0].respondents[r].score));
    m.post.push_back(at_wave(panel.in_second, r, scores[1].respondents[r].score));
  }
  for (std::size_t w = 0; w < 2; ++w) {
    const std::vector<double>& values = w == 0 ? m.pre : m.post;
    const std::vector<bool>& present = w == 0 ? panel.in_first : panel.in_second;
    std::size_t unscored = 0;
    for (std::size_t r = 0; r < values.size(); ++r) unscored += present[r] && is_missing(values[r]) ? 1U : 0U;
    const std::string head = "scale '" + scale.name + "' at " + study.waves[w] + ": ";
    if (unscored > 0) {
      out.notes.push_back(head + std::to_string(unscored) +
                          " respondent(s) present but not scorable (too many missing items)");
    }
    if (scores[w].n_prorated > 0) {
      out.notes.push_back(head + std::to_string(scores[w].n_prorated) + " score(s) prorated over missing items");
    }
  }
  out.scores.push_back(std::move(scores));
  return m;
}

// The notes on respondents and rows the group file and the panel do not share.
void note_group_coverage(const group_results& groups, std::size_t not_in_groups, study_table& out) {
  if (not_in_groups > 0) {
    out.notes.push_back(std::to_string(not_in_groups) + " respondent(s) of the panel have no row in the group file " +
                        "(their group counts are missing)");
  }
  const std::set<std::string> in_panel(out.panel.ids.begin(), out.panel.ids.end());
  std::size_t unknown = 0;
  for (const auto& id : groups.people) unknown += in_panel.contains(id) ? 0U : 1U;
  if (unknown > 0) {
    out.notes.push_back(std::to_string(unknown) + " respondent(s) of the group file are not in the panel (not analysed)");
  }
  if (groups.rows_excluded > 0) {
    out.notes.push_back(std::to_string(groups.rows_excluded) + " row(s) of the group file excluded as invalid");
  }
}

// The number of groups at each wave (missing where not surveyed or absent).
measure_values groups_measure(const study_definition& study, const table& long_groups, study_table& out) {
  const auto& w = study.waves;
  group_options settings;
  settings.waves = {w[0], w[1]};
  out.groups = analyse_groups(read_group_panel(long_groups, study.data.groups_columns, settings), w[0], w[1], settings);
  std::unordered_map<std::string, std::size_t> person;
  for (std::size_t p = 0; p < out.groups->people.size(); ++p) person.emplace(out.groups->people[p], p);
  const wave_pair& panel = out.panel;
  measure_values m{{"groups", study_measure_kind::groups, improvement::higher}, {}, {}};
  std::size_t not_in_groups = 0;
  for (std::size_t r = 0; r < panel.ids.size(); ++r) {
    const auto it = person.find(panel.ids[r]);
    if (it == person.end()) {
      ++not_in_groups;
      m.pre.push_back(missing_value);
      m.post.push_back(missing_value);
      continue;
    }
    const auto& metrics = out.groups->metrics[it->second];
    m.pre.push_back(metrics[0].surveyed ? at_wave(panel.in_first, r, metrics[0].n_groups) : missing_value);
    m.post.push_back(metrics[1].surveyed ? at_wave(panel.in_second, r, metrics[1].n_groups) : missing_value);
  }
  note_group_coverage(*out.groups, not_in_groups, out);
  return m;
}

// Values of a numeric column of a wave table, or an error listing what the table has.
std::span<const double> numeric_column(const table& data, const std::string& name, const std::string& what) {
  if (!data.has(name)) {
    throw argument_error("study: " + what + ": no column '" + name + "' in " + data.source() +
                         "; available: " + joined(data.names()));
  }
  const column& col = data.get(name);
  if (!col.is_numeric())
    throw argument_error("study: " + what + ": column '" + name + "' of " + data.source() + " is text, not numeric");
  return col.numbers();
}

// A count outcome at both waves, every value checked where its file, line and column are known
// (the paired rate ratio could only name a position).
measure_values count_measure(const study_definition& study, const study_count& count, bool wide, const wave_pair& panel) {
  const std::string stem = count.column.empty() ? count.name : count.column;
  measure_values m{{count.name, study_measure_kind::count, improvement::lower}, {}, {}};
  for (std::size_t w = 0; w < 2; ++w) {
    const table& data = w == 0 ? panel.first : panel.second;
    const auto values = numeric_column(data, stem, "count '" + count.name + "' at " + study.waves[w]);
    const std::vector<bool>& present = w == 0 ? panel.in_first : panel.in_second;
    std::vector<double>& out = w == 0 ? m.pre : m.post;
    const std::string column_name = wide ? stem + study.data.separator + study.waves[w] : stem;
    for (std::size_t r = 0; r < panel.ids.size(); ++r) {
      out.push_back(at_wave(present, r, values[r]));
      require_count(out[r], {data.source(), data.source_line(r), column_name, panel.ids[r], {}});
    }
  }
  return m;
}

// Adds M_<wave1>, M_<wave2> and M_change to the analysis table.
void add_measure(const study_definition& study, measure_values m, study_table& out) {
  const auto& name = m.measure.name;
  std::vector<double> change(m.pre.size(), missing_value);
  for (std::size_t r = 0; r < change.size(); ++r) {
    if (!is_missing(m.pre[r]) && !is_missing(m.post[r])) change[r] = m.post[r] - m.pre[r];
  }
  for (const std::string& column_name : {name + "_" + study.waves[0], name + "_" + study.waves[1], name + "_change"}) {
    if (out.analysis.has(column_name)) {
      throw argument_error("study: the measure column '" + column_name +
                           "' clashes with a column of the data; rename the measure '" + name + "'");
    }
  }
  out.analysis.add(column(name + "_" + study.waves[0], std::move(m.pre)));
  out.analysis.add(column(name + "_" + study.waves[1], std::move(m.post)));
  out.analysis.add(column(name + "_change", std::move(change)));
  out.measures.push_back(std::move(m.measure));
}

}  // namespace

study_inputs read_study_inputs(const study_definition& study, const std::string& base_directory) {
  const auto read = [&](const std::string& path) { return read_data_file(resolved(path, base_directory), study); };
  study_inputs out;
  if (!study.data.wide_file.empty()) {
    out.wide = read(study.data.wide_file);
  } else {
    out.waves = std::array<table, 2>{read(study.data.wave_files[0]), read(study.data.wave_files[1])};
  }
  if (!study.data.groups_file.empty()) {
    out.groups = read_groups_file(resolved(study.data.groups_file, base_directory), study);
  }
  return out;
}

study_table build_study_table(const study_definition& study, const study_inputs& inputs) {
  detail::validate_study_design(study, inputs.groups.has_value());
  study_table out;
  out.panel = make_panel(study, inputs);
  start_table(study, inputs.waves.has_value(), out);
  // Scored and checked in full before any column is added, as the errors come first.
  std::vector<measure_values> measures;
  for (const auto& scale : study.scales) measures.push_back(scale_measure(study, scale, out));
  if (inputs.groups) measures.push_back(groups_measure(study, *inputs.groups, out));
  for (const auto& count : study.counts) {
    measures.push_back(count_measure(study, count, inputs.wide.has_value(), out.panel));
  }
  for (auto& m : measures) add_measure(study, std::move(m), out);
  return out;
}

study_table build_study_table(const study_definition& study, const std::string& base_directory) {
  study.validate();
  return build_study_table(study, read_study_inputs(study, base_directory));
}

}  // namespace socialcure

#include "socialcure/measures/groups.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <unordered_map>

#include "socialcure/core/error.hpp"
#include "socialcure/core/number.hpp"
#include "socialcure/data/describe.hpp"

namespace socialcure {

const std::vector<std::string>& standard_group_categories() {
  static const std::vector<std::string> categories = {
      "family", "friends", "sport", "faith", "arts_music", "volunteering", "community",
      "support_group", "work_education", "online", "other"};
  return categories;
}

std::string normalise_group_name(const std::string& name) {
  std::string out;
  bool space = false;
  for (char c : name) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string group_membership::key() const { return group_id.empty() ? normalise_group_name(name) : "id:" + group_id; }

void group_options::validate() const {
  if (!(identification_min < identification_max)) {
    throw argument_error("the identification codes need min < max, not " + format_number(identification_min) + ".." +
                         format_number(identification_max));
  }
}

namespace {

const column* optional_column(const table& data, const std::string& name) {
  return name.empty() ? nullptr : &data.get(name);
}

std::string text_at(const column* c, std::size_t row) {
  if (c == nullptr || c->is_missing(row)) return {};
  return c->entry_text(row);
}

double number_at(const table& data, const column* c, std::size_t row) {
  if (c == nullptr || c->is_missing(row)) return missing_value;
  if (!c->is_numeric()) {
    throw data_error({data.source(), data.source_line(row), c->name(), {}, {}}, "value is not a number",
                     c->strings()[row]);
  }
  return c->numbers()[row];
}

}  // namespace

group_panel read_group_panel(const table& data, const group_columns& columns, const group_options& options) {
  options.validate();
  const column& id = data.get(columns.id);
  const column& wave = data.get(columns.wave);
  const column& group = data.get(columns.group);
  const column* group_id = optional_column(data, columns.group_id);
  const column* category = optional_column(data, columns.category);
  const column* identification = optional_column(data, columns.identification);
  const column* importance = optional_column(data, columns.importance);
  const column* positivity = optional_column(data, columns.positivity);
  const column* contact = optional_column(data, columns.contact);
  const column* pathway = optional_column(data, columns.pathway);

  group_panel panel;
  panel.waves = options.waves;
  const bool fixed_waves = !options.waves.empty();
  std::unordered_map<std::string, std::size_t> person_index;
  // (person, wave, key) -> line, to find a group listed twice.
  std::map<std::tuple<std::size_t, std::size_t, std::string>, std::size_t> seen;
  panel.rows_read = data.rows();

  for (std::size_t r = 0; r < data.rows(); ++r) {
    const std::size_t line = data.source_line(r);
    const std::string person = text_at(&id, r);
    auto reject = [&](const location& where, const std::string& what, const std::string& value,
                      const std::string& allowed) {
      if (options.on_invalid == group_options::invalid_policy::error) throw data_error(where, what, value, allowed);
      ++panel.rows_excluded;
      panel.exclusions.push_back(data_error(where, what, value, allowed).what());
    };
    if (person.empty()) {
      reject({data.source(), line, columns.id, {}, {}}, "respondent id is missing", {}, {});
      continue;
    }
    // Everyone with an id is kept, even when each of their rows is excluded below (then they are
    // not surveyed at any wave: missing metrics, not a person missing from the results).
    auto [it, inserted] = person_index.emplace(person, panel.people.size());
    if (inserted) {
      panel.people.push_back(person);
      panel.memberships.emplace_back(panel.waves.size());
    }
    const std::string w = text_at(&wave, r);
    auto wave_it = std::find(panel.waves.begin(), panel.waves.end(), w);
    if (w.empty() || (fixed_waves && wave_it == panel.waves.end())) {
      std::string allowed;
      for (const auto& x : panel.waves) allowed += (allowed.empty() ? "" : ", ") + x;
      reject({data.source(), line, columns.wave, person, {}}, "unknown wave", w, allowed);
      continue;
    }
    if (wave_it == panel.waves.end()) {
      panel.waves.push_back(w);
      for (auto& m : panel.memberships) m.emplace_back();
      wave_it = panel.waves.end() - 1;
    }
    const auto wave_index = static_cast<std::size_t>(wave_it - panel.waves.begin());
    wave_groups& wg = panel.memberships[it->second][wave_index];
    wg.surveyed = true;
    group_membership g;
    g.name = text_at(&group, r);
    g.group_id = text_at(group_id, r);
    if (g.name.empty() && g.group_id.empty()) continue;  // the explicit "no group at this wave" row
    g.category = text_at(category, r);
    g.identification = number_at(data, identification, r);
    g.importance = number_at(data, importance, r);
    g.positivity = number_at(data, positivity, r);
    g.contact = number_at(data, contact, r);
    g.pathway = number_at(data, pathway, r);
    g.line = line;
    if (!is_missing(g.identification) &&
        (g.identification < options.identification_min || g.identification > options.identification_max)) {
      reject({data.source(), line, columns.identification, person, g.name}, "identification outside its codes",
             format_number(g.identification),
             format_number(options.identification_min) + ".." + format_number(options.identification_max));
      ++wg.incomplete_rows;  // a group the person has, left out: the wave's counts would be too low
      continue;
    }
    const auto [dup, fresh] = seen.emplace(std::make_tuple(it->second, wave_index, g.key()), line);
    if (!fresh) {
      reject({data.source(), line, columns.group, person, g.name},
             "the person lists this group twice at wave '" + w + "' (first on line " + std::to_string(dup->second) +
                 "; names are matched ignoring case and extra spaces)",
             g.name, "each group once per wave");
      continue;
    }
    wg.groups.push_back(std::move(g));
  }
  return panel;
}

const std::vector<std::pair<const char*, double group_metrics::*>>& group_metrics::fields() {
  static const std::vector<std::pair<const char*, double group_metrics::*>> list = {
      {"n_groups", &group_metrics::n_groups},       {"n_high_id", &group_metrics::n_high_id},
      {"mean_id", &group_metrics::mean_id},         {"sum_id", &group_metrics::sum_id},
      {"n_categories", &group_metrics::n_categories}, {"blau", &group_metrics::blau},
      {"n_positive", &group_metrics::n_positive},   {"mean_contact", &group_metrics::mean_contact},
      {"n_pathway", &group_metrics::n_pathway}};
  return list;
}

group_metrics wave_metrics(const wave_groups& wg, const group_options& options) {
  group_metrics m;
  m.surveyed = wg.surveyed;
  if (!wg.surveyed || wg.incomplete_rows > 0) return m;
  const auto& groups = wg.groups;
  m.n_groups = static_cast<double>(groups.size());
  double high = 0, sum_id = 0, answered_id = 0, positive = 0, pathway = 0, contact_sum = 0, contact_n = 0;
  std::map<std::string, double> by_category;
  for (const auto& g : groups) {
    if (!is_missing(g.identification)) {
      sum_id += g.identification;
      ++answered_id;
      if (g.identification >= options.high_identification) ++high;
    }
    if (!is_missing(g.positivity) && g.positivity >= options.positive_threshold) ++positive;
    if (!is_missing(g.contact)) {
      contact_sum += g.contact;
      ++contact_n;
    }
    if (g.pathway == 1.0) ++pathway;
    if (!g.category.empty()) by_category[g.category] += 1;
  }
  m.n_high_id = high;
  m.sum_id = answered_id > 0 ? sum_id : missing_value;
  m.mean_id = answered_id > 0 ? sum_id / answered_id : missing_value;
  m.n_categories = static_cast<double>(by_category.size());
  if (!groups.empty()) {
    double sum_sq = 0.0;
    for (const auto& [c, count] : by_category) {
      const double share = count / m.n_groups;
      sum_sq += share * share;
    }
    m.blau = 1.0 - sum_sq;
  }
  m.n_positive = positive;
  m.mean_contact = contact_n > 0 ? contact_sum / contact_n : missing_value;
  m.n_pathway = pathway;
  return m;
}

group_transition wave_transition(const wave_groups& from, const wave_groups& to) {
  group_transition t;
  if (!from.surveyed || !to.surveyed) return t;
  std::set<std::string> before, after;
  for (const auto& g : from.groups) before.insert(g.key());
  for (const auto& g : to.groups) after.insert(g.key());
  double maintained = 0;
  for (const auto& k : before) maintained += after.count(k) > 0 ? 1 : 0;
  t.maintained = maintained;
  t.lost = static_cast<double>(before.size()) - maintained;
  t.gained = static_cast<double>(after.size()) - maintained;
  t.continuity = before.empty() ? missing_value : maintained / static_cast<double>(before.size());
  t.net_change = static_cast<double>(after.size()) - static_cast<double>(before.size());
  return t;
}

group_results analyse_groups(const group_panel& panel, const std::string& from, const std::string& to,
                             const group_options& options) {
  options.validate();
  group_results out;
  out.waves = panel.waves;
  out.people = panel.people;
  out.rows_excluded = panel.rows_excluded;
  auto wave_index = [&](const std::string& name, std::size_t fallback) {
    if (name.empty()) {
      if (fallback >= panel.waves.size()) throw argument_error("the data have fewer than two waves");
      return fallback;
    }
    const auto it = std::find(panel.waves.begin(), panel.waves.end(), name);
    if (it == panel.waves.end()) {
      std::string available;
      for (const auto& w : panel.waves) available += (available.empty() ? "" : ", ") + w;
      throw argument_error("no wave '" + name + "' in the data (waves: " + available + ")");
    }
    return static_cast<std::size_t>(it - panel.waves.begin());
  };
  const bool two_waves = panel.waves.size() >= 2 || !from.empty();
  const std::size_t a = two_waves ? wave_index(from, 0) : 0;
  const std::size_t b = two_waves ? wave_index(to, 1) : 0;
  if (two_waves) {
    out.from = panel.waves[a];
    out.to = panel.waves[b];
  }
  std::size_t gained_any = 0;
  for (std::size_t p = 0; p < panel.people.size(); ++p) {
    std::vector<group_metrics> per_wave;
    for (const auto& wg : panel.memberships[p]) per_wave.push_back(wave_metrics(wg, options));
    out.metrics.push_back(std::move(per_wave));
    group_transition t;
    if (two_waves) {
      t = wave_transition(panel.memberships[p][a], panel.memberships[p][b]);
      const group_metrics& m0 = out.metrics[p][a];
      const group_metrics& m1 = out.metrics[p][b];
      t.change.surveyed = m0.surveyed && m1.surveyed;
      for (const auto& [name, field] : group_metrics::fields()) {
        t.change.*field = t.change.surveyed ? m1.*field - m0.*field : missing_value;  // NaN stays missing
      }
    }
    if (!is_missing(t.gained)) {
      ++out.n_both;
      gained_any += t.gained >= 1 ? 1 : 0;
    }
    out.transitions.push_back(t);
  }
  if (out.n_both > 0) out.share_gained_any = static_cast<double>(gained_any) / static_cast<double>(out.n_both);
  for (std::size_t w = 0; w < panel.waves.size(); ++w) {
    group_wave_summary s;
    s.wave = panel.waves[w];
    std::vector<std::vector<double>> values(group_metrics::fields().size());
    for (std::size_t p = 0; p < panel.people.size(); ++p) {
      const group_metrics& m = out.metrics[p][w];
      if (!m.surveyed) continue;
      ++s.n_surveyed;
      ++s.distribution[static_cast<int>(m.n_groups)];
      for (std::size_t f = 0; f < values.size(); ++f) values[f].push_back(m.*(group_metrics::fields()[f].second));
    }
    s.mean.surveyed = s.sd.surveyed = s.n_surveyed > 0;
    for (std::size_t f = 0; f < values.size(); ++f) {
      const mean_sd stats = mean_and_sd(values[f]);  // missing values skipped
      s.mean.*(group_metrics::fields()[f].second) = stats.mean;
      s.sd.*(group_metrics::fields()[f].second) = stats.sd;
    }
    s.mean_groups = s.mean.n_groups;
    s.sd_groups = s.sd.n_groups;
    s.mean_high_id = s.mean.n_high_id;
    out.summaries.push_back(std::move(s));
  }
  return out;
}

table group_results_table(const group_results& results, const std::string& id_column) {
  table out("groups");
  out.add(column(id_column, results.people));
  const std::size_t n = results.people.size();
  for (std::size_t w = 0; w < results.waves.size(); ++w) {
    std::vector<double> surveyed(n);
    for (std::size_t p = 0; p < n; ++p) surveyed[p] = results.metrics[p][w].surveyed ? 1.0 : 0.0;
    out.add(column("surveyed_" + results.waves[w], std::move(surveyed)));
    for (const auto& [name, field] : group_metrics::fields()) {
      std::vector<double> v(n);
      for (std::size_t p = 0; p < n; ++p) v[p] = results.metrics[p][w].*field;
      out.add(column(std::string(name) + "_" + results.waves[w], std::move(v)));
    }
  }
  if (!results.from.empty()) {
    const std::pair<const char*, double group_transition::*> fields[] = {
        {"maintained", &group_transition::maintained}, {"gained", &group_transition::gained},
        {"lost", &group_transition::lost},             {"continuity", &group_transition::continuity},
        {"net_change", &group_transition::net_change}};
    for (const auto& [name, field] : fields) {
      std::vector<double> v(n);
      for (std::size_t p = 0; p < n; ++p) v[p] = results.transitions[p].*field;
      out.add(column(name, std::move(v)));
    }
    for (const auto& [name, field] : group_metrics::fields()) {
      std::vector<double> v(n);
      for (std::size_t p = 0; p < n; ++p) v[p] = results.transitions[p].change.*field;
      out.add(column("change_" + std::string(name), std::move(v)));
    }
  }
  return out;
}

}  // namespace socialcure

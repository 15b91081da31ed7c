#include "socialcure/data/reshape.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <utility>

#include "data/detail/ids.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/core/missing.hpp"
#include "socialcure/core/number.hpp"

namespace socialcure {

namespace {

void require_distinct(const std::vector<std::string>& names, const char* what) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i].empty()) throw argument_error(std::string(what) + " cannot be empty");
    for (std::size_t j = 0; j < i; ++j) {
      if (names[i] == names[j]) throw argument_error(std::string(what) + " '" + names[i] + "' is listed twice");
    }
  }
}

// The wave of each row as text, with an error naming the line of a missing wave.
std::vector<std::string> wave_labels(const table& data, const std::string& wave_column) {
  const column& c = data.get(wave_column);
  std::vector<std::string> labels(data.rows());
  for (std::size_t i = 0; i < data.rows(); ++i) {
    if (c.is_missing(i)) {
      throw data_error({data.source(), data.source_line(i), wave_column, {}, {}}, "the wave is missing");
    }
    labels[i] = c.entry_text(i);
  }
  return labels;
}

}  // namespace

void long_to_wide_options::validate() const {
  if (id_column.empty() || wave_column.empty()) throw argument_error("long_to_wide needs an id and a wave column");
  if (id_column == wave_column) throw argument_error("the id and wave columns must differ");
  require_distinct(waves, "wave");
  require_distinct(columns, "column");
}

table long_to_wide(const table& long_data, const long_to_wide_options& options) {
  options.validate();
  const std::vector<std::string> labels = wave_labels(long_data, options.wave_column);
  std::vector<std::string> waves = options.waves;
  if (waves.empty()) {
    for (const auto& w : labels) {
      if (std::find(waves.begin(), waves.end(), w) == waves.end()) waves.push_back(w);
    }
  }
  std::unordered_map<std::string, std::size_t> wave_index;
  for (std::size_t w = 0; w < waves.size(); ++w) wave_index.emplace(waves[w], w);

  const column& id_col = long_data.get(options.id_column);
  if (id_col.is_numeric()) {
    throw argument_error(long_data.source() + ": the id column '" + options.id_column + "' must be text");
  }
  std::vector<std::string> ids;
  std::unordered_map<std::string, std::size_t> person;
  std::vector<std::vector<std::size_t>> cell;  // person x wave -> row
  std::string allowed;
  for (const auto& w : waves) allowed += (allowed.empty() ? "" : ", ") + w;
  for (std::size_t i = 0; i < long_data.rows(); ++i) {
    const auto where = [&](const std::string& respondent) {
      return location{long_data.source(), long_data.source_line(i), options.wave_column, respondent, {}};
    };
    if (id_col.is_missing(i)) {
      throw data_error({long_data.source(), long_data.source_line(i), options.id_column, {}, {}},
                       "respondent id is missing");
    }
    const std::string& id = id_col.strings()[i];
    const auto w = wave_index.find(labels[i]);
    if (w == wave_index.end()) throw data_error(where(id), "unknown wave", labels[i], allowed);
    const auto [it, inserted] = person.emplace(id, ids.size());
    if (inserted) {
      ids.push_back(id);
      cell.emplace_back(waves.size(), table::no_row);
    }
    std::size_t& slot = cell[it->second][w->second];
    if (slot != table::no_row) {
      throw data_error(where(id),
                       "respondent has two rows for wave '" + labels[i] + "' (first on line " +
                           std::to_string(long_data.source_line(slot)) + ")",
                       labels[i], "one row per respondent and wave");
    }
    slot = i;
  }

  std::vector<std::string> columns = options.columns;
  if (columns.empty()) {
    for (const auto& name : long_data.names()) {
      if (name != options.id_column && name != options.wave_column) columns.push_back(name);
    }
  }
  table wide(long_data.source());
  wide.add(column(options.id_column, ids));
  std::vector<std::size_t> rows(ids.size());
  for (const auto& name : columns) {
    const column& source = long_data.get(name);
    for (std::size_t w = 0; w < waves.size(); ++w) {
      for (std::size_t p = 0; p < ids.size(); ++p) rows[p] = cell[p][w];
      column spread = source.gather(rows);
      spread.rename(name + options.separator + waves[w]);
      wide.add(std::move(spread));
    }
  }
  return wide;
}

void wide_to_long_options::validate() const {
  if (id_column.empty() || wave_column.empty()) throw argument_error("wide_to_long needs an id and a wave column name");
  if (waves.empty()) throw argument_error("wide_to_long needs the list of waves");
  require_distinct(waves, "wave");
}

table wide_to_long(const table& wide, const wide_to_long_options& options) {
  options.validate();
  static_cast<void>(detail::index_ids(wide, options.id_column));  // ids present and unique

  // stem -> column index per wave (npos where the wave lacks the stem), in first-seen order.
  std::vector<std::string> stems;
  std::map<std::string, std::vector<std::size_t>> by_stem;
  std::vector<std::size_t> constant;
  for (std::size_t j = 0; j < wide.cols(); ++j) {
    const std::string& name = wide.at(j).name();
    if (name == options.id_column) continue;
    std::string stem;
    std::size_t w = 0;
    if (!detail::split_wave_suffix(name, options.separator, options.waves, stem, w)) {
      constant.push_back(j);
      continue;
    }
    auto [it, inserted] = by_stem.emplace(stem, std::vector<std::size_t>(options.waves.size(), table::no_row));
    if (inserted) stems.push_back(stem);
    it->second[w] = j;
  }
  if (stems.empty()) {
    throw argument_error(wide.source() + ": no column name ends in '" + options.separator + "' + one of the waves");
  }
  for (const auto& stem : stems) {
    if (stem == options.id_column || stem == options.wave_column || wide.has(stem)) {
      throw argument_error(wide.source() + ": the stem '" + stem + "' would collide with another column");
    }
  }

  const std::size_t n_waves = options.waves.size();
  const std::size_t n = wide.rows() * n_waves;
  std::vector<std::size_t> person_rows(n);
  std::vector<std::string> wave_names(n);
  for (std::size_t i = 0; i < wide.rows(); ++i) {
    for (std::size_t w = 0; w < n_waves; ++w) {
      person_rows[i * n_waves + w] = i;
      wave_names[i * n_waves + w] = options.waves[w];
    }
  }
  table out(wide.source());
  out.add(wide.get(options.id_column).gather(person_rows));
  out.add(column(options.wave_column, std::move(wave_names)));
  for (std::size_t j : constant) out.add(wide.at(j).gather(person_rows));
  for (const auto& stem : stems) {
    const auto& per_wave = by_stem.at(stem);
    // Each stem keeps the type of its first present column; a wave without it is missing.
    std::size_t type_source = table::no_row;
    for (std::size_t j : per_wave) {
      if (j != table::no_row) {
        type_source = j;
        break;
      }
    }
    for (std::size_t w = 0; w < n_waves; ++w) {
      if (per_wave[w] != table::no_row && wide.at(per_wave[w]).type() != wide.at(type_source).type()) {
        throw argument_error(wide.source() + ": '" + stem + "' is numeric at one wave and text at another");
      }
    }
    // Row k of the output is respondent k / n_waves at wave k % n_waves.
    if (wide.at(type_source).is_numeric()) {
      std::vector<double> v(n, missing_value);
      for (std::size_t k = 0; k < n; ++k) {
        const std::size_t j = per_wave[k % n_waves];
        if (j != table::no_row) v[k] = wide.at(j).numbers()[k / n_waves];
      }
      out.add(column(stem, std::move(v)));
    } else {
      std::vector<std::string> v(n);
      std::vector<bool> m(n, true);
      for (std::size_t k = 0; k < n; ++k) {
        const std::size_t j = per_wave[k % n_waves];
        if (j == table::no_row) continue;
        v[k] = wide.at(j).strings()[k / n_waves];
        m[k] = wide.at(j).is_missing(k / n_waves);
      }
      out.add(column(stem, std::move(v), std::move(m)));
    }
  }
  std::vector<std::size_t> lines(n);
  for (std::size_t k = 0; k < n; ++k) lines[k] = wide.source_line(k / n_waves);
  out.set_source_lines(std::move(lines));
  return out;
}

}  // namespace socialcure

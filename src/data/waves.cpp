#include "socialcure/data/waves.hpp"

#include <algorithm>
#include <utility>

#include "data/detail/ids.hpp"
#include "socialcure/core/error.hpp"

namespace socialcure {

namespace detail {

std::unordered_map<std::string, std::size_t> index_ids(const table& data, const std::string& id_column) {
  const column& ids = data.get(id_column);
  if (ids.is_numeric()) {
    throw argument_error(data.source() + ": the id column '" + id_column +
                         "' is numeric; read it as text (csv_options::id_column)");
  }
  std::unordered_map<std::string, std::size_t> index;
  index.reserve(data.rows());
  for (std::size_t i = 0; i < data.rows(); ++i) {
    const std::string& id = ids.strings()[i];
    if (ids.is_missing(i)) {
      throw data_error({data.source(), data.source_line(i), id_column, {}, {}}, "respondent id is missing");
    }
    const auto [it, inserted] = index.emplace(id, i);
    if (!inserted) {
      throw data_error({data.source(), data.source_line(i), id_column, id, {}},
                       "duplicate respondent id (first on line " + std::to_string(data.source_line(it->second)) + ")",
                       id, "one row per respondent");
    }
  }
  return index;
}

bool split_wave_suffix(const std::string& name, const std::string& separator, std::span<const std::string> waves,
                       std::string& stem, std::size_t& wave_index) {
  for (std::size_t w = 0; w < waves.size(); ++w) {
    const std::string suffix = separator + waves[w];
    if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      stem = name.substr(0, name.size() - suffix.size());
      wave_index = w;
      return true;
    }
  }
  return false;
}

}  // namespace detail

namespace {

void validate_waves(const std::array<std::string, 2>& waves) {
  if (waves[0].empty() || waves[1].empty()) throw argument_error("wave names cannot be empty");
  if (waves[0] == waves[1]) throw argument_error("the two waves need different names (both '" + waves[0] + "')");
}

// Fills the presence lists and counts of a pair whose ids/in_first/in_second are set.
void summarise_presence(wave_pair& pair) {
  pair.n_both = 0;
  for (std::size_t i = 0; i < pair.ids.size(); ++i) {
    if (pair.in_first[i] && pair.in_second[i]) ++pair.n_both;
    if (pair.in_first[i] && !pair.in_second[i]) pair.only_first.push_back(pair.ids[i]);
    if (!pair.in_first[i] && pair.in_second[i]) pair.only_second.push_back(pair.ids[i]);
  }
}

}  // namespace

std::vector<std::size_t> wave_pair::rows_in_both() const {
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (in_first[i] && in_second[i]) rows.push_back(i);
  }
  return rows;
}

void join_options::validate() const {
  if (id_column.empty()) throw argument_error("join_waves needs an id column");
  validate_waves(waves);
}

void split_options::validate() const {
  if (id_column.empty()) throw argument_error("split_waves needs an id column");
  validate_waves(waves);
}

wave_pair join_waves(const table& first, const table& second, const join_options& options) {
  options.validate();
  const auto first_index = detail::index_ids(first, options.id_column);
  const auto second_index = detail::index_ids(second, options.id_column);

  wave_pair pair;
  pair.id_column = options.id_column;
  pair.waves = options.waves;
  std::vector<std::size_t> rows_first;
  std::vector<std::size_t> rows_second;
  auto add = [&](const std::string& id, std::size_t r1, std::size_t r2) {
    pair.ids.push_back(id);
    rows_first.push_back(r1);
    rows_second.push_back(r2);
    pair.in_first.push_back(r1 != table::no_row);
    pair.in_second.push_back(r2 != table::no_row);
  };
  const auto first_ids = first.text(options.id_column);
  for (const std::string& id : first_ids) {
    const auto it = second_index.find(id);
    add(id, first_index.at(id), it == second_index.end() ? table::no_row : it->second);
  }
  const auto second_ids = second.text(options.id_column);
  for (std::size_t r = 0; r < second_ids.size(); ++r) {
    if (!first_index.contains(second_ids[r])) add(second_ids[r], table::no_row, r);
  }

  pair.first = first.select_rows(rows_first);
  pair.second = second.select_rows(rows_second);
  // Rows absent from a wave have a missing id after select_rows; every table keeps the full ids.
  for (table* t : {&pair.first, &pair.second}) {
    t->remove(options.id_column);
    table with_id(t->source());
    with_id.add(column(options.id_column, pair.ids));
    for (std::size_t j = 0; j < t->cols(); ++j) with_id.add(t->at(j));
    if (!t->source_lines().empty()) {
      with_id.set_source_lines(std::vector<std::size_t>(t->source_lines().begin(), t->source_lines().end()));
    }
    *t = std::move(with_id);
  }
  pair.person = table(first.source());
  pair.person.add(column(options.id_column, pair.ids));
  summarise_presence(pair);
  return pair;
}

wave_pair split_waves(const table& wide, const split_options& options) {
  options.validate();
  static_cast<void>(detail::index_ids(wide, options.id_column));  // ids present and unique

  wave_pair pair;
  pair.id_column = options.id_column;
  pair.waves = options.waves;
  const auto ids = wide.text(options.id_column);
  pair.ids.assign(ids.begin(), ids.end());
  std::array<table*, 2> wave_tables{&pair.first, &pair.second};
  for (table* t : {&pair.person, &pair.first, &pair.second}) {
    *t = table(wide.source());
    t->add(column(options.id_column, pair.ids));
    if (!wide.source_lines().empty()) {
      t->set_source_lines(std::vector<std::size_t>(wide.source_lines().begin(), wide.source_lines().end()));
    }
  }

  std::size_t suffixed = 0;
  for (std::size_t j = 0; j < wide.cols(); ++j) {
    const column& c = wide.at(j);
    if (c.name() == options.id_column) continue;
    std::string stem;
    std::size_t w = 0;
    if (!detail::split_wave_suffix(c.name(), options.separator, options.waves, stem, w)) {
      pair.person.add(c);
      continue;
    }
    if (wave_tables[w]->has(stem)) {
      throw argument_error(wide.source() + ": two columns give '" + stem + "' at wave '" + options.waves[w] + "'");
    }
    column renamed = c;
    renamed.rename(stem);
    wave_tables[w]->add(std::move(renamed));
    ++suffixed;
  }
  if (suffixed == 0) {
    throw argument_error(wide.source() + ": no column name ends in '" + options.separator + options.waves[0] +
                         "' or '" + options.separator + options.waves[1] + "'");
  }

  // A respondent took part in a wave when any of the wave's values is present.
  for (std::size_t w = 0; w < 2; ++w) {
    const table& t = *wave_tables[w];
    std::vector<bool>& present = w == 0 ? pair.in_first : pair.in_second;
    present.assign(t.rows(), false);
    for (std::size_t j = 1; j < t.cols(); ++j) {
      for (std::size_t i = 0; i < t.rows(); ++i) {
        if (!present[i] && !t.at(j).is_missing(i)) present[i] = true;
      }
    }
  }
  summarise_presence(pair);
  return pair;
}

}  // namespace socialcure

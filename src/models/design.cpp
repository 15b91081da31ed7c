#include "socialcure/models/design.hpp"

#include <algorithm>
#include <map>

#include "core/detail/parallel.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/core/missing.hpp"
#include "socialcure/core/number.hpp"

namespace socialcure {

namespace {

const categorical_term* find_categorical(const model_spec& spec, const std::string& column) {
  for (const auto& c : spec.categorical) {
    if (c.column == column) return &c;
  }
  return nullptr;
}

std::string level_text(const column& c, std::size_t row) { return c.entry_text(row); }

// Sorted levels among the rows used: numbers numerically, text bytewise.
std::vector<std::string> sorted_levels(const column& c, const std::vector<std::size_t>& rows) {
  if (c.is_numeric()) {
    std::vector<double> values;
    for (std::size_t r : rows) values.push_back(c.numbers()[r]);
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    std::vector<std::string> out;
    for (double v : values) out.push_back(format_number(v));
    return out;
  }
  std::vector<std::string> out;
  for (std::size_t r : rows) out.push_back(c.strings()[r]);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

const column& numeric_column(const table& data, const std::string& name, const char* role) {
  const column& c = data.get(name);
  if (!c.is_numeric()) {
    throw argument_error(data.source() + ": the " + role + " '" + name +
                         "' is a text column; a numeric column is needed (or declare it categorical)");
  }
  return c;
}

// Clusters numbered in order of first appearance among the rows used; equal numbers (or equal
// text) are one cluster. \throws data_error when every case is in one cluster.
cluster_assignment assign_clusters(const table& data, const std::string& name, const std::vector<std::size_t>& rows) {
  const column& c = data.get(name);
  cluster_assignment out;
  out.column = name;
  out.of_case.reserve(rows.size());
  auto number = [&](auto& seen, const auto& key, std::size_t row) {
    const auto [it, added] = seen.emplace(key, static_cast<Eigen::Index>(out.labels.size()));
    if (added) out.labels.push_back(c.entry_text(row));
    out.of_case.push_back(it->second);
  };
  if (c.is_numeric()) {
    std::map<double, Eigen::Index> seen;
    for (std::size_t r : rows) number(seen, c.numbers()[r], r);
  } else {
    std::map<std::string, Eigen::Index> seen;
    for (std::size_t r : rows) number(seen, c.strings()[r], r);
  }
  if (out.count() < 2) {
    throw data_error({data.source(), 0, name, {}, {}},
                     "the " + std::to_string(rows.size()) + " cases used all belong to one cluster ('" +
                         out.labels.front() + "'): cluster-robust standard errors need at least 2 clusters");
  }
  return out;
}

}  // namespace

location model_frame::where(Eigen::Index i, const std::string& column) const {
  const auto k = static_cast<std::size_t>(i);
  return {source, k < lines.size() ? lines[k] : 0, column, {}, {}};
}

std::vector<std::string> model_frame::term_names() const {
  std::vector<std::string> out;
  out.reserve(terms.size());
  for (const auto& t : terms) out.push_back(t.name);
  return out;
}

void model_spec::validate() const {
  if (response.empty()) throw argument_error("the model needs a response variable");
  if (predictors.empty() && !intercept) throw argument_error("the model has no terms (no predictors, no intercept)");
  std::vector<std::string> names = predictors;
  names.push_back(response);
  if (!offset.empty()) names.push_back(offset);
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i].empty()) throw argument_error("a model variable has an empty name");
    for (std::size_t j = 0; j < i; ++j) {
      if (names[i] == names[j]) throw argument_error("the variable '" + names[i] + "' is named twice in the model");
    }
  }
  if (!cluster.empty() && (cluster == response || cluster == offset)) {
    throw argument_error("the cluster column '" + cluster + "' is also the model's " +
                         (cluster == response ? "response" : "offset"));
  }
  for (const auto& c : categorical) {
    if (std::find(predictors.begin(), predictors.end(), c.column) == predictors.end()) {
      throw argument_error("the categorical variable '" + c.column + "' is not among the predictors");
    }
  }
}

model_frame build_model_frame(const table& data, const model_spec& spec, unsigned threads) {
  spec.validate();
  // Every column of the model, and listwise deletion over them.
  std::vector<std::string> used = {spec.response};
  used.insert(used.end(), spec.predictors.begin(), spec.predictors.end());
  if (!spec.offset.empty()) used.push_back(spec.offset);
  if (!spec.cluster.empty() && std::find(used.begin(), used.end(), spec.cluster) == used.end()) {
    used.push_back(spec.cluster);  // a cluster column may also be a predictor (e.g. network dummies)
  }
  std::vector<const column*> columns;
  for (const auto& name : used) columns.push_back(&data.get(name));

  model_frame frame;
  frame.intercept = spec.intercept;
  frame.response = spec.response;
  std::vector<unsigned char> excluded(data.rows(), 0);
  for (const column* c : columns) {
    std::size_t count = 0;
    if (c->is_numeric()) {
      const auto values = c->numbers();
      for (std::size_t i = 0; i < values.size(); ++i) {
        if (is_missing(values[i])) {
          excluded[i] = 1;
          ++count;
        }
      }
    } else {
      for (std::size_t i = 0; i < data.rows(); ++i) {
        if (c->is_missing(i)) {
          excluded[i] = 1;
          ++count;
        }
      }
    }
    if (count > 0) frame.missing_by_column.push_back({c->name(), count});
  }
  frame.rows.reserve(data.rows());
  for (std::size_t i = 0; i < data.rows(); ++i) {
    if (!excluded[i]) frame.rows.push_back(i);
  }
  frame.n_excluded = data.rows() - frame.rows.size();
  frame.source = data.source();
  frame.lines.reserve(frame.rows.size());
  for (std::size_t r : frame.rows) frame.lines.push_back(data.source_line(r));
  if (frame.rows.empty()) {
    throw data_error({data.source(), 0, {}, {}, {}},
                     "no case has every model variable observed (" + std::to_string(data.rows()) +
                         " rows, all excluded listwise)");
  }

  if (!spec.cluster.empty()) frame.clusters = assign_clusters(data, spec.cluster, frame.rows);

  // Terms.
  struct term_source {
    const column* col;
    std::string level;  // empty: numeric
  };
  std::vector<term_source> sources;
  if (spec.intercept) frame.terms.push_back({"(Intercept)", "", ""});
  for (const auto& name : spec.predictors) {
    const categorical_term* cat = find_categorical(spec, name);
    if (cat == nullptr) {
      sources.push_back({&numeric_column(data, name, "predictor"), ""});
      frame.terms.push_back({name, name, ""});
      continue;
    }
    const column& c = data.get(name);
    const std::vector<std::string> levels = sorted_levels(c, frame.rows);
    std::string reference = cat->reference.empty() ? levels.front() : cat->reference;
    if (c.is_numeric() && !cat->reference.empty()) {
      const parsed_number parsed = parse_number(cat->reference);
      if (parsed.status == number_status::ok) reference = format_number(parsed.value);
    }
    if (std::find(levels.begin(), levels.end(), reference) == levels.end()) {
      std::string available;
      for (const auto& l : levels) available += (available.empty() ? "" : ", ") + l;
      throw argument_error("the reference level '" + cat->reference + "' of '" + name +
                           "' does not occur among the cases used (levels: " + available + ")");
    }
    for (const auto& level : levels) {
      if (level == reference) continue;
      sources.push_back({&c, level});
      frame.terms.push_back({name + "[T." + level + "]", name, level});
    }
  }
  const column& response = numeric_column(data, spec.response, "response");
  const column* offset = spec.offset.empty() ? nullptr : &numeric_column(data, spec.offset, "offset");

  const auto n = static_cast<Eigen::Index>(frame.rows.size());
  const auto p = static_cast<Eigen::Index>(frame.terms.size());
  frame.x.resize(n, p);
  frame.y.resize(n);
  if (offset != nullptr) frame.offset.resize(n);
  const Eigen::Index first = spec.intercept ? 1 : 0;
  if (spec.intercept) frame.x.col(0).setOnes();
  // Column by column: sequential writes into the column-major matrix.
  const std::size_t* rows = frame.rows.data();
  const bool every_row = frame.n_excluded == 0;  // rows[i] == i
  auto gather = [&](const column& c, double* out) {
    const double* values = c.numbers().data();
    if (every_row) {
      std::copy(values, values + n, out);
      return;
    }
    for (Eigen::Index i = 0; i < n; ++i) out[i] = values[rows[i]];
  };
  gather(response, frame.y.data());
  if (offset != nullptr) gather(*offset, frame.offset.data());
  // A column per piece of work; on more threads only for a long design.
  constexpr Eigen::Index long_design = 65536;
  detail::run_pieces(sources.size(), n > long_design ? threads : 1, [&](std::size_t k) {
    const term_source& s = sources[k];
    double* out = frame.x.col(first + static_cast<Eigen::Index>(k)).data();
    if (s.level.empty()) {
      gather(*s.col, out);
      return;
    }
    for (Eigen::Index i = 0; i < n; ++i) out[i] = level_text(*s.col, rows[i]) == s.level ? 1.0 : 0.0;
  });
  return frame;
}

}  // namespace socialcure

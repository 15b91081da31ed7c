#include "socialcure/study/study_file.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <limits>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <toml.hpp>

#include "socialcure/analyses/bootstrap_intervals.hpp"
#include "socialcure/analyses/moderation.hpp"
#include "socialcure/analyses/probing.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/measures/catalogue.hpp"
#include "socialcure/measures/scale_loader.hpp"
#include "socialcure/models/cluster_covariance.hpp"
#include "socialcure/models/glm.hpp"
#include "socialcure/models/ols.hpp"

namespace socialcure {

namespace {

// Tables as std::map: keys in a fixed order (errors are still reported in document order).
using toml_value = toml::basic_value<toml::discard_comments, std::map, std::vector>;

std::string join(std::initializer_list<const char*> names) {
  std::string out;
  for (const char* n : names) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

std::string member(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }
// Elements are counted from 1, as tables are in the file.
std::string element(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i + 1) + "]"; }

const char* kind(const toml_value& value) {
  switch (value.type()) {
    case toml::value_t::boolean: return "a boolean";
    case toml::value_t::integer: return "an integer";
    case toml::value_t::floating: return "a float";
    case toml::value_t::string: return "a string";
    case toml::value_t::offset_datetime:
    case toml::value_t::local_datetime: return "a date-time";
    case toml::value_t::local_date: return "a date";
    case toml::value_t::local_time: return "a time";
    case toml::value_t::array: return "an array";
    case toml::value_t::table: return "a table";
    case toml::value_t::empty: break;
  }
  return "nothing";
}

// The value as written in the file (its first line), for messages.
std::string literal(const toml_value& value) {
  if (value.is_string()) return value.as_string().str;
  const auto where = value.location();
  const std::string& line = where.line_str();
  const std::size_t from = where.column() > 0 ? where.column() - 1 : 0;
  std::string text = from < line.size() ? line.substr(from, where.region()) : std::string();
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return text;
}

std::string resolve(const std::string& base, const std::string& name) {
  if (base.empty() || name.empty()) return name;
  const std::filesystem::path p(name);
  if (p.is_absolute()) return name;
  return (std::filesystem::path(base) / p).string();
}

// The names of the kinds of model, "mediation, within_mediation, regression".
// (Both mediation kinds are "mediation": named once.)
template <std::size_t... kind>
std::string model_types(std::index_sequence<kind...> /*kinds*/) {
  std::vector<std::string> names;
  const auto add = [&names](std::string_view type) {
    if (std::find(names.begin(), names.end(), type) == names.end()) names.emplace_back(type);
  };
  (add(std::variant_alternative_t<kind, study_model_spec>::type), ...);
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}
std::string model_types() { return model_types(std::make_index_sequence<std::variant_size_v<study_model_spec>>()); }

// A model of the kind named `type` (its fields at their defaults), or none.
template <std::size_t kind = 0>
std::optional<study_model_spec> model_of_type(std::string_view type) {
  if constexpr (kind == std::variant_size_v<study_model_spec>) {
    return std::nullopt;
  } else {
    if (std::variant_alternative_t<kind, study_model_spec>::type == type) return study_model_spec(std::in_place_index<kind>);
    return model_of_type<kind + 1>(type);
  }
}

// Reads the parsed TOML into a study_definition; every error names the source, the line and the
// key path. Remembers the line of every key path read, for the errors of validate().
class reader {
 public:
  reader(std::string source, std::string base) : source_(std::move(source)), base_(std::move(base)) {}

  [[noreturn]] void fail(std::size_t line, const std::string& path, const std::string& problem,
                         std::string value = {}, std::string allowed = {}) const {
    location where;
    where.file = source_;
    where.line = line;
    throw data_error(where, (path.empty() ? "(top level)" : path) + ": " + problem, std::move(value),
                     std::move(allowed));
  }

  [[noreturn]] void fail(const toml_value& at, const std::string& path, const std::string& problem,
                         std::string value = {}, std::string allowed = {}) const {
    fail(line_of(at, path), path, problem, std::move(value), std::move(allowed));
  }

  [[noreturn]] void wrong_type(const toml_value& value, const std::string& path, const std::string& expected) const {
    fail(value, path, "expected " + expected + ", found " + kind(value), literal(value));
  }

  // The line of a value; 0 for the document itself (its "location" is merely the first line).
  static std::size_t line_of(const toml_value& value, const std::string& path) {
    return path.empty() ? 0 : static_cast<std::size_t>(value.location().line());
  }

  // Checks that `value` is a table with only `allowed` keys; reports the first unknown key in the
  // file. `what` qualifies "unknown key" (e.g. "for a model of type 'regression'").
  void table(const toml_value& value, const std::string& path, std::initializer_list<const char*> allowed,
             const std::string& what = {}) {
    if (!value.is_table()) wrong_type(value, path, "a table");
    remember(value, path);
    const std::pair<std::string, const toml_value*>* first = nullptr;
    std::vector<std::pair<std::string, const toml_value*>> unknown;
    for (const auto& [key, item] : value.as_table()) {
      const bool known = std::any_of(allowed.begin(), allowed.end(), [&k = key](const char* a) { return k == a; });
      if (!known) unknown.emplace_back(key, &item);
    }
    for (const auto& u : unknown) {
      if (first == nullptr || position(*u.second) < position(*first->second)) first = &u;
    }
    if (first != nullptr) {
      fail(*first->second, member(path, first->first), "unknown key" + (what.empty() ? "" : " " + what), {},
           join(allowed));
    }
  }

  // The value of `key` in `table`, or null when absent; remembers its line.
  const toml_value* find(const toml_value& table, const std::string& path, const char* key) {
    const auto& t = table.as_table();
    const auto at = t.find(key);
    if (at == t.end()) return nullptr;
    remember(at->second, member(path, key));
    return &at->second;
  }

  const toml_value& required(const toml_value& table, const std::string& path, const char* key,
                             const std::string& who = {}) {
    const toml_value* v = find(table, path, key);
    if (v == nullptr) {
      fail(table, path, (who.empty() ? std::string() : who + ": ") + "required key '" + key + "' is missing");
    }
    return *v;
  }

  std::string text(const toml_value& value, const std::string& path) const {
    if (!value.is_string()) wrong_type(value, path, "a string");
    return value.as_string().str;
  }

  // A non-empty string (a column, measure or file name).
  std::string name(const toml_value& value, const std::string& path) const {
    std::string s = text(value, path);
    if (s.empty()) fail(value, path, "must not be empty");
    return s;
  }

  std::vector<std::string> texts(const toml_value& value, const std::string& path, bool names) {
    if (!value.is_array()) wrong_type(value, path, "an array of strings");
    std::vector<std::string> out;
    const auto& a = value.as_array();
    for (std::size_t i = 0; i < a.size(); ++i) {
      const std::string at = element(path, i);
      remember(a[i], at);
      out.push_back(names ? name(a[i], at) : text(a[i], at));
    }
    return out;
  }

  std::vector<std::string> names(const toml_value& value, const std::string& path) { return texts(value, path, true); }

  std::int64_t integer(const toml_value& value, const std::string& path) const {
    if (!value.is_integer()) wrong_type(value, path, "an integer");
    const std::int64_t v = value.as_integer();
    // toml11 3.7 saturates decimal literals beyond 64 bits at the limits.
    if (v == std::numeric_limits<std::int64_t>::max() || v == std::numeric_limits<std::int64_t>::min()) {
      std::string digits;
      for (char c : literal(value)) {
        if (c != '_' && c != '+') digits += c;
      }
      const bool prefixed = digits.size() > 1 && digits[0] == '0';  // 0x, 0o, 0b
      if (!prefixed && digits != std::to_string(v)) fail(value, path, "integer out of range", literal(value));
    }
    return v;
  }

  std::int64_t integer_at_least(const toml_value& value, const std::string& path, std::int64_t least,
                                std::int64_t most = std::numeric_limits<std::int64_t>::max()) const {
    const std::int64_t v = integer(value, path);
    if (v < least) fail(value, path, "must be at least " + std::to_string(least), literal(value));
    if (v > most) fail(value, path, "must be at most " + std::to_string(most), literal(value));
    return v;
  }

  double number(const toml_value& value, const std::string& path) const {
    if (value.is_integer()) return static_cast<double>(value.as_integer());
    if (!value.is_floating()) wrong_type(value, path, "a number");
    return value.as_floating();
  }

  // An array of tables ([[key]]).
  const toml_value::array_type& tables(const toml_value& value, const std::string& path) {
    if (!value.is_array()) wrong_type(value, path, "an array of tables ([[" + path + "]])");
    remember(value, path);
    return value.as_array();
  }

  study_definition study(const toml_value& root) {
    table(root, "",
          {"title", "id", "waves", "completed", "covariates", "data", "settings", "scales", "counts", "models"});
    study_definition s;
    if (const auto* v = find(root, "", "title")) s.title = text(*v, "title");
    if (const auto* v = find(root, "", "id")) s.id_column = name(*v, "id");
    if (const auto* v = find(root, "", "waves")) {
      const auto waves = names(*v, "waves");
      if (waves.size() != 2) {
        fail(*v, "waves", "exactly two wave names are needed, found " + std::to_string(waves.size()));
      }
      s.waves = {waves[0], waves[1]};
    }
    if (const auto* v = find(root, "", "completed")) s.completed = name(*v, "completed");
    if (const auto* v = find(root, "", "covariates")) s.covariates = names(*v, "covariates");
    const toml_value* data_table = find(root, "", "data");
    if (data_table == nullptr) {
      fail(std::size_t{0}, "data", "the table [data] is missing (required: it names the data files)");
    }
    s.data = data(*data_table);
    if (const auto* v = find(root, "", "settings")) s.settings = settings(*v);
    if (const auto* v = find(root, "", "scales")) {
      const auto& a = tables(*v, "scales");
      for (std::size_t i = 0; i < a.size(); ++i) s.scales.push_back(scale(a[i], element("scales", i)));
    }
    if (const auto* v = find(root, "", "counts")) {
      const auto& a = tables(*v, "counts");
      for (std::size_t i = 0; i < a.size(); ++i) s.counts.push_back(count(a[i], element("counts", i)));
    }
    if (const auto* v = find(root, "", "models")) {
      const auto& a = tables(*v, "models");
      for (std::size_t i = 0; i < a.size(); ++i) s.models.push_back(model(a[i], element("models", i)));
    }
    return s;
  }

  // The line of the key path named by a validate() message field such as "models[2] 'x'" or
  // "data.files" (or of the closest enclosing path read); 0 when unknown.
  std::size_t line_of_field(std::string field) const {
    const auto space = field.find(' ');
    if (space != std::string::npos) field.resize(space);
    while (!field.empty()) {
      const auto at = lines_.find(field);
      if (at != lines_.end()) return at->second;
      const auto cut = field.find_last_of(".[");
      if (cut == std::string::npos) break;
      field.resize(cut);
    }
    return 0;
  }

 private:
  static std::pair<std::size_t, std::size_t> position(const toml_value& v) {
    const auto where = v.location();
    return {where.line(), where.column()};
  }

  void remember(const toml_value& value, const std::string& path) {
    if (!path.empty()) lines_.emplace(path, line_of(value, path));
  }

  study_data data(const toml_value& t) {
    const std::string path = "data";
    table(t, path, {"file", "files", "separator", "missing", "text", "groups", "group_columns"});
    study_data d;
    const toml_value* file = find(t, path, "file");
    const toml_value* files = find(t, path, "files");
    if (file != nullptr && files != nullptr) {
      fail(*files, "data.files", "give either 'file' (one wide file) or 'files' (one file per wave), not both");
    }
    if (file == nullptr && files == nullptr) {
      fail(t, path, "neither 'file' (one wide file) nor 'files' (one file per wave) is given; one is required");
    }
    if (file != nullptr) d.wide_file = resolve(base_, name(*file, "data.file"));
    if (files != nullptr) {
      const auto names_ = names(*files, "data.files");
      if (names_.size() != 2) {
        fail(*files, "data.files", "one file per wave is needed: 2 files, found " + std::to_string(names_.size()));
      }
      d.wave_files = {resolve(base_, names_[0]), resolve(base_, names_[1])};
    }
    if (const auto* v = find(t, path, "separator")) d.separator = text(*v, "data.separator");
    if (const auto* v = find(t, path, "missing")) d.missing_codes = texts(*v, "data.missing", false);
    if (const auto* v = find(t, path, "text")) d.text_columns = names(*v, "data.text");
    if (const auto* v = find(t, path, "groups")) d.groups_file = resolve(base_, name(*v, "data.groups"));
    if (const auto* v = find(t, path, "group_columns")) {
      if (d.groups_file.empty()) fail(*v, "data.group_columns", "given without a group file (data.groups)");
      d.groups_columns = group_columns_of(*v);
    }
    return d;
  }

  group_columns group_columns_of(const toml_value& t) {
    const std::string path = "data.group_columns";
    table(t, path,
          {"id", "wave", "group", "group_id", "category", "identification", "importance", "positivity", "contact",
           "pathway"});
    group_columns c;
    const std::pair<const char*, std::string*> fields[] = {
        {"id", &c.id},
        {"wave", &c.wave},
        {"group", &c.group},
        {"group_id", &c.group_id},
        {"category", &c.category},
        {"identification", &c.identification},
        {"importance", &c.importance},
        {"positivity", &c.positivity},
        {"contact", &c.contact},
        {"pathway", &c.pathway}};
    for (const auto& [key, field] : fields) {
      if (const auto* v = find(t, path, key)) *field = name(*v, member(path, key));
    }
    return c;
  }

  study_settings settings(const toml_value& t) {
    const std::string path = "settings";
    table(t, path, {"level", "replicates", "seed", "ci", "threads"});
    study_settings s;
    if (const auto* v = find(t, path, "level")) {
      s.level = number(*v, "settings.level");
      if (!(s.level > 0.0 && s.level < 1.0)) {
        fail(*v, "settings.level", "must lie strictly between 0 and 1 (e.g. 0.95)", literal(*v));
      }
    }
    if (const auto* v = find(t, path, "replicates")) {
      s.replicates = static_cast<std::size_t>(integer_at_least(*v, "settings.replicates", 1));
    }
    if (const auto* v = find(t, path, "seed")) s.seed = static_cast<std::uint64_t>(integer_at_least(*v, "settings.seed", 0));
    if (const auto* v = find(t, path, "ci")) {
      const std::string text_ = text(*v, "settings.ci");
      try {
        s.ci = parse_ci_method(text_);
      } catch (const argument_error&) {
        fail(*v, "settings.ci", "unknown interval method", text_, "percentile, bias_corrected, bca, monte_carlo");
      }
    }
    if (const auto* v = find(t, path, "threads")) {
      s.threads = static_cast<unsigned>(
          integer_at_least(*v, "settings.threads", 0, static_cast<std::int64_t>(std::numeric_limits<unsigned>::max())));
    }
    return s;
  }

  study_scale scale(const toml_value& t, const std::string& path) {
    table(t, path, {"name", "scale", "file", "items"});
    study_scale s;
    s.name = name(required(t, path, "name"), member(path, "name"));
    const std::string who = "scale '" + s.name + "'";
    const toml_value* id = find(t, path, "scale");
    const toml_value* file = find(t, path, "file");
    if (id != nullptr && file != nullptr) {
      fail(*file, member(path, "file"), who + ": give either 'scale' (a catalogue id) or 'file' (a custom definition), not both");
    }
    if (id == nullptr && file == nullptr) {
      fail(t, path, who + ": neither 'scale' (a catalogue id) nor 'file' (a custom definition) is given; one is required");
    }
    if (id != nullptr) {
      s.scale = name(*id, member(path, "scale"));
      const auto& catalogue = scale_catalogue();
      const auto entry = std::find_if(catalogue.begin(), catalogue.end(),
                                      [&s](const scale_definition& d) { return d.id == s.scale; });
      if (entry == catalogue.end()) {
        std::string ids;
        for (const auto& d : catalogue) ids += (ids.empty() ? "" : ", ") + d.id;
        fail(*id, member(path, "scale"), "unknown catalogue scale",
             s.scale, ids);
      }
      s.definition = *entry;
    } else {
      const std::string written = name(*file, member(path, "file"));
      const std::string resolved = resolve(base_, written);
      try {
        s.definition = load_scale(resolved);
      } catch (const data_error& e) {
        fail(*file, member(path, "file"), std::string("custom scale definition: ") + e.what());
      }
      s.scale = s.definition->id;
    }
    const toml_value& items = required(t, path, "items", who);
    s.items = names(items, member(path, "items"));
    const auto expected = static_cast<std::size_t>(s.definition->items);
    if (s.items.size() != expected) {
      fail(items, member(path, "items"),
           who + " (" + s.scale + ") has " + std::to_string(expected) + " items, 'items' lists " +
               std::to_string(s.items.size()));
    }
    return s;
  }

  study_count count(const toml_value& t, const std::string& path) {
    table(t, path, {"name", "column"});
    study_count c;
    c.name = name(required(t, path, "name"), member(path, "name"));
    c.column = c.name;
    if (const auto* v = find(t, path, "column")) c.column = name(*v, member(path, "column"));
    return c;
  }

  study_model model(const toml_value& t, const std::string& path) {
    if (!t.is_table()) wrong_type(t, path, "a table");
    remember(t, path);
    // The type first: it decides which keys are allowed.
    const toml_value* type = find(t, path, "type");
    if (type == nullptr) fail(t, path, "required key 'type' is missing", {}, model_types());
    const std::string type_path = member(path, "type");
    const std::string type_text = text(*type, type_path);
    const std::optional<study_model_spec> spec = model_of_type(type_text);
    if (!spec) fail(*type, type_path, "unknown model type", type_text, model_types());
    study_model m;
    m.spec = *spec;
    // A mediation with a count or binary outcome is its own kind (study_glm_mediation).
    if (const toml_value* family = std::holds_alternative<study_mediation>(m.spec) ? find(t, path, "family") : nullptr) {
      if (const auto f = family_of(*family, member(path, "family"), "mediation")) {
        study_glm_mediation glm;
        glm.family = *f;
        m.spec = glm;
      }
    }
    std::visit([&](auto& kind) { read_model(kind, m.name, t, path); }, m.spec);
    return m;
  }

  // A 'family' key: none for linear (gaussian), else the GLM family; `what` names the model kind.
  std::optional<glm_family> family_of(const toml_value& v, const std::string& path, const std::string& what) const {
    const std::string text_ = text(v, path);
    if (text_ == "linear" || text_ == "gaussian") return std::nullopt;
    try {
      return parse_glm_family(text_);
    } catch (const argument_error&) {
      fail(v, path, "unknown " + what + " family", text_,
           "linear (or gaussian), poisson, negative_binomial (or negbin), binomial");
    }
  }

  // A 'link' key of a binomial outcome: logit or probit.
  glm_link link_of(const toml_value& v, const std::string& path, glm_family family) const {
    const std::string text_ = text(v, path);
    if (family != glm_family::binomial) {
      fail(v, path, "a link is chosen for a binary outcome (family = \"binomial\") only", text_);
    }
    if (text_ != "logit" && text_ != "probit") fail(v, path, "unknown link", text_, "logit, probit");
    return parse_glm_link(text_);
  }

  // One reader per kind of model: the keys it allows (the unknown-key check names the type), the
  // model's name, then its fields.
  void read_model(study_mediation& m, std::string& label, const toml_value& t, const std::string& path) {
    for (const char* key : {"offset", "exposure", "x_values", "interaction"}) {
      if (const auto* v = find(t, path, key)) {
        fail(*v, member(path, key), "applies to a mediation with a count or binary outcome only (family = \"poisson\", "
                                    "\"negbin\" or \"binomial\"); this model's family is gaussian");
      }
    }
    table(t, path, {"name", "type", "x", "mediators", "y", "covariates", "model", "w", "probe", "center", "family", "cluster"},
          for_type(m.type));
    label = name(required(t, path, "name"), member(path, "name"));
    if (const auto* v = find(t, path, "cluster")) m.cluster = name(*v, member(path, "cluster"));
    mediation_variables(m, t, path);
    const toml_value* number_ = find(t, path, "model");
    if (number_ != nullptr && number_->is_integer()) {
      process_model(m, *number_, member(path, "model"));
    } else {
      m.model = mediation_kind(t, path, m.mediators.size());
    }
    if (const auto* v = find(t, path, "w")) m.w = name(*v, member(path, "w"));
    if (const auto* v = find(t, path, "probe")) m.probe = probe_of(*v, member(path, "probe"));
    if (const auto* v = find(t, path, "center")) m.center = centering_of(*v, member(path, "center"));
  }

  // The variables of a between-subject mediation of either kind: x, mediators, y, covariates.
  template <class mediation_kind_>
  void mediation_variables(mediation_kind_& m, const toml_value& t, const std::string& path) {
    if (const auto* v = find(t, path, "x")) m.x = name(*v, member(path, "x"));
    if (const auto* v = find(t, path, "mediators")) m.mediators = names(*v, member(path, "mediators"));
    if (const auto* v = find(t, path, "y")) m.y = name(*v, member(path, "y"));
    if (const auto* v = find(t, path, "covariates")) m.covariates = names(*v, member(path, "covariates"));
  }

  // PROCESS's 'center': "none", "all" or "continuous".
  centering centering_of(const toml_value& v, const std::string& path) const {
    const std::string text_ = text(v, path);
    try {
      return parse_centering(text_);
    } catch (const argument_error&) {
      fail(v, path, "unknown centring", text_, "none, all, continuous");
    }
  }

  // A mediation's 'model' given as PROCESS's number: 4 (parallel), 6 (serial) or a conditional
  // process model (parallel mediators).
  template <class mediation_kind_>
  void process_model(mediation_kind_& m, const toml_value& v, const std::string& path) const {
    const std::int64_t number_ = integer(v, path);
    const std::int64_t moderated[] = {7, 8, 14, 15, 58, 59};
    if (number_ == 4 || number_ == 6) {
      m.model = number_ == 4 ? mediation_model::parallel : mediation_model::serial;
    } else if (std::find(std::begin(moderated), std::end(moderated), number_) != std::end(moderated)) {
      m.model = mediation_model::parallel;
      m.moderated_model = static_cast<int>(number_);
    } else {
      fail(v, path, "unknown PROCESS model", literal(v), "serial, parallel, 4, 6, 7, 8, 14, 15, 58, 59");
    }
  }

  void read_model(study_moderation& m, std::string& label, const toml_value& t, const std::string& path) {
    table(t, path, {"name", "type", "x", "w", "z", "y", "model", "covariates", "center", "probe", "se", "level"},
          for_type(m.type));
    label = name(required(t, path, "name"), member(path, "name"));
    for (const auto& [key, field] : {std::pair{"x", &m.x}, std::pair{"w", &m.w}, std::pair{"y", &m.y}}) {
      *field = name(required(t, path, key, "moderation '" + label + "'"), member(path, key));
    }
    if (const auto* v = find(t, path, "z")) m.z = name(*v, member(path, "z"));
    if (const auto* v = find(t, path, "model")) {
      const std::int64_t number_ = integer(*v, member(path, "model"));
      if (number_ < 1 || number_ > 3) fail(*v, member(path, "model"), "unknown moderation model", literal(*v), "1, 2, 3");
      m.model = static_cast<int>(number_);
    }
    if (const auto* v = find(t, path, "covariates")) m.covariates = names(*v, member(path, "covariates"));
    if (const auto* v = find(t, path, "center")) m.center = centering_of(*v, member(path, "center"));
    if (const auto* v = find(t, path, "probe")) m.probe = probe_of(*v, member(path, "probe"));
    if (const auto* v = find(t, path, "se")) m.se = se_of(*v, member(path, "se"), std::nullopt);
    if (const auto* v = find(t, path, "level")) {
      m.level = number(*v, member(path, "level"));
      if (!(*m.level > 0.0 && *m.level < 1.0)) {
        fail(*v, member(path, "level"), "must lie strictly between 0 and 1 (e.g. 0.95)", literal(*v));
      }
    }
  }

  // A 'probe' key: "percentiles", "sd" (mean -/+ 1 SD) or an array of moderator values.
  probe_options probe_of(const toml_value& v, const std::string& path) {
    probe_options o;
    if (v.is_array()) {
      o.method = probe_method::values;
      const auto& a = v.as_array();
      if (a.empty()) fail(v, path, "an array of probe values must not be empty");
      for (std::size_t i = 0; i < a.size(); ++i) {
        remember(a[i], element(path, i));
        o.values.push_back(number(a[i], element(path, i)));
      }
      return o;
    }
    const std::string text_ = text(v, path);
    if (text_ == "sd" || text_ == "mean_sd") {
      o.method = probe_method::mean_sd;
    } else if (text_ != "percentiles") {
      fail(v, path, "unknown probe rule", text_, "percentiles, sd (or mean_sd), an array of values");
    }
    return o;
  }

  void read_model(study_within_mediation& m, std::string& label, const toml_value& t, const std::string& path) {
    table(t, path, {"name", "type", "mediators", "y", "model", "cluster"}, for_type(m.type));
    label = name(required(t, path, "name"), member(path, "name"));
    if (const auto* v = find(t, path, "cluster")) m.cluster = name(*v, member(path, "cluster"));
    if (const auto* v = find(t, path, "mediators")) m.mediators = names(*v, member(path, "mediators"));
    if (const auto* v = find(t, path, "y")) m.y = name(*v, member(path, "y"));
    m.model = mediation_kind(t, path, m.mediators.size());
  }

  void read_model(study_regression& m, std::string& label, const toml_value& t, const std::string& path) {
    table(t, path, {"name", "type", "y", "x", "covariates", "family", "se", "cluster", "cluster_se"}, for_type(m.type));
    label = name(required(t, path, "name"), member(path, "name"));
    if (const auto* v = find(t, path, "x")) {
      m.x = v->is_string() ? std::vector<std::string>{name(*v, member(path, "x"))} : names(*v, member(path, "x"));
    }
    if (const auto* v = find(t, path, "y")) m.y = name(*v, member(path, "y"));
    if (const auto* v = find(t, path, "covariates")) m.covariates = names(*v, member(path, "covariates"));
    if (const auto* v = find(t, path, "family")) m.family = family_of(*v, member(path, "family"), "regression");
    if (const auto* v = find(t, path, "se")) m.se = se_of(*v, member(path, "se"), m.family);
    const toml_value* cluster = find(t, path, "cluster");
    if (cluster != nullptr) {
      m.cluster = name(*cluster, member(path, "cluster"));
      if (const auto* v = find(t, path, "se")) {
        fail(*v, member(path, "se"), "'se' does not apply with 'cluster' (the standard errors are cluster-robust: "
                                     "set 'cluster_se' = \"cr1\" or \"cr2\")");
      }
    }
    if (const auto* v = find(t, path, "cluster_se")) {
      const std::string text_ = text(*v, member(path, "cluster_se"));
      if (cluster == nullptr) fail(*v, member(path, "cluster_se"), "given without 'cluster' (the cluster column)");
      try {
        m.cluster_se = parse_cluster_se_type(text_);
      } catch (const argument_error&) {
        fail(*v, member(path, "cluster_se"), "unknown cluster-robust standard-error type", text_, "cr1, cr2");
      }
    }
  }

  // A mediation with a count or binary outcome: the keys of a mediation (with a moderator for a
  // conditional process model), and family (already read), link, offset or exposure, x_values,
  // interaction, cluster.
  void read_model(study_glm_mediation& m, std::string& label, const toml_value& t, const std::string& path) {
    const std::string kind = "family '" + std::string(to_string(m.family)) + "'";
    table(t, path, {"name", "type", "x", "mediators", "y", "covariates", "model", "w", "probe", "center", "family", "link",
                    "offset", "exposure", "x_values", "interaction", "cluster"},
          for_type(m.type) + " with " + kind);
    label = name(required(t, path, "name"), member(path, "name"));
    mediation_variables(m, t, path);
    const toml_value* number_ = find(t, path, "model");
    if (number_ != nullptr && number_->is_integer()) {
      process_model(m, *number_, member(path, "model"));
    } else {
      m.model = mediation_kind(t, path, m.mediators.size());
    }
    for (const char* key : {"w", "probe", "center"}) {
      if (const auto* v = find(t, path, key); v != nullptr && m.moderated_model == 0) {
        fail(*v, member(path, key), "a mediation with " + kind + " has a moderator only in a conditional process "
                                    "model (model = 7, 8, 14, 15, 58 or 59)");
      }
    }
    if (const auto* v = find(t, path, "w")) m.w = name(*v, member(path, "w"));
    if (const auto* v = find(t, path, "probe")) m.probe = probe_of(*v, member(path, "probe"));
    if (const auto* v = find(t, path, "center")) m.center = centering_of(*v, member(path, "center"));
    if (const auto* v = find(t, path, "link")) m.link = link_of(*v, member(path, "link"), m.family);
    if (const auto* v = find(t, path, "offset")) m.offset = name(*v, member(path, "offset"));
    if (const auto* v = find(t, path, "exposure")) m.exposure = name(*v, member(path, "exposure"));
    if (const auto* v = find(t, path, "interaction")) m.interaction = boolean(*v, member(path, "interaction"));
    if (const auto* v = find(t, path, "cluster")) m.cluster = name(*v, member(path, "cluster"));
    if (const auto* v = find(t, path, "x_values")) m.x_values = x_values_of(*v, member(path, "x_values"));
  }

  bool boolean(const toml_value& value, const std::string& path) const {
    if (!value.is_boolean()) wrong_type(value, path, "a boolean (true or false)");
    return value.as_boolean();
  }

  // 'x_values': [x0, x1], two different numbers.
  std::pair<double, double> x_values_of(const toml_value& v, const std::string& path) {
    if (!v.is_array()) wrong_type(v, path, "an array of two numbers [x0, x1]");
    const auto& a = v.as_array();
    if (a.size() != 2) fail(v, path, "two values are needed, [x0, x1]; found " + std::to_string(a.size()), literal(v));
    for (std::size_t i = 0; i < 2; ++i) remember(a[i], element(path, i));
    const std::pair<double, double> x{number(a[0], element(path, 0)), number(a[1], element(path, 1))};
    if (!std::isfinite(x.first) || !std::isfinite(x.second)) fail(v, path, "the values must be finite", literal(v));
    if (x.first == x.second) fail(v, path, "x0 and x1 must differ", literal(v));
    return x;
  }

  static std::string for_type(std::string_view type) { return "for a model of type '" + std::string(type) + "'"; }

  // A mediation's 'model' key: serial or parallel (default: serial with 2 or more mediators).
  mediation_model mediation_kind(const toml_value& t, const std::string& path, std::size_t mediators) {
    const toml_value* v = find(t, path, "model");
    if (v == nullptr) return mediators >= 2 ? mediation_model::serial : mediation_model::parallel;
    const std::string text_ = text(*v, member(path, "model"));
    if (text_ == "serial") return mediation_model::serial;
    if (text_ != "parallel") fail(*v, member(path, "model"), "unknown mediation model", text_, "serial, parallel");
    return mediation_model::parallel;
  }

  // A regression's 'se' key (a linear regression only).
  se_type se_of(const toml_value& v, const std::string& path, const std::optional<glm_family>& family) const {
    const std::string text_ = text(v, path);
    if (family) {
      fail(v, path, "'se' applies to a linear regression only (this model's family is " +
                        std::string(to_string(*family)) + ")");
    }
    try {
      return parse_se_type(text_);
    } catch (const argument_error&) {
      fail(v, path, "unknown standard-error type", text_, "classical, hc0, hc1, hc2, hc3, hc4");
    }
  }

  std::string source_;
  std::string base_;
  std::map<std::string, std::size_t> lines_;
};

// toml11's message: "[error] toml::parse_key: an invalid key appeared.\n --> file\n   |\n 4 | x\n   | ^--- note".
// Returns the line of the last quoted source line and "headline (note)".
std::pair<std::size_t, std::string> describe_syntax_error(const toml::exception& e) {
  std::istringstream in(e.what());
  std::string row;
  std::string headline;
  std::string note;
  std::size_t line = 0;
  bool after_numbered = false;
  while (std::getline(in, row)) {
    if (headline.empty()) {
      headline = row;
      continue;
    }
    const auto bar = row.find('|');
    if (bar == std::string::npos) {
      after_numbered = false;
      continue;
    }
    std::string label = row.substr(0, bar);
    label.erase(0, std::min(label.size(), label.find_first_not_of(' ')));
    while (!label.empty() && label.back() == ' ') label.pop_back();
    if (!label.empty() && std::all_of(label.begin(), label.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      line = static_cast<std::size_t>(std::stoul(label));
      after_numbered = true;
      note.clear();
    } else if (after_numbered) {
      // "   | ^--- note" or "   | ~~~ note"
      const std::string mark = row.substr(bar + 1);
      const auto text_at = mark.find_first_not_of(" ^~-");
      note = text_at == std::string::npos ? std::string() : mark.substr(text_at);
      after_numbered = false;
    } else {
      after_numbered = false;
    }
  }
  if (headline.rfind("[error] ", 0) == 0) headline.erase(0, 8);
  if (headline.rfind("toml::", 0) == 0) {
    const auto colon = headline.find(": ");
    if (colon != std::string::npos) headline.erase(0, colon + 2);
  }
  if (line == 0) line = e.location().line();
  if (!note.empty()) headline += " (" + note + ")";
  return {line, headline};
}

// The position of the first byte of `text` that does not belong to valid UTF-8 (RFC 3629: no
// overlong forms, no surrogates, nothing beyond U+10FFFF), or npos.
std::size_t invalid_utf8_at(std::string_view text) {
  auto byte = [&text](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  std::size_t i = 0;
  while (i < text.size()) {
    const unsigned lead = byte(i);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    unsigned low = 0x80;  // the range of the second byte
    unsigned high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      low = lead == 0xE0 ? 0xA0 : low;
      high = lead == 0xED ? 0x9F : high;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      low = lead == 0xF0 ? 0x90 : low;
      high = lead == 0xF4 ? 0x8F : high;
    } else {
      return i;
    }
    if (text.size() - i < length || byte(i + 1) < low || byte(i + 1) > high) return i;
    for (std::size_t k = 2; k < length; ++k) {
      if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return i;
    }
    i += length;
  }
  return std::string_view::npos;
}

// The position where arrays and inline tables, outside strings and comments, first nest deeper
// than `limit`, or npos. A rough scan that checks no syntax (toml11 does): strings end where TOML
// ends them, comments at the end of the line.
std::size_t too_deep_at(std::string_view text, int limit) {
  int depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '#') {
      i = text.find('\n', i);
      if (i == std::string_view::npos) break;
    } else if (c == '"' || c == '\'') {
      const std::string_view close = text.substr(i, 3) == std::string(3, c) ? text.substr(i, 3) : text.substr(i, 1);
      std::size_t j = i + close.size();
      while (j < text.size() && text.substr(j, close.size()) != close && (close.size() == 3 || text[j] != '\n')) {
        j += c == '"' && text[j] == '\\' ? 2 : 1;  // an escape in a basic string
      }
      i = std::min(j + close.size() - 1, text.size());
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::string_view::npos;
}

}  // namespace

study_definition parse_study(std::string_view text, const std::string& source, const std::string& base_directory) {
  // Checked before toml11 (3.7), which reads outside its buffer when it reports invalid UTF-8
  // inside a string, and parses nested arrays and inline tables recursively (without a limit, so
  // that deep nesting overflows the stack).
  auto syntax_error = [&](std::size_t at, const std::string& problem, const std::string& detail) {
    const std::string_view before = text.substr(0, at);
    const std::size_t line_start = before.rfind('\n');
    const std::size_t column = line_start == std::string_view::npos ? at + 1 : at - line_start;
    location where;
    where.file = source;
    where.line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
    throw data_error(where, "TOML syntax error: " + problem + " at character " + std::to_string(column) + detail);
  };
  if (const std::size_t bad = invalid_utf8_at(text); bad != std::string_view::npos) {
    const auto value = static_cast<unsigned char>(text[bad]);
    const std::string hex{'0', 'x', "0123456789ABCDEF"[value >> 4U], "0123456789ABCDEF"[value & 0xFU]};
    syntax_error(bad, "invalid UTF-8", " (byte " + hex + "); a TOML file must be UTF-8");
  }
  constexpr int max_nesting = 64;  // a study file needs 2 at most (the brackets of [[scales]])
  if (const std::size_t deep = too_deep_at(text, max_nesting); deep != std::string_view::npos) {
    syntax_error(deep, "arrays and inline tables nested more than " + std::to_string(max_nesting) + " deep", "");
  }
  toml_value root;
  try {
    std::istringstream in{std::string(text)};
    root = toml::parse<toml::discard_comments, std::map, std::vector>(in, source);
  } catch (const toml::exception& e) {
    const auto [line, detail] = describe_syntax_error(e);
    location where;
    where.file = source;
    where.line = line;
    throw data_error(where, "TOML syntax error: " + detail);
  }
  reader r(source, base_directory);
  study_definition study = r.study(root);
  try {
    study.validate();
  } catch (const argument_error& e) {
    // validate() says "study: <field>: <problem>"; the field's line comes from the file.
    std::string problem = e.what();
    std::size_t line = 0;
    if (problem.rfind("study: ", 0) == 0) {
      problem.erase(0, 7);
      line = r.line_of_field(problem.substr(0, problem.find(": ")));
    }
    location where;
    where.file = source;
    where.line = line;
    throw data_error(where, problem);
  }
  return study;
}

study_definition load_study(const std::string& path) {
  location where;
  where.file = path;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw data_error(where, "the study file does not exist");
  if (std::filesystem::is_directory(path, ec)) throw data_error(where, "is a folder, not a study file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw data_error(where, "cannot open the study file");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw data_error(where, "cannot read the study file");
  return parse_study(text.str(), path, std::filesystem::path(path).parent_path().string());
}

}  // namespace socialcure

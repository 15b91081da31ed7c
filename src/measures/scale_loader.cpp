#include "socialcure/measures/scale_loader.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <limits>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "measures/detail/scale_json.hpp"
#include "socialcure/core/error.hpp"

namespace socialcure {

namespace {

using nlohmann::json;
using nlohmann::ordered_json;

std::string join(std::initializer_list<const char*> names) {
  std::string out;
  for (const char* n : names) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

std::string member(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }
std::string element(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }
std::string shown(const std::string& path) { return path.empty() ? "(top level)" : path; }

// The value as short JSON text, for messages.
std::string excerpt(const json& value) {
  std::string text =
      value.is_string() ? value.get<std::string>() : value.dump(-1, ' ', false, json::error_handler_t::replace);
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return text;
}

const char* kind(const json& value) {
  if (value.is_number_integer()) return "an integer";
  if (value.is_number()) return "a number";
  if (value.is_string()) return "a string";
  if (value.is_boolean()) return "a boolean";
  if (value.is_null()) return "null";
  if (value.is_array()) return "an array";
  return "an object";
}

// Reads the parsed JSON into a scale_definition; every error names the source and the key path.
class reader {
 public:
  explicit reader(const std::string& source) : source_(source) {}

  [[noreturn]] void fail(const std::string& path, const std::string& problem, std::string value = {},
                         std::string allowed = {}) const {
    location where;
    where.file = source_;
    throw data_error(where, shown(path) + ": " + problem, std::move(value), std::move(allowed));
  }

  [[noreturn]] void wrong_type(const json& value, const std::string& path, const std::string& expected) const {
    fail(path, std::string("expected ") + expected + ", found " + kind(value), excerpt(value));
  }

  // Checks that `value` is an object with only `allowed` keys and all of `required`.
  void object(const json& value, const std::string& path, std::initializer_list<const char*> allowed,
              std::initializer_list<const char*> required) const {
    if (!value.is_object()) wrong_type(value, path, "an object");
    for (const auto& [key, item] : value.items()) {
      const bool known = std::any_of(allowed.begin(), allowed.end(), [&k = key](const char* a) { return k == a; });
      if (!known) fail(member(path, key), "unknown key '" + key + "'", {}, join(allowed));
    }
    for (const char* key : required) {
      if (!value.contains(key)) fail(member(path, key), std::string("required key '") + key + "' is missing");
    }
  }

  std::string text(const json& value, const std::string& path) const {
    if (!value.is_string()) wrong_type(value, path, "a string");
    return value.get<std::string>();
  }

  int integer(const json& value, const std::string& path) const {
    if (!value.is_number_integer()) wrong_type(value, path, "an integer");
    if (value.is_number_unsigned()) {
      const auto u = value.get<std::uint64_t>();
      if (u > static_cast<std::uint64_t>(std::numeric_limits<int>::max())) {
        fail(path, "integer out of range", excerpt(value));
      }
      return static_cast<int>(u);
    }
    const auto v = value.get<std::int64_t>();
    if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) {
      fail(path, "integer out of range", excerpt(value));
    }
    return static_cast<int>(v);
  }

  double number(const json& value, const std::string& path) const {
    if (!value.is_number()) wrong_type(value, path, "a number");
    return value.get<double>();
  }

  const json& array(const json& value, const std::string& path, const std::string& of) const {
    if (!value.is_array()) wrong_type(value, path, "an array of " + of);
    return value;
  }

  std::vector<int> integers(const json& value, const std::string& path) const {
    std::vector<int> out;
    const auto& a = array(value, path, "integers");
    for (std::size_t i = 0; i < a.size(); ++i) out.push_back(integer(a[i], element(path, i)));
    return out;
  }

  std::vector<std::string> texts(const json& value, const std::string& path) const {
    std::vector<std::string> out;
    const auto& a = array(value, path, "strings");
    for (std::size_t i = 0; i < a.size(); ++i) out.push_back(text(a[i], element(path, i)));
    return out;
  }

  template <class Enum, std::size_t N>
  Enum choice(const json& value, const std::string& path, const Enum (&values)[N]) const {
    if (!value.is_string()) wrong_type(value, path, "a string");
    const auto s = value.get<std::string>();
    std::string allowed;
    for (Enum e : values) {
      if (s == to_string(e)) return e;
      allowed += (allowed.empty() ? "" : ", ") + std::string(to_string(e));
    }
    fail(path, "unknown value", s, allowed);
  }

  fact_confidence confidence(const json& value, const std::string& path) const {
    static constexpr fact_confidence all[] = {fact_confidence::confirmed, fact_confidence::single_source,
                                              fact_confidence::unconfirmed};
    return choice(value, path, all);
  }

  missing_rule missing(const json& value, const std::string& path) const {
    object(value, path, {"policy", "max_missing"}, {});
    missing_rule rule;
    static constexpr missing_policy all[] = {missing_policy::complete_only, missing_policy::prorate,
                                             missing_policy::count_answered};
    if (value.contains("policy")) rule.policy = choice(value["policy"], member(path, "policy"), all);
    if (value.contains("max_missing")) rule.max_missing = integer(value["max_missing"], member(path, "max_missing"));
    return rule;
  }

  std::vector<cutoff_set> cutoffs(const json& value, const std::string& path) const {
    std::vector<cutoff_set> out;
    const auto& a = array(value, path, "objects");
    for (std::size_t i = 0; i < a.size(); ++i) {
      const auto& j = a[i];
      const std::string here = element(path, i);
      object(j, here, {"name", "source", "confidence", "categories"}, {"categories"});
      cutoff_set set;
      if (j.contains("name")) set.name = text(j["name"], member(here, "name"));
      if (j.contains("source")) set.source = text(j["source"], member(here, "source"));
      if (j.contains("confidence")) set.confidence = confidence(j["confidence"], member(here, "confidence"));
      const std::string cats = member(here, "categories");
      const auto& c = array(j["categories"], cats, "objects");
      for (std::size_t k = 0; k < c.size(); ++k) {
        const std::string at = element(cats, k);
        object(c[k], at, {"min", "max", "label"}, {"min", "max"});
        score_category category;
        category.min = number(c[k]["min"], member(at, "min"));
        category.max = number(c[k]["max"], member(at, "max"));
        if (c[k].contains("label")) category.label = text(c[k]["label"], member(at, "label"));
        set.categories.push_back(std::move(category));
      }
      out.push_back(std::move(set));
    }
    return out;
  }

  scale_definition scale(const json& j) const {
    object(j, "",
           {"id", "name", "citation", "construct", "items", "item_names", "min_code", "max_code", "options",
            "reverse_items", "rule", "scoring_codes", "conversion", "subscales", "score_min", "score_max",
            "higher_means", "better", "cutoffs", "missing", "facts", "licence"},
           {"id", "name", "items", "min_code", "max_code", "rule"});
    scale_definition s;
    s.id = text(j["id"], "id");
    s.name = text(j["name"], "name");
    if (j.contains("citation")) s.citation = text(j["citation"], "citation");
    if (j.contains("construct")) s.construct = text(j["construct"], "construct");
    s.items = integer(j["items"], "items");
    if (j.contains("item_names")) s.item_names = texts(j["item_names"], "item_names");
    s.min_code = integer(j["min_code"], "min_code");
    s.max_code = integer(j["max_code"], "max_code");
    if (j.contains("options")) {
      const auto& a = array(j["options"], "options", "objects");
      for (std::size_t i = 0; i < a.size(); ++i) {
        const std::string at = element("options", i);
        object(a[i], at, {"code", "label"}, {"code"});
        response_option option;
        option.code = integer(a[i]["code"], member(at, "code"));
        if (a[i].contains("label")) option.label = text(a[i]["label"], member(at, "label"));
        s.options.push_back(std::move(option));
      }
    }
    if (j.contains("reverse_items")) s.reverse_items = integers(j["reverse_items"], "reverse_items");
    static constexpr scoring_rule rules[] = {scoring_rule::sum, scoring_rule::mean, scoring_rule::dichotomous_count,
                                             scoring_rule::lookup, scoring_rule::none};
    s.rule = choice(j["rule"], "rule", rules);
    if (j.contains("scoring_codes")) {
      const auto& a = array(j["scoring_codes"], "scoring_codes", "arrays of integers");
      for (std::size_t i = 0; i < a.size(); ++i) s.scoring_codes.push_back(integers(a[i], element("scoring_codes", i)));
    }
    if (j.contains("conversion")) {
      const auto& a = array(j["conversion"], "conversion", "[raw, converted] pairs");
      for (std::size_t i = 0; i < a.size(); ++i) {
        const std::string at = element("conversion", i);
        if (!a[i].is_array() || a[i].size() != 2) wrong_type(a[i], at, "a [raw, converted] pair");
        s.conversion.emplace_back(number(a[i][0], element(at, 0)), number(a[i][1], element(at, 1)));
      }
    }
    if (j.contains("subscales")) {
      const auto& a = array(j["subscales"], "subscales", "objects");
      for (std::size_t i = 0; i < a.size(); ++i) {
        const std::string at = element("subscales", i);
        const auto& o = a[i];
        object(o, at, {"id", "name", "items", "score_min", "score_max", "missing", "cutoffs"}, {"id", "items"});
        subscale sub;
        sub.id = text(o["id"], member(at, "id"));
        if (o.contains("name")) sub.name = text(o["name"], member(at, "name"));
        sub.items = integers(o["items"], member(at, "items"));
        if (o.contains("score_min")) sub.score_min = number(o["score_min"], member(at, "score_min"));
        if (o.contains("score_max")) sub.score_max = number(o["score_max"], member(at, "score_max"));
        if (o.contains("missing")) sub.missing = missing(o["missing"], member(at, "missing"));
        if (o.contains("cutoffs")) sub.cutoffs = cutoffs(o["cutoffs"], member(at, "cutoffs"));
        s.subscales.push_back(std::move(sub));
      }
    }
    if (j.contains("score_min")) s.score_min = number(j["score_min"], "score_min");
    if (j.contains("score_max")) s.score_max = number(j["score_max"], "score_max");
    if (j.contains("higher_means")) s.higher_means = text(j["higher_means"], "higher_means");
    static constexpr improvement directions[] = {improvement::lower, improvement::higher, improvement::none};
    if (j.contains("better")) s.better = choice(j["better"], "better", directions);
    if (j.contains("cutoffs")) s.cutoffs = cutoffs(j["cutoffs"], "cutoffs");
    if (j.contains("missing")) s.missing = missing(j["missing"], "missing");
    if (j.contains("facts")) {
      const auto& a = array(j["facts"], "facts", "objects");
      for (std::size_t i = 0; i < a.size(); ++i) {
        const std::string at = element("facts", i);
        object(a[i], at, {"what", "confidence"}, {"what"});
        scale_fact fact;
        fact.what = text(a[i]["what"], member(at, "what"));
        if (a[i].contains("confidence")) fact.confidence = confidence(a[i]["confidence"], member(at, "confidence"));
        s.facts.push_back(std::move(fact));
      }
    }
    if (j.contains("licence")) s.licence = text(j["licence"], "licence");
    return s;
  }

 private:
  std::string source_;
};

// Repeated keys in an object, found while parsing (nlohmann keeps the last one silently).
class duplicate_key_check {
 public:
  explicit duplicate_key_check(const reader& r) : reader_(r) {}

  bool operator()(int /*depth*/, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
        element_starts();
        stack_.push_back({true, {}, {}, 0});
        break;
      case json::parse_event_t::array_start:
        element_starts();
        stack_.push_back({false, {}, {}, 0});
        break;
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        if (!stack_.empty()) stack_.pop_back();
        break;
      case json::parse_event_t::key: {
        auto key = parsed.get<std::string>();
        if (!stack_.empty()) {
          if (!stack_.back().keys.insert(key).second) reader_.fail(member(path_of_parents(), key), "repeated key '" + key + "'");
          stack_.back().key = std::move(key);
        }
        break;
      }
      case json::parse_event_t::value:
        element_starts();
        break;
    }
    return true;
  }

 private:
  struct frame {
    bool is_object;
    std::set<std::string> keys;
    std::string key;       // objects: the current key
    std::size_t count;     // arrays: elements started so far
  };

  void element_starts() {
    if (!stack_.empty() && !stack_.back().is_object) ++stack_.back().count;
  }

  // The path of the innermost object (excluding its current key).
  std::string path_of_parents() const {
    std::string path;
    for (std::size_t i = 0; i + 1 < stack_.size(); ++i) {
      const auto& f = stack_[i];
      path = f.is_object ? member(path, f.key) : element(path, f.count - 1);
    }
    return path;
  }

  const reader& reader_;
  std::vector<frame> stack_;
};

// A SAX handler that only notes where parsing stopped: nlohmann gives the position with a syntax
// error, but not with a number beyond the range of a double (out_of_range.406, e.g. 1e999).
struct stop_position {
  std::size_t byte = 0;
  bool null() { return true; }
  bool boolean(bool /*value*/) { return true; }
  bool number_integer(json::number_integer_t /*value*/) { return true; }
  bool number_unsigned(json::number_unsigned_t /*value*/) { return true; }
  bool number_float(json::number_float_t /*value*/, const std::string& /*text*/) { return true; }
  bool string(std::string& /*value*/) { return true; }
  bool binary(json::binary_t& /*value*/) { return true; }
  bool start_object(std::size_t /*size*/) { return true; }
  bool key(std::string& /*value*/) { return true; }
  bool end_object() { return true; }
  bool start_array(std::size_t /*size*/) { return true; }
  bool end_array() { return true; }
  bool parse_error(std::size_t position, const std::string& /*token*/, const json::exception& /*error*/) {
    byte = position;
    return false;
  }
};

json parse(std::string_view text, const reader& r, const std::string& source) {
  // `byte`: 1-based position of the last character read.
  auto fail = [&](std::size_t byte, const std::string& problem, const json::exception& e) {
    const std::size_t end = std::min<std::size_t>(byte > 0 ? byte - 1 : 0, text.size());
    const std::size_t line = 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(end), '\n'));
    const std::size_t last_newline = text.rfind('\n', end == 0 ? std::string_view::npos : end - 1);
    const std::size_t column = last_newline == std::string_view::npos || end == 0 ? end + 1 : end - last_newline;
    std::string detail = e.what();
    // "[json.exception.parse_error.101] parse error at line 3, column 5: syntax error while ..."
    // "[json.exception.out_of_range.406] number overflow parsing '1e999'"
    const auto colon = detail.find(": ");
    if (colon != std::string::npos) {
      detail = detail.substr(colon + 2);
    } else if (const auto bracket = detail.find("] "); bracket != std::string::npos) {
      detail = detail.substr(bracket + 2);
    }
    location where;
    where.file = source;
    where.line = line;
    throw data_error(where, problem + " at character " + std::to_string(column) + ": " + detail);
  };
  try {
    return json::parse(text.begin(), text.end(), duplicate_key_check(r));
  } catch (const json::parse_error& e) {
    fail(e.byte, "JSON syntax error", e);
  } catch (const json::out_of_range& e) {
    stop_position stop;
    json::sax_parse(text.begin(), text.end(), &stop);
    fail(stop.byte, "JSON number out of the range of a double", e);
  }
  return {};  // not reached: fail() throws
}

// Writing ---------------------------------------------------------------------------------------

ordered_json missing_json(const missing_rule& m) {
  return ordered_json{{"policy", std::string(to_string(m.policy))}, {"max_missing", m.max_missing}};
}

ordered_json cutoffs_json(const std::vector<cutoff_set>& sets) {
  ordered_json out = ordered_json::array();
  for (const auto& set : sets) {
    ordered_json categories = ordered_json::array();
    for (const auto& c : set.categories) {
      categories.push_back(ordered_json{{"min", c.min}, {"max", c.max}, {"label", c.label}});
    }
    out.push_back(ordered_json{{"name", set.name},
                               {"source", set.source},
                               {"confidence", std::string(to_string(set.confidence))},
                               {"categories", std::move(categories)}});
  }
  return out;
}

}  // namespace

scale_definition scale_from_json(std::string_view json_text, const std::string& source) {
  const reader r(source);
  const json j = parse(json_text, r, source);
  scale_definition s = r.scale(j);
  try {
    s.validate();
  } catch (const argument_error& e) {
    location where;
    where.file = source;
    throw data_error(where, std::string("invalid scale definition: ") + e.what());
  }
  return s;
}

scale_definition load_scale(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    location where;
    where.file = path;
    throw data_error(where, "cannot open the scale definition file");
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    location where;
    where.file = path;
    throw data_error(where, "cannot read the scale definition file");
  }
  return scale_from_json(text.str(), path);
}

ordered_json detail::scale_definition_json(const scale_definition& s) {
  ordered_json j;
  j["id"] = s.id;
  j["name"] = s.name;
  j["citation"] = s.citation;
  j["construct"] = s.construct;
  j["items"] = s.items;
  j["item_names"] = s.item_names;
  j["min_code"] = s.min_code;
  j["max_code"] = s.max_code;
  ordered_json options = ordered_json::array();
  for (const auto& o : s.options) options.push_back(ordered_json{{"code", o.code}, {"label", o.label}});
  j["options"] = std::move(options);
  j["reverse_items"] = s.reverse_items;
  j["rule"] = std::string(to_string(s.rule));
  j["scoring_codes"] = s.scoring_codes;
  ordered_json conversion = ordered_json::array();
  for (const auto& [raw, converted] : s.conversion) conversion.push_back(ordered_json::array({raw, converted}));
  j["conversion"] = std::move(conversion);
  ordered_json subscales = ordered_json::array();
  for (const auto& sub : s.subscales) {
    subscales.push_back(ordered_json{{"id", sub.id},
                                     {"name", sub.name},
                                     {"items", sub.items},
                                     {"score_min", sub.score_min},
                                     {"score_max", sub.score_max},
                                     {"missing", missing_json(sub.missing)},
                                     {"cutoffs", cutoffs_json(sub.cutoffs)}});
  }
  j["subscales"] = std::move(subscales);
  j["score_min"] = s.score_min;
  j["score_max"] = s.score_max;
  j["higher_means"] = s.higher_means;
  j["better"] = std::string(to_string(s.better));
  j["cutoffs"] = cutoffs_json(s.cutoffs);
  j["missing"] = missing_json(s.missing);
  ordered_json facts = ordered_json::array();
  for (const auto& f : s.facts) {
    facts.push_back(ordered_json{{"what", f.what}, {"confidence", std::string(to_string(f.confidence))}});
  }
  j["facts"] = std::move(facts);
  j["licence"] = s.licence;
  return j;
}

std::string scale_to_json(const scale_definition& s) {
  return detail::scale_definition_json(s).dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace socialcure

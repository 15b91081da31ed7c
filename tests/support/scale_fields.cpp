#include "support/scale_fields.hpp"

#include <cstdio>
#include <string_view>
#include <utility>

namespace socialcure_test {

namespace {

using socialcure::cutoff_set;
using socialcure::missing_rule;

std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string number(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

// Collects "<prefix><path> = <value>" lines.
class writer {
 public:
  explicit writer(std::string prefix) : prefix_(std::move(prefix)) {}

  void line(const std::string& path, const std::string& value) { out_ += prefix_ + path + " = " + value + "\n"; }
  void text(const std::string& path, std::string_view value) { line(path, quoted(value)); }
  void integer(const std::string& path, long long value) { line(path, std::to_string(value)); }
  void real(const std::string& path, double value) { line(path, number(value)); }
  void size(const std::string& path, std::size_t n) { line(path + ".size", std::to_string(n)); }

  void integers(const std::string& path, const std::vector<int>& values) {
    size(path, values.size());
    for (std::size_t i = 0; i < values.size(); ++i) integer(at(path, i), values[i]);
  }

  void missing(const std::string& path, const missing_rule& rule) {
    text(path + ".policy", to_string(rule.policy));
    integer(path + ".max_missing", rule.max_missing);
  }

  void cutoffs(const std::string& path, const std::vector<cutoff_set>& sets) {
    size(path, sets.size());
    for (std::size_t i = 0; i < sets.size(); ++i) {
      const std::string here = at(path, i);
      text(here + ".name", sets[i].name);
      text(here + ".source", sets[i].source);
      text(here + ".confidence", to_string(sets[i].confidence));
      size(here + ".categories", sets[i].categories.size());
      for (std::size_t k = 0; k < sets[i].categories.size(); ++k) {
        const std::string category = at(here + ".categories", k);
        real(category + ".min", sets[i].categories[k].min);
        real(category + ".max", sets[i].categories[k].max);
        text(category + ".label", sets[i].categories[k].label);
      }
    }
  }

  static std::string at(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }

  [[nodiscard]] const std::string& result() const { return out_; }

 private:
  std::string prefix_;
  std::string out_;
};

void subscales(writer& w, const socialcure::scale_definition& s) {
  w.size("subscales", s.subscales.size());
  for (std::size_t i = 0; i < s.subscales.size(); ++i) {
    const auto& sub = s.subscales[i];
    const std::string here = writer::at("subscales", i);
    w.text(here + ".id", sub.id);
    w.text(here + ".name", sub.name);
    w.integers(here + ".items", sub.items);
    w.real(here + ".score_min", sub.score_min);
    w.real(here + ".score_max", sub.score_max);
    w.missing(here + ".missing", sub.missing);
    w.cutoffs(here + ".cutoffs", sub.cutoffs);
  }
}

void codes_and_scoring(writer& w, const socialcure::scale_definition& s) {
  w.integer("min_code", s.min_code);
  w.integer("max_code", s.max_code);
  w.size("options", s.options.size());
  for (std::size_t i = 0; i < s.options.size(); ++i) {
    w.integer(writer::at("options", i) + ".code", s.options[i].code);
    w.text(writer::at("options", i) + ".label", s.options[i].label);
  }
  w.integers("reverse_items", s.reverse_items);
  w.text("rule", to_string(s.rule));
  w.size("scoring_codes", s.scoring_codes.size());
  for (std::size_t i = 0; i < s.scoring_codes.size(); ++i) w.integers(writer::at("scoring_codes", i), s.scoring_codes[i]);
  w.size("conversion", s.conversion.size());
  for (std::size_t i = 0; i < s.conversion.size(); ++i) {
    w.real(writer::at("conversion", i) + ".raw", s.conversion[i].first);
    w.real(writer::at("conversion", i) + ".converted", s.conversion[i].second);
  }
}

}  // namespace

std::string scale_fields(const socialcure::scale_definition& s) {
  writer w(s.id + ".");
  w.text("id", s.id);
  w.text("name", s.name);
  w.text("citation", s.citation);
  w.text("construct", s.construct);
  w.integer("items", s.items);
  w.size("item_names", s.item_names.size());
  for (std::size_t i = 0; i < s.item_names.size(); ++i) w.text(writer::at("item_names", i), s.item_names[i]);
  codes_and_scoring(w, s);
  subscales(w, s);
  w.real("score_min", s.score_min);
  w.real("score_max", s.score_max);
  w.text("higher_means", s.higher_means);
  w.text("better", to_string(s.better));
  w.cutoffs("cutoffs", s.cutoffs);
  w.missing("missing", s.missing);
  w.size("facts", s.facts.size());
  for (std::size_t i = 0; i < s.facts.size(); ++i) {
    w.text(writer::at("facts", i) + ".what", s.facts[i].what);
    w.text(writer::at("facts", i) + ".confidence", to_string(s.facts[i].confidence));
  }
  w.text("licence", s.licence);
  return w.result();
}

std::string scale_fields(const std::vector<socialcure::scale_definition>& scales) {
  std::string out;
  for (const auto& s : scales) out += scale_fields(s);
  return out;
}

}  // namespace socialcure_test

// Fuzz target for socialcure::scale_from_json and scale_to_json
// (include/socialcure/measures/scale_loader.hpp).
//
// Input: the JSON text.
//
// Properties:
//   * only socialcure::data_error and socialcure::argument_error leave scale_from_json, and a
//     data_error names the source;
//   * a definition that loads is valid, and scale_from_json(scale_to_json(s)) loads and gives back
//     `s` field by field (as scale_loader.hpp promises; numbers bit for bit);
//   * a definition that loads can be scored (scoring.hpp relies on validate() only): a few response
//     patterns (every item at the lowest code, at the highest, every other item missing, codes
//     outside the range) give a finite score or a missing one with its reason, or a
//     socialcure::data_error for an invalid code under the default policy.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/core/missing.hpp"
#include "socialcure/measures/scale.hpp"
#include "socialcure/measures/scale_loader.hpp"
#include "socialcure/measures/scoring.hpp"

namespace {

using socialcure::scale_definition;

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

bool same(const socialcure::missing_rule& a, const socialcure::missing_rule& b) {
  return a.policy == b.policy && a.max_missing == b.max_missing;
}

bool same(const std::vector<socialcure::cutoff_set>& a, const std::vector<socialcure::cutoff_set>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t k = 0; k < a.size(); ++k) {
    if (a[k].name != b[k].name || a[k].source != b[k].source || a[k].confidence != b[k].confidence) return false;
    if (a[k].categories.size() != b[k].categories.size()) return false;
    for (std::size_t c = 0; c < a[k].categories.size(); ++c) {
      const auto& x = a[k].categories[c];
      const auto& y = b[k].categories[c];
      if (!same_bits(x.min, y.min) || !same_bits(x.max, y.max) || x.label != y.label) return false;
    }
  }
  return true;
}

void check_same(const scale_definition& a, const scale_definition& b) {
  SOCIALCURE_FUZZ_CHECK(a.id == b.id);
  SOCIALCURE_FUZZ_CHECK(a.name == b.name);
  SOCIALCURE_FUZZ_CHECK(a.citation == b.citation);
  SOCIALCURE_FUZZ_CHECK(a.construct == b.construct);
  SOCIALCURE_FUZZ_CHECK(a.items == b.items);
  SOCIALCURE_FUZZ_CHECK(a.item_names == b.item_names);
  SOCIALCURE_FUZZ_CHECK(a.min_code == b.min_code);
  SOCIALCURE_FUZZ_CHECK(a.max_code == b.max_code);
  SOCIALCURE_FUZZ_CHECK(a.options.size() == b.options.size());
  for (std::size_t i = 0; i < a.options.size(); ++i) {
    SOCIALCURE_FUZZ_CHECK(a.options[i].code == b.options[i].code);
    SOCIALCURE_FUZZ_CHECK(a.options[i].label == b.options[i].label);
  }
  SOCIALCURE_FUZZ_CHECK(a.reverse_items == b.reverse_items);
  SOCIALCURE_FUZZ_CHECK(a.rule == b.rule);
  SOCIALCURE_FUZZ_CHECK(a.scoring_codes == b.scoring_codes);
  SOCIALCURE_FUZZ_CHECK(a.conversion.size() == b.conversion.size());
  for (std::size_t i = 0; i < a.conversion.size(); ++i) {
    SOCIALCURE_FUZZ_CHECK(same_bits(a.conversion[i].first, b.conversion[i].first));
    SOCIALCURE_FUZZ_CHECK(same_bits(a.conversion[i].second, b.conversion[i].second));
  }
  SOCIALCURE_FUZZ_CHECK(a.subscales.size() == b.subscales.size());
  for (std::size_t k = 0; k < a.subscales.size(); ++k) {
    const auto& x = a.subscales[k];
    const auto& y = b.subscales[k];
    SOCIALCURE_FUZZ_CHECK(x.id == y.id);
    SOCIALCURE_FUZZ_CHECK(x.name == y.name);
    SOCIALCURE_FUZZ_CHECK(x.items == y.items);
    SOCIALCURE_FUZZ_CHECK(same_bits(x.score_min, y.score_min));
    SOCIALCURE_FUZZ_CHECK(same_bits(x.score_max, y.score_max));
    SOCIALCURE_FUZZ_CHECK(same(x.missing, y.missing));
    SOCIALCURE_FUZZ_CHECK(same(x.cutoffs, y.cutoffs));
  }
  SOCIALCURE_FUZZ_CHECK(same_bits(a.score_min, b.score_min));
  SOCIALCURE_FUZZ_CHECK(same_bits(a.score_max, b.score_max));
  SOCIALCURE_FUZZ_CHECK(a.higher_means == b.higher_means);
  SOCIALCURE_FUZZ_CHECK(a.better == b.better);
  SOCIALCURE_FUZZ_CHECK(same(a.cutoffs, b.cutoffs));
  SOCIALCURE_FUZZ_CHECK(same(a.missing, b.missing));
  SOCIALCURE_FUZZ_CHECK(a.facts.size() == b.facts.size());
  for (std::size_t i = 0; i < a.facts.size(); ++i) {
    SOCIALCURE_FUZZ_CHECK(a.facts[i].what == b.facts[i].what);
    SOCIALCURE_FUZZ_CHECK(a.facts[i].confidence == b.facts[i].confidence);
  }
  SOCIALCURE_FUZZ_CHECK(a.licence == b.licence);
}

void check_score(const socialcure::respondent_score& r, const scale_definition& s) {
  if (socialcure::is_missing(r.score)) {
    SOCIALCURE_FUZZ_CHECK(!r.reason.empty());
  } else {
    SOCIALCURE_FUZZ_CHECK(std::isfinite(r.score));
    SOCIALCURE_FUZZ_CHECK(r.reason.empty());
  }
  SOCIALCURE_FUZZ_CHECK(r.subscale_scores.size() == s.subscales.size());
  SOCIALCURE_FUZZ_CHECK(r.items_answered >= 0 && r.items_answered <= s.items);
}

void score_patterns(const scale_definition& s) {
  if (s.items > 64) return;  // the responses are built here; keep them small
  const auto n = static_cast<std::size_t>(s.items);
  const double lo = s.min_code;
  const double hi = s.max_code;
  std::vector<std::vector<double>> patterns;
  patterns.emplace_back(n, lo);
  patterns.emplace_back(n, hi);
  patterns.emplace_back(n, lo);
  for (std::size_t i = 0; i < n; i += 2) patterns.back()[i] = socialcure::missing_value;
  patterns.emplace_back(n, hi);
  patterns.back()[0] = socialcure::missing_value;
  patterns.emplace_back(n, lo - 1.0);
  patterns.emplace_back(n, hi + 1.0);
  for (const auto& responses : patterns) {
    for (const auto policy :
         {socialcure::invalid_response_policy::error, socialcure::invalid_response_policy::set_missing}) {
      socialcure::scoring_options options;
      options.on_invalid = policy;
      try {
        check_score(socialcure::score_respondent(s, responses, options), s);
      } catch (const socialcure::data_error&) {
        SOCIALCURE_FUZZ_CHECK(policy == socialcure::invalid_response_policy::error);
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  scale_definition s;
  try {
    s = socialcure::scale_from_json(text, "fuzz.json");
  } catch (const socialcure::data_error& e) {
    SOCIALCURE_FUZZ_CHECK(e.where().file == "fuzz.json");
    return 0;
  } catch (const socialcure::argument_error&) {
    return 0;
  }
  s.validate();  // must not throw: scale_from_json validates
  // Neither may writing and reading back: any exception is a finding.
  const std::string written = socialcure::scale_to_json(s);
  const scale_definition back = socialcure::scale_from_json(written, "written.json");
  check_same(s, back);
  score_patterns(s);
  return 0;
}

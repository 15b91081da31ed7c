#include "socialcure/measures/scale.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>
#include <string>

#include "socialcure/core/error.hpp"

namespace socialcure {

std::string_view to_string(fact_confidence c) noexcept {
  switch (c) {
    case fact_confidence::confirmed: return "confirmed";
    case fact_confidence::single_source: return "single_source";
    case fact_confidence::unconfirmed: return "unconfirmed";
  }
  return "unknown";
}

std::string_view to_string(scoring_rule rule) noexcept {
  switch (rule) {
    case scoring_rule::sum: return "sum";
    case scoring_rule::mean: return "mean";
    case scoring_rule::dichotomous_count: return "dichotomous_count";
    case scoring_rule::lookup: return "lookup";
    case scoring_rule::none: return "none";
  }
  return "unknown";
}

std::string_view to_string(missing_policy policy) noexcept {
  switch (policy) {
    case missing_policy::complete_only: return "complete_only";
    case missing_policy::prorate: return "prorate";
    case missing_policy::count_answered: return "count_answered";
  }
  return "unknown";
}

std::string_view to_string(improvement better) noexcept {
  switch (better) {
    case improvement::lower: return "lower";
    case improvement::higher: return "higher";
    case improvement::none: return "none";
  }
  return "unknown";
}

bool scale_definition::has_unconfirmed() const {
  const auto unconfirmed = [](fact_confidence c) { return c == fact_confidence::unconfirmed; };
  if (std::any_of(facts.begin(), facts.end(), [&](const scale_fact& f) { return unconfirmed(f.confidence); })) return true;
  if (std::any_of(cutoffs.begin(), cutoffs.end(), [&](const cutoff_set& c) { return unconfirmed(c.confidence); })) return true;
  for (const auto& s : subscales) {
    if (std::any_of(s.cutoffs.begin(), s.cutoffs.end(), [&](const cutoff_set& c) { return unconfirmed(c.confidence); })) {
      return true;
    }
  }
  return false;
}

namespace {

// Shortest decimal text of a double that reads back as the same value ("2.9", "7", "1e-05").
std::string number(double x) {
  std::ostringstream out;
  out.precision(15);
  out << x;
  if (std::stod(out.str()) != x) {
    out.str({});
    out.precision(17);
    out << x;
  }
  return out.str();
}

std::string index_path(const std::string& field, std::size_t i) { return field + "[" + std::to_string(i) + "]"; }

class checker {
 public:
  explicit checker(const scale_definition& s) : s_(s) {}

  [[noreturn]] void fail(const std::string& field, const std::string& problem) const {
    throw argument_error("scale '" + s_.id + "': " + field + ": " + problem);
  }

  // 1-based item positions: each in 1..items, none repeated, optionally at least one.
  void item_list(const std::string& field, const std::vector<int>& list, bool need_one) const {
    if (need_one && list.empty()) fail(field, "no items");
    std::set<int> seen;
    for (int item : list) {
      if (item < 1 || item > s_.items) {
        fail(field, "item " + std::to_string(item) + " is outside 1.." + std::to_string(s_.items));
      }
      if (!seen.insert(item).second) fail(field, "item " + std::to_string(item) + " is repeated");
    }
  }

  void missing(const std::string& field, const missing_rule& rule, int n_items) const {
    if (rule.max_missing < 0) {
      fail(field + ".max_missing", std::to_string(rule.max_missing) + " is negative");
    }
    if (rule.policy == missing_policy::complete_only && rule.max_missing != 0) {
      fail(field + ".max_missing", std::to_string(rule.max_missing) + " with policy complete_only (must be 0)");
    }
    if (rule.max_missing >= n_items) {
      fail(field + ".max_missing", std::to_string(rule.max_missing) + " is not below the number of items (" +
                                       std::to_string(n_items) + ")");
    }
    if (rule.policy == missing_policy::prorate &&
        (s_.rule == scoring_rule::dichotomous_count || s_.rule == scoring_rule::lookup)) {
      fail(field + ".policy", "prorate is not meaningful with rule " + std::string(to_string(s_.rule)));
    }
  }

  void range(const std::string& prefix, double lo, double hi) const {
    if (!std::isfinite(lo)) fail(prefix + "score_min", "is not finite");
    if (!std::isfinite(hi)) fail(prefix + "score_max", "is not finite");
    if (lo > hi) fail(prefix + "score_min", number(lo) + " is above score_max " + number(hi));
  }

  void cutoffs(const std::string& field, const std::vector<cutoff_set>& sets, double lo, double hi) const {
    for (std::size_t k = 0; k < sets.size(); ++k) {
      const auto& set = sets[k];
      const std::string here = index_path(field, k);
      if (set.categories.empty()) fail(here + ".categories", "no categories");
      for (std::size_t c = 0; c < set.categories.size(); ++c) {
        const auto& cat = set.categories[c];
        const std::string at = index_path(here + ".categories", c);
        if (!std::isfinite(cat.min) || !std::isfinite(cat.max)) fail(at, "min and max must be finite");
        if (cat.min > cat.max) fail(at, "min " + number(cat.min) + " is above max " + number(cat.max));
        if (cat.min < lo || cat.max > hi) {
          fail(at, "band " + number(cat.min) + ".." + number(cat.max) + " is outside the score range " + number(lo) +
                       ".." + number(hi));
        }
        if (c > 0) {
          const auto& prev = set.categories[c - 1];
          if (cat.min < prev.min) {
            fail(at, "not in increasing order (min " + number(cat.min) + " is below the previous min " +
                         number(prev.min) + ")");
          }
          if (cat.min <= prev.max) {
            fail(at, "overlaps the previous category (" + number(prev.min) + ".." + number(prev.max) + " and " +
                         number(cat.min) + ".." + number(cat.max) + ")");
          }
        }
      }
    }
  }

 private:
  const scale_definition& s_;
};

}  // namespace

void scale_definition::validate() const {
  const checker check(*this);

  if (id.empty()) check.fail("id", "is empty");
  if (items < 1) check.fail("items", std::to_string(items) + " is below 1");
  if (min_code > max_code) {
    check.fail("min_code", std::to_string(min_code) + " is above max_code " + std::to_string(max_code));
  }
  const std::string code_range = std::to_string(min_code) + ".." + std::to_string(max_code);

  if (!item_names.empty()) {
    if (item_names.size() != static_cast<std::size_t>(items)) {
      check.fail("item_names", std::to_string(item_names.size()) + " names for " + std::to_string(items) + " items");
    }
    std::set<std::string> seen;
    for (std::size_t i = 0; i < item_names.size(); ++i) {
      if (item_names[i].empty()) check.fail(index_path("item_names", i), "is empty");
      if (!seen.insert(item_names[i]).second) {
        check.fail(index_path("item_names", i), "name '" + item_names[i] + "' is repeated");
      }
    }
  }

  {
    std::set<int> seen;
    for (std::size_t i = 0; i < options.size(); ++i) {
      const int code = options[i].code;
      if (code < min_code || code > max_code) {
        check.fail(index_path("options", i) + ".code", std::to_string(code) + " is outside " + code_range);
      }
      if (!seen.insert(code).second) {
        check.fail(index_path("options", i) + ".code", std::to_string(code) + " is repeated");
      }
    }
  }

  check.item_list("reverse_items", reverse_items, false);

  if (rule == scoring_rule::dichotomous_count) {
    if (scoring_codes.size() != static_cast<std::size_t>(items)) {
      check.fail("scoring_codes", std::to_string(scoring_codes.size()) + " lists for " + std::to_string(items) +
                                      " items (rule dichotomous_count needs one list per item)");
    }
    for (std::size_t i = 0; i < scoring_codes.size(); ++i) {
      std::set<int> seen;
      for (int code : scoring_codes[i]) {
        if (code < min_code || code > max_code) {
          check.fail(index_path("scoring_codes", i), "code " + std::to_string(code) + " is outside " + code_range);
        }
        if (!seen.insert(code).second) {
          check.fail(index_path("scoring_codes", i), "code " + std::to_string(code) + " is repeated");
        }
      }
    }
  } else if (!scoring_codes.empty()) {
    check.fail("scoring_codes", "given, but only used with rule dichotomous_count (rule is " +
                                    std::string(to_string(rule)) + ")");
  }

  if (rule == scoring_rule::lookup) {
    const long long lo = static_cast<long long>(items) * min_code;
    const long long hi = static_cast<long long>(items) * max_code;
    const auto needed = static_cast<std::size_t>(hi - lo + 1);
    const std::string sums = "every raw sum " + std::to_string(lo) + ".." + std::to_string(hi) + " once, in increasing order";
    if (conversion.size() != needed) {
      check.fail("conversion", std::to_string(conversion.size()) + " entries; rule lookup needs " + sums);
    }
    for (std::size_t i = 0; i < conversion.size(); ++i) {
      const double expected = static_cast<double>(lo + static_cast<long long>(i));
      if (conversion[i].first != expected) {
        check.fail(index_path("conversion", i), "raw sum " + number(conversion[i].first) + " where " +
                                                    number(expected) + " was expected (" + sums + ")");
      }
      if (!std::isfinite(conversion[i].second)) check.fail(index_path("conversion", i), "converted score is not finite");
    }
  } else if (!conversion.empty()) {
    check.fail("conversion", "given, but only used with rule lookup (rule is " + std::string(to_string(rule)) + ")");
  }

  check.range("", score_min, score_max);
  check.cutoffs("cutoffs", cutoffs, score_min, score_max);
  check.missing("missing", missing, items);

  {
    std::set<std::string> ids;
    for (std::size_t k = 0; k < subscales.size(); ++k) {
      const auto& sub = subscales[k];
      const std::string here = index_path("subscales", k);
      if (sub.id.empty()) check.fail(here + ".id", "is empty");
      if (!ids.insert(sub.id).second) check.fail(here + ".id", "'" + sub.id + "' is repeated");
      check.item_list(here + ".items", sub.items, true);
      check.range(here + ".", sub.score_min, sub.score_max);
      check.cutoffs(here + ".cutoffs", sub.cutoffs, sub.score_min, sub.score_max);
      check.missing(here + ".missing", sub.missing, static_cast<int>(sub.items.size()));
    }
  }

  for (std::size_t i = 0; i < facts.size(); ++i) {
    if (facts[i].what.empty()) check.fail(index_path("facts", i) + ".what", "is empty");
  }
}

}  // namespace socialcure

#pragma once
/// \file
/// \brief Definitions of validated scales: items, response codes, keys, scoring rule, subscales,
/// score range and direction, published cut-offs and the missing-item rule, with the confidence of
/// each fact. No item wording is stored.
///
/// A definition is plain data: build one in code, take one from the catalogue
/// (socialcure/measures/catalogue.hpp), or load one from JSON (socialcure/measures/scale_loader.hpp).
/// `validate()` checks it is coherent; scoring (socialcure/measures/scoring.hpp) relies on that.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace socialcure {

/// \brief How well a fact about a scale is established (docs/methods/scales.md, "Confidence tags").
enum class fact_confidence {
  confirmed,      ///< stated by two or more independent sources
  single_source,  ///< stated by one credible source only
  unconfirmed,    ///< an inference or an untraced convention: verify before relying on it
};

/// \brief "confirmed", "single_source", "unconfirmed".
[[nodiscard]] std::string_view to_string(fact_confidence c) noexcept;

/// \brief How item responses become a score.
enum class scoring_rule {
  sum,                ///< sum of the (reverse-keyed) item codes
  mean,               ///< mean of the (reverse-keyed) item codes
  dichotomous_count,  ///< each item scores 1 when its code is among the item's scoring codes (De Jong Gierveld)
  lookup,             ///< sum of the item codes, converted by a table (SWEMWBS raw -> metric)
  none,               ///< no composite: items are reported one by one (ONS4)
};

/// \brief "sum", "mean", "dichotomous_count", "lookup", "none".
[[nodiscard]] std::string_view to_string(scoring_rule rule) noexcept;

/// \brief What happens when items are missing.
enum class missing_policy {
  complete_only,   ///< every item must be answered
  prorate,         ///< up to max_missing items missing: mean of the answered items (x number of items for sums)
  count_answered,  ///< up to max_missing items missing: the rule applied to the answered items, unscaled
};

/// \brief "complete_only", "prorate", "count_answered".
[[nodiscard]] std::string_view to_string(missing_policy policy) noexcept;

/// \brief The missing-item rule.
struct missing_rule {
  missing_policy policy = missing_policy::complete_only;
  int max_missing = 0;  ///< most items that may be missing (0 with complete_only)
};

/// \brief Which direction of change is an improvement.
enum class improvement { lower, higher, none };

/// \brief "lower", "higher", "none".
[[nodiscard]] std::string_view to_string(improvement better) noexcept;

/// \brief A response option: its stored code and label.
struct response_option {
  int code = 0;
  std::string label;
};

/// \brief A score band [min, max] (inclusive) with its label.
struct score_category {
  double min = 0.0;
  double max = 0.0;
  std::string label;
};

/// \brief A published set of cut-offs, with where it comes from and how sure that is.
struct cutoff_set {
  std::string name;    ///< e.g. "manual bands"
  std::string source;  ///< citation of the cut-offs
  fact_confidence confidence = fact_confidence::confirmed;
  std::vector<score_category> categories;  ///< in increasing score order, not overlapping
};

/// \brief A subscale: a subset of the items scored by the scale's rule.
struct subscale {
  std::string id;
  std::string name;
  std::vector<int> items;  ///< 1-based item positions in the scale
  double score_min = 0.0;
  double score_max = 0.0;
  missing_rule missing;
  std::vector<cutoff_set> cutoffs;
};

/// \brief A fact about the scale and its confidence, e.g. {"response codes", unconfirmed}.
struct scale_fact {
  std::string what;
  fact_confidence confidence = fact_confidence::confirmed;
};

/// \brief A validated scale.
struct scale_definition {
  std::string id;        ///< catalogue id, e.g. "ucla3"
  std::string name;
  std::string citation;
  std::string construct;
  int items = 0;                        ///< number of items
  std::vector<std::string> item_names;  ///< suggested column names (empty, or one per item)
  int min_code = 1;                     ///< lowest response code
  int max_code = 1;                     ///< highest response code
  std::vector<response_option> options;  ///< labels of the codes (optional)
  std::vector<int> reverse_items;        ///< 1-based; reversed as (min_code + max_code) - code
  scoring_rule rule = scoring_rule::sum;
  /// dichotomous_count: per item, the codes that score 1 (one list per item).
  std::vector<std::vector<int>> scoring_codes;
  /// lookup: (raw sum, converted score) for every attainable raw sum.
  std::vector<std::pair<double, double>> conversion;
  std::vector<subscale> subscales;
  double score_min = 0.0;
  double score_max = 0.0;
  std::string higher_means;  ///< e.g. "lonelier"
  improvement better = improvement::none;
  std::vector<cutoff_set> cutoffs;  ///< the first set gives the category reported with a score
  missing_rule missing;
  std::vector<scale_fact> facts;  ///< the confidence of each fact; anything unconfirmed is listed here
  std::string licence;

  /// \brief Whether any fact is unconfirmed.
  [[nodiscard]] bool has_unconfirmed() const;

  /// \brief Checks coherence. \throws argument_error naming the scale, the field and the problem
  /// (e.g. "scale 'x': reverse_items: item 7 is outside 1..6").
  void validate() const;
};

}  // namespace socialcure

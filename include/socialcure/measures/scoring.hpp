#pragma once
/// \file
/// \brief Scoring validated scales for one respondent or a whole table, with validation of every
/// response and the scale's missing-item rule.
///
/// A response outside the scale's codes, or not an integer, is an error naming the respondent, the
/// item (column), the value and the allowed codes, or, under invalid_response_policy::set_missing,
/// is treated as missing and counted. Nothing is clamped. Items are reverse-keyed as
/// (min_code + max_code) - code before scoring. Missing items follow the scale's rule
/// (complete_only, prorate, count_answered). A score that lies between two bands of the first
/// cut-off set takes the lower band (bands are read as lower bounds). Every input row gets a result:
/// one that cannot be scored has a missing score and the reason.

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "socialcure/core/error.hpp"
#include "socialcure/data/table.hpp"
#include "socialcure/measures/scale.hpp"

namespace socialcure {

/// \brief What to do with a response that is not one of the scale's codes.
enum class invalid_response_policy {
  error,        ///< throw a data_error naming respondent, item, value and allowed codes (default)
  set_missing,  ///< treat it as missing and count it
};

/// \brief Settings of scoring.
struct scoring_options {
  invalid_response_policy on_invalid = invalid_response_policy::error;
};

/// \brief One respondent's score.
struct respondent_score {
  std::string id;              ///< from the id column, or "row N" (1-based) without one
  double score = 0.0;          ///< missing when the scale could not be scored (see `reason`)
  std::string category;        ///< band of the first cut-off set (empty when none or not scored)
  int items_answered = 0;      ///< valid, non-missing responses
  int invalid_set_missing = 0; ///< responses outside the codes that were set missing
  bool prorated = false;       ///< the score was prorated over missing items
  std::string reason;          ///< why there is no score (empty when scored)
  std::vector<double> subscale_scores;  ///< one per subscale of the definition (missing when not scorable)
};

/// \brief Scores of a table of respondents.
struct scale_scores {
  std::string scale_id;
  std::vector<std::string> subscale_ids;
  std::vector<respondent_score> respondents;  ///< every input row, in order
  std::size_t n_scored = 0;
  std::size_t n_unscorable = 0;
  std::size_t n_invalid_set_missing = 0;  ///< responses set missing under set_missing
  std::size_t n_prorated = 0;
};

/// \brief Scores one respondent. `responses` holds the item codes in the scale's item order
/// (missing_value for a missing answer); `where` names the respondent in errors (its `item` is
/// filled in per item from `item_labels` when given).
/// \throws data_error on an invalid response under invalid_response_policy::error; argument_error
/// when the number of responses differs from the scale's items.
[[nodiscard]] respondent_score score_respondent(const scale_definition& scale, std::span<const double> responses,
                                                const scoring_options& options = {}, const location& where = {},
                                                std::span<const std::string> item_labels = {});

/// \brief Scores every row of a table; `item_columns` maps the scale's items, in order, to numeric
/// columns (by name, so column order in the file does not matter); `id_column` is optional.
/// \throws argument_error on a wrong number of columns, an unknown or text item column;
/// data_error as score_respondent, with the file and line of the row.
[[nodiscard]] scale_scores score_table(const scale_definition& scale, const table& data,
                                       const std::vector<std::string>& item_columns,
                                       const std::string& id_column = {}, const scoring_options& options = {});

}  // namespace socialcure

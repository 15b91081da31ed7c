#include "socialcure/measures/scoring.hpp"

#include <algorithm>
#include <cmath>

#include "socialcure/core/missing.hpp"
#include "socialcure/core/number.hpp"

namespace socialcure {

namespace {

struct subset_score {
  double score = missing_value;
  bool prorated = false;
  std::string reason;
};

// Scores the items at 0-based `positions` of the (validated, reverse-keyed) codes.
subset_score score_subset(const scale_definition& scale, const std::vector<double>& codes,
                          const std::vector<int>& positions, const missing_rule& rule) {
  const auto k = static_cast<int>(positions.size());
  int answered = 0;
  double sum = 0.0;
  int count = 0;  // dichotomous: items scoring 1
  for (int position : positions) {
    const double code = codes[static_cast<std::size_t>(position)];
    if (is_missing(code)) continue;
    ++answered;
    sum += code;
    if (scale.rule == scoring_rule::dichotomous_count) {
      const auto& ones = scale.scoring_codes[static_cast<std::size_t>(position)];
      count += std::find(ones.begin(), ones.end(), static_cast<int>(code)) != ones.end() ? 1 : 0;
    }
  }
  subset_score out;
  const int missing = k - answered;
  if (missing > 0) {
    if (rule.policy == missing_policy::complete_only) {
      out.reason = std::to_string(missing) + " of " + std::to_string(k) + " items missing (every item is needed)";
      return out;
    }
    if (missing > rule.max_missing) {
      out.reason = std::to_string(missing) + " of " + std::to_string(k) + " items missing (at most " +
                   std::to_string(rule.max_missing) + " allowed)";
      return out;
    }
  }
  const bool prorate = missing > 0 && rule.policy == missing_policy::prorate;
  switch (scale.rule) {
    case scoring_rule::sum: out.score = prorate ? sum / answered * k : sum; break;
    case scoring_rule::mean: out.score = sum / answered; break;
    case scoring_rule::dichotomous_count: out.score = count; break;
    case scoring_rule::lookup: {
      const auto it = std::find_if(scale.conversion.begin(), scale.conversion.end(),
                                   [&](const auto& entry) { return entry.first == sum; });
      if (it == scale.conversion.end()) {
        out.reason = "raw sum " + format_number(sum) + " is not in the conversion table";
        return out;
      }
      out.score = it->second;
      break;
    }
    case scoring_rule::none:
      // No composite: a single-item subscale (ONS4's items) is that item's answer.
      if (k == 1 && answered == 1) {
        out.score = sum;
        break;
      }
      out.reason = "the scale has no composite score (items are reported one by one)";
      return out;
  }
  out.prorated = prorate;
  return out;
}

std::string category_of(const std::vector<cutoff_set>& cutoffs, double score) {
  if (cutoffs.empty() || is_missing(score)) return {};
  std::string label;
  for (const auto& band : cutoffs.front().categories) {
    if (score >= band.min) label = band.label;
  }
  return label;
}

std::string allowed_codes(const scale_definition& scale) {
  return "integer codes " + std::to_string(scale.min_code) + ".." + std::to_string(scale.max_code);
}

// The item positions (0-based) of the whole scale and of each subscale, computed once per scale.
struct scoring_plan {
  std::vector<int> all;
  std::vector<std::vector<int>> subscales;

  explicit scoring_plan(const scale_definition& scale) {
    for (int i = 0; i < scale.items; ++i) all.push_back(i);
    for (const auto& sub : scale.subscales) {
      std::vector<int> positions;
      for (int item : sub.items) positions.push_back(item - 1);
      subscales.push_back(std::move(positions));
    }
  }
};

// Scores one respondent. `where(i)` gives the location of item i for an error message; it is
// called only when there is an error, so the scoring loop builds no strings.
template <typename Where>
respondent_score score_with_plan(const scale_definition& scale, const scoring_plan& plan,
                                 std::span<const double> responses, const scoring_options& options, Where&& where) {
  respondent_score out;
  std::vector<double> codes(responses.begin(), responses.end());
  for (std::size_t i = 0; i < codes.size(); ++i) {
    const double v = codes[i];
    if (is_missing(v)) continue;
    const bool valid = v == std::floor(v) && v >= scale.min_code && v <= scale.max_code;
    if (!valid) {
      if (options.on_invalid == invalid_response_policy::error) {
        throw data_error(where(i), "response outside the codes of scale '" + scale.id + "'", format_number(v),
                         allowed_codes(scale));
      }
      codes[i] = missing_value;
      ++out.invalid_set_missing;
      continue;
    }
    ++out.items_answered;
  }
  for (int item : scale.reverse_items) {
    double& v = codes[static_cast<std::size_t>(item - 1)];
    // In double: the sum of two ints may overflow int (codes near the limits of a loaded definition).
    if (!is_missing(v)) v = static_cast<double>(scale.min_code) + scale.max_code - v;
  }
  const subset_score total = score_subset(scale, codes, plan.all, scale.missing);
  out.score = total.score;
  out.prorated = total.prorated;
  out.reason = total.reason;
  out.category = category_of(scale.cutoffs, out.score);
  for (std::size_t k = 0; k < scale.subscales.size(); ++k) {
    out.subscale_scores.push_back(score_subset(scale, codes, plan.subscales[k], scale.subscales[k].missing).score);
  }
  return out;
}

}  // namespace

respondent_score score_respondent(const scale_definition& scale, std::span<const double> responses,
                                  const scoring_options& options, const location& where,
                                  std::span<const std::string> item_labels) {
  if (static_cast<int>(responses.size()) != scale.items) {
    throw argument_error("scale '" + scale.id + "' has " + std::to_string(scale.items) + " items; " +
                         std::to_string(responses.size()) + " responses were given");
  }
  return score_with_plan(scale, scoring_plan(scale), responses, options, [&](std::size_t i) {
    location at = where;
    at.item = i < item_labels.size() ? item_labels[i]
                                     : (i < scale.item_names.size() ? scale.item_names[i] : "item " + std::to_string(i + 1));
    if (i < item_labels.size() && at.column.empty()) at.column = item_labels[i];
    return at;
  });
}

scale_scores score_table(const scale_definition& scale, const table& data, const std::vector<std::string>& item_columns,
                         const std::string& id_column, const scoring_options& options) {
  scale.validate();
  if (static_cast<int>(item_columns.size()) != scale.items) {
    throw argument_error("scale '" + scale.id + "' has " + std::to_string(scale.items) + " items; " +
                         std::to_string(item_columns.size()) + " item columns were given");
  }
  std::vector<std::span<const double>> columns;
  for (const auto& name : item_columns) {
    const column& c = data.get(name);
    if (!c.is_numeric()) {
      throw argument_error(data.source() + ": item column '" + name + "' is text; item responses must be numeric codes");
    }
    columns.push_back(c.numbers());
  }
  const column* ids = id_column.empty() ? nullptr : &data.get(id_column);
  const scoring_plan plan(scale);

  scale_scores out;
  out.scale_id = scale.id;
  for (const auto& sub : scale.subscales) out.subscale_ids.push_back(sub.id);
  out.respondents.reserve(data.rows());
  std::vector<double> responses(item_columns.size());
  for (std::size_t r = 0; r < data.rows(); ++r) {
    for (std::size_t j = 0; j < columns.size(); ++j) responses[j] = columns[j][r];
    std::string id = ids != nullptr && !ids->is_missing(r) ? ids->entry_text(r) : "row " + std::to_string(r + 1);
    respondent_score s = score_with_plan(scale, plan, responses, options, [&](std::size_t i) {
      return location{data.source(), data.source_line(r), item_columns[i], id, item_columns[i]};
    });
    s.id = std::move(id);
    if (is_missing(s.score) && s.reason.empty()) s.reason = "not scorable";
    (is_missing(s.score) ? out.n_unscorable : out.n_scored) += 1;
    out.n_invalid_set_missing += static_cast<std::size_t>(s.invalid_set_missing);
    out.n_prorated += s.prorated ? 1 : 0;
    out.respondents.push_back(std::move(s));
  }
  return out;
}

}  // namespace socialcure

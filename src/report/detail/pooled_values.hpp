#pragma once
// Internal to the report layer: the pooled-estimate table and JSON shared by the pooled regression
// (regression_report.cpp) and the pooled change (pooling_report.cpp).

#include <string>

#include <nlohmann/json.hpp>

#include "socialcure/analyses/pooling.hpp"

namespace socialcure::detail {

/// Rows term, estimate, se, t, df, p, CI, fmi, riv, lambda; with `exp_label` the exponentiated
/// estimate and limits under that heading.
[[nodiscard]] std::string pooled_table(const pooling_result& pooled, const char* exp_label = nullptr);

/// {estimate, se, statistic, statistic_type "t", df, p, ci_lower, ci_upper} then {fmi, riv, lambda,
/// within, between} appended by add_pooling_json.
[[nodiscard]] nlohmann::ordered_json pooled_estimate_json(const pooled_estimate& e);
void add_pooling_json(nlohmann::ordered_json& j, const pooled_estimate& e);

/// What fmi, riv and lambda mean, for the end of a text report.
[[nodiscard]] std::string pooling_legend();

}  // namespace socialcure::detail

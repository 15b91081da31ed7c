#pragma once
/// \file
/// \brief Reports of descriptive statistics (socialcure::describe) as text and JSON.

#include <string>

#include "socialcure/data/describe.hpp"

namespace socialcure {

/// \brief The summary as an aligned text table (one row per column of the data), then, when
/// columns have value labels, a "Value labels" section with one "column: value = label" line each.
[[nodiscard]] std::string describe_text(const table_summary& summary);

/// \brief The summary as one JSON object with "schema": "socialcure.describe/1": `source`,
/// `rows`, `columns`, a list of {name, type, n, n_missing, min, max, mean, sd, distinct}, and
/// `value_labels`, an object mapping each labelled column to a list of {value, label} (empty
/// when there are none).
/// Numbers are written at full precision (they read back exactly); a missing statistic is null.
[[nodiscard]] std::string describe_json(const table_summary& summary);

}  // namespace socialcure

#pragma once
/// \file
/// \brief Reports of group-membership results: text summary, per-person CSV, JSON
/// ("schema": "socialcure.groups/1": `n_people`, `waves`, `from`, `to`, `rows_excluded`,
/// `people` (each: `id`, `waves` {wave: metrics or null when not surveyed}, `transition`
/// {maintained, gained, lost, continuity, net_change, change: the metrics' differences}), and
/// `summary` (per wave: n_surveyed, mean_groups, sd_groups, distribution, mean and sd of every
/// metric; share_gained_any)).

#include <string>

#include "socialcure/measures/groups.hpp"

namespace socialcure {

/// \brief The cohort summary as text.
[[nodiscard]] std::string groups_text(const group_results& results);
/// \brief One row per person (group_results_table) as CSV.
[[nodiscard]] std::string groups_csv(const group_results& results, const std::string& id_column = "id");
/// \brief Everything as JSON (schema socialcure.groups/1).
[[nodiscard]] std::string groups_json(const group_results& results);

}  // namespace socialcure

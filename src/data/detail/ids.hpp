#pragma once
/// \file
/// \brief Internal: respondent ids of a table, checked to be present and unique.

#include <cstddef>
#include <span>
#include <string>
#include <unordered_map>

#include "socialcure/data/table.hpp"

namespace socialcure::detail {

/// \brief Maps each id of `data`'s text column `id_column` to its row.
/// \throws argument_error when the column is absent or numeric; data_error (with file and line)
/// on a missing or repeated id.
[[nodiscard]] std::unordered_map<std::string, std::size_t> index_ids(const table& data, const std::string& id_column);

/// \brief If `name` is stem + separator + wave for one of `waves`, sets `stem` and `wave_index`.
[[nodiscard]] bool split_wave_suffix(const std::string& name, const std::string& separator,
                                     std::span<const std::string> waves, std::string& stem,
                                     std::size_t& wave_index);

}  // namespace socialcure::detail

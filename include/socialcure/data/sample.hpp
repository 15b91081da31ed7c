#pragma once
/// \file
/// \brief The bundled synthetic social-prescribing panel, embedded in the library.
///
/// The files are those of examples/data (see its README for the data-generating process):
/// "panel_wide.csv" (630 patients, wave variables with suffixes _t0/_t1), "panel_t0.csv" and
/// "panel_t1.csv" (one file per wave), "groups_long.csv" (one row per person, wave and group).
/// They are synthetic: no real patients.

#include <string>
#include <string_view>
#include <vector>

#include "socialcure/data/csv.hpp"
#include "socialcure/data/table.hpp"

namespace socialcure {

/// \brief Names of the bundled sample files.
[[nodiscard]] std::vector<std::string> sample_file_names();

/// \brief The text of a bundled sample file. \throws argument_error listing the names on a miss.
[[nodiscard]] std::string_view sample_file(std::string_view name);

/// \brief Reads a bundled sample file as CSV; the table's source is "<sample>/NAME".
[[nodiscard]] table read_sample(std::string_view name, const csv_options& options = {});

}  // namespace socialcure

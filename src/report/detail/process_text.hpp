#pragma once
/// \file
/// \brief Internal: pieces of the PROCESS-style text output shared by the mediation and the
/// moderation reports.

#include <string>

#include "socialcure/report/text_table.hpp"

namespace socialcure::detail {

/// \brief The line of asterisks between PROCESS's output sections.
inline constexpr const char* process_rule =
    "**************************************************************************\n";

/// \brief A value with four decimals, as PROCESS prints coefficients.
inline std::string f4(double v) { return format_fixed(v, 4); }

}  // namespace socialcure::detail

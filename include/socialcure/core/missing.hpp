#pragma once
/// \file
/// \brief The explicit missing value for numeric data.
///
/// socialcure stores a missing numeric value as a quiet NaN. Readers never produce NaN from data
/// ("nan" in a file is rejected unless declared a missing code), so NaN in a column always means
/// "missing" and nothing else.

#include <cmath>
#include <limits>

namespace socialcure {

/// \brief The missing value (a quiet NaN).
inline constexpr double missing_value = std::numeric_limits<double>::quiet_NaN();

/// \brief Whether a numeric value is missing.
[[nodiscard]] inline bool is_missing(double value) noexcept { return std::isnan(value); }

}  // namespace socialcure

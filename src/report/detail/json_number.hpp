#pragma once
// Internal to the report layer: a double as JSON, null when missing or not finite.

#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

namespace socialcure::detail {

inline nlohmann::ordered_json json_number(double value) {
  return std::isfinite(value) ? nlohmann::ordered_json(value) : nlohmann::ordered_json(nullptr);
}

/// The JSON text, indented by 2, with invalid UTF-8 (e.g. a Latin-1 column name) replaced by U+FFFD
/// instead of throwing.
inline std::string dump_json(const nlohmann::ordered_json& j) {
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace socialcure::detail

#pragma once
// Internal to the report layer: a double as JSON, null when missing or not finite.

#include <cmath>

#include <nlohmann/json.hpp>

namespace socialcure::detail {

inline nlohmann::ordered_json json_number(double value) {
  return std::isfinite(value) ? nlohmann::ordered_json(value) : nlohmann::ordered_json(nullptr);
}

}  // namespace socialcure::detail

#pragma once
// Internal: a scale definition as a JSON value, in the format scale_from_json reads (scale_to_json
// is its text; the report layer composes the value).

#include <nlohmann/json.hpp>

#include "socialcure/measures/scale.hpp"

namespace socialcure::detail {

[[nodiscard]] nlohmann::ordered_json scale_definition_json(const scale_definition& scale);

}  // namespace socialcure::detail

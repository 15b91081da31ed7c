#pragma once
/// \file
/// \brief Scale definitions read from and written to JSON.
///
/// The JSON object uses the field names of scale_definition; enums are the strings the
/// to_string functions give ("sum", "complete_only", "unconfirmed", "higher", ...); `conversion`
/// is a list of [raw, converted] pairs; `options`, `subscales`, `cutoffs` (with `categories`),
/// `missing` and `facts` are nested objects with the field names of their structs. Required keys:
/// id, name, items, min_code, max_code, rule (and, when present: options[].code, subscales[].id,
/// subscales[].items, cutoffs[].categories, categories[].min and .max, facts[].what); the
/// others default as in the structs. Unknown and repeated keys are errors. Numbers may be written
/// as integers or decimals wherever a number is expected. The catalogue entries are files in this
/// format (data/scales/<id>.json in the source tree, share/socialcure/scales/ when installed):
/// copy one to start a scale of your own.
///
/// Example:
/// \code
/// {"id": "my3", "name": "My 3-item scale", "items": 3, "min_code": 1, "max_code": 5,
///  "rule": "mean", "reverse_items": [2], "score_min": 1, "score_max": 5,
///  "missing": {"policy": "prorate", "max_missing": 1}}
/// \endcode

#include <string>
#include <string_view>

#include "socialcure/measures/scale.hpp"

namespace socialcure {

/// \brief Reads a scale definition from JSON text and validates it.
/// \param json_text the JSON object
/// \param source    name of the text for messages (a file name, or a label such as "<string>")
/// \throws data_error naming `source`, and the JSON key path (e.g. `subscales[1].items[2]`) or,
/// for a syntax error, the line: on bad JSON, unknown or repeated keys, missing required keys,
/// values of the wrong type or outside the allowed values, and definitions that fail
/// scale_definition::validate()
[[nodiscard]] scale_definition scale_from_json(std::string_view json_text, const std::string& source);

/// \brief Reads a scale definition from a JSON file (see scale_from_json).
/// \throws data_error naming the file when it cannot be read or is not a valid definition
[[nodiscard]] scale_definition load_scale(const std::string& path);

/// \brief The definition as JSON text in the format scale_from_json reads (every field written,
/// indented by 2); scale_from_json(scale_to_json(s), ...) gives back `s` field by field.
[[nodiscard]] std::string scale_to_json(const scale_definition& scale);

}  // namespace socialcure

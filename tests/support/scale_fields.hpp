#pragma once
// Every field of a scale definition as text, one line per value ("ucla3.cutoffs[0].categories[1].max = 9"),
// with the size of every list, so that two catalogues can be compared field by field and the first
// difference named. Used by tests/tools/dump_catalogue.cpp (which wrote the pin of the catalogue,
// tests/measures/data/catalogue_fields.txt) and by tests/measures/catalogue_pin_test.cpp.

#include <string>
#include <vector>

#include "socialcure/measures/scale.hpp"

namespace socialcure_test {

/// \brief The fields of `scale`, each line "<id>.<path> = <value>" and a newline; strings are quoted
/// (quotes, backslashes and newlines escaped with a backslash), numbers are written with 17
/// significant digits, enums as their to_string names.
[[nodiscard]] std::string scale_fields(const socialcure::scale_definition& scale);

/// \brief scale_fields of every scale, in order.
[[nodiscard]] std::string scale_fields(const std::vector<socialcure::scale_definition>& scales);

}  // namespace socialcure_test

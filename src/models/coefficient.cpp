#include "socialcure/models/coefficient.hpp"

#include "socialcure/core/error.hpp"

namespace socialcure {

const coefficient& find_coefficient(std::span<const coefficient> coefficients, std::string_view term) {
  for (const auto& c : coefficients) {
    if (c.term == term) return c;
  }
  std::string available;
  for (const auto& c : coefficients) available += (available.empty() ? "" : ", ") + c.term;
  throw argument_error("no term '" + std::string(term) + "' in the model (terms: " + available + ")");
}

}  // namespace socialcure

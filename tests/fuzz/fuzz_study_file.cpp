// Fuzz target for socialcure::parse_study (include/socialcure/study/study_file.hpp).
//
// Input: the TOML text. Relative file names are taken from examples/data of the source tree, so
// that `file = "belonging.json"` (a custom scale definition of the sample study) loads.
//
// Properties:
//   * only socialcure::data_error and socialcure::argument_error leave parse_study, and a
//     data_error names the source ("\throws data_error naming `source`");
//   * a study that parses is valid (study_definition::validate() does not throw), and each of its
//     scales has a valid definition with as many items as the study lists, and each of its models
//     is of a known kind.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "socialcure/study/study.hpp"
#include "socialcure/study/study_file.hpp"
#include "socialcure/core/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  socialcure::study_definition study;
  try {
    study = socialcure::parse_study(text, "fuzz.toml", SOCIALCURE_FUZZ_DATA_DIR);
  } catch (const socialcure::data_error& e) {
    SOCIALCURE_FUZZ_CHECK(e.where().file == "fuzz.toml");
    return 0;
  } catch (const socialcure::argument_error&) {
    return 0;
  }
  study.validate();  // must not throw: parse_study validates
  for (const auto& scale : study.scales) {
    SOCIALCURE_FUZZ_CHECK(scale.definition.has_value());
    scale.definition->validate();  // must not throw: catalogue entries and loaded files are valid
    SOCIALCURE_FUZZ_CHECK(scale.items.size() == static_cast<std::size_t>(scale.definition->items));
  }
  for (const auto& model : study.models) SOCIALCURE_FUZZ_CHECK(!model.type().empty());  // a known kind
  return 0;
}

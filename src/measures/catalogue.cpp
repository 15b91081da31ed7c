// The catalogue of validated scales: the JSON definitions in data/scales/ (one file per entry, in the
// scale loader's format), embedded into the library at build time by cmake/EmbedFiles.cmake and
// parsed with scale_from_json once, on first use. No item wording is stored.
#include "socialcure/measures/catalogue.hpp"

#include <cstddef>
#include <set>
#include <string>
#include <string_view>

#include "socialcure/core/error.hpp"
#include "socialcure/measures/scale_loader.hpp"

namespace socialcure {

namespace detail {
// Generated from the files of data/scales/ (cmake/EmbedFiles.cmake, STEM embedded_scale), in the
// order of SOCIALCURE_SCALE_FILES in CMakeLists.txt.
std::string_view find_embedded_scale(std::string_view name) noexcept;
std::string_view embedded_scale_name(std::size_t index) noexcept;
}  // namespace detail

namespace {

std::vector<scale_definition> build() {
  std::vector<scale_definition> all;
  std::set<std::string> ids;
  for (std::size_t i = 0; !detail::embedded_scale_name(i).empty(); ++i) {
    const std::string name(detail::embedded_scale_name(i));
    const std::string source = "data/scales/" + name;
    scale_definition s = scale_from_json(detail::find_embedded_scale(name), source);
    if (name != s.id + ".json" || !ids.insert(s.id).second) {
      location where;
      where.file = source;
      throw data_error(where, "a catalogue file must be named after its id, and ids must be unique", s.id);
    }
    all.push_back(std::move(s));
  }
  return all;
}

}  // namespace

const std::vector<scale_definition>& scale_catalogue() {
  static const std::vector<scale_definition> catalogue = build();
  return catalogue;
}

const scale_definition& find_scale(std::string_view id) {
  const auto& all = scale_catalogue();
  for (const auto& s : all) {
    if (s.id == id) return s;
  }
  std::string ids;
  for (const auto& s : all) ids += (ids.empty() ? "" : ", ") + s.id;
  throw argument_error("no scale '" + std::string(id) + "' in the catalogue (available: " + ids + ")");
}

}  // namespace socialcure

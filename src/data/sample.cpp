#include "socialcure/data/sample.hpp"

#include <cstddef>

#include "socialcure/core/error.hpp"

namespace socialcure {

namespace detail {
// Defined in the generated sample_data.cpp (cmake/EmbedFiles.cmake).
std::string_view find_embedded_file(std::string_view name) noexcept;
std::string_view embedded_file_name(std::size_t index) noexcept;
}  // namespace detail

std::vector<std::string> sample_file_names() {
  std::vector<std::string> names;
  for (std::size_t i = 0; !detail::embedded_file_name(i).empty(); ++i) {
    names.emplace_back(detail::embedded_file_name(i));
  }
  return names;
}

std::string_view sample_file(std::string_view name) {
  const std::string_view text = detail::find_embedded_file(name);
  if (text.empty()) {
    std::string available;
    for (const auto& n : sample_file_names()) available += (available.empty() ? "" : ", ") + n;
    throw argument_error("no bundled sample file named '" + std::string(name) + "' (available: " + available + ")");
  }
  return text;
}

table read_sample(std::string_view name, const csv_options& options) {
  return parse_csv(sample_file(name), "<sample>/" + std::string(name), options);
}

}  // namespace socialcure

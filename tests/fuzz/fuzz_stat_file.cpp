// Fuzz target for socialcure::read_stat_file (include/socialcure/data/stat_file.hpp).
//
// Input: byte 0 chooses the file type and the options, byte 1 which variables they name; the rest
// is written to a temporary file that read_stat_file then reads (ReadStat parses files by name).
//   byte 0, bits 0-1: the file name's extension (0 and 2: .sav, 1: .dta, 3: .por); bit 2: user-
//   defined missing values read as values; bit 3: missing codes "-99" and "."; bit 4: a second
//   read with an id column; bit 5: ... and a text column; bit 6: ... keeping one column.
//   byte 1: bits 0-2 pick the id variable, bits 3-4 the text one, bits 5-7 the kept one, among
//   the variables of the first read.
//
// ReadStat is the system library (not instrumented): coverage guidance reaches our wrapper only,
// and a memory error inside ReadStat shows only when it crashes.
//
// Properties (from the documentation of stat_file.hpp and table.hpp):
//   * only socialcure::data_error and socialcure::argument_error leave read_stat_file, and a
//     data_error names the file;
//   * a file read has at least one row and one variable entry per column, with the column's name
//     and type; the source line of row i is i + 1; numeric columns hold finite numbers or NaN
//     (missing), missing texts are empty strings; an id column is text with no missing and no
//     repeated id.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <unordered_set>
#include <vector>

#include <unistd.h>

#include "fuzz_check.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/core/missing.hpp"
#include "socialcure/data/stat_file.hpp"

namespace {

using socialcure::stat_file;
using socialcure::stat_file_options;

void check_file(const stat_file& f, const stat_file_options& options) {
  const auto& t = f.data;
  SOCIALCURE_FUZZ_CHECK(f.rows >= 1);
  SOCIALCURE_FUZZ_CHECK(t.rows() == f.rows);
  SOCIALCURE_FUZZ_CHECK(f.variables.size() == t.cols());
  SOCIALCURE_FUZZ_CHECK(t.source_lines().size() == t.rows());
  for (std::size_t i = 0; i < t.rows(); ++i) SOCIALCURE_FUZZ_CHECK(t.source_line(i) == i + 1);
  for (std::size_t j = 0; j < t.cols(); ++j) {
    const auto& c = t.at(j);
    SOCIALCURE_FUZZ_CHECK(c.name() == f.variables[j].name);
    SOCIALCURE_FUZZ_CHECK(c.type() == f.variables[j].type);
    SOCIALCURE_FUZZ_CHECK(c.size() == t.rows());
    for (std::size_t i = 0; i < t.rows(); ++i) {
      if (c.is_numeric()) {
        const double v = c.numbers()[i];
        SOCIALCURE_FUZZ_CHECK(std::isfinite(v) || socialcure::is_missing(v));
      } else if (c.is_missing(i)) {
        SOCIALCURE_FUZZ_CHECK(c.strings()[i].empty());
      }
    }
  }
  if (!options.id_column.empty()) {
    const auto& ids = t.get(options.id_column);
    SOCIALCURE_FUZZ_CHECK(!ids.is_numeric());
    std::unordered_set<std::string> seen;
    for (std::size_t i = 0; i < t.rows(); ++i) {
      SOCIALCURE_FUZZ_CHECK(!ids.is_missing(i));
      SOCIALCURE_FUZZ_CHECK(seen.insert(ids.strings()[i]).second);
    }
  }
}

// Reads and checks; returns the column names (none when the file was rejected).
std::vector<std::string> read_and_check(const std::string& path, const stat_file_options& options) {
  stat_file f;
  try {
    f = socialcure::read_stat_file(path, options);
  } catch (const socialcure::data_error& e) {
    SOCIALCURE_FUZZ_CHECK(e.where().file == path);
    return {};
  } catch (const socialcure::argument_error&) {
    return {};
  }
  check_file(f, options);
  return f.data.names();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const unsigned choice = data[0];
  const unsigned pick = data[1];
  static constexpr const char* extensions[] = {".sav", ".dta", ".sav", ".por"};
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("socialcure_fuzz_" + std::to_string(::getpid()) + extensions[choice & 0x3U]))
                               .string();
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data + 2), static_cast<std::streamsize>(size - 2));
    SOCIALCURE_FUZZ_CHECK(out.good());
  }

  stat_file_options options;
  options.user_missing_as_missing = (choice & 0x04U) == 0;
  if ((choice & 0x08U) != 0) options.missing_codes = {"-99", "."};
  const std::vector<std::string> names = read_and_check(path, options);
  if (!names.empty() && (choice & 0x70U) != 0) {
    auto name = [&names](unsigned k) { return names[k % names.size()]; };
    if ((choice & 0x10U) != 0) options.id_column = name(pick & 0x7U);
    if ((choice & 0x20U) != 0) options.text_columns = {name((pick >> 3) & 0x3U)};
    if ((choice & 0x40U) != 0) options.columns = {name((pick >> 5) & 0x7U)};
    read_and_check(path, options);
  }
  std::error_code ignored;
  std::filesystem::remove(path, ignored);
  return 0;
}
